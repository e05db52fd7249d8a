"""Text -> index terms, for facts, events and questions alike.

Facts and questions go through the same steps, so a word matches whatever form it took:
normalise (:mod:`bot.core.text`), stem, and add one joined token for each multi-word phrase
of the lexicon ("death toll" -> ``death_toll``) and for each multi-word name a fact carries
in its own fields (a speaker, a place, a keyword), so that a name matched whole counts for
more than its words matched apart.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.core.lexicon import Lexicon, term_of
from bot.core.models import Event, Fact, calendar_format, is_date_only
from bot.core.text import (
    SPEECH_VERBS,
    STOPWORDS,
    compound_head,
    english_zipf,
    lemma_forms,
    normalize,
    phrase_token,
    stem,
)
from bot.core.units import PRICE_PREFIX, bracket_unit, dimension_of, label_unit, resolve_unit

MAX_NAME_WORDS = 5
# "Damage to homes and shops (excluding the depot)", "leaving out the depot itself": what
# a figure leaves out is no word of what it counts (but "not excluding" includes)
_EXCLUDED_RE = re.compile(r"(?<!\bnot )\b(?:excluding|excludes|leaving out|leaves out|"
                          r"not including|not counting|apart from|other than|except for)\b"
                          r"[^,;.()]*", re.IGNORECASE)


def without_excluded(text: str) -> str:
    """``text`` without the things it says it leaves out."""
    return _EXCLUDED_RE.sub(" ", text) if text else text


_NAME_PARTS_RE = re.compile(r"[,;()]")  # a field longer than this is prose, not a name
# a run of capitalised words, with "of", "for", "and" or "the" inside ("Joint Chiefs of
# Staff"); a possessive ends it ("Haldoria's Space Weather Centre")
_CAPITALISED_RUN_RE = re.compile(
    r"\b[A-Z][\w-]*(?:\s+(?:(?:of|for|and|the|on)\s+)*[A-Z][\w-]*)+(?!'s)\b")
MIN_ACRONYM = 3  # "sk", "us": two letters are too often another word


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split())
COMMON_ACRONYM_ZIPF = 4.0  # initials that spell an everyday word ("can") would match it
_NOT_A_NAME_START = STOPWORDS | {"according"}  # a sentence's first word, capitalised


def acronyms(text: str) -> set[str]:
    """The initials that name each run of capitalised words: chat calls the "Haldorian
    Space Weather Centre" the "hswc" even where the report never does. A sentence's first
    word ("The", "According") and dates are no part of a name."""
    out = set()
    for m in _CAPITALISED_RUN_RE.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in _DATE_WORDS]
        while words and words[0].lower() in _NOT_A_NAME_START:
            words = words[1:]
        initials = "".join(w[0] for w in words if w[0].isupper()).lower()
        if len(initials) >= MIN_ACRONYM and english_zipf(initials) < COMMON_ACRONYM_ZIPF:
            out.add(initials)
    return out

# a clock time of day, "21:40", not a race time ("30:41.27", "2:19:48") that looks like one
_HHMM = r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![.:]?\d)"
# English markers of a time in running text: months, weekdays, clock times, years.
_TIME_RE = re.compile(
    # "may" and "march" are months only beside a day or a year, or after "in", "on", "of",
    # "by" ("in May", "15 March"): "when they may fish again", "thousands march" are not
    r"(?:\b(?:may|march)(?= \d)|(?<=\d )(?:may|march)\b|(?<=\bin |\bon |\bof |\bby )"
    r"(?:may|march)\b)|"
    r"\b(?:january|february|april|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|"
    r"tonight|yesterday|midnight|noon|(?:19|20)\d\d|\d{1,2} ?[ap]\.?m\.?)\b|" + _HHMM + "|"
    # a time told from another: "one day before the launch", "hours after the blast"
    r"\b(?:a|an|one|two|three|four|five|six|seven|several|a few|\d+) (?:minutes?|hours?|"
    r"days?|weeks?|months?|years?) (?:before|after|earlier|later|ago)\b|"
    # a deadline: "within 60 days", "within a week"
    r"\bwithin (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
    r"(?:hours?|days?|weeks?|months?|years?)\b|"
    # a period named from now: "next week", "until the end of the month"
    r"\b(?:next|last|this|coming) (?:week|weekend|month|year)\b|"
    r"\bend of (?:the |this |next )?(?:week|weekend|month|year)\b",
    re.IGNORECASE,
)


# three or more capitalised words in a row: a title and a name ("South Korean President Yoon
# Suk Yeol"), or a long proper name
_TITLED_NAME_RE = re.compile(r"\b[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){2,}")
# "China's leader, President Xi Jinping", "Orvenia's justice minister, Ana Vell": whose
# role, then the name (with any title) set beside it
_APPOSED_NAME_RE = re.compile(r"\b[A-Z][A-Za-z-]*['’]s(?: [a-z]+){1,3}, "
                              r"[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*)+")
TITLED_PREFIX = "titled:"
UNIT_WORD_PREFIX = "unit_word:"  # a label's bracketed unit its figure counts ("(castrels)")
HAS_UNIT_WORD = "unit_word"  # (so that a question checks one feature, not every one)
# words that speak of an earlier event: "its previous launch", "the first in eight days
# since", "the 2011 disaster before it"
_RECALLS_RE = re.compile(r"\b(?:previous|previously|prior|earlier|last|ago|former|"
                         r"formerly|past|history|historical|background|preceding)\b",
                         re.IGNORECASE)
# a figure its moderator calls a forecast: what is expected, not what happened
_FORECAST_RE = re.compile(r"\b(?:forecasts?|forecasted|predicted|projected|projections?|"
                          r"outlook|expected)\b", re.IGNORECASE)
# a moment its moderator calls planned: "Order to be reviewed", "Talks scheduled"
# ("forecast" alone is a weather forecast, a thing: "Weather briefing time", keyed
# "forecast", is when it went out, not a moment ahead)
_PLANNED_RE = re.compile(r"\b(?:to be|planned|scheduled|due|expected|will|deadline|"
                         r"forecasts? (?:for|to|at|on|in)|forecasted|next)\b", re.IGNORECASE)
# a sentence about someone's figure: "the union's tally counted employees on leave"
_FIGURE_TALK_RE = re.compile(r"\b(?:count|counts|counted|tally|tallies|figure|figures|estimate|"
                             r"estimates|toll|tolls|number|numbers|total|totals)\b",
                             re.IGNORECASE)
# "what she called its vassal forces", "described the strike as illegal": a name given
NAMING_RE = re.compile(r"\b(?:call(?:s|ed|ing)?|dubbed|labell?ed|branded|termed|"
                       r"describ(?:ed|es|ing) (?:\w+ ){0,6}?as|referred to (?:\w+ ){0,6}?as)\b",
                       re.IGNORECASE)


# a sentence that says where: a preposition of place before a name or a compass point
# ("in Cambodia", "off the east coast", "in the country's northeast"), not before a month
# or a weekday ("in March")
_PLACE_RE = re.compile(
    r"\b(?:in|at|near|from|off|outside|inside|across)\s+(?:the\s+)?(?:\w+'s\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|"
    r"eastern|western|central)\b|(?!(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b)[A-Z][a-z]+)")


def mentions_time(text: str) -> bool:
    """Whether a text tells when something happened (a date, a day, a clock time, "two
    hours after the blast")."""
    return bool(_TIME_RE.search(text))


_CLOCK_RE = re.compile(_HHMM + r"|\b\d{1,2} ?[ap]\.?m\b|\bmidnight\b|\bnoon\b",
                       re.IGNORECASE)
# a clock time in running text: "3 a.m.", "9pm", "21:40", "noon" (its hour is read)
_CLOCK_HOUR_RE = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s?(?P<ap>[ap])\.?\s?m\b|"
                            r"(?<![\d:.])(?P<h24>\d{1,2}):[0-5]\d(?![.:]?\d)|"
                            r"\b(?P<word>noon|midnight)\b",
                            re.IGNORECASE)


