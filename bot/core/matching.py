"""Question -> best facts, or an honest abstention.

The matcher keeps an in-memory inverted index of the active facts (built once at start,
updated on every change) and answers in three steps:

1. **Read the question** (:func:`analyse`): normalise, correct typos against the index's
   vocabulary with RapidFuzz, and recognise what is asked — an attribute ("how high" ->
   ``max_altitude``), a kind ("where" -> a place, "who said" -> a statement), a speaker
   ("what did *the foreign minister* say"), a role ("what is X's job"), a unit to convert to
   ("in miles"). What remains are the content terms.
2. **Score candidates**: every content term has an IDF weight; a fact *covers* the terms
   found in its own words or its event's (title, aliases, place, date). Words the index has
   never seen weigh the most, so "what range do the *submarine* missiles have" does not
   borrow the answer of the missile that was asked about. An asked-for attribute that the
   fact lacks, a statement that is not by the asked speaker, or a missing kind scale the
   score down.
3. **Decide** like RoboDanny's ``extract_or_exact``: answer only when the best score clears
   a threshold; offer "did you mean" between the two thresholds; abstain below. An asked
   attribute that no fact in scope carries is an abstention by itself ("no reported fact
   gives the speed"), never the nearest number.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.core.models import Event, Fact
from bot.core.text import FUNCTION_WORDS, LIGHT_WORDS, STOPWORDS, canonical, normalize, terms
from bot.core.units import resolve_unit
from bot.core.vocabulary import ATTRIBUTES

ANSWER_THRESHOLD = 0.58
SUGGEST_THRESHOLD = 0.30
GROUP_MARGIN = 0.06  # facts this close to the best are answered together
EVENT_MARGIN = 0.05  # events this close are "equally likely" unless recency separates them
MAX_ANSWER_FACTS = 3
MAX_SUGGESTIONS = 3
LIGHT_WEIGHT = 0.25

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LIGHT_TERMS = frozenset(canonical(w) for w in LIGHT_WORDS) - {""}

# --- question intents -------------------------------------------------------------------------

_SPEECH_VERBS = (
    r"say|said|tell|told|state|claim|call|warn|think|argue|announce|add|describe|threaten|"
    r"want|urge|ask|demand|promise|pledge|reaffirm|respond|react|reply|comment|note|condemn|"
    r"accuse|blame|criticize|criticise|predict|suggest|propose|insist|stress|report"
)
_SPEAKER_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"^(?:so )?what (?:did|does|do|has|have|had) (?P<x>.+?) (?P<v>(?:{_SPEECH_VERBS})\w*)\b",
        r"^(?:so )?what (?:is|was|are|were) (?P<x>.+?) (?P<v>saying|telling|claiming|warning|"
        r"threatening|arguing|demanding|asking)\b",
        rf"^how (?:did|does|do|has|have|had) (?P<x>.+?) (?P<v>(?:{_SPEECH_VERBS})\w*)\b",
        r"^(?:what|how) (?:was|is|were|are) (?P<x>.+?) (?:reaction|response|statement|comment|"
        r"view|position|warning|message|stance|verdict|assessment)s?\b",
        r"^(?:what|how) (?:was|is|were|are) (?:the )?(?:reaction|response|statement|comment|view|"
        r"position|warning|message|stance)s? (?:of|from|by) (?P<x>.+?)$",
        r"^(?:did|does|has|have) (?P<x>.+?) (?P<v>(?:say|said|comment|respond|react)\w*)\b",
        r"^(?P<x>.+?) (?:reaction|response|statement|comment|view|position|warning|stance)s?$",
    )
)
_ROLE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"^(?:what|which) (?:is|was|s) (?P<x>.+?) (?:job|role|title|position|post|function|"
        r"office)\b",
        r"^(?:what|which) (?:job|role|title|position|post|office) (?:does|did|is|was) (?P<x>.+?)"
        r"(?: hold| have| do)?$",
        r"^who (?:is|was) (?P<x>[a-z ]+?)$",
        r"^what does (?P<x>.+?) do$",
    )
)
_WHO_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"^who\b",
        r"^(?:which|what) (?P<hint>(?:\w+ ){0,3})(?:official|officials|minister|leader|leaders|"
        r"spokesman|"
        r"spokesperson|country|countries|nation|nations|military|militaries|ministry|agency|"
        r"person|people|general|command|government|body|side|party|group)\b",
        r"\bby whom\b|\baccording to whom\b",
    )
)
_STATEMENT_HINT = re.compile(
    r"\b(?:say|said|says|saying|react\w*|respon\w*|statement|comment\w*|quote\w*|"
    r"stance|view|position|warn\w*|threat\w*|call(?:ed)?|describe\w*|condemn\w*)\b"
)
_UNIT_RE = re.compile(
    r"\b(?:in|into|to|as) (?P<u>kilometers|kilometres|km|miles|mile|mi|meters|metres|m|feet|ft|"
    r"nautical miles|nmi|km h|mph|kph|knots|seconds|minutes|hours|days|weeks|years)\b"
)
# cues that ask for a kind of thing rather than one attribute: they never make an abstention
# on their own ("how many people were killed" is about casualties, not any count)
_GENERIC_CUES = frozenset({"how many", "number of", "count", "how much"})
_DESIGNATION_RE = re.compile(
    r"^what (?:is|was|are|were) (?:\w+ ){0,4}called$|\bwhat (?:is|was) (?:the )?name of\b|"
    r"\bwhat (?:is|was) (?:its|their) name\b"
)
_KIND_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bwhen\b|\bwhat time\b|\bwhat date\b|\bwhich day\b|\bwhat day\b"), "time"),
    (re.compile(r"\bwhere\b|\bwhich place\b|\bwhat place\b|\blocation\b"), "place"),
    (re.compile(r"\bhow (?:many|much|far|high|fast|long|big|large)\b"), "measurement"),
)


@dataclass
class Query:
    """What a question asks, after normalisation."""

    text: str
    words: list[str]
    content: list[str]
    attributes: dict[str, float] = field(default_factory=dict)  # attribute -> strength
    kinds: set[str] = field(default_factory=set)
    speaker: list[str] = field(default_factory=list)  # terms naming the speaker asked about
    speaker_hint: list[str] = field(default_factory=list)  # "which *north korean* official"
    speech_verb: str | None = None  # the verb of "what did X *say*", not content
    wants_speaker: bool = False  # "who said ..."
    wants_role: bool = False  # "what is X's job"
    statement: bool = False  # asks what someone said
    unit: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def strong(self) -> bool:
        """An attribute was asked for by name ("altitude"), not only by kind ("where")."""
        return any(v >= 1.0 for v in self.attributes.values())


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    coverage: float


@dataclass(frozen=True)
class MatchResult:
    question: str
    status: Literal["answer", "suggest", "abstain", "choose_event"]
    facts: tuple[Scored, ...] = ()
    suggestions: tuple[Scored, ...] = ()
    event: Event | None = None
    events_to_choose: tuple[Event, ...] = ()
    confidence: float = 0.0
    unit: str | None = None
    wants_role: bool = False
    wants_speaker: bool = False
    reason: str | None = None


@dataclass
class _Doc:
    fact: Fact
    terms: frozenset[str]
    speaker_terms: frozenset[str]


@dataclass
class _EventDoc:
    event: Event
    terms: frozenset[str]
    recency: float


def same_quantity_key(fact: Fact) -> tuple[str, str, str | None] | None:
    """Facts with the same key report the same thing (and may disagree)."""
    if fact.attribute and fact.kind in ("measurement", "time", "place"):
        return (fact.event, fact.attribute, fact.label)
    return None


def fact_terms(fact: Fact) -> set[str]:
    """Every term a fact can be found by."""
    parts = [fact.text, fact.quote or "", fact.speaker or "", fact.speaker_role or "",
             fact.place or "", fact.reported_by, fact.label or "", " ".join(fact.about),
             " ".join(fact.keywords)]
    if fact.attribute and fact.attribute in ATTRIBUTES:
        parts.append(ATTRIBUTES[fact.attribute].label)
    for q in fact.quantities:
        parts.append(f"{q.value:g} {q.unit}")
    if fact.time is not None:
        parts.append(fact.time.strftime("%A %B %Y"))
    out = set(terms(" ".join(parts)))
    out.discard("")
    return out


def _speaker_terms(fact: Fact) -> set[str]:
    if fact.kind != "statement" and not fact.speaker:
        return set()
    return set(terms(f"{fact.speaker or ''} {fact.speaker_role or ''}"))


def event_terms(event: Event) -> set[str]:
    parts = [event.title, event.where or "", " ".join(event.aliases)]
    if event.when is not None:
        parts.append(event.when.strftime("%A %d %B %Y"))
    return set(terms(" ".join(parts)))


class Matcher:
    """An inverted index over the active facts of all guilds, scoped per question."""

    def __init__(self) -> None:
        self._docs: dict[str, _Doc] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._by_event: dict[str, set[str]] = defaultdict(set)
        self._by_attr: dict[str, set[str]] = defaultdict(set)
        self._events: dict[str, _EventDoc] = {}
        self._event_postings: dict[str, set[str]] = defaultdict(set)
        self._vocab: set[str] = set()
        self._vocab_by_len: dict[int, list[str]] | None = None
        self._vocab_base: set[str] = set(STOPWORDS) | set(LIGHT_WORDS)
        for attr in ATTRIBUTES.values():
            for cue in attr.cues:
                self._vocab_base.update(normalize(cue).split())
        from bot.core.text import SYNONYMS

        self._vocab_base.update(SYNONYMS)

    # --- building --------------------------------------------------------------------------

    def rebuild(self, *, events: Iterable[Event], facts: Iterable[Fact]) -> None:
        self.__init__()  # type: ignore[misc]
        for event in events:
            self.upsert_event(event)
        for fact in facts:
            self.upsert_fact(fact)

    def upsert_event(self, event: Event) -> None:
        old = self._events.get(event.id)
        if old is not None:
            for t in old.terms:
                self._event_postings[t].discard(event.id)
        ts = frozenset(event_terms(event))
        recency = (event.when or _EPOCH).timestamp() if event.when else 0.0
        self._events[event.id] = _EventDoc(event, ts, recency)
        for t in ts:
            self._event_postings[t].add(event.id)
        self._add_vocab(event.title, event.where or "", *event.aliases)

    def upsert_fact(self, fact: Fact) -> None:
        self.remove_fact(fact.id)
        if not fact.is_active:
            return
        ts = frozenset(fact_terms(fact))
        doc = _Doc(fact, ts, frozenset(_speaker_terms(fact)))
        self._docs[fact.id] = doc
        for t in ts:
            self._postings[t].add(fact.id)
        self._by_event[fact.event].add(fact.id)
        if fact.attribute:
            self._by_attr[fact.attribute].add(fact.id)
        self._add_vocab(fact.text, fact.quote or "", fact.speaker or "", fact.speaker_role or "",
                        fact.place or "", *fact.about, *fact.keywords)

    def remove_fact(self, fact_id: str) -> None:
        doc = self._docs.pop(fact_id, None)
        if doc is None:
            return
        for t in doc.terms:
            self._postings[t].discard(fact_id)
        self._by_event[doc.fact.event].discard(fact_id)
        if doc.fact.attribute:
            self._by_attr[doc.fact.attribute].discard(fact_id)

    def _add_vocab(self, *texts: str) -> None:
        before = len(self._vocab)
        for text in texts:
            self._vocab.update(normalize(text).split())
        if len(self._vocab) != before:
            self._vocab_by_len = None

    @property
    def fact_count(self) -> int:
        return len(self._docs)

    # --- reading the question ----------------------------------------------------------------

    def _known(self, word: str) -> bool:
        return (
            word in self._vocab
            or word in self._vocab_base
            or canonical(word) in self._postings
            or word.isdigit()
        )

    def _correct(self, word: str) -> str | None:
        """The index word this unknown word is a typo of: one edit for words of up to seven
        letters, two for longer ones ("missle" -> "missile"); never into a function word."""
        if len(word) < 5 or self._known(word) or any(ch.isdigit() for ch in word):
            return None
        if self._vocab_by_len is None:
            buckets: dict[int, list[str]] = defaultdict(list)
            for w in self._vocab | self._vocab_base:
                if len(w) >= 4 and w not in STOPWORDS and w not in FUNCTION_WORDS:
                    buckets[len(w)].append(w)
            self._vocab_by_len = dict(buckets)
        max_edits = 1 if len(word) <= 7 else 2
        pool: list[str] = []
        for n in range(len(word) - max_edits, len(word) + max_edits + 1):
            pool.extend(self._vocab_by_len.get(n, ()))
        best = process.extractOne(
            word, pool, scorer=Levenshtein.distance, score_cutoff=max_edits
        )
        return best[0] if best else None

    def analyse(self, question: str) -> Query:
        raw_words = normalize(question).split()
        corrections: dict[str, str] = {}
        fixed: list[str] = []
        for w in raw_words:
            c = self._correct(w)
            if c is not None:
                corrections[w] = c
                fixed.extend(c.split())
            else:
                fixed.append(w)
        q = Query(text=question, words=fixed, content=[], corrections=corrections)
        sentence = " ".join(fixed)
        consumed = [False] * len(fixed)

        def consume(phrase_words: list[str], start: int) -> None:
            for i in range(start, start + len(phrase_words)):
                consumed[i] = True

        # unit to convert to ("in miles")
        m = _UNIT_RE.search(sentence)
        if m:
            unit = resolve_unit(m.group("u").replace("km h", "km/h"))
            if unit is not None:
                q.unit = unit.symbol
                start = len(sentence[: m.start()].split())
                consume(m.group(0).split(), start)

        # attribute cues: longest phrases first, no overlaps
        cues: list[tuple[int, str, list[str]]] = []
        for attr in ATTRIBUTES.values():
            for cue in attr.cues:
                cw = normalize(cue).split()
                cues.append((len(cw), attr.name, cw))
        cues.sort(key=lambda c: -c[0])
        for _, name, cw in cues:
            for i in range(len(fixed) - len(cw) + 1):
                if fixed[i : i + len(cw)] == cw and not any(consumed[i : i + len(cw)]):
                    strength = 0.8 if " ".join(cw) in _GENERIC_CUES else 1.0
                    q.attributes[name] = max(q.attributes.get(name, 0.0), strength)
                    consume(cw, i)
        if _DESIGNATION_RE.search(sentence):
            q.attributes["designation"] = 1.0
        for pattern, kind in _KIND_CUES:
            if pattern.search(sentence):
                q.kinds.add(kind)
        # speaker / role / who
        for pattern in _ROLE_PATTERNS:
            m = pattern.search(sentence)
            if m:
                q.wants_role = True
                q.speaker = terms(m.group("x"))
                break
        if not q.wants_role and "designation" not in q.attributes:
            for pattern in _SPEAKER_PATTERNS:
                m = pattern.search(sentence)
                if m and terms(m.group("x")):
                    q.statement = True
                    q.speaker = terms(m.group("x"))
                    verb = m.groupdict().get("v")
                    if verb:
                        q.speech_verb = canonical(verb)
                    break
        if not q.speaker:
            for pattern in _WHO_PATTERNS:
                m = pattern.search(sentence)
                if m:
                    q.wants_speaker = True
                    hint = m.groupdict().get("hint")
                    if hint:
                        q.speaker_hint = terms(hint)
                    break
        if _STATEMENT_HINT.search(sentence) and not q.attributes:
            q.statement = True
        if q.wants_speaker or q.statement or q.wants_role:
            q.kinds.add("statement")
        # generic kind cues widen to every attribute of that kind, weakly
        if not q.attributes:
            for kind in ("time", "place"):
                if kind in q.kinds:
                    for attr in ATTRIBUTES.values():
                        if kind in attr.kinds:
                            q.attributes[attr.name] = 0.8
        # content terms: what is left, minus the speaker words counted separately
        speaker = set(q.speaker)
        for i, w in enumerate(fixed):
            if consumed[i] or w in STOPWORDS:
                continue
            c = canonical(w)
            if not c or c in STOPWORDS or c in speaker or c == q.speech_verb:
                continue
            if c not in q.content:
                q.content.append(c)
        return q

    # --- scoring -----------------------------------------------------------------------------

    def _weight(self, term: str, n: int) -> float:
        df = len(self._postings.get(term, ()))
        if df == 0 and term in self._event_postings and self._event_postings[term]:
            df = max(1, n // max(1, len(self._events)))  # event-level word: as common as a fact set
        # a word the index has never seen weighs like the rarest known word: a question
        # about something unknown ("submarine missiles") cannot be covered by our facts
        w = math.log((n + 1) / (max(df, 1) + 0.5))
        if term in _LIGHT_TERMS:
            w *= LIGHT_WEIGHT
        return max(w, 0.05)

    def _visible(self, fact: Fact, guild_id: int | None) -> bool:
        return fact.guild_id is None or fact.guild_id == guild_id

    def _named_events(self, q: Query, guild_id: int | None) -> list[str]:
        """Events the question names by a word few events share (alias, place, date)."""
        n_events = max(1, len(self._events))
        limit = max(1, n_events // 10)
        hits: dict[str, float] = defaultdict(float)
        for t in q.content:
            evs = self._event_postings.get(t)
            if not evs or len(evs) > limit:
                continue
            w = math.log((n_events + 1) / (len(evs) + 0.5)) + 0.1
            for e in evs:
                ev = self._events[e].event
                if ev.guild_id is None or ev.guild_id == guild_id:
                    hits[e] += w
        if not hits:
            return []
        top = max(hits.values())
        return [e for e, v in hits.items() if v >= top - 1e-9]

    def _candidates(self, q: Query, guild_id: int | None, events: list[str]) -> set[str]:
        if events:
            ids: set[str] = set()
            for e in events:
                ids |= self._by_event.get(e, set())
            return ids
        ids = set()
        n = max(1, len(self._docs))
        by_rarity = sorted(q.content, key=lambda t: len(self._postings.get(t, ())))
        for t in by_rarity:
            posting = self._postings.get(t)
            if not posting:
                continue
            if ids and len(posting) > max(5000, n // 5):
                break
            ids |= posting
        for attr in q.attributes:
            posting = self._by_attr.get(attr)
            if posting and (not ids or len(posting) <= 20000):
                ids |= posting
        if q.speaker:
            for t in q.speaker:
                posting = self._postings.get(t)
                if posting and len(posting) <= max(5000, n // 5):
                    ids |= posting
        return ids

    def _score(self, q: Query, doc: _Doc, weights: dict[str, float], total: float) -> Scored:
        fact = doc.fact
        ev = self._events.get(fact.event)
        ev_terms = ev.terms if ev else frozenset()
        matched = specific = bonus = 0.0
        for t in q.content:
            w = weights[t]
            if t in _LIGHT_TERMS:  # light words only ever help
                if t in doc.terms:
                    bonus += w
                continue
            if t in doc.terms:
                matched += w
                specific += w
            elif t in ev_terms:
                matched += w
        coverage = matched / total if total else 1.0
        # how much of the match is the fact's own words rather than its event's
        spec = specific / matched if matched else (1.0 if not total else 0.0)
        spec = min(1.0, spec + (bonus / total if total else 0.0))
        if q.attributes:
            strength = q.attributes.get(fact.attribute or "", 0.0)
            if strength:
                factor = 0.75 + 0.25 * strength
            elif fact.kind in q.kinds and "statement" not in q.kinds:
                factor = 0.45
            elif q.kinds & {"time", "place"} and not q.strong and fact.kind in (
                "claim", "statement", "measurement"
            ):
                factor = 0.55  # "where/when" may be answered by a claim: offer it, do not assert it
            else:
                factor = 0.25
            # a "where"/"when" question must match the fact's own words, not just its event
            spec_weight = 0.1 if q.strong else 0.25
            score = factor * (0.2 + 0.8 * coverage) * (1 - spec_weight + spec_weight * spec)
        else:
            score = coverage * (0.55 + 0.45 * spec)
            if q.kinds and fact.kind not in q.kinds:
                score *= 0.8
        if q.speaker:
            sw = sum(weights[t] for t in q.speaker)
            hit = sum(weights[t] for t in q.speaker if t in doc.speaker_terms)
            speaker_match = hit / sw if sw else 0.0
            # precision: "Japan" fits "Japan's Defense Ministry" better than a list of leaders
            precision = (
                len(set(q.speaker) & doc.speaker_terms) / len(doc.speaker_terms)
                if doc.speaker_terms else 0.0
            )
            if q.wants_role:
                score = speaker_match * (1.0 if fact.kind == "statement" else 0.5)
            else:
                score *= (0.25 + 0.75 * speaker_match) * (0.9 + 0.1 * precision)
                if fact.kind != "statement" and not doc.speaker_terms:
                    score *= 0.7
        elif q.wants_speaker and fact.kind != "statement":
            score *= 0.7
        if q.speaker_hint:
            hw = sum(weights[t] for t in q.speaker_hint)
            hit = sum(weights[t] for t in q.speaker_hint if t in doc.speaker_terms)
            score *= 0.6 + 0.4 * (hit / hw if hw else 0.0)
        score += 0.002 * max(-5, min(5, fact.rank))
        return Scored(fact, max(0.0, min(1.0, score)), coverage)

    def match(self, question: str, *, guild_id: int | None = None) -> MatchResult:
        q = self.analyse(question)
        if not q.content and not q.attributes and not q.speaker:
            return MatchResult(question, "abstain", reason="the question names nothing to look up",
                               unit=q.unit)
        named = self._named_events(q, guild_id)
        ids = self._candidates(q, guild_id, named)
        n = max(1, len(self._docs))
        weights = {
            t: self._weight(t, n) for t in set(q.content) | set(q.speaker) | set(q.speaker_hint)
        }
        total = sum(weights[t] for t in q.content if t not in _LIGHT_TERMS)
        scored = []
        for fid in ids:
            doc = self._docs.get(fid)
            if doc is None or not self._visible(doc.fact, guild_id):
                continue
            scored.append(self._score(q, doc, weights, total))
        if not scored:
            return MatchResult(question, "abstain",
                               reason="no fact shares a word with the question",
                               unit=q.unit)
        scored.sort(key=lambda s: (s.score, self._recency(s.fact)), reverse=True)

        # Event resolution: the named event, else the best; equally good events -> the most
        # recent, unless they are on the same day (then ask which).
        best_by_event: dict[str, Scored] = {}
        for s in scored:
            best_by_event.setdefault(s.fact.event, s)
        top = scored[0]
        close = [s for s in best_by_event.values() if s.score >= top.score - EVENT_MARGIN]
        if len(close) > 1 and not named:
            close.sort(key=lambda s: self._recency(s.fact), reverse=True)
            first, second = close[0], close[1]
            same_day = self._same_day(first.fact.event, second.fact.event)
            if same_day and top.score >= SUGGEST_THRESHOLD:
                return MatchResult(
                    question, "choose_event", confidence=top.score, unit=q.unit,
                    events_to_choose=tuple(self._events[s.fact.event].event for s in close[:5]
                                           if s.fact.event in self._events),
                    reason="two events match equally well",
                )
            top = first
        event_id = top.fact.event
        in_event = [s for s in scored if s.fact.event == event_id]
        event = self._events[event_id].event if event_id in self._events else None

        # an asked attribute that nothing in scope has: abstain, whatever else matches
        strong = [a for a, v in q.attributes.items() if v >= 1.0]
        if strong and not any(s.fact.attribute in strong for s in in_event):
            label = ATTRIBUTES[strong[0]].label.lower()
            return MatchResult(
                question, "abstain", suggestions=tuple(self._suggest(in_event)), event=event,
                confidence=0.0, unit=q.unit,
                reason=f"no reported fact gives the {label}",
            )
        if q.speaker and not q.wants_role and not any(
            s.fact.kind == "statement" and s.coverage >= 0 and s.score >= SUGGEST_THRESHOLD
            for s in in_event
        ):
            return MatchResult(
                question, "abstain", suggestions=tuple(self._suggest(in_event)), event=event,
                unit=q.unit, reason="no recorded statement by that speaker",
            )

        best = in_event[0]
        if best.score < SUGGEST_THRESHOLD:
            return MatchResult(question, "abstain", event=event, confidence=best.score,
                               unit=q.unit, reason="nothing matches well enough")
        if best.score < ANSWER_THRESHOLD:
            return MatchResult(question, "suggest", suggestions=tuple(self._suggest(in_event)),
                               event=event, confidence=best.score, unit=q.unit,
                               reason="no fact matches confidently")
        chosen = [best]
        # the same quantity reported again (same attribute and label): corroborating or
        # conflicting reports, all shown with their sources
        key = same_quantity_key(best.fact)
        if key is not None:
            chosen += [
                s for s in in_event[1:]
                if same_quantity_key(s.fact) == key and s.score >= best.score - GROUP_MARGIN
            ]
        for s in in_event[1:]:
            if len(chosen) >= MAX_ANSWER_FACTS:
                break
            if s in chosen or s.score < ANSWER_THRESHOLD or s.score < best.score - GROUP_MARGIN:
                continue
            if q.wants_role:
                continue  # one role line per speaker
            if key is not None and same_quantity_key(s.fact) != key and s.fact.attribute:
                continue  # a different quantity: not what was asked
            chosen.append(s)
        margin = best.score - next((s.score for s in in_event if s not in chosen), 0.0)
        confidence = min(1.0, best.score * (0.85 + 0.15 * min(1.0, margin / 0.2)))
        return MatchResult(
            question, "answer", facts=tuple(chosen), event=event, confidence=round(confidence, 3),
            unit=q.unit, wants_role=q.wants_role, wants_speaker=q.wants_speaker,
        )

    def _recency(self, fact: Fact) -> float:
        ev = self._events.get(fact.event)
        return ev.recency if ev else 0.0

    def _same_day(self, a: str, b: str) -> bool:
        ea, eb = self._events.get(a), self._events.get(b)
        if not ea or not eb or ea.event.when is None or eb.event.when is None:
            return True
        return ea.event.when.date() == eb.event.when.date()

    def _suggest(self, scored: list[Scored]) -> list[Scored]:
        seen: set[str] = set()
        out = []
        for s in scored:
            if s.score < 0.15 or s.fact.id in seen:
                continue
            seen.add(s.fact.id)
            out.append(s)
            if len(out) >= MAX_SUGGESTIONS:
                break
        return out

    # --- autocomplete ------------------------------------------------------------------------

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        """Topics to offer while someone types a question: event titles and aliases, fact
        labels and topics, best fuzzy matches first."""
        choices: dict[str, None] = {}
        for ev in self._events.values():
            if ev.event.guild_id in (None, guild_id):
                choices[ev.event.title] = None
                for a in ev.event.aliases:
                    choices[a] = None
        for doc in self._docs.values():
            f = doc.fact
            if f.guild_id not in (None, guild_id):
                continue
            if f.attribute and f.attribute in ATTRIBUTES:
                choices[f"{f.label or ATTRIBUTES[f.attribute].label}?"] = None
            if f.speaker:
                choices[f"What did {f.speaker} say?"] = None
            for a in f.about:
                choices[a] = None
            if len(choices) > 5000:
                break
        options = list(choices)
        if not prefix.strip():
            return options[:limit]
        hits = process.extract(prefix, options, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        return [h[0] for h in hits]
