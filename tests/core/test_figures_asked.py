"""Figures the asker gives or asks for in a unit: the gap between two sources' counts, and
a unit the report's figures cannot be given in.

Our own fictional ferry-strike report. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import Reason
from tests.conftest import engine_beside_shipped, engine_over

STRIKE = """\
events:
  - id: quillan-ferry-strike-2026
    title: "Ferry crews strike across the Quillan islands"
    when: 2026-05-11
    where: "Quillan archipelago"
    timezone: "+02:00"
    aliases: ["the Quillan ferry strike"]
sources:
  - id: tidewire-2026-05-12
    title: "Islands cut off as ferry crews walk out"
    publisher: "Tidewire"
    published: 2026-05-12
facts:
  - id: sailings-cancelled-operator
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Sailings cancelled"
    values: ["164"]
    reported_by: "Quillan Lines"
    text: "Quillan Lines said 164 of its sailings were cancelled on Monday."
  - id: sailings-cancelled-union
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Sailings cancelled"
    values: ["at least 210"]
    reported_by: "the Mariners' Guild"
    text: "The Mariners' Guild counted at least 210 sailings that did not leave port."
  - id: islanders-stranded-first
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Travellers stranded"
    values: ["about 9,000"]
    as_of: "Monday 09:00"
    reported_by: "the harbour authority"
    text: "The harbour authority first said about 9,000 travellers were stranded."
  - id: islanders-stranded-later
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Travellers stranded"
    values: ["12,400"]
    as_of: "Monday 18:00"
    reported_by: "the transport ministry"
    text: "By the evening the transport ministry put the number stranded at 12,400."
  - id: guild-strike-pay
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Daily strike pay per crew member"
    values: ["900 CHF"]
    reported_by: "the Mariners' Guild"
    text: "The guild pays each striking crew member 900 Swiss francs a day from its fund."
  - id: operator-daily-loss
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Operator's daily loss (quills)"
    values: ["2.6 million"]
    reported_by: "Quillan Lines"
    text: "Quillan Lines said the stoppage costs it 2.6 million quills a day, which the
      report gives as $310,000."
"""


@pytest.fixture(scope="module")
def strike(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("strike"), "strike", STRIKE)
    yield eng
    eng.close()


def _ids(eng: Engine, question: str) -> list[str]:
    return sorted(s.fact.id for s in eng.match(question).facts)


# --- the gap between two sources' figures ---------------------------------------------------


@pytest.mark.parametrize("question", [
    "operator vs the guild on cancelled sailings - whats the gap between their numbers",
    "164 vs 210 whats the difference",
])
def test_the_gap_between_two_sources_figures_is_worked_out(strike: Engine, question: str):
    result = strike.match(question)
    assert result.status == "answer" and result.difference
    assert _ids(strike, question) == ["sailings-cancelled-operator", "sailings-cancelled-union"]
    text = strike.ask(result.question).text
    assert "differ by at least 46" in text  # at least 210, less 164
    assert "Quillan Lines" in text and "Mariners' Guild" in text


GUILD_DISPUTES = """\
  - id: guild-disputes-count
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: statement
    speaker: Ines Markel
    speaker_role: "general secretary of the Mariners' Guild"
    reported_by: "Tidewire"
    text: "Markel said Quillan Lines was playing down how many sailings were cancelled."
    quote: "Anyone at the quay could count more empty berths than that."
    about: [cancelled sailings, operator, guild]
"""


@pytest.mark.parametrize("question", [
    "how many cancelled sailings? guild versus quillan",
    "how many sailings got cancelled? quillan lines vs the guild",
])
def test_two_sources_named_either_side_of_vs_give_both_figures(tmp_path: Path, question: str):
    """Both sources' figures, not the words of one side that dispute the other's."""
    with closing(engine_over(tmp_path, "strike", STRIKE + GUILD_DISPUTES)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert _ids(eng, question) == ["sailings-cancelled-operator", "sailings-cancelled-union"]
        text = eng.ask(question).text
        assert "164" in text and "210" in text


def test_two_things_either_side_of_vs_are_no_sources(strike: Engine):
    """"stranded vs cancelled" names no one who gave a figure: no pair of sources' figures
    is made of it."""
    query = strike.matcher.analyse("how many travellers vs sailings")
    assert [t.word for t in query.versus] == ["travellers", "sailings"]
    result = strike.match("how many travellers vs sailings")
    assert sorted(s.fact.id for s in result.facts) != [
        "sailings-cancelled-operator", "sailings-cancelled-union"]


LATE_SHARES = """\
  - id: late-share-operator
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    attribute: percentage
    label: "Sailings that left late (operator)"
    values: ["12%"]
    reported_by: "Quillan Lines"
    text: "Quillan Lines said 12% of the sailings that ran left late."
  - id: late-share-guild
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    attribute: percentage
    label: "Sailings that left late (guild)"
    values: ["nearly 30%"]
    reported_by: "the Mariners' Guild"
    text: "The Mariners' Guild said nearly 30% of them left late."
"""


def test_how_far_apart_two_sources_shares_are_is_their_gap_in_points(tmp_path: Path):
    with closing(engine_over(tmp_path, "strike", STRIKE + LATE_SHARES)) as eng:
        question = "operator vs the guild on late sailings, how far apart are their numbers"
        result = eng.match(question)
        assert result.status == "answer" and result.difference
        assert "differ by nearly 18 percentage points" in eng.ask(question).text
        assert not eng.matcher.analyse("how far apart are the two ports").difference
        # (the figure's words may come several words before "numbers")
        question = "how far apart are the operator's late sailings number and the guild's"
        assert "differ by nearly 18 percentage points" in eng.ask(question).text


def test_figures_the_asker_gives_in_chat_thousands_pick_the_facts(strike: Engine):
    result = strike.match("9k vs 12.4k stranded, whats the difference")
    assert result.status == "answer"
    assert "differ by about 3,400" in strike.ask(result.question).text


def test_a_difference_of_two_kinds_is_still_one_less_the_other(strike: Engine):
    """Without two sources or figures named, the gap is between two quantities, as before."""
    result = strike.match("how many more travellers were stranded than sailings cancelled")
    assert result.reason is not Reason.NO_UNIT
    assert "two reported figures for" not in strike.ask(result.question).text


# --- a unit the figures cannot be given in --------------------------------------------------


def test_a_currency_no_figure_is_in_is_not_answered_with_another(strike: Engine):
    result = strike.match("how much strike pay do crews get in euros")
    assert result.status != "answer" and result.reason is Reason.NO_UNIT
    assert [s.fact.id for s in result.suggestions][:1] == ["guild-strike-pay"]
    assert strike.ask(result.question).text.startswith(
        "No reported figure for that can be given in euros")


def test_a_sentence_that_gives_the_figure_in_the_unit_answers(strike: Engine):
    result = strike.match("how much is the operator losing a day in dollars")
    assert result.status == "answer"
    assert "$310,000" in strike.ask(result.question).text


def test_a_unit_wanted_as_well_does_not_hold_the_figure_back(strike: Engine):
    result = strike.match("how much strike pay do crews get? in euros too if u can")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["guild-strike-pay"]


# --- which size is asked ----------------------------------------------------------------------

CULVERT = """\
events:
  - id: brennick-culvert-2026
    title: "Smugglers' culvert found under the Brennick border post"
    when: 2026-02-03
