"""Questions asked loosely, as chat asks them, about an event the code has never seen.

Our own fictional quarry report, written as a moderator writes. None of its words are in
the code or the lexicon: each test asks what any report's facts could be asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import Reason, TermClass
from bot.core.text import compound_head, picks_an_extreme
from tests.conftest import engine_beside_shipped

QUARRY = """\
events:
  - id: brenna-quarry-2026
    title: "Quarry wall collapses at Brenna"
    when: 2026-05-12T14:05:00+02:00
    where: "Brenna, Oskel valley"
sources:
  - id: valleywire-2026-05-13
    title: "Brenna quarry wall gives way in storm"
    publisher: "Valley Wire"
    published: 2026-05-13
facts:
  - id: brenna-deaths
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: deaths
    values: ["0"]
    reported_by: "the Oskel fire service"
    text: "The fire service said nobody died when the wall came down."
  - id: brenna-gust
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: wind_speed
    label: "Wind gust at the quarry office"
    values: ["88 km/h"]
    reported_by: "the Oskel weather station"
    text: "The weather station logged a gust of 88 km/h at the quarry office."
    about: [wind, gust]
  - id: brenna-output-lost
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Output lost per day (US dollars)"
    values: ["$140,000"]
    reported_by: "Dovan Quarrying"
    text: "Dovan Quarrying said the stoppage cost it about $140,000 of output each day."
    about: [output, stoppage]
  - id: brenna-repair-cost
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Cost of shoring up the wall (US dollars)"
    values: ["$2.5 million"]
    reported_by: "Dovan Quarrying"
    text: "Shoring up the rest of the wall will cost about $2.5 million, the company said."
    about: [repairs, wall]
  - id: brenna-closure-minimum
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: duration
    label: "Closure the company is planning for (minimum)"
    values: ["at least 2 weeks"]
    reported_by: "Ilse Varn, Dovan Quarrying operations director"
    text: "Varn said the company was planning for a closure of two weeks or more."
    about: [closure, quarry]
  - id: brenna-closure-likely
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: duration
    label: "Closure the company expects as most likely"
    values: ["5 weeks"]
    reported_by: "Ilse Varn, Dovan Quarrying operations director"
    text: "Varn said five weeks was the likelier length of the closure."
    about: [closure, quarry]
  - id: brenna-governor
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: statement
    speaker: "Anela Marsk"
    speaker_role: "Oskel regional governor"
    reported_by: "Valley Wire"
    quote: "That wall was inspected in March and nobody raised a single concern."
    text: "Regional governor Anela Marsk said the wall had passed an inspection in March."
    about: [inspection, wall]
  - id: brenna-report-due
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: duration
    label: "Inspectors' report expected within"
    values: ["3 weeks"]
    reported_by: "the Oskel mines inspectorate"
    text: "The inspectorate said its report on the collapse is expected within three weeks."
    about: [inspectors, report]
  - id: brenna-first-seen
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: claim
    reported_by: "Valley Wire"
    text: "The first cracks in the wall were spotted by a lorry driver, Tomas Greb."
    about: [cracks, Tomas Greb]
  - id: brenna-claims-morning
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Damage claims filed with the quarry"
    values: ["140"]
    as_of: "Wednesday 09:00 local time"
    reported_by: "Dovan Quarrying"
    text: "By 9 a.m. on Wednesday, 140 neighbours had filed damage claims with the quarry."
    about: [damage claims]
  - id: brenna-claims-afternoon
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Damage claims filed with the quarry"
    values: ["365"]
    as_of: "Wednesday 16:00 local time"
    reported_by: "Dovan Quarrying"
    text: "The count of damage claims had reached 365 by 4 p.m."
    about: [damage claims]
  - id: brenna-claims-why
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: claim
    reported_by: "Dovan Quarrying"
    text: "The company said damage claims rose because it added a second street to its zone."
    about: [damage claims]
  - id: brenna-farmer
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: statement
    speaker: "Petr Alm"
    speaker_role: "dairy farmer below the quarry"
    reported_by: "Valley Wire"
    quote: "My fields are grey. Nobody has told me if the grass is safe to graze."
    text: "Alm said dust from the collapse had settled on his fields."
    about: [dust, fields]
  - id: brenna-indoors-radius
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    attribute: distance
    label: "Radius of the stay-indoors zone"
    values: ["1.5 km"]
    reported_by: "the Oskel fire service"
    text: "Residents within 1.5 km were told to keep their windows shut because of the dust."
    about: [dust, residents]
  - id: brenna-hailstone
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Heaviest hailstone collected"
    values: ["90 g"]
    reported_by: "the Oskel weather station"
    text: "The station's largest hailstone from the storm weighed 90 grams."
    about: [hail, hailstone]
  - id: brenna-survey
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: statement
    speaker: "Mira Sol"
    speaker_role: "geologist leading the survey of the wall"
    reported_by: "Valley Wire"
    quote: "The rest of the face is sound, but we will not rush the report."
    text: "Sol said the rest of the quarry face looked sound."
    about: [survey, wall]
  - id: brenna-rock-removed
    event: brenna-quarry-2026
    source: valleywire-2026-05-13
    kind: measurement
    label: "Broken stone cleared from the road (tonnes)"
    values: ["1,200 t"]
    reported_by: "Dovan Quarrying"
    text: "Crews had cleared about 1,200 tonnes of broken stone from the road below the quarry."
    about: [rock, road, stone]
