"""How a question is read: asked units, and words that date a figure or name a thing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import AnswerType, Recency
from bot.core.matching.analyzer import clock_hours, mentions_time, tells_of_a_past_day
from bot.core.matching.query import QueryReader, TermClass, undergoer_verbs, used_as_noun
from bot.core.text import lemma, spelling_variants, stem
from tests.conftest import KNOWLEDGE, engine_over, open_engine
from tests.core.test_figures_together import SLIDE
from tests.core.test_timezones import QUAY

WAREHOUSE_FIRE = """\
events:
  - id: tarn-warehouse-fire-2026
    title: "Explosion at a Tarn docks warehouse"
    when: 2026-05-04T21:10:00+02:00
    where: "Tarn, Vesland"
sources:
  - id: docknews-2026-05-05
    title: "Docks warehouse burns"
    publisher: "Docknews"
    published: 2026-05-05
facts:
  - id: tarn-fire-start
    event: tarn-warehouse-fire-2026
    source: docknews-2026-05-05
    kind: time
    label: "Start of the fire"
    time: 2026-05-04T21:10:00+02:00
    reported_by: "the Tarn fire service"
    text: "The fire service said the fire started at 9:10 p.m. in a paint store."
"""


@pytest.fixture
def slide(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "slide", SLIDE)
    yield eng
    eng.close()


@pytest.fixture
def quay(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "quay", QUAY)
    yield eng
    eng.close()


@pytest.fixture
def docks_beside_launch(tmp_path: Path) -> Iterator[Engine]:
    """The shipped launch and a docks fire (``WAREHOUSE_FIRE``), loaded together."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    (knowledge / "tarn.yaml").write_text(WAREHOUSE_FIRE, encoding="utf-8")
    eng = open_engine(tmp_path / "t.db", knowledge)
    yield eng
    eng.close()


@pytest.mark.parametrize(("question", "unit"), [
    ("how heavy was the truck in lbs", "lb"),
    ("wind in kph?", "km/h"),
    ("how far is that in nautical miles", "nmi"),
    ("what is that in kilograms", "kg"),
    ("how much rain in mm", "mm"),
    ("how big in square miles", "mi²"),
    ("how many kilometres did it fly", "km"),
    ("how many minutes did it last", "min"),
    ("4.2 tonnes is how many pounds", "lb"),
    ("how many acres burned", "acre"),
    ("how many nautical miles did it travel", "nmi"),
    ("how many square miles burned", "mi²"),
    ("how many sq ft of the roof fell in", "ft²"),  # any spelling the table has
    ("50m crowns is how many usd", "USD"),
    ("how many cumecs at the peak", "m³/s"),
    ("how big was the hike in basis pts", "bp"),
    ("and in percentage pts?", "pp"),
    ("the old record was 43.8c right? whats that in F", "°F"),
    ("what is that in c", "°C"),
    ("the losses were 4.2bn dravik, whats that in $", "USD"),
    ("and in £ pls", "GBP"),
    # a word that says the everyday kind of a unit; a unit of two words is read whole
    ("how far was it in regular miles pls", "mi"),
    ("whats the range in statute miles", "mi"),
    ("range in nautical miles?", "nmi"),
])
def test_every_spelling_of_a_unit_in_the_units_table_is_an_asked_unit(
        slide: Engine, question: str, unit: str):
    query = slide.matcher.analyse(question)
    assert query.unit == unit
    if " in " in question:  # the unit's words ask nothing of the facts
        assert not {t.word for t in query.terms} & set(question.split(" in ")[1].split())


@pytest.mark.parametrize("question", ["was it a second try", "did they pound the site",
                                      "as of friday how many", "talk to us",
                                      "was it in c block", "how much $ did they release"])
def test_everyday_words_are_not_asked_units(slide: Engine, question: str):
    assert slide.matcher.analyse(question).unit is None


@pytest.mark.parametrize(("words", "i", "noun"), [
    ("how fast is the current in km h".split(), 4, True),
    ("who won the final".split(), 3, True),
    ("what is the current toll".split(), 3, False),  # qualifies "toll"
    ("whats the death toll now".split(), 4, False),  # an adverb
    ("current toll".split(), 0, False),
])
def test_a_dating_word_after_an_article_and_before_nothing_is_a_noun(
        words: list[str], i: int, noun: bool):
    assert used_as_noun(words, i) is noun


def test_the_current_of_a_river_is_a_thing_asked_about_not_the_latest_figure(slide: Engine):
    query = slide.matcher.analyse("how fast is the current in km/h")
    assert query.recency is Recency.ANY
    assert any(t.word == "current" and t.kind is TermClass.CONTENT for t in query.terms)
    assert slide.matcher.analyse("what is the current evacuation figure").recency \
        is Recency.LATEST


@pytest.mark.parametrize(("word", "other"), [
    ("program", "programme"), ("programme", "program"), ("defence", "defense"),
    ("centre", "center"), ("metres", "meters"), ("organised", "organized"),
    ("analysing", "analyzing"), ("travelled", "traveled"), ("colour", "color"),
    ("harbours", "harbors"), ("catalogue", "catalog"), ("anaemia", "anemia"),
    ("fertilizer", "fertiliser"), ("organisers", "organizers"),
])
def test_british_and_american_spellings_are_variants_of_each_other(word: str, other: str):
    assert other in spelling_variants(word)


@pytest.mark.parametrize("word", ["order", "never", "your", "four", "dog", "blog"])
def test_words_with_no_other_spelling_have_no_variants(word: str):
    assert spelling_variants(word) == frozenset()


