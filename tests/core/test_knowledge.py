import dataclasses
import hashlib
import json
import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.core.errors import ValidationError
from bot.core.knowledge import (
    FACT_FIELDS,
    KnowledgeFile,
    KnowledgeSet,
    dump_yaml,
    event_from_record,
    event_to_record,
    fact_from_record,
    fact_to_record,
    load_knowledge_dir,
    parse_knowledge_text,
    source_from_record,
    source_to_record,
    write_atomic,
)
from bot.core.models import Event, Fact, Quantity, Source
from bot.core.units import UNITS
from bot.core.vocabulary import ATTRIBUTES

KST = timezone(timedelta(hours=9))

# Lines 1-9; the first fact record of a test file starts on line 10.
HEADER = """\
events:
  - id: launch
    title: A launch
sources:
  - id: wire
    title: A report
    publisher: Wire
    published: 2022-11-17
facts:
"""
FIRST_FACT_LINE = 10

BASE_FACT = {
    "id": "f",
    "event": "launch",
    "source": "wire",
    "kind": "measurement",
    "attribute": "range",
    "values": '["240 km", "150 mi"]',
    "reported_by": "JCS",
    "text": "It flew about 240 km.",
}


def fact_yaml(changes: dict[str, str | None]) -> tuple[str, dict[str, int]]:
    """A one-fact file: BASE_FACT with ``changes`` (None removes a field), and each field's line."""
    fields = dict(BASE_FACT)
    fields.update(changes)
    lines: dict[str, int] = {}
    out = []
    for number, (key, value) in enumerate(
        ((k, v) for k, v in fields.items() if v is not None), start=FIRST_FACT_LINE
    ):
        prefix = "  - " if number == FIRST_FACT_LINE else "    "
        out.append(f"{prefix}{key}: {value}")
        lines[key] = number
    return HEADER + "\n".join(out) + "\n", lines


def problem_strings(kf: KnowledgeFile) -> list[str]:
    return [str(p) for p in kf.problems]


