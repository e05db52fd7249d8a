"""``/review flagged`` and ``/review stale``: what people flagged and what has expired, a
fact per page, fixed in one click. Moderators only; replies are ephemeral.

- flagged (Wrong/Outdated votes): **Retract** (asks why), **Edit** (the fact form, filled
  in), **Dismiss** (the votes so far were looked at; a new vote flags it again);
- stale (``expires`` passed, so it no longer answers): **Renew** (still true: checked
  today, with an optional new expiry), **Replace** (the fact form, filled in; saving
  clears the expiry and dates it today), **Retract**.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import forms, loop_render, render
from bot.chat.checks import actor, may_edit_knowledge, moderator_only
from bot.chat.deadline import in_time
from bot.chat.errors import FormError
from bot.chat.forms import FieldSpec
from bot.chat.loop_views import ItemPager, open_form
from bot.core.loop import FlaggedFact
from bot.core.models import Fact

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()
REASON = FieldSpec("reason", "Why is it retracted?", "Kept in the fact's history.",
                   "e.g. the source corrected it", max_length=500)
EXPIRES = FieldSpec(
    "expires",
    "New expiry date (optional)",
    "YYYY-MM-DD or ISO 8601 with offset; empty: no expiry.",
    "2026-12-31",
    required=False,
    max_length=40,
)


def parse_expiry(text: str) -> datetime | None:
    """``2026-12-31`` (end of that day, UTC) or a full ISO 8601 time with an offset."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            day = datetime.fromisoformat(text)
            return day.replace(hour=23, minute=59, second=59, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FormError(
            f"'{text[:40]}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-31."
        ) from None
    if moment.tzinfo is None:
        raise FormError("Give the time with its UTC offset, e.g. 2026-12-31T00:00:00+00:00.")
    return moment


class Review(commands.Cog):
    review = app_commands.Group(
        name="review",
        description="Facts people flagged, and facts that expired (moderators)",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FactBot):
        self.bot = bot

    def _may(self, interaction: discord.Interaction) -> bool:
        return may_edit_knowledge(interaction.guild_id, self.bot.config.discord.knowledge_guild_ids)

    @staticmethod
    async def _done(interaction: discord.Interaction, text: str, fact: Fact | None = None) -> None:
        kwargs: dict[str, Any] = {"ephemeral": True, "allowed_mentions": NONE}
        if fact is not None:
            kwargs["embed"] = render.fact_embed(fact)
        if interaction.response.is_done():
            await interaction.followup.send(text, **kwargs)
        else:
            await interaction.response.send_message(text, **kwargs)

    # --- shared actions ---------------------------------------------------------------------

    async def _retract(self, interaction: discord.Interaction, fact: Fact, pager: ItemPager,
                       item: Any) -> None:
        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            new: Fact = await in_time(
                modal_interaction,
                self.bot.aengine.retract_fact(
                    fact.id, reason=values["reason"],
                    actor=actor(modal_interaction.user), guild_id=modal_interaction.guild_id,
                    may_edit_knowledge=self._may(modal_interaction),
                    expected_revision=fact.revision,  # the revision this page showed
                ),
                ephemeral=True,
            )
            log.info("Fact %s retracted from /review by user %s", fact.id,
                     modal_interaction.user.id)
            await self._done(modal_interaction, f"Retracted `{new.id}`; it no longer answers.",
                             new)
            await pager.mark_done(item, "retracted")

        await open_form(interaction, title=f"Retract {fact.id}", specs=[REASON], on_values=save)

    async def _edit(self, interaction: discord.Interaction, fact: Fact, pager: ItemPager,
                    item: Any, *, replace: bool) -> None:
        """The fact form, filled in; ``replace`` also clears the expiry and dates it today."""

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            changes = forms.fact_changes(fact, values)
            if replace:
                changes["expires"] = None
                changes["as_of"] = datetime.now(UTC).replace(microsecond=0).isoformat()
            if not changes:
                await self._done(modal_interaction, f"Nothing changed in `{fact.id}`.")
                return
            new: Fact = await in_time(
                modal_interaction,
                self.bot.aengine.edit_fact(
                    fact.id, changes, actor=actor(modal_interaction.user),
                    guild_id=modal_interaction.guild_id,
                    reason="replaced after review" if replace else "fixed after a flag",
                    may_edit_knowledge=self._may(modal_interaction),
                    expected_revision=fact.revision,  # the revision this page showed
                ),
                ephemeral=True,
            )
            verb = "Replaced" if replace else "Saved"
            await self._done(modal_interaction,
                             f"{verb} `{new.id}` as revision {new.revision}.", new)
            await pager.mark_done(item, f"{verb.lower()} as revision {new.revision}")

        specs, defaults = forms.fact_fields(fact.kind), forms.form_from_fact(fact)
        too_long = forms.too_long_for_form(specs, defaults)
        if too_long:  # never cut a fact down by saving it untouched
            raise FormError(
                f"Fact `{fact.id}` is too long to edit in a Discord form ({too_long}); "
                "edit it with factbot facts edit, or in its knowledge file."
            )
        await open_form(
            interaction,
            title=f"{'Replace' if replace else 'Edit'} fact {fact.id}",
            specs=specs,
            defaults=defaults,
            on_values=save,
        )

    # --- /review flagged --------------------------------------------------------------------

    @review.command(name="flagged", description="Facts people voted Wrong or Outdated")
    @moderator_only()
    async def flagged(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        items: list[FlaggedFact] = await self.bot.aengine.flagged(guild_id=interaction.guild_id)

        async def retract(i: discord.Interaction, item: FlaggedFact, pager: ItemPager) -> None:
            await self._retract(i, item.fact, pager, item)

        async def edit(i: discord.Interaction, item: FlaggedFact, pager: ItemPager) -> None:
            await self._edit(i, item.fact, pager, item, replace=False)

        async def dismiss(i: discord.Interaction, item: FlaggedFact, pager: ItemPager) -> None:
            await in_time(
                i,
                self.bot.aengine.dismiss_flag(
                    item.fact.id, guild_id=i.guild_id, actor=actor(i.user)
                ),
                ephemeral=True,
            )
            await self._done(i, f"Dismissed the votes on `{item.fact.id}`; a new vote flags "
                                "it again.")
            await pager.mark_done(item, "votes dismissed")

        pager = ItemPager(
            items,
            loop_render.flagged_pages(items),
            owner_id=interaction.user.id,
            actions=[
                ("Retract", discord.ButtonStyle.danger, retract),
                ("Edit", discord.ButtonStyle.primary, edit),
                ("Dismiss", discord.ButtonStyle.secondary, dismiss),
            ],
        )
        await pager.start(interaction)

    # --- /review stale ----------------------------------------------------------------------

    @review.command(name="stale", description="Facts past their expiry date (no longer answered)")
    @moderator_only()
    async def stale(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        facts: list[Fact] = await self.bot.aengine.stale_facts(guild_id=interaction.guild_id)

        async def renew(i: discord.Interaction, fact: Fact, pager: ItemPager) -> None:
            async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
                expires = parse_expiry(values.get("expires") or "")
                new: Fact = await in_time(
                    modal_interaction,
                    self.bot.aengine.renew_fact(
                        fact.id, expires=expires, actor=actor(modal_interaction.user),
                        guild_id=modal_interaction.guild_id,
                        may_edit_knowledge=self._may(modal_interaction),
                    ),
                    ephemeral=True,
                )
                until = (f"until {render.format_date(new.expires.date())}"
                         if new.expires else "with no expiry")
                await self._done(modal_interaction,
                                 f"Renewed `{new.id}`: it answers again, {until}.", new)
                await pager.mark_done(fact, "renewed")

            await open_form(i, title=f"Renew {fact.id}", specs=[EXPIRES], on_values=save)

        async def replace(i: discord.Interaction, fact: Fact, pager: ItemPager) -> None:
            await self._edit(i, fact, pager, fact, replace=True)

        async def retract(i: discord.Interaction, fact: Fact, pager: ItemPager) -> None:
            await self._retract(i, fact, pager, fact)

        pager = ItemPager(
            facts,
            loop_render.stale_pages(facts),
            owner_id=interaction.user.id,
            actions=[
                ("Renew", discord.ButtonStyle.success, renew),
                ("Replace", discord.ButtonStyle.primary, replace),
                ("Retract", discord.ButtonStyle.danger, retract),
            ],
        )
        await pager.start(interaction)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Review(bot))