def test_a_question_in_one_spelling_finds_a_fact_in_the_other(slide: Engine):
    # the volume's label says "Cubic metres": asked in the other spelling, the unit is read
    query = slide.matcher.analyse("how many cubic meters came down")
    assert query.unit == "m³" and not any(t.word == "meters" for t in query.terms)
    answer = slide.ask("how many cubic meters of earth came down")
    assert answer.answered and "40,000" in answer.text, answer.text


@pytest.mark.parametrize(("question", "relationship"), [
    ("whats the mayors deal with the quarry", False),  # "the mayor's": grammar words first
    ("whats dask's deal with the quarry company", True),
    ("whats dasks deal here", True),
    ("what is the deal with the quarry company", False),  # an agreement
    ("what deal did dask sign", False),
])
def test_someones_deal_with_another_is_their_relationship(
        slide: Engine, question: str, relationship: bool):
    words = slide.matcher.analyse(question).words
    assert ("relationship" in words and "deal" not in words) is relationship, words


def test_whether_it_is_known_yet_weighs_like_a_grammar_word(slide: Engine):
    for question in ("how many were evacuated do they know yet",
                     "what did the drone film, does anyone know"):
        query = slide.matcher.analyse(question)
        assert not any(t.word == "know" and t.kind is TermClass.CONTENT for t in query.terms)


def test_an_unknown_verb_weighs_less_than_an_unknown_thing(slide: Engine):
    # no fact says "declare" or "submarine"; an action is more often said another way
    # ("ordered") than a thing is, so the verb weighs less and blocks nothing
    matcher = slide.matcher
    verb = matcher.analyse("how many homes did they declare buried")
    noun = matcher.analyse("how many submarine homes were buried")
    verb_weights, noun_weights = matcher.scorer.weights(verb), matcher.scorer.weights(noun)
    assert verb_weights["declar"] < noun_weights["submarin"]
    assert verb.unknown == [] and noun.unknown == ["submarine"]


@pytest.mark.parametrize(("question", "counted"), [
    ("how many extra cooling centers did they open", "centers"),
    ("how many fishing boats were lost", "boats"),
    ("how many rescue workers struck", "workers"),
    ("how many people were displaced", "people"),
])
def test_what_how_many_counts_is_the_head_of_its_phrase(slide: Engine, question: str,
                                                        counted: str):
    # an -ing word before a noun names the kind ("cooling centres"), it ends no phrase
    assert slide.matcher.analyse(question).counted == counted


def test_which_town_asks_a_place_even_beside_a_figure_cue(slide: Engine):
    query = slide.matcher.analyse("which town broke the temperature record")
    assert query.answer_type is AnswerType.PLACE and not query.dimensions
    assert slide.matcher.analyse("how hot did the town get").answer_type \
        is AnswerType.QUANTITY


def test_a_verb_done_again_finds_the_re_verb(quay: Engine):
    # the quay's fact says the harbour "reopened"; "open again" is that
    query = quay.matcher.analyse("when did the harbour open again")
    assert "reopen" in next(t for t in query.terms if t.word == "open").alternatives
    assert "reopen" not in next(t for t in quay.matcher.analyse(
        "when did the harbour open").terms if t.word == "open").alternatives
    assert quay.match("when did the harbour open again").facts[0].fact.id \
        == "quay-harbour-reopened"


@pytest.mark.parametrize(("text", "timed"), [
    ("Schools will stay shut until the end of the week.", True),
    ("Talks resume next week.", True),
    ("The ministry will decide this month.", True),
    ("The weekly market was cancelled.", False),
    ("The board must reply within 30 days.", True),
    # how quickly, not when: "within a minute" names no day or hour
    ("Any dealer would know the piece within a minute.", False),
])
def test_a_period_named_from_now_is_a_time(text: str, timed: bool):
    assert mentions_time(text) is timed


@pytest.mark.parametrize(("text", "timed", "hours"), [
    ("The missile was fired at 10:48 local time.", True, {10}),
    ("The order came at 21:40.", True, {21}),
    # race times look like clocks but tell no time of day
    ("Korvin finished the final in 30:44.17.", False, set()),
    ("She won the marathon in 2:19:48, a national record.", False, set()),
])
def test_a_race_time_is_no_time_of_day(text: str, timed: bool, hours: set[int]):
    assert mentions_time(text) is timed
    assert clock_hours(text) == hours


def test_when_someone_can_do_a_thing_is_asked_of_the_future(slide: Engine):
    assert slide.matcher.analyse("so when can they go home").future
    assert not slide.matcher.analyse("when did they go home").future


@pytest.mark.parametrize("question", ["wat time was that for us east coast ppl",
                                      "what time was it on the east coast",
                                      "what time was the collapse for west coast people"])
def test_a_zone_named_after_for_or_on_is_asked(quay: Engine, question: str):
    query = quay.matcher.analyse(question)
    assert query.zone is not None and query.zone.key in (
        "America/New_York", "America/Los_Angeles")
    # the zone's words are used up: no term, no phrase of them is left to match
    assert not {"east", "west", "coast"} & {w for t in query.terms for w in t.word.split()}


def test_a_long_unknown_compound_stands_for_the_words_sharing_its_start(tmp_path: Path):
    # "spokesguy" is no English word and no fact's: the facts' "spokesman" shares "spokes"
    eng = engine_over(tmp_path, "quay", QUAY.replace(
        'reported_by: "port company"',
        'reported_by: "port company spokesman Aru Tane"'))
    try:
        query = eng.matcher.analyse("what did the port spokesguy say")
        spokes = next(t for t in [*query.terms, *query.speaker] if t.word == "spokesguy")
        assert "spokesman" in spokes.alternatives
        # a real English word is left alone, however long, and so is a short one
        prefixed = eng.matcher.index.terms_with_prefix
        assert QueryReader._kin("spokesperson", prefixed) == frozenset()
        assert QueryReader._kin("spokesg", prefixed) == frozenset()
    finally:
        eng.close()


