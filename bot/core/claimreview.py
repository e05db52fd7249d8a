"""schema.org ClaimReview JSON-LD for fact-checkers (https://schema.org/ClaimReview).

One ClaimReview per active fact whose source has a link: ``claimReviewed`` is the fact in
our words, ``itemReviewed`` is the Claim with ``author`` = who reported it and its
``appearance`` = the report's url, and ``datePublished`` is the report's date. factbot
records what reports say rather than rating them, so there is no ``reviewRating``; the
review's ``author`` is the publisher passed in (default "factbot").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from bot.core.knowledge import told_text
from bot.core.models import Event, Fact, Source, TimePrecision


def _author(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _iso(moment: datetime, precision: TimePrecision | None) -> str:
    """ISO 8601 no finer than the report gave it: "2009-07", "2009", or the date of a part
    of a day ("Wednesday evening")."""
    if precision is None:
        return moment.isoformat()
    if precision.part_of_day:
        return moment.date().isoformat()
    return told_text(moment, precision)


def claim_review(
    fact: Fact, source: Source, event: Event | None, *, publisher: str = "factbot"
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _author(fact.reported_by),
        "datePublished": source.published.isoformat(),
        "appearance": {
            "@type": "CreativeWork",
            "url": source.url,
            "headline": source.title,
            "publisher": _author(source.publisher),
        },
    }
    if fact.as_of is not None:
        item["temporalCoverage"] = _iso(fact.as_of, fact.as_of_precision)
    if event is not None:
        item["about"] = {"@type": "Event", "name": event.title}
        if event.when is not None:
            item["about"]["startDate"] = _iso(event.when, event.when_precision)
        if event.where:
            item["about"]["location"] = event.where
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": fact.id,
        "claimReviewed": fact.quote or fact.text,
        "datePublished": source.published.isoformat(),
        "itemReviewed": item,
        "author": _author(publisher),
    }


def claim_reviews(
    facts: Iterable[Fact], sources: Mapping[str, Source], events: Mapping[str, Event]
) -> list[dict[str, Any]]:
    """ClaimReviews for the active facts whose source has a url, in fact-id order."""
    out = []
    for fact in sorted(facts, key=lambda f: f.id):
        source = sources.get(fact.source)
        if fact.status != "active" or source is None or not source.url:
            continue
        out.append(claim_review(fact, source, events.get(fact.event)))
    return out
