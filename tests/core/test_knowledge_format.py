"""The knowledge format's newer parts: qualifiers and new units in values, facts with a free
label and no attribute, times as reports give them (a weekday, local time), undated
sources and events, and background events. Each is checked through the file loader, the
way a moderator's file reaches the bot, and back out through the export."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import ValidationError
from bot.core.knowledge import (
    RecordContext,
    dump_yaml,
    event_from_record,
    fact_from_record,
    load_knowledge_dir,
    parse_knowledge_text,
    parse_report_time,
)
from bot.core.lexicon import LEXICON_FILE
from bot.core.models import Event, Quantity, Source, is_date_only

REPO = Path(__file__).resolve().parents[2]
PLUS2 = timezone(timedelta(hours=2))

# 2024-09-13 is a Friday; the Thursday on or before it is 2024-09-12.
HEADER = """\
events:
  - id: storm
    title: Storm Boris
    when: 2024-09-12
    timezone: Europe/Warsaw
  - id: floods-1997
    title: The 1997 flood
    when: 1997-07-07
    background_of: storm
sources:
  - id: wire
    title: Floods report
    publisher: Wire
    published: 2024-09-13
  - id: undated
    title: A report with no date
    publisher: Blog
facts:
"""


def load(tmp_path: Path, facts: str, header: str = HEADER, name: str = "k.yaml"):
    (tmp_path / name).write_text(header + textwrap.indent(textwrap.dedent(facts), "  "),
                                 encoding="utf-8")
    return load_knowledge_dir(tmp_path, display_base=tmp_path)


def problems(kset) -> list[str]:
    return [str(p) for p in kset.problems]


def measurement(values: str, extra: str = "") -> str:
    return f"""\
    - id: m
      event: storm
      source: wire
      kind: measurement
      attribute: casualties
      values: {values}
      reported_by: Interior ministry
      text: People died.
    {extra}"""


# --- qualifiers and units --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "quantity", "approximate", "shown"),
    [
        ('["at least 9"]', Quantity(9, "", "at least"), False, "at least 9"),
        ('["more than 40"]', Quantity(40, "", "more than"), False, "more than 40"),
        ('["over 200"]', Quantity(200, "", "over"), False, "over 200"),
        ('["up to 5"]', Quantity(5, "", "up to"), False, "up to 5"),
        ('["fewer than 10"]', Quantity(10, "", "fewer than"), False, "fewer than 10"),
        ('["nearly 40"]', Quantity(40, "", "nearly"), False, "nearly 40"),
        ('["between 3 and 5"]', Quantity(3, "", "between", 5), False, "between 3 and 5"),
        ('["about 12"]', Quantity(12, ""), True, "12"),
        ("[7]", Quantity(7, ""), False, "7"),
    ],
)
def test_count_qualifiers_load_and_export_unchanged(tmp_path, values, quantity, approximate,
                                                    shown):
    kset = load(tmp_path, measurement(values))
    assert kset.ok, problems(kset)
    fact = kset.facts[0]
    assert fact.quantities == (quantity,)
    assert fact.approximate is approximate
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert shown in exported
    again = parse_knowledge_text(exported, "export.yaml")
    assert again.ok, again.problems
    assert again.facts[0].quantities == fact.quantities
    assert again.facts[0].approximate is approximate


def test_label_without_attribute_loads_with_any_unit(tmp_path):
    kset = load(tmp_path, """\
    - id: surge
      event: storm
      source: wire
      kind: measurement
      label: Storm surge
      values: ["up to 3 m", "10 ft"]
      reported_by: Met office
      text: The storm surge reached up to 3 m.
    - id: damage
      event: storm
      source: wire
      kind: measurement
      label: Damage estimate
      values: ["€1.3m"]
      reported_by: Insurers
      text: Damage was put at 1.3 million euros.
    - id: landfall
      event: storm
      source: wire
      kind: time
      label: Landfall
      time: 2024-09-12T06:15:00+02:00
      reported_by: Met office
      text: The storm made landfall on Thursday morning.
    """)
    assert kset.ok, problems(kset)
    surge, damage, landfall = kset.facts
    assert (surge.attribute, surge.label) == (None, "Storm surge")
    assert surge.quantities == (Quantity(3, "m", "up to"), Quantity(10, "ft"))
    assert damage.quantities == (Quantity(1_300_000, "EUR"),)
    assert landfall.time == datetime(2024, 9, 12, 6, 15, tzinfo=PLUS2)
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert "attribute" not in exported.split("id: surge")[1].split("- id:")[0]
    assert "€1.3 million" in exported


def test_measurement_without_attribute_or_label_says_what_to_write(tmp_path):
    kset = load(tmp_path, """\
    - id: surge
      event: storm
      source: wire
      kind: measurement
      values: ["3 m"]
      reported_by: Met office
      text: The storm surge reached 3 m.
    """)
    [message] = problems(kset)
    assert message.startswith("k.yaml:19: fact 'surge': attribute: missing required field")
    assert "a label saying what it is, e.g. label: Storm surge" in message


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ('["between 5 and 3"]', "values: cannot read 'between 5 and 3': a range goes from "
                                "the smaller number to the larger"),
        ('["-4"]', "values: '-4' is negative"),
        ('["9 corpses"]', "values: unknown unit 'corpses'"),
    ],
)
def test_bad_values_are_located(tmp_path, values, needle):
    kset = load(tmp_path, measurement(values))
    [message] = problems(kset)
    assert message.startswith("k.yaml:24: fact 'm': ")
    assert needle in message


def test_attribute_dimension_still_checked_for_new_units(tmp_path):
    kset = load(tmp_path, measurement('["45%"]'))
    [message] = problems(kset)
    assert "'45%' is a percent, but attribute 'casualties' takes a count" in message


# --- times as reports give them --------------------------------------------------------------


def time_fact(when: str, *, source: str = "wire", event: str = "storm",
              field: str = "time") -> str:
    lines = f"""\
    - id: t
      event: {event}
      source: {source}
      kind: time
      label: Landfall
      reported_by: Met office
      text: The storm made landfall.
    """
    # ``lines`` ends with the closing line's indentation (4 spaces): 6 in all
    if field == "time":
        return lines + f'  time: "{when}"\n'
    return lines + '  time: 2024-09-12T06:15:00+02:00\n' + f'      {field}: "{when}"\n'


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thursday 06:15 +02:00", datetime(2024, 9, 12, 6, 15, tzinfo=PLUS2)),
        ("Thursday, 6:15 a.m. local time",
         datetime(2024, 9, 12, 6, 15, tzinfo=ZoneInfo("Europe/Warsaw"))),
        ("Thu 18:40 UTC", datetime(2024, 9, 12, 18, 40, tzinfo=UTC)),
        ("Friday 12:30 a.m. GMT+1", datetime(2024, 9, 13, 0, 30,
                                             tzinfo=timezone(timedelta(hours=1)))),
        ("Saturday 9 pm +02:00", datetime(2024, 9, 7, 21, 0, tzinfo=PLUS2)),
        ("2024-09-11 23:05 local time",
         datetime(2024, 9, 11, 23, 5, tzinfo=ZoneInfo("Europe/Warsaw"))),
    ],
)
def test_weekday_time_resolved_against_the_source_date(tmp_path, written, expected):
    kset = load(tmp_path, time_fact(written))
    assert kset.ok, problems(kset)
    assert kset.facts[0].time == expected
    assert kset.facts[0].time.utcoffset() == expected.utcoffset()


def test_weekday_as_of_orders_revised_figures(tmp_path):
    kset = load(tmp_path, time_fact("Friday 18:00 +02:00", field="as_of"))
    assert kset.ok, problems(kset)
    assert kset.facts[0].as_of == datetime(2024, 9, 13, 18, 0, tzinfo=PLUS2)
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert "as_of: 2024-09-13T18:00:00+02:00" in exported


def test_weekday_from_an_undated_source_asks_for_a_full_date(tmp_path):
    kset = load(tmp_path, time_fact("Thursday 06:15 +02:00", source="undated"))
    [message] = problems(kset)
    assert message.startswith("k.yaml:26: fact 't': time: 'Thursday' cannot be placed: "
                              "source 'undated' has no published: date; give the full date")


def test_local_time_without_an_event_zone_asks_for_one(tmp_path):
    header = HEADER.replace("    timezone: Europe/Warsaw\n", "")
    kset = load(tmp_path, time_fact("Thursday 6:15 a.m. local time"), header=header)
    [message] = problems(kset)
    assert "time: a local time needs the time zone of event 'storm': add timezone:" in message


def test_local_time_uses_the_offset_of_an_event_time(tmp_path):
    header = HEADER.replace("    when: 2024-09-12\n    timezone: Europe/Warsaw\n",
                            "    when: 2024-09-12T05:00:00+03:00\n")
    kset = load(tmp_path, time_fact("Thursday 6:15 local time"), header=header)
    assert kset.ok, problems(kset)
    assert kset.facts[0].time == datetime(2024, 9, 12, 6, 15,
                                          tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.parametrize(
    ("written", "needle"),
    [
        ("Thursday 25:00 +02:00", "is not a clock time"),
        ("Thursday 13:00 pm +02:00", "is not a clock time"),
        ("Thursday 06:15 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("soon-ish", "cannot read 'soon-ish' as a time"),
    ],
)
def test_unreadable_report_times(tmp_path, written, needle):
    kset = load(tmp_path, time_fact(written))
    [message] = problems(kset)
    assert message.startswith("k.yaml:26: fact 't': time: ")
    assert needle in message


def test_weekday_resolved_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(textwrap.dedent("""\
        facts:
          - id: t
            event: storm
            source: wire
            kind: time
            label: Landfall
            time: "Thursday 6:15 a.m. local time"
            reported_by: Met office
            text: The storm made landfall.
        """), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(HEADER, encoding="utf-8")
    kset = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert kset.ok, problems(kset)
    assert kset.facts[0].time == datetime(2024, 9, 12, 6, 15, tzinfo=ZoneInfo("Europe/Warsaw"))


def test_fact_from_record_resolves_with_a_context():
    context = RecordContext(
        {"e": Event("e", "E", timezone="+05:30")},
        {"s": Source("s", "S", "P", date(2024, 1, 7))},  # a Sunday
    )
    fact = fact_from_record(
        {"id": "t", "event": "e", "source": "s", "kind": "time", "label": "Start",
         "time": "Sunday 9:00 local time", "reported_by": "R", "text": "It started."},
        events=context.events, sources=context.sources, context=context)
    assert fact.time == datetime(2024, 1, 7, 9, 0, tzinfo=timezone(timedelta(hours=5,
                                                                            minutes=30)))


def test_parse_report_time_leaves_other_text_alone():
    assert parse_report_time("tomorrow") is None
    assert parse_report_time("10:48") is None
    spec = parse_report_time("Wed 7.05pm UTC")
    assert (spec.weekday, spec.hour, spec.minute, spec.zone) == (2, 19, 5, UTC)


def test_a_report_time_may_give_seconds():
    spec = parse_report_time("Thursday 19:46:21 GMT")
    assert (spec.weekday, spec.hour, spec.minute, spec.second, spec.zone) == (
        3, 19, 46, 21, UTC)
    with pytest.raises(ValueError, match="not a clock time"):
        parse_report_time("Thursday 19:46:75 GMT")


MONEY = """\
    - id: cost
      event: storm
      source: wire
      kind: measurement
      attribute: money
      label: "Repair bill ({unit})"
      values: ["3.1 billion"]
      reported_by: Interior ministry
      text: The ministry put the bill at 3.1 billion {said}.
    """


def test_a_sum_in_the_reports_own_currency_may_be_money(tmp_path):
    # the label's brackets and the sentence name a currency no code names: a sum of money
    kset = load(tmp_path, MONEY.format(unit="dravs", said="dravs"))
    assert kset.ok, problems(kset)
    assert kset.facts[0].quantities[0].value == 3.1e9


def test_a_bare_figure_is_still_no_money_without_its_currency(tmp_path):
    # "(district office)" names who, not a currency: the figure still needs a unit
    kset = load(tmp_path, MONEY.format(unit="district office", said="in repairs"))
    assert any("has no unit, but attribute 'money'" in p for p in problems(kset))


# --- undated sources and events --------------------------------------------------------------


def test_undated_source_and_event_load_without_a_date(tmp_path):
    header = HEADER.replace("    when: 1997-07-07\n", "")
    kset = load(tmp_path, measurement('["3"]').replace("source: wire", "source: undated"),
                header=header)
    assert kset.ok, problems(kset)
    undated = next(s for s in kset.sources if s.id == "undated")
    assert undated.published is None
    assert next(e for e in kset.events if e.id == "floods-1997").when is None
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert "published" not in exported.split("id: undated")[1].split("- id:")[0]
    again = parse_knowledge_text(exported, "export.yaml")
    assert again.ok
    assert [s.published for s in again.sources] == [date(2024, 9, 13), None]


# --- background events -----------------------------------------------------------------------


def test_background_of_loads_and_exports(tmp_path):
    kset = load(tmp_path, measurement('["3"]'))
    assert kset.ok, problems(kset)
    past = next(e for e in kset.events if e.id == "floods-1997")
    assert past.background_of == "storm"
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert "background_of: storm" in exported
    assert "timezone: Europe/Warsaw" in exported
    again = parse_knowledge_text(exported, "export.yaml")
    assert [e.background_of for e in again.events] == [None, "storm"]


@pytest.mark.parametrize(
    ("target", "needle"),
    [
        ("nowhere", "background_of: unknown event 'nowhere'"),
        ("floods-1997", "background_of: an event cannot be background to itself"),
    ],
)
def test_bad_background_of_is_reported(tmp_path, target, needle):
    header = HEADER.replace("background_of: storm", f"background_of: {target}")
    kset = load(tmp_path, "", header=header)
    [message] = problems(kset)
    assert message.startswith("k.yaml:9: event 'floods-1997': ")
    assert needle in message
    assert [e.id for e in kset.events] == ["storm"]


def test_background_of_a_background_event_names_the_main_one(tmp_path):
    header = HEADER.replace("sources:", """\
  - id: floods-1934
    title: The 1934 flood
    background_of: floods-1997
