"""What a question asks when its words say an attempt ("who tried to buy it"), a time gone by
("back in 2014") or one kind of count ("how many were injured").

Our own fictional report of a brewery takeover fight, with an earlier bid recalled. None of
its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_beside_shipped

BREWERY = """\
events:
  - id: halden-brewery-bid-2026
    title: "Osterlund's bid for the Halden brewery"
    when: 2026-04-14
  - id: varne-halden-bid-2014
    title: "Varne's failed 2014 bid for Halden"
    when: 2014
    background_of: halden-brewery-bid-2026
  - id: halden-fire-2011
    title: "The 2011 fire at the Halden brewery"
    when: 2011
    background_of: halden-brewery-bid-2026
sources:
  - id: ledger-2026-04-15
    title: "Osterlund bids for Halden"
    publisher: "The Ledger"
    published: 2026-04-15
facts:
  - id: bid-value
    event: halden-brewery-bid-2026
    source: ledger-2026-04-15
    kind: measurement
    attribute: money
    label: "Value of Osterlund's offer"
    values: ["1.2 billion USD"]
    reported_by: "The Ledger"
    text: "Osterlund offered 1.2 billion dollars for the Halden brewery."
  - id: earlier-bidder
    event: varne-halden-bid-2014
    source: ledger-2026-04-15
    kind: claim
    reported_by: "The Ledger"
    text: "In 2014 the Varne group made a takeover attempt for Halden, which failed."
    about: [earlier takeover attempt]
  - id: night-shift
    event: halden-brewery-bid-2026
    source: ledger-2026-04-15
    kind: measurement
    attribute: count
    label: "Brewery staff on the night shift"
    values: ["45"]
    reported_by: "The Ledger"
    text: "Halden has 45 staff on its night shift."
  - id: fire-deaths
    event: halden-fire-2011
    source: ledger-2026-04-15
    kind: measurement
    attribute: deaths
    values: ["3"]
    reported_by: "The Ledger"
    text: "The 2011 fire at the Halden brewery killed three workers."
"""


@pytest.fixture(scope="module")
def brewery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_beside_shipped(tmp_path_factory.mktemp("brewery"), "brewery", BREWERY)
    yield eng
    eng.close()


def test_an_attempt_asks_who_did_what_was_attempted(brewery: Engine):
    # "tried to" is grammar: the one who made the takeover attempt did what "buy" says
    query = brewery.matcher.analyse("who tried to buy halden back in 2014")
    assert query.action == "buy"
    assert {t.word for t in query.terms} == {"buy", "halden", "2014"}
    result = brewery.match("who tried to buy halden back in 2014")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["earlier-bidder"]


def test_back_is_a_word_of_a_time_only_before_one():
    from bot.core.matching.query import _BACK_THEN_RE
    assert _BACK_THEN_RE.search("who ran it back in march")
    assert _BACK_THEN_RE.search("how bad was it back in '09")
    assert not _BACK_THEN_RE.search("when is the line back in service")


def test_a_count_of_another_kind_does_not_answer_the_kind_asked(brewery: Engine):
    # the earlier fire gives only its dead: "how many were injured" in it is not answered
    # by the death toll, whose words say nothing of injuries
    result = brewery.match("how many were injured in the halden fire in 2011")
    assert result.status != "answer"
    assert [s.fact.id for s in brewery.match(
        "how many were killed in the halden fire in 2011").facts] == ["fire-deaths"]


def test_how_many_people_had_to_do_something_needs_a_fact_of_it(brewery: Engine):
    # "how many people had to evacuate back in the 2011 fire": the people are counted by
    # what they did, and the fire's dead are no count of evacuees
    query = brewery.matcher.analyse("how many ppl had to evacuate back in the halden fire")
    assert query.action == "evacuate"
    assert brewery.match("how many ppl had to evacuate back in the halden fire in 2011"
                         ).status != "answer"
    assert [s.fact.id for s in brewery.match(
        "how many people died in the halden fire in 2011").facts] == ["fire-deaths"]
    # (a verb with its object, "lost power", is not what they are counted by)
    assert brewery.matcher.analyse("how many people lost power in the fire").action is None


def test_a_figure_ruled_out_at_the_end_does_not_answer(brewery: Engine):
    # "how many staff in all, not just the night shift": the night shift's 45 is the one
    # figure the question says it is not
    query = brewery.matcher.analyse("how many staff does halden have, not just the night shift")
    assert query.excluded and "night" not in {t.word for t in query.terms}
    assert brewery.match("how many staff does halden have, not just the night shift"
                         ).status != "answer"
    assert [s.fact.id for s in brewery.match(
        "how many staff on the night shift at halden").facts] == ["night-shift"]
