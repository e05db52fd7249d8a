"""The discord.py Bot: intents, the command tree's error handler, and loading the cogs.

The bot holds no business logic. It is given the configuration and an open
:class:`~bot.core.runtime.AsyncEngine` (discord.py's ``examples/advanced_startup.py``
pattern) and loads its cogs in :meth:`setup_hook`. It never syncs commands by itself: that
is ``factbot sync`` (:func:`bot.chat.runner.sync_commands`).
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.checks import AskCooldown
from bot.chat.errors import report_interaction_error
from bot.config import Config
from bot.core.runtime import AsyncEngine

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.chat.cogs.ask",
    "bot.chat.cogs.facts",
    "bot.chat.cogs.loop",
    "bot.chat.cogs.review",
    "bot.chat.cogs.settings",
    "bot.chat.cogs.synonyms",
)


def build_intents(config: Config) -> discord.Intents:
    """Guilds and guild messages always; Message Content only when ask channels are set.

    Messages that mention the bot carry their content without the privileged Message
    Content intent; reading every "?" message in an ask channel needs it.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = bool(config.discord.ask_channel_ids)
    return intents


class FactbotTree(app_commands.CommandTree):
    """Maps every app command error to one short ephemeral reply (see ``errors.py``)."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_interaction_error(interaction, error)


class _FactbotMixin:
    """What :class:`FactBot` and :class:`ShardedFactBot` share."""

    config: Config
    aengine: AsyncEngine
    ask_cooldown: AskCooldown

    def __init__(self, *, config: Config, aengine: AsyncEngine, **options: Any):
        options.setdefault("intents", build_intents(config))
        super().__init__(  # type: ignore[call-arg]
            command_prefix=commands.when_mentioned,  # unused: there are no prefix commands
            help_command=None,
            tree_cls=FactbotTree,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.config = config
        self.aengine = aengine
        self.ask_cooldown = AskCooldown(config.discord.ask_cooldown)

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)  # type: ignore[attr-defined]

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions in messages are handled by the Ask cog's listener."""

    async def on_ready(self) -> None:
        user = self.user  # type: ignore[attr-defined]
        guilds = self.guilds  # type: ignore[attr-defined]
        log.info(
            "Connected as %s (id %s) to %d server(s)", user, getattr(user, "id", "?"), len(guilds)
        )


class FactBot(_FactbotMixin, commands.Bot):
    """The bot with one gateway connection."""


class ShardedFactBot(_FactbotMixin, commands.AutoShardedBot):
    """The bot with ``discord.shard_count`` gateway connections."""


def create_bot(config: Config, aengine: AsyncEngine, **options: Any) -> FactBot | ShardedFactBot:
    """A :class:`FactBot`, or a :class:`ShardedFactBot` when ``shard_count`` is set.

    ``options`` go to discord.py's client (tests pass e.g. ``guild_ready_timeout``).
    """
    # factbot has no voice features: do not warn that voice libraries are missing.
    for flag in ("warn_nacl", "warn_dave"):
        if getattr(discord.VoiceClient, flag, False):
            setattr(discord.VoiceClient, flag, False)
    if config.discord.shard_count:
        return ShardedFactBot(
            config=config, aengine=aengine, shard_count=config.discord.shard_count, **options
        )
    return FactBot(config=config, aengine=aengine, **options)
