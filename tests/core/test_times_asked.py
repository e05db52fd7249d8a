"""Which time answers "what time did it start": the event's own moment, when another time
fact ties with it on the question's words.

Our own fictional water-main report. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_over

MAIN = """\
events:
  - id: corvel-main-burst-2026
    title: "Water main bursts under Corvel"
    when: 2026-01-22T06:10:00+01:00
    timezone: "+01:00"
sources:
  - id: rivet-2026-01-22
    title: "Corvel without water"
    publisher: "Rivet News"
    published: 2026-01-22
facts:
  - id: burst-time
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: time
    label: "Leak started at the main"
    time: 2026-01-22T06:10:00+01:00
    reported_by: "the water board"
    text: "The water board said the main started leaking at 6:10 a.m."
  - id: water-returning
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: time
    label: "Water starts returning"
    time: 2026-01-22T11:30:00+01:00
    reported_by: "the water board"
    text: "Water flowed again in the old town from about 11:30 a.m."
"""


@pytest.fixture(scope="module")
def burst(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("burst"), "burst", MAIN)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "what time did it start in GMT",
    "what time did it kick off",
    "when did it begin",
])
def test_the_events_own_moment_answers_when_it_started(burst: Engine, question: str):
    result = burst.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["burst-time"]


@pytest.mark.parametrize("question", [
    "when do they think it'll be over",
    "when do they expect everyone to be back",
])
def test_a_time_ahead_asked_of_nothing_else_is_not_the_events_own(burst: Engine,
                                                                  question: str):
    # "when do they think everyone'll be out": the burst's 6:10 is when it happened, not
    # a time ahead; no fact gives one
    assert burst.matcher.analyse(question).future
    assert burst.match(question).status != "answer"


def test_a_time_that_names_what_is_asked_still_answers(burst: Engine):
    result = burst.match("what time did water start returning to the old town")
    assert [s.fact.id for s in result.facts] == ["water-returning"]


def test_a_day_the_asker_guesses_does_not_sink_the_date(burst: Engine):
    result = burst.match("what date did it actually start, the 23rd?")
    assert [s.fact.id for s in result.facts] == ["burst-time"]


def test_a_city_the_asker_is_in_is_the_zone_asked(burst: Engine):
    result = burst.match("im in nyc what time was that for me lol")
    assert result.zone is not None and result.zone.key == "America/New_York"
    assert "00:10" in burst.ask(result.question).text  # 06:10 at UTC+01:00 is 00:10 in NYC


MEETING = MAIN + """\
  - id: meeting-day
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: time
    label: "Emergency council meeting on the burst"
    time: "Friday"
    reported_by: "Rivet News"
    text: "The report dates the emergency council meeting to Friday."
  - id: meeting-bills
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: claim
    reported_by: "Rivet News"
    text: "At Friday's meeting the council voted to cap water bills."
    about: [meeting, bills]
  - id: meeting-pipes
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: claim
    reported_by: "Rivet News"
    text: "Councillors at the meeting blamed pipes laid in the 1950s."
    about: [meeting, pipes]
"""


@pytest.mark.parametrize("question", ["when was that meeting", "which day was the meeting"])
def test_a_time_fact_says_when_before_sentences_that_mention_a_day(tmp_path: Path,
                                                                   question: str):
    with closing(engine_over(tmp_path, "burst", MEETING)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == ["meeting-day"]


@pytest.mark.parametrize("question", [
    "what time was that for us on the east coast (nyc)",  # the zone named twice
    "what time did it start in eastern time (est)",
])
def test_a_zone_named_twice_asks_nothing_more(burst: Engine, question: str):
    result = burst.match(question)
    assert result.zone is not None and result.zone.key == "America/New_York"
    assert [s.fact.id for s in result.facts] == ["burst-time"]


def test_a_zone_after_the_question_mark_is_the_zone_asked(burst: Engine):
    result = burst.match("and for london? gmt")
    assert result.zone is not None
    assert [s.fact.id for s in result.facts] == ["burst-time"]
    assert "05:10" in burst.ask(result.question).text  # 06:10 at UTC+01:00 is 05:10 GMT


def test_a_place_alone_is_not_taken_for_a_zone(burst: Engine):
    # "and japan?" may ask anything about japan; only an abbreviation says a clock
    assert burst.match("and japan?").zone is None


def test_a_zone_abbreviation_is_not_written_out_as_shorthand(burst: Engine):
    # the lexicon writes "est" out as "estimated"; asked a time, it is Eastern time
    result = burst.match("what time did it start in est")
    assert result.zone is not None and result.zone.key == "America/New_York"
    assert burst.matcher.analyse("what was the est cost").zone is None


CALL = """\
  - id: first-call
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: time
    label: "First emergency call"
    time: 2026-01-22T06:25:00+01:00
    reported_by: "the water board"
    text: "A baker made the first emergency call about water in the street at 6:25 a.m."
