"""Discord's 3-second deadline: answer in time, or defer and follow up.

Discord drops an interaction that gets no initial response within 3 s of being created
("The application did not respond"). The engine answers in milliseconds when idle, but may
take longer behind heavy work, so every handler that calls it goes through
:func:`in_time`: it waits up to :data:`DEFER_AFTER` seconds for the result and, if the
result is not ready by then, defers (the "thinking…" state, good for 15 minutes) and keeps
waiting. Fast answers therefore still arrive as one plain response.

Autocomplete cannot be deferred: :func:`choices_in_time` gives up after
:data:`AUTOCOMPLETE_BUDGET` seconds and offers nothing rather than being late.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

import discord

T = TypeVar("T")
log = logging.getLogger(__name__)

DISCORD_DEADLINE = 3.0  # seconds from creation to the initial response
DEFER_AFTER = 1.2  # leaves time for the gateway's delay and the defer's own round trip
AUTOCOMPLETE_BUDGET = 2.0
BEFORE_MODAL_BUDGET = 2.0  # a modal must be the initial response: it cannot follow a defer


class Busy(Exception):
    """The engine did not answer before an initial response was due (and it could not be
    deferred, e.g. before opening a form)."""


async def in_time(
    interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool = False
) -> T:
    """Await ``work``; if it is not done after :data:`DEFER_AFTER` s, defer the
    interaction first (ephemerally when the reply will be), then keep waiting."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER)
    except TimeoutError:
        pass
    except BaseException:
        task.cancel()
        raise
    if not interaction.response.is_done():
        try:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except discord.HTTPException as exc:  # expired meanwhile: the reply will fail too
            log.warning("Could not defer interaction %s: %s", interaction.id, exc)
    return await task


async def before_modal(work: Awaitable[T]) -> T:
    """Await a quick check that must finish before a modal opens, or raise :class:`Busy`."""
    try:
        return await asyncio.wait_for(work, BEFORE_MODAL_BUDGET)
    except TimeoutError:
        raise Busy() from None


async def choices_in_time(work: Awaitable[list[T]]) -> list[T]:
    """Autocomplete choices, or none when they would be late."""
    try:
        return await asyncio.wait_for(work, AUTOCOMPLETE_BUDGET)
    except TimeoutError:
        log.info("Autocomplete took over %.1f s; offered nothing", AUTOCOMPLETE_BUDGET)
        return []