FACT_CASES = [
    # (id, changes, field whose line is reported (None: the record's line), field, message)
    ("unknown-unit", {"values": '["240 kmz"]'}, "values", "values",
     "unknown unit 'kmz' (known: km, mi, m, ft, nmi, km/h"),
    ("unknown-unit-suggest", {"values": '["240 kmz"]'}, "values", "values",
     "did you mean 'km'?"),
    ("unknown-unit-mapping", {"values": "[{value: 240, unit: kmz}]"}, "values", "values",
     "unknown unit 'kmz'"),
    ("bad-value-mapping-key", {"values": "[{value: 240, units: km}]"}, "values", "values",
     "unknown key 'units' in a value mapping; use {value: 240, unit: km}"),
    ("value-mapping-not-number", {"values": "[{value: far, unit: km}]"}, "values", "values",
     "'value' must be a number"),
    ("unreadable-value", {"values": '["240 km 150 mi"]'}, "values", "values",
     "unknown unit 'km 150 mi'"),
    ("range-backwards", {"values": '["between 5 and 3 km"]'}, "values", "values",
     "a range goes from the smaller number to the larger"),
    ("range-two-units", {"values": '["between 5 km and 3 mi"]'}, "values", "values",
     "both ends of a range need the same unit"),
    ("negative-money", {"attribute": "range", "values": '["-5 km"]'}, "values", "values",
     "only temperatures and percentages may be negative"),
    ("qualified-range", {"values": '["at least between 3 and 5 km"]'}, "values", "values",
     "a range takes no 'at least'"),
    ("bad-qualifier-mapping", {"values": "[{value: 3, unit: km, qualifier: lots}]"},
     "values", "values", "unknown qualifier 'lots'"),
    ("range-mapping-without-upper", {"values": "[{value: 3, unit: km, qualifier: between}]"},
     "values", "values", "a range needs both qualifier: between (or to) and upper"),
    ("negative-value", {"values": '["-5 km"]'}, "values", "values",
     "'-5 km' is negative"),
    # the attribute lists come from knowledge/lexicon.yaml, which grows: compute them
    ("unknown-attribute", {"attribute": "hieght"}, "attribute", "attribute",
     f"unknown attribute 'hieght' (known: {', '.join(list(ATTRIBUTES)[:3])}"),
    ("unknown-attribute-suggest", {"attribute": "max_altitud"}, "attribute", "attribute",
     "did you mean 'max_altitude'?)"),
    ("unknown-attribute-cue", {"attribute": "apogee"}, "attribute", "attribute",
     "did you mean 'max_altitude'?)"),
    ("attribute-wrong-kind", {"attribute": "launch_site"}, "attribute", "attribute",
     "attribute 'launch_site' is for kind place, not measurement (attributes for "
     f"measurement: {', '.join(a.name for a in ATTRIBUTES.values() if 'measurement' in a.kinds)})"),
    ("attribute-missing", {"attribute": None}, None, "attribute",
     "missing required field 'attribute' (a measurement fact needs one of: "
     f"{', '.join(a.name for a in ATTRIBUTES.values() if 'measurement' in a.kinds)}; or, "
     "for anything else, a label saying what it is"),
    ("naive-time", {"kind": "time", "attribute": "launch_time", "values": None,
                    "time": "2022-11-17T10:48:00"}, "time", "time",
     "time has no UTC offset; write it like 2022-11-17T10:48:00+09:00"),
    ("naive-time-string", {"kind": "time", "attribute": "launch_time", "values": None,
                           "time": '"2022-11-17 10:48"'}, "time", "time",
     "time has no UTC offset; write it like 2022-11-17T10:48:00+09:00"),
    ("unreadable-time", {"kind": "time", "attribute": "launch_time", "values": None,
                         "time": "yesterday"}, "time", "time",
     "cannot read 'yesterday' as a time; write it like 2022-11-17T10:48:00+09:00"),
    ("time-missing", {"kind": "time", "attribute": "launch_time", "values": None}, None,
     "time", "missing required field 'time'"),
    ("place-missing", {"kind": "place", "attribute": "launch_site", "values": None}, None,
     "place", "missing required field 'place'"),
    ("unknown-kind", {"kind": "measure"}, "kind", "kind",
     "unknown kind 'measure' (known: measurement, time, place, statement, claim; "
     "did you mean 'measurement'?)"),
    ("kind-missing", {"kind": None}, None, "kind", "missing required field 'kind'"),
    ("missing-reported-by", {"reported_by": None}, None, "reported_by",
     "missing required field 'reported_by' (who reported it"),
    ("missing-text", {"text": None}, None, "text", "missing required field 'text'"),
    ("empty-text", {"text": '""'}, "text", "text", "must not be empty"),
    ("text-not-text", {"text": "[a, b]"}, "text", "text",
     "must be text, not a list; put it in quotes"),
    ("unknown-field", {"txt": "hello"}, "txt", "txt",
     "unknown field 'txt' (known fields: id, event, source, kind"),
    ("unknown-field-suggest", {"txt": "hello"}, "txt", "txt", "did you mean 'text'?)"),
    ("dimension-mismatch", {"values": '["8 days"]'}, "values", "values",
     "'8 days' is a duration, but attribute 'range' takes a length; "
     "use one of: km, mi, m, ft, nmi"),
    ("unitless-length", {"values": "[240]"}, "values", "values",
     "'240' has no unit, but attribute 'range' takes a length"),
    ("unit-on-count", {"attribute": "count", "values": '["3 km"]'}, "values", "values",
     "'3 km' is a length, but attribute 'count' takes a count; write a bare number like '2'"),
    ("no-values", {"values": None}, None, "values",
     "missing required field 'values' (a measurement needs the values as reported"),
    ("empty-values", {"values": "[]"}, "values", "values", "is empty"),
    ("statement-without-speaker", {"kind": "statement", "attribute": None, "values": None},
     None, "speaker", "missing required field 'speaker' (a statement needs who said it"),
    ("statement-with-attribute", {"kind": "statement", "values": None, "speaker": "Choe"},
     "attribute", "attribute", "a statement takes no attribute; remove it"),
    ("values-on-claim", {"kind": "claim", "attribute": None}, "values", "values",
     "only a measurement fact has 'values'; remove it or use kind: measurement"),
    ("quote-on-claim", {"kind": "claim", "attribute": None, "values": None, "quote": "x"},
     "quote", "quote", "a quote is only for a named speaker's exact words"),
    ("speaker-on-place", {"kind": "place", "attribute": "venue", "values": None,
                          "place": "Bali", "speaker": "Biden"}, "speaker", "speaker",
     "only a statement fact has 'speaker'"),
    ("invalid-id", {"id": "Bad_ID"}, "id", "id",
     "invalid id 'Bad_ID': use 1-80 lower-case letters, digits and '-', starting with a "
     "letter or digit, e.g. 'bad-id'"),
    ("id-too-long", {"id": "a" * 81}, "id", "id", "invalid id"),
    ("missing-id", {"id": None, "event": "launch"}, None, "id",
     "missing required field 'id'"),
    ("invalid-event-id", {"event": '"Launch 1"'}, "event", "event",
     "invalid event id 'Launch 1'"),
    ("invalid-source-id", {"source": "-wire"}, "source", "source",
     "invalid source id '-wire'"),
    ("about-not-list", {"about": "{a: 1}"}, "about", "about", "must be a list of text"),
    ("keyword-float", {"keywords": "[apogee, 1.5]"}, "keywords", "keywords",
     "item 2 is a number (1.5), not text; put it in quotes"),
    ("keyword-empty", {"keywords": '[apogee, ""]'}, "keywords", "keywords",
     "item 2 is empty; remove it"),
    ("unknown-status", {"status": "retired"}, "status", "status",
     "unknown status 'retired' (known: pending, active, retracted"),
    ("rank-not-int", {"rank": "high"}, "rank", "rank", "must be a whole number"),
    ("approximate-not-bool", {"approximate": "maybe"}, "approximate", "approximate",
     "must be true or false"),
    ("label-not-text", {"label": "12"}, "label", "label", "must be text, not a number (12)"),
    ("as-of-naive", {"as_of": "2022-11-17T10:00:00"}, "as_of", "as_of",
     "as_of has no UTC offset"),
    ("expires-before-as-of", {"as_of": "2022-11-18T00:00:00+00:00",
                              "expires": "2022-11-17T00:00:00+00:00"}, "expires", "expires",
     "is not after as_of"),
]


