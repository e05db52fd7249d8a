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

import heapq
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

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

QUESTION_WORDS = frozenset({"what", "where", "when", "which", "who", "whom", "whose", "how",
                            "why"})
QUESTION_TYPOS = {"wat": "what", "wot": "what", "wht": "what", "hw": "how", "hwo": "how",
                  "whos": "who", "wich": "which", "whne": "when", "wehre": "where",
                  "sya": "say", "syas": "says", "siad": "said", "sayd": "said"}
_LIGHT_TERMS = frozenset(canonical(w) for w in LIGHT_WORDS) - {""}

# --- question intents -------------------------------------------------------------------------

_SPEECH_VERBS = (
    r"say|said|tell|told|state|claim|call|warn|think|argue|announce|add|describe|threaten|"
    r"want|urge|ask|demand|promise|pledge|reaffirm|respond|react|reply|comment|note|condemn|"
    r"accuse|blame|criticize|criticise|predict|suggest|propose|insist|stress|report|make|"
    r"issue|deliver|express|voice|reveal|disclose|confirm|deny|believe|expect|fear|"
    r"characteri[sz]e|label|brand|term|portray|view|see|consider|regard|dub"
)
_VERB = rf"(?P<v>(?:{_SPEECH_VERBS})(?:s|es|d|ed|ing)?)\b"
# verbs that only mark a question as asking what someone said: not content
GENERIC_SPEECH = frozenset(
    {"say", "said", "tell", "told", "state", "comment", "note", "add", "think", "make",
     "issue", "deliver", "express", "voice", "respond", "react", "reply", "describe",
     "characterize", "characterise", "portray", "label", "term", "consider", "regard",
     "view", "see", "dub", "statement", "reaction", "response", "position",
     "stance", "message", "verdict", "assessment"}
)
_SPEAKER_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"^(?:so )?what (?:did|does|do|has|have|had) (?P<x>.+?) {_VERB}",
        r"^(?:so )?what (?:is|was|are|were) (?P<x>.+?) (?P<v>saying|telling|claiming|warning|"
        r"threatening|arguing|demanding|asking)\b",
        rf"^how (?:did|does|do|has|have|had) (?P<x>.+?) {_VERB}",
        rf"^why (?:did|does|do|has|have|had) (?P<x>.+?) {_VERB}",
        rf"^what (?:\w+ ){{1,3}}(?:did|does|do|has|have) (?P<x>.+?) {_VERB}",
        r"^(?:what|how) (?:was|is|were|are) (?P<x>.+?) (?P<v>reaction|response|statement|"
        r"comment|view|position|warning|message|stance|verdict|assessment)s?\b",
        r"^(?:what|how) (?:was|is|were|are) (?:the )?(?:reaction|response|statement|comment|view|"
        r"position|warning|message|stance)s? (?:of|from|by) (?P<x>.+?)$",
        r"^(?:do|did|does|has|have) (?P<x>.+?) (?P<v>(?:say|said|comment|respond|react|describe|"
        r"call|consider|see|view|claim|characteri[sz]e|label|regard)\w*)\b",
        r"^(?!who |what |which |how |why |when |where )(?P<x>(?:\w+ ){0,3}\w+) (?:reaction|"
        r"response|statement|comment|view|position|warning|stance)s?$",
    )
)
_ROLE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"^(?:what|which) (?:is|was|s) (?P<x>.+?) (?:job|role|title|position|post|function|"
        r"office)\b",
        r"^(?:what|which) (?:job|role|title|position|post|office) (?:does|did|is|was) "
        r"(?P<x>(?:\w+ ){0,3}\w+?)(?: hold| have| has| do)?$",
        r"^who (?:is|was) (?P<x>[a-z ]+?)$",
        r"^what does (?P<x>.+?) do$",
    )
)
_WHO_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"^who (?:\w+ )?{_VERB}",
        r"^(?:which|what) (?P<hint>(?:\w+ ){0,3})(?:official|officials|minister|leader|leaders|"
        r"spokesman|"
        r"spokesperson|military|militaries|ministry|agency|person|people|general|command|"
        r"government)s?\b(?: (?:from|of|in|for) (?P<hint2>(?:\w+ ){0,2}\w+))?",
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
_GENERIC_CUES = frozenset({"how many", "number of", "count", "how much", "more than one",
                           "take place", "took place", "which country", "which city",
                           "what country", "what city",
                           "several", "multiple", "which sort", "what kind",
                           "what type", "which type", "which kind", "what sort", "type of",
                           "kind of", "class of", "category of", "what class"})