def clock_hours(text: str) -> set[int]:
    """The hours of day a text names: "around 3 a.m." is 3, "9:40 p.m." 21, "noon" 12."""
    hours = set()
    for m in _CLOCK_HOUR_RE.finditer(text):
        if m.group("word"):
            hours.add(12 if m.group("word").lower() == "noon" else 0)
        elif m.group("h24"):
            if int(m.group("h24")) < 24:
                hours.add(int(m.group("h24")))
        elif 1 <= int(m.group("h")) <= 12:
            h = int(m.group("h")) % 12
            hours.add(h + 12 if m.group("ap").lower() == "p" else h)
    return hours


LEADER_WORD = "leader"  # the lexicon's synonyms of it are the words of leading
LED_WORDS = 4  # words either side of a word of leading that may name what is led
_LED_ARTICLES = frozenset("the a an its their his her of".split())
_PASSIVE_WORDS = frozenset("to be is was are were will would being been".split())
# what links the led body to its words before a passive "headed by": "the delegation *to the*
# talks", "the inquiry *into the* collapse"
_LED_LINKS = frozenset("to the into of for on at".split())
_ENDS_AS_VERB_RE = re.compile(r"(?:ed|ing)$")  # "discussed", "looking": the clause goes on


VALUE_FEATURE_PREFIX = "value:"
UNIT_WORD_MIN_LETTERS = 4  # "celsius", "hectares"; not "km", "ha", "deg"


