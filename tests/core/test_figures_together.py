"""Which figures answer together, on a moderator's unlabelled facts.

Our own fictional landslide report, written the way a moderator writes when they use
attributes and ``as_of`` but no labels. None of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import AnswerType, Reason, Recency, TermClass
from bot.core.matching.scoring import Hit
from tests.conftest import engine_over

SLIDE = """\
events:
  - id: orlen-slide-2026
    title: "Landslide buries part of Orlen"
    when: 2026-04-02T03:10:00+02:00
    where: "Orlen, Dask Highlands"
    aliases: ["the Orlen landslide"]
sources:
  - id: ridgepost-2026-04-02
    title: "Hillside gives way above Orlen"
    publisher: "Ridgepost"
    published: 2026-04-02
facts:
  - id: slide-moved-morning
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: evacuated
    values: ["about 600"]
    as_of: "Thursday 08:00 local time"
    reported_by: "the Dask district office"
    text: "The district office said about 600 people from the lower terraces were moved out."
    about: [evacuation, lower terraces]
  - id: slide-moved-evening
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: evacuated
    values: ["2,100"]
    as_of: "Thursday 18:30 local time"
    reported_by: "the Interior Ministry"
    text: "By evening the Interior Ministry put the number moved out at 2,100."
    about: [evacuation, revision]
  - id: slide-volume
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    label: "Cubic metres of earth that came down"
    values: ["40,000"]
    reported_by: "the Highland Geological Survey"
    text: "Geologists estimated that 40,000 cubic metres of earth came down."
    about: [earth, hillside]
  - id: slide-drone
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: flight_duration
    values: ["95 s"]
    reported_by: "the Dask district office"
    text: "A survey drone filmed the terraces from a lower ridge for 95 seconds."
    about: [drone, survey]
  - id: slide-road-closed
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: time
    label: Upper road closed
    time: 2026-03-28
    reported_by: "the Dask district office"
    text: "The district office had closed the upper road to traffic on 28 March."
    about: [upper road, closure]
  - id: slide-pump-peak
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    label: "Water pumped from the slope at the peak (litres a minute)"
    values: ["900"]
    reported_by: "the Highland Geological Survey"
    text: "Pumping from the slope reached its peak of 900 litres a minute at 4 p.m. on Thursday."
    about: [pumping, drainage]
  - id: slide-pump-peak-time
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: time
    label: "Time pumping peaked"
    time: 2026-04-02T16:00:00+02:00
    reported_by: "the Highland Geological Survey"
    text: "The survey said the pumping peak came at 4 p.m. local time on Thursday."
    about: [drainage]
  - id: slide-chapel
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: claim
    reported_by: "the Orlen diocese"
    text: "The slide hit the hillside chapel; the diocese did not say how many were inside."
    about: [chapel]
  - id: slide-homes-district
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: count
    label: "Homes buried (district office)"
    values: ["14"]
    reported_by: "the Dask district office"
    text: "The district office counted 14 homes buried by the slide."
    about: [homes, damage]
  - id: slide-homes-red-cross
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: count
    label: "Homes and cabins buried (Red Cross)"
    values: ["19"]
    reported_by: "the Dask Red Cross"
    text: "The Red Cross said 19 homes and cabins were buried."
    about: [homes, damage]
  - id: slide-homes-why
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: claim
    reported_by: "the Dask Red Cross"
    text: "The Red Cross count is higher because it includes holiday cabins on the ridge."
    about: [homes, count]
  - id: slide-deaths
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: deaths
    values: ["4"]
    as_of: "Thursday 18:00 local time"
    reported_by: "the Interior Ministry"
    text: "The Interior Ministry said four people had died."
    about: [victims]
  - id: slide-deaths-why-higher
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: statement
    speaker: "Mira Olt"
    speaker_role: "Interior Minister"
    reported_by: "Mira Olt"
    text: "Olt said the higher death toll counted two people found under the old mill overnight."
    keywords: [why did the toll rise, old mill]
  - id: slide-rain-ridge
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: rainfall
    label: "Rain on the ridge gauge in two days"
    values: ["210 mm", "8.3 in"]
    reported_by: "the Highland Geological Survey"
    text: "The ridge gauge recorded 210 mm of rain in the two days before the slide."
  - id: slide-rain-valley
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: rainfall
    label: "Rain in Orlen town in two days"
    values: ["95 mm", "3.7 in"]
    reported_by: "the Highland Geological Survey"
    text: "In the town itself 95 mm fell over the same two days."
  - id: slide-history
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: claim
    reported_by: "the Highland Geological Survey"
    text: "The survey said the hillside above Orlen last slid in 1987."
    about: [history]
  - id: slide-rumble
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: time
    label: "First rumble heard"
    time: 2026-04-02T02:50:00+02:00
    approximate: true
    reported_by: "residents"
    text: "Residents said they first heard a rumble at about 2:50 a.m."
  - id: slide-deaths-share
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: percentage
    label: "Orlen's share of landslide deaths in the highlands since 2000"
    values: ["40%"]
    reported_by: "the Highland Geological Survey"
    text: "Orlen accounts for 40% of landslide deaths in the highlands since 2000."
  - id: slide-runout
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: distance
    label: "Orlen landslide recorded"
    values: ["1.2 km"]
    reported_by: "the Highland Geological Survey"
    text: "The survey recorded the slide's run-out at 1.2 km."
  - id: slide-olt-reopening
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: statement
    speaker: "Mira Olt"
    speaker_role: "Interior Minister"
    reported_by: "Mira Olt"
    quote: "We will not rush anyone back onto that hillside before it is safe"
    text: "Olt did not say when residents could go home, but promised nobody would be rushed back."
  - id: slide-deaths-first
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: deaths
    label: "Initial death toll"
    values: ["2"]
    as_of: "Thursday 08:00 local time"
    reported_by: "the Dask district office"
    text: "The district office first reported two dead."
    about: [victims]
  - id: slide-road-warning
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: claim
    reported_by: "the Dask district office"
    text: "The district office closed the upper road on 28 March, warning that it was cracking."
    about: [upper road, warning]
    rank: 1
