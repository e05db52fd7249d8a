"""Two questions in one message: each part is asked on its own, and the message is
answered when every part is.

Our own fictional tunnel-fire report. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching.compound import split_parts
from tests.conftest import engine_over

TUNNEL = """\
events:
  - id: ossel-tunnel-fire-2026
    title: "Lorry fire in the Ossel road tunnel"
    when: 2026-03-09T07:50:00+01:00
    timezone: "+01:00"
    where: "Ossel tunnel, Brannock valley"
sources:
  - id: valley-news-2026-03-09
    title: "Tunnel fire traps drivers"
    publisher: "Valley News"
    published: 2026-03-09
facts:
  - id: tunnel-evacuated
    event: ossel-tunnel-fire-2026
    source: valley-news-2026-03-09
    kind: measurement
    attribute: evacuated
    values: ["about 340"]
    reported_by: "the Brannock fire service"
    text: "The fire service said about 340 drivers and passengers were led out on foot."
  - id: tunnel-hospital
    event: ossel-tunnel-fire-2026
    source: valley-news-2026-03-09
    kind: measurement
    label: "Taken to hospital with smoke inhalation"
    values: ["27"]
    reported_by: "the Brannock fire service"
    text: "Twenty-seven people were taken to hospital with smoke inhalation."
  - id: tunnel-closed-until
    event: ossel-tunnel-fire-2026
    source: valley-news-2026-03-09
    kind: claim
    reported_by: "the roads authority"
    text: "The roads authority said the tunnel would stay shut for at least a week."
"""


@pytest.fixture(scope="module")
def tunnel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("tunnel"), "tunnel", TUNNEL)
    yield eng
    eng.close()


@pytest.mark.parametrize(("message", "parts"), [
    ("how many got out n how many went to hospital",
     ["how many got out", "how many went to hospital"]),
    ("evacuated total + how many in hospital??", ["evacuated total", "how many in hospital??"]),
    ("when and where did it start", ["when did it start", "where did it start"]),
    ("how far did it fly, and how high did it go", ["how far did it fly", "how high did it go"]),
    ("how many cars and trucks burned", ["how many cars and trucks burned"]),
    ("who is the mayor and why", ["who is the mayor and why"]),
    ("when did they close it and where", ["when did they close it and where"]),
    ("closing speeches last between 5 and how many minutes",
     ["closing speeches last between 5 and how many minutes"]),
])
def test_a_message_splits_where_a_second_question_begins(message: str, parts: list[str]):
    assert split_parts(message) == parts


def test_each_part_is_answered_in_turn_with_its_own_citation(tunnel: Engine):
    message = "how many were evacuated n how many went to hospital"
    result = tunnel.match(message)
    assert result.status == "answer"
    assert [[s.fact.id for s in p.facts] for p in result.parts] == [
        ["tunnel-evacuated"], ["tunnel-hospital"]]
    answer = tunnel.ask(message)
    lines = answer.text.splitlines()
    assert len(lines) == 2
    assert "340" in lines[0] and "[1]" in lines[0]
    assert "27" in lines[1] and "[1]" in lines[1]  # one source: one citation number
    assert [f.fact.id for f in answer.facts] == ["tunnel-evacuated", "tunnel-hospital"]


def test_a_part_nothing_answers_is_said_to_be_unanswered(tunnel: Engine):
    message = "how many were evacuated and how many firefighters were hurt"
    result = tunnel.match(message)
    assert [s.fact.id for s in result.facts] == ["tunnel-evacuated"]
    assert result.unanswered == ("how many firefighters were hurt",)
    lines = tunnel.ask(message).text.splitlines()
    assert "340" in lines[0]
    assert lines[1] == "Nothing reported clearly answers “how many firefighters were hurt”."


def test_a_message_no_part_of_which_is_answered_is_not_answered(tunnel: Engine):
    result = tunnel.match("how many firefighters were hurt and who owns the lorry")
    assert result.status != "answer"


def test_a_part_about_the_others_answer_is_not_answered_alone(tunnel: Engine):
    # "that" is the first part's answer, which nothing gives
    result = tunnel.match("what did the mayor say and whats that in english")
    assert result.status != "answer"


SHELTER = """\
  - id: tunnel-shelter
    event: ossel-tunnel-fire-2026
    source: valley-news-2026-03-09
    kind: place
    attribute: location
    place: "Brannock sports hall"
    reported_by: "the Brannock fire service"
    text: "Drivers led out of the tunnel were taken to the Brannock sports hall."