def value_feature(value: float) -> str:
    """The feature of one of a fact's figures ("how many of the 17 dead" is not 17)."""
    return f"{VALUE_FEATURE_PREFIX}{value:g}"


def gives_only(features: frozenset[str], figure: str) -> bool:
    """Whether a fact's only figure is ``figure`` (as a question's ``given_figure``)."""
    return {f for f in features if f.startswith(VALUE_FEATURE_PREFIX)} == {
        value_feature(float(figure))}


@cache
def unit_spelled_terms(symbol: str | None) -> frozenset[str]:
    """The words a figure's unit is spelled out in ("celsius" for "1,100 °C"): a question
    that names the unit in words names a word of the fact, whatever sign its text used."""
    unit = resolve_unit(symbol) if symbol else None
    if unit is None:
        return frozenset()
    words = (normalize(s) for s in (unit.singular, unit.plural, *unit.aliases))
    return frozenset(stem(w) for w in words  # one word each: not "per cent", "metric ton"
                     if w.isalpha() and len(w) >= UNIT_WORD_MIN_LETTERS)


HOUR_TERM_PREFIX = "hour:"


def hour_term(hour: int) -> str:
    """The index term of an hour of the day: a fact's time, or one its sentence names."""
    return f"{HOUR_TERM_PREFIX}{hour % 24:02d}"


# (not the pronoun: "no one will be left behind", "every one of them" give no figure)
# a word of two parts joined by a hyphen, both letters ("re-certified", "e-mail")
_HYPHENATED_RE = re.compile(r"\b([a-z]+)-([a-z]+)\b")
_NUMBER_RE = re.compile(r"\d|(?<!\bno )(?<!\bevery )(?<!\bany )(?<!\bsome )(?<!\beach )\bone\b|"
                        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve|dozen|hundred|thousand|million|billion)s?\b", re.IGNORECASE)
# ("runs into thousands", "dozens": a figure, if a vague one)
# a number followed by a unit word: "34.2 percent", "112 km/h", "450,000 euros", "38 parts
# per million"
_QUANTITY_RE = re.compile(r"\b(\d[\d,.]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|dozen|hundred|thousand)\b)\s*"
                          r"(%|[a-z/°]+(?: [a-z]+){0,2})",
                          re.IGNORECASE)
YEAR_RE = re.compile(r"(?:19|20)\d\d")  # a year as reports and questions write it
# any year in a fact's prose, as wire copy writes one: earlier centuries too ("the 1883
# eruption"), never part of a longer figure (counts of thousands carry a comma: "1,967")
_YEAR_IN_TEXT_RE = re.compile(r"(?<![\d,.])(?:1[6-9]|20)\d\d(?![\d,.]\d)(?:s\b)?")
_CURRENCY_RE = re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|m|bn)?\s*"
                          r"(?:dollars?|euros?|pounds?|yen|yuan|usd|eur|gbp)\b", re.IGNORECASE)
# "4 billion kaldors", "1.3 million crowns": a sum in a currency the unit table does not know
_BIG_NUMBER_RE = re.compile(r"\d[\d,.]*\s*(?:thousand|million|billion|trillion|m|bn)\b",
                            re.IGNORECASE)
_MONEY_WORD_RE = re.compile(r"\b(?:cost|costs|costing|fine|fined|paid|pay|pays|worth|pledged|"
                            r"budget|spend|spent|price|damages|compensation|aid|loss|losses|"
                            r"revenue|funding|fund|currency)\b", re.IGNORECASE)
_CAUSE_RE = re.compile(r"\b(?:because|due to|caused|cause|causes|blamed|blame|reason|"
                       r"result of|led to|triggered|owing to|so that|in order to|aim|"
                       r"aimed|"
                       r"purpose|to protest|in response|amid|citing|to avoid|as part of|"
                       r"in support of|"
                       r"countermeasures? (?:to|against)|response to|reaction to|"
                       r"retaliation|"
                       r"so as to|"
                       r"(?:died|dies|dying|death|deaths) (?:of|from)|(?:died|dies) after|"
                       r"killed by)\b",
                       re.IGNORECASE)  # (what a death came of is its cause)


# a keyword that is a why-question ("why did the toll rise"), not a bare "why"
_WHY_KEYWORD_RE = re.compile(r"\s*(?:(?:why|what caused|reason for|cause of) \w+|(?:why|cause|"
                             r"causes|reason|reasons)\s*$)", re.IGNORECASE)


# a day a sentence tells of, and words that put it ahead
_PAST_DAY_RE = re.compile(r"\b(?:last|earlier|later on|late on|early on) (?:monday|tuesday|"
                          r"wednesday|thursday|friday|saturday|sunday)\b|\byesterday\b|"
                          r"\bearlier (?:this|that) (?:week|month|day)\b", re.IGNORECASE)