sources:
  - id: ledger-2026-02-04
    title: "Culvert under border post"
    publisher: "The Ledger"
    published: 2026-02-04
facts:
  - id: culvert-length
    event: brennick-culvert-2026
    source: ledger-2026-02-04
    kind: measurement
    label: "Culvert length"
    values: ["38 m"]
    reported_by: "the customs service"
    text: "The customs service said the culvert ran for 38 metres."
  - id: culvert-width
    event: brennick-culvert-2026
    source: ledger-2026-02-04
    kind: measurement
    label: "Culvert width"
    values: ["60 cm"]
    reported_by: "the customs service"
    text: "The culvert was 60 cm wide, the customs service said."
  - id: culvert-river-distance
    event: brennick-culvert-2026
    source: ledger-2026-02-04
    kind: measurement
    label: "Distance from the culvert to the river"
    values: ["300 m"]
    reported_by: "the customs service"
    text: "The culvert's far end came out 300 metres from the river."
"""


@pytest.mark.parametrize(("question", "fact"), [
    ("culvert length in feet pls", "culvert-length"),
    ("how long was the culvert in feet", "culvert-length"),
    ("how wide was the culvert in inches", "culvert-width"),
    ("culvert width in inches?", "culvert-width"),
])
def test_a_size_named_in_a_conversion_picks_that_size(tmp_path: Path, question: str,
                                                     fact: str):
    with closing(engine_over(tmp_path, "culvert", CULVERT)) as eng:
        result = eng.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == [fact]


# --- a unit the label names in brackets ---------------------------------------------------------


def test_a_unit_named_in_the_labels_brackets_follows_the_figure(strike: Engine):
    text = strike.ask("how much is the operator losing a day").text
    assert "Operator's daily loss: 2.6 million quills" in text


def test_a_source_in_the_labels_brackets_is_no_unit(tmp_path: Path):
    yaml_text = STRIKE.replace('label: "Sailings cancelled"\n    values: ["164"]',
                               'label: "Sailings cancelled (operator)"\n    values: ["164"]')
    with closing(engine_over(tmp_path, "strike", yaml_text)) as eng:
        text = eng.ask("how many sailings did quillan lines cancel").text
    assert "164 operator" not in text


def test_one_sum_in_two_currencies_is_not_a_disagreement(tmp_path: Path):
    yaml_text = STRIKE + """\
  - id: operator-daily-loss-usd
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    label: "Operator's daily loss"
    values: ["$310,000"]
    approximate: true
    reported_by: "Tidewire"
    text: "Tidewire put the operator's daily loss at about $310,000."
"""
    with closing(engine_over(tmp_path, "strike", yaml_text)) as eng:
        text = eng.ask("how much is the operator losing a day").text
    assert "Reports differ" not in text
    assert "2.6 million quills" in text and "$310,000" in text


PIPE = CULVERT.replace("""facts:
""", """facts:
  - id: pipe-diameter
    event: brennick-culvert-2026
    source: ledger-2026-02-04
    kind: measurement
    label: "Drain pipe diameter"
    values: ["150 mm"]
    reported_by: "the customs service"
    text: "A drain pipe of 150 mm ran beside the culvert."
  - id: pipe-distance
    event: brennick-culvert-2026
    source: ledger-2026-02-04
    kind: measurement
    label: "Drain pipe distance"
    values: ["12 m"]
    reported_by: "the customs service"
    text: "The drain pipe ended 12 metres from the gate."
""")


def test_how_big_in_a_length_unit_asks_a_size_not_a_distance(tmp_path: Path):
    with closing(engine_over(tmp_path, "culvert", PIPE)) as eng:
        result = eng.match("how big is the drain pipe in inches")
    assert [s.fact.id for s in result.facts] == ["pipe-diameter"]


def test_a_figure_in_a_labels_unit_counts_that_unit_not_people(strike: Engine):
    from bot.core.matching.scoring import NUMBER_FIT
    matcher = strike.matcher
    doc = matcher.index.docs["operator-daily-loss"]
    people = matcher.analyse("how many people does the operator lose a day")
    quills = matcher.analyse("how many quills does the operator lose a day")
    assert matcher.scorer.fit(people, doc) == NUMBER_FIT["not_a_count"]
    assert matcher.scorer.fit(quills, doc) != NUMBER_FIT["not_a_count"]


RAIN = """\
events:
  - id: tolven-flood-2026
    title: "Tolven river floods the old town"
    when: 2026-04-07
sources:
  - id: riverpost-2026-04-08
    title: "Tolven floods"
    publisher: "River Post"
    published: 2026-04-08
facts:
  - id: rain-recorded
    event: tolven-flood-2026
    source: riverpost-2026-04-08
    kind: measurement
    attribute: rainfall
    values: ["140 mm"]
    reported_by: "the weather service"
    text: "The weather service measured 140 mm of rain at Tolven over the weekend."
    about: [rain, weather]
  - id: rain-forecast
    event: tolven-flood-2026
    source: riverpost-2026-04-08
    kind: measurement
    attribute: rainfall
    label: "Rain forecast for Wednesday"
    values: ["up to 30 mm"]
    reported_by: "the weather service"
    text: "Forecasters expect up to 30 mm more rain to fall on Wednesday."
    about: [rain, weather, forecast]
  - id: river-fell
    event: tolven-flood-2026
    source: riverpost-2026-04-08
    kind: claim
    reported_by: "the river authority"
    text: "The river fell back below its banks by Monday night."
  - id: tree-fell
    event: tolven-flood-2026
    source: riverpost-2026-04-08
    kind: claim
    reported_by: "the tram company"
    text: "A tree fell across the tram line on Sunday."
  - id: wall-fell
    event: tolven-flood-2026
    source: riverpost-2026-04-08
    kind: claim
    reported_by: "the council"
    text: "Part of the quay wall fell into the water."
