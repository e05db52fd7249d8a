"""English grammar for matching: normalisation, tokens, stems, and the closed word classes.

Only what holds for any story lives here: how English text is split and folded, its stop
words, question words, speech verbs and the words that mark a figure as the latest or the
first. Everything about a domain or a story (synonyms, names, chat shorthand, attributes)
is data in ``knowledge/lexicon.yaml`` (see :mod:`bot.core.lexicon`).

Stems come from LemmInflect's lemmas ("flew" -> fly, "women" -> woman) and then the Snowball
English stemmer (``snowballstemmer``, the stemmer Sphinx and many search engines use), which
folds plurals and derived forms ("derailed", "derailment" -> "derail") more completely than
a hand-written suffix list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

# Words that carry no meaning for matching. Question words are read (by the question
# analysis) before these are dropped.
STOPWORDS = frozenset(
    """
    a an the this that these those it its it's they them their theirs there here
    is are was were be been being am do does did doing done have has had having
    will would shall should may might must can could
    i me my we our you your he him his she her hers us
    what which who whom whose when where why how
    of in on at to for from by with about as into onto over under than then so such vs versus
    between among across via till til until
    and or but if not no nor also too very just only ever
    any some all each every much many more most other another same
    please give show let like get got one ones
    didn doesn isn wasn weren aren hasn haven hadn couldn wouldn shouldn
    according reportedly article news story
    up out off again yet s d ll re ve m t
    anything something everything nothing anyone someone everyone
    precisely roughly approximately around
    """.split()
)

QUESTION_WORDS = frozenset("what where when which who whom whose how why".split())

# chat's words for "someone", beside what says who ("the criminal police guy")
SOMEONE_WORDS = frozenset("guy guys dude bloke chap fella lady".split())

# Generic words a fact need not mention: they neither help nor hurt much.
LIGHT_WORDS = SOMEONE_WORDS | frozenset(
    """
    go went gone going happen happened happening take took taken make made come came coming
    want wanted think thought thing things stuff way become became occur occurred
    actually really recently recent hold held carry carried do put set
    people person number numbers figure figures amount total totals count counts whole
    entire
    kind sort type place spot area region part
    say said says saying tell told report reported reports announce announced
    know knew known knows
    new current currently latest now final updated revised first initial original
    earlier early preliminary provisional supposed finally eventually
    before after during since until ago
    keep keeps kept keeping bring brings brought bringing
    """.split()
)

# Verbs of speech: "what did X *say*" asks for a statement; the verb is not content.
SPEECH_VERBS = frozenset(
    """
    say said says saying tell told telling state stated states claim claimed claims
    warn warned warns think thinks argue argued announce announced add added describe
    described respond responded react reacted reply replied comment commented note noted
    call called urge urged insist insisted stress stressed predict predicted suggest
    suggested promise promised pledge pledged vow vowed confirm confirmed deny denied
    believe believes mean meant mention mentioned mentions reckon reckons reckoned
    testify testified testifies admit admitted admits talking talked spoke speaking spoken
    """.split()
)

# Nouns that ask for what someone said ("the mayor's reaction").
STATEMENT_NOUNS = frozenset(
    "statement statements reaction reactions response responses comment comments view "
    "views position stance message remarks quote quotes words".split()
)

# Words that pick one figure from a revised series: the latest or the first.
LATEST_WORDS = frozenset("now latest current currently newest new updated revised final "
                         "today still".split())
LATEST_PHRASES = ("so far", "most recent", "right now", "at the moment", "as of now", "this time",
                  "latest update", "last update", "in the end")
FIRST_WORDS = frozenset("first initial initially original originally earliest early "
                        "preliminary provisional earlier".split())
# Words that say a figure changed ("widened evacuation radius"): not which quantity it is.
CHANGE_WORDS = frozenset("widened expanded extended raised lowered increased reduced narrowed "
                         "corrected adjusted amended later".split())
# Words that point at an earlier event of the same sort ("turnout last time").
# "the *first* failure", "the *old* investigation": before a word of an earlier event's name
EARLIER_ONE_WORDS = frozenset("earlier first old older original former".split())
PREVIOUS_EVENT_PHRASES = ("last time", "the time before", "previous", "prior", "previously",
                          "back then", "that time", "the one before", "the earlier one",
                          "a similar", "before this one", "before this time", "an older",
                          "an earlier", "what earlier", "which earlier")

# Word forms of numbers people type for small counts.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

# Words never worth correcting a typo into (they carry no content of their own).
FUNCTION_WORDS = frozenset(
    """
    whether although though while whereas because since until unless within without
    upon therefore however meanwhile
    """.split()
)

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_US_RE = re.compile(r"\bU\.?S\.?A?\b(?!\w)")  # "US": the country, not the pronoun
# chat's "w/o" (without) and "w/" (with), which the slash would split into letters
_WITH_SLASH_RE = re.compile(r"\bw/(o\b)?", re.IGNORECASE)
_GLUED_UNIT_RE = re.compile(r"(\d)(km|kms|mi|mph|kph|kmh|ft|cm|mm|kg|lbs|lb|hrs|hr|mins)\b")
# "600m wide", "17m in feet": metres, where a word of size or a length to convert into
# follows ("$5m" alone is five million)
_GLUED_METRES_RE = re.compile(r"(\d)m\b(?=\W*(?:wide|tall|high|deep|long|across|thick|away|"
                              r"up|down|above|below|(?:in|to|into) (?:feet|foot|ft|yards|yds|"
                              r"inches|miles))\b)")
_POSSESSIVE_RE = re.compile(r"(\w)['’]s\b")
# "who's", "what's", "it's": is, not a possessive
_IS_RE = re.compile(r"\b(who|what|where|when|how|why|that|it|there|here|which)['’]s\b",
                    re.IGNORECASE)
_DASH_RE = re.compile(r"[-‐‑‒–—/]")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3})")  # 2,500 -> 2500
# "38k", "46.5k": thousands, as chat writes them
_KILO_RE = re.compile(r"\b(\d+(?:\.\d+)?)k\b")
_PERCENT_RE = re.compile(r"%")


def _thousands(m: re.Match[str]) -> str:
    value = float(m.group(1)) * 1000
    return str(int(value)) if value.is_integer() else str(value)


def normalize(text: str) -> str:
    """Lower-case, ASCII-fold, split on dashes; returns space-separated words."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _US_RE.sub(" usa ", text)  # before lower-casing
    text = _WITH_SLASH_RE.sub(lambda m: " without " if m.group(1) else " with ", text)
    text = _POSSESSIVE_RE.sub(r"\1", _IS_RE.sub(r"\1 is", text)).lower()
    text = _PERCENT_RE.sub(" percent ", text)
    text = _GLUED_UNIT_RE.sub(r"\1 \2", text)  # "100km" -> "100 km"
    text = _GLUED_METRES_RE.sub(r"\1 m", text)
    text = _THOUSANDS_RE.sub("", _DASH_RE.sub(" ", text))
    text = _KILO_RE.sub(_thousands, text)
    return " ".join(_TOKEN_RE.findall(text))


