"""Two sources' figures named in a question ("the cfo's and the analyst's estimates", "the
company says 41, the union says 58"), a source's revised figure, a figure shared out over a
count ("per shaft on average"), a length of time labelled "Time between ...", "the first X"
of the report's own event, a time the question states itself.

Our own fictional colliery flood, written the way a moderator writes: free labels, sources'
figures that disagree, an earlier flood the report recalls. None of its words are in the
code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import pytest

from bot.core.engine import Engine
from bot.core.matching.analyzer import attribute_term
from bot.core.models import Fact
from bot.core.units import parse_quantity, per_each
from tests.conftest import engine_over
from tests.core.test_figures_apart import ask  # (the answer's text and its facts)

COLLIERY = """\
events:
  - id: derrow-flood-2026
    title: "Flood traps miners at the Derrow colliery"
    when: 2026-06-02T05:40:00+01:00
    where: "Derrow, Maelshire"
    timezone: "+01:00"
  - id: derrow-flood-2014
    title: "The 2014 Derrow flood"
    when: 2014-03
    background_of: derrow-flood-2026
    aliases: ["the 2014 flood", "the earlier Derrow flood"]
sources:
  - id: vale-wire-2026-06-02
    title: "Miners trapped as water floods Derrow pit"
    publisher: "Vale Wire"
    published: 2026-06-02
facts:
  - id: trapped-company
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Miners trapped (company count)"
    values: ["41"]
    reported_by: "Derrow Mining"
    text: "Derrow Mining said 41 miners were trapped below the flooded level."
    about: [miners, trapped]
  - id: rescued-company
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Miners brought up by rescuers"
    values: ["6"]
    reported_by: "Derrow Mining"
    text: "Derrow Mining said rescuers had brought six miners up by noon."
    about: [miners, rescue]
  - id: trapped-union
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Miners trapped (union figure)"
    values: ["58"]
    reported_by: "the Maelshire Miners' Federation"
    text: "The miners' federation said 58 of its members were trapped."
    about: [miners, trapped]
  - id: shafts
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Shafts cut off by the water"
    values: ["4"]
    reported_by: "Derrow Mining"
    text: "Four of the colliery's shafts were cut off."
    about: [shafts]
  - id: rescue-budget
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: money
    label: "Rescue budget"
    values: ["$12 million"]
    reported_by: "Ilse Varrow, Derrow Mining's chief financial officer"
    text: "The company has set aside $12 million for the rescue, its finance chief said."
    about: [rescue cost]
  - id: rescue-cost-analyst
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: money
    label: "Analyst estimate of the full pumping and repair bill"
    values: ["about $20 million"]
    reported_by: "Piet Hollom, mining analyst at Crane Securities"
    text: "Hollom put the full bill nearer $20 million once the pumping and repairs are counted."
    about: [rescue cost, estimate]
  - id: vigil-families-first
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Families at the pithead vigil"
    values: ["120"]
    as_of: 2026-06-02T09:00:00+01:00
    reported_by: "the miners' families group"
    text: "The families group said 120 families had gathered at the pithead by 9 a.m."
    about: [vigil, families]
  - id: vigil-families-revised
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Families at the pithead vigil"
    values: ["300"]
    as_of: 2026-06-02T09:00:00+01:00
    rank: 1
    reported_by: "the miners' families group"
    text: "Later the families group raised its count to 300 families."
    about: [vigil, families]
  - id: vigil-families-paper
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: count
    label: "Families counted at the vigil by reporters"
    values: ["about 200"]
    reported_by: "the Maelshire Courant"
    text: "The Maelshire Courant counted about 200 families at the vigil."
    about: [vigil, families]
  - id: alarm-to-evacuation
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    label: "Time between the water alarm and the order to leave"
    values: ["35 min"]
    reported_by: "the mines inspectorate"
    text: "The inspectorate said 35 minutes passed between the water alarm and the order to leave."
    about: [alarm, evacuation]
  - id: alarm-to-first-flood
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    label: "Time between the pump warning and the first flood"
    values: ["about 3 h"]
    reported_by: "the mines inspectorate"
    text: "The pumps warned about three hours before the first flood reached the face."
    about: [pump warning]
    keywords: [first flood]
  - id: offer-rejected
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: money
    label: "Union's rejected March pay offer"
    values: ["$2 million"]
    reported_by: "Derrow Mining"
    text: "The union turned down a $2 million safety pay offer in March."
    about: [pay offer]
    keywords: [first offer]
  - id: offer-rejected-time
    event: derrow-flood-2026
    source: vale-wire-2026-06-02
    kind: time
    attribute: event_time
    label: "Union's first offer rejected"
    time: 2026-03
    reported_by: "Derrow Mining"
    text: "The union rejected Derrow Mining's first safety pay offer in March."
    about: [pay offer]
    keywords: [first offer]
  - id: deaths-2014
    event: derrow-flood-2014
    source: vale-wire-2026-06-02
    kind: measurement
    attribute: deaths
    label: "Deaths in the 2014 flood"
    values: ["3"]
    reported_by: "Vale Wire"
    text: "Three miners died when the same level flooded in 2014."
