""""Has this happened before?": the earlier event a report recalls answers, told by the
fact that says most of its name, when nothing else answers.

Our own fictional report of a grain-silo explosion that recalls an older one. None of its
words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_beside_shipped, engine_over

SILO = """\
events:
  - id: tarnow-silo-2026
    title: "Grain silo explodes at the Tarnow river port"
    when: 2026-09-03T14:20:00+02:00
    timezone: "+02:00"
  - id: brisk-silo-1998
    title: "The 1998 grain elevator blast at Brisk harbour"
    where: "Brisk harbour"
    background_of: tarnow-silo-2026
sources:
  - id: quay-2026-09-04
    title: "Silo blast at Tarnow"
    publisher: "Quayside Daily"
    published: 2026-09-04
facts:
  - id: silo-injured
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: injured
    values: ["11"]
    reported_by: "the port fire service"
    text: "The port fire service said 11 dock workers were hurt."
  - id: silo-dust
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: claim
    reported_by: "the port fire service"
    text: "Firefighters said it happened after grain dust built up inside the silo for weeks."
  - id: brisk-deaths
    event: brisk-silo-1998
    source: quay-2026-09-04
    kind: measurement
    attribute: deaths
    values: ["6"]
    reported_by: "Quayside Daily"
    text: "Six men died in 1998 when dust ignited inside an elevator at Brisk harbour."
  - id: brisk-inquiry
    event: brisk-silo-1998
    source: quay-2026-09-04
    kind: claim
    reported_by: "Quayside Daily"
    text: "An inquiry afterwards called for dust extraction fans in every elevator."
"""

SECOND_EARLIER = """\
  - id: corran-silo-2011
    title: "The 2011 silo fire at Corran"
    background_of: tarnow-silo-2026
"""

CORRAN_FACT = """\
  - id: corran-fire
    event: corran-silo-2011
    source: quay-2026-09-04
    kind: claim
    reported_by: "Quayside Daily"
    text: "A silo at Corran burned for two days in 2011."
"""


@pytest.fixture(scope="module")
def silo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("silo"), "silo", SILO)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "has this happened before?",
    "has this happened before? last big one",
    "hasnt this happened there before??",
    "did this happen before at another port",
    "didnt something like this happen at tarnow before? when",  # where, between
])
def test_has_it_happened_before_is_answered_by_the_earlier_event(silo: Engine, question: str):
    result = silo.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["brisk-deaths"]
    assert "1998" in silo.ask(question).text


def test_what_happened_before_something_is_not_an_earlier_event(silo: Engine):
    result = silo.match("what happened before the explosion")
    assert [s.fact.id for s in result.facts] != ["brisk-deaths"]


def test_a_word_no_fact_has_still_blocks_it(silo: Engine):
    result = silo.match("has this happened before in norvessa")
    assert result.status != "answer" and result.facts == ()


def test_with_two_earlier_events_none_is_chosen_for_the_asker(tmp_path: Path):
    text = SILO.replace("sources:\n", SECOND_EARLIER + "sources:\n") + CORRAN_FACT
    with closing(engine_over(tmp_path, "silo", text)) as eng:
        assert eng.match("has this happened before?").status != "answer"


CRISIS = SILO.replace("""    where: "Brisk harbour"
""", """    where: "Brisk harbour"
    aliases: ["the 1998 disaster"]
""") + """  - id: silo-mayor-quote
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: statement
    speaker: "Lena Vost"
    speaker_role: "Mayor of Tarnow"
    reported_by: "Quayside Daily"
    text: "Mayor Lena Vost said the port had been warned about the dust."
    quote: "This is a disaster of neglect, not of bad luck"