# "when did X last ...", "when was the last ...": answered by the time since it
_LAST_TIME_RE = re.compile(r"^when (?:did|was|were|has|had) (?:\w+ ){0,4}(?:last|previous)\b")
_DESIGNATION_RE = re.compile(
    r"^what (?:is|was|are|were) (?:\w+ ){0,4}called$|\bwhat (?:is|was) (?:the )?name of\b|"
    r"\bwhat (?:is|was) (?:its|their) name\b"
)
_REPORTER_RE = re.compile(
    r"\baccording to whom\b|\bwho (?:reported|reports|says|said)\b|\bwhich source\b|"
    r"\bwhat source\b|\bwho is the source\b|\bsourced?\b"
)
_OBJECT_OF_LAUNCH_RE = re.compile(
    r"^what (?:did|has|have|was) (?:\w+ ){1,3}(?:launch|fire|test|shoot)(?:ed|d|s)?\b"
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
    hinted: set[str] = field(default_factory=set)  # attributes a generic cue points to
    reason: bool = False  # "why ...": facts that give a reason or purpose fit better
    who: bool = False  # "who ...": a person or body, not a number, time or place
    reporter: bool = False  # "according to whom", "who reported": any fact's reporter
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


@dataclass(eq=False, slots=True)
class _Doc:
    """What the index keeps of a fact: enough to score it. The full fact is loaded only for
    the few that end up in an answer (``full`` when the caller handed it over already)."""

    id: str
    event: str
    guild_id: int | None
    kind: str
    attribute: str | None
    label: str | None
    rank: int
    speaker: str | None
    terms: frozenset[str]
    speaker_terms: frozenset[str]
    expires: float | None = None  # UNIX time after which the fact no longer answers
    full: Fact | None = None


@dataclass(eq=False, slots=True)
class _Hit:
    fact: _Doc  # named like Scored.fact: the same decision code reads both
    score: float
    coverage: float
    focus: float = 0.0
    light: float = 0.0  # weight of light words ("held", "react") the fact also has


@dataclass
class _EventDoc:
    event: Event
    terms: frozenset[str]
    recency: float


# Bump when normalisation, the lexicon or fact_terms change: cached terms are recomputed.
INDEX_VERSION = 14
RARE_DF_MIN = 64  # a term in at most max(this, 1% of facts) is "rare": its facts are gathered
MAX_CANDIDATES = 300  # facts scored per question, at most
# a document, not a person: "what did the joint statement say" is about its content
_DOCUMENT_TERMS = frozenset(canonical(w) for w in
                            "statement report declaration communique letter treaty".split())
# words that give a reason or purpose: "why" questions prefer facts that have one
REASON_TERMS = frozenset(canonical(w) for w in (
    "because reason purpose aim goal meant intended countermeasure countermeasures response "
    "order due cause caused so protest retaliation deter deterrence defend defense support"
).split())


def same_quantity_key(fact: Fact | _Doc) -> tuple[str, str, str | None] | None:
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


@lru_cache(maxsize=4096)
def _name_terms(speaker: str) -> frozenset[str]:
    return frozenset(terms(speaker))


def speaker_terms(fact: Fact) -> set[str]:
    """Who the fact is from: the speaker and role, and whoever reported it (a claim
    "according to many experts" answers "what do experts think")."""
    return set(terms(f"{fact.speaker or ''} {fact.speaker_role or ''} {fact.reported_by}"))


def event_terms(event: Event) -> set[str]:
    parts = [event.title, event.where or "", " ".join(event.aliases)]
    if event.when is not None:
        parts.append(event.when.strftime("%A %d %B %Y"))
    return set(terms(" ".join(parts)))


def index_record(fact: Fact) -> dict:
    """The cached terms of a fact, as stored in the ``match_terms`` table."""
    return {
        "fact_id": fact.id,
        "revision": fact.revision,
        "version": INDEX_VERSION,
        "terms": " ".join(sorted(fact_terms(fact))),
        "speaker_terms": " ".join(sorted(speaker_terms(fact))),
    }


def _base_vocabulary() -> frozenset[str]:
    from bot.core.text import PHRASES, SYNONYMS

    words = set(STOPWORDS) | set(LIGHT_WORDS) | set(SYNONYMS)
    for phrase, _ in PHRASES:  # "foreign" only ever reaches the index as "foreignminister"
        words.update(phrase.split())
    for attr in ATTRIBUTES.values():
        for cue in attr.cues:
            words.update(normalize(cue).split())
    return frozenset(words)


_BASE_VOCAB = _base_vocabulary()
# attribute cues as word lists, longest first (matched greedily, without overlaps)
_CUES: tuple[tuple[str, tuple[str, ...], float], ...] = tuple(
    sorted(
        (
            (attr.name, tuple(normalize(cue).split()),
             0.8 if normalize(cue) in _GENERIC_CUES else 1.0)
            for attr in ATTRIBUTES.values()
            for cue in attr.cues
        ),
        key=lambda c: -len(c[1]),
    )
)


class Matcher:
    """An inverted index over the active facts of all guilds, scoped per question.

    ``fact_loader(ids) -> {id: Fact}`` fetches full facts for answers when the index was
    loaded from cached rows (:meth:`load`) rather than from facts (:meth:`rebuild`).
    """

    def __init__(self, fact_loader: Callable[[list[str]], dict[str, Fact]] | None = None) -> None:
        self._fact_loader = fact_loader
        self._docs: dict[str, _Doc] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._by_event: dict[str, set[str]] = defaultdict(set)
        self._by_event_attr: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._events: dict[str, _EventDoc] = {}
        self._event_postings: dict[str, set[str]] = defaultdict(set)
        self._recent_events: list[str] | None = None
        self._vocab_by_len: dict[int, list[str]] | None = None
        self._complete_cache: dict[int | None, list[str]] = {}
        self._event_counts: dict[int | None, int] = {}  # visible events, per guild

    # --- building --------------------------------------------------------------------------

    def rebuild(self, *, events: Iterable[Event], facts: Iterable[Fact]) -> None:
        """Index these events and facts (all guilds), replacing what was there."""
        self.__init__(self._fact_loader)  # type: ignore[misc]
        for event in events:
            self.upsert_event(event)
        for fact in facts:
            self.upsert_fact(fact)

    def load(self, *, events: Iterable[Event], rows: Iterable[tuple]) -> None:
        """Index from cached rows: (id, event, guild_id, kind, attribute, label, rank,
        speaker, terms, speaker_terms, expires) with the terms as space-separated strings
        and ``expires`` as an ISO time or None."""
        self.__init__(self._fact_loader)  # type: ignore[misc]
        for event in events:
            self.upsert_event(event)
        docs, postings = self._docs, self._postings
        by_event, by_event_attr = self._by_event, self._by_event_attr
        interned: dict[str, frozenset[str]] = {}
        for fid, event, guild_id, kind, attribute, label, rank, speaker, ts, sts, exp in rows:
            term_set = frozenset(ts.split())
            sp = interned.get(sts)
            if sp is None:
                sp = interned[sts] = frozenset(sts.split())
            expires = datetime.fromisoformat(exp).timestamp() if exp else None
            docs[fid] = _Doc(fid, event, guild_id, kind, attribute, label, rank or 0, speaker,
                             term_set, sp, expires)
            for t in term_set:
                postings[t].add(fid)
            by_event[event].add(fid)
            if attribute:
                by_event_attr[(event, attribute)].add(fid)

    def upsert_event(self, event: Event) -> None:
        old = self._events.get(event.id)
        if old is not None:
            for t in old.terms:
                self._event_postings[t].discard(event.id)
        ts = frozenset(event_terms(event))
        recency = event.when.timestamp() if event.when else 0.0
        self._events[event.id] = _EventDoc(event, ts, recency)
        for t in ts:
            self._event_postings[t].add(event.id)
        self._recent_events = None
        self._vocab_by_len = None
        self._complete_cache.clear()
        self._event_counts.clear()

    def upsert_fact(self, fact: Fact) -> None:
        self.remove_fact(fact.id)
        self._complete_cache.clear()
        if not fact.is_active:
            return
        ts = frozenset(fact_terms(fact))
        expires = fact.expires.timestamp() if fact.expires else None
        doc = _Doc(fact.id, fact.event, fact.guild_id, fact.kind, fact.attribute, fact.label,
                   fact.rank, fact.speaker, ts, frozenset(speaker_terms(fact)), expires, fact)
        self._docs[fact.id] = doc
        new_terms = False
        for t in ts:
            posting = self._postings[t]
            new_terms = new_terms or not posting
            posting.add(fact.id)
        self._by_event[fact.event].add(fact.id)
        if fact.attribute:
            self._by_event_attr[(fact.event, fact.attribute)].add(fact.id)
        if new_terms:
            self._vocab_by_len = None

    def remove_fact(self, fact_id: str) -> None:
        doc = self._docs.pop(fact_id, None)
        if doc is None:
            return
        for t in doc.terms:
            self._postings[t].discard(fact_id)
        self._by_event[doc.event].discard(fact_id)
        if doc.attribute:
            self._by_event_attr[(doc.event, doc.attribute)].discard(fact_id)

    @property
    def fact_count(self) -> int:
        return len(self._docs)

    def _full(self, docs: Iterable[_Doc]) -> dict[str, Fact]:
        docs = list(docs)
        out = {d.id: d.full for d in docs if d.full is not None}
        missing = [d.id for d in docs if d.full is None]
        if missing:
            if self._fact_loader is None:
                raise RuntimeError("Matcher.load() needs a fact_loader to answer")
            out.update(self._fact_loader(missing))
        return out

    # --- reading the question ----------------------------------------------------------------

    def _known(self, word: str) -> bool:
        return (
            word in _BASE_VOCAB
            or canonical(word) in self._postings
            or canonical(word) in self._event_postings
            or word.isdigit()
        )

    def _correct(self, word: str) -> str | None:
        """The indexed word this unknown word is a typo of: one edit for words of up to
        seven letters, two for longer ones ("missle" -> "missile"); never a function word."""
        if len(word) < 4 or self._known(word) or any(ch.isdigit() for ch in word):
            return None
        if self._vocab_by_len is None:
            buckets: dict[int, list[str]] = defaultdict(list)
            pool_words = set(_BASE_VOCAB) | set(self._event_postings)
            pool_words.update(t for t, ids in self._postings.items() if ids)
            for w in pool_words:
                if len(w) >= 3 and (w in QUESTION_WORDS or (
                        w not in STOPWORDS and w not in FUNCTION_WORDS
                        and w not in LIGHT_WORDS and w not in _LIGHT_TERMS)):
                    buckets[len(w)].append(w)
            self._vocab_by_len = dict(buckets)
        max_edits = 1 if len(word) <= 9 else 2
        pool: list[str] = []
        for n in range(len(word) - max_edits, len(word) + max_edits + 1):
            pool.extend(self._vocab_by_len.get(n, ()))
        # OSA counts a swap of two letters as one edit ("rnage" -> "range")
        best = process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=max_edits)
        if best is None:
            return None
        if len(word) == 4 and Levenshtein.distance(word, best[0]) == 1:
            return None  # four letters: only a swap ("hihg"); "cost" is not "coast"
        return best[0]

    def analyse(self, question: str) -> Query:
        raw_words = normalize(question).split()
        corrections: dict[str, str] = {}
        fixed: list[str] = []
        for w in raw_words:
            w = QUESTION_TYPOS.get(w, w)
            c = self._correct(w)
            if c is not None:
                corrections[w] = c
                fixed.append(c)
            else:
                fixed.append(w)
        if corrections:  # a corrected word may complete a phrase ("foriegn minister")
            fixed = normalize(" ".join(fixed)).split()
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
        present = set(fixed)
        primary: set[str] = set()
        for name, cw, strength in _CUES:
            if cw[0] not in present:
                continue
            n = len(cw)
            for i in range(len(fixed) - n + 1):
                if tuple(fixed[i : i + n]) == cw and not any(consumed[i : i + n]):
                    if strength >= 1.0:
                        q.attributes[name] = 1.0
                        if cw[0] == "how":  # "how fast", "how high": what is asked
                            primary.add(name)
                    else:  # "how many", "what kind": a hint, not a demand
                        q.hinted.add(name)
                    consume(list(cw), i)
        if primary:  # "how quickly did it travel": speed is asked; "travel" is a verb
            for name in list(q.attributes):
                if name not in primary:
                    del q.attributes[name]
                    q.hinted.add(name)
        if _LAST_TIME_RE.search(sentence) and not q.attributes:
            q.attributes["interval_since_previous"] = 1.0
        if sentence.startswith("why ") or " why " in sentence:
            q.reason = True
        q.who = sentence.startswith(("who ", "whom ", "by whom "))
        # every fact names who reported it: these ask for that, not for a statement
        q.reporter = bool(_REPORTER_RE.search(sentence))
        if _OBJECT_OF_LAUNCH_RE.search(sentence):
            q.hinted.add("missile_type")  # "what did North Korea fire": the weapon
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
                    if set(q.speaker) & _DOCUMENT_TERMS:  # "what did the joint statement say"
                        q.speaker = []
                    verb = m.groupdict().get("v")
                    if verb and (verb in GENERIC_SPEECH or canonical(verb) in GENERIC_SPEECH
                                 or not self._postings.get(canonical(verb))):
                        q.speech_verb = canonical(verb)  # "say": only marks the question
                    break
        if not q.speaker:
            for pattern in _WHO_PATTERNS:
                m = pattern.search(sentence)
                if m:
                    q.wants_speaker = True
                    hint = " ".join(filter(None, (m.groupdict().get("hint"),
                                                  m.groupdict().get("hint2"))))
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
        if df == 0 and self._event_postings.get(term):
            df = max(1, n // max(1, len(self._events)))  # event-level word: as common as a fact set
        # a word the index has never seen weighs like the rarest known word: a question
        # about something unknown ("submarine missiles") cannot be covered by our facts
        w = math.log((n + 1) / (max(df, 1) + 0.5))
        if term in _LIGHT_TERMS:
            w *= LIGHT_WEIGHT
        return max(w, 0.05)

    @staticmethod
    def _visible(doc: _Doc, guild_id: int | None) -> bool:
        return doc.guild_id is None or doc.guild_id == guild_id

    def _event_visible(self, event_id: str, guild_id: int | None) -> bool:
        ev = self._events.get(event_id)
        return ev is None or ev.event.guild_id is None or ev.event.guild_id == guild_id

    def _named_events(self, q: Query, guild_id: int | None) -> list[str]:
        """Events the question names by a word few events share (alias, place, date)."""
        n_events = max(1, self._event_count(guild_id))  # this guild's view, not all guilds'
        limit = max(1, n_events // 10)
        hits: dict[str, float] = defaultdict(float)
        for t in q.content:
            evs = self._event_postings.get(t)
            if not evs or len(evs) > limit:
                continue
            w = math.log((n_events + 1) / (len(evs) + 0.5)) + 0.1
            for e in evs:
                if self._event_visible(e, guild_id):
                    hits[e] += w
        if not hits:
            return []
        top = max(hits.values())
        return [e for e, v in hits.items() if v >= top - 1e-9]

    def _event_count(self, guild_id: int | None) -> int:
        """How many events ``guild_id`` sees (shared ones and its own)."""
        count = self._event_counts.get(guild_id)
        if count is None:
            count = self._event_counts[guild_id] = sum(
                1 for e in self._events if self._event_visible(e, guild_id)
            )
        return count

    def _recent(self, guild_id: int | None) -> Iterable[str]:
        """Visible event ids, most recent first."""
        if self._recent_events is None:
            self._recent_events = sorted(
                self._events, key=lambda e: self._events[e].recency, reverse=True
            )
        return (e for e in self._recent_events if self._event_visible(e, guild_id))

    def _candidates(self, q: Query, guild_id: int | None, named: list[str]) -> set[str]:
        """The facts worth scoring: a named event's, else those sharing a rare word with
        the question, else those sharing all its common words; capped, recent first.
        Set operations run in C, so this stays fast at a hundred thousand facts."""
        if named:
            ids: set[str] = set()
            for e in named:
                ids |= self._by_event.get(e, set())
            return ids
        n = len(self._docs)
        rare_df = max(RARE_DF_MIN, n // 100)
        rare: list[set[str]] = []
        common: list[set[str]] = []
        for t in [*q.content, *q.speaker]:
            posting = self._postings.get(t)
            if not posting or t in _LIGHT_TERMS:
                continue
            (rare if len(posting) <= rare_df else common).append(posting)
        ids = set()
        if rare:
            ids = set().union(*rare)
        elif common:
            common.sort(key=len)
            ids = set(common[0])
            for posting in common[1:]:
                narrowed = ids & posting
                if not narrowed:
                    break
                ids = narrowed
        # the asked attribute's facts in the events found so far (or the most recent ones)
        wanted = set(q.attributes) | q.hinted
        if wanted:
            events = {self._docs[i].event for i in ids} if ids else None
            if events is None:
                events = []
                for e in self._recent(guild_id):
                    if any(self._by_event_attr.get((e, a)) for a in wanted):
                        events.append(e)
                        if len(events) >= MAX_CANDIDATES // 4:
                            break
            for e in events:
                for a in wanted:
                    ids |= self._by_event_attr.get((e, a), set())
        # other guilds' facts are dropped before the cap, so they can never crowd this
        # guild's out of it
        docs_ = self._docs
        ids = {i for i in ids if self._visible(docs_[i], guild_id)}
        if len(ids) > MAX_CANDIDATES:
            recency = self._events
            docs = self._docs
            ids = set(heapq.nlargest(
                MAX_CANDIDATES, ids,
                key=lambda i: recency[docs[i].event].recency if docs[i].event in recency else 0.0,
            ))
        return ids

    def _score(self, q: Query, doc: _Doc, weights: dict[str, float], total: float) -> _Hit:
        ev = self._events.get(doc.event)
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
            strength = q.attributes.get(doc.attribute or "", 0.0)
            if strength:
                factor = 0.75 + 0.25 * strength
                if "measurement" in q.kinds and doc.kind != "measurement":
                    factor *= 0.5  # "how far ... landed": a place is not a distance
            elif doc.kind in q.kinds and "statement" not in q.kinds:
                factor = 0.45
            elif q.kinds & {"time", "place"} and not q.strong and doc.kind in (
                "claim", "statement", "measurement"
            ):
                factor = 0.55  # "where/when" may be answered by a claim: offer it, do not assert it
            else:
                factor = 0.25
            # a "where"/"when" question must match the fact's own words, not just its event
            spec_weight = 0.1 if q.strong else 0.25
            # half a question covered is not an answer: the curve falls fast below ~2/3
            score = factor * (0.15 + 0.85 * coverage**1.5) * (1 - spec_weight + spec_weight * spec)
        else:
            # as with attributes: a question a third uncovered is not answered
            score = coverage**1.5 * (0.55 + 0.45 * spec)
            if q.kinds and doc.kind not in q.kinds:
                # "how many/much" wants a number: a claim cannot give one
                score *= 0.5 if "measurement" in q.kinds else 0.8
            if q.hinted and doc.attribute not in q.hinted:
                score *= 0.7
                if "count" in q.hinted and doc.kind == "measurement":
                    score *= 0.5  # "how many nukes": five years is not a number of nukes
        if q.speaker:
            # every word naming the speaker counts the same: in "the leader of North Korea"
            # the country matters as much as the role, however common it is in the facts
            speaker_match = sum(1 for t in q.speaker if t in doc.speaker_terms) / len(q.speaker)
            # precision: "Japan" fits "Japan's Defense Ministry" better than a list of leaders
            name = _name_terms(doc.speaker or "")
            precision = len(set(q.speaker) & name) / len(name) if name else 0.0
            if q.wants_role:
                score = speaker_match * (1.0 if doc.kind == "statement" else 0.5)
            else:
                # half the speaker's name is another speaker: "South Korea's president" is
                # not "South Korea's Joint Chiefs of Staff"
                score *= (0.1 + 0.9 * speaker_match**1.5) * (0.9 + 0.1 * precision)
                if doc.kind != "statement" and not doc.speaker_terms:
                    score *= 0.7
        elif q.wants_speaker and doc.kind != "statement" and not q.reporter:
            score *= 0.7
        if q.speaker_hint:
            hit = sum(1 for t in q.speaker_hint if t in doc.speaker_terms) / len(q.speaker_hint)
            score *= 0.6 + 0.4 * hit
        if q.reason and not (doc.terms & REASON_TERMS):
            score *= 0.9
        if q.who and doc.kind in ("measurement", "time", "place"):
            score *= 0.85
        if doc.kind == "measurement" and not (q.attributes or q.hinted or "measurement" in q.kinds):
            score *= 0.93  # a number answers "how many/far/long", rarely anything else
        score += 0.002 * max(-5, min(5, doc.rank))
        # focus breaks ties: of facts that cover the question equally, the one more about it
        hits = sum(1 for t in q.content if t in doc.terms)
        focus = hits / math.sqrt(max(1, len(doc.terms)))
        return _Hit(doc, max(0.0, min(1.0, score)), coverage, focus, bonus)

    def match(self, question: str, *, guild_id: int | None = None) -> MatchResult:
        """Match a question against the facts visible from ``guild_id`` (None: global only)."""
        q = self.analyse(question)
        unit = q.unit
        if not q.content and not q.attributes and not q.hinted and not q.speaker:
            return MatchResult(question, "abstain", reason="the question names nothing to look up",
                               unit=unit)
        named = self._named_events(q, guild_id)
        ids = self._candidates(q, guild_id, named)
        n = max(1, len(self._docs))
        weights = {
            t: self._weight(t, n) for t in set(q.content) | set(q.speaker) | set(q.speaker_hint)
        }
        total = sum(weights[t] for t in q.content if t not in _LIGHT_TERMS)
        hits = []
        now = time.time()
        for fid in ids:
            doc = self._docs.get(fid)
            if doc is None or not self._visible(doc, guild_id):
                continue
            if doc.expires is not None and doc.expires <= now:
                continue  # expired: no longer reported as current
            hits.append(self._score(q, doc, weights, total))
        strong = [a for a, v in q.attributes.items() if v >= 1.0]
        if not hits:
            reason = "no fact shares a word with the question"
            if strong:
                reason = f"no reported fact gives the {ATTRIBUTES[strong[0]].label.lower()}"
            return MatchResult(question, "abstain", reason=reason, unit=unit)
        hits.sort(key=lambda h: (round(h.score, 3), h.light, h.focus, self._recency(h.fact),
                                 h.fact.id), reverse=True)

        # Event resolution: the named event, else the best; equally good events -> the most
        # recent, unless they are on the same day (then ask which).
        best_by_event: dict[str, _Hit] = {}
        for h in hits:
            best_by_event.setdefault(h.fact.event, h)
        top = hits[0]
        close = [h for h in best_by_event.values() if h.score >= top.score - EVENT_MARGIN]
        if len(close) > 1 and not named:
            close.sort(key=lambda h: self._recency(h.fact), reverse=True)
            first, second = close[0], close[1]
            same_day = self._same_day(first.fact.event, second.fact.event)
            if same_day and top.score >= SUGGEST_THRESHOLD:
                return MatchResult(
                    question, "choose_event", confidence=top.score, unit=unit,
                    events_to_choose=tuple(self._events[h.fact.event].event for h in close[:5]
                                           if h.fact.event in self._events),
                    reason="two events match equally well",
                )
            top = first
        event_id = top.fact.event
        in_event = [h for h in hits if h.fact.event == event_id]
        event = self._events[event_id].event if event_id in self._events else None

        # an asked attribute that nothing in scope has: abstain, whatever else matches
        if strong and not any(h.fact.attribute in strong for h in in_event):
            label = ATTRIBUTES[strong[0]].label.lower()
            return self._result(question, "abstain", event=event, unit=unit,
                                suggestions=self._suggest(in_event),
                                reason=f"no reported fact gives the {label}")
        if q.speaker and not q.wants_role and not any(
            h.score >= SUGGEST_THRESHOLD for h in in_event
        ):
            return self._result(question, "abstain", event=event, unit=unit,
                                suggestions=self._suggest(in_event),
                                reason="no recorded statement by that speaker")

        best = in_event[0]
        if best.score < SUGGEST_THRESHOLD:
            return MatchResult(question, "abstain", event=event, confidence=best.score,
                               unit=unit, reason="nothing matches well enough")
        if best.score < ANSWER_THRESHOLD:
            return self._result(question, "suggest", event=event, unit=unit,
                                confidence=best.score, suggestions=self._suggest(in_event),
                                reason="no fact matches confidently")
        chosen = [best]
        # the same quantity reported again (same attribute and label): corroborating or
        # conflicting reports, all shown with their sources
        key = same_quantity_key(best.fact)
        if key is not None:
            chosen += [
                h for h in in_event[1:]
                if same_quantity_key(h.fact) == key and h.score >= best.score - GROUP_MARGIN
            ]
        for h in in_event[1:]:
            if len(chosen) >= MAX_ANSWER_FACTS:
                break
            if h in chosen or h.score < ANSWER_THRESHOLD or h.score < best.score - GROUP_MARGIN:
                continue
            if q.wants_role:
                continue  # one role line per speaker
            if key is not None and same_quantity_key(h.fact) != key and h.fact.attribute:
                continue  # a different quantity: not what was asked
            chosen.append(h)
        margin = best.score - next((h.score for h in in_event if h not in chosen), 0.0)
        confidence = min(1.0, best.score * (0.85 + 0.15 * min(1.0, margin / 0.2)))
        return self._result(question, "answer", facts=chosen, event=event, unit=unit,
                            confidence=round(confidence, 3), wants_role=q.wants_role,
                            wants_speaker=q.wants_speaker)

    def _result(self, question: str, status: str, *, facts: list[_Hit] = (),
                suggestions: list[_Hit] = (), **kw) -> MatchResult:  # noqa: ANN003
        """Build the public result, loading the full facts of the few hits it names."""
        full = self._full(h.fact for h in [*facts, *suggestions])

        def scored(hs: Iterable[_Hit]) -> tuple[Scored, ...]:
            return tuple(Scored(full[h.fact.id], h.score, h.coverage) for h in hs
                         if h.fact.id in full)

        return MatchResult(question, status, facts=scored(facts),  # type: ignore[arg-type]
                           suggestions=scored(suggestions), **kw)

    def _recency(self, doc: _Doc) -> float:
        ev = self._events.get(doc.event)
        return ev.recency if ev else 0.0

    def _same_day(self, a: str, b: str) -> bool:
        ea, eb = self._events.get(a), self._events.get(b)
        if not ea or not eb or ea.event.when is None or eb.event.when is None:
            return True
        return ea.event.when.date() == eb.event.when.date()

    @staticmethod
    def _suggest(hits: list[_Hit]) -> list[_Hit]:
        return [h for h in hits if h.score >= 0.15][:MAX_SUGGESTIONS]

    # --- autocomplete ------------------------------------------------------------------------

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        """Topics to offer while someone types a question: event titles and aliases, the
        attributes and speakers on record; best fuzzy matches first."""
        options = self._complete_cache.get(guild_id)
        if options is None:
            options = self._complete_cache[guild_id] = self._completion_options(guild_id)
        typed = prefix.strip().lower()
        if not typed:
            return options[:limit]
        # what contains the typed text first (earliest match first), then fuzzy matches
        found = sorted((o for o in options if typed in o.lower()),
                       key=lambda o: (o.lower().index(typed), len(o)))[:limit]
        if len(found) < limit:
            rest = [o for o in options if o not in set(found)]
            found += [h[0] for h in process.extract(typed, rest, scorer=fuzz.WRatio,
                                                    limit=limit - len(found), score_cutoff=60)]
        return found

    def _completion_options(self, guild_id: int | None) -> list[str]:
        choices: dict[str, None] = {}
        for e in self._recent(guild_id):
            ev = self._events[e].event
            choices[ev.title] = None
            for a in ev.aliases:
                choices[a] = None
            if len(choices) > 2000:
                break
        for doc in self._docs.values():
            if not self._visible(doc, guild_id):
                continue
            attr = ATTRIBUTES.get(doc.attribute or "")
            if attr is not None and doc.kind != "statement":
                if doc.label:
                    choices[f"{doc.label}?"] = None
                elif attr.ask and "{" not in attr.ask:
                    choices[f"{attr.ask} ({attr.label.lower()})"] = None
            if doc.speaker:
                choices[f"What did {doc.speaker} say?"] = None
            if len(choices) > 5000:
                break
        return list(choices)
