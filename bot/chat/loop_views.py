"""Buttons and forms of the trust loop. Glue only: text in :mod:`bot.chat.loop_render`,
logic in :mod:`bot.core.loop`, errors through :func:`report_interaction_error`.

- :class:`VoteButton`: Helpful / Wrong / Outdated under every answer. A dynamic item
  (``factbot:vote:<asked id>:<vote>``), so the buttons keep working after a restart.
- :class:`ItemPager`: previous/next over one item per page, with action buttons a subclass
  adds (``/gaps``, ``/review flagged``, ``/review stale``). Only the invoker can use it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord import ui

from bot.chat.deadline import before_modal, in_time
from bot.chat.errors import report_interaction_error, send_ephemeral
from bot.chat.forms import FieldSpec
from bot.chat.views import PAGER_TIMEOUT_SECONDS, FormModal

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

VOTE_LABELS = {
    "helpful": ("Helpful", "👍"),
    "wrong": ("Wrong", "❌"),
    "outdated": ("Outdated", "🕰️"),
}
VOTE_THANKS = {
    "helpful": "Thanks: counted as helpful.",
    "wrong": "Thanks: counted as wrong. The moderators will look at it.",
    "outdated": "Thanks: counted as outdated. The moderators will look at it.",
}
REASON = FieldSpec(
    "reason",
    "What is wrong or out of date? (optional)",
    "Moderators read this in /review flagged.",
    "e.g. a newer report says 250 km",
    paragraph=True,
    required=False,
    max_length=500,
)


class VoteButton(
    ui.DynamicItem[ui.Button[Any]],
    template=r"factbot:vote:(?P<asked>[0-9]+):(?P<vote>helpful|wrong|outdated)",
):
    """One of the three feedback buttons under an answer."""

    def __init__(self, asked_id: int, vote: str):
        label, emoji = VOTE_LABELS[vote]
        super().__init__(
            ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                custom_id=f"factbot:vote:{asked_id}:{vote}",
            )
        )
        self.asked_id = asked_id
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: ui.Button[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["asked"]), match["vote"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: FactBot = interaction.client  # type: ignore[assignment]
        counting = bot.aengine.vote(
            self.asked_id,
            user_id=interaction.user.id,
            guild_id=interaction.guild_id,
            vote=self.vote,
        )
        try:
            # "Helpful" is answered with a note (deferred if need be); the others open a
            # form, which must be the first response: no defer, a "busy" note if it is late
            if self.vote == "helpful":
                vote = await in_time(interaction, counting, ephemeral=True)
            else:
                vote = await before_modal(counting)
        except Exception as exc:
            await report_interaction_error(interaction, exc)
            return
        thanks = VOTE_THANKS[self.vote]
        if vote.changed:
            thanks = thanks.replace("Thanks: counted", "Changed your vote: now counted")
        if self.vote == "helpful":
            await send_ephemeral(interaction, thanks)
            return

        async def save(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            reason = (values.get("reason") or "").strip()
            if reason:
                await in_time(
                    modal_interaction,
                    bot.aengine.vote_reason(
                        self.asked_id, user_id=modal_interaction.user.id, reason=reason
                    ),
                    ephemeral=True,
                )
            await send_ephemeral(modal_interaction, thanks)

        # The vote is already counted; the reason is optional (closing the form keeps it).
        title = "Why is it wrong?" if self.vote == "wrong" else "What is out of date?"
        await interaction.response.send_modal(
            FormModal(title=title, specs=[REASON], on_values=save)
        )


def vote_view(asked_id: int) -> ui.View:
    """The feedback buttons for one answer."""
    view = ui.View(timeout=None)
    for vote in VOTE_LABELS:
        view.add_item(VoteButton(asked_id, vote))
    return view


Action = Callable[[discord.Interaction, Any, "ItemPager"], Awaitable[None]]


class ItemPager(ui.View):
    """One item per page, previous/next, plus the actions given: (label, style, callback).

    An action's callback gets the click's interaction, the current item and the pager; it must
    respond to the interaction (a modal or a message). :meth:`mark_done` notes on the page
    what was done, so a moderator sees which items are dealt with.
    """

    def __init__(
        self,
        items: Sequence[Any],
        pages: Sequence[discord.Embed],
        *,
        owner_id: int,
        actions: Sequence[tuple[str, discord.ButtonStyle, Action]] = (),
        timeout: float | None = None,
    ):
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS if timeout is None else timeout)
        self.items = list(items)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self._interaction: discord.Interaction | None = None
        self.previous_button = self._button("Previous", "◀️", discord.ButtonStyle.secondary,
                                            self._previous, "previous")
        self.next_button = self._button("Next", "▶️", discord.ButtonStyle.secondary,
                                        self._next, "next")
        self.action_buttons = []
        for n, (label, style, action) in enumerate(actions):
            self.action_buttons.append(
                self._button(label, None, style, self._wrap(action), f"action{n}", row=1)
            )
        if not self.items:
            for button in self.action_buttons:
                self.remove_item(button)
        self._sync()

    def _button(
        self,
        label: str,
        emoji: str | None,
        style: discord.ButtonStyle,
        callback: Callable[[discord.Interaction], Awaitable[None]],
        key: str,
        row: int = 0,
    ) -> ui.Button[ItemPager]:
        button: ui.Button[ItemPager] = ui.Button(
            label=label, emoji=emoji, style=style, custom_id=f"factbot:items:{key}", row=row
        )
        button.callback = callback  # type: ignore[method-assign]
        self.add_item(button)
        return button

    def _wrap(self, action: Action) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def run(interaction: discord.Interaction) -> None:
            await action(interaction, self.items[self.index], self)

        return run

    @property
    def current(self) -> Any:
        return self.items[self.index]

    def _sync(self) -> None:
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index >= len(self.pages) - 1

    async def start(self, interaction: discord.Interaction, **kwargs: Any) -> None:
        """Show the first page as the (deferred) original response."""
        self._interaction = interaction
        await interaction.edit_original_response(
            embed=self.pages[0], view=self, allowed_mentions=discord.AllowedMentions.none(),
            **kwargs,
        )

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, "Only the person who ran this command can use it.")
        return False

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync()
        await interaction.response.edit_message(
            embed=self.pages[self.index], view=self,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def _previous(self, interaction: discord.Interaction) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    async def _next(self, interaction: discord.Interaction) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    async def mark_done(self, item: Any, note: str) -> None:
        """Note on ``item``'s page what was done, and refresh the message if it shows it."""
        if item not in self.items:
            return
        index = self.items.index(item)
        page = self.pages[index].copy()
        page.title = f"✓ {page.title}"[:256] if page.title else "✓"
        page.insert_field_at(0, name="Done", value=note[:1024], inline=False)
        self.pages[index] = page
        if self._interaction is not None and index == self.index:
            try:
                await self._interaction.edit_original_response(embed=page, view=self)
            except discord.HTTPException as exc:
                log.debug("Could not refresh the page: %s", exc)

    async def on_timeout(self) -> None:
        if self._interaction is None:
            return
        try:
            await self._interaction.edit_original_response(view=None)
        except discord.HTTPException as exc:
            log.debug("Could not remove the buttons: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error)


def open_form(
    interaction: discord.Interaction,
    *,
    title: str,
    specs: Sequence[FieldSpec],
    on_values: Callable[[discord.Interaction, dict[str, str]], Awaitable[None]],
    defaults: dict[str, str] | None = None,
) -> Awaitable[None]:
    return interaction.response.send_modal(
        FormModal(title=title, specs=specs, on_values=on_values, defaults=defaults)
    )


KIND_CHOICES = (
    ("claim", "Claim", "A sentence: what happened, what was decided …"),
    ("measurement", "Measurement", "A number with a unit: range, speed, deaths …"),
    ("time", "Time", "When something happened"),
    ("place", "Place", "Where something happened"),
    ("statement", "Statement", "What someone said"),
)
NEEDS_ATTRIBUTE = ("measurement", "time", "place")

Chosen = Callable[[discord.Interaction, str, "str | None", str], Awaitable[None]]


class FactKindPicker(ui.View):
    """"Add fact" from /gaps: the source (when the event has several), the kind and, for a
    measurement, time or place, the attribute; then ``on_chosen`` opens the fact form.

    A select can answer with a modal, so the form opens straight from the last choice.
    """

    def __init__(
        self,
        *,
        owner_id: int,
        sources: Sequence[tuple[str, str]],  # (id, label), the default first
        attributes: Callable[[str], Sequence[tuple[str, str]]],  # kind -> (name, label)
        on_chosen: Chosen,
    ):
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS)
        self.owner_id = owner_id
        self.source = sources[0][0] if sources else ""
        self._attributes = attributes
        self._on_chosen = on_chosen
        self.kind: str | None = None
        if len(sources) > 1:
            source_select: ui.Select[FactKindPicker] = ui.Select(
                custom_id="factbot:addfact:source",
                placeholder="The report it comes from",
                options=[
                    discord.SelectOption(label=label[:100], value=sid, default=n == 0)
                    for n, (sid, label) in enumerate(sources[:25])
                ],
            )
            source_select.callback = self._source_chosen  # type: ignore[method-assign]
            self.source_select = source_select
            self.add_item(source_select)
        kind_select: ui.Select[FactKindPicker] = ui.Select(
            custom_id="factbot:addfact:kind",
            placeholder="What kind of fact?",
            options=[
                discord.SelectOption(label=label, value=value, description=description)
                for value, label, description in KIND_CHOICES
            ],
        )
        kind_select.callback = self._kind_chosen  # type: ignore[method-assign]
        self.kind_select = kind_select
        self.add_item(kind_select)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, "Only the person who ran this command can use it.")
        return False

    async def _source_chosen(self, interaction: discord.Interaction) -> None:
        self.source = self.source_select.values[0]
        await interaction.response.defer()

    async def _kind_chosen(self, interaction: discord.Interaction) -> None:
        kind = self.kind_select.values[0]
        self.kind = kind
        if kind not in NEEDS_ATTRIBUTE:
            await self._on_chosen(interaction, kind, None, self.source)
            return
        options = self._attributes(kind)
        attribute_select: ui.Select[FactKindPicker] = ui.Select(
            custom_id="factbot:addfact:attribute",
            placeholder=f"What the {kind} is of (closest to the question first)",
            options=[
                discord.SelectOption(label=label[:100], value=name, description=name)
                for name, label in options[:25]
            ],
        )
        attribute_select.callback = self._attribute_chosen  # type: ignore[method-assign]
        self.attribute_select = attribute_select
        self.clear_items()
        self.add_item(attribute_select)
        await interaction.response.edit_message(
            content=f"A **{kind}** fact: what is it of?", view=self,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def _attribute_chosen(self, interaction: discord.Interaction) -> None:
        assert self.kind is not None
        await self._on_chosen(interaction, self.kind, self.attribute_select.values[0], self.source)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error)
