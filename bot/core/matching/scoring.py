"""How well one fact answers one query: every weight named, in one place.

A question's terms each weigh their inverse document frequency (a term few facts have says
more). A term no fact has still weighs: as much as the rarest known term when it is a rare
English word ("submarine"), less when it is a very common one, nothing when it is chat filler
(the lexicon's ``filler``, dropped before scoring). A fact covers a term when the term or one
of its synonyms is among the fact's own words (its label, topics and keywords count most),
or, for less, among its event's. The share of the question's weight a fact covers, shaped by
how well the fact's kind fits the question's form (a number for "how many", a time for
"when", a statement by the asked speaker for "what did X say"), is its score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from bot.core.matching.analyzer import (
    HAS_UNIT_WORD,
    MIN_ACRONYM,
    TITLED_PREFIX,
    UNIT_WORD_PREFIX,
    gives_only,
)
from bot.core.matching.index import Doc, EventDoc, MatchIndex
from bot.core.matching.query import (
    FIGURE_NOUNS,
    FORM_TOPIC_WORDS,
    GENERIC_COUNTED,
    AnswerType,
    Query,
    QueryTerm,
    Recency,
    TermClass,
    is_number,
    is_verb_form,
)
from bot.core.text import (
    CALENDAR_TERMS,
    CHANGE_WORDS,
    FIRST_WORDS,
    LATEST_PHRASES,
    LATEST_WORDS,
    STOPWORDS,
    can_be_verb,
    content_stems,
    english_zipf,
    lemma,
    lemma_forms,
    normalize,
    stem,
    word_classes,
)
from bot.core.units import resolve_unit

# the fact kind a question's form asks for ("where": a place, "when": a time)
FORM_KINDS = {AnswerType.TIME: "time", AnswerType.PLACE: "place"}


def _label_verb(word: str) -> bool:
    """Whether a label's word says how rather than what: an inflected verb ("Passengers
    evacuated"), but not an -ing word that is a noun of its own ("Tsunami warning issued":
    the warning is the thing issued)."""
    if not is_verb_form(word):
        return False
    return not (word.endswith("ing") and word in lemma_forms(word).get("NOUN", ()))


@dataclass(frozen=True)
class Weights:
    """The scorer's weights, named."""

    # where a term is found in a fact
    key_field: float = 1.0  # its label, topics, keywords or attribute
    body_field: float = 0.9  # its text, quote or place
    speaker_field: float = 0.9  # its speaker, role or reporter
    synonym_only: float = 0.95  # share of a field's credit a synonym (not the word) earns
    event_field: float = 0.75  # only in its event's title, aliases or place
    # what a term weighs
    light_term: float = 0.2  # share of its weight a light word keeps ("happen", "figure")
    phrase_term: float = 0.5  # a multi-word name whole adds this share of its words' weight
    phrase_apart: float = 0.5  # share of a phrase's credit its words earn apart ("demand peak")
    asked_attribute: float = 2.5  # what "how high" asks for weighs more than the verb beside it
    unknown_rare: float = 1.0  # an unknown, rare English word: times the largest known weight
    unknown_common: float = 0.45  # an unknown word common in English (Zipf >= 4.5)
    unknown_very_common: float = 0.2  # an unknown word very common in English (Zipf >= 5.3)
    common_verb: float = 0.5  # share of its weight a verb very common in English keeps
    min_weight: float = 0.05
    # shaping
    coverage_power: float = 1.6  # half a question covered is far from an answer
    stated_value: float = 0.85  # coverage of a fact with the figure a conversion states
    label_focus: float = 0.3  # share of the score that rewards a label about just this
    rank_step: float = 0.002  # a fact's rank breaks ties
    uncounted: float = 0.5  # a figure that does not count what "how many X" counts
    unacted: float = 0.45  # a fact that does not say the "who <verb>" question's verb
    unchosen: float = 0.3  # a fact with neither thing "A or B" offers
    unhappened: float = 0.7  # a forecast, for a question of what happened (and the reverse)
    according: float = 0.3  # share of the score that needs the "according to" source
    reason_speaker: float = 0.4  # share of a "why does X say" score that needs X
    form_only: float = 0.6  # a question with no words but its form ("what time was it?")


WEIGHTS = Weights()
_NAME_WORD_RE = re.compile(r"\b[A-Z][a-z]+\b")  # a capitalised word of a place's name

# How well a fact of each kind answers each form of question (1 = exactly what is asked).
# ("not_a_count": "how many" answered by a distance or a sum of money; "given": a figure
# the question itself gives, "how many of the 17 dead", "police said 12k, and organisers?")
NUMBER_FIT = {"measurement": 1.0, "number_in_text": 0.75, "other": 0.4,
              "not_a_count": 0.45, "given": 0.3, "unasked_duration": 0.45, "other_unit": 0.45}
QUANTITY_FIT = {"dimension": 1.0, "dimension_in_text": 0.7, "local_currency": 0.7,
                "measurement": 0.45,
                "number_in_text": 0.45, "other": 0.35, "not_per": 0.45}
# a day without a clock time ("no_clock") or a time that cannot be put in the asked zone
# ("unzoned") is offered, not given, for "what time" / "in utc"; so is a month or a year
# alone for "what day" (also "no_clock")
TIME_FIT = {"time": 1.0, "time_in_text": 0.85, "no_clock": 0.45, "unzoned": 0.45,
            "year_only": 0.6, "other": 0.4}