@pytest.mark.parametrize(
    ("changes", "line_field", "fld", "message"),
    [case[1:] for case in FACT_CASES],
    ids=[case[0] for case in FACT_CASES],
)
def test_fact_validation_messages(changes, line_field, fld, message):
    text, lines = fact_yaml(changes)
    kf = parse_knowledge_text(text, "knowledge/x.yaml")
    line = lines[line_field] if line_field else FIRST_FACT_LINE
    raw_id = changes.get("id", "f")
    where = f"fact '{raw_id}'" if raw_id else "fact (no id)"
    prefix = f"knowledge/x.yaml:{line}: {where}: {fld}: "
    matching = [s for s in problem_strings(kf) if s.startswith(prefix) and message in s]
    assert matching, f"expected {prefix}...{message}... in {problem_strings(kf)}"
    assert kf.facts == []  # the bad record is skipped
    assert [e.id for e in kf.events] == ["launch"]  # the others are kept


def test_base_fact_is_valid():
    text, _ = fact_yaml({})
    kf = parse_knowledge_text(text, "knowledge/x.yaml")
    assert kf.problems == []
    [fact] = kf.facts
    assert fact.quantities == (Quantity(240, "km"), Quantity(150, "mi"))
    assert fact.origin_file == "knowledge/x.yaml"
    assert fact.origin_line == FIRST_FACT_LINE


def test_all_problems_of_a_record_are_reported():
    text, lines = fact_yaml({"attribute": "hieght", "reported_by": None, "txt": "x",
                             "status": "gone"})
    kf = parse_knowledge_text(text, "k.yaml")
    fields = sorted(p.field for p in kf.problems)
    assert fields == ["attribute", "reported_by", "status", "txt"]
    assert [p.line for p in kf.problems] == sorted(p.line for p in kf.problems)


def test_problem_points_at_the_value_item_line():
    text = HEADER + (
        "  - id: f\n"
        "    event: launch\n"
        "    source: wire\n"
        "    kind: measurement\n"
        "    attribute: range\n"
        "    values:\n"
        "      - 240 km\n"
        "      - 150 kmz\n"
        "    reported_by: JCS\n"
        "    text: It flew.\n"
    )
    kf = parse_knowledge_text(text, "x.yaml")
    assert [str(p).split(" (known")[0] for p in kf.problems] == [
        "x.yaml:17: fact 'f': values: unknown unit 'kmz'"
    ]


def test_duplicate_key_in_a_record():
    text, lines = fact_yaml({"txt": None})
    text = text.rstrip("\n") + "\n    text: Again.\n"
    kf = parse_knowledge_text(text, "x.yaml")
    assert problem_strings(kf) == [
        f"x.yaml:{lines['text'] + 1}: fact 'f': text: 'text' appears twice "
        f"(first at line {lines['text']}); keep one"
    ]
    assert kf.facts == []


# --- fact_from_record directly ---------------------------------------------------------------


def test_fact_from_record_reports_every_problem_with_lines():
    record = {"id": "f", "event": "nope", "source": "wire", "kind": "claim",
              "text": "x", "reported_by": "y", "txt": 1}
    lines = {"__record__": 5, "event": 6, "txt": 9}
    with pytest.raises(ValidationError) as excinfo:
        fact_from_record(record, file="k.yaml", lines=lines, events={"launch", "lunch"},
                         sources={"wire"})
    assert [str(p) for p in excinfo.value.problems] == [
        "k.yaml:9: fact 'f': txt: unknown field 'txt' (known fields: "
        + ", ".join(FACT_FIELDS) + "; did you mean 'text'?)",
        "k.yaml:6: fact 'f': event: unknown event 'nope' (known: launch, lunch); "
        "add that event first or use a known id",
    ]
    assert str(excinfo.value).count("\n") == 1