"""


@pytest.fixture(scope="module")
def quarry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base = tmp_path_factory.mktemp("quarry")
    with closing(engine_beside_shipped(base, "quarry", QUARRY)) as engine:
        yield engine


def _answered(engine: Engine, question: str) -> list[str]:
    result = engine.match(question)
    assert result.reason is Reason.ANSWERED, (question, result.reason)
    return [f.fact.id for f in result.facts]


def test_a_chat_spelling_with_a_digit_is_read_as_its_word(quarry: Engine):
    assert _answered(quarry, "any1 killed??") == ["brenna-deaths"]


def test_em_is_them(quarry: Engine):
    assert _answered(quarry, "who spotted em first, the cracks") == ["brenna-first-seen"]


def test_when_is_answered_by_a_length_of_time_expected(quarry: Engine):
    assert _answered(quarry, "when do we get the inspectors report") == ["brenna-report-due"]
    # what happened is not answered by what is expected
    assert quarry.match("when did the inspectors report come out").reason \
        is not Reason.ANSWERED


def test_a_superlative_no_fact_says_picks_the_one_figure_there_is(quarry: Engine):
    assert _answered(quarry, "max gust in mph?") == ["brenna-gust"]
    assert "55 mph" in quarry.ask("max gust in mph?").text
    terms = {t.word: t.kind for t in quarry.score_question("highest gust in mph").query.terms}
    assert terms["highest"] is TermClass.LIGHT


def test_a_recency_word_is_no_superlative_made_light(quarry: Engine):
    terms = {t.word for t in quarry.score_question("latest gust in mph").query.terms
             if t.kind is TermClass.LIGHT}
    assert "latest" not in terms


def test_a_rate_asked_keeps_its_period(quarry: Engine):
    assert _answered(quarry, "how much $ is dovan losing a day") == ["brenna-output-lost"]


def test_a_role_asked_with_name_and_a_speech_verb_is_the_role_holder(quarry: Engine):
    assert _answered(quarry, "who's the governor talking to reporters, name?") == [
        "brenna-governor"]
    assert "Anela Marsk" in quarry.ask("who's the governor talking to reporters, name?").text
    assert _answered(quarry, "who's the governor, name?") == ["brenna-governor"]


def test_one_sources_figures_of_one_kind_answer_together(quarry: Engine):
    ids = _answered(quarry, "how long does varn reckon the closure lasts")
    assert set(ids) == {"brenna-closure-minimum", "brenna-closure-likely"}


def test_one_sources_sums_of_different_things_do_not_join(quarry: Engine):
    ids = _answered(quarry, "how much is the repair of the wall going to cost")
    assert ids == ["brenna-repair-cost"]


def test_a_compounds_head_noun_answers_for_it(quarry: Engine):
    assert _answered(quarry, "how heavy was the biggest stone, in oz") == ["brenna-hailstone"]


def test_a_revised_counts_rise_is_the_later_count_less_the_earlier(quarry: Engine):
    question = "how many new damage claims between the 9am and the afternoon count"
    result = quarry.match(question)
    assert result.reason is Reason.ANSWERED and result.difference
    assert [f.fact.id for f in result.facts] == ["brenna-claims-afternoon",
                                                  "brenna-claims-morning"]
    assert "225 more in the later count" in quarry.ask(question).text


def test_why_a_count_jumped_is_the_sentence_that_says_why_then_the_counts(quarry: Engine):
    ids = _answered(quarry, "y did the claims number jump from 140 lol")
    assert ids == ["brenna-claims-why", "brenna-claims-afternoon", "brenna-claims-morning"]


def test_by_how_much_a_count_rose_between_two_counts_is_its_rise(quarry: Engine):
    question = "by how much did damage claims rise between the 9am and afternoon counts"
    assert "225 more in the later count" in quarry.ask(question).text


def test_more_than_is_no_revision(quarry: Engine):
    query = quarry.score_question("how many more damage claims than deaths").query
    assert not query.revision_asked


def test_a_role_that_names_one_person_answers_whatever_else_is_said_of_them(quarry: Engine):
    question = "whos the farmer guy worried about his grass"
    scored = quarry.score_question(question)
    assert max(h.score for h in scored.hits) < quarry.settings_book.thresholds(None).answer
    assert _answered(quarry, question) == ["brenna-farmer"]
    assert "Petr Alm" in quarry.ask(question).text


def test_staying_inside_is_staying_indoors(quarry: Engine):
    assert _answered(quarry, "stay-inside zone radius in miles?") == ["brenna-indoors-radius"]


@pytest.mark.parametrize(("word", "head"), [
    ("hailstone", "stone"), ("windstorm", "storm"), ("floodwater", "water"),
    ("schoolteacher", "teacher"),
    ("countermeasures", None),  # a prefix, not a first noun
    ("hostages", None), ("critically", None),  # endings that look like words
    ("blocking", None),  # a verb form
    ("airport", None),  # an everyday word of its own
])
def test_compound_head(word: str, head: str | None):
    assert compound_head(word) == head


@pytest.mark.parametrize(("word", "extreme"), [
    ("highest", True), ("worst", True), ("max", True), ("peak", True),
    ("honest", False), ("forest", False), ("gust", False),
])
def test_picks_an_extreme(word: str, extreme: bool):
    assert picks_an_extreme(word) is extreme


def test_the_compound_head_is_in_the_facts_terms(tmp_path: Path):
    with closing(engine_beside_shipped(tmp_path, "quarry", QUARRY)) as engine:
        hits = engine.score_question("stone weight").hits
        assert "brenna-hailstone" in {h.doc.id for h in hits}


def test_how_heavy_asks_the_weight_of_one_thing_not_an_amount_by_weight(quarry: Engine):
    # both are masses and both are stone; only one says how heavy a thing is
    assert _answered(quarry, "how heavy was the stone in oz") == ["brenna-hailstone"]
    assert _answered(quarry, "how many tonnes of stone did they clear") \
        == ["brenna-rock-removed"]


def test_in_charge_is_leading(quarry: Engine):
    assert _answered(quarry, "who is the geologist in charge") == ["brenna-survey"]
    assert "Mira Sol" in quarry.ask("who is the geologist in charge").text


RANSOM = """\
events:
  - id: hospital-ransomware-2025
    title: "Ransomware attack on a hospital group"
    when: 2025-10-14
