"""``/synonym``: moderators add words that mean the same when people ask, without a release.

``/synonym add words:evac, evacuation`` stores a group for this server (the engine merges it
into the lexicon at question time, so the next ``/ask`` uses it), ``/synonym list`` shows
this server's groups and the global ones, ``/synonym remove id:`` stops using one of this
server's. A server never sees another server's groups, and no reply tells it one exists.

Moderators only, checked at run time on every command (:func:`moderator_only`) and in the
autocomplete (discord.py runs no checks there). Replies are private and mention no one;
errors go to the tree's error handler (``bot/chat/errors.py``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import render
from bot.chat.checks import actor, is_moderator_here, moderator_only
from bot.chat.views import Pager
from bot.core.runtime import AsyncEngine
from bot.core.synonyms import MAX_INPUT_CHARS, SynonymGroup, split_words

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()


class SynonymCalls:
    """Every engine call of this cog, in one place.

    They are the runtime's typed async methods: reads on a reader thread, changes on the
    writer.
    """

    def __init__(self, aengine: AsyncEngine):
        self._aengine = aengine

    async def groups(self, guild_id: int) -> list[SynonymGroup]:
        """The groups in use in ``guild_id``: the global ones and its own."""
        return await self._aengine.list_synonyms(guild_id=guild_id)

    async def add(self, words: list[str], *, actor: str, guild_id: int) -> SynonymGroup:
        return await self._aengine.add_synonyms(words, actor=actor, guild_id=guild_id)

    async def remove(self, group_id: int, *, actor: str, guild_id: int,
                     reason: str | None) -> SynonymGroup:
        return await self._aengine.remove_synonyms(group_id, actor=actor, guild_id=guild_id,
                                                   reason=reason)


def _guild_id(interaction: discord.Interaction) -> int:
    # guild_only commands and moderator_only() guarantee a guild
    assert interaction.guild_id is not None
    return interaction.guild_id


class Synonyms(commands.Cog):
    synonym = app_commands.Group(
        name="synonym",
        description="Words that mean the same when people ask (moderators)",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FactBot):
        self.bot = bot
        self.calls = SynonymCalls(bot.aengine)

    @staticmethod
    async def _reply(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)

    async def group_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        """This server's own groups (the global ones cannot be removed from Discord)."""
        if not is_moderator_here(interaction):
            return []
        guild_id = _guild_id(interaction)
        needle = str(current).strip().lstrip("#").casefold()
        groups = [g for g in await self.calls.groups(guild_id) if g.guild_id == guild_id]
        return [
            app_commands.Choice(name=render.synonym_choice_name(g), value=g.id)
            for g in reversed(groups)  # newest first: the one just added is likeliest
            if not needle
            or str(g.id).startswith(needle)
            or any(needle in w.casefold() for w in g.words)
        ][:25]

    @synonym.command(name="add", description="Make words mean the same when people ask here")
    @app_commands.describe(
        words="Two or more words or phrases that mean the same, separated by commas, "
        "e.g. evac, evacuation"
    )
    @moderator_only()
    async def add(
        self, interaction: discord.Interaction,
        words: app_commands.Range[str, 1, MAX_INPUT_CHARS],
    ) -> None:
        group = await self.calls.add(
            split_words(words), actor=actor(interaction.user), guild_id=_guild_id(interaction)
        )
        log.info("Synonym group #%d added by user %s in guild %s", group.id,
                 interaction.user.id, interaction.guild_id)
        await self._reply(interaction, render.synonym_added_text(group))

    @synonym.command(name="list", description="The synonym groups in use here")
    @moderator_only()
    async def list_groups(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        groups = await self.calls.groups(_guild_id(interaction))
        pages = render.synonym_list_pages(groups)
        await Pager(pages, owner_id=interaction.user.id).start(interaction)

    @synonym.command(name="remove", description="Stop using one of this server's synonym groups")
    @app_commands.rename(group_id="id")
    @app_commands.describe(
        group_id="The group's number (see /synonym list)",
        reason="Why (kept in the audit trail)",
    )
    @app_commands.autocomplete(group_id=group_autocomplete)
    @moderator_only()
    async def remove(
        self, interaction: discord.Interaction,
        group_id: app_commands.Range[int, 1, None],
        reason: app_commands.Range[str, 1, 300] | None = None,
    ) -> None:
        group = await self.calls.remove(
            group_id, actor=actor(interaction.user), guild_id=_guild_id(interaction),
            reason=reason,
        )
        log.info("Synonym group #%d removed by user %s in guild %s", group.id,
                 interaction.user.id, interaction.guild_id)
        await self._reply(interaction, render.synonym_removed_text(group))


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Synonyms(bot))
