"""Question -> best facts, or an honest abstention.

The matcher is split by job, and data flows one way through it:

- :mod:`.analyzer`: text -> index terms (facts, events and questions alike);
- :mod:`.query`: the question -> a :class:`~.query.Query` (what is asked, in index terms);
- :mod:`.index`: the in-memory index and the candidates for a query;
- :mod:`.scoring`: how well each candidate answers, with every weight named;
- :mod:`.decide`: answer, "did you mean" or abstain, with a :class:`~.decide.Reason`.

:class:`Matcher` wires them together for the engine.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from bot.core.lexicon import Lexicon, default_lexicon
from bot.core.matching.analyzer import (
    YEAR_RE,
    Analyzer,
    FactTerms,
    index_version,
    value_feature,
)
from bot.core.matching.compound import split_parts
from bot.core.matching.decide import (
    DEFAULT_THRESHOLDS,
    Decider,
    Decision,
    Reason,
    Thresholds,
    declines_to_say,
    names_something,
    rival_figure,
    same_quantity,
    says_form_not_known,
    says_not_known,
    says_only_intended,
    says_unknown_whether,
    words_held,
)
from bot.core.matching.index import Doc, MatchIndex
from bot.core.matching.query import (
    AnswerType,
    Query,
    QueryReader,
    QueryTerm,
    Recency,
    TermClass,
    is_number,
)
from bot.core.matching.scoring import Hit, Scorer, TermWeights, source_match
from bot.core.matching.zones import zone_the_facts_name
from bot.core.models import Event, Fact, IndexRow, Quantity
from bot.core.rates import ImpliedRate, implied_rate, local_currency
from bot.core.text import (
    EARLIER_ONE_WORDS,
    SPEECH_VERBS,
    STOPWORDS,
    english_zipf,
    normalize,
    stem,
)
from bot.core.timezones import AskedZone
from bot.core.units import convert, converts, names_unit, resolve_unit
from bot.core.vocabulary import ATTRIBUTES

# "which witness said it sounded like a gunshot": who said it is the one asked for
# ("which agencies condemned it": who condemned it, likewise)
_SAYING = "|".join(sorted(SPEECH_VERBS))
_WHICH_SAID_RE = re.compile(rf"^(?:which|what) [a-z]+ (?:\w+ )?(?:{_SAYING}|compared|condemned|"
                            r"denounced|critici[sz]ed|blamed|praised|welcomed)\b")
# "who said nobody enforces the rules": who said what the rest says
_WHO_SAID_RE = re.compile(r"^who (?:\w+ )?(?:said|says|told|claimed|warned|insisted|argued|"
                          r"stated|called)\b")
# "... and whats that in gmt": a part that asks about the answer to the one before it
FOLLOW_UP_RE = re.compile(r"^(?:and )?(?:whats|what is|how much is|how many is|is|was) "
                          r"(?:that|it|this)\b")
# a question that itself negates ("who said they don't recognise") asks about a negation
NEGATED_QUESTION_RE = re.compile(r"\b(?:not|no|never|dont|don|didnt|doesnt|isnt|wasnt)\b")
# "names of the two cadets", "have they released names", "what is the firm called": a name
# of someone or something, which where they were or are from is not
_NAMES_OF_RE = re.compile(r"\bnames?\b|\bcalled\b")
# "how many more died in 2006 than in this one": the other side is the report's own event
_THAN_THIS_ONE_RE = re.compile(r"\bthan (?:in |with |for |during |at |on )?(?:this|the "
                               r"(?:current|latest|new|present)) (?:one|time|quake|year)\b"
                               r"|\bthan (?:(?:it is|there are|there is) )?(?:now|today|this "
                               r"time)\b")

# A word at least this common in English ("crisis", "disaster", "storm") names an earlier
# event the report recalls only beside a word of its own (a year, a place, a name): the
# report's own event is as much "the crisis"
GENERIC_NAME_ZIPF = 4.0
MEASURE_MIN_LETTERS = 4  # a shorter cue ("fee") is too often part of something else
NOT_KNOWN_COVERAGE = 0.8  # a "did you mean" this close that says the thing is not known
# sentences read, below an answer, for one that has more of the question's words and says
# the thing asked is not known
NOT_KNOWN_READ = 3
NOT_KNOWN_FORMS = frozenset({AnswerType.NUMBER, AnswerType.TIME, AnswerType.PLACE})

MAX_INTRODUCTIONS = 12  # sentences read to find one that introduces a person
_TITLE_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|leader|president|minister|chief|head|spokesman|"
                         r"spokeswoman|spokesperson|director|mayor|governor|chair\w*|ceo)$")


def introduces(text: str, name: list[str]) -> bool:
    """Whether a sentence puts a title before the name: "Prime Minister Fumio Kishida"."""
    tokens = re.findall(r"[\w'’.-]+", text)
    lowered = [t.lower().strip("'’.") for t in tokens]
    first = name[0].lower()
    for i, t in enumerate(lowered):
        if t != first and not (len(name) == 1 and t.startswith(first)):
            continue
        before = [tokens[k] for k in range(max(0, i - 3), i)]
        if before and all(_TITLE_WORD.match(b) for b in before[-2:]) and any(
                b[:1].isupper() or b.lower() in {"leader", "president", "minister"}
                for b in before):
            return True
    return False


__all__ = ["AnswerType", "FactTerms", "Matcher", "MatchResult", "Reason", "Recency", "Scored",
           "ScoredQuestion", "Thresholds", "index_version", "same_quantity"]


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    coverage: float


@dataclass(frozen=True)
class MatchResult:
    question: str
    status: str  # "answer", "suggest", "abstain", "choose_event"
    reason: Reason = Reason.ANSWERED
    facts: tuple[Scored, ...] = ()
    suggestions: tuple[Scored, ...] = ()
    event: Event | None = None
    events_to_choose: tuple[Event, ...] = ()
    confidence: float = 0.0
    unit: str | None = None
    answer_type: AnswerType = AnswerType.ANY
    recency: Recency = Recency.ANY
    grouped: bool = False  # the facts report one quantity (revised or competing figures)
    detail: str | None = None  # what the reason is about, e.g. "speed"
    zone: AskedZone | None = None  # "in tokyo": times are shown there too
    explained: bool = False  # figures shown each with its sentence ("why do they differ")
    difference: bool = False  # two figures of one kind and their difference ("how much farther")
    ratio: bool = False  # of those two, how many times one is the other ("how many times farther")
    per: bool = False  # the first shared out over the second, a count ("sites per country")
    # "how many were evacuated n how many are in shelters": each part's own result, in order
    # (``facts`` holds them all); empty for a message that asks one thing
    parts: tuple[MatchResult, ...] = ()
    # the parts of such a message that nothing answers, as asked ("why is he mad")
    unanswered: tuple[str, ...] = ()
    # "crop losses in $": the dollar rates the report implies for its own currencies
    rates: tuple[ImpliedRate, ...] = ()

    @property
    def wants_role(self) -> bool:
        return self.answer_type is AnswerType.ROLE


@dataclass(frozen=True)
class ScoredQuestion:
    """A question read and its candidate facts scored, before any threshold is applied."""

    query: Query
    hits: tuple[Hit, ...]
    named: tuple[str, ...]  # the events the question names
    guild_id: int | None
    nothing_asked: bool = False
    parts: tuple[ScoredQuestion, ...] = ()  # the questions of a message that asks two


def terms_to_row(fact_id: str, revision: int, version: str, terms: FactTerms) -> dict:
    """A ``match_terms`` cache row."""
    return {
        "fact_id": fact_id,
        "revision": revision,
        "version": version,
        "terms": " ".join(sorted(terms.terms)),
        "key_terms": " ".join(sorted(terms.key_terms)),
        "speaker_terms": " ".join(sorted(terms.speaker_terms)),
        "features": " ".join(sorted(terms.features)),
        "words": " ".join(sorted(terms.words)),
    }


def row_terms(row: IndexRow, words: str | None,
              seen: dict[str, frozenset[str]] | None = None) -> FactTerms:
    """A cached row's terms as sets. Interned: 100,000 facts share a few thousand distinct
    terms, so one string each (not one per fact) saves memory, and set operations compare
    them by identity. ``seen`` (shared over one load) makes a field many facts repeat (a
    speaker's terms, the features) one set."""
    memo = seen if seen is not None else {}

    def split(text: str | None) -> frozenset[str]:
        if not text:
            return frozenset()
        found = memo.get(text)
        if found is None:
            found = memo[text] = frozenset(map(sys.intern, text.split()))
        return found

    return FactTerms(frozenset(map(sys.intern, row.terms.split())) if row.terms else frozenset(),
                     split(row.key_terms), split(row.speaker_terms), split(row.features),
                     split(words))


def _named_source(reported_by: str) -> str:
    """Who gives a fact when it is someone named ("Irena Vastova, chair of the OSMC"), not
    a description ("the county police", "a KSA spokesman")."""
    first = reported_by.split(maxsplit=1)[:1]
    return "" if not first or first[0].lower() in ("the", "a", "an") else reported_by


class Matcher:
    """An index over the active facts of all guilds, scoped per question."""

    def __init__(self, lexicon: Lexicon | None = None,
                 fact_loader: Callable[[list[str]], dict[str, Fact]] | None = None) -> None:
        self.lexicon = lexicon = lexicon or default_lexicon()
        self.analyzer = Analyzer(lexicon)
        self.version = index_version(lexicon)
        self.index = MatchIndex(self.analyzer, fact_loader)
        self.reader = QueryReader(self.analyzer)
        self.scorer = Scorer(self.index)
        self.decider = Decider(self.index)
        self._complete_cache: dict[int | None, list[str]] = {}
        # the one-word cues of the measured attributes ("range", "altitude", "turnout"):
        # "the range and altitude" asks two figures
        self.measures = frozenset(
            c for a in lexicon.attributes if a.dimension is not None
            for c in (" ".join(normalize(cue).split()) for cue in a.cues)
            if c.isalpha() and len(c) >= MEASURE_MIN_LETTERS)

    # --- building ----------------------------------------------------------------------------

    def fact_terms(self, fact: Fact) -> FactTerms:
        attr = ATTRIBUTES.get(fact.attribute or "")
        return self.analyzer.fact_terms(fact, attr.label if attr else None)

    def rebuild(self, *, events: Iterable[Event], facts: Iterable[Fact]) -> None:
        """Index these events and facts (all guilds), replacing what was there."""
        self.index = MatchIndex(self.analyzer, self.index._fact_loader)
        self.scorer = Scorer(self.index)
        self.decider = Decider(self.index)
        self._complete_cache.clear()
        for event in events:
            self.upsert_event(event)
        for fact in facts:
            self.upsert_fact(fact)

    def load(self, *, events: Iterable[Event], rows: Iterable[tuple[IndexRow, FactTerms]]
             ) -> None:
        """Index from rows whose terms are already computed (cached or fresh)."""
        for event in events:
            self.upsert_event(event)
        for row, terms in rows:
            self.index.add_row(row, terms)
            self.reader.add_words(terms.words)
        self.index.build_bitsets()  # (at start-up, not in the first questions' time)
        self._complete_cache.clear()

    def upsert_event(self, event: Event) -> None:
        self.index.add_event(event)
        self.reader.add_words(w for item in (event.title, event.where or "", *event.aliases)
                              for w in self.analyzer.terms_words(item))
        self._complete_cache.clear()

    def set_background(self, main_of: dict[str, str | None]) -> None:
        self.index.set_background(main_of)

    def upsert_fact(self, fact: Fact) -> None:
        terms = self.fact_terms(fact)
        self.index.upsert_fact(fact, terms)
        self.reader.add_words(terms.words)
        self._complete_cache.clear()

    def remove_fact(self, fact_id: str) -> None:
        self.index.remove_fact(fact_id)
        self._complete_cache.clear()

    @property
    def fact_count(self) -> int:
        return self.index.size

    # --- matching ----------------------------------------------------------------------------

    def analyse(self, question: str, *, synonyms: Iterable[Iterable[str]] = ()) -> Query:
        lexicon = self.lexicon.with_synonyms(synonyms)
        return self.reader.read(question, self.index.surface_terms(), lexicon=lexicon,
                                prefixed=self.index.terms_with_prefix)

    def match(self, question: str, *, guild_id: int | None = None,
              synonyms: Iterable[Iterable[str]] = (),
              thresholds: Thresholds = DEFAULT_THRESHOLDS) -> MatchResult:
        """Match a question against the facts visible from ``guild_id`` (None: global only);
        ``synonyms`` are the guild's own synonym groups."""
        return self.decide(self.score_question(question, guild_id=guild_id, synonyms=synonyms),
                           thresholds)

    def score_question(self, question: str, *, guild_id: int | None = None,
                       synonyms: Iterable[Iterable[str]] = ()) -> ScoredQuestion:
        """Read the question and score its candidates: everything :meth:`decide` needs, which
        no threshold changes (``factbot eval --sweep`` decides one of these many times). A
        message that asks two questions has each part scored too; a part that names no event
        is about the events the whole message names ("norvessa atlantic - when did it go
        down and how many ppl stranded")."""
        whole = self._score(question, guild_id, synonyms)
        texts = split_parts(question, self.measures, self._corrected, self._counted_apart)
        if len(texts) < 2:
            return whole
        parts = tuple(self._score(t, guild_id, synonyms, whole.named) for t in texts)
        return replace(whole, parts=parts)

    def _counted_apart(self, a: str, b: str) -> bool:
        """Whether some fact's label counts ``a`` ("Troops deployed") and another's ``b``
        ("Helicopters deployed"), and no label names both ("Cars and trucks burned")."""
        a_term, b_term = stem(a.lower()), stem(b.lower())
        if a_term == b_term:
            return False
        heads: dict[str, bool] = {a_term: False, b_term: False}
        docs, postings = self.index.docs, self.index.postings
        for term, other in ((a_term, b_term), (b_term, a_term)):
            for doc_id in postings.get(term, ()):
                label = docs[doc_id].label
                if not label:
                    continue
                terms = self.scorer.label_terms(label)
                if term in terms.terms and other in terms.terms:
                    return False
                heads[term] = heads[term] or terms.head == term
        return all(heads.values())

    def _corrected(self, word: str) -> str | None:
        """The word a typo is read as, against the index's words (None: no typo)."""
        return self.reader.speller.correct(word, self.index.surface_terms())

    def _score(self, question: str, guild_id: int | None, synonyms: Iterable[Iterable[str]],
               named_before: tuple[str, ...] = ()) -> ScoredQuestion:
        q = self.analyse(question, synonyms=synonyms)
        if q.zone_place is not None:
            zone = zone_the_facts_name(self.index, q.zone_place, guild_id)
            if zone is not None:  # "what time is that in morvania": "Morvanian time" says
                q = replace(q, zone=zone, answer_type=AnswerType.TIME, clock=True,
                            terms=[t for t in q.terms
                                   if t.word not in q.zone_place_words])
        if not q.terms and not q.speaker and q.answer_type is AnswerType.ANY:
            return ScoredQuestion(q, (), (), guild_id, nothing_asked=True)
        if q.year_scope and not self.index.names_year(q.year_scope, guild_id):
            year = self._this_year(q, guild_id)
            if year is not None:  # "the deficit this yr": of figures by year, the report's
                q = replace(q, year_scope=None, terms=[*q.terms, QueryTerm(
                    year, year, frozenset({year}), TermClass.CONTENT, telling=True)])
            elif q.year_scope in THIS_YEAR and q.answer_type in _ONE_OCCASION_FORMS:
                # "g20 was where this year": where this year's was (the report's); only a
                # count or a sum over this year asks more than a report gives
                q = replace(q, year_scope=None, terms=[t for t in q.terms if t.word not in (
                    "year", "yr")])
            else:
                q.unknown.append(f"in {q.year_scope}")  # a whole year: wider than any event
        alternatives = [t.alternatives for t in [*q.terms, *q.speaker]]
        # an event is named by the question's own words, not by their synonyms: "fire" (a
        # blaze) must not name the missile launch that "fire" (shoot) is a synonym of
        synonym_terms = self.lexicon.with_synonyms(synonyms).synonym_terms
        own_words = [t.alternatives - (synonym_terms.get(t.term, frozenset()) - {t.term})
                     for t in [*q.terms, *q.speaker]
                     if not set(t.word.split()) <= q.quoted]  # (a quote names no event)
        named = self.index.named_events(own_words, guild_id)
        if q.difference and named:
            # "how many hours longer than this marovska one": a figure of each event named
            named = self.index.named_events(own_words, guild_id, every=True)
            if len(named) == 1 and _THAN_THIS_ONE_RE.search(q.text) \
                    and self.index.report_of(named[0]) != named[0]:
                # "how many more died in 2006 than in this one": the earlier event the
                # question names against the one its report is about
                named = [named[0], self.index.report_of(named[0])]
        earlier = not q.previous_event and self._earlier_one_named(q, named)
        if named and not (q.previous_event or earlier):
            named = [e for e in named if not self._named_only_generically(e, q)]
        named = [e for e in named if not self._named_only_by_a_figure(e, q)]
        named = named or list(named_before)
        if q.previous_event and named and not any(
                self.index.events[e].main for e in named if e in self.index.events):
            # "how long were the miners trapped back then": the word names the report's
            # event, and "back then" the earlier one it recalls
            named = list(dict.fromkeys(e for n in named for e in self.index.family(n)))
        if earlier:
            # "the first failure", "the earlier corvan failure": the one the report recalls,
            # not the first of revised figures ("older" says which event, and is no word of
            # its facts)
            q = replace(q, previous_event=True, recency=Recency.ANY, terms=[
                t for t in q.terms if t.word not in EARLIER_ONE_WORDS])
        if named and not q.previous_event:
            # "the whole attack": a word the report's event and the earlier one it recalls
            # share names the report's; the earlier one needs a word of its own ("kestrel").
            # Shared in meaning counts: "the outage" of a report on a blackout is its own,
            # though only the earlier "Ostra outage" has that very word in its name
            named = list(dict.fromkeys(self._main_if_named_alike(e, alternatives)
                                       for e in named))
        if named and not q.previous_event:
            # a name a background event shares with the report's own ("Lower Maren"): the
            # report's main event is named too, and answers unless its facts fit worse
            asked = {a for alts in alternatives for a in alts}
            mains = {self.index.events[e].main for e in named
                     if asked.isdisjoint(self.index.events[e].title_terms)} - {None}
            named = list(dict.fromkeys([*named, *(m for m in mains if m in self.index.events)]))
        docs = self.index.candidates(alternatives, guild_id, named)
        if (not q.content or q.difference) and q.answer_type is not AnswerType.ANY \
                and not named:
            # "how fast was it?": nothing but the form; it is about the latest event
            latest = next(self.index.recent_events(guild_id), None)
            if latest:
                seen = {d.id for d in docs}
                docs = [*docs, *(d for d in self.index.event_docs(latest, guild_id)
                                 if d.id not in seen)]
        weights = self.scorer.weights(q)
        now = time.time()
        hits = tuple(self.scorer.score(q, d, weights) for d in docs
                     if d.expires is None or d.expires > now)
        if q.given_figure is not None and q.according:
            hits = self._rival_figures(q, hits, weights, guild_id)
        return ScoredQuestion(q, hits, tuple(named), guild_id)

    def _rival_figures(self, q: Query, hits: tuple[Hit, ...], weights: TermWeights,
                       guild_id: int | None) -> tuple[Hit, ...]:
        """"The mayor said 2,300 homes flooded, what's the NCPS number": the fact that gives
        the mayor's figure names the quantity asked, whatever words the agency's own fact
        uses ("homes damaged"); its other figures are scored with the words it matched."""
        given = value_feature(float(q.given_figure))
        theirs = [h for h in hits if given in h.doc.features]
        if not theirs:
            return hits
        named = max(theirs, key=lambda h: h.coverage)
        ev_terms = self.decider.event_terms(named.doc.event)
        seen = {h.doc.id for h in hits}
        unseen = [d for d in self.index.event_docs(named.doc.event, guild_id)
                  if d.id not in seen]  # (the fire service's figure need not say "tenants")
        rivals = {d.id for d in [*(h.doc for h in hits), *unseen]
                  if given not in d.features and source_match(q, d) > 0
                  and rival_figure(named.doc, d, ev_terms)}  # (the asked source's only)

        def lent(doc: Doc) -> Hit:
            return self.scorer.score(q, doc, weights, coverage_at_least=named.coverage)

        return (*(lent(h.doc) if h.doc.id in rivals else h for h in hits),
                *(lent(d) for d in unseen if d.id in rivals))

    def _event_names(self, event_id: str) -> frozenset[str]:
        ev = self.index.events.get(event_id)
        return ev.title_terms if ev is not None else frozenset()

    @staticmethod
    def _name_text(fact: Fact) -> str:
        """Where a fact may name something: its sentence, place and quote."""
        return " ".join(filter(None, (fact.text, fact.place, fact.quote)))

    @staticmethod
    def _source_text(fact: Fact) -> str:
        """Who gives a fact, whose names answer no "which" question about it."""
        return " ".join(filter(None, (fact.speaker, fact.reported_by)))

    def _earlier_one_named(self, q: Query, named: list[str]) -> bool:
        """Whether "the first/earlier/old X" names a background event: X (the next word, or
        the one after it) is a word of the name of an earlier event the report recalls."""
        ws = q.words
        asked = [i for i, w in enumerate(ws[1:-1], start=1)
                 if w in EARLIER_ONE_WORDS and ws[i - 1] in ("the", "that", "this")]
        if not asked:  # (most questions: no scan of the events)
            return False
        backgrounds = [ev for ev in self.index.backgrounds
                       if not named or ev.event.id in named or ev.main in named]
        for i in asked:
            following = {stem(x) for x in ws[i + 1:i + 3] if x not in STOPWORDS}
            for ev in backgrounds:
                if (shared := following & ev.name_terms) and not self._own_first(
                        ws[i], shared, ev.main):
                    return True
        return False

    def _own_first(self, word: str, following: set[str], main: str | None) -> bool:
        """Whether the report's own event has a fact whose label or keywords say "first
        crash" themselves ("Time between fog warning and first crash"): then "the first
        crash" is the first of the report's collisions, not the earlier one it recalls."""
        if main is None:
            return False
        postings, docs = self.index.postings, self.index.docs
        firsts = postings.get(stem(word), set())
        return any(docs[i].event == main and all(t in docs[i].key_terms
                                                  for t in (stem(word), f))
                   for f in following for i in firsts & postings.get(f, set()))

    def _named_only_generically(self, event_id: str, q: Query) -> bool:
        """Whether a background event is named only by everyday words ("who said the
        'crisis of time' thing" does not ask about "the 2009 crisis")."""
        ev = self.index.events.get(event_id)
        if ev is None or ev.main is None:
            return False
        naming = [t for t in [*q.terms, *q.speaker] if not t.alternatives.isdisjoint(
            ev.name_terms)]
        return bool(naming) and all(not any(c.isdigit() for c in t.word)
                                    and english_zipf(t.word) >= GENERIC_NAME_ZIPF
                                    for t in naming)

    def _this_year(self, q: Query, guild_id: int | None) -> str | None:
        """For "this year", the year of the newest report, when its facts about the thing
        asked give figures for that year and another ("Deficit 2026", "Deficit 2025"); else
        None: "how many missiles this year" asks a whole year no report covers."""
        if q.year_scope not in THIS_YEAR:
            return None
        newest = next(iter(self.index.recent_events(guild_id)), None)
        ev = self.index.events.get(newest) if newest else None
        if ev is None or ev.event.when is None:
            return None
        year = str(ev.event.when.year)
        docs = self.index.event_docs(ev.event.id, guild_id)
        asked = [t.alternatives for t in q.content if t.kind is TermClass.CONTENT
                 and any(not t.alternatives.isdisjoint(d.terms) for d in docs)]
        about = [d for d in docs if asked and all(not a.isdisjoint(d.terms) for a in asked)]
        years = {t for d in about for t in d.terms if YEAR_RE.fullmatch(t)}
        return year if year in years and len(years) > 1 else None

    def _named_only_by_a_figure(self, event_id: str, q: Query) -> bool:
        """Whether an event is named only by a number that is not a year: "17m in feet"
        does not ask about "the 17 November launch" (a figure is any event's; "the 2009
        crash" is named by its year)."""
        ev = self.index.events.get(event_id)
        if ev is None:
            return False
        naming = [t for t in [*q.terms, *q.speaker] if not t.alternatives.isdisjoint(
            ev.name_terms)]
        return bool(naming) and all(is_number(t.word) and not any(
            YEAR_RE.fullmatch(a) for a in t.alternatives) for t in naming)  # ("in 71": 1971)

    def _main_if_named_alike(self, event_id: str,
                             alternatives: list[frozenset[str]]) -> str:
        """The main event, for a background event named only by words (or their synonyms)
        that the main event's names have too; else the event itself."""
        ev = self.index.events.get(event_id)
        main = self.index.events.get(ev.main) if ev is not None and ev.main else None
        if main is None:
            return event_id
        naming = [alts for alts in alternatives if not alts.isdisjoint(ev.name_terms)]
        if naming and all(_names_alike(alts, main.name_terms) for alts in naming):
            return main.event.id
        return event_id

    def decide(self, scored: ScoredQuestion, thresholds: Thresholds = DEFAULT_THRESHOLDS,
               context: str | None = None) -> MatchResult:
        """Answer, "did you mean" or abstain for a scored question, with these thresholds;
        the same ``scored`` may be decided again with others. ``context``: the event the
        conversation is about, in which a question that names none is read."""
        if not scored.parts:
            return self._decide_one(scored, thresholds, context)
        parts = [self.decide(p, thresholds, context) for p in scored.parts]
        if all(p.status == "answer" for p in parts):
            return self._joined(scored, parts)
        whole = self._decide_one(scored, thresholds, context)
        # (a part about the other's answer, "whats that in gmt", is never answered alone)
        # (nor one with no word but its form, "n where did they go": "they" are the other
        # part's)
        answered = [p for p, asked in zip(parts, scored.parts, strict=True)
                    if p.status == "answer" and not FOLLOW_UP_RE.match(normalize(p.question))
                    and (asked.query.content or asked.query.speaker)]
        if whole.status == "answer" or not answered:
            return whole
        # "whos bertil sandrov and why is he mad": what is answered, and which part is not
        return self._joined(scored, answered, unanswered=tuple(
            p.question for p in parts if p.status != "answer"))

    def _decide_one(self, scored: ScoredQuestion, thresholds: Thresholds,
                    context: str | None = None) -> MatchResult:
        q = scored.query
        if scored.nothing_asked:
            return self._result(q, Decision("abstain", Reason.NOTHING_ASKED))
        hits = list(scored.hits)  # the decider sorts them, best first
        decision = self.decider.decide(q, hits, list(scored.named), scored.guild_id, thresholds,
                                       context)
        loaded: dict[str, Fact] = {}  # full facts read on the way, not read again
        if decision.status == "answer" and q.answer_type is AnswerType.ROLE:
            decision.facts = self._introducing(q, decision.facts, hits, loaded)
            if q.described and not self._names_someone(q, decision.facts, loaded):
                # "who is the KSA spokesman": "a KSA spokesman said ...", by "an unnamed
                # KSA spokesman", names nobody; who it is is not reported
                decision = self._offered(decision, Reason.NO_NAME, thresholds)
        sentence = " ".join(q.words)
        unknown_said: Hit | None = None  # a fact to check for "the report says it is unknown"
        # (a yes/no question is answered by "officials declined to say whether ...", and
        # "has this plant had an emergency before" by "not the first"; but "it is not yet
        # known whether the sensors were fixed" answers nothing: see below)
        if decision.status == "answer" and len(decision.facts) == 1 \
                and q.answer_type not in (AnswerType.STATEMENT, AnswerType.ROLE) \
                and not NEGATED_QUESTION_RE.search(sentence) and not q.yes_no:
            unknown_said = decision.facts[0]
        elif decision.status == "answer" and q.yes_no and not q.asks_if_said:
            # "did the sirens go off": "police said it was still unclear whether they did" is
            # the report's word that nobody has said, not a yes or a no (also beside another
            # fact that answers around it: "reviewing all results", "it is not known whether
            # her record will stand")
            loaded.update(self.index.full([h.doc for h in decision.facts]))
            unsure = next((h for h in decision.facts
                           if says_unknown_whether(q, loaded[h.doc.id].text)), None)
            if unsure is None and len(decision.facts) == 1 \
                    and says_only_intended(q, loaded[decision.facts[0].doc.id].text):
                unsure = decision.facts[0]  # "hoped to reconnect it by saturday": no yes
            if unsure is not None:
                decision = Decision("abstain", Reason.NOT_REPORTED, suggestions=[
                    unsure, *(h for h in decision.facts if h is not unsure)],
                    event=decision.event, confidence=decision.confidence)
        elif decision.status == "suggest" and decision.suggestions \
                and decision.suggestions[0].coverage >= NOT_KNOWN_COVERAGE:
            # "how many have returned home", and the closest fact says nobody has said: that
            # is what to tell, rather than "did you mean"
            unknown_said = decision.suggestions[0]
        if decision.status == "suggest" and decision.reason is Reason.CONTESTED \
                and len(decision.suggestions) > 1 and any(
                    h.doc.kind in ("statement", "claim") for h in decision.suggestions[:2]):
            # "next rate meeting when": of two facts tied, one says the governor would not
            # say and the other gives the date; the date answers
            tied = decision.suggestions[:2]
            loaded.update(self.index.full([h.doc for h in tied]))
            unsaid = [declines_to_say(q, loaded[h.doc.id].text) for h in tied]
            if unsaid.count(True) == 1:
                given = tied[unsaid.index(False)]
                if given.score >= thresholds.answer:
                    decision = Decision("answer", Reason.ANSWERED, facts=[given],
                                        event=decision.event, confidence=given.score)
                unknown_said = None
        if unknown_said is not None and (
                _WHO_SAID_RE.match(sentence) and q.answer_type is AnswerType.WHO
                or unknown_said.doc.kind == "measurement"
                and q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY)):
            # "who said nobody enforces the rules": the sentence that says so is the
            # answer, its negation is what was said; "how many runners are unaccounted
            # for": a figure of them ("about 990 could not be accounted for") answers
            unknown_said = None
        if unknown_said is not None:
            loaded.update(self.index.full([unknown_said.doc]))
            if says_not_known(q, loaded[unknown_said.doc.id].text):
                decision = Decision("abstain", Reason.NOT_REPORTED, suggestions=[unknown_said],
                                    event=decision.event, confidence=decision.confidence)
        if decision.status == "answer" and not q.yes_no \
                and q.answer_type not in (AnswerType.STATEMENT, AnswerType.ROLE):
            # "how many sailors does ardia still hold": the answer, "12 freed", lacks a
            # word that a sentence below it has with all of the answer's, and that sentence
            # says no figure was given: that is what the report says of it
            said = self._said_not_known(q, decision, hits, thresholds, loaded)
            if said is not None:
                decision = Decision("abstain", Reason.NOT_REPORTED, suggestions=[said],
                                    event=decision.event, confidence=decision.confidence)
        if decision.status == "answer" and q.asks_name:
            # "which countries sent teams": a sentence that names none is no answer (and
            # "which witness said ...": who said it is the name asked)
            said = bool(_WHICH_SAID_RE.match(sentence))
            of_whom = bool(_NAMES_OF_RE.search(sentence))  # ("names of the two cadets")
            which = frozenset()
            if q.head is not None and sentence.startswith(("which ", "what make", "what model")):
                head = stem(q.head)
                which = self.lexicon.synonym_terms.get(head, frozenset()) | {head}
            if not any(names_something(q, self._name_text(f) + (
                    f" {f.speaker or ''}" if said else ""), "" if said else self._source_text(f),
                    of_whom=of_whom, which=which, event_names=self._event_names(f.event))
                       for f in self._facts_of(decision.facts, loaded)):
                decision = Decision("abstain", Reason.NO_NAME, suggestions=decision.facts,
                                    event=decision.event, confidence=decision.confidence)
        if decision.status == "answer" and q.answer_type is AnswerType.PLACE:
            # "which city in cambodia": "Cambodia" is what the asker said, not where in it
            asked = set(q.words)
            places = [f.place for f in self._facts_of(decision.facts, loaded)]
            if places and all(p and set(normalize(p).split()) <= asked for p in places):
                decision = self._offered(decision, Reason.NO_NAME, thresholds)
        rates: tuple[ImpliedRate, ...] | None = None
        if decision.status == "answer" and q.unit is not None and not q.unit_also \
                and not decision.difference:
            # "250k dravik in euros?": figures that cannot be put in euros answer another
            # question; what they are is offered instead
            facts = self._facts_of(decision.facts, loaded)
            if facts and all(f.quantities for f in facts) and not any(
                    converts(qty, q.unit) for f in facts for qty in f.quantities) \
                    and not any(names_unit(f.text, q.unit) for f in facts):
                rates = self._implied_rates(facts, q.unit, scored.guild_id)
                if rates is None:
                    decision = self._offered(decision, Reason.NO_UNIT, thresholds)
            elif facts and all(_tiny_in(qty, q.unit) for f in facts for qty in f.quantities
                               if converts(qty, q.unit)) \
                    and any(converts(qty, q.unit) for f in facts for qty in f.quantities):
                # "how many years before this one": 31 hours is not 0.0035 years, it is a
                # figure of another scale, which answers something else
                decision = self._offered(decision, Reason.UNSURE, thresholds)
        return self._result(q, decision, loaded, rates)

    def _said_not_known(self, q: Query, decision: Decision, hits: list[Hit],
                        thresholds: Thresholds, loaded: dict[str, Fact]) -> Hit | None:
        """A sentence that holds every word of the question the answer holds, and more, and
        says that what is asked is not known."""
        if q.answer_type not in NOT_KNOWN_FORMS:
            return None
        answering = {h.doc.id for h in decision.facts}
        held = [words_held(q, h.doc) for h in decision.facts]
        wider = [h for h in sorted(hits, key=lambda h: h.score, reverse=True)
                 if h.doc.id not in answering and h.score >= thresholds.suggest
                 and h.doc.kind in ("claim", "statement")
                 and all(words_held(q, h.doc) > w for w in held)][:NOT_KNOWN_READ]
        if not wider:
            return None
        loaded.update(self.index.full([h.doc for h in wider if h.doc.id not in loaded]))
        for h in wider:
            # what it says is not known is what the answer lacks ("not known what caused the
            # stand to collapse" says nothing of when it did)
            extra = words_held(q, h.doc) - frozenset().union(*held)
            if says_form_not_known(q, loaded[h.doc.id].text, extra):
                return h
        return None

    def _implied_rates(self, facts: list[Fact], unit: str,
                       guild_id: int | None) -> tuple[ImpliedRate, ...] | None:
        """For "crop losses in $": the dollar rate each fact's own currency has in its
        report ("a 2,500-dravik fine, about $140"); None when one has none."""
        if resolve_unit(unit) is not resolve_unit("USD"):
            return None
        rates: dict[str, ImpliedRate] = {}
        for f in facts:
            local = local_currency(f)
            if local is None:
                return None
            if local not in rates:
                # the report's facts: its event's, and those of the events it recalls
                docs = [d for e in self.index.family(f.event)
                        for d in self.index.event_docs(e, guild_id)]
                rate = implied_rate(self.index.full(docs).values(), local)
                if rate is None:
                    return None
                rates[local] = rate
        return tuple(rates.values())

    def _facts_of(self, hits: Iterable[Hit], loaded: dict[str, Fact]) -> list[Fact]:
        """The full facts of ``hits``, in order, reading from the store only those not
        ``loaded`` yet (and keeping them there)."""
        hits = list(hits)
        loaded.update(self.index.full(h.doc for h in hits if h.doc.id not in loaded))
        return [loaded[h.doc.id] for h in hits if h.doc.id in loaded]

    @staticmethod
    def _offered(decision: Decision, reason: Reason, thresholds: Thresholds) -> Decision:
        """An answer that turned out not to answer, offered as a "did you mean" instead."""
        return Decision("suggest", reason, suggestions=decision.facts, event=decision.event,
                        confidence=min(decision.confidence, thresholds.answer - 0.01))

    @staticmethod
    def _joined(scored: ScoredQuestion, parts: list[MatchResult],
                unanswered: tuple[str, ...] = ()) -> MatchResult:
        """The answer to a message of two questions: each part's, in order, and the parts
        no fact answers. A part whose facts an earlier part already gives adds nothing
        ("when and where", one sentence saying both)."""
        kept: list[MatchResult] = []
        seen: set[str] = set()
        for p in parts:
            ids = {s.fact.id for s in p.facts}
            if ids <= seen:
                continue
            kept.append(p)
            seen |= ids
        if len(kept) == 1:
            return replace(kept[0], question=scored.query.text, unanswered=unanswered)
        facts = tuple(dict((s.fact.id, s) for p in kept for s in p.facts).values())
        return MatchResult(
            question=scored.query.text, status="answer", facts=facts, event=kept[0].event,
            confidence=min(p.confidence for p in kept), answer_type=scored.query.answer_type,
            parts=tuple(kept), unanswered=unanswered)

    def _names_someone(self, q: Query, chosen: list[Hit], loaded: dict[str, Fact]) -> bool:
        """Whether a fact answering "who is the X" names someone the question does not (in
        its sentence, as its speaker, or as the named person it is reported by)."""
        asked = replace(q, terms=[*q.terms, *q.speaker])  # (the role's own words name no one)
        return any(names_something(asked, f"{self._name_text(f)}. {f.speaker or ''}. "
                                          f"{_named_source(f.reported_by)}")
                   for f in self._facts_of(chosen, loaded))

    def _introducing(self, q: Query, chosen: list[Hit], hits: list[Hit],
                     loaded: dict[str, Fact]) -> list[Hit]:
        """For "who is X" answered from sentences that name X, the sentence that introduces
        X with a title ("Japanese Prime Minister Fumio Kishida", "China's leader Xi
        Jinping"), when one of the equally good ones does."""
        best = chosen[0]
        if not any(t.alternatives.isdisjoint(best.doc.speaker_terms) for t in q.speaker):
            return chosen  # X's own statement: its role answers
        tied = [h for h in hits if h.doc.event == best.doc.event
                and h.score >= best.score - 1e-9][:MAX_INTRODUCTIONS]
        facts = self.index.full(h.doc for h in tied)
        loaded.update(facts)
        name = [t.word for t in q.speaker]
        for h in tied:
            fact = facts.get(h.doc.id)
            if fact is not None and introduces(fact.text, name):
                return [h]
        return chosen

    def _result(self, q: Query, d: Decision, loaded: dict[str, Fact] | None = None,
                rates: tuple[ImpliedRate, ...] | None = None) -> MatchResult:
        """The public result, loading the full facts of the few hits it names."""
        loaded = loaded or {}
        full = {**loaded, **self.index.full(h.doc for h in [*d.facts, *d.suggestions]
                                            if h.doc.id not in loaded)}

        def scored(hs: Iterable[Hit]) -> tuple[Scored, ...]:
            return tuple(Scored(full[h.doc.id], h.score, h.coverage) for h in hs
                         if h.doc.id in full)

        answer_type = q.answer_type
        if answer_type is AnswerType.ROLE and d.facts and any(
                t.alternatives.isdisjoint(d.facts[0].doc.speaker_terms) for t in q.speaker):
            answer_type = AnswerType.ANY  # a sentence that names the person, not their role
        return MatchResult(
            question=q.text, status=d.status, reason=d.reason, facts=scored(d.facts),
            suggestions=scored(d.suggestions), event=d.event,
            events_to_choose=tuple(d.events_to_choose), confidence=d.confidence, unit=q.unit,
            answer_type=answer_type, recency=q.recency, grouped=d.grouped, detail=d.detail,
            zone=q.zone, explained=d.explained, difference=d.difference,
            ratio=d.difference and q.ratio, per=d.per, rates=rates or ())

    # --- autocomplete ------------------------------------------------------------------------

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        """Topics to offer while someone types a question: event titles and aliases, fact
        labels and speakers on record; best fuzzy matches first."""
        options = self._complete_cache.get(guild_id)
        if options is None:
            options = self._complete_cache[guild_id] = self._completion_options(guild_id)
        typed = prefix.strip().lower()
        if not typed:
            return options[:limit]
        found = sorted((o for o in options if typed in o.lower()),
                       key=lambda o: (o.lower().index(typed), len(o)))[:limit]
        if len(found) < limit:
            chosen = set(found)
            rest = [o for o in options if o not in chosen]
            found += [h[0] for h in process.extract(typed, rest, scorer=fuzz.WRatio,
                                                    limit=limit - len(found), score_cutoff=60)]
        return found

    def _completion_options(self, guild_id: int | None) -> list[str]:
        choices: dict[str, None] = {}
        for e in self.index.recent_events(guild_id):
            ev = self.index.events[e].event
            choices[ev.title] = None
            for a in ev.aliases:
                choices[a] = None
            if len(choices) > 2000:
                break
        doc: Doc
        for doc in self.index.docs.values():
            if not self.index.visible(doc.guild_id, guild_id):
                continue
            attr = ATTRIBUTES.get(doc.attribute or "")
            if doc.kind != "statement" and doc.label:
                choices[f"{doc.label}?"] = None
            elif doc.kind != "statement" and attr is not None:
                choices[f"{attr.ask or attr.label} ({attr.label.lower()})"] = None
            if doc.speaker:
                choices[f"What did {doc.speaker} say?"] = None
            if len(choices) > 5000:
                break
        return list(choices)


THIS_YEAR = ("this year", "this yr")
# forms asking of one occasion ("where was the g20 this year"), not a total over the year
_ONE_OCCASION_FORMS = frozenset({AnswerType.PLACE, AnswerType.TIME, AnswerType.WHO,
                                 AnswerType.ROLE, AnswerType.STATEMENT})
TINY_CONVERSION = 0.01  # a figure that comes to less than this of the unit asked is off scale


def _tiny_in(quantity: Quantity, unit: str) -> bool:
    """Whether a figure is a sliver of the unit a question asks it in (31 hours in years)."""
    value = convert(quantity, unit).value
    return 0 < abs(value) < TINY_CONVERSION


def _names_alike(alternatives: frozenset[str], name_terms: frozenset[str]) -> bool:
    """Whether an event's names have one of a question word's readings: the word itself, or
    each word of a phrase ("dravik pass" of "Blizzard on the Dravik Pass and A6 Highway",
    whose names hold "dravik" and "pass" but not the phrase an earlier event's place is)."""
    return any(a in name_terms or "_" in a and all(p in name_terms for p in a.split("_"))
               for a in alternatives)