def test_unknown_source_reference_suggests():
    record = {"id": "f", "event": "launch", "source": "wier", "kind": "claim",
              "text": "x", "reported_by": "y"}
    with pytest.raises(ValidationError) as excinfo:
        fact_from_record(record, events={"launch"}, sources={"wire"})
    [problem] = excinfo.value.problems
    assert str(problem) == (
        "<input>: fact 'f': source: unknown source 'wier' (known: wire; did you mean "
        "'wire'?); add that source first or use a known id"
    )


def test_fact_from_record_without_lines_uses_no_line():
    with pytest.raises(ValidationError) as excinfo:
        fact_from_record({"id": "f"}, file="k.yaml")
    assert all(p.line is None and p.file == "k.yaml" for p in excinfo.value.problems)
    assert {p.field for p in excinfo.value.problems} == {
        "event", "source", "kind", "reported_by", "text"
    }


def test_fact_from_record_rejects_non_mapping():
    with pytest.raises(ValidationError, match="must be a mapping"):
        fact_from_record(["id", "f"])  # type: ignore[arg-type]


def test_fact_from_record_accepts_discord_style_strings():
    record = {"id": "f", "event": "launch", "source": "wire", "kind": "measurement",
              "attribute": "count", "values": "2", "approximate": "yes", "rank": "3",
              "reported_by": "JCS", "text": "Two missiles.", "about": "missiles",
              "keywords": "salvo", "time": None}
    fact = fact_from_record(record, origin="guild", guild_id=42)
    assert fact.quantities == (Quantity(2, ""),)
    assert fact.approximate is True
    assert fact.rank == 3
    assert fact.about == ("missiles",)
    assert fact.keywords == ("salvo",)
    assert (fact.origin, fact.guild_id, fact.origin_file, fact.origin_line) == (
        "guild", 42, None, None)


def test_years_in_keywords_are_kept_as_text():
    record = dict(BASE_FACT, values=["240 km"], keywords=[2017, "five years"])
    assert fact_from_record(record).keywords == ("2017", "five years")


def test_strings_are_stripped():
    record = dict(BASE_FACT, values=["240 km"], text="  It flew.  ", about=[" range "])
    fact = fact_from_record(record)
    assert (fact.text, fact.about) == ("It flew.", ("range",))


def test_yaml_scalars_follow_yaml_1_2():
    text, _ = fact_yaml({"keywords": "[yes, no, on, off, 10:48, 0123]",
                         "approximate": "yes"})
    kf = parse_knowledge_text(text, "x.yaml")
    assert kf.problems == []
    assert kf.facts[0].keywords == ("yes", "no", "on", "off", "10:48", "0123")
    assert kf.facts[0].approximate is True


# --- events and sources -------------------------------------------------------------------


EVENT_CASES = [
    ({"id": "e"}, None, "title", "missing required field 'title'"),
    ({"id": "e", "title": "T", "when": datetime(2022, 11, 17, 10, 48)}, "when", "when",
     "when has no UTC offset; write it like 2022-11-17T10:48:00+09:00 or give only the date"),
    ({"id": "e", "title": "T", "when": "soon"}, "when", "when", "cannot read 'soon' as a time"),
    ({"id": "e", "title": "T", "when": "2022-02-30"}, "when", "when",
     "'2022-02-30' is not a real date"),
    ({"id": "e", "title": "T", "aliases": 5}, "aliases", "aliases", "must be a list of text"),
    ({"id": "e", "title": "T", "date": "x"}, "date", "date",
     "unknown field 'date' (known fields: id, title, when, where, aliases"),
    ({"id": "E 1", "title": "T"}, "id", "id", "invalid id 'E 1'"),
]


@pytest.mark.parametrize(("record", "line_field", "fld", "message"), EVENT_CASES)
def test_event_validation(record, line_field, fld, message):
    lines = {"__record__": 3, **{key: 4 + i for i, key in enumerate(record)}}
    with pytest.raises(ValidationError) as excinfo:
        event_from_record(record, file="k.yaml", lines=lines)
    line = lines[line_field] if line_field else 3
    where = f"event '{record['id']}'"
    prefix = f"k.yaml:{line}: {where}: {fld}: "
    assert any(str(p).startswith(prefix) and message in str(p)
               for p in excinfo.value.problems), [str(p) for p in excinfo.value.problems]


def test_event_when_accepts_offset_or_plain_date():
    event = event_from_record({"id": "e", "title": "T", "when": "2022-11-17T10:48:00+09:00"})
    assert event.when == datetime(2022, 11, 17, 10, 48, tzinfo=KST)
    event = event_from_record({"id": "e", "title": "T", "when": date(2022, 11, 13)})
    assert event.when == datetime(2022, 11, 13, 12, 0, tzinfo=UTC)
    assert event_to_record(event)["when"] == "2022-11-13"