"""


@pytest.fixture
def slide(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "slide", SLIDE)
    yield eng
    eng.close()


def test_an_unlabelled_figure_dated_twice_is_one_revised_quantity(slide: Engine):
    # the two facts share only one topic ("evacuation"), but each has its own as_of
    answer = slide.ask("how many ppl were evacuated")
    assert answer.answered and not answer.conflict, answer.text
    assert answer.text.index("2,100") < answer.text.index("earlier about 600")
    latest = slide.ask("how many evacuated rn")
    assert latest.answered and len(latest.facts) == 1 and "2,100" in latest.text


def test_first_picks_the_earlier_of_two_dated_figures(slide: Engine):
    answer = slide.ask("what was the first evacuation number")
    assert answer.answered and len(answer.facts) == 1, answer.text
    assert "600" in answer.text and "2,100" not in answer.text


def test_a_question_for_a_broader_attribute_finds_a_narrower_one(slide: Engine):
    # the lexicon says a flight time is a kind of duration: "how many minutes" asks for a
    # duration, and the drone's fact is recorded as a flight time
    query = slide.matcher.analyse("how many minutes was the drone up")
    asked = next(t for t in query.terms if t.term.startswith("attr:"))
    assert "attr:flight_duration" in asked.alternatives


def test_how_many_minutes_shows_seconds_as_minutes_and_seconds(slide: Engine):
    answer = slide.ask("how many minutes did the drone film for")
    assert answer.answered, answer.text
    assert "1 minute 35 seconds (95 seconds) [converted]" in answer.text


def test_a_date_without_a_clock_time_is_answered_as_a_date(slide: Engine):
    answer = slide.ask("when did they close the upper road")
    assert answer.answered, answer.text
    assert "Saturday, 28 March 2026 (no time of day reported)" in answer.text
    assert "12:00" not in answer.text and "UTC" not in answer.text


@pytest.mark.parametrize("question", ["what time did they close the upper road",
                                      "when did they close the upper road in utc"])
def test_a_date_is_no_answer_to_a_clock_time(slide: Engine, question: str):
    answer = slide.ask(question)
    assert "12:00" not in answer.text
    assert not answer.answered, answer.text


@pytest.mark.parametrize("question", [
    "what was the evacuation count b4 they updated it",
    "what was the evacuation count before they changed it",
    "how many were evacuated before it went up",
])
def test_before_an_update_asks_for_the_first_figure(slide: Engine, question: str):
    answer = slide.ask(question)
    assert answer.answered and len(answer.facts) == 1, answer.text
    assert "600" in answer.text and "2,100" not in answer.text


@pytest.mark.parametrize("question", [
    "what was the dask district office number for ppl moved out b4 they changed it",
    "how many were moved out before they revised it",
])
def test_the_words_of_a_change_weigh_little(slide: Engine, question: str):
    # "changed", "revised": which figure is asked (the first), said of any figure; a fact
    # that says it was revised may still hold them, so they stay, as light words
    q = slide.matcher.analyse(question)
    assert q.recency is Recency.FIRST
    changed = [t for t in q.terms if t.word in ("changed", "revised")]
    assert all(t.kind is TermClass.LIGHT for t in changed), changed


def test_back_then_names_nothing_a_fact_holds(slide: Engine):
    q = slide.matcher.analyse("how many were moved out back then")
    assert "back" not in {t.word for t in q.terms}


def test_before_something_broke_up_is_no_change_of_a_figure(slide: Engine):
    assert slide.matcher.analyse("how many were evacuated before it broke up").recency \
        is Recency.ANY


def test_a_time_asked_in_a_zone_comes_from_a_time_fact(slide: Engine):
    # the measurement mentions the time, and has "peak" and "pumping" as the question words
    # stand; only the time fact can be given in UTC
    answer = slide.ask("pumping peak time in utc?")
    assert answer.answered, answer.text
    assert answer.facts[0].fact.id == "slide-pump-peak-time"
    assert "14:00 UTC" in answer.text


def test_a_clock_question_asks_no_measurement_attribute(slide: Engine):
    # "peak" is a cue of the maximum altitude; "what time" asks a time, not a height
    query = slide.matcher.analyse("what time was the pumping peak")
    assert not query.attributes


def test_a_phrases_words_apart_earn_part_of_its_credit(slide: Engine):
    # "lower terraces" is a phrase (a topic of the morning figure); the drone's sentence has
    # "terraces" and "lower" apart, which earns half the phrase's credit
    matcher = slide.matcher
    query = matcher.analyse("what did the drone film on the lower terraces")
    weights = matcher.scorer.weights(query)
    assert weights.phrase_parts == {"lower_terrac": ("lower", "terrac")}
    drone = next(d for d in matcher.index.event_docs("orlen-slide-2026", None)
                 if d.id == "slide-drone")
    apart = matcher.scorer.score(query, drone, weights).coverage
    matcher.scorer.w = replace(matcher.scorer.w, phrase_apart=0.0)
    together_only = matcher.scorer.score(query, drone, weights).coverage
    assert apart > together_only


def test_a_sentence_that_says_how_many_is_not_known_is_no_count(slide: Engine):
    # the question's words ("chapel") come before "did not say"; what is not said is the
    # question's own form, "how many"
    result = slide.match("how many ppl were in the chapel")
    assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
    answer = slide.ask("how many ppl were in the chapel")
    assert not answer.answered and "diocese" in answer.text


def test_when_asks_a_time_fact_before_a_sentence_that_mentions_a_day(slide: Engine):
    # the warning mentions the day and the closing too, and a moderator ranked it first;
    # scored nearly alike, the time fact still answers "when" outright
    matcher = slide.matcher
    query = matcher.analyse("when was the upper road closed")
    docs = {d.id: d for d in matcher.index.event_docs("orlen-slide-2026", None)}
    hits = [Hit(docs["slide-road-closed"], 0.8, 0.9), Hit(docs["slide-road-warning"], 0.78, 0.9)]
    decision = matcher.decider.decide(query, hits, [], None)
    assert decision.status == "answer"
    assert decision.facts[0].doc.id == "slide-road-closed"
    assert slide.ask("when was the upper road closed").facts[0].fact.id == "slide-road-closed"


def test_why_two_counts_differ_shows_both_with_the_reason(slide: Engine):
    answer = slide.ask("y r the district n red cross numbers for homes so diffrent, "
                       "my gran lives up there")
    assert answer.answered, answer.text
    ids = [af.fact.id for af in answer.facts]
    assert {"slide-homes-district", "slide-homes-red-cross", "slide-homes-why"} <= set(ids)
    assert "holiday cabins" in answer.text


def test_a_labelled_toll_and_an_unlabelled_figure_of_the_same_attribute_are_one_quantity(
        slide: Engine):
    # "Initial death toll" names deaths: "toll", like "number", says only that it is a figure
    answer = slide.ask("how many ppl died")
    assert answer.answered and not answer.conflict, answer.text
    assert [af.fact.id for af in answer.facts] == ["slide-deaths", "slide-deaths-first"]


def test_a_why_question_keyword_marks_a_reason(slide: Engine):
    # the minister's sentence has no "because"; the moderator's keyword says it is the why
    docs = {d.id: d for d in slide.matcher.index.event_docs("orlen-slide-2026", None)}
    assert "cause" in docs["slide-deaths-why-higher"].features
    assert "cause" not in docs["slide-deaths"].features
    answer = slide.ask("why is the death toll higher now")
    assert answer.answered and answer.facts[0].fact.id == "slide-deaths-why-higher", \
        answer.text


def test_figures_of_one_attribute_the_question_does_not_tell_apart_answer_together(
        slide: Engine):
    answer = slide.ask("how much rain was there, in inches")
    assert answer.answered, answer.text
    assert {af.fact.id for af in answer.facts} == {"slide-rain-ridge", "slide-rain-valley"}
    assert "8.3" in answer.text and "3.7" in answer.text
    # a question that names one of them gets that one
    ridge = slide.ask("how much rain did the ridge gauge record")
    assert [af.fact.id for af in ridge.facts] == ["slide-rain-ridge"], ridge.text


def test_two_counts_of_the_thing_asked_answer_side_by_side(slide: Engine):
    # "homes buried" by the district office and "homes and cabins" by the Red Cross: the
    # question counts homes, both count them, neither label says the other's words
    answer = slide.ask("how many homes got buried")
    assert answer.answered, answer.text
    assert {af.fact.id for af in answer.facts} == {"slide-homes-district",
                                                   "slide-homes-red-cross"}


def test_an_approximate_time_is_told_as_about(slide: Engine):
    answer = slide.ask("when did ppl first hear the rumble")
    assert answer.answered, answer.text
    assert "First rumble heard: about 02:50 on Thursday, 2 April 2026" in answer.text


def test_a_toll_is_a_count_not_a_share(slide: Engine):
    # "the death toll" asks a count as "how many" does: a percentage of deaths is no toll
    query = slide.matcher.analyse("orlen landslide whats the death toll now")
    assert query.asks_count
    answer = slide.ask("orlen landslide whats the death toll now")
    assert answer.answered and answer.facts[0].fact.id == "slide-deaths", answer.text


def test_a_label_whose_only_own_word_is_a_verb_is_about_what_is_asked(slide: Engine):
    # the label's naming words are the event's ("Orlen landslide"); "recorded" says how
    # the figure was got, not what it is, so the label is about what the question asks
    matcher = slide.matcher
    doc = next(d for d in matcher.index.event_docs("orlen-slide-2026", None)
               if d.id == "slide-runout")
    query = matcher.analyse("how far did the orlen landslide reach")
    assert matcher.scorer.label_focus(query, doc) == 1.0


def test_when_a_figure_was_given_is_part_of_what_it_says(slide: Engine):
    # the first evacuation count came on Thursday morning: "the count they gave thursday
    # morning" is that one
    docs = {d.id: d for d in slide.matcher.index.event_docs("orlen-slide-2026", None)}
    assert {"thursday", "morn"} <= docs["slide-moved-morning"].terms
    assert "even" in docs["slide-moved-evening"].terms  # 18:30 local: the evening
    scored = slide.score_question("wat was the evacuation count they gave thursday morning")
    by_id = {h.doc.id: h.score for h in scored.hits}
    assert by_id["slide-moved-morning"] > by_id["slide-moved-evening"]


def test_a_body_count_is_a_figure_not_a_source(slide: Engine):
    assert slide.matcher.analyse("what was the very first body count").according == []
    assert [t.term for t in slide.matcher.analyse(
        "what is the red cross count").according] == ["red", "cross"]


def test_did_x_say_when_is_answered_by_the_sentence_that_says_they_did_not(slide: Engine):
    answer = slide.ask("did olt say when ppl can actually go back")
    assert answer.answered and answer.facts[0].fact.id == "slide-olt-reopening", answer.text
    # the sentence that says what she did not say comes first, her words after it
    assert answer.text.startswith("Olt did not say when residents could go home")
    assert "(quoted: “We will not rush anyone back" in answer.text


def test_without_power_is_a_state_not_an_unknown():
    from bot.core.matching.decide import says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="how many homes are without power", words=[])
    q.terms = [QueryTerm("power", "power", frozenset({"power"}))]
    assert not says_not_known(q, "Crews said 12,400 households were still without power.")
    assert says_not_known(q, "The utility has not said how much power was lost.")


def test_neither_of_two_sources_knowing_is_an_unknown():
    from bot.core.matching.decide import says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="which gang is behind it", words=[])
    q.terms = [QueryTerm("gang", "gang", frozenset({"gang"}))]
    assert says_not_known(q, "Neither the police nor the bank knew which gang was behind it.")
    assert not says_not_known(q, "Police said the Varn gang was behind it.")


def test_not_having_identified_someone_is_an_unknown():
    from bot.core.matching.decide import says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="what nationality was the driver", words=[])
    q.terms = [QueryTerm("nationality", "nation", frozenset({"nation"}))]
    assert says_not_known(
        q, "Police have not yet identified the driver or given his nationality.")
    assert not says_not_known(q, "Police identified the driver, a Varnese national.")


def test_a_decision_not_yet_taken_is_an_unknown():
    from bot.core.matching.decide import says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="are they voiding the trades", words=[])
    q.terms = [QueryTerm("voiding", "void", frozenset({"void"}))]
    assert says_not_known(q, "The exchange had not yet decided whether to void any trades.")
    assert not says_not_known(q, "The exchange decided to void 40 trades.")


def test_declining_to_say_is_said_in_so_many_words():
    """A tie is settled for the fact that gives what is asked only against one that says,
    in so many words, it was not said; a negation beside the asked word is not that."""
    from bot.core.matching.decide import declines_to_say, says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="what was the population", words=[])
    q.terms = [QueryTerm("population", "popul", frozenset({"popul"}))]
    beside = "The count covered the workers, not the population."
    assert says_not_known(q, beside) and not declines_to_say(q, beside)
    assert declines_to_say(q, "Officials would not say what the population was.")


def test_no_lower_than_a_figure_is_a_bound_not_an_unknown():
    from bot.core.matching.decide import says_not_known
    from bot.core.matching.query import Query, QueryTerm
    q = Query(text="the ac at 26, what is that in fahrenheit", words=[])
    q.terms = [QueryTerm("26", "26", frozenset({"26"}))]
    assert not says_not_known(
        q, "Drasco urged households to set air conditioning no lower than 26 degrees.")
    assert not says_not_known(q, "The ministry said no higher than 26 people were hurt.")


def test_a_label_word_of_the_events_name_counts_when_it_is_what_is_asked(slide: Engine):
    # "buries" names the event ("Landslide buries part of Orlen"), so "Homes buried" says
    # nothing by it to "how many homes were damaged"; but "how many were buried" asks it
    matcher = slide.matcher
    doc = next(d for d in matcher.index.event_docs("orlen-slide-2026", None)
               if d.label == "Homes buried (district office)")
    asked = matcher.scorer.label_focus(matcher.analyse("how many were buried"), doc)
    assert asked > 0
    other = matcher.scorer.label_focus(matcher.analyse("how many homes were damaged"), doc)
    assert other == matcher.scorer.label_focus(
        matcher.analyse("how many homes were damaged in the landslide"), doc)


PIT = """\
events:
  - id: brask-pit-2026
    title: "Gas blast at the Brask pit"
    when: 2026-01-14T05:10:00+01:00
    timezone: "+01:00"
