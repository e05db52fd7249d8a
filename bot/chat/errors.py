"""Errors of the Discord layer and the one place where errors become replies.

:func:`describe` maps an exception to a short message a person can act on (pure, tested
table-driven); :func:`report_interaction_error` sends it ephemerally, whether or not the
interaction was already answered or deferred. The command tree, modals and views all
route their errors here, so every failure looks the same and nothing answers twice.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.chat import render
from bot.chat.deadline import Busy
from bot.core.errors import FactbotError, ValidationError

log = logging.getLogger(__name__)

GENERIC = "Something went wrong on my side; it has been logged. Please try again later."
MAX_PROBLEMS = 5


class NotModerator(app_commands.CheckFailure):
    """The member has neither a moderator role nor the Manage Server permission."""

    def __init__(self) -> None:
        super().__init__(
            "Only moderators can do that: it needs one of this server's moderator roles "
            "or the Manage Server permission."
        )


class FormError(FactbotError):
    """A field of a modal or an option could not be read; ``str()`` says how to fix it."""


@dataclass(frozen=True)
class Outcome:
    message: str
    unexpected: bool = False  # log the traceback


def _permission_names(names: list[str]) -> str:
    return ", ".join(n.replace("_", " ").replace("guild", "server").title() for n in names)


def describe(error: BaseException) -> Outcome:
    """The short, user-facing message for ``error`` (and whether it is a bug to log)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, ValidationError):
        lines = []
        for p in error.problems[:MAX_PROBLEMS]:
            field = f" {p.field}:" if p.field else ""
            lines.append(f"• {p.where}:{field} {p.message}")
        if len(error.problems) > MAX_PROBLEMS:
            lines.append(f"… and {len(error.problems) - MAX_PROBLEMS} more")
        return Outcome("That was not saved:\n" + "\n".join(lines))
    if isinstance(error, Busy):
        return Outcome("I'm busy right now; please try again in a moment.")
    if isinstance(error, FactbotError):
        return Outcome(str(error) or "That did not work.")
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = max(1, math.ceil(error.retry_after))
        return Outcome(f"You're asking quickly. Please wait {wait} s, then ask again.")
    if isinstance(error, app_commands.NoPrivateMessage):
        return Outcome("That command works only in a server.")
    if isinstance(error, app_commands.MissingPermissions):
        return Outcome(
            f"You need the {_permission_names(error.missing_permissions)} permission for that."
        )
    if isinstance(error, app_commands.BotMissingPermissions):
        return Outcome(
            f"I need the {_permission_names(error.missing_permissions)} permission here; "
            "ask a server admin to grant it."
        )
    if isinstance(error, app_commands.CheckFailure):
        text = str(error) if isinstance(error, NotModerator) else ""
        return Outcome(text or "You can't use that command here.")
    if isinstance(error, app_commands.TransformerError):
        return Outcome(f"I couldn't read the value {str(error.value)[:100]!r} for that option.")
    if isinstance(error, discord.Forbidden):
        return Outcome(
            "Discord did not let me do that here (missing permission). "
            "A server admin can check my role's permissions in this channel."
        )
    return Outcome(GENERIC, unexpected=True)


def _where(interaction: discord.Interaction) -> str:
    command = interaction.command.qualified_name if interaction.command else None
    data = interaction.data or {}
    name = command or data.get("custom_id") or data.get("name") or "?"
    return f"{name} (user {interaction.user.id}, guild {interaction.guild_id})"


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer ``interaction`` with a private message: the first response, or a followup
    when the interaction was already answered or deferred."""
    reply = render.render_notice(text)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(ephemeral=True, **reply.kwargs())
        else:
            await interaction.response.send_message(ephemeral=True, **reply.kwargs())
    except discord.HTTPException as exc:  # e.g. the interaction expired (15 min)
        log.warning("Could not tell %s about an error: %s", _where(interaction), exc)


async def report_interaction_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Log ``error`` and tell the user, ephemerally, in one short line."""
    outcome = describe(error)
    if outcome.unexpected:
        log.error("Unexpected error in %s", _where(interaction), exc_info=error)
    else:
        log.info("Refused %s: %s", _where(interaction), outcome.message.splitlines()[0])
    if interaction.type is discord.InteractionType.autocomplete:
        return  # autocomplete cannot show a message; Discord shows "loading options failed"
    await send_ephemeral(interaction, outcome.message)
