"""Times as reports tell them when they give less than a clock time: a weekday after the
report's date ("next Friday"), a part of a day ("Wednesday evening"), a month or a year
alone ("July 2009"). Each form is checked through the file loader, the store (a real
SQLite file), the export, the answer text and the matcher's "what day"/"what time"."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.core.answer import answer_to_json, compose_answer
from bot.core.claimreview import claim_review
from bot.core.engine import Engine
from bot.core.errors import ValidationError
from bot.core.knowledge import (
    RecordContext,
    dump_yaml,
    fact_from_record,
    fact_to_record,
    load_knowledge_dir,
    parse_knowledge_text,
    parse_report_day,
)
from bot.core.matching import MatchResult, Scored
from bot.core.models import (
    DATE_ONLY_TIME,
    Event,
    Fact,
    Quantity,
    Source,
    TimePrecision,
    is_date_only,
)
from bot.core.store import Store
from tests.conftest import KNOWLEDGE, database_before, engine_beside_shipped, engine_over

ATHENS = ZoneInfo("Europe/Athens")

# The report is dated Thursday 13 March 2025.
HEADER = """\
events:
  - id: quay
    title: Harbour quay collapses in Velmora
    when: 2025-03-12
    timezone: Europe/Athens
  - id: repair-2009
    title: The 2009 repair of the quay
    when: 2009-07
    background_of: quay
  - id: quay-built
    title: The quay is built
    when: 1931
    background_of: quay
sources:
  - id: daily
    title: Quay gives way in Velmora
    publisher: Coastline Daily
    published: 2025-03-13
  - id: undated
    title: A post with no date
    publisher: Harbour blog
facts:
"""


def time_fact(when: str, *, field: str = "time", source: str = "daily") -> str:
    """One time fact; ``when`` goes in ``time`` or, after a fixed time, in ``as_of``."""
    fact = f"""\
  - id: t
    event: quay
    source: {source}
    kind: time
    label: Quay gave way
    reported_by: the harbour master
    text: The harbour master said the quay gave way.
