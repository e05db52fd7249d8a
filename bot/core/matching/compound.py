"""Two questions in one message: "how many were evacuated n how many are in shelters",
"injured total + how many critical??", "when and where are the talks". Each part is asked
on its own; the message is answered only when every part is (see ``Matcher.decide``).

A joining word splits when a question word follows it, or when it joins two figures' words
("the range and altitude") or two things the facts count apart ("how many troops and
helicopters"); "how many cars and trucks burned" stays one question when a fact counts them
together, and so does a part that would be a bare question word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a second question begins with one of these after a joining word
_QUESTION_START = (r"how|what|whats|what's|wat|when|where|who|whos|who's|which|why|is|was|"
                   r"are|were|did|does|do|has|have")
_JOINED_RE = re.compile(
    rf"\s*(?:,\s*)?(?:\band\b|\bn\b|\+|&|\bplus\b)\s+(?=(?:{_QUESTION_START})\b)",
    re.IGNORECASE)
# "when and where are the talks": two question words over one rest
_TWO_WH_RE = re.compile(r"^(?P<a>when|where|who|how many|how much|what time)\s+(?:and|n|&|\+)\s+"
                        r"(?P<b>when|where|who|how many|how much|what time)\s+(?P<rest>\S.*)$",
                        re.IGNORECASE)
# "between 5 and how many": the "and" of a range
_BETWEEN_AND_RE = re.compile(r"\bbetween\s+(?:\S+\s+){0,3}?(?:and|n|&)\s+(?:how|what)\b",
                             re.IGNORECASE)
# "the range and altitude": two figures' words joined (each then asked on its own)
_TWO_NOUNS_RE = re.compile(r"\b(?P<a>[a-z]+)\s+(?:and|n|&|\+)\s+(?P<b>[a-z]+)\b", re.IGNORECASE)
# "how many troops and helicopters": the two nouns right after the count's words
_HOW_MANY_RE = re.compile(r"^\s*(?:how many|how much|number of|no of)\s+(?:the\s+)?$",
                          re.IGNORECASE)
MIN_PART_WORDS = 2  # a part shorter than this is no question of its own ("and why")
# "whos bertil sandrov and why is he mad": the person a first "who is" part asks about is
# who a later part's "he" or "she" is
_WHO_IS_RE = re.compile(r"^(?:who\s+(?:is|was|are|were)|who'?s|whos)\s+(?P<x>\S.*?)\??$",
                        re.IGNORECASE)
_PERSONAL = {"he": "{x}", "she": "{x}", "him": "{x}", "his": "{x}'s", "her": "{x}'s",
             "hes": "{x} is", "shes": "{x} is", "he's": "{x} is", "she's": "{x} is"}
_PERSONAL_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _PERSONAL) + r")\b",
                          re.IGNORECASE)


def carry_person(parts: list[str]) -> list[str]:
    """Later parts with "he", "she", "his" or "her" ask about the person a first "who is"
    part names ("who's the sports minister and what did she promise")."""
    m = _WHO_IS_RE.match(parts[0])
    if m is None:
        return parts
    person = m.group("x").strip()
    return [parts[0], *(_PERSONAL_RE.sub(
        lambda w: _PERSONAL[w.group(0).lower()].format(x=person), p) for p in parts[1:])]


def split_parts(question: str, measures: frozenset[str] = frozenset(),
                correct: Callable[[str], str | None] | None = None,
                counted_apart: Callable[[str, str], bool] | None = None) -> list[str]:
    """The questions a message asks, in order; one item when it asks one. ``measures`` are
    the words that name a figure ("range", "altitude"): "what were the range and altitude"
    asks each, and so does "the distance and aetitude" when ``correct`` reads a typo as one.
    ``counted_apart`` says whether two things are counted by separate figures and by none
    together: then "how many troops and helicopters were sent" asks each count."""
    text = question.strip()
    m = _TWO_WH_RE.match(text)
    if m:
        return [f"{m.group('a')} {m.group('rest')}", f"{m.group('b')} {m.group('rest')}"]

    def measure(word: str) -> str:
        word = word.lower()
        return word if word in measures or correct is None else (correct(word) or word)

    for m in _TWO_NOUNS_RE.finditer(text):
        a, b = measure(m.group("a")), measure(m.group("b"))
        if a in measures and b in measures and a != b or (
                counted_apart is not None and _HOW_MANY_RE.match(text[:m.start()])
                and counted_apart(a, b)):
            return [text[:m.start()] + a + text[m.end():], text[:m.start()] + b + text[m.end():]]
    if _BETWEEN_AND_RE.search(text):
        return [text]  # "given between 5 and how many minutes": one range, one question
    parts = [p.strip(" ,;-") for p in _JOINED_RE.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in parts):
        return [text]
    return carry_person(parts)
