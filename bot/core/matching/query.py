"""Question -> :class:`Query`: what is asked, in the index's terms.

Only English grammar is code here: question forms ("how many", "when", "what did X say"),
the dimensions that "how fast/far/hot" ask for, the words that pick the latest or the first
figure. Chat shorthand, filler, synonyms and phrases come from the lexicon; typo correction
uses the index's own vocabulary and, to tell a typo from a real word, English word
frequencies (``wordfreq``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

from rapidfuzz.distance import OSA

from bot.core.lexicon import Lexicon
from bot.core.matching.analyzer import (
    LEADER_WORD,
    Analyzer,
    attribute_term,
    hour_term,
    value_feature,
)
from bot.core.matching.spelling import ENGLISH_WORD_ZIPF, Speller
from bot.core.text import (
    CHANGE_WORDS,
    FIRST_WORDS,
    FUNCTION_WORDS,
    LATEST_PHRASES,
    LATEST_WORDS,
    LIGHT_WORDS,
    NUMBER_WORDS,
    PREVIOUS_EVENT_PHRASES,
    QUESTION_WORDS,
    SOMEONE_WORDS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    STOPWORDS,
    can_be_verb,
    english_zipf,
    lemma,
    lemma_forms,
    normalize,
    picks_an_extreme,
    spelling_variants,
    stem,
    word_classes,
)
from bot.core.timezones import AskedZone, ZoneNames
from bot.core.units import UNITS, resolve_unit, scale_factor, spell_lone_signs

# an unknown long word stands for indexed words that share this much of its beginning
KIN_MIN_LETTERS = 8
KIN_MIN_SHARED = 6
KIN_SHARE = 0.6
MAX_NGRAM = 4
_SUBJECT_PRONOUNS = frozenset({"they", "he", "she", "it", "we", "you", "i"})


class AnswerType(StrEnum):
    """The kind of answer a question's form asks for."""

    ANY = "any"
    NUMBER = "number"  # how many / how much
    QUANTITY = "quantity"  # a figure of a given dimension: how fast, how far, what percent
    TIME = "time"  # when, what time, what date
    PLACE = "place"  # where
    STATEMENT = "statement"  # what did X say
    ROLE = "role"  # who is X
    WHO = "who"  # who did Y
    REASON = "reason"  # why


class Recency(StrEnum):
    ANY = "any"
    LATEST = "latest"
    FIRST = "first"


class TermClass(StrEnum):
    CONTENT = "content"
    LIGHT = "light"
    PHRASE = "phrase"


@dataclass(frozen=True)
class QueryTerm:
    word: str  # as typed (after shorthand and correction)
    term: str  # its index term
    alternatives: frozenset[str]  # the term and its synonyms' terms
    kind: TermClass = TermClass.CONTENT
    choice: bool = False  # one of the two things "A or B" offers (weighs 0 when no fact has it)
    # an everyday word that here says which count ("*still* in hospital"): when no fact has
    # it, it weighs as a rare word, not as the everyday one it is
    telling: bool = False


@dataclass
class Query:
    """What a question asks, after normalisation."""

    text: str
    words: list[str]
    terms: list[QueryTerm] = field(default_factory=list)
    answer_type: AnswerType = AnswerType.ANY
    dimensions: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()  # attributes whose cues the question uses
    speaker: list[QueryTerm] = field(default_factory=list)  # "what did *the mayor* say"
    unit: str | None = None
    unit_also: bool = False  # "in dollars too if u can": the figure is asked, and the unit too
    recency: Recency = Recency.ANY
    previous_event: bool = False
    asks_year: bool = False  # "what year", "which year": a year in a sentence answers
    # "how much is the search costing per day": a figure for each day, which a total is not
    per: str | None = None
    # "how many sites per country on avg": the thing a figure is shared out over (its stem)
    per_thing: str | None = None
    asks_day: bool = False  # "what day", "which date": a month or a year alone does not
    future: bool = False  # "when will they do the test": a time ahead is asked
    # "did choe say what nk would do": whether X said it, by its question word ("what")
    asks_if_said: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    clock: bool = False  # "what time": a clock time, not just a day
    described: bool = False  # "who is the leader of X": a role described, not a name
    leads: bool = False  # "who runs X": X's leader (a sentence saying who leads X tells)
    form_words: frozenset[str] = frozenset()  # words read as the form, matched to no fact
    unknown: list[str] = field(default_factory=list)  # rare English words no fact has
    # "how many trains didnt leave": the count of those that did not, which a figure of
    # those that did is not
    negated: bool = False
    year_scope: str | None = None  # "in 2022" / "this year": a whole year is asked about
    counted: str | None = None  # "how many *workers*": the thing a figure must count
    # "how many are in *shelters*": where those counted are, so not what is counted (the
    # count of shelters does not answer)
    located: str | None = None
    according: list[QueryTerm] = field(default_factory=list)  # "according to *the union*"
    # "police vs organisers": the one word each side of "vs", which may name two sources
    # whose figures of one quantity are then given side by side (or name two things)
    versus: list[QueryTerm] = field(default_factory=list)
    asks_count: bool = False  # "how many": a count, not a distance or a sum of money
    asks_amount: bool = False  # "how much did the index drop": an amount, not how long
    zone: AskedZone | None = None  # "what time was it *in tokyo*": show the time there
    # "what time is that *in morvania*": a place no zone table knows; the facts may say
    # ("1 p.m. Morvanian time"), which the matcher looks up
    zone_place: str | None = None
    zone_place_words: tuple[str, ...] = ()  # the words that name it: "on the morvanian side"
    asks_name: bool = False  # "which countries sent teams", "the name of the worker"
    # "what is the firm called": the thing whose name is asked (its term and synonyms'),
    # which a name must stand beside
    name_of: frozenset[str] = frozenset()
    head: str | None = None  # "what is the *population* of X": what a fact must be about
    head_only: bool = False  # the head, not an attribute its cue asks, must be in the fact
    # "the population of *Varda* province", "*castrevia's* population": a name whose H is
    # asked; a fact must name it itself (its event's names are not enough)
    owner: tuple[frozenset[str], ...] = ()
    overview: bool = False  # "what happened": the event as a whole
    # "how long was carrowby *airport* shut": the common noun the owner's name names; a fact
    # that has it, in an event of that name, is about the named thing
    owner_kind: frozenset[str] | None = None
    compares: bool = False  # "why are the two counts different": the figures, explained
    sides: bool = False  # "both sides estimates pls": each source's figure, however far behind
    # "was it short range or long range": the words a fact must have one of
    choices: tuple[frozenset[str], ...] = ()
    yes_no: bool = False  # "did it hit japan", "is the harvest ruined"
    naming: bool = False  # "what did X call the allies": the words X used for them
    asks_thing: bool = False  # "what did nk launch": the thing, not when or where
    several: bool = False  # "which militaries condemned it": more than one is asked for
    difference: bool = False  # "how much farther did it go than it went up": A minus B
    ratio: bool = False  # "how many times farther did it go than it went up": A over B
    # "how many tonnes apart are the company and the coast guard": two named sources' gap,
    # else (no two sources' figures) a distance ("how many km apart are the two towns")
    apart: bool = False
    # "how many km/h over the limit was it": the terms of the figure the asked one is
    # measured against ("limit"), one side of the difference
    against: frozenset[str] = frozenset()
    # "how long between the two blasts", "how long was it leaking before they shut it": the
    # time from one reported moment to another, which two times may give
    elapsed: bool = False
    # "how many new claims between the 9am and afternoon update", "how many more bodies
    # after the first count": a revised figure's rise, the later count less the earlier
    revision_asked: bool = False
    figure_moved: bool = False  # "why did the count jump": why a figure was revised
    two_things: bool = False  # "the two blasts", "both": two of one kind of thing
    total: bool = False  # "how many patients did the hospitals get total": all of them
    # the words of the two moments, in the question's order ("was ammonia leaking" and "they
    # isolated the line"); one set twice for "the two blasts"
    elapsed_sides: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    action: str | None = None  # "who *designed* the bridge": what the person asked did
    quoted: frozenset[str] = frozenset()  # words the asker quotes (someone's, naming nothing)
    past: bool = False  # it asks what happened ("how much rain fell"), not what is expected
    ahead: bool = False  # it asks what is expected ("is more rain coming"), not what fell
    quotation: str = ""  # the longest run of them, as read ("the last time")
    # a figure the question gives, so not the one it asks for: the whole of "how many of the
    # 17 dead", another source's "red cross says 45 missing, what does the agency say"
    given_figure: str | None = None
    cued_counts: frozenset[str] = frozenset()  # count attributes its words cue ("evacuated")
    # "not just starters", "besides sk": each ruled-out word's terms (and its synonyms')
    excluded: tuple[frozenset[str], ...] = ()

    @cached_property
    def asked_terms(self) -> frozenset[str]:
        """Every index term the question's terms stand for (read once per question)."""
        return frozenset(a for t in self.terms for a in t.alternatives)

    @cached_property
    def asked_values(self) -> frozenset[str]:
        """The value features of the figures the question names ("who gave the 38 number")."""
        return frozenset(value_feature(float(t.word)) for t in self.terms
                         if is_number(t.word))

    @cached_property
    def asked_speaker(self) -> frozenset[str]:
        return frozenset(a for t in self.speaker for a in t.alternatives)

    @cached_property
    def telling_terms(self) -> tuple[QueryTerm, ...]:
        """Terms a fact must have to answer at all ("still" in "still in hospital")."""
        return tuple(t for t in self.terms if t.telling)

    @cached_property
    def content(self) -> list[QueryTerm]:
        """The terms that are not light words (read once the question is read)."""
        return [t for t in self.terms if t.kind is not TermClass.LIGHT]


# --- question forms (English grammar) -----------------------------------------------------

_AUX = r"(?:did|does|do|has|have|had|is|was|are|were|will|would|can|could)"
_SPEECH = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# "what word did X use": the words the question uses to ask what X called something
_WORD_NOUNS = frozenset("word words term terms name phrase expression".split())
_WORD_VERBS = frozenset("use used pick picked choose chose give gave".split())
_STATEMENT_FORMS = tuple(re.compile(p) for p in (
    rf"\b(?:what|how) {_AUX} (?P<x>(?:\w+ ){{0,8}}?\w+) (?:{_SPEECH})\b",
    r"\b(?:what|how) (?:is|was|are|were) (?P<x>(?:\w+ ){0,5}?\w+) (?:saying|telling|claiming|"
    r"warning|arguing|thinking)\b",
    rf"^{_AUX} (?P<x>(?:\w+ ){{0,5}}?\w+) (?:say|said|comment|respond|react|speak)(?:s|ed|ing)?"
    r"\b",  # ("was choe's statement the first reaction": no one reacted)
    # ("what was in the joint statement from the 3 leaders": whose it was, named after it,
    # before the words in front of it)
    r"\b(?:"
    + "|".join(STATEMENT_NOUNS) + r") (?:of|from|by) (?P<x>(?:\w+ ){0,5}\w+)$",
    r"\b(?:what|how) (?:is|was|are|were) (?P<x>(?:\w+ ){0,5}?\w+) (?:"
    + "|".join(STATEMENT_NOUNS) + r")\b",
    r"^(?P<x>(?:\w+ ){0,4}\w+) (?:" + "|".join(STATEMENT_NOUNS) + r")$",
    rf"^(?P<x>(?:\w+ ){{0,4}}?\w+) (?:{_SPEECH}) what\b",  # "orsk said what about it"
    # "what word did choe use for america's allies": what they called it
    rf"\bwhat (?:{'|'.join(sorted(_WORD_NOUNS))}) {_AUX} (?P<x>(?:\w+ ){{0,5}}?\w+) "
    rf"(?:{'|'.join(sorted(_WORD_VERBS))})\b",
))
# the forms that find what was said by a noun ("the reaction from japan", "choe's statement")
_NOUN_STATEMENT_FORMS = _STATEMENT_FORMS[3:6]
# "what is the firm called": its name is asked (passive), not what someone called something
_WHAT_IS_CALLED_RE = re.compile(r"\bwhat (?:is|was|are|were) (?P<x>(?:\w+ ){1,6}?)"
                                r"(?:called|named)(?: again| now)?$")
_THE_REPORT_RE = re.compile(r"\b(?:according to|acc to|per|in|from|by) (?:the|this|that) "
                            r"(?:article|report|story|piece|news|wire)\b")
# a small number's digits -> its word's term ("3" -> "three"); "dozen" is no "12" here
_SPELLED_NUMBERS = {str(n): stem(w) for w, n in NUMBER_WORDS.items() if n <= 20
                    and w != "dozen"}
# words before a two-digit year: "in 71", "since 09", "back in 98"
_YEAR_BEFORE = frozenset("in since from until till by of before after".split())
_MEASURE_OF_RE = re.compile(r"\bhow (?:many|much) \w+ of\b")
_PRONOUNS = frozenset("they he she it them him her".split())
# "the leaders *at* the summit": where someone was, not part of what they are called
_OCCASION_PREPOSITIONS = frozenset("at during".split())
# "whos dead", "who was hurt", "who got arrested": the people in that state, by name
_WHO_STATE_RE = re.compile(r"^(?:who|whos)(?: is| was| are| were| got| has been| have been|"
                           r" had been)? (?:dead|died|killed|injured|hurt|wounded|missing|"
                           r"arrested|detained|trapped|stranded|rescued|evacuated)\b")
_ROLE_FORMS = tuple(re.compile(p) for p in (
    r"^who (?:is|was) (?!the |a |an |in |on |at |to |behind |responsible |leading |running |"
    r"in charge )(?P<x>[a-z0-9 ]+?)$",
    r"^(?:what|which) (?:is|was) (?P<x>.+?) (?:job|role|title|position|post)\b",
    r"^what does (?P<x>.+?) do$",
    r"^who (?:is|was|are|were) (?:the|their|its) (?P<x>(?:\w+ ){0,6}\w+)$",
))
# "who runs the NCPS", "who is chairing the inquiry", "who is the head of X": the person
# who leads X, named as its leader or in a sentence that says they lead it
_LEADS_RE = re.compile(
    r"^(?P<who>who|which (?:guy|man|woman|person|official|one)) (?:is |was |s )?"
    r"(?P<verb>leads|leading|led|heads|heading|headed|chairs|chairing|chaired|runs|running|"
    r"ran|directs|directing|directed|commands|commanding|commanded|in charge (?:of|at|for)|"
    r"(?:the|their|its) (?:head|leader|chief|boss|chair|director) of) (?P<x>(?:\w+ ){0,5}\w+)$")
# "why did it go down *if they're still digging*": a clause that says why the asker wonders
# "why is china relevant here", "why does japan matter": what part it has in the story
_WHY_RELEVANT_RE = re.compile(r"^why (?:is|are|was|were|does|do) (?:\w+ ){1,3}?(?P<a>relevant|"
                              r"important|involved|significant|matter|matters|mentioned)\b")
_CONCESSIVE_RE = re.compile(r"(?<=\w) (?:if|though|although|even though|even if|while|when "
                            r"(?:they|we|it|he|she|you|u) (?:are|were|r|is|was))\b "
                            r"(?P<aside>.+)$")
# the words that follow "how" in a question
_HOW_WORDS = ("many", "much", "far", "high", "tall", "deep", "long", "wide", "big", "fast",
              "old", "heavy", "large", "close", "hot", "cold", "bad", "often", "come", "did",
              "does", "do", "is", "was", "are", "were", "can", "could", "will", "would")
# words that end a subject: a preposition's phrase ("see water *over* the top"), a
# determiner before a noun ("its last full check")
_CLAUSE_BREAKS = frozenset("over under in on at to from with by for of into onto after "
                           "before about".split())
_DETERMINERS = frozenset("the a an its their his her this that these those our my your".split())


def _bare_subject(ws: list[str]) -> bool:
    """Whether words are a subject alone ("selka 1", "the harbour pump station"), so a verb
    after them is the question's: no verb, preposition or second determiner among them,
    and no adjective last that needs a noun after it."""
    if not ws or any(is_verb_form(w) or lemma(w) != w and "VERB" in lemma_forms(w)
                     or w in _CLAUSE_BREAKS or w in SPEECH_VERBS for w in ws) \
            or any(w in _DETERMINERS for w in ws[1:]):
        return False  # ("the cable got its last full check": a clause, not a subject)
    classes = word_classes(ws[-1])
    return "NOUN" in classes or "ADJ" not in classes


# "100m", "40secs": a figure glued to its unit
_GLUED_QUANTITY_RE = re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<u>[a-z]+)")
# units whose names a sentence spells out ("seconds", "metres"); not sums of money ("m" is
# also millions)
_SPELLED_UNIT_DIMENSIONS = frozenset({"length", "duration", "mass", "area", "volume", "speed",
                                      "temperature"})
SHORTHAND_TYPO_MIN_LETTERS = 5  # a shorter chat spelling is too near too many words
COMPOUND_MIN_TAIL = 4  # "statemet" is a typo of "statement", not "state" and "met"
COMPOUND_MIN_LENGTH = 6  # a shorter word run together from two is too often a real one
# what is left of a contraction ("we're", "they've"): no word that begins a compound
# ("reactive" is not "re active")
_CONTRACTED = frozenset("re ve ll s t d m".split())
COMPOUND_MAX_ZIPF = 3.6  # an English word this common is a word of its own ("highway")
# "..., ngl sounds like an excuse", "... seems sus": what the asker makes of it
_COMMENT_RE = re.compile(r"(?:^|\s)(?:(?:ngl|tbh|imo|lol|lmao|honestly)\s+)?(?:it\s+|that\s+|"
                         r"this\s+)?(?:seems|sounds|looks|feels)\s+(?:like|so|kinda|pretty|"
                         r"really|very|sus|fishy|weird|wild|odd|off|bad|low|high)\b.*$")
COMMENT_AFTER_WORDS = 3  # a comment follows a question of at least this many words
# "the 15th": a day of the month as people write it
_DAY_ORDINAL_RE = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")
# "union boss name?", "whats the name of the agency head": who holds that role
_ROLE_NAME_RE = re.compile(r"^(?:what is )?(?:the )?(?:(?P<x>(?:\w+ ){0,4}?\w+) name|name of "
                           r"(?:the )?(?P<y>(?:\w+ ){0,4}?\w+))$")
_SAID_CAUSE_RE = re.compile(r"\bwhat (?:did|does|do|has|have) (?P<x>(?:\w+ ){0,4}?\w+) "
                            r"(?:(?:say|says|said|think|thinks|believe|believes|reckon|reckons)"
                            r" (?:caused|causes|led to|triggered|was behind|is behind)|"
                            r"blame (?:it |this |that |the \w+ )?on|"  # "what did X blame it on"
                            r"put (?:it|this|that) down to|attribute (?:it|this|that) to)\b")
# "how did the company explain the lower figure", "whats the clubs explanation for the two
# extra names": the reason they give, as "why does X say" asks it
_EXPLAINED_RE = re.compile(r"\bhow (?:does|did|do|would|will|can|could|has|have) "
                           r"(?P<x>(?:\w+ ){0,4}?\w+) (?:explain|justify|account for)\b|"
                           r"\bwhat (?:is|was|s) (?:the )?(?P<y>(?:\w+ ){0,3}?\w+?)(?: s)? "
                           r"(?:explanation|excuse|justification) (?:for|of)\b")
_REASON_SAID_RE = re.compile(r"\bwhy (?:does|did|do|would|will) (?P<x>(?:\w+ ){0,4}?\w+) "
                             r"(?:say|says|said|claim|claims|argue|argues|insist|insists)\b")
_DIFFER_RE = re.compile(r"\b(?:differ|differs|differed|different|difference|differences|"
                        r"discrepancy|discrepancies|disagree|disagrees|not match|dont match|"
                        r"do not match|does not match|mismatch|(?:higher|lower|bigger|smaller|"
                        r"larger) than)\b")
# "mayor vs ncpa figures", "what are the two numbers": two sources' figures side by side
_VERSUS_RE = re.compile(r"\b(?:vs|versus)\b|\bcompared (?:to|with)\b|\b(?:both|the two|their) "
                        r"(?:numbers|figures|counts|estimates|tallies|totals)\b")
# "both sides estimates pls", "seeing different numbers everywhere": each source's figure
# of one thing is asked, side by side (words of no fact)
_SIDES_RE = re.compile(r"\b(?:both|each|either|the two) sides?(?: s)?\b|\b(?:different|differing|"
                       r"conflicting|competing|contradictory|both|two) (?:numbers|figures|counts|"
                       r"estimates|totals|tallies|versions|accounts)\b"
                       # "airport vs cops, who says what": each side's account
                       r"|\bwho(?: is)? (?:says|saying|said|claims|claiming) (?:what|which)\b")
# "the nk official", "the defence ppl", "the sk defense side": someone of what the other
# words name (in a speaker's description only; elsewhere "officials" may be what is counted)
_SOMEONE_OF_WORDS = frozenset("official officials person people ppl folks side camp".split())
# "whos the man blaming X": someone, described only by what they did
_PERSON_WORDS = frozenset("man woman person one people ppl".split())
# "how long *between* the two blasts", "how long was it leaking *before* they shut it": a
# time from one moment to another
_ELAPSED_RE = re.compile(r"\b(?:between|after|before|from|until|till|later|earlier)\b")
# "total", "altogether", "in all": every part counted together
TOTAL_RE = re.compile(r"\b(?:total|totals|totally|altogether|all together|combined|in all|"
                      r"overall)\b")
