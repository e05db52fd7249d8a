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
