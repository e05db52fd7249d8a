"""The engine: store + matcher + answer composer behind one object.

The CLI and the Discord layer talk to this and nothing else. Every change goes through the
store's single change API (transaction + audit row) and then updates the in-memory match
index, so the next question sees it at once, with no restart.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.core.answer import compose_answer
from bot.core.errors import Conflict
from bot.core.events import main_event_of
from bot.core.lexicon import LEXICON_FILE, Lexicon, default_lexicon, lexicon_for
from bot.core.loop import LoopOptions, TrustLoop
from bot.core.matching import (
    FactTerms,
    Matcher,
    MatchResult,
    Thresholds,
    row_terms,
    terms_to_row,
)
from bot.core.matching.decide import DEFAULT_THRESHOLDS
from bot.core.models import Answer, AuditEntry, Event, Fact, IndexRow, Source
from bot.core.store import LoadReport, Store
from bot.core.synonyms import SynonymGroup, check_group, shipped_group_covering

log = logging.getLogger(__name__)

class Engine(TrustLoop):
    def __init__(self, store: Store, *, load_report: LoadReport | None = None,
                 lexicon: Lexicon | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS,
                 loop_options: LoopOptions | None = None):
        self.store = store
        self.load_report = load_report
        self.thresholds = thresholds
        self.matcher = Matcher(lexicon or default_lexicon(), fact_loader=store.get_facts)
        self._synonyms: dict[int | None, list[tuple[str, ...]]] = {}
        self._outside_changes = store.outside_changes()
        rows = self._index_rows()
        self.matcher.reader.add_words(store.index_words())
        self.matcher.load(events=store.events(all_guilds=True), rows=rows)
        self._mark_background()
        # the trust loop (bot/core/loop.py); its per-server thresholds start from these
        self._init_loop(loop_options or LoopOptions(thresholds=thresholds))

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
        return [(r, fresh.get(r.fact_id) or row_terms(r, None)) for r in rows]

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
        )
        return cls(store, load_report=report, lexicon=lexicon, thresholds=thresholds,
                   loop_options=options)

    def close(self) -> None:
        self.store.close()

    # --- questions ------------------------------------------------------------------------

    def match(self, question: str, *, guild_id: int | None = None,
              thresholds: Thresholds | None = None) -> MatchResult:
        """Match with ``thresholds``, else the server's (``/settings``), else the config's."""
        if thresholds is None:
            thresholds = self.settings_book.thresholds(guild_id)
        return self.matcher.match(question, guild_id=guild_id,
                                  synonyms=self.synonym_groups(guild_id),
                                  thresholds=thresholds)

    def ask(self, question: str, *, guild_id: int | None = None,
            thresholds: Thresholds | None = None) -> Answer:
        result = self.match(question, guild_id=guild_id, thresholds=thresholds)
        return compose_answer(question, result, self.store.source_lookup(guild_id=guild_id))

    # --- synonyms (the lexicon, extended by moderators) ---------------------------------------

    def synonym_groups(self, guild_id: int | None) -> list[tuple[str, ...]]:
        """The words of the groups moderators added for ``guild_id`` (and the global ones),
        cached per guild. Our own changes clear the cache; so does a commit by another
        process (the CLI adding a group while the bot runs), seen at the next question."""
        outside = self.store.outside_changes()
        if outside != self._outside_changes:
            self._outside_changes = outside
            self._synonyms.clear()
        groups = self._synonyms.get(guild_id)
        if groups is None:
            groups = self._synonyms[guild_id] = self.store.synonyms(guild_id=guild_id)
        return groups

    def list_synonyms(self, *, guild_id: int | None) -> list[SynonymGroup]:
        """The synonym groups in use for ``guild_id``: global ones and this guild's."""
        return self.store.synonym_groups(guild_id=guild_id)

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
        self._mark_background()
        return event

    def add_source(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Source:
        return self.store.add_source(record, actor=actor, guild_id=guild_id)

    def export_yaml(self, *, guild_id: int | None = None) -> str:
        return self.store.export_yaml(guild_id=guild_id)
