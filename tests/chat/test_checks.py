"""Who may moderate, the asking cooldown, and message questions (pure parts)."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.chat.checks import AskCooldown, actor, is_moderator, may_edit_knowledge
from bot.chat.cogs.ask import extract_question
from bot.config import CooldownConfig

MOD_ROLE = 111


@pytest.mark.parametrize(
    "roles, permissions, allowed",
    [
        ([], discord.Permissions.none(), False),
        ([5, 6], discord.Permissions(send_messages=True), False),
        ([MOD_ROLE], discord.Permissions.none(), True),
        ([], discord.Permissions(manage_guild=True), True),
        ([], discord.Permissions(administrator=True), True),
        ([], discord.Permissions(manage_messages=True, kick_members=True), False),
    ],
)
def test_is_moderator(roles, permissions, allowed):
    assert is_moderator(roles, permissions, (MOD_ROLE,)) is allowed


def test_actor_and_knowledge_guilds():
    assert actor(discord.Object(id=42)) == "discord:42"
    assert may_edit_knowledge(5, (5, 6))
    assert not may_edit_knowledge(7, (5, 6))
    assert not may_edit_knowledge(None, (5,))


def test_cooldown_allows_rate_questions_per_window_per_user():
    cooldown = AskCooldown(CooldownConfig(rate=2, per_seconds=30))
    assert cooldown.hit(1, now=1000.0) is None
    assert cooldown.hit(1, now=1001.0) is None
    assert cooldown.hit(1, now=1002.0) == pytest.approx(28.0)
    assert cooldown.hit(2, now=1002.0) is None  # another user is not affected
    assert cooldown.hit(1, now=1031.0) is None  # the window has passed


def test_cooldown_check_raises_the_app_command_error():
    cooldown = AskCooldown(CooldownConfig(rate=1, per_seconds=60))
    cooldown.check(9)
    with pytest.raises(app_commands.CommandOnCooldown) as info:
        cooldown.check(9)
    assert 59 < info.value.retry_after <= 60


BOT = 999
ASK_CHANNEL = 50


@pytest.mark.parametrize(
    "content, channel, answer_mentions, expected",
    [
        ("<@999> how far did it fly?", 1, True, "how far did it fly?"),
        ("<@!999>   how   far", 1, True, "how far"),
        ("how far, <@999>?", 1, True, "how far, ?"),
        ("<@999>", 1, True, ""),  # just a mention: the bot explains how to ask
        ("<@999> how far?", 1, False, None),  # mentions switched off
        ("<@998> how far?", 1, True, None),  # someone else
        ("how far did it fly?", ASK_CHANNEL, True, "how far did it fly?"),
        ("how far did it fly?  ", ASK_CHANNEL, False, "how far did it fly?"),
        ("it flew far", ASK_CHANNEL, True, None),  # not a question
        ("how far did it fly?", 1, True, None),  # not an ask channel
    ],
)
def test_extract_question(content, channel, answer_mentions, expected):
    question = extract_question(
        content,
        bot_id=BOT,
        channel_id=channel,
        answer_mentions=answer_mentions,
        ask_channel_ids=(ASK_CHANNEL,),
    )
    assert question == expected


def test_extract_question_caps_length():
    question = extract_question(
        "<@999> " + "x" * 1000, bot_id=BOT, channel_id=1, answer_mentions=True, ask_channel_ids=()
    )
    assert question is not None and len(question) == 300