"""


@pytest.fixture(scope="module")
def crisis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("crisis"), "silo", CRISIS)
    yield eng
    eng.close()


def test_an_everyday_word_alone_does_not_name_the_earlier_event(crisis: Engine):
    # "disaster" is in the 1998 event's alias only, but the report's own event is as much
    # a disaster: the mayor's words answer
    result = crisis.match("who said the 'disaster of neglect' thing")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["silo-mayor-quote"]


def test_the_earlier_event_is_still_named_by_its_year(crisis: Engine):
    result = crisis.match("how many died in the 1998 disaster")
    assert [s.fact.id for s in result.facts] == ["brisk-deaths"]


@pytest.mark.parametrize("question", [
    "did they recommend dust extraction fans back then",
    "what did the old inquiry recommend, fans?",
])
def test_an_earlier_events_fact_that_clearly_leads_answers_when_asked_back(
        silo: Engine, question: str):
    # nothing of the report's own event speaks of an inquiry or fans; the 1998 one's does,
    # and "back then" / "the old" point back to it
    result = silo.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["brisk-inquiry"]
    assert silo.match("how many were hurt").facts[0].fact.id == "silo-injured"


def test_without_pointing_back_the_earlier_events_fact_does_not_answer(silo: Engine):
    # ("how much will the whole attack cost": the report's own, which it does not give)
    assert silo.match("did they recommend dust extraction fans").status != "answer"


DURATIONS = SILO + """\
  - id: silo-burned
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: duration
    label: "Time the fire burned"
    values: ["more than 9 hours"]
    reported_by: "the port fire service"
    text: "The fire service said the silo burned for more than nine hours."
  - id: brisk-burned
    event: brisk-silo-1998
    source: quay-2026-09-04
    kind: measurement
    attribute: duration
    label: "Time the fire burned"
    values: ["30 hours"]
    reported_by: "Quayside Daily"
    text: "The Brisk elevator burned for 30 hours in 1998."
"""


def test_a_difference_between_the_report_and_the_earlier_event_takes_one_figure_each(
        tmp_path: Path):
    with closing(engine_over(tmp_path, "silo", DURATIONS)) as eng:
        question = "the brisk fire burned how many hours longer than this tarnow one"
        result = eng.match(question)
        assert result.status == "answer" and result.difference
        assert sorted(s.fact.id for s in result.facts) == ["brisk-burned", "silo-burned"]
        text = eng.ask(question).text
        assert "differ by less than 21 hours" in text
        assert "The Brisk elevator burned for 30 hours in 1998." in text


@pytest.mark.parametrize("question", [
    "the brisk fire burned how many hours longer vs this tarnow one",
    "how many hours longer did the brisk fire burn compared to the tarnow one",
])
def test_a_difference_asked_with_vs_is_a_difference(tmp_path: Path, question: str):
    """"How much higher ... vs the old one": "vs" or "compared to" sets the two side by
    side as "than" does."""
    with closing(engine_over(tmp_path, "silo", DURATIONS)) as eng:
        result = eng.match(question)
        assert result.status == "answer" and result.difference
        assert sorted(s.fact.id for s in result.facts) == ["brisk-burned", "silo-burned"]


TARNOW_DEATHS = """\
  - id: silo-deaths
    event: tarnow-silo-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: deaths
    values: ["2"]
    reported_by: "the port fire service"
    text: "Two dock workers died in the Tarnow blast."
"""


@pytest.mark.parametrize("question", [
    "wait so how many died in that older one",
    "how many ppl died in the old one",
])
def test_that_older_one_is_the_earlier_event(tmp_path: Path, question: str):
    with closing(engine_over(tmp_path, "silo", SILO + TARNOW_DEATHS)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == ["brisk-deaths"]
        assert [s.fact.id for s in eng.match("how many died").facts] == ["silo-deaths"]


def test_what_year_the_last_one_was_is_told_by_the_fact_that_names_it(silo: Engine):
    result = silo.match("the article says this happened before — what year was the last blast")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["brisk-deaths"]  # "... in 1998 when ..."
    # "the last" of one thing in the report is not the earlier event
    assert silo.match("when was the last proper dust check").status != "answer"


BRISK_PLACE = """\
  - id: brisk-place
    event: brisk-silo-1998
    source: quay-2026-09-04
    kind: place
    attribute: location
    place: "the old grain elevator at Brisk harbour"
    reported_by: "Quayside Daily"
    text: "The 1998 blast wrecked the old grain elevator at Brisk harbour."
