"""The dollar rate a report implies for its own currency ("a 2,500-dravik fine, about
$140"), and other sums in that currency told in dollars at it.

Our own fictional report of a harbour strike whose sums are in "crowls". None of its words
are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import Reason
from bot.core.models import Fact, Quantity
from bot.core.rates import (
    ImpliedRate,
    dollar_rate,
    implied_rate,
    in_dollars,
    local_currency,
    paired_rates,
    rate_of,
)
from tests.conftest import engine_over

HARBOUR = """\
events:
  - id: vessa-harbour-strike-2026
    title: "Dockers strike at Vessa harbour"
    when: 2026-05-04
sources:
  - id: quayside-2026-05-05
    title: "Vessa dockers walk out"
    publisher: "Quayside Daily"
    published: 2026-05-05
facts:
  - id: harbour-daily-loss
    event: vessa-harbour-strike-2026
    source: quayside-2026-05-05
    kind: measurement
    label: "Daily loss to the port (crowls)"
    values: ["3 million"]
    reported_by: "the port authority"
    text: "The port authority said the strike costs it 3 million crowls, about $180,000, a day."
  - id: harbour-strike-pay
    event: vessa-harbour-strike-2026
    source: quayside-2026-05-05
    kind: measurement
    label: "Strike pay per docker per week (crowls)"
    values: ["up to 4,000"]
    reported_by: "the dockers' union"
    text: "The union pays each striker up to 4,000 crowls a week."
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("harbour"), "harbour", HARBOUR)
    yield eng
    eng.close()


def _fact(label: str, value: float, text: str, fact_id: str = "f") -> Fact:
    return Fact(id=fact_id, event="e", source="s", kind="measurement", text=text,
                reported_by="r", label=label, quantities=(Quantity(value, ""),))


def test_a_figure_in_the_labels_currency_with_a_dollar_sum_beside_it_gives_a_rate():
    rate = rate_of(_fact("Fine (dravik)", 2500, "A 2,500-dravik fine, about $140."))
    assert rate == ImpliedRate("dravik", 140 / 2500, 2500, 140, "f", "e")
    assert rate.pair_text() == "2,500 dravik = $140"


@pytest.mark.parametrize("text", [
    "A 2,500-dravik fine.",  # no dollars
    "A 2,500-dravik fine, or $140, or $150 for a second offence.",  # which one?
])
def test_no_rate_without_one_dollar_sum(text: str):
    assert rate_of(_fact("Fine (dravik)", 2500, text)) is None


def test_a_currency_named_in_two_words_with_a_capital_is_found_either_way():
    """"(Velsian dorats)": a sentence writes "1.2 billion Velsian dorats" or "3.5 billion
    dorats"; both are the label's currency, and one gives the other its rate."""
    fund = _fact("Relief fund (Velsian dorats)", 1.2e9,
                 "The cabinet approved a fund of 1.2 billion Velsian dorats, about $315 million.",
                 "fund")
    damage = _fact("Damage estimate (Velsian dorats)", 3.5e9,
                   "The governor put the damage at 3.5 billion dorats.", "damage")
    assert local_currency(fund) == local_currency(damage) == "Velsian dorats"
    rate = implied_rate([fund, damage], "Velsian dorats")
    assert rate is not None and rate.fact_id == "fund"
    assert in_dollars(damage.quantities[0], rate) == Quantity(919e6, "USD")


def test_pairs_that_disagree_imply_no_rate():
    facts = [_fact("Fine (dravik)", 2500, "A 2,500-dravik fine, about $140.", "a"),
             _fact("Levy (dravik)", 1000, "A 1,000-dravik levy ($90).", "b")]
    assert implied_rate(facts, "dravik") is None
    assert implied_rate(facts[:1], "dravik") is not None


def test_a_converted_sum_is_no_more_precise_than_its_figures():
    rate = ImpliedRate("dravik", 140 / 2500, 2500, 140, "f")
    assert in_dollars(Quantity(10_000, "", "up to"), rate) == Quantity(560, "USD", "up to")
    assert in_dollars(Quantity(4.2e9, ""), rate).value == 235e6  # three digits from 1,000


def test_a_sum_in_the_reports_currency_is_told_in_dollars_at_its_rate(harbour: Engine):
    question = "how much strike pay do dockers get in dollars"
    result = harbour.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["harbour-strike-pay"]
    text = harbour.ask(question).text
    assert "up to $240 (up to 4,000 crowls)" in text
    assert "[converted at the report's own rate: 3 million crowls = $180,000]" in text