"""


def test_the_first_call_is_a_thing_said_named_as_a_noun(tmp_path: Path):
    # "call" is a verb of speaking; after "first" it names the call, which a fact must have
    with closing(engine_over(tmp_path, "burst", MAIN + CALL)) as eng:
        result = eng.match("so the first call was what time for us in new york")
        assert [s.fact.id for s in result.facts] == ["first-call"]


def test_of_times_tied_on_nothing_the_events_own_answers(tmp_path: Path):
    # no word of the question tells the three times apart: the event is dated to the burst
    with closing(engine_over(tmp_path, "burst", MAIN + CALL)) as eng:
        result = eng.match("what time was that for us on the east coast (ET)?")
        assert [s.fact.id for s in result.facts] == ["burst-time"]


def test_whats_that_in_an_abbreviated_zone_asks_a_time(burst: Engine):
    assert burst.matcher.analyse("what was the deadline and whats that in gmt").zone.key \
        == "UTC"
    assert burst.matcher.analyse("how many were hurt in uk").zone is None


@pytest.mark.parametrize("question", [
    "time in 24h format?",
    "what time did it start in 24 hour format",
    "start time in military time pls",
])
def test_a_clock_format_asks_the_time(burst: Engine, question: str):
    result = burst.match(question)
    assert [s.fact.id for s in result.facts] == ["burst-time"]
    assert "06:10" in burst.ask(question).text


MAIN_REPAIR = MAIN + """\
  - id: repair-next-step
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: claim
    reported_by: "the water board"
    text: "The water board said replacing the whole main would be its next big project."
"""


def test_next_week_needs_a_fact_that_says_next_week(tmp_path: Path):
    """"Will they replace the main next week": a fact that says a replacement is the next
    project, some day, does not say when; one that says next week does."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with closing(engine_over(tmp_path / "a", "burst", MAIN_REPAIR)) as eng:
        assert eng.match("will they replace the main next week?").status != "answer"
        assert eng.match("will they replace the main").status == "answer"
    planned = MAIN_REPAIR.replace("would be its next big project",
                                  "would start next week")
    with closing(engine_over(tmp_path / "b", "burst", planned)) as eng:
        assert [s.fact.id for s in eng.match("will they replace the main next week?").facts] \
            == ["repair-next-step"]


MAIN_REVIEW = MAIN + """\
  - id: board-would-not-say
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: claim
    reported_by: "Rivet News"
    text: "The board would not say whether its next pipe review in March will change the plan."
  - id: next-pipe-review
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: claim
    reported_by: "Rivet News"
    text: "The board's next pipe review is on March 3."
"""


def test_of_two_tied_facts_the_one_that_gives_it_answers_not_the_one_that_would_not_say(
        tmp_path: Path):
    with closing(engine_over(tmp_path, "burst", MAIN_REVIEW)) as eng:
        result = eng.match("next pipe review when?")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["next-pipe-review"]