def test_a_bare_year_answers_when_less_well_than_a_date(slide: Engine):
    # "the hillside last slid in 1987": a year, not a date, says less of "when"
    matcher = slide.matcher
    docs = {d.id: d for d in matcher.index.event_docs("orlen-slide-2026", None)}
    assert "year_only" in docs["slide-history"].features
    assert "year_only" not in docs["slide-road-closed"].features
    assert "year_only" not in docs["slide-road-warning"].features  # "on 28 March"
    when = matcher.analyse("when did the hillside slide")
    which_year = matcher.analyse("what year did the hillside slide")
    assert which_year.asks_year and not when.asks_year
    history = docs["slide-history"]
    assert matcher.scorer.fit(when, history) < matcher.scorer.fit(which_year, history)


def test_who_is_the_x_who_did_y_names_x_and_asks_y_of_the_facts(slide: Engine):
    question = "who is the minister who spoke about the old mill"
    query = slide.matcher.analyse(question)
    assert [t.term for t in query.speaker] == ["minist"]
    assert {"old", "mill"} <= {w for t in query.terms for w in t.word.split()}
    answer = slide.ask(question)
    assert answer.answered and "Mira Olt" in answer.text, answer.text


def test_what_someone_said_about_a_measure_needs_a_fact_about_it(slide: Engine):
    # Olt said nothing about speed: her words about the old mill do not answer it
    answer = slide.ask("what did olt say about the speed")
    assert not answer.answered, answer.text


def test_since_a_year_a_fact_names_is_no_whole_year_asked(slide: Engine):
    # a fact says "last slid in 1987": "since 1987" is the period it speaks of
    assert slide.matcher.analyse("how many slides since 1987").year_scope is None
    # a year no fact names is still a whole period asked about, which nothing covers
    assert slide.matcher.analyse("how many slides since 1990").year_scope == "1990"
    assert slide.matcher.analyse("how many slides in 1987").year_scope == "1987"


def test_a_synonym_of_a_word_names_no_event(docks_beside_launch: Engine):
    # "fire" is a synonym of "launch" (the shipped missile story), whose title says it
    # "fires" missiles; "fire" alone is an everyday word that names no event, and its
    # synonyms must not make it one: the fire after the docks explosion answers
    answer = docks_beside_launch.ask("when did the fire start, in utc pls")
    assert answer.answered and answer.facts[0].fact.id == "tarn-fire-start", answer.text
    assert "19:10 UTC" in answer.text


def test_chat_shorthand_after_a_number_is_written_out_unless_it_is_a_unit(slide: Engine):
    assert slide.matcher.analyse("the district says 600 ppl moved out").words[4] == "people"
    assert slide.matcher.analyse("did it rain at 6 pm").words[-1] == "pm"  # a time
    assert slide.matcher.analyse("was it 5 min").words[-1] == "min"  # a unit


def test_two_sources_said_differently_how_many_compares_their_figures(slide: Engine):
    question = "the district says 14 homes but the red cross says diff?? how many"
    assert slide.matcher.analyse(question).compares
    answer = slide.ask(question)
    assert answer.answered, answer.text
    assert {"slide-homes-district", "slide-homes-red-cross"} <= {
        af.fact.id for af in answer.facts}


def test_a_leading_according_to_leaves_the_question_form_to_the_rest(slide: Engine):
    query = slide.matcher.analyse("according to the red cross who buried the homes")
    assert query.answer_type is AnswerType.WHO
    assert [t.term for t in query.according] == ["red", "cross"]
    query = slide.matcher.analyse("according to the district office how many died")
    assert query.answer_type is AnswerType.NUMBER


def test_whose_figure_is_the_words_after_the_last_the(slide: Engine):
    """"doesnt match the district count": the district's figure, not "match district"."""
    query = slide.matcher.analyse("why doesnt the red cross number match the district count")
    assert [t.word for t in query.according] == ["district"]


@pytest.mark.parametrize(("question", "speaker"), [
    ("how did the district office explain the lower figure", ["district", "office"]),
    ("whats the red cross explanation for the delay", ["red", "cross"]),
])
def test_how_someone_explained_it_asks_the_reason_they_give(
        slide: Engine, question: str, speaker: list[str]):
    # "explain" is chat filler elsewhere ("can someone explain"); here it asks a reason
    query = slide.matcher.analyse(question)
    assert query.answer_type is AnswerType.REASON
    assert [t.word for t in query.speaker] == speaker


@pytest.mark.parametrize("question", [
    "injured numbers keep changing, whats the latest",
    # a clipped cue ("evac" of "evacuated") names what is counted too, not whose figure
    "evac numbers keep changing, whats the latest",
])
def test_numbers_named_by_what_they_count_are_nobodys(slide: Engine, question: str):
    assert slide.matcher.analyse(question).according == []


@pytest.mark.parametrize("question", [
    "what was the date",
    "whats the date of the survey",
    "what was the date, like day n month",
])
def test_the_date_asked_is_a_day(slide: Engine, question: str):
    query = slide.matcher.analyse(question)
    assert query.answer_type is AnswerType.TIME
    assert query.asks_day
    assert "month" not in [t.word for t in query.terms]


@pytest.mark.parametrize(("question", "future"), [
    ("when exactly will they reopen the road", True),
    ("when r they doing the survey", True),
    ("when did they close the road", False),
])
def test_a_time_ahead_is_asked(slide: Engine, question: str, future: bool):
    assert slide.matcher.analyse(question).future is future


