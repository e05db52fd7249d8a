""""How long is the X": a length or a duration, as X's facts say.

Our own fictional report of a ferry that ran aground in a strait. None of its words are in
the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.engine import Engine
from bot.core.matching.scoring import Hit
from tests.conftest import engine_beside_shipped, engine_over

STRAIT = """\
events:
  - id: orsk-strait-grounding-2026
    title: "Ferry runs aground in the Orsk strait"
    when: 2026-03-02
sources:
  - id: harbourline-2026-03-03
    title: "Ferry aground in the Orsk strait"
    publisher: "Harbourline"
    published: 2026-03-03
facts:
  - id: strait-length
    event: orsk-strait-grounding-2026
    source: harbourline-2026-03-03
    kind: measurement
    label: "Length of the Orsk strait"
    values: ["38 km"]
    reported_by: "Harbourline"
    text: "The Orsk strait runs for 38 km between the two islands."
  - id: strait-closure
    event: orsk-strait-grounding-2026
    source: harbourline-2026-03-03
    kind: measurement
    attribute: duration
    label: "Expected closure of the strait"
    values: ["3 days"]
    reported_by: "the port authority"
    text: "The port authority expects the strait to stay closed for three days."
  - id: ferry-drift
    event: orsk-strait-grounding-2026
    source: harbourline-2026-03-03
    kind: measurement
    attribute: range
    label: "Distance the ferry drifted after losing power"
    values: ["6 km"]
    reported_by: "the coastguard"
    text: "The ferry drifted about 6 km after losing power before it grounded."
  - id: ferry-sheen
    event: orsk-strait-grounding-2026
    source: harbourline-2026-03-03
    kind: measurement
    label: "Oil sheen around the ferry"
    values: ["300 m"]
    reported_by: "the coastguard"
    text: "A thin oil sheen spread up to 300 m from the hull."
  - id: ferry-flight-time
    event: orsk-strait-grounding-2026
    source: harbourline-2026-03-03
    kind: measurement
    attribute: duration
    label: "Time the rescue helicopter was in the air"
    values: ["95 minutes"]
    reported_by: "the coastguard"
    text: "The coastguard helicopter was in the air for 95 minutes over the strait."
"""


@pytest.fixture(scope="module")
def strait(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("strait"), "strait", STRAIT)
    yield eng
    eng.close()


def _ids(eng: Engine, question: str) -> list[str]:
    return [s.fact.id for s in eng.match(question).facts]


@pytest.mark.parametrize("question", [
    "how long is the strait",
    "how long's the orsk strait",
    "how long is that strait in miles",
])
def test_how_long_is_a_thing_asks_its_length(strait: Engine, question: str):
    assert _ids(strait, question) == ["strait-length"]


@pytest.mark.parametrize(("question", "expected"), [
    ("how long will the strait be closed", "strait-closure"),
    ("how long was the helicopter in the air", "ferry-flight-time"),
])
def test_how_long_with_a_verb_of_time_asks_a_duration(strait: Engine, question: str,
                                                      expected: str):
    assert _ids(strait, question) == [expected]


def test_with_a_unit_asked_a_length_is_any_figure_of_that_dimension(strait: Engine):
    # "how long was the drift in miles": the distance drifted, though the lexicon's length
    # is the extent of a thing and a drift is a distance travelled
    assert _ids(strait, "how long was the drift in miles") == ["ferry-drift"]


def test_a_figure_no_attribute_names_answers_how_far_in_a_unit(strait: Engine):
    # "Oil sheen around the ferry" (300 m) names no attribute: its dimension's fallback
    # (a length) lets "how far ... in feet" find it
    assert _ids(strait, "how far did the oil sheen spread, in feet pls") == ["ferry-sheen"]
    assert "984 feet" in strait.ask("how far did the oil sheen spread, in feet pls").text


@pytest.fixture(scope="module")
def strait_and_missile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_beside_shipped(tmp_path_factory.mktemp("strait2"), "strait", STRAIT)
    yield eng
    eng.close()


def test_how_many_miles_asks_a_length_not_how_far_something_flew(strait_and_missile: Engine):
    # "how many miles" names a unit, which any length has: it is no cue of the distance a
    # missile flew, so beside the shipped launch the strait's own words decide
    eng = strait_and_missile
    assert not eng.matcher.analyse("the orsk strait is how many miles").attributes
    assert _ids(eng, "the orsk strait is how many miles") == ["strait-length"]


def test_a_distance_covered_is_asked_as_such(strait_and_missile: Engine):
    assert _ids(strait_and_missile, "how many miles did the missile cover") == ["wonsan-range"]


RACE = """\
events:
  - id: velm-cycle-race-2026
    title: "Rider collapses in the Velm cycle classic"
    when: 2026-06-07
sources:
  - id: velm-post-2026-06-08
    title: "Rider collapses in Velm race"
    publisher: "Velm Post"
    published: 2026-06-08
facts:
  - id: race-collapse-place
    event: velm-cycle-race-2026
    source: velm-post-2026-06-08
    kind: place
    attribute: location
    label: "Where the rider collapsed"
    place: "near the 40-km mark on Mill Road"
    reported_by: "the race doctor"
    text: "The rider collapsed close to the 40-km mark, on Mill Road."
"""


def test_a_figure_with_none_of_the_words_is_no_answer_when_another_fact_has_them(
        tmp_path_factory: pytest.TempPathFactory):
    # "where'd he collapse, how far in miles": when the missile's range (a length, and
    # nothing else asked) leads a fact that has the question's word, the range is offered,
    # not given; with no such fact behind it, it may answer
    eng = engine_beside_shipped(tmp_path_factory.mktemp("race"), "race", RACE)
    try:
        q = eng.matcher.analyse("where'd he collapse, how far in miles is that")
        docs = eng.matcher.index.docs
        ranged = Hit(docs["wonsan-range"], 0.56, 0.70)
        collapse = Hit(docs["race-collapse-place"], 0.34, 0.96)
        decider = eng.matcher.decider
        assert decider._only_the_form_held(q, ranged, [ranged, collapse])
        assert not decider._only_the_form_held(q, ranged, [ranged])
        assert not decider._only_the_form_held(q, collapse, [collapse, ranged])
        result = eng.match("where'd he collapse, how far in miles is that")
        assert result.status != "answer" or [s.fact.id for s in result.facts] == [
            "race-collapse-place"]
    finally:
        eng.close()


@pytest.mark.parametrize("question", [
    "the strait is how long, like 40 km?",
    "how long is the orsk strait, maybe 40 km",
])
def test_a_figure_the_asker_guesses_is_no_word_of_the_answer(strait: Engine, question: str):
    # "like" is chat filler, dropped before the words are read: the guess is still a guess
    assert "40" not in {t.word for t in strait.matcher.analyse(question).terms}
    assert _ids(strait, question) == ["strait-length"]