sources:
  - id: coalfield-2026-01-15
    title: "Brask pit blast"
    publisher: "Coalfield News"
    published: 2026-01-15
facts:
  - id: pit-trapped-company
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: count
    label: "Workers trapped (company's first figure)"
    values: ["31"]
    as_of: "Wednesday 06:00"
    reported_by: "the pit operator"
    text: "The operator first said 31 workers were trapped."
  - id: pit-trapped-official
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: count
    label: "Workers cut off in the west gallery"
    values: ["38"]
    as_of: "Thursday 14:00"
    reported_by: "the emergencies minister"
    text: "The minister said 38 workers had been trapped in the west gallery."
"""


@pytest.mark.parametrize(("question", "fact"), [
    ("how many workers were trapped in the end", "pit-trapped-official"),
    ("how many workers were trapped at first", "pit-trapped-company"),
])
def test_the_latest_is_not_a_figure_labelled_the_first(tmp_path: Path, question: str,
                                                       fact: str):
    with closing(engine_over(tmp_path, "pit", PIT)) as eng:
        assert [s.fact.id for s in eng.match(question).facts] == [fact]


def test_a_typo_that_drops_a_letter_is_read_as_the_word_with_every_letter(tmp_path: Path):
    # "minrs" is one edit from "miners" and from "mines"; it has every letter of "miners"
    text = PIT.replace("31 workers", "31 miners").replace(
        "first figure)", "first figure)\n    keywords: [mines]")
    with closing(engine_over(tmp_path, "pit", text)) as eng:
        assert eng.matcher.analyse("how many minrs were trapped").words[2] == "miners"


def test_a_bare_why_or_cause_keyword_marks_a_reason(tmp_path: Path):
    text = PIT + """\
  - id: pit-blast-cause
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: claim
    reported_by: "the mines inspectorate"
    text: "The blast followed a build-up of methane in a sealed gallery."
    keywords: [why, methane]
  - id: pit-blast-gallery
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: claim
    reported_by: "the mines inspectorate"
    text: "The sealed gallery had been closed since the blast of 2019."
