""""What happened?": the event asked of as a whole is told by the fact that says most of
its title, when no one fact is asked and the question names no part of it.

Our own fictional report of a grain-silo explosion that recalls an older one. None of its
words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_beside_shipped, engine_over
from tests.core.test_earlier_event_asked import SILO as EARLIER_SILO

# the events and source of test_earlier_event_asked's silo report, with facts of its own
SILO = EARLIER_SILO.split("facts:\n")[0] + """facts:
  - id: silo-blast
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: claim
    reported_by: "Quayside Daily"
    text: "A grain silo exploded at the Tarnow river port on Thursday afternoon."
  - id: silo-injured
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: injured
    label: "Dock workers hurt"
    values: ["11"]
    reported_by: "the port fire service"
    text: "The port fire service said 11 dock workers were hurt."
  - id: silo-dust
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: claim
    reported_by: "the port fire service"
    text: "Firefighters said grain dust had built up inside the silo for weeks."
  - id: brisk-deaths
    event: brisk-silo-1998
    source: quay-2026-09-04
    kind: measurement
    attribute: deaths
    values: ["6"]
    reported_by: "Quayside Daily"
    text: "Six men died in 1998 when dust ignited inside a grain elevator at Brisk harbour."
"""


@pytest.fixture(scope="module")
def silo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("silo"), "silo", SILO)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "what happened?",
    "wait a silo blew up?? wat happened",
    "what just happened at tarnow",
    "so what happened at the port",
])
def test_what_happened_is_told_by_the_fact_that_says_the_title(silo: Engine, question: str):
    result = silo.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["silo-blast"]
    assert "[1]" in silo.ask(question).text  # cited like any answer


def test_what_happened_to_someone_asks_their_fate_not_the_event(silo: Engine):
    result = silo.match("what happened to the dock workers")
    assert [s.fact.id for s in result.facts] != ["silo-blast"]


def test_a_part_of_the_event_no_fact_tells_is_not_answered_by_its_summary(silo: Engine):
    assert silo.match("what happened at the customs office").status != "answer"


def test_the_earlier_event_is_told_only_when_named(silo: Engine):
    result = silo.match("what happened at brisk harbour")
    assert [s.fact.id for s in result.facts] == ["brisk-deaths"]


def test_with_two_events_and_none_named_nothing_is_guessed(tmp_path: Path):
    eng = engine_beside_shipped(tmp_path, "silo", SILO)
    try:
        assert eng.match("what happened?").status != "answer"
        result = eng.match("what happened at tarnow")
        assert [s.fact.id for s in result.facts] == ["silo-blast"]
    finally:
        eng.close()