"""


def test_what_fell_is_not_what_is_forecast(tmp_path: Path):
    """"How much rain fell" asks what happened: the forecast's sentence says "fall", but it
    is what is expected. Asked of the forecast, the forecast answers."""
    with closing(engine_over(tmp_path, "rain", RAIN)) as eng:
        assert [s.fact.id for s in eng.match("how much rain fell, in inches").facts] \
            == ["rain-recorded"]
        assert [s.fact.id for s in eng.match("how much rain is forecast").facts] \
            == ["rain-forecast"]


@pytest.mark.parametrize("question", ["is more rain coming or nah", "how much rain is expected"])
def test_what_is_coming_is_what_is_forecast(tmp_path: Path, question: str):
    """"Is more rain coming" asks what is expected: the forecast, not the rain that fell."""
    with closing(engine_over(tmp_path, "rain", RAIN)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == ["rain-forecast"]


# --- a unit named in words, a sign in the fact --------------------------------------------------

KILN = """\
  - id: kiln-fire-heat
    event: quillan-ferry-strike-2026
    source: tidewire-2026-05-12
    kind: measurement
    attribute: temperature
    label: "Heat of the fire in the ferry's engine room"
    values: ["about 640 °C"]
    reported_by: "the harbour fire service"
    text: "The harbour fire service said the engine-room fire burned at about 640 °C."
"""


def test_a_unit_spelled_out_is_a_word_of_the_figure_given_by_its_sign(tmp_path: Path):
    """"celsius" is no rare word no fact has when a figure is given in °C: the question
    names that figure's unit, not something the report leaves out."""
    with closing(engine_over(tmp_path, "strike", STRIKE + KILN)) as eng:
        question = "640 degrees celsius engine room fire?? whats that in fahrenheit"
        result = eng.match(question)
        assert result.status == "answer" and result.reason is not Reason.UNKNOWN_WORD
        assert [s.fact.id for s in result.facts] == ["kiln-fire-heat"]
        assert "about 1,184°F (640°C) [converted]" in eng.ask(question).text


DEBT = """\
events:
  - id: ostria-debt-2026
    title: "Ostria's public debt in dispute"
    when: 2026-02-10
sources:
  - id: ledger-2026-02-11
    title: "Debt figures clash"
    publisher: "The Ledger"
    published: 2026-02-11
facts:
  - id: debt-agency
    event: ostria-debt-2026
    source: ledger-2026-02-11
    kind: measurement
    label: "Total public debt (Corvin Ratings estimate)"
    values: ["$31.8 billion"]
    reported_by: "Corvin Ratings"
    text: "Rating agency Corvin Ratings put Ostria's total public debt at $31.8 billion."
    about: [public debt, rating agency]
  - id: debt-ministry
    event: ostria-debt-2026
    source: ledger-2026-02-11
    kind: measurement
    label: "Public debt"
    values: ["$27.5 billion"]
    reported_by: "Finance Minister Ilse Varg"
    text: "Finance Minister Ilse Varg gave the debt as $27.5 billion."
  - id: debt-gap-reason
    event: ostria-debt-2026
    source: ledger-2026-02-11
    kind: claim
    reported_by: "Corvin Ratings"
    text: "Corvin Ratings said the figures differ because Varg leaves out guarantees on the
      rail company's debts."
    about: [public debt, rating agency]
    keywords: [why the figures differ, gap, guarantees]
"""


def test_why_one_sources_figure_is_higher_gives_both_and_the_reason(tmp_path: Path):
    """The question's words fit the agency's figure far better than the minister's; both
    answer, side by side, with the reason the report gives for the gap."""
    with closing(engine_over(tmp_path, "debt", DEBT)) as eng:
        question = "why is the corvin ratings debt total higher than the govts"
        result = eng.match(question)
        assert result.status == "answer"
        assert sorted(s.fact.id for s in result.facts) == [
            "debt-agency", "debt-gap-reason", "debt-ministry"]


@pytest.mark.parametrize("question", [
    "customs says 300 metres from the river, thats how many feet",
    "customs says 300 metres from the river, thats how many regular feet",
])
def test_how_many_units_counts_any_figure_of_that_kind(tmp_path: Path, question: str):
    """"How many feet" asks a length in feet: a distance in metres counts them (it is not a
    count of "feet" its label fails to name), and a word before the unit ("how many more
    feet") still asks it."""
    with closing(engine_over(tmp_path, "culvert", CULVERT)) as eng:
        assert eng.matcher.analyse(question).unit == "ft"
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["culvert-river-distance"]
        assert eng.matcher.analyse("how many square miles burned").unit == "mi²"


def test_a_unit_counted_is_counted_by_any_figure_of_its_kind(tmp_path: Path):
    """"38 nautical miles off the cape, thats how many miles": "miles" is what is counted,
    and a distance in any unit counts it, though no label says "miles"."""
    with closing(engine_over(tmp_path, "culvert", CULVERT)) as eng:
        query = eng.matcher.analyse("they say 300 miles off the river, thats how many miles")
        assert query.counted == "miles"
        assert any(t.word == "miles" for t in query.content)
        scorer, docs = eng.matcher.scorer, eng.matcher.index.docs
        assert scorer._counts(query, docs["culvert-river-distance"])