"""
    with closing(engine_over(tmp_path, "pit", text)) as eng:
        docs = {d.id: d for d in eng.matcher.index.event_docs("brask-pit-2026", None)}
        assert "cause" in docs["pit-blast-cause"].features
        assert "cause" not in docs["pit-blast-gallery"].features
        assert [s.fact.id for s in eng.match("why did the blast happen").facts] \
            == ["pit-blast-cause"]


CORDON = PIT + """\
  - id: pit-cordon-first
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: distance
    label: "Initial exclusion zone around the shaft"
    values: ["300 m"]
    reported_by: "police"
    text: "Police first kept people 300 metres from the shaft."
  - id: pit-cordon-widened
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: distance
    label: "Widened exclusion zone around the shaft"
    values: ["800 m"]
    reported_by: "police"
    text: "By the evening police had widened the zone to 800 metres."
"""


@pytest.mark.parametrize(("question", "facts"), [
    ("how big was the exclusion zone after they widened it", ["pit-cordon-widened"]),
    ("how big was the exclusion zone", ["pit-cordon-widened", "pit-cordon-first"]),
])
def test_a_label_word_asked_picks_that_figure_of_a_revised_quantity(
        tmp_path: Path, question: str, facts: list[str]):
    with closing(engine_over(tmp_path, "pit", CORDON)) as eng:
        assert sorted(s.fact.id for s in eng.match(question).facts) == sorted(facts)


DOCK = """\
events:
  - id: tarnow-dock-2026
    title: "Dock workers caught in Tarnow silo blast"
    when: 2026-09-03T14:20:00+02:00