"""


def test_a_part_with_nothing_but_its_form_is_not_answered_alone(tmp_path: Path):
    # "where did they go": "they" are what the first part asks of, which nothing gives; the
    # drivers' shelter is not where the firefighters went
    with closing(engine_over(tmp_path, "tunnel", TUNNEL + SHELTER)) as eng:
        assert eng.match("where did they go").status == "answer"
        result = eng.match("how many firefighters were hurt n where did they go")
        assert result.status != "answer"


@pytest.mark.parametrize(("message", "parts"), [
    ("who's the fire chief and what did she say",
     ["who's the fire chief", "what did the fire chief say"]),
    ("whos ada kern and why is he angry", ["whos ada kern", "why is ada kern angry"]),
    ("who is the mayor and what was her plan", ["who is the mayor",
                                                "what was the mayor's plan"]),
    ("how many died and who said it", ["how many died", "who said it"]),
])
def test_he_or_she_in_a_later_part_is_whom_the_who_part_asks_about(
        message: str, parts: list[str]):
    assert split_parts(message) == parts


def test_a_part_the_first_already_answers_adds_nothing(tunnel: Engine):
    result = tunnel.match("how many were evacuated and how many were evacuated")
    assert not result.parts
    assert [s.fact.id for s in result.facts] == ["tunnel-evacuated"]


MEASURES = frozenset({"range", "altitude", "deaths"})


@pytest.mark.parametrize(("message", "parts"), [
    ("what were the range and altitude", ["what were the range", "what were the altitude"]),
    ("range n altitude in miles?", ["range in miles?", "altitude in miles?"]),
    ("how many cars and trucks burned", ["how many cars and trucks burned"]),  # no measures
    ("range and range", ["range and range"]),
])
def test_two_figures_words_joined_ask_each_figure(message: str, parts: list[str]):
    assert split_parts(message, MEASURES) == parts


def test_a_mistyped_figures_word_is_read_as_the_measure_it_is():
    """"the range and aetitude": the typo is read before the two are told apart."""
    fixes = {"aetitude": "altitude"}
    assert split_parts("what were the range and aetitude", MEASURES, fixes.get) == [
        "what were the range", "what were the altitude"]
    assert split_parts("what were the range and aetitude", MEASURES) == [
        "what were the range and aetitude"]


def test_two_measures_asked_together_are_each_answered(engine: Engine):
    """Over the shipped facts: "the range and altitude" gives both figures, each with its
    label; a place word is no measure ("where and ...")."""
    result = engine.match("what were the range and altitude")
    assert result.status == "answer"
    assert [[s.fact.id for s in p.facts] for p in result.parts] == [
        ["wonsan-range"], ["wonsan-max-altitude"]]
    assert "where" not in engine.matcher.measures
    typed = engine.match("what were the range and aetitude")  # (the typo is read first)
    assert [[s.fact.id for s in p.facts] for p in typed.parts] == [
        ["wonsan-range"], ["wonsan-max-altitude"]]


CORDON = """\
events:
  - id: brell-cordon-2026
    title: "Army seals off the Brell hills after an ambush"
    when: 2026-06-02
    where: "Brell hills"
sources:
  - id: hillpost-2026-06-02
    title: "Army moves into the Brell hills"
    publisher: "Hillpost"
    published: 2026-06-02
facts:
  - id: soldiers-sent
    event: brell-cordon-2026
    source: hillpost-2026-06-02
    kind: measurement
    label: "Soldiers deployed"
    values: ["2,100"]
    reported_by: "the army"
    text: "The army said it had sent 2,100 soldiers to the hills."
  - id: drones-sent
    event: brell-cordon-2026
    source: hillpost-2026-06-02
    kind: measurement
    label: "Drones deployed"
    values: ["14"]
    reported_by: "the army"
    text: "The army said it had sent 14 drones to watch the roads out of the hills."
  - id: carts-and-mules
    event: brell-cordon-2026
    source: hillpost-2026-06-02
    kind: measurement
    label: "Carts and mules seized"
    values: ["37"]
    reported_by: "the army"
    text: "Soldiers seized 37 carts and mules at the checkpoints."
"""


def test_two_things_counted_apart_are_each_counted(tmp_path: Path):
    """"how many soldiers n drones": each has its own count, which no fact gives together,
    so each is asked; "carts and mules" are counted together by one fact, so stay one."""
    with closing(engine_over(tmp_path, "cordon", CORDON)) as eng:
        result = eng.match("how many soldiers n drones did the army send")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["soldiers-sent", "drones-sent"]
        assert [s.fact.id for s in eng.match("how many carts and mules were seized").facts] \
            == ["carts-and-mules"]
