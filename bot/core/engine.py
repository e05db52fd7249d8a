"""The engine: store + matcher + answer composer behind one object.

The CLI and the Discord layer talk to this and nothing else. Every change goes through the
store's single change API (transaction + audit row) and then updates the in-memory match
index, so the next question sees it at once, with no restart.

Threads (see ``bot/core/runtime.py``): the engine's own store is the one *writer*
connection and is used on the thread that opened it. With :meth:`Engine.enable_readers`,
every other thread that reads gets its own read-only connection to the same file (WAL),
so reads never wait for a write or for each other. The match index is shared and guarded
by a lock. :meth:`Engine.refresh` brings in changes that another process (the CLI, a
second bot) committed to the same database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.core.answer import compose_answer
from bot.core.errors import Conflict, NotFound
from bot.core.events import main_event_of
from bot.core.lexicon import LEXICON_FILE, Lexicon, default_lexicon, lexicon_for
from bot.core.loop import LoopOptions, TrustLoop
from bot.core.matching import (
    FactTerms,
    Matcher,
    MatchResult,
    ScoredQuestion,
    Thresholds,
    row_terms,
    terms_to_row,
)
from bot.core.matching.decide import DEFAULT_THRESHOLDS
from bot.core.models import Answer, AuditEntry, Event, Fact, IndexRow, Source
from bot.core.store import LoadReport, Store
from bot.core.synonyms import SynonymGroup, check_group, shipped_group_covering

log = logging.getLogger(__name__)


class _ThreadDb:
    """The sqlite-utils ``Database`` of the calling thread (:attr:`Engine.reads`): the
    writer's on the writer thread, the thread's read-only one elsewhere. The trust loop's
    books hold one, so their reads (figures, gaps) work from any thread, while their
    writes, which the runtime only ever runs on the writer thread, use the writer."""

    def __init__(self, engine: Engine):
        self._engine = engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine.reads.db, name)

    def __getitem__(self, table: str) -> Any:
        return self._engine.reads.db[table]


class Engine(TrustLoop):
    def __init__(self, store: Store, *, load_report: LoadReport | None = None,
                 lexicon: Lexicon | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS,
                 loop_options: LoopOptions | None = None):
        self.store = store
        self.load_report = load_report
        self.thresholds = thresholds
        self._owner = threading.get_ident()  # the thread the writer connection belongs to
        self._local = threading.local()
        self._readers: list[Store] = []
        self._readers_lock = threading.Lock()
        self._reads_enabled = False
        self._index_lock = threading.RLock()
        self._seen_audit = store.last_audit_id()
        self._data_version = store.data_version
        self.matcher = Matcher(lexicon or default_lexicon(), fact_loader=self._load_facts)
        self._synonyms: dict[int | None, list[tuple[str, ...]]] = {}
        rows = self._index_rows()
        self.matcher.reader.add_words(store.index_words())
        self.matcher.load(events=store.events(all_guilds=True), rows=rows)
        self._mark_background()
        # the trust loop (bot/core/loop.py); its per-server thresholds start from these
        self._init_loop(loop_options or LoopOptions(thresholds=thresholds))
        thread_db = _ThreadDb(self)
        for book in (self.gap_book, self.feedback, self.settings_book):
            book.db = thread_db  # type: ignore[assignment]

    # --- threads ------------------------------------------------------------------------------

    def enable_readers(self) -> None:
        """Let other threads read through their own connections (file databases only)."""
        if str(self.store.path) != ":memory:":
            self._reads_enabled = True

    @property
    def reads(self) -> Store:
        """The store to read from on this thread: the writer's on its own thread, else
        this thread's own read-only connection (opened on first use)."""
        if not self._reads_enabled or threading.get_ident() == self._owner:
            return self.store
        reader: Store | None = getattr(self._local, "store", None)
        if reader is None:
            reader = Store(self.store.path, reader=True)
            self._local.store = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    @contextmanager
    def _index(self) -> Iterator[Matcher]:
        with self._index_lock:
            yield self.matcher

    def _load_facts(self, fact_ids: list[str]) -> dict[str, Fact]:
        return self.reads.get_facts(fact_ids)

    def refresh(self) -> int:
        """Bring changes committed by another process into the match index.

        Cheap when nothing happened: ``PRAGMA data_version`` on the writer connection only
        changes when another connection commits. Then every audit row since the last one
        seen names a fact or event to re-read. Run on the writer's thread; returns how many
        records were re-indexed.
        """
        version = self.store.data_version
        if version == self._data_version:
            return 0
        self._data_version = version
        self._synonyms.clear()  # another process may have changed them too
        changes = self.store.changes_since(self._seen_audit)
        if not changes:
            return 0
        self._seen_audit = changes[-1].audit_id
        facts = {c.entity_id for c in changes if c.entity == "fact"}
        events = {c.entity_id for c in changes if c.entity == "event"}
        loaded = self.store.get_facts(sorted(facts))
        with self._index() as matcher:
            for event_id in sorted(events):
                event = self.store.find_event(event_id)
                if event is not None:
                    matcher.upsert_event(event)
            for fact_id in sorted(facts):
                fact = loaded.get(fact_id)
                if fact is None:
                    matcher.remove_fact(fact_id)
                else:
                    matcher.upsert_fact(fact)
            if events:
                self._mark_background()
        log.info("picked up %d change(s) made by another process", len(facts) + len(events))
        return len(facts) + len(events)

    def _index_rows(self) -> list[tuple[IndexRow, FactTerms]]:
        """Every active fact's index row with its terms, computing (and caching in the
        store) the terms of facts that are new or changed since they were last indexed, or
        indexed under another lexicon or normaliser."""
        version = self.matcher.version
        rows = self.store.index_rows()
        stale = [r.fact_id for r in rows if not r.fresh or r.cached_version != version]
        fresh: dict[str, FactTerms] = {}
        if stale:
            facts = self.store.get_facts(stale)
            fresh = {fid: self.matcher.fact_terms(f) for fid, f in facts.items()}
            self.store.save_index_terms([
                terms_to_row(fid, facts[fid].revision, version, t) for fid, t in fresh.items()
            ])
            log.info("indexed %d new or changed fact(s)", len(fresh))
        seen: dict[str, frozenset[str]] = {}
        return [(r, fresh.get(r.fact_id) or row_terms(r, None, seen)) for r in rows]

    def _mark_background(self) -> None:
        events = self.store.events(all_guilds=True)
        sources = {s.id: s for s in self.store.sources(all_guilds=True)}
        # the index's docs carry the two fields main_event_of reads (event, source)
        docs = self.matcher.index.docs.values()
        self.matcher.set_background(main_event_of(events, docs, sources.values()))

    @classmethod
    def open(cls, config: Config, *, load_knowledge: bool = True) -> Engine:
        """Open (or create) the database, bring the shipped knowledge in, build the index."""
        lexicon = lexicon_for(Path(config.knowledge_dir))
        store = Store(Path(config.database))
        report = None
        if load_knowledge:
            report = store.load_knowledge(Path(config.knowledge_dir))
        loop = config.loop
        thresholds = replace(
            DEFAULT_THRESHOLDS, answer=loop.answer_threshold, suggest=loop.suggest_threshold
        )
        options = LoopOptions(
            thresholds=thresholds,
            low_confidence=loop.low_confidence,
            notify_by_dm=loop.notify_by_dm,
            context_minutes=loop.context_minutes,
        )
        return cls(store, load_report=report, lexicon=lexicon, thresholds=thresholds,
                   loop_options=options)

    def close(self) -> None:
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:  # threads are gone by now: their connections close here
            try:
                reader.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                log.debug("could not close a read connection", exc_info=True)
        self.store.close()

    # --- questions ------------------------------------------------------------------------

    def match(self, question: str, *, guild_id: int | None = None,
              thresholds: Thresholds | None = None, context: str | None = None) -> MatchResult:
        """Match with ``thresholds``, else the server's (``/settings``), else the config's;
        ``context``: the event the conversation is about (a question naming none is read
        in it)."""
        with self._index():  # (re-entrant) one index state from reading to deciding
            return self.decide(self.score_question(question, guild_id=guild_id),
                               thresholds=thresholds, context=context)

    def ask(self, question: str, *, guild_id: int | None = None,
            thresholds: Thresholds | None = None, context: str | None = None) -> Answer:
        with self._index():
            scored = self.score_question(question, guild_id=guild_id)
            result = self.decide(scored, thresholds=thresholds, context=context)
        return self.compose(scored, result)

    def score_question(self, question: str, *, guild_id: int | None = None) -> ScoredQuestion:
        """The question read and its candidates scored, as seen from ``guild_id``: decide it
        (:meth:`decide`) once, or again with other thresholds (``factbot eval --sweep``)."""
        synonyms = self.synonym_groups(guild_id)
        with self._index() as matcher:
            return matcher.score_question(question, guild_id=guild_id, synonyms=synonyms)

    def decide(self, scored: ScoredQuestion, *, thresholds: Thresholds | None = None,
               context: str | None = None) -> MatchResult:
        """Decide with ``thresholds``, else the server's (``/settings``), else the config's."""
        if thresholds is None:
            thresholds = self.settings_book.thresholds(scored.guild_id)
        with self._index() as matcher:
            return matcher.decide(scored, thresholds, context)

    def compose(self, scored: ScoredQuestion, result: MatchResult,
                sources: dict[str, Source] | None = None) -> Answer:
        """The answer a person reads, for a decided question (``sources``: the citations'
        sources, when the caller has read them already)."""
        if sources is None:
            sources = self.reads.source_lookup(guild_id=scored.guild_id)
        return compose_answer(scored.query.text, result, sources)

    # --- synonyms (the lexicon, extended by moderators) ---------------------------------------

    def synonym_groups(self, guild_id: int | None) -> list[tuple[str, ...]]:
        """The words of the groups moderators added for ``guild_id`` (and the global ones),
        cached per guild. Our own changes clear the cache; so does :meth:`refresh` when
        another process (the CLI adding a group while the bot runs) has committed."""
        groups = self._synonyms.get(guild_id)
        if groups is None:
            groups = self._synonyms[guild_id] = self.reads.synonyms(guild_id=guild_id)
        return groups

    def list_synonyms(self, *, guild_id: int | None) -> list[SynonymGroup]:
        """The synonym groups in use for ``guild_id``: global ones and this guild's."""
        return self.reads.synonym_groups(guild_id=guild_id)

    def add_synonyms(self, words: list[str], *, actor: str,
                     guild_id: int | None) -> SynonymGroup:
        """Add a synonym group (see :func:`bot.core.synonyms.check_group`); the next
        question uses it."""
        covering = shipped_group_covering(check_group(words), self.matcher.lexicon)
        if covering is not None:
            shown = ", ".join(covering[:6]) + (", …" if len(covering) > 6 else "")
            raise Conflict(f"these words already mean the same in the lexicon file "
                           f"({LEXICON_FILE}: {shown}); nothing to add")
        group = self.store.add_synonyms(words, actor=actor, guild_id=guild_id)
        self._synonyms.clear()
        return group

    def remove_synonyms(self, synonym_id: int, *, actor: str, guild_id: int | None,
                        reason: str | None = None) -> SynonymGroup:
        """Stop using one of ``guild_id``'s groups (None: a global one); returns it."""
        group = self.store.remove_synonyms(synonym_id, actor=actor, guild_id=guild_id,
                                           reason=reason)
        self._synonyms.clear()
        return group

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        """Autocomplete for questions: event titles/aliases and fact topics that fit."""
        with self._index() as matcher:
            return matcher.complete(prefix, guild_id=guild_id, limit=limit)

    # --- reads ------------------------------------------------------------------------------

    def events(self, *, guild_id: int | None = None) -> list[Event]:
        return self.reads.events(guild_id=guild_id)

    def sources(self, *, guild_id: int | None = None) -> list[Source]:
        return self.reads.sources(guild_id=guild_id)

    def get_fact(self, fact_id: str, *, guild_id: int | None = None) -> Fact:
        return self.reads.get_fact(fact_id, guild_id=guild_id)

    def get_event(self, event_id: str, *, guild_id: int | None = None) -> Event:
        return self.reads.get_event(event_id, guild_id=guild_id)

    def get_source(self, source_id: str, *, guild_id: int | None = None) -> Source:
        return self.reads.get_source(source_id, guild_id=guild_id)

    def find_source(self, source_id: str, *, guild_id: int | None = None) -> Source | None:
        """The source if visible from ``guild_id``, else None."""
        try:
            return self.reads.get_source(source_id, guild_id=guild_id)
        except NotFound:
            return None

    def check_may_edit(
        self, fact_id: str, *, guild_id: int | None = None, may_edit_knowledge: bool = False
    ) -> Fact:
        """The fact if this guild may edit it now, else the error an edit would raise."""
        return self.reads.check_may_edit(
            fact_id, guild_id=guild_id, may_edit_knowledge=may_edit_knowledge
        )

    def list_facts(
        self,
        *,
        guild_id: int | None = None,
        event: str | None = None,
        include_retracted: bool = False,
    ) -> list[Fact]:
        statuses = ("pending", "active", "retracted") if include_retracted else ("active",)
        return self.reads.facts(guild_id=guild_id, event=event, statuses=statuses)

    def history(self, fact_id: str, *, guild_id: int | None = None) -> list[AuditEntry]:
        return self.reads.history(fact_id, guild_id=guild_id)

    def complete_facts(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        """``(id, text)`` of facts for a moderator's autocomplete: one bounded query."""
        return self.reads.complete_facts(typed, guild_id=guild_id, limit=limit)

    def complete_events(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return self.reads.complete_events(typed, guild_id=guild_id, limit=limit)

    def complete_sources(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return self.reads.complete_sources(typed, guild_id=guild_id, limit=limit)

    def export_yaml(self, *, guild_id: int | None = None) -> str:
        return self.reads.export_yaml(guild_id=guild_id)

    # --- changes (on the writer's thread) ---------------------------------------------------

    def _reindex(self, fact: Fact) -> Fact:
        with self._index() as matcher:
            matcher.upsert_fact(fact)
        return fact

    def add_fact(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Fact:
        fact = self._reindex(self.store.add_fact(record, actor=actor, guild_id=guild_id))
        return self._fact_changed(fact, "add", actor=actor, guild_id=guild_id, reason=None)

    def edit_fact(
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
        before = self.store.get_fact(fact_id, guild_id=guild_id)
        fact = self._reindex(
            self.store.edit_fact(
                fact_id,
                changes,
                actor=actor,
                guild_id=guild_id,
                reason=reason,
                may_edit_knowledge=may_edit_knowledge,
                expected_revision=expected_revision,
            )
        )
        if fact.revision == before.revision:
            return fact  # nothing changed: nothing to post
        return self._fact_changed(fact, "edit", actor=actor, guild_id=guild_id, reason=reason)

    def retract_fact(
        self,
        fact_id: str,
        *,
        reason: str,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        fact = self._reindex(
            self.store.retract_fact(
                fact_id,
                reason=reason,
                actor=actor,
                guild_id=guild_id,
                may_edit_knowledge=may_edit_knowledge,
                expected_revision=expected_revision,
            )
        )
        return self._fact_changed(fact, "retract", actor=actor, guild_id=guild_id, reason=reason)

    def revert_fact(
        self,
        fact_id: str,
        *,
        revision: int,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        fact = self._reindex(
            self.store.revert_fact(
                fact_id,
                revision=revision,
                actor=actor,
                guild_id=guild_id,
                may_edit_knowledge=may_edit_knowledge,
                expected_revision=expected_revision,
            )
        )
        return self._fact_changed(
            fact, "revert", actor=actor, guild_id=guild_id, reason=f"to revision {revision}"
        )

    def add_event(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Event:
        event = self.store.add_event(record, actor=actor, guild_id=guild_id)
        with self._index() as matcher:
            matcher.upsert_event(event)
            self._mark_background()
        return event

    def add_source(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Source:
        return self.store.add_source(record, actor=actor, guild_id=guild_id)