_THE_TWO_RE = re.compile(r"\b(?:the two|the 2|both)\b")
_ELAPSED_CUES = ("after", "before", "until", "till", "later", "earlier")
_ELAPSED_TO = ("to", "until", "till")
_ELAPSED_AUX = frozenset("was were did do does is are had has".split())


def _elapsed_sides(ws: list[str], two_things: bool) -> tuple[frozenset[str], frozenset[str]]:
    """The words of each of the two moments a "how long" question spans: "between A and B",
    "from A to B", "A before/after/until B"; "between the two X" names one thing twice."""
    if "between" in ws:
        rest = ws[ws.index("between") + 1:]
        if "and" in rest and not two_things:
            k = rest.index("and")
            return frozenset(rest[:k]), frozenset(rest[k + 1:])
        return frozenset(rest), frozenset(rest)
    if "from" in ws:
        i = ws.index("from")
        k = next((j for j in range(i + 1, len(ws)) if ws[j] in _ELAPSED_TO), None)
        if k is not None:  # "how long did it take the police from going in to ..."
            return frozenset(ws[:k]), frozenset(ws[k + 1:])
    i = next((j for j, w in enumerate(ws) if w in _ELAPSED_CUES), None)
    if i is None:
        return frozenset(), frozenset()
    k = next((j for j in range(i + 1, len(ws)) if ws[j] in _ELAPSED_AUX), None)
    if ws[i - 1:i] == ["long"] and k is not None:
        # "how long after the gates opened was the crush reported": the cue leads the first
        return frozenset(ws[i + 1:k]), frozenset(ws[k + 1:])
    return frozenset(ws[:i]), frozenset(ws[i + 1:])
# "police vs organisers": a word each side of "vs"
# ("ncpa says what vs the health dept": what each says)
_VERSUS_SIDES_RE = re.compile(r"\b(?P<a>[a-z]+)(?: (?:says|say|said|saying) (?:what|wat))? "
                              r"(?:vs|versus) (?:the )?(?P<b>[a-z]+)\b"
                              # "company and union say different numbers": the same two
                              r"|\b(?P<a2>[a-z]+) and (?:the )?(?P<b2>[a-z]+) (?:say|said|give|"
                              r"gave|have|report|reported) (?:different|differing|conflicting) "
                              r"(?:numbers|figures|counts|estimates|totals)\b")
# "the two blackout numbers": how many figures, not whose
_HOW_MANY_WORDS = frozenset("two three both these those all different various".split())
# ... of figures someone gave ("imports vs wages" compares no sources)
_WHOSE_FIGURES_RE = re.compile(r"\b(?:numbers?|figures?|counts?|estimates?|tall(?:y|ies)|"
                               r"totals?|says|said|say|claims?|claimed|reckons?)\b")
# "what did choe call the us allies", "how did the minister describe the strike": the name
# someone gave a thing
_NAMING_RE = re.compile(r"\b(?:what|how) (?:did|does|do|has|have|had) (?:\w+ ){1,5}?(?:call|"
                        r"describe|label|dub|brand|term|refer to)\b|\bwhat (?:word|words|term|"
                        r"name|phrase|expression) (?:did|does|do|has|have|had)\b")
# "how much farther did it go than it went up", "the difference between the two": two
# figures of one kind, one less the other
_COMPARATIVES = ("farther|further|higher|deeper|longer|taller|shorter|lower|faster|slower|"
                 "heavier|lighter|hotter|colder|warmer|more|less|fewer|bigger|larger|smaller")
_DIFFERENCE_RE = re.compile(
    rf"\bhow (?:much|many) (?:\w+ )?(?P<c>{_COMPARATIVES})\b"
    r"(?=.*\b(?:than|vs|versus|compared (?:to|with))\b)|"  # ("... vs the 2009 one")
    # ("diff between", shorthand read as "different", is the difference too)
    r"\b(?:difference|gap) (?:between|in)\b|\bdifferent between\b|"
    r"\bwhat is the (?:difference|gap)\b|"
    # "how many tonnes apart are the company and the coast guard": their figures' gap
    r"\bhow (?:much|many) (?:\w+ )?(?P<apart>apart)\b|"
    # "how many km/h over the limit was it", "how much below the target": a figure less
    # the one it is measured against
    # ("how many times over the guideline": a multiple a fact states)
    r"\bhow (?:much|many) (?!times\b)(?:[a-z]+ ){0,2}(?P<over>over|above|below|under) "
    r"(?:the|its|their|his|her) \w|"
    # "how many hrs short was he of the 300 rule": the required figure less his
    r"\bhow (?:much|many) (?:[a-z]+ ){0,2}(?P<short>short)\b(?= (?:\w+ ){0,3}of (?:the|its|"
    r"their|his|her) \w)|"
    # "range minus altitude", "58 minus 34": one less the other (not "dropped to minus 14",
    # "minus 16 celsius": a figure below zero)
    r"(?:^|\s)(?!(?:to|at|of|is|was|were|be|been|about|around|reach|reached|hit|fell|"
    r"dropped|and|or|s)\s)[a-z0-9][\w.,]*\s(?P<minus>minus)\s(?!\d[\d.,]* ?(?:c|f|celsius|"
    r"fahrenheit|degrees?)\b)\w")
# "how many *new* claims between the two updates", "how many *more* died after that": the
# change of one figure between two counts (no "than": not two things compared)
# a moment of a day as chat names it: "4pm", "9:30 am", "16:00", "the morning", "noon"
_MOMENT = (r"(?:\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|morning|afternoon|evening|night|"
           r"noon|midday|midnight|dawn|lunchtime)")
_REVISION_ASKED_RE = re.compile(r"(?:\bhow (?:many|much) (?:more|new|extra|additional|further)\b|"
                                r"\bby how (?:much|many)\b)"
                                r"(?!.*\bthan\b)(?=.*\b(?:between|after|since|from|vs|versus)\b)"
                                # "how many got power back between the morning and 4pm":
                                # what changed between two moments
                                rf"|\bhow (?:many|much)\b(?=.*\bbetween (?:the )?{_MOMENT} "
                                rf"(?:\w+ )?and (?:the )?{_MOMENT}\b)")
# "by how many tonnes did it go up", "how many more km is that" after "went from x in the
# morning to y at 7pm": one figure's change over time, told by a verb of change or a "from
# ... to" (no "than": not two things compared)
_CHANGE_ASKED_RE = re.compile(r"^(?!.*\bthan\b)(?=.*(?:\bhow (?:many|much) more\b|\bby how "
                              r"(?:much|many)\b))(?=.*(?:\b(?:go|goes|went|gone|going) (?:up|"
                              r"down)\b|\b(?:rise|rises|rose|risen|fall|falls|fell|fallen|"
                              r"increase|increased|decrease|decreased|drop|dropped|climb|"
                              r"climbed|grow|grew|grown|jump|jumped|expand|expanded|widen|"
                              r"widened|extend|extended|enlarge|enlarged|raise|raised|cut|"
                              r"reduce|reduced|lower|lowered|shrink|shrank|shrunk|narrow|"
                              r"narrowed)\b|\bfrom (?:\w+ ){1,5}to\b))")
# "how many times farther than it went up", "how many x bigger than the old one": the two
# figures' ratio, not their difference
_RATIO_RE = re.compile(r"\bhow many (?:times|x) (?=(?:\w+ )?\w+er\b|more\b|less\b|fewer\b)")
# "so it went like 5x further than it went up": a ratio guessed, to be checked
_STATED_RATIO_RE = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?)(?: ?x| times) (?P<c>{_COMPARATIVES})\b(?=.*\bthan\b)")
# "how many times above normal was it", "how many x over the limit": a multiple asked
_MULTIPLE_RE = re.compile(r"\bhow many (?P<form>(?:times|x) (?:above|over|higher than|more "
                          r"than|greater than|bigger than))\b")
# "..., whats that in usd": the figure just given, in another unit
_THAT_CONVERTED_RE = re.compile(r"\b(?:whats|what is|what s|how much is|hows) (?:that|it|this)\b")
_CONVERT_WORDS = frozenset("convert converted conversion".split())
# "whats 10:48 in est" (normalised "10 48"), "7am in cet": a clock time the asker gives
# ("6:40pm" is normalised "6 40pm")
_GIVEN_CLOCK_RE = re.compile(r"\b(?:[01]?\d|2[0-3]) [0-5]\d(?:am|pm)?\b"
                             r"|\b(?:1[0-2]|0?[1-9]) ?(?:am|pm)\b")
# "navy says 38 nautical miles, thats how many miles": that figure, in another unit
_THAT_HOW_MANY_RE = re.compile(r"\b(?:thats|that s|that is|which is|its|it s) how (?:many|much)\b")
# "the margin between the top two", "the gap between them": words that say which two
_BETWEEN_WHICH_RE = re.compile(
    r"\b(?:difference|gap|margin|lead) between (?P<which>(?:the )?(?:(?:top|leading|first|"
    r"front|last) (?:two|2)|two|2|both|them|those two|these two|the two))$")
# "how far apart are their numbers", "... the cfo s and dalsgaard s kestrel 3 cost
# estimates": the gap between two figures, not a distance
_APART_RE = re.compile(r"\bhow far apart (?:are|were|is|was) (?=(?:\w+ ){0,9}(?:numbers?|"
                       r"figures?|estimates?|counts?|tall(?:y|ies)|totals?)\b)")
# "what did the fire chief say the deaths were": whose figure of what
_SAID_FIGURE_RE = re.compile(r"\b(?:what|how many|how much) (?:did|does|do) (?P<x>(?:\w+ ){0,3}?"
                             r"\w+) (?:say|said|claim|think|reckon) (?:the )?(?P<y>(?:\w+ ){0,2}?"
                             r"\w+) (?P<be>was|were|is|are)\b(?P<rest>.*)$")
# "in dollars too if u can", "also in feet": the unit is wanted besides the figure
_UNIT_ALSO_AFTER_RE = re.compile(r"\s*(?:too|as well|also|if (?:you|u) can|if possible)\b")
_UNIT_ALSO_BEFORE_RE = re.compile(r"\b(?:also|and also)\s*$")
_BARE_NUMBER_RE = re.compile(r"\b\d+(?:\.\d+)?\b")
_COMPARATIVE_DIMENSIONS = {  # (not "higher" or "lower": prices, tolls and shares are too)
    **dict.fromkeys("farther further deeper longer taller shorter".split(), "length"),
    "faster": "speed", "slower": "speed", "heavier": "mass", "lighter": "mass",
    "hotter": "temperature", "colder": "temperature", "warmer": "temperature"}
# "did it hit japan", "has this plant had an emergency before": a yes or a no is asked
_YES_NO_RE = re.compile(r"(?:is|was|are|were|has|have|had|did|does|do|will|can|could)\b")
# "the two counts", "their numbers": figures are compared, not views or events
_FIGURES_RE = re.compile(r"\b(?:numbers?|figures?|counts?|totals?|tolls?|estimates?|tall(?:y|ies)|"
                         r"stats|statistics)\b")
_WHO_FIRST_RE = re.compile(r"^(?:who|whom)\b")
_COUNT_ASKED_RE = re.compile(r"\bhow (?:many|much)\b")
_WHO_SAID_RE = re.compile(rf"^who (?:{_SPEECH}|called|described|warned|claimed|argued)\b")
_REASON_RE = re.compile(r"^why\b|\bhow come\b|\bwhat (?:caused|causes|led to|triggered|started|"
                        r"sparked|set off)\b|"
                        r"\bwhat (?:is |was |were |are )?(?:the|their|its|his|her) (?:point|"
                        r"purpose|goal|aim|objective|motive|reason)s? (?:of|for|behind)\b|"
                        r"\breason (?:for|why|behind)\b|\bwhy\b")
# "how did the two men die": what killed them (the manner of a death or an injury is its
# cause), not how many died
_HOW_HARMED_RE = re.compile(r"^how (?:did|do|does|were|was|are|is|had|have) (?:\w+ ){1,8}?"
                            r"(?:die|get killed|get hurt|get injured|killed|hurt|injured)"
                            r"(?: \w+)?$")
_WHO_RE = re.compile(r"^(?:who|whom)\b|\bby whom\b|^(?:which|what) (?:\w+ )?(?:official|"
                     r"minister|agency|company|party|person|people|group|organi[sz]ation|"
                     r"body|leader|side)s?\b")
_TIME_RE = re.compile(r"\bwhen\b|\bwhat time\b|\bwhat date\b|\bwhich date\b|\bwhich day\b|"
                      r"\b(?:what|whats|wat|wats)(?: (?:was|is|were))? the date\b|"
                      r"\b(?:what|which) weekday\b|"
                      r"\bwhat day\b|\bday of the week\b|\bwhat year\b|\bwhich year\b|"
                      r"\bwhat hour\b|\bhow long ago\b|\bby when\b|\buntil when\b|"
                      r"\btime (?:of|did|was|is|does|do|will)\b|\bwhat o clock\b|\bin utc\b")
# "what category was it *when* it came ashore": a clause, not a question of time
_SUBORDINATE_WHEN_RE = re.compile(r"^(?!(?:what|which) (?:time|date|day|year|hour)\b)"
                                  r"(?:what|which|who|how|where|did|does|do|is|was|are|were|"
                                  r"has|have|had)\b(?!.*\b(?:say|said|tell|told|know|known|"
                                  r"announce|announced|reveal|revealed) when\b).*\bwhen\b")
_CLOCK_RE = re.compile(r"\bwhat time\b|\bwhat hour\b|\bo clock\b|\bin utc\b|\btime in\b")
# "in 2022", "this year": a whole year, wider than one event unless an event is named by it
YEAR_SCOPE_RE = re.compile(r"\b(?:in|during|throughout|since|so far in) (?P<y>(?:19|20)\d\d)\b|"
                           r"\b(?:this|last|past) (?:year|yr)\b")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH_RE = re.compile(r"\b(?:" + "|".join(_MONTH_NAMES) + r")\b")
_PLACE_RE = re.compile(r"\bwhere\b|\b(?:which|what) (?:city|country|town|village|place|"
                       r"location|region|province|state|district|area|site|direction)\b")
# nouns that ask a count as "how many" does: "whats the death *toll*", "the *number of* dead"
_COUNT_NOUN_RE = re.compile(r"\b(?:toll|tolls|tally|headcount|number of|count of|(?:death|"
                            r"casualty|casualties|injury|injured|missing|dead|body|victim|evacuee|"
                            r"arrest|vote)s? counts?)\b")
_RELATIVE_RE = re.compile(r" (?:who|that|which) ")
_FUTURE_ASKED_RE = re.compile(r"\bwhen (?:will|would|is|are|r|shall)\b.*\b(?:going to|gonna|"
                              r"planned|scheduled|due|expected|happening|doing)\b|"
                              r"\bwhen (?:will|shall|can)\b|"
                              # "when do they think everyone'll be out": a time ahead
                              r"\bwhen (?:do|does) (?:\w+ ){1,3}?(?:think|expect|reckon|estimate|"
                              r"hope|plan)\b|\bwhen\b.*\b(?:ll|will|gonna)\b")
# "when did it start", "what time was the order": a time asked of what has happened
_PAST_ASKED_RE = re.compile(r"^(?:when|what time|at what time|wat time|which day|what day) "
                            r"(?:did|was|were)\b")
_PLANNED_ASKED_RE = re.compile(r"\b(?:planned|scheduled|due|expected|supposed|to be|next|"
                               r"review|reviewed)\b")
_FORECAST_ASKED_RE = re.compile(r"\b(?:forecasts?|forecasted|predict\w*|project\w*|"
                                r"outlook|expect\w*|will|gonna|going to|would|supposed)\b")
# "is more rain coming", "how much is expected": what is expected, which a forecast says
_AHEAD_RE = re.compile(r"\b(?:coming|expected|forecast|forecasts|forecasted|on the way|"
                       r"in store)\b")
_ASKS_IF_SAID_RE = re.compile(r"^(?:did|does|do|has|have|had) (?:\w+ ){1,4}?(?:say|said|"
                              r"specify|tell|explain|mention|reveal)\w* (?:\w+ )?(?P<wh>what|"
                              r"how|why|when|where|whether|who|which)\b")
_YEAR_ASKED_RE = re.compile(r"\b(?:what|which|wat|wut) (?:year|yr)\b|\bin what year\b")
_DAY_ASKED_RE = re.compile(r"\b(?:what|which|wat|wut) (?:day|date|weekday)\b|"
                           r"\b(?:what|whats|wat|wats)(?: (?:was|is|were))? the date\b|"
                           r"\bday of the week\b")
# "where did the index close", "where is the dorin trading": the level a price or an index
# stands at, not a place
_WHERE_LEVEL_RE = re.compile(r"^where (?:did|does|do|is|was|will|has|had) (?:\w+ ){1,4}"
                             r"(?:close|closed|closing|settle|settled|settling|trade|traded|"
                             r"trading)\b")
# "... any drills that day? what kind": a kind asked of something named before it
_BARE_KIND_RE = re.compile(r"\b(?:what|which) (?:kind|kinds|type|types|sort|sorts)(?: exactly)?$")
# "which militaries condemned it": which ones, a plural noun, then what they did
_WHICH_PLURAL_RE = re.compile(r"^(?:which|what) (?P<x>[a-z]+) (?!of\b)[a-z]+")
_WHICH_PLACE_RE = re.compile(r"^(?:which|what) (?:city|country|town|village|region|province|"
                             r"state|district)\b")
# ("how bad did the currency tank": by how much, a figure)
_NUMBER_RE = re.compile(r"\bhow (?:many|much|bad|badly|severe|severely)\b|\bnumber of\b|"
                        r"\bwhat number\b|\btoll\b|\b(?:count|counts|total|totals|figure|"
                        r"figures|tally|tallies|number|numbers)\b")
# "how <adjective>": the dimension the figure must have
_HOW_DIMENSIONS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"\bhow (?:fast|quick|quickly|slow|slowly)\b|\bspeed\b|\bmph\b|\bkm h\b|"
                r"\bkph\b"), frozenset({"speed"})),
    (re.compile(r"\bhow (?:far|high|tall|deep|wide|close|near)\b|\bdistance\b|\bradius\b|"
                r"\baltitude\b|\bheight\b|\blength\b"), frozenset({"length"})),
    (re.compile(r"\bhow (?:big|large|wide)\b"), frozenset({"length", "count", "area"})),
    (re.compile(r"\bhow long\b(?=.*\b(?:time|for|take|took|takes|last|lasted|lasts)\b)"),
     frozenset({"duration"})),  # "how long was it in the air, flight time": a duration
    (re.compile(r"\bhow long\b(?!.*\b(?:time|for|take|took|takes|last|lasted|lasts)\b)"),
     frozenset({"duration", "length"})),
    (re.compile(r"\bhow old\b|\bwhat age\b"), frozenset({"duration"})),  # years of age
    (re.compile(r"\bhow much (?:time|longer)\b"), frozenset({"duration"})),
    (re.compile(r"\bhow (?:hot|cold|warm)\b|\bdegrees\b|\btemperature\b"),
     frozenset({"temperature"})),
    (re.compile(r"\bhow heavy\b|\bweigh\w*\b"), frozenset({"mass"})),
    (re.compile(r"\bhow much (?:money|cash|did \w+ cost|does \w+ cost|will \w+ cost)\b|"
                r"\bcost(?:s|ing)?\b|\bdollars?\b|\beuros?\b|\bpounds sterling\b"),
     frozenset({"money"})),
    # "what was the gas price": a sum, or a price per unit ("€95/MWh", "$80 a barrel")
    # ("how much did ticket prices go up": plural prices rise by a share as often as a sum)
    (re.compile(r"\bprice\b"), frozenset({"money", "price per energy", "price per volume",
                                             "price per mass"})),
    (re.compile(r"\b(?:per|a) (?:mwh|kwh|gwh|mmbtu|(?:megawatt|kilowatt|gigawatt) hours?)\b"),
     frozenset({"price per energy"})),
    (re.compile(r"\b(?:per|a) (?:barrel|bbl|lit(?:re|er)|gallon)\b"),
     frozenset({"price per volume"})),
    (re.compile(r"\b(?:per|a) (?:tonne|ton)\b"), frozenset({"price per mass"})),
    (re.compile(r"\bpercent\b|\bpercentage\b|\bper cent\b|\bhow (?:full|empty)\b"),
     frozenset({"percent"})),  # ("how full are the dams": a share of their capacity)
    (re.compile(r"\bhow much (?:land|ground|forest)\b|\bhectares?\b|\bacres?\b|"
                r"\bsquare (?:kilomet\w+|miles?)\b"), frozenset({"area"})),
    (re.compile(r"\bvolume\b|(?<!\bper )(?<!\ba )\b(?:cubic (?:met\w+|feet)|lit(?:re|er)s?|"
                r"gallons?|barrels?)\b(?! (?:per|a) (?:sec|second|minute|hour|day)\b)"),
     frozenset({"volume"})),
    # "how many cubic metres per sec", "barrels a day": a flow, not a volume
    (re.compile(r"\b(?:cubic (?:met\w+|feet)|lit(?:re|er)s?|gallons?|barrels?) (?:per|a) "
                r"(?:sec|second|minute|hour|day)\b|\bcumecs?\b|\bcusecs?\b|\bcfs\b|"
                r"\bflow rate\b|\bbpd\b|\bmcm d\b|\bhow much (?:gas|oil|crude|water)\b.* "
                r"(?:per|a) day\b"), frozenset({"flow"})),
    # "how much pressure", "the storm's central pressure" (not "pressure on the minister")
    (re.compile(r"\bhow much pressure\b|\b(?:operating|central|barometric|atmospheric|air|"
                r"gas|water|pipeline|tank|tyre|tire|pump|design|peak|maximum|minimum|lowest) "
                r"pressure\b|\bpressure (?:readings?|levels?|drop)\b"),
     frozenset({"pressure"})),
    (re.compile(r"\bpower output\b|\bgenerating capacity\b"),  # ("how powerful": a blast too)
     frozenset({"power"})),
    # "what were the radiation levels": a dose rate; "what dose did the workers get": a dose
    (re.compile(r"\bradiation (?:levels?|readings?)\b|\bdose rates?\b|\bhow radioactive\b"),
     frozenset({"dose rate"})),
    (re.compile(r"\bdoses?\b(?! rates?\b)"), frozenset({"dose"})),
    (re.compile(r"\bvoltage\b|\bhow many (?:volts|kilovolts|kv)\b"), frozenset({"voltage"})),
    (re.compile(r"\bhow many (?:amps|amperes)\b|\bamperage\b"), frozenset({"current"})),
    (re.compile(r"\bmagnetic field\b(?! (?:change|changed|changing|rate))|"
                r"\bhow many (?:nanoteslas?|nt)\b(?! (?:per|a) (?:min|minute|sec|second)\b)"),
     frozenset({"magnetic field"})),
    # "how fast did the magnetic field change", "how many nanotesla per minute"
    (re.compile(r"\bmagnetic field (?:change|changed|changing|rate)\b|\b(?:nanoteslas?|nt) "
                r"(?:per|a) (?:min|minute|sec|second)\b"), frozenset({"magnetic field rate"})),
)
# "which countries sent teams", "what is the site called", "the name of the worker": a name
# is asked, which a sentence that names nothing ("a number of countries") does not give
_NAME_RE = re.compile(r"^which (?!(?:is|was|are|were|did|does|do|has|have|had|one|ones|day|"
                      r"days|date|time|year|month|week|level|category|stage|number|figure|"
                      r"percentage|way|side)\b)(?:\d+ )?[a-z]+|\bnames? of\b|\bcalled$|"
                      r"\bnames?$|^what (?:make|model|brand)\b|"  # "..., names?", "what make"
                      r"\bwhat (?:is|was|are|were) (?:the|its|their|his|her) names?\b|"
                      r"\bwhat (?:is|was) (?:the )?(?:\w+ ){1,3}names?\b")  # "the manager name"
