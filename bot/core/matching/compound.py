"""Two questions in one message: "how many were evacuated n how many are in shelters",
"injured total + how many critical??", "when and where are the talks". Each part is asked
on its own; the message is answered only when every part is (see ``Matcher.decide``).

Only a joining word followed by a question word splits, so "how many cars and trucks
burned" stays one question, and so does a part that would be a bare question word.
"""

from __future__ import annotations

import re

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
MIN_PART_WORDS = 2  # a part shorter than this is no question of its own ("and why")


def split_parts(question: str) -> list[str]:
    """The questions a message asks, in order; one item when it asks one."""
    text = question.strip()
    m = _TWO_WH_RE.match(text)
    if m:
        return [f"{m.group('a')} {m.group('rest')}", f"{m.group('b')} {m.group('rest')}"]
    parts = [p.strip(" ,;-") for p in _JOINED_RE.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in parts):
        return [text]
    return parts
