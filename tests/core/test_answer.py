"""compose_answer on hand-built match results: values, units, times, citations, abstentions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.core.answer import (
    NO_FACT,
    answer_to_json,
    compose_answer,
    local_time_text,
    twelve_hour_text,
    utc_time_text,
)
from bot.core.matching import AnswerType, MatchResult, Reason, Scored
from bot.core.models import Event, Fact, Quantity, Source

KST = timezone(timedelta(hours=9))

EVENT = Event(
    id="launch",
    title="The test launch",
    when=datetime(2022, 11, 17, 10, 48, tzinfo=KST),
    where="Wonsan",
)
SOURCES = {
    "wire": Source("wire", "Missile launch report", "Wire Service", date(2022, 11, 17),
                   url="https://example.org/report"),
    "paper": Source("paper", "Another report", "A Paper", date(2022, 11, 18)),
}

RANGE = Fact(
    id="range",
    event="launch",
    source="wire",
    kind="measurement",
    text="The missile flew about 240 km.",
    reported_by="the JCS",
    attribute="range",
    quantities=(Quantity(240.0, "km"), Quantity(150.0, "mi")),
    approximate=True,
)
ALTITUDE = Fact(
    id="altitude",
    event="launch",
    source="wire",
    kind="measurement",
    text="The missile peaked at 47 km.",
    reported_by="the JCS",
    attribute="max_altitude",
    quantities=(Quantity(47.0, "km"),),
)
LAUNCH_TIME = Fact(
    id="time",
    event="launch",
    source="wire",
    kind="time",
    text="The missile was fired at 10:48.",
    reported_by="the JCS",
    attribute="launch_time",
    time=datetime(2022, 11, 17, 10, 48, tzinfo=KST),
)
SITE = Fact(
    id="site",
    event="launch",
    source="paper",
    kind="place",
    text="It was fired from Wonsan.",
    reported_by="Japan",
    attribute="launch_site",
    place="the Wonsan area",
)
QUOTE = Fact(
    id="quote",
    event="launch",
    source="paper",
    kind="statement",
    text="The minister warned of a tougher response.",
    reported_by="the minister",
    speaker="Choe Son Hui",
    speaker_role="Foreign Minister",
    quote="the tougher the countermeasures will be, in direct proportion to it",
)
CLAIM = Fact(
    id="claim",
    event="launch",
    source="wire",
    kind="claim",
    text="The launch was the latest in a series of tests.",
    reported_by="the wire report",
)


def result(*facts: Fact, unit: str | None = None, **kw) -> MatchResult:
    scored = tuple(Scored(f, 0.9, 1.0) for f in facts)
    kw.setdefault("confidence", 0.9)
    return MatchResult("q?", "answer", facts=scored, event=EVENT, unit=unit, **kw)


def compose(*facts: Fact, unit: str | None = None, **kw):
    return compose_answer("q?", result(*facts, unit=unit, **kw), SOURCES)


# --- measurements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "unit", "expected"),
    [
        (RANGE, None, "Distance flown: about 240 km (150 miles), according to the JCS [1]."),
        # the report's own second unit leads, no conversion
        (RANGE, "mi", "Distance flown: about 150 miles (240 km), according to the JCS [1]."),
        (RANGE, "km", "Distance flown: about 240 km (150 miles), according to the JCS [1]."),
        # not reported in that unit: converted from the first, and marked
        (ALTITUDE, "mi", "Maximum altitude: 29 miles (47 km) [converted], according to the JCS"),
        (RANGE, "nmi", "about 130 nautical miles (240 km, 150 miles) [converted]"),
        # no conversion possible (length -> duration): shown as reported
        (ALTITUDE, "day", "Maximum altitude: 47 km, according to the JCS [1]."),
    ],
)
def test_measurement_values_and_units(fact: Fact, unit: str | None, expected: str):
    answer = compose(fact, unit=unit)
    assert answer.answered
    assert expected in answer.text
    assert ("[converted]" in answer.text) == ("[converted]" in expected)


def test_measurement_reported_in_requested_unit_is_not_converted():
    answer = compose(RANGE, unit="mi")
    assert "[converted]" not in answer.text
    assert answer.text.index("150 miles") < answer.text.index("240 km")


# --- times ----------------------------------------------------------------------------------------


def test_time_answer_has_local_time_weekday_and_utc():
    answer = compose(LAUNCH_TIME)
    assert "10:48" in answer.text
    assert "Thursday" in answer.text
    assert "17 November 2022" in answer.text
    assert "UTC+09:00" in answer.text
    assert "01:48 UTC on 17 November 2022" in answer.text
    assert len(answer.times) == 1
    mention = answer.times[0]
    assert mention.placeholder in answer.text
    assert mention.placeholder == "01:48 UTC on 17 November 2022"
    assert mention.instant.tzinfo is not None
    assert mention.instant.utcoffset() is not None
    assert mention.instant == datetime(2022, 11, 17, 1, 48, tzinfo=UTC)
    assert int(mention.instant.timestamp()) == 1668649680


def test_time_crossing_midnight_in_utc():
    late = replace(LAUNCH_TIME, time=datetime(2022, 11, 17, 7, 30, tzinfo=KST))
    answer = compose(late)
    assert "07:30 on Thursday, 17 November 2022 (UTC+09:00)" in answer.text
    assert "22:30 UTC on 16 November 2022" in answer.text
    assert answer.times[0].placeholder in answer.text


def test_non_time_answers_have_no_time_mentions():
    assert compose(RANGE).times == ()
    assert compose(SITE).times == ()


# --- citations ------------------------------------------------------------------------------------


def test_citations_are_numbered_by_first_use_and_shared():
    # wire/JCS, paper/Japan, wire/JCS again: numbers 1, 2, 1
    answer = compose(ALTITUDE, SITE, RANGE)
    assert [af.fact.id for af in answer.facts] == ["altitude", "site", "range"]
    assert [af.citation for af in answer.facts] == [1, 2, 1]
    assert [(c.number, c.source.id, c.reported_by) for c in answer.citations] == [
        (1, "wire", "the JCS"),
        (2, "paper", "Japan"),
    ]
    lines = answer.text.splitlines()
    assert "[1]." in lines[0] and "[2]." in lines[1] and "[1]." in lines[2]


def test_same_source_different_reporter_gets_its_own_number():
    other = replace(CLAIM, id="claim2", reported_by="an analyst", text="Another claim.")
    answer = compose(CLAIM, other)
    assert [af.citation for af in answer.facts] == [1, 2]
    assert [c.source.id for c in answer.citations] == ["wire", "wire"]


def test_dangling_source_is_cited_without_crashing():
    orphan = replace(CLAIM, source="gone")
    answer = compose(orphan)
    assert answer.answered
    assert answer.citations[0].source.id == "gone"
    assert "unknown source" in answer.citations[0].source.title


def test_conflicting_measurements_show_each_value_with_its_source():
    other = replace(RANGE, id="range2", source="paper", reported_by="Japan",
                    quantities=(Quantity(300.0, "km"),), approximate=False)
    answer = compose(RANGE, other)
    assert answer.conflict is True
    assert "Reports differ on the distance flown" in answer.text
    assert "about 240 km (150 miles), according to the JCS [1]" in answer.text
    assert "300 km, according to Japan [2]" in answer.text


def test_agreeing_measurements_are_one_value_with_both_sources():
    other = replace(RANGE, id="range2", source="paper", reported_by="Japan")
    answer = compose(RANGE, other)
    assert answer.conflict is False
    assert answer.text.count("240 km") == 1
    assert "according to the JCS [1] and Japan [2]" in answer.text


# --- statements, places, claims -------------------------------------------------------------------


def test_long_quote_is_quoted_with_speaker_and_role():
    answer = compose(QUOTE)
    assert answer.text.startswith("Choe Son Hui (Foreign Minister) said: “")
    assert QUOTE.quote in answer.text
    assert answer.text.endswith("[1]")


def test_role_answer():
    answer = compose(QUOTE, answer_type=AnswerType.ROLE)
    assert answer.text == "Choe Son Hui: Foreign Minister [1]."


def test_place_and_claim_sentences():
    assert compose(SITE).text.startswith("Launch site: the Wonsan area, according to Japan [1].")
    assert compose(CLAIM).text == (
        "The launch was the latest in a series of tests, according to the wire report [1]."
    )


def test_confidence_is_copied_and_rounded():
    answer = compose(RANGE, confidence=0.87654)
    assert answer.confidence == 0.877
    assert 0.0 <= answer.confidence <= 1.0


# --- abstentions ----------------------------------------------------------------------------------


def test_abstention_names_the_missing_attribute_and_offers_suggestions():
    res = MatchResult(
        "how fast?", "abstain", suggestions=(Scored(RANGE, 0.4, 0.5), Scored(QUOTE, 0.2, 0.3)),
        event=EVENT, confidence=0.0, reason=Reason.NO_DIMENSION, detail="speed",
    )
    answer = compose_answer("how fast?", res, SOURCES)
    assert not answer.answered
    assert answer.text == "No reported fact gives the speed."
    assert answer.facts == () and answer.citations == ()
    assert [s.fact_id for s in answer.suggestions] == ["range", "quote"]
    assert answer.suggestions[0].prompt == "How far did it fly?"
    assert answer.suggestions[1].prompt == "What did Choe Son Hui say?"
    assert answer.suggestions[0].score == 0.4
    assert answer.reason is Reason.NO_DIMENSION


@pytest.mark.parametrize("status", ["abstain", "suggest"])
def test_plain_abstention_text_and_capped_confidence(status: str):
    res = MatchResult("q?", status, suggestions=(Scored(CLAIM, 0.45, 0.5),), event=EVENT,
                      confidence=0.55, reason=Reason.UNSURE)
    answer = compose_answer("q?", res, SOURCES)
    assert not answer.answered
    assert answer.text == NO_FACT
    assert answer.confidence <= 0.5
    assert answer.suggestions[0].prompt == "The launch was the latest in a series of tests"


def test_choose_event_lists_the_events():
    other = Event("other", "Another launch", when=datetime(2022, 11, 17, 20, 0, tzinfo=KST))
    res = MatchResult("q?", "choose_event", events_to_choose=(EVENT, other), confidence=0.7,
                      reason="two events match equally well")
    answer = compose_answer("q?", res, SOURCES)
    assert not answer.answered
    assert answer.events_to_choose == (EVENT, other)
    assert "The test launch (17 November 2022)" in answer.text
    assert "Another launch (17 November 2022)" in answer.text
    assert answer.text.endswith("Which one do you mean?")


# --- JSON -----------------------------------------------------------------------------------------


def test_answer_to_json_keys_and_values():
    data = answer_to_json(compose(RANGE, LAUNCH_TIME, QUOTE))
    assert set(data) >= {"question", "answered", "answer", "confidence", "facts"}
    assert data["question"] == "q?"
    assert data["answered"] is True
    assert isinstance(data["answer"], str)
    assert isinstance(data["confidence"], float)
    fact_keys = {"id", "event", "kind", "attribute", "value", "unit", "speaker", "text", "source"}
    source_keys = {"id", "title", "publisher", "url", "published"}
    for f in data["facts"]:
        assert set(f) >= fact_keys
        assert set(f["source"]) >= source_keys
    rng, tm, qt = data["facts"]
    assert (rng["value"], rng["unit"]) == (240.0, "km")
    assert rng["source"] == {
        "id": "wire", "title": "Missile launch report", "publisher": "Wire Service",
        "url": "https://example.org/report", "published": "2022-11-17",
    }
    assert tm["value"] == "2022-11-17T10:48:00+09:00" and tm["unit"] is None
    assert qt["value"] == QUOTE.quote and qt["speaker"] == "Choe Son Hui"


def test_answer_to_json_on_abstention():
    res = MatchResult("q?", "abstain", reason="nothing matches well enough")
    data = answer_to_json(compose_answer("q?", res, SOURCES))
    assert data["answered"] is False
    assert data["facts"] == []
    assert data["answer"] == NO_FACT


@pytest.mark.parametrize(("hour", "minute", "expected"), [
    (0, 5, "12:05 a.m."), (9, 48, "9:48 a.m."), (12, 0, "12:00 p.m."), (20, 48, "8:48 p.m."),
])
def test_a_time_in_the_asked_zone_is_also_on_the_twelve_hour_clock(hour: int, minute: int,
                                                                   expected: str):
    assert twelve_hour_text(datetime(2026, 1, 14, hour, minute, tzinfo=UTC)) == expected


def test_a_time_given_to_the_second_is_told_to_the_second():
    # a tracking station's "19:46:21 GMT": the seconds tell two reported times apart
    logged = datetime(2025, 10, 9, 21, 46, 21, tzinfo=timezone(timedelta(hours=2)))
    assert local_time_text(logged).startswith("21:46:21 on Thursday")
    assert utc_time_text(logged) == "19:46:21 UTC on 9 October 2025"
    assert local_time_text(logged.replace(second=0)).startswith("21:46 on Thursday")