"""
    if field == "time":
        return fact + f'    time: "{when}"\n'
    return fact + '    time: 2025-03-12T19:40:00+02:00\n' + f'    {field}: "{when}"\n'


def load(tmp_path: Path, facts: str, header: str = HEADER):
    (tmp_path / "k.yaml").write_text(header + facts, encoding="utf-8")
    return load_knowledge_dir(tmp_path, display_base=tmp_path)


def problems(kset) -> list[str]:
    return [str(p) for p in kset.problems]


# --- a weekday after the report's date --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("next Friday", datetime(2025, 3, 14, 12, 0, tzinfo=UTC)),
        # the report's own weekday: not that day, the one a week on
        ("next Thursday", datetime(2025, 3, 20, 12, 0, tzinfo=UTC)),
        ("next Wednesday", datetime(2025, 3, 19, 12, 0, tzinfo=UTC)),
        ("next Friday 10:00 local time", datetime(2025, 3, 14, 10, 0, tzinfo=ATHENS)),
        ("next Mon 9 am UTC", datetime(2025, 3, 17, 9, 0, tzinfo=UTC)),
        ("on next Sunday, 18:30 +02:00", datetime(2025, 3, 16, 16, 30, tzinfo=UTC)),
    ],
)
def test_next_weekday_is_the_first_such_day_after_the_report(tmp_path, written, expected):
    kset = load(tmp_path, time_fact(written))
    assert kset.ok, problems(kset)
    [fact] = kset.facts
    assert fact.time == expected
    assert fact.time_precision is None  # a whole day or a clock time, as before


def test_next_weekday_from_a_report_published_on_that_weekday():
    # published Friday 13 September 2024: "next Friday" is the 20th, "Friday" the 13th
    context = RecordContext({"e": Event("e", "E")}, {"s": Source("s", "S", "P",
                                                                  date(2024, 9, 13))})
    record = {"id": "f", "event": "e", "source": "s", "kind": "time", "label": "Burial",
              "reported_by": "R", "text": "The burial will take place on Friday."}
    later = fact_from_record({**record, "time": "next Friday"}, context=context)
    same = fact_from_record({**record, "time": "Friday"}, context=context)
    assert (later.time.date(), same.time.date()) == (date(2024, 9, 20), date(2024, 9, 13))


# --- a part of a day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day", "part"),
    [
        ("Wednesday evening", date(2025, 3, 12), TimePrecision.EVENING),
        ("Thursday morning", date(2025, 3, 13), TimePrecision.MORNING),  # the report's day
        ("Sunday afternoon", date(2025, 3, 9), TimePrecision.AFTERNOON),
        ("Tuesday night", date(2025, 3, 11), TimePrecision.NIGHT),
        ("Tuesday overnight", date(2025, 3, 11), TimePrecision.NIGHT),
        ("next Friday morning", date(2025, 3, 14), TimePrecision.MORNING),
        ("2025-03-12 afternoon", date(2025, 3, 12), TimePrecision.AFTERNOON),
    ],
)
def test_a_part_of_a_day_is_a_date_only_time_with_its_part(tmp_path, written, day, part):
    kset = load(tmp_path, time_fact(written))
    assert kset.ok, problems(kset)
    [fact] = kset.facts
    assert is_date_only(fact.time) and fact.time.date() == day  # sorts as a date-only time
    assert fact.time_precision is part


def test_as_of_may_be_a_part_of_a_day(tmp_path):
    kset = load(tmp_path, time_fact("Wednesday evening", field="as_of"))
    assert kset.ok, problems(kset)
    [fact] = kset.facts
    assert fact.as_of == datetime(2025, 3, 12, 12, 0, tzinfo=UTC)
    assert (fact.time_precision, fact.as_of_precision) == (None, TimePrecision.EVENING)
    assert fact_to_record(fact)["as_of"] == "2025-03-12 evening"


def test_an_event_may_be_dated_to_a_part_of_a_day(tmp_path):
    header = HEADER.replace("when: 2025-03-12\n", "when: 2025-03-12 evening\n")
    kset = load(tmp_path, "", header=header)
    assert kset.ok, problems(kset)
    quay = next(e for e in kset.events if e.id == "quay")
    assert (quay.when.date(), quay.when_precision) == (date(2025, 3, 12), TimePrecision.EVENING)


def test_parse_report_day_leaves_other_text_alone():
    assert parse_report_day("tomorrow") is None
    assert parse_report_day("hello world") is None
    spec = parse_report_day("next Friday evening")
    assert (spec.weekday, spec.forward, spec.clock, spec.part) == (
        4, True, False, TimePrecision.EVENING)


# --- a month or a year alone ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2009-07", "July 2009", "Jul 2009", "july 2009"])
def test_a_time_may_give_only_a_month(tmp_path, written):
    kset = load(tmp_path, time_fact(written))
    assert kset.ok, problems(kset)
    [fact] = kset.facts
    assert fact.time == datetime(2009, 7, 1, 12, 0, tzinfo=UTC)
    assert fact.time_precision is TimePrecision.MONTH
    assert fact_to_record(fact)["time"] == "2009-07"


def test_an_event_may_give_only_a_month_or_a_year(tmp_path):
    kset = load(tmp_path, "")
    assert kset.ok, problems(kset)
    events = {e.id: e for e in kset.events}
    assert events["repair-2009"].when == datetime(2009, 7, 1, 12, 0, tzinfo=UTC)
    assert events["repair-2009"].when_precision is TimePrecision.MONTH
    assert events["quay-built"].when == datetime(1931, 1, 1, 12, 0, tzinfo=UTC)
    assert events["quay-built"].when_precision is TimePrecision.YEAR
    assert events["quay"].when_precision is None


def test_each_form_is_written_back_as_it_reads_and_reads_back_equal(tmp_path):
    facts = "".join(
        time_fact(written).replace("id: t\n", f"id: t{n}\n")
        for n, written in enumerate(["Wednesday evening", "next Friday morning", "July 2009",
                                     "2009", "next Friday"]))
    kset = load(tmp_path, facts)
    assert kset.ok, problems(kset)
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    for line in ("    when: 2009-07\n", "    when: 1931\n", "    time: 2025-03-12 evening\n",
                 "    time: 2025-03-14 morning\n", "    time: 2009-07\n", "    time: 2009\n",
                 "    time: 2025-03-14\n"):
        assert line in exported
    again = parse_knowledge_text(exported, "export.yaml")
    assert again.ok, again.problems
    told = [(f.time, f.time_precision) for f in kset.facts]
    assert [(f.time, f.time_precision) for f in again.facts] == told
    assert [(e.when, e.when_precision) for e in again.events] == \
        [(e.when, e.when_precision) for e in kset.events]


# --- what a moderator is told -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "needle"),
    [
        ("next Fryday", "cannot read 'next Fryday' as a time: unknown weekday 'Fryday' "
                        "(known: Monday, "),
        ("next Fryday", "did you mean 'Friday'?"),
        ("Fryday evening", "unknown weekday 'Fryday'"),
        ("2009-13", "cannot read '2009-13' as a time: '2009-13' is not a real month (months "
                    "go from 01 to 12); write it like 2009-07 or July 2009"),
        ("Julu 2009", "unknown month 'Julu'"),
        ("Wednesday evenin", "unknown part of the day 'evenin' (known: morning, afternoon, "
                             "evening, night, overnight; did you mean 'evening'?)"),
        ("next 2025-03-12", "'next' goes before a weekday ('next Friday'); write the date "
                            "2025-03-12 without it"),
        ("2025-02-30 evening", "'2025-02-30' is not a real date"),
    ],
)
def test_bad_times_say_what_is_wrong_where(tmp_path, written, needle):
    kset = load(tmp_path, time_fact(written))
    [message] = problems(kset)
    assert message.startswith("k.yaml:30: fact 't': time: ")
    assert needle in message
    assert kset.facts == []


def test_a_part_of_a_day_from_an_undated_source_asks_for_the_date(tmp_path):
    [message] = problems(load(tmp_path, time_fact("Wednesday evening", source="undated")))
    assert message == (
        "k.yaml:30: fact 't': time: 'Wednesday' cannot be placed: source 'undated' has no "
        "published: date; give the date instead, e.g. 2022-11-17 evening, or add the "
        "source's date")


def test_next_weekday_from_an_undated_source_asks_for_the_date(tmp_path):
    [message] = problems(load(tmp_path, time_fact("next Friday 10:00 +02:00",
                                                  source="undated")))
    assert "'next Friday' cannot be placed: source 'undated' has no published: date; give " \
           "the full date and time instead" in message


@pytest.mark.parametrize(("header_line", "needle"), [
    ("when: 2009-13", "event 'repair-2009': when: cannot read '2009-13' as a time: "
                      "'2009-13' is not a real month"),
    ("when: Julu 2009", "event 'repair-2009': when: cannot read 'Julu 2009' as a time: "
                        "unknown month 'Julu' (known: January, "),
])
def test_bad_event_dates_are_reported(tmp_path, header_line, needle):
    kset = load(tmp_path, "", header=HEADER.replace("when: 2009-07", header_line))
    [message] = problems(kset)
    assert message.startswith("k.yaml:8: ") and needle in message


def test_expires_takes_no_month(tmp_path):
    fact = time_fact("Wednesday evening") + '    expires: "2025-04"\n'
    [message] = problems(load(tmp_path, fact))
    assert "fact 't': expires: expires is a month without a day or a clock time; write " \
           "it like 2022-11-17T10:48:00+09:00" in message


# --- today's files mean what they meant -------------------------------------------------------

TODAY = """\
  - id: exact
    event: quay
    source: daily
    kind: time
    label: Exact
    time: 2025-03-12T19:40:00+02:00
    reported_by: R
    text: It happened.
  - id: weekday
    event: quay
    source: daily
    kind: time
    label: Weekday
    time: "Wednesday 7:40 p.m. local time"
    as_of: "Thursday 08:00 +02:00"
    reported_by: R
    text: It happened.
  - id: day
    event: quay
    source: daily
    kind: time
    label: Day
    time: 2025-03-12
    as_of: "Sunday"
    reported_by: R
    text: It happened.
