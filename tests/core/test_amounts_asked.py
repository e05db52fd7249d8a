""""How much" asked of a change or of time: how much a price fell is its fall (a share or a
sum), not how long the fall took; "how much time" asks a length of time. "Where did the
index close" asks its level.

Our own fictional share-slump report. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.engine import Engine
from bot.core.matching.query import AnswerType
from tests.conftest import engine_over

SLUMP = """\
events:
  - id: tarvish-mills-slump-2026
    title: "Tarvish Mills shares slump on the Oxley exchange"
    when: 2026-08-03
    where: "Oxley"
    aliases: ["the Tarvish Mills slump"]
sources:
  - id: ledgerline-2026-08-03
    title: "Tarvish Mills shares tumble after flour recall"
    publisher: "Ledgerline"
    published: 2026-08-03
facts:
  - id: shares-fall
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: measurement
    label: "Fall in the Tarvish Mills share price"
    values: ["14%"]
    reported_by: "Ledgerline"
    text: "Tarvish Mills shares fell 14 percent after the recall was announced."
  - id: fall-length
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: measurement
    label: "Length of the share fall"
    values: ["25 min"]
    reported_by: "Ledgerline"
    text: "The fall in Tarvish Mills shares took 25 minutes."
  - id: suspension-length
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: measurement
    label: "Length of the suspension of Tarvish Mills shares"
    values: ["40 min"]
    reported_by: "the Oxley exchange"
    text: "The Oxley exchange suspended trading in Tarvish Mills shares for 40 minutes."
  - id: suspension-time
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: time
    label: "Tarvish Mills shares suspended"
    time: 2026-08-03T10:05:00+01:00
    reported_by: "the Oxley exchange"
    text: "The Oxley exchange suspended trading in Tarvish Mills shares at 10:05 a.m."
  - id: index-close
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: measurement
    label: "Oxley index closing level (points)"
    values: ["4,210.5"]
    reported_by: "Ledgerline"
    text: "The Oxley index closed the day at 4,210.5 points."
  - id: exchange-place
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: place
    attribute: location
    place: "the Oxley exchange"
    reported_by: "Ledgerline"
    text: "Tarvish Mills is listed on the Oxley exchange."
  - id: recall-fine
    event: tarvish-mills-slump-2026
    source: ledgerline-2026-08-03
    kind: measurement
    label: "Fine the food agency may impose on Tarvish Mills"
    values: ["$2 million"]
    reported_by: "the food agency"
    text: "The food agency said Tarvish Mills could be fined up to $2 million over the recall."
"""


@pytest.fixture(scope="module")
def slump(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("slump"), "slump", SLUMP)
    yield eng
    eng.close()


def _ids(eng: Engine, question: str) -> list[str]:
    return [s.fact.id for s in eng.match(question).facts]


@pytest.mark.parametrize("question", [
    "how much did tarvish mills shares fall",
    "how much did the tarvish shares drop??",
])
def test_how_much_something_fell_is_its_fall_not_a_sum_or_how_long(slump: Engine,
                                                                     question: str):
    """"How much did it fall" asks an amount of change: not money (no "how much did" cue
    of sums) and not the 25 minutes the fall took."""
    assert _ids(slump, question) == ["shares-fall"]


def test_how_much_time_asks_a_length_of_time(slump: Engine):
    """"How much time" is a length of time, not the clock time it began."""
    assert _ids(slump, "how much time were tarvish shares suspended for") \
        == ["suspension-length"]


def test_how_much_of_a_sum_still_asks_money(slump: Engine):
    assert _ids(slump, "how much could tarvish mills be fined") == ["recall-fine"]


@pytest.mark.parametrize("question", [
    "where did the oxley index close",
    "so where did the oxley index close in the end",
])
def test_where_a_price_or_an_index_closed_is_its_level_not_a_place(slump: Engine,
                                                                     question: str):
    assert slump.matcher.analyse(question).answer_type is not AnswerType.PLACE
    assert _ids(slump, question) == ["index-close"]


def test_where_something_happened_is_still_a_place(slump: Engine):
    assert slump.matcher.analyse("where is tarvish mills listed").answer_type \
        is AnswerType.PLACE


@pytest.mark.parametrize("question", [
    "how bad did tarvish mills shares fall",
    "how badly did the tarvish shares drop",
])
def test_how_bad_a_fall_was_is_its_size(slump: Engine, question: str):
    """"How bad" asks by how much, as "how much" does: "bad" is the form, not a word a fact
    must have (a quote about "bad times" does not answer it)."""
    query = slump.matcher.analyse(question)
    assert query.answer_type is AnswerType.NUMBER and query.asks_amount
    assert not {"bad", "badly"} & {t.word for t in query.content}
    assert _ids(slump, question) == ["shares-fall"]
