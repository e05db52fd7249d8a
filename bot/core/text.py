"""Text normalisation shared by the index and the questions.

Facts and questions go through the same pipeline, so a word matches whatever form it took:
lower case, unify quotes and dashes, keep "US" apart from the pronoun "us", fold a small
lexicon of synonyms onto one concept ("Tokyo" -> japan, "drills" -> drill, "fired" ->
launch), and a light suffix stemmer ("missiles" -> missile, "warned" -> warn).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that carry no meaning for matching. Question words are handled by intent detection
# before these are dropped.
STOPWORDS = frozenset(
    """
    a an the this that these those it its it's they them their theirs there here
    is are was were be been being am do does did doing done have has had having
    will would shall should may might must
    i me my we our you your he him his she her hers
    what which who whom whose when where why how
    of in on at to for from by with about as into onto over under than then so such
    and or but if not no nor also too very just only ever
    any some all each every much many more most other another same
    please tell know give show explain let like get got one ones
    according reportedly report reported reports article news story say said says
    up down out off again still yet s
    exactly precisely roughly approximately around
    """.split()
)

# Generic words that should neither help nor hurt much: a fact need not mention them.
LIGHT_WORDS = frozenset(
    """
    go went gone going fly flew flown flying reach reached reaching travel travelled traveled
    happen happened happening take took taken make made come came coming want wanted wants
    think thought thing things way time times day days year years call called become became
    happen occur occurred military official officials country countries person
    level point actually really recently recent latest climb climbed rise rose soar soared
    ascend ascended attain attained achieve achieved hit last hold held carry carried conduct
    conducted stage staged do pass passed elapse elapsed play played react reacted reaction
    respond responded response host hosted hosts hosting attend attended attending join
    joined participate participated part remark remarks comment comments words phrase
    kind sort city town area region place spot locality district""".split()
)

# Words never worth correcting a typo into (they carry no content of their own).
FUNCTION_WORDS = frozenset(
    """
    whether although though while whereas because since until unless within without
    upon whose whom therefore however meanwhile
    """.split()
)

# Multi-word expressions folded to one concept token before tokenising.
PHRASES: tuple[tuple[str, str], ...] = (
    ("north korean", "northkorea"),
    ("north korea", "northkorea"),
    ("n korea", "northkorea"),
    ("s korea", "southkorea"),
    ("democratic people s republic of korea", "northkorea"),
    ("south korean", "southkorea"),
    ("south korea", "southkorea"),
    ("republic of korea", "southkorea"),
    ("united states", "usa"),
    ("united nations", "un"),
    ("joint chiefs of staff", "jcs"),
    ("joint chiefs", "jcs"),
    ("korean peninsula", "peninsula"),
    ("indo pacific command", "indopacom"),
    ("pacific command", "indopacom"),
    ("us pacific command", "indopacom"),
    ("group of 20", "g20"),
    ("group of twenty", "g20"),
    ("g 20", "g20"),
    ("short range", "shortrange"),
    ("medium range", "mediumrange"),
    ("long range", "longrange"),
    ("intercontinental ballistic missile", "icbm"),
    ("srbm", "shortrange ballistic missile"),
    ("top diplomat", "foreignminister"),
    ("chief diplomat", "foreignminister"),
    ("weapons of mass destruction", "wmd"),
    ("defense ministry", "defenseministry"),
    ("defence ministry", "defenseministry"),
    ("ministry of defense", "defenseministry"),
    ("ministry of defence", "defenseministry"),
    ("defense minister", "defenseministry"),
    ("defence minister", "defenseministry"),
    ("foreign minister", "foreignminister"),
    ("foreign ministry", "foreignminister"),
    ("splash down", "land"),
    ("splashed down", "land"),
    ("came down", "land"),
    ("come down", "land"),
    ("test fire", "launch"),
    ("test fired", "launch"),
    ("covid 19", "covid"),
    ("nuclear tests", "nucleartest nuclear test"),
    ("nuclear test", "nucleartest nuclear test"),
    ("nuclear testing", "nucleartest nuclear test"),
    ("atomic test", "nucleartest nuclear test"),
    ("kim jong un", "kimjongun"),
    ("xi jinping", "xi"),
    ("secretary general", "secretarygeneral"),
    # scopes wider than one event: a fact about this launch does not answer them
    ("this year", "thisyear"),
    ("last year", "lastyear"),
    ("shoot down", "intercept"),
    ("shot down", "intercept"),
    ("shooting down", "intercept"),
    # "can you tell me": politeness, not capability
    ("can you", "you"),
    ("could you", "you"),
    ("can i", "i"),
    ("can we", "we"),
    ("so far", "sofar"),
    ("in total", "intotal"),
    ("all time", "alltime"),
    ("ever since", "eversince"),
)

# Single words folded onto a concept (after phrase folding, before stemming).
SYNONYMS: dict[str, str] = {
    # places and actors
    "pyongyang": "northkorea", "dprk": "northkorea", "nk": "northkorea",
    "seoul": "southkorea", "rok": "southkorea",
    "tokyo": "japan", "japanese": "japan",
    "washington": "usa", "america": "usa", "american": "usa", "americans": "usa",
    "beijing": "china", "chinese": "china",
    "moscow": "russia", "russian": "russia", "kremlin": "russia",
    "kyiv": "ukraine", "ukrainian": "ukraine",
    "indopacom": "indopacom", "inpacom": "indopacom",
    "cambodian": "cambodia", "indonesian": "indonesia",
    "g20": "g20",
    # the event
    "intercontinental": "icbm", "icbms": "icbm",
    "rocket": "missile", "rockets": "missile", "projectile": "missile", "projectiles": "missile",
    "missle": "missile", "missles": "missile",
    "fire": "launch", "fired": "launch", "fires": "launch", "firing": "launch",
    "shoot": "launch", "shot": "launch", "launched": "launch", "launches": "launch",
    "launching": "launch", "liftoff": "launch",
    "landed": "land", "landing": "land", "lands": "land", "splashdown": "land",
    "fell": "land", "impact": "land", "crashed": "land",
    "drills": "drill", "drill": "drill", "exercise": "drill", "exercises": "drill",
    "wargame": "drill", "wargames": "drill", "maneuvers": "drill", "manoeuvres": "drill",
    "training": "drill", "trainings": "drill",
    "offensive": "defensive", "defensive": "defensive", "aggressive": "defensive",
    "defence": "defense",
    "summit": "summit", "summits": "summit", "meet": "summit", "met": "summit",
    "meeting": "summit", "meetings": "summit", "talks": "summit", "gathering": "summit",
    "warheads": "warhead", "nukes": "nuclear", "nuke": "nuclear", "atomic": "nuclear",
    "help": "aid", "helping": "aid", "helped": "aid", "assistance": "aid", "support": "aid",
    "supporting": "aid", "assist": "aid",
    "coastal": "coast", "seaside": "coast",
    "condemned": "condemn", "condemnation": "condemn", "denounced": "condemn",
    "denounce": "condemn", "criticised": "condemn", "criticized": "condemn",
    "threatened": "threaten", "threat": "threaten", "threats": "threaten",
    "threatening": "threaten",
    "warned": "warn", "warning": "warn", "warnings": "warn",
    "reacted": "react", "reaction": "react", "reactions": "react",
    "responded": "respond", "response": "respond", "responses": "respond",
    "asked": "urge", "ask": "urge", "urged": "urge", "urging": "urge", "wanted": "urge",
    "want": "urge", "wants": "urge", "demand": "urge", "demanded": "urge",
    "before": "earlier", "prior": "earlier", "previously": "earlier",
    "held": "hold", "holding": "hold", "holds": "hold",
    "goal": "aim", "goals": "aim", "objective": "aim", "objectives": "aim", "intention": "aim",
    "intent": "aim", "aims": "aim", "purpose": "aim",
    "refuse": "decline", "refused": "decline", "refusing": "decline", "declined": "decline",
    "allies": "ally", "allied": "ally",
    "sanctions": "sanction", "sanctioned": "sanction",
    "preparations": "prepare", "preparation": "prepare", "prepared": "prepare",
    "preparing": "prepare", "ready": "prepare",
    "simulated": "simulate", "simulating": "simulate", "simulation": "simulate",
    "simulations": "simulate", "rehearsal": "simulate", "rehearsals": "simulate",
    "reaffirmed": "reaffirm", "reaffirming": "reaffirm", "restated": "reaffirm",
    "pledged": "reaffirm", "pledge": "reaffirm",
    "commitments": "commitment", "committed": "commitment",
    "tougher": "tough", "harder": "tough", "fiercer": "fierce",
    "job": "role", "position": "role", "title": "role", "post": "role",
    "spokesperson": "spokesman", "spokeswoman": "spokesman",
    "suspect": "suspect", "suspected": "suspect", "accused": "suspect", "accuse": "suspect",
    # what something *can* do is not what it did: facts report what happened
    "can": "capability", "could": "capability", "capable": "capability",
    "capabilities": "capability", "able": "capability",
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km",
    "miles": "mile",
}

_STEM_EXCEPTIONS = frozenset(
    {"us", "usa", "news", "this", "has", "was", "is", "as", "its", "yes", "less", "unless",
     "across", "various", "series", "species", "analysis", "crisis", "basis", "thesis",
     "status", "bus", "gas", "plus", "always", "perhaps", "serious", "previous", "famous",
     "numerous", "ballistics", "g20", "jcs", "wmd", "kishida", "xi", "choe", "cambodia",
     "indonesia", "russia", "china", "japan", "wonsan", "sik", "hui", "moon", "yoon",
     "biden", "indopacom", "covid", "during", "thing", "nothing", "something", "king",
     "ring", "sing", "spring", "string", "bring", "wing", "morning", "evening", "ceiling",
     "building", "meeting", "briefing", "landing", "red", "bed", "need", "speed", "feed",
     "seed", "deed", "hundred", "shred", "united"}
)

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_US_RE = re.compile(r"\bU\.?S\.?A?\b(?!\w)")
_POSSESSIVE_RE = re.compile(r"(\w)['’]s\b")


def stem(word: str) -> str:
    """A light, predictable suffix stripper (not Porter): enough to fold plurals and
    regular verb forms without mangling names. "missiles", "missile" -> "missil";
    "described", "describes", "describe" -> "describ"."""
    if len(word) <= 3 or word in _STEM_EXCEPTIONS or word.isdigit():
        return word
    return _strip_e(_strip_suffix(word))


def _strip_suffix(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("eed") and len(word) > 4:
        return word[:-1]  # "agreed" -> "agree"
    if word.endswith("ed") and len(word) > 4:
        base = word[:-2]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base
    return word


def _strip_e(word: str) -> str:
    if word.endswith("e") and len(word) > 4 and not word.endswith("ee"):
        return word[:-1]
    return word


# lower-case "us" that can only be the country: "the us", "us military", "us-south korea"
_LOWER_US_RE = re.compile(
    r"(?<=\bthe )us\b|\bus(?=[ -](?:military|government|president|officials?|forces|troops|"
    r"army|navy|air force|command|and|south|japan|allies|ally|side|administration|"
    r"embassy|envoy|state department|pacific|indo)\b)"
)
_DASH_RE = re.compile(r"[-‐‑‒–—/]")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3})")  # 2,500 -> 2500
_PHRASE_MAP = dict(PHRASES)
_THE_NORTH_RE = re.compile(r"\bthe north\b")
# "in 2022", "during 2021": a whole year, unless a month or day narrows it
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_YEAR_SCOPE_RE = re.compile(r"\b(?:in|during|throughout|since) (?:19|20)\d\d\b")
_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\b")
_PHRASE_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(_PHRASE_MAP, key=len, reverse=True)) + r")\b"
)


def normalize(text: str) -> str:
    """Lower-case, ASCII-fold and fold phrases; returns space-separated words."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _US_RE.sub(" usa ", text)  # before lower-casing: "US" the country, not "us"
    text = _POSSESSIVE_RE.sub(r"\1", text).lower()
    text = _LOWER_US_RE.sub("usa", text)  # "the us military": the country, in lower case
    text = _THOUSANDS_RE.sub("", _DASH_RE.sub(" ", text))
    words = " ".join(_TOKEN_RE.findall(text))
    words = _PHRASE_RE.sub(lambda m: _PHRASE_MAP[m.group(1)], words)
    if _YEAR_SCOPE_RE.search(words) and not _MONTH_RE.search(words):
        words += " yearscope"  # a term no single event's fact has
    return _THE_NORTH_RE.sub("northkorea", words)  # after "north korea(n)" has been folded


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """The concept a single normalised word stands for ("" for noise)."""
    mapped = SYNONYMS.get(word)
    if mapped is not None:
        return stem(mapped) if mapped else ""
    return stem(word)


def words(text: str) -> list[str]:
    """Normalised surface words (for typo correction and phrase cues)."""
    return normalize(text).split()


def terms(text: str) -> list[str]:
    """Canonical content terms of a text, stopwords dropped, order kept."""
    out = []
    for w in normalize(text).split():
        if w in STOPWORDS:
            continue
        c = canonical(w)
        if c and c not in STOPWORDS:
            out.append(c)
    return out