PLANT = """\
events:
  - id: brenmoor-plant-trip-2026
    title: "Brenmoor gas plant trips offline"
    when: 2026-07-01
sources:
  - id: gridnews-2026-07-02
    title: "Brenmoor plant trips"
    publisher: "Grid News"
    published: 2026-07-02
facts:
  - id: brenmoor-output
    event: brenmoor-plant-trip-2026
    source: gridnews-2026-07-02
    kind: measurement
    label: "Power output lost when the plant tripped"
    values: ["1,450 MW"]
    reported_by: "the grid operator"
    text: "The grid operator said 1,450 megawatts of power output was lost when the plant tripped."
  - id: brenmoor-radiation
    event: brenmoor-plant-trip-2026
    source: gridnews-2026-07-02
    kind: measurement
    label: "Radiation level at the site fence"
    values: ["1.5 mSv/h"]
    reported_by: "the environment agency"
    text: "The environment agency measured 1.5 millisieverts per hour at the fence."
  - id: brenmoor-line-voltage
    event: brenmoor-plant-trip-2026
    source: gridnews-2026-07-02
    kind: measurement
    label: "Voltage of the line that tripped"
    values: ["400 kV"]
    reported_by: "the grid operator"
    text: "The grid operator said the 400-kilovolt line to the plant tripped first."
"""


@pytest.mark.parametrize(("question", "shown"), [
    ("how much power output was lost in gigawatts", "1.45 GW (1,450 MW) [converted]"),
    ("radiation levels at the fence in microsieverts per hour",
     "1,500 µSv/h (1.5 mSv/h) [converted]"),
    ("what voltage was the line in volts", "400,000 volts (400 kV) [converted]"),
])
def test_power_and_radiation_figures_answer_and_convert(tmp_path: Path, question: str,
                                                        shown: str):
    with closing(engine_over(tmp_path, "plant", PLANT)) as eng:
        text = eng.ask(question).text
        assert shown in text, text


def test_a_magnetic_field_or_a_current_asked_is_that_kind_of_figure(tmp_path: Path):
    with closing(engine_over(tmp_path, "plant", PLANT)) as eng:
        assert eng.matcher.analyse("how strong was the magnetic field").dimensions \
            == frozenset({"magnetic field"})
        assert eng.matcher.analyse("how many amps went through it").dimensions \
            == frozenset({"current"})
        result = eng.match("how strong was the magnetic field at the plant")
        assert result.status == "abstain" and result.detail == "magnetic field"


PRICES = """\
events:
  - id: varda-prices-2026
    title: "Prices soar in Varda"
    when: 2026-10-01
sources:
  - id: vardanews-2026-10-02
    title: "Varda's prices"
    publisher: "Varda News"
    published: 2026-10-02
facts:
  - id: varda-inflation-september
    event: varda-prices-2026
    source: vardanews-2026-10-02
    kind: measurement
    attribute: percentage
    label: "Annual inflation in September"
    values: ["24.6%"]
    reported_by: "the statistics office"
    text: "Annual inflation reached 24.6% in September, the statistics office said."
    about: [inflation]
  - id: varda-inflation-forecast
    event: varda-prices-2026
    source: vardanews-2026-10-02
    kind: measurement
    attribute: percentage
    label: "Inflation expected by December (forecast)"
    values: ["30%"]
    reported_by: "the central bank"
    text: "The central bank forecast inflation of 30% by December."
    about: [inflation, forecast]
  - id: varda-shopper
    event: varda-prices-2026
    source: vardanews-2026-10-02
    kind: statement
    speaker: "Mira Tolk"
    speaker_role: "a shopper in Varda"
    reported_by: "Varda News"
    text: "Shopper Mira Tolk said inflation had eaten her savings."
    quote: "Inflation has eaten everything I saved"
    about: [inflation]
"""


@pytest.mark.parametrize("question", ["inflation rn?", "whats inflation now", "latest inflation"])
def test_a_figure_asked_as_it_stands_is_the_reported_one(tmp_path: Path, question: str):
    # not words about inflation that give no figure, and not the figure forecast
    with closing(engine_over(tmp_path, "prices", PRICES)) as eng:
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert [s.fact.id for s in result.facts] == ["varda-inflation-september"]


def test_a_forecast_asked_for_is_still_the_forecast(tmp_path: Path):
    with closing(engine_over(tmp_path, "prices", PRICES)) as eng:
        assert eng.match("whats the latest inflation forecast").facts[0].fact.id \
            == "varda-inflation-forecast"


BACKGROUND = PLANT + """\
  - id: brenmoor-radiation-multiple
    event: brenmoor-plant-trip-2026
    source: gridnews-2026-07-02
    kind: measurement
    label: "Fence reading as a multiple of normal background radiation"
    values: ["about 20"]
    reported_by: "the environment agency"
    text: "The agency said the fence reading was about twenty times normal background."
"""


@pytest.mark.parametrize("question", [
    "how many x above normal background was it",
    "how many times over normal background radiation was the reading",
])
def test_how_many_times_above_asks_the_multiple(tmp_path: Path, question: str):
    # "above", "over": what a multiple is, not a word its fact must have
    with closing(engine_over(tmp_path, "plant", BACKGROUND)) as eng:
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert [s.fact.id for s in result.facts] == ["brenmoor-radiation-multiple"]


PIPELINE = """\
events:
  - id: varnholt-pipeline-leak-2026
    title: "Varnholt gas pipeline leak"
    when: 2026-03-04
sources:
  - id: energywire-2026-03-05
    title: "Varnholt pipeline shut after leak"
    publisher: "Energy Wire"
    published: 2026-03-05
facts:
  - id: varnholt-operating-pressure
    event: varnholt-pipeline-leak-2026
    source: energywire-2026-03-05
    kind: measurement
    label: "Operating pressure of the pipeline"
    values: ["84 bar"]
    reported_by: "the pipeline operator"
    text: "The operator said the pipeline ran at 84 bar before the leak."
  - id: varnholt-flow
    event: varnholt-pipeline-leak-2026
    source: energywire-2026-03-05
    kind: measurement
    label: "Gas flow through the pipeline"
    values: ["30 mcm/d"]
    reported_by: "the pipeline operator"
    text: "The pipeline carried 30 million cubic metres of gas a day."
  - id: varnholt-gas-price
    event: varnholt-pipeline-leak-2026
    source: energywire-2026-03-05
    kind: measurement
    label: "Wholesale gas price after the leak (euros per megawatt-hour)"
    values: ["95"]
    reported_by: "traders"
    text: "Wholesale gas rose to 95 euros per megawatt-hour, traders said."
"""
REPAIRS = """\
  - id: varnholt-repair-cost
    event: varnholt-pipeline-leak-2026
    source: energywire-2026-03-05
    kind: measurement
    label: "Cost of the repairs"
    values: ["€12 million"]
    reported_by: "the pipeline operator"
    text: "The operator put the cost of the repairs at €12 million."
"""


