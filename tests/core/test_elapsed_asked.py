""""How long between the two alarms", "how long after the gates opened was the crush
reported": the time from one reported moment to another, worked out from two times when
no reported length of time answers.

Our own fictional report of an arena evacuation. None of its words are in the code or the
lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.answer import elapsed_text
from bot.core.engine import Engine
from tests.conftest import engine_over

ARENA = """\
events:
  - id: fenwick-arena-evacuation-2026
    title: "Fenwick Arena evacuated during a concert"
    when: 2026-06-20T18:00:00+01:00
    timezone: "+01:00"
sources:
  - id: brightline-2026-06-21
    title: "Concert crowd led out of Fenwick Arena"
    publisher: "Brightline"
    published: 2026-06-21
facts:
  - id: gates-opened
    event: fenwick-arena-evacuation-2026
    source: brightline-2026-06-21
    kind: time
    label: "Arena gates opened"
    time: 2026-06-20T18:00:00+01:00
    reported_by: "the arena"
    text: "The arena opened its gates at 6 p.m."
  - id: first-alarm
    event: fenwick-arena-evacuation-2026
    source: brightline-2026-06-21
    kind: time
    label: "First smoke alarm"
    time: 2026-06-20T20:05:00+01:00
    reported_by: "the fire service"
    text: "A first smoke alarm went off in the east stand at 8:05 p.m."
  - id: second-alarm
    event: fenwick-arena-evacuation-2026
    source: brightline-2026-06-21
    kind: time
    label: "Second smoke alarm"
    time: 2026-06-20T20:40:00+01:00
    reported_by: "the fire service"
    text: "A second smoke alarm sounded in the west stand at 8:40 p.m."
  - id: crush-reported
    event: fenwick-arena-evacuation-2026
    source: brightline-2026-06-21
    kind: time
    label: "Crush at the north stairs reported"
    time: 2026-06-20T21:12:00+01:00
    reported_by: "the ambulance service"
    text: "The ambulance service was told of a crush on the north stairs at 9:12 p.m."
  - id: evacuation-length
    event: fenwick-arena-evacuation-2026
    source: brightline-2026-06-21
    kind: measurement
    attribute: duration
    label: "Time from the first alarm to the last spectator out"
    values: ["50 min"]
    reported_by: "the arena"
    text: "The arena said the last spectator was out 50 minutes after the first alarm."
"""


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("arena"), "arena", ARENA)
    yield eng
    eng.close()


def _ids(eng: Engine, question: str) -> list[str]:
    return sorted(s.fact.id for s in eng.match(question).facts)


def test_the_two_things_a_question_names_are_its_two_moments(arena: Engine):
    question = "how long between the two smoke alarms"
    assert arena.matcher.analyse(question).elapsed
    assert _ids(arena, question) == ["first-alarm", "second-alarm"]
    text = arena.ask(question).text
    assert text.startswith("From first smoke alarm to second smoke alarm: 35 minutes, "
                           "worked out from the two reported times."), text
    assert "20:05" in text and "20:40" in text  # each time, with whose it is


@pytest.mark.parametrize(("question", "said"), [
    ("how long after the gates opened was the crush on the stairs reported",
     "3 hours 12 minutes"),
    ("how long was it from the gates opening to the first smoke alarm", "2 hours 5 minutes"),
])
def test_the_words_either_side_say_which_moment_is_which(arena: Engine, question: str,
                                                           said: str):
    assert arena.match(question).status == "answer"
    assert f": {said}, worked out" in arena.ask(question).text


def test_a_unit_asked_gives_the_time_in_it(arena: Engine):
    text = arena.ask("how many minutes between the first smoke alarm and the crush").text
    assert "67 minutes" in text, text


def test_a_reported_length_of_time_that_answers_comes_first(arena: Engine):
    """The arena's own 50 minutes answers; no two times are worked out for it."""
    question = "how long after the first alarm was the last spectator out"
    assert _ids(arena, question) == ["evacuation-length"]


def test_a_how_long_without_two_moments_is_not_worked_out(arena: Engine):
    assert not arena.matcher.analyse("how long did the concert last").elapsed
    result = arena.match("how long between the two encores")
    assert result.status != "answer" or not result.difference


def test_a_length_of_time_is_said_as_people_say_it():
    assert elapsed_text(25 * 60) == "25 minutes"
    assert elapsed_text(70 * 60) == "1 hour 10 minutes"
    assert elapsed_text(2 * 86_400 + 3 * 3600 + 20 * 60) == "2 days 3 hours"
    assert elapsed_text(20) == "less than a minute"
