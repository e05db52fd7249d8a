"""Modal forms <-> knowledge records (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.chat import forms
from bot.core.models import FACT_KINDS, Fact, Quantity


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_every_kind_fits_in_one_modal(kind):
    fields = forms.fact_fields(kind)
    assert 1 <= len(fields) <= forms.MODAL_MAX_INPUTS
    assert fields[0].key == "text"
    for spec in fields:
        assert len(spec.label) <= 45
        assert spec.description is None or len(spec.description) <= 100
        assert spec.placeholder is None or len(spec.placeholder) <= 100


def test_event_and_source_forms_fit():
    for specs in (forms.EVENT_FIELDS, forms.SOURCE_FIELDS):
        assert len(specs) <= forms.MODAL_MAX_INPUTS
        assert all(len(s.label) <= 45 for s in specs)
        assert all(s.description is None or len(s.description) <= 100 for s in specs)


@pytest.mark.parametrize(
    "text, values, approximate",
    [
        ("240 km", ["240 km"], False),
        ("about 240 km, 150 mi", ["240 km", "150 mi"], True),
        ("~47 km / 29 mi", ["47 km", "29 mi"], True),
        ("1,000 km, 620 mi", ["1,000 km", "620 mi"], False),
        ("roughly 3; 4", ["3", "4"], True),
        ("", [], False),
    ],
)
def test_parse_values(text, values, approximate):
    assert forms.parse_values(text) == (values, approximate)


@pytest.mark.parametrize(
    "kind, values, expected",
    [
        (
            "measurement",
            {
                "text": " Flew 47 km. ",
                "values": "about 47 km, 29 mi",
                "reported_by": "JCS",
                "topics": "missile, altitude; apogee, how high",
            },
            {
                "attribute": "max_altitude",
                "text": "Flew 47 km.",
                "reported_by": "JCS",
                "values": ["47 km", "29 mi"],
                "approximate": True,
                "about": ["missile", "altitude"],
                "keywords": ["apogee", "how high"],
            },
        ),
        (
            "time",
            {
                "text": "Launched at 10:48.",
                "time": "2022-11-17T10:48:00+09:00",
                "reported_by": "JCS",
                "topics": "",
            },
            {
                "attribute": "max_altitude",
                "text": "Launched at 10:48.",
                "reported_by": "JCS",
                "time": "2022-11-17T10:48:00+09:00",
            },
        ),
        (
            "statement",
            {
                "text": "She warned of a response.",
                "quote": "",
                "reported_by": "KCNA",
                "speaker": "Kim Yo Jong; vice department director",
                "topics": "; warning",
            },
            {
                "attribute": "max_altitude",
                "text": "She warned of a response.",
                "reported_by": "KCNA",
                "speaker": "Kim Yo Jong",
                "speaker_role": "vice department director",
                "keywords": ["warning"],
            },
        ),
        (
            "claim",
            {"text": "It was a new missile.", "reported_by": "Analysts", "topics": None},
            {
                "attribute": "max_altitude",
                "text": "It was a new missile.",
                "reported_by": "Analysts",
            },
        ),
    ],
)
def test_new_fact_record(kind, values, expected):
    record = forms.new_fact_record(kind, values, event="e", source="s", attribute="max_altitude")
    assert record == {"event": "e", "source": "s", "kind": kind, **expected}


FACT = Fact(
    id="f",
    event="e",
    source="s",
    kind="measurement",
    text="Flew 240 km.",
    reported_by="JCS",
    attribute="range",
    quantities=(Quantity(240.0, "km"), Quantity(150.0, "mi")),
    approximate=True,
    about=("missile",),
    keywords=("distance",),
)
STATEMENT = Fact(
    id="g",
    event="e",
    source="s",
    kind="statement",
    text="She spoke.",
    reported_by="KCNA",
    speaker="Kim",
    speaker_role="director",
    quote="We will respond.",
)


def test_form_from_fact_prefills_the_modal():
    form = forms.form_from_fact(FACT)
    assert form.keys() == {"text", "reported_by", "values", "topics"}
    assert (form["text"], form["reported_by"], form["topics"]) == (
        "Flew 240 km.",
        "JCS",
        "missile; distance",
    )
    assert form["values"].startswith("about 240 km, 150 mi")  # units as the core writes them
    assert forms.form_from_fact(STATEMENT)["speaker"] == "Kim; director"
    when = datetime(2022, 11, 17, 10, 48, tzinfo=timezone(timedelta(hours=9)))
    timed = Fact(
        id="t",
        event="e",
        source="s",
        kind="time",
        text="t",
        reported_by="r",
        attribute="launch_time",
        time=when,
    )
    assert forms.form_from_fact(timed)["time"] == "2022-11-17T10:48:00+09:00"


def test_untouched_edit_form_changes_nothing():
    assert forms.fact_changes(FACT, forms.form_from_fact(FACT)) == {}
    assert forms.fact_changes(STATEMENT, forms.form_from_fact(STATEMENT)) == {}


def test_edit_form_changes_only_what_changed_and_removes_cleared_fields():
    form = forms.form_from_fact(FACT) | {"values": "250 km", "topics": "missile"}
    assert forms.fact_changes(FACT, form) == {
        "values": ["250 km"],
        "approximate": None,
        "keywords": None,
    }
    form = forms.form_from_fact(STATEMENT) | {"quote": "  "}
    assert forms.fact_changes(STATEMENT, form) == {"quote": None}


def test_event_and_source_records():
    assert forms.event_record(
        {"title": " Launch ", "when": "", "where": "Wonsan", "aliases": "a, b\nc", "id": ""}
    ) == {"title": "Launch", "where": "Wonsan", "aliases": ["a", "b", "c"]}
    assert forms.source_record(
        {"title": "T", "publisher": "P", "published": "2022-11-17", "url": "", "id": "my-id"}
    ) == {"title": "T", "publisher": "P", "published": "2022-11-17", "id": "my-id"}


def test_a_time_form_takes_the_end_of_a_window():
    keys = [spec.key for spec in forms.fact_fields("time")]
    assert keys == ["text", "time", "until", "reported_by", "topics"]
    values = {"text": "Road closed.", "time": "next Friday 22:00 local time",
              "until": " next Saturday 06:00 local time ", "reported_by": "Police",
              "topics": ""}
    record = forms.new_fact_record("time", values, event="e", source="s", attribute="event_time")
    assert record["until"] == "next Saturday 06:00 local time"
    assert "until" not in forms.new_fact_record("time", values | {"until": ""}, event="e",
                                                source="s")
    start = datetime(2025, 3, 14, 22, tzinfo=timezone(timedelta(hours=2)))
    closed = Fact(id="c", event="e", source="s", kind="time", text="Road closed.",
                  reported_by="Police", label="Road closure", time=start,
                  until=start + timedelta(hours=8))
    form = forms.form_from_fact(closed)
    assert form["until"] == "2025-03-15T06:00:00+02:00"
    assert forms.fact_changes(closed, form) == {}
    assert forms.fact_changes(closed, form | {"until": ""}) == {"until": None}
