"""Time zones the facts name: "1 p.m. Morvanian time" says what time it is in Morvania.

A question may ask a time "in morvania", a place no zone table knows. A report that gives
times in that place's own time ("Morvanian time", "Asvel time") says its offset: each such
fact's time carries it. The facts are looked up when a question asks, not at indexing, so
that an index loaded from cached rows needs nothing more.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from bot.core.matching.index import MatchIndex
from bot.core.models import is_date_only
from bot.core.text import stem
from bot.core.timezones import AskedZone

MAX_ZONE_FACTS = 50  # facts read to learn one place's offset (a few name it)
PREFIX_TERMS = 10  # indexed words a place name may begin ("morvania": "morvanian")
_VOWELS = "aeiouy"


def place_prefix(place: str) -> str:
    """What a place's own words begin with: "morvania" -> "morvani" (Morvanian),
    "asvel" -> "asvel" (Asvelan)."""
    base = stem(place)
    return base[:-1] if len(base) > 4 and base[-1] in _VOWELS else base


def zone_the_facts_name(index: MatchIndex, place: str, guild_id: int | None
                        ) -> AskedZone | None:
    """The zone of a place, from facts visible to the guild that give a time "in <place's
    word> time"; the offset most of them give. None when no fact says."""
    prefix = place_prefix(place)
    if len(prefix) < 3:
        return None
    said = re.compile(rf"\b{re.escape(prefix)}\w* time\b", re.IGNORECASE)
    names: Counter[str] = Counter()
    ids: set[str] = set()
    for term in index.terms_with_prefix(prefix, limit=PREFIX_TERMS):
        ids |= index.postings.get(term, set())
    docs = [index.docs[i] for i in sorted(ids) if i in index.docs
            and index.docs[i].guild_id in (None, guild_id)][:MAX_ZONE_FACTS]
    offsets: Counter[timedelta] = Counter()
    for fact in index.full(docs).values():
        moment = fact.time
        if moment is None or moment.utcoffset() is None or is_date_only(moment):
            continue
        m = said.search(fact.text)
        if m:
            offsets[moment.utcoffset()] += 1
            names[m.group(0)] += 1
    if not offsets:
        return None
    offset, _ = offsets.most_common(1)[0]
    name, _ = names.most_common(1)[0]  # as the facts write it: "Morvanian time"
    return AskedZone.fixed(name, offset)