SOURCE_CASES = [
    ({"id": "s", "title": "T", "publisher": "P",
      "published": datetime(2022, 11, 17, 10, tzinfo=UTC)}, "published", "published",
     "must be a date like 2022-11-17 (no time)"),
    ({"id": "s", "title": "T", "publisher": "P", "published": "2022-13-01"}, "published",
     "published", "'2022-13-01' is not a real date"),
    ({"id": "s", "title": "T", "publisher": "P", "published": "17 Nov"}, "published",
     "published", "must be a date like 2022-11-17"),
    ({"id": "s", "title": "T", "publisher": "P", "published": "2022-11-17",
      "url": "ftp://x.org/a"}, "url", "url", "is not a web address; write the full http://"),
    ({"id": "s", "title": "T", "publisher": "P", "published": "2022-11-17",
      "url": "www.example.org"}, "url", "url", "is not a web address"),
    ({"id": "s", "title": "T", "published": "2022-11-17"}, None, "publisher",
     "missing required field 'publisher'"),
]


@pytest.mark.parametrize(("record", "line_field", "fld", "message"), SOURCE_CASES)
def test_source_validation(record, line_field, fld, message):
    lines = {"__record__": 3, **{key: 4 + i for i, key in enumerate(record)}}
    with pytest.raises(ValidationError) as excinfo:
        source_from_record(record, file="k.yaml", lines=lines)
    line = lines[line_field] if line_field else 3
    prefix = f"k.yaml:{line}: source 's': {fld}: "
    assert any(str(p).startswith(prefix) and message in str(p)
               for p in excinfo.value.problems), [str(p) for p in excinfo.value.problems]


def test_source_from_record():
    source = source_from_record({"id": "s", "title": "T", "publisher": "P",
                                 "published": "2022-11-17", "url": "https://e.org/x"})
    assert source == Source("s", "T", "P", date(2022, 11, 17), "https://e.org/x")
    assert source_to_record(source) == {"id": "s", "title": "T", "publisher": "P",
                                        "published": "2022-11-17", "url": "https://e.org/x"}


# --- round trips ---------------------------------------------------------------------------

EVENTS = [
    Event("launch", "North Korea's launch from Wonsan",
          when=datetime(2022, 11, 17, 10, 48, tzinfo=KST), where="Wonsan area",
          aliases=("the Wonsan launch", "yes", "10:48")),
    Event("summit", "Trilateral summit", when=datetime(2022, 11, 13, 12, tzinfo=UTC)),
    Event("bare", "An event with nothing else"),
]
SOURCES = [
    Source("wire", "Wire ‘report’: missiles", "Wire", date(2022, 11, 17),
           url="https://example.org/a?b=1#c"),
    Source("2022", "A source whose id looks like a number", "P", date(2020, 1, 1)),
]
FACTS = [
    Fact("range", "launch", "wire", "measurement", "It flew about 240 km (150 mi).", "JCS",
         attribute="range", quantities=(Quantity(240, "km"), Quantity(150, "mi")),
         approximate=True, about=("missile", "range"),
         keywords=("how far", "yes", "no", "1e5", "2017", "10:48", "null", "- dash")),
    Fact("precise", "launch", "wire", "measurement", "An odd number.", "Lab",
         attribute="max_altitude", label="Peak: altitude", quantities=(
             Quantity(0.1, "km"), Quantity(0.1 + 0.2, "mi"), Quantity(1 / 3, "ft")),
         status="pending", rank=-2,
         as_of=datetime(2022, 11, 17, tzinfo=UTC),
         expires=datetime(2023, 1, 1, 9, 30, 15, 123456, tzinfo=KST)),
    Fact("count", "launch", "wire", "measurement", "One missile.", "JCS", attribute="count",
         quantities=(Quantity(1, ""),)),
    Fact("speed", "launch", "wire", "measurement", "Mach 5.", "JCS", attribute="speed",
         quantities=(Quantity(5, "mach"), Quantity(6125.22, "km/h"))),
    Fact("interval", "launch", "wire", "measurement", "Eight days since.", "JCS",
         attribute="interval_since_previous", quantities=(Quantity(8, "day"),)),
    Fact("time", "launch", "wire", "time", "Fired at 10:48.", "JCS", attribute="launch_time",
         time=datetime(2022, 11, 17, 10, 48, tzinfo=KST), rank=1),
    Fact("time-utc", "launch", "wire", "time", "Fired at 01:48 UTC.", "JCS",
         attribute="event_time", time=datetime(2022, 11, 17, 1, 48, tzinfo=UTC)),
    Fact("place", "launch", "wire", "place", "It came down at sea.", "Japan",
         attribute="landing_site", place="the sea between Korea and Japan: east"),
    Fact("statement", "launch", "wire", "statement",
         "Choe said the countermeasures would be tougher.", "the wire report",
         speaker="Choe Son Hui", speaker_role="North Korean Foreign Minister",
         quote="“The more the United States …”\nsecond line: # not a comment",
         about=("deterrence",), status="retracted"),
    Fact("claim", "launch", "wire", "claim", "It was a short-range ballistic missile.",
         "JCS", attribute="missile_type"),
    Fact("claim-bare", "launch", "wire", "claim", "'quoted' text: with # signs & more",
         "@someone"),
]


