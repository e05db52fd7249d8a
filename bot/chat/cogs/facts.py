"""Moderation: ``/fact``, ``/source``, ``/event`` and ``/export``.

Every command here is for moderators only: a member with one of
``discord.moderator_role_ids`` or the Manage Server permission. That is checked at run time
by :func:`moderator_only` on each command (a server cannot edit it away);
``default_permissions(manage_guild=True)`` only hides the commands from other members in
Discord's menu. Every change goes through the engine with the actor ``discord:<user id>``
and this guild's id, and is private to the guild (except shipped knowledge, which only
guilds in ``discord.knowledge_guild_ids`` may change). Replies are ephemeral.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import forms, render
from bot.chat.checks import actor, is_moderator_interaction, may_edit_knowledge, moderator_only
from bot.chat.deadline import before_modal, choices_in_time, in_time
from bot.chat.errors import FormError
from bot.chat.views import FactActions, FormModal, Pager
from bot.core.errors import NotFound, StaleRevision
from bot.core.models import Fact, Source
from bot.core.vocabulary import ATTRIBUTES

if TYPE_CHECKING:
    from bot.chat.client import FactBot
    from bot.core.runtime import AsyncEngine

log = logging.getLogger(__name__)

MODERATORS = discord.Permissions(manage_guild=True)
GUILDS_ONLY = app_commands.AppCommandContext(guild=True)
NEEDS_ATTRIBUTE = ("measurement", "time", "place")
FactKind = Literal["measurement", "time", "place", "statement", "claim"]

NONE = discord.AllowedMentions.none()
BASED_ON = (
    "The revision you looked at (/fact show); refused if the fact changed since. "
    "Default: the current one"
)


def _matches(current: str, *texts: str | None) -> bool:
    needle = current.strip().casefold()
    return not needle or any(needle in (t or "").casefold() for t in texts)


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=render.shorten(name, 100), value=value[:100])


def _moderator_group(name: str, description: str) -> app_commands.Group:
    """A guild-only command group that Discord shows to members with Manage Server."""
    return app_commands.Group(
        name=name,
        description=description,
        guild_only=True,
        allowed_contexts=GUILDS_ONLY,
        default_permissions=MODERATORS,
    )


class Moderation(commands.Cog):
    fact = _moderator_group("fact", "Keep this server's reported facts right (moderators)")
    source = _moderator_group("source", "Reports that facts cite (moderators)")
    event = _moderator_group("event", "News events that facts are about (moderators)")

    def __init__(self, bot: FactBot):
        self.bot = bot

    # --- helpers ----------------------------------------------------------------------------

    @property
    def _engine(self) -> AsyncEngine:
        return self.bot.aengine

    def _may_edit_knowledge(self, interaction: discord.Interaction) -> bool:
        return may_edit_knowledge(interaction.guild_id, self.bot.config.discord.knowledge_guild_ids)

    @staticmethod
    def _log_change(interaction: discord.Interaction, what: str) -> None:
        log.info("%s by user %s in guild %s", what, interaction.user.id, interaction.guild_id)

    @staticmethod
    async def _confirm(
        interaction: discord.Interaction,
        content: str | None,
        embed: discord.Embed,
        *,
        view: discord.ui.View | None = None,
    ) -> None:
        content = render.shorten(content, render.CONTENT_LIMIT) if content else None
        extra = {"view": view} if view is not None else {}
        if interaction.response.is_done():
            await interaction.followup.send(
                content, embed=embed, ephemeral=True, allowed_mentions=NONE, **extra
            )
        else:
            await interaction.response.send_message(
                content, embed=embed, ephemeral=True, allowed_mentions=NONE, **extra
            )

    async def _source(self, source_id: str, guild_id: int | None) -> Source | None:
        return await self._engine.find_source(source_id, guild_id=guild_id)

    # --- autocomplete -------------------------------------------------------------------------
    # discord.py runs no app command checks for autocomplete: each one checks the moderator
    # itself, and offers nothing to anyone else. Each is one bounded query.

    async def event_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not is_moderator_interaction(interaction):
            return []
        found = await choices_in_time(
            self._engine.complete_events(current, guild_id=interaction.guild_id, limit=25)
        )
        return [_choice(f"{title} ({event_id})", event_id) for event_id, title in found]

    async def source_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not is_moderator_interaction(interaction):
            return []
        found = await choices_in_time(
            self._engine.complete_sources(current, guild_id=interaction.guild_id, limit=25)
        )
        return [_choice(f"{title} ({source_id})", source_id) for source_id, title in found]

    async def fact_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not is_moderator_interaction(interaction):
            return []
        found = await choices_in_time(
            self._engine.complete_facts(current, guild_id=interaction.guild_id, limit=25)
        )
        return [_choice(f"{fact_id} — {text}", fact_id) for fact_id, text in found]

    async def attribute_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not is_moderator_interaction(interaction):
            return []
        kind = getattr(interaction.namespace, "kind", None)
        return [
            _choice(f"{a.name} — {a.label}", a.name)
            for a in ATTRIBUTES.values()
            if (kind is None or kind in a.kinds) and _matches(current, a.name, a.label)
        ][:25]

    # --- /fact --------------------------------------------------------------------------------

    @fact.command(name="add", description="Add a reported fact (opens a form)")
    @app_commands.describe(
        event="The event the fact is about",
        kind="What sort of fact it is",
        source="The report it comes from (add one with /source add)",
        attribute="What it measures or names; needed for measurement, time and place",
    )
    @app_commands.autocomplete(
        event=event_autocomplete, source=source_autocomplete, attribute=attribute_autocomplete
    )
    @moderator_only()
    async def fact_add(
        self,
        interaction: discord.Interaction,
        event: str,
        kind: FactKind,
        source: str,
        attribute: str | None = None,
    ) -> None:
        guild_id = interaction.guild_id
        # Check the options before the moderator types the whole form.
        try:
            await before_modal(self._engine.get_event(event, guild_id=guild_id))
        except NotFound:
            raise FormError(
                f"There is no event '{event}' here: pick one from the list, "
                "or add it first with /event add."
            ) from None
        if await before_modal(self._source(source, guild_id)) is None:
            raise FormError(
                f"There is no source '{source}' here: pick one from the list, "
                "or add it first with /source add."
            )
        if attribute is not None and attribute not in ATTRIBUTES:
            raise FormError(f"'{attribute}' is not a known attribute: pick one from the list.")
        if attribute is None and kind in NEEDS_ATTRIBUTE:
            raise FormError(
                f"A {kind} fact needs the attribute option "
                "(e.g. range, launch_time or launch_site)."
            )

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            record = forms.new_fact_record(
                kind, values, event=event, source=source, attribute=attribute
            )
            fact, src = await in_time(
                modal_interaction,
                self._with_source(
                    self._engine.add_fact(
                        record, actor=actor(modal_interaction.user), guild_id=guild_id
                    ),
                    guild_id,
                ),
                ephemeral=True,
            )
            self._log_change(modal_interaction, f"Fact {fact.id} added")
            await self._confirm(
                modal_interaction,
                f"Added fact `{fact.id}`. /ask answers with it from now on.",
                render.fact_embed(fact, src),
            )

        modal = FormModal(title=f"New {kind} fact", specs=forms.fact_fields(kind), on_values=save)
        await interaction.response.send_modal(modal)

    @fact.command(name="edit", description="Edit a fact (opens the form, filled in)")
    @app_commands.rename(fact_id="id")
    @app_commands.describe(fact_id="The fact's id", reason="Why (kept in the fact's history)")
    @app_commands.autocomplete(fact_id=fact_autocomplete)
    @moderator_only()
    async def fact_edit(
        self,
        interaction: discord.Interaction,
        fact_id: str,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await self._open_edit_form(interaction, fact_id, reason=reason)

    async def _open_edit_form(
        self,
        interaction: discord.Interaction,
        fact_id: str,
        *,
        reason: str | None = None,
        based_on: int | None = None,
    ) -> None:
        """Open the edit form for the current fact; a save is based on the revision the
        form shows. ``based_on`` (a button under a shown fact) must still be current."""
        guild_id = interaction.guild_id
        may = self._may_edit_knowledge(interaction)
        # The same Forbidden/Conflict a real edit would raise, before the moderator types.
        fact = await before_modal(
            self._engine.check_may_edit(fact_id, guild_id=guild_id, may_edit_knowledge=may)
        )
        if based_on is not None and based_on != fact.revision:
            raise StaleRevision(
                fact.id, based_on=based_on, current=fact.revision, text=fact.text
            )
        specs = forms.fact_fields(fact.kind)
        defaults = forms.form_from_fact(fact)
        too_long = forms.too_long_for_form(specs, defaults)
        if too_long:  # never cut a fact down by saving it untouched
            raise FormError(
                f"Fact `{fact.id}` is too long to edit in a Discord form ({too_long}); "
                "edit it with factbot facts edit, or in its knowledge file."
            )
        base = fact.revision  # the revision this form shows: a save is based on it

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            changes = forms.fact_changes(fact, values)
            if not changes:
                await self._confirm(
                    modal_interaction, f"Nothing changed in `{fact.id}`.", render.fact_embed(fact)
                )
                return
            new, src = await in_time(
                modal_interaction,
                self._with_source(
                    self._engine.edit_fact(
                        fact_id,
                        changes,
                        actor=actor(modal_interaction.user),
                        guild_id=guild_id,
                        reason=reason,
                        may_edit_knowledge=may,
                        expected_revision=base,
                    ),
                    guild_id,
                ),
                ephemeral=True,
            )
            self._log_change(
                modal_interaction, f"Fact {new.id} edited ({', '.join(sorted(changes))})"
            )
            await self._confirm(
                modal_interaction,
                f"Saved `{new.id}` as revision {new.revision}. "
                "/ask answers with the new version from now on.",
                render.fact_embed(new, src),
            )

        modal = FormModal(
            title=f"Edit revision {base} of {fact.id}",
            specs=specs,
            defaults=defaults,
            on_values=save,
        )
        await interaction.response.send_modal(modal)

    @fact.command(name="retract", description="Retract a fact; it stays in the history")
    @app_commands.rename(fact_id="id")
    @app_commands.describe(
        fact_id="The fact's id",
        reason="Why, e.g. the source corrected it",
        based_on=BASED_ON,
    )
    @app_commands.autocomplete(fact_id=fact_autocomplete)
    @moderator_only()
    async def fact_retract(
        self,
        interaction: discord.Interaction,
        fact_id: str,
        reason: app_commands.Range[str, 1, 500],
        based_on: app_commands.Range[int, 1] | None = None,
    ) -> None:
        fact: Fact = await in_time(
            interaction,
            self._engine.retract_fact(
                fact_id,
                reason=reason,
                actor=actor(interaction.user),
                guild_id=interaction.guild_id,
                may_edit_knowledge=self._may_edit_knowledge(interaction),
                expected_revision=based_on,
            ),
            ephemeral=True,
        )
        self._log_change(interaction, f"Fact {fact.id} retracted")
        await self._confirm(
            interaction,
            f"Retracted `{fact.id}`. /ask no longer uses it; /fact revert brings it back.",
            render.fact_embed(fact),
        )

    @fact.command(name="revert", description="Restore a fact as it was at an earlier revision")
    @app_commands.rename(fact_id="id")
    @app_commands.describe(
        fact_id="The fact's id",
        revision="The revision to restore (see /fact history)",
        based_on=BASED_ON,
    )
    @app_commands.autocomplete(fact_id=fact_autocomplete)
    @moderator_only()
    async def fact_revert(
        self,
        interaction: discord.Interaction,
        fact_id: str,
        revision: app_commands.Range[int, 1],
        based_on: app_commands.Range[int, 1] | None = None,
    ) -> None:
        fact, src = await in_time(
            interaction,
            self._with_source(
                self._engine.revert_fact(
                    fact_id,
                    revision=revision,
                    actor=actor(interaction.user),
                    guild_id=interaction.guild_id,
                    may_edit_knowledge=self._may_edit_knowledge(interaction),
                    expected_revision=based_on,
                ),
                interaction.guild_id,
            ),
            ephemeral=True,
        )
        self._log_change(interaction, f"Fact {fact.id} reverted to revision {revision}")
        await self._confirm(
            interaction,
            f"Restored `{fact.id}` as it was at revision {revision} "
            f"(now revision {fact.revision}).",
            render.fact_embed(fact, src),
        )

    @fact.command(name="show", description="Show one fact with its source and status")
    @app_commands.rename(fact_id="id")
    @app_commands.describe(fact_id="The fact's id")
    @app_commands.autocomplete(fact_id=fact_autocomplete)
    @moderator_only()
    async def fact_show(self, interaction: discord.Interaction, fact_id: str) -> None:
        fact, src = await in_time(
            interaction, self._fact_and_source(fact_id, interaction.guild_id), ephemeral=True
        )
        shown = fact.revision  # both buttons act on the revision shown here

        async def edit(button_interaction: discord.Interaction) -> None:
            await self._open_edit_form(button_interaction, fact.id, based_on=shown)

        async def retract(button_interaction: discord.Interaction) -> None:
            await self._open_retract_form(button_interaction, fact, based_on=shown)

        view = FactActions(
            owner_id=interaction.user.id, on_edit=edit, on_retract=retract,
            can_retract=fact.status != "retracted",
        )
        await self._confirm(interaction, None, render.fact_embed(fact, src), view=view)

    async def _open_retract_form(
        self, interaction: discord.Interaction, fact: Fact, *, based_on: int
    ) -> None:
        """A one-field form for the reason; the retraction is based on ``based_on``."""
        guild_id = interaction.guild_id
        may = self._may_edit_knowledge(interaction)

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            retracted = await in_time(
                modal_interaction,
                self._engine.retract_fact(
                    fact.id,
                    reason=values.get("reason", ""),
                    actor=actor(modal_interaction.user),
                    guild_id=guild_id,
                    may_edit_knowledge=may,
                    expected_revision=based_on,
                ),
                ephemeral=True,
            )
            self._log_change(modal_interaction, f"Fact {retracted.id} retracted")
            await self._confirm(
                modal_interaction,
                f"Retracted `{retracted.id}`. /ask no longer uses it; /fact revert brings it "
                "back.",
                render.fact_embed(retracted),
            )

        await interaction.response.send_modal(
            FormModal(
                title=f"Retract revision {based_on} of {fact.id}",
                specs=[forms.RETRACT_REASON],
                on_values=save,
            )
        )

    @fact.command(name="history", description="Who changed a fact, when and why")
    @app_commands.rename(fact_id="id")
    @app_commands.describe(fact_id="The fact's id")
    @app_commands.autocomplete(fact_id=fact_autocomplete)
    @moderator_only()
    async def fact_history(self, interaction: discord.Interaction, fact_id: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        entries = await self._engine.history(fact_id, guild_id=interaction.guild_id)
        pages = render.history_pages(fact_id, entries)
        await Pager(pages, owner_id=interaction.user.id).start(interaction)

    @fact.command(name="list", description="List this server's facts, a page at a time")
    @app_commands.describe(
        event="Only facts about this event", include_retracted="Also list retracted facts"
    )
    @app_commands.autocomplete(event=event_autocomplete)
    @moderator_only()
    async def fact_list(
        self,
        interaction: discord.Interaction,
        event: str | None = None,
        include_retracted: bool = False,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        facts = await self._engine.list_facts(
            guild_id=interaction.guild_id,
            event=event,
            include_retracted=include_retracted,
        )
        pages = render.fact_list_pages(facts, event=event)
        await Pager(pages, owner_id=interaction.user.id).start(interaction)

    # --- /source, /event ------------------------------------------------------------------------

    async def _add_with_form(self, interaction: discord.Interaction, *, what: str, specs: Any,
                             to_record: Callable[[dict[str, str]], dict[str, Any]],
                             add: Callable[..., Awaitable[Any]],
                             embed: Callable[..., discord.Embed]) -> None:
        """Open the form for a new source or event; on submit, add it and confirm."""
        guild_id = interaction.guild_id

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            added = await in_time(
                modal_interaction,
                add(to_record(values), actor=actor(modal_interaction.user), guild_id=guild_id),
                ephemeral=True,
            )
            self._log_change(modal_interaction, f"{what.capitalize()} {added.id} added")
            await self._confirm(
                modal_interaction,
                f"Added {what} `{added.id}`.",
                embed(added, heading=f"New {what}"),
            )

        await interaction.response.send_modal(
            FormModal(title=f"New {what}", specs=specs, on_values=save)
        )

    @source.command(name="add", description="Add a report that facts can cite (opens a form)")
    @moderator_only()
    async def source_add(self, interaction: discord.Interaction) -> None:
        await self._add_with_form(interaction, what="source", specs=forms.SOURCE_FIELDS,
                                  to_record=forms.source_record, add=self._engine.add_source,
                                  embed=render.source_embed)

    @event.command(
        name="add", description="Add a news event that facts can be about (opens a form)"
    )
    @moderator_only()
    async def event_add(self, interaction: discord.Interaction) -> None:
        await self._add_with_form(interaction, what="event", specs=forms.EVENT_FIELDS,
                                  to_record=forms.event_record, add=self._engine.add_event,
                                  embed=render.event_embed)

    @source.command(name="list", description="List the sources facts here can cite")
    @moderator_only()
    async def source_list(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        sources = await self._engine.sources(guild_id=interaction.guild_id)
        pages = render.source_list_pages(sources)
        await Pager(pages, owner_id=interaction.user.id).start(interaction)

    @event.command(name="list", description="List the events facts here can be about")
    @moderator_only()
    async def event_list(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        events = await self._engine.events(guild_id=interaction.guild_id)
        pages = render.event_list_pages(events)
        await Pager(pages, owner_id=interaction.user.id).start(interaction)

    async def _fact_and_source(
        self, fact_id: str, guild_id: int | None
    ) -> tuple[Fact, Source | None]:
        return await self._with_source(self._engine.get_fact(fact_id, guild_id=guild_id), guild_id)

    async def _with_source(
        self, fact_call: Awaitable[Fact], guild_id: int | None
    ) -> tuple[Fact, Source | None]:
        """The fact a call returns and its source: one awaitable for :func:`in_time`, so
        the reply waits for both before its deadline, not for one after it."""
        fact = await fact_call
        return fact, await self._source(fact.source, guild_id)

    # --- /export ----------------------------------------------------------------------------------

    @app_commands.command(name="export", description="Download this server's facts as a YAML file")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = await self._engine.export_yaml(guild_id=interaction.guild_id)
        upload = render.export_upload(
            text.encode("utf-8"),
            name=f"factbot-{interaction.guild_id}.yaml",
            limit=interaction.filesize_limit,
        )
        self._log_change(interaction, "Export")
        if upload is None:
            raise FormError(
                "This server's facts are too large for one Discord upload, even compressed; "
                "the bot's operator can write them with factbot export --guild "
                f"{interaction.guild_id} --out DIR."
            )
        await interaction.followup.send(
            "This server's events, sources and facts (shared ones included), in the "
            "knowledge file format" + (" (gzip-compressed)." if upload.compressed else "."),
            file=discord.File(io.BytesIO(upload.data), filename=upload.name),
            ephemeral=True,
            allowed_mentions=NONE,
        )


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Moderation(bot))