sources:
  - id: wire-2025-10-14
    title: "Hospitals hit by ransomware"
    publisher: "Wire"
    published: 2025-10-14
facts:
  - id: ransom-bitcoin
    event: hospital-ransomware-2025
    source: wire-2025-10-14
    kind: measurement
    label: "Ransom demanded (bitcoin)"
    values: ["80"]
    reported_by: "the hospital group"
    text: "The ransom note demanded 80 bitcoin."
"""


@pytest.mark.parametrize("question", ["how many bitcoin did they ask for",
                                      "how much bitcoin r they asking for"])
def test_asking_for_is_demanding(tmp_path: Path, question: str):
    """"Ask for" is to demand (a ransom, a pay rise): the lexicon says so, as data."""
    with closing(engine_beside_shipped(tmp_path, "ransom", RANSOM)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["ransom-bitcoin"]


DIVE = """\
events:
  - id: tarn-cave-dive-2026
    title: "Divers reach trapped cavers in the Tarn sump"
    when: 2026-07-09
sources:
  - id: fellwire-2026-07-10
    title: "Cavers brought out of the Tarn sump"
    publisher: "Fell Wire"
    published: 2026-07-10
facts:
  - id: tarn-diver-quote
    event: tarn-cave-dive-2026
    source: fellwire-2026-07-10
    kind: statement
    speaker: "Ola Veck"
    speaker_role: "cave diver"
    reported_by: "Fell Wire"
    quote: "The final 30 metres were the slowest 90 seconds I have known."
    text: "Veck said the final 30 metres felt like the slowest 90 seconds he had known."
  - id: tarn-sump-length
    event: tarn-cave-dive-2026
    source: fellwire-2026-07-10
    kind: measurement
    label: "Length of the flooded passage"
    values: ["140 m"]
    reported_by: "the cave rescue team"
    text: "The rescue team said the flooded passage was 140 metres long."
  - id: tarn-divers-club
    event: tarn-cave-dive-2026
    source: fellwire-2026-07-10
    kind: measurement
    attribute: count
    label: "Divers in the water (club)"
    values: ["12"]
    reported_by: "the Tarn diving club"
    text: "The diving club said 12 divers took turns in the water."
  - id: tarn-divers-police
    event: tarn-cave-dive-2026
    source: fellwire-2026-07-10
    kind: measurement
    attribute: count
    label: "Divers in the water (police)"
    values: ["9"]
    reported_by: "the county police"
    text: "The county police said nine divers had gone into the water."
  - id: tarn-divers-why
    event: tarn-cave-dive-2026
    source: fellwire-2026-07-10
    kind: claim
    reported_by: "Fell Wire"
    text: "The club counted three of its volunteers that police did not list."
    keywords: [why the counts differ]
"""


@pytest.fixture(scope="module")
def dive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with closing(engine_beside_shipped(tmp_path_factory.mktemp("dive"), "dive", DIVE)) as eng:
        yield eng


def test_a_figure_glued_to_its_unit_and_a_clipped_unit_match_the_words_spelt_out(
        dive: Engine):
    # "30m", "90 secs": "30 metres", "90 seconds" as the sentence spells them
    assert _answered(dive, "who said the final 30m were the slowest 90 secs") \
        == ["tarn-diver-quote"]


def test_two_sources_said_to_give_different_numbers_are_both_asked(dive: Engine):
    # "club and police say diff numbers right?": whose figures, and a tag asking to confirm;
    # neither is a word of the figures
    question = "how many divers were in the water, club and police say diff numbers right? " \
               "give me both"
    q = dive.matcher.analyse(question)
    assert [t.word for t in q.versus] == ["club", "police"] and not q.according
    assert not {"right", "different", "numbers"} & {t.word for t in q.content}
    assert set(_answered(dive, question)) >= {"tarn-divers-club", "tarn-divers-police"}
