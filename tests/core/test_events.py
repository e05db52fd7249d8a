"""Background events inferred from the reports that mention them (bot.core.events)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.core.events import main_event_of
from bot.core.models import Event, Fact, Source


def event(event_id: str, day: date | None = None, background_of: str | None = None) -> Event:
    when = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) if day else None
    return Event(event_id, event_id.title(), when=when, background_of=background_of)


def source(source_id: str, published: date | None) -> Source:
    return Source(source_id, source_id, "Wire", published)


def fact(fact_id: str, event_id: str, source_id: str) -> Fact:
    return Fact(fact_id, event_id, source_id, "claim", f"About {event_id}.", "Wire")


STORM = event("storm-2024", date(2024, 9, 12))
FLOOD_1997 = event("flood-1997", date(1997, 7, 7))
REPORT = source("report", date(2024, 9, 13))


def test_an_old_event_in_a_report_is_background_to_the_report_event():
    facts = [fact("a", "storm-2024", "report"), fact("b", "flood-1997", "report")]
    assert main_event_of([STORM, FLOOD_1997], facts, [REPORT]) == {
        "storm-2024": None, "flood-1997": "storm-2024",
    }


def test_an_undated_event_beside_a_dated_one_is_background():
    earlier = event("earlier-derailment")
    facts = [fact("a", "storm-2024", "report"), fact("b", "earlier-derailment", "report")]
    assert main_event_of([STORM, earlier], facts, [REPORT])["earlier-derailment"] == \
        "storm-2024"


def test_an_event_within_a_month_of_the_report_is_not_background():
    aftershock = event("aftershock", date(2024, 8, 20))  # 24 days before publication
    facts = [fact("a", "storm-2024", "report"), fact("b", "aftershock", "report")]
    assert main_event_of([STORM, aftershock], facts, [REPORT]) == {
        "storm-2024": None, "aftershock": None,
    }


def test_an_event_with_reports_of_its_own_stays_a_main_event():
    own = source("flood-report", date(1997, 7, 8))
    facts = [fact("a", "storm-2024", "report"), fact("b", "flood-1997", "report"),
             fact("c", "flood-1997", "flood-report")]
    assert main_event_of([STORM, FLOOD_1997], facts, [REPORT, own])["flood-1997"] is None


def test_an_explicit_background_of_wins():
    other = event("other-2024", date(2024, 9, 1))
    flood = event("flood-1997", date(1997, 7, 7), background_of="other-2024")
    facts = [fact("a", "storm-2024", "report"), fact("b", "flood-1997", "report")]
    result = main_event_of([STORM, other, flood], facts, [REPORT])
    assert result["flood-1997"] == "other-2024"


def test_nothing_is_inferred_from_an_undated_report_or_a_single_event():
    undated = source("undated", None)
    facts = [fact("a", "storm-2024", "undated"), fact("b", "flood-1997", "undated"),
             fact("c", "storm-2024", "report")]
    assert main_event_of([STORM, FLOOD_1997], facts, [undated, REPORT]) == {
        "storm-2024": None, "flood-1997": None,
    }


def test_the_earliest_report_decides_between_two_main_events():
    later_storm = event("storm-2025", date(2025, 3, 1))
    later_report = source("later", date(2025, 3, 2))
    facts = [fact("a", "storm-2024", "report"), fact("b", "flood-1997", "report"),
             fact("c", "storm-2025", "later"), fact("d", "flood-1997", "later")]
    events = [later_storm, FLOOD_1997, STORM]
    assert main_event_of(events, facts, [later_report, REPORT]) == {
        "storm-2024": None, "storm-2025": None, "flood-1997": "storm-2024",
    }
    # the input order does not matter
    assert main_event_of(list(reversed(events)), list(reversed(facts)),
                         [REPORT, later_report])["flood-1997"] == "storm-2024"


def test_facts_of_unknown_events_are_ignored():
    facts = [fact("a", "storm-2024", "report"), fact("b", "ghost", "report")]
    assert main_event_of([STORM], facts, [REPORT]) == {"storm-2024": None}
