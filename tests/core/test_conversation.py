"""Several reported events in one server: a question that names none is read in the event
its conversation is about, and, with none, one that two events answer alike asks which."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.conversation import Conversation
from bot.core.engine import Engine
from bot.core.gaps import Asking
from bot.core.models import Answer, Event
from tests.conftest import engine_beside_shipped

ROCKET = """\
events:
  - id: corvan-rocket-2026
    title: "Corvan-3 rocket fails after liftoff from Veskara"
    when: 2026-03-12T09:14:00+03:00
    where: "Tarsk spaceport, Veskara"
sources:
  - id: spacewire-2026-03-12
    title: "Corvan-3 lost after liftoff"
    publisher: "Space Wire"
    published: 2026-03-12
facts:
  - id: corvan-liftoff
    event: corvan-rocket-2026
    source: spacewire-2026-03-12
    kind: time
    attribute: launch_time
    time: 2026-03-12T09:14:00+03:00
    reported_by: "the Veskaran space agency"
    text: "The agency said the rocket lifted off at 9:14 a.m."
    keywords: [liftoff, launch time, when did it launch]
  - id: corvan-range
    event: corvan-rocket-2026
    source: spacewire-2026-03-12
    kind: measurement
    attribute: range
    values: ["310 km"]
    reported_by: "the Veskaran space agency"
    text: "The agency said the rocket flew about 310 km downrange before it broke up."
    keywords: [how far, distance]
"""

LAUNCH = "wonsan-launch-2022-11-17"
ROCKET_EVENT = "corvan-rocket-2026"


@pytest.fixture
def two_launches(tmp_path: Path) -> Iterator[Engine]:
    with closing(engine_beside_shipped(tmp_path, "rocket", ROCKET)) as eng:
        yield eng


def test_two_events_that_answer_alike_ask_which_is_meant(two_launches: Engine):
    result = two_launches.match("how far did it fly")
    assert result.status == "choose_event"
    assert {e.id for e in result.events_to_choose} == {LAUNCH, ROCKET_EVENT}


@pytest.mark.parametrize(("context", "figure"), [(LAUNCH, "240 km"), (ROCKET_EVENT, "310 km")])
def test_the_conversations_event_says_which(two_launches: Engine, context: str, figure: str):
    answer = two_launches.ask("how far did it fly", context=context)
    assert answer.answered and figure in answer.text


def test_an_event_the_question_names_wins_over_the_conversations(two_launches: Engine):
    result = two_launches.match("how far did the corvan rocket fly", context=LAUNCH)
    assert result.status == "answer" and result.facts[0].fact.id == "corvan-range"


def test_an_event_with_nothing_close_to_offer_leaves_the_question_to_the_others(
        two_launches: Engine):
    # the conversation is about the rocket; only the launch report names a foreign minister
    result = two_launches.match("who is north korea's foreign minister", context=ROCKET_EVENT)
    assert result.status == "answer" and result.facts[0].fact.event == LAUNCH


def _asking(channel: int) -> Asking:
    return Asking(guild_id=None, channel_id=channel, user_id=7)


SWARM = """\
events:
  - id: brennel-swarm-2026
    title: "Locust swarm strips the Brennel plain"
    when: 2026-04-02
    where: "Brennel plain"
sources:
  - id: farmwire-2026-04-03
    title: "Swarm reaches Brennel"
    publisher: "Farm Wire"
    published: 2026-04-03
facts:
  - id: swarm-day-travel
    event: brennel-swarm-2026
    source: farmwire-2026-04-03
    kind: measurement
    label: "Distance a swarm can travel in one day with a tail wind"
    values: ["130 km"]
    reported_by: "the plant protection service"
    text: "The service said a swarm can fly about 130 km in a day with the wind behind it."
    keywords: [how far, fly, per day]
