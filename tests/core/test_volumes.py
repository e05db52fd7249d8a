"""Volumes (water released, oil spilled) and flows (a spillway's discharge) asked in another
unit, and bare figures whose label names their unit in brackets.

Our own fictional report of a reservoir leak. None of its words are in the code or the
lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.engine import Engine
from bot.core.matching import Reason
from tests.conftest import engine_over

LEAK = """\
events:
  - id: pellow-reservoir-leak-2026
    title: "Pellow reservoir leaks into the Stram valley"
    when: 2026-07-09
sources:
  - id: valley-2026-07-10
    title: "Reservoir leak"
    publisher: "Valley Courier"
    published: 2026-07-10
facts:
  - id: water-lost
    event: pellow-reservoir-leak-2026
    source: valley-2026-07-10
    kind: measurement
    label: "Water lost (litres)"
    values: ["4.2 million"]
    approximate: true
    reported_by: "the water board"
    text: "The water board estimated that around 4.2 million litres of water escaped."
  - id: diesel-spilled
    event: pellow-reservoir-leak-2026
    source: valley-2026-07-10
    kind: measurement
    attribute: volume
    values: ["about 30 barrels"]
    reported_by: "the river agency"
    text: "The river agency said about 30 barrels of diesel from a pump house reached the river."
  - id: spillway-flow
    event: pellow-reservoir-leak-2026
    source: valley-2026-07-10
    kind: measurement
    label: "Water through the emergency spillway (cubic metres per second)"
    values: ["85"]
    reported_by: "the water board"
    text: "The water board said the emergency spillway was passing 85 cubic metres a second."
"""


@pytest.fixture(scope="module")
def leak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("leak"), "leak", LEAK)
    yield eng
    eng.close()


def test_a_bare_figure_converts_in_the_unit_its_label_names(leak: Engine):
    question = "how much water leaked out, in gallons pls"
    assert [s.fact.id for s in leak.match(question).facts] == ["water-lost"]
    text = leak.ask(question).text
    assert "Water lost: about 1.11 million gallons (4.2 million litres) [converted]" in text
    assert "(litres):" not in text  # the bracket said the unit; the figure says it now


def test_a_volume_is_asked_by_its_unit(leak: Engine):
    question = "how many litres of diesel got into the river"
    assert [s.fact.id for s in leak.match(question).facts] == ["diesel-spilled"]
    assert "about 4,770 litres (30 barrels)" in leak.ask(question).text


def test_a_volume_does_not_answer_a_mass(leak: Engine):
    result = leak.match("how many tonnes of diesel got into the river")
    assert result.status != "answer" and result.reason is Reason.NO_DIMENSION


def test_a_flow_is_asked_by_its_unit_and_converts(leak: Engine):
    """A flow is no volume: "cubic metres per sec" asks the spillway's 85 m³/s (its label's
    long bracket names the unit), not the litres lost; and it converts to cubic feet."""
    question = "how many cubic metres per sec went through the spillway"
    assert [s.fact.id for s in leak.match(question).facts] == ["spillway-flow"]
    text = leak.ask("spillway flow in cubic feet per second?").text
    assert "Water through the emergency spillway: 3,000 cubic feet per second (85 m³/s)" \
        in text
    assert leak.match("how many cubic metres of water were lost").facts[0].fact.id \
        == "water-lost"
