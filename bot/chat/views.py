"""Modals and buttons. Glue only: parsing lives in :mod:`bot.chat.forms`, text in
:mod:`bot.chat.render`, and every error goes to :func:`report_interaction_error`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import discord
from discord import ui

from bot.chat.errors import report_interaction_error, send_ephemeral
from bot.chat.forms import TEXT_INPUT_MAX, FieldSpec
from bot.chat.render import shorten

log = logging.getLogger(__name__)

MODAL_TITLE_LIMIT = 45
LABEL_LIMIT = 45
LABEL_DESCRIPTION_LIMIT = 100
PLACEHOLDER_LIMIT = 100

OnValues = Callable[[discord.Interaction, dict[str, str]], Awaitable[None]]


class FormModal(ui.Modal):
    """A modal built from :class:`FieldSpec` s; hands the submitted values to ``on_values``."""

    def __init__(
        self,
        *,
        title: str,
        specs: Sequence[FieldSpec],
        on_values: OnValues,
        defaults: Mapping[str, str] | None = None,
        timeout: float = 900.0,
    ):
        super().__init__(title=shorten(title, MODAL_TITLE_LIMIT), timeout=timeout)
        self._on_values = on_values
        self.inputs: dict[str, ui.TextInput[FormModal]] = {}
        defaults = defaults or {}
        for spec in specs:
            default = defaults.get(spec.key) or None
            if default is not None and len(default) > TEXT_INPUT_MAX:
                # never cut: a form saved untouched would cut the record (see
                # forms.too_long_for_form, which callers check first)
                raise ValueError(f"{spec.key} has {len(default)} characters, over {TEXT_INPUT_MAX}")
            max_length = min(TEXT_INPUT_MAX, max(spec.max_length, len(default or "")))
            text_input: ui.TextInput[FormModal] = ui.TextInput(
                custom_id=f"factbot:{spec.key}",
                style=discord.TextStyle.paragraph if spec.paragraph else discord.TextStyle.short,
                placeholder=shorten(spec.placeholder, PLACEHOLDER_LIMIT)
                if spec.placeholder
                else None,
                default=default,
                required=spec.required,
                max_length=max_length,
            )
            description = spec.description
            self.add_item(
                ui.Label(
                    text=shorten(spec.label, LABEL_LIMIT),
                    description=shorten(description, LABEL_DESCRIPTION_LIMIT)
                    if description
                    else None,
                    component=text_input,
                )
            )
            self.inputs[spec.key] = text_input

    def values(self) -> dict[str, str]:
        return {key: text_input.value for key, text_input in self.inputs.items()}

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._on_values(interaction, self.values())

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_interaction_error(interaction, error)


PAGER_TIMEOUT_SECONDS = 180.0  # then the buttons are removed


class Pager(ui.View):
    """Previous/next buttons over a list of embeds; only the invoker can turn the pages.

    The buttons go away after ``timeout`` seconds without a click (default
    :data:`PAGER_TIMEOUT_SECONDS`).
    """

    def __init__(
        self, pages: Sequence[discord.Embed], *, owner_id: int, timeout: float | None = None
    ):
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS if timeout is None else timeout)
        if not pages:
            raise ValueError("a pager needs at least one page")
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self._interaction: discord.Interaction | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def start(self, interaction: discord.Interaction, **kwargs: Any) -> None:
        """Show the first page as the (deferred) original response."""
        self._interaction = interaction
        view = self if len(self.pages) > 1 else discord.utils.MISSING
        if len(self.pages) <= 1:
            self.stop()
        await interaction.edit_original_response(
            embed=self.pages[0],
            view=view,
            allowed_mentions=discord.AllowedMentions.none(),
            **kwargs,
        )

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(
            interaction, "Only the person who ran this command can turn its pages."
        )
        return False

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=self.pages[self.index], view=self, allowed_mentions=discord.AllowedMentions.none()
        )

    @ui.button(
        label="Previous",
        emoji="◀️",
        style=discord.ButtonStyle.secondary,
        custom_id="factbot:pager:previous",
    )
    async def previous(self, interaction: discord.Interaction, button: ui.Button[Pager]) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @ui.button(
        label="Next", emoji="▶️", style=discord.ButtonStyle.secondary, custom_id="factbot:pager:next"
    )
    async def next(self, interaction: discord.Interaction, button: ui.Button[Pager]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        if self._interaction is None:
            return
        try:
            await self._interaction.edit_original_response(view=None)
        except discord.HTTPException as exc:  # e.g. dismissed, or the token expired
            log.debug("Could not remove the page buttons: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error)


OnClick = Callable[[discord.Interaction], Awaitable[None]]


class FactActions(ui.View):
    """Edit and Retract buttons under a fact a moderator looked at (``/fact show``).

    Both act on the revision shown: if someone changed the fact since, the edit form does not
    open and the retraction is refused, with the current text ("changed since you opened
    it"). Only the moderator who ran the command can press them; they go away after
    :data:`PAGER_TIMEOUT_SECONDS`.
    """

    def __init__(
        self,
        *,
        owner_id: int,
        on_edit: OnClick,
        on_retract: OnClick,
        can_retract: bool = True,
        timeout: float | None = None,
    ):
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS if timeout is None else timeout)
        self.owner_id = owner_id
        self._on_edit = on_edit
        self._on_retract = on_retract
        self.retract.disabled = not can_retract

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, "Only the person who ran this command can use these.")
        return False

    @ui.button(label="Edit", style=discord.ButtonStyle.primary, custom_id="factbot:fact:edit")
    async def edit(self, interaction: discord.Interaction, button: ui.Button[FactActions]) -> None:
        await self._on_edit(interaction)

    @ui.button(
        label="Retract", style=discord.ButtonStyle.danger, custom_id="factbot:fact:retract"
    )
    async def retract(
        self, interaction: discord.Interaction, button: ui.Button[FactActions]
    ) -> None:
        await self._on_retract(interaction)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error)