@pytest.mark.parametrize("fact", FACTS, ids=[f.id for f in FACTS])
def test_fact_record_round_trip(fact):
    record = fact_to_record(fact)
    assert json.loads(json.dumps(record)) == record
    assert list(record) == [k for k in FACT_FIELDS if k in record]
    assert fact_from_record(record) == fact


def test_fact_record_has_only_non_default_fields():
    assert fact_to_record(FACTS[-1]) == {
        "id": "claim-bare", "event": "launch", "source": "wire", "kind": "claim",
        "reported_by": "@someone", "text": "'quoted' text: with # signs & more",
    }
    assert fact_to_record(FACTS[0])["values"] == ["240 km", "150 miles"]
    assert fact_to_record(FACTS[1])["values"] == [
        "0.1 km", "0.30000000000000004 mi", "0.3333333333333333 ft"]
    assert fact_to_record(FACTS[5])["time"] == "2022-11-17T10:48:00+09:00"


def test_record_excludes_bookkeeping():
    fact = dataclasses.replace(FACTS[0], revision=7, origin="guild", guild_id=5,
                               origin_file="x.yaml", origin_line=3, retracted_reason="r")
    record = fact_to_record(fact)
    assert not {"revision", "origin", "guild_id", "origin_file", "origin_line",
                "retracted_reason"} & set(record)


@pytest.mark.parametrize("event", EVENTS, ids=[e.id for e in EVENTS])
def test_event_record_round_trip(event):
    record = event_to_record(event)
    assert json.loads(json.dumps(record)) == record
    assert event_from_record(record) == event


def _plain(obj):
    changes = {"origin_file": None}
    if isinstance(obj, Fact):
        changes["origin_line"] = None
    return dataclasses.replace(obj, **changes)


def test_dump_yaml_round_trip():
    text = dump_yaml(EVENTS, SOURCES, FACTS)
    kf = parse_knowledge_text(text, "knowledge/export.yaml")
    assert kf.problems == []
    assert [_plain(e) for e in kf.events] == EVENTS
    assert [_plain(s) for s in kf.sources] == SOURCES
    assert [_plain(f) for f in kf.facts] == FACTS
    assert all(f.origin_file == "knowledge/export.yaml" for f in kf.facts)
    # the offsets are kept, not only the instants
    assert kf.facts[5].time.utcoffset() == timedelta(hours=9)


def test_dump_yaml_is_readable_and_deterministic():
    text = dump_yaml(EVENTS[:1], SOURCES[:1], FACTS[:1])
    assert text == dump_yaml(EVENTS[:1], SOURCES[:1], FACTS[:1])
    assert text.startswith("# Knowledge exported by factbot")
    assert str(date.today().year) not in text.splitlines()[0]
    assert "    when: 2022-11-17T10:48:00+09:00\n" in text
    assert "    published: 2022-11-17\n" in text
    assert "    values: [240 km, 150 miles]\n" in text
    assert "‘report’" in text  # unicode as is
    assert "\n\nsources:\n  - id: wire\n" in text
    assert text.index("  - id: range") > text.index("facts:")


def test_dump_yaml_empty():
    text = dump_yaml([], [], [])
    kf = parse_knowledge_text(text, "x.yaml")
    assert (kf.events, kf.sources, kf.facts, kf.problems) == ([], [], [], [])


def test_dump_yaml_of_a_loaded_file_round_trips():
    text, _ = fact_yaml({"values": "[{value: 240, unit: kilometres}, 150 miles]",
                         "about": "range"})
    first = parse_knowledge_text(text, "a.yaml")
    second = parse_knowledge_text(dump_yaml(first.events, first.sources, first.facts), "b.yaml")
    assert [_plain(f) for f in second.facts] == [_plain(f) for f in first.facts]
    assert second.facts[0].quantities == (Quantity(240, "km"), Quantity(150, "mi"))


# --- files -----------------------------------------------------------------------------------


def test_invalid_yaml_is_one_problem_with_its_line():
    kf = parse_knowledge_text("facts:\n  - id: a\n    text: [unclosed\n", "knowledge/x.yaml")
    [problem] = kf.problems
    assert str(problem).startswith("knowledge/x.yaml:4: invalid YAML: ")
    assert str(problem).endswith("; fix the syntax")
    assert (kf.events, kf.sources, kf.facts) == ([], [], [])


