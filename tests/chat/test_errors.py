"""Errors -> short ephemeral replies, answered once, whether or not already responded."""

from __future__ import annotations

import logging
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest
from discord import app_commands

from bot.chat.errors import GENERIC, FormError, NotModerator, describe, report_interaction_error
from bot.core.errors import Conflict, Forbidden, NotFound, Problem, ValidationError


def _cooldown_error() -> app_commands.CommandOnCooldown:
    return app_commands.CommandOnCooldown(app_commands.Cooldown(1, 30), 12.2)


@pytest.mark.parametrize(
    "error, message",
    [
        (NotFound("no fact 'x' in this server"), "no fact 'x' in this server"),
        (Forbidden("fact 'x' comes from knowledge/k.yaml"), "fact 'x' comes from knowledge/k.yaml"),
        (Conflict("fact 'x' is already retracted"), "fact 'x' is already retracted"),
        (
            FormError("A time fact needs the attribute option"),
            "A time fact needs the attribute option",
        ),
        (
            ValidationError(
                [
                    Problem(None, None, "fact 'x'", "values", "unknown unit 'kmz'"),
                    Problem(None, None, "fact 'x'", None, "missing text"),
                ]
            ),
            "That was not saved:\n• fact 'x': values: unknown unit 'kmz'\n• fact 'x': missing text",
        ),
        (app_commands.CommandInvokeError(MagicMock(), NotFound("gone")), "gone"),
        (_cooldown_error(), "You're asking quickly. Please wait 13 s, then ask again."),
        (NotModerator(), str(NotModerator())),
        (app_commands.NoPrivateMessage(), "That command works only in a server."),
        (
            app_commands.MissingPermissions(["manage_guild"]),
            "You need the Manage Server permission for that.",
        ),
        (app_commands.CheckFailure(), "You can't use that command here."),
    ],
)
def test_expected_errors_are_short_messages(error, message):
    outcome = describe(error)
    assert outcome.message == message
    assert not outcome.unexpected


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("boom"),
        KeyError("x"),
        app_commands.CommandInvokeError(MagicMock(), ValueError("v")),
    ],
)
def test_anything_else_is_generic_and_logged(error):
    outcome = describe(error)
    assert outcome.message == GENERIC
    assert outcome.unexpected


def test_many_problems_are_capped():
    problems = [Problem(None, None, f"fact '{n}'", None, "bad") for n in range(9)]
    message = describe(ValidationError(problems)).message
    assert message.splitlines()[-1] == "… and 4 more"


def make_interaction(*, done: bool, type_=discord.InteractionType.application_command):
    interaction = MagicMock(spec=discord.Interaction)
    interaction.type = type_
    interaction.response = MagicMock(spec=discord.InteractionResponse)
    interaction.response.is_done.return_value = done
    interaction.response.send_message = AsyncMock()
    interaction.followup = MagicMock(spec=discord.Webhook)
    interaction.followup.send = AsyncMock()
    interaction.user = MagicMock(spec=discord.Member, id=42)
    interaction.guild_id = 7
    interaction.command = None
    interaction.data = {"name": "ask"}
    return interaction


async def test_first_response_when_not_yet_answered():
    interaction = make_interaction(done=False)
    await report_interaction_error(interaction, NotFound("no such fact"))
    interaction.followup.send.assert_not_awaited()
    kwargs = interaction.response.send_message.await_args.kwargs
    assert kwargs["ephemeral"] is True
    assert kwargs["content"] == "no such fact"
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}


async def test_followup_when_already_deferred(caplog):
    interaction = make_interaction(done=True)
    with caplog.at_level(logging.ERROR, logger="bot.chat.errors"):
        await report_interaction_error(interaction, RuntimeError("boom"))
    interaction.response.send_message.assert_not_awaited()
    kwargs = interaction.followup.send.await_args.kwargs
    assert kwargs["ephemeral"] is True and kwargs["content"] == GENERIC
    [record] = caplog.records
    assert record.exc_info and "user 42, guild 7" in record.getMessage()


async def test_autocomplete_errors_are_only_logged():
    interaction = make_interaction(done=False, type_=discord.InteractionType.autocomplete)
    await report_interaction_error(interaction, RuntimeError("boom"))
    interaction.response.send_message.assert_not_awaited()
    interaction.followup.send.assert_not_awaited()


async def test_a_failing_reply_is_logged_not_raised(caplog):
    interaction = make_interaction(done=False)
    response = MagicMock(status=404, reason="Not Found")
    interaction.response.send_message.side_effect = discord.NotFound(
        response, "Unknown interaction"
    )
    with caplog.at_level(logging.WARNING, logger="bot.chat.errors"):
        await report_interaction_error(interaction, NotFound("x"))
    assert "Could not tell" in caplog.text