def test_a_day_a_sentence_tells_of_in_the_past_does_not_answer_when_will(slide: Engine):
    # "later on Thursday, the minister said ..." tells when she spoke, not when the road
    # will reopen; "would give its findings on Friday" is ahead, and stays an answer
    docs = {d.id: d for d in slide.matcher.index.event_docs("orlen-slide-2026", None)}
    assert "past_day" not in docs["slide-road-closed"].features
    query = slide.matcher.analyse("when will the survey report")
    past = replace(docs["slide-history"], features=docs["slide-history"].features
                   | {"time", "past_day"})
    ahead = replace(past, features=past.features - {"past_day"})
    assert slide.matcher.scorer.fit(query, past) < slide.matcher.scorer.fit(query, ahead)


@pytest.mark.parametrize(("text", "past"), [
    ("Later on Thursday the minister responded that the summit would deter threats.", True),
    ("The minister said yesterday that talks had failed.", True),
    ("The commission would give its first findings on Friday.", False),
    ("Talks will resume on Friday.", False),
])
def test_which_sentences_tell_of_a_day_gone_by(text: str, past: bool):
    assert tells_of_a_past_day(text) is past


@pytest.mark.parametrize("term", ["thursday", "march", "may", "sunday"])
def test_a_day_or_a_month_names_no_event_by_itself(term: str):
    from bot.core.text import common_word, stem
    assert common_word(stem(term))


def test_a_weekday_in_the_question_does_not_narrow_it_to_one_event(
        docks_beside_launch: Engine):
    # the shipped launch was on a Thursday; a question about another event's Thursday
    # briefing must still see that event's facts
    matcher = docks_beside_launch.matcher
    query = matcher.analyse("the paint store briefing thursday morning")
    own = [t.alternatives for t in query.terms]
    assert matcher.index.named_events(own, None) != ["wonsan-launch-2022-11-17"]


def test_an_inflected_everyday_verb_weighs_as_the_verb_does(tmp_path: Path):
    # "runs" (Zipf 4.9) is as everyday as "run" (5.5): both keep half their rarity's weight
    eng = engine_over(tmp_path, "quay", QUAY.replace(
        "The port company said the harbour reopened", "The port company, which runs the "
        "harbour, said it reopened"))
    try:
        m = eng.matcher
        runs = m.analyse("which company runs the harbour")
        run = m.analyse("which company will run the harbour")
        assert m.scorer.weights(runs)["run"] == pytest.approx(m.scorer.weights(run)["run"])
    finally:
        eng.close()


@pytest.mark.parametrize(("text", "normal"), [
    ("slide was 600m wide", "slide was 600 m wide"),  # a size follows: metres
    ("the 3m-tall wall", "the 3 m tall wall"),
    ("a $5m fund", "a 5m fund"),  # alone, "m" may be millions: left as it is
    ("17m in feet pls", "17 m in feet pls"),  # a length to convert into follows: metres
    ("5m in euros", "5m in euros"),
    ("5hrs is wild", "5 hrs is wild"),
    ("412mm of rain", "412 mm of rain"),
])
def test_a_unit_glued_to_its_number_is_split_off(text: str, normal: str):
    from bot.core.text import normalize
    assert normalize(text) == normal


@pytest.mark.parametrize(("text", "normal"), [
    ("how many still w/o power", "how many still without power"),
    ("homes W/ no water", "homes with no water"),
    ("speed in km/h", "speed in km h"),  # (a unit's slash is no "with")
])
def test_chats_w_slash_is_with_and_w_slash_o_without(text: str, normal: str):
    from bot.core.text import normalize
    assert normalize(text) == normal


@pytest.mark.parametrize("question", [
    "y did the missing number go down if theyre still digging",
    "why did the toll rise even though the rain stopped",
])
def test_a_clause_that_says_why_the_asker_wonders_weighs_little(slide: Engine, question: str):
    query = slide.matcher.analyse(question)
    kinds = {t.word: t.kind for t in query.terms}
    aside = {"digging"} if "digging" in question else {"rain", "stopped"}
    asked = {"missing"} if "missing" in question else {"toll"}
    assert all(kinds[w] is TermClass.LIGHT for w in aside if w in kinds)
    assert all(kinds[w] is TermClass.CONTENT for w in asked)


def test_a_condition_of_a_plain_question_is_what_it_asks(slide: Engine):
    query = slide.matcher.analyse("how many homes were buried if the red cross is right")
    assert {t.word: t.kind for t in query.terms}["cross"] is TermClass.CONTENT


TRUCE = """\
events:
  - id: varn-truce-2026
    title: "Truce in the Varn valley"
    when: 2026-05-02
sources:
  - id: post-2026-05-03
    title: "Valley truce"
    publisher: "Valley Post"
    published: 2026-05-03
facts:
  - id: truce-held
    event: varn-truce-2026
    source: post-2026-05-03
    kind: claim
    reported_by: "Valley Post"
    text: "The cease fire between the two militias held through the night."
  - id: truce-toll
    event: varn-truce-2026
    source: post-2026-05-03
    kind: measurement
    attribute: deaths
    label: "Death toll of the clashes"
    values: ["9"]
    reported_by: "the district hospital"
    text: "The district hospital said the clashes left nine dead."
"""


@pytest.mark.parametrize(("question", "fact"), [
    ("did the ceasefire hold", "truce-held"),
    ("whats the deathtoll", "truce-toll"),
])
def test_two_words_run_together_find_the_facts_pair(tmp_path: Path, question: str, fact: str):
    eng = engine_over(tmp_path, "truce", TRUCE)
    try:
        assert [s.fact.id for s in eng.match(question).facts] == [fact]
    finally:
        eng.close()