sources:""")
    kset = load(tmp_path, "", header=header)
    [message] = problems(kset)
    assert "event 'floods-1997' is itself background to 'storm'; name the main event, " \
           "background_of: storm" in message


def test_background_of_in_another_file(tmp_path):
    (tmp_path / "a.yaml").write_text(textwrap.dedent("""\
        events:
          - id: old
            title: An old storm
            background_of: storm
        """), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(HEADER, encoding="utf-8")
    kset = load_knowledge_dir(tmp_path, display_base=tmp_path)
    assert kset.ok, problems(kset)


def test_event_timezone_is_checked():
    with pytest.raises(ValidationError) as excinfo:
        event_from_record({"id": "e", "title": "E", "timezone": "Atlantis"}, file="x.yaml",
                          lines={"timezone": 4})
    assert str(excinfo.value).startswith("x.yaml:4: event 'e': timezone: unknown time zone "
                                         "'Atlantis'")


# --- today's files -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(p for p in (REPO / "knowledge").glob("*.yaml")
                                         if p.name != LEXICON_FILE), ids=lambda p: p.name)
def test_shipped_knowledge_round_trips_through_export(path):
    """Every shipped file loads, exports and loads back to equal objects."""
    original = parse_knowledge_text(path.read_text(encoding="utf-8"), path.name)
    assert original.ok, original.problems
    exported = dump_yaml(original.events, original.sources, original.facts)
    again = parse_knowledge_text(exported, "export.yaml")
    assert again.ok, again.problems

    def plain(objs):
        return [o.__class__(**{**o.__dict__, "origin_file": None,
                               **({"origin_line": None} if hasattr(o, "origin_line") else {})})
                for o in objs]

    assert plain(again.events) == plain(original.events)
    assert plain(again.sources) == plain(original.sources)
    assert plain(again.facts) == plain(original.facts)



def test_about_in_a_value_against_approximate_false(tmp_path):
    kset = load(tmp_path, measurement('["about 9"]', "  approximate: false"))
    [message] = problems(kset)
    assert message.startswith("k.yaml:27: fact 'm': approximate: is false, but a value says "
                              "'about'")


# --- a date without a clock time ------------------------------------------------------------


def test_a_time_fact_may_give_only_a_date(tmp_path):
    # "he was arrested on 14 February 2023": no time of day is invented for it
    kset = load(tmp_path, time_fact("2023-02-14"))
    assert kset.ok, problems(kset)
    moment = kset.facts[0].time
    assert moment is not None and is_date_only(moment) and moment.date() == date(2023, 2, 14)
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert "    time: 2023-02-14\n" in exported  # written back as the plain date


def test_as_of_may_give_only_a_date(tmp_path):
    kset = load(tmp_path, time_fact("2024-09-10", field="as_of"))
    assert kset.ok, problems(kset)
    assert kset.facts[0].as_of is not None and is_date_only(kset.facts[0].as_of)
    assert "    as_of: 2024-09-10\n" in dump_yaml(kset.events, kset.sources, kset.facts)


def test_a_weekday_alone_is_that_date_with_no_clock_time(tmp_path):
    # the source is dated Friday 13 September 2024: "Sunday" is the 8th
    kset = load(tmp_path, time_fact("Sunday"))
    assert kset.ok, problems(kset)
    moment = kset.facts[0].time
    assert moment is not None and is_date_only(moment) and moment.date() == date(2024, 9, 8)



def test_a_weekday_alone_from_an_undated_source_asks_for_the_date(tmp_path):
    [message] = problems(load(tmp_path, time_fact("Sunday", source="undated")))
    assert "'Sunday' cannot be placed: source 'undated' has no published: date" in message


def test_a_time_may_be_approximate_and_says_so(tmp_path):
    kset = load(tmp_path, time_fact("Thursday 06:15 +02:00") + "      approximate: true\n")
    assert kset.ok, problems(kset)
    assert kset.facts[0].approximate
    assert "approximate: true" in dump_yaml(kset.events, kset.sources, kset.facts)


def test_approximate_on_a_place_is_refused(tmp_path):
    kset = load(tmp_path, """\
    - id: p
      event: storm
      source: wire
      kind: place
      attribute: location
      place: Gdansk
      approximate: true
      reported_by: Met office
      text: The storm hit Gdansk.
    """)
    assert any("only a measurement or time fact has 'approximate'" in p
               for p in problems(kset)), problems(kset)


def test_within_is_an_upper_bound(tmp_path):
    kset = load(tmp_path, measurement('["within 30 days"]').replace(
        "attribute: casualties", "label: Deadline for the report"))
    assert kset.ok, problems(kset)
    assert kset.facts[0].quantities[0] == Quantity(30, "day", "within")