def test_yaml_syntax_error_line():
    kf = parse_knowledge_text("events:\n  - id: a\n   title: x\n", "x.yaml")
    [problem] = kf.problems
    assert problem.line == 3
    assert problem.where == "invalid YAML"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "x.yaml:1: top level: the file must be a mapping with 'events:', "
                       "'sources:' and/or 'facts:' lists, not a list"),
        ("fact: []\n", "x.yaml:1: top level: fact: unknown top-level key 'fact' "
                       "(known: events, sources, facts; did you mean 'facts'?)"),
        ("facts: 3\n", "x.yaml:1: facts: must be a list with one '- id: ...' item per fact, "
                       "not a number (3)"),
        ("events:\n  - just text\n", "x.yaml:2: event #1: must be a mapping of fields "
                                     "(id: ..., ...), not text ('just text')"),
        ("facts: []\nfacts: []\n", "x.yaml:2: top level: facts: 'facts' appears twice "
                                   "(first at line 1); merge them into one list"),
    ],
)
def test_file_structure_problems(text, expected):
    kf = parse_knowledge_text(text, "x.yaml")
    assert expected in problem_strings(kf)


def test_empty_file_is_fine():
    for text in ("", "# only a comment\n", "events:\nsources:\nfacts:\n"):
        kf = parse_knowledge_text(text, "x.yaml")
        assert kf.problems == [] and kf.facts == []


def test_duplicate_id_in_one_file():
    text, _ = fact_yaml({})
    body = text[len(HEADER):]
    kf = parse_knowledge_text(text + body, "knowledge/x.yaml")
    second = FIRST_FACT_LINE + body.count("\n")
    assert problem_strings(kf) == [
        f"knowledge/x.yaml:{second}: fact 'f': id: duplicate fact id 'f' "
        f"(first defined at knowledge/x.yaml:{FIRST_FACT_LINE}); give one of them another id"
    ]
    assert len(kf.facts) == 1


def test_parse_records_sha256_of_text():
    kf = parse_knowledge_text("events: []\n", "x.yaml")
    assert kf.sha256 == hashlib.sha256(b"events: []\n").hexdigest()
    assert kf.path == "x.yaml"


# --- directories -----------------------------------------------------------------------------


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_dir_combines_files_in_sorted_order(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    fact_text, _ = fact_yaml({})
    write(knowledge, "b.yaml", "facts:\n" + fact_text[len(HEADER):])
    write(knowledge, "a.yml", HEADER)
    write(knowledge, "README.md", "# not knowledge\n")
    write(knowledge, ".hidden.yaml", "nonsense: [\n")
    write(knowledge, "notes.txt", "nonsense: [\n")
    ks = load_knowledge_dir(knowledge)
    assert isinstance(ks, KnowledgeSet)
    assert ks.problems == [] and ks.ok
    assert [f.path for f in ks.files] == ["knowledge/a.yml", "knowledge/b.yaml"]
    assert [e.id for e in ks.events] == ["launch"]
    assert [s.id for s in ks.sources] == ["wire"]
    assert [f.id for f in ks.facts] == ["f"]
    assert ks.facts[0].origin_file == "knowledge/b.yaml"
    assert ks.facts[0].origin_line == 2
    raw = (knowledge / "b.yaml").read_bytes()
    assert ks.files[1].sha256 == hashlib.sha256(raw).hexdigest()


def test_load_dir_display_base(tmp_path):
    knowledge = tmp_path / "data" / "knowledge"
    knowledge.mkdir(parents=True)
    write(knowledge, "a.yaml", "facts: 1\n")
    ks = load_knowledge_dir(knowledge, display_base=tmp_path)
    assert str(ks.problems[0]).startswith("data/knowledge/a.yaml:1: facts: ")


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "a.yaml", HEADER)
    write(tmp_path, "b.yaml", "events:\n  - id: other\n    title: X\n  - id: launch\n"
                              "    title: Again\n")
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert [str(p) for p in ks.problems] == [
        "b.yaml:4: event 'launch': id: duplicate event id 'launch' "
        "(first defined at a.yaml:2); give one of them another id"
    ]
    assert [e.id for e in ks.events] == ["launch", "other"]
    assert ks.events[0].title == "A launch"
    assert ks.files[1].problems == ks.problems  # located in the second file
    assert not ks.ok


