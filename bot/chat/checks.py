"""Who may do what: the moderator check, the asking cooldown, and the actor string.

The moderator check runs inside the bot on every moderation command, so a server cannot
edit it away; ``app_commands.default_permissions(manage_guild=True)`` on the commands only
decides who sees them in Discord's menu.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.errors import NotModerator
from bot.config import CooldownConfig

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long the "you're asking quickly" reply to a message stays before it deletes itself.
COOLDOWN_NOTE_SECONDS = 8.0


def actor(user: discord.abc.Snowflake) -> str:
    """The audit actor for a Discord user."""
    return f"discord:{user.id}"


def is_moderator(
    role_ids: Collection[int], permissions: discord.Permissions, moderator_role_ids: Collection[int]
) -> bool:
    """A member with Manage Server (or Administrator), or with a configured moderator role."""
    if permissions.administrator or permissions.manage_guild:
        return True
    return bool(set(role_ids) & set(moderator_role_ids))


def _member_role_ids(user: discord.abc.User) -> list[int]:
    if isinstance(user, discord.Member):
        return [role.id for role in user.roles]
    return []


def is_moderator_here(interaction: discord.Interaction) -> bool:
    """Whether the interaction's user moderates its guild (never outside a guild).

    Autocomplete callbacks use this directly: discord.py runs no checks for them.
    """
    config = interaction.client.config  # type: ignore[attr-defined]
    return interaction.guild_id is not None and is_moderator(
        _member_role_ids(interaction.user),
        interaction.permissions,
        config.discord.moderator_role_ids,
    )


def check_moderator(interaction: discord.Interaction) -> bool:
    """The runtime check behind :func:`moderator_only`; logs and raises on refusal."""
    if not is_moderator_here(interaction):
        command = interaction.command.qualified_name if interaction.command else "?"
        log.warning(
            "Refused moderator command /%s for user %s in guild %s (not a moderator)",
            command,
            interaction.user.id,
            interaction.guild_id,
        )
        raise NotModerator()
    return True


def is_moderator_interaction(interaction: discord.Interaction) -> bool:
    """The moderator check without raising or logging: for autocomplete, which discord.py
    runs without the command's checks."""
    config = interaction.client.config  # type: ignore[attr-defined]
    return interaction.guild_id is not None and is_moderator(
        _member_role_ids(interaction.user),
        interaction.permissions,
        config.discord.moderator_role_ids,
    )


def moderator_only() -> Callable[[T], T]:
    """Decorator: only moderators may run this app command (checked at run time)."""
    return app_commands.check(check_moderator)


def may_edit_knowledge(guild_id: int | None, knowledge_guild_ids: Collection[int]) -> bool:
    """Whether moderators of this guild may change the shipped (shared) knowledge."""
    return guild_id is not None and guild_id in knowledge_guild_ids


class AskCooldown:
    """Per-user rate limit on asking, shared by ``/ask`` and message questions."""

    def __init__(self, config: CooldownConfig):
        self.rate = config.rate
        self.per = config.per_seconds
        self._mapping: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            self.rate, self.per, lambda user_id: user_id
        )

    def hit(self, user_id: int, *, now: float | None = None) -> float | None:
        """Count one question by ``user_id``; return seconds to wait if over the limit."""
        return self._mapping.update_rate_limit(user_id, current=now)

    def check(self, user_id: int) -> None:
        """Raise :class:`app_commands.CommandOnCooldown` when ``user_id`` must wait."""
        retry_after = self.hit(user_id)
        if retry_after is not None:
            bucket = self._mapping.get_bucket(user_id)
            assert bucket is not None
            raise app_commands.CommandOnCooldown(bucket, retry_after)


def ask_cooldown() -> Callable[[T], T]:
    """Decorator: apply the bot's shared :class:`AskCooldown` to an app command."""

    def predicate(interaction: discord.Interaction[Any]) -> bool:
        interaction.client.ask_cooldown.check(interaction.user.id)  # type: ignore[attr-defined]
        return True

    return app_commands.check(predicate)