"""


@pytest.fixture(scope="module")
def colliery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with closing(engine_over(tmp_path_factory.mktemp("colliery"), "colliery", COLLIERY)) \
            as engine:
        yield engine


def test_two_stated_figures_pick_the_pair_that_holds_them(colliery: Engine):
    # both figures said, their gap asked: not "derrow says 41" read as the figure given and
    # the federation's asked, and not the company's other count (its 6 rescued)
    question = "derrow says 41 trapped, federation says 58... whats the gap"
    with colliery._index() as matcher:
        q = matcher.analyse(question)
    assert q.given_figure is None and q.difference
    text, ids = ask(colliery, question)
    assert sorted(ids) == ["trapped-company", "trapped-union"]
    assert "differ by 17" in text


def test_how_far_apart_two_named_sources_estimates_are(colliery: Engine):
    # "cfo" names the finance chief; the two labels differ, so each is named in the answer
    text, ids = ask(colliery, "how far apart are the cfo's and hollom's rescue cost estimates")
    assert sorted(ids) == ["rescue-budget", "rescue-cost-analyst"]
    assert "differ by about $8 million" in text
    assert "Rescue budget: $12 million" in text and "Analyst estimate" in text


def test_a_source_is_named_by_its_figure_with_a_scale_word(colliery: Engine):
    text, ids = ask(colliery, "difference between 12m and hollom's rescue bill?")
    assert sorted(ids) == ["rescue-budget", "rescue-cost-analyst"]
    assert "$8 million" in text


def test_a_sources_revised_figure_stands_for_it(colliery: Engine):
    # the families group raised 120 to 300: "fewer than the families claimed" is 300's gap
    for question in ("the courant counted way fewer? how many fewer than the families "
                     "group claimed",
                     "wait the courant said way fewer families? how many fewer than the "
                     "families group claimed"):
        text, ids = ask(colliery, question)
        assert sorted(ids) == ["vigil-families-paper", "vigil-families-revised"]
        assert "about 100" in text and "300" in text


def test_a_figure_shared_out_over_a_count(colliery: Engine):
    text, ids = ask(colliery, "how many trapped miners per shaft on average, company count")
    assert ids == ["trapped-company", "shafts"]
    assert "divided by shafts cut off by the water: about 10" in text


def test_per_each_keeps_the_first_unit_and_needs_a_count():
    assert per_each(parse_quantity("384"), parse_quantity("27")) == parse_quantity("14")
    assert per_each(parse_quantity("$12 million"), parse_quantity("4")).value == 3_000_000
    assert per_each(parse_quantity("31"), parse_quantity("36")).value == 0.86
    for a, b in (("10 km", "2 h"), ("at least 40", "4"), ("40", "0")):
        with pytest.raises(ValueError):
            per_each(parse_quantity(a), parse_quantity(b))


def test_a_time_between_label_is_a_length_of_time(colliery: Engine):
    fact = Fact(id="x", event="e", source="s", kind="measurement",
                label="Time between the alarm and the order",
                quantities=(parse_quantity("35 min"),), reported_by="r", text="t")
    with colliery._index() as matcher:
        found = matcher.index.analyzer.label_attributes(fact)
    assert found == {attribute_term("duration")}
    text, ids = ask(colliery, "how many mins between the water alarm and the order to leave")
    assert ids == ["alarm-to-evacuation"]
    assert "35 minutes" in text


def test_the_first_x_of_the_reports_own_facts_is_not_the_earlier_event(colliery: Engine):
    # "the first flood" is a moment of this flood its own facts name; the 2014 flood the
    # report recalls is asked by its year
    text, ids = ask(colliery, "how long between the pump warning and the first flood")
    assert ids == ["alarm-to-first-flood"]
    _, ids = ask(colliery, "how many died in the 2014 flood")
    assert ids == ["deaths-2014"]


def test_a_time_the_question_states_is_no_answer(colliery: Engine):
    # "in march" is said: the offer's sum answers, not the month it was rejected
    text, ids = ask(colliery, "what was the union's first offer that got rejected in march")
    assert ids == ["offer-rejected"]
    assert "$2 million" in text
