"""The in-memory match index: facts and events by term, and the candidates for a question.

Built once at start from cached rows (:meth:`MatchIndex.load`) and updated on every change
(:meth:`MatchIndex.upsert_fact`). Candidate gathering is set operations over postings, which
run in C, so a question touches a few hundred facts whatever the store's size. The guild
filter is applied before any cap, so one guild's facts never crowd out another's.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from bot.core.matching.analyzer import (
    HAS_UNIT_WORD,
    UNIT_WORD_PREFIX,
    YEAR_RE,
    Analyzer,
    FactTerms,
)
from bot.core.models import Event, Fact, IndexRow, TimePrecision, in_order
from bot.core.text import common_word

RARE_DF_MIN = 64  # a term in at most max(this, 1% of facts) is "rare": its facts are gathered
MAX_CANDIDATES = 100  # facts scored per question, at most
MAX_RANKING_POSTINGS = 6  # at most this many of a question's words rank too many candidates
PROBES_PER_HEAP_STEP = 15  # measured: a heap step over one fact costs ~15 set probes
# a word in more facts than this meets others as a bitset: ANDing two 100,000-bit ints
# costs microseconds, where meeting sets of thousands of ids probes each one (cache misses)
BITSET_MIN_DF = 2000


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
    reported_by: str
    as_of: float | None
    expires: float | None
    terms: frozenset[str]
    key_terms: frozenset[str]
    speaker_terms: frozenset[str]
    features: frozenset[str]
    full: Fact | None = None


def _unit_words_of(doc: Doc) -> list[str]:
    return [f[len(UNIT_WORD_PREFIX):] for f in doc.features if f.startswith(UNIT_WORD_PREFIX)]


@dataclass(slots=True)
class EventDoc:
    event: Event
    terms: frozenset[str]
    recency: float
    main: str | None = None  # the main event this one is background to
    name_terms: frozenset[str] = frozenset()  # its names' terms, without its date
    title_terms: frozenset[str] = frozenset()  # its title's and aliases' terms only


# a report holds its main event and the few earlier events it recalls: a word of more
# events than this is counted by its events (reading their reports costs a question time)
REPORT_EVENTS_MAX = 8


def _timestamp(value: datetime | str | None,
               precision: TimePrecision | str | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if precision is not None:  # "Tuesday morning": before the afternoon's figure
        value = in_order(value, TimePrecision(precision))
    return value.timestamp()


_NOTHING: frozenset[str] = frozenset()
_ONE_DIGIT = re.compile("1")


def _union(postings: dict[str, set[str]], keys: Iterable[str]) -> set[str] | frozenset[str]:
    """The union of some postings; one of them itself (not a copy) when only one is there,
    so the result must not be changed."""
    found = [p for k in keys if (p := postings.get(k))]
    if not found:
        return _NOTHING
    return found[0] if len(found) == 1 else set().union(*found)


_Group = list[set[str]]  # the postings of one asked word and its synonyms


def _size(group: _Group) -> int:
    """How many facts have the word or a synonym (at most: one fact may have several)."""
    return sum(map(len, group))


def _meet(ids: set[str] | frozenset[str], group: _Group) -> set[str] | frozenset[str]:
    """``ids`` that have the word or a synonym, probing only as many facts as ``ids`` holds
    per posting (``ids`` is the smaller side), never merging the postings."""
    if len(group) == 1:
        return ids & group[0]
    return set().union(*(ids & p for p in group))


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
        self.backgrounds: list[EventDoc] = []  # the events that are background to another
        self.event_postings: dict[str, set[str]] = defaultdict(set)
        self._recent: list[str] | None = None
        self._surface: set[str] | None = None
        self._sorted_surface: list[str] | None = None
        # for candidate gathering without a Python call per fact: each fact's place in the
        # "most recent event first" order, and the facts and events only one guild sees
        # (the sort key itself, newest first then by id: a C-level key for the heap)
        self._order: dict[str, tuple[float, str]] = {}
        self._guild_docs: dict[int, set[str]] = defaultdict(set)
        self._scoped_docs: set[str] = set()
        self._scoped_events = 0
        self._event_counts: dict[int | None, int] = {}  # visible events, per guild
        # the words labels name as their figures' unit ("(dorins)"), with how many facts
        self._unit_words: Counter[str] = Counter()
        # each fact's bit in the bitsets (kept for good, never reused) and the fact at each
        # bit; the bitsets of common terms are built when first met, dropped on a change
        self._bit: dict[str, int] = {}
        self._at_bit: list[str] = []
        self._bitsets: dict[str, int] = {}

    # --- building ----------------------------------------------------------------------------

    def add_event(self, event: Event) -> None:
        old = self.events.get(event.id)
        if old is not None:
            for t in old.terms:
                self.event_postings[t].discard(event.id)
        names = self.analyzer.event_name_terms(event)
        terms = self.analyzer.event_terms(event, names)
        recency = event.when.timestamp() if event.when else 0.0
        main = old.main if old is not None else None
        if old is not None and old.event.guild_id is not None:
            self._scoped_events -= 1
        self._scoped_events += event.guild_id is not None
        self.events[event.id] = EventDoc(event, terms, recency, main, names,
                                         self.analyzer.event_title_terms(event))
        for t in terms:
            self.event_postings[t].add(event.id)
        if main is not None:  # an edited background event: its new names
            self.backgrounds = [d for d in self.events.values() if d.main is not None]
        for fact_id in self.by_event.get(event.id, ()):
            self._order[fact_id] = (-recency, fact_id)
        self._recent = None
        self._vocabulary_changed()
        self._event_counts.clear()

    def set_background(self, main_of: dict[str, str | None]) -> None:
        """Mark background events (an earlier storm a report recalls) with their main event."""
        for event_id, doc in self.events.items():
            doc.main = main_of.get(event_id)
        self.backgrounds = [doc for doc in self.events.values() if doc.main is not None]

    def _add_doc(self, doc: Doc) -> None:
        self.docs[doc.id] = doc
        if HAS_UNIT_WORD in doc.features:
            self._unit_words.update(_unit_words_of(doc))
        if doc.id not in self._bit:
            self._bit[doc.id] = len(self._at_bit)
            self._at_bit.append(doc.id)
        if self._bitsets:
            self._drop_bitsets(doc.terms)
        for t in doc.terms:
            self.postings[t].add(doc.id)
        self.by_event[doc.event].add(doc.id)
        ev = self.events.get(doc.event)
        self._order[doc.id] = (-ev.recency if ev else -0.0, doc.id)
        if doc.guild_id is not None:
            self._guild_docs[doc.guild_id].add(doc.id)
            self._scoped_docs.add(doc.id)

    def add_row(self, row: IndexRow, cached: FactTerms) -> None:
        self._add_doc(Doc(
            id=row.fact_id, event=row.event, source=row.source, guild_id=row.guild_id,
            kind=row.kind, attribute=row.attribute, label=row.label, rank=row.rank or 0,
            speaker=row.speaker, reported_by=row.reported_by,
            as_of=_timestamp(row.as_of, row.as_of_precision),
            expires=_timestamp(row.expires), terms=cached.terms, key_terms=cached.key_terms,
            speaker_terms=cached.speaker_terms, features=cached.features,
        ))
        self._vocabulary_changed()

    def upsert_fact(self, fact: Fact, terms: FactTerms) -> None:
        self.remove_fact(fact.id)
        if not fact.is_active:
            return
        self._add_doc(Doc(
            id=fact.id, event=fact.event, source=fact.source, guild_id=fact.guild_id,
            kind=fact.kind, attribute=fact.attribute, label=fact.label, rank=fact.rank,
            speaker=fact.speaker, reported_by=fact.reported_by,
            as_of=_timestamp(fact.as_of, fact.as_of_precision),
            expires=_timestamp(fact.expires), terms=terms.terms, key_terms=terms.key_terms,
            speaker_terms=terms.speaker_terms, features=terms.features, full=fact,
        ))
        self._vocabulary_changed()

    def remove_fact(self, fact_id: str) -> None:
        doc = self.docs.pop(fact_id, None)
        if doc is None:
            return
        self._order.pop(fact_id, None)
        if HAS_UNIT_WORD in doc.features:
            self._unit_words.subtract(_unit_words_of(doc))
            self._unit_words += Counter()  # (drops the words no fact names any more)
        if doc.guild_id is not None:
            self._guild_docs[doc.guild_id].discard(fact_id)
            self._scoped_docs.discard(fact_id)
        if self._bitsets:
            self._drop_bitsets(doc.terms)
        for t in doc.terms:
            posting = self.postings.get(t)
            if posting is not None:
                posting.discard(fact_id)
                if not posting:
                    del self.postings[t]
        self.by_event[doc.event].discard(fact_id)

    def _drop_bitsets(self, terms: Iterable[str]) -> None:
        for t in terms:
            self._bitsets.pop(t, None)

    def _bitset(self, term: str) -> int:
        """The bitset of a term's facts (built once, until one of its facts changes)."""
        found = self._bitsets.get(term)
        if found is None:
            bit, top = self._bit, len(self._at_bit) - 1
            digits = bytearray(b"0") * (top + 1)  # binary digits, the highest bit first
            for i in self.postings.get(term, ()):
                digits[top - bit[i]] = 49  # "1"
            found = self._bitsets[term] = int(digits, 2) if digits else 0
        return found

    def build_bitsets(self) -> None:
        """Build the bitsets of every common term now (at start-up, after a load), so no
        question pays for building one (milliseconds for a term in tens of thousands)."""
        for term, posting in self.postings.items():
            if len(posting) >= BITSET_MIN_DF:
                self._bitset(term)

    def _ids_of(self, bits: int) -> set[str]:
        """The facts whose bits are set (a C-level search for each "1" digit)."""
        digits = bin(bits)
        top = len(digits) - 1  # the last digit is bit 0
        at = self._at_bit
        return {at[top - m.start()] for m in _ONE_DIGIT.finditer(digits, 2)}

    def _group_bits(self, alts_terms: list[str]) -> int:
        bits = 0
        for t in alts_terms:
            bits |= self._bitset(t)
        return bits

    def unit_words(self, terms: frozenset[str]) -> frozenset[str]:
        """Which of these terms some label names as its figures' unit ("dorin")."""
        if not self._unit_words:
            return frozenset()
        return frozenset(t for t in terms if t in self._unit_words)

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

    def _vocabulary_changed(self) -> None:
        self._surface = None
        self._sorted_surface = None

    def terms_with_prefix(self, prefix: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` single-word indexed terms that begin with ``prefix``, in
        alphabetical order: what a clipped word ("evac") may stand for. A binary search in
        the sorted vocabulary (built once per change), where a scan of a large index's
        vocabulary costs milliseconds per question."""
        if self._sorted_surface is None:
            self._sorted_surface = sorted(self.surface_terms())
        terms = self._sorted_surface
        out: list[str] = []
        for i in range(bisect.bisect_left(terms, prefix), len(terms)):
            term = terms[i]
            if not term.startswith(prefix) or len(out) >= limit:
                break
            if "_" not in term:
                out.append(term)
        return out

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

    def event_count(self, guild_id: int | None) -> int:
        """How many events ``guild_id`` sees (shared ones and its own): another guild's
        events never make this guild's event names look common."""
        count = self._event_counts.get(guild_id)
        if count is None:
            count = self._event_counts[guild_id] = sum(
                1 for e in self.events if self.event_visible(e, guild_id)
            )
        return count

    def recent_events(self, guild_id: int | None) -> Iterator[str]:
        """Visible event ids, most recent first."""
        return (e for e in self._recent_order() if self.event_visible(e, guild_id))

    def _recent_order(self) -> list[str]:
        """Every event id, most recent first."""
        if self._recent is None:
            self._recent = sorted(self.events, key=lambda e: (-self.events[e].recency, e))
        return self._recent

    def named_events(self, alternatives: Iterable[frozenset[str]],
                     guild_id: int | None, every: bool = False) -> list[str]:
        """Events the question names by words few events share (alias, place, year), best
        first; an event's background events do not count as named by its main words.
        ``every``: each event some word names, not only the best named ("harvel siege
        lasted how many hours longer than this marovska one")."""
        alternatives = list(alternatives)
        years = {t for alts in alternatives for t in alts if YEAR_RE.fullmatch(t)}
        if years:  # a year in an event's name ("the 2011 derailment") names it
            dated = [e for e in self.recent_events(guild_id)
                     if not years.isdisjoint(self.events[e].name_terms)]
            if dated:
                return dated
        n_events = max(1, self.event_count(guild_id))
        limit = max(2, n_events // 10)
        hits: dict[str, float] = defaultdict(float)
        for alts in set(alternatives):
            if all("_" not in a and common_word(a) for a in alts):
                continue  # "north" of "North Korea": an everyday word names no event alone
            evs = _union(self.event_postings, alts)
            if self._scoped_events:
                evs = {e for e in evs if self.event_visible(e, guild_id)}
            # a word its report's main event and the earlier events it recalls share
            # ("balloon") names one report, as rarely as a word one event has ("launch")
            # (a word of more events than a few reports hold is counted by its events)
            reports = len({self.report_of(e) for e in evs}) \
                if 1 < len(evs) <= REPORT_EVENTS_MAX else len(evs)
            if not evs or reports > limit:
                continue
            w = math.log((n_events + 1) / (reports + 0.5)) + 0.1
            for e in evs:
                hits[e] += w
        if not hits:
            return []
        top = 0.0 if every else max(hits.values())
        return sorted((e for e, v in hits.items() if v >= top - 1e-9),
                      key=lambda e: (-self.events[e].recency if e in self.events else 0.0, e))

    def report_of(self, event_id: str) -> str:
        """The main event of a background one (the report that recalls it); else itself."""
        ev = self.events.get(event_id)
        return ev.main if ev is not None and ev.main else event_id

    def names_year(self, year: str, guild_id: int | None) -> bool:
        return any(year in self.events[e].name_terms for e in self.recent_events(guild_id))

    def candidates(self, alternatives: list[frozenset[str]], guild_id: int | None,
                   named: list[str]) -> list[Doc]:
        """The facts worth scoring, visible from the guild: a named event's, else those
        sharing a rare term with the question, else those sharing all its common terms;
        capped, most recent events first.

        Everything here is set operations and C-level keys: no Python code runs per fact,
        which matters when a common word is in tens of thousands of facts. The postings
        themselves are never copied or changed.
        """
        docs = self.docs
        hidden = (self._scoped_docs - self._guild_docs.get(guild_id, _NOTHING)
                  if self._scoped_docs else _NOTHING)  # facts another guild added
        ids: set[str] | frozenset[str]
        if named:
            ids = _union(self.by_event, named)
            if len(ids) > MAX_CANDIDATES:
                # a named event of many facts: those with more of the question's words
                # first, not its first hundred by id ("kelvoss wave height" must reach
                # "Wave height at Kelvoss" however many wave heights the event has)
                groups = [group for alts in set(alternatives)
                          if (group := [p for t in alts if (p := self.postings.get(t))])]
                groups.sort(key=_size)  # (the rarest words rank when there are many)
                return [docs[i] for i in self._most_covered(ids, groups, hidden,
                                                            MAX_CANDIDATES)]
        else:
            rare_df = max(RARE_DF_MIN, self.size // 100)
            rare: list[_Group] = []
            common: list[_Group] = []
            common_terms: dict[int, list[str]] = {}  # id of a common group -> its terms
            for alts in set(alternatives):  # a word asked twice gathers once
                # one word and its synonyms; a common one's postings are not merged, since
                # merging tens of thousands of ids costs more than meeting them (_meet)
                group = [p for t in alts if (p := self.postings.get(t))]
                if not group:
                    continue
                if len(group) > 1 and max(map(len, group)) <= rare_df < _size(group):
                    group = [set().union(*group)]  # rare or not: count them
                if _size(group) <= rare_df:
                    rare.append(group)
                else:
                    common.append(group)
                    common_terms[id(group)] = [t for t in alts if self.postings.get(t)]
            ids = _NOTHING
            if rare:
                postings = [p for g in rare for p in g]
                ids = postings[0] if len(postings) == 1 else set().union(*postings)
                if len(ids) > MAX_CANDIDATES and len(rare) + len(common) > 1:
                    # too many: those with more of the question's words first ("what did
                    # <speaker> say about the <common word>" wants that speaker's words on it)
                    return [docs[i] for i in self._most_covered(ids, [*rare, *common], hidden,
                                                                MAX_CANDIDATES)]
            elif len(common) > 1 and min(map(_size, common)) >= BITSET_MIN_DF:
                ids = self._meet_common(common, common_terms)
            elif common:
                common.sort(key=_size)
                first = common[0]
                ids = first[0] if len(first) == 1 else set().union(*first)
                for group in common[1:]:
                    narrowed = _meet(ids, group)
                    if not narrowed:
                        break
                    ids = narrowed
        if not hidden.isdisjoint(ids):
            ids = ids - hidden
        if len(ids) <= MAX_CANDIDATES:
            return [docs[i] for i in ids]
        return [docs[i] for i in self._most_recent(ids, MAX_CANDIDATES)]

    def _meet_common(self, common: list[_Group], terms: dict[int, list[str]]
                     ) -> set[str] | frozenset[str]:
        """What the loop over ``_meet`` below gives for common words only (each in thousands
        of facts), as bitsets: the facts with the smallest group's word, narrowed by each
        other group in turn while some remain."""
        common.sort(key=_size)
        first = common[0]
        bits = self._group_bits(terms[id(first)])
        narrowed_once = False
        for group in common[1:]:
            narrowed = bits & self._group_bits(terms[id(group)])
            if not narrowed:
                break
            bits, narrowed_once = narrowed, True
        if not narrowed_once:  # (as below: the smallest group's own postings)
            return first[0] if len(first) == 1 else set().union(*first)
        return self._ids_of(bits)

    def _most_covered(self, ids: set[str] | frozenset[str], groups: list[_Group],
                      hidden: set[str] | frozenset[str], k: int) -> list[str]:
        """``k`` facts of ``ids`` (not ``hidden``): those with the most of the asked words
        (``groups``) first, each tier most recent events first. Set operations only:
        ``at_least[c]`` holds the facts with at least ``c`` of the words seen so far."""
        if not hidden.isdisjoint(ids):
            ids = ids - hidden
        at_least: list[set[str] | frozenset[str]] = [ids]
        for group in groups[:MAX_RANKING_POSTINGS]:
            within = _meet(ids, group)
            grown = [ids]
            for c in range(1, len(at_least) + 1):
                below = at_least[c - 1] & within
                grown.append(at_least[c] | below if c < len(at_least) else below)
            at_least = [level for level in grown if level]
        chosen: list[str] = []
        for c in range(len(at_least) - 1, -1, -1):
            tier = at_least[c] - at_least[c + 1] if c + 1 < len(at_least) else at_least[c]
            if len(tier) > k - len(chosen):
                chosen += self._most_recent(tier, k - len(chosen))
                break
            chosen += tier
        return chosen

    def _most_recent(self, ids: set[str] | frozenset[str], k: int) -> list[str]:
        """The ``k`` facts of ``ids`` whose events are the most recent (ties: by id).

        Two ways, whichever costs less: a heap over all of ``ids``, or walking the events
        newest first and taking their facts that are in ``ids`` until there are ``k``. The
        walk probes about ``k * size / len(ids)`` facts, so it wins when a common word puts
        thousands of facts in ``ids``; it gives up for the heap when ``ids`` turn out to sit
        in old events.
        """
        budget = len(ids) * PROBES_PER_HEAP_STEP  # what the heap would cost, in probes
        if k * self.size > budget * len(ids):  # the walk's expected probes exceed it
            return heapq.nsmallest(k, ids, key=self._order.__getitem__)
        chosen: list[str] = []
        by_event = self.by_event
        for e in self._recent_order():
            facts = by_event.get(e)
            if not facts:
                continue
            found = facts & ids
            if len(chosen) + len(found) >= k:  # the last event's: the same ones every time
                return chosen + sorted(found)[:k - len(chosen)]
            chosen.extend(found)
            budget -= len(facts)
            if budget < 0:
                break
        return heapq.nsmallest(k, ids, key=self._order.__getitem__)

    def _recency_key(self, fact_id: str) -> tuple[float, str]:
        """Newest event first, then the smallest id, as the walk above takes them: the
        same question gathers the same facts in every process (sets iterate in a
        per-process order) and whichever way is cheaper. (``_order`` holds these keys.)"""
        return self._order[fact_id]

    def family(self, event_id: str) -> list[str]:
        """An event, the main event it is background to, and that one's other background
        events: the events one report tells."""
        ev = self.events.get(event_id)
        main = ev.main if ev is not None and ev.main else event_id
        return [main, *(b.event.id for b in self.backgrounds if b.main == main)]

    def report_mentions(self, event_id: str, alternatives: frozenset[str],
                        guild_id: int | None) -> bool:
        """Whether a fact of the report that tells the event (it and the events it
        recalls), visible from the guild, has one of the terms."""
        for e in self.family(event_id):
            ids = self.by_event.get(e)
            if not ids:
                continue
            for a in alternatives:
                p = self.postings.get(a)
                if p and not p.isdisjoint(ids) and (not self._scoped_docs or any(
                        self.visible(self.docs[i].guild_id, guild_id) for i in p & ids)):
                    return True
        return False

    def event_docs(self, event_id: str, guild_id: int | None) -> list[Doc]:
        return [self.docs[i] for i in self.by_event.get(event_id, ())
                if self.visible(self.docs[i].guild_id, guild_id)]