def words(text: str) -> list[str]:
    """Normalised surface words."""
    return normalize(text).split()


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The Snowball stem, with a final "i" dropped so that "injury"/"injuries" (injuri)
    meet "injured" (injur). Numbers and short words stay as they are."""
    if not word.isalpha():
        return word
    word = lemma(word)
    if len(word) <= 3:
        return word
    s = _STEMMER.stemWord(word)
    if s.endswith("i") and len(s) > 4:
        s = s[:-1]
    if word.endswith("ate") and s == word[:-3] and word_classes(word) == {"NOUN"} \
            and english_zipf(s) >= STEM_WORD_ZIPF:
        return word  # a "directorate" is no "director", a "consulate" no "consul"
    return s


@lru_cache(maxsize=131072)
def lemma(word: str) -> str:
    """The dictionary form of a word, from LemmInflect's English lemma tables: irregular
    verbs ("flew" -> fly, "won" -> win) and plurals ("women" -> woman) that no suffix rule
    folds. A form that can be a verb is read as one ("left" -> leave): questions about news
    use verbs far more than those nouns; but a noun that is also a rarer verb's past form
    stays itself ("crew" is not "crow")."""
    forms = getAllLemmas(word)
    if not forms and word.endswith("s") and len(word) > 3:
        # "mens", "womens", "childrens": a possessive typed without its apostrophe, of a
        # plural no suffix rule folds (so "men's" and "mens" both say "man")
        plural = getAllLemmas(word[:-1]).get("NOUN")
        if plural and plural[0] != word[:-1]:
            return plural[0]
    verb = forms.get("VERB")
    if verb and verb[0] != word:
        if word in verb and "NOUN" in forms and english_zipf(verb[0]) < english_zipf(word):
            return word  # "crew" (a noun, and a rare past of "crow"), "ground"
        return verb[0]
    noun = forms.get("NOUN")
    return noun[0] if noun else word


def lemma_forms(word: str) -> dict[str, tuple[str, ...]]:
    """LemmInflect's lemmas of a word by part of speech ({"VERB": ("strike",)})."""
    return getAllLemmas(word)


# nouns and clippings that pick the extreme of several figures, as a superlative does
_EXTREME_WORDS = frozenset("max maximum peak record min minimum".split())


@lru_cache(maxsize=65536)
def picks_an_extreme(word: str) -> bool:
    """Whether a word picks the most or least of something: a superlative ("highest",
    "worst", from LemmInflect's adjective lemmas) or a word such as "peak" or "max"."""
    if word in _EXTREME_WORDS:
        return True
    adjective = getAllLemmas(word).get("ADJ")
    return bool(adjective) and adjective[0] != word and word.endswith(("est", "st"))


# a closed compound ("hailstone", "floodwater") no commoner than this is read with its
# head noun too: a hailstone is a stone; an everyday one ("airport", "deadline") is not
COMPOUND_HEAD_MAX_ZIPF = 4.2
COMPOUND_PART_MIN_ZIPF = 3.5  # each half an English word of its own
COMPOUND_MIN_HEAD = 4  # letters of the head ("storm" of "windstorm"; not "ore")
# endings that look like words but end derived words ("host-ages", "critic-ally",
# "defend-ants", "inspect-ions", "super-vision"): no head nouns
_SUFFIX_LOOKALIKES = frozenset("ally ages ions ants hers hips teen rage ways ward wards outs "
                               "former vision".split())