"""


def test_todays_forms_load_exactly_as_before(tmp_path):
    kset = load(tmp_path, TODAY, header=HEADER.replace("    when: 2009-07\n", "").replace(
        "    when: 1931\n", ""))
    assert kset.ok, problems(kset)
    got = {f.id: (f.time, f.as_of, f.time_precision, f.as_of_precision) for f in kset.facts}
    assert got == {
        "exact": (datetime(2025, 3, 12, 19, 40, tzinfo=ATHENS), None, None, None),
        "weekday": (datetime(2025, 3, 12, 19, 40, tzinfo=ATHENS),
                    datetime(2025, 3, 13, 6, 0, tzinfo=UTC), None, None),
        "day": (datetime(2025, 3, 12, 12, 0, tzinfo=UTC),
                datetime(2025, 3, 9, 12, 0, tzinfo=UTC), None, None),
    }
    assert all(e.when_precision is None for e in kset.events)
    assert [fact_to_record(f)["time"] for f in kset.facts] == [
        "2025-03-12T19:40:00+02:00", "2025-03-12T19:40:00+02:00", "2025-03-12"]


def test_the_shipped_knowledge_has_no_precision_and_exports_unchanged():
    path = next(p for p in KNOWLEDGE.glob("*.yaml") if p.name != "lexicon.yaml")
    kset = parse_knowledge_text(path.read_text(encoding="utf-8"), path.name)
    assert kset.ok, kset.problems
    assert all(f.time_precision is None and f.as_of_precision is None for f in kset.facts)
    assert all(e.when_precision is None for e in kset.events)
    exported = dump_yaml(kset.events, kset.sources, kset.facts)
    assert " evening" not in exported and "precision" not in exported


# --- the store ----------------------------------------------------------------------------------


def _seed(store: Store) -> None:
    store.add_event({"id": "quay", "title": "Quay collapse", "when": "2025-03-12",
                     "timezone": "Europe/Athens"}, actor="cli", guild_id=None)
    store.add_event({"id": "repair-2009", "title": "Repair", "when": "2009-07",
                     "background_of": "quay"}, actor="cli", guild_id=None)
    store.add_source({"id": "daily", "title": "Report", "publisher": "Daily",
                      "published": "2025-03-13"}, actor="cli", guild_id=None)


FELL = {"id": "fell", "event": "quay", "source": "daily", "kind": "time",
        "label": "Quay gave way", "time": "Wednesday evening", "reported_by": "R",
        "text": "The quay gave way on Wednesday evening."}
COUNT = {"id": "count", "event": "quay", "source": "daily", "kind": "measurement",
         "attribute": "evacuated", "values": ["40"], "as_of": "next Friday morning",
         "reported_by": "R", "text": "40 people will have been moved."}
REPAIRED = {"id": "repaired", "event": "repair-2009", "source": "daily", "kind": "time",
            "label": "Quay repaired", "time": "July 2009", "reported_by": "R",
            "text": "The quay was repaired in July 2009."}


def test_precision_survives_the_database_file(tmp_path):
    path = tmp_path / "f.db"
    with Store(path) as store:
        _seed(store)
        added = [store.add_fact(r, actor="cli", guild_id=None) for r in (FELL, COUNT, REPAIRED)]
    with Store(path) as again:  # read back from SQLite, not from memory
        got = {f.id: f for f in again.facts()}
        assert [got[f.id] for f in added] == added
        assert got["fell"].time_precision is TimePrecision.EVENING
        assert got["count"].as_of_precision is TimePrecision.MORNING
        assert got["repaired"].time_precision is TimePrecision.MONTH
        assert again.get_event("repair-2009").when_precision is TimePrecision.MONTH
        row = again.db["facts"].get("fell")
        assert (row["time"], row["time_precision"]) == ("2025-03-12T12:00:00+00:00", "evening")
        [entry] = again.history("fell")
        assert entry.after["time"] == "2025-03-12 evening"
        exported = again.export_yaml()
    for line in ("    time: 2025-03-12 evening\n", "    as_of: 2025-03-14 morning\n",
                 "    time: 2009-07\n", "    when: 2009-07\n"):
        assert line in exported


def test_an_edit_and_a_revert_keep_the_part_of_the_day(tmp_path):
    with Store(tmp_path / "f.db") as store:
        _seed(store)
        store.add_fact(FELL, actor="cli", guild_id=None)
        edited = store.edit_fact("fell", {"time": "2025-03-12 night"}, actor="cli",
                                 guild_id=None)
        assert edited.time_precision is TimePrecision.NIGHT
        back = store.revert_fact("fell", revision=1, actor="cli", guild_id=None)
        assert back.time_precision is TimePrecision.EVENING
        assert store.get_fact("fell").time_precision is TimePrecision.EVENING


def test_a_database_from_before_the_precision_migrates(tmp_path):
    path = tmp_path / "old.db"
    db = database_before(path, "0104_time_precision")
    db["events"].insert({"id": "old", "title": "A launch", "aliases": "[]", "origin": "cli",
                         "when": "2022-11-17"})
    db.close()
    with Store(path) as store:
        assert store.applied_migrations == ["0104_time_precision"]
        old = store.get_event("old")
        assert (old.when, old.when_precision) == (
            datetime.combine(date(2022, 11, 17), DATE_ONLY_TIME), None)
        store.add_event({"id": "new", "title": "New", "when": "2009"}, actor="cli",
                        guild_id=None)
        assert store.get_event("new").when_precision is TimePrecision.YEAR


def test_the_store_refuses_a_bad_time_and_saves_nothing(tmp_path):
    with Store(tmp_path / "f.db") as store:
        _seed(store)
        with pytest.raises(ValidationError, match="unknown weekday 'Fryday'"):
            store.add_fact({**FELL, "time": "next Fryday"}, actor="cli", guild_id=None)
        assert store.facts() == []


# --- answers ------------------------------------------------------------------------------------

SOURCES = {"daily": Source("daily", "Quay gives way", "Coastline Daily", date(2025, 3, 13))}
QUAY = Event("quay", "Harbour quay collapses", when=datetime(2025, 3, 12, 12, 0, tzinfo=UTC))


def _fact(fact_id: str, moment: datetime, precision: TimePrecision | None, *,
          reported_by: str = "the harbour master", **kw) -> Fact:
    return Fact(id=fact_id, event="quay", source="daily", kind="time", label="Quay gave way",
                text="The quay gave way.", reported_by=reported_by, time=moment,
                time_precision=precision, **kw)


def _compose(*facts: Fact, **kw):
    scored = tuple(Scored(f, 0.9, 1.0) for f in facts)
    return compose_answer("q?", MatchResult("q?", "answer", facts=scored, event=QUAY,
                                            confidence=0.9, **kw), SOURCES)


NOON = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "precision", "expected"),
    [
        (NOON, TimePrecision.EVENING,
         "Quay gave way: Wednesday evening, 12 March 2025 (no clock time reported), according "
         "to the harbour master [1]."),
        (NOON, TimePrecision.NIGHT, "Wednesday night, 12 March 2025 (no clock time reported)"),
        (datetime(2009, 7, 1, 12, 0, tzinfo=UTC), TimePrecision.MONTH,
         "Quay gave way: July 2009 (no day reported), according to the harbour master [1]."),
        (datetime(2009, 1, 1, 12, 0, tzinfo=UTC), TimePrecision.YEAR,
         "Quay gave way: 2009 (no month or day reported), according"),
    ],
)
def test_a_time_is_answered_in_words_no_finer_than_reported(moment, precision, expected):
    answer = _compose(_fact("t", moment, precision))
    assert answer.answered and expected in answer.text, answer.text
    assert answer.times == ()  # nothing for a renderer to show in a reader's zone
    assert "12:00" not in answer.text and "UTC" not in answer.text
    assert "1 July" not in answer.text and "Wednesday, 1" not in answer.text


def test_a_day_and_its_evening_are_not_the_same_time():
    day = _fact("day", NOON, None)
    evening = _fact("evening", NOON, TimePrecision.EVENING, reported_by="the port")
    answer = _compose(day, evening, grouped=True)
    assert answer.conflict
    assert "Wednesday, 12 March 2025 (no time of day reported)" in answer.text
    assert "Wednesday evening, 12 March 2025 (no clock time reported)" in answer.text


def test_a_figure_given_on_an_evening_says_so():
    morning = Fact(id="m", event="quay", source="daily", kind="measurement", text="12 moved.",
                   reported_by="the port", attribute="evacuated",
                   quantities=(Quantity(12, ""),),
                   as_of=NOON, as_of_precision=TimePrecision.EVENING)
    answer = _compose(morning, grouped=True)
    assert "(the port, Wednesday 12 March, evening)" in answer.text, answer.text


def test_json_gives_the_time_as_the_file_writes_it():
    data = answer_to_json(_compose(_fact("t", NOON, TimePrecision.EVENING)))
    assert data["facts"][0]["value"] == "2025-03-12 evening"
    month = answer_to_json(_compose(_fact("t", datetime(2009, 7, 1, 12, tzinfo=UTC),
                                          TimePrecision.MONTH)))
    assert month["facts"][0]["value"] == "2009-07"


def test_which_event_names_a_month_not_a_made_up_day():
    repair = Event("repair", "The quay repair", when=datetime(2009, 7, 1, 12, 0, tzinfo=UTC),
                   when_precision=TimePrecision.MONTH)
    answer = compose_answer("q?", MatchResult("q?", "choose_event",
                                              events_to_choose=(QUAY, repair)), SOURCES)
    assert "Harbour quay collapses (12 March 2025); The quay repair (July 2009)" in answer.text


def test_claimreview_dates_no_finer_than_reported():
    source = Source("daily", "Quay", "Daily", date(2025, 3, 13), "https://example.org/q")
    repair = Event("repair", "The quay repair", when=datetime(2009, 7, 1, 12, 0, tzinfo=UTC),
                   when_precision=TimePrecision.MONTH)
    fact = _fact("t", NOON, None, as_of=NOON, as_of_precision=TimePrecision.EVENING)
    item = claim_review(fact, source, repair)["itemReviewed"]
    assert item["about"]["startDate"] == "2009-07"
    assert item["temporalCoverage"] == "2025-03-12"


# --- asked ----------------------------------------------------------------------------------------

STORY = HEADER + """\
  - id: quay-fell
    event: quay
    source: daily
    kind: time
    label: Quay collapsed
    time: "Wednesday evening"
    reported_by: the harbour master
    text: "The harbour master said the old quay gave way on Wednesday evening."
    about: [quay, collapse]
  - id: quay-repaired
    event: repair-2009
    source: daily
    kind: time
    label: Quay last repaired
    time: "July 2009"
    reported_by: the port authority
    text: "The port authority said the quay was last repaired in July 2009."
    about: [repair, quay]
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("told"), "quay", textwrap.dedent(STORY))
    yield eng
    eng.close()