_FUTURE_RE = re.compile(r"\b(?:will|shall|due|expected|scheduled|planned|plans?|"
                        r"to be held|next|upcoming|tomorrow)\b", re.IGNORECASE)


def tells_of_a_past_day(text: str) -> bool:
    """Whether a sentence tells of a day gone by ("later on Thursday", "yesterday") and of
    nothing ahead ("will", "due", "scheduled")."""
    return bool(_PAST_DAY_RE.search(text)) and not _FUTURE_RE.search(text)


# "Choe did not specify what steps ...": what someone did not say, by its question word
UNSAID_RE = re.compile(r"\b(?:did not|didn't|has not|hasn't|have not|had not|would not|"
                       r"wouldn't|declined to|refused to|not) (?:say|said|specify|specified|"
                       r"disclose|disclosed|reveal|revealed|explain|explained|give|given|"
                       r"detail|detailed)(?: \w+)? (what|how|why|when|where|whether|who|which)\b",
                       re.IGNORECASE)


def part_of_day(hour: int) -> str:
    """The part of the day a local hour falls in, as reports and questions say it."""
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    return "evening" if 17 <= hour < 21 else "night"


def _clock_window(fact: Fact) -> bool:
    """Whether a fact is a span from one clock time to another (its length is known)."""
    return fact.time is not None and fact.until is not None and not is_date_only(fact.time) \
        and not is_date_only(fact.until)


def attribute_term(name: str) -> str:
    """The index term that stands for a fact's attribute ("how high" asks for it)."""
    return f"attr:{name}"


# unit spellings that are also ordinary words in running text
AMBIGUOUS_UNIT_WORDS = frozenset({"in", "am", "pm", "at", "to", "on", "or", "no", "us", "mi"})


DESCRIPTOR_WORDS = 4  # at most this many words before a name may say who it is
_NOT_DESCRIPTORS = frozenset("said says told on in at by from with after before and or but "
                             "when while as of for to".split())


def is_action(word: str) -> bool:
    """A verb form that is no noun ("counted", "said"), which starts no role."""
    forms = lemma_forms(word.lower())
    return word.lower().endswith("ed") or ("VERB" in forms and "NOUN" not in forms)


def _find_word(text: str, name: str) -> int:
    """Where ``name`` stands in ``text`` as whole words ("Tom" is not in "Tomorrow"), or -1."""
    m = re.search(rf"(?<![\w']){re.escape(name)}(?!\w)", text)
    return m.start() if m else -1


def described_as(text: str, name: str) -> list[str]:
    """The words a sentence puts beside a name to say who it is ("Union leader Tomas
    Reindel", "the national health regulator, the Care Standards Inspectorate", "Whitacre,
    the county's emergency director,"): before it, words back to the sentence's start, a
    stop word or other punctuation; after it, a lower-case phrase between commas. So a
    question naming the role ("what did the regulator say") finds the fact."""
    short = name.split(",")[0].strip()
    i = _find_word(text, short) if short else -1
    if i < 0 and len(short.split()) > 1:  # "Whitacre, the county's ...": the surname alone
        short = short.split()[-1]
        i = _find_word(text, short) if len(short) >= 3 and short[0].isupper() else -1
    if i < 0:
        return []
    before = text[:i]
    tagged = re.search(r",\s*(?:the\s+)?$", before) and (
        text[i + len(short):].split()[:1] or [""])[0].strip(".,;") in SPEECH_VERBS
    if tagged:  # "... cents on the dollar, traders said": the clause before is what was
        before = ""  # said, not who they are
    before = re.sub(r",\s*(?:the\s+)?$", " ", before)  # "regulator, the <name>"
    out: list[str] = []
    for word in reversed(before.split()[-DESCRIPTOR_WORDS:]):
        clean = word.strip("'’")
        if not re.fullmatch(r"[A-Za-z][a-z'’-]*", clean) or clean.lower() in _NOT_DESCRIPTORS:
            break
        if clean.lower() in STOPWORDS or is_action(clean):
            break  # "Police arrested Tomas Reindel": who acted on him, not who he is
        out.append(clean)
    out.reverse()
    after = re.match(r",\s*(?:the\s+|a\s+|an\s+)?(?P<role>[a-z][^,.;]{2,60}),",
                     text[i + len(short):])
    role = after.group("role").split() if after else []
    if role and len(role) <= DESCRIPTOR_WORDS + 2 and not any(c.isdigit() for c in role[0]) \
            and not is_action(role[0]):
        out += role  # "Whitacre, the county's emergency director," (not ", counted 5,100")
    return out