def test_a_real_word_is_not_split_into_two(slide: Engine):
    # "update" is no "up date", "reacting" no "re acting"
    for word in ("update", "reacting"):
        query = slide.matcher.analyse(f"what about the {word}")
        assert all("date" not in t.alternatives and "act" not in t.alternatives
                   for t in query.terms)


def test_what_is_left_of_a_contraction_begins_no_compound():
    # "reactive" is not "re active" ("re" of "we're"), though the facts have "active"
    assert QueryReader.split_run_together("reactive", {stem("active")}) == ["reactive"]
    assert QueryReader.split_run_together("onboard", {stem("board")}) == ["on", "board"]


def test_a_common_compound_is_a_word_of_its_own(engine: Engine):
    index_terms = engine.matcher.index.surface_terms()  # (the shipped facts have "high",
    # "way", "fire", "arms", "body")
    for word in ("nobody", "highway", "firearms", "weekday"):
        assert QueryReader.split_run_together(word, index_terms) == [word]


def test_a_hyphenated_word_is_also_the_word_typed_whole(engine: Engine):
    analyzer = engine.matcher.index.analyzer
    terms = analyzer.terms("The register never re-certified it after the refit.")
    assert stem("recertified") in terms and stem("certified") in terms
    assert "recertified" in analyzer.terms_words("never re-certified it")  # (spelling's)


@pytest.mark.parametrize(("question", "word"), [
    ("how tal is the ridge in feet", "tall"),
    ("how dep is the lake", "deep"),
    ("how mnay died", "many"),
])
def test_the_word_after_how_is_read_as_one_of_the_few_that_follow_it(
        slide: Engine, question: str, word: str):
    assert slide.matcher.analyse(question).words[1] == word



@pytest.mark.parametrize(("question", "kept"), [
    ("wat did the dairy blame it on ngl sounds like an excuse", "on"),
    ("why did the count go up ngl seems sus", "up"),
    ("how high did it go, looks really high", "go"),
])
def test_what_the_asker_makes_of_it_after_the_question_is_not_asked(
        slide: Engine, question: str, kept: str):
    assert slide.matcher.analyse(question).words[-1] == kept


@pytest.mark.parametrize("question", ["what sounds did people hear",
                                      "it seems like the toll rose, how many died"])
def test_a_verb_of_seeming_inside_the_question_stays(slide: Engine, question: str):
    words = slide.matcher.analyse(question).words
    assert "sounds" in words or "seems" in words


def test_what_someone_blamed_it_on_asks_their_reason(slide: Engine):
    query = slide.matcher.analyse("what did the district office blame it on")
    assert query.answer_type is AnswerType.REASON
    assert query.speaker


@pytest.mark.parametrize(("question", "answer_type"), [
    ("who was driving the lorry", AnswerType.WHO),
    ("who was even playing lol which teams", AnswerType.WHO),
    ("who is the mayor", AnswerType.ROLE),
])
def test_who_is_doing_something_asks_who_did_it_not_who_they_are(
        slide: Engine, question: str, answer_type: AnswerType):
    assert slide.matcher.analyse(question).answer_type is answer_type


FLIGHTS = """\
events:
  - id: holm-rocket-2026
    title: "Rocket breaks up over Holm"
    when: 2026-06-01
sources:
  - id: range-news-2026-06-02
    title: "Rocket lost"
    publisher: "Range News"
    published: 2026-06-02
facts:
  - id: second-flight-soon
    event: holm-rocket-2026
    source: range-news-2026-06-02
    kind: claim
    reported_by: "Range News"
    text: "Officials said a second test flight was possible in March."
  - id: second-flight-range
    event: holm-rocket-2026
    source: range-news-2026-06-02
    kind: claim
    reported_by: "Range News"
    text: "Officials said a second test flight would use the range in the country's north."
"""


def test_where_is_answered_by_a_sentence_that_names_a_place(tmp_path: Path):
    # both sentences share the question's words; one says where ("in March" says when)
    with closing(engine_over(tmp_path, "flights", FLIGHTS)) as eng:
        result = eng.match("where would the second test flight happen")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["second-flight-range"]


@pytest.mark.parametrize("word", ["whole", "entire"])
def test_a_word_of_wholeness_is_light(slide: Engine, word: str):
    # "the whole austerity package" is the package: "whole" is no word a fact must have
    query = slide.matcher.analyse(f"how big is the {word} relief package")
    assert next(t for t in query.terms if t.word == word).kind is TermClass.LIGHT


@pytest.mark.parametrize("word", ["keeps", "bringing"])
def test_verbs_of_going_on_about_are_light(slide: Engine, word: str):
    # "the rate the union keeps bringing up" is the rate: the union's habit is no word a
    # fact must have
    query = slide.matcher.analyse("what is the relief sum the union keeps bringing up")
    assert {t.kind for t in query.terms if t.word == word} <= {TermClass.LIGHT}
    assert {t.word for t in query.terms if t.kind is TermClass.CONTENT} == {
        "relief", "sum", "union"}


@pytest.mark.parametrize(("question", "word"), [
    ("how long does the geologist reckon the slide will take to clear", "reckon"),
    ("when is the relief package supposed to pass", "supposed"),
    ("who testified that the slide was foreseeable", "testified"),  # said, under oath
])
def test_a_word_of_opinion_or_expectation_is_light(slide: Engine, question: str, word: str):
    # "reckon" is "think" (whose opinion it is, not what it is about); "supposed to" says
    # when something is expected, as "expected" does: no fact need have either word
    query = slide.matcher.analyse(question)
    assert word not in {t.word for t in query.content}