# a reported moment whose sentence names no place says when, not where ("where did the train
# come off the tracks": not the time it did, whatever words its keywords share)
PLACE_FIT = {"place": 1.0, "place_in_text": 0.85, "other": 0.7, "time": 0.45}
# figures already per a span of time ("litres a day", "km/h"): a "per day" question's kind
_PER_DIMENSIONS = frozenset({"dim:flow", "dim:speed"})
STATEMENT_FIT = {"statement": 1.0, "claim": 0.85, "other": 0.8}
WHO_FIT = {"statement": 1.0, "claim": 1.0, "measurement": 0.85, "other": 0.65,
           "gave_the_figure": 1.0}  # ("who gave the 38 number": the figure's source)
REASON_FIT = {"cause": 1.0, "other": 0.45}
ANY_FIT = {"other": 1.0, "unfigured": 0.75, "when_or_where": 0.7}
ROLE_FIT = {"speaker": 1.0, "mentioned": 0.8}
LABEL_CACHE_SIZE = 200_000
VERY_COMMON_ZIPF = 5.3  # a word at least this common in English is an everyday word
DATING_STEMS = frozenset(stem(w) for w in FIRST_WORDS | LATEST_WORDS | CHANGE_WORDS)
# label words any count has ("*People* in shelters", "*Number* of flights"): not a topic
GENERIC_LABEL_STEMS = frozenset(stem(w) for w in FIGURE_NOUNS | GENERIC_COUNTED)
PART_LABEL_FOCUS = 0.75  # "how many people died" asks less than a label of part of them:
# "Rescuers among the dead" are people, but fewer than all the dead
_PART_LABEL_RE = re.compile(r"\bamong\b")
ANY_COUNT = "count"  # the lexicon's attribute of a count of anything
ROLE_NAME_PRECISION = 0.3  # share of a role answer's score that needs the name alone
# when no name is asked, a speaker whose own role is asked ("alvira's boss": "Chief
# Executive of Alvira Air") fits better than a sentence that mentions the words
ROLE_OWN_FLOOR = ROLE_FIT["mentioned"] + 0.01
STATEMENT_NAME_PRECISION = 0.2  # the same for "what did X say"
UNNAMED_FIT = 0.75  # "what did X call Y" answered by a statement that calls nothing anything
SPEAKER_PARTIAL = 0.6  # a speaker word found in the fact's other words, not its speaker
TOPIC_FLOOR = 0.35  # a statement by the asked speaker on another topic keeps this share


class TermWeights(dict[str, float]):
    """Each of a question's terms' weight, and (read once, not once per fact) their sum and
    each term's weight beside what stands for it."""

    total: float = 0.0
    pairs: tuple[tuple[float, frozenset[str], str], ...] = ()
    # a phrase's words, for the phrase's credit when a fact has them apart
    phrase_parts: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    # the asked words some fact holds as its own (not only as its event's name)
    held: tuple[frozenset[str], ...] = ()
    # (words, event) -> whether a fact of that event holds them: read once per question
    held_in: dict[tuple[frozenset[str], str], bool]
    # the weight of the words a statement's topic is (not its light words): per question
    topical: float = 0.0


@dataclass(slots=True)
class Hit:
    doc: Doc
    score: float
    coverage: float
    speaker_match: float = 1.0


@lru_cache(maxsize=65536)
def speaker_name_terms(speaker: str) -> frozenset[str]:
    return frozenset(content_stems(speaker))


def _only_a_verb(word: str) -> bool:
    """A word that is a verb and nothing else ("declare"): an action no fact names is more
    likely said another way ("ordered") than a thing no fact names ("submarine")."""
    return word_classes(word) == {"VERB"}


# words of a label that say "a figure of", not of what: "Initial death *toll*", "*Number*
# of evacuees"
_LABEL_FIGURE_WORDS = FIGURE_NOUNS | frozenset({"toll", "tolls"})


@lru_cache(maxsize=65536)
def label_base_terms(label: str) -> frozenset[str]:
    """What quantity a label names: its words before a parenthesis or a comma, which by
    convention say whose or which figure it is ("Ammonia on site, company figure"), without
    the words that date it or say it is a figure ("Initial death toll" names deaths)."""
    base = re.split(r"[(,;]", label, maxsplit=1)[0]
    named = " ".join(w for w in normalize(base).split() if w not in _LABEL_FIGURE_WORDS)
    return _terms_without_dating(named) or _terms_without_dating(base)


def _terms_without_dating(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalize(text).split()
                     if w not in STOPWORDS and w not in FIRST_WORDS and w not in LATEST_WORDS
                     and w not in CHANGE_WORDS)


def source_match(q: Query, doc: Doc) -> float:
    """How much of the source "according to X" names is the fact's: its speaker or reporter,
    or the attribution its label and keywords carry ("Homes without power, utility figure")."""
    if not q.according:
        return 1.0
    found = sum(1 for t in q.according if not t.alternatives.isdisjoint(doc.speaker_terms)
                or not t.alternatives.isdisjoint(doc.key_terms))
    return found / len(q.according)


@dataclass(frozen=True, slots=True)
class LabelTerms:
    """A label's index terms, and the first of them: the thing it counts or measures."""
    terms: frozenset[str]
    head: str | None
    verbs: frozenset[str] = frozenset()  # terms of its verb forms ("stored", "recorded")
    part: bool = False  # it counts part of a group ("Rescuers among the dead")
    # the initials of its runs of words and the terms they stand for: "hus" asks all of
    # "Children with haemolytic uraemic syndrome" but "children"
    initials: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # the stems of its capitalised words after the first: a name it gives ("Inmates moved to
    # Grevno High Security Prison")
    names: frozenset[str] = frozenset()