def test_a_sum_the_asker_states_is_told_in_dollars(harbour: Engine):
    """The stated sum says which figure, however few of the label's words the question has
    (and a sum in the report's own currency is told at its rate)."""
    result = harbour.match("some guy on tv said 4000 crowls, wats that in usd")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["harbour-strike-pay"]


def test_a_number_in_millions_as_chat_writes_it_where_money_is_asked(harbour: Engine):
    """"3m crowls" is 3 million where money is asked; elsewhere "3m" may be metres."""
    assert harbour.matcher.analyse("port says 3m crowls, wats that in usd").words[2:4] \
        == ["3", "million"]
    assert "million" not in harbour.matcher.analyse("3m up, whats that in ft").words


def test_a_number_in_billions_as_chat_writes_it_is_billions_anywhere(harbour: Engine):
    """"2bn" is never metres: it is read as 2 billion even where no currency is named."""
    assert harbour.matcher.analyse("the 2bn loss, wats that in usd").words[1:3] \
        == ["2", "billion"]
    assert harbour.matcher.analyse("was it 1.5bln or less").words[2:4] == ["1.5", "billion"]


def test_no_rate_for_another_currency(harbour: Engine):
    assert harbour.match("how much strike pay do dockers get in euros").reason \
        is Reason.NO_UNIT


def test_without_a_dollar_pair_nothing_is_converted(tmp_path: Path):
    text = HARBOUR.replace(", about $180,000,", "")
    with closing(engine_over(tmp_path, "harbour", text)) as eng:
        assert eng.match("how much strike pay do dockers get in dollars").reason \
            is Reason.NO_UNIT


def test_a_sum_written_as_two_facts_gives_the_rate(tmp_path: Path):
    # the moderator wrote the daily loss twice, once in crowls and once in dollars
    text = HARBOUR.replace(", about $180,000,", "") + """\
  - id: harbour-daily-loss-usd
    event: vessa-harbour-strike-2026
    source: quayside-2026-05-05
    kind: measurement
    attribute: money
    label: "Daily loss to the port (US dollars)"
    values: ["$180,000"]
    reported_by: "the port authority"
    text: "That daily loss is about $180,000."
"""
    with closing(engine_over(tmp_path, "harbour", text)) as eng:
        answer = eng.ask("how much strike pay do dockers get in dollars").text
        assert "up to $240 (up to 4,000 crowls)" in answer
        assert "[converted at the report's own rate: 3 million crowls = $180,000]" in answer


def test_labels_that_differ_in_more_than_brackets_pair_no_sums():
    crowls = _fact("Daily loss (crowls)", 3e6, "A loss of 3 million crowls a day.", "a")
    dollars = Fact(id="b", event="e", source="s", kind="measurement", text="$90,000 a week.",
                   reported_by="r", label="Weekly loss (US dollars)",
                   quantities=(Quantity(90_000, "USD"),))
    assert paired_rates([crowls, dollars]) == []
    same = replace(dollars, label="Daily loss (US dollars)")
    assert paired_rates([crowls, same]) == [ImpliedRate("crowls", 0.03, 3e6, 90_000, "a", "e")]


def _dollar_fact(label: str, dollars: float, text: str, fact_id: str) -> Fact:
    return Fact(id=fact_id, event="e", source="s", kind="measurement", text=text,
                reported_by="r", label=label, quantities=(Quantity(dollars, "USD"),))


def test_a_dollar_figure_whose_sentence_gives_the_local_sum_gives_the_rate():
    fact = _dollar_fact("Cost estimate", 2.3e6,
                        "The report gave the city's 40 million marr estimate as about $2.3 "
                        "million.", "usd")
    assert dollar_rate(fact, "marr") == ImpliedRate("marr", 2.3e6 / 40e6, 40e6, 2.3e6, "usd", "e")
    assert dollar_rate(fact, "crowls") is None  # no sum in that currency
    two = replace(fact, text="Between 40 million marr and 60 million marr, about $2.3 million.")
    assert dollar_rate(two, "marr") is None  # which one?


def test_two_local_sums_under_one_label_pair_with_no_dollar_sum():
    # the city's and the ministry's estimates share a label: the dollar one is of either
    city = _fact("Cost estimate (marr)", 40e6, "The city put it at 40 million marr.", "city")
    ministry = _fact("Cost estimate (marr)", 95e6, "The ministry says 95 million marr.", "min")
    dollars = _dollar_fact("Cost estimate (US dollars)", 2.3e6, "About $2.3 million.", "usd")
    assert paired_rates([city, ministry, dollars]) == []