@pytest.mark.parametrize("question", [
    "whats the margin between the top two",
    "how big is the lead between the leading 2",
    "whats the gap between them",
])
def test_which_two_a_gap_is_between_is_no_word_of_a_fact(slide: Engine, question: str):
    words = {t.word for t in slide.matcher.analyse(question).terms}
    assert not words & {"top", "two", "2", "leading", "them"}


def test_what_kind_of_thing_asks_that_thing_not_the_attribute_kind_cues(engine: Engine):
    # the shipped launch records a missile's type: "what kind of missile" asks it;
    # "what kind of response" asks about a response, whatever "what kind" cues
    asked = engine.matcher.analyse("what kind of response did north korea threaten")
    assert not any(t.term.startswith("attr:") for t in asked.terms)
    missile = engine.matcher.analyse("what kind of missile was it")
    assert any(t.term.startswith("attr:") for t in missile.terms)
    assert engine.ask("what kind of response did north korea threaten").answered


def test_a_bare_what_kind_asks_the_kind_of_what_came_before(engine: Engine):
    # "...any drills that day? what kind": drills of some kind, not the missile's type
    drills = engine.matcher.analyse("did the us and sk do any drills that day? what kind")
    assert not any(t.term.startswith("attr:") for t in drills.terms)
    answered = engine.match("did the us and sk do any drills that day? what kind")
    assert "wonsan-missile-type" not in [s.fact.id for s in answered.facts]
    assert [s.fact.id for s in engine.match("did they fire a missile? what kind").facts] == [
        "wonsan-missile-type"]


@pytest.mark.parametrize(("question", "dropped"), [
    ("what time did the blast hit in gmt", True),
    ("when did the quake strike", True),
    ("what time did it hit land", False),  # it hit something: that is asked
])
def test_a_verb_of_happening_with_nothing_after_it_asks_the_events_time(
        slide: Engine, question: str, dropped: bool):
    words = {t.word for t in slide.matcher.analyse(question).terms}
    assert (not words & {"hit", "strike"}) is dropped


@pytest.mark.parametrize(("question", "asked"), [
    ("how far did the bus fall?? in feet pls", {"height", "depth"}),
    ("how far down did the cabin drop", {"height", "depth"}),
    ("how far did the bus travel", {"distance", "range"}),
])
def test_how_far_something_fell_asks_a_height(engine: Engine, question: str, asked: set[str]):
    attributes = engine.matcher.analyse(question).attributes
    assert asked <= attributes and not ({"distance", "range"} - asked) & attributes


def test_an_ee_noun_finds_the_verb_it_underwent(tmp_path: Path):
    text = """\
events:
  - id: tolm-jail-break-2026
    title: "Jail break in Tolm"
    when: 2026-02-02
sources:
  - id: wire-2026-02-03
    title: "Tolm jail break"
    publisher: "Meridian Wire"
    published: 2026-02-03
facts:
  - id: tolm-escaped
    event: tolm-jail-break-2026
    source: wire-2026-02-03
    kind: measurement
    label: "Inmates who escaped"
    values: ["12"]
    reported_by: "the prisons service"
    text: "The prisons service said 12 inmates escaped and 3 guards were detained for questioning."
"""
    with closing(engine_over(tmp_path, "jail", text)) as eng:
        for word, verb in (("escapees", "escaped"), ("detainees", "detained")):
            term = next(t for t in eng.matcher.analyse(f"how many {word}").terms
                        if t.word == word)
            assert stem(verb) in term.alternatives
        assert undergoer_verbs("free") == frozenset()  # "fr-ee" is no one's verb



@pytest.mark.parametrize("question", ["how strong was the wind in mph", "wind in km/h?",
                                      "how windy was it"])
def test_the_wind_however_asked_asks_the_wind_speed(engine: Engine, question: str):
    # (the shipped facts give no wind, so the attribute is read but weighs nothing here)
    assert "wind_speed" in engine.matcher.analyse(question).attributes


@pytest.mark.parametrize(("question", "day"), [
    ("the briefing sat evening, what time was it", "saturday"),
    ("what did the mayor say on sun", "sunday"),
    ("who sat next to the minister", None),  # a verb
    ("how hot was the sun", None),
])
def test_a_days_clipped_name_that_is_a_word_is_the_day_only_where_a_day_goes(
        slide: Engine, question: str, day: str | None):
    words = slide.matcher.analyse(question).words
    assert (day in words) if day else not {"saturday", "sunday"} & set(words)


@pytest.mark.parametrize(("question", "content"), [
    ("how much warning did the town get", True),  # a thing given, named as a noun
    ("did they get any warning", True),
    ("what did they warn the town about", False),  # a verb of speech: what was said
    ("what was the warning they gave", False),  # (asks what was said)
])
def test_a_speech_verbs_ing_noun_after_an_amount_word_is_content(
        slide: Engine, question: str, content: bool):
    kinds = {t.word: t.kind for t in slide.matcher.analyse(question).terms}
    assert any(kind is TermClass.CONTENT for w, kind in kinds.items()
               if w.startswith("warn")) is content


@pytest.mark.parametrize(("question", "written"), [
    ("when does the 2nd trial start", "second"),
    ("what was the 1st count", "first"),
    ("did it happen on the 3rd of may", None),  # a day of the month
    ("was it on the 12th", None),
])
def test_an_ordinal_in_digits_before_a_noun_is_written_out(
        slide: Engine, question: str, written: str | None):
    words = slide.matcher.analyse(question).words
    if written:
        assert written in words
    else:
        assert not {"third", "twelfth"} & set(words)