sources:
  - id: quay-2026-09-04
    title: "Silo blast at Tarnow"
    publisher: "Quayside Daily"
    published: 2026-09-04
facts:
  - id: dock-killed
    event: tarnow-dock-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: deaths
    label: "Workers killed"
    values: ["3"]
    reported_by: "the port fire service"
    text: "The fire service said three workers were killed."
  - id: dock-employed
    event: tarnow-dock-2026
    source: quay-2026-09-04
    kind: measurement
    attribute: count
    label: "Workers employed"
    values: ["40"]
    reported_by: "the port authority"
    text: "The port authority said it employs 40 workers."
"""


@pytest.mark.parametrize(("question", "fact"), [
    ("how many workers at the port", "dock-employed"),
    ("how many workers were killed", "dock-killed"),
])
def test_a_label_verb_that_cues_the_facts_attribute_is_what_it_counts(
        tmp_path: Path, question: str, fact: str):
    # "workers" is the event's word; "killed" is not a how (as "stored" is) but which count
    with closing(engine_over(tmp_path, "dock", DOCK)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == [fact]


@pytest.mark.parametrize(("question", "facts", "source"), [
    ("who gave the latest numbers", ["slide-moved-evening", "slide-deaths"],
     "Interior Ministry"),
    ("who put out the first figures", ["slide-moved-morning", "slide-deaths-first"],
     "Dask district office"),
])
def test_who_gave_the_first_or_latest_figures_is_whoever_gave_those_of_each_quantity(
        slide: Engine, question: str, facts: list[str], source: str):
    result = slide.match(question)
    assert result.status == "answer"
    assert sorted(s.fact.id for s in result.facts) == sorted(facts)
    assert source in slide.ask(question).text


def test_who_gave_the_numbers_without_first_or_latest_is_not_answered(slide: Engine):
    assert slide.match("who gave the numbers").status != "answer"


GAUGES = PIT + """\
  - id: pit-gas-upper
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    label: "Methane reading in the east gallery (percent of air)"
    values: ["4.1"]
    reported_by: "the mines inspectorate"
    text: "Sensors in the east gallery read 4.1% methane."
  - id: pit-gas-lower
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    label: "Methane reading in the west gallery (percent of air)"
    values: ["2.6"]
    reported_by: "the mines inspectorate"
    text: "Sensors in the west gallery read 2.6% methane."