# "what is the population of saltrey point": the thing asked of X
OWNER_NAME_ZIPF = 3.0  # a word rarer than this in English, in "the H of X", names X
_HEAD_RE = re.compile(r"^(?:what (?:is |was |are |were )?(?:the|its|their) (?:[a-z]+ (?=[a-z]+ "
                      r"(?:of|for)\b))?|(?:the )?(?=[a-z]+ of \w+$))(?P<h>[a-z]+) (?:of|for)\b")
# (or bare: "population of x?"; a word may come before it: "the *total* population of x")
# "how deep is lake hemzal": what the asked measure is of
_HOW_IS_RE = re.compile(r"^how [a-z]+ (?:is|was|are|were) ")
# "how many ppl were living at willowbend": whose place the count is of
_LIVING_WORDS = frozenset("live lived lives living reside resided residing".split())
_LIVING_TERMS = frozenset(stem(w) for w in "live reside resident inhabitant population".split())
_LIVING_IN_RE = re.compile(r"^how many (?:\w+ )?(?:live|lived|lives|living|are living|were "
                           r"living|reside|resided|residing) (?:in|at) (?:the )?")
# "whats kaldrias inflation rate": the last noun of what is asked is its head
_HEAD_LAST_RE = re.compile(r"^what (?:is |was |are |were )?(?:the |its |their )?"
                           r"(?:[a-z]+ ){1,3}(?P<h>[a-z]+)$")
# "did it go like 500 km or nah": a figure the asker guesses, and the words that compare it
# "in 24h format", "24 hour clock", "military time": how a clock time is to be written
_CLOCK_FORMAT_RE = re.compile(r"\b(?:in )?(?:24 ?h|24 ?hr|24 ?hour|military)(?: (?:format|time|"
                              r"clock))+\b")
_GUESS_RE = re.compile(r"\b(?P<n>\d[\d.]*) (?P<u>km|kms|kilometers|kilometres|miles|mi|meters|"
                       r"metres|m|feet|ft|mph|kph|km h|knots|kg|tonnes|tons|degrees|percent|"
                       r"hectares|ha|acres)\b")
_GUESS_BEFORE_RE = re.compile(r"\b(?:like|about|around|roughly|approx|approximately|over|under|"
                              r"nearly|almost|more than|less than|at least|at most)\s*$")
_GUESS_AFTER_RE = re.compile(r"\s*(?:\w+ )?(?:or|\?)")  # "100 km up or less", "500 km?"
COMPARISON_WORDS = frozenset("less more fewer over under above below higher lower bigger "
                             "smaller further farther longer shorter than around about roughly "
                             "approx approximately nah nope or".split())
# "what time was it in tokyo *when* it launched": words that may follow an asked zone
ZONE_CLAUSE_WORDS = frozenset("when then while after before as".split())
ZONE_PREPOSITIONS = frozenset("in to into for on".split())
# "what time is that in morvania", "... in asvel time": a place closing a clock question
_PLACE_ZONE_RE = re.compile(r"\b(?:in (?P<x>[a-z]{3,})(?: time)?|on the (?P<y>[a-z]{3,}) side)$")
_BEFORE_ZONE_NAME = frozenset("the us usa".split())  # "for (the) us east coast"
# words of the question form itself: not content
_FORM_WORDS = frozenset("time date day hour year week weekday month many much bad badly severe "
                        "severely far fast high tall deep "
                        "long length big large hot cold warm heavy quick quickly height depth "
                        "width speed temperature weight".split())
_NAME_WORDS = frozenset("name names".split())  # "who's the governor, name?"
# whom words are said to: "talking *to reporters*" says how, not what
_AUDIENCE_WORDS = frozenset("reporters reporter journalists journalist press media".split())
# "how much is it losing *a day*", "trades *per second*": a rate asked, so the period is
# a word of the figure, not of the question's form
_RATE_WORDS = frozenset("a an per each every".split())
_RATE_PERIODS = frozenset("day hour year week".split())
# form words that, in "what did X say about his *hours*", are the topic asked about
FORM_TOPIC_WORDS = frozenset("hour hours speed speeds temperature temperatures weight height "
                             "depth width length".split())
# "how do i donate to the red cross", "how can we help": the asker's own doing
_HOW_TO_RE = re.compile(r"^how (?:do|can|could|should|would) (?:i|we|u|you|people|ppl) "
                        r"(?:go about |even )?[a-z]+")
_KEEP_WORDS = frozenset("keep keeps kept keeping".split())
_NATION_WORDS = frozenset("country countries nation nations".split())
# words that only ask for a place: "where is the test site *located*", "which *country*"
PLACE_FORM_WORDS = frozenset("located situated location whereabouts country countries city "
                              "cities town towns village villages region regions province "
                              "provinces place places direction directions".split())
# verbs of a thing happening: in "what time did the blast *hit*" (nothing hit after it)
# they say only that it happened, so the time asked is the event's, whatever the fact says
TIME_EVENT_VERBS = frozenset("hit hits struck strike strikes occur occurred occurs".split())
_AFTER_EVENT_VERB = frozenset("in at on by local exactly actually".split())
# words that only ask for a reason: "what was the *point* of the summit"
REASON_FORM_WORDS = frozenset("point purpose goal aim objective motive reason reasons "
                              "points purposes goals aims objectives motives".split())
# nouns that ask for a figure of whatever the rest names: "the first *count* of dead"
FIGURE_NOUNS = frozenset("number numbers count counts figure figures total totals amount "
                         "amounts tally tallies".split())
# "how many *people*": as wide as "how many"; what they did says which figure
GENERIC_COUNTED = frozenset("people person persons individuals".split())
# unit spellings a question may ask a figure in ("in lbs", "to celsius"), from the units
# table: plurals and aliases of two letters or more, not the everyday singulars ("as a
# second", "to pound") nor spellings that are English words of their own ("ac", "mo")
_NOT_ASKED_UNITS = frozenset({"in", "ac", "mo", "mos", "hect", "kn", "kt", "pp", "ppt",
                              "second", "minute", "hour", "day", "week", "month", "year",
                              "pound", "dollar", "euro", "acre", "inch", "mile", "knot",
                              "tonne", "metre", "meter", "foot", "item", "items",
                              "of", "oc", "us", "ct"})  # ("ºf", "ºc", "us$" once
# normalised; "in ct" is Connecticut more often than carats)


def _asked_unit_words() -> list[str]:
    found = {"m", "km h", "yen"}  # ("km/h" normalises to "km h")
    for unit in UNITS:
        for spelling in (unit.symbol, unit.plural, *unit.aliases):
            words = normalize(spelling)
            if len(words) >= 2 and words not in _NOT_ASKED_UNITS \
                    and words.replace(" ", "").isalnum():
                found.add(words)
    return sorted(found, key=lambda w: (-len(w), w))  # the longest spelling first


_UNIT_RE = re.compile(r"\b(?:in|into|as|(?<!according )to) (?:(?:normal|regular|ordinary|plain|"
                      r"statute|standard|imperial|metric) )??"
                      # ("in regular miles": a word that says the everyday kind of the unit;
                      # a unit of two words, "nautical miles", is read whole first)
                      r"(?!(?<=to )bars?\b)(?P<u>"  # (not
                      # "according to bp"; "to bar" them is no pressure)
                      + "|".join(re.escape(w) for w in _asked_unit_words()) + r")\b")


# "whats that in F": a unit's one letter, asked at the end of the question only ("in c"
# elsewhere is rarely a unit)
_LETTER_UNIT_RE = re.compile(r"\b(?:in|into|to) (?P<u>f|c)$")
# "how much in F? started at 31c": the letter ends a question the asker goes on after
_LETTER_UNIT_ASKED_RE = re.compile(r"\b(?:in|into|to) [fc]\s*\?", re.IGNORECASE)
_LETTER_UNIT_WITHIN_RE = re.compile(r"\b(?:in|into|to) (?P<u>f|c)\b")
# "how many sq ft", "how many cubic metres per second": a unit of the table, by its plural,
# symbol or alias of two letters or more (the unit asked is also what is counted), maybe
# after one word that says which of them ("how many more miles"; a unit of two words,
# "square miles", is read whole first)
_HOW_MANY_UNIT_RE = re.compile(r"\bhow many (?:[a-z]+ )??(?P<u>" + "|".join(
    re.escape(w) for w in _asked_unit_words() if len(w) > 1 and w not in ("bar", "bars"))
    + r")\b")  # ("how many bars": pubs)


BLOCKING_ZIPF = 5.0  # an unknown noun rarer than this names something specific
BLOCKING_MIN_LETTERS = 5  # shorter unknown words are often chat spellings ("wen", "mag")


def is_verb_form(word: str) -> bool:
    """An inflected verb ("deployed", "fleeing"): actions are paraphrased more often than
    things are, so an unknown one blocks an answer less than an unknown noun."""
    return len(word) > 5 and word.endswith(("ed", "ing"))


def is_blocking_word(word: str) -> bool:
    """Whether an unknown question word names a thing no fact is about ("submarine"): a real
    English word, not too common, not a verb form, not a number."""
    if not word.isalpha() or is_verb_form(word) or can_be_verb(word):
        return False  # actions are paraphrased ("climb", "deployed"); things are not
    forms = lemma_forms(word)
    if forms and "NOUN" not in forms:
        return False  # a manner or a quality ("lately", "afloat") is said in many ways too
    zipf = english_zipf(word)
    if zipf == 0:  # no English word and no typo of one: a name or an acronym ("SLBM")
        return len(word) >= 4
    return len(word) >= BLOCKING_MIN_LETTERS and zipf < BLOCKING_ZIPF


# "according to the union", "the union's figure": whose figure is asked
_ACCORDING_RE = re.compile(r"\b(?:according to|acc to|per the) (?:the )?"
                           r"(?P<x>(?:\w+ ){0,3}\w+?)(?: figures?| numbers?| count| estimate)?$")
# "according to the union, how many ...": whose figure, named first
_ACCORDING_FIRST_RE = re.compile(r"^(?:according to|acc to|per) (?:the )?"
                                 r"(?P<x>(?:\w+ ){0,3}?\w+?) (?=(?:what|how|when|where|who|"
                                 r"which|why|did|does|do|is|was|were|are)\b)")
_DECADE_RE = re.compile(r"^(?P<c>1[89]|20)?(?P<d>\d)0s$")  # "90s", "1990s" ("20s": 1920s)
_NEXT_PERIODS = frozenset("week weekend month year day days weeks months".split())
_DIFFERENT_WORDS = frozenset("different differ differs difference".split())
_THIS_WORDS = frozenset("this that".split())
_POSSESSIVE_PRONOUNS = frozenset("its their his her our".split())
# "the union figure", "industry federations estimate": whose figure, before the figure noun
_SOURCE_FIGURE_RE = re.compile(r"\b(?P<x>(?:[a-z]+ ){0,2}[a-z]+) (?:estimate|estimates|figure|"
                               r"figures|count|numbers|tally)\b")
# "when was the last storm": the one before this, not the last hour
_LAST_ONE_RE = re.compile(r"\bthe (?:last|previous) (?!(?:time|week|month|year|night|day|hour|"
                          r"minute|few|couple|two|three|\d)\b)\w+"
                          r"|\b(?:that|the) (?:older|old|earlier) one\b")  # "that older one"
# "how many trains didnt leave", "how many of the ships arent tankers": a count of those
# that did not (or are not)
_NEGATED_RE = re.compile(r"\b(?:how (?:many|much)|what|which|who|whom|when|where)\b"
                         # (not a negation in what someone said: "who said kids cant breathe")
                         r"(?:(?! but | and | said | says | say | told | claimed | warned )"
                         r"[ a-z0-9]){0,60}\b"
                         r"(?:(?:did|do|does|were|was|are|is|have|has|had|could|will|"
                         r"would|can) not|never|didnt|didn t|dont|don t|doesnt|doesn t|"
                         # ("did the observers not go to": the subject between; not "were
                         # evacuated, not the 1,200")
                         r"(?:did|do|does|could|will|would|can) (?:(?:the|their|its) )?"
                         r"[a-z]+ not|"
                         r"werent|weren t|wasnt|wasn t|arent|aren t|isnt|isn t|havent|"
                         r"haven t|hasnt|hasn t|couldnt|couldn t|wont|won t|no longer)\b")
# "what happened", "what just happened there": the event asked of as a whole
_WHAT_HAPPENED_RE = re.compile(r"\bwhat (?:(?:just|actually|exactly|even|really) )?"
                               r"happen(?:ed|d|s)?\b(?! (?:to|before|after|next|then)\b)")
# "has this happened before (in norvessa)?": an earlier event like it, not what happened
# before something ("what happened before the launch")
_HAPPENED_BEFORE_RE = re.compile(r"\bhappen(?:ed|s)? (?:there |here |(?:at|in) (?:the )?\w+ "
                                 r"(?:\w+ )?)?before(?! (?:the|a|an|this|that|it|its|their|"
                                 r"his|her|\d)\b)"
                                 # "wasnt there a flood in this cave before": one like it
                                 r"|\b(?:was|were|has|had|have|is)(?:nt| n t| not)? there "
                                 r"(?:ever )?(?:been )?(?:a|an|another|one)\b"
                                 r"(?:(?! before\b)[ a-z]){0,40} before(?! (?:the|a|an|this|that|"
                                 r"it|its|their|his|her|\d|\w+ed|\w+ing)\b)"
                                 # "has okareta had strandings before": ones like it there
                                 r"|\b(?:has|have)(?:nt| n t| not)? (?:\w+ ){1,3}had "
                                 r"(?:(?:a|an|any|other|similar) )?\w+ before$")
# "how many workers", "% of freight trains": what is counted must be what the fact counts
_COUNTED_RE = re.compile(r"\b(?:how many|number of|percent of|percentage of|share of|"
                         r"proportion of)(?: (?:the|of|more|fewer|people s))? (?P<n>[a-z]+)")


# "red cross says 45 missing but what does the agency say": one source's figure given, and
# another's asked (the form is read from what follows the figure)
_RIVAL_GIVEN_RE = re.compile(
    r"^(?:the )?(?P<a>(?:[a-z]+ ){0,4}?[a-z]+) (?:says|say|said|claims|claim|claimed|reports|"
    r"reported|thinks|think|estimates|estimated|counted|counts|puts it at|put it at) "
    r"(?:(?:it s|its|it is|it was|there were|there are|that|about|around|like|only|just) )*"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)(?P<k>k)?\b(?P<rest>.*)$")
_ASKS_RE = re.compile(r"\b(?:what|how many|how much|whats)\b")
# after one source's figure, a pronoun that asks that source again: "whats *their* latest"
_SAME_SOURCE_RE = re.compile(r"\b(?:their|its|they|theyre|they re|his|her)\b")
# in a given figure's clause, the words that say when it was given, and a tag asking to
# confirm it: "said 4 dead *this morning right*", "put it at 12 *on tuesday*"
_GIVEN_WHEN_RE = re.compile(
    r"\b(?:(?:this|that|on|in the|yesterday|last) )?(?:morning|afternoon|evening|night|today|"
    r"yesterday|tonight|earlier|initially|originally|at first|first|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b|\b(?:right|correct|yeah|yes|no)\s*$")
# the other source in what follows: "but the fire people say its how many", "what does the
# ncps say", "whats the ncps number"
_RIVAL_ASKED_RES = tuple(re.compile(p) for p in (
    r"\b(?:what|how) (?:do|does|did|is|are) (?:the )?(?P<b>(?:[a-z]+ ){0,3}?[a-z]+) "
    r"(?:say|says|said|claim|claims|count|counts|estimate|estimates|think|thinks|reckon|put it "
    r"at|report|reports|have|got)\b",
    r"\b(?:but|while|whereas|and) (?:the )?(?P<b>(?:[a-z]+ ){0,3}?[a-z]+) (?:say|says|said|"
    r"claim|claims|think|thinks|reckon|reckons|count|counted|put it at|report|reported)\b",
    r"\b(?:whats|what is|what s) (?:the )?(?P<b>(?:[a-z]+ ){0,2}?[a-z]+) (?:number|figure|count|"
    r"estimate|tally)\b",
))
# "the first death toll, way before the 17", "the latest, not the 87": a figure named to
# say which one is *not* asked
_NOT_THE_FIGURE_RE = re.compile(r"\b(?:before|not|instead of|other than|rather than|besides|"
                                r"apart from|except) the (?P<n>\d[\d,]*)\b")
# "how many of the injured were children": the part counted comes last
_PART_NOUN_RE = re.compile(r"^how many of (?:the|those|these|them|all)\b.*? (?:were|are|was|is|r) "
                           r"(?P<y>(?:[a-z]+ ){0,2}[a-z]+)$")
# "how many got evacuated, i saw 1200 earlier": a figure the asker has seen, so not the one
# they ask for
_SEEN_FIGURE_RE = re.compile(r"\b(?:(?:i|we) |(?=(?:saw|seen|heard|read) \d[\d,]*(?:\.\d+)? "
                             # ("saw 236 earlier": no one says it, a moment says it was seen)
                             r"(?:\w+ )?(?:earlier|before|somewhere|at first|this morning|"
                             r"yesterday)\b))"
                             r"(?:saw|seen|heard|read|thought)(?: it was| that| like)?"
                             r" (?P<n>\d[\d,]*(?:\.\d+)?)\b(?: percent)?(?: (?:earlier|before|"
                             r"at first|first|"
                             r"this morning|yesterday))?")
# "i saw 9 somewhere but now its diff": the figure has changed since, which no fact says in
# those words
_NOW_CHANGED_RE = re.compile(r"\bnow (?:(?:its|it s|it is|they say|theres|there s|(?:its |it s )?"
                             r"showing) )?(?:diff|different|changed|higher|lower)\b")
# "how far did the bus fall", "how far down did it drop": a vertical distance, fallen
_HOW_FAR_DOWN_RE = re.compile(r"\bhow far\b(?: \w+){0,4}? (?:fall|falls|fell|fallen|falling|drop|"
                              r"drops|dropped|dropping|plunge|plunged|plunges|plummet\w*|"
                              r"tumble\w*|sink|sank|sunk|down)\b")
# "what missile did they fire 8 days ago": when the thing asked about happened, which a
# fact giving only that interval ("the first launch in eight days") does not answer
# "what did they fire 8 days ago / before this one": when, given; what happened is asked
_AGO_RE = re.compile(r"\b(?P<n>\d+) (?:hours?|days?|weeks?|months?|years?) "
                     r"(?:ago|earlier|before)\b")