CURFEW = """\
events:
  - id: dunmere-curfew-2026
    title: "Curfew in Dunmere after riots"
    when: 2026-06-02
sources:
  - id: dunmere-daily-2026-06-03
    title: "Dunmere under curfew"
    publisher: "Dunmere Daily"
    published: 2026-06-03
facts:
  - id: curfew-imposed
    event: dunmere-curfew-2026
    source: dunmere-daily-2026-06-03
    kind: time
    label: "Curfew order issued"
    time: 2026-06-02T21:00:00+02:00
    reported_by: "the mayor's office"
    text: "The mayor's office issued the curfew order at 9 p.m. on Tuesday."
  - id: curfew-review
    event: dunmere-curfew-2026
    source: dunmere-daily-2026-06-03
    kind: time
    label: "Curfew order to be reviewed"
    time: 2026-06-03T18:00:00+02:00
    reported_by: "the mayor's office"
    text: "The mayor's office said it would review the curfew order at 6 p.m. on Wednesday."
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    ("what time was the curfew order", "curfew-imposed"),
    ("when did the curfew order come", "curfew-imposed"),
    ("when will the curfew order be reviewed", "curfew-review"),
])
def test_a_time_asked_of_what_happened_is_not_one_planned(tmp_path: Path, question: str,
                                                          fact_id: str):
    with closing(engine_over(tmp_path, "curfew", CURFEW)) as eng:
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert result.facts[0].fact.id == fact_id


BRIEFING = """\
events:
  - id: orlen-balloon-2026
    title: "Balloon hits power line at Orlen"
    when: 2026-09-12T06:40:00+02:00
    timezone: "+02:00"
sources:
  - id: orlen-post-2026-09-12
    title: "Balloon crash at Orlen"
    publisher: "Orlen Post"
    published: 2026-09-12
facts:
  - id: briefing-issued
    event: orlen-balloon-2026
    source: orlen-post-2026-09-12
    kind: time
    label: "Weather briefing time"
    time: 2026-09-12T04:45:00+02:00
    reported_by: "the aviation authority"
    text: "The aviation authority said the weather briefing went out at 4:45 a.m."
    keywords: [forecast, met briefing, when was the briefing, issued]
  - id: front-due
    event: orlen-balloon-2026
    source: orlen-post-2026-09-12
    kind: time
    label: "Gusts forecast for the morning"
    time: 2026-09-12T06:30:00+02:00
    reported_by: "the aviation authority"
    text: "Gusts were forecast from 6:30 a.m. as a front arrived."
  - id: pilot-view
    event: orlen-balloon-2026
    source: orlen-post-2026-09-12
    kind: statement
    speaker: "Ada Korr"
    speaker_role: "spokeswoman for the aviation authority"
    reported_by: "Orlen Post"
    text: "Korr said that under the briefing as issued, no balloon should have been up at 6:40."
"""


def test_a_weather_forecast_sent_out_is_a_moment_that_came_not_one_planned(tmp_path: Path):
    """"Forecast" alone names the briefing, a thing; "forecast for the morning" is what was
    expected. When the briefing was issued is the time that went out, not a sentence that
    mentions another time."""
    with closing(engine_over(tmp_path, "briefing", BRIEFING)) as eng:
        features = {f.id: eng.matcher.fact_terms(f).features for f in eng.store.facts()}
        assert "planned" not in features["briefing-issued"]
        assert "planned" in features["front-due"]
        result = eng.match("wat time was the briefing issued")
        assert [s.fact.id for s in result.facts] == ["briefing-issued"]


PUMP = MAIN + """\
  - id: pump-flooded
    event: corvel-main-burst-2026
    source: rivet-2026-01-22
    kind: time
    label: "Harbour pump station flooded"
    time: 2026-01-22T07:05:00+01:00
    reported_by: "the water board"
    text: "The harbour pump station flooded at 7:05 a.m."
"""


def test_when_did_it_do_something_asks_the_moment_of_that_verb(tmp_path: Path):
    # "when did the pump station open": not the moment it flooded, the one time it has
    with closing(engine_over(tmp_path, "pump", PUMP)) as eng:
        assert eng.match("when did the harbour pump station flood").status == "answer"
        assert eng.match("when did the harbour pump station open").status != "answer"