"""


def test_labelled_figures_the_question_fits_equally_answer_together(tmp_path: Path):
    with closing(engine_over(tmp_path, "pit", GAUGES)) as eng:
        both = eng.match("what was the methane reading")
        assert both.status == "answer"
        assert sorted(s.fact.id for s in both.facts) == ["pit-gas-lower", "pit-gas-upper"]
        east = eng.match("what was the methane reading in the east gallery")
        assert [s.fact.id for s in east.facts] == ["pit-gas-upper"]


CREWS = PIT + """\
  - id: pit-crew-ostvari
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: count
    label: "Ostvari miners on the shift"
    values: ["14"]
    reported_by: "the mine operator"
    text: "Fourteen of the miners on the shift are from Ostvar."
    about: [miners, origins]
  - id: pit-crew-lenmari
    event: brask-pit-2026
    source: coalfield-2026-01-15
    kind: measurement
    attribute: count
    label: "Lenmari miners on the shift"
    values: ["9"]
    reported_by: "the mine operator"
    text: "Nine of the miners on the shift are from Lenmar."
    about: [miners, origins]
"""


def test_counts_of_the_parts_of_a_whole_asked_as_a_whole_answer_together(tmp_path: Path):
    """Two counts (a kind-only attribute) of parts of one group, each with the whole
    question: both answer, each with its label. Asked of one part, that part answers."""
    with closing(engine_over(tmp_path, "pit", CREWS)) as eng:
        both = eng.match("origins of the miners on the shift?")
        assert both.status == "answer"
        assert sorted(s.fact.id for s in both.facts) == ["pit-crew-lenmari", "pit-crew-ostvari"]
        assert [s.fact.id for s in eng.match("how many ostvari miners").facts] \
            == ["pit-crew-ostvari"]


FLOODED_FIELDS = """\
events:
  - id: marsh-flood-2026
    title: "Flooding in the Varro marshes"
    when: 2026-02-09
