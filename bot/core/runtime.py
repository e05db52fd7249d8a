"""Run the synchronous engine from asyncio: answers never wait behind heavy work.

Datasette's model (``database.py``): one *writer* thread owns the engine and its write
connection, and every change runs there, one ``BEGIN IMMEDIATE`` transaction at a time.
Reads run elsewhere, each thread on its own read-only SQLite connection (WAL lets them read
while the writer writes):

- ``ask``/autocomplete/short lookups run on a small pool of *quick* reader threads;
- heavy reads (long lists, history) run on their own *heavy* pool, and an export (seconds of
  pure-Python YAML writing on a large store) runs in a separate *process* with its own read
  connection, so it does not even compete for the interpreter lock: a moderator's
  ``/export`` never holds up a member's ``/ask``.

Each engine operation is a typed ``async`` method here, so a reader (and a type checker) can
follow chat -> core. A background task polls the database every ``change_poll_seconds``
(``PRAGMA data_version``, then the audit table) and re-indexes what another process (the
CLI, a second bot) changed, so answers follow those changes within seconds.

An in-memory database (``:memory:``) has no second connection: then everything runs on the
writer thread, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Config
from bot.core.engine import Engine
from bot.core.feedback import Vote
from bot.core.gaps import Asking, Gap
from bot.core.loop import Asked, FlaggedFact, LinkResult, Listener
from bot.core.models import Answer, AuditEntry, Event, Fact, Source
from bot.core.settings import GuildSettings
from bot.core.stats import Stats
from bot.core.synonyms import SynonymGroup

T = TypeVar("T")
log = logging.getLogger(__name__)

QUICK_READERS = 4  # threads for asks, autocomplete and single-record lookups
HEAVY_READERS = 2  # threads for export, lists and history


def export_in_process(database: str, guild_id: int | None) -> str:
    """``Store.export_yaml`` in a worker process, on its own read-only connection."""
    from bot.core.store import Store

    store = Store(Path(database), reader=True)
    try:
        return store.export_yaml(guild_id=guild_id)
    finally:
        store.close()


class AsyncEngine:
    """An :class:`Engine` driven from the event loop: one writer thread, reader pools."""

    def __init__(
        self,
        config: Config,
        *,
        engine_factory: Callable[[Config], Engine] | None = None,
        quick_readers: int = QUICK_READERS,
        heavy_readers: int = HEAVY_READERS,
    ):
        self._config = config
        self._factory = engine_factory or Engine.open
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-writer")
        self._quick = ThreadPoolExecutor(quick_readers, thread_name_prefix="factbot-read")
        self._heavy = ThreadPoolExecutor(heavy_readers, thread_name_prefix="factbot-heavy")
        self._engine: Engine | None = None
        self._separate_reads = False
        self._processes: ProcessPoolExecutor | None = None  # made on the first export
        self._poller: asyncio.Task[None] | None = None
        self._closed = False
        self.changes_picked_up = 0  # records re-indexed after another process changed them

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._engine is not None:
            return
        engine = await self._on(self._writer, self._factory, self._config)
        self._engine = engine
        enable = getattr(engine, "enable_readers", None)
        if enable is not None and str(getattr(engine.store, "path", ":memory:")) != ":memory:":
            enable()
            self._separate_reads = True
        interval = self._config.change_poll_seconds
        if interval and hasattr(engine, "refresh"):
            self._poller = asyncio.create_task(self._poll_changes(interval))

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        loop = asyncio.get_running_loop()
        for pool in (self._quick, self._heavy):  # wait for reads in flight, off the loop
            await loop.run_in_executor(None, functools.partial(pool.shutdown, wait=True))
        if self._processes is not None:
            await loop.run_in_executor(
                None, functools.partial(self._processes.shutdown, wait=True, cancel_futures=True)
            )
        if self._engine is not None:
            engine, self._engine = self._engine, None
            await self._on(self._writer, engine.close)
        await loop.run_in_executor(None, functools.partial(self._writer.shutdown, wait=True))

    async def __aenter__(self) -> AsyncEngine:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def engine(self) -> Engine:
        """The engine itself: for start-up reports and tests, not for calls from the loop."""
        if self._engine is None:
            raise RuntimeError("AsyncEngine.start() has not been awaited")
        return self._engine

    async def _poll_changes(self, interval: float) -> None:
        """Pick up changes that another process committed to the database."""
        while True:
            await asyncio.sleep(interval)
            try:
                self.changes_picked_up += await self._write(self.engine.refresh)
            except asyncio.CancelledError:
                raise
            except Exception:  # a locked or busy database: try again at the next tick
                log.warning("Could not check the database for outside changes", exc_info=True)

    # --- where calls run ----------------------------------------------------------------------

    @staticmethod
    async def _on(
        pool: ThreadPoolExecutor | ProcessPoolExecutor,
        fn: Callable[..., T],
        *args: Any,
        **kwargs: Any,
    ) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, functools.partial(fn, *args, **kwargs))

    async def _write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await self._on(self._writer, fn, *args, **kwargs)

    async def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        pool = self._quick if self._separate_reads else self._writer
        return await self._on(pool, fn, *args, **kwargs)

    async def _read_heavy(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        pool = self._heavy if self._separate_reads else self._writer
        return await self._on(pool, fn, *args, **kwargs)

    @staticmethod
    def on_writer_thread() -> bool:
        """Whether the caller runs on the writer thread (for tests of the threading)."""
        return threading.current_thread().name.startswith("factbot-writer")

    # --- questions ----------------------------------------------------------------------------

    async def ask(self, question: str, *, guild_id: int | None) -> Answer:
        return await self._read(self.engine.ask, question, guild_id=guild_id)

    async def complete(self, prefix: str, *, guild_id: int | None, limit: int = 25) -> list[str]:
        return await self._read(self.engine.complete, prefix, guild_id=guild_id, limit=limit)

    # --- reads --------------------------------------------------------------------------------

    async def get_fact(self, fact_id: str, *, guild_id: int | None) -> Fact:
        return await self._read(self.engine.get_fact, fact_id, guild_id=guild_id)

    async def get_event(self, event_id: str, *, guild_id: int | None) -> Event:
        return await self._read(self.engine.get_event, event_id, guild_id=guild_id)

    async def find_source(self, source_id: str, *, guild_id: int | None) -> Source | None:
        return await self._read(self.engine.find_source, source_id, guild_id=guild_id)

    async def complete_facts(
        self, typed: str, *, guild_id: int | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return await self._read(self.engine.complete_facts, typed, guild_id=guild_id, limit=limit)

    async def complete_events(
        self, typed: str, *, guild_id: int | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return await self._read(
            self.engine.complete_events, typed, guild_id=guild_id, limit=limit
        )

    async def complete_sources(
        self, typed: str, *, guild_id: int | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return await self._read(
            self.engine.complete_sources, typed, guild_id=guild_id, limit=limit
        )

    async def events(self, *, guild_id: int | None) -> list[Event]:
        return await self._read_heavy(self.engine.events, guild_id=guild_id)

    async def sources(self, *, guild_id: int | None) -> list[Source]:
        return await self._read_heavy(self.engine.sources, guild_id=guild_id)

    async def list_facts(
        self, *, guild_id: int | None, event: str | None = None, include_retracted: bool = False
    ) -> list[Fact]:
        return await self._read_heavy(
            self.engine.list_facts,
            guild_id=guild_id,
            event=event,
            include_retracted=include_retracted,
        )

    async def history(self, fact_id: str, *, guild_id: int | None) -> list[AuditEntry]:
        return await self._read_heavy(self.engine.history, fact_id, guild_id=guild_id)

    async def export_yaml(self, *, guild_id: int | None) -> str:
        if not self._separate_reads:
            return await self._read_heavy(self.engine.export_yaml, guild_id=guild_id)
        if self._processes is None:
            # "spawn": never fork a process whose threads may hold locks
            self._processes = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        database = str(self.engine.store.path)
        return await self._on(self._processes, export_in_process, database, guild_id)

    # --- changes (the writer thread) ------------------------------------------------------------

    async def add_fact(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Fact:
        return await self._write(self.engine.add_fact, record, actor=actor, guild_id=guild_id)

    async def add_event(
        self, record: dict[str, Any], *, actor: str, guild_id: int | None
    ) -> Event:
        return await self._write(self.engine.add_event, record, actor=actor, guild_id=guild_id)

    async def add_source(
        self, record: dict[str, Any], *, actor: str, guild_id: int | None
    ) -> Source:
        return await self._write(self.engine.add_source, record, actor=actor, guild_id=guild_id)

    async def edit_fact(
        self,
        fact_id: str,
        changes: dict[str, Any],
        *,
        actor: str,
        guild_id: int | None,
        reason: str | None = None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        return await self._write(
            self.engine.edit_fact,
            fact_id,
            changes,
            actor=actor,
            guild_id=guild_id,
            reason=reason,
            may_edit_knowledge=may_edit_knowledge,
            expected_revision=expected_revision,
        )

    async def retract_fact(
        self,
        fact_id: str,
        *,
        reason: str,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        return await self._write(
            self.engine.retract_fact,
            fact_id,
            reason=reason,
            actor=actor,
            guild_id=guild_id,
            may_edit_knowledge=may_edit_knowledge,
            expected_revision=expected_revision,
        )

    async def revert_fact(
        self,
        fact_id: str,
        *,
        revision: int,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        return await self._write(
            self.engine.revert_fact,
            fact_id,
            revision=revision,
            actor=actor,
            guild_id=guild_id,
            may_edit_knowledge=may_edit_knowledge,
            expected_revision=expected_revision,
        )

    async def list_synonyms(self, *, guild_id: int | None) -> list[SynonymGroup]:
        return await self._read(self.engine.list_synonyms, guild_id=guild_id)

    async def add_synonyms(self, words: list[str], *, actor: str,
                           guild_id: int | None) -> SynonymGroup:
        return await self._write(self.engine.add_synonyms, words, actor=actor, guild_id=guild_id)

    async def remove_synonyms(
        self, synonym_id: int, *, actor: str, guild_id: int | None, reason: str | None = None
    ) -> SynonymGroup:
        return await self._write(
            self.engine.remove_synonyms, synonym_id, actor=actor, guild_id=guild_id, reason=reason
        )

    # --- the trust loop (bot/core/loop.py) ----------------------------------------------------

    async def ask_recorded(self, question: str, *, asking: Asking) -> Asked:
        """Answer on a reader thread, then log the question on the writer (the question
        log and its gap: a short insert)."""
        answered = await self._read(self.engine.answer_question, question, asking=asking)
        return await self._write(
            self.engine.record_question, question, asking=asking, answered=answered
        )

    async def subscribe(self, listener: Listener) -> None:
        """``listener(change)`` runs on the writer thread after every fact change."""
        await self._write(self.engine.subscribe, listener)

    async def set_notifications(self, user_id: int, *, enabled: bool) -> None:
        await self._write(self.engine.set_notifications, user_id, enabled=enabled)

    async def notifications_enabled(self, user_id: int) -> bool:
        return await self._read(self.engine.notifications_enabled, user_id)

    async def gaps(self, *, guild_id: int | None, days: int) -> list[Gap]:
        return await self._read_heavy(self.engine.gaps, guild_id=guild_id, days=days)

    async def gap(self, gap_id: int, *, guild_id: int | None) -> Gap:
        return await self._read(self.engine.gap, gap_id, guild_id=guild_id)

    async def link_gap(
        self,
        gap_id: int,
        fact_id: str,
        *,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
    ) -> LinkResult:
        return await self._write(
            self.engine.link_gap, gap_id, fact_id, actor=actor, guild_id=guild_id,
            may_edit_knowledge=may_edit_knowledge,
        )

    async def stats(self, *, guild_id: int | None, days: int) -> Stats:
        return await self._read_heavy(self.engine.stats, guild_id=guild_id, days=days)

    async def guild_settings(self, guild_id: int | None) -> GuildSettings:
        return await self._read(self.engine.guild_settings, guild_id)

    async def update_settings(self, guild_id: int, *, actor: str, **changes: Any) -> GuildSettings:
        return await self._write(self.engine.update_settings, guild_id, actor=actor, **changes)

    async def vote(self, asked_id: int, *, user_id: int, guild_id: int | None, vote: str) -> Vote:
        return await self._write(
            self.engine.vote, asked_id, user_id=user_id, guild_id=guild_id, vote=vote
        )

    async def vote_reason(self, asked_id: int, *, user_id: int, reason: str) -> None:
        await self._write(self.engine.vote_reason, asked_id, user_id=user_id, reason=reason)

    async def flagged(self, *, guild_id: int | None) -> list[FlaggedFact]:
        return await self._read_heavy(self.engine.flagged, guild_id=guild_id)

    async def dismiss_flag(self, fact_id: str, *, guild_id: int | None, actor: str) -> Fact:
        return await self._write(
            self.engine.dismiss_flag, fact_id, guild_id=guild_id, actor=actor
        )

    async def stale_facts(self, *, guild_id: int | None) -> list[Fact]:
        return await self._read_heavy(self.engine.stale_facts, guild_id=guild_id)

    async def renew_fact(
        self,
        fact_id: str,
        *,
        expires: datetime | None,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
    ) -> Fact:
        return await self._write(
            self.engine.renew_fact, fact_id, expires=expires, actor=actor, guild_id=guild_id,
            may_edit_knowledge=may_edit_knowledge,
        )

    async def check_may_edit(
        self, fact_id: str, *, guild_id: int | None, may_edit_knowledge: bool
    ) -> Fact:
        """The fact, if this guild may change it (else the same error a change would get)."""
        return await self._read(
            self.engine.check_may_edit,
            fact_id,
            guild_id=guild_id,
            may_edit_knowledge=may_edit_knowledge,
        )
