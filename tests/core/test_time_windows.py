"""Time windows: a time fact's optional ``until`` ("closed from 22:00 Friday to 06:00
Saturday"), read with the same forms and rules as ``time``, checked against it, stored
(including in a database from before its migration), exported, answered in words and by
its length, and reachable by the words of its end."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.answer import answer_to_json, compose_answer
from bot.core.engine import Engine
from bot.core.errors import ValidationError
from bot.core.knowledge import (
    dump_yaml,
    fact_to_record,
    load_knowledge_dir,
    parse_knowledge_text,
)
from bot.core.matching import AnswerType, MatchResult, Scored
from bot.core.models import Event, Fact, Source, TimePrecision
from bot.core.store import Store
from bot.core.timezones import AskedZone
from tests.conftest import KNOWLEDGE, database_before, engine_over

ATHENS = ZoneInfo("Europe/Athens")

# The report is dated Thursday 13 March 2025; the road closes the next night.
HEADER = """\
events:
  - id: storm
    title: Storm Ilka reaches the Velmora coast
    when: 2025-03-12
    timezone: Europe/Athens
sources:
  - id: daily
    title: Storm Ilka to close the coast road
    publisher: Coastline Daily
    published: 2025-03-13
  - id: undated
    title: A post with no date
    publisher: Harbour blog
facts:
"""


def window(time: str, until: str | None, *, kind: str = "time",
           source: str = "daily") -> str:
    """A file with one fact of ``kind`` from ``time`` (when a time) to ``until``."""
    fact = f"""\
  - id: w
    event: storm
    source: {source}
    kind: {kind}
    label: Coast road closure
    reported_by: the regional police
    text: The regional police said the coast road will be closed.