@pytest.mark.parametrize("question", ["how full are the reservoirs", "how empty is the dam"])
def test_how_full_asks_a_share(slide: Engine, question: str):
    assert slide.matcher.analyse(question).dimensions == frozenset({"percent"})


@pytest.mark.parametrize(("text", "aged"), [
    ("The three suspects are aged 27, 34 and 41.", True),  # ages: how old, in years
    ("Police detained a man aged about 30.", True),
    ("The aged bridge was closed.", False),
])
def test_ages_in_a_sentence_are_durations(text: str, aged: bool):
    from bot.core.matching.analyzer import text_dimensions
    assert ("duration" in text_dimensions(text)) is aged


def test_a_different_figure_is_another_one_not_a_word_of_a_fact(slide: Engine):
    """"The company said a diff speed": another figure than one the asker knows ("diff" is
    chat's "different"); why two figures differ still asks it of the facts."""
    kinds = {t.term: t.kind for t in slide.matcher.analyse(
        "company gps said a diff speed right? in mph").terms}
    assert kinds[stem("different")] is TermClass.LIGHT
    kinds = {t.term: t.kind for t in slide.matcher.analyse(
        "why did the company give a different speed").terms}
    assert kinds[stem("different")] is TermClass.CONTENT


def test_a_typo_is_not_split_into_a_word_and_a_short_tail():
    """"statemet" is "statement" mistyped, not "state" and "met"; a compound whose parts
    the facts have is still two words ("deathtoll")."""
    terms = {stem(w) for w in ("state", "met", "death", "toll", "statement")}
    assert QueryReader.split_run_together("statemet", terms) == ["statemet"]
    assert QueryReader.split_run_together("deathtoll", terms) == ["death", "toll"]


def test_a_mistyped_filler_word_asks_nothing(slide: Engine):
    q = slide.matcher.analyse("why were they evacuated anywya")
    assert q.corrections.get("anywya") == "anyway"
    assert "anyway" not in {t.word for t in q.terms}


@pytest.mark.parametrize(("question", "word"), [
    ("how many homes were buried, seriously", "seriously"),
    ("how many homes were apparently buried", "apparently"),
    ("how many homes were buried honestly thats insane", "insane"),
])
def test_a_chat_aside_asks_nothing(slide: Engine, question: str, word: str):
    # words that say how the asker feels about it, not what they ask
    assert word not in {t.word for t in slide.matcher.analyse(question).terms}


@pytest.mark.parametrize("question", [
    "i saw 12 homes buried somewhere, is that the latest",
    "ive heard 12 homes were buried, right?",
])
def test_how_the_asker_came_by_a_figure_asks_nothing(slide: Engine, question: str):
    terms = {t.word: t.kind for t in slide.matcher.analyse(question).terms}
    assert "somewhere" not in terms
    assert all(terms[w] is TermClass.LIGHT for w in ("saw", "heard") if w in terms)


def test_when_it_finally_happened_is_when_it_happened(slide: Engine):
    q = slide.matcher.analyse("when was the road finally reopened")
    assert next(t for t in q.terms if t.word == "finally").kind is TermClass.LIGHT


def test_a_mistyped_chat_spelling_is_read_as_that_spelling(slide: Engine):
    q = slide.matcher.analyse("what time woudlve that been in utc")
    assert q.corrections.get("woudlve") == "wouldve"
    assert q.words[2:4] == ["would", "have"]


def test_a_mistyped_five_letter_chat_spelling_is_that_spelling(slide: Engine):
    q = slide.matcher.analyse("what kidna flood was it")
    assert q.corrections.get("kidna") == "kinda"


TREATY = """\
events:
  - id: orvel-water-accord-2026
    title: "Three river states sign the Orvel water accord"
    when: 2026-04-09
sources:
  - id: rivernews-2026-04-10
    title: "Orvel accord signed"
    publisher: "River News"
    published: 2026-04-10
facts:
  - id: accord-joint-statement
    event: orvel-water-accord-2026
    source: rivernews-2026-04-10
    kind: statement
    speaker: "Ida Ferran, Bo Lindqvist and Amara Osei"
    speaker_role: "water ministers of Dalvia, Kessland and Umbria"
    reported_by: "Ida Ferran, Bo Lindqvist and Amara Osei"
    text: "The three ministers' joint statement pledged to share the Orvel's summer flow."
    about: [joint statement, water sharing]
  - id: accord-dalvia-minister
    event: orvel-water-accord-2026
    source: rivernews-2026-04-10
    kind: statement
    speaker: "Ida Ferran"
    speaker_role: "Dalvia's water minister"
    reported_by: "River News"
    text: "Ferran said the accord was overdue."
"""


@pytest.mark.parametrize("question", [
    "what was in the joint statement from the 3 ministers",
    "what was in the joint statment from the three ministers",
])
def test_whose_statement_is_named_after_it_and_a_count_of_them_is_no_name(tmp_path: Path,
                                                                           question: str):
    """"the joint statement from the 3 ministers": the ministers', not a speaker called
    "joint"; and "3" says how many of them there are, not who they are."""
    with closing(engine_over(tmp_path, "treaty", TREATY)) as eng:
        query = eng.matcher.analyse(question)
        assert query.answer_type is AnswerType.STATEMENT
        assert [t.word for t in query.speaker] == ["ministers"]
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["accord-joint-statement"]