def test_a_sum_of_the_earlier_event_is_told_at_the_reports_rate(tmp_path: Path):
    text = HARBOUR.replace("    when: 2026-05-04\n", """\
    when: 2026-05-04
  - id: vessa-strike-2019
    title: "The 2019 Vessa dock strike"
    background_of: vessa-harbour-strike-2026
""") + """\
  - id: strike-2019-cost
    event: vessa-strike-2019
    source: quayside-2026-05-05
    kind: measurement
    label: "Cost of the 2019 strike (crowls)"
    values: ["20 million"]
    reported_by: "Quayside Daily"
    text: "The 2019 strike cost the port 20 million crowls."
"""
    with closing(engine_over(tmp_path, "harbour", text)) as eng:
        answer = eng.ask("how much did the 2019 strike cost in dollars").text
        assert "$1.2 million (20 million crowls)" in answer
        # (told at a rate given for the 2026 strike, and saying so)
        assert "that rate is of another event" in answer
        same_event = eng.ask("how much did this strike cost in dollars").text
        assert "another event" not in same_event


def test_a_sum_asked_in_the_reports_currency_is_not_answered_by_a_share(tmp_path: Path):
    """"How much are port fees, in crowls": the report gives only how much they rose (a
    share), which cannot be given in crowls; with the fee in crowls, it answers."""
    rise = HARBOUR + """\
  - id: port-fee-rise
    event: vessa-harbour-strike-2026
    source: quayside-2026-05-05
    kind: measurement
    label: "Rise in port fees"
    values: ["12%"]
    reported_by: "the port authority"
    text: "The port authority raised its fees by 12 percent."
"""
    (tmp_path / "a").mkdir()
    with closing(engine_over(tmp_path / "a", "harbour", rise)) as eng:
        assert eng.match("how much were port fees before the rise, in crowls").status \
            != "answer"
        assert [s.fact.id for s in eng.match("how much did port fees rise").facts] \
            == ["port-fee-rise"]


def test_a_rate_the_report_gives_outright_is_the_precise_one_near_its_pairs():
    """"(tarvos per U.S. dollar)": 655 is more precise than "about $460" for 300,000; of
    the rates given outright (official and street), the one the pairs agree with."""
    facts = [_fact("Daily withdrawal cap (tarvos)", 300_000,
                   "The cap is 300,000 tarvos, about $460.", "cap"),
             _fact("New official exchange rate (tarvos per U.S. dollar)", 655,
                   "The bank moved the official rate to 655 per U.S. dollar.", "official"),
             _fact("Old official exchange rate (tarvos per U.S. dollar)", 410,
                   "The rate had been 410 per dollar.", "old")]
    rate = implied_rate(facts, "tarvos")
    assert rate is not None and rate.fact_id == "official"
    assert rate.pair_text() == "655 tarvos = $1"
    assert in_dollars(Quantity(1690, ""), rate) == Quantity(2.58, "USD")
    # with no pair, rates given outright that disagree (before and after) imply none
    assert implied_rate(facts[1:], "tarvos") is None
    assert implied_rate(facts[1:2], "tarvos").fact_id == "official"


def test_an_exchange_rate_is_not_a_sum_in_its_currency_but_a_price_per_litre_is():
    rate = _fact("Exchange rate (norvals per dollar)", 1318,
                 "The norval traded at 1,318 norvals per dollar.")
    petrol = _fact("Petrol price (tarvos per litre)", 1690,
                   "A litre of petrol costs 1,690 tarvos.")
    assert local_currency(rate) is None
    assert local_currency(petrol) == "tarvos per litre"


def test_a_price_per_litre_in_the_reports_currency_is_told_in_dollars_per_litre(
        tmp_path: Path):
    text = HARBOUR + """\
  - id: harbour-diesel-price
    event: vessa-harbour-strike-2026
    source: quayside-2026-05-05
    kind: measurement
    label: "Diesel price at the quay (crowls per litre)"
    values: ["120"]
    reported_by: "the port authority"
    text: "Diesel at the quay pumps costs 120 crowls a litre."
"""
    with closing(engine_over(tmp_path, "harbour", text)) as eng:
        answer = eng.ask("diesel price at the quay in dollars").text
    assert "about $7.2 per litre (120 crowls per litre)" in answer
