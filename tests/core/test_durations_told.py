"""Durations a report tells in several clock units ("2 hours 15 minutes", "2:19:48"): stored
once, shown back as told, converted when asked, exported as written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.core.engine import Engine
from tests.conftest import engine_over

RACE = """\
events:
  - id: varna-marathon-2026
    title: "Varna city marathon"
    when: 2026-04-12T08:00:00+02:00
    where: "Varna, Ostrel"
sources:
  - id: runwire-2026-04-12
    title: "Ostrel record falls in Varna"
    publisher: "Runwire"
    published: 2026-04-12
facts:
  - id: varna-winning-time
    event: varna-marathon-2026
    source: runwire-2026-04-12
    kind: measurement
    label: "Winning time of Mira Tessel"
    values: ["2:19:48"]
    reported_by: "the race organisers"
    text: "Mira Tessel won in 2:19:48, a national record."
  - id: varna-course-closure
    event: varna-marathon-2026
    source: runwire-2026-04-12
    kind: measurement
    label: "Time the city centre was closed to traffic"
    values: ["6 h 30 min"]
    reported_by: "Varna city council"
    text: "The council said the city centre was closed to traffic for six and a half hours."
"""


@pytest.fixture
def race(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "race", RACE)
    yield eng
    eng.close()


def test_a_race_time_is_told_as_a_clock(race: Engine):
    answer = race.ask("what was tessels winning time")
    assert answer.answered, answer.text
    assert "2:19:48" in answer.text


def test_a_duration_in_hours_and_minutes_is_told_so_and_converted_when_asked(race: Engine):
    assert "6 hours 30 minutes" in race.ask("how long was the city centre closed").text
    assert "390 minutes" in race.ask("how many minutes was the city centre closed").text


def test_export_writes_the_duration_as_told(race: Engine):
    facts = {f["id"]: f for f in yaml.safe_load(race.export_yaml())["facts"]}
    assert facts["varna-winning-time"]["values"] == ["2:19:48"]
    assert facts["varna-course-closure"]["values"] == ["6 hours 30 minutes"]