"""


@pytest.mark.parametrize("question", [
    "the article mentions an older deadly blast, where was that",
    "the older blast, where was that",
])
def test_where_the_earlier_event_was_is_its_place(tmp_path: Path, question: str):
    """Nothing else answers "where", and the figures of the earlier event do not say (here)
    where it was: its place does."""
    silo = SILO.replace("inside an elevator at Brisk harbour.", "inside an elevator.")
    with closing(engine_over(tmp_path, "silo", silo + BRISK_PLACE)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["brisk-place"]


@pytest.mark.parametrize("question", [
    "wasnt there one in the 90s? how many died",
    "how many died in the 1990s blast",
])
def test_a_decade_names_the_earlier_event_of_one_of_its_years(tmp_path: Path, question: str):
    """"In the 90s": any year of the decade (1998 here); another decade names none."""
    text = SILO.replace("sources:\n", SECOND_EARLIER + "sources:\n") + CORRAN_FACT
    with closing(engine_over(tmp_path, "silo", text)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == ["brisk-deaths"]
        assert eng.match(question.replace("90s", "70s")).facts == ()


QUARRY = """\
events:
  - id: holm-quarry-slide-2026
    title: "Rock slide at the Holm quarry"
    when: 2026-09-02
  - id: holm-quarry-slide-2004
    title: "Holm quarry rock slide of 2004"
    when: 2004-05-11
    background_of: holm-quarry-slide-2026
sources:
  - id: stonepress-2026-09-03
    title: "Slide at Holm quarry"
    publisher: "Stone Press"
    published: 2026-09-03
facts:
  - id: holm-2026-trapped
    event: holm-quarry-slide-2026
    source: stonepress-2026-09-03
    kind: measurement
    label: "Workers trapped"
    values: ["4"]
    reported_by: "the quarry owner"
    text: "The quarry owner said four workers were trapped."
  - id: holm-2004-slide
    event: holm-quarry-slide-2004
    source: stonepress-2026-09-03
    kind: claim
    reported_by: "Stone Press"
    text: "In 2004 a rock slide at the Holm quarry buried two diggers."
"""


@pytest.mark.parametrize("question", [
    "has this happened before",
    "has this happend before? i remember something like 20 yrs ago",
])
def test_asking_only_if_it_happened_before_is_told_the_earlier_event(tmp_path: Path,
                                                                     question: str):
    """No word of any fact, only "before": of the events one can see, the one that recalls
    an earlier event tells it; what the asker recalls after the question mark is theirs."""
    with closing(engine_over(tmp_path, "quarry", QUARRY)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["holm-2004-slide"]


GRID = """\
events:
  - id: velm-blackout-2026
    title: "Blackout across Velm province"
    when: 2026-02-11
    aliases: ["the Velm blackout"]
  - id: ostra-grid-2009
    title: "The 2009 grid failure at Ostra"
    aliases: ["the Ostra outage"]
    background_of: velm-blackout-2026
sources:
  - id: grid-2026-02-12
    title: "Power back in Velm after nine hours"
    publisher: "Quayside Daily"
    published: 2026-02-12