# "how many of the 23 arrested were charged": a part of a whole the question already gives
_PART_OF_RE = re.compile(r"\bhow many of (?:the|those|these|all|all the) (?P<n>\d[\d,]*)\b")
# "how much is ardane paying itself if banks do 11bn": a figure the asker supposes, so not
# the one they ask for
_IF_FIGURE_RE = re.compile(r"\bif\b(?:(?! but | and |\?)[ a-z])*? (?P<n>\d[\d,]*(?:\.\d+)?) ?"
                           r"(?P<scale>k|m|bn|thousand|million|billion)?\b")

_ARTICLES = frozenset("the a an this that".split())


def undergoer_verbs(w: str) -> frozenset[str]:
    """The stems of the verb a "-ee" noun is the one it happened to: escapee -> escape
    ("escaped": escap), detainee -> detain, evacuee -> evacuate, trainee -> train. (The
    stemmer leaves "escapees" as "escape", which "escaped" is not.)"""
    base = w[:-3] if w.endswith("ees") else w[:-2] if w.endswith("ee") else ""
    if len(base) < UNDERGOER_MIN_BASE or not base.isalpha():
        return frozenset()
    return frozenset(stem(v) for v in (base, base + "e", base + "ate"))


UNDERGOER_MIN_BASE = 4  # "detain"-ee, not "fr"-ee or "thr"-ee


# "costing per day", "a week", "daily": a figure asked for each span of time
_PER_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
                "annually": "year", "hourly": "hour", "nightly": "night"}
_PER_TIME_RE = re.compile(r"\b(?:per|a|an|each|every) (?P<t>day|week|month|year|hour|night)\b"
                          r"|\b(?P<a>daily|weekly|monthly|yearly|annually|hourly|nightly)$")
# "sites per country on avg", "goals per game on average": one figure shared out over a
# count of things ("per the article" names a source; "per cent" is a share)
_PER_THING_RE = re.compile(r"\bper (?!the\b|cent\b|capita\b)(?P<t>[a-z]+)\b")
_AVERAGE_RE = re.compile(r"\b(?:avg|average|averages|on average|mean)\b")


def _area_words(lexicon: Lexicon) -> frozenset[str]:
    """The one-word cues of the lexicon's area attributes ("area"): a length unit asked of
    one is its square."""
    return frozenset(c for a in lexicon.attributes if a.dimension == "area"
                     for c in a.cues if " " not in c)


def action_nouns(w: str) -> frozenset[str]:
    """The stems of the "-ment" noun of the verb an inflected word is: paying -> payment,
    treated -> treatment, shipped -> shipment (the stemmer folds "announcement" into
    "announc" but leaves a short verb's noun whole). A bare word that can be a noun ("pay",
    "state") is left: "the state" is no statement."""
    verbs = lemma_forms(w).get("VERB")
    if not verbs or verbs[0] == w:
        return frozenset()
    return frozenset({stem(verbs[0] + "ment")})


# "the day's high", "yesterdays low": an extreme named as a noun, a word of the fact
_EXTREME_NOUNS = frozenset("high low highs lows".split())
# words that make "high" an adjective of the question's form ("how high", "so high")
_DEGREE_WORDS = frozenset("how so too very as this that".split())


def _named_extreme(ws: list[str], i: int) -> bool:
    """Whether ``ws[i]`` is "high" or "low" used as a noun: after an article or a noun (a
    possessive typed without its apostrophe), not after "how", and before nothing or a
    grammar word."""
    if ws[i] not in _EXTREME_NOUNS or not i:
        return False
    before = ws[i - 1]
    if before not in _ARTICLES and (before in _DEGREE_WORDS or before in QUESTION_WORDS
                                    or before in _AUXILIARIES or before in STOPWORDS
                                    or "NOUN" not in word_classes(before)):
        return False
    return i + 1 == len(ws) or ws[i + 1] in STOPWORDS or ws[i + 1] in FUNCTION_WORDS


# the endings of a place's people's word: Korea-n, Morvani-an, Japan-ese, Israel-i
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i")


def demonym_terms(word: str) -> frozenset[str]:
    """The terms of the words a place's people may be called, and of the place a people's
    word may name ("korea" -> "korean"; "korean" -> "korea"): English word-making, checked
    against the index by the caller."""
    if not word.isalpha() or len(word) < 4:
        return frozenset()
    base = word[:-1] if word[-1] in "aeiouy" else word
    out = {stem(w + e) for w in {word, base} for e in _DEMONYM_ENDINGS}
    for e in _DEMONYM_ENDINGS:
        root = word[: -len(e)]
        if word.endswith(e) and len(root) >= 4:
            out |= {stem(root + "a"), stem(root + "ia")} | (
                {stem(root)} if len(root) >= 5 else set())
    return frozenset(out - {stem(word)})


def used_as_noun(ws: list[str], i: int) -> bool:
    """Whether a word that can be an adjective or a noun, and not an adverb, is a noun here:
    after an article and before nothing or a grammar word ("how fast is the *current* in
    km/h", "who won the *final*"), not before what it qualifies ("the current toll")."""
    w = ws[i]
    if not (i and ws[i - 1] in _ARTICLES):
        return False
    if i + 1 < len(ws) and ws[i + 1] not in STOPWORDS and ws[i + 1] not in FUNCTION_WORDS:
        return False
    kinds = word_classes(w)
    return "NOUN" in kinds and "ADV" not in kinds


_AUXILIARIES = frozenset("is was are were did does do has have had will would can could "
                         "s".split())
_KIND_OF = frozenset("kind type sort".split())
# "which witness said it sounded like a gunshot": the one who said it, described
_WHICH_SPEAKER_RE = re.compile(r"^(?:which|what) (?P<who>[a-z]+(?: [a-z]+)?) (?:said|says|told|"
                               r"claimed|warned|described|called|compared)\b")
_AMOUNT_WORDS = frozenset("much any no enough little more less".split())
_ASKER_WORDS = frozenset("i we".split())
_HEARD_OF_WORDS = frozenset("saw seen see read heard hear".split())


_PLACE_PREPOSITIONS = frozenset("in on at near around inside across".split())


def _asked_kind(ws: list[str], lexicon: Lexicon) -> str | None:
    """The noun that says what kind of thing "what/which <noun> ..." asks for: "what *party*
    is the pm from", "which construction *company* built the dam", "what kind of *strain*"
    (the last noun before the verb); a fact that has no such thing does not answer."""
    if len(ws) < 3 or ws[0] not in ("what", "which"):
        return None
    rest = ws[1:]
    kind_of = rest[0] in _KIND_OF and len(rest) > 2 and rest[1] == "of"
    if kind_of:
        rest = rest[2:]
    for k, w in enumerate(rest[:ASKED_KIND_WORDS + 1]):
        if w in _AUXILIARIES or (k and (is_verb_form(w) or lemma(w) != w
                                        and "VERB" in lemma_forms(w)
                                        or w in _PLACE_PREPOSITIONS)):
            # ("what kind of targets *in* sk could ...": the noun before where they are)
            head = rest[k - 1] if k else None
            # ("what kind of *response*": any noun of a kind asked, a light one too)
            return head if head and (kind_of or head not in GRAMMAR_WORDS) \
                and head not in lexicon.filler and head.isalpha() else None
    return None


_GAVE_WORDS = frozenset("give gave given gives put puts released issued came".split())


def is_number(word: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", word))


# words an asker quotes: 'like this', "like this" or “like this”, two words or more, the
# quote mark not inside a word (as in "didn't")
_QUOTED_RE = re.compile(r"""(?:^|(?<=[\s(]))['"“‘](?P<q>[^'"“”‘’]+?\s[^'"“”‘’]+?)"""
                        r"""(?:['"”’])(?=$|[\s?.!,;:)])""")
QUOTED_WORD = "_"  # what stands for a quoted word where the question's form is read


def _noun_phrase(ws: list[str]) -> tuple[str, ...]:
    """The words of the noun phrase that begins ``ws``, in order, up to a grammar word or a
    verb ("the missile *launched from sinpo*": missile)."""
    phrase: list[str] = []
    for w in ws:
        if w in _ARTICLES and not phrase:
            continue
        if w in GRAMMAR_WORDS or is_verb_form(w):
            break
        phrase.append(w)
    return tuple(phrase)


def _longest_run(ws: list[str], positions: set[int]) -> str:
    runs: list[list[str]] = [[]]
    for i, w in enumerate(ws):
        if i in positions:
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    return " ".join(max(runs, key=len))


_MILLIONS_RE = re.compile(r"^(\d+(?:\.\d+)?)m$")
_BILLIONS_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:bn|bln)$")  # "312bn": always billions


def _millions_of_money(ws: list[str]) -> list[str]:
    """"insured for 210m sorels, wats that in usd": where money is asked, "210m" is 210
    million (elsewhere it may be 210 metres). "312bn" is 312 billion anywhere."""
    if any(w[-1:] == "n" and w[:1].isdigit() for w in ws):
        ws = [part for w in ws for part in _BILLIONS_RE.sub(r"\1 billion", w).split()]
    if not any(_MILLIONS_RE.match(w) for w in ws) or not any(
            (u := resolve_unit(w)) is not None and u.dimension == "money" for w in ws):
        return ws
    out: list[str] = []
    for w in ws:
        m = _MILLIONS_RE.match(w)
        out.extend([m.group(1), "million"] if m else [w])
    return out


def _quoted_positions(question: str, ws: list[str]) -> set[int]:
    """Where in the read words a quotation the asker typed stands."""
    out: set[int] = set()
    for m in _QUOTED_RE.finditer(question):
        words = normalize(m.group("q")).split()
        n = len(words)
        for i in range(len(ws) - n + 1):
            if ws[i : i + n] == words:
                out.update(range(i, i + n))
                break
    return out


def _recency(ws: list[str], sentence: str) -> Recency:
    """Whether the latest or the first of revised figures is asked; when both kinds of word
    occur ("the original magnitude before they revised it"), the first one leads. What
    came before a change ("before they changed it", "before it went up") is the first."""
    if any(w == "before" and _changed_after(ws, i) for i, w in enumerate(ws)):
        return Recency.FIRST
    for i, w in enumerate(ws):
        if (w in LATEST_WORDS or w in FIRST_WORDS) and used_as_noun(ws, i):
            continue
        if w in LATEST_WORDS:
            # "the count before they updated it": what came before the latest is the first
            return Recency.FIRST if "before" in ws[:i] else Recency.LATEST
        if w in FIRST_WORDS:
            return Recency.FIRST
    if any(p in sentence for p in LATEST_PHRASES):
        return Recency.LATEST
    return Recency.ANY


def _grammar_words() -> frozenset[str]:
    return frozenset(STOPWORDS | QUESTION_WORDS | LIGHT_WORDS | SPEECH_VERBS | FUNCTION_WORDS
                     | LATEST_WORDS | FIRST_WORDS | STATEMENT_NOUNS | _FORM_WORDS | FIGURE_NOUNS)


GRAMMAR_WORDS = _grammar_words()


# after a question mark, words that go on asking ("? in miles", "? and japan", "? how many")
_ASIDE_CONTINUES = QUESTION_WORDS | frozenset(
    "and or in into to for from at per like but than is are was were did does do has have had "
    "can could will would should not".split())
_QUESTION_END_RE = re.compile(r"\?+")
# "..., union say different numbers right?": a tag that asks the asker to be confirmed, no
# word of a fact ("left or right?" is a choice, kept)
_TAG_QUESTION_RE = re.compile(r"(?<!\bor)(?<!\band)(?<!\bthe)(?<!\bto),?\s+(?:right|yeah|"
                              r"correct|innit)(?=\s*\?)", re.IGNORECASE)
# "? i remember something like 10+ yrs ago", "? i think it was 2009": what the asker recalls
_ASKER_RECALLS_RE = re.compile(r"^(?:i|me) (?:remember|recall|think|thought|heard|guess|"
                               r"swear|believe|feel like)\b")
# "im american", "i'm confused": what the asker says of themselves asks nothing ("im in LA"
# asks the time there and stays)
_SAID_OF_ASKER_RE = re.compile(r"\b(?:i'?m|i’m|i am)\s+(?:(?:a|an|so|just|not|kinda|really|"
                               r"very|bit|a bit)\s+)*(?!in\b|on\b|at\b|from\b)[a-z]+\b",
                               re.IGNORECASE)
# "5 hrs is wild", "thats so sad": a judgement of what was asked, not more question
_JUDGED_RE = re.compile(r"\b(?:is|was|are|were|thats|that s|its|it s)\s+(?:so\s+|really\s+|"
                        r"pretty\s+|kinda\s+|kind of\s+|just\s+)?(?:wild|crazy|insane|nuts|"
                        r"mad|huge|scary|sad|awful|terrible|horrible|weird|sus|"
                        r"fishy|nothing|a lot|so much|unreal)\b")
# "2nd", "3rd": an ordinal in digits, written out before the noun it numbers
_ORDINAL_RE = re.compile(r"^(10|[1-9])(?:st|nd|rd|th)$")
# "came 2nd", "finished 3rd": a place in an order
_PLACING_VERBS = frozenset("came come comes coming finished finish finishes finishing placed "
                           "ended ends".split())
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                  "eighth", "ninth", "tenth")
_MONTH_WORDS = frozenset(_MONTH_NAMES) | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# the days whose clipped names are words of their own: the day only beside a part of the
# day or after a word that dates ("sat evening", "since sun"); the others are shorthand
_DAY_CLIPPINGS = {"sat": "saturday", "sun": "sunday"}
_PARTS_OF_DAY = frozenset("morning mornin afternoon evening night nite".split())
_BEFORE_A_DAY = frozenset("on by since until till last this next".split())
# "? cant do metric", "? dont know the area": the asker says what they cannot or do not do
# (no one is asked: "? cant you convert it", "? didnt they say 5" go on asking)
_TOLD_NOT_RE = re.compile(r"^(?:can|do|does|did|could|would) not (?!(?:i|you|u|he|she|it|we|"
                          r"they|there|the|this|that|these|those)\b)")
_CLOCK_SUFFIXES = frozenset("am pm".split())
ASKED_KIND_WORDS = 3  # "which construction company built": the noun phrase before the verb
# an hour of the day in a question, as normalised: "9pm", "3 a m", "10.30 pm", "noon"
_ASKED_HOUR_RE = re.compile(r"\b(?P<h>\d{1,2})(?:[ .](?P<m>\d\d))? ?(?P<ap>[ap]) ?m\b|"
                            r"\b(?P<word>noon|midnight)\b")
# "how long", "length": a size asked, and the words a fact gives it in
_SIZE_FAMILIES = {
    **dict.fromkeys(("long", "length"), ("long", "length")),
    **dict.fromkeys(("wide", "width"), ("wide", "width")),
    **dict.fromkeys(("deep", "depth"), ("deep", "depth")),
    **dict.fromkeys(("thick", "thickness"), ("thick", "thickness")),
    # "how big is the pipe in inches": any size a fact gives it in
    **dict.fromkeys(("big", "large", "size"), ("size", "big", "diameter", "width", "wide",
                                               "length", "long", "across")),
}
_SIZE_ASKED_RE = re.compile(r"\b(how long|length|how wide|width|how deep|depth|how thick|"
                            r"thickness|how big|how large|size)\b")
# "the valley flooded before right?? when was that": "before" ending a clause (an earlier
# time), not "before the launch"
_BEFORE_AS_ADVERB = r"\bbefore(?= right\b|$| (?:how|what|when|where|who|which|why|whats|" \
    r"wat|wats|and|n|so|tho)\b)"
# how a question says an earlier event is meant, in words no fact of it says: "a *similar*
# blast *before*?", "an *older* fire"
_EARLIER_ONE_SAID_RE = re.compile(rf"(?<=\ba )similar\b|(?<=\ban )(?:older|earlier)\b|"
                                  rf"(?:(?<=that )|(?<=the ))(?:older|old|earlier) one\b|"
                                  rf"{_BEFORE_AS_ADVERB}")
# "how many are actually in shelters", "how many r still in hospital": people in a place
_COUNT_IN_PLACE_RE = re.compile(r"^how many (?:\w+ )?(?:are|were|is|was|r|remain|remained|"
                                r"stay|stayed|staying)(?: \w+)? (?:in|at|inside) (?:the )?"
                                r"(?P<x>[a-z]+)")
# how a figure moves: "why did the toll *jump*", "why did the number *go down*"
_FIGURE_MOVES = frozenset("go went gone up down rise rose risen fall fell fallen jump drop "
                          "double triple quadruple halve bump climb soar surge plunge increase "
                          "decrease grow shrink change revise update raise lower".split())
# "still in hospital", "remain in custody": who is there now, not all who were ever taken in
_STILL_WORDS = frozenset("still remain remains remained remaining".split())
_STILL_IN_WORDS = frozenset("in at under on".split())
# "was anyone hurt", "did anybody get arrested": what happened to anyone is what is asked;
# a fact that does not say it does not answer (however much else it shares)
_ANYONE_WORDS = frozenset("anyone anybody someone somebody".split())
_ASKING_FOR_HELP = frozenset("can could will would pls please".split())
_ANYONE_AUX = frozenset("get got gotten was were been be is are has have had".split())


_MOVE_PARTICLES = frozenset("up down".split())


def _changed_after(ws: list[str], i: int) -> bool:
    """Whether the words after ``ws[i]`` ("before") say a figure changed: "they changed it",
    "it went up"; not "it broke up"."""
    return _change_end(ws, i) is not None


def _change_end(ws: list[str], i: int) -> int | None:
    """Where the change that the words after ``ws[i]`` ("before") tell ends: "before they
    changed *it*", "before it went *up*"; None when they tell none."""
    for k in range(i + 1, min(len(ws), i + 4)):
        w = ws[k]
        if w in CHANGE_WORDS or (lemma(w) in _FIGURE_MOVES and w not in _MOVE_PARTICLES
                                 and lemma(w) not in ("go", "come")):
            return k + 1 if k + 1 < len(ws) and ws[k + 1] in _CHANGED_OBJECTS else k
        if w in _MOVE_PARTICLES and lemma(ws[k - 1]) in ("go", "come"):
            return k
    return None


# "what did nk launch", "what did police find": the thing done to, asked as a thing (not
# "what did they do", "what happened", nor what someone said, read before this)
_WHAT_DID_RE = re.compile(r"^(?:\w+ )?(?:what|wat|wut|wht) (?:did|does|do|has|have|had|will) "
                          r"(?:\w+ ){1,3}?(?!do\b|doing\b|happen\w*|mean\b|look\b|"
                          r"say\b|tell\b|think\b|call\b)[a-z]+\b")
# "whats china's deal with nk", "whats chinas deal here": someone's part in the story, its
# relationship with it (not "the deal with ukraine", an agreement)
_DEAL_IDIOM_RE = re.compile(r"^(?P<who>(?:what is|what s|whats) (?!the\b|a\b|this\b|that\b)"
                            r"\w+(?: \w+)? )deal(?= with\b| here\b| in this\b|$)")
# "end up doing", "ended up in hospital": how things turn out (not "the end", "ended")
_END_UP_RE = re.compile(r"\b(?:end|ends|ended|ending) up\b")
# "..., not just starters", "besides the port": at the end, what is ruled out
_EXCLUDED_RE = re.compile(r"\b(?:not just|not only|not counting|not including|besides|"
                          r"other than|apart from|except|excluding) (?:the )?"
                          r"(?P<x>(?:\w+ ){0,2}\w+)$")
# "relative to the launch", "compared to 2019": how two things are set side by side
_RELATIVE_TO_RE = re.compile(r"\b(?:relative|compared|in relation|in comparison) to\b")
# "who tried to buy it": the attempt is grammar, what was attempted is asked
_ATTEMPT_VERBS = frozenset("try tries tried trying attempt attempts attempted attempting".split())
_ATTEMPTED_RE = re.compile(rf"\b(?:{'|'.join(sorted(_ATTEMPT_VERBS))}) to\b")
# "back then", "back in the day", "back in 2009": a past time the question's other words
# name ("back" itself names nothing)
_BACK_THEN_RE = re.compile(
    r"\bback (?:then|in the day)\b|\bback(?= in (?:the )?'?\d|"
    r" in (?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b)")

# what a change clause changed: "before they revised *it*"
_CHANGED_OBJECTS = frozenset("it them that this".split())


def change_clause(ws: list[str]) -> range | None:
    """The words "before they changed it" take: they say which figure (the first), and name
    little a fact must hold."""
    for i, w in enumerate(ws):
        if w == "before" and (end := _change_end(ws, i)) is not None:
            return range(i, end + 1)
    return None


def after_anyone(raw: list[str]) -> set[int]:
    """Where in ``raw`` is what "anyone" underwent ("anyone hurt", "anybody got arrested")."""
    found, pending = set(), False
    for i, w in enumerate(raw):
        if w in _ANYONE_WORDS:  # (not "can someone convert ...": a request to the reader)
            pending = not (i and raw[i - 1] in _ASKING_FOR_HELP)
        elif pending and w not in _ANYONE_AUX:
            found.add(i)
            pending = False
    return found
# "at 5:40", as normalised ("at 5 40"), with no a.m. or p.m. after it
_BARE_CLOCK_RE = re.compile(r"\b(?:at|by|around|about|till|until) (?P<h>\d{1,2}) (?P<m>[0-5]\d)\b"
                            r"(?! ?[ap] ?m\b)")
