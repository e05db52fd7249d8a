"""The bot's shape: intents, commands, checks and permissions (no connection needed)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands

from bot.chat.checks import check_moderator
from bot.chat.client import FactBot, ShardedFactBot, build_intents, create_bot
from bot.config import Config, DiscordConfig
from bot.core.runtime import AsyncEngine

from .fake_engine import FakeEngine


def test_intents_without_ask_channels_need_no_privileged_intent():
    intents = build_intents(Config())
    assert intents.guilds and intents.guild_messages
    assert not intents.message_content
    assert not intents.members and not intents.presences


def test_ask_channels_need_message_content():
    intents = build_intents(Config(discord=DiscordConfig(ask_channel_ids=(1,))))
    assert intents.message_content and intents.guilds and intents.guild_messages


def test_shard_count_gives_an_auto_sharded_bot():
    engine = AsyncEngine(Config(), engine_factory=FakeEngine)
    assert type(create_bot(Config(), engine)) is FactBot
    sharded = create_bot(Config(discord=DiscordConfig(shard_count=3)), engine)
    assert isinstance(sharded, ShardedFactBot) and sharded.shard_count == 3


@pytest.fixture
async def loaded_bot() -> AsyncIterator[FactBot]:
    config = Config()
    engine = AsyncEngine(config, engine_factory=FakeEngine)
    bot = create_bot(config, engine)
    async with bot:
        await bot.setup_hook()
        yield bot
    await engine.close()


async def test_commands(loaded_bot: FactBot):
    names = sorted(c.name for c in loaded_bot.tree.get_commands())
    assert names == [
        "ask", "event", "export", "fact", "gaps", "notifications", "review", "settings",
        "source", "stats", "synonym",
    ]
    fact = loaded_bot.tree.get_command("fact")
    assert isinstance(fact, app_commands.Group)
    assert sorted(c.name for c in fact.commands) == [
        "add",
        "edit",
        "history",
        "list",
        "retract",
        "revert",
        "show",
    ]


def _leaves(bot: FactBot) -> list[app_commands.Command]:
    out = []
    for command in bot.tree.walk_commands():
        if isinstance(command, app_commands.Command):
            out.append(command)
    return out


async def test_every_moderation_command_has_the_runtime_check_and_default_permissions(
    loaded_bot: FactBot,
):
    everyone = ("ask", "notifications")  # the rest is for moderators
    moderation = [c for c in _leaves(loaded_bot) if c.name not in everyone]
    assert len(moderation) == 22  # 17, /event list, /source list, /synonym add|list|remove
    for command in moderation:
        assert check_moderator in command.checks, command.qualified_name
        top = command.root_parent or command
        assert top.default_permissions == discord.Permissions(manage_guild=True)
        assert top.guild_only
    payload = {
        c["name"]: c for c in (c.to_dict(loaded_bot.tree) for c in loaded_bot.tree.get_commands())
    }
    for name in ("fact", "source", "event", "export", "gaps", "review", "settings", "stats",
                 "synonym"):
        assert int(payload[name]["default_member_permissions"]) == 1 << 5  # Manage Server
        assert payload[name]["contexts"] == [0]  # guilds only
        assert payload[name]["dm_permission"] is False
    assert payload["ask"]["default_member_permissions"] is None


async def test_ask_has_autocomplete_and_the_shared_cooldown(loaded_bot: FactBot):
    ask = loaded_bot.tree.get_command("ask")
    assert isinstance(ask, app_commands.Command)
    [question] = ask.parameters
    assert question.autocomplete and question.required
    assert len(ask.checks) == 1  # the cooldown shared with message questions