def test_facts_must_reference_known_events_and_sources(tmp_path):
    write(tmp_path, "a.yaml", HEADER)
    text, lines = fact_yaml({"event": "lunch", "source": "wires"})
    write(tmp_path, "b.yaml", "facts:\n" + text[len(HEADER):])
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    offset = 1 - FIRST_FACT_LINE + 1  # b.yaml has one header line
    assert [str(p) for p in ks.problems] == [
        f"b.yaml:{lines['event'] + offset}: fact 'f': event: unknown event 'lunch' "
        "(known: launch; did you mean 'launch'?); add that event first or use a known id",
        f"b.yaml:{lines['source'] + offset}: fact 'f': source: unknown source 'wires' "
        "(known: wire; did you mean 'wire'?); add that source first or use a known id",
    ]
    assert ks.facts == []


def test_one_run_reports_a_bad_facts_references_too(tmp_path):
    write(tmp_path, "a.yaml", HEADER)
    text, lines = fact_yaml({"event": "lunch", "source": "Bad Id", "reported_by": None})
    write(tmp_path, "b.yaml", "facts:\n" + text[len(HEADER):])
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    offset = 1 - FIRST_FACT_LINE + 1
    assert [(p.line, p.field) for p in ks.problems] == [
        (FIRST_FACT_LINE + offset, "reported_by"),
        (lines["event"] + offset, "event"),
        (lines["source"] + offset, "source"),
    ]
    assert "unknown event 'lunch'" in str(ks.problems[1])
    assert "invalid source id 'Bad Id'" in str(ks.problems[2])  # reported once, not twice


def test_fact_referring_to_an_invalid_event_says_so(tmp_path):
    write(tmp_path, "a.yaml", HEADER.replace("    title: A launch\n", ""))
    text, _ = fact_yaml({})
    write(tmp_path, "b.yaml", "facts:\n" + text[len(HEADER):])
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    messages = [str(p) for p in ks.problems]
    assert messages[0] == ("a.yaml:2: event 'launch': title: missing required field 'title' "
                           "(a short title, e.g. title: North Korea's missile launch from "
                           "Wonsan)")
    assert messages[1].startswith("b.yaml:3: fact 'f': event: event 'launch' did not load "
                                  "because of its own problems")


def test_missing_dir(tmp_path):
    ks = load_knowledge_dir(tmp_path / "knowledge")
    [problem] = ks.problems
    assert str(problem).startswith("knowledge: knowledge directory: does not exist; create it")
    assert ks.files == [] and not ks.ok


def test_not_a_dir(tmp_path):
    write(tmp_path, "knowledge", "x")
    ks = load_knowledge_dir(tmp_path / "knowledge")
    assert "is not a directory" in str(ks.problems[0])


def test_empty_dir_is_fine(tmp_path):
    ks = load_knowledge_dir(tmp_path)
    assert ks.ok and ks.files == [] and ks.facts == []


def test_non_utf8_file(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"events:\n  - id: caf\xe9\n")
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert [str(p) for p in ks.problems] == [
        "a.yaml:2: file: is not UTF-8 text; save it with UTF-8 encoding"
    ]
    assert ks.files[0].sha256


def test_unreadable_file(tmp_path, monkeypatch):
    write(tmp_path, "a.yaml", "nonsense")
    write(tmp_path, "b.yaml", HEADER)
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.yaml":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert [str(p) for p in ks.problems] == [
        "a.yaml: file: cannot read it (Permission denied); check that it is readable"
    ]
    assert [(f.path, f.sha256) for f in ks.files][0] == ("a.yaml", "")
    assert [e.id for e in ks.events] == ["launch"]


def test_bad_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "a.yaml", "events: [\n")
    write(tmp_path, "b.yaml", HEADER)
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert [p.where for p in ks.problems] == ["invalid YAML"]
    assert [e.id for e in ks.events] == ["launch"]


# --- writing ---------------------------------------------------------------------------------


def test_write_atomic_creates_and_replaces(tmp_path):
    target = tmp_path / "out.yaml"
    write_atomic(target, "first ‘x’\n")
    assert target.read_text(encoding="utf-8") == "first ‘x’\n"
    target.chmod(0o640)
    write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_write_atomic_keeps_old_file_on_failure(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_write_atomic_then_load(tmp_path):
    write_atomic(tmp_path / "export.yaml", dump_yaml(EVENTS, SOURCES, FACTS))
    ks = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert ks.ok
    assert [_plain(f) for f in ks.facts] == FACTS


# --- documentation ---------------------------------------------------------------------------


def test_readme_documents_every_attribute_and_unit():
    readme = (Path(__file__).resolve().parents[2] / "knowledge" / "README.md").read_text(
        encoding="utf-8")
    for name in ATTRIBUTES:
        assert f"`{name}`" in readme, name
    for unit in UNITS:
        if unit.per:  # a price: its row names the units it is over
            row = next(line for line in readme.splitlines()
                       if line.startswith(f"| {unit.dimension} |"))
            assert f"`{unit.symbol.split('/')[1]}`" in row, unit.symbol
        elif unit.symbol:
            assert f"`{unit.symbol}`" in readme, unit.symbol