ASKED_HOUR_SPREAD = 1  # "by 9pm" fits a figure given at 8 or 10 too (hours are rounded)


def asked_hour(m: re.Match[str]) -> int:
    if m.group("word"):
        return 12 if m.group("word") == "noon" else 0
    h = int(m.group("h")) % 12
    return h + 12 if m.group("ap") == "p" else h
ASIDE_KEPT_MIN_WORDS = 2  # words after "?" that are all the facts' own go on asking


def _asked_form(ws: list[str], lexicon: Lexicon) -> str:
    """The words that ask for a zone or a unit ("in utc", "in miles"), or ""."""
    return next((f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)
                 if a in ("in", "into") and (b in ("utc", "gmt") or b in lexicon.time_zones
                                             or resolve_unit(b) is not None
                                             and b not in STOPWORDS)), "")


_ASKED_UNIT_WORDS = frozenset(_asked_unit_words())


def _bare_unit(ws: list[str]) -> str:
    """"in <unit>" when the words are a unit and nothing else ("how much rain fell, inches
    pls": the unit the figure is asked in), else ""."""
    words = " ".join(ws)
    return f"in {words}" if len(words) > 1 and (words in _ASKED_UNIT_WORDS or len(ws) == 1 and (
        resolve_unit(words) is not None and words not in STOPWORDS)) else ""


def _no_correction(word: str) -> str | None:
    return None


def without_aside(question: str, lexicon: Lexicon,
                  index_terms: Collection[str] = frozenset(),
                  correct: Callable[[str], str | None] = _no_correction) -> str:
    """The question without a chat aside after its question mark ("which day was the launch?
    my english not so good sorry", "max altitude in feet? im american lol"): such words ask
    nothing, and unknown to the facts they would weigh the most. What goes on asking stays:
    a question word, a conjunction or preposition ("? in miles"), any number, another
    question mark, or words that are all the facts' own ("?? health ministrys latest number
    pls": whose figure). What the asker says of themselves ("im american", "i'm confused")
    goes wherever it is; where they are ("im in LA") stays. The aside's words are read as
    ``correct`` spells them ("seeing diff nubmers", "inhes pls")."""
    question = _TAG_QUESTION_RE.sub("", _SAID_OF_ASKER_RE.sub(" ", question))
    m = _QUESTION_END_RE.search(question)
    if m is None:
        return _without_comma_aside(question, lexicon, index_terms, correct)
    head, tail = question[:m.start()], question[m.end():]
    tail_words = [lexicon.shorthand.get(w, w) for w in normalize(tail).split()]
    tail_words = [correct(w) or w for w in " ".join(tail_words).split()
                  if w not in lexicon.filler]
    head_words = [w for w in normalize(head).split() if w not in lexicon.filler]
    if not tail_words and head_words:
        return head + m.group(0)  # ("? im american lol": nothing but what they are, filler)
    if not tail_words or not head_words or "?" in tail:
        return question  # ("how did they die?? lava?": a second question, a guess)
    if _JUDGED_RE.search(" ".join(tail_words)) or _ASKER_RECALLS_RE.match(" ".join(tail_words)):
        return head + m.group(0)  # "? 5 hrs is wild lol": what the asker makes of it;
        # "? i remember something like 10 yrs ago": what they recall, guesses and all
    if tail_words[0] in _ASIDE_CONTINUES and not _TOLD_NOT_RE.match(" ".join(tail_words)) \
            or any(any(c.isdigit() for c in w) for w in tail_words):
        return question
    if any(w in QUESTION_WORDS for w in tail_words):
        return question  # "600m wide?? thats how many feet": it goes on asking
    if all(w in ("utc", "gmt", "time") or w in lexicon.time_zones for w in tail_words):
        return question  # "and for london? gmt": the zone the time is asked in
    sides = _SIDES_RE.search(" ".join(tail_words))
    if sides:  # "how many went in?? seeing different numbers everywhere": the figures of
        return f"{head}{m.group(0)} {sides.group(0)}"  # each side are asked, not the rest
    form = _asked_form(tail_words, lexicon) or _bare_unit(tail_words)
    if form and not _asked_form(head_words, lexicon):
        # "?? need it in utc", "? want it in miles": how it is to be given, and only that
        # (not "max altitude in feet?? my uncle only thinks in feet": asked already)
        return f"{head}{m.group(0)} {form}"
    content = [stem(w) for w in tail_words if w not in GRAMMAR_WORDS]
    if len(content) >= ASIDE_KEPT_MIN_WORDS and all(t in index_terms for t in content):
        return question
    return head + m.group(0)


COMMA_ASIDE_MIN_WORDS = 3  # fewer words after a comma may say what is asked ("..., kids")
ASIDE_EVERYDAY_ZIPF = 5.3  # a word this common in English says nothing of a fact


def _without_comma_aside(question: str, lexicon: Lexicon, index_terms: Collection[str],
                         correct: Callable[[str], str | None]) -> str:
    """The question without a chat aside after its last comma ("47 km is how many meters,
    brain not working rn"): at least three words, none of them the facts' own, with no
    number, question word or anything that goes on asking. A shorter tail may say what is
    asked ("how many died, kids") and stays."""
    head, comma, tail = question.rpartition(",")
    if not comma or not index_terms:
        return question
    words = [lexicon.shorthand.get(w, w) for w in normalize(tail).split()]
    words = [correct(w) or w for w in " ".join(words).split() if w not in lexicon.filler]
    unit = _bare_unit(words)
    if unit and not _asked_form(normalize(head).split(), lexicon):
        return f"{head} {unit}"  # "how much rain fell, inches pls"
    content = [w for w in words if w not in GRAMMAR_WORDS]
    if len(content) < COMMA_ASIDE_MIN_WORDS or words[0] in _ASIDE_CONTINUES \
            or any(any(c.isdigit() for c in w) or w in QUESTION_WORDS for w in words) \
            or _asked_form(words, lexicon) or any(
                stem(w) in index_terms for w in content if english_zipf(w) < ASIDE_EVERYDAY_ZIPF):
        return question  # (everyday words, "working", "right", say nothing of the facts)
    return head


