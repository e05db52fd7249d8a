"""Who is to blame: a cause asked of a person or a firm, in chat's words for the event.

Our own fictional stand-collapse report. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.engine import Engine
from bot.core.matching.query import AnswerType, TermClass
from tests.conftest import engine_over

STAND = """\
events:
  - id: pelgrove-stand-collapse-2026
    title: "Spectator stand collapses at the Pelgrove county show"
    when: 2026-07-18
    where: "Pelgrove"
    aliases: ["the Pelgrove stand collapse"]
sources:
  - id: valewire-2026-07-19
    title: "Stand gives way at county show"
    publisher: "Valewire"
    published: 2026-07-19
facts:
  - id: collapse-cause
    event: pelgrove-stand-collapse-2026
    source: valewire-2026-07-19
    kind: claim
    reported_by: "the county safety office"
    text: "The county safety office blamed Brackley Staging for bolting the stand's
      frame with too few braces."
  - id: stand-size
    event: pelgrove-stand-collapse-2026
    source: valewire-2026-07-19
    kind: measurement
    label: "Seats in the stand"
    values: ["640"]
    reported_by: "Valewire"
    text: "The stand held 640 seats."
  - id: organiser-quote
    event: pelgrove-stand-collapse-2026
    source: valewire-2026-07-19
    kind: statement
    speaker: "Orla Fenn, chair of the show committee"
    quote: "We will pay for every family's hospital bills."
    reported_by: "Valewire"
    text: "Orla Fenn, chair of the show committee, said the show would pay every
      family's hospital bills."
"""


@pytest.fixture(scope="module")
def stand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("stand"), "stand", STAND)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "who is to blame for the stand collapse",
    "whos to blame for this mess lol",
])
def test_who_is_to_blame_asks_the_cause_not_who_a_person_is(stand: Engine, question: str):
    q = stand.matcher.analyse(question)
    assert q.answer_type is AnswerType.WHO  # not "who is <someone>": a role
    assert [s.fact.id for s in stand.match(question).facts] == ["collapse-cause"]


def test_this_and_a_word_no_fact_has_is_the_asker_naming_the_event(stand: Engine):
    """"This mess": the event in the asker's words. A rare thing no fact names still
    counts ("this submarine")."""
    kinds = {t.word: t.kind for t in stand.matcher.analyse(
        "who is to blame for this mess").terms}
    assert kinds["mess"] is TermClass.LIGHT
    q = stand.matcher.analyse("who is to blame for this submarine")
    assert {t.word: t.kind for t in q.terms}["submarine"] is TermClass.CONTENT
    assert "submarine" in q.unknown


FROST = """\
events:
  - id: varn-cold-snap-2026
    title: "Cold snap grips Varn"
    when: 2026-01-08
    timezone: "+01:00"
sources:
  - id: north-daily-2026-01-09
    title: "Three dead as cold grips Varn"
    publisher: "North Daily"
    published: 2026-01-09
facts:
  - id: varn-deaths
    event: varn-cold-snap-2026
    source: north-daily-2026-01-09
    kind: measurement
    attribute: deaths
    values: ["3"]
    reported_by: "the police"
    text: "Police said three people had died in the cold snap."
  - id: varn-tent
    event: varn-cold-snap-2026
    source: north-daily-2026-01-09
    kind: claim
    reported_by: "the police"
    text: "Two hikers found in a tent died of hypothermia after their stove failed."
  - id: varn-roof
    event: varn-cold-snap-2026
    source: north-daily-2026-01-09
    kind: claim
    reported_by: "the police"
    text: "An 80-year-old man died after falling from an icy roof he was clearing."
"""


@pytest.fixture(scope="module")
def frost(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("frost"), "frost", FROST)
    yield eng
    eng.close()


@pytest.mark.parametrize(("question", "fact_id"), [
    ("how did the 2 hikers in the tent die", "varn-tent"),
    ("how did the man on the roof get killed", "varn-roof"),
])
def test_how_someone_died_asks_what_killed_them(frost: Engine, question: str, fact_id: str):
    """"How did X die": the manner of a death is its cause, not the toll."""
    assert frost.matcher.analyse(question).answer_type is AnswerType.REASON
    assert [s.fact.id for s in frost.match(question).facts] == [fact_id]


def test_how_many_died_is_still_the_toll(frost: Engine):
    assert [s.fact.id for s in frost.match("how many died").facts] == ["varn-deaths"]


def test_an_age_in_the_text_answers_how_old(frost: Engine):
    """"An 80-year-old man": an age, in years, as "aged 80" is."""
    result = frost.match("how old was the man who fell off the roof")
    assert [s.fact.id for s in result.facts] == ["varn-roof"]
