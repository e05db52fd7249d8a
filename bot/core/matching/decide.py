"""Scored facts -> answer, "did you mean", or an honest abstention, with a reason.

Like RoboDanny's ``extract_or_exact``: answer only when the best fact (or the best group of
facts that report the same quantity) clears a threshold *and* leads every different fact by
a margin; offer "did you mean" when it is close or contested; abstain below. An asked-for
dimension ("how fast") that no fact in scope gives is an abstention by itself, and so is a
statement asked of a speaker no fact quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from bot.core.matching.analyzer import (
    HOUR_TERM_PREFIX,
    NEGATES,
    attribute_term,
    gives_only,
    value_feature,
)
from bot.core.matching.index import Doc, MatchIndex
from bot.core.matching.query import (
    GENERIC_COUNTED,
    PLACE_FORM_WORDS,
    TOTAL_RE,
    AnswerType,
    Query,
    QueryTerm,
    Recency,
    TermClass,
    is_number,
    is_verb_form,
)
from bot.core.matching.scoring import (
    ANY_COUNT,
    FORM_KINDS,
    SINCE_TERM,
    TIME_FIT,
    VERY_COMMON_ZIPF,
    Hit,
    label_base_terms,
    source_match,
)
from bot.core.models import Event, TimePrecision
from bot.core.text import (
    CALENDAR_TERMS,
    EARLIER_ONE_WORDS,
    FIRST_WORDS,
    LATEST_WORDS,
    NUMBER_WORDS,
    STOPWORDS,
    can_be_verb,
    english_zipf,
    lemma_forms,
    normalize,
    stem,
    word_classes,
)
from bot.core.units import difference, scale_factor
from bot.core.vocabulary import ATTRIBUTES

DIMENSION_NAMES = {"speed": "speed", "length": "distance or height", "duration": "duration",
                   "temperature": "temperature", "money": "amount of money",
                   "percent": "percentage", "mass": "weight", "count": "number",
                   "area": "area", "volume": "volume", "flow": "flow rate", "power": "power",
                   "energy": "energy", "dose": "radiation dose",
                   "dose rate": "radiation dose rate", "voltage": "voltage",
                   "current": "electric current", "magnetic field": "magnetic field",
                   "magnetic field rate": "rate of change of the magnetic field",
                   "pressure": "pressure", "price per energy": "price per unit of energy",
                   "price per volume": "price per barrel, litre or gallon",
                   "price per mass": "price per tonne or kilogram"}


class Reason(StrEnum):
    """Why the matcher decided as it did (``answer.py`` words each one)."""

    ANSWERED = "answered"
    NOTHING_ASKED = "the question names nothing to look up"
    NO_CANDIDATES = "no fact shares a word with the question"
    NO_DIMENSION = "no reported fact gives that figure"
    NO_SPEAKER = "no recorded statement by that speaker"
    WEAK = "nothing matches well enough"
    UNSURE = "no fact matches confidently"
    CONTESTED = "two different facts match about equally well"
    CHOOSE_EVENT = "two events match equally well"
    UNKNOWN_WORD = "the question names something no fact mentions"
    NOT_REPORTED = "the report says this is not known"
    NO_ZONE = "the time asked in a zone is reported without one"
    NO_NAME = "the facts that match name nothing"
    NO_UNIT = "the figures that match do not convert to the unit asked"


@dataclass(frozen=True)
class Thresholds:
    """Where answering and "did you mean" start (config defaults; a guild may override)."""

    answer: float = 0.5
    suggest: float = 0.2
    margin: float = 0.04  # a different fact this close to the best contests it
    group_margin: float = 0.25  # same-quantity facts this close answer together
    event_margin: float = 0.05  # events this close are equally likely
    # two reports whose best facts both answer, this close, when the question names neither
    # and no conversation says which: ask which event is meant rather than guess
    report_margin: float = 0.1


DEFAULT_THRESHOLDS = Thresholds()
MAX_ANSWER_FACTS = 3
MAX_SUGGESTIONS = 3
SUGGESTION_FLOOR = 0.12
# An earlier event the report recalls answers a question that does not name it, but points
# back ("old", "that one"), only when its fact leads the report's own best by this much
# ("the old heat record was 43.8c")
BACKGROUND_LEAD = 0.3
# Another report's fact that answers and holds every word the best one holds (at least this
# share of the question's) makes the question one to ask "which event?" of: the two differ
# only in how well their kind or label fits, and that says little about which news is meant
# ("how far can they fly in a day": a missile's range, a swarm's day's travel)
FULL_COVER = 0.9
# "who gave the revised numbers": the most recent events and figures of each read for it
REVISED_EVENTS_READ = 3
REVISED_FIGURES_READ = 200


@dataclass
class Decision:
    status: str  # "answer", "suggest", "abstain", "choose_event"
    reason: Reason
    facts: list[Hit] = field(default_factory=list)
    suggestions: list[Hit] = field(default_factory=list)
    event: Event | None = None
    events_to_choose: list[Event] = field(default_factory=list)
    confidence: float = 0.0
    detail: str | None = None  # e.g. the dimension no fact gives
    grouped: bool = False  # the facts are one quantity's figures (revised or competing)
    explained: bool = False  # each figure with its sentence ("why are they different")
    difference: bool = False  # two figures of one kind, the first less the second
    per: bool = False  # the first figure shared out over the second, a count ("per country")


class _Moments(NamedTuple):
    """Two reported moments a "how long" question may span, and how well they fit it."""

    share: float  # of each moment's words, the share its time has (summed)
    score: float  # their scores, summed (to break ties)
    first: Hit
    then: Hit


def _is_count(word: str) -> bool:
    """"two", "2", "both": how many things, not a word of one."""
    return word.isdigit() or word in NUMBER_WORDS or word == "both"


def rival_figure(given: Doc, other: Doc, event_terms: frozenset[str] = frozenset()) -> bool:
    """Whether ``other`` may be another source's figure of what ``given`` counts, when a
    question gives ``given``'s figure and asks someone else's ("the owner says 212 tenants,
    the fire service says how many"): the same quantity, or a measurement of the same event
    and attribute by someone else, about the same topics ("occupants")."""
    if same_quantity(given, other, event_terms):
        return True
    ka = {t for t in given.key_terms if not t.startswith("attr:")}
    kb = {t for t in other.key_terms if not t.startswith("attr:")}
    return (given.event == other.event and given.kind == other.kind == "measurement"
            and given.attribute is not None and given.attribute == other.attribute
            and given.reported_by != other.reported_by
            and len(ka & kb) >= RIVAL_SHARED_TOPICS)


# words of a moderator's keywords or topics that date a figure: "initial toll", "early
# estimate", "revised count" (not "new" or "now", which say other things there)
_FIRST_KEY_STEMS = frozenset(stem(w) for w in "first initial original earliest early "
                             "preliminary provisional".split())
_LATEST_KEY_STEMS = frozenset(stem(w) for w in "latest updated revised final newest".split())


_BACK_THEN_RE = re.compile(r"\b(?:that one|then|back in|back when|at the time)\b")


def _cued_count_leads(q: Query, best: Hit, rival: Hit) -> bool:
    """Whether, of two tied counts, the question's words cue the best one's attribute and
    not the rival's: "how many got evacuated" asks the evacuated, not those in shelters
    (whose sentence says "evacuees" too). "How many" alone cues a count of anything, which
    leads over no count of a kind ("how many ended up in hospital": the treated as much as
    the count of those kept in)."""
    return best.doc.attribute in q.cued_counts - {ANY_COUNT} \
        and rival.doc.attribute is not None and rival.doc.attribute not in q.cued_counts


def _one_attribute(a: Doc, b: Doc) -> bool:
    """Whether two figures count one specific attribute ("injured"), whatever their labels:
    when a question names their two sources, they are that thing's two counts. (Not two
    durations or distances: "Time without a sighting" and "Length of the closure" are
    both durations of different things, unless one label names all the other does: "Ash
    column height" and "Ash column height above sea level".)"""
    if a.attribute is None or a.attribute != b.attribute \
            or a.attribute in GENERIC_ATTRIBUTES or a.event != b.event:
        return False
    if not ((a.features | b.features) & _DIMS) - {"dim:count"}:
        return True
    la, lb = label_base_terms(a.label or ""), label_base_terms(b.label or "")
    return bool(la and lb) and (la <= lb or lb <= la)


def _time_already_stated(q: Query, time: Hit, other: Hit) -> bool:
    """Whether, of two facts tied for a question that does not ask when, ``time`` is a
    moment whose day or month the question states itself ("halden's first bid that got
    rejected *in june*": June is no answer, the bid's sum is) and ``other`` is not a time."""
    if q.answer_type is AnswerType.TIME or time.doc.kind != "time" or other.doc.kind == "time":
        return False
    return any(t.term in CALENDAR_TERMS and t.term in time.doc.terms for t in q.terms)


def _supersedes(a: Doc, b: Doc) -> bool:
    """Whether ``a`` is a later figure of ``b``'s quantity by the same source: the same
    label, ranked above it, or as high and given later."""
    if a is b or a.reported_by != b.reported_by or a.label != b.label or a.event != b.event:
        return False
    if a.rank != b.rank:
        return a.rank > b.rank
    return a.as_of is not None and b.as_of is not None and a.as_of > b.as_of


def _sources_named_apart(words: list[QueryTerm], a: Doc, b: Doc,
                         stated: frozenset[str] = frozenset()) -> bool:
    """Whether the question names each figure apart from the other: by a word of who gives
    it or by its value ("8.1bn and dalsgaard's"), else by a word of its own label or
    keywords ("the company figure"); and names no one source of both ("ardanes" names both
    of Ardane's filings)."""
    def by(d: Doc, terms: frozenset[str]) -> set[str]:
        return {t.term for t in words if not t.alternatives.isdisjoint(terms)}

    source = [by(d, d.speaker_terms) | (stated & d.features) for d in (a, b)]
    topic = [by(d, d.key_terms) for d in (a, b)]
    apart = all(source[i] - source[1 - i] or topic[i] - topic[1 - i] for i in (0, 1))
    return apart and all(t.alternatives.isdisjoint(a.speaker_terms & b.speaker_terms)
                         for t in words)


def _asked_alike(words: list[QueryTerm], a: Doc, b: Doc,
                 stated: frozenset[str] = frozenset()) -> bool:
    """Whether two sources' figures, which their labels do not call one quantity ("KESTREL-3
    budget", "Analyst estimate of full cost"), are what a question naming both sources asks
    of each: of one attribute and dimension, each one's source named as who gives it, both
    labelled or keyed with a word the question asks of them that names neither source ("the
    cfo's and dalsgaard's *cost* estimates")."""
    if a.attribute is None or a.attribute != b.attribute or a.event != b.event \
            or (a.features & _DIMS) != (b.features & _DIMS) \
            or not _sources_named_apart(words, a, b, stated):
        return False
    asked = [t for t in words if t.kind is TermClass.CONTENT
             and not t.term.startswith(_ATTRIBUTE_TERM)
             and t.alternatives.isdisjoint(a.speaker_terms | b.speaker_terms)]
    return any(not t.alternatives.isdisjoint(a.key_terms)
               and not t.alternatives.isdisjoint(b.key_terms) for t in asked)


def _points_back(q: Query) -> bool:
    """Whether a question points at an earlier event without naming it ("the old heat
    record", "the inquiry after that one")."""
    return not EARLIER_ONE_WORDS.isdisjoint(q.words) or bool(
        _BACK_THEN_RE.search(" ".join(q.words)))


def _label_stems(h: Hit) -> frozenset[str]:
    """The stems of what a label names, before the parenthesis or comma that says whose or
    which figure it is; an unlabelled figure's label is its attribute's ("Deaths")."""
    base = re.split(r"[(,;]", h.doc.label or _attribute_label(h.doc) or "", maxsplit=1)[0]
    return frozenset(stem(w) for w in normalize(base).split())


def same_quantity(a: Doc, b: Doc, event_terms: frozenset[str] = frozenset()) -> bool:
    """Whether two facts report the same quantity: a revised figure ("Killed" and "Killed
    (first toll)") or a competing one ("Ammonia on site, company figure" and "..., inspectorate
    records"). Labels must name the same thing once the words that date, revise or attribute
    a figure are set aside; unlabelled facts must share a specific attribute."""
    if a.event != b.event:
        return False
    if a.attribute and b.attribute and a.attribute != b.attribute:
        return False
    if a.kind in ("time", "place") or b.kind in ("time", "place"):
        if a.kind != b.kind:
            return False
    a_dims, b_dims = a.features & _DIMS, b.features & _DIMS
    if a_dims and b_dims and not a_dims & b_dims:
        return False
    if not a.label and not b.label:
        # the same specific attribute, about the same topics ("the venue" of two summits
        # is two quantities)
        ka = {t for t in a.key_terms if not t.startswith("attr:")}
        kb = {t for t in b.key_terms if not t.startswith("attr:")}
        topics_agree = not (ka or kb) or len(ka & kb) / len(ka | kb) >= TOPIC_OVERLAP or (
            # a figure dated twice is revised: one shared topic is enough ("evacuation" at
            # midday, "evacuation, revision" in the evening), and so is a dated one beside
            # one its keywords call the first ("initial toll")
            _dated(a) and _dated(b) and a.as_of != b.as_of and bool(ka & kb))
        return (a.kind == b.kind and a.kind in ("measurement", "time", "place")
                and a.attribute == b.attribute and a.attribute not in GENERIC_ATTRIBUTES
                and topics_agree)
    a_label, b_label = a.label or _attribute_label(a), b.label or _attribute_label(b)
    if not a_label or not b_label:
        return False
    if "number" not in a.features | b.features and a.kind not in ("time", "place"):
        return False
    la, lb = label_base_terms(a_label), label_base_terms(b_label)
    if event_terms:  # the words that name the event say nothing about which quantity
        la, lb = la - event_terms or la, lb - event_terms or lb
    return bool(la) and la == lb


# Question forms that say nothing by themselves: "who announced the numbers" needs a content
# word a fact has, where "how fast was it" asks for a speed.
CONTENT_FORMS = frozenset({AnswerType.ANY, AnswerType.WHO, AnswerType.REASON,
                           AnswerType.NUMBER})
SAME_ATTRIBUTE_MARGIN = 0.25  # figures of one attribute this close answer together
LABEL_OVERLAP = 0.5  # share of label words two competing figures of one quantity share
# the fact kind that answers a question form outright
FORM_KIND_LEAD = 0.1  # a fact of that kind this close behind the best leads it
# "what did nk launch": a fact saying what the thing was answers over one that covers this
# much more of the question's words (which mention the launch, not what was launched)
THING_COVERAGE_LEAD = 0.15
_ATTRIBUTE_TERM = attribute_term("")  # the prefix of the term an attribute asked is


PART_LABEL_SHARED = 2  # words two parts' labels share at least ("people treated")


def _parts_of_one_kind(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two labels name one kind of figure of two things: most of their words shared
    ("People treated at Kallby hospital", "People treated at the Orsa clinic"), not one
    word ("Miners trapped", "Miners rescued")."""
    shared = len(a & b)
    return shared >= PART_LABEL_SHARED and shared * 2 >= min(len(a), len(b))


def _names_a_thing(word: str) -> bool:
    """Whether a question word names a thing: a noun that is no verb ("director",
    "bullets"), or a name ("sk"); not an action, which is said many ways ("breaking",
    "jail"), nor an everyday word ("a lot", "thing")."""
    forms = lemma_forms(word)
    return word.isalpha() and not is_verb_form(word) and not can_be_verb(word) \
        and ("NOUN" in forms or not forms) and english_zipf(word) < VERY_COMMON_ZIPF


YES_NO_COVERAGE = 0.7  # a yes/no question needs a fact that has nearly all it asks
COVERAGE_TIE = 0.02  # facts covering this nearly the same share of a question tie
EVENT_PLACE_SHARE = 0.5  # of the words of where an event is placed, a place this share is it
QUOTATION_WORDS = 3  # a quotation this long names a statement ("the last time" does)
QUOTED_READ = 8  # the best-scoring hits read for an asker's quotation (each is a fact read)
EVENT_MOMENT_TIES = 8  # tied times or places read for the event's own (each is a fact read)
# Question forms several facts may answer together; a figure, a time or a place wants one.
OPEN_FORMS = frozenset({AnswerType.ANY, AnswerType.WHO, AnswerType.REASON})
TOPIC_OVERLAP = 0.5  # share of topics two unlabelled figures of one quantity have in common
PER_STATED_READ = 5  # the best figures read for one that states "per <thing>" itself
PER_TERM, AVERAGE_TERM = stem("per"), stem("average")
DIFFERENCE_PAIRS_TRIED = 6  # two named sources' best pairs tried for one in one unit
NAMED_PAIR_POOL = 40  # the best-scoring hits searched for two named sources' figures
ELAPSED_SIDE_SHARE = 0.5  # of the words of each moment "how long" spans, its time has this
RIVAL_SHARED_TOPICS = 2  # topics (about, keywords) two sources' figures share to be rivals
def _attribute_label(doc: Doc) -> str | None:
    """An unlabelled fact's label is its attribute's ("Magnitude"), unless that is generic."""
    if doc.attribute in GENERIC_ATTRIBUTES:
        return None
    attr = ATTRIBUTES.get(doc.attribute or "")
    return attr.label if attr else None


GENERIC_ATTRIBUTES = frozenset({None, "count", "casualties"})
# "why does X say": X's words that give a reason lead those scoring at least this share
REASON_GIVEN_SHARE = 0.75
# a fact that explains compared figures shares at least this many words with their labels,
# topics and keywords (it is no figure, so its score says little)
EXPLAINER_SHARED = 2
ROLE_RIVAL_MATCH = 0.75  # a speaker this close to the role asked is another who may hold it
EXPLAINER_SOURCE_WEIGHT = 2  # a reason from the figures' own source counts as two shared words
REVISION_FIGURE_POOL = 3  # the best-scoring hits searched for the figure "why did it jump" asks
# below the answer threshold, a compared figure must score at least this share of the best
COMPARED_RIVAL_SHARE = 0.5
# attributes that say only what kind of figure a fact gives, not which thing it measures:
# a pay demand and a pay offer are both "percentage", two different quantities
KIND_ONLY_ATTRIBUTES = frozenset({"count", "casualties", "percentage", "money", "duration",
                                  "distance", "area", "speed", "event_time", "location"})
_DIMS = frozenset({"dim:length", "dim:speed", "dim:duration", "dim:count", "dim:mass",
                   "dim:money", "dim:percent", "dim:temperature", "dim:area"})
LABEL_SUBJECT_WORDS = 2  # labels that begin with as many words alike name one thing


def _two_figures_of_one_thing(a: Doc, b: Doc) -> bool:
    """Whether two measurements one source gave are figures of different kinds of one
    thing ("Index closing level (points)" 18,430 and "Index fall at the close" 7.8%): their
    labels begin alike and their figures are not of one dimension."""
    if a.kind != "measurement" or b.kind != "measurement" or not a.label or not b.label \
            or a.reported_by != b.reported_by or a.features & _DIMS == b.features & _DIMS:
        return False
    wa, wb = normalize(a.label).split(), normalize(b.label).split()
    return len(wa) > LABEL_SUBJECT_WORDS and len(wb) > LABEL_SUBJECT_WORDS \
        and wa[:LABEL_SUBJECT_WORDS] == wb[:LABEL_SUBJECT_WORDS]


SEVERAL_POOL = 4  # of the best few facts, one said by several may lead for "which X"
SEVERAL_LEAD = 0.1  # how far behind the best it may be
ACCORDING_POOL = 4  # of the best few facts, the asked source's figure may lead
ACCORDING_LEAD = 0.25  # how far behind the best (of another source) it may be


def _asked_source_leads(q: Query, best: Hit, rival: Hit) -> bool:
    """Whether "according to X" names the best fact's source and not the rival's: another
    source's figure does not contest the one asked for."""
    return bool(q.according) and source_match(q, best.doc) == 1.0 \
        and source_match(q, rival.doc) == 0


def _names_several(speaker: str | None) -> bool:
    """Whether a speaker is several ("South Korean, US and Japanese militaries")."""
    return bool(speaker) and (" and " in speaker or "," in speaker)


_DAY_PARTS = frozenset(p.value for p in TimePrecision if p.part_of_day)  # "morning", ...
_NEGATORS = frozenset("not no nobody none never unknown unclear unnamed yet neither nor "
                      "declined refused".split())
NEGATION_WINDOW = 4  # words before a matched word that can negate it
# "no deaths", "nobody died", "none were reported injured": a count of zero, not an unknown
_ZERO_WORDS = frozenset("no nobody none".split())
_ZERO_LINKS = frozenset("was were is are been has have had be being reported".split())
_REASON_TERMS = frozenset({"why", "caus", "reason"})
# what a sentence says is not known, by the question word it uses: "did not say *how many*
# were on board" answers "how many were on the minibus" with "not reported"
_UNKNOWN_FORM_RE = {
    AnswerType.NUMBER: re.compile(r"^ ?(?:how many|how much|the number)\b"),
    AnswerType.TIME: re.compile(r"^ ?(?:when|what time)\b"),
    AnswerType.PLACE: re.compile(r"^ ?where\b"),
}


# "no fewer than 11", "not more than 5": a bound on a figure, not a negation
_BOUND_RE = re.compile(r"\b(?:no|not) (?:fewer|more|less|later|earlier|sooner|longer|lower|higher|"
                       r"greater|smaller|shorter) than\b")
_CLAUSE_RE = re.compile(r"[;:.!?]\s|\bbut\b")
_COMPOUND_NO_RE = re.compile(r"\b(no|non)-(?=[a-z])", re.IGNORECASE)
# "had not said", "declined to confirm", "not yet known": what is not *known*, as against
# what did not happen ("did not hit")
# ("no one had been confirmed dead" says there were none: the subject is who, not what)
_UNKNOWN_RE = re.compile(r"\b(?:not|yet to|declined to|refused to|"
                         r"(?:nobody|no one)(?! (?:had |has |have )?(?:been|was|were|is)\b))"
                         r"\b(?: \w+){0,2} "
                         r"(?:say|said|know|known|knows|confirm|confirmed|disclose|disclosed|"
                         r"reveal|revealed|name|named|give(?! up)|given|specify|specified|clear|"
                         r"estimate|estimated|determine|determined|identify|identified|"
                         r"decide|decided)\b|"
                         r"\b(?:unclear|unknown|unconfirmed|undisclosed|unnamed)\b|"
                         # "neither the navy nor the owner knew who they were"
                         r"\bneither\b(?: \w+){1,6} nor(?: \w+){1,4} (?:knew|knows|know|said|"
                         r"says|could say|would say)\b")


_KNOWING_STEMS = frozenset(stem(w) for w in "said say known know named name given give "
                           "confirmed confirm disclosed disclose released release identified "
                           "identify determined determine specified specify".split())


def _is_action_word(word: str) -> bool:
    """An inflected verb other than one of knowing or telling ("enforcing", "hit")."""
    return word.endswith(("ing", "ed")) and len(word) > 4 and stem(word) not in _KNOWING_STEMS


# "it was still unclear whether the sirens went off", "has not said whether any milk was
# exported": whether it happened is not known (an official who *declined* to say is an
# answer of its own, and is left out)
_UNKNOWN_WHETHER_RE = re.compile(
    r"\b(?:unclear|unknown|not (?:yet )?(?:known|clear|certain|determined|confirmed|established)|"
    r"(?:has|have|had|did|does|do|would|will|could) not (?:yet )?(?:say|said|confirm|confirmed|"
    r"disclose|disclosed|reveal|revealed|specify|specified|know|knew)|"
    r"(?:declined|declines|refused|refuses) to (?:say|confirm|disclose|reveal|specify|comment)|"
    r"nor)"  # "would not say how many were inspected, nor whether the block was approved"
    r"\b(?: \w+){0,4}? (?:whether|if)\b",
    re.IGNORECASE)


_IS_BEFORE_RE = re.compile(r"\b(?:is|was|are|were|remains|remained)(?: still)? $")


def says_unknown_whether(q: Query, text: str) -> bool:
    """Whether a sentence says that what a yes/no question asks is not known: "still
    unclear whether the sirens went off" for "did the sirens go off" (but not "it is not
    known whether the recorders can be read" for "did they find the recorders")."""
    asked = {a for t in q.content for a in t.alternatives}
    for clause in _CLAUSE_RE.split(text):
        m = _UNKNOWN_WHETHER_RE.search(clause)
        if m and any(stem(w) in asked or w in asked
                     for w in normalize(clause[m.end():]).split()):
            return True
    return False


# "crews hoped to reconnect the valley by Saturday": what was meant to happen, not that it did
_INTENT_VERBS = frozenset("hope hoped hopes hoping plan plans planned planning aim aims aimed "
                          "aiming intend intends intended expect expects expected "
                          "expecting".split())
_INTENT_RE = re.compile(rf"\b(?:{'|'.join(sorted(_INTENT_VERBS))})\b(?: \w+)? to\b")
# a question that itself asks what was meant ("did they plan to", "will they") asks no "did it"
_INTENT_WORDS = _INTENT_VERBS | frozenset("will would going gonna supposed".split())


def says_only_intended(q: Query, text: str) -> bool:
    """Whether a sentence gives only what was meant to happen to what a "did it happen"
    question asks of ("did the valley get power back": "crews hoped to reconnect the
    valley by Saturday"), which is no yes."""
    if not q.words or q.words[0] != "did" or _INTENT_WORDS & set(q.words):
        return False
    asked = {a for t in q.content for a in t.alternatives}
    for clause in _CLAUSE_RE.split(text):
        clause = normalize(clause)
        m = _INTENT_RE.search(clause)
        if m and any(stem(w) in asked or w in asked for w in clause[m.end():].split()):
            return True
    return False


def declines_to_say(q: Query, text: str) -> bool:
    """Whether a sentence says in so many words that what is asked was not said or is not
    known ("would not say whether rates would rise", "it is unclear when"): stricter than
    :func:`says_not_known`, which also reads a negation near an asked word."""
    return bool(_UNKNOWN_RE.search(normalize(text))) and says_not_known(q, text)


# "has given no figure for its citizens held": no figure was given, of what follows
_GIVEN_NO_RE = re.compile(r"\b(?:gave|given|give|gives|provided|provides|offered|released) "
                          r"no (?P<what>figure|number|estimate|count|total|date|time|timeline|"
                          r"timetable)s?\b")
_GIVEN_NO_FORMS = {
    AnswerType.NUMBER: frozenset("figure number estimate count total".split()),
    AnswerType.TIME: frozenset("date time timeline timetable".split()),
}


def says_form_not_known(q: Query, text: str, words: frozenset[str]) -> bool:
    """Whether a sentence says that the kind of thing asked ("how many", "when", "where")
    of one of ``words`` (terms) is not known or given: "has not said how many victims died
    in homes that had lost power", "did not say when the valve was shut again", "has given
    no figure for its citizens held". Stricter
    than :func:`says_not_known`: the form asked is the one not given."""
    form = _UNKNOWN_FORM_RE.get(q.answer_type)
    if form is None:
        return False
    asked = {a for t in q.terms if t.term in words for a in t.alternatives}
    for clause in _CLAUSE_RE.split(_COMPOUND_NO_RE.sub(r"\1", text)):
        clause = _BOUND_RE.sub("at least", normalize(clause))
        for m in _UNKNOWN_RE.finditer(clause):
            rest = clause[m.end():]
            if form.match(rest) and any(stem(w) in asked or w in asked
                                        for w in rest.split()):
                return True
        for m in _GIVEN_NO_RE.finditer(clause):
            if m.group("what") in _GIVEN_NO_FORMS.get(q.answer_type, ()) and any(
                    stem(w) in asked or w in asked for w in clause[m.end():].split()):
                return True
    return False


def says_not_known(q: Query, text: str) -> bool:
    """Whether a fact's sentence says that what the question asks is *not* known or given:
    "the worker has not been named" for "what is the worker's name", "nobody yet knows what
    caused the explosions" for "what caused the explosion", "officials have not said how
    many of the victims were inside the zone". Such a fact is cited as the report's word
    that the thing is unreported, never as an answer."""
    asked = {a for t in q.content for a in t.alternatives}
    if q.answer_type is AnswerType.REASON:
        asked |= _REASON_TERMS
    text = _COMPOUND_NO_RE.sub(r"\1", text)  # "no-go zone", "no-fly": no negation
    for clause in _CLAUSE_RE.split(text):
        clause = _BOUND_RE.sub("at least", normalize(clause))
        m = _UNKNOWN_RE.search(clause)
        if m and any(stem(w) in asked or w in asked for w in clause[m.end():].split()):
            return True  # what is not said comes after the words that say so
        if m and _IS_BEFORE_RE.search(clause[:m.start()]) and any(
                stem(w) in asked or w in asked for w in clause[:m.start()].split()):
            return True  # "what started the fire is unclear": or before "is unclear"
        form = _UNKNOWN_FORM_RE.get(q.answer_type)
        if m and form is not None and form.match(clause[m.end():]):
            return True
        if q.negated:
            continue  # "how many buses didnt run": "40 buses did not run" is its count
        ws = clause.split()
        for i, w in enumerate(ws):
            if w.startswith("un") and stem(w[2:]) in asked:  # "unnamed"
                return True
            if stem(w) in asked or w in asked:
                window = ws[max(0, i - NEGATION_WINDOW):i]
                negated = [k for k, x in enumerate(window) if x in _NEGATORS]
                # "not fully enforcing UN sanctions" negates an action, which says nothing
                # of whether the sanctions are known
                # and "no one was injured", "no deaths" say there were none: a figure, zero
                # "six operators, not the nine the company claimed": a figure corrected
                after = window[negated[-1] + 1:] if negated else []
                if negated and not any(_is_action_word(x) for x in after) \
                        and not any(x.isdigit() or x in NUMBER_WORDS for x in after) \
                        and not _is_action_word(w) \
                        and not (window[negated[-1]] in _ZERO_WORDS
                                 and all(x in _ZERO_LINKS for x in after)):
                    return True
    return False


_PROPER_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*|\b[A-Z]{2,}\b"
                        # a sentence's first word, when no English word is spelled so (the
                        # check is in names_something): "Saldova mediated the talks"
                        r"|(?:^|(?<=[.!?]\s))(?P<initial>[A-Z][a-z'’-]+)\b")
INITIAL_NAME_ZIPF = 2.0  # a sentence's first word rarer than this in English is a name


# who says it, at the start or the end of a sentence: not what the sentence names
_ATTRIBUTION_RE = re.compile(r"^according to [^,]+,\s*|,?\s*according to [^,.]+\.?$|"
                             r",\s*[^,.]+ said\.?$", re.IGNORECASE)


# a thing named by its number: "the 14th floor", "floor 14", "gate 7", "the third round"
_NUMBERED_RE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|top|bottom|ground) (?P<noun>[a-z]+)\b|\b(?P<noun2>[a-z]+) \d+\b", re.IGNORECASE)