def test_when_is_answered_with_the_part_of_the_day(story: Engine):
    answer = story.ask("when did the quay collapse")
    assert answer.answered, answer.text
    assert "Wednesday evening, 12 March 2025 (no clock time reported)" in answer.text


def test_when_is_answered_with_the_month(story: Engine):
    answer = story.ask("when was the quay last repaired")
    assert answer.answered, answer.text
    assert "July 2009 (no day reported)" in answer.text


@pytest.mark.parametrize("question", ["what time did the quay collapse",
                                      "what day was the quay last repaired",
                                      "which date was the quay last repaired"])
def test_a_clock_time_or_a_day_the_report_did_not_give_is_only_offered(story: Engine,
                                                                         question: str):
    answer = story.ask(question)
    assert not answer.answered, answer.text
    assert answer.suggestions, answer.text


def test_a_made_up_day_is_no_word_of_a_month(story: Engine):
    # 1 July 2009 was a Wednesday: the month-only fact must not be indexed under it
    repaired = story.get_fact("quay-repaired")
    terms = story.matcher.analyzer.fact_terms(repaired).terms
    assert story.matcher.analyzer.terms("Wednesday").isdisjoint(terms)
    assert story.matcher.analyzer.terms("July 2009") <= terms


def test_the_command_line_validates_exports_and_answers_them(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "quay.yaml").write_text(textwrap.dedent(STORY), encoding="utf-8")
    base = ["--db", str(tmp_path / "cli.db"), "--knowledge", str(knowledge)]
    checked = CliRunner().invoke(cli, [*base, "validate"])
    assert checked.exit_code == 0, checked.output
    exported = CliRunner().invoke(cli, [*base, "export", "--stdout"])
    assert exported.exit_code == 0, exported.output
    for line in ("    when: 2009-07\n", "    when: 1931\n", "    time: 2025-03-12 evening\n",
                 "    time: 2009-07\n"):
        assert line in exported.stdout
    asked = CliRunner().invoke(cli, [*base, "ask", "--json", "when did the quay collapse"])
    assert asked.exit_code == 0, asked.output
    data = json.loads(asked.stdout)
    assert data["answered"] and data["facts"][0]["value"] == "2025-03-12 evening"