facts:
  - id: velm-duration
    event: velm-blackout-2026
    source: grid-2026-02-12
    kind: measurement
    attribute: duration
    label: "Length of the blackout"
    values: ["9 hours"]
    reported_by: "the grid operator"
    text: "The grid operator said power was out for nine hours."
  - id: ostra-duration
    event: ostra-grid-2009
    source: grid-2026-02-12
    kind: measurement
    attribute: duration
    label: "Length of the 2009 outage"
    values: ["3 hours"]
    reported_by: "Quayside Daily"
    text: "Power was out for about three hours in the 2009 Ostra outage."
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    # "outage" is in the earlier event's name only, but the report's own is a blackout,
    # which means the same: a word of its own ("ostra", "2009") names the earlier one
    ("how long did the outage last", "velm-duration"),
    ("how long did the ostra outage last", "ostra-duration"),
    ("how long did the 2009 outage last", "ostra-duration"),
])
def test_a_word_the_main_event_has_in_meaning_does_not_name_the_earlier_one(
        tmp_path: Path, question: str, fact_id: str):
    with closing(engine_over(tmp_path, "grid", GRID)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == [fact_id]


@pytest.mark.parametrize("question", [
    "wasnt there a silo explosion here before?",
    "was there another blast like it before",
    "has there ever been one at a port before",
    "has tarnow had explosions b4",
])
def test_was_there_one_before_asks_about_the_earlier_event(silo: Engine, question: str):
    result = silo.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["brisk-deaths"]


def test_was_there_one_before_something_is_not_an_earlier_event(silo: Engine):
    result = silo.match("was there an alarm before the explosion")
    assert "brisk-deaths" not in [s.fact.id for s in result.facts]


MINE = """\
events:
  - id: oska-mine-2026
    title: "Miners trapped by flooding at the Oska pit"
    when: 2026-02-10
  - id: oska-mine-1994
    title: "The 1994 Oska pit flood"
    background_of: oska-mine-2026
sources:
  - id: pit-2026-02-11
    title: "Oska pit flood"
    publisher: "Valley Courier"
    published: 2026-02-11
facts:
  - id: oska-trapped-now
    event: oska-mine-2026
    source: pit-2026-02-11
    kind: measurement
    attribute: duration
    label: "Time the miners have been trapped"
    values: ["30 hours"]
    reported_by: "the mine rescue team"
    text: "The nine miners have been trapped for 30 hours."
  - id: oska-trapped-1994
    event: oska-mine-1994
    source: pit-2026-02-11
    kind: measurement
    attribute: duration
    label: "How long the miners were trapped in 1994"
    values: ["4 days"]
    reported_by: "Valley Courier"
    text: "In 1994 six miners were trapped for four days before they were brought up."
"""


def test_a_word_of_the_reports_own_title_with_back_then_asks_the_earlier_one(
        tmp_path: Path):
    # "trapped" names this report's event; "back then" asks the one it recalls
    with closing(engine_over(tmp_path, "mine", MINE)) as eng:
        result = eng.match("how long were they trapped back then")
        assert [s.fact.id for s in result.facts] == ["oska-trapped-1994"]
        result = eng.match("how long have they been trapped")
        assert [s.fact.id for s in result.facts] == ["oska-trapped-now"]


FERRY_AND_KITE = """\
events:
  - id: kite-festival-2026
    title: "Kite festival gust injures spectators at Orlo beach"
    when: 2026-07-04
  - id: kite-festival-2019
    title: "The 2019 kite festival accident at Orlo"
    background_of: kite-festival-2026
  - id: ferry-launch-2026
    title: "New ferry launched at Pellam yard"
    when: 2026-07-03
sources:
  - id: coast-2026-07-04
    title: "Gust at Orlo kite festival"
    publisher: "Coast Wire"
    published: 2026-07-04
facts:
  - id: kite-wind-limit
    event: kite-festival-2026
    source: coast-2026-07-04
    kind: measurement
    attribute: wind_speed
    label: "Wind limit for launching festival kites"
    values: ["40 km/h"]
    reported_by: "the festival organisers"
    text: "Festival rules bar launching kites in winds above 40 km/h."
  - id: kite-2019-injured
    event: kite-festival-2019
    source: coast-2026-07-04
    kind: measurement
    attribute: injured
    values: ["3"]
    reported_by: "Coast Wire"
    text: "Three people were hurt at the 2019 kite festival."
  - id: ferry-length
    event: ferry-launch-2026
    source: coast-2026-07-04
    kind: measurement
    attribute: length
    values: ["120 m"]
    reported_by: "Pellam yard"
    text: "The ferry is 120 metres long."
"""


def test_a_word_a_report_shares_with_its_earlier_event_names_that_report(tmp_path: Path):
    """"Kite" is in the festival's name and the 2019 one's it recalls: it names one report,
    as surely as "launched" names the ferry's; both are candidates, and the kite fact that
    has every word answers."""
    eng = engine_over(tmp_path, "kites", FERRY_AND_KITE)
    try:
        result = eng.match("wind limit for launching kites?")
        assert [s.fact.id for s in result.facts] == ["kite-wind-limit"]
    finally:
        eng.close()


QUAKES = """\
events:
  - id: dravek-quake-2026
    title: "Earthquake in Dravek province"
    when: 2026-03-10
    timezone: "+02:00"
  - id: dravek-quake-2006
    title: "The 2006 Dravek earthquake"
    when: 2006
    background_of: dravek-quake-2026
sources:
  - id: wire-2026-03-10
    title: "Quake kills dozens in Dravek"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: deaths-midday
    event: dravek-quake-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: deaths
    values: ["38"]
    as_of: "Tuesday 12:00 local time"
    reported_by: "the governor"
    text: "By midday the governor said 38 deaths had been confirmed."
  - id: deaths-evening
    event: dravek-quake-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: deaths
    values: ["61"]
    as_of: "Tuesday 18:00 local time"
    reported_by: "the health minister"
    text: "At 6 p.m. the health minister said the death toll had climbed to 61."
  - id: deaths-2006
    event: dravek-quake-2006
    source: wire-2026-03-10
    kind: measurement
    attribute: deaths
    values: ["212"]
    reported_by: "official figures"
    text: "Official figures put the 2006 earthquake's death toll at 212."
  - id: injured-2006
    event: dravek-quake-2006
    source: wire-2026-03-10
    kind: measurement
    attribute: injured
    values: ["about 1,900"]
    approximate: true
    reported_by: "official figures"
    text: "About 1,900 people were injured in the 2006 earthquake."
"""


def test_how_many_more_then_than_in_this_one(tmp_path: Path):
    """"How many more died in 2006 than in this one": the earlier event's deaths against
    this one's latest toll, not the earlier event's injured against its deaths."""
    with closing(engine_beside_shipped(tmp_path, "quakes", QUAKES)) as eng:
        result = eng.match("so how many more ppl died in 2006 than in this one")
        assert result.status == "answer"
        assert sorted(s.fact.id for s in result.facts) == ["deaths-2006", "deaths-evening"]
        assert "151" in eng.ask("so how many more ppl died in 2006 than in this one").text


PASS_STORM = """\
events:
  - id: brenna-blizzard-2026
    title: "Blizzard on the Harrow Pass and the B4 mountain road"
    when: 2026-01-12
    timezone: "+01:00"
  - id: harrow-blizzard-1979
    title: "The 1979 blizzard on the Harrow Pass"
    where: "Harrow Pass, Brenna"
    background_of: brenna-blizzard-2026
sources:
  - id: fell-wire-2026-01-13
    title: "Blizzard shuts the Harrow Pass"
    publisher: "Fell Wire"
    published: 2026-01-13
facts:
  - id: pass-snow-now
    event: brenna-blizzard-2026
    source: fell-wire-2026-01-13
    kind: measurement
    label: "Fresh snow at the Harrow Pass summit station"
    values: ["85 cm"]
    reported_by: "the weather service"
    text: "The weather service's summit station measured 85 cm of new snow in a day."
  - id: pass-snow-1979
    event: harrow-blizzard-1979
    source: fell-wire-2026-01-13
    kind: measurement
    label: "Snow on the Harrow Pass over four days in 1979"
    values: ["160 cm"]
    reported_by: "weather service archives"
    text: "Archives show 160 cm of snow fell on the Harrow Pass over four days in 1979."
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    ("how much snow fell on the harrow pass", "pass-snow-now"),
    ("how much snow fell on the harrow pass in 1979", "pass-snow-1979"),
])
def test_a_place_both_events_name_is_the_reports_own(tmp_path: Path, question: str,
                                                     fact_id: str):
    """The earlier storm's place is "Harrow Pass"; the report's event names it inside a
    longer title ("the Harrow Pass and the B4 mountain road"). The phrase names both, so
    the report's own figure answers unless the earlier storm is named by its year."""
    with closing(engine_beside_shipped(tmp_path, "pass", PASS_STORM)) as eng:
        result = eng.match(question)
        assert [s.fact.id for s in result.facts] == [fact_id]