"""


def test_a_report_whose_fact_holds_every_word_asks_which_event(tmp_path: Path):
    # the swarm's labelled figure scores below the missile's range (its label says more than
    # is asked), yet it holds every word of the question as well: which news is meant is open
    with closing(engine_beside_shipped(tmp_path, "swarm", SWARM)) as eng:
        result = eng.match("how far can they fly")
        assert result.status == "choose_event", result
        assert {e.id for e in result.events_to_choose} == {LAUNCH, "brennel-swarm-2026"}
        answer = eng.ask("how far can they fly", context="brennel-swarm-2026")
        assert answer.answered and "130 km" in answer.text and "240" not in answer.text
        # "in a day": the missile's range says nothing of a day; the swarm's figure does
        answer = eng.ask("how far can they fly in a day")
        assert answer.answered and "130 km" in answer.text and "240" not in answer.text


BLAZE = """\
events:
  - id: krasnel-pipeline-2025
    title: "Gas pipeline rupture near Krasnel"
    when: 2025-03-11
    where: "Krasnel"
sources:
  - id: gaswire-2025-03-11
    title: "Pipeline burns near Krasnel"
    publisher: "Gas Wire"
    published: 2025-03-11
facts:
  - id: blaze-height-service
    event: krasnel-pipeline-2025
    source: gaswire-2025-03-11
    kind: measurement
    attribute: height
    label: "Flame height in the first hour (fire service)"
    values: ["100 m"]
    reported_by: "fire chief Dusan Mirek"
    text: "Fire chief Dusan Mirek said the flames rose to about 100 metres in the first hour."
  - id: blaze-operator
    event: krasnel-pipeline-2025
    source: gaswire-2025-03-11
    kind: claim
    reported_by: "Gas Wire"
    text: "The line is run by Ostragaz, which said it had shut the valves on both sides."
"""


def test_the_report_with_more_of_the_questions_words_is_the_one_asked_about(
        tmp_path: Path):
    # the missile's altitude scores best (its attribute is asked, and its report has
    # "fired" and "Joint Chiefs"); only the pipeline's report also has flames and Ostragaz
    with closing(engine_beside_shipped(tmp_path, "blaze", BLAZE)) as eng:
        result = eng.match("fire chief vs ostragaz on flame height, in feet")
        # (the flame height scores just under the answer threshold: "did you mean" it)
        assert result.status == "suggest", result
        assert result.suggestions[0].fact.id == "blaze-height-service"
        # and a question with the missile's own words stays with the missile
        result = eng.match("how high did the missile fly")
        assert result.status == "answer" and result.facts[0].fact.id == "wonsan-max-altitude"


def test_a_channel_goes_on_in_the_event_it_was_answered_about(two_launches: Engine):
    now = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
    two_launches.clock = lambda: now
    first = two_launches.ask_recorded("when did the corvan rocket lift off", asking=_asking(1))
    assert first.answer.answered
    then = two_launches.ask_recorded("how far did it fly", asking=_asking(1))
    assert "310 km" in then.answer.text  # the rocket, as the channel was talking about
    elsewhere = two_launches.ask_recorded("how far did it fly", asking=_asking(2))
    assert elsewhere.answer.events_to_choose  # another channel has no conversation
    now += timedelta(minutes=two_launches.loop_options.context_minutes + 1)
    later = two_launches.ask_recorded("how far did it fly", asking=_asking(1))
    assert later.answer.events_to_choose  # the conversation has gone cold


def test_no_context_when_it_is_turned_off(two_launches: Engine):
    two_launches.loop_options.context_minutes = 0
    two_launches.ask_recorded("when did the corvan rocket lift off", asking=_asking(1))
    assert two_launches.ask_recorded("how far did it fly",
                                     asking=_asking(1)).answer.events_to_choose


def test_a_console_conversation_remembers_the_last_answered_event_for_a_while():
    at = [0.0]
    talk = Conversation(minutes=30, clock=lambda: at[0])
    assert talk.context() is None

    rocket = Event(id=ROCKET_EVENT, title="Corvan-3 rocket fails")
    answered = Answer(question="q", answered=True, text="t", confidence=0.9, event=rocket)
    # an abstention says nothing of what the conversation is about
    talk.heard(Answer(question="q", answered=False, text="no", confidence=0.1, event=rocket))
    assert talk.context() is None
    talk.heard(answered)
    at[0] = 29 * 60
    assert talk.context() == ROCKET_EVENT
    at[0] = 31 * 60
    assert talk.context() is None
    off = Conversation(minutes=0, clock=lambda: at[0])
    off.heard(answered)
    assert off.context() is None