AMBULANCES = """\
events:
  - id: hospital-attack-2025
    title: "Ransomware attack on a hospital group"
    when: 2025-10-14
    timezone: "+01:00"
sources:
  - id: wire-2025-10-14
    title: "Hospitals hit by ransomware"
    publisher: "Wire"
    published: 2025-10-14
facts:
  - id: diverted-evening
    event: hospital-attack-2025
    source: wire-2025-10-14
    kind: measurement
    attribute: count
    label: "Ambulances diverted"
    values: ["41"]
    as_of: "Tuesday 9 p.m."
    reported_by: "the hospital group"
    text: "By 9 p.m. the group said 41 ambulances had been diverted."
  - id: diverted-afternoon
    event: hospital-attack-2025
    source: wire-2025-10-14
    kind: measurement
    attribute: count
    label: "Ambulances diverted"
    values: ["27"]
    as_of: "Tuesday afternoon"
    reported_by: "the hospital group"
    text: "By early afternoon the group had put the number of diverted ambulances at 27."
  - id: diverted-morning
    event: hospital-attack-2025
    source: wire-2025-10-14
    kind: measurement
    attribute: count
    label: "Ambulances diverted"
    values: ["14"]
    as_of: "Tuesday morning"
    reported_by: "the hospital group"
    text: "In the morning the group's count of diverted ambulances stood at 14."
"""