@pytest.mark.parametrize("question", [
    "what did the dalvia water ppl say",
    "what did the dalvia officials say",
])
def test_people_or_officials_of_something_are_whoever_of_it_speaks(tmp_path: Path,
                                                                    question: str):
    """"the dalvia officials": someone of Dalvia's, whatever the report calls them; the
    word for "someone" is no word their description must have."""
    with closing(engine_over(tmp_path, "treaty", TREATY)) as eng:
        assert not {"ppl", "people", "officials"} & {
            t.word for t in eng.matcher.analyse(question).speaker}
        result = eng.match(question)
        assert result.status == "answer"
        assert "accord-dalvia-minister" in [s.fact.id for s in result.facts]


DIVE = """\
events:
  - id: ostra-wreck-dive-2026
    title: "Divers reach the Ostra wreck"
    when: 2026-06-02
    where: "off Cape Marl"
sources:
  - id: harbourwire-2026-06-03
    title: "Ostra wreck reached"
    publisher: "Harbour Wire"
    published: 2026-06-03
facts:
  - id: dive-found-time
    event: ostra-wreck-dive-2026
    source: harbourwire-2026-06-03
    kind: time
    attribute: event_time
    time: 2026-06-02T14:10:00+01:00
    reported_by: "the salvage firm"
    text: "The salvage firm said its divers found the wreck at 14:10."
  - id: dive-found-where
    event: ostra-wreck-dive-2026
    source: harbourwire-2026-06-03
    kind: place
    attribute: location
    place: "38 m down, 2 km off Cape Marl"
    reported_by: "the salvage firm"
    text: "The divers found it 38 m down, 2 km off Cape Marl."
  - id: dive-found-what
    event: ostra-wreck-dive-2026
    source: harbourwire-2026-06-03
    kind: claim
    reported_by: "the salvage firm"
    text: "Inside the hull the divers found the ship's bell and its logbook."
"""


@pytest.mark.parametrize("question", ["what did the divers end up finding",
                                      "where did the bell end up"])
def test_ending_up_is_how_things_turned_out_not_an_end(question: str, tmp_path):
    from tests.conftest import engine_over
    eng = engine_over(tmp_path, "dive", DIVE)
    try:
        words = {t.word for t in eng.matcher.analyse(question).terms}
        assert "end" not in words and "up" not in words, words
    finally:
        eng.close()


def test_which_direction_asks_a_place(tmp_path):
    from tests.conftest import engine_over
    eng = engine_over(tmp_path, "dive", DIVE.replace(
        '"38 m down, 2 km off Cape Marl"', '"38 m down, 2 km east of Cape Marl"'))
    try:
        q = eng.matcher.analyse("which direction did the divers go from the cape, east or west")
        assert q.answer_type is AnswerType.PLACE
        answer = eng.ask("which direction did the divers go from the cape, east or west")
        assert answer.answered and "east of Cape Marl" in answer.text, answer.text
    finally:
        eng.close()


def test_what_someone_did_asks_the_thing_not_when_or_where(tmp_path):
    from tests.conftest import engine_over
    eng = engine_over(tmp_path, "dive", DIVE)
    try:
        assert eng.matcher.analyse("what did the divers find").asks_thing
        answer = eng.ask("what did the divers find")
        assert answer.answered and "bell" in answer.text, answer.text
        assert "14:10" in eng.ask("when did the divers find it").text
    finally:
        eng.close()


@pytest.mark.parametrize(("typed", "word"), [
    ("mens", "man"), ("womens", "woman"), ("childrens", "child"),
])
def test_a_possessive_typed_without_its_apostrophe_is_the_noun(typed: str, word: str):
    # "the mens race" is "the men's race", whose words the index holds as "man"
    assert lemma(typed) == word
    assert stem(typed) == stem(typed[:-1])


@pytest.mark.parametrize("word", ["bus", "news", "lens", "status", "gas"])
def test_a_word_that_ends_in_s_of_its_own_is_left_alone(word: str):
    assert lemma(word) == word


def test_a_place_in_digits_after_a_verb_of_placing_is_the_ordinal(slide: Engine):
    # "who came 2nd": second place, as a fact writes it (not "2nd", which none does)
    words = {t.word for t in slide.matcher.analyse("who came 2nd in the relay").terms}
    assert "second" in words and "2nd" not in words
    words = {t.word for t in slide.matcher.analyse("what happened on the 2nd").terms}
    assert "second" not in words


@pytest.mark.parametrize(("question", "content"), [
    ("whats the days high in fahrenheit", True),   # the day's high: a fact's word
    ("what was the low overnight", True),
    ("how high did the water rise", False),        # the question's form
    ("was it high", False),
])
def test_high_or_low_named_as_a_noun_is_a_word_of_the_fact(slide: Engine, question: str,
                                                          content: bool):
    terms = {t.word: t.kind for t in slide.matcher.analyse(question).terms}
    word = "high" if "high" in question else "low"
    assert (terms.get(word) is TermClass.CONTENT) is content


@pytest.mark.parametrize(("question", "negated"), [
    ("how many trains didnt leave", True),
    ("what trains did not leave the port", True),
    ("who said kids cant breathe at night", False),  # a negation in what was said
    ("why didnt they evacuate sooner", False),  # a reason, which need not negate
    ("didnt the trains leave", False),  # yes or no
])
def test_a_question_of_what_did_not_happen(engine: Engine, question: str, negated: bool):
    assert engine.matcher.analyse(question).negated is negated


@pytest.mark.parametrize("question, dimensions", [
    ("how much lower did the shares open than they closed", frozenset()),
    ("how much higher was the toll than the first count", frozenset()),
    ("how much deeper was it than the old shaft", frozenset({"length"})),
])
def test_higher_and_lower_compare_any_figures_not_heights(slide: Engine, question: str,
                                                          dimensions: frozenset[str]):
    query = slide.matcher.analyse(question)
    assert query.difference
    assert query.dimensions == dimensions