"""
    if kind == "time":
        fact += f'    time: "{time}"\n'
    else:
        fact += '    values: ["3"]\n'
    if until is not None:
        fact += f'    until: "{until}"\n'
    return HEADER + fact


def load(text: str):
    return parse_knowledge_text(text, "storm.yaml")


def the_fact(text: str) -> Fact:
    parsed = load(text)
    assert not parsed.problems, parsed.problems
    (fact,) = parsed.facts
    return fact


# --- reading until --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "until", "start", "end", "precision"),
    [
        # a full time with its offset
        ("2025-03-14T22:00:00+02:00", "2025-03-15T06:00:00+02:00",
         datetime(2025, 3, 14, 22, tzinfo=ATHENS), datetime(2025, 3, 15, 6, tzinfo=ATHENS),
         None),
        # weekdays with a clock, counted back from Thursday's report, in the event's zone
        ("Tuesday 14:00 local time", "Tuesday 18:30 local time",
         datetime(2025, 3, 11, 14, tzinfo=ATHENS), datetime(2025, 3, 11, 18, 30, tzinfo=ATHENS),
         None),
        # "next Saturday": on from the report's date, like time
        ("next Friday 10 p.m. local time", "next Saturday 6 a.m. local time",
         datetime(2025, 3, 14, 22, tzinfo=ATHENS), datetime(2025, 3, 15, 6, tzinfo=ATHENS),
         None),
        # parts of a day
        ("Wednesday evening", "Thursday afternoon",
         datetime(2025, 3, 12, 12, tzinfo=UTC), datetime(2025, 3, 13, 12, tzinfo=UTC),
         TimePrecision.AFTERNOON),
        # days
        ("Monday", "Wednesday", datetime(2025, 3, 10, 12, tzinfo=UTC),
         datetime(2025, 3, 12, 12, tzinfo=UTC), None),
        ("2025-03-10", "2025-03-12", datetime(2025, 3, 10, 12, tzinfo=UTC),
         datetime(2025, 3, 12, 12, tzinfo=UTC), None),
        # months
        ("2009-07", "September 2009", datetime(2009, 7, 1, 12, tzinfo=UTC),
         datetime(2009, 9, 1, 12, tzinfo=UTC), TimePrecision.MONTH),
        # a clock time to a day without one
        ("Friday 22:00 +02:00", "next Sunday", datetime(2025, 3, 7, 22, tzinfo=ATHENS),
         datetime(2025, 3, 16, 12, tzinfo=UTC), None),
    ],
)
def test_until_takes_the_forms_time_takes(time, until, start, end, precision):
    fact = the_fact(window(time, until))
    assert fact.time == start and fact.until == end
    assert fact.until_precision is precision
    assert fact.until.utcoffset() == end.utcoffset()


def test_a_time_without_until_is_one_moment_as_before():
    fact = the_fact(window("Tuesday 14:00 local time", None))
    assert (fact.until, fact.until_precision) == (None, None)
    assert "until" not in fact_to_record(fact)


def test_the_shipped_knowledge_loads_as_before():
    loaded = load_knowledge_dir(KNOWLEDGE)
    assert loaded.facts and not loaded.problems
    assert all(f.until is None and f.until_precision is None for f in loaded.facts)
    assert all("until" not in fact_to_record(f) for f in loaded.facts)


def test_until_from_a_source_in_another_file_is_placed_once_all_files_are_read(tmp_path):
    directory = tmp_path / "knowledge"
    directory.mkdir()
    (directory / "a-facts.yaml").write_text(textwrap.dedent("""\
        facts:
          - id: w
            event: storm
            source: daily
            kind: time
            label: Coast road closure
            reported_by: the regional police
            text: The regional police said the coast road will be closed.
            time: 2025-03-14T22:00:00+02:00
            until: "next Saturday 06:00 local time"
        """), encoding="utf-8")
    (directory / "b-records.yaml").write_text(HEADER.replace("facts:\n", ""),
                                               encoding="utf-8")
    loaded = load_knowledge_dir(directory)
    assert not loaded.problems, loaded.problems
    assert loaded.facts[0].until == datetime(2025, 3, 15, 6, tzinfo=ATHENS)


# --- what validation says -------------------------------------------------------------------


def problems_of(text: str) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in load(text).problems]


def test_until_on_another_kind_is_refused_with_its_line():
    (problem,) = problems_of(window("", "next Saturday 06:00 local time",
                                    kind="measurement"))
    assert problem.startswith("23: until: only a time fact has 'until'"), problem
    assert "use kind: time" in problem


@pytest.mark.parametrize(
    ("until", "said"),
    [
        ("next Saturdy 06:00 local time", "unknown weekday 'Saturdy'"),
        ("Thursday mroning", "did you mean 'morning'?"),
        ("2025-02-30", "'2025-02-30' is not a real date"),
        ("2025-03-15T06:00:00", "until has no UTC offset"),
        ("soon", "cannot read 'soon' as a time"),
    ],
)
def test_an_until_that_cannot_be_read_says_what_to_write(until, said):
    (problem,) = problems_of(window("2025-03-14T22:00:00+02:00", until))
    assert problem.startswith("23: until: "), problem
    assert said in problem, problem


def test_a_weekday_until_from_an_undated_report_asks_for_the_date():
    (problem,) = problems_of(window("2025-03-14T22:00:00+02:00", "Saturday 06:00 +02:00",
                                    source="undated"))
    assert "until: 'Saturday' cannot be placed: source 'undated' has no published" in problem


@pytest.mark.parametrize(
    ("time", "until"),
    [
        ("2025-03-14T22:00:00+02:00", "2025-03-14T21:00:00+02:00"),
        ("2025-03-14T22:00:00+02:00", "2025-03-14T19:30:00Z"),  # 21:30 at +02:00
        ("2025-03-14T22:00:00+02:00", "2025-03-14T22:00:00+02:00"),  # no window at all
        ("Wednesday evening", "Wednesday morning"),
        ("Wednesday evening", "Wednesday evening"),
        ("Thursday", "Wednesday"),
        ("2025-03-14T22:00:00+02:00", "2025-03-13"),
        ("2009-09", "2009-07"),
    ],
)
def test_an_until_before_time_is_refused(time, until):
    (problem,) = problems_of(window(time, until))
    assert problem.startswith("23: until: until ("), problem
    assert "is not after time (" in problem and "fix one of them" in problem


def test_a_weekday_end_counted_back_suggests_next():
    # Thursday's report: "Saturday" is last Saturday, before Friday night
    (problem,) = problems_of(window("next Friday 22:00 local time",
                                    "Saturday 06:00 local time"))
    assert "until (2025-03-08T06:00:00+02:00) is not after time " \
           "(2025-03-14T22:00:00+02:00)" in problem
    assert "'Saturday' counts back from the report's date; a day after it is " \
           "'next Saturday'" in problem


@pytest.mark.parametrize(
    ("time", "until"),
    [
        ("Wednesday", "Wednesday evening"),  # may end later that day
        ("Wednesday morning", "Wednesday evening"),
        ("Wednesday night", "Thursday morning"),
        ("2025-03-14T22:00:00+02:00", "2025-03-14"),  # that same day, as far as it says
        ("2025-03-14T23:00:00+02:00", "2025-03-14T22:30:00Z"),  # 00:30 at +02:00
    ],
)
def test_an_until_that_may_be_after_time_is_accepted(time, until):
    assert problems_of(window(time, until)) == []


def test_the_command_line_lists_an_until_problem(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "storm.yaml").write_text(window("Wednesday evening", "Wednesday morning"),
                                          encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "v.db"), "--knowledge",
                                      str(knowledge), "validate"])
    assert result.exit_code == 1
    assert "storm.yaml:23: fact 'w': until: until (2025-03-12 morning) is not after time " \
           "(2025-03-12 evening)" in result.output, result.output


# --- stored, edited, exported ---------------------------------------------------------------

SOURCE_RECORD = {"id": "daily", "title": "Storm Ilka", "publisher": "Coastline Daily",
                 "published": "2025-03-13"}
EVENT_RECORD = {"id": "storm", "title": "Storm Ilka", "when": "2025-03-12",
                "timezone": "Europe/Athens"}
CLOSURE = {"id": "closure", "event": "storm", "source": "daily", "kind": "time",
           "label": "Coast road closure", "reported_by": "the regional police",
           "text": "The regional police said the coast road will be closed.",
           "time": "next Friday 22:00 local time", "until": "next Saturday 06:00 local time"}


def _seed(store: Store) -> None:
    store.add_event(EVENT_RECORD, actor="cli", guild_id=None)
    store.add_source(SOURCE_RECORD, actor="cli", guild_id=None)


def test_the_store_keeps_until_through_reopening(tmp_path):
    with Store(tmp_path / "f.db") as store:
        _seed(store)
        store.add_fact(CLOSURE, actor="cli", guild_id=None)
        store.add_fact({**CLOSURE, "id": "storm-window", "time": "Wednesday evening",
                        "until": "Thursday afternoon"}, actor="cli", guild_id=None)
    with Store(tmp_path / "f.db") as store:
        closure = store.get_fact("closure")
        assert closure.until == datetime(2025, 3, 15, 6, tzinfo=ATHENS)
        assert closure.until_precision is None
        told = store.get_fact("storm-window")
        assert (told.until, told.until_precision) == (datetime(2025, 3, 13, 12, tzinfo=UTC),
                                                      TimePrecision.AFTERNOON)
        assert fact_to_record(told)["until"] == "2025-03-13 afternoon"


def test_an_edit_a_revert_and_the_history_keep_until(tmp_path):
    with Store(tmp_path / "f.db") as store:
        _seed(store)
        store.add_fact(CLOSURE, actor="cli", guild_id=None)
        edited = store.edit_fact("closure", {"until": "next Saturday 08:00 local time"},
                                 actor="cli", guild_id=None, reason="police extended it")
        assert edited.until == datetime(2025, 3, 15, 8, tzinfo=ATHENS)
        removed = store.edit_fact("closure", {"until": None}, actor="cli", guild_id=None)
        assert removed.until is None
        back = store.revert_fact("closure", revision=2, actor="cli", guild_id=None)
        assert back.until == datetime(2025, 3, 15, 8, tzinfo=ATHENS)
        history = store.history("closure")
        assert [e.after.get("until") for e in history if e.after] == [
            "2025-03-15T06:00:00+02:00", "2025-03-15T08:00:00+02:00", None,
            "2025-03-15T08:00:00+02:00"]
        with pytest.raises(ValidationError, match="until: until .* is not after time"):
            store.edit_fact("closure", {"until": "2025-03-14T21:00:00+02:00"}, actor="cli",
                            guild_id=None)
        assert store.get_fact("closure").revision == 4


def test_a_database_from_before_the_window_migrates(tmp_path):
    path = tmp_path / "old.db"
    db = database_before(path, "0105_time_until")
    db["events"].insert({"id": "storm", "title": "Storm", "aliases": "[]", "origin": "cli",
                         "when": "2025-03-12", "timezone": "Europe/Athens"})
    db["sources"].insert({"id": "daily", "title": "Storm", "publisher": "Daily",
                          "published": "2025-03-13", "origin": "cli"})
    db["facts"].insert({"id": "old", "event": "storm", "source": "daily", "kind": "time",
                        "text": "It hit.", "reported_by": "R", "origin": "cli",
                        "time": "2025-03-12T19:40:00+02:00", "status": "active"})
    assert "until" not in db["facts"].columns_dict
    db.close()
    with Store(path) as store:
        assert store.applied_migrations == ["0105_time_until"]
        old = store.get_fact("old")
        assert (old.until, old.until_precision) == (None, None)
        assert old.time == datetime.fromisoformat("2025-03-12T19:40:00+02:00")
        store.add_fact({**CLOSURE, "event": "storm"}, actor="cli", guild_id=None)
        assert store.get_fact("closure").until == datetime(2025, 3, 15, 6, tzinfo=ATHENS)


def test_the_export_writes_until_back_and_reads_the_same(tmp_path):
    facts = [the_fact(window("next Friday 22:00 local time", "next Saturday 06:00 local time")),
             the_fact(window("Wednesday evening", "Thursday afternoon")),
             the_fact(window("2009-07", "2009-09"))]
    text = dump_yaml(facts=[replace(f, id=f"w{i}") for i, f in enumerate(facts)])
    assert "    until: 2025-03-15T06:00:00+02:00\n" in text
    assert "    until: 2025-03-13 afternoon\n" in text
    assert "    until: 2009-09\n" in text
    again = parse_knowledge_text(HEADER.replace("facts:\n", "") + text.split("\n", 1)[1],
                                 "again.yaml")
    assert not again.problems, again.problems
    assert [(f.time, f.until, f.until_precision) for f in again.facts] == [
        (f.time, f.until, f.until_precision) for f in facts]


# --- answers ----------------------------------------------------------------------------------

SOURCES = {"daily": Source("daily", "Storm Ilka", "Coastline Daily", date(2025, 3, 13))}
STORM = Event("storm", "Storm Ilka", when=datetime(2025, 3, 12, 12, tzinfo=UTC))


def _window_fact(start: datetime, end: datetime, start_part: TimePrecision | None = None,
                 end_part: TimePrecision | None = None, **kw) -> Fact:
    return Fact(id="w", event="storm", source="daily", kind="time", label="Road closure",
                text="The police said the road is closed.", reported_by="the police",
                time=start, until=end, time_precision=start_part, until_precision=end_part,
                **kw)


def _compose(fact: Fact, **kw):
    return compose_answer("q?", MatchResult("q?", "answer", facts=(Scored(fact, 0.9, 1.0),),
                                            event=STORM, confidence=0.9, **kw), SOURCES)


FRIDAY_22 = datetime(2025, 3, 14, 22, tzinfo=ATHENS)
SATURDAY_06 = datetime(2025, 3, 15, 6, tzinfo=ATHENS)
TUESDAY_14 = datetime(2025, 3, 11, 14, tzinfo=ATHENS)
TUESDAY_1830 = datetime(2025, 3, 11, 18, 30, tzinfo=ATHENS)


def test_a_window_over_two_days_gives_both_ends_and_utc():
    answer = _compose(_window_fact(FRIDAY_22, SATURDAY_06))
    assert answer.text.startswith(
        "Road closure: from 22:00 on Friday, 14 March 2025 to 06:00 on Saturday, 15 March "
        "2025 (UTC+02:00), which is 20:00 UTC on 14 March to 04:00 UTC on 15 March, "
        "according to the police [1]."), answer.text
    (mention,) = answer.times
    assert mention.placeholder == "20:00 UTC on 14 March to 04:00 UTC on 15 March"
    assert (mention.instant, mention.until) == (FRIDAY_22, SATURDAY_06)


def test_a_window_within_one_day_names_the_day_once():
    answer = _compose(_window_fact(TUESDAY_14, TUESDAY_1830))
    assert "Road closure: 14:00 to 18:30 on Tuesday, 11 March 2025 (UTC+02:00), which is " \
           "12:00 to 16:30 UTC on 11 March 2025, according" in answer.text, answer.text


@pytest.mark.parametrize(
    ("start", "end", "parts", "expected"),
    [
        (datetime(2025, 3, 12, 12, tzinfo=UTC), datetime(2025, 3, 13, 12, tzinfo=UTC),
         (TimePrecision.EVENING, TimePrecision.AFTERNOON),
         "from Wednesday evening, 12 March 2025 to Thursday afternoon, 13 March 2025 "
         "(no clock times reported)"),
        (datetime(2025, 3, 12, 12, tzinfo=UTC), datetime(2025, 3, 12, 12, tzinfo=UTC),
         (TimePrecision.MORNING, TimePrecision.EVENING),
         "Wednesday morning to evening, 12 March 2025 (no clock times reported)"),
        (datetime(2025, 3, 10, 12, tzinfo=UTC), datetime(2025, 3, 12, 12, tzinfo=UTC),
         (None, None),
         "from Monday, 10 March 2025 to Wednesday, 12 March 2025 (no times of day reported)"),
        (datetime(2009, 7, 1, 12, tzinfo=UTC), datetime(2009, 9, 1, 12, tzinfo=UTC),
         (TimePrecision.MONTH, TimePrecision.MONTH),
         "from July 2009 to September 2009 (no days reported)"),
    ],
)
def test_a_window_without_clock_times_is_told_in_words(start, end, parts, expected):
    answer = _compose(_window_fact(start, end, *parts))
    assert expected in answer.text, answer.text
    assert answer.times == () and "UTC" not in answer.text


def test_a_clock_time_to_a_day_converts_only_the_clock_time():
    answer = _compose(_window_fact(FRIDAY_22, datetime(2025, 3, 16, 12, tzinfo=UTC)))
    assert "from 22:00 on Friday, 14 March 2025 (UTC+02:00), which is 20:00 UTC on 14 March " \
           "2025, to Sunday, 16 March 2025 (no time of day reported)" in answer.text
    assert [m.until for m in answer.times] == [None]


def test_both_ends_are_converted_to_the_zone_asked():
    answer = _compose(_window_fact(FRIDAY_22, SATURDAY_06),
                      zone=AskedZone("New York", "America/New_York"))
    assert "from 16:00 (4:00 p.m.) on Friday, 14 March 2025 to 00:00 (12:00 a.m.) on " \
           "Saturday, 15 March 2025 in New York (UTC-04:00); the report gives 22:00 on " \
           "Friday, 14 March 2025 to 06:00 on Saturday, 15 March 2025 (UTC+02:00), which is " \
           "20:00 UTC on 14 March to 04:00 UTC on 15 March" in answer.text, answer.text
    same_day = _compose(_window_fact(TUESDAY_14, TUESDAY_1830),
                        zone=AskedZone("New York", "America/New_York"))
    assert "08:00 (8:00 a.m.) to 12:30 (12:30 p.m.) on Tuesday, 11 March 2025 in New York " \
           "(UTC-04:00); the report gives 14:00 to 18:30 on Tuesday" in same_day.text


def test_in_utc_gives_the_utc_window_once():
    answer = _compose(_window_fact(TUESDAY_14, TUESDAY_1830), zone=AskedZone("UTC", "UTC"))
    assert answer.text.count("12:00 to 16:30 UTC on 11 March 2025") == 1, answer.text


def test_a_figure_question_is_answered_by_the_window_length():
    answer = _compose(_window_fact(FRIDAY_22, SATURDAY_06), answer_type=AnswerType.QUANTITY)
    assert answer.text.startswith("Road closure: 8 hours (22:00 Friday to 06:00 Saturday), "
                                  "according to the police [1]."), answer.text
    minutes = _compose(_window_fact(TUESDAY_14, TUESDAY_1830, approximate=True),
                       answer_type=AnswerType.QUANTITY, unit="min")
    assert "Road closure: about 270 minutes (14:00 to 18:30 Tuesday)" in minutes.text, \
        minutes.text


def test_json_gives_until_as_the_file_writes_it():
    clock = answer_to_json(_compose(_window_fact(FRIDAY_22, SATURDAY_06)))["facts"][0]
    assert (clock["value"], clock["until"]) == ("2025-03-14T22:00:00+02:00",
                                                "2025-03-15T06:00:00+02:00")
    told = answer_to_json(_compose(_window_fact(
        datetime(2025, 3, 12, 12, tzinfo=UTC), datetime(2025, 3, 13, 12, tzinfo=UTC),
        TimePrecision.EVENING, TimePrecision.AFTERNOON)))["facts"][0]
    assert (told["value"], told["until"]) == ("2025-03-12 evening", "2025-03-13 afternoon")


def test_two_reports_of_different_windows_disagree():
    one = _window_fact(FRIDAY_22, SATURDAY_06)
    other = replace(one, id="w2", reported_by="the council",
                    until=datetime(2025, 3, 15, 8, tzinfo=ATHENS))
    answer = compose_answer("q?", MatchResult(
        "q?", "answer", facts=(Scored(one, 0.9, 1.0), Scored(other, 0.9, 1.0)), event=STORM,
        confidence=0.9, grouped=True), SOURCES)
    assert answer.conflict, answer.text


# --- asked --------------------------------------------------------------------------------------

STORY = HEADER + """\
  - id: road-closure
    event: storm
    source: daily
    kind: time
    label: Coast road closure
    time: "next Friday 22:00 local time"
    until: "next Saturday 06:00 local time"
    reported_by: the regional police
    text: "The regional police said the coast road will be closed overnight."
    about: [road, closure]
  - id: flights
    event: storm
    source: daily
    kind: time
    label: Flights suspended
    time: "Tuesday 14:00 local time"
    until: "Tuesday 18:30 local time"
    reported_by: the airport
    text: "The airport said flights were suspended in the afternoon."
    about: [flights, suspended]
  - id: strike
    event: storm
    source: daily
    kind: time
    label: Dock strike
    time: Monday
    until: Wednesday
    reported_by: the dockers' union
    text: "The dockers' union said the strike began at the docks."
    about: [strike, dockers]
  - id: waves
    event: storm
    source: daily
    kind: measurement
    attribute: height
    values: ["6 m"]
    reported_by: the weather service
    text: "The weather service said waves reached 6 m."
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("windows"), "storm", STORY)
    yield eng
    eng.close()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how long will the coast road be closed",
         "Coast road closure: 8 hours (22:00 Friday to 06:00 Saturday)"),
        ("how many minutes were flights suspended",
         "Flights suspended: 270 minutes (14:00 to 18:30 Tuesday)"),
        ("when were flights suspended",
         "Flights suspended: 14:00 to 18:30 on Tuesday, 11 March 2025 (UTC+02:00)"),
        ("what time were flights suspended in new york",
         "Flights suspended: 08:00 (8:00 a.m.) to 12:30 (12:30 p.m.) on Tuesday, 11 March "
         "2025 in New York"),
    ],
)
def test_a_window_answers_when_and_how_long(story: Engine, question: str, expected: str):
    answer = story.ask(question)
    assert answer.answered, answer.text
    assert answer.text.startswith(expected), answer.text


