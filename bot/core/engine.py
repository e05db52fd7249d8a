"""The engine: store + matcher + answer composer behind one object.

The CLI and the Discord layer talk to this and nothing else. Every change goes through the
store's single change API (transaction + audit row) and then updates the in-memory match
index, so the next question sees it at once, with no restart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.core.answer import compose_answer
from bot.core.loop import LoopOptions, TrustLoop
from bot.core.matching import INDEX_VERSION, Matcher, index_record
from bot.core.models import Answer, AuditEntry, Event, Fact, Source
from bot.core.settings import Thresholds
from bot.core.store import LoadReport, Store

log = logging.getLogger(__name__)


class Engine(TrustLoop):
    def __init__(
        self,
        store: Store,
        *,
        load_report: LoadReport | None = None,
        loop_options: LoopOptions | None = None,
    ):
        self.store = store
        self.load_report = load_report
        self.matcher = Matcher(fact_loader=store.get_facts)
        self.matcher.load(events=store.events(all_guilds=True), rows=self._index_rows())
        self._init_loop(loop_options)  # the trust loop (bot/core/loop.py)

    def _index_rows(self) -> list[tuple]:
        """Every active fact's index row, computing (and caching in the store) the terms of
        facts that are new or changed since they were last indexed."""
        rows = self.store.index_rows()
        stale = [r[0] for r in rows if r[9] != r[8] or r[10] != INDEX_VERSION]
        fresh: dict[str, dict] = {}
        if stale:
            facts = self.store.get_facts(stale)
            fresh = {fid: index_record(f) for fid, f in facts.items()}
            self.store.save_index_terms(list(fresh.values()))
            log.info("indexed %d new or changed fact(s)", len(fresh))
        out = []
        for r in rows:
            cached = fresh.get(r[0])
            ts, sts = (cached["terms"], cached["speaker_terms"]) if cached else (r[11], r[12])
            out.append((*r[:8], ts or "", sts or "", r[13]))
        return out

    @classmethod
    def open(cls, config: Config, *, load_knowledge: bool = True) -> Engine:
        """Open (or create) the database, bring the shipped knowledge in, build the index."""
        store = Store(Path(config.database))
        report = None
        if load_knowledge:
            report = store.load_knowledge(Path(config.knowledge_dir))
        loop = config.loop
        options = LoopOptions(
            thresholds=Thresholds(loop.answer_threshold, loop.suggest_threshold),
            low_confidence=loop.low_confidence,
            notify_by_dm=loop.notify_by_dm,
        )
        return cls(store, load_report=report, loop_options=options)

    def close(self) -> None:
        self.store.close()

    # --- questions ------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        guild_id: int | None = None,
        thresholds: Thresholds | None = None,
    ) -> Answer:
        """Answer one question; ``thresholds`` default to the server's (see /settings)."""
        if thresholds is None:
            thresholds = self.settings_book.thresholds(guild_id)
        result = self.matcher.match(question, guild_id=guild_id, thresholds=thresholds)
        return compose_answer(question, result, self.store.source_lookup(guild_id=guild_id))

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        """Autocomplete for questions: event titles/aliases and fact topics that fit."""
        return self.matcher.complete(prefix, guild_id=guild_id, limit=limit)

    # --- reads ------------------------------------------------------------------------------

    def events(self, *, guild_id: int | None = None) -> list[Event]:
        return self.store.events(guild_id=guild_id)

    def sources(self, *, guild_id: int | None = None) -> list[Source]:
        return self.store.sources(guild_id=guild_id)

    def get_fact(self, fact_id: str, *, guild_id: int | None = None) -> Fact:
        return self.store.get_fact(fact_id, guild_id=guild_id)

    def list_facts(
        self,
        *,
        guild_id: int | None = None,
        event: str | None = None,
        include_retracted: bool = False,
    ) -> list[Fact]:
        statuses = ("pending", "active", "retracted") if include_retracted else ("active",)
        return self.store.facts(guild_id=guild_id, event=event, statuses=statuses)

    def history(self, fact_id: str, *, guild_id: int | None = None) -> list[AuditEntry]:
        return self.store.history(fact_id, guild_id=guild_id)

    # --- changes ----------------------------------------------------------------------------

    def _reindex(self, fact: Fact) -> Fact:
        self.matcher.upsert_fact(fact)
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
    ) -> Fact:
        fact = self._reindex(
            self.store.retract_fact(
                fact_id,
                reason=reason,
                actor=actor,
                guild_id=guild_id,
                may_edit_knowledge=may_edit_knowledge,
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
    ) -> Fact:
        fact = self._reindex(
            self.store.revert_fact(
                fact_id,
                revision=revision,
                actor=actor,
                guild_id=guild_id,
                may_edit_knowledge=may_edit_knowledge,
            )
        )
        return self._fact_changed(
            fact, "revert", actor=actor, guild_id=guild_id, reason=f"to revision {revision}"
        )

    def add_event(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Event:
        event = self.store.add_event(record, actor=actor, guild_id=guild_id)
        self.matcher.upsert_event(event)
        return event

    def add_source(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Source:
        return self.store.add_source(record, actor=actor, guild_id=guild_id)

    def export_yaml(self, *, guild_id: int | None = None) -> str:
        return self.store.export_yaml(guild_id=guild_id)
