"""``/settings``: this server's answer and "Did you mean" thresholds, and its mod-log
channel. Moderators only; the defaults come from the config (``loop:``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import loop_render
from bot.chat.checks import actor, moderator_only
from bot.chat.deadline import in_time
from bot.core.settings import GuildSettings

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()


class Settings(commands.Cog):
    settings = app_commands.Group(
        name="settings",
        description="Tune factbot for this server (moderators)",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FactBot):
        self.bot = bot

    async def _show(self, interaction: discord.Interaction, settings: GuildSettings,
                    text: str | None = None) -> None:
        await interaction.response.send_message(
            text, embed=loop_render.settings_embed(settings), ephemeral=True,
            allowed_mentions=NONE,
        )

    @settings.command(name="show", description="The thresholds and mod-log channel in use here")
    @moderator_only()
    async def show(self, interaction: discord.Interaction) -> None:
        current = await in_time(
            interaction, self.bot.aengine.guild_settings(interaction.guild_id), ephemeral=True
        )
        await self._show(interaction, current)

    @settings.command(name="thresholds", description="When to answer, when to offer Did you mean")
    @app_commands.describe(
        answer="Match score (0.05-1) a fact needs to answer; higher answers less, more surely",
        suggest="Score (0.01-1) from which 'Did you mean' is offered; below the answer score",
        reset="Go back to the defaults from the config",
    )
    @moderator_only()
    async def thresholds(
        self,
        interaction: discord.Interaction,
        answer: app_commands.Range[float, 0.05, 1.0] | None = None,
        suggest: app_commands.Range[float, 0.01, 1.0] | None = None,
        reset: bool = False,
    ) -> None:
        updated = await in_time(
            interaction,
            self.bot.aengine.update_settings(
                interaction.guild_id, actor=actor(interaction.user),
                answer=answer, suggest=suggest, reset_thresholds=reset,
            ),
            ephemeral=True,
        )
        log.info("Thresholds set to %s by user %s in guild %s", updated.thresholds,
                 interaction.user.id, interaction.guild_id)
        await self._show(interaction, updated, "Saved. The next question uses these.")

    @settings.command(name="modlog", description="Post every fact change to a channel")
    @app_commands.describe(channel="The channel; leave empty to stop posting")
    @moderator_only()
    async def modlog(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        updated = await in_time(
            interaction,
            self.bot.aengine.update_settings(
                interaction.guild_id, actor=actor(interaction.user),
                modlog_channel_id=channel.id if channel else None, clear_modlog=channel is None,
            ),
            ephemeral=True,
        )
        text = (f"Every fact change is posted to {channel.mention} from now on."
                if channel else "Fact changes are no longer posted.")
        await self._show(interaction, updated, text)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Settings(bot))
