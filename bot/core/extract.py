"""Extraction: a report's text -> candidate facts for moderators to review.

The first step of ingestion (and its fallback): split a report into sentences and make each
a *pending* claim citing the report. Pending facts never answer; a moderator reviews them
(activates, edits into a measurement or statement, or retracts). Structured extraction
(figures, times, speakers) will build on the same entry point.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.models import Fact

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen gov sen rep col lt sgt capt cmdr adm pres vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx est inc ltd co corp
    dept univ e.g i.e a.m p.m u.s u.k u.n e.u
    """.split()
)
_BOUNDARY = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain-text report, keeping abbreviations ("U.S.", "Mr.", "J. F. D.")
    and decimals inside their sentence; a blank line (a headline, a paragraph) always ends
    one."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(1)
        before = text[start:end]
        last = re.search(r"([A-Za-z.]+)[.!?][\"'”’)\]]*$", before)
        word = last.group(1).lower().rstrip(".") if last else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "U.S. officials", "J. F. D. Shrewsbury"
        sentences.append(before.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def sentence_facts(
    text: str,
    *,
    event: str,
    source: str,
    reported_by: str,
    id_prefix: str,
    status: str = "pending",
    guild_id: int | None = None,
) -> list[Fact]:
    """One claim per sentence, citing ``source``; pending unless told otherwise.

    The claim's text is the report's own sentence: it is shown as a quotation of the cited
    report, never rewritten, until a moderator turns it into a fact in our own words.
    """
    base = Fact(id="", event=event, source=source, kind="claim", text="",
                reported_by=reported_by, status="pending", origin="extract", guild_id=guild_id)
    return [
        replace(base, id=f"{id_prefix}-{i}", text=sentence, status=status)  # type: ignore[arg-type]
        for i, sentence in enumerate(split_sentences(text), 1)
    ]
