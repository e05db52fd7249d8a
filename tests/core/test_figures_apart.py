"""How far apart two figures are: two sources' figures of one thing, and one figure's change
over the day, whatever kind of figure it is.

Our own fictional barge fire, written the way a moderator writes: free labels, a spill given
in tonnes and barrels side by side, a figure given "up to" one value. None of its words are
in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import pytest

from bot.core.engine import Engine
from bot.core.matching.analyzer import attribute_term
from bot.core.models import Fact
from bot.core.units import parse_quantity
from tests.conftest import engine_over

BARGE = """\
events:
  - id: tessel-barge-fire-2026
    title: "Fuel barge burns and leaks on the Tessel"
    when: 2026-05-06T04:20:00+02:00
    where: "Tessel river, below Harnow lock"
    aliases: ["the Harnow barge fire"]
sources:
  - id: valley-wire-2026-05-06
    title: "Burning barge leaks diesel into the Tessel"
    publisher: "Valley Wire"
    published: 2026-05-06
facts:
  - id: diesel-lost-operator
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    label: "Diesel lost"
    values: ["about 40 tonnes", "about 300 barrels"]
    reported_by: "Orrin Freight"
    text: "Orrin Freight, which runs the barge, said about 40 tonnes of diesel had escaped."
    about: [diesel, leak]
    keywords: [operator estimate]
  - id: diesel-lost-authority
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    label: "Diesel lost"
    values: ["about 95 tonnes", "about 700 barrels"]
    reported_by: "the Tessel River Authority"
    text: "The river authority put the diesel lost at about 95 tonnes."
    about: [diesel, leak]
  - id: grain-on-board
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    attribute: amount_by_weight
    label: "Grain still on board"
    values: ["2,300 tonnes"]
    reported_by: "Orrin Freight"
    text: "The company said 2,300 tonnes of grain were still in the forward hold."
    about: [cargo, grain]
  - id: bank-morning
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    label: "Riverbank stained by the sheen"
    values: ["4 km"]
    as_of: "Wednesday 08:00 local time"
    reported_by: "the Tessel River Authority"
    text: "By 8 a.m. the sheen had stained about 4 km of riverbank, the authority said."
    about: [sheen, riverbank]
  - id: bank-evening
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    label: "Riverbank stained by the sheen"
    values: ["11 km"]
    as_of: "Wednesday 19:00 local time"
    reported_by: "the Tessel River Authority"
    text: "By 7 p.m. the stained stretch of riverbank had grown to 11 km, the authority said."
    about: [sheen, riverbank]
  - id: boats-first
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    attribute: count
    label: "Skimming boats on the river (first estimate)"
    values: ["6"]
    reported_by: "the Tessel River Authority"
    text: "The authority first said six skimming boats were working the river."
    about: [skimmers, clean-up]
  - id: boats-evening
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    attribute: count
    label: "Skimming boats on the river (revised)"
    values: ["15"]
    as_of: "Wednesday 18:00 local time"
    reported_by: "the Tessel River Authority"
    text: "By 6 p.m. the authority said 15 skimming boats were on the river."
    about: [skimmers, clean-up]
  - id: smoke-operator
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    attribute: max_altitude
    label: "Smoke plume height"
    values: ["up to 900 m"]
    reported_by: "Orrin Freight"
    text: "Orrin Freight said the smoke rose as high as 900 metres."
    about: [smoke, plume]
  - id: smoke-fire-service
    event: tessel-barge-fire-2026
    source: valley-wire-2026-05-06
    kind: measurement
    attribute: max_altitude
    label: "Smoke plume height above the river"
    values: ["about 600 m"]
    reported_by: "the Harnow fire service"
    text: "The Harnow fire service said the smoke plume stood about 600 metres above the river."
    about: [smoke, plume]
