"""The trust loop in Discord: ``/gaps``, ``/stats``, ``/notifications``, the feedback
buttons under answers, the mod-log and telling askers that their question has an answer.

Fact changes reach this cog from the engine's thread (:meth:`Engine.subscribe`): the
listener only hands each change to the event loop, which posts it to the server's mod-log
channel and sends the notifications it carries (a reply in the channel where the person
asked, or a DM when ``loop.notify_by_dm`` is set; a DM that fails falls back to the channel).
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import forms, loop_render, render
from bot.chat.checks import actor, may_edit_knowledge, moderator_only
from bot.chat.deadline import in_time
from bot.chat.errors import FormError, send_ephemeral
from bot.chat.forms import FieldSpec
from bot.chat.loop_views import FactKindPicker, ItemPager, VoteButton, open_form
from bot.core.charts import stats_chart_png
from bot.core.gaps import Gap
from bot.core.loop import FactChange, LinkResult, Notification, attributes_for
from bot.core.models import Fact, Source
from bot.core.vocabulary import ATTRIBUTES

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

MODERATORS = discord.Permissions(manage_guild=True)
MAX_DAYS = 90

FACT_ID_FIELD = FieldSpec(
    "fact_id",
    "Fact id",
    "The fact that answers this question; its words will include the question.",
    None,
    max_length=100,
)


class Loop(commands.Cog):
    def __init__(self, bot: FactBot):
        self.bot = bot
        self._tasks: set[asyncio.Task[None]] = set()
        self._subscribed = False

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Listen to fact changes once connected (the engine is open by then)."""
        if self._subscribed:
            return  # on_ready fires again after a reconnect
        self._subscribed = True
        loop = asyncio.get_running_loop()

        def listener(change: FactChange) -> None:  # runs on the engine's thread
            loop.call_soon_threadsafe(self._spawn, change)

        await self.bot.aengine.subscribe(listener)

    async def cog_unload(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _facts_and_sources(
        self, guild_id: int | None, event: str
    ) -> tuple[list[Fact], list[Source]]:
        """The event's facts and the sources visible here: one awaitable for in_time."""
        facts = await self.bot.aengine.list_facts(guild_id=guild_id, event=event)
        return facts, await self.bot.aengine.sources(guild_id=guild_id)

    async def _add_and_recheck(
        self,
        record: dict,
        interaction: discord.Interaction,
        gap_id: int,
        guild_id: int | None,
    ) -> tuple[Fact, Gap]:
        """Add the fact, then read the gap again (has the new fact answered it?)."""
        fact = await self.bot.aengine.add_fact(
            record, actor=actor(interaction.user), guild_id=guild_id
        )
        return fact, await self.bot.aengine.gap(gap_id, guild_id=guild_id)

    def _spawn(self, change: FactChange) -> None:
        task = asyncio.create_task(self._deliver(change))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- mod-log and notifications ---------------------------------------------------------

    async def _deliver(self, change: FactChange) -> None:
        if change.modlog_channel_id is not None:
            channel = self.bot.get_partial_messageable(change.modlog_channel_id)
            try:
                await channel.send(
                    embed=loop_render.modlog_embed(change),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except discord.HTTPException as exc:
                log.warning(
                    "Could not post to the mod-log channel %s: %s", change.modlog_channel_id, exc
                )
        for note in change.notifications:
            try:
                await self._notify(note)
            except discord.HTTPException as exc:
                log.warning("Could not tell user %s about their answer: %s", note.user_id, exc)

    async def _notify(self, note: Notification) -> None:
        replies = render.render_answer(note.answer)
        if note.by_dm:
            try:
                user = self.bot.get_user(note.user_id) or await self.bot.fetch_user(note.user_id)
                text = loop_render.notification_text(note.user_id, note.question, in_dm=True)
                await user.send(text, **replies[0].kwargs())
                for reply in replies[1:]:
                    await user.send(**reply.kwargs())
                return
            except discord.HTTPException as exc:  # DMs closed: fall back to the channel
                log.info("DM to user %s failed (%s); replying in the channel", note.user_id, exc)
        if note.channel_id is None:
            return
        channel = self.bot.get_partial_messageable(note.channel_id)
        reference = (
            discord.MessageReference(
                message_id=note.message_id, channel_id=note.channel_id, fail_if_not_exists=False
            )
            if note.message_id
            else None
        )
        # The one mention allowed anywhere: the asker, in the reply that answers them.
        ping = discord.AllowedMentions(
            everyone=False, roles=False, users=[discord.Object(note.user_id)]
        )
        first = replies[0].kwargs()
        first["allowed_mentions"] = ping
        text = loop_render.notification_text(note.user_id, note.question, in_dm=False)
        kwargs = {"reference": reference} if reference else {}
        await channel.send(text, **first, **kwargs)
        for reply in replies[1:]:
            await channel.send(**reply.kwargs())

    # --- /notifications -------------------------------------------------------------------

    @app_commands.command(
        name="notifications",
        description="Be told when a question I could not answer gets an answer",
    )
    @app_commands.describe(setting="on (the default) or off")
    async def notifications(
        self, interaction: discord.Interaction, setting: Literal["on", "off"]
    ) -> None:
        enabled = setting == "on"
        await in_time(
            interaction,
            self.bot.aengine.set_notifications(interaction.user.id, enabled=enabled),
            ephemeral=True,
        )
        text = (
            "I will tell you when a question I could not answer gets an answer."
            if enabled
            else "I will no longer tell you when your unanswered questions get an answer."
        )
        await send_ephemeral(interaction, text)

    # --- /gaps -----------------------------------------------------------------------------

    @app_commands.command(name="gaps", description="The most-asked questions I could not answer")
    @app_commands.describe(days="How many days back (default from the config)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def gaps(
        self,
        interaction: discord.Interaction,
        days: app_commands.Range[int, 1, MAX_DAYS] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        days = days or self.bot.config.loop.gaps_days
        gaps: list[Gap] = await self.bot.aengine.gaps(guild_id=interaction.guild_id, days=days)
        pages = loop_render.gap_pages(gaps, days=days)
        pager = ItemPager(
            gaps,
            pages,
            owner_id=interaction.user.id,
            actions=[
                ("Add fact", discord.ButtonStyle.success, self._add_fact),
                ("Answer with…", discord.ButtonStyle.primary, self._answer_with),
            ],
        )
        await pager.start(interaction)

    async def _add_fact(
        self, interaction: discord.Interaction, gap: Gap, pager: ItemPager
    ) -> None:
        """The fact form for the closest event: first the report, the kind and (for a
        measurement, time or place) the attribute, then the form, with the question already
        among the fact's other words."""
        guild_id = interaction.guild_id
        event = gap.event
        if event is None:
            raise FormError(
                "No event came close to this question: add the fact with /fact add, "
                "then link it here with Answer with…."
            )
        # The closest fact's report first, then the other reports the event's facts cite.
        facts, source_list = await in_time(
            interaction, self._facts_and_sources(guild_id, event), ephemeral=True
        )
        sources = {s.id: s for s in source_list}
        by_id = {f.id: f for f in facts}
        ordered = [by_id[c.fact_id].source for c in gap.candidates if c.fact_id in by_id]
        ordered += [f.source for f in facts]
        choices = []
        for sid in dict.fromkeys(ordered):
            src = sources.get(sid)
            choices.append((sid, f"{src.title} — {src.publisher}" if src else sid))
        if not choices:
            raise FormError(
                f"No report is cited for {event} yet: add one with /source add, then use "
                "/fact add."
            )
        keyword = gap.question.strip().rstrip("?").casefold()

        def attributes(kind: str) -> list[tuple[str, str]]:
            return [(name, ATTRIBUTES[name].label) for name in attributes_for(gap.question, kind)]

        async def chosen(
            select_interaction: discord.Interaction, kind: str, attribute: str | None,
            source: str,
        ) -> None:
            async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
                record = forms.new_fact_record(
                    kind, values, event=event, source=source, attribute=attribute
                )
                fact, answered = await in_time(
                    modal_interaction,
                    self._add_and_recheck(record, modal_interaction, gap.id, guild_id),
                    ephemeral=True,
                )
                outcome = (
                    f"it answers “{render.clean(gap.question)}” now, and the "
                    f"{'person' if gap.askers == 1 else 'people'} who asked will be told."
                    if answered.status == "answered"
                    else "it does not answer the question yet: add words people use for "
                    "it (/fact edit), or use Answer with…."
                )
                log.info("Fact %s added from /gaps by user %s in guild %s", fact.id,
                         modal_interaction.user.id, guild_id)
                await modal_interaction.response.send_message(
                    f"Added fact `{fact.id}`; {outcome}",
                    embed=render.fact_embed(fact),
                    ephemeral=True,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
                await pager.mark_done(gap, f"added fact `{fact.id}`")

            what = f"{kind} ({attribute})" if attribute else kind
            await open_form(
                select_interaction,
                title=f"New {what} fact",
                specs=forms.fact_fields(kind),
                on_values=save,
                defaults={"topics": f"; {keyword}"},
            )

        picker = FactKindPicker(
            owner_id=interaction.user.id, sources=choices, attributes=attributes,
            on_chosen=chosen,
        )
        send = (interaction.followup.send if interaction.response.is_done()
                else interaction.response.send_message)  # deferred if the reads were slow
        await send(
            f"A new fact about `{event}`, for “{render.clean(gap.question)}”. "
            "What kind of fact is it?",
            view=picker,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def _answer_with(
        self, interaction: discord.Interaction, gap: Gap, pager: ItemPager
    ) -> None:
        guild_id = interaction.guild_id
        default = gap.candidates[0].fact_id if gap.candidates else ""
        may = may_edit_knowledge(guild_id, self.bot.config.discord.knowledge_guild_ids)

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            fact_id = (values.get("fact_id") or "").strip()
            if not fact_id:
                raise FormError("Give the id of the fact that answers the question.")
            result: LinkResult = await in_time(
                modal_interaction,
                self.bot.aengine.link_gap(
                    gap.id,
                    fact_id,
                    actor=actor(modal_interaction.user),
                    guild_id=guild_id,
                    may_edit_knowledge=may,
                ),
                ephemeral=True,
            )
            log.info("Gap %s linked to fact %s by user %s in guild %s", gap.id, fact_id,
                     modal_interaction.user.id, guild_id)
            if result.answers_now:
                told = f" {result.notified} asker(s) told." if result.notified else ""
                outcome = f"Asking it again is answered with `{fact_id}` now.{told}"
            else:
                outcome = (
                    "It still does not answer the question (the question asks for something "
                    "the fact does not give); /fact revert undoes the link."
                )
            await modal_interaction.response.send_message(
                f"Added “{render.clean(result.keyword)}” to the keywords of `{fact_id}` "
                f"(revision {result.fact.revision}; /fact revert undoes it). {outcome}",
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            if result.answers_now:
                await pager.mark_done(gap, f"answered with `{fact_id}`")

        await open_form(
            interaction,
            title="Answer with an existing fact",
            specs=[FACT_ID_FIELD],
            on_values=save,
            defaults={"fact_id": default},
        )

    # --- /stats ----------------------------------------------------------------------------

    @app_commands.command(name="stats", description="Questions, answers and feedback in figures")
    @app_commands.describe(days="How many days back (default from the config)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @moderator_only()
    async def stats(
        self,
        interaction: discord.Interaction,
        days: app_commands.Range[int, 1, MAX_DAYS] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        days = days or self.bot.config.loop.gaps_days
        figures = await self.bot.aengine.stats(guild_id=interaction.guild_id, days=days)
        # matplotlib draws off the engine's thread, so questions are not held up meanwhile
        png = await asyncio.to_thread(stats_chart_png, figures)
        await interaction.followup.send(
            embed=loop_render.stats_embed(figures, with_chart=True),
            file=discord.File(io.BytesIO(png), filename=loop_render.STATS_FILENAME),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Loop(bot))