# prefixes that are words too ("counter-measures" are not measured, "super-market" is no
# market stall): no first halves
_PREFIX_LOOKALIKES = frozenset("counter super over under inter mega multi anti semi micro "
                               "mini trans".split())
COMPOUND_MIN_FIRST = 4  # ("rec" + "order" is no compound)


@lru_cache(maxsize=131072)
def compound_head(word: str) -> str | None:
    """The head noun of a rare closed compound: "stone" of "hailstone", "storm" of
    "windstorm" (English compounds are right-headed), from wordfreq and LemmInflect."""
    if not word.isalpha() or len(word) < COMPOUND_MIN_FIRST + COMPOUND_MIN_HEAD \
            or word in STOPWORDS or english_zipf(word) > COMPOUND_HEAD_MAX_ZIPF \
            or "VERB" in getAllLemmas(word):  # ("blocking" is no "bloc" + "king")
        return None
    for k in range(COMPOUND_MIN_FIRST, len(word) - COMPOUND_MIN_HEAD + 1):
        first, head = word[:k], word[k:]
        if english_zipf(first) >= COMPOUND_PART_MIN_ZIPF and first not in STOPWORDS \
                and first not in _PREFIX_LOOKALIKES \
                and english_zipf(head) >= COMPOUND_PART_MIN_ZIPF \
                and head not in _SUFFIX_LOOKALIKES \
                and "NOUN" in getAllLemmas(head):
            return head
    return None


def can_be_verb(word: str) -> bool:
    """Whether a word can be read as a verb ("climb", "remark", "deployed")."""
    return "VERB" in getAllLemmas(word)


# British and American spellings of one word ("programme"/"program", "defence"/"defense",
# "centre"/"center", "organise"/"organize", "travelled"/"traveled", "colour"/"color"): each
# pair of endings or infixes, both ways
_SPELLING_SWAPS = tuple((re.compile(a), b) for a, b in (
    (r"mme$", "m"), (r"(?<=[a-z]{4})m$", "mme"),
    (r"(?<=[a-z]{2}[^aeiou])our(?=s?$|ed$|ing$|ite|able|ful|less)", "or"),
    (r"(?<=[a-z]{2}[^aeiou])or(?=s?$|ed$|ing$|ite|able|ful|less)", "our"),
    (r"is(?=e[sdr]?$|ers$|ing$|ation)", "iz"), (r"iz(?=e[sdr]?$|ers$|ing$|ation)", "is"),
    (r"ys(?=e[sd]?$|ing$)", "yz"), (r"yz(?=e[sd]?$|ing$)", "ys"),
    (r"(?<=[bt])re(?=s?$)", "er"), (r"(?<=[bt])er(?=s?$)", "re"),
    (r"ence(?=s?$)", "ense"), (r"ense(?=s?$)", "ence"),
    (r"ogue(?=s?$)", "og"), (r"(?<=[a-z]{3})og(?=s?$)", "ogue"),
    (r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$|or$|ors$)", "l"),
    (r"(?<=[aeiou])l(?=ed$|ing$|er$|ers$|or$|ors$)", "ll"),
    (r"(?<=[a-z])ae(?=[a-z])", "e"), (r"(?<=[a-z])oe(?=[a-z])", "e"),
))


@lru_cache(maxsize=65536)
def spelling_variants(word: str) -> frozenset[str]:
    """The other British or American spellings of a word (rules, not a word list): the
    caller keeps those some fact uses."""
    return frozenset(rx.sub(b, word, count=1) for rx, b in _SPELLING_SWAPS
                     if rx.search(word)) - {word}


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech a word can be, as LemmInflect knows them ("current": ADJ, NOUN)."""
    return frozenset(getAllLemmas(word))


def phrase_token(stems: list[str] | tuple[str, ...]) -> str:
    """One token for a multi-word name or term: its stems joined by "_"."""
    return "_".join(stems)


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, stop words dropped, order kept."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """How common a word is in English (Zipf scale, 0 = unknown), from wordfreq."""
    return zipf_frequency(word, "en")


# A stem at least this common is an English word of its own ("director" of "directorate")
STEM_WORD_ZIPF = 3.0
# An everyday word: at least this common in English. (Scoring's VERY_COMMON_ZIPF, 5.3, is
# stricter: the verbs whose weight it halves must be commoner than a name's everyday word.)
EVERYDAY_ZIPF = 5.0


def common_word(term: str) -> bool:
    """Whether an index term is an everyday English word ("north", "stand"), or a day or
    a month, which alone names no event, unlike "wonsan" or "tarvel"."""
    return english_zipf(term) >= EVERYDAY_ZIPF or term in CALENDAR_TERMS


# weekdays and months (as index terms): many events fall on each
CALENDAR_TERMS = frozenset(stem(w) for w in (
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december").split())