@pytest.mark.parametrize(("question", "fact", "shown"), [
    ("what was the pressure in psi", "varnholt-operating-pressure",
     "1,220 psi (84 bar) [converted]"),
    ("how much pressure was the pipeline under", "varnholt-operating-pressure", "84 bar"),
    ("how much gas did it carry in cubic metres per second", "varnholt-flow",
     "347 m³/s (30 million m³/day) [converted]"),
    ("how many barrels a day", "varnholt-flow", "barrels per day (30 million m³/day)"),
    ("what was the wholesale gas price", "varnholt-gas-price", "€95/MWh"),
    ("how much per megawatt-hour did gas cost", "varnholt-gas-price", "€95/MWh"),
    ("how much money will the repairs cost", "varnholt-repair-cost", "€12 million"),
    ("how many euros", "varnholt-repair-cost", "€12 million"),
])
def test_pressures_daily_flows_and_prices_answer_what_asks_for_them(
        tmp_path: Path, question: str, fact: str, shown: str):
    with closing(engine_over(tmp_path, "pipeline", PIPELINE + REPAIRS)) as eng:
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert [s.fact.id for s in result.facts] == [fact]
        assert shown in eng.ask(question).text


@pytest.mark.parametrize(("question", "detail"), [
    ("how much money was it", "amount of money"),
    ("how many euros", "amount of money"),
    ("how many megawatt hours", "energy"),
])
def test_a_price_per_megawatt_hour_is_no_sum_of_money_and_no_energy(
        tmp_path: Path, question: str, detail: str):
    """"Wholesale gas price (euros per megawatt-hour)": 95 is a price, not 95 euros spent
    nor 95 MWh made, whatever words its label and sentence use."""
    with closing(engine_over(tmp_path, "pipeline", PIPELINE)) as eng:
        result = eng.match(question)
        assert result.status == "abstain" and result.detail == detail, result


@pytest.mark.parametrize(("question", "dimensions", "unit"), [
    ("how many bars were closed", frozenset(), None),  # pubs
    ("did police move to bar journalists", frozenset(), None),
    ("what was the pressure in bars", frozenset({"pressure"}), "bar"),
    ("what was the storm's central pressure", frozenset({"pressure"}), None),
    ("how many nanotesla per minute", frozenset({"magnetic field rate"}), "nT/min"),
    ("what was the magnetic field rate of change", frozenset({"magnetic field rate"}), None),
])
def test_pressure_and_field_rate_questions_ask_their_dimension(
        tmp_path: Path, question: str, dimensions: frozenset[str], unit: str | None):
    with closing(engine_over(tmp_path, "pipeline", PIPELINE)) as eng:
        query = eng.matcher.analyse(question)
        assert query.dimensions == dimensions
        assert query.unit == unit


def test_no_pressure_reported_is_said_so(tmp_path: Path):
    with closing(engine_over(tmp_path, "plant", PLANT)) as eng:
        result = eng.match("what was the operating pressure of the plant")
        assert result.status == "abstain" and result.detail == "pressure", result


# --- "both sides": each source's figure of one thing ------------------------------------------

ROCKFALL = """\
events:
  - id: brenna-rockfall-2026
    title: "Rockfall shuts the Brenna valley road"
    when: 2026-04-02
sources:
  - id: valleypost-2026-04-03
    title: "Brenna road shut by rockfall"
    publisher: "Valley Post"
    published: 2026-04-03
facts:
  - id: reopen-roads-agency
    event: brenna-rockfall-2026
    source: valleypost-2026-04-03
    kind: measurement
    attribute: duration
    label: "Time until the road reopens (roads agency forecast)"
    values: ["4 days"]
    reported_by: "the regional roads agency"
    text: "The roads agency expects the road to reopen within four days."
  - id: reopen-hauliers
    event: brenna-rockfall-2026
    source: valleypost-2026-04-03
    kind: measurement
    attribute: duration
    label: "Time to clear and reopen the road (hauliers' estimate)"
    values: ["2 to 3 weeks"]
    reported_by: "the hauliers' association"
    text: "The hauliers' association said clearing the slope and reopening could take two
      to three weeks."
  - id: detour-length
    event: brenna-rockfall-2026
    source: valleypost-2026-04-03
    kind: measurement
    attribute: duration
    label: "Extra driving time on the detour"
    values: ["90 minutes"]
    reported_by: "the regional roads agency"
    text: "The detour over the Sella pass adds about 90 minutes to the drive."
"""