sources:
  - id: fieldnews-2026-02-10
    title: "Varro floods spread"
    publisher: "Field News"
    published: 2026-02-10
facts:
  - id: marsh-flooded-first
    event: marsh-flood-2026
    source: fieldnews-2026-02-10
    kind: measurement
    attribute: area
    label: "Farmland under water"
    values: ["4,000 ha"]
    as_of: 2026-02-09T18:00:00+01:00
    reported_by: "the farm ministry"
    text: "The farm ministry said on Monday that 4,000 hectares of farmland were under water."
  - id: marsh-flooded-revised
    event: marsh-flood-2026
    source: fieldnews-2026-02-10
    kind: measurement
    attribute: area
    label: "Farmland under water"
    values: ["6,500 ha"]
    as_of: 2026-02-10T09:00:00+01:00
    reported_by: "the farm ministry"
    text: "On Tuesday morning the ministry raised the farmland under water to 6,500 hectares."
  - id: marsh-reserve-area
    event: marsh-flood-2026
    source: fieldnews-2026-02-10
    kind: measurement
    attribute: area
    label: "Size of the bird reserve"
    values: ["1,200 ha"]
    as_of: 2026-02-10T09:00:00+01:00
    reported_by: "the reserve's wardens"
    text: "The wardens said the 1,200-hectare bird reserve was closed."
"""


@pytest.mark.parametrize(("question", "figure"), [
    ("whats the latest hectares number", "6,500"),
    ("and the first hectares number they gave?", "4,000"),
])
def test_the_latest_or_first_of_tied_figures_is_of_the_revised_quantity(
        tmp_path: Path, question: str, figure: str):
    # the words tie three areas; only one of them was revised, and "latest" or "first"
    # asks a figure of a series
    with closing(engine_over(tmp_path, "marsh", FLOODED_FIELDS)) as eng:
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert figure in eng.ask(question).text


@pytest.mark.parametrize("question", [
    "the buried houses thing, who says what",
    "homes buried - who says which?",
])
def test_who_says_what_shows_each_sides_figure(slide: Engine, question: str):
    """"X, who says what": each source's account of X, side by side; the words before "who"
    are what is asked about, not a speaker."""
    query = slide.matcher.analyse(question)
    assert query.answer_type is not AnswerType.STATEMENT and not query.speaker
    ids = {s.fact.id for s in slide.match(question).facts}
    assert {"slide-homes-district", "slide-homes-red-cross"} <= ids


def test_two_figures_given_name_whose_each_is(slide: Engine):
    """"Buried homes - 14 or 19?? who says which": each figure the asker gives names the
    fact that gives it, and the two answer side by side, each with whose it is."""
    question = "buried houses - 14 or 19?? who says which"
    result = slide.match(question)
    assert result.status == "answer"
    assert sorted(s.fact.id for s in result.facts) == ["slide-homes-district",
                                                       "slide-homes-red-cross"]


def test_what_a_named_speaker_says_is_still_their_words(slide: Engine):
    query = slide.matcher.analyse("what does the red cross say about the homes")
    assert query.answer_type is AnswerType.STATEMENT and query.speaker


FARES = """\
events:
  - id: brenn-ferry-fares-2026
    title: "Brenn ferry fares rise again"
    when: 2026-04-07