def test_the_end_is_a_word_of_the_fact(story: Engine):
    # the strike's text names neither day: "until when" finds it by its end's weekday
    strike = story.get_fact("strike")
    terms = story.matcher.analyzer.fact_terms(strike).terms
    assert story.matcher.analyzer.terms("Wednesday") <= terms
    answer = story.ask("will the strike go on until wednesday")
    assert answer.answered, answer.text
    assert "from Monday, 10 March 2025 to Wednesday, 12 March 2025" in answer.text


def test_how_long_a_window_of_days_lasts_is_not_made_up(story: Engine):
    answer = story.ask("how long is the dock strike")
    assert not answer.answered, answer.text
    assert "3 days" not in answer.text


def test_ask_json_gives_the_end(tmp_path: Path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "storm.yaml").write_text(STORY, encoding="utf-8")
    base = ["--db", str(tmp_path / "cli.db"), "--knowledge", str(knowledge)]
    asked = CliRunner().invoke(cli, [*base, "ask", "--json", "when were flights suspended"])
    assert asked.exit_code == 0, asked.output
    data = json.loads(asked.stdout)
    assert data["answered"]
    assert data["facts"][0]["until"] == "2025-03-11T18:30:00+02:00"
    exported = CliRunner().invoke(cli, [*base, "export", "--stdout"])
    assert "    until: 2025-03-15T06:00:00+02:00\n" in exported.stdout
    assert "    until: 2025-03-12\n" in exported.stdout