SINCE_TERM = stem("since")  # "Years since the last nuclear test": a label of how long ago


class Scorer:
    def __init__(self, index: MatchIndex, weights: Weights = WEIGHTS):
        self.index = index
        self.w = weights
        self._label_cache: dict[str, LabelTerms] = {}
        self._cue_cache: dict[str, frozenset[str]] = {}
        self._place_cache: dict[tuple[str, str], frozenset[str]] = {}
        self._attribute_specs = {a.name: a for a in index.analyzer.lexicon.attributes}
        # the one-word cues of each count attribute: words its facts are about ("died" of
        # deaths), whatever words they use; none of other attributes (a sum of money is
        # asked of in too many ways: "damage" need not be its cost)
        self._count_cues: dict[str, frozenset[str]] = {
            a.name: frozenset(stem(lemma(c)) for c in a.cues if " " not in c)
            for a in index.analyzer.lexicon.attributes if a.dimension == "count"}

    # --- term weights ------------------------------------------------------------------------

    def term_weight(self, t: QueryTerm, n: int, max_idf: float) -> float:
        df = self.index.df(t.alternatives)
        if df == 0:
            n_events = max(1, len(self.index.events))
            in_events = sum(len(self.index.event_postings.get(a, ())) for a in t.alternatives)
            if in_events:
                df = max(1, n // n_events)
        if df == 0:
            if t.kind is TermClass.PHRASE:
                return 0.0  # its words weigh already
            if t.choice:
                return 0.0  # "ballistic or cruise": a fact may say the other one
            zipf = 0.0 if t.telling else english_zipf(t.word)
            share = (self.w.unknown_very_common if zipf >= VERY_COMMON_ZIPF
                     or is_verb_form(t.word) else
                     self.w.unknown_common if zipf >= 4.5 or _only_a_verb(t.word)
                     else self.w.unknown_rare)
            weight = max_idf * share
        else:
            weight = math.log((n + 1) / (df + 0.5))
            if t.kind is TermClass.CONTENT and "_" not in t.term \
                    and max(english_zipf(t.word), english_zipf(lemma(t.word))) \
                    >= VERY_COMMON_ZIPF and (is_verb_form(t.word) or can_be_verb(t.word)):
                # ("runs" is as everyday as "run")
                # "asking", "keep": an everyday verb that few facts happen to use is still
                # said many ways, so its rarity among the facts says less
                weight *= self.w.common_verb
        if t.term.startswith("attr:"):
            weight *= self.w.asked_attribute
        if t.kind is TermClass.LIGHT:
            weight *= self.w.light_term
        elif t.kind is TermClass.PHRASE:
            weight *= self.w.phrase_term
        return max(weight, self.w.min_weight)

    def weights(self, q: Query) -> TermWeights:
        n = max(1, self.index.size)
        max_idf = math.log((n + 1) / 1.5)
        weights = TermWeights((t.term, self.term_weight(t, n, max_idf))
                              for t in [*q.terms, *q.speaker])
        weights.total = sum(weights[t.term] for t in q.terms)
        weights.pairs = tuple((weights[t.term], t.alternatives, t.term) for t in q.terms)
        weights.phrase_parts = {t.term: tuple(t.term.split("_")) for t in q.terms
                                if t.kind is TermClass.PHRASE}
        weights.topical = sum(weights[t.term] for t in q.terms if t.kind is not TermClass.LIGHT
                              or t.word in FORM_TOPIC_WORDS)  # ("claim about his *hours*")
        weights.held_in = {}
        if q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY) \
                and not (q.compares or q.versus):  # (two figures: a word names each side)
            weights.held = tuple(t.alternatives for t in q.terms
                                 if t.kind is TermClass.CONTENT and self.index.df(t.alternatives))
        return weights

    def _place_names(self, ev: EventDoc) -> frozenset[str]:
        """The names in an event's ``where`` that its title does not hold ("Dresmark" of
        "Ebbestad; formula shipped to Lusovia, Dresmark and Castellan"), not its common
        words ("coast")."""
        where = ev.event.where or ""
        key = (ev.event.id, where)
        found = self._place_cache.get(key)
        if found is None:
            names = [w.lower() for w in _NAME_WORD_RE.findall(where)]
            found = frozenset(self.index.analyzer.stems(names)) - ev.title_terms
            if len(self._place_cache) < LABEL_CACHE_SIZE:
                self._place_cache[key] = found
        return found

    def _elsewhere_in_place(self, weights: TermWeights, doc: Doc, ev: EventDoc | None) -> bool:
        """Whether the question names a place of the event's (its ``where``, not its title)
        that other facts of the event hold and this one does not: "how many of the dresmark
        babies are in hospital" narrows the count to Dresmark, and the event's all-told
        figure is another."""
        if ev is None or not weights.held or ev.main is not None:
            return False  # (an earlier event a report recalls is told in a few facts)
        places = self._place_names(ev)
        for alts in weights.held:
            if alts.isdisjoint(doc.terms) and not alts.isdisjoint(places):
                key = (alts, doc.event)
                found = weights.held_in.get(key)
                if found is None:
                    docs, postings = self.index.docs, self.index.postings
                    found = weights.held_in[key] = any(
                        docs[i].event == doc.event for a in alts for i in postings.get(a, ()))
                if found:
                    return True
        return False

    # --- one fact ----------------------------------------------------------------------------

    def _matched(self, weights: TermWeights, doc: Doc, event_terms: frozenset[str]) -> float:
        """The question's weight a fact covers: a term in its label, topics, keywords or
        attribute counts most, in its text less, in its event's names least; found only as a
        synonym, a little less than the word itself. (The hot loop: once per term per
        candidate. ``doc.terms`` holds the key terms too.)"""
        key, body = doc.key_terms, doc.terms
        key_field, body_field, event_field = self.w.key_field, self.w.body_field, \
            self.w.event_field
        matched = 0.0
        synonym = self.w.synonym_only
        # a count's attribute is asked by its own words ("died" of deaths), whatever words
        # the moderator chose ("killed")
        own = self._count_cues.get(doc.attribute) if doc.attribute else None
        for weight, alts, term in weights.pairs:
            if not alts.isdisjoint(key):
                matched += weight * key_field * (
                    1.0 if term in body or own is not None and term in own else synonym)
            elif not alts.isdisjoint(body):
                matched += weight * body_field * (1.0 if term in body else synonym)
            elif not alts.isdisjoint(event_terms):
                matched += weight * event_field
            elif term in weights.phrase_parts:
                parts = weights.phrase_parts[term]
                if all(p in body for p in parts):
                    matched += weight * body_field * self.w.phrase_apart
                elif all(p in body or p in event_terms for p in parts):
                    # "died in the ammonia leak": the event's own name, said apart
                    matched += weight * event_field * self.w.phrase_apart
        return matched

    def fit(self, q: Query, doc: Doc) -> float:
        kind, feats = doc.kind, doc.features
        at = q.answer_type
        if q.given_figure is not None and at is not AnswerType.NUMBER \
                and gives_only(feats, q.given_figure):
            return NUMBER_FIT["given"]  # "what did they fire 8 days ago": not the 8 days
        if at is AnswerType.NUMBER:
            if q.given_figure is not None and gives_only(feats, q.given_figure):
                return NUMBER_FIT["given"]  # "how many of the 17 dead": not the 17
            if q.asks_count and ("uncountable" in feats or kind == "time"):
                # (a time's numbers are hours and dates: "when the first toll was given")
                return NUMBER_FIT["not_a_count"]
            if q.asks_count and HAS_UNIT_WORD in feats and not any(
                    f"{UNIT_WORD_PREFIX}{t}" in feats for t in q.asked_terms):
                # "how many ppl in hospital": "800 million castrels" counts no people;
                # "how many litres" asks the litres a label names
                return NUMBER_FIT["not_a_count"]
            if self._in_another_unit(q, doc) or self._not_per(q, doc):
                return NUMBER_FIT["other_unit"]  # "how much was a ticket, in lumes": not a %
            if q.asks_amount and kind == "measurement" and "dim:duration" in feats:
                return NUMBER_FIT["unasked_duration"]  # "how much did it drop": not how long
            if kind != "measurement" and "number" in feats and not self._text_counts(q, feats):
                return NUMBER_FIT["other"]  # "how many troops": its numbers count other things
            return NUMBER_FIT["measurement" if kind == "measurement" else
                              "number_in_text" if "number" in feats else "other"]
        if at is AnswerType.QUANTITY:
            if self._not_per(q, doc):
                return QUANTITY_FIT["not_per"]  # "costing per day": not the whole cost
            if any(f"dim:{d}" in feats for d in q.dimensions):
                # a figure recorded with its unit says it better than a sentence that
                # mentions one ("refused to leave the 12 km zone")
                return QUANTITY_FIT["dimension" if kind == "measurement" or "window" in feats
                                    else "dimension_in_text"]  # (a window's length too)
            if self._local_sum(q, doc):
                # "Crop losses (dravik)": a sum in a currency the unit table does not know
                return QUANTITY_FIT["local_currency"]
            return QUANTITY_FIT["measurement" if kind == "measurement" else
                                "number_in_text" if "number" in feats else "other"]
        if at is AnswerType.TIME:
            if q.zone is not None and "zoned" not in feats:
                return TIME_FIT["unzoned"]  # "in utc": a time that cannot be put in a zone
            if kind == "time":
                # "what time did they close it": a date the report gave without a clock
                # time is offered, not given as the answer; "what day": a month alone too
                return TIME_FIT["no_clock" if q.clock and "clock" not in feats
                                or q.asks_day and "no_day" in feats else "time"]
            if kind == "measurement" and "recalls" in feats and "dim:duration" in feats \
                    and SINCE_TERM in doc.key_terms and not q.future and not q.clock:
                # "when was the last nuclear test": "the first for five years" says when
                return TIME_FIT["time_in_text"]
            if kind == "measurement" and "dim:duration" in feats and "forecast" in feats \
                    and not q.clock and not q.past:
                # "when do we get the results": "expected within six to eight weeks" says
                return TIME_FIT["time_in_text"]
            if "time" not in feats or (q.future and "past_day" in feats):
                return TIME_FIT["other"]  # ("when will they test": not "on Thursday")
            if "year_only" in feats and not q.asks_year:
                # "when is the inquiry": not "the 2019 lessons" (but "when was the last one"
                # is answered by "the biggest since 2014")
                return TIME_FIT["year_only"]
            return TIME_FIT["no_clock" if q.clock and "clock" not in feats
                            else "time_in_text"]
        if at is AnswerType.PLACE:
            return PLACE_FIT["place" if kind == "place" else "place_in_text" if "placed" in feats
                             else "time" if kind == "time" else "other"]
        if at is AnswerType.STATEMENT:
            return STATEMENT_FIT.get(kind, STATEMENT_FIT["other"])
        if at is AnswerType.WHO:
            if kind == "measurement" and not q.asked_values.isdisjoint(feats):
                return WHO_FIT["gave_the_figure"]  # "who gave the 38 number": its source
            return WHO_FIT.get(kind, WHO_FIT["other"])
        if at is AnswerType.REASON:
            return REASON_FIT["cause" if "cause" in feats else "other"]
        if q.asks_thing and kind in ("time", "place"):
            return ANY_FIT["when_or_where"]  # "what did nk launch": not when, nor where from
        if q.recency is not Recency.ANY and kind in ("statement", "claim") \
                and "number" not in feats:
            # "inflation rn?", "the latest toll": the figure as it stands, not words about
            # it that give none
            return ANY_FIT["unfigured"]
        return ANY_FIT.get(kind, ANY_FIT["other"])

    @staticmethod
    def _not_per(q: Query, doc: Doc) -> bool:
        """Whether "per day" is asked and the fact says nothing of a day (a total)."""
        return q.per is not None and q.per not in doc.terms \
            and not _PER_DIMENSIONS & doc.features  # (a flow, a speed: per a span already)

    @staticmethod
    def _has_head(q: Query, doc: Doc) -> bool:
        """Whether the fact has what "what is the H of X" asks (H or a synonym of it)."""
        term = next((t for t in q.terms if t.word == q.head), None)
        if term is None or (term.kind is not TermClass.CONTENT and not q.head_only):
            return True
        asked = next((t for t in q.terms if t.term.startswith("attr:")), None)
        if asked is not None and not q.head_only \
                and not asked.alternatives.isdisjoint(doc.key_terms):
            return True  # "the range of the missile": a fact recorded as its range
        return not term.alternatives.isdisjoint(doc.terms) or any(
            part in term.alternatives for a in doc.terms if "_" in a for part in a.split("_"))

    def _did_action(self, q: Query, doc: Doc) -> bool:
        """Whether the fact has the verb of "who <verb> X" (or a synonym of it), or is a
        count of those who did it ("died": deaths)."""
        term = next((t for t in q.terms if t.word == q.action), None)
        return term is None or term.kind is not TermClass.CONTENT \
            or not term.alternatives.isdisjoint(doc.terms) \
            or term.term in self._count_cue_stems(doc.attribute)  # ("who made the remark")

    def _in_another_unit(self, q: Query, doc: Doc) -> bool:
        """Whether the question names a unit only labels name ("in lumes", a report's own
        currency) and the fact is a figure of some other kind (a share, a length), which
        cannot be given in it."""
        if doc.kind != "measurement" or HAS_UNIT_WORD in doc.features \
                or "dim:money" in doc.features or not self.index.unit_words(q.asked_terms):
            return False
        if q.asks_count and "dim:count" in doc.features:
            return False  # "how many inmates escaped": "(inmates)" in another label counts
            # what this count counts too, and is no unit it lacks
        return any(f.startswith("dim:") for f in doc.features)

    @staticmethod
    def _local_sum(q: Query, doc: Doc) -> bool:
        """Whether a money question meets a sum in a currency the unit table does not know."""
        return "money" in q.dimensions and HAS_UNIT_WORD in doc.features \
            and doc.kind == "measurement"

    @staticmethod
    def _text_counts(q: Query, feats: frozenset[str]) -> bool:
        """Whether a sentence has a number of what "how many X" counts ("28,500 troops")."""
        if not q.asks_count or not q.counted:
            return True
        term = next((t for t in q.terms if q.counted in t.word.split()), None)
        if term is None or term.kind is TermClass.LIGHT:
            return True
        return any(f"counts:{a}" in feats for a in term.alternatives)

    @staticmethod
    def _counts(q: Query, doc: Doc) -> bool:
        """Whether the fact has what "how many X" counts (X or a synonym of it)."""
        term = next((t for t in q.terms if q.counted in t.word.split()), None)
        if term is None or term.kind is TermClass.LIGHT:
            return True  # used up by the question form, or as wide as "people": no check
        unit = resolve_unit(q.counted)
        if unit is not None and f"dim:{unit.dimension}" in doc.features:
            return True  # "how many miles": any length counts them, in whatever unit
        # a labelled figure counts what its label, topics and keywords say it counts
        where = doc.key_terms if doc.label else doc.terms
        return not term.alternatives.isdisjoint(where) or any(
            part in term.alternatives for a in where if "_" in a for part in a.split("_"))

    def label_terms(self, label: str) -> LabelTerms:
        """A label's terms and head (cached)."""
        found = self._label_cache.get(label)
        if found is None:
            base = label.split("(")[0].lower()
            for phrase in LATEST_PHRASES:  # "Aftershocks recorded so far"
                base = base.replace(phrase, " ")
            terms = frozenset(t for t in self.index.analyzer.terms(base)
                              if all(p not in DATING_STEMS for p in t.split("_"))
                              and t not in GENERIC_LABEL_STEMS)
            words = normalize(base).split()
            head = next((t for t in self.index.analyzer.stems(words) if t in terms), None)
            verbs = frozenset(self.index.analyzer.stems([w for w in words if _label_verb(w)]))
            names = frozenset(stem(w.lower()) for w in label.split("(")[0].split()[1:]
                              if _NAME_WORD_RE.fullmatch(w.strip(",.;:'’")))
            found = LabelTerms(terms, head, verbs & terms,
                               part=_PART_LABEL_RE.search(base) is not None,
                               initials=self._initials(words, terms), names=names)
            if len(self._label_cache) < LABEL_CACHE_SIZE:
                self._label_cache[label] = found
        return found

    def _initials(self, words: list[str], terms: frozenset[str]
                  ) -> Mapping[str, frozenset[str]]:
        """Each run of MIN_ACRONYM or more of a label's words that are its terms, by the
        initials that spell it ("hus": haemolytic uraemic syndrome)."""
        words = [w for w in words if w not in STOPWORDS and w.isalpha()]
        stems = [stem(w) for w in words]
        out: dict[str, frozenset[str]] = {}
        for i in range(len(words)):
            for j in range(i + MIN_ACRONYM, len(words) + 1):
                if stems[j - 1] not in terms:
                    break
                if stems[i] in terms:
                    out["".join(w[0] for w in words[i:j])] = frozenset(stems[i:j])
        return MappingProxyType(out)

    def _cue_stems(self, attribute: str | None) -> frozenset[str]:
        """The stems of the one-word cues of an attribute ("killed", "dead" of deaths)."""
        if attribute is None:
            return frozenset()
        found = self._cue_cache.get(attribute)
        if found is None:
            spec = next((a for a in self.index.analyzer.lexicon.attributes
                         if a.name == attribute), None)
            found = frozenset(stem(lemma(c)) for c in (spec.cues if spec else ())
                              if " " not in c)
            self._cue_cache[attribute] = found
        return found

    def _counts_another(self, q: Query, doc: Doc) -> bool:
        """Whether the question's words cue a kind of count ("injured") and the fact is a
        count of another kind ("deaths") whose words say nothing of the asked one: the
        question's word missing from it is what it asks, not a word of its context."""
        if not q.cued_counts or doc.attribute not in self._count_cues:
            return False
        specific = q.cued_counts - {ANY_COUNT}  # ("how many" cues any count)
        narrower = self.index.analyzer.lexicon.narrower
        if not specific or any(doc.attribute in narrower.get(a, (a,)) for a in specific):
            return False
        return all(self._count_cues.get(a, frozenset()).isdisjoint(doc.terms)
                   for a in specific)

    def _measures_another(self, q: Query, doc: Doc) -> bool:
        """Whether the question asks an attribute no fact gives ("how deep", and no fact is
        of depth) and the fact is a figure of the same dimension that its moderator gave
        another attribute (the reef's distance from port), whose words do not say the
        asked one ("depth", "deep"): it measures something else."""
        if not q.attributes or doc.attribute is None or doc.kind != "measurement" \
                or any(t.term.startswith("attr:") for t in q.terms):
            return False  # (a fact gives what is asked: the attribute's term weighs it)
        lexicon = self.index.analyzer.lexicon
        spec = self._attribute_specs.get(doc.attribute)
        if spec is None or spec.dimension not in q.dimensions or spec.fallback:
            return False
        narrower = lexicon.narrower
        if any(doc.attribute in narrower.get(a, ()) or a in narrower.get(doc.attribute, ())
               for a in q.attributes):
            return False  # a kind of what is asked, or what it is a kind of
        return all(self._said_by(a).isdisjoint(doc.terms) for a in q.attributes)

    def _said_by(self, attribute: str) -> frozenset[str]:
        """The stems of the words that say an attribute: its name's, its one-word cues' and
        the word after "how" in its cues ("depth": depth, deep, draught)."""
        key = f"said:{attribute}"
        found = self._cue_cache.get(key)
        if found is None:
            spec = self._attribute_specs.get(attribute)
            after_how = [c.split()[1] for c in (spec.cues if spec else ())
                         if len(c.split()) == 2 and c.startswith("how ")]
            found = self._cue_cache[key] = self._cue_stems(attribute) | frozenset(
                stem(lemma(w)) for w in [*attribute.split("_"), *after_how])
        return found

    def _count_cue_stems(self, attribute: str | None) -> frozenset[str]:
        return self._count_cues.get(attribute, frozenset()) if attribute else frozenset()

    def label_focus(self, q: Query, doc: Doc) -> float:
        """How much of the fact's label the question asks about: "Passenger cars that left
        the rails" is about what "how many cars came off the rails" asks; "Cars that
        overturned onto the embankment" only partly. Words of a phrase matched whole count
        as that phrase. "How many people" names no counted thing, so the label's first
        word (what it counts: "Workers on strike") is not asked for."""
        label = self.label_terms(doc.label or "")
        lt = label.terms
        unasked_head = 1.0  # how much of a part's head "how many people" asks
        if q.asks_count and q.counted in GENERIC_COUNTED and label.head is not None:
            lt = lt - {label.head}
            if label.part and label.head not in q.asked_terms:
                unasked_head = PART_LABEL_FOCUS
        if FORM_KINDS.get(q.answer_type) == doc.kind:
            # "where are the talks held": "Venue of Thursday's talks" says where, as asked
            # (its word for that is no thing the question leaves out), and the day says
            # which talks, as "the talks" does
            lt = lt - self._cue_stems(doc.attribute) - (CALENDAR_TERMS - q.asked_terms)
        if q.answer_type is AnswerType.PLACE:
            # "where did they move the inmates": the prison a label names ("Inmates moved
            # to Grevno High Security Prison") is the place asked, not a word left out
            lt = (lt - (label.names - q.asked_terms)) or lt
        ev = self.index.events.get(doc.event)
        asked = q.asked_terms
        if ev is not None:  # "Killed in the 1998 flood": the event's words name no quantity,
            # unless they are what is asked ("Inmates who escaped": how many escaped)
            own = lt - ev.name_terms
            if own and own <= label.verbs and own.isdisjoint(self._cue_stems(doc.attribute)):
                # (but "Hostages killed", deaths, counts the killed: a verb that cues the
                # fact's own attribute is what it counts)
                return 1.0  # "Ammonium nitrate stored in the warehouse", in the warehouse
                # blast: what it names is the event's; "stored" says how, not what
            lt = (lt - (ev.name_terms - asked)) or lt
        if not lt:
            return unasked_head
        matched = lt & asked
        for t in q.terms:  # "hus": the words it is the initials of
            matched |= label.initials.get(t.word, frozenset()) & lt
        covered = {part for t in matched if "_" in t for part in t.split("_")}
        rest = {t for t in lt if t not in covered or t in matched}
        return unasked_head * (len(matched & rest) / len(rest) if rest else 1.0)

    def speaker_match(self, q: Query, doc: Doc) -> float:
        """How much of the asked speaker the fact's speaker is; for "who is X" a fact that
        names X in its sentence counts too (it may say who X is)."""
        if not q.speaker:
            return 1.0
        if q.leads:
            return self._leader_match(q, doc)
        if q.described and any(
                all(not t.alternatives.isdisjoint(f[len(TITLED_PREFIX):].split("|"))
                    for t in q.speaker)
                for f in doc.features if f.startswith(TITLED_PREFIX)):
            return 1.0  # "who is japan's pm": "Japanese Prime Minister Fumio Kishida"
        mentioned = 1.0 if q.answer_type is AnswerType.ROLE and not q.described \
            else SPEAKER_PARTIAL
        total = 0.0
        for t in q.speaker:
            if not t.alternatives.isdisjoint(doc.speaker_terms):
                total += 1.0
            elif not t.alternatives.isdisjoint(doc.terms):
                total += mentioned
        return total / len(q.speaker)

    @staticmethod
    def _leader_match(q: Query, doc: Doc) -> float:
        """For "who runs X": the fact's speaker is X's leader ("NCPS Director Ilona
        Marsek"), or its sentence says who leads X ("named Holm to lead the inquiry"). A
        leader of something else beside X's name ("Solvari, head of the agency, said the
        commission ...") is neither."""
        leader, *whom = q.speaker
        led = {f[len("leads:"):] for f in doc.features if f.startswith("leads:")}
        # every word of what is asked is what it leads, or the rest of its speaker's role
        # ("Agrarian Party deputy who led the coalition rebels": the Agrarian rebels, not
        # the Agrarian Party)
        if any(not t.alternatives.isdisjoint(led) for t in whom) and all(
                not t.alternatives.isdisjoint(led | doc.speaker_terms) for t in whom):
            return 1.0
        if not led and all(not t.alternatives.isdisjoint(doc.speaker_terms)
                           for t in q.speaker):
            return 1.0  # (a leader whose role says of what, when nothing says it leads other)
        found = sum(not t.alternatives.isdisjoint(doc.terms) for t in q.speaker)
        return SPEAKER_PARTIAL * found / len(q.speaker)

    @staticmethod
    def _owned(q: Query, doc: Doc, ev: EventDoc | None) -> bool:
        """Whether the fact is about the thing whose H "the H of X" asks: it names X, or it
        names the kind of thing X is ("the airport") and X is its event's own name ("how
        long was carrowby airport shut", in the Carrowby airport closure)."""
        missing = [alts for alts in q.owner if alts.isdisjoint(doc.terms)]
        if not missing:
            return True
        return q.owner_kind is not None and ev is not None \
            and not q.owner_kind.isdisjoint(doc.terms) \
            and all(not alts.isdisjoint(ev.title_terms) for alts in missing)

    @staticmethod
    def name_precision(q: Query, doc: Doc) -> float:
        """How much of the fact's speaker's name is the asked one: "Japan" fits "Japan's
        Defense Ministry" better than "Biden, Yoon and Kishida" (whose role names Japan)."""
        name = speaker_name_terms(doc.speaker or doc.reported_by or "")
        asked = q.asked_speaker
        return len(name & asked) / len(name) if name else 0.0

    def score(self, q: Query, doc: Doc, weights: TermWeights,
              coverage_at_least: float = 0.0) -> Hit:
        """How well a fact answers; ``coverage_at_least`` lends it the coverage of another
        fact that gives the same quantity (the one whose figure the question gives)."""
        ev = self.index.events.get(doc.event)
        event_terms = ev.terms if ev else frozenset()
        terms = q.terms
        total = weights.total
        matched = self._matched(weights, doc, event_terms)
        coverage = max(matched / total if total else 1.0, coverage_at_least)
        stated_here = False
        local_sum = self._local_sum(q, doc)
        if (q.unit is not None or q.difference) and (
                coverage < self.w.stated_value or local_sum):
            # "govt wants ac at 26, wat is that in fahrenheit": the figure the question
            # states, in the fact, says which fact; the rest of the words say why they ask.
            # "38k vs 46.5k, the difference": each stated figure says one of the two facts
            stated = [t for t in terms if is_number(t.word)]
            found = [not t.alternatives.isdisjoint(doc.terms) for t in stated]
            stated_here = bool(stated) and (all(found) if q.unit is not None else any(found))
            if stated_here:
                coverage = max(coverage, self.w.stated_value)
        fit = self.fit(q, doc)
        if stated_here and q.unit is not None and local_sum:
            fit = QUANTITY_FIT["dimension"]  # "210m sorels, wats that in usd": that sum (in
            # dollars if its report gives a rate; offered if not)
        if q.answer_type is AnswerType.ROLE:
            m = self.speaker_match(q, doc)
            own = doc.speaker is not None and all(
                not t.alternatives.isdisjoint(doc.speaker_terms) for t in q.speaker)
            score = m * m * ROLE_FIT["speaker" if own else "mentioned"]
            if own:  # "Yoon" fits a statement by Yoon better than one by three leaders
                precision = self.name_precision(q, doc)  # (when no name is asked, their
                # own role fits better than a sentence that mentions it: "alvira's boss")
                score *= ROLE_OWN_FLOOR if precision == 0 else \
                    1 - ROLE_NAME_PRECISION + ROLE_NAME_PRECISION * precision
            if q.described and q.content:  # "the minister who suspended the licence":
                # the fact that says they did it
                score *= TOPIC_FLOOR + (1 - TOPIC_FLOOR) * coverage ** self.w.coverage_power
            return Hit(doc, score, coverage, m)
        # "what time was that?", "did it go like 500 km": nothing but the form (and light
        # words); a fact of the asked kind may answer
        form_only = not q.content
        score = self.w.form_only if form_only else coverage ** self.w.coverage_power
        m = 1.0
        if q.answer_type is AnswerType.STATEMENT:
            m = self.speaker_match(q, doc)
            # "did Japan say anything": any statement of theirs; "what did the mayor say
            # about the budget": one about the budget
            # (the weight of the topic's words: read once per question, in ``weights``)
            # (its event's name is not its topic: "what did yoon say about the launch" is
            # not answered by what he said of china in the launch's report)
            topic = (self._matched(weights, doc, frozenset()) / total) ** self.w.coverage_power \
                if weights.topical and total else 1.0
            if q.asks_if_said and f"unsaid:{q.asks_if_said}" in doc.features:
                topic = 1.0  # "did choe say what nk would do": "she did not say what ..."
            score = (0.1 + 0.9 * m * m) * (TOPIC_FLOOR + (1 - TOPIC_FLOOR) * topic)
            score *= 1 - STATEMENT_NAME_PRECISION + STATEMENT_NAME_PRECISION * \
                self.name_precision(q, doc)
            if q.naming and "naming" not in doc.features:
                score *= UNNAMED_FIT  # "what did X call the allies": where X named them
        if q.answer_type is AnswerType.REASON and q.speaker:
            # "why does X say ...": the reason X gives, more than anyone's; what X says
            # about it is that reason, whatever words it uses
            m = self.speaker_match(q, doc)
            score *= 1 - self.w.reason_speaker + self.w.reason_speaker * m
            if m >= 1.0 and doc.kind in ("statement", "claim"):
                fit = REASON_FIT["cause"]
        if q.compares and doc.kind in ("claim", "statement") and "cause" in doc.features:
            fit = REASON_FIT["cause"]  # "why do their numbers differ": the reason given
        score *= fit
        if q.according:  # "according to the union": the union's figure, or one so labelled
            score *= 1 - self.w.according + self.w.according * source_match(q, doc)
        if q.counted and not self._counts(q, doc):
            score *= self.w.uncounted  # "how many workers": a count of days is not one
        if q.telling_terms and any(t.alternatives.isdisjoint(doc.terms)
                                   for t in q.telling_terms):
            score *= self.w.uncounted  # "still in hospital": all who were treated is another
            # count, and a fact that does not say who remains does not give it
        if self._counts_another(q, doc):
            score *= self.w.uncounted  # "how many were injured": a death toll is not it
        if self._measures_another(q, doc):
            score *= self.w.uncounted  # "how deep is the reef": not its distance from port
        if any(not alts.isdisjoint(doc.terms) for alts in q.excluded):
            score *= self.w.uncounted  # "how many registered, not just starters": not the
            # starters' count
        if q.located and doc.label and self.label_terms(doc.label).head == q.located:
            score *= self.w.uncounted  # "how many are in shelters": not how many shelters
        if q.choices and all(c.isdisjoint(doc.terms) for c in q.choices):
            score *= self.w.unchosen  # "ballistic or cruise": a fact that says neither
        if q.action is not None and not self._did_action(q, doc):
            score *= self.w.unacted  # "who designed the bridge": a fact that says no design
        if (q.past or q.recency is Recency.LATEST and not q.ahead) \
                and doc.kind == "measurement" and "forecast" in doc.features:
            score *= self.w.unhappened  # "how much rain fell", "inflation rn": not the
            # forecast
        elif q.past and doc.kind == "time" and "planned" in doc.features:
            score *= self.w.unhappened  # "what time was the order": not when it is due for
            # review
        elif q.ahead and doc.kind == "measurement" and "forecast" not in doc.features:
            score *= self.w.unhappened  # "is more rain coming": the forecast, not what fell
        if self._elsewhere_in_place(weights, doc, ev):
            score *= self.w.uncounted
        if q.head and not self._has_head(q, doc):
            score *= self.w.uncounted  # "the population of X": a fact about X is not it
        if q.owner and not self._owned(q, doc, ev):
            score *= self.w.uncounted  # "the population of Varda": not Kessling's, though
            # Kessling is in Varda (the event's names say so, the fact does not)
        if doc.label and not form_only:  # (a question of form only asks no label's words)
            score *= 1 - self.w.label_focus + self.w.label_focus * self.label_focus(q, doc)
        score += self.w.rank_step * max(-5, min(5, doc.rank))
        return Hit(doc, max(0.0, min(1.0, score)), coverage, m)