def label_unit_dimensions(label: str) -> frozenset[str]:
    """Dimensions a label's unit words in parentheses give a bare figure ("Area burned
    (hectares)": an area), for a moderator who wrote the unit in the label, not the value.
    A bracket that names one unit of the table whole ("(euros per megawatt-hour)") gives
    that unit's alone (a price; not a sum of money, nor an energy)."""
    whole = bracket_unit(label)
    if whole is not None:
        return frozenset({whole.dimension})
    found = set()
    inside = " ".join(re.findall(r"\(([^)]*)\)", label))  # "(hectares)"; not "this week"
    for w in normalize(inside).split():
        if len(w) < 3 or w in AMBIGUOUS_UNIT_WORDS:
            continue
        unit = resolve_unit(w)
        if unit is not None and unit.symbol and unit.dimension != "count":
            found.add(unit.dimension)
    return frozenset(found)


def text_dimensions(text: str) -> frozenset[str]:
    """Dimensions of the figures a sentence gives ("34.2%" -> percent)."""
    dims: set[str] = set()
    if _CURRENCY_RE.search(text) or (_BIG_NUMBER_RE.search(text) and _MONEY_WORD_RE.search(text)):
        dims.add("money")
    if _AGED_RE.search(text):
        dims.add("duration")  # "aged 27, 34 and 41", "a 71-year-old": ages, in years
    for m in _QUANTITY_RE.finditer(text):
        word = m.group(2).lower()
        if word in ("%", "percent", "per cent", "percentage points"):
            dims.add("percent")
            continue
        parts = word.split(" ")  # ("parts per million", "metres an hour")
        for candidate in dict.fromkeys((word, " ".join(parts[:2]), parts[0])):
            if len(candidate) < 2 or candidate in AMBIGUOUS_UNIT_WORDS:
                continue  # "10:48 in the morning" gives no length
            unit = resolve_unit(candidate)
            if unit is not None and unit.symbol:
                dims.add(unit.dimension)
                break
        else:  # "11,400 people", "nine bodies": a count (a year is none)
            if not YEAR_RE.fullmatch(m.group(1)) and word.split(" ")[0] not in _NOT_COUNTED:
                dims.add("count")
    return frozenset(dims)


# a sentence that says something did not happen or is not so ("did not leave", "without
# power", "failed to report"): it may count those that did not
NEGATES = "negates"
_NEGATES_RE = re.compile(r"\b(?:not|never|no|none|without|unable|failed|cannot)\b|n['’]t\b",
                         re.IGNORECASE)
_AGED_RE = re.compile(r"\baged (?:about |around |between )?\d|\b\d+[- ](?:year|month)s?[- ]old\b",
                      re.IGNORECASE)
COUNTED_WINDOW = 3  # words after a number that may name what it counts ("28,500 US troops")


def counted_terms(text: str) -> frozenset[str]:
    """What a sentence's bare numbers count: the stems of the few words after each ("11,400
    people", "nine more bodies"), so that "how many troops" is not answered by a sentence
    whose only number counts something else."""
    found: set[str] = set()
    for m in _QUANTITY_RE.finditer(text):
        if YEAR_RE.fullmatch(m.group(1)):
            continue
        after = normalize(text[m.end(1):]).split()[:COUNTED_WINDOW]
        found.update(stem(w) for w in after if w.isalpha())
    return frozenset(found)


# words after a number that do not make it a count ("10:48 am", "7 p.m.", "3rd of")
_NOT_COUNTED = frozenset("am pm a p rd th st nd of in at on to and or".split())


@dataclass(frozen=True)
class FactTerms:
    """What the index keeps of a fact's words (cached in the ``match_terms`` table)."""

    terms: frozenset[str]  # every term the fact can be found by
    key_terms: frozenset[str]  # its label, topics, keywords, attribute: what it is about
    speaker_terms: frozenset[str]  # who: speaker, role, reported_by
    features: frozenset[str]  # "time", "number", "cause", "dim:<dimension>"
    words: frozenset[str] = frozenset()  # surface words, for typo correction