class QueryReader:
    """Reads questions against one index vocabulary and one lexicon."""

    def __init__(self, analyzer: Analyzer, vocabulary: Iterable[str] | None = None):
        self.analyzer = analyzer
        self.lexicon: Lexicon = analyzer.lexicon
        # each attribute's cues (not counts', see _attributes), normalised once, not per question
        self._cues = tuple((a.name, tuple(f" {' '.join(normalize(c).split())} " for c in a.cues))
                           for a in self.lexicon.attributes if a.dimension != "count")
        cues_by_first: dict[str, list[tuple[str, str]]] = {}
        for name, cues in self._cues:
            for cue in cues:
                if cue.strip():
                    cues_by_first.setdefault(cue.split()[0], []).append((name, cue))
        self._cues_by_first = {w: tuple(c) for w, c in cues_by_first.items()}
        # phrases that hide a cue's word ("short range"), but not a cue itself ("storm
        # surge" is the storm surge's, whoever else's its word "surge" is)
        whole_cues = {cue.strip() for _, cues in self._cues for cue in cues}
        self._phrase_strings = tuple(s for s in (" ".join(p) for p in self.lexicon.phrase_words)
                                     if s not in whole_cues)
        # counts' cues, which only settle a tie ("how many got evacuated": the evacuated,
        # not those in shelters, whose sentence says "evacuees" too)
        count_cues: dict[str, set[str]] = {}
        for a in self.lexicon.attributes:
            if a.dimension == "count":
                for c in a.cues:
                    count_cues.setdefault(" ".join(normalize(c).split()), set()).add(a.name)
        self._count_cue_names = {c: frozenset(n) for c, n in count_cues.items() if c}
        # one pass over the question finds them all (a lookahead, so cues may overlap)
        self._count_cue_re = re.compile(r"(?<![a-z0-9])(?=(" + "|".join(
            re.escape(c) for c in sorted(self._count_cue_names, key=len, reverse=True))
            + r")(?![a-z0-9]))") if self._count_cue_names else None
        # every attribute's cue words, counts' too: "injured numbers" names what is counted
        self._cue_words = frozenset(w for a in self.lexicon.attributes for c in a.cues
                                    for w in normalize(c).split())
        self._count_cue_words = frozenset(w for a in self.lexicon.attributes
                                          if a.dimension == "count" for c in a.cues
                                          if " " not in c.strip() for w in normalize(c).split())
        # one-word cues of figures ("turnout", "peak"): "what did x say the turnout was"
        self._measure_cue_words = frozenset(w for a in self.lexicon.attributes
                                            if "measurement" in a.kinds for c in a.cues
                                            if " " not in c.strip()
                                            for w in normalize(c).split())
        # of those, the nouns that never describe ("depth", not "highest"): a fragment that
        # has one asks that measure's figure
        self._measure_nouns = frozenset(w for w in self._measure_cue_words if _only_a_noun(w))
        self._zones = ZoneNames(self.lexicon.time_zones)
        self._dimension_of = {a.name: a.dimension for a in self.lexicon.attributes}
        lex_words: set[str] = set()
        for group in self.lexicon.synonyms:
            for w in group:
                lex_words.update(normalize(w).split())
        for p in self.lexicon.phrases:
            lex_words.update(normalize(p).split())
        for value in self.lexicon.shorthand.values():
            lex_words.update(value.split())
        for name in self.lexicon.time_zones:  # ("cet" is a zone, not "cent" mistyped)
            lex_words.update(normalize(name).split())
        for unit in UNITS:  # ("cumecs" is a unit, not "comes" mistyped)
            for spelling in (unit.symbol, unit.singular, unit.plural, *unit.aliases):
                lex_words.update(normalize(spelling).split())
        # a chat spelling long enough to be mistyped in turn ("woudlve": "wouldve")
        lex_words.update(k for k in self.lexicon.shorthand
                         if k.isalpha() and len(k) >= SHORTHAND_TYPO_MIN_LETTERS)
        self.speller = Speller(lex_words | GRAMMAR_WORDS)
        if vocabulary is not None:
            self.add_words(vocabulary)

    def add_words(self, ws: Iterable[str]) -> None:
        """Words the index holds, for typo correction (see :class:`Speller`)."""
        self.speller.add_words(ws)


    # --- reading ----------------------------------------------------------------------------

    def expand_shorthand(self, ws: list[str]) -> list[str]:
        """Chat shorthand written out ("ppl" -> people), except right after a number: "6 pm"
        is a time and "5 min" a duration, not the prime minister or a minimum; nor a zone's
        name where a time is asked ("in est" is not "in estimated")."""
        out: list[str] = []
        about_time = bool(_TIME_RE.search(" ".join(ws)))
        for i, w in enumerate(ws):
            if i and ws[i - 1][:1].isdigit() and (w in _CLOCK_SUFFIXES
                                                  or resolve_unit(w) is not None):
                out.append(w)  # "6 pm", "5 min": a time, a unit ("53 ppl" are people)
                continue
            if w in self.lexicon.time_zones and (about_time or i and ws[i - 1] in
                                                 ZONE_PREPOSITIONS):
                out.append(w)  # "what time was it in est": a zone, not "estimated"
                continue
            ordinal = _ORDINAL_RE.match(w)
            if ordinal and (i + 1 < len(ws) and ws[i + 1] not in STOPWORDS
                            and ws[i + 1] not in _MONTH_WORDS and not ws[i + 1][:1].isdigit()
                            or i and ws[i - 1] in _PLACING_VERBS):
                # "the 2nd trial": the second one (not "the 3rd of may", a day); "who came
                # 2nd": second place
                out.append(_ORDINAL_WORDS[int(ordinal.group(1)) - 1])
                continue
            if w in _DAY_CLIPPINGS and (
                    i + 1 < len(ws) and ws[i + 1] in _PARTS_OF_DAY
                    or i and ws[i - 1] in _BEFORE_A_DAY):
                out.append(_DAY_CLIPPINGS[w])  # "sat evening", "on sun": the day, not a verb
                continue
            rep = self.lexicon.shorthand.get(w)
            if rep is None and len(w) >= 3 and w.endswith("s") \
                    and english_zipf(w) < ENGLISH_WORD_ZIPF:  # ("cos" is its own word)
                rep = self.lexicon.shorthand.get(w[:-1])  # "nks" for "nk's"
            out.extend(rep.split() if rep else [w])
        return out

    def alternatives(self, term: str, lexicon: Lexicon) -> frozenset[str]:
        return lexicon.synonym_terms.get(term, frozenset()) | {term}

    def read(self, question: str, index_terms: set[str], *,
             lexicon: Lexicon | None = None,
             prefixed: Callable[[str], list[str]] | None = None) -> Query:
        lexicon = lexicon or self.lexicon
        raw = self.expand_shorthand(normalize(spell_lone_signs(without_aside(
            question, lexicon, index_terms,
            lambda w: self.speller.correct(w, index_terms)))).split())
        # "(per the article)", "according to the report": the source of every answer
        raw = _THE_REPORT_RE.sub(" ", " ".join(raw)).split()
        raw = _millions_of_money(raw)
        raw = _DEAL_IDIOM_RE.sub(r"\g<who>relationship", " ".join(raw)).split()
        m = _COMMENT_RE.search(" ".join(raw))
        if m and len(" ".join(raw)[:m.start()].split()) >= COMMENT_AFTER_WORDS:
            # "wat did the dairy blame it on ngl sounds like an excuse": the asker's view of
            # it, after the question, is no part of what is asked
            raw = " ".join(raw)[:m.start()].split()
        ws: list[str] = []
        corrections: dict[str, str] = {}
        abbreviated: dict[str, frozenset[str]] = {}  # word -> terms of what it may shorten
        raw = [part for w in raw for part in self.split_run_together(w, index_terms)]
        for i in range(1, len(raw)):
            if raw[i - 1] == "how" and raw[i] not in _HOW_WORDS \
                    and not self.speller.known(raw[i], index_terms):
                # "how tal is it": after "how" comes one of few words ("tal" is a rare word
                # of its own, so no other typo rule would change it)
                near = [h for h in _HOW_WORDS if OSA.distance(raw[i], h) == 1]
                if len(near) == 1:
                    raw[i] = near[0]
        raw = _APART_RE.sub("what is the gap between ", " ".join(raw)).split()
        said = _SAID_FIGURE_RE.search(" ".join(raw))
        before_said = " ".join(raw)[:said.start()] if said else ""
        if any(w in SPEECH_VERBS for w in before_said.split()):
            # "union says one thing, what does mnr say the turnout was": the other side's
            # account is not what is asked
            before_said = ""
        if said and (said.group("y").split()[-1] in FIGURE_NOUNS
                     or said.group("y").split()[-1] in self._count_cue_words):
            # "what did the fire chief say the deaths were at first": the chief's figure of
            # the deaths, as "the deaths according to the fire chief" asks it
            raw = (f"{before_said}how many {said.group('be')} the {said.group('y')}"
                   f"{said.group('rest')} according to {said.group('x')}").split()
        elif said and said.group("y").split()[-1] in self._measure_cue_words:
            # "what does mnr say the turnout was": mnr's figure of the turnout
            raw = (f"{before_said}what {said.group('be')} the {said.group('y')}"
                   f"{said.group('rest')} according to {said.group('x')}").split()
        explained = _EXPLAINED_RE.search(" ".join(raw))
        if explained:
            # "how did the company explain the lower figure" ("explain" is otherwise chat
            # filler: "can someone explain"): the reason it gives, as "why does X say" asks
            joined = " ".join(raw)
            raw = (f"{joined[:explained.start()]}why does "
                   f"{explained.group('x') or explained.group('y')} say"
                   f"{joined[explained.end():]}").split()
        undergone = after_anyone(raw)  # (before "anyone", a chat opener, is dropped)
        how_to = _HOW_TO_RE.match(" ".join(raw))
        if how_to:  # "how do i donate": a way to do it, which a fact must speak of
            undergone = undergone | {len(how_to.group(0).split()) - 1}
        telling_at: set[int] = set()  # where in ``ws``
        for j, w in enumerate(raw):
            if w in lexicon.filler:
                continue
            if j in undergone:
                telling_at.add(len(ws))
            fixed = self.speller.correct(w, index_terms, leading=not ws)
            if fixed is not None and fixed in lexicon.filler:
                corrections[w] = fixed  # "anywya": chat's "anyway", which asks nothing
                continue
            # a word two swapped letters away from a known one is a typo of it, not an
            # abbreviation, which leaves letters out ("balst" is no "ballistic")
            longer = self.speller.expansions(w, index_terms) \
                if fixed is None or sorted(fixed) != sorted(w) else frozenset()
            if fixed is not None:
                corrections[w] = fixed
                ws.extend(self.expand_shorthand([fixed]))
            else:
                ws.append(w)
            if longer:
                abbreviated[ws[-1]] = longer
        sentence = " ".join(ws)
        q = Query(text=question, words=ws, corrections=corrections)
        # "who said 'ostervik should have been the last time'": words quoted are the
        # speaker's, to be found in a quote; they ask for no earlier event or latest figure
        quoted = _quoted_positions(question, ws)
        cue_ws = [QUOTED_WORD if i in quoted else w
                  for i, w in enumerate(ws)] if quoted else ws
        cue_text = " ".join(cue_ws)
        q.quoted = frozenset(ws[i] for i in quoted)
        q.quotation = _longest_run(ws, quoted)
        consumed = [False] * len(ws)
        changed_at: set[int] = set()

        def consume_span(start_char: int, end_char: int) -> None:
            start = len(sentence[:start_char].split())
            n = len(sentence[start_char:end_char].split())
            for i in range(start, min(len(ws), start + n)):
                consumed[i] = True

        cue_sentence = sentence
        m = _UNIT_RE.search(sentence) or (
            _HOW_MANY_UNIT_RE.search(sentence) if "how many" in sentence else None) \
            or _LETTER_UNIT_RE.search(sentence) or (
                _LETTER_UNIT_WITHIN_RE.search(sentence)
                if _LETTER_UNIT_ASKED_RE.search(question) else None)
        if m and m.group("u") != "in":
            unit = resolve_unit(m.group("u").replace("km h", "km/h"))
            if unit is not None and unit.dimension == "length" and not _area_words(
                    lexicon).isdisjoint(f"{sentence[:m.start()]} {sentence[m.end():]}".split()):
                # "how big is the search area in miles": square miles
                unit = resolve_unit(f"square {unit.plural}") or unit
            if unit is not None and unit.symbol:
                q.unit = unit.symbol  # "in miles", "how many minutes": shown in it
                q.unit_also = bool(_UNIT_ALSO_AFTER_RE.match(sentence[m.end():])
                                   or _UNIT_ALSO_BEFORE_RE.search(sentence[:m.start()]))
                if m.re is not _HOW_MANY_UNIT_RE:
                    # (a unit to convert to says nothing of which figure: no attribute cue)
                    cue_sentence = f"{sentence[:m.start()]} {sentence[m.end():]}"
                q.dimensions = frozenset({unit.dimension})
                consume_span(m.start(), m.end())

        leading = _ACCORDING_FIRST_RE.match(sentence)
        rival = _RIVAL_GIVEN_RE.match(sentence)
        if rival and (not _ASKS_RE.search(rival.group("rest"))
                      or _DIFFER_RE.search(rival.group("rest"))
                      or _DIFFERENCE_RE.search(rival.group("rest"))
                      or q.unit is not None and (
                          _THAT_CONVERTED_RE.search(rival.group("rest"))
                          or _THAT_HOW_MANY_RE.search(rival.group("rest")))):
            rival = None  # ("... but the red cross says different, how many", "clearwater
            # says 58, whats the gap": both figures;
            # "the regulator says 2.4bn lumes, whats that in usd", "... thats how many
            # miles": that figure, converted)
        if rival:
            # "police said 12k protesters, what did the organisers claim": the question is
            # what follows the police's figure, and that figure is not the answer
            self._read_form(q, rival.group("rest").strip(), lexicon)
            self._read_rival(q, rival, lexicon, consume_span)
        else:
            # "according to the company who narrowed the gate": the question starts after it
            self._read_form(q, sentence[leading.end():] if leading else sentence, lexicon)
        m = _GUESS_RE.search(sentence)
        if m and not (_GUESS_BEFORE_RE.search(sentence[:m.start()])
                      or _GUESS_AFTER_RE.match(sentence[m.end():])
                      # ("is what, like 30%": "like" is chat filler, dropped from the words)
                      or re.search(rf"\b(?:like|maybe|probably|prob) {re.escape(m.group(0))}\b",
                                   " ".join(raw))):
            m = None  # "did they lift the 12 km zone": a figure named, not guessed
        if m and q.answer_type is AnswerType.ANY:
            # "was it like 100 km up or less": a figure guessed is a figure of that kind asked
            unit = resolve_unit(m.group("u").replace("km h", "km/h"))
            if unit is not None and unit.symbol:
                q.answer_type, q.dimensions, q.unit = (AnswerType.QUANTITY,
                                                       frozenset({unit.dimension}), unit.symbol)
                consume_span(m.start(), m.end())
                for i, w in enumerate(ws):
                    if w in COMPARISON_WORDS:
                        consumed[i] = True
        elif m and q.answer_type in (AnswerType.QUANTITY, AnswerType.NUMBER):
            # "premium on the bid is what, like 30%?": the asker's guess is no word of the
            # figure asked; its unit says what kind of figure ("how long, like 40 km": a
            # length, not a duration)
            unit = resolve_unit(m.group("u").replace("km h", "km/h"))
            if unit is not None and unit.symbol and q.unit is None \
                    and unit.dimension in (q.dimensions or {unit.dimension}):
                q.dimensions, q.unit = frozenset({unit.dimension}), unit.symbol
                consume_span(m.start(), m.end())
            else:
                consume_span(m.start("n"), m.end("n"))
        clock_format = _CLOCK_FORMAT_RE.search(sentence)
        if clock_format and q.answer_type in (AnswerType.ANY, AnswerType.TIME):
            # "time in 24h format?", "launch time in military time": a clock time asked,
            # which answers always give in 24-hour form
            q.answer_type, q.clock = AnswerType.TIME, True
            consume_span(clock_format.start(), clock_format.end())
        asked_zone = self._asked_zone(ws, sentence, index_terms)
        if asked_zone is None and q.answer_type in (AnswerType.ANY, AnswerType.TIME):
            place = _PLACE_ZONE_RE.search(sentence)
            if place is not None and _CLOCK_RE.search(sentence) \
                    and (place.group("x") or place.group("y")) not in STOPWORDS:
                q.zone_place = place.group("x") or place.group("y")
                q.zone_place_words = tuple(place.group(0).split())
        if asked_zone is not None and q.answer_type in (AnswerType.ANY, AnswerType.TIME):
            start, end, zone = asked_zone
            q.zone = zone
            q.answer_type, q.clock = AnswerType.TIME, True
            for k in range(start, end):
                consumed[k] = True
            for k in self._zone_echoes(ws, start, end, zone.key):
                consumed[k] = True
        if q.zone is not None or q.unit is not None:
            for k, w in enumerate(ws):  # "convert launch time to ist": the form, no word of
                if w in _CONVERT_WORDS:  # a fact
                    consumed[k] = True
        if q.answer_type in (AnswerType.STATEMENT, AnswerType.ROLE):
            speaker_words = set()
            for t in q.speaker:
                speaker_words.add(t.word)
            for i, w in enumerate(ws):
                if w in speaker_words:
                    consumed[i] = True
        for i, w in enumerate(ws):
            if w in q.form_words:
                consumed[i] = True
        if rival:  # "morvania said 3 at first, what now": which figure of the one asked
            asked = rival.group("rest")[_ASKS_RE.search(rival.group("rest")).start():]
            q.recency = _recency(asked.split(), asked)
        else:
            q.recency = _recency(cue_ws, cue_text)
            if q.recency is Recency.FIRST and (clause := change_clause(cue_ws)) is not None:
                changed_at = set(clause)  # "before they changed it": which figure; a fact
                # may still say so ("radius before it was widened")
        for phrase in LATEST_PHRASES:  # "right now", "so far": which figure, not words of it
            for m in re.finditer(rf"\b{phrase}\b", sentence):
                consume_span(m.start(), m.end())
        for m in _END_UP_RE.finditer(sentence):  # "what would the us end up doing": what
            consume_span(m.start(), m.end())  # comes to pass, not an end of anything
        for m in _ATTEMPTED_RE.finditer(sentence):  # "who tried to buy it": who bid for it
            consume_span(m.start(), m.end())
        for m in _RELATIVE_TO_RE.finditer(sentence):  # "when did it end relative to the
            consume_span(m.start(), m.end())  # launch": a comparison, no word of a fact
        for m in _BACK_THEN_RE.finditer(sentence):  # "how many lost power back then": when,
            consume_span(m.start(), m.end())  # said of a past the other words name
        m = _ACCORDING_RE.search(sentence) or _ACCORDING_FIRST_RE.match(sentence)
        if m and q.answer_type not in (AnswerType.STATEMENT, AnswerType.ROLE):
            q.according = self._speaker_terms(m.group("x"), lexicon)
            consume_span(m.start(), m.end())
        m = _EXCLUDED_RE.search(sentence)
        if m and q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY):
            # "how many registered, not just starters", "damage in usd (not counting the
            # port)": what the figure is not, so no word of it (a fact that has it gives
            # the figure ruled out); "who condemned it besides sk" may be answered by a
            # sentence that names sk among others
            q.excluded = tuple(self.alternatives(stem(w), lexicon) for w in m.group("x").split()
                               if w not in STOPWORDS and w not in GRAMMAR_WORDS)
            consume_span(m.start(), m.end())
        m = _SIDES_RE.search(sentence)
        q.sides = bool(m)  # "how long til it reopens, both sides estimates pls"
        if m and m.group(0).startswith("who") and q.answer_type in (
                AnswerType.STATEMENT, AnswerType.WHO):
            # "the weather briefing thing, who says what abt the winds": each side's account
            # of it, not one speaker's words; what comes before "who" is what it is about
            q.answer_type = AnswerType.ANY
            q.terms.extend(t for t in q.speaker if t.word not in LIGHT_WORDS)
            q.speaker = []
            consume_span(m.start(), m.end())
        if m and q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY):
            q.compares = True
        if m and "side" in m.group(0):  # (no word of a fact; "different numbers" may be:
            consume_span(m.start(), m.end())  # "the gap between the figures")
        sides = None if q.according else _VERSUS_SIDES_RE.search(sentence)
        if sides and q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY):
            q.versus = [t for side in ("a", "b")
                        for t in self._speaker_terms(sides.group(side) or
                                                     sides.group(f"{side}2"), lexicon)]
            if len(q.versus) != 2:
                q.versus = []
            elif sides.group("b2"):  # ("say different numbers": whose, not words of a fact)
                consume_span(sides.end("b2"), sides.end())
        m = None if q.according or q.versus else _SOURCE_FIGURE_RE.search(sentence)
        if m and tuple(m.group(0).split()[-2:]) in lexicon.phrase_words:
            m = None  # "the first body count", "the death count": a figure, not whose
        x = m.group("x").split() if m else []
        if "the" in x[:-1]:
            x = x[len(x) - x[::-1].index("the"):]  # "not match the charity count": whose is
            # the charity's, not what the words before "the" say
        if len(x) > 1 and x[-1] in _POSSESSIVE_PRONOUNS and can_be_verb(x[-2]):
            x = x[:-2]  # "why did the exchange *change its* estimate": the exchange's
        whose = [w for w in x if w not in _HOW_MANY_WORDS and w not in GRAMMAR_WORDS]
        if m and (q.compares and _VERSUS_RE.search(m.group("x"))
                  or all(self._is_cue_word(w, index_terms) for w in whose)
                  or all(is_verb_form(w) or lemma(w) != w and "VERB" in lemma_forms(w)
                         for w in whose)):  # ("the trapped count": who was trapped)
            # "mayor vs ncpa figures": both sources' figures, not one source; "injured
            # numbers": what is counted, not whose count
            m = None
        if m and q.answer_type not in (AnswerType.STATEMENT, AnswerType.ROLE, AnswerType.WHO):
            # "the industry federations estimate of the cost": whose figure, as above (the
            # words stay terms too: they may be the figure's own words, "death count")
            q.according = [t for t in self._speaker_terms(" ".join(whose), lexicon)
                           if t.word not in GRAMMAR_WORDS]
        q.previous_event = any(p in cue_text for p in PREVIOUS_EVENT_PHRASES) or bool(
            _LAST_ONE_RE.search(cue_text)) or bool(_HAPPENED_BEFORE_RE.search(cue_text))
        # "wait nk launched again?? what happened": the event itself, told by the fact that
        # says most of its title (not "what happened *to* the pilot": a fate is asked)
        q.overview = q.answer_type is AnswerType.ANY and not q.previous_event \
            and bool(_WHAT_HAPPENED_RE.search(sentence))
        q.negated = q.answer_type is not AnswerType.REASON \
            and not _YES_NO_RE.match(sentence) and bool(_NEGATED_RE.search(sentence))
        if q.previous_event:
            # "wasnt there a similar blast before? how many died that time": which event,
            # not words of its facts
            # (words a fact about it may use, "the previous launch", stay)
            for m in _EARLIER_ONE_SAID_RE.finditer(sentence):
                consume_span(m.start(), m.end())
        m = _COUNTED_RE.search(sentence)
        after = sentence[m.start("n"):].split() if m else []
        if after and after[0] == "us" and len(after) > 1:
            after = after[1:]  # "how many us troops": the country, not the pronoun
        if after and after[0] not in GRAMMAR_WORDS and resolve_unit(after[0]) is not None:
            # "how many miles": the unit is what is counted (by a figure of its kind); "how
            # many km/h over the limit": the unit is two words, and neither is counted
            q.counted = None if len(after) > 1 and resolve_unit(f"{after[0]}/{after[1]}") \
                else after[0]
        elif after and after[0] not in GRAMMAR_WORDS:
            # the head of the counted phrase: "how many rescue *workers* were sent"
            run: list[str] = []
            modified = False  # the word before named the kind ("*cooling* centres")
            for k, w in enumerate(after):
                nxt = after[k + 1] if k + 1 < len(after) else None
                if w.endswith("ing") and nxt is not None and nxt not in GRAMMAR_WORDS \
                        and not is_verb_form(nxt) and "NOUN" in word_classes(nxt):
                    run.append(w)  # "how many extra cooling centres": it names the kind
                    modified = True
                    continue
                if w in GRAMMAR_WORDS or w in lexicon.filler or run and not modified and (
                        is_verb_form(w) or (lemma(w) != w and "VERB" in lemma_forms(w))):
                    if run and w not in GRAMMAR_WORDS and w not in lexicon.filler and (
                            nxt is None or nxt in GRAMMAR_WORDS or nxt in lexicon.filler):
                        # "how many trekkers *died*": a count of those who did it, which a
                        # count of trekkers with permits is not ("lost power" says its
                        # object, which a count "without power" has)
                        q.action = w
                    break  # "how many workers *struck*": the verb ends the phrase
                run.append(w)
                modified = False
            q.counted = run[-1] if run else after[0]
        elif after and after[0] in GENERIC_COUNTED:
            q.counted = after[0]  # "how many people": persons of any kind (checked as such)
            q.action = self._people_action(after[1:], lexicon)
        part = _PART_NOUN_RE.match(sentence)
        if part and q.answer_type is AnswerType.NUMBER and part.group("y").split()[0] not in \
                GRAMMAR_WORDS and not is_verb_form(part.group("y").split()[-1]):
            # "how many of the people in hospital were plant workers": a count of workers
            # among them, which the count of all of them is not
            q.counted = part.group("y").split()[-1]
        m = _PART_OF_RE.search(sentence) or _NOT_THE_FIGURE_RE.search(sentence) \
            or _SEEN_FIGURE_RE.search(sentence)
        supposed = _IF_FIGURE_RE.search(sentence)
        if supposed and q.given_figure is None and q.answer_type in (
                AnswerType.NUMBER, AnswerType.QUANTITY):
            value = float(supposed.group("n").replace(",", "")) * scale_factor(
                supposed.group("scale"))
            q.given_figure = f"{value:g}"
            consume_span(supposed.start("n"), supposed.end())
        ago = _AGO_RE.search(sentence)
        if ago and q.given_figure is None and q.answer_type not in (
                AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.TIME):
            q.given_figure = ago.group("n")  # (its words stay: a fact may say "8 days ago")
        if m and q.given_figure is None and (q.answer_type is AnswerType.NUMBER or (
                # "how much does X own, i saw 9.8% earlier": a share seen is a figure too
                q.answer_type in (AnswerType.QUANTITY, AnswerType.ANY)
                and m.re is _SEEN_FIGURE_RE)):  # ("injured count?? i saw 9 somewhere")
            q.given_figure = f"{float(m.group('n').replace(',', '')):g}"
            # (the whole's figure, or "before the 17", is no word to match)
            consume_span(m.start("n") if m.re is _PART_OF_RE else m.start(), m.end())
            if m.re is _SEEN_FIGURE_RE:  # "i saw 1200 earlier": when they saw it, not
                rest = f"{sentence[:m.start()]} {sentence[m.end():]}"  # which is asked
                q.recency = _recency(rest.split(), rest)
                changed = _NOW_CHANGED_RE.search(sentence)
                if changed:  # "... but now its diff": the figure as it stands
                    consume_span(changed.start(), changed.end())
                    q.recency = Recency.LATEST
                # "i saw 9 dead last night, whats the number now": when they saw it is no
                # word of the fact asked
                tail = sentence[m.end():]
                asks = _ASKS_RE.search(tail)
                for w in _GIVEN_WHEN_RE.finditer(tail[:asks.start()] if asks else tail):
                    consume_span(m.end() + w.start(), m.end() + w.end())
        m = _COUNT_IN_PLACE_RE.match(sentence)
        if m and q.answer_type is AnswerType.NUMBER and q.counted is None:
            q.located = stem(m.group("x"))
        q.asks_count = q.answer_type is AnswerType.NUMBER and (
            "how many" in sentence or bool(_COUNT_NOUN_RE.search(sentence)))
        q.elapsed = "duration" in q.dimensions and bool(_ELAPSED_RE.search(sentence))
        q.two_things = bool(_THE_TWO_RE.search(sentence))
        q.total = q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY) \
            and bool(TOTAL_RE.search(sentence))
        if q.elapsed:
            q.elapsed_sides = _elapsed_sides(ws, q.two_things)
        q.asks_amount = q.answer_type is AnswerType.NUMBER and bool(
            re.search(rf"\bhow (?:much|bad|badly|severe|severely) {_AUX}\b", sentence))
        # (not "how much warning"; "how bad did the currency tank": by how much)
        q.yes_no = bool(_YES_NO_RE.match(sentence))
        q.naming = q.answer_type is AnswerType.STATEMENT and bool(_NAMING_RE.search(sentence))
        q.asks_thing = q.answer_type is AnswerType.ANY and bool(_WHAT_DID_RE.match(sentence))
        which = _WHICH_PLURAL_RE.match(sentence)
        q.several = bool(which) and which.group("x").endswith("s") \
            and lemma(which.group("x")) != which.group("x") \
            and "NOUN" in lemma_forms(which.group("x"))
        if q.answer_type is AnswerType.WHO and len(ws) > 3 and ws[0] == "who" \
                and ws[1] in _ATTEMPT_VERBS and ws[2] == "to" and can_be_verb(ws[3]):
            q.action = ws[3]  # "who tried to buy it": one that bid for it
        elif q.answer_type is AnswerType.WHO and len(ws) > 2 and ws[0] == "who" \
                and ws[1] not in _AUXILIARIES and ws[1] not in SPEECH_VERBS \
                and (is_verb_form(ws[1]) or lemma(ws[1]) != ws[1]
                     and "VERB" in lemma_forms(ws[1])):
            q.action = ws[1]  # "who designed the bridge": a fact must say someone designed it
        elif q.answer_type is AnswerType.PLACE and len(ws) > 3 and ws[0] == "where" \
                and ws[1] in _AUXILIARIES and ws[2] in _SUBJECT_PRONOUNS and can_be_verb(ws[3]):
            q.action = ws[3]  # "where did they find it": a fact must say it was found there
        elif q.answer_type is AnswerType.PLACE and len(ws) > 3 and ws[0] in ("which", "what") \
                and _WHICH_PLACE_RE.match(sentence) and ws[2] not in _AUXILIARIES \
                and ws[2] not in SPEECH_VERBS and is_verb_form(ws[2]):
            q.action = ws[2]  # "which country brokered the talks": one that did it, not
            # where the talks were
        elif q.answer_type is AnswerType.TIME and len(ws) > 3 and ws[0] == "when" \
                and ws[1] in ("did", "does", "do", "will") and ws[-1] not in GRAMMAR_WORDS \
                and ws[-1] not in LIGHT_WORDS and lemma(ws[-1]) == ws[-1] \
                and can_be_verb(ws[-1]) and _bare_subject(ws[2:-1]):
            q.action = ws[-1]  # "when did selka 1 launch": the moment it did that, not
            # when it crashed
        m = _BETWEEN_WHICH_RE.search(sentence)
        if m:  # "the margin between the top two": which two, not words of a fact
            consume_span(m.start("which"), m.end("which"))
        m = _MULTIPLE_RE.search(sentence)
        if m:  # "how many x above normal": a multiple, whatever word says of what
            consume_span(m.start("form"), m.end("form"))
        if (_REVISION_ASKED_RE.search(sentence) or _CHANGE_ASKED_RE.search(sentence)) \
                and q.answer_type in (
                AnswerType.ANY, AnswerType.NUMBER, AnswerType.QUANTITY):
            q.revision_asked = True
        m = _DIFFERENCE_RE.search(sentence)
        stated = None if m else _STATED_RATIO_RE.search(sentence)
        m = m or stated
        if m and q.answer_type in (AnswerType.ANY, AnswerType.NUMBER, AnswerType.QUANTITY):
            q.difference = True
            q.ratio = stated is not None or bool(_RATIO_RE.search(sentence))
            q.apart = bool(m.groupdict().get("apart"))
            side = next((g for g in ("over", "short") if m.groupdict().get(g)), None)
            if side is not None:
                q.against = self._against(sentence[m.end(side):].split(), lexicon)
            # "the gap between their numbers", "38k vs 46.5k, the difference": two sources'
            # figures of one quantity
            q.compares = q.compares or bool(_VERSUS_RE.search(sentence)) or bool(
                _WHOSE_FIGURES_RE.search(sentence)) or len(_BARE_NUMBER_RE.findall(sentence)) >= 2
            dimension = _COMPARATIVE_DIMENSIONS.get(m.group("c") or "")
            if dimension and not q.dimensions:
                q.dimensions = frozenset({dimension})
            if q.dimensions:
                q.answer_type = AnswerType.QUANTITY
            for i, w in enumerate(ws):  # ("farther ... than": the form, no word of a fact)
                if w == m.group("c") or w in ("than", "difference", "gap", "between") \
                        or w in (m.groupdict().get("apart"), m.groupdict().get("minus"),
                                 m.groupdict().get("over"), m.groupdict().get("short")) \
                        or q.ratio and w in ("times", "x") \
                        or stated is not None and w in (stated["n"], f"{stated['n']}x"):
                    consumed[i] = True
        q.asks_year = bool(_YEAR_ASKED_RE.search(sentence))
        m = _PER_TIME_RE.search(sentence)
        if m and q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY) \
                and (q.unit is None or "/" not in q.unit):  # ("litres a day": a flow's unit)
            q.per = stem(m.group("t") or _PER_ADVERBS[m.group("a")])
        m = _PER_THING_RE.search(sentence)
        if m and q.per is None and _AVERAGE_RE.search(sentence) and q.answer_type in (
                AnswerType.NUMBER, AnswerType.QUANTITY) and m.group("t") not in STOPWORDS:
            q.per_thing = stem(m.group("t"))
        q.asks_day = bool(_DAY_ASKED_RE.search(sentence))
        q.future = q.answer_type is AnswerType.TIME and bool(_FUTURE_ASKED_RE.search(sentence))
        # "how much rain fell": what happened, which a forecast is not (unless asked)
        q.ahead = q.answer_type is not AnswerType.TIME and bool(_AHEAD_RE.search(sentence))
        q.past = q.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY) \
            and not _FORECAST_ASKED_RE.search(sentence) and any(
                w == "did" or w.endswith("ed") and is_verb_form(w)
                or w not in STOPWORDS and lemma(w) != w and not w.endswith(("ing", "s"))
                and "VERB" in lemma_forms(w) for w in ws)
        # "what time was the order issued": a moment that came, which one planned is not
        q.past = q.past or q.answer_type is AnswerType.TIME and not q.future \
            and not _PLANNED_ASKED_RE.search(sentence) and bool(_PAST_ASKED_RE.search(sentence))
        said = _ASKS_IF_SAID_RE.match(sentence)
        q.asks_if_said = said.group("wh") if said else None
        q.asks_name = q.answer_type in (AnswerType.ANY, AnswerType.PLACE) and bool(
            _NAME_RE.search(sentence) or _WHO_STATE_RE.match(sentence))
        owner_words: tuple[str, ...] = ()
        bare = sentence
        for phrase in LATEST_PHRASES:  # "whats kaldrias inflation rate rn": when, not what
            bare = re.sub(rf"\s+{phrase}$", "", bare)
        bare = re.sub(r"\s+(?:total|overall|exactly|roughly|approximately)$", "", bare)
        m = _HEAD_RE.search(bare) or _HEAD_LAST_RE.search(bare)
        if m and m.group("h") not in GRAMMAR_WORDS and m.group("h") not in lexicon.filler \
                and not is_verb_form(m.group("h")):  # ("what kind of alarm sounded")
            q.head = m.group("h")
            # the noun phrase that owns it, up to a grammar word or a verb ("the range of
            # the missile *launched from sinpo*": the missile's)
            owner_words = _noun_phrase(bare[m.end():].split() if m.re is _HEAD_RE
                                       else bare[:m.start("h")].split()[2:])
        elif (m := _HOW_IS_RE.search(bare)) is not None:
            # "how deep is lake hemzal": the depth of that lake, not of the mud the flood
            # from it left (the event's name has its words; the fact must have them)
            owner_words = _noun_phrase(bare[m.end():].split())
        elif (m := _LIVING_IN_RE.search(bare)) is not None:
            # "how many ppl were living at willowbend": the people of that place, which a
            # town's population is not
            phrase = []
            for w in bare[m.end():].split():
                if w in GRAMMAR_WORDS or is_verb_form(w):
                    break
                phrase.append(w)
            owner_words = tuple(phrase)
            # and living there is what is counted: the dead of that place are not its people
            telling_at.update(i for i, w in enumerate(ws) if w in _LIVING_WORDS)
        elif q.answer_type in (AnswerType.ANY, AnswerType.WHO):
            q.head = _asked_kind(ws, lexicon)
            # "what kind of response": a kind of response, whatever attribute "what kind"
            # cues (a missile's type): the fact must be about a response
            q.head_only = q.head is not None and len(ws) > 2 and ws[1] in _KIND_OF
        ys = YEAR_SCOPE_RE.search(sentence)
        if ys and not _MONTH_RE.search(sentence) and not (
                ys.group(0).startswith("since") and ys.group("y") in index_terms):
            # ("barriers installed since 2020": a period a fact speaks of, not a whole year)
            q.year_scope = ys.group("y") or ys.group(0)
        choice = self._choice(ws, lexicon) if q.answer_type in (
            AnswerType.ANY, AnswerType.PLACE) else None
        if choice is not None:
            start, end, words = choice
            q.choices = tuple(self.alternatives(stem(w), lexicon) for w in words)
            # ("short range or long range" asks which kind, not for the range)
            cue_sentence = " ".join(ws[:start] + ws[end:])
            for k in range(start, end):
                consumed[k] = True
            # a term each (a fact that names both, "defensive, not offensive", is about the
            # choice); one that no fact has weighs nothing and blocks nothing
            q.terms.extend(QueryTerm(w, stem(w), alts, TermClass.CONTENT, choice=True)
                           for w, alts in zip(words, q.choices, strict=True))
        q.attributes = self._attributes(cue_sentence)
        if self._count_cue_re is not None:
            q.cued_counts = frozenset(name for m in self._count_cue_re.finditer(cue_sentence)
                                      for name in self._count_cue_names[m.group(1)])
        if q.unit is not None:  # "how long is the tanker in ft": a length, not a duration
            q.attributes = frozenset(
                a for a in q.attributes
                if self._dimension_of.get(a) in (None, *q.dimensions))
        if q.answer_type is AnswerType.WHO and _WHO_SAID_RE.match(sentence) \
                or _WHERE_LEVEL_RE.match(sentence):
            q.attributes = frozenset()  # "who said the strike has a price": words said;
            # "where did the index close": no place
        if q.answer_type is AnswerType.ANY and q.attributes and not q.speaker \
                and QUESTION_WORDS.isdisjoint(ws) and not _YES_NO_RE.match(sentence) \
                and not self._measure_nouns.isdisjoint(ws):
            # "kesselrode snow depth acc to the region?": a fragment that names a measure
            # asks its figure, not a sentence that mentions the place and the snow (a cue
            # that describes, "highest flood warning lvl", names no measure)
            measured = {self._dimension_of.get(a) for a in q.attributes}
            if None not in measured and "count" not in measured:
                q.answer_type, q.dimensions = AnswerType.QUANTITY, frozenset(measured)
        if q.answer_type is AnswerType.NUMBER and "how many" in sentence:
            # "how many lost power at the peak": a count, not the peak of a flight
            q.attributes = frozenset(a for a in q.attributes
                                     if self._dimension_of.get(a) in (None, "count"))
        if q.dimensions == {"length"} and not q.attributes - {"length"}:
            # "how long was the boat in feet", "tunnel length in feet": its length ("86
            # metres long"), not how far something went past it, nor its width
            for m in _SIZE_ASKED_RE.finditer(sentence):
                family = _SIZE_FAMILIES[m.group(1).removeprefix("how ")]
                q.terms.append(QueryTerm(family[0], stem(family[0]),
                                         frozenset(stem(w) for w in family), TermClass.LIGHT))

        for m in _ASKED_HOUR_RE.finditer(sentence):
            # "how many were in hotels by 9pm": the figure of about that hour of the day
            if any(consumed[len(sentence[:m.start()].split()):
                            len(sentence[:m.end()].split())]):
                continue
            hour = asked_hour(m)
            consume_span(m.start(), m.end())
            q.terms.append(QueryTerm(m.group(0), hour_term(hour), frozenset(
                hour_term(hour + d) for d in range(-ASKED_HOUR_SPREAD, ASKED_HOUR_SPREAD + 1)),
                TermClass.CONTENT))
        for m in _BARE_CLOCK_RE.finditer(sentence):
            # "shot at 5:40": an hour without a.m. or p.m. is either half of the day
            if any(consumed[len(sentence[:m.start("h")].split()):
                            len(sentence[:m.end()].split())]):
                continue
            hour = int(m.group("h")) % 12
            consume_span(m.start("h"), m.end())
            q.terms.append(QueryTerm(m.group(0), hour_term(hour), frozenset(
                hour_term(hour + half + d) for half in (0, 12)
                for d in range(-ASKED_HOUR_SPREAD, ASKED_HOUR_SPREAD + 1)), TermClass.CONTENT))
        for start, end, token in self.analyzer.phrase_spans(ws):
            if any(consumed[start:end]):
                continue
            for k in range(start, end):
                consumed[k] = True
            q.terms.append(QueryTerm(" ".join(ws[start:end]), token,
                                     self.alternatives(token, lexicon), TermClass.CONTENT))
        kept = [(i, w) for i, w in enumerate(ws) if not consumed[i]]
        # "will they do the test next week": a fact must say "next" (a plan or a warning
        # for that time); one that says it may come, some day, does not answer
        next_period = {k for i, w in enumerate(ws[:-1])
                       if w == "next" and ws[i + 1] in _NEXT_PERIODS for k in (i, i + 1)}
        said_by = _WHICH_SPEAKER_RE.match(sentence)
        described_speaker = set(range(1, len(said_by.group("who").split()) + 1)) \
            if said_by else set()
        for i, w in kept:
            if w in STOPWORDS or w in QUESTION_WORDS:
                continue
            extreme = _named_extreme(ws, i)
            if w in _FORM_WORDS and q.answer_type in (AnswerType.TIME, AnswerType.NUMBER,
                                                      AnswerType.QUANTITY) \
                    and not (w in _RATE_PERIODS and i > 0 and ws[i - 1] in _RATE_WORDS) \
                    and not extreme:
                continue  # (not "losing *a day*": a figure per day is asked)
            if w in PLACE_FORM_WORDS and q.answer_type is AnswerType.PLACE:
                continue
            if w in _KEEP_WORDS and i + 1 < len(ws) and ws[i + 1].endswith("ing") \
                    and is_verb_form(ws[i + 1]):
                continue  # "why does nk keep testing": that it goes on, not a word of a fact
            if w == "going" and i + 2 < len(ws) and ws[i + 1] == "to" \
                    and "VERB" in word_classes(ws[i + 2]):
                continue  # "is nk gonna (going to) do a test": when, not a word of a fact
            if w in _NATION_WORDS and i == 1 and ws[0] in ("which", "what") \
                    and q.answer_type is AnswerType.ANY:
                continue  # "which countries condemned it": names of countries are asked
            if w in TIME_EVENT_VERBS and q.answer_type is AnswerType.TIME and (
                    i + 1 == len(ws) or ws[i + 1] in _AFTER_EVENT_VERB):
                continue  # (not "when did it hit land": it hit something)
            if w in REASON_FORM_WORDS and q.answer_type is AnswerType.REASON:
                continue
            if q.answer_type is AnswerType.REASON and (
                    w in _FIGURE_MOVES or lemma(w) in _FIGURE_MOVES or w in CHANGE_WORDS):
                # "why did the toll jump", "why did the missing number go down": how the
                # figure moved; the sentence that says why need not say it so
                q.figure_moved = True
                q.terms.append(QueryTerm(w, stem(w), self.alternatives(stem(w), lexicon),
                                         TermClass.LIGHT))
                continue
            if picks_an_extreme(w) and w not in LATEST_WORDS | FIRST_WORDS \
                    and q.answer_type in (AnswerType.NUMBER,
                                                         AnswerType.QUANTITY):
                # "max gust", "the highest toll": the one figure a report gives is its
                # highest too, so a fact need not say so (one that does earns a little)
                q.terms.append(QueryTerm(w, stem(w), self.alternatives(stem(w), lexicon),
                                         TermClass.LIGHT))
                continue
            if (w in FIGURE_NOUNS or w in GENERIC_COUNTED) and q.answer_type in (
                    AnswerType.NUMBER, AnswerType.QUANTITY):
                continue
            if (w in FIGURE_NOUNS or w in _GAVE_WORDS) and q.answer_type is AnswerType.WHO \
                    and any(is_number(x) for x in ws):
                continue  # "who gave the 38 number": the figure says which fact, its source who
            if (w in SPEECH_VERBS or w in _NAME_WORDS or w in _AUDIENCE_WORDS and any(
                    x in SPEECH_VERBS for x in ws[max(0, i - 2):i])) and q.answer_type in (
                    AnswerType.STATEMENT, AnswerType.WHO, AnswerType.ROLE):
                continue  # ("who's the governor talking to reporters, name?")
            term = stem(w)
            alts = self._widened(w, self.alternatives(term, lexicon), index_terms, prefixed) \
                | self._unit_spelled(w, i > 0 and is_number(ws[i - 1]), index_terms)
            alts = alts | abbreviated.get(w, frozenset())
            if w in _LIVING_WORDS and i in telling_at:
                # "how many ppl live in teska": a place's population, however a fact says it
                alts = alts | _LIVING_TERMS
            if "again" in ws and w.isalpha() and "VERB" in word_classes(w):
                # "when will schools open again": they *reopen*
                alts = alts | ({f"re{t}" for t in alts} & index_terms)
            if w in _SPELLED_NUMBERS or w in NUMBER_WORDS:
                # "1 on 1" and "one-on-one", "3 ppl" and "three people": one number
                alts = alts | {_SPELLED_NUMBERS.get(w) or f"{NUMBER_WORDS[w]}"}
            if len(w) == 2 and w.isdigit() and i and (
                    ws[i - 1] in _YEAR_BEFORE or w[0] == "0" and ws[i - 1] in _ARTICLES):
                # ("the 09 drought": a leading zero is a year's, not a count's)
                # "buried in 71": a year of the facts' century ("1971", "2019")
                alts = alts | ({f"19{w}", f"20{w}"} & index_terms)
            decade = _DECADE_RE.match(w)
            if decade:  # "in the 90s", "the 1980s": any year of that decade
                start = int(decade.group("c") or "19") * 100 + int(decade.group("d")) * 10
                alts = alts | {str(start + k) for k in range(10)}
            base = lemma(w)
            light = not extreme and any(
                x in LIGHT_WORDS or x in SPEECH_VERBS or x in STATEMENT_NOUNS
                or x in FUNCTION_WORDS or x in _FORM_WORDS or x in STOPWORDS
                for x in (w, base)) and not (
                (w in LATEST_WORDS or w in FIRST_WORDS) and used_as_noun(ws, i)) and not (
                # "the first *call*", "the last *statement*": a thing said, named as a noun
                (w in SPEECH_VERBS or base in SPEECH_VERBS) and i
                and (ws[i - 1] in FIRST_WORDS or ws[i - 1] in LATEST_WORDS)
                and "NOUN" in word_classes(w)) and not (
                # "how much *warning* did they get": a thing given, named as a noun
                w.endswith("ing") and base in SPEECH_VERBS and i
                and ws[i - 1] in _AMOUNT_WORDS and "NOUN" in word_classes(w))
            if w in _HEARD_OF_WORDS and i and (ws[i - 1] in _ASKER_WORDS or i > 1 and ws[
                    i - 1] in ("have", "had") and ws[i - 2] in _ASKER_WORDS):
                light = True  # "i saw 7.2 somewhere, is that right": how the asker came by
                # a figure, not what it is
            if not light and i and ws[i - 1] in _THIS_WORDS and alts.isdisjoint(index_terms) \
                    and not is_blocking_word(w):
                light = True  # "who's to blame for this mess": the event, in the asker's words
            if i in changed_at:
                light = True
            if w in _DIFFERENT_WORDS and not q.compares \
                    and q.answer_type is not AnswerType.REASON:
                light = True  # "company gps said a diff speed": another figure, not a word
                # of it (why two differ is another question)
            if i in described_speaker or (w in _SOMEONE_OF_WORDS and q.speaker
                                          and q.answer_type is AnswerType.STATEMENT):
                light = True  # "which witness said ...": whoever said it, however the
                # report calls them ("passenger", "survivor"); "what did the nk officials
                # say": whoever of nk ("who is the nk official" still asks a person)
            if q.answer_type is AnswerType.TIME and _DAY_ORDINAL_RE.match(w):
                continue  # "what date did it start, the 15th?": a day the asker guesses, as
                # "like 500 km" is a guessed figure (a time fact's words hold no ordinal day)
            if q.previous_event and w in ("last", "previous", "prior"):
                continue  # "the last storm": which event, not a word of a fact
            if w in _STILL_WORDS and i + 1 < len(ws) and ws[i + 1] in _STILL_IN_WORDS:
                # "how many are still in hospital": those who remain there, not all who were
                # taken in (a count that "still" alone would only ask the latest of)
                q.terms.append(QueryTerm(w, stem(w), frozenset(
                    stem(x) for x in _STILL_WORDS), TermClass.CONTENT, telling=True))
                continue
            if q.recency is not Recency.ANY and (w in LATEST_WORDS or w in FIRST_WORDS) \
                    and not used_as_noun(ws, i):
                continue  # "now", "first": which figure, not a word of a fact
            if not light and alts.isdisjoint(index_terms) and is_blocking_word(w):
                q.unknown.append(w)
            q.terms.append(QueryTerm(w, term, alts, TermClass.LIGHT if light else
                                     TermClass.CONTENT,
                                     telling=not light and i in telling_at
                                     or i in next_period))
        m = _CONCESSIVE_RE.search(sentence) if q.answer_type is AnswerType.REASON else None
        if m:
            # "why did the missing number go down if theyre still digging": the clause after
            # "if" says what puzzles the asker, not what the reason is about
            before = set(sentence[:m.start()].split())
            aside = set(m.group("aside").split()) - before
            q.terms = [replace(t, kind=TermClass.LIGHT) if t.word in aside else t
                       for t in q.terms]
        speaker_words = {t.word for t in q.speaker}
        have = {t.term for t in q.terms}
        # "the vsa spokesguy": a spokesman
        q.speaker = [t if not t.alternatives.isdisjoint(index_terms) else
                     QueryTerm(t.word, t.term, t.alternatives | self._kin(t.word, prefixed),
                               t.kind, t.choice) for t in q.speaker]
        # "the sk president", "korea's": the "South Korean President" (a place's people's
        # word, where a fact has it)
        q.speaker = [replace(t, alternatives=t.alternatives | demonyms)
                     if (demonyms := {d for d in demonym_terms(t.word) if d in index_terms})
                     else t for t in q.speaker]
        unconsumed = [w if not consumed[k] else "" for k, w in enumerate(ws)]
        q.terms.extend(p for p in self._phrases(unconsumed, index_terms, lexicon)
                       if not set(p.word.split()) <= speaker_words and p.term not in have)
        q.owner = tuple(t.alternatives for t in q.terms if t.word in owner_words
                        and t.kind is TermClass.CONTENT and t.word not in LIGHT_WORDS
                        and english_zipf(t.word) < OWNER_NAME_ZIPF)
        if q.owner and owner_words:
            # "how long was *carrowby airport* shut": a name, then the common noun it names
            # (not "lake *tarnel*", where the name is last)
            last = next((t for t in q.terms if t.word == owner_words[-1]
                         and t.kind is TermClass.CONTENT), None)
            if last is not None and last.alternatives not in q.owner:
                q.owner_kind = last.alternatives
        if q.answer_type in (AnswerType.TIME, AnswerType.PLACE):
            # "what time", "where": the form asks it already; an attribute would outweigh
            # the words that say *which* time ("polls open" is not "polls closed")
            by_name = {a.name: a for a in lexicon.attributes}
            q.attributes = frozenset(a for a in q.attributes if a in by_name
                                     and not set(by_name[a].kinds) <= {"time", "place"}
                                     and not (q.clock and by_name[a].dimension))
        if q.head_only and q.head is not None:
            # "what kind of response": a kind of response, not the attribute "what kind"
            # cues (a missile's type), unless the attribute is of that thing ("what kind of
            # missile": missile_type)
            head = stem(q.head)
            q.attributes = frozenset(a for a in q.attributes
                                     if head in self._attribute_words(a, lexicon))
        elif q.attributes and _BARE_KIND_RE.search(sentence):
            # "did the us and sk do any drills that day? what kind": the kind of what the
            # question names (drills), not a missile's type that "what kind" cues
            named = {t.term for t in q.terms if t.kind is TermClass.CONTENT}
            if named:
                q.attributes = frozenset(a for a in q.attributes
                                         if not named.isdisjoint(self._attribute_words(a, lexicon)))
        fallbacks = lexicon.fallbacks
        # "how long was the track in miles": with its unit asked, a dimension's fallback is
        # any figure of that dimension
        unit_dims = q.dimensions if q.unit else frozenset()

        def asked(a: str) -> Iterable[str]:
            d = self._dimension_of.get(a)
            return lexicon.of_dimension[d] if d in unit_dims and fallbacks.get(d) == a \
                else lexicon.narrower.get(a, (a,))

        attrs = frozenset(attribute_term(n) for a in q.attributes for n in asked(a))
        if attrs and unit_dims and any(t.kind is TermClass.CONTENT for t in q.terms):
            # "how far did the tractors drift, in feet": a figure of that dimension that no
            # attribute names ("Tractor drift", 4 cm) gives it too, when words say which
            attrs |= {attribute_term(fallbacks[d]) for d in unit_dims if d in fallbacks}
        attrs &= index_terms
        if attrs:  # what the question's cues ask for, as far as some fact gives it
            q.terms.append(QueryTerm(" or ".join(sorted(q.attributes)), "attr:" + "|".join(
                sorted(q.attributes)), attrs, TermClass.CONTENT))
        if abbreviated:
            # "the ceo of the hospital grp": who is asked is named in shortened words too
            q.speaker = [replace(t, alternatives=t.alternatives | abbreviated[t.word])
                         if t.word in abbreviated else t for t in q.speaker]
            q.according = [replace(t, alternatives=t.alternatives | abbreviated[t.word])
                           if t.word in abbreviated else t for t in q.according]
        return q

    @staticmethod
    def _people_action(after: list[str], lexicon: Lexicon) -> str | None:
        """What "how many people had to *evacuate*" counts them by: the verb after the
        auxiliaries, used without an object ("lost power" says its object, which a count
        "without power" has), as "how many trekkers died" is read."""
        k = 0
        while k < len(after) and (after[k] in _AUXILIARIES or after[k] in ("to", "got")):
            k += 1
        if k == len(after):
            return None
        w, nxt = after[k], after[k + 1] if k + 1 < len(after) else None
        verb = is_verb_form(w) or "VERB" in lemma_forms(w) and (
            lemma(w) != w or word_classes(w) == {"VERB"})
        if not verb or w in GRAMMAR_WORDS or w in lexicon.filler:
            return None
        ends = nxt is None or nxt in GRAMMAR_WORDS or nxt in lexicon.filler \
            or "ADV" in word_classes(nxt)
        return w if ends else None

    @staticmethod
    def _attribute_words(name: str, lexicon: Lexicon) -> frozenset[str]:
        """The stems of an attribute's name and cue words ("missile_type": missile, type,
        kind ...): what a noun must be to be that attribute's thing; none for an unknown."""
        spec = next((a for a in lexicon.attributes if a.name == name), None)
        if spec is None:
            return frozenset()
        return frozenset(stem(w) for w in [*name.split("_"), *" ".join(spec.cues).split()])

    def _is_cue_word(self, w: str, index_terms: set[str]) -> bool:
        """Whether a word is an attribute's cue word ("injured") or one clipped ("evac" of
        "evacuated", when no fact has it and it is no English word of its own)."""
        if w in self._cue_words:
            return True
        return len(w) >= 4 and w.isalpha() and w not in index_terms \
            and english_zipf(w) < ENGLISH_WORD_ZIPF \
            and any(c.startswith(w) for c in self._cue_words)

    def _widened(self, w: str, alts: frozenset[str], index_terms: set[str],
                 prefixed: Callable[[str], list[str]] | None) -> frozenset[str]:
        """A word's terms with the other spelling a fact uses ("program" where a fact says
        "programme") and, for a clipped word no fact has ("evac", "prof"), the indexed terms
        it begins."""
        vocab = self.speller.vocab  # (a variant no fact writes is not stemmed: stems cost time)
        alts = alts | {t for v in spelling_variants(w)
                       if v in vocab or v[:-1] in vocab
                       for t in (stem(v),) if t in index_terms}
        alts = alts | {t for t in undergoer_verbs(w) if t in index_terms}
        alts = alts | {t for t in action_nouns(w) if t in index_terms}
        if not any(a in index_terms for a in alts) and len(w) >= 4 and w.isalpha() \
                and english_zipf(w) < ENGLISH_WORD_ZIPF + 0.5:
            term = stem(w)
            longer = (prefixed(term) if prefixed is not None else
                      [t for t in index_terms if t.startswith(term) and "_" not in t][:5])
            alts = alts | frozenset(longer)
        if not any(a in index_terms for a in alts):
            alts = alts | QueryReader._kin(w, prefixed)
        return alts

    @staticmethod
    def _unit_spelled(w: str, after_number: bool, index_terms: set[str]) -> frozenset[str]:
        """A unit as a fact spells it, after a number ("40 secs": "40 seconds") or glued to
        one ("the last 100m": "100 metres", and the number)."""
        glued = _GLUED_QUANTITY_RE.fullmatch(w)
        if not glued and not after_number:
            return frozenset()  # ("who came second": a place, not a unit)
        unit = resolve_unit(glued.group("u") if glued else w)
        if unit is None or not unit.symbol or unit.dimension not in _SPELLED_UNIT_DIMENSIONS:
            return frozenset()
        out = {t for n in (unit.singular, unit.plural, *unit.aliases)
               if n.isalpha() for t in (stem(n.lower()),) if t in index_terms}
        if glued and glued.group("n") in index_terms:
            out.add(glued.group("n"))
        return frozenset(out)

    @staticmethod
    def split_run_together(w: str, index_terms: set[str]) -> list[str]:
        """A word no fact has that is two words run together ("deathtoll", "ceasefire"
        where facts say "cease fire", "onboard"): the two words, when the facts have the
        second (and the first, unless it is a grammar word: "on board"); else the word."""
        if not w.isalpha() or len(w) < COMPOUND_MIN_LENGTH or stem(w) in index_terms \
                or w in _FORM_WORDS or english_zipf(w) >= COMPOUND_MAX_ZIPF \
                or can_be_verb(w) or is_verb_form(w):
            return [w]  # ("update", "reacting", "weekday": words of their own)
        for k in range(2, len(w) - COMPOUND_MIN_TAIL + 1):
            head, tail = w[:k], w[k:]
            if stem(tail) in index_terms and english_zipf(tail) >= ENGLISH_WORD_ZIPF and (
                    head in STOPWORDS and head not in _CONTRACTED
                    or stem(head) in index_terms
                    and english_zipf(head) >= ENGLISH_WORD_ZIPF):
                return [head, tail]
        return [w]

    def _against(self, after: list[str], lexicon: Lexicon) -> frozenset[str]:
        """The head of the noun phrase after "over" ("the *limit* was it", "the speed
        *limit*"): the terms of the figure the asked one is measured against."""
        head = None
        start = next((k + 1 for k, w in enumerate(after) if w in _DETERMINERS), len(after))
        for w in after[start:]:
            if w in GRAMMAR_WORDS or w in lexicon.filler or is_verb_form(w):
                break
            if not is_number(w):  # ("the 300 rule": the rule)
                head = w
        return self.alternatives(stem(head), lexicon) if head else frozenset()

    @staticmethod
    def _kin(w: str, prefixed: Callable[[str], list[str]] | None) -> frozenset[str]:
        """For a long word no fact has and English does not know ("spokesguy"), the indexed
        words that share most of its beginning ("spokesman", "spokeswoman"): a compound
        made another way."""
        if prefixed is None or len(w) < KIN_MIN_LETTERS or not w.isalpha() \
                or english_zipf(w) >= ENGLISH_WORD_ZIPF:
            return frozenset()
        shared = max(KIN_MIN_SHARED, math.ceil(len(w) * KIN_SHARE))
        return frozenset(prefixed(w[:shared])) if shared < len(w) else frozenset()

    @staticmethod
    def _choice(ws: list[str], lexicon: Lexicon) -> tuple[int, int, tuple[str, str]] | None:
        """The two things "A or B" offers ("ballistic or cruise missile", "east or west",
        "short range or long range": short, long), and the span of words that offer them.
        Not a figure guessed ("500 km or less"), nor "or not", "or what", "yes or no"."""
        if "or" not in ws:
            return None
        i = ws.index("or")
        if i == 0 or i + 1 >= len(ws):
            return None
        start, a, b = i - 1, ws[i - 1], ws[i + 1]
        end = i + 2
        if i >= 2 and i + 2 < len(ws) and ws[i + 2] == a:  # "short range or long range"
            start, a, end = i - 2, ws[i - 2], i + 3
        for w in (a, b):
            if not (w.isalnum() and w[0].isalpha()) or w in STOPWORDS or w in QUESTION_WORDS \
                    or w in FUNCTION_WORDS or w in COMPARISON_WORDS \
                    or w in lexicon.filler or w in ("yes", "no", "not") \
                    or resolve_unit(w) is not None:
                return None
        return start, end, (a, b)

    def _asked_zone(self, ws: list[str], sentence: str, index_terms: Collection[str] = frozenset()
                    ) -> tuple[int, int, AskedZone] | None:
        """A time zone the question asks a time in, and the words that name it. Only where
        nothing else can be meant: "(in) beijing time", "in tokyo" in a question of the
        clock ("what time was it in tokyo"), an abbreviation ("in est", "..., utc"). A place
        in a question of when ("when was the quake in iran") stays a place."""
        clock = bool(_CLOCK_RE.search(sentence))
        about_time = clock or bool(_TIME_RE.search(sentence))
        zones = self._zones
        for i in range(len(ws)):
            found = zones.find(ws, i)
            if found is None:
                continue
            n, key = found
            end = i + n
            named = ws[i:end]
            with_time = named[-1] == "time" or (end < len(ws) and ws[end] == "time")
            if end < len(ws) and ws[end] == "time":
                end += 1
            # "in tokyo", "for us east coast people", "on the east coast"
            lead = i - 1 if i > 1 and ws[i - 1] in _BEFORE_ZONE_NAME else i
            after_in = lead > 0 and ws[lead - 1] in ZONE_PREPOSITIONS
            abbreviation = n == 1 and named[0] in zones.abbreviations
            closing = end == len(ws) or ws[end] in ZONE_CLAUSE_WORDS
            words = [w for w in named if w != "time"] or named
            if self._only_zones(ws, index_terms):
                # "and for london? gmt": all of it names the zone (its names may differ)
                return 0, len(ws), AskedZone(zones.display_name(words), key)
            # "whats that in gmt", "whats 10:48 in est": a time, told or given, in a zone
            converting = bool(_THAT_CONVERTED_RE.search(sentence)
                              or _GIVEN_CLOCK_RE.search(" ".join(ws[:lead])))
            if not (with_time or (after_in and clock)
                    or (abbreviation and about_time and (after_in or closing))
                    or (abbreviation and converting and after_in and closing)
                    # "convert launch time to IST for me": a conversion asked outright
                    or (abbreviation and after_in and not _CONVERT_WORDS.isdisjoint(ws))):
                continue  # "died in japan", "when was the quake in iran": a place
            start = lead - 1 if after_in else i
            return start, end, AskedZone(zones.display_name(words), key)
        return None

    def _only_zones(self, ws: list[str], index_terms: Collection[str] = frozenset()) -> bool:
        """Whether zone names are all the question says, one of them a zone's abbreviation
        ("and for london? gmt", "in est pls") or all of them cities no fact names ("and in
        new york?"): a time asked in them, of the one happening the question does not name.
        A place the facts name, or a country ("what about japan"), may ask anything of it."""
        i, abbreviated, named = 0, False, False
        while i < len(ws):
            found = self._zones.find(ws, i)
            if found is not None:
                words = ws[i:i + found[0]]
                abbreviated = abbreviated or (found[0] == 1 and ws[i] in self._zones.abbreviations)
                named = named or not index_terms or not self._zones.is_city(words) or all(
                    stem(w) in index_terms for w in words)
                i += found[0]
                continue
            if not (ws[i] in STOPWORDS or ws[i] in QUESTION_WORDS
                    or ws[i] in self.lexicon.filler or ws[i] == "time"):
                return False
            i += 1
        return abbreviated or (i > 0 and not named)

    def _zone_echoes(self, ws: list[str], start: int, end: int, key: str) -> list[int]:
        """Positions of the asked zone named a second time, as chat does: "on the east coast
        (nyc)", "india time pls (ist)". Only a name of the same zone: another zone's name is
        a place the question is about."""
        out: list[int] = []
        i = 0
        while i < len(ws):
            found = None if start <= i < end else self._zones.find(ws, i)
            if found is None or found[1] != key:
                i += 1
                continue
            out.extend(range(i, i + found[0]))
            i += found[0]
        return out

    def _phrases(self, ws: list[str], index_terms: set[str],
                 lexicon: Lexicon) -> list[QueryTerm]:
        """Runs of words that the index holds as one name (a speaker, a place, a keyword):
        a bonus for matching the name whole. (The lexicon's phrases are terms of their own.)"""
        out: dict[str, QueryTerm] = {}
        content = [w for w in ws if w not in STOPWORDS and w not in QUESTION_WORDS]
        for n in range(2, MAX_NGRAM + 1):
            for i in range(len(content) - n + 1):
                run = content[i : i + n]
                if "" in run:
                    continue  # a word the form used up ("in east coast time")
                if run[0] in GRAMMAR_WORDS or run[-1] in GRAMMAR_WORDS:
                    continue  # "people went" is no name
                token = self.analyzer.phrase_term(run)
                if token in index_terms and token not in out:
                    out[token] = QueryTerm(" ".join(content[i : i + n]), token,
                                           self.alternatives(token, lexicon), TermClass.PHRASE)
        return list(out.values())

    def _attributes(self, sentence: str) -> frozenset[str]:
        """Attributes the question's cues ask for ("how high", "range"); not counts, which
        moderators record under many attributes ("how many" says little)."""
        found = set()
        for phrase in self._phrase_strings:  # "short range" is not a question of range
            if phrase in sentence:
                sentence = sentence.replace(phrase, "_")
        # "how many km of coastline": the length of a thing, not how far something went
        sentence = _MEASURE_OF_RE.sub(" _ ", sentence)
        padded = f" {sentence} "
        # only the cues that begin with a word of the question can be in it (each cue is
        # a run of whole words): a few to test, not every attribute's
        for word in set(sentence.split()):
            for name, cue in self._cues_by_first.get(word, ()):
                if name not in found and cue in padded:
                    found.add(name)
        if "length" in found and any(self._dimension_of.get(a) == "duration"
                                     and a != "duration" for a in found):
            found.discard("length")  # "how long was the missile in the air": a flight time
        if _HOW_FAR_DOWN_RE.search(sentence) and {"distance", "range"} & found:
            # "how far did the bus fall": a height fallen (or depth), not a distance travelled
            found = (found - {"distance", "range"}) | (
                {"height", "depth"} & set(self._dimension_of))
        return frozenset(found)

    def _speaker_terms(self, text: str, lexicon: Lexicon) -> list[QueryTerm]:
        for phrase in LATEST_PHRASES:  # "the foreign minister right now": when, not who
            text = re.sub(rf"\b{phrase}\b", " ", text)
        text = _END_UP_RE.sub(" ", text)  # "what did they end up saying": when, not who
        out = []
        ws = text.split()
        for i, w in enumerate(ws):
            if w == "us" and (i and ws[i - 1] == "the" or i == 0 and len(ws) > 1):
                w = "usa"  # "what did the us say", "who's the us prez" (of whom "us
                # president" is left): the country, not the pronoun
            elif w in STOPWORDS or w in QUESTION_WORDS or w in LATEST_WORDS \
                    or w in lexicon.filler:
                continue
            elif w in _NAME_WORDS and len(ws) > 1:
                continue  # "the governor, name?": a name is what is asked, not whose
            elif (w in SOMEONE_WORDS or w in _SOMEONE_OF_WORDS) and len(ws) > 1:
                continue  # "the criminal police guy", "the nk official": whoever of them
            elif (w.isdigit() or w in NUMBER_WORDS) and i + 1 < len(ws):
                continue  # "the 3 leaders": how many of them, not a word of who they are
            term = stem(w)
            out.append(QueryTerm(w, term, self.alternatives(term, lexicon)))
        return out

    def _read_rival(self, q: Query, rival: re.Match[str], lexicon: Lexicon,
                    consume_span: Callable[[int, int], None]) -> None:
        """One source's figure given and another's asked: the given figure is excluded,
        the first source's words are not the thing asked, and the other source is whose
        figure answers (as with "according to")."""
        value = float(rival.group("n").replace(",", "")) * (1000 if rival.group("k") else 1)
        q.given_figure = f"{value:g}"
        consume_span(rival.start(), rival.end("n") + (1 if rival.group("k") else 0))
        rest_at = rival.start("rest")
        asks = _ASKS_RE.search(rival.group("rest"))
        if asks is not None:
            # "asvel said 4 dead this morning right?? whats their latest": when the given
            # figure was given, and a tag asking to confirm it, say nothing of the one asked
            for m in _GIVEN_WHEN_RE.finditer(rival.group("rest")[:asks.start()]):
                consume_span(rest_at + m.start(), rest_at + m.end())
        if q.answer_type is AnswerType.STATEMENT:  # "what does the agency say": its figure
            q.according, q.speaker = q.speaker, []
            q.form_words = q.form_words | {t.word for t in q.according}
            q.answer_type = AnswerType.NUMBER
            self._same_source(q, rival, lexicon)
            return
        for pattern in _RIVAL_ASKED_RES:
            m = pattern.search(rival.group("rest"))
            if m:
                q.according = [t for t in self._speaker_terms(m.group("b"), lexicon)
                               if t.word not in GRAMMAR_WORDS]
                consume_span(rest_at + m.start("b"), rest_at + m.end("b"))
                break
        self._same_source(q, rival, lexicon)
        if q.answer_type is AnswerType.ANY:
            q.answer_type = AnswerType.NUMBER

    def _same_source(self, q: Query, rival: re.Match[str], lexicon: Lexicon) -> None:
        """"asvel said 4 ..., whats their latest": no other source named, and a pronoun asks
        the first one again: its other figure is asked."""
        if not q.according and _SAME_SOURCE_RE.search(rival.group("rest")):
            q.according = [t for t in self._speaker_terms(rival.group("a"), lexicon)
                           if t.word not in GRAMMAR_WORDS]

    def _read_form(self, q: Query, sentence: str, lexicon: Lexicon) -> None:
        if _WHO_STATE_RE.match(sentence):
            # "whos dead", "who got hurt": the people, by name; a count of them says not who
            q.answer_type = AnswerType.ANY
            return
        m = _ROLE_NAME_RE.match(sentence)
        role = m and (m.group("x") or m.group("y"))
        if role and stem(role.split()[-1]) in self.alternatives(stem(LEADER_WORD), lexicon):
            sentence = f"who is the {role}"  # "union boss name?": who holds that role
            q.form_words = q.form_words | {"name"}
        dims: set[str] = set(q.dimensions)
        for pattern, ds in _HOW_DIMENSIONS:
            if q.unit is not None:
                break  # "how big ... in acres": the unit asked says which dimension
            if pattern.search(sentence) and not _WHO_FIRST_RE.match(sentence):
                dims |= ds  # ("who said it had a price": a person, not a sum)
        m = _LEADS_RE.match(sentence)
        if m:
            led = _RELATIVE_RE.split(m.group("x"), maxsplit=1)[0].split()
            cut = next((k for k, w in enumerate(led) if k and w.endswith("ing")
                        and "VERB" in word_classes(w)), len(led))
            # "the commission looking into it": the commission
            whom = self._speaker_terms(" ".join(led[:cut]), lexicon)
            if whom:
                leader = stem(LEADER_WORD)
                q.answer_type, q.described, q.leads = AnswerType.ROLE, True, True
                # ("which guy", and what the leader's body is doing: "looking into it")
                q.form_words = frozenset(m.group("who").split()[1:] + led[cut:]
                                         + m.group("verb").split())
                q.speaker = [QueryTerm(m.group("verb"), leader,
                                       self.alternatives(leader, lexicon)), *whom]
                return
        for pattern in _ROLE_FORMS:
            m = pattern.search(sentence)
            if m:
                # "the transport minister who suspended the licence": the person is named
                # before "who"; what they did is asked of the facts like any other words
                described = _RELATIVE_RE.split(m.group("x"), maxsplit=1)[0].split()
                if described and described[0].endswith("ing") and is_verb_form(described[0]):
                    break  # "who was playing", "who is driving": who did it, not who is X
                cut = next((k for k, w in enumerate(described) if k and (
                    is_verb_form(w) or w in _OCCASION_PREPOSITIONS
                    or w in _SUBJECT_PRONOUNS or w in QUESTION_WORDS)), len(described))
                # ("the president *they* met with": a clause without "who" says which one;
                # "who is X what is her job": a second question asks the same of X)
                # "the sk spokesman quoted here": the spokesman; "the 3 leaders at the
                # trilateral": the leaders, and where they were is asked of the facts
                if cut < len(described) and all(w in SOMEONE_WORDS or w in _PERSON_WORDS
                                                for w in described[:cut]):
                    break  # "whos the guy blaming the weather": who blames it, anyone
                speaker = self._speaker_terms(" ".join(described[:cut]), lexicon)
                if speaker and len(speaker) <= 6:
                    q.answer_type = AnswerType.ROLE
                    q.speaker = speaker
                    q.described = pattern is _ROLE_FORMS[-1]
                    return
        if _REASON_RE.search(sentence) and _DIFFER_RE.search(sentence) \
                and _FIGURES_RE.search(sentence):
            # "why r the union and knr numbers different": the competing figures answer,
            # each with its sentence (which says what it counts)
            q.answer_type, q.compares = AnswerType.NUMBER, True
            return
        m = _SAID_CAUSE_RE.search(sentence)
        if m:  # "what did the engineering prof say caused it": the cause they give
            speaker = self._speaker_terms(m.group("x"), lexicon)
            if speaker:
                q.answer_type, q.speaker = AnswerType.REASON, speaker
                return
        m = _WHY_RELEVANT_RE.search(sentence)
        if m:
            # "why is china relevant here": what the report says of it, not a cause
            q.answer_type = AnswerType.ANY
            q.form_words = q.form_words | {m.group("a"), "here"}
            return
        if _REASON_RE.search(sentence) or _HOW_HARMED_RE.match(sentence):
            q.answer_type = AnswerType.REASON
            m = _REASON_SAID_RE.search(sentence)
            if m:  # "why does north korea say it tests": the reason *they* give
                q.speaker = self._speaker_terms(m.group("x"), lexicon)
            return
        asks_yes_no = bool(_YES_NO_RE.match(sentence))
        called = _WHAT_IS_CALLED_RE.search(sentence)
        if called:
            q.form_words = q.form_words | {"called", "named"}
            # its words before a place or other ("the meeting in tirana": a meeting)
            thing = re.split(r"\b(?:in|at|on|of|for|from|near|by|with)\b",
                             called.group("x"))[0].split()
            q.name_of = frozenset().union(*(
                self.alternatives(stem(w), lexicon) for w in thing
                if w not in STOPWORDS and w not in lexicon.filler))
        for pattern in _STATEMENT_FORMS:
            if called:
                break
            m = pattern.search(sentence)
            if m and asks_yes_no and pattern in _NOUN_STATEMENT_FORMS:
                continue  # "was choe's statement the first reaction from nk": is it so
            if m:
                speaker = self._speaker_terms(m.group("x"), lexicon)
                if not speaker and m.start() > 0 and m.group("x") in _PRONOUNS:
                    # "and russia? wat did they say": who "they" are comes first
                    speaker = self._speaker_terms(sentence[:m.start()], lexicon)
                if speaker:
                    q.answer_type = AnswerType.STATEMENT
                    q.speaker = speaker
                    if pattern is _STATEMENT_FORMS[-1]:  # ("what word did X use")
                        q.form_words = q.form_words | _WORD_NOUNS | _WORD_VERBS
                    return
        if _WHICH_PLACE_RE.search(sentence):
            # "which town broke the temperature record": a place, whatever figure names it
            q.answer_type, q.dimensions = AnswerType.PLACE, frozenset()
            return
        if _TIME_RE.search(sentence) and not dims and not _SUBORDINATE_WHEN_RE.search(sentence):
            q.answer_type = AnswerType.TIME
            q.clock = bool(_CLOCK_RE.search(sentence))
        elif dims:
            q.answer_type = AnswerType.QUANTITY
            q.dimensions = frozenset(dims)
        elif _WHO_FIRST_RE.match(sentence) and not _COUNT_ASKED_RE.search(sentence):
            q.answer_type = AnswerType.WHO  # "who gave the 38 number": a person, not a figure
        elif _NUMBER_RE.search(sentence):
            q.answer_type = AnswerType.NUMBER
            # "the company says 53 but police say different, how many": the two figures
            q.compares = bool(_DIFFER_RE.search(sentence) or (
                _VERSUS_RE.search(sentence) and _WHOSE_FIGURES_RE.search(sentence)))
        elif _WHERE_LEVEL_RE.match(sentence):
            q.answer_type = AnswerType.NUMBER  # ("where did the index close": its level)
        elif _PLACE_RE.search(sentence):
            q.answer_type = AnswerType.PLACE
        elif _WHO_RE.search(sentence):
            q.answer_type = AnswerType.WHO


def _only_a_noun(word: str) -> bool:
    """Whether a word is a noun and never describes ("depth", not "highest" or "peak")."""
    classes = word_classes(word)
    return "NOUN" in classes and not classes & {"ADJ", "ADV"}