def test_parts_of_a_day_keep_their_order(tmp_path: Path):
    """A figure given "Tuesday morning" came before one given "Tuesday afternoon", and both
    before a 9 p.m. count: the first is the morning's, and the revisions are told in that
    order (the stored times stay date-only)."""
    with closing(engine_beside_shipped(tmp_path, "ambulances", AMBULANCES)) as eng:
        first = eng.match("what was the first ambulance number they gave")
        assert [s.fact.id for s in first.facts] == ["diverted-morning"]
        text = eng.ask("how many ambulances were diverted, all the numbers").text
        assert text.index(": 41") < text.index("earlier 27") < text.index("earlier 14"), text


def test_how_many_between_two_moments_is_the_change(tmp_path: Path):
    """"How many were diverted between the morning and 9pm": the later count less the
    earlier, the two moments picking which of the revisions."""
    question = "how many ambulances got diverted between the morning and 9pm"
    with closing(engine_beside_shipped(tmp_path, "ambulances", AMBULANCES)) as eng:
        result = eng.match(question)
        assert sorted(s.fact.id for s in result.facts) == ["diverted-evening",
                                                           "diverted-morning"]
        assert "27 more" in eng.ask(question).text


def test_how_many_more_by_then_vs_an_earlier_figure_is_the_change(tmp_path: Path):
    """"How many more diverted by 9pm vs the morning figure": as "between the morning and
    9pm", the later count less the earlier."""
    question = "how many more ambulances diverted by 9pm vs the morning figure lol"
    with closing(engine_beside_shipped(tmp_path, "ambulances", AMBULANCES)) as eng:
        assert sorted(s.fact.id for s in eng.match(question).facts) == [
            "diverted-evening", "diverted-morning"]
        assert "27 more" in eng.ask(question).text