class Analyzer:
    """Turns text into index terms with one lexicon's phrases."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        first: dict[str, list[tuple[str, ...]]] = {}
        for ws in lexicon.phrase_words:
            first.setdefault(ws[0], []).append(ws)
        self._phrases_by_first = first
        # each attribute's cues, to read what a label with no attribute measures
        self._label_cues = tuple(
            (a.name, a.dimension, tuple(f" {' '.join(normalize(c).split())} " for c in a.cues))
            for a in lexicon.attributes if "measurement" in a.kinds)
        self._fallbacks = lexicon.fallbacks

        leader = stem(LEADER_WORD)
        # (one-word members only: "in charge" is no leading in "free of charge")
        self._leader_stems = frozenset({leader} | {
            term_of(w) for group in lexicon.synonyms if leader in map(term_of, group)
            for w in group if len(normalize(w).split()) == 1})

    def led_terms(self, text: str) -> set[str]:
        """The terms of what a sentence says someone leads: "to lead an independent inquiry",
        "a commission headed by Brisk", "Red Cross head Ana Vel" (the words next to a word of
        leading, up to a grammar word or a verb)."""
        ws = normalize(text).split()
        led: set[str] = set()
        for i, w in enumerate(ws):
            if stem(w) not in self._leader_stems:
                continue
            k = i - 1  # "Red Cross head", "a commission headed by"
            if i + 1 < len(ws) and ws[i + 1] == "by":  # "an inquiry to be chaired by"
                while k >= max(0, i - LED_WORDS) and ws[k] in _PASSIVE_WORDS:
                    k -= 1
            taken = 0  # "asvel delegation to the halvern talks will be headed by": both
            while k >= 0 and taken < LED_WORDS and ws[k].isalpha() \
                    and not _ENDS_AS_VERB_RE.search(ws[k]):
                if ws[k] in STOPWORDS:
                    if ws[k] not in _LED_LINKS:
                        break
                else:
                    led.add(stem(ws[k]))
                    taken += 1
                k -= 1
            taken = 0  # "to lead an independent inquiry", "director general of the agency"
            for x in ws[i + 1:]:
                if x in _LED_ARTICLES:
                    continue
                if taken == LED_WORDS or x in STOPWORDS or not x.isalpha() \
                        or _ENDS_AS_VERB_RE.search(x):
                    break
                led.add(stem(x))
                taken += 1
        return led

    # --- words -> terms -------------------------------------------------------------------

    def stems(self, ws: list[str]) -> list[str]:
        return [stem(w) for w in ws if w not in STOPWORDS]

    def phrase_term(self, ws: tuple[str, ...] | list[str]) -> str:
        kept = [stem(w) for w in ws if w not in STOPWORDS] or [stem(w) for w in ws]
        return phrase_token(kept) if len(kept) > 1 else (kept[0] if kept else "")

    def lexicon_phrases(self, ws: list[str]) -> list[str]:
        """Joined tokens of the lexicon's phrases found in a word list."""
        out = []
        for i, w in enumerate(ws):
            for phrase in self._phrases_by_first.get(w, ()):
                if tuple(ws[i : i + len(phrase)]) == phrase:
                    out.append(self.phrase_term(phrase))
        return out

    def phrase_spans(self, ws: list[str]) -> list[tuple[int, int, str]]:
        """The lexicon's phrases in a word list as (start, end, token), longest first and
        never overlapping: "death toll" is one thing asked, not "death" and "toll"."""
        taken = [False] * len(ws)
        spans = []
        for i, w in enumerate(ws):
            for phrase in self._phrases_by_first.get(w, ()):  # longest first
                n = len(phrase)
                if tuple(ws[i : i + n]) == phrase and not any(taken[i : i + n]):
                    spans.append((i, i + n, self.phrase_term(phrase)))
                    for k in range(i, i + n):
                        taken[k] = True
                    break
        return spans

    def terms(self, text: str) -> set[str]:
        ws = normalize(text).split()
        out = set(self.stems(ws))
        # "re-certified", "co-operate": also the word typed whole ("recertified")
        out.update(stem(a + b) for a, b in _HYPHENATED_RE.findall(text.lower()))
        # "how heavy was the stone": a hailstone is one (a compound's head noun)
        out.update(stem(h) for w in ws if (h := compound_head(w)))
        out.update(self.lexicon_phrases(ws))
        out.discard("")
        return out

    def name_terms(self, text: str) -> set[str]:
        """Terms of a name-like field: its words, plus the whole name (and each part
        between commas, or before or inside parentheses: "Lower Maren (Caradine coast)")
        as one token when it is short enough to be a name."""
        out = self.terms(text) | acronyms(text)
        for part in {text, *_NAME_PARTS_RE.split(text)}:
            ws = normalize(part).split()
            if 1 < len(ws) <= MAX_NAME_WORDS:
                token = self.phrase_term(ws)
                if "_" in token:
                    out.add(token)
        return out

    def terms_words(self, text: str) -> list[str]:
        """Surface words of a text (for the typo corrector's vocabulary)."""
        return [w for w in normalize(text).split() if w.isalpha()] + [
            a + b for a, b in _HYPHENATED_RE.findall(text.lower())]

    # --- facts and events -----------------------------------------------------------------

    def label_attributes(self, fact: Fact) -> set[str]:
        """What a measurement with a free label and no attribute measures, by the cues its
        label says ("Clean-up cost estimate" is a sum of money), within its figures'
        dimension when they have one."""
        label = f" {normalize(fact.label.split('(')[0] if fact.label else '')} "
        dims = {d for q in fact.quantities if q.unit and (d := dimension_of(q)) is not None}
        if any(d.startswith(PRICE_PREFIX) for d in dims):
            dims.add("money")  # "Wholesale gas price" (€95/MWh) is what "price" asks for
        found = {attribute_term(name) for name, dim, cues in self._label_cues
                 if any(c in label for c in cues) and (not dims or dim in dims)}
        for d in dims if not found else ():
            # "900 m³/s": a flow, the one attribute of flows; "Oil leaked" (tonnes and
            # barrels): an amount by weight and a volume, each dimension's own
            only = [name for name, dim, _ in self._label_cues if dim == d]
            if len(only) == 1:
                found.add(attribute_term(only[0]))
            elif (fallback := self._fallbacks.get(d)) is not None:
                found.add(attribute_term(fallback))  # "Traffic queues" (25 km): a length
        return found

    def fact_terms(self, fact: Fact, attribute_label: str | None = None) -> FactTerms:
        key: set[str] = {attribute_term(fact.attribute)} if fact.attribute else set()
        if not fact.attribute and fact.kind == "measurement" and fact.label:
            key |= self.label_attributes(fact)
        if _clock_window(fact):
            # "how long was the internet down": a window from 21:40 to 04:15 is a length of
            # time, whatever attribute its moments have
            key.add(attribute_term("duration"))
        for item in (fact.label or "", attribute_label or ""):
            if item:  # a label describes; its words count, not as one name
                key |= self.terms(without_excluded(item))
        for item in (*fact.about, *fact.keywords):
            if (kept := without_excluded(item)).strip():
                key |= self.name_terms(kept)
        speaker: set[str] = set()
        for item in (fact.speaker or "", fact.speaker_role or "", fact.reported_by):
            if item:
                speaker |= self.name_terms(item)
        for item in (fact.speaker, fact.reported_by):
            if item:  # "the national health regulator, the Care Standards Inspectorate"
                speaker |= self.terms(" ".join(described_as(fact.text, item)))
        body = self.terms(f"{without_excluded(fact.text)} {fact.quote or ''}") \
            | acronyms(fact.text)
        body |= {hour_term(h) for h in clock_hours(fact.text)}
        if fact.place:
            body |= self.name_terms(fact.place)
        for q in fact.quantities:
            body.add(stem(f"{q.value:g}"))
            body |= unit_spelled_terms(q.unit)
        for moment, precision in ((fact.time, fact.time_precision),
                                  (fact.until, fact.until_precision),  # a window's end
                                  (fact.as_of, fact.as_of_precision)):
            # "the count they gave on tuesday morning"; no weekday a month alone does not give
            if moment is not None:
                body |= self.terms(moment.strftime(calendar_format(precision, "%A %B %Y")))
                if not is_date_only(moment):
                    body |= self.terms(part_of_day(moment.hour))
                    body.add(hour_term(moment.hour))  # "the count at 9pm"
        measured = {d for d in (dimension_of(q) for q in fact.quantities) if d}
        if measured == {"count"} and all(q.value != int(q.value) for q in fact.quantities):
            measured = {"scale"}  # "magnitude 5.6": a reading, not a count of anything
        prose = f"{fact.text} {fact.quote or ''} {fact.label or ''}"
        in_text = text_dimensions(prose) | label_unit_dimensions(fact.label or "")
        if any(d.startswith(PRICE_PREFIX) for d in measured):  # "€95 per megawatt-hour" is a
            in_text -= {"money", *(d[len(PRICE_PREFIX):] for d in measured)}  # price: no
            # sum of money, nor an energy
        features = {f"dim:{d}" for d in measured | in_text
                    if (d != "count" or d in measured) and d != "scale"}
        if _clock_window(fact):
            # "how long was it closed": a window from 22:00 to 06:00 gives its length
            features |= {"dim:duration", "window"}
        features |= {f"counts:{t}" for t in counted_terms(prose)}
        if _NEGATES_RE.search(prose):  # "three trains left; 19 did not": a count of those
            features.add(NEGATES)  # that did not may be here
        features |= {value_feature(q.value) for q in fact.quantities}
        features |= {f"leads:{t}" for t in self.led_terms(fact.text)}
        for role in (fact.speaker_role, fact.reported_by):  # "deputy who led the rebels"
            if role:
                features |= {f"leads:{t}" for t in self.led_terms(role)}
        unit_word = label_unit(fact.label, fact.text, fact.quantities)
        if unit_word:  # "Emergency aid (castrels)": its figure counts castrels, not people
            features |= {HAS_UNIT_WORD, UNIT_WORD_PREFIX + stem(unit_word.split()[0])}
        if (fact.quantities and "count" not in measured) or (
                not fact.quantities and in_text and "count" not in in_text):
            features.add("uncountable")  # its figures are distances, sums, years...
        if fact.kind == "time" or mentions_time(prose):
            features.add("time")
            if fact.kind != "time" and not mentions_time(YEAR_RE.sub(" ", prose)):
                features.add("year_only")  # "the lessons of 2019": a year, not a date
        dated_only = fact.time is not None and is_date_only(fact.time)
        if fact.time_precision is not None and not fact.time_precision.part_of_day:
            features.add("no_day")  # "July 2009": offered, not given, for "what day"
        if (fact.kind == "time" and not dated_only) or _CLOCK_RE.search(prose):
            features.add("clock")
        if fact.time is not None and fact.time.utcoffset() is not None and not dated_only:
            features.add("zoned")  # its time can be given in UTC or another zone
        elif fact.kind == "measurement" and fact.as_of is not None \
                and fact.as_of.utcoffset() is not None and not is_date_only(fact.as_of):
            features.add("zoned")  # "the 4pm update, what time was that in NYC": when its
            # figure was given can be too
        for run in [*_TITLED_NAME_RE.finditer(fact.text), *_APPOSED_NAME_RE.finditer(
                fact.text)]:  # "Japanese Prime Minister Fumio Kishida": a title and the
            # name of who holds it, in one run of capitals; "China's leader, President Xi
            # Jinping": a country's role put beside the name
            features.add(TITLED_PREFIX + "|".join(sorted(
                {stem(w) for w in normalize(run.group(0)).split() if w not in STOPWORDS})))
        if _RECALLS_RE.search(" ".join(filter(None, (fact.text, fact.label, *fact.about,
                                                      *fact.keywords)))):
            features.add("recalls")  # it speaks of an earlier event ("the previous launch")
        if _FORECAST_RE.search(" ".join(filter(None, (fact.label, *fact.about,
                                                      *fact.keywords)))):
            features.add("forecast")  # "Rain forecast for Thursday": what is expected
        if fact.kind == "time" and _PLANNED_RE.search(" ".join(filter(None, (
                fact.label, *fact.about, *fact.keywords)))):
            features.add("planned")  # "Order to be reviewed": a moment set for later
        if fact.kind in ("claim", "statement") and _FIGURE_TALK_RE.search(fact.text):
            features.add("figure_talk")  # "the union's tally counted staff on leave"
        if NAMING_RE.search(f"{fact.text} {fact.quote or ''}"):
            features.add("naming")  # "whom she called its vassal forces"
        if fact.quantities or _NUMBER_RE.search(_YEAR_IN_TEXT_RE.sub(" ", prose)):
            # (a year is no figure: "the 1967 tsunami" counts nothing)
            features.add("number")
        if _CAUSE_RE.search(prose) or any(_WHY_KEYWORD_RE.match(k) for k in fact.keywords):
            features.add("cause")  # (a moderator's "why did the toll rise" keyword says so)
        features |= {f"unsaid:{m.group(1).lower()}" for m in UNSAID_RE.finditer(fact.text)}
        if fact.kind == "place" or _PLACE_RE.search(fact.text):
            features.add("placed")  # "at its test site in the country's northeast"
        if fact.kind != "time" and tells_of_a_past_day(prose):
            features.add("past_day")  # "responded later on Thursday": when it was, not will be
        surface = normalize(" ".join(filter(None, (
            fact.text, fact.quote, fact.label, fact.place, fact.speaker, fact.speaker_role,
            fact.reported_by, *fact.about, *fact.keywords)))).split()
        return FactTerms(frozenset(body | key | speaker), frozenset(key), frozenset(speaker),
                         frozenset(features), frozenset(w for w in surface if w.isalpha()))

    def event_name_terms(self, event: Event) -> frozenset[str]:
        """The terms of an event's names (title, place, aliases), without its date."""
        out: set[str] = set()
        for item in (event.title, event.where or "", *event.aliases):
            out |= self.name_terms(item)
        return frozenset(out)

    def event_title_terms(self, event: Event) -> frozenset[str]:
        """The terms of an event's title and aliases: what names it rather than its place."""
        out: set[str] = set()
        for item in (event.title, *event.aliases):
            out |= self.name_terms(item)
        return frozenset(out)

    def event_terms(self, event: Event, names: frozenset[str] | None = None
                    ) -> frozenset[str]:
        """An event's name terms (``names``, when already made) and its date's."""
        out = set(self.event_name_terms(event) if names is None else names)
        if event.when is not None:
            out |= self.terms(event.when.strftime(calendar_format(event.when_precision,
                                                                  "%A %d %B %Y")))
        return frozenset(out)


_SOURCES = (Path(__file__).with_name("analyzer.py"),
            Path(__file__).resolve().parents[1] / "text.py",
            Path(__file__).resolve().parents[1] / "units.py")  # figures' dimensions


def index_version(lexicon: Lexicon) -> str:
    """The match index's version: a hash of the lexicon and of the code that makes terms,
    so cached terms are recomputed whenever either changes (no hand-bumped constant)."""
    h = hashlib.sha256(lexicon.digest.encode())
    for path in _SOURCES:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