@pytest.mark.parametrize("question", [
    "how long til the road reopens, both sides estimates pls",
    "when does it reopen? each side's figure",
])
def test_both_sides_asks_each_sources_figure_of_one_thing(tmp_path: Path, question: str):
    with closing(engine_over(tmp_path, "rockfall", ROCKFALL)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert sorted(s.fact.id for s in result.facts) == ["reopen-hauliers",
                                                           "reopen-roads-agency"]


@pytest.mark.parametrize("question", [
    "cancelled sailings, both sides numbers pls",
    "how many sailings did not leave port, each sides figure",
])
def test_both_sides_is_no_word_of_the_figures(strike: Engine, question: str):
    assert _ids(strike, question) == ["sailings-cancelled-operator", "sailings-cancelled-union"]


@pytest.mark.parametrize(("question", "expected"), [
    ("who's saying 164 n who's saying 210", ["sailings-cancelled-operator",
                                             "sailings-cancelled-union"]),
    ("whos saying 164 and 210", ["sailings-cancelled-operator", "sailings-cancelled-union"]),
    ("who said 210", ["sailings-cancelled-union"]),
])
def test_who_says_a_figure_is_whoever_gives_it(strike: Engine, question: str,
                                               expected: list[str]):
    result = strike.match(question)
    assert result.status == "answer" and _ids(strike, question) == expected
    if len(expected) == 2:
        text = strike.ask(question).text
        assert "Quillan Lines" in text and "Mariners' Guild" in text


STORM_COUNTS = """\
events:
  - id: pellow-storm-2026
    title: "Storm hits Pellow"
    when: 2026-03-02
sources:
  - id: coastline-2026-03-03
    title: "Storm hits Pellow"
    publisher: "Coastline"
    published: 2026-03-03
facts:
  - id: hurt-agency
    event: pellow-storm-2026
    source: coastline-2026-03-03
    kind: measurement
    attribute: injured
    values: ["41"]
    reported_by: "the Civil Protection Agency"
    text: "The Civil Protection Agency said 41 people were hurt."
  - id: hurt-ministry
    event: pellow-storm-2026
    source: coastline-2026-03-03
    kind: measurement
    attribute: injured
    label: "Treated at clinics"
    values: ["57"]
    reported_by: "the health ministry"
    text: "The health ministry said 57 people were treated at clinics across Pellow."
  - id: hurt-badly-agency
    event: pellow-storm-2026
    source: coastline-2026-03-03
    kind: measurement
    attribute: injured
    label: "Seriously injured"
    values: ["9"]
    reported_by: "the Civil Protection Agency"
    text: "Nine of the injured were seriously hurt, the agency said."
  - id: closure-agency
    event: pellow-storm-2026
    source: coastline-2026-03-03
    kind: measurement
    attribute: duration
    label: "Length of the coast road closure"
    values: ["9 hours"]
    reported_by: "the Civil Protection Agency"
    text: "The agency kept the coast road shut for nine hours."
  - id: wait-ministry
    event: pellow-storm-2026
    source: coastline-2026-03-03
    kind: measurement
    attribute: duration
    label: "Wait for an ambulance"
    values: ["40 minutes"]
    reported_by: "the health ministry"
    text: "The ministry said callers waited 40 minutes for an ambulance."
"""


@pytest.mark.parametrize("question", [
    "hurt numbers all over the place.. agency says what vs the ministry?",
    "injured count all over the place.. agency says what vs the health ministry?",
])
def test_a_says_what_vs_b_gives_each_sources_count_of_one_thing(tmp_path: Path,
                                                               question: str):
    """"The agency says what vs the ministry": each one's count of the injured, though the
    ministry labels its own "Treated at clinics"; two counts of one attribute named by
    their two sources are that thing's two figures (not the agency's count of part of
    them too)."""
    with closing(engine_over(tmp_path, "storm", STORM_COUNTS)) as eng:
        assert _ids(eng, question) == ["hurt-agency", "hurt-ministry"]
        text = eng.ask(question).text
        assert "41" in text and "57" in text


def test_two_durations_of_different_things_are_no_pair(tmp_path: Path):
    """A closure's length and an ambulance wait are both durations, not one thing's."""
    with closing(engine_over(tmp_path, "storm", STORM_COUNTS)) as eng:
        ids = _ids(eng, "how long was the road shut, agency vs the ministry")
        assert ids != ["closure-agency", "wait-ministry"]


LAVA = """\
events:
  - id: tessa-eruption-2025
    title: "Eruption of Mount Tessa"
    when: 2025-03-11
sources:
  - id: wire-2025-03-11
    title: "Volcano erupts"
    publisher: "Wire"
    published: 2025-03-11
facts:
  - id: lava-speed
    event: tessa-eruption-2025
    source: wire-2025-03-11
    kind: measurement
    label: "Speed of the lava flow (metres per hour)"
    values: ["between 120 and 150"]
    reported_by: "the observatory"
    text: "The observatory said the lava was advancing at between 120 and 150 metres an hour."
  - id: gas-reading
    event: tessa-eruption-2025
    source: wire-2025-03-11
    kind: measurement
    label: "Hydrogen chloride measured downwind"
    values: ["12 ppm"]
    reported_by: "the environment agency"
    text: "The agency measured hydrogen chloride at up to 12 parts per million downwind."
  - id: ammonia-claim
    event: tessa-eruption-2025
    source: wire-2025-03-11
    kind: claim
    reported_by: "the environment agency"
    text: "Ammonia at the plant's fence line was measured at 38 parts per million."
"""


@pytest.mark.parametrize(("question", "fact", "shown"), [
    ("how fast is the lava moving", "lava-speed", "between 120 and 150 m/h"),
    ("lava speed in km/h?", "lava-speed", "between 0.12 and 0.15 km/h"),
    ("what was the hydrogen chloride reading in ppb", "gas-reading", "12,000 ppb"),
    # a sentence that gives the figure in words of the unit gives that kind of figure
    ("ammonia at the fence line in ppm", "ammonia-claim", "38 parts per million"),
])
def test_slow_speeds_and_concentrations_have_units(tmp_path: Path, question: str, fact: str,
                                                   shown: str):
    """A lava flow's metres an hour (a label's bracket) is a speed, and parts per million
    a concentration: both answer in their unit and convert within their kind."""
    with closing(engine_over(tmp_path, "lava", LAVA)) as eng:
        assert _ids(eng, question) == [fact]
        assert shown in eng.ask(question).text


FREIGHT = """\
events:
  - id: rail-strike-2026
    title: "National rail strike"
    when: 2026-03-10
sources:
  - id: wire-2026-03-10
    title: "Rail strike halts most trains"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: freight-left
    event: rail-strike-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: count
    label: "Freight trains that left Brenmouth port"
    values: ["3"]
    reported_by: "the port authority"
    text: "The port authority said just three freight trains left Brenmouth on Tuesday."
  - id: buses-stranded
    event: rail-strike-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: count
    label: "Replacement buses that did not run"
    values: ["40"]
    reported_by: "the operator"
    text: "The operator said 40 of its replacement buses did not run for lack of drivers."
"""


@pytest.mark.parametrize(("question", "ids"), [
    # the count of those that left is not the count of those that did not
    ("how many freight trains DIDNT leave brenmouth on tuesday", []),
    ("how many freight trains left brenmouth", ["freight-left"]),
    # a sentence that says what did not happen counts it
    ("how many replacement buses didn't run", ["buses-stranded"]),
    # any question of what did not happen, not only a count
    ("what freight trains didnt leave brenmouth on tuesday", []),
])
def test_a_count_of_what_did_not_happen(tmp_path: Path, question: str, ids: list[str]):
    """A question of what did not happen is not answered by a sentence that negates
    nothing (it tells what did happen); one that says what did not happen answers it."""
    with closing(engine_beside_shipped(tmp_path, "freight", FREIGHT)) as eng:
        result = eng.match(question)
        assert [s.fact.id for s in result.facts] == ids
        assert (result.status == "answer") == bool(ids)


FINANCING = """\
events:
  - id: brewer-bid-2026
    title: "Ardane bids for Dunmaro"
    when: 2026-03-10
sources:
  - id: wire-2026-03-10
    title: "Ardane bids for rival brewer"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: bank-financing
    event: brewer-bid-2026
    source: wire-2026-03-10
    kind: measurement
    label: "Committed bank financing (drals)"
    values: ["11 billion"]
    reported_by: "Ardane"
    text: "Ardane said it has 11 billion drals of committed financing from its banks."
  - id: patients-moved
    event: brewer-bid-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: count
    label: "Patients moved out of the brewery clinic"
    values: ["40"]
    reported_by: "Wire"
    text: "Forty patients were moved out of the brewery's clinic."
"""


def test_a_supposed_figure_is_not_the_answer(tmp_path: Path):
    """"How much is ardane paying from its own cash if banks do 11bn": the asker supposes
    the 11 billion, so the fact that gives only it does not answer (the arithmetic is
    theirs); without the "if", the financing is what is asked."""
    with closing(engine_beside_shipped(tmp_path, "financing", FINANCING)) as eng:
        supposed = eng.match("how much is ardane paying outta its own cash if banks do 11bn")
        assert supposed.status != "answer"
        assert _ids(eng, "how much bank financing does ardane have") == ["bank-financing"]


def test_chat_contractions_are_spelled_out(tmp_path: Path):
    """"outta" is "out of", like "gonna" and "gotta": a word of chat, not one no fact has."""
    with closing(engine_beside_shipped(tmp_path, "financing", FINANCING)) as eng:
        q = eng.matcher.analyse("how many patients did they move outta the clinic")
        assert not q.unknown and "outta" not in {t.word for t in q.terms}
        assert _ids(eng, "how many patients did they move outta the clinic") == [
            "patients-moved"]


FACTORIES = """\
events:
  - id: brewer-bid-2026
    title: "Ardane bids for Dunmaro"
    when: 2026-03-10
  - id: ferrando-bid-2009
    title: "Ferrando's 2009 bid for Dunmaro"
    when: 2009
    background_of: brewer-bid-2026
sources:
  - id: wire-2026-03-10
    title: "Ardane bids for rival brewer"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: factories-2009
    event: ferrando-bid-2009
    source: wire-2026-03-10
    kind: measurement
    attribute: count
    label: "Dunmaro factories in Marvessa in 2009"
    values: ["14"]
    reported_by: "Wire"
    text: "At the time of the 2009 bid Dunmaro had 14 factories in Marvessa, three of which it
      has since closed."
    about: [2009 bid, factories]
  - id: brewery-named
    event: brewer-bid-2026
    source: wire-2026-03-10
    kind: claim
    reported_by: "Wire"
    text: "Dunmaro's largest brewery is at Kessel, on the Varn river."
"""


def test_which_asks_a_name_that_a_figure_is_not(tmp_path: Path):
    """"Which 3 factories did dunmaro close": a name is asked, and the count of its
    factories is none; "which brewery is the largest" is answered by the sentence that
    names it."""
    with closing(engine_beside_shipped(tmp_path, "factories", FACTORIES)) as eng:
        closed = eng.match("which 3 factories did dunmaro close since 2009")
        assert closed.status == "abstain" and closed.reason is Reason.NO_NAME
        assert _ids(eng, "how many factories did dunmaro have in 2009") == ["factories-2009"]
        assert _ids(eng, "which brewery is dunmaro's largest") == ["brewery-named"]


WRECK = """\
events:
  - id: morrow-wreck-2026
    title: "Trawler sinks off Morrow Point"
    when: 2026-02-20
sources:
  - id: bay-herald-2026-02-21
    title: "Trawler lost off Morrow Point"
    publisher: "Bay Herald"
    published: 2026-02-21
facts:
  - id: wreck-distance
    event: morrow-wreck-2026
    source: bay-herald-2026-02-21
    kind: measurement
    attribute: distance
    label: "Distance of the wreck from Morrow harbour"
    values: ["9 km"]
    reported_by: "the harbour master"
    text: "The harbour master said the wreck lay 9 km from Morrow harbour."
  - id: wreck-crew
    event: morrow-wreck-2026
    source: bay-herald-2026-02-21
    kind: measurement
    label: "Crew rescued"
    values: ["6"]
    reported_by: "the harbour master"
    text: "All six crew were pulled from the water."
"""


def test_a_figure_of_another_attribute_is_no_answer_to_one_no_fact_gives(tmp_path: Path):
    # no fact gives a depth: the wreck's distance from the harbour, a length too, is not it
    with closing(engine_over(tmp_path, "wreck", WRECK)) as eng:
        assert eng.match("how deep is the wreck").status != "answer"
        result = eng.match("how far is the wreck from the harbour")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["wreck-distance"]


DRIFTS = """\
events:
  - id: tolvan-snowstorm-2026
    title: "Snowstorm buries Tolvan"
    when: 2026-01-20
    timezone: "+01:00"
sources:
  - id: fjord-post-2026-01-21
    title: "Tolvan digs out"
    publisher: "Fjord Post"
    published: 2026-01-21
facts:
  - id: tolvan-snow
    event: tolvan-snowstorm-2026
    source: fjord-post-2026-01-21
    kind: measurement
    label: "Snow lying in Tolvan, county gauges"
    values: ["68 cm"]
    reported_by: "the county council"
    text: "The county council's gauges showed 68 cm of snow lying in Tolvan by noon."
  - id: tolvan-roof
    event: tolvan-snowstorm-2026
    source: fjord-post-2026-01-21
    kind: claim
    reported_by: "the county council"
    text: "The county council said the weight of snow brought down a barn roof in Tolvan."
"""


@pytest.mark.parametrize("question", [
    "tolvan snow depth per the county?",
    "snow depth in tolvan",
])
def test_a_fragment_naming_a_measure_asks_its_figure(tmp_path: Path, question: str):
    """No question word, but a measure's name ("depth"): the figure is asked, not a
    sentence that mentions the place and the snow, though no fact is recorded as a depth."""
    with closing(engine_over(tmp_path, "drifts", DRIFTS)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == ["tolvan-snow"]


OUTAGE = """\
events:
  - id: orsk-ice-storm-2026
    title: "Ice storm cuts power across Orsk"
    when: 2026-02-03
    timezone: "+02:00"
sources:
  - id: plain-news-2026-02-04
    title: "Orsk in the dark"
    publisher: "Plain News"
    published: 2026-02-04
facts:
  - id: orsk-outage
    event: orsk-ice-storm-2026
    source: plain-news-2026-02-04
    kind: measurement
    attribute: without_power
    label: "Households without power"
    values: ["58,000"]
    reported_by: "the grid company"
    text: "The grid company said 58,000 households had no electricity on Tuesday morning."
  - id: orsk-low
    event: orsk-ice-storm-2026
    source: plain-news-2026-02-04
    kind: measurement
    attribute: temperature
    label: "Lowest temperature at the airport"
    values: ["-19 °C"]
    reported_by: "the weather office"
    text: "The weather office said the airport's lowest reading was minus 19 C."
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    ("how many homes are w/o power", "orsk-outage"),  # homes: the households counted
    ("coldest reading at the airport?", "orsk-low"),  # the coldest: the lowest
])
def test_everyday_words_for_what_a_label_says(tmp_path: Path, question: str, fact_id: str):
    with closing(engine_over(tmp_path, "outage", OUTAGE)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == [fact_id]


TREMOR = """\
events:
  - id: tarn-tsunami-2026
    title: "Tsunami strikes the Tarn coast"
    when: 2026-05-12T04:12:00+02:00
    where: "Tarn, Vellan coast"
sources:
  - id: coast-wire-2026-05-12
    title: "Tsunami hits Tarn before dawn"
    publisher: "Coast Wire"
    published: 2026-05-12
facts:
  - id: tremor-time
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: time
    label: "Time the earthquake struck"
    time: 2026-05-12T04:12:00+02:00
    text: "The undersea earthquake struck at 4:12 a.m."
    reported_by: "Coast Wire"
  - id: tremor-warning
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: time
    label: "Tsunami warning issued"
    time: 2026-05-12T04:19:00+02:00
    text: "The tsunami warning went out at 4:19 a.m., seven minutes after the quake."
    reported_by: "Coast Wire"
  - id: tremor-mayor
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: statement
    speaker: "Ilsa Varn"
    speaker_role: "Mayor of Tarn"
    quote: "My grandmother told us about 1961. That is why the old people ran first"
    text: "Varn said memories of 1961 explain why older residents of Tarn fled first."
    reported_by: "Coast Wire"
  - id: tremor-distance-institute
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: distance
    label: "Distance of the epicentre from Tarn (Ellory Institute)"
    values: ["64 km"]
    text: "The Ellory Institute of Seismology placed the epicentre 64 km southwest of Tarn."
    reported_by: "Ellory Institute of Seismology"
    about: [earthquake, epicentre]
    keywords: [how far, epicenter, distance from Tarn]
  - id: tremor-distance-centre
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: distance
    label: "Distance of the epicentre offshore (Basin Watch Centre)"
    values: ["71 km"]
    text: "The Basin Watch Centre said the epicentre was 71 km off the coast."
    reported_by: "Basin Watch Centre"
    keywords: [how far offshore]
  - id: tremor-boats-capacity
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    label: "Harbour berths (boats)"
    values: ["400"]
    text: "The harbour has berths for 400 boats."
    reported_by: "Coast Wire"
  - id: tremor-boats-sunk
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: count
    label: "Boats that sank"
    values: ["52"]
    text: "The harbour master said 52 boats sank at their moorings."
    reported_by: "Coast Wire"
  - id: tremor-boats-towed
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: count
    label: "Boats towed out of the harbour"
    values: ["40"]
    text: "Tugs towed 40 boats out of the harbour."
    reported_by: "Coast Wire"
  - id: tremor-boats-marina
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: count
    label: "Boats towed to Ressel Marina"
    values: ["25"]
    text: "The harbour master said 25 of the towed boats went to Ressel Marina."
    reported_by: "Coast Wire"
  - id: tremor-dead
    event: tarn-tsunami-2026
    source: coast-wire-2026-05-12
    kind: measurement
    attribute: deaths
    label: "Dead in Tarn"
    values: ["38"]
    text: "Thirty-eight people died in Tarn."
    reported_by: "Coast Wire"
"""


@pytest.fixture(scope="module")
def tremor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with closing(engine_beside_shipped(tmp_path_factory.mktemp("tremor"), "tremor",
                                       TREMOR)) as engine:
        yield engine


def test_an_ing_noun_in_a_label_is_what_it_is_about(tremor: Engine):
    # "Tsunami warning issued": the warning is the thing, not how the tsunami was; the
    # quake's time answers when the quake hit
    assert [s.fact.id for s in tremor.match("wat time did the quake hit").facts] == [
        "tremor-time"]
    assert [s.fact.id for s in tremor.match("when was the tsunami warning issued").facts] \
        == ["tremor-warning"]


def test_a_year_is_no_figure_a_count_is_asked_of(tremor: Engine):
    # the mayor's words about 1961 count nobody who lives in the town
    result = tremor.match("how many ppl live in tarn")
    assert result.status != "answer"
    assert [s.fact.id for s in tremor.match("how many died in tarn").facts] == ["tremor-dead"]


def test_the_asked_sources_figure_leads_one_with_more_of_the_words(tremor: Engine):
    # "offshore" is the other agency's word; "acc to the ellory institute" names whose
    # figure is asked, and another source's does not contest it
    result = tremor.match("how far offshore was the epicentre acc to the ellory institute")
    assert "tremor-distance-centre" not in [s.fact.id for s in result.facts]
    assert "tremor-distance-institute" in [s.fact.id for s in
                                           (*result.facts, *result.suggestions)]
    result = tremor.match("how far offshore was the epicentre")
    assert "tremor-distance-centre" in [s.fact.id for s in result.facts]


def test_a_counted_word_another_label_brackets_is_no_unit_a_count_lacks(tremor: Engine):
    # "(boats)" in one label makes "boats" a word labels give as a unit; a count of boats
    # that sank still answers how many boats sank
    result = tremor.match("how many boats sank")
    assert [s.fact.id for s in result.facts] == ["tremor-boats-sunk"]


def test_a_place_a_label_names_is_what_where_asks(tremor: Engine):
    # "Boats towed to Ressel Marina": the marina is the answer to "where", not a word of
    # the label the question leaves out
    result = tremor.match("where did they tow the boats to")
    assert [s.fact.id for s in result.facts] == ["tremor-boats-marina"]
