"""The in-memory match index: facts and events by term, and the candidates for a question.

Built once at start from cached rows (:meth:`MatchIndex.load`) and updated on every change
(:meth:`MatchIndex.upsert_fact`). Candidate gathering is set operations over postings, which
run in C, so a question touches a few hundred facts whatever the store's size. The guild
filter is applied before any cap, so one guild's facts never crowd out another's.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from bot.core.matching.analyzer import Analyzer, FactTerms
from bot.core.models import Event, Fact, IndexRow

_YEAR_RE = re.compile(r"(?:19|20)\d\d")
RARE_DF_MIN = 64  # a term in at most max(this, 1% of facts) is "rare": its facts are gathered
MAX_CANDIDATES = 400  # facts scored per question, at most


@dataclass(eq=False, slots=True)
class Doc:
    """What the index keeps of a fact: enough to score it. The full fact is loaded only for
    the few that end up in an answer (``full`` when the caller handed it over already)."""

    id: str
    event: str
    source: str
    guild_id: int | None
    kind: str
    attribute: str | None
    label: str | None
    rank: int
    speaker: str | None
    as_of: float | None
    expires: float | None
    terms: frozenset[str]
    key_terms: frozenset[str]
    speaker_terms: frozenset[str]
    features: frozenset[str]
    full: Fact | None = None


@dataclass(slots=True)
class EventDoc:
    event: Event
    terms: frozenset[str]
    recency: float
    main: str | None = None  # the main event this one is background to
    name_terms: frozenset[str] = frozenset()  # its names' terms, without its date
    title_terms: frozenset[str] = frozenset()  # its title's and aliases' terms only


def _timestamp(value: datetime | str | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.timestamp()


def _split(text: str | None) -> frozenset[str]:
    return frozenset(text.split()) if text else frozenset()


class MatchIndex:
    """Facts of every guild, with postings by term; events with their own terms."""

    def __init__(self, analyzer: Analyzer,
                 fact_loader: Callable[[list[str]], dict[str, Fact]] | None = None):
        self.analyzer = analyzer
        self._fact_loader = fact_loader
        self.docs: dict[str, Doc] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.by_event: dict[str, set[str]] = defaultdict(set)
        self.events: dict[str, EventDoc] = {}
        self.event_postings: dict[str, set[str]] = defaultdict(set)
        self._recent: list[str] | None = None
        self._surface: set[str] | None = None

    # --- building ----------------------------------------------------------------------------

    def add_event(self, event: Event) -> None:
        old = self.events.get(event.id)
        if old is not None:
            for t in old.terms:
                self.event_postings[t].discard(event.id)
        terms = self.analyzer.event_terms(event)
        recency = event.when.timestamp() if event.when else 0.0
        main = old.main if old is not None else None
        self.events[event.id] = EventDoc(event, terms, recency, main,
                                         self.analyzer.event_name_terms(event),
                                         self.analyzer.event_title_terms(event))
        for t in terms:
            self.event_postings[t].add(event.id)
        self._recent = None
        self._surface = None

    def set_background(self, main_of: dict[str, str | None]) -> None:
        """Mark background events (an earlier storm a report recalls) with their main event."""
        for event_id, doc in self.events.items():
            doc.main = main_of.get(event_id)

    def _add_doc(self, doc: Doc) -> None:
        self.docs[doc.id] = doc
        for t in doc.terms:
            self.postings[t].add(doc.id)
        self.by_event[doc.event].add(doc.id)

    def add_row(self, row: IndexRow, cached: FactTerms) -> None:
        self._add_doc(Doc(row.fact_id, row.event, row.source, row.guild_id, row.kind,
                          row.attribute, row.label, row.rank or 0, row.speaker,
                          _timestamp(row.as_of), _timestamp(row.expires), cached.terms,
                          cached.key_terms, cached.speaker_terms, cached.features))
        self._surface = None

    def upsert_fact(self, fact: Fact, terms: FactTerms) -> None:
        self.remove_fact(fact.id)
        if not fact.is_active:
            return
        self._add_doc(Doc(fact.id, fact.event, fact.source, fact.guild_id, fact.kind,
                          fact.attribute, fact.label, fact.rank, fact.speaker,
                          _timestamp(fact.as_of), _timestamp(fact.expires), terms.terms,
                          terms.key_terms, terms.speaker_terms, terms.features, fact))
        self._surface = None

    def remove_fact(self, fact_id: str) -> None:
        doc = self.docs.pop(fact_id, None)
        if doc is None:
            return
        for t in doc.terms:
            posting = self.postings.get(t)
            if posting is not None:
                posting.discard(fact_id)
                if not posting:
                    del self.postings[t]
        self.by_event[doc.event].discard(fact_id)

    def full(self, docs: Iterable[Doc]) -> dict[str, Fact]:
        """The full facts of a few docs (loaded from the store when not in memory)."""
        docs = list(docs)
        out = {d.id: d.full for d in docs if d.full is not None}
        missing = [d.id for d in docs if d.full is None]
        if missing:
            if self._fact_loader is None:
                raise RuntimeError("MatchIndex needs a fact_loader to answer from cached rows")
            out.update(self._fact_loader(missing))
        return out

    # --- vocabulary --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return len(self.docs)

    def df(self, terms: Iterable[str]) -> int:
        """How many facts have any of these terms (an upper bound for large unions)."""
        sizes = [len(self.postings[t]) for t in terms if t in self.postings]
        if not sizes:
            return 0
        if len(sizes) == 1:
            return sizes[0]
        return min(self.size, sum(sizes))

    def known_term(self, term: str) -> bool:
        return term in self.postings or term in self.event_postings

    def surface_terms(self) -> set[str]:
        """Every indexed term (facts and events): what typo correction may correct into."""
        if self._surface is None:
            self._surface = set(self.postings) | set(self.event_postings)
        return self._surface

    # --- scope -------------------------------------------------------------------------------

    @staticmethod
    def visible(guild_of: int | None, guild_id: int | None) -> bool:
        return guild_of is None or guild_of == guild_id

    def event_visible(self, event_id: str, guild_id: int | None) -> bool:
        ev = self.events.get(event_id)
        return ev is None or self.visible(ev.event.guild_id, guild_id)

    def recent_events(self, guild_id: int | None) -> Iterator[str]:
        """Visible event ids, most recent first."""
        if self._recent is None:
            self._recent = sorted(self.events, key=lambda e: self.events[e].recency,
                                  reverse=True)
        return (e for e in self._recent if self.event_visible(e, guild_id))

    def named_events(self, alternatives: Iterable[frozenset[str]],
                     guild_id: int | None) -> list[str]:
        """Events the question names by words few events share (alias, place, year), best
        first; an event's background events do not count as named by its main words."""
        alternatives = list(alternatives)
        years = {t for alts in alternatives for t in alts if _YEAR_RE.fullmatch(t)}
        if years:  # a year in an event's name ("the 2011 derailment") names it
            dated = [e for e in self.recent_events(guild_id)
                     if not years.isdisjoint(self.events[e].name_terms)]
            if dated:
                return dated
        n_events = max(1, len(self.events))
        limit = max(2, n_events // 10)
        hits: dict[str, float] = defaultdict(float)
        for alts in alternatives:
            evs: set[str] = set()
            for t in alts:
                evs |= self.event_postings.get(t, set())
            evs = {e for e in evs if self.event_visible(e, guild_id)}
            if not evs or len(evs) > limit:
                continue
            w = math.log((n_events + 1) / (len(evs) + 0.5)) + 0.1
            for e in evs:
                hits[e] += w
        if not hits:
            return []
        top = max(hits.values())
        return sorted((e for e, v in hits.items() if v >= top - 1e-9),
                      key=lambda e: -self.events[e].recency if e in self.events else 0.0)

    def names_year(self, year: str, guild_id: int | None) -> bool:
        return any(year in self.events[e].name_terms for e in self.recent_events(guild_id))

    def candidates(self, alternatives: list[frozenset[str]], guild_id: int | None,
                   named: list[str]) -> list[Doc]:
        """The facts worth scoring, visible from the guild: a named event's, else those
        sharing a rare term with the question, else those sharing all its common terms;
        capped, most recent events first."""
        docs = self.docs
        if named:
            ids: set[str] = set()
            for e in named:
                ids |= self.by_event.get(e, set())
        else:
            rare_df = max(RARE_DF_MIN, self.size // 100)
            rare: list[set[str]] = []
            common: list[set[str]] = []
            for alts in alternatives:
                posting: set[str] = set()
                for t in alts:
                    posting |= self.postings.get(t, set())
                if posting:
                    (rare if len(posting) <= rare_df else common).append(posting)
            ids = set().union(*rare) if rare else set()
            if not rare and common:
                common.sort(key=len)
                ids = set(common[0])
                for posting in common[1:]:
                    narrowed = ids & posting
                    if not narrowed:
                        break
                    ids = narrowed
        visible = [docs[i] for i in ids if i in docs and self.visible(docs[i].guild_id, guild_id)]
        if len(visible) > MAX_CANDIDATES:
            events = self.events
            visible = heapq.nlargest(
                MAX_CANDIDATES, visible,
                key=lambda d: events[d.event].recency if d.event in events else 0.0,
            )
        return visible

    def event_docs(self, event_id: str, guild_id: int | None) -> list[Doc]:
        return [self.docs[i] for i in self.by_event.get(event_id, ())
                if self.visible(self.docs[i].guild_id, guild_id)]