"""


@pytest.fixture(scope="module")
def barge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with closing(engine_over(tmp_path_factory.mktemp("barge"), "barge", BARGE)) as engine:
        yield engine


def ask(engine: Engine, question: str) -> tuple[str, list[str]]:
    scored = engine.score_question(question)
    result = engine.decide(scored)
    return engine.compose(scored, result).text, [h.fact.id for h in result.facts]


def test_a_label_of_two_units_has_each_units_attribute(barge: Engine):
    # "Diesel lost" in tonnes and barrels: a volume (the one attribute of volumes), though
    # the tonnes name none (mass has two attributes, a weight and an amount, and no
    # fallback: "how heavy" is not asked of an amount)
    fact = Fact(id="x", event="e", source="s", kind="measurement", label="Diesel lost",
                quantities=(parse_quantity("40 t"),
                            parse_quantity("300 bbl")),
                reported_by="r", text="t")
    with barge._index() as matcher:
        found = matcher.index.analyzer.label_attributes(fact)
    assert found == {attribute_term("volume")}


def test_how_many_tonnes_apart_two_named_sources_are(barge: Engine):
    # the operator is named by its figure's keywords, the authority by its source's name;
    # the grain still on board, though in tonnes and the operator's, is not one of the two
    text, ids = ask(barge, "how many tonnes apart r the operator n the river authority rn")
    assert sorted(ids) == ["diesel-lost-authority", "diesel-lost-operator"]
    assert "differ by about 55 tonnes" in text


def test_two_sources_figures_one_given_up_to_a_value_are_apart_by_the_figures(barge: Engine):
    # "up to 900 m" and "about 600 m": 300 m apart as given, each shown with its bound; the
    # labels differ only by the words one adds ("above the river")
    text, ids = ask(barge, "fire service vs orrin on the smoke, how many metres apart")
    assert sorted(ids) == ["smoke-fire-service", "smoke-operator"]
    assert "differ by about 300 m" in text and "up to 900 m" in text


def test_a_length_that_grew_through_the_day_is_told_as_a_change(barge: Engine):
    # a length, not a count: how much it grew between its first and its latest figure
    text, ids = ask(barge, "by how many km did the stained riverbank grow")
    assert ids == ["bank-evening", "bank-morning"]
    assert "7 km more in the later figure than in the earlier one" in text


def test_from_this_to_that_then_how_many_more_is_the_change(barge: Engine):
    text, ids = ask(barge, "the sheen on the bank went from wat in the morning to wat at 7pm? "
                           "how many more km")
    assert ids == ["bank-evening", "bank-morning"]
    assert "7 km more" in text


def test_more_than_that_compares_two_things_not_a_change(barge: Engine):
    # "than": two quantities compared, which is no change of one figure over the day
    from bot.core.matching.query import _CHANGE_ASKED_RE
    assert _CHANGE_ASKED_RE.search("by how much did it rise") is not None
    assert _CHANGE_ASKED_RE.search("by how much did it rise more than the old one") is None


def test_how_many_km_apart_with_no_two_sources_is_no_gap_of_figures(barge: Engine):
    # no two sources' figures are named: a distance asked, which no two figures of the
    # event's (the riverbank's morning and evening) are taken to answer as a gap
    result = barge.match("how many km apart are harnow and the lock")
    assert not result.difference
    assert barge.score_question("how many km apart are harnow and the lock").query.apart


def test_one_figure_minus_another_is_their_difference(barge: Engine):
    text = barge.ask("so how much diesel did the authority count over orrin? 95 minus 40 right"
                     ).text
    assert "differ by about 55 tonnes" in text
    assert barge.matcher.analyse("riverbank stained minus diesel lost").difference
    # a figure below zero is no difference
    assert not barge.matcher.analyse("how cold was it, minus 16 celsius in fahrenheit"
                                     ).difference
    assert not barge.matcher.analyse("how many km did it drop to minus 3").difference


def test_a_rise_from_an_undated_first_estimate_is_told_as_a_change(barge: Engine):
    # the first estimate has no time, only its label's "first estimate": it is the earlier
    text, ids = ask(barge, "by how much did the authority bump up its skimming boats number "
                           "from the first one")
    assert ids == ["boats-evening", "boats-first"]
    assert "9 more in the later count than in the earlier one" in text
