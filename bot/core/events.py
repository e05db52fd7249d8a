"""Which events are background to another: an earlier storm or derailment that a report
mentions beside the one it is about.

A moderator may say so with an event's ``background_of``. When nobody did,
:func:`main_event_of` infers it from the reports: a report (source) is about the event whose
date is nearest its publication; another event cited from the same report that happened
well before it (more than :data:`BACKGROUND_GAP` earlier), or has no date while the main
one has, is background to it. An event that is the main event of some report of its own is
never inferred to be background: it has its own coverage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from bot.core.models import Event, Fact, Source

# How much earlier than the report an event must be to count as background to the
# report's main event: a month, so that an aftershock or a second day of a storm is not.
BACKGROUND_GAP = timedelta(days=30)


def _day(event: Event) -> date | None:
    return event.when.date() if event.when is not None else None


def main_event_of(events: Iterable[Event], facts: Iterable[Fact],
                  sources: Iterable[Source]) -> dict[str, str | None]:
    """Every event's main event: its id -> the id of the event it is background to, or
    None for a main event.

    An explicit ``background_of`` wins. Otherwise an event is background when a dated
    source cites it together with a dated event that is nearer the source's publication,
    and the event is more than :data:`BACKGROUND_GAP` older than the publication (or
    undated). When several reports make it background to different events, the earliest
    report decides (ties: the source id), so the answer does not depend on input order.
    """
    by_id = {e.id: e for e in events}
    published = {s.id: s.published for s in sources}
    cited: dict[str, set[str]] = defaultdict(set)  # source id -> events its facts are about
    for fact in facts:
        if fact.event in by_id:
            cited[fact.source].add(fact.event)

    mains: set[str] = set()
    candidates: list[tuple[date, str, str, str]] = []  # (published, source, event, main)
    for source_id, event_ids in cited.items():
        day = published.get(source_id)
        dated = [e for e in event_ids if _day(by_id[e]) is not None]
        if day is None or not dated:
            continue  # an undated report, or no dated event: nothing to measure against
        main = min(dated, key=lambda e: (abs((_day(by_id[e]) - day).days), e))
        mains.add(main)
        for other in sorted(event_ids - {main}):
            when = _day(by_id[other])
            if when is None or day - when > BACKGROUND_GAP:
                candidates.append((day, source_id, other, main))

    result: dict[str, str | None] = {e: by_id[e].background_of for e in by_id}
    for *_order, other, main in sorted(candidates):
        if result[other] is None and other not in mains:
            result[other] = main
    return result