sources:
  - id: island-post-2026-04-08
    title: "Fares up again"
    publisher: "Island Post"
    published: 2026-04-08
facts:
  - id: fare-now
    event: brenn-ferry-fares-2026
    source: island-post-2026-04-08
    kind: measurement
    label: "Single fare set by Brenn Lines (marks)"
    values: ["14"]
    as_of: 2026-04-07T09:00:00+02:00
    reported_by: "Brenn Lines"
    text: "On Tuesday Brenn Lines raised its single fare to 14 marks."
  - id: fare-before
    event: brenn-ferry-fares-2026
    source: island-post-2026-04-08
    kind: measurement
    label: "Previous single fare set by Brenn Lines (marks)"
    values: ["11"]
    reported_by: "Brenn Lines"
    text: "Before Tuesday the single fare had been 11 marks."
"""


def test_of_two_figures_tied_the_one_labelled_earlier_is_not_the_latest(tmp_path: Path):
    # the undated "previous" figure is the same label with a word that calls it earlier:
    # "now" asks the other, not which of the two is meant
    with closing(engine_over(tmp_path, "fares", FARES)) as eng:
        result = eng.match("whats the brenn lines single fare now")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["fare-now"]


MARKET = SLIDE + """\
  - id: slide-insurer-shares-close
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    attribute: percentage
    label: "Dask Mutual shares fall at the close"
    values: ["6.2%"]
    reported_by: "the Orlen stock exchange"
    text: "Shares in the insurer Dask Mutual ended the day 6.2 percent lower."
    keywords: [close, closing, insurer]
  - id: slide-insurer-shares-level
    event: orlen-slide-2026
    source: ridgepost-2026-04-02
    kind: measurement
    label: "Dask Mutual shares closing price (crowns)"
    values: ["412"]
    reported_by: "the Orlen stock exchange"
    text: "Dask Mutual shares closed at 412 crowns."
    keywords: [close, closing price, insurer]
"""


def test_two_figures_of_one_thing_from_one_source_answer_together(tmp_path: Path):
    # its closing price and its fall at the close tie on "how did it close": both say it
    with closing(engine_over(tmp_path, "market", MARKET)) as eng:
        result = eng.match("dask mutual shares at the close? how bad")
        assert result.status == "answer", result.reason
        assert {s.fact.id for s in result.facts} == {"slide-insurer-shares-close",
                                                     "slide-insurer-shares-level"}


MARCH = """\
events:
  - id: velm-march-2026
    title: "March against fuel prices in Velm"
    when: 2026-03-02
sources:
  - id: velm-post-2026-03-02
    title: "Thousands march in Velm"
    publisher: "Velm Post"
    published: 2026-03-02
facts:
  - id: march-crowd-first
    event: velm-march-2026
    source: velm-post-2026-03-02
    kind: measurement
    label: "Marchers (police estimate)"
    values: ["about 2,000"]
    as_of: "Monday morning"
    reported_by: "police"
    text: "Police first put the number of marchers at about 2,000."
  - id: march-crowd-later
    event: velm-march-2026
    source: velm-post-2026-03-02
    kind: measurement
    label: "Marchers (police estimate)"
    values: ["3,500"]
    as_of: "Monday evening"
    reported_by: "police"
    text: "Police later raised their estimate of the march to 3,500."
  - id: march-arrests
    event: velm-march-2026
    source: velm-post-2026-03-02
    kind: measurement
    attribute: count
    label: "People detained at the march"
    values: ["40"]
    reported_by: "police"
    text: "Police said 40 people were detained at the march."
"""


def test_a_figure_the_asker_gives_says_which_quantity_and_they_is_its_source(
        tmp_path: Path):
    # "2k" is the police's first count of marchers: their later one answers, not the
    # arrests at the march ("they end up saying": the police again, not anyone "end")
    with closing(engine_over(tmp_path, "march", MARCH)) as eng:
        question = "police first said 2k at the march, what did they end up saying?"
        assert [t.word for t in eng.matcher.analyse(question).according] == ["police"]
        result = eng.match(question)
        assert result.status == "answer", result.reason
        assert [s.fact.id for s in result.facts] == ["march-crowd-later"]