def names_something(q: Query, text: str, source: str = "", *, of_whom: bool = False,
                    which: frozenset[str] = frozenset(),
                    event_names: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence gives a name the question does not: a capitalised word that
    does not start a sentence, is not in the question and is not who said it ("Ardmark
    and Velonia sent teams"; not "A number of neighbouring countries", nor "according to
    Farr, an outside supplier"). For "what is the ship called", one beside the ship ("the
    frigate Ostrava", "Ostrava, the navy ship"), not any name in the sentence."""
    asked = {a for t in q.terms for a in t.alternatives}
    said_by = {stem(w) for w in normalize(source).split()}
    text = _ATTRIBUTION_RE.sub("", text.strip())  # "According to officials in Seoul, ..."
    for m in _NUMBERED_RE.finditer(text):  # "which floor": "the 14th floor", "gate 7"
        if stem((m.group("noun") or m.group("noun2")).lower()) in asked:
            return True
    text = text.strip()
    of_whom = of_whom and not (q.head is not None and q.head in PLACE_FORM_WORDS)
    # "which bank did he have shares in": where the sentence speaks of a bank, the name is
    # beside it ("his bank shares" names none; "shares in Norland Bank" does)
    thing = which if which and not which.isdisjoint(
        stem(w) for w in normalize(text).split()) else q.name_of
    for m in _PROPER_RE.finditer(text):
        if m.group("initial") and (english_zipf(m.group("initial").lower()) >= INITIAL_NAME_ZIPF
                                   or q.name_of):
            continue  # ("The", "Officials": a word that starts the sentence; "what are the
            # bases called": a subject, "Alvira had four bases", is whose, not their name)
        term = stem(normalize(m.group(0)).replace(" ", "") or m.group(0).lower())
        if term in asked or term in STOPWORDS or term in said_by or term in CALENDAR_TERMS:
            continue  # (nor is "by Tuesday evening" the name of anything asked)
        before = text[:m.start()].split()[-1:]
        after = text[m.end():].split()[:1]
        if of_whom and (before and before[0].lower() in _PLACE_PREPOSITIONS or (
                after and after[0][:1].islower() and _DEMONYM_RE.search(m.group(0)))):
            continue  # "names of the cadets": "two Valdoran deck cadets who joined at
            # Ostrel" says where they are from and where they were, no name of theirs
        if of_whom and term in event_names:
            continue  # "names of the 2 arrested": "arrested over the Lindholm sightings"
            # names the event, not them
        if thing and not _beside_thing(thing, text, m.start(), m.end()) and thing.isdisjoint(
                stem(w) for w in normalize(m.group(0)).split()):
            continue
        return True
    return False


NAME_BESIDE_WORDS = 3  # a name this many words from the thing it names ("the frigate X")


def _beside_thing(thing: frozenset[str], text: str, start: int, end: int) -> bool:
    near = [*text[:start].split()[-NAME_BESIDE_WORDS:], *text[end:].split()[:NAME_BESIDE_WORDS]]
    # (a verb is no thing: "Voss met on Sunday" names no meeting)
    return any(stem(w) in thing and word_classes(w) != {"VERB"}
               for w in normalize(" ".join(near)).split())


# "in Harnsby", "at Ostrel", "on Tuesday": where or when, before a name; "Valdoran deck
# cadets": of where
_PLACE_PREPOSITIONS = frozenset("in at on from near off outside inside into across".split())
_DEMONYM_RE = re.compile(r"(?:an|ian|ese|ish|i)$")


def words_held(q: Query, doc: Doc) -> frozenset[str]:
    """The question's single words that a fact has (itself or a synonym), light ones too
    ("still *hold*")."""
    held = doc.terms | doc.key_terms
    return frozenset(t.term for t in q.terms if t.kind is not TermClass.PHRASE
                     and " " not in t.word and not t.term.startswith("attr:")
                     and not t.alternatives.isdisjoint(held))


def _label_words(h: Hit) -> set[str]:
    return set(normalize(h.doc.label or "").split())


# label words that call a figure an earlier one ("Grellan's *previous* price target")
_EARLIER_LABEL_WORDS = FIRST_WORDS | frozenset("previous former old".split())
_DATING_LABEL_WORDS = _EARLIER_LABEL_WORDS | LATEST_WORDS


def _stated_values(q: Query) -> frozenset[str]:
    """The value features of the figures a question states ("41 liver cases", "8.1bn":
    8.1 billion, as the fact holds it, and 8.1 as its words say it)."""
    out: set[str] = set()
    for i, t in enumerate(q.terms):
        m = _STATED_FIGURE_RE.fullmatch(t.word) if t.kind is TermClass.CONTENT else None
        if m is None:
            continue
        value = float(m.group("n").replace(",", ""))
        out.add(value_feature(value))
        scale = scale_factor(m.group("scale")) if m.group("scale") else \
            scale_factor(q.terms[i + 1].word) if i + 1 < len(q.terms) else 1
        if scale != 1:
            out.add(value_feature(value * scale))
    return frozenset(out)


_STATED_FIGURE_RE = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)(?P<scale>k|m|mn|bn|b)?")


def _at_asked_end(q: Query, h: Hit, other: Hit) -> bool:
    """For "the latest" ("now"), whether ``other``'s label is ``h``'s with a word that
    calls it an earlier figure ("Grellan's previous price target"), for "the first", one
    that calls it a later one ("Revised toll"): of the two tied, ``h`` is the one asked."""
    if q.recency is Recency.LATEST:
        wrong = _EARLIER_LABEL_WORDS
    elif q.recency is Recency.FIRST:
        wrong = LATEST_WORDS
    else:
        return False
    mine, theirs = _label_words(h), _label_words(other)
    return bool(h.doc.label and other.doc.label) and mine.isdisjoint(wrong) \
        and not theirs.isdisjoint(wrong) \
        and {stem(w) for w in mine - _DATING_LABEL_WORDS} \
        == {stem(w) for w in theirs - _DATING_LABEL_WORDS}


def _keyed_as_dated(doc: Doc) -> bool:
    """Whether a figure's keywords or topics say it is a first or a revised one."""
    return not doc.key_terms.isdisjoint(_FIRST_KEY_STEMS | _LATEST_KEY_STEMS)


def _dated(doc: Doc) -> bool:
    """Whether a figure says when it was given: a time, or its keywords ("initial toll")."""
    return doc.as_of is not None or _keyed_as_dated(doc)


def _dated_by_label(h: Hit) -> bool:
    """Whether a figure's label, keywords or topics say it is a first or a revised one
    ("original", "latest", "initial toll")."""
    return not _label_words(h).isdisjoint(FIRST_WORDS | LATEST_WORDS) or \
        _keyed_as_dated(h.doc)


def _as_of(h: Hit) -> float:
    """When a figure was given; an undated one by its label (or else its keywords):
    "original" first, "revised" last, no such word first (as before)."""
    if h.doc.as_of is not None:
        return h.doc.as_of
    words = _label_words(h)
    if words.isdisjoint(FIRST_WORDS | LATEST_WORDS):
        later = not h.doc.key_terms.isdisjoint(_LATEST_KEY_STEMS) and \
            h.doc.key_terms.isdisjoint(_FIRST_KEY_STEMS)
    else:
        later = not words.isdisjoint(LATEST_WORDS)
    return float("inf") if later else float("-inf")


class Decider:
    def __init__(self, index: MatchIndex):
        self.index = index

    @property
    def _things(self) -> frozenset[str]:
        """The attributes that say what the thing itself was (the lexicon's ``thing``)."""
        return self.index.analyzer.lexicon.things

    def _event(self, event_id: str) -> Event | None:
        ev = self.index.events.get(event_id)
        return ev.event if ev else None

    def _is_background(self, event_id: str) -> bool:
        ev = self.index.events.get(event_id)
        return ev is not None and ev.main is not None

    def _same_day(self, a: str, b: str) -> bool:
        ea, eb = self._event(a), self._event(b)
        if ea is None or eb is None or ea.when is None or eb.when is None:
            return ea is not None and eb is not None and ea.when is None and eb.when is None
        return ea.when.date() == eb.when.date()

    def _other_parts(self, best: Hit, in_event: list[Hit], event_id: str,
                     th: Thresholds) -> list[Hit]:
        """When the best figure is one part of a whole asked for (its label and keywords say
        nothing of a total), the other figures of the same kind, of other things, that fit
        the question too (Tarsa hospital's patients beside Belmaro hospital's)."""
        doc = best.doc
        if doc.kind != "measurement" or not doc.label \
                or TOTAL_RE.search(normalize(doc.label)) \
                or any(TOTAL_RE.search(k.replace("_", " ")) for k in doc.key_terms):
            return []
        base = label_base_terms(doc.label)
        ev_terms = self.event_terms(event_id)
        return [h for h in in_event if h is not best and h.doc.kind == "measurement"
                and h.score >= th.suggest and h.doc.label and h.doc.attribute == doc.attribute
                and _parts_of_one_kind(base, label_base_terms(h.doc.label))
                and not same_quantity(doc, h.doc, ev_terms)]

    def _unmentioned(self, q: Query, best: Hit, event_id: str) -> bool:
        """Whether a thing the question names (a noun or a name, not one of the two things
        "A or B" offers) is in neither the fact nor its event's names: a yes or no about
        the director is not answered by what an engineer said. (A verb may be said another
        way: "breaking sanctions", "not fully enforcing" them.)"""
        names = self.event_terms(event_id)
        return any(t.kind is TermClass.CONTENT and not t.choice and not t.term.startswith("attr:")
                   and _names_a_thing(t.word) and t.alternatives.isdisjoint(best.doc.terms)
                   and t.alternatives.isdisjoint(names) for t in q.content)

    def _most_told(self, q: Query, leads: list[Hit], guild_id: int | None) -> list[Hit]:
        """Of several reports' best facts, the one whose report has every word of the
        question that another's has, and more ("fire chief vs ostragaz on flame height" is
        the pipeline fire's, whose report has a fire chief, Ostragaz and flames, not the
        missile's, whose report has only chiefs and firing); else all of them."""
        words = [t for t in q.content if t.kind is TermClass.CONTENT
                 and not t.term.startswith("attr:")]
        told = [frozenset(t.term for t in words
                          if self.index.report_mentions(h.doc.event, t.alternatives, guild_id))
                for h in leads]
        for h, mine in zip(leads, told, strict=True):
            if all(theirs < mine for other, theirs in zip(leads, told, strict=True)
                   if other is not h):
                return [h]
        return leads

    def _report_of(self, event_id: str) -> str:
        return self.index.report_of(event_id)

    def _recency(self, event_id: str) -> float:
        ev = self.index.events.get(event_id)
        return ev.recency if ev else 0.0

    def _rivals(self, best: Hit, in_event: list[Hit], event_id: str,
                th: Thresholds) -> list[Hit]:
        """Facts that give the best one's quantity too, scored close to it."""
        return [h for h in in_event if h is not best and h.doc.kind == best.doc.kind
                and (same_quantity(best.doc, h.doc, self.event_terms(event_id))
                     or (h.doc.attribute is not None and h.doc.attribute == best.doc.attribute))
                and h.score >= best.score - th.group_margin]

    @staticmethod
    def _explains(h: Hit, figures: list[Hit]) -> bool:
        """Whether a fact gives the reason compared figures differ: a claim or statement
        with a cause, sharing words with the figures and naming one of their sources ("its
        figure was higher because the trust left out ...")."""
        if h in figures or h.doc.kind not in ("claim", "statement") \
                or not {"cause", "figure_talk"} & h.doc.features:
            return False
        about = {t for f in figures for t in f.doc.key_terms if not t.startswith("attr:")}
        sources = {t for f in figures for t in f.doc.speaker_terms}
        return len(about & (h.doc.terms | h.doc.key_terms)) >= EXPLAINER_SHARED \
            and not sources.isdisjoint(h.doc.terms | h.doc.speaker_terms)

    def _compared(self, best: Hit, rivals: list[Hit], in_event: list[Hit],
                  event: Event | None, confidence: float | None = None) -> Decision:
        """"Why are the two counts different": the figures side by side, each with its
        sentence (which says what it counts and who counted), and the reason the report
        gives for the difference when a fact gives one."""
        figures = [best, *rivals][:MAX_ANSWER_FACTS]
        explainers = [h for h in in_event if self._explains(h, figures)]
        # those that speak of the figures ("the union's tally counted ...") first, and one
        # from each side when both sides explain their count
        explainers.sort(key=lambda h: "figure_talk" not in h.doc.features)
        chosen = explainers[:1] + [
            h for h in explainers[1:] if "figure_talk" in h.doc.features
            and explainers[0].doc.reported_by != h.doc.reported_by][:1]
        if chosen:
            figures = [*figures[:MAX_ANSWER_FACTS - 1], *chosen]
        return Decision("answer", Reason.ANSWERED, facts=figures, event=event,
                        confidence=round(best.score if confidence is None else confidence, 3),
                        grouped=True, explained=True)

    def _difference_pair(self, q: Query, in_event: list[Hit], event_id: str,
                         th: Thresholds) -> tuple[Hit, Hit] | None:
        """The two figures a difference is asked of: the event's measurements of the asked
        dimension (counts when none is asked), one per quantity; when there are more than
        two quantities, the two the question's words fit clearly best."""
        wanted = {f"dim:{d}" for d in q.dimensions} or {"dim:count"}
        ev_terms = self.event_terms(event_id)
        figures = [h for h in in_event if h.doc.kind == "measurement" and wanted & h.doc.features]
        if q.recency is not Recency.FIRST:  # (a source's revised figure stands for it)
            figures = [h for h in figures if not any(_supersedes(g.doc, h.doc) for g in figures)]
        one_each: list[Hit] = []
        for h in figures:  # best first: each quantity's best-fitting figure
            if not any(
                    same_quantity(h.doc, o.doc, ev_terms) for o in one_each):
                one_each.append(h)
        if len(one_each) < 2:
            return None
        if q.against:  # ("over the limit": the figure its label calls the limit, and the
            # best other figure; a figure whose keywords say "above limit" is no limit)
            named = [h for h in one_each if h.doc.label
                     and not q.against.isdisjoint(label_base_terms(h.doc.label))]
            base = named[0] if len(named) == 1 else None
            other = next((h for h in one_each if h not in named), None)
            if base is not None and other is not None and other.score >= th.suggest:
                return other, base
            return None
        if len(one_each) > 2 and (one_each[1].score < th.suggest
                                  or one_each[2].score > one_each[1].score - th.margin):
            return None  # ("how much higher was the water than ...": which two?)
        return one_each[0], one_each[1]

    def _dated_series(self, best: Hit, in_event: list[Hit]) -> list[Hit]:
        """The dated figures of the best fact's quantity in its event (itself among them
        when dated), by a time or by a label or keywords that call one the first or the
        revised: the figures a revision is told by."""
        ev_terms = self.event_terms(best.doc.event)
        return [h for h in in_event if h.doc.kind == "measurement"
                and (h.doc.as_of is not None or _dated_by_label(h))  # ("first estimate")
                and (h is best or same_quantity(best.doc, h.doc, ev_terms))]

    def _revision_pair(self, q: Query, best: Hit, in_event: list[Hit]
                       ) -> tuple[Hit, Hit] | None:
        """The latest and the earliest dated figure of the best fact's quantity (or the two
        an hour or a part of the day in the question picks: "between the 9am and the 4pm
        update"), when the best is a figure of a revised series (a count, a length ...)."""
        if best.doc.kind != "measurement":
            return None
        series = self._dated_series(best, in_event)
        # (an hour, or a part of the day: "between the morning and 9pm")
        hours = frozenset(a for t in q.terms if t.term.startswith(HOUR_TERM_PREFIX)
                          or t.word in _DAY_PARTS for a in t.alternatives)
        if hours and len(series) > 2:
            series = [h for h in series if not hours.isdisjoint(h.doc.terms)] or series
        if len(series) < 2:
            return None
        series.sort(key=_as_of)
        first, last = series[0], series[-1]
        if _as_of(first) == _as_of(series[1]) or _as_of(last) == _as_of(series[-2]):
            return None  # (two counts of one moment: which is the earlier is not known)
        return last, first

    @staticmethod
    def _duration_answers(best: Hit, th: Thresholds) -> bool:
        """Whether the best fact is a reported length of time that answers on its own."""
        return best.doc.kind == "measurement" and "dim:duration" in best.doc.features \
            and best.score >= th.answer

    @staticmethod
    def _elapsed_pair(q: Query, in_event: list[Hit]) -> tuple[Hit, Hit] | None:
        """The two reported moments (times with a clock time) a "how long" question spans:
        one with most of the words of its first moment ("was ammonia leaking"), another
        with most of its second's ("they isolated the line"), or two with the one thing
        "the two blasts" names; None when no two have at least half of each, or two pairs
        do equally well."""
        asked = [t for t in q.content if t.kind is TermClass.CONTENT
                 and not t.term.startswith("attr:") and not _is_count(t.word)]
        sides = [frozenset(t.term for t in asked if t.word in side) for side in q.elapsed_sides]
        if not sides[0] or not sides[1]:
            return None

        def share(h: Hit, side: frozenset[str]) -> float:
            return len({t.term for t in asked if t.term in side
                        and not t.alternatives.isdisjoint(h.doc.terms)}) / len(side)

        moments = [h for h in in_event if h.doc.kind == "time" and "clock" in h.doc.features]
        # (each moment's share of each side once; only those with half a side pair up)
        firsts = [(h, x) for h in moments if (x := share(h, sides[0])) >= ELAPSED_SIDE_SHARE]
        seconds = [(h, x) for h in moments if (x := share(h, sides[1])) >= ELAPSED_SIDE_SHARE]
        pairs = [_Moments(first + second, a.score + b.score, a, b)
                 for a, first in firsts for b, second in seconds
                 if a is not b and not (q.two_things and a.doc.id > b.doc.id)]
        # (the two things of "the two blasts": each pair once)
        if not pairs:
            return None
        pairs.sort(key=lambda p: (p.share, p.score), reverse=True)
        best, runner_up = pairs[0], pairs[1] if len(pairs) > 1 else None
        if runner_up is not None and runner_up.share == best.share and (
                q.two_things or runner_up.score == best.score):
            return None  # which two?
        return best.first, best.then

    def _events_pair(self, q: Query, hits: list[Hit], named: list[str],
                     th: Thresholds) -> tuple[Hit, Hit] | None:
        """"How many hours longer did the harvel siege last than this one": the best figure
        of the asked dimension in each of the two events the question names (the latest
        of a revised one, as it would be answered alone)."""
        wanted = {f"dim:{d}" for d in q.dimensions} or {"dim:count"}
        best: dict[str, Hit] = {}
        for h in hits:  # (best first)
            if h.doc.event in named and h.doc.kind == "measurement" \
                    and wanted & h.doc.features and h.score >= th.suggest:
                best.setdefault(h.doc.event, h)
        if len(best) != 2:
            return None
        for event_id, h in best.items():
            if h.doc.as_of is not None:
                series = self._dated_series(h, [o for o in hits if o.doc.event == event_id])
                best[event_id] = (min if q.recency is Recency.FIRST else max)(series,
                                                                              key=_as_of)
        first, second = sorted(best.values(), key=lambda h: h.score, reverse=True)
        return first, second

    @staticmethod
    def _given_figures_pair(q: Query, in_event: list[Hit], th: Thresholds
                            ) -> tuple[Hit, Hit] | None:
        """Two facts, each the best that gives one of the two figures the question names
        ("61k or 88k?? who says which"); None unless both are found, apart."""
        figures = [t.term for t in q.terms if is_number(t.term)]
        if len(figures) != 2:
            return None
        found = [next((h for h in in_event if h.score >= th.suggest
                       and value_feature(float(f)) in h.doc.features), None) for f in figures]
        if found[0] is None or found[1] is None or found[0] is found[1]:
            return None
        return found[0], found[1]

    def _rival_pair(self, in_event: list[Hit], event_id: str,
                    th: Thresholds) -> tuple[Hit, Hit] | None:
        """The best-scoring figure that another source gives differently, with that
        source's figure ("railways vs the passenger group, whats the gap")."""
        ev_terms = self.event_terms(event_id)
        figures = [h for h in in_event[:NAMED_PAIR_POOL] if h.doc.kind == "measurement"]
        for h in figures:
            if h.score < th.suggest:
                return None
            rival = next((r for r in figures if r.doc.reported_by != h.doc.reported_by
                          and same_quantity(h.doc, r.doc, ev_terms)), None)
            if rival is not None:
                return h, rival
        return None

    @staticmethod
    def _per_pair(q: Query, in_event: list[Hit]) -> tuple[Hit, Hit] | None:
        """For "how many sites per country on avg": the count of the things it is shared out
        over (the countries) and the figure of what is shared (the sites): the one that holds
        most of the question's other words, then scores best. None when a fact gives the
        average itself (its words have "per" and the thing), or either is missing."""
        thing = next((t.alternatives for t in q.terms if t.term == q.per_thing), None)
        if thing is None:
            return None
        figures = [h for h in in_event if h.doc.kind == "measurement"]
        if any(PER_TERM in h.doc.terms and not thing.isdisjoint(h.doc.terms)
               for h in figures[:PER_STATED_READ]):
            return None  # ("Compensation per family": stated, not worked out)
        over = next((h for h in figures if "dim:count" in h.doc.features
                     and not thing.isdisjoint(h.doc.key_terms)
                     and h.score >= SUGGESTION_FLOOR), None)
        if over is None:
            return None
        asked = [t.alternatives for t in q.content if t.kind is TermClass.CONTENT
                 and t.term != q.per_thing and t.term not in (PER_TERM, AVERAGE_TERM)
                 and not t.term.startswith(_ATTRIBUTE_TERM) and not is_number(t.word)]

        def held(h: Hit) -> int:
            return sum(not a.isdisjoint(h.doc.key_terms) for a in asked)

        shared = max((h for h in figures if h is not over and h.score >= SUGGESTION_FLOOR
                      and thing.isdisjoint(h.doc.key_terms) and held(h)),
                     key=lambda h: (held(h), h.score), default=None)
        return (shared, over) if shared is not None else None

    def _named_pair(self, q: Query, in_event: list[Hit], event_id: str
                    ) -> tuple[Hit, Hit] | None:
        """The figures of the two sources a difference question names ("how many tonnes
        apart are the company and the coast guard", "observatory vs the ash centre"): by
        its "vs" or "according to" words, else by its words that name a figure's source."""
        if len(q.versus) >= 2 or len(q.according) >= 2:
            names = q.versus if len(q.versus) >= 2 else q.according
            pair = self._named_sources_pair(names, in_event, event_id, _stated_values(q),
                                            differenced=True)
            if pair is not None or len(q.versus) >= 2:
                return pair
            # ("the cfo's and hollom's estimates": "hollom's" read as whose, "cfo's" not)
        figures = [h for h in in_event[:NAMED_PAIR_POOL] if h.doc.kind == "measurement"]
        words = [t for t in q.content if t.kind is TermClass.CONTENT]
        if not any(not t.alternatives.isdisjoint(h.doc.speaker_terms)
                   for t in words for h in figures):
            return None  # (no word names a source: which two is the figures' words)
        # ("the company": its figure's keywords say whose it is, its source's name not)
        return self._named_sources_pair(words, in_event, event_id, _stated_values(q),
                                        differenced=True)

    def _named_sources_pair(self, names: list[QueryTerm], in_event: list[Hit],
                            event_id: str, stated: frozenset[str] = frozenset(),
                            differenced: bool = False) -> tuple[Hit, Hit] | None:
        """The best-scoring two figures of one quantity whose sources are the two the
        question names ("the union and KNR numbers", "police vs organisers"), one each;
        first those that hold the figures the question states ("kessendra says 41,
        clearwater says 58": not the company's placebo count); for a difference, then those
        whose figures have one (in one currency: not euros against marks)."""
        def named(h: Hit) -> frozenset[str]:  # (as "according to" is matched)
            return frozenset(t.term for t in names
                             if not t.alternatives.isdisjoint(h.doc.speaker_terms)
                             or not t.alternatives.isdisjoint(h.doc.key_terms))

        figures = [h for h in in_event[:NAMED_PAIR_POOL]
                   if h.doc.kind == "measurement" and named(h)]
        # a source's revised figure stands for it, not the one it replaced (the fans' 8,200
        # signatures raised to 11,400)
        figures = [h for h in figures if not any(_supersedes(g.doc, h.doc) for g in figures)]
        ev_terms = self.event_terms(event_id)
        pairs = [(a, b) for i, a in enumerate(figures) for b in figures[i + 1:]
                 if a.doc.reported_by != b.doc.reported_by and named(a) != named(b)
                 and len(named(a) | named(b)) >= 2
                 and (same_quantity(a.doc, b.doc, ev_terms) or _one_attribute(a.doc, b.doc)
                      or _asked_alike(names, a.doc, b.doc, stated))]
        if stated and any(stated & h.doc.features for h in figures):
            # ("the 58 dunmaro wants": a pair without the 58 is not the one asked)
            pairs = [p for p in pairs if stated & (p[0].doc.features | p[1].doc.features)]
        pairs.sort(key=lambda p: (len(stated & (p[0].doc.features | p[1].doc.features)),
                                  p[0].score + p[1].score), reverse=True)
        if differenced and pairs:
            given = len(stated & (pairs[0][0].doc.features | pairs[0][1].doc.features))
            return next((p for p in pairs[:DIFFERENCE_PAIRS_TRIED]
                         if len(stated & (p[0].doc.features | p[1].doc.features)) == given
                         and self._differable(*p)), pairs[0])
        return pairs[0] if pairs else None

    def _differable(self, a: Hit, b: Hit) -> bool:
        """Whether two figures have one difference (units that convert, no range)."""
        facts = self.index.full([a.doc, b.doc])
        fa, fb = facts.get(a.doc.id), facts.get(b.doc.id)
        if fa is None or fb is None or not fa.quantities or not fb.quantities:
            return False
        try:
            difference(fa.quantities[0], fb.quantities[0])
        except ValueError:
            return False
        return True

    def _revision_explained(self, q: Query, in_event: list[Hit], event_id: str,
                            guild_id: int | None, th: Thresholds) -> Decision | None:
        """"Why did the count jump from 90 to 117": the fact of the event that gives a cause
        and shares the most words with the revised figures (whatever words the question
        uses), then the figures, latest first. None unless the best-scoring figure (or, when
        a sentence that says why leads, the best-scoring one below it) has been revised and
        one such fact clearly leads: by the figures' words, then by the question's."""
        if q.answer_type is not AnswerType.REASON or not q.figure_moved:
            return None
        best = next((h for h in in_event[:REVISION_FIGURE_POOL]
                     if h.doc.kind == "measurement"), None)
        given_reason = None
        if best is None and "cause" in in_event[0].doc.features:
            # "why did the ministry lower the count": the sentence that says why leads,
            # and is the answer if it is what best explains the event's revised figure
            given_reason = in_event[0]
            best = next((h for h in in_event if h.doc.kind == "measurement"), None)
        if best is None:
            return None
        ev_terms = self.event_terms(event_id)
        series = [h for h in in_event if h.doc.kind == "measurement"
                  and (h is best or same_quantity(best.doc, h.doc, ev_terms))]
        if len(series) < 2:
            return None
        series.sort(key=_as_of, reverse=True)
        if any("cause" in h.doc.features for h in series):
            # "raised the injury count to 64 because it now counted ...": it says why itself
            return Decision("answer", Reason.ANSWERED, facts=series[:MAX_ANSWER_FACTS],
                            confidence=th.answer, explained=True)
        about = {t for h in series for t in h.doc.key_terms
                 if not t.startswith("attr:") and t not in ev_terms}
        sources = {h.doc.reported_by for h in series}
        ids = {h.doc.id for h in series}

        def says_why(d: Doc) -> int:
            """How surely a fact gives the reason: the figures' words it shares, more when
            its source gave them and when it talks of a count or figure."""
            return (len(about & (d.terms | d.key_terms))
                    + EXPLAINER_SOURCE_WEIGHT * (d.reported_by in sources)
                    + ("figure_talk" in d.features))

        ranked = sorted(((says_why(d), d) for d in self.index.event_docs(event_id, guild_id)
                         if d.id not in ids and "cause" in d.features),
                        key=lambda p: p[0], reverse=True)
        if not ranked or ranked[0][0] < EXPLAINER_SHARED + EXPLAINER_SOURCE_WEIGHT:
            return None
        tied = [d for n, d in ranked if n == ranked[0][0]]
        if len(tied) > 1:
            # as sure of each: the one the question's own words fit clearly best ("why did
            # the ministry drop the count": the ministry's reason, not another source's)
            score = {h.doc.id: h.score for h in in_event}
            tied.sort(key=lambda d: score.get(d.id, 0.0), reverse=True)
            if score.get(tied[0].id, 0.0) < score.get(tied[1].id, 0.0) + th.margin:
                return None
        if given_reason is not None and tied[0].id != given_reason.doc.id:
            return None
        reason = Hit(tied[0], best.score, best.coverage)
        return Decision("answer", Reason.ANSWERED,
                        facts=[reason, *series][:MAX_ANSWER_FACTS], confidence=th.answer,
                        explained=True)

    def _explained_figures(self, reason: Hit, in_event: list[Hit], event_id: str,
                           th: Thresholds) -> list[Hit]:
        """The competing figures a reason best explains: the best-scoring figure with a
        rival from another source that the reason is about."""
        for h in in_event:
            if h.doc.kind != "measurement":
                continue
            rivals = [r for r in self._rivals(h, in_event, event_id, th)
                      if r.doc.reported_by != h.doc.reported_by]
            if rivals and self._explains(reason, [h, *rivals]):
                return [h, *rivals]
        return []

    def decide(self, q: Query, hits: list[Hit], named: list[str], guild_id: int | None,
               th: Thresholds = DEFAULT_THRESHOLDS, context: str | None = None) -> Decision:
        """``context``: the event the conversation is about (the channel's last answer), in
        which a question that names no event is read first."""
        if q.answer_type is AnswerType.WHO and not q.content and q.recency is not Recency.ANY:
            ends = self._revised_ends(q, hits)
            if ends:  # "who announced the revised numbers": whoever gave the latest figures
                return Decision("answer", Reason.ANSWERED, facts=ends,
                                event=self._event(ends[0].doc.event), confidence=th.answer)
        given = self._figures_given(q, hits)
        if given:  # "who's saying 17 n who's saying 15": whose each figure is
            return Decision("answer", Reason.ANSWERED, facts=given,
                            event=self._event(given[0].doc.event), grouped=True,
                            confidence=round(max(th.answer, min(h.score for h in given)), 3))
        quoted = self._quoted_lead(q, hits)
        if quoted is not None:
            return Decision("answer", Reason.ANSWERED, facts=[quoted],
                            event=self._event(quoted.doc.event),
                            confidence=round(max(quoted.score, th.answer), 3))
        if not hits and q.previous_event and not q.content and not q.unknown \
                and q.answer_type is AnswerType.ANY \
                and (lead := self._only_earlier_event(guild_id, th)) is not None:
            # "has this happened before?": nothing to match but that it asks of an earlier one
            return Decision("answer", Reason.ANSWERED, facts=[lead],
                            event=self._event(lead.doc.event), confidence=th.answer)
        if q.overview and (lead := self._overview(q, hits, named, guild_id, context,
                                                  names_only=True)) is not None:
            # "what happened at the port" of the port blast: the event, asked by its name
            return self._told_by(lead, th)
        decision = self._decide(q, hits, named, guild_id, th, context)
        if decision.status != "answer" and q.overview \
                and (lead := self._overview(q, hits, named, guild_id, context)) is not None:
            # "nk launched again?? what happened": no one fact is asked; the event is
            return self._told_by(lead, th)
        if decision.reason in (Reason.UNSURE, Reason.WEAK, Reason.CONTESTED) and hits \
                and q.previous_event and q.answer_type in (AnswerType.ANY, AnswerType.TIME,
                                                           AnswerType.PLACE) \
                and not q.unknown \
                and (lead := self._earlier_event_lead(
                    hits, guild_id, "place" if q.answer_type is AnswerType.PLACE else None)) \
                is not None \
                and (q.answer_type is not AnswerType.TIME or (
                    "time" in lead.doc.features and self._names_only(q, lead.doc.event))):
            # "has this happened before? last big one": no fact answers, but the report
            # recalls one earlier event; the fact that says most of its name tells it (and
            # when, for "what year was the last crisis", if it dates it)
            return Decision("answer", Reason.ANSWERED, facts=[lead],
                            event=self._event(lead.doc.event), confidence=th.answer)
        return decision

    @staticmethod
    def _figures_given(q: Query, hits: list[Hit]) -> list[Hit]:
        """For "who said 17", "who's saying 17 n who's saying 15" (figures and nothing
        else): the figure that gives each, one of one report, each of another source."""
        numbers = [t.word for t in q.terms if t.kind is TermClass.CONTENT]
        if q.answer_type is not AnswerType.WHO or not numbers \
                or not all(is_number(w) for w in numbers):
            return []
        ranked = sorted(hits, key=lambda h: h.score, reverse=True)
        found = [next((h for h in ranked if h.doc.kind == "measurement"
                       and value_feature(float(n)) in h.doc.features
                       and h.score >= SUGGESTION_FLOOR), None) for n in dict.fromkeys(numbers)]
        if None in found or len({h.doc.id for h in found}) < len(found) \
                or len({h.doc.reported_by for h in found}) < len(found) \
                or len({h.doc.event for h in found}) > 1:
            return []
        return found

    def _decide(self, q: Query, hits: list[Hit], named: list[str], guild_id: int | None,
                th: Thresholds, context: str | None = None) -> Decision:
        if not hits:
            return Decision("abstain", Reason.NO_CANDIDATES)
        hits.sort(key=lambda h: (round(h.score, 4), h.doc.rank, self._recency(h.doc.event),
                                 h.doc.id), reverse=True)
        in_context = False
        if not named and context is not None:
            # "and how many were hurt?" after an answer about the flood: the flood's report
            # (and the earlier events it recalls), when it has a fact close enough to offer
            report = self._report_of(context)
            own = [h for h in hits if self._report_of(h.doc.event) == report]
            if own and own[0].score >= th.suggest:
                hits, in_context = own, True
        # Background events (an earlier storm a report recalls) answer only when named or
        # asked about ("last time"); otherwise the main events do.
        if not named:
            main = [h for h in hits if not self._is_background(h.doc.event)]
            back = [h for h in hits if self._is_background(h.doc.event)]
            # (the lead is over its own report's facts: another report's are other news)
            report = self._report_of(back[0].doc.event) if back else None
            own = [h for h in main if h.doc.event == report] if back else []
            if q.previous_event and back and back[0].score >= th.suggest:
                hits = back
            elif main and not (back and back[0].score >= th.answer
                               and back[0].score >= (own[0].score if own else 0.0)
                               + BACKGROUND_LEAD and _points_back(q)):
                hits = main
        elif q.previous_event:  # "a similar disaster in oskeria before": both named, the
            back = [h for h in hits if self._is_background(h.doc.event)]  # earlier one asked
            if back and back[0].score >= th.suggest:
                hits = back
            else:  # (none of its facts fits: a fact of the report that recalls it may)
                hits = [h for h in hits if not self._is_background(h.doc.event)] or hits
        if q.previous_event and not any(self._is_background(h.doc.event) for h in hits):
            # "the range of the previous missile", and the report holds no earlier event: only
            # a fact that speaks of an earlier one ("the first launch in eight days") answers;
            # the missile's own range is not the previous one's
            recalling = [h for h in hits if "recalls" in h.doc.features]
            if not recalling:
                return Decision("suggest" if hits[0].score >= th.suggest else "abstain",
                                Reason.UNSURE, suggestions=hits[:MAX_SUGGESTIONS],
                                confidence=min(hits[0].score, th.answer - 0.01))
            if q.answer_type is AnswerType.TIME:
                # "when was the last launch before this one": how long before, which the
                # report's "the first in eight days" tells, over a sentence that only
                # mentions an earlier moment
                since = [h for h in recalling if "dim:duration" in h.doc.features
                         and SINCE_TERM in h.doc.key_terms and h.score >= th.suggest]
                recalling = since[:1] or recalling
            hits = recalling
        top = hits[0]
        event_id = top.doc.event
        if not named:
            # each report's best: an earlier event it recalls is dated by the report, not by
            # when that event happened ("that one" of a 2025 report is not older than 2022's)
            best_by_event: dict[str, Hit] = {}
            for h in hits:
                best_by_event.setdefault(h.doc.event, h)
            best_by_report: dict[str, Hit] = {}
            for h in best_by_event.values():  # (in the hits' order: the best first)
                best_by_report.setdefault(self._report_of(h.doc.event), h)
            close = [h for h in best_by_report.values()
                     if h.score >= top.score - th.event_margin]
            answering = [h for h in best_by_report.values()
                         if h.score >= th.answer and h.score >= top.score - th.report_margin
                         or h is not top and h.score >= th.answer
                         and h.coverage >= max(top.coverage, FULL_COVER)]
            if _points_back(q) and any(self._is_background(h.doc.event) for h in answering):
                # "how far was that one from this one": a report that recalls an earlier
                # event is the one pointed at
                answering = [h for h in answering if self._is_background(h.doc.event)]
            # (a report within reach that has more of the question's words is the one asked
            # about, even over a better-scoring fact of another: it suggests, if not answers)
            leads = [h for h in best_by_report.values() if h.score >= th.suggest and (
                h.score >= top.score - th.report_margin or any(h is a for a in answering))]
            told = self._most_told(q, leads, guild_id) if len(leads) > 1 else leads
            if len(told) == 1 and len(leads) > 1:
                event_id = told[0].doc.event
                answering = close = told
            if len(answering) > 1 and not in_context:
                # "what time was liftoff", with a rocket and a missile reported: both
                # answer, and nothing says which is meant
                return Decision("choose_event", Reason.CHOOSE_EVENT,
                                events_to_choose=[e for e in (self._event(h.doc.event)
                                                              for h in answering[:5]) if e],
                                confidence=top.score)
            if len(close) > 1:
                close.sort(key=lambda h: self._recency(self._report_of(h.doc.event)),
                           reverse=True)
                if self._same_day(close[0].doc.event, close[1].doc.event) \
                        and top.score >= th.suggest:
                    return Decision("choose_event", Reason.CHOOSE_EVENT,
                                    events_to_choose=[e for e in (self._event(h.doc.event)
                                                                  for h in close[:5]) if e],
                                    confidence=top.score)
                event_id = close[0].doc.event
        event = self._event(event_id)
        in_event = [h for h in hits if h.doc.event == event_id]
        suggestions = [h for h in in_event if h.score >= SUGGESTION_FLOOR][:MAX_SUGGESTIONS]

        if q.answer_type is AnswerType.QUANTITY and q.dimensions:
            wanted = {f"dim:{d}" for d in q.dimensions}
            if not any(wanted & d.features for d in self.index.event_docs(event_id, guild_id)):
                names = " or ".join(sorted(DIMENSION_NAMES.get(d, d) for d in q.dimensions))
                return Decision("abstain", Reason.NO_DIMENSION, suggestions=suggestions,
                                event=event, detail=names)
        if q.answer_type is AnswerType.REASON and q.speaker \
                and "cause" not in in_event[0].doc.features:
            # "why does X say ...": of X's words that answer nearly as well, those that give
            # a reason ("because", "countermeasures against") come first
            giving = next((h for h in in_event[1:] if "cause" in h.doc.features
                           and h.speaker_match >= 1.0
                           and h.score >= in_event[0].score * REASON_GIVEN_SHARE), None)
            if giving is not None:
                in_event = [giving, *(h for h in in_event if h is not giving)]
        if q.asks_thing and not q.attributes \
                and in_event[0].doc.attribute not in self._things:
            # "what did nk launch": the fact that says what the thing was, close behind
            # sentences that mention a launch, answers
            thing = next((h for h in in_event[1:] if h.doc.attribute in self._things
                          and h.score >= th.answer
                          and h.coverage >= in_event[0].coverage - THING_COVERAGE_LEAD), None)
            if thing is not None:
                in_event = [thing, *(h for h in in_event if h is not thing)]
        kind = FORM_KINDS.get(q.answer_type)
        if kind is not None and in_event[0].doc.kind != kind:
            # "when was that summit": the time fact, close behind sentences that only
            # mention a day (its label's other words cost it a little) and covering as much
            # of the question, says when
            close = next((h for h in in_event if h.doc.kind == kind
                          and h.score >= in_event[0].score - FORM_KIND_LEAD
                          and h.coverage >= in_event[0].coverage - COVERAGE_TIE), None)
            if close is not None:
                in_event = [close, *(h for h in in_event if h is not close)]
        if not q.content and q.answer_type in (AnswerType.TIME, AnswerType.PLACE):
            # "what time was that for us (ET)?": of the times tied on nothing, the event's own
            own = next((h for h in in_event[1:1 + EVENT_MOMENT_TIES]
                        if h.score >= in_event[0].score - th.margin
                        and self._at_event_moment(q, h, in_event[0], event)), None)
            if own is not None:
                in_event = [own, *(h for h in in_event if h is not own)]
        if q.several and not _names_several(in_event[0].doc.speaker):
            # "which militaries condemned it": a statement by several, close behind one
            # side's, names them all
            several = next((h for h in in_event[1:SEVERAL_POOL] if _names_several(
                h.doc.speaker) and h.score >= in_event[0].score - SEVERAL_LEAD), None)
            if several is not None:
                in_event = [several, *(h for h in in_event if h is not several)]
        if q.according and in_event[0].doc.attribute is not None \
                and source_match(q, in_event[0].doc) == 0:
            # "how far offshore was it acc to the ostrenian institute": the institute's
            # figure of the same quantity, though the other agency's fact has more of the
            # question's words
            theirs = next((h for h in in_event[1:ACCORDING_POOL]
                           if h.doc.attribute == in_event[0].doc.attribute
                           and source_match(q, h.doc) == 1.0
                           and h.score >= in_event[0].score - ACCORDING_LEAD), None)
            if theirs is not None:
                in_event = [theirs, *(h for h in in_event if h is not theirs)]
        best = in_event[0]
        explained = self._revision_explained(q, in_event, event_id, guild_id, th)
        if explained is not None:
            explained.event = event
            return explained
        if q.described and best.speaker_match < 1.0:
            # "who is the leader of X": the role must be someone's, not words in a sentence
            return Decision("abstain", Reason.NO_SPEAKER, suggestions=suggestions, event=event,
                            confidence=best.score)
        if q.answer_type is AnswerType.STATEMENT and best.speaker_match < 0.75:
            return Decision("abstain", Reason.NO_SPEAKER, suggestions=suggestions, event=event,
                            confidence=best.score)
        if q.sides and (pair := self._given_figures_pair(q, in_event, th)) is not None:
            # "households affected - 61k or 88k?? who says which": the two figures the asker
            # gives name the two facts, each with whose it is
            return Decision("answer", Reason.ANSWERED, facts=list(pair), event=event,
                            confidence=round(max(th.answer, min(h.score for h in pair)), 3),
                            grouped=True)
        if q.asks_name and q.answer_type is AnswerType.ANY and not q.attributes \
                and q.words[:1] == ["which"] and q.head is not None \
                and best.doc.kind == "measurement" \
                and f"counts:{stem(q.head)}" in best.doc.features:
            # "which 3 factories did it close": a name is asked, and a count of the
            # factories is none; a sentence close behind may name them
            named = next((h for h in in_event[1:] if h.doc.kind != "measurement"
                          and h.score >= max(th.answer, best.score - th.margin)), None)
            if named is None:
                return Decision("abstain", Reason.NO_NAME, suggestions=suggestions,
                                event=event, confidence=min(best.score, th.answer - 0.01))
            in_event = [named, *(h for h in in_event if h is not named)]
            best = named
        if q.total and (parts := self._other_parts(best, in_event, event_id, th)):
            # "how many patients did the hospitals get total": one hospital's count is a
            # part; the parts that fit as well are shown side by side, else none (adding
            # them up is not the report's figure: they may overlap)
            tied = [h for h in parts if h.score >= best.score - th.margin]
            if tied and best.score >= th.answer:
                return Decision("answer", Reason.ANSWERED, facts=[best, *tied][:MAX_ANSWER_FACTS],
                                event=event, confidence=round(best.score, 3))
            return Decision("suggest" if best.score >= th.suggest else "abstain",
                            Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))
        if q.negated and NEGATES not in best.doc.features:
            # "how many freight trains didnt leave": a sentence that says nothing did not
            # counts those that did
            return Decision("suggest" if best.score >= th.suggest else "abstain",
                            Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))
        if q.unknown:
            # "the *submarine* missiles' range": a rare word no fact has is a different thing
            return Decision("suggest" if best.score >= th.suggest else "abstain",
                            Reason.UNKNOWN_WORD, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01),
                            detail=", ".join(q.unknown))
        if q.answer_type is AnswerType.ROLE and th.suggest <= best.score < th.answer \
                and best.speaker_match >= 1.0 and best.doc.speaker \
                and all(h.doc.speaker == best.doc.speaker for h in in_event
                        if h.speaker_match >= ROLE_RIVAL_MATCH):
            # "whos the farmer guy worried about his cows": the role names one person of
            # the event, whatever else the question says of them
            return Decision("answer", Reason.ANSWERED, facts=[best], event=event,
                            confidence=th.answer)
        if q.elapsed and (q.two_things or not self._duration_answers(best, th)):
            # "how long between the two blasts", "how long was it leaking before they shut
            # it": no reported length of time answers, two reported moments may
            moments = self._elapsed_pair(q, in_event)
            if moments is not None:
                return Decision("answer", Reason.ANSWERED, facts=list(moments), event=event,
                                confidence=th.answer, difference=True)
        if q.per_thing and (pair := self._per_pair(q, in_event)) is not None:
            # "how many sites per country on avg": the sites over the countries, each cited
            return Decision("answer", Reason.ANSWERED, facts=list(pair), event=event,
                            confidence=th.answer, per=True)
        if q.revision_asked and (pair := self._revision_pair(q, best, in_event)) is not None:
            # "how many new claims between the two updates": the later count less the
            # earlier, each with whose it is and when
            return Decision("answer", Reason.ANSWERED, facts=list(pair), event=event,
                            confidence=round(max(th.answer, min(h.score for h in pair)), 3),
                            difference=True, grouped=True)
        rivals = (self._named_pair(q, in_event, event_id)
                  or (self._rival_pair(in_event, event_id, th) if q.compares else None)) \
            if q.difference else None
        if q.difference and (rivals or not q.apart):
            # "how much farther did it go than it went up": the event's two figures of that
            # kind, whatever words the question uses for them; "the gap between their
            # numbers": two sources' figures of one quantity ("how many km apart" names
            # two sources' figures, or is a distance)
            pair = rivals or (self._events_pair(q, hits, named, th) if len(named) > 1
                              else None) or self._difference_pair(q, in_event, event_id, th)
            if pair is not None:
                return Decision("answer", Reason.ANSWERED, facts=list(pair), event=event,
                                confidence=round(max(th.answer, min(h.score for h in pair)),
                                                 3), difference=True, grouped=bool(rivals))
            return Decision("suggest" if best.score >= th.suggest else "abstain",
                            Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))
        if q.compares and len(q.according) >= 2:
            # "why do the union n knr numbers not match": a figure of each named source, of
            # one quantity, whatever words each uses for it
            pair = self._named_sources_pair(q.according, in_event, event_id)
            if pair is not None:
                first, second = pair
                return self._compared(first, [second], in_event, event,
                                      confidence=max(first.score, second.score, th.answer))
        if q.versus and not q.difference:
            # "how many were at the protest? police vs organisers": when the two words name
            # two sources of one quantity's figures, both figures ("imports vs wages" names
            # no source and is read as before)
            pair = self._named_sources_pair(q.versus, in_event, event_id)
            if pair is not None and max(h.score for h in pair) >= th.suggest:
                first, second = pair
                return self._compared(first, [second], in_event, event,
                                      confidence=max(first.score, second.score, th.answer))
        if best.score < th.suggest:
            return Decision("abstain", Reason.WEAK, event=event, confidence=best.score)
        if q.compares and best.score < th.answer:
            # "why r the union n knr numbers different": two sources' figures for one thing,
            # side by side with their sentences, answer it even when the question's other
            # words ("confused") are in neither; one source's figures do not
            rivals = [h for h in self._rivals(best, in_event, event_id, th)
                      if h.doc.reported_by != best.doc.reported_by
                      and h.score >= best.score * COMPARED_RIVAL_SHARE
                      and self._one_quantity(best, h, event_id)]
            if rivals:
                return self._compared(best, rivals, in_event, event)
            figures = self._explained_figures(best, in_event, event_id, th) \
                if "cause" in best.doc.features else []
            figures = figures[:1] + [f for f in figures[1:]
                                     if self._one_quantity(figures[0], f, event_id)]
            if len(figures) > 1:  # the sentence that says why they differ led: the figures,
                # then it
                return self._compared(figures[0], figures[1:], in_event, event,
                                      confidence=min(best.score, th.answer - 0.01))
        if not q.content and q.answer_type in CONTENT_FORMS:
            return Decision("suggest", Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))
        if q.zone is not None and "zoned" not in best.doc.features \
                and best.score >= th.answer * TIME_FIT["unzoned"]:
            # "what time did it start in utc": a local time of unknown zone cannot say, though
            # it would answer but for that (the scorer gave it the unzoned fit)
            return Decision("abstain", Reason.NO_ZONE, suggestions=[best], event=event,
                            confidence=best.score)
        if best.score < th.answer or (q.yes_no and q.answer_type is AnswerType.ANY and (
                best.coverage < YES_NO_COVERAGE or self._unmentioned(q, best, event_id))):
            # ("did it hit japan": a yes or no about what the fact does not mention; "did
            # northline admit the *flagged* car was on the train": nor one word of it)
            return Decision("suggest", Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))
        if self._only_the_form_held(q, best, hits):
            # "where'd he collapse, how far in miles": a missile's range has the asked kind
            # of figure and none of the words; another fact has the words
            return Decision("suggest", Reason.UNSURE, suggestions=suggestions, event=event,
                            confidence=min(best.score, th.answer - 0.01))

        # "that latest hectares number": of figures tied on the words, the quantity whose
        # figures were revised is the one a first or latest figure is asked of
        given_led = (chosen := self._of_the_given_figure(q, best, in_event)) is not best
        best = chosen
        revised = self._revised_among_tied(best, in_event, th) \
            if q.recency is not Recency.ANY else None
        best = revised or best
        group = self._group(q, best, in_event, th)
        passed_over: Hit | None = None
        if len(group) == 1 and (other := self._other_end(q, best, in_event, th)) is not None:
            # "how many were trapped in the end": not the figure labelled the first one
            passed_over, best, group = best, other, [other]
        if q.compares or q.sides:
            # (another source's figure of the same quantity, however far behind it scores:
            # "why is halberds debt total higher than the govts" asks both, and why)
            rivals = self._rivals(best, in_event, event_id, th) or [
                h for h in group if h is not best and h.doc.reported_by != best.doc.reported_by]
            if not rivals and q.sides:  # "both sides estimates pls": the other source's
                # figure of the same quantity, however far behind its words put it
                rivals = [h for h in in_event if h is not best and h.doc.kind == best.doc.kind
                          and h.doc.reported_by != best.doc.reported_by
                          and h.score >= SUGGESTION_FLOOR
                          and self._one_quantity(best, h, event_id)][:1]
            if rivals:
                return self._compared(best, rivals, in_event, event)
            figures = self._explained_figures(best, in_event, event_id, th)
            if figures:  # the reason led: the figures it explains, then it
                return self._compared(figures[0], figures[1:], in_event, event,
                                      confidence=best.score)
        siblings = self._same_attribute(q, best, group, in_event) or \
            self._label_siblings(q, best, group, in_event, th) or \
            self._one_sources_figures(q, best, group, in_event, th)
        if siblings:
            # "wind speed in mph": the gusts, the sustained winds and the winds after it
            # weakened all give it, each labelled; the question names none of them apart
            return Decision("answer", Reason.ANSWERED, facts=[*group, *siblings], event=event,
                            confidence=round(best.score, 3))
        if q.answer_type is AnswerType.QUANTITY and q.dimensions and not q.content:
            # "was it like 100 km or less": every figure of that kind answers, each labelled
            # (the altitude and the distance flown), when there are few
            wanted = {f"dim:{d}" for d in q.dimensions}
            of_kind = [h for h in in_event if h.doc.kind == "measurement"
                       and wanted & h.doc.features]
            if 1 < len(of_kind) <= MAX_ANSWER_FACTS and best in of_kind:
                return Decision("answer", Reason.ANSWERED, facts=of_kind, event=event,
                                confidence=round(min(best.score, th.answer), 3))
        tied = [h for h in in_event[1:MAX_ANSWER_FACTS] if h not in group
                and h.score >= best.score - th.margin]
        if q.answer_type in OPEN_FORMS:
            group += [h for h in tied if self._allied(q, h, group)]
        elif not q.dimensions:  # (the level and the fall of one index, tied: both)
            group += [h for h in tied
                      if any(_two_figures_of_one_thing(h.doc, g.doc) for g in group)]
        rival = next((h for h in in_event if h not in group and h is not passed_over
                      and not self._allied(q, h, group)), None)
        if rival is not None and rival.score >= best.score - th.margin \
                and len(group) == 1 and (self._at_event_moment(q, rival, best, event)
                                         or _cued_count_leads(q, rival, best)
                                         or _at_asked_end(q, rival, best)
                                         or _time_already_stated(q, best, rival)):
            best, rival, group = rival, best, [rival]  # (tied, the event's own time first)
        if rival is not None and rival.score >= best.score - th.margin \
                and revised is None and not given_led and rival.doc.rank >= best.doc.rank \
                and not self._form_kind_leads(q, best, rival) \
                and not self._at_event_moment(q, best, rival, event) \
                and not _cued_count_leads(q, best, rival) \
                and not _at_asked_end(q, best, rival) \
                and not _time_already_stated(q, rival, best) \
                and not _asked_source_leads(q, best, rival):
            # (a moderator's rank settles a tie)
            return Decision("suggest", Reason.CONTESTED, suggestions=suggestions, event=event,
                            confidence=best.score)
        margin = best.score - (rival.score if rival else 0.0)
        confidence = min(1.0, best.score * (0.85 + 0.15 * min(1.0, margin / 0.2)))
        grouped = len(group) > 1 and all(
            same_quantity(group[0].doc, h.doc, self.event_terms(event_id)) for h in group[1:])
        return Decision("answer", Reason.ANSWERED, facts=group, event=event,
                        confidence=round(confidence, 3), grouped=grouped)

    def _only_the_form_held(self, q: Query, best: Hit, hits: list[Hit]) -> bool:
        """Whether the best fact holds only what the question's form asks (its attribute)
        and none of its words, which a fact close behind it holds."""
        words = [t for t in q.content if not t.term.startswith(_ATTRIBUTE_TERM)]
        if not words or len(words) == len(q.content):
            return False

        def holds(h: Hit) -> bool:
            names = self.event_terms(h.doc.event)
            return any(not t.alternatives.isdisjoint(h.doc.terms)
                       or not t.alternatives.isdisjoint(names) for t in words)

        return not holds(best) and any(
            holds(h) and h.coverage > best.coverage for h in hits[1:MAX_SUGGESTIONS + 1])

    def _revised_ends(self, q: Query, hits: list[Hit]) -> list[Hit]:
        """For "who gave the first / the revised numbers": the first or latest figure of each
        quantity the report revised, in the most recent event that revised one, when one
        source gave them all (else nothing: the question does not say which)."""
        figures = [h for h in hits if h.doc.kind == "measurement"
                   and not self._is_background(h.doc.event)]
        by_event: dict[str, list[Hit]] = defaultdict(list)
        for h in figures:
            by_event[h.doc.event].append(h)
        recent = sorted(by_event, key=self._recency, reverse=True)[:REVISED_EVENTS_READ]
        for event_id in recent:  # (a few events' figures, each pair once: a bounded cost)
            in_event, ev_terms = by_event[event_id][:REVISED_FIGURES_READ], \
                self.event_terms(event_id)
            ends: list[Hit] = []
            seen: set[str] = set()
            for h in in_event:
                if h.doc.id in seen:
                    continue
                group = [x for x in in_event if x is h or same_quantity(h.doc, x.doc, ev_terms)]
                seen |= {x.doc.id for x in group}
                if len(group) > 1 and len({_as_of(x) for x in group}) == len(group):
                    group.sort(key=_as_of)
                    ends.append(group[-1] if q.recency is Recency.LATEST else group[0])
            if ends:
                sources = {normalize(e.doc.reported_by or "") for e in ends}
                return ends[:MAX_ANSWER_FACTS] if len(sources) == 1 else []
        return []

    def event_terms(self, event_id: str) -> frozenset[str]:
        ev = self.index.events.get(event_id)
        return ev.terms if ev else frozenset()

    @staticmethod
    def _same_attribute(q: Query, best: Hit, group: list[Hit], in_event: list[Hit]
                        ) -> list[Hit]:
        """Other figures of the best one's specific attribute (not "a count", "a duration")
        that have as much of the question and score nearly as well: the question does not
        tell them apart, so all answer, each with its label, when there are few."""
        attribute = best.doc.attribute
        # "how many cars fell in": counts (a kind-only attribute) of the thing it counts
        counted = attribute == "count" and bool(q.counted) and q.counted not in GENERIC_COUNTED
        if q.answer_type not in (AnswerType.QUANTITY, AnswerType.NUMBER) or q.recency \
                is not Recency.ANY or best.doc.kind != "measurement" or not attribute \
                or (attribute in KIND_ONLY_ATTRIBUTES | GENERIC_ATTRIBUTES and not counted):
            return []
        found = [h for h in in_event if h not in group and h.doc.kind == "measurement"
                 and h.doc.attribute == attribute
                 and h.score >= best.score - SAME_ATTRIBUTE_MARGIN
                 and h.coverage >= best.coverage - COVERAGE_TIE]  # (as much of the question)
        return found if 0 < len(found) and len(group) + len(found) <= MAX_ANSWER_FACTS else []

    @staticmethod
    def _label_siblings(q: Query, best: Hit, group: list[Hit], in_event: list[Hit],
                        th: Thresholds) -> list[Hit]:
        """Figures with no attribute, or one kind-only attribute, whose labels mostly agree
        ("Avalanche danger level above 2,200 m", "... below 2,200 m") and that the question
        fits as well (within the margin of a tie, with as much of it): it does not tell them
        apart, so each answers with its label, when there are few."""
        if q.answer_type not in (AnswerType.ANY, AnswerType.NUMBER, AnswerType.QUANTITY) \
                or q.recency is not Recency.ANY or best.doc.kind != "measurement" \
                or best.doc.attribute not in (None, *KIND_ONLY_ATTRIBUTES) \
                or not best.doc.label:
            return []
        if best.doc.attribute and best.coverage < 1 - COVERAGE_TIE:
            return []  # parts of a whole ("Korvani crew", "Ardennan crew") answer together
            # only when each has the whole question ("nationalities of the crew")
        base = label_base_terms(best.doc.label)
        found = [h for h in in_event if h not in group and h.doc.kind == "measurement"
                 and h.doc.attribute == best.doc.attribute and h.doc.label
                 and h.score >= best.score - th.margin
                 and h.coverage >= best.coverage - COVERAGE_TIE
                 and (other := label_base_terms(h.doc.label))
                 and len(base & other) / len(base | other) >= LABEL_OVERLAP]
        return found if 0 < len(found) and len(group) + len(found) <= MAX_ANSWER_FACTS else []

    def _one_sources_figures(self, q: Query, best: Hit, group: list[Hit], in_event: list[Hit],
                             th: Thresholds) -> list[Hit]:
        """Figures of one kind (a duration, a sum of money) that one source gave of one
        thing ("Interruption planned for (minimum)", "Interruption expected as most
        likely") and that the question fits as well: it does not tell them apart, and they
        are not rivals, so each answers with its label."""
        if q.answer_type not in (AnswerType.NUMBER, AnswerType.QUANTITY) \
                or q.recency is not Recency.ANY or best.doc.kind != "measurement" \
                or best.doc.attribute not in KIND_ONLY_ATTRIBUTES - GENERIC_ATTRIBUTES \
                or not best.doc.label:
            return []  # (counts one source gives are mostly of different things)
        ev_terms = self.event_terms(best.doc.event)
        base = label_base_terms(best.doc.label) - ev_terms
        found = [h for h in in_event if h not in group and h.doc.kind == "measurement"
                 and h.doc.attribute == best.doc.attribute and h.doc.label
                 and h.doc.reported_by == best.doc.reported_by
                 and h.doc.speaker == best.doc.speaker
                 and h.score >= best.score - th.margin
                 and h.coverage >= best.coverage - COVERAGE_TIE
                 and base & label_base_terms(h.doc.label)]
        return found if 0 < len(found) and len(group) + len(found) <= MAX_ANSWER_FACTS else []

    def _one_quantity(self, a: Hit, b: Hit, event_id: str) -> bool:
        """Whether two figures are surely of one quantity: by their labels (the same, or
        mostly the same words: "Outpatient appointments cancelled or postponed" and
        "Appointments cancelled"), or by a specific attribute they share (not one that says
        only "a duration", "a count")."""
        if same_quantity(a.doc, b.doc, self.event_terms(event_id)) or \
                a.doc.attribute == b.doc.attribute not in (None, *KIND_ONLY_ATTRIBUTES):
            return True
        la, lb = (label_base_terms(h.doc.label) if h.doc.label else frozenset() for h in (a, b))
        return bool(la and lb) and len(la & lb) / len(la | lb) >= LABEL_OVERLAP

    @staticmethod
    def _form_kind_leads(q: Query, best: Hit, rival: Hit) -> bool:
        """Whether the best fact is of the kind the question's form asks for ("when": a
        time, "where": a place) and the rival only mentions one in its sentence: then the
        rival does not contest it."""
        kind = FORM_KINDS.get(q.answer_type)
        return kind is not None and best.doc.kind == kind and rival.doc.kind != kind

    def _quoted_lead(self, q: Query, hits: list[Hit]) -> Hit | None:
        """For "who said 'X'": the one statement among the best few whose quote (or
        sentence) has the asker's quotation word for word. Words quoted exactly are the
        surest sign of which statement is meant; two that have them leave it to scores."""
        if q.answer_type not in (AnswerType.WHO, AnswerType.STATEMENT, AnswerType.ANY) \
                or len(q.quotation.split()) < QUOTATION_WORDS:
            return None
        best = sorted(hits, key=lambda h: h.score, reverse=True)[:QUOTED_READ]
        facts = self.index.full(h.doc for h in best if h.doc.kind in ("statement", "claim"))
        said = [h for h in best if (f := facts.get(h.doc.id)) is not None and f.speaker
                and f" {q.quotation} " in f" {normalize(f.quote or '')} {normalize(f.text)} "]
        return said[0] if len(said) == 1 else None

    def _at_event_moment(self, q: Query, best: Hit, rival: Hit, event: Event | None) -> bool:
        """Whether, of two time facts tied for "what time did it start", the best is the
        moment the event itself is dated to and the rival is not: the event's own time
        answers a question that names nothing else ("power starts returning" at 02:15
        does not contest the blackout's 20:41). Likewise, of two places tied for "where
        did it happen", the one that is where the event is placed ("Varenna Boulevard,
        Dolny Most district"), not the shelter's gym."""
        if event is None or best.doc.kind != rival.doc.kind:
            return False
        if q.answer_type is AnswerType.PLACE and best.doc.kind == "place" and event.where \
                and not q.content:
            facts = self.index.full([best.doc, rival.doc])
            where = {stem(w) for w in normalize(event.where).split()} - STOPWORDS
            shares = [len(where & {stem(w) for w in normalize(f.place or "").split()})
                      / len(where) for f in (facts.get(best.doc.id), facts.get(rival.doc.id))
                      if f is not None]
            return len(shares) == 2 and shares[0] >= EVENT_PLACE_SHARE > shares[1]
        if q.answer_type is not AnswerType.TIME or event.when is None \
                or best.doc.kind != "time" or q.future:
            return False  # ("when will it reopen": not when it happened)
        facts = self.index.full([best.doc, rival.doc])
        moment = [f.time is not None and f.time == event.when
                  for f in (facts.get(best.doc.id), facts.get(rival.doc.id)) if f is not None]
        return moment == [True, False]

    def _names_only(self, q: Query, event_id: str) -> bool:
        """Whether every content word of the question is a word of the event's name ("what
        year was the last *crisis*"), so that it asks of the event itself, not of one thing
        in it ("the last proper *magnet test*")."""
        ev = self.index.events.get(event_id)
        words = [t for t in q.content if t.kind is TermClass.CONTENT]  # (phrases: their words)
        return ev is not None and bool(words) and all(
            not t.alternatives.isdisjoint(ev.name_terms) for t in words)

    def _told_by(self, lead: Doc, th: Thresholds) -> Decision:
        """The event asked of as a whole, answered by the fact that tells it."""
        return Decision("answer", Reason.ANSWERED, facts=[Hit(lead, th.answer, 1.0)],
                        event=self._event(lead.event), confidence=th.answer)

    def _overview(self, q: Query, hits: list[Hit], named: list[str], guild_id: int | None,
                  context: str | None, names_only: bool = False) -> Doc | None:
        """For "what happened": the fact of the asked event that says most of its title
        (the moderator's one-line summary), when every word the question asks is that
        fact's or the event's name ("what happened with north korea"; ``names_only``: the
        event's name alone). The event is the one named, else the conversation's, else the
        best hit's, else the only one there is; an earlier event a report recalls is asked
        only by name."""
        if named:
            event_id: str | None = named[0] if len(named) == 1 else None
        elif context is not None:
            event_id = self._report_of(context)
        elif hits:
            event_id = self._report_of(max(hits, key=lambda h: h.score).doc.event)
        else:
            mains = [e for e in self.index.recent_events(guild_id) if not self._is_background(e)]
            event_id = mains[0] if len(mains) == 1 else None
        ev = self.index.events.get(event_id) if event_id is not None else None
        title = frozenset(self.index.analyzer.name_terms(ev.event.title)) if ev else None
        if ev is None or not title:
            return None
        docs = self.index.event_docs(ev.event.id, guild_id)
        lead = max(docs, key=lambda d: (len(d.terms & title), d.rank, d.id), default=None)
        if lead is None or len(lead.terms & title) * 2 < len(title):
            return None  # (no fact tells the event as its title does)
        told = ev.name_terms if names_only else lead.terms | ev.name_terms
        if any(t.alternatives.isdisjoint(told) for t in q.content
               if t.kind is TermClass.CONTENT):
            return None  # "what happened at the ministry building": a part of it is asked
        return lead

    def _earlier_event_lead(self, hits: list[Hit], guild_id: int | None,
                            kind: str | None = None) -> Hit | None:
        """When the best hit's main event has one background event, that event's fact that
        says most of its title ("In July 2011, 23 inmates got out of Harbour Road prison"),
        of the kind asked ("where was that": its place); None when there are none or
        several."""
        best = self.index.events.get(hits[0].doc.event)
        if best is None:
            return None
        found = self._earlier_lead_of(best.main or best.event.id, guild_id, kind)
        if found is None:
            return None
        lead, share = found
        return Hit(lead, max(h.score for h in hits), share)

    def _earlier_lead_of(self, main_id: str, guild_id: int | None,
                         kind: str | None = None) -> tuple[Doc, float] | None:
        """The fact of a main event's one background event that says most of its title,
        and the share of the title it says; None when it has none or several."""
        earlier = [ev for ev in self.index.backgrounds if ev.main == main_id]
        if len(earlier) != 1:
            return None
        docs = [d for d in self.index.event_docs(earlier[0].event.id, guild_id)
                if kind is None or d.kind == kind]
        title = earlier[0].title_terms
        lead = max(docs, key=lambda d: len(d.terms & title), default=None)
        if lead is None or not lead.terms & title:
            return None
        return lead, len(lead.terms & title) / len(title)

    def _only_earlier_event(self, guild_id: int | None, th: Thresholds) -> Hit | None:
        """"Has this happened before?", asking nothing else: when of the events one can see
        only one recalls an earlier event, the fact that tells that one."""
        mains = {ev.main for ev in self.index.backgrounds
                 if ev.main and self.index.event_visible(ev.event.id, guild_id)}
        if len(mains) != 1:
            return None
        found = self._earlier_lead_of(mains.pop(), guild_id)
        return None if found is None else Hit(found[0], th.answer, found[1])

    @staticmethod
    def _other_end(q: Query, best: Hit, in_event: list[Hit], th: Thresholds) -> Hit | None:
        """For "the latest" when the best figure's label calls it the first ("Miners trapped
        (company's first figure)"), or the reverse: the figure of the same attribute, close
        behind it, given at the asked end ("Miners cut off in the damaged section",
        Thursday), whose label words differ too much to be called one quantity."""
        if q.recency is Recency.ANY or best.doc.kind != "measurement" \
                or best.doc.attribute is None:
            return None
        wrong_end = FIRST_WORDS if q.recency is Recency.LATEST else LATEST_WORDS
        if _label_words(best).isdisjoint(wrong_end):
            return None
        dims = best.doc.features & _DIMS
        others = [h for h in in_event if h is not best and h.doc.kind == "measurement"
                  and h.doc.attribute == best.doc.attribute
                  and (h.doc.features & _DIMS) == dims
                  and _label_words(h).isdisjoint(wrong_end)
                  and h.score >= best.score - th.group_margin
                  and h.doc.as_of is not None and best.doc.as_of is not None
                  and (h.doc.as_of > best.doc.as_of if q.recency is Recency.LATEST
                       else h.doc.as_of < best.doc.as_of)]
        return max(others, key=lambda h: h.score, default=None)

    def _revised_among_tied(self, best: Hit, in_event: list[Hit], th: Thresholds
                            ) -> Hit | None:
        """Of the measurements tied with the best, the best of the one quantity that has
        several figures (a revised or disputed one), when only one quantity has; else None."""
        ev_terms = self.event_terms(best.doc.event)
        tied = [h for h in in_event if h.score >= best.score - th.margin
                and h.doc.kind == "measurement"]
        if len(tied) < 2:
            return None
        series = [h for h in tied if any(o is not h and same_quantity(h.doc, o.doc, ev_terms)
                                         for o in in_event)]
        if not series or any(not same_quantity(series[0].doc, h.doc, ev_terms)
                             for h in series[1:]):
            return None
        return series[0]

    def _of_the_given_figure(self, q: Query, best: Hit, in_event: list[Hit]) -> Hit:
        """"police first said 2k at the march, what now": the figure the asker gives says
        which quantity is asked (the crowd, not the arrests at the march); the best other
        figure of that quantity answers, when the question's words fit it at all."""
        if q.given_figure is None or best.doc.kind != "measurement":
            return best
        given = [h for h in in_event if h.doc.kind == "measurement"
                 and gives_only(h.doc.features, q.given_figure)]
        ev_terms = self.event_terms(best.doc.event)
        if not given or best in given or any(same_quantity(best.doc, g.doc, ev_terms)
                                             for g in given):
            return best
        return next((h for h in in_event if h not in given and h.score >= SUGGESTION_FLOOR
                     and any(same_quantity(h.doc, g.doc, ev_terms) for g in given)), best)

    def _allied(self, q: Query, h: Hit, group: list[Hit]) -> bool:
        """Whether a hit outside the answer says the same kind of thing, so it does not
        contest it: another figure of the same quantity, or (for "who is X", "what did X
        say") another fact by the same speaker."""
        if any(same_quantity(h.doc, g.doc, self.event_terms(h.doc.event)) for g in group):
            return True
        if q.answer_type in OPEN_FORMS and h.coverage >= group[0].coverage - COVERAGE_TIE and \
                h.doc.kind in ("claim", "statement"):
            return True  # "has X been fined before": two fines answer it together
        if q.answer_type is AnswerType.ROLE and h.coverage >= group[0].coverage - 1e-9:
            return True  # several sentences that name the person: the best one answers
        if not q.dimensions and any(_two_figures_of_one_thing(h.doc, g.doc) for g in group):
            return True  # "stock index close? how bad": its level and its fall, together
        if q.answer_type in (AnswerType.ROLE, AnswerType.STATEMENT) or (
                q.answer_type is AnswerType.REASON and q.speaker):  # ("why does X say")
            return h.speaker_match >= 0.75 and any(
                h.doc.speaker and h.doc.speaker == g.doc.speaker for g in group) or (
                q.answer_type is AnswerType.STATEMENT and h.speaker_match >= 0.75)
        return False

    def _group(self, q: Query, best: Hit, in_event: list[Hit], th: Thresholds) -> list[Hit]:
        """The facts that answer together: the best one's revised or competing figures
        (latest first, or the one "latest"/"first" picks), or more statements by the same
        speaker."""
        said = q.answer_type is AnswerType.STATEMENT or (
            q.answer_type is AnswerType.REASON and bool(q.speaker))  # "why does X say"
        if q.answer_type is AnswerType.ROLE:
            return [best]  # "who is the NCPS director": the person, not their figures
        if said:
            same = [h for h in in_event if h.speaker_match >= 0.75 and h.doc.kind in (
                "statement", "claim") and h.score >= best.score - th.group_margin / 2
                and (h is best or q.answer_type is not AnswerType.REASON
                     or "cause" in h.doc.features)]  # (their reasons, not all they said)
            return (same or [best])[:MAX_ANSWER_FACTS]
        ev_terms = self.event_terms(best.doc.event)
        # every figure of the best fact's quantity answers, whatever words each one uses
        members = [h for h in in_event if h is best or same_quantity(best.doc, h.doc, ev_terms)]
        if len(members) > 1 and q.according:  # "according to the utility": its figure only
            members = [h for h in members if source_match(q, h.doc) == 1.0] or members
        if q.given_figure is not None:  # "the latest, not the 87": every figure but that
            members = [h for h in members
                       if h is best or not gives_only(h.doc.features, q.given_figure)]
        if len(members) > 1 and best.doc.label:
            # "the cordon after they extended it": the figure whose label says so ("Extended
            # cordon"), not the "Initial cordon" it revised
            asked = {a for t in q.content for a in t.alternatives}
            labels = {h.doc.id: _label_stems(h) for h in members}
            telling = (asked & labels[best.doc.id]) - frozenset.intersection(*labels.values())
            if telling:
                members = [h for h in members if telling <= labels[h.doc.id]] or members
        hours = frozenset(a for t in q.terms if t.term.startswith(HOUR_TERM_PREFIX)
                          for a in t.alternatives)
        if len(members) > 1 and hours:  # "how many were evacuated by 9pm": that figure
            members = [h for h in members if not hours.isdisjoint(h.doc.terms)] or members
        named_source = q.asked_terms & best.doc.speaker_terms - ev_terms
        if len(members) > 1 and q.recency is not Recency.ANY and named_source:
            # "the prosecutors' first damage figure", "the health ministry's latest number":
            # the first or latest of the figures of the source the question names
            members = [h for h in members if named_source <= h.doc.speaker_terms] or members
        if len(members) > 1 and q.recency is not Recency.ANY:
            # a figure with no time and no word that dates it ("closing arguments") is
            # neither the first nor the latest of dated ones ("original indictment", June)
            members = [h for h in members if h.doc.as_of is not None or _dated_by_label(h)] \
                or members
        if len(members) > 1:
            members.sort(key=_as_of, reverse=True)
            if q.recency is Recency.LATEST:
                members = members[:1]
            elif q.recency is Recency.FIRST:
                members = members[-1:]
        return members[:MAX_ANSWER_FACTS + 2]
