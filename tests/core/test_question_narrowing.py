"""Ways a question narrows what it asks: who leads a body ("who runs the flood agency"),
the hour a figure was given ("by 9pm"), a part of a whole it already names ("how many of
the 23 arrested"), and another source's figure of what one source gave ("the owner says
212 tenants, what does the fire service say")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.lexicon import lexicon_for
from bot.core.matching import AnswerType, Reason, Recency
from bot.core.matching.analyzer import Analyzer, clock_hours
from bot.core.matching.query import TermClass
from bot.core.text import stem
from tests.conftest import KNOWLEDGE, engine_over

BREACH = """\
events:
  - id: velm-breach-2026
    title: "Velm reservoir wall gives way"
    when: 2026-03-10T23:30:00+01:00
    where: "Velm, Ostmark"
    timezone: "+01:00"
sources:
  - id: valleypost-2026-03-11
    title: "Reservoir wall fails above Velm"
    publisher: "Valley Post"
    published: 2026-03-11
facts:
  - id: velm-evacuated-morning
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    attribute: evacuated
    values: ["1,200"]
    as_of: "2026-03-11T09:00:00+01:00"
    reported_by: "Flood Agency Director Ivo Marsk"
    text: "Flood Agency Director Ivo Marsk said 1,200 people had left the lower town."
    about: [evacuation, residents]
  - id: velm-evacuated-night
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    attribute: evacuated
    values: ["3,400"]
    as_of: "2026-03-11T21:00:00+01:00"
    reported_by: "the Interior Ministry"
    text: "The Interior Ministry put the number moved out at 3,400."
    about: [evacuation, residents]
  - id: velm-inquiry
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Prime Minister Kaja Dorn"
    text: "Prime Minister Kaja Dorn named judge Ana Holm to lead an independent inquiry."
    about: [inquiry]
  - id: velm-board
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ada Rell"
    speaker_role: "head of the Velm Water Board"
    reported_by: "Valley Post"
    text: "Ada Rell said the wall had been inspected in January."
    about: [inspection]
  - id: velm-rell-protesters-gate
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ada Rell"
    speaker_role: "head of the Velm Water Board"
    reported_by: "Valley Post"
    text: "Ada Rell said the protesters had blocked the board's gate for an hour."
    about: [protest]
  - id: velm-rell-protesters-name
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ada Rell"
    speaker_role: "head of the Velm Water Board"
    reported_by: "Valley Post"
    quote: "a mob of vandals"
    text: "Rell described the crowd outside the board as a mob of vandals."
    about: [protest]
  - id: velm-sirens-unclear
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "the Velm police"
    text: "Police said it was still unclear whether the valley's flood sirens had sounded."
    about: [sirens, warning]
  - id: velm-gauges-declined
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Velm Water Board"
    text: "The water board declined to say whether its level gauges had been serviced this year."
    about: [gauges, maintenance]
  - id: velm-recorders
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "the Flood Agency"
    text: "Both data loggers were recovered; it is not yet known whether they can be read."
    about: [data loggers]
  - id: velm-repairs-original
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    label: "Cost of repairs, original estimate (crowns)"
    values: ["40000000"]
    as_of: "2026-03-11T10:00:00+01:00"
    reported_by: "the Velm Water Board"
    text: "The water board first put the cost of repairs at 40 million crowns."
    about: [repairs, cost]
  - id: velm-repairs-audit
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    label: "Cost of repairs, council audit (crowns)"
    values: ["55000000"]
    reported_by: "the Velm council"
    text: "A council audit put the cost of repairs at 55 million crowns."
    about: [repairs, cost]
  - id: velm-evacuated-ministry-basis
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "the Interior Ministry"
    text: "The ministry said its count of people moved out included those staying with relatives."
    about: [evacuation, residents, figures]
  - id: velm-evacuated-agency-basis
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Flood Agency Director Ivo Marsk"
    text: "The agency said its figure counted only people taken to its shelters."
    about: [evacuation, residents, figures]
  - id: velm-breach-cause-unclear
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Valley Post"
    text: "What caused the crack in the wall is unclear, and the board has said nothing."
    about: [crack, wall]
  - id: velm-no-deaths
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Valley Post"
    text: "As of Wednesday evening no one had been confirmed dead in the valley."
    about: [casualties]
  - id: velm-crack-level
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Valley Post"
    text: "Engineers said the crack opened on the third terrace of the wall."
    about: [crack, terrace]
  - id: velm-marsk-drains
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ivo Marsk"
    speaker_role: "head of the Flood Agency"
    reported_by: "Valley Post"
    text: "Marsk said the wall most likely failed because its drains were blocked."
    about: [failure, cause, drains]
  - id: velm-marsk-sirens
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ivo Marsk"
    speaker_role: "head of the Flood Agency"
    reported_by: "Valley Post"
    text: "Marsk said the agency would review how the failure was reported."
    about: [failure, cause, review]
  - id: velm-commission
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: statement
    speaker: "Ivo Marsk"
    speaker_role: "head of the Flood Agency"
    reported_by: "Valley Post"
    text: "Marsk said a technical commission would report on the cause within a month."
    about: [commission, cause]
  - id: velm-ministers
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Valley Post"
    text: "The three regional leaders discussed the farmers union at a meeting on Wednesday."
    about: [meeting]
  - id: velm-arrests
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    attribute: count
    label: "People arrested at the protest"
    values: ["23"]
    reported_by: "the Velm police"
    text: "Police said 23 people were arrested at a protest outside the water board."
    about: [protest, arrests]
  - id: velm-tenants-owner
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    attribute: count
    label: "Registered tenants of the riverside flats"
    values: ["212"]
    reported_by: "Velm Housing, the owner of the flats"
    text: "Velm Housing, which owns the riverside flats, said 212 tenants were registered there."
    about: [occupants, riverside flats]
    keywords: [residents, tenants, register]
  - id: velm-occupants-fire-service
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: measurement
    attribute: count
    label: "People thought to be in the riverside flats"
    values: ["about 260"]
    reported_by: "the Velm fire service"
    text: "The fire service thought about 260 people were inside, counting visiting relatives."
    about: [occupants, riverside flats]
    keywords: [residents, inside, estimate]
  - id: velm-tenant-letters
    event: velm-breach-2026
    source: valleypost-2026-03-11
    kind: claim
    reported_by: "Valley Post"
    text: "Tenants had written 14 letters about damp walls since 2024."
    about: [tenants, complaints]
"""


@pytest.fixture
def breach(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "breach", BREACH)
    yield eng
    eng.close()


def answer_text(eng: Engine, question: str) -> str | None:
    answer = eng.ask(question)
    return answer.text if answer.answered else None


# --- who leads a body ----------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "who runs the flood agency",
    "who is the head of the flood agency",
    "which official heads the flood agency",
    "who commands the flood agency",
])
def test_the_leader_of_a_body_is_the_speaker_titled_so(breach: Engine, question: str):
    result = breach.match(question)
    assert result.status == "answer"
    assert result.answer_type is AnswerType.ROLE
    # one person, not the agency's figures grouped as revisions of one quantity
    assert len(result.facts) == 1
    assert "Ivo Marsk" in answer_text(breach, question)


@pytest.mark.parametrize("question", [
    "who is chairing the inquiry",
    "who leads the inquiry looking into it",
    "which guy is heading the independent inquiry",
])
def test_a_sentence_that_says_who_leads_a_body_answers(breach: Engine, question: str):
    assert "Ana Holm" in answer_text(breach, question)


def test_a_leader_of_something_else_does_not_lead_what_is_asked(breach: Engine):
    # Marsk heads the agency and speaks of the commission; nobody is said to lead it
    assert breach.match("who heads the technical commission").status != "answer"
    # "regional leaders discussed the farmers union": they do not lead the union
    assert breach.match("who leads the farmers union").status != "answer"
    # (nor does commanding: "who commands the technical commission")
    assert breach.match("who commands the technical commission").status != "answer"


def test_the_holder_of_a_role_asked_is_named_with_that_role(breach: Engine):
    # Marsk is "Flood Agency Director" in a reporting line and "head of the Flood Agency"
    # in his own statements: either says who he is; a bare name does not
    text = answer_text(breach, "who is the director of the flood agency")
    assert text is not None
    assert "Flood Agency Director Ivo Marsk" in text \
        or "Ivo Marsk: head of the Flood Agency" in text
    assert "without a role" not in text


def test_what_a_sentence_says_is_led_comes_from_the_words_beside_the_leading_word():
    analyzer = Analyzer(lexicon_for(KNOWLEDGE))
    assert {stem("independent"), stem("inquiry")} <= analyzer.led_terms(
        "The minister named a judge to lead an independent inquiry into the failure.")
    assert stem("commission") in analyzer.led_terms(
        "A commission headed by Teodor Brisk will investigate.")
    assert stem("inquiry") in analyzer.led_terms(
        "He announced a public inquiry to be chaired by a retired judge.")
    assert stem("union") not in analyzer.led_terms(
        "The three regional leaders discussed the farmers union.")
    # before a passive "headed by", the body and what it is *to*: both are what is led
    assert {stem("delegation"), stem("ostra"), stem("talks")} <= analyzer.led_terms(
        "Ostra's delegation to the Halvern talks will be headed by Deputy Minister Sorvik.")


def test_a_phrase_of_leading_is_no_leading_word_alone():
    analyzer = Analyzer(lexicon_for(KNOWLEDGE))
    assert not analyzer.led_terms(
        "The minister said the state would fly every stranded passenger home free of charge.")


COLLAPSE = """\
events:
  - id: tarvo-collapse-2026
    title: "Tarvo Freight stops trading"
    when: 2026-06-02
sources:
  - id: ledger-2026-06-03
    title: "Tarvo Freight collapses"
    publisher: "The Ledger"
    published: 2026-06-03
facts:
  - id: tarvo-union-pay
    event: tarvo-collapse-2026
    source: ledger-2026-06-03
    kind: statement
    speaker: "Ines Maro"
    speaker_role: "General Secretary of the Dockers and Drivers Union"
    reported_by: "Ines Maro"
    text: "Maro said drivers had not been paid for May."
  - id: tarvo-ceo-apology
    event: tarvo-collapse-2026
    source: ledger-2026-06-03
    kind: statement
    speaker: "Pieter Olm"
    speaker_role: "Chief Executive of Tarvo Freight"
    reported_by: "Pieter Olm"
    text: "Olm apologised to customers and staff."
  - id: tarvo-minister-trucks
    event: tarvo-collapse-2026
    source: ledger-2026-06-03
    kind: statement
    speaker: "Dana Velk"
    speaker_role: "Transport Minister"
    reported_by: "Dana Velk"
    text: "Velk said the state would move Tarvo's stranded loads free of charge."
"""


@pytest.mark.parametrize(("question", "name"), [
    ("union boss name?", "Ines Maro"),
    ("who is the union boss", "Ines Maro"),
    ("who heads the union", "Ines Maro"),
    ("who is tarvo's boss", "Pieter Olm"),
    ("whos the ceo of tarvo", "Pieter Olm"),
])
def test_a_boss_is_whoever_leads_the_body_named(tmp_path: Path, question: str, name: str):
    with beside_shipped(tmp_path, "collapse", COLLAPSE) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert name in (answer_text(eng, question) or "")


def test_a_directorate_is_not_its_director():
    assert stem("directorate") != stem("director")
    assert stem("directors") == stem("director")


# --- the hour a figure was given -----------------------------------------------------------

@pytest.mark.parametrize(("question", "fact_id", "value"), [
    ("how many ppl were evacuated by 9pm", "velm-evacuated-night", "3,400"),
    ("how many were evacuated at 9 a.m.", "velm-evacuated-morning", "1,200"),
    ("evacuated count around 8pm?", "velm-evacuated-night", "3,400"),
])
def test_an_hour_in_the_question_picks_the_figure_given_about_then(
        breach: Engine, question: str, fact_id: str, value: str):
    result = breach.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == [fact_id]
    assert value in answer_text(breach, question)


@pytest.mark.parametrize(("text", "hours"), [
    ("Around 3 a.m. on Wednesday the mayor spoke.", {3}),
    ("The wall failed at 9:40 p.m. local time.", {21}),
    ("Shortly after noon the minister said.", {12}),
    ("It breached at 21:40 and at midnight it was over.", {21, 0}),
    ("Magnitude 5.6 at a depth of 10 km.", set()),
])
def test_clock_hours_read_from_a_sentence(text: str, hours: set[int]):
    assert clock_hours(text) == hours


# --- a part of a whole the question names ----------------------------------------------------

def test_a_part_of_a_named_whole_is_not_answered_by_the_whole(breach: Engine):
    assert breach.match("how many of the 23 arrested were charged").status != "answer"
    result = breach.match("how many people were arrested")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-arrests"


def test_the_whole_is_read_from_how_many_of_the_number(breach: Engine):
    q = breach.matcher.analyse("how many of the 1,200 evacuated were children")
    assert q.given_figure == "1200"
    assert "1200" not in {t.term for t in q.terms}


# --- another source's figure of the same thing ----------------------------------------------

@pytest.mark.parametrize("question", [
    "owner says 212 tenants but the fire service says its how many?",
    "the owner said 212 tenants, what does the fire service say",
    "housing co says 212 tenants, whats the fire service number",
])
def test_a_figure_given_by_one_source_asks_the_others_figure_of_it(
        breach: Engine, question: str):
    # the fire service's figure does not say "tenants": the owner's, which the question
    # gives, says what is counted
    result = breach.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["velm-occupants-fire-service"]


def test_the_given_figure_is_read_and_is_not_the_answer(breach: Engine):
    q = breach.matcher.analyse("police said 12k protesters, what did the organisers claim")
    assert q.given_figure == "12000"
    assert q.answer_type is AnswerType.NUMBER
    assert [t.word for t in q.according] == ["organisers"]
    assert "police" not in {t.word for t in q.terms}


def test_a_source_with_no_figure_of_it_is_not_lent_anothers(breach: Engine):
    # the police gave no count of the flats' occupants: the fire service's is not theirs
    result = breach.match("owner says 212 tenants, what do the police say")
    assert "velm-occupants-fire-service" not in [s.fact.id for s in result.facts]


def test_a_figure_stated_without_a_question_is_no_rival_form(breach: Engine):
    assert breach.matcher.analyse("the owner said 212 tenants lived there").given_figure \
        is None


@pytest.mark.parametrize(("question", "figure"), [
    ("what was the first evacuated count, way before the 3,400", "3400"),
    ("how many were evacuated, not the 1,200", "1200"),
    ("how many got evacuated, i saw 1200 earlier", "1200"),  # seen, so not asked
])
def test_a_figure_named_to_say_which_is_not_asked_is_left_out(
        breach: Engine, question: str, figure: str):
    q = breach.matcher.analyse(question)
    assert q.given_figure == figure
    assert not {"befor", figure} & {t.term for t in q.terms}
    result = breach.match(question)
    assert result.status == "answer"
    given = {"3400": "velm-evacuated-night", "1200": "velm-evacuated-morning"}[figure]
    assert given not in [s.fact.id for s in result.facts]


STAKE = """
events:
  - id: corvel-bid-2026
    title: "Halstrom bids for Corvel Foods"
    when: 2026-06-09
sources:
  - id: market-wire-2026-06-09
    title: "Halstrom bids for Corvel"
    publisher: "Market Wire"
    published: 2026-06-09
facts:
  - id: halstrom-stake-direct
    event: corvel-bid-2026
    source: market-wire-2026-06-09
    kind: measurement
    attribute: percentage
    label: "Halstrom's stake in Corvel (shares held directly)"
    values: ["6.2%"]
    as_of: "2026-06-09T09:00:00+02:00"
    reported_by: "Halstrom"
    text: "Halstrom first said it owned 6.2% of Corvel."
  - id: halstrom-stake-total
    event: corvel-bid-2026
    source: market-wire-2026-06-09
    kind: measurement
    attribute: percentage
    label: "Halstrom's economic interest in Corvel (with derivatives)"
    values: ["8.7%"]
    as_of: "2026-06-09T16:00:00+02:00"
    reported_by: "Halstrom"
    text: "Halstrom later said its economic interest in Corvel was 8.7% counting derivatives."
"""


def test_a_share_seen_earlier_is_not_the_share_asked(tmp_path: Path):
    """"I saw 6.2% earlier but they changed it": the share seen says which figure is not
    asked, as a seen count does."""
    with beside_shipped(tmp_path, "stake", STAKE) as eng:
        question = ("how much of corvel does halstrom own rn, i saw 6.2% earlier but they "
                    "changed it?")
        assert eng.matcher.analyse(question).given_figure == "6.2"
        result = eng.match(question)
        assert [s.fact.id for s in result.facts] == ["halstrom-stake-total"]


def test_a_weekday_shortened_in_chat_is_the_weekday(breach: Engine):
    q = breach.matcher.analyse("evacuated count wed night")
    assert "wednesday" in {t.term for t in q.terms}
    result = breach.match("evacuated count wed night")
    assert [s.fact.id for s in result.facts][:1] == ["velm-evacuated-night"]


# --- two sources' figures, side by side ----------------------------------------------------

def test_one_source_versus_another_compares_their_figures(breach: Engine):
    question = "evacuated - flood agency vs interior ministry figures pls"
    q = breach.matcher.analyse(question)
    assert q.compares
    assert not q.according  # both sources, not one named "agency vs interior ministry"
    result = breach.match(question)
    assert result.status == "answer"
    assert {"velm-evacuated-morning", "velm-evacuated-night"} <= {
        s.fact.id for s in result.facts}


def test_versus_between_things_that_are_not_sources_compares_nothing(breach: Engine):
    assert not breach.matcher.analyse("how much of the damage is from rain vs wind").compares


def test_what_a_figure_counts_is_not_whose_figure_it_is(breach: Engine):
    # "injured numbers": a count of the injured, not the injured's own count
    assert not breach.matcher.analyse("evacuated numbers, what are they").according
    assert [t.word for t in breach.matcher.analyse(
        "what are the interior ministry numbers").according] == ["interior", "ministry"]


def test_this_time_asks_the_current_one_and_is_no_word_of_a_fact(breach: Engine):
    q = breach.matcher.analyse("where was the inquiry this time")
    assert q.recency is Recency.LATEST
    assert "time" not in {t.term for t in q.terms}


def test_what_someone_called_a_thing_is_the_sentence_where_they_named_it(breach: Engine):
    q = breach.matcher.analyse("what did rell call the protesters lol")
    assert q.naming
    result = breach.match("what did rell call the protesters lol")
    assert result.status == "answer"
    # the statement where she named them, not every statement of hers about them
    assert [s.fact.id for s in result.facts] == ["velm-rell-protesters-name"]
    assert not breach.matcher.analyse("what did rell say about the protesters").naming


# --- yes or no, when the report says nobody knows ----------------------------------------------

def test_a_yes_no_question_the_report_says_is_unknown_is_not_answered(breach: Engine):
    result = breach.match("did the flood sirens go off or nah")
    assert result.status != "answer"
    assert result.reason is Reason.NOT_REPORTED
    answer = breach.ask("did the flood sirens go off or nah")
    assert "still unclear" in answer.text  # what the report says is cited, as not given


def test_an_official_who_declined_to_say_is_cited_as_not_given(breach: Engine):
    # "the board declined to say whether ..." is what the report says, told as such: the
    # yes or no asked is not given
    result = breach.match("were the level gauges serviced")
    assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
    assert [s.fact.id for s in result.suggestions] == ["velm-gauges-declined"]
    assert "declined to say" in breach.ask("were the level gauges serviced").text


def test_what_is_unknown_must_be_what_is_asked(breach: Engine):
    # "it is not yet known whether they can be read" does not leave "were they found" open
    result = breach.match("did they recover the data loggers")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-recorders"


# --- what kind of thing is asked -----------------------------------------------------------

@pytest.mark.parametrize(("question", "head"), [
    ("which construction company built the wall", "company"),
    ("what party is kaja dorn from", "party"),
    ("what kind of alarm sounded", "alarm"),
    # the noun before where the things are, not the place's name
    ("what kind of homes in lower velm could the water reach", "homes"),
    ("what pumps at the dam were running", "pumps"),
    ("what did rell say", None),
])
def test_the_kind_of_thing_a_what_or_which_question_asks_is_read(
        breach: Engine, question: str, head: str | None):
    assert breach.matcher.analyse(question).head == head


def test_a_fact_without_the_kind_of_thing_asked_does_not_answer(breach: Engine):
    # the prime minister's sentence names her, not her party
    assert breach.match("what party is prime minister kaja dorn from").status != "answer"
    assert breach.match("what inquiry did kaja dorn set up").status == "answer"


def test_how_old_asks_an_age(breach: Engine):
    # nobody's age is reported: "how old is ada rell" is not her statement
    assert breach.matcher.analyse("how old is ada rell").dimensions == {"duration"}
    assert breach.match("how old is ada rell").status != "answer"


RECALLED = BREACH.replace("""sources:
  - id: valleypost-2026-03-11""", """  - id: velm-flood-1998
    title: "The 1998 Velm flood"
    where: "Velm, Ostmark"
    aliases: ["the 1998 flood"]
    background_of: velm-breach-2026
sources:
  - id: valleypost-2026-03-11""", 1) + """\
  - id: velm-flood-1998-deaths
    event: velm-flood-1998
    source: valleypost-2026-03-11
    kind: measurement
    attribute: deaths
    values: ["11"]
    reported_by: "Valley Post"
    text: "The Velm flood of May 1998 killed 11 people."
    about: [history]
"""


def test_the_older_one_names_the_recalled_event_and_is_no_word_of_its_facts(tmp_path: Path):
    recalled = engine_over(tmp_path, "recalled", RECALLED)
    question = "when was that older flood they mentioned"
    scored = recalled.matcher.score_question(question)
    assert scored.query.previous_event
    assert "older" not in {t.term for t in scored.query.terms}
    # "they mentioned" is talk about the report, as light as "they said"
    assert all(t.kind is TermClass.LIGHT for t in scored.query.terms if t.term == "mention")
    result = recalled.match(question)
    recalled.close()
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-flood-1998-deaths"


# --- which figure "first" and "latest" pick -----------------------------------------------

def test_latest_of_the_source_the_question_names(breach: Engine):
    # the interior ministry's count came later, but the agency's own latest is asked
    result = breach.match("what is the flood agency's latest evacuated number")
    assert [s.fact.id for s in result.facts] == ["velm-evacuated-morning"]
    result = breach.match("latest evacuated number")
    assert [s.fact.id for s in result.facts] == ["velm-evacuated-night"]


def test_an_undated_figure_is_not_the_first_of_dated_ones(breach: Engine):
    # the audit's figure has no time: the first estimate is the dated original one
    result = breach.match("whats the first repair cost estimate")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["velm-repairs-original"]


# --- why two sources' figures differ ---------------------------------------------------------

def test_the_two_named_sources_figures_answer_with_what_each_says_it_counted(breach: Engine):
    result = breach.match("why do the agency n ministry numbers not match")
    assert result.status == "answer"
    ids = [s.fact.id for s in result.facts]
    assert ids[:2] == ["velm-evacuated-morning", "velm-evacuated-night"] or \
        ids[:2] == ["velm-evacuated-night", "velm-evacuated-morning"]
    # each side's account of its count, not just the first one found
    assert {"velm-evacuated-ministry-basis", "velm-evacuated-agency-basis"} <= set(ids)


def test_how_many_figures_is_not_whose(breach: Engine):
    q = breach.matcher.analyse("why r the two evacuated numbers so different")
    assert q.compares
    assert not q.according


def test_a_count_named_by_a_participle_is_no_source(breach: Engine):
    # "the trapped count", "the evacuated count": who was counted, not who counted
    assert not breach.matcher.analyse("why did the trapped count change").according
    assert [t.word for t in breach.matcher.analyse(
        "why is the ministry count higher").according] == ["ministry"]


def test_a_figure_that_jumped_rose(breach: Engine):
    jump = next(t for t in breach.matcher.analyse("why did the toll jump").terms
                if t.word == "jump")
    assert "rise" in jump.alternatives


# --- the difference of two figures ----------------------------------------------------------

@pytest.mark.parametrize("question", [
    "how much farther did it go than it went up, in km",
    "whats the difference between the range and the altitude",
    "diff between the range n the altitude in km",  # ("diff", shorthand for both words)
])
def test_the_difference_of_the_events_two_figures_of_a_kind(engine: Engine, question: str):
    result = engine.match(question)
    assert result.status == "answer"
    assert result.difference
    answer = engine.ask(question)
    assert "193 km" in answer.text  # 240 km less 47 km, both figures cited
    assert "240 km" in answer.text and "47 km" in answer.text
    assert "worked out" in answer.text


@pytest.mark.parametrize("question", [
    "so it went like how many times farther than it went up",
    "how many x further did it fly than it went up",
    "so it went like 5x further than it went high?? roughly",  # a guessed ratio, checked
])
def test_how_many_times_asks_the_ratio_of_the_two_figures(engine: Engine, question: str):
    result = engine.match(question)
    assert result.status == "answer" and result.ratio
    answer = engine.ask(question)
    assert "5.1 times" in answer.text and "193" not in answer.text  # not the difference
    assert "240 km" in answer.text and "47 km" in answer.text  # both figures, cited


def test_how_much_farther_is_no_ratio(engine: Engine):
    assert not engine.match("how much farther did it go than it went up").ratio


def test_a_difference_asked_in_another_unit_is_converted(engine: Engine):
    answer = engine.ask("how much higher did it go than it flew, in feet")
    assert "633,000 feet (193 km) [converted]" in answer.text


def test_a_difference_asked_in_a_unit_the_report_gives_is_of_those_figures(engine: Engine):
    # 150 miles less 29 miles, as reported: 121, not the 193 km converted (about 120)
    answer = engine.ask("how much higher did it go than it flew, in miles")
    assert "about 121 miles" in answer.text and "[converted]" not in answer.text


def test_no_difference_when_more_than_two_figures_fit_alike(breach: Engine):
    # five counts (evacuated, arrested, tenants, occupants, dead in 1998...), and nothing
    # says which two
    question = "how many more were there than before"
    assert breach.matcher.analyse(question).difference
    result = breach.match(question)
    assert result.status != "answer"
    assert not result.difference


def test_what_kind_of_thing_is_asked_is_the_noun_after_kind_of(engine: Engine):
    # "what kind" cues a missile's type, but a kind of *response* is asked here
    result = engine.match("what kind of response did north korea threaten")
    assert "wonsan-missile-type" not in [s.fact.id for s in result.facts]
    result = engine.match("what kind of missile was it")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "wonsan-missile-type"


# --- who is described, and what a yes/no question asks ----------------------------------------

def test_a_participle_after_a_described_role_does_not_describe_it(engine: Engine):
    q = engine.matcher.analyse("who was the sk defense ministry spokesman quoted")
    assert q.answer_type is AnswerType.ROLE
    assert "quoted" not in {t.word for t in q.speaker}
    assert engine.match("who was the sk defense ministry spokesman quoted").status == "answer"


def test_a_yes_no_question_about_a_statement_is_no_question_of_what_was_said(engine: Engine):
    question = "was choe's statement the first reaction from nk to the summit"
    q = engine.matcher.analyse(question)
    assert q.answer_type is not AnswerType.STATEMENT  # ("reaction" is no "reacted")
    result = engine.match(question)
    assert result.status == "answer"
    assert result.facts[0].fact.id == "choe-first-official-response"
    assert engine.matcher.analyse("did japan react").answer_type is AnswerType.STATEMENT


# --- an earlier event the report holds nothing of -----------------------------------------

@pytest.mark.parametrize("question", [
    "what was the range of the previous missile",
    "the launch 8 days before this one, how far did that fly",
])
def test_the_previous_events_figure_is_not_this_ones(engine: Engine, question: str):
    # the report gives no figure of the earlier launch: this missile's range is no answer
    assert engine.match(question).status != "answer"


def test_a_fact_that_speaks_of_the_earlier_event_answers_about_it(engine: Engine):
    result = engine.match("how many days had passed since the previous launch")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "wonsan-days-since-previous"


def test_a_small_number_in_digits_is_the_number_in_words(engine: Engine):
    q = engine.matcher.analyse("did 1 missile hit the sea")
    ones = [t for t in q.terms if t.word == "1"]
    assert ones and all("one" in t.alternatives for t in ones)
    # ("1 on 1" is one phrase of the lexicon's, one with "one-on-one" and "bilateral")
    met = engine.matcher.analyse("did biden meet xi 1 on 1")
    assert any("bilater" in t.alternatives for t in met.terms)
    three = next(t for t in engine.matcher.analyse("were three missiles fired").terms
                 if t.word == "three")
    assert "3" in three.alternatives


def test_the_article_as_a_source_is_no_word_of_the_question(engine: Engine):
    for question in ("who is japans pm rn (per the article)",
                     "who's the jp pm rn in this article"):
        q = engine.matcher.analyse(question)
        assert not {"per", "articl"} & {t.term for t in [*q.terms, *q.speaker]}
        assert "Fumio Kishida" in engine.ask(question).text


def test_a_title_before_a_name_in_a_sentence_says_who_holds_the_role(engine: Engine):
    # "South Korean President Yoon Suk Yeol" in a sentence about the summit
    assert "Yoon Suk Yeol" in engine.ask("who is the south korean president").text
    # "the three leaders" names no leader of North Korea
    assert engine.match("who is the leader of north korea").status != "answer"


def test_chat_judgements_and_the_night_are_read_as_people_mean_them(engine: Engine):
    # "tbh seems sus" judges, it asks nothing; a night is overnight
    q = engine.matcher.analyse("why was the launch condemned tbh sus")
    assert "sus" not in {t.word for t in q.terms}
    night = next(t for t in engine.matcher.analyse("how cold was it that night").terms
                 if t.word == "night")
    assert "overnight" in night.alternatives


def test_who_did_something_needs_a_fact_that_says_it_was_done(breach: Engine):
    q = breach.matcher.analyse("who designed the data loggers")
    assert q.action == "designed"
    # the loggers' fact says they were recovered, not who designed them
    assert breach.match("who designed the data loggers").status != "answer"
    result = breach.match("who named the judge")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-inquiry"
    assert breach.matcher.analyse("who is ada rell").action is None


def test_fast_typed_grammar_words_and_everyday_groups(engine: Engine):
    q = engine.matcher.analyse("how high did teh missile go at its peak")
    assert "teh" not in {t.word for t in q.terms}
    q = engine.matcher.analyse("has nk been testing alot lately")
    assert not q.unknown and "alot" not in {t.word for t in q.terms}
    kids = next(t for t in engine.matcher.analyse("how many kids were hurt").terms
                if t.word == "kids")
    assert "child" in kids.alternatives  # (stems: "children" is "child")


def test_what_a_sentence_says_is_unclear_before_it_is_not_an_answer(breach: Engine):
    # "What caused the crack is unclear": the unknown comes before "is unclear"
    result = breach.match("who caused the crack in the wall")
    assert result.status != "answer"
    assert result.reason is Reason.NOT_REPORTED


def test_no_one_confirmed_dead_says_there_were_none(breach: Engine):
    result = breach.match("anyone dead?")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-no-deaths"


def test_what_someone_says_caused_it_is_the_cause_they_give(breach: Engine):
    q = breach.matcher.analyse("so what did that engineering prof say caused it")
    assert q.answer_type is AnswerType.REASON
    assert [t.word for t in q.speaker] == ["engineering", "professor"]  # ("prof")


def test_several_statements_of_the_speaker_asked_do_not_contest_their_reason(
        engine: Engine):
    result = engine.match("what does north korea say causes its weapons tests")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "nk-tests-legitimate-countermeasures"


def test_a_summit_that_wrapped_up_ended(engine: Engine):
    result = engine.match("when did the g20 wrap up compared to the launch")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "g20-ended-day-before"


@pytest.mark.parametrize(("question", "asks_time"), [
    ("did biden mention nukes when he promised to defend sk and japan", False),
    ("did they say when the next test will be", True),
    ("when did the g20 end", True),
])
def test_when_in_a_yes_no_question_is_a_clause_unless_it_is_what_was_said(
        engine: Engine, question: str, asks_time: bool):
    q = engine.matcher.analyse(question)
    assert (q.answer_type is AnswerType.TIME) is asks_time


@pytest.mark.parametrize("question", [
    "who gave the 23 number",
    "who gave the 23 figure, the police?",
])
def test_who_gave_a_figure_is_the_source_of_the_fact_with_it(breach: Engine, question: str):
    q = breach.matcher.analyse(question)
    assert q.answer_type is AnswerType.WHO
    result = breach.match(question)
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-arrests"


def test_which_floor_is_answered_by_a_numbered_one(breach: Engine):
    # "which X" needs a fact that names something: "the third terrace" names it by number
    result = breach.match("which terrace did the crack open on")
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-crack-level"


def test_the_speakers_other_statements_do_not_contest_the_cause_they_give(breach: Engine):
    # both of Marsk's statements are about the failure; the one that gives a cause answers,
    # and his other words, though they fit the question less, are his: allied, not a rival
    question = "what did marsk say caused the wall failure"
    result = breach.match(question)
    assert result.status == "answer"
    assert result.facts[0].fact.id == "velm-marsk-drains"
    scored = breach.matcher.score_question(question)
    hits = {h.doc.id: h for h in scored.hits}
    drains, review = hits["velm-marsk-drains"], hits["velm-marsk-sirens"]
    assert review.coverage < drains.coverage
    assert breach.matcher.decider._allied(scored.query, review, [drains])


# --- a source's figure given, and the newer one asked ----------------------------------------

def test_when_a_given_figure_was_given_is_not_asked(breach: Engine):
    # "this morning" says when the given figure came, not which fact answers; "right" asks
    # to confirm it
    question = "marsk said 1,200 evacuated this morning right?? whats the latest number"
    q = breach.matcher.analyse(question)
    assert q.given_figure == "1200"
    assert not {"morn", "right"} & {t.term for t in q.terms}
    result = breach.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["velm-evacuated-night"]


def test_a_pronoun_after_a_given_figure_asks_the_same_source_again(breach: Engine):
    q = breach.matcher.analyse("the ministry said 3,400 at first, whats their number now")
    assert [t.word for t in q.according] == ["ministry"]
    assert q.recency is Recency.LATEST  # "at first" was when the given figure came


# --- the event's own name, said apart --------------------------------------------------------

LEAK = """\
events:
  - id: tessin-leak-2026
    title: "Ammonia leak at the Tessin fertiliser plant"
    when: 2026-03-12T02:40:00+02:00
    timezone: "+02:00"
sources:
  - id: wire-2026-03-12
    title: "Ammonia leak kills three"
    publisher: "Meridian Wire"
    published: 2026-03-12
facts:
  - id: tessin-deaths
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: measurement
    attribute: deaths
    values: ["3"]
    reported_by: "health officials"
    text: "Officials put the death toll at three."
    about: [deaths, death toll]
  - id: tessin-valve
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: claim
    reported_by: "the company"
    text: "A gasket on the transfer line failed."
    keywords: [ammonia leak, cause]
"""


def test_a_phrase_of_the_events_name_counts_as_the_events(tmp_path: Path):
    # "ammonia leak" is one term (a keyword says it); the deaths fact does not say it, but
    # its event's name does, word by word
    with closing(engine_over(tmp_path, "leak", LEAK)) as eng:
        result = eng.match("how many ppl died in the ammonia leak")
        assert "ammonia_leak" in {t.term for t in eng.matcher.analyse(
            "how many ppl died in the ammonia leak").terms}
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["tessin-deaths"]


# --- a place's altitude is a height ----------------------------------------------------------

VILLAGE = """\
events:
  - id: orla-slide-2024
    title: "Landslide buries the Orla road"
    when: 2024-08-13
  - id: kerra-rocket-2024
    title: "Weather rocket test at Kerra"
    when: 2024-08-06
sources:
  - id: wire-2024-08-14
    title: "Landslide buries mountain road"
    publisher: "Meridian Wire"
    published: 2024-08-14
facts:
  - id: orla-village-altitude
    event: orla-slide-2024
    source: wire-2024-08-14
    kind: measurement
    attribute: height
    values: ["1,850 m"]
    reported_by: "Meridian Wire"
    text: "The village of Orla sits about 1,850 metres above sea level."
    keywords: [altitude, elevation]
  - id: orla-slide-time
    event: orla-slide-2024
    source: wire-2024-08-14
    kind: time
    attribute: event_time
    time: 2024-08-13T04:40:00+06:00
    reported_by: "Meridian Wire"
    text: "The landslide came down at about 4:40 a.m. local time."
  - id: orla-slide-width
    event: orla-slide-2024
    source: wire-2024-08-14
    kind: measurement
    label: "Width of the slide"
    values: ["600 m"]
    reported_by: "engineers"
    text: "Engineers said the mudslide was 600 metres across."
  - id: rocket-apogee
    event: kerra-rocket-2024
    source: wire-2024-08-14
    kind: measurement
    attribute: max_altitude
    values: ["47 km"]
    reported_by: "the army"
    text: "The weather rocket reached an altitude of 47 km."
"""


def test_an_altitude_asked_is_any_height_not_only_an_apogee(tmp_path: Path):
    with closing(engine_over(tmp_path, "village", VILLAGE)) as eng:
        result = eng.match("orla altitude in ft pls")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["orla-village-altitude"]


def test_a_slide_is_a_landslide(tmp_path: Path):
    with closing(engine_over(tmp_path, "village", VILLAGE)) as eng:
        result = eng.match("when did the landslide come down in utc")
        assert [s.fact.id for s in result.facts] == ["orla-slide-time"]
        result = eng.match("slide came down when? utc pls")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["orla-slide-time"]


# --- how long a thing is ----------------------------------------------------------------------

RUNWAY = """\
events:
  - id: sv-overrun-2026
    title: "Airliner overruns the runway at Seravane"
    when: 2026-03-17
sources:
  - id: wire-2026-03-17
    title: "Jet skids off runway"
    publisher: "Meridian Wire"
    published: 2026-03-17
facts:
  - id: sv-runway-length
    event: sv-overrun-2026
    source: wire-2026-03-17
    kind: measurement
    attribute: distance
    label: "Length of Runway 27"
    values: ["2,650 m"]
    reported_by: "Meridian Wire"
    text: "Runway 27 is 2,650 metres long."
  - id: sv-overrun-distance
    event: sv-overrun-2026
    source: wire-2026-03-17
    kind: measurement
    attribute: distance
    label: "Distance beyond the end of the runway"
    values: ["310 m"]
    reported_by: "the safety directorate"
    text: "The jet stopped 310 metres past the runway's end."
  - id: sv-ship-length
    event: sv-overrun-2026
    source: wire-2026-03-17
    kind: measurement
    label: "Length of the rescue ship"
    values: ["86 m"]
    reported_by: "Meridian Wire"
    text: "The rescue vessel that stood by in the bay is 86 metres long."
"""


@pytest.mark.parametrize(("question", "fact_id", "shown"), [
    ("how long is the runway in feet", "sv-runway-length", "8,690 feet"),
    ("how long was the boat in feet", "sv-ship-length", "282 feet"),
])
def test_how_long_in_a_length_unit_asks_how_long_a_thing_is(
        tmp_path: Path, question: str, fact_id: str, shown: str):
    # not how far the jet went past the runway: its figure says nothing is long
    with closing(engine_over(tmp_path, "runway", RUNWAY)) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == [fact_id]
        assert shown in eng.ask(question).text


# --- still in hospital: those who remain, not all ever taken in --------------------------------

HOSPITAL = """\
events:
  - id: tessin-leak-2026
    title: "Ammonia leak at the Tessin plant"
    when: 2026-03-12
sources:
  - id: wire-2026-03-12
    title: "Ammonia leak kills three"
    publisher: "Meridian Wire"
    published: 2026-03-12
facts:
  - id: leak-treated
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: measurement
    attribute: injured
    values: ["146"]
    reported_by: "the health ministry"
    text: "Hospitals treated 146 people after the leak."
    about: [injured, hospital]
"""

STILL_THERE = """\
  - id: leak-still-admitted
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: measurement
    label: "Patients still in hospital"
    values: ["61"]
    reported_by: "the health ministry"
    text: "In the evening 61 people remained in hospital."
"""


def test_still_in_hospital_asks_who_remains_there(tmp_path: Path):
    with closing(engine_over(tmp_path, "leak", HOSPITAL + STILL_THERE)) as eng:
        result = eng.match("how many r still in hospital rn")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["leak-still-admitted"]
        # all who were treated is still asked as before
        assert [s.fact.id for s in eng.match("how many were treated in hospital").facts] \
            == ["leak-treated"]


@contextmanager
def beside_shipped(tmp_path: Path, name: str, yaml_text: str) -> Iterator[Engine]:
    """An engine over the shipped facts and ``yaml_text``: terms weigh as they do in use,
    not as in an index of three facts."""
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for path in KNOWLEDGE.glob("*.yaml"):
        (knowledge / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (knowledge / f"{name}.yaml").write_text(yaml_text, encoding="utf-8")
    with closing(Engine.open(Config(database=tmp_path / "t.db",
                                    knowledge_dir=knowledge))) as eng:
        yield eng


def test_still_in_hospital_is_not_answered_by_all_who_were_treated(tmp_path: Path):
    with beside_shipped(tmp_path, "leak", HOSPITAL) as eng:
        assert eng.match("how many of the injured are still in hospital tonight").status \
            != "answer"


STILL_ELSEWHERE = """\
  - id: leak-roads
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: claim
    reported_by: "the police"
    text: "Roads around the plant were still closed on Thursday."
  - id: leak-missing
    event: tessin-leak-2026
    source: wire-2026-03-12
    kind: measurement
    attribute: missing
    values: ["2"]
    reported_by: "the police"
    text: "Two workers were still missing on Thursday."
"""


def test_still_in_hospital_is_not_all_who_were_treated_when_still_is_a_common_word(
        tmp_path: Path):
    # other sentences say "still": it weighs little, but the fact must still say who remains
    with beside_shipped(tmp_path, "leak", HOSPITAL + STILL_ELSEWHERE) as eng:
        assert eng.match("how many ppl are still in hospital rn").status != "answer"


# --- why a figure moved -------------------------------------------------------------------------

TOLL = """\
events:
  - id: kovel-heat-2026
    title: "Heatwave in Kovel"
    when: 2026-07-20
sources:
  - id: wire-2026-07-21
    title: "Heat deaths climb"
    publisher: "Meridian Wire"
    published: 2026-07-21
facts:
  - id: heat-deaths-first
    event: kovel-heat-2026
    source: wire-2026-07-21
    kind: measurement
    attribute: deaths
    values: ["14"]
    as_of: 2026-07-20T09:00:00+02:00
    reported_by: "the health ministry"
    text: "The health ministry first put the official death toll at 14."
  - id: heat-deaths-latest
    event: kovel-heat-2026
    source: wire-2026-07-21
    kind: measurement
    attribute: deaths
    values: ["41"]
    as_of: 2026-07-21T09:00:00+02:00
    reported_by: "the health ministry"
    text: "The ministry later put the death toll at 41."
  - id: heat-deaths-why
    event: kovel-heat-2026
    source: wire-2026-07-21
    kind: claim
    reported_by: "the health ministry"
    text: "The ministry said the toll was higher because hospitals reported deaths late."
"""


@pytest.mark.parametrize("question", [
    "why did the death toll jump so much",
    "why did the death toll go up",
    "why was the toll revised",
])
def test_why_a_figure_moved_is_answered_by_the_reason_not_the_move(
        tmp_path: Path, question: str):
    with beside_shipped(tmp_path, "heat", TOLL) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert result.facts[0].fact.id == "heat-deaths-why"


EXCHANGE = """\
events:
  - id: varo-exchange-2026
    title: "Exchange between Varo and Teskin"
    when: 2026-05-14
sources:
  - id: wire-2026-05-15
    title: "Exchange count revised"
    publisher: "Meridian Wire"
    published: 2026-05-15
facts:
  - id: exchange-count-first
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: measurement
    attribute: count
    label: "Detainees freed"
    values: ["150"]
    as_of: 2026-05-14T12:00:00+02:00
    reported_by: "Varo's foreign ministry"
    text: "Varo's foreign ministry first said 150 detainees were freed."
  - id: exchange-count-revised
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: measurement
    attribute: count
    label: "Detainees freed"
    values: ["144"]
    as_of: 2026-05-15T09:00:00+02:00
    reported_by: "Varo's foreign ministry"
    text: "Varo's foreign ministry later put the number of detainees freed at 144."
  - id: exchange-count-ombudsman
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: measurement
    attribute: count
    label: "Detainees freed"
    values: ["144"]
    reported_by: "Teskin's ombudsman"
    text: "Teskin's ombudsman backed the revised total of 144 detainees freed."
  - id: exchange-why-ministry
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: claim
    reported_by: "Varo's foreign ministry"
    text: "The ministry said its number of detainees freed fell because six had been counted twice."
  - id: exchange-why-ombudsman
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: claim
    reported_by: "Teskin's ombudsman"
    text: >-
      The ombudsman said three civilians let go under a separate deal are not in the
      number of detainees freed because they belong to another agreement.
  - id: exchange-ministry-talks
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: claim
    reported_by: "Varo's foreign ministry"
    text: "Varo's foreign ministry said the talks took four months."
  - id: exchange-ministry-thanks
    event: varo-exchange-2026
    source: wire-2026-05-15
    kind: claim
    reported_by: "Varo's foreign ministry"
    text: "Varo's foreign ministry thanked the mediators."
"""


@pytest.mark.parametrize("question", [
    # each source explains its own figure; the question names the ministry's move
    "why did the ministry drop the count from 150 to 144",
    # the reason leads the ministry's other sentences, the figures come lower
    "why did the ministry lower the count",
])
def test_of_two_reasons_as_near_the_figures_the_one_the_question_fits_says_why(
        tmp_path: Path, question: str):
    with beside_shipped(tmp_path, "exchange", EXCHANGE) as eng:
        result = eng.match(question)
        assert result.status == "answer"
        assert result.facts[0].fact.id == "exchange-why-ministry"
        assert "exchange-count-revised" in [s.fact.id for s in result.facts]


# --- an answer that lacks what a "not said" sentence has -----------------------------------------

VALVE = """\
events:
  - id: orsk-reactor-2026
    title: "Cooling pump failure at the Orsk power station"
    when: 2026-10-14
    timezone: "+02:00"
sources:
  - id: wire-2026-10-15
    title: "Steam released at Orsk"
    publisher: "Meridian Wire"
    published: 2026-10-15
facts:
  - id: orsk-valve-opened
    event: orsk-reactor-2026
    source: wire-2026-10-15
    kind: time
    attribute: event_time
    label: "Relief valve opened"
    time: 2026-10-14T00:20:00+02:00
    reported_by: "the operator"
    text: "The operator said a relief valve opened at 00:20, releasing steam."
  - id: orsk-valve-shut-unknown
    event: orsk-reactor-2026
    source: wire-2026-10-15
    kind: claim
    reported_by: "Meridian Wire"
    text: "The operator did not say when the relief valve was shut again."
  - id: orsk-pump-failed
    event: orsk-reactor-2026
    source: wire-2026-10-15
    kind: time
    attribute: event_time
    label: "Pump failed"
    time: 2026-10-13T23:58:00+02:00
    reported_by: "the operator"
    text: "The operator said the pump failed at 23:58."
  - id: orsk-cause-unknown
    event: orsk-reactor-2026
    source: wire-2026-10-15
    kind: claim
    reported_by: "Meridian Wire"
    text: "It is not yet known what caused the cooling pump to fail."
"""


def test_a_sentence_saying_when_was_not_given_outranks_a_time_that_lacks_the_word(
        tmp_path: Path):
    with beside_shipped(tmp_path, "valve", VALVE) as eng:
        result = eng.match("when did they close the relief valve")
        assert result.status == "abstain"
        assert result.reason is Reason.NOT_REPORTED
        assert [s.fact.id for s in result.suggestions] == ["orsk-valve-shut-unknown"]
        # the valve's opening is still its opening time
        opened = eng.match("when did the relief valve open")
        assert opened.status == "answer"
        assert [s.fact.id for s in opened.facts] == ["orsk-valve-opened"]


def test_a_sentence_saying_another_thing_is_not_known_leaves_the_answer(tmp_path: Path):
    # not known *what caused* the failure says nothing against *when* it failed
    with beside_shipped(tmp_path, "valve", VALVE) as eng:
        result = eng.match("what time did the cooling pump fail")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["orsk-pump-failed"]


# --- initials the question uses for a label's words ----------------------------------------------

LUNG = """\
events:
  - id: brask-smog-2026
    title: "Smog emergency in Brask"
    when: 2026-01-20
sources:
  - id: wire-2026-01-21
    title: "Smog fills Brask hospitals"
    publisher: "Meridian Wire"
    published: 2026-01-21
facts:
  - id: smog-ards
    event: brask-smog-2026
    source: wire-2026-01-21
    kind: measurement
    label: "Patients with acute respiratory distress syndrome"
    values: ["23"]
    reported_by: "the health ministry"
    text: >-
      The ministry said 23 patients had developed acute respiratory distress syndrome,
      a lung failure.
    keywords: [ARDS, lung failure]
  - id: smog-ventilators
    event: brask-smog-2026
    source: wire-2026-01-21
    kind: measurement
    label: "Patients on ventilators"
    values: ["9"]
    reported_by: "the health ministry"
    text: "Nine of the patients with lung failure are on ventilators, the ministry said."
    keywords: [ARDS, breathing machines]
"""


def test_initials_ask_the_label_words_they_stand_for(tmp_path: Path):
    with beside_shipped(tmp_path, "smog", LUNG) as eng:
        result = eng.match("how many patients got the lung thing (ards)")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["smog-ards"]

SAILORS = """\
events:
  - id: ardia-release-2026
    title: "Ardia frees Belmish sailors"
    when: 2026-08-19
sources:
  - id: wire-2026-08-19
    title: "Sailors home from Ardia"
    publisher: "Meridian Wire"
    published: 2026-08-19
facts:
  - id: sailors-freed
    event: ardia-release-2026
    source: wire-2026-08-19
    kind: measurement
    attribute: count
    label: "Belmish sailors freed by Ardia"
    values: ["12"]
    reported_by: "the Belmish navy"
    text: "The navy said Ardia freed 12 Belmish sailors."
  - id: sailors-held-no-figure
    event: ardia-release-2026
    source: wire-2026-08-19
    kind: claim
    reported_by: "Meridian Wire"
    text: "Belmar has given no figure for the Belmish sailors still held in Ardia."
"""


def test_no_figure_given_for_what_is_asked_outranks_a_figure_of_something_else(
        tmp_path: Path):
    with beside_shipped(tmp_path, "sailors", SAILORS) as eng:
        result = eng.match("how many belmish sailors does ardia still hold")
        assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
        assert [s.fact.id for s in result.suggestions] == ["sailors-held-no-figure"]
        freed = eng.match("how many sailors did ardia free")
        assert freed.status == "answer"
        assert [s.fact.id for s in freed.facts] == ["sailors-freed"]

FLOWN = """\
events:
  - id: brel-airline-2026
    title: "Brel Air stops flying"
    when: 2026-02-02
sources:
  - id: wire-2026-02-02
    title: "Brel Air grounded"
    publisher: "Meridian Wire"
    published: 2026-02-02
facts:
  - id: brel-minister-home
    event: brel-airline-2026
    source: wire-2026-02-02
    kind: statement
    speaker: "Ana Pell"
    speaker_role: "Transport Minister"
    reported_by: "Meridian Wire"
    text: "Pell said the state would fly every stranded passenger home."
    quote: "No one will be left behind. We will bring every one of them home."
"""


def test_the_pronoun_one_gives_no_figure(tmp_path: Path):
    # "no one", "every one of them": no count, so no answer to "how many"
    with beside_shipped(tmp_path, "brel", FLOWN) as eng:
        assert eng.match("how many people were flown home").status != "answer"

HOPED = """\
events:
  - id: tarn-bridge-2026
    title: "Flood cuts the Tarn bridge"
    when: 2026-03-05
sources:
  - id: wire-2026-03-05
    title: "Tarn cut off"
    publisher: "Meridian Wire"
    published: 2026-03-05
facts:
  - id: tarn-repair-hope
    event: tarn-bridge-2026
    source: wire-2026-03-05
    kind: statement
    speaker: "Ida Holm"
    speaker_role: "county engineer"
    reported_by: "Meridian Wire"
    text: "Holm said crews hoped to reopen the Tarn bridge by Friday."
"""


def test_what_was_hoped_for_is_no_yes_to_whether_it_happened(tmp_path: Path):
    with beside_shipped(tmp_path, "tarn", HOPED) as eng:
        result = eng.match("did they actually reopen the tarn bridge on friday")
        assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
        assert [s.fact.id for s in result.suggestions] == ["tarn-repair-hope"]
        # asked what was planned, the hope is the answer
        planned = eng.match("did they plan to reopen the tarn bridge by friday")
        assert planned.status == "answer"


# --- what a figure leaves out -------------------------------------------------------------------

LEFT_OUT = """\
events:
  - id: keld-blast-2026
    title: "Blast at the Keld fuel depot"
    when: 2026-06-02
sources:
  - id: wire-2026-06-03
    title: "Keld counts the cost"
    publisher: "Meridian Wire"
    published: 2026-06-03
facts:
  - id: keld-damage-town
    event: keld-blast-2026
    source: wire-2026-06-03
    kind: measurement
    attribute: money
    label: "Damage to homes and shops (excluding the depot)"
    values: ["40 million EUR"]
    reported_by: "the town council"
    text: >-
      The council put damage to homes and shops at 40 million euros, leaving out the depot
      itself.
    keywords: [damage estimate, excluding the depot]
  - id: keld-depot-staff
    event: keld-blast-2026
    source: wire-2026-06-03
    kind: measurement
    attribute: count
    label: "Staff at the depot"
    values: ["120"]
    reported_by: "the depot's owner"
    text: "The owner said 120 people work at the depot."
"""


def test_what_a_figure_leaves_out_is_not_what_it_counts(tmp_path: Path):
    with beside_shipped(tmp_path, "keld", LEFT_OUT) as eng:
        assert eng.match("how much was the damage to the depot itself").status != "answer"
        result = eng.match("how much damage to homes and shops")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["keld-damage-town"]


def test_a_figure_that_does_not_exclude_something_keeps_its_words():
    from bot.core.matching.analyzer import without_excluded
    kept = "Investigators were not excluding the possibility of help from staff."
    assert without_excluded(kept) == kept
    assert "depot" not in without_excluded("Damage to homes (excluding the depot)")


# --- "what is X called": X's name ----------------------------------------------------------------

CALLED = """\
events:
  - id: tirana-talks-2026
    title: "Border talks near Tirana"
    when: 2026-05-03
sources:
  - id: wire-2026-05-04
    title: "Leaders meet, navy on watch"
    publisher: "Meridian Wire"
    published: 2026-05-04
facts:
  - id: talks-leaders-met
    event: tirana-talks-2026
    source: wire-2026-05-04
    kind: claim
    reported_by: "Meridian Wire"
    text: >-
      President Halk and Premier Voss met on Sunday in Tirana, on the sidelines of a
      regional meeting there.
  - id: talks-frigate
    event: tirana-talks-2026
    source: wire-2026-05-04
    kind: claim
    reported_by: "the navy"
    text: "The navy ship Orsa, a frigate, kept watch over the harbour during the talks."
  - id: talks-charity
    event: tirana-talks-2026
    source: wire-2026-05-04
    kind: claim
    reported_by: "the ministry"
    text: "Food for the delegations came from a charity; the ministry would not name the charity."
"""


def test_what_a_thing_is_called_asks_its_name_not_a_statement(tmp_path: Path):
    with beside_shipped(tmp_path, "called", CALLED) as eng:
        q = eng.matcher.analyse("whats the navy ship called")
        assert q.asks_name and q.answer_type is not AnswerType.STATEMENT and not q.speaker
        assert "called" not in {t.word for t in q.terms}
        assert eng.matcher.analyse("what did voss call the meeting").answer_type \
            is AnswerType.STATEMENT
        result = eng.match("whats the navy ship called")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["talks-frigate"]


def test_a_name_elsewhere_in_the_sentence_is_not_the_things_name(tmp_path: Path):
    # "Halk", "Voss" and "Sunday" are names in the sentence, none the meeting's
    with beside_shipped(tmp_path, "called", CALLED) as eng:
        result = eng.match("what was the regional meeting in tirana called")
        assert result.status != "answer"
        unnamed = eng.match("wats the charity called")
        assert unnamed.status == "abstain" and unnamed.reason is Reason.NOT_REPORTED


WHICH = """\
events:
  - id: lorvik-slump-2026
    title: "Shares slump in Lorvik"
    when: 2026-06-02
sources:
  - id: wire-2026-06-03
    title: "Savers count the cost"
    publisher: "Meridian Wire"
    published: 2026-06-03
facts:
  - id: saver-loss
    event: lorvik-slump-2026
    source: wire-2026-06-03
    kind: measurement
    label: "Anton Brask's loss (marks)"
    values: ["9000"]
    reported_by: "Anton Brask"
    text: "Anton Brask, a pensioner from Vesby, said he lost 9,000 marks when his bank shares
      were sold near the low."
  - id: fund-named
    event: lorvik-slump-2026
    source: wire-2026-06-03
    kind: claim
    reported_by: "Meridian Wire"
    text: "Most of the selling came from the Orla pension fund, traders said."
  - id: broker-blames
    event: lorvik-slump-2026
    source: wire-2026-06-03
    kind: statement
    speaker: "Ida Venn"
    speaker_role: "head of trading at Crale Brokers"
    reported_by: "Meridian Wire"
    text: "Venn blamed the exchange's matching engine for the plunge."
  - id: rescue-mediated
    event: lorvik-slump-2026
    source: wire-2026-06-03
    kind: claim
    reported_by: "Meridian Wire"
    text: "According to the wire, Corvania mediated the talks on a rescue fund."
    about: [rescue fund talks]
  - id: rescue-venue
    event: lorvik-slump-2026
    source: wire-2026-06-03
    kind: place
    attribute: venue
    place: "the Lorvik harbour offices"
    reported_by: "Meridian Wire"
    text: "The rescue fund talks were held at the Lorvik harbour offices."
"""


def test_which_country_did_something_asks_the_one_that_did_it(tmp_path: Path):
    # not where the talks were; "Corvania" starts the sentence once "According to the
    # wire" is set aside, and no English word is spelled so: a name
    with beside_shipped(tmp_path, "which", WHICH) as eng:
        result = eng.match("which country mediated the rescue fund talks")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["rescue-mediated"]


@pytest.mark.parametrize("question", ["whos the guy blaming the matching engine",
                                      "who's the person blaming the exchange"])
def test_the_guy_doing_something_asks_who_did_it(tmp_path: Path, question: str):
    with beside_shipped(tmp_path, "which", WHICH) as eng:
        q = eng.matcher.analyse(question)
        assert q.answer_type is AnswerType.WHO and not q.speaker
        assert [s.fact.id for s in eng.match(question).facts] == ["broker-blames"]


def test_which_thing_needs_a_name_beside_that_thing_when_the_sentence_speaks_of_it(
        tmp_path: Path):
    with beside_shipped(tmp_path, "which", WHICH) as eng:
        # "his bank shares": a bank, but no bank's name ("Anton Brask", "Vesby" are others)
        result = eng.match("which bank did the pensioner have shares in")
        assert result.status != "answer" and result.reason is Reason.NO_NAME
        # "the Orla pension fund": a name beside the thing asked
        named = eng.match("which pension fund did most of the selling")
        assert [s.fact.id for s in named.facts] == ["fund-named"]


# --- a yes or no the report says is open, beside a fact around it ---------------------------------

RECORD = """\
events:
  - id: mara-ban-2026
    title: "Runner Ilse Mara banned for doping"
    when: 2026-04-09
sources:
  - id: wire-2026-04-09
    title: "Mara banned for four years"
    publisher: "Meridian Wire"
    published: 2026-04-09
facts:
  - id: mara-record-unknown
    event: mara-ban-2026
    source: wire-2026-04-09
    kind: claim
    reported_by: "Meridian Wire"
    text: "It is not known whether Mara's national record will be struck out."
    about: [national record]
  - id: mara-agency-review
    event: mara-ban-2026
    source: wire-2026-04-09
    kind: statement
    speaker: "the anti-doping agency"
    reported_by: "Meridian Wire"
    text: "The agency said it was reviewing every result of Mara's career."
    about: [results review, national record]
"""


def test_a_yes_no_left_open_beside_another_fact_is_cited_as_not_given(tmp_path: Path):
    with beside_shipped(tmp_path, "record", RECORD) as eng:
        result = eng.match("is maras record getting erased")
        assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
        assert result.suggestions[0].fact.id == "mara-record-unknown"


# --- what word someone used ----------------------------------------------------------------------

def test_what_word_someone_used_asks_what_they_called_it(engine: Engine):
    question = "what term did choe pick for washington's allies"
    q = engine.matcher.analyse(question)
    assert q.answer_type is AnswerType.STATEMENT and q.naming
    assert [t.word for t in q.speaker] == ["choe"]
    assert not {"term", "pick"} & {t.word for t in q.terms}
    result = engine.match(question)
    assert result.status == "answer"
    assert result.facts[0].fact.id == "choe-serious-threat"  # "its vassal forces"


# --- how many are in a place: not how many of the place -----------------------------------------

SHELTERS = """\
events:
  - id: varn-fire-2026
    title: "Fire at the Varn chemical plant"
    when: 2026-04-02
sources:
  - id: wire-2026-04-02
    title: "Thousands evacuated after plant fire"
    publisher: "Meridian Wire"
    published: 2026-04-02
facts:
  - id: varn-shelters-opened
    event: varn-fire-2026
    source: wire-2026-04-02
    kind: measurement
    attribute: count
    label: "Shelters opened"
    values: ["4"]
    reported_by: "the county"
    text: "Four shelters were set up in schools."
    about: [evacuation, shelters]
  - id: varn-in-shelters
    event: varn-fire-2026
    source: wire-2026-04-02
    kind: measurement
    attribute: sheltered
    label: "Evacuees staying in shelters"
    values: ["2,150"]
    reported_by: "the county"
    text: "The county said 2,150 evacuees were in the shelters."
    about: [evacuation, shelters]
"""


def test_how_many_are_in_a_place_counts_who_is_there(tmp_path: Path):
    with closing(engine_over(tmp_path, "shelters", SHELTERS)) as eng:
        q = eng.matcher.analyse("how many are actually in shelters")
        assert q.located == stem("shelters")
        result = eng.match("how many are actually in shelters")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["varn-in-shelters"]
        # how many shelters there are is still asked as it was
        assert [s.fact.id for s in eng.match("how many shelters were opened").facts] == \
            ["varn-shelters-opened"]


FIRST_TOLL_TIME = """\
  - id: heat-first-toll-time
    event: kovel-heat-2026
    source: wire-2026-07-21
    kind: time
    attribute: event_time
    label: "First official death toll announced"
    time: 2026-07-20T09:00:00+02:00
    reported_by: "Meridian Wire"
    text: "The first official death toll was given at 9 a.m. on Monday."
"""


def test_a_death_count_is_a_count_which_a_time_does_not_give(tmp_path: Path):
    question = "wat was the very first official death count"
    with beside_shipped(tmp_path, "heat", TOLL + FIRST_TOLL_TIME) as eng:
        assert eng.matcher.analyse(question).asks_count
        result = eng.match(question)
        assert result.status == "answer"
        assert result.facts[0].fact.id == "heat-deaths-first"


# --- an earlier event, said as chat says it -------------------------------------------------------

BLASTS = """\
events:
  - id: marren-blast-2026
    title: "Warehouse explosion at Port Marren"
    when: 2026-03-16
  - id: gresk-blast-2009
    title: "Fertiliser depot explosion in Gresk"
    when: 2009-08-04
    background_of: marren-blast-2026
sources:
  - id: wire-2026-03-17
    title: "Port blast kills dozens"
    publisher: "Meridian Wire"
    published: 2026-03-17
facts:
  - id: marren-deaths
    event: marren-blast-2026
    source: wire-2026-03-17
    kind: measurement
    attribute: deaths
    values: ["43"]
    reported_by: "the port authority"
    text: "The port authority said 43 people were killed."
  - id: gresk-deaths
    event: gresk-blast-2009
    source: wire-2026-03-17
    kind: measurement
    attribute: deaths
    values: ["11"]
    reported_by: "Meridian Wire"
    text: "The 2009 explosion at a fertiliser depot in Gresk killed 11 people."
"""


def test_a_similar_one_before_asks_the_earlier_event(tmp_path: Path):
    question = "wasnt there a similar fertilizer blast b4? how many died that time"
    with beside_shipped(tmp_path, "blasts", BLASTS) as eng:
        q = eng.matcher.analyse(question)
        assert q.previous_event
        assert not {"similar", "before"} & {t.word for t in q.terms}
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["gresk-deaths"]



def test_what_earlier_thing_asks_the_earlier_event(tmp_path: Path):
    """"Wat earlier blast did the report bring up": the earlier event, not this one's facts
    that share its words."""
    question = "wat earlier blast did the report bring up"
    with beside_shipped(tmp_path, "blasts", BLASTS) as eng:
        q = eng.matcher.analyse(question)
        assert q.previous_event
        result = eng.match(question)
        assert result.facts and result.facts[0].fact.id == "gresk-deaths"

VOTE = """\
events:
  - id: aldo-rate-2026
    title: "Central bank raises its rate"
    when: 2026-03-19
sources:
  - id: wire-2026-03-19
    title: "Bank raises rates"
    publisher: "Meridian Wire"
    published: 2026-03-19
facts:
  - id: rate-votes-for
    event: aldo-rate-2026
    source: wire-2026-03-19
    kind: measurement
    attribute: votes
    label: "Council votes for the increase"
    values: ["5"]
    reported_by: "the bank"
    text: "The council backed the increase by five votes to two."
  - id: rate-dissenters
    event: aldo-rate-2026
    source: wire-2026-03-19
    kind: claim
    reported_by: "the bank"
    text: "Deputy Governor Lars Ottevan and Professor Rhea Calloway dissented."
"""


def test_who_voted_against_is_who_dissented(tmp_path: Path):
    with beside_shipped(tmp_path, "vote", VOTE) as eng:
        result = eng.match("who voted against it")
        assert result.status == "answer"
        assert result.facts[0].fact.id == "rate-dissenters"


# --- a first figure its keywords date ---------------------------------------------------------

MINE = """\
events:
  - id: gravik-mine-2026
    title: "Gravik mine collapse"
    when: 2026-02-11
sources:
  - id: wire-2026-02-12
    title: "Miners killed in collapse"
    publisher: "Meridian Wire"
    published: 2026-02-12
facts:
  - id: mine-deaths-thursday
    event: gravik-mine-2026
    source: wire-2026-02-12
    kind: measurement
    attribute: deaths
    values: ["9"]
    as_of: 2026-02-12T14:00:00+02:00
    reported_by: "the emergencies minister"
    text: "The emergencies minister said the bodies of nine miners had been recovered."
    about: [death toll, miners]
    keywords: [killed, dead, bodies recovered]
  - id: mine-deaths-early
    event: gravik-mine-2026
    source: wire-2026-02-12
    kind: measurement
    attribute: deaths
    values: ["4"]
    reported_by: "the provincial governor"
    text: "An early toll from the provincial governor put the dead at four."
    about: [death toll, early estimate]
    keywords: [initial toll, first estimate, killed]
"""


def test_an_undated_figure_its_keywords_call_the_first_is_the_first(tmp_path: Path):
    with beside_shipped(tmp_path, "mine", MINE) as eng:
        first = eng.match("how many dead did they say at first")
        assert first.status == "answer"
        assert [s.fact.id for s in first.facts] == ["mine-deaths-early"]
        latest = eng.match("how many dead now")
        assert [s.fact.id for s in latest.facts] == ["mine-deaths-thursday"]


PEAK = """\
events:
  - id: halden-fire-2026
    title: "Fire in the Halden tower"
    when: 2026-01-09
sources:
  - id: wire-2026-01-09
    title: "Tower fire"
    publisher: "Meridian Wire"
    published: 2026-01-09
facts:
  - id: halden-firefighters-peak
    event: halden-fire-2026
    source: wire-2026-01-09
    kind: measurement
    attribute: count
    label: "Firefighters at the peak of the blaze"
    values: ["120"]
    reported_by: "the fire service"
    text: "At the peak of the blaze 120 firefighters were at the scene."
  - id: halden-missing-morning
    event: halden-fire-2026
    source: wire-2026-01-09
    kind: measurement
    attribute: missing
    values: ["9"]
    as_of: 2026-01-09T08:00:00+01:00
    reported_by: "the police"
    text: "Police said nine people were missing."
  - id: halden-missing-evening
    event: halden-fire-2026
    source: wire-2026-01-09
    kind: measurement
    attribute: missing
    values: ["3"]
    as_of: 2026-01-09T18:00:00+01:00
    reported_by: "the police"
    text: "By the evening police said three people were missing."
"""


def test_how_many_at_the_peak_is_a_count_not_a_flights_peak(tmp_path: Path):
    # "peak" is a cue of a flight's maximum altitude: "how many" asks no length
    with beside_shipped(tmp_path, "peak", PEAK) as eng:
        q = eng.matcher.analyse("how many firefighters were out there at the peak")
        assert not q.attributes
        result = eng.match("how many firefighters were out there at the peak")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["halden-firefighters-peak"]


def test_as_of_the_latest_update_asks_the_latest_figure(tmp_path: Path):
    with beside_shipped(tmp_path, "peak", PEAK) as eng:
        q = eng.matcher.analyse("how many still missing as of the latest update")
        assert q.recency is Recency.LATEST
        assert "update" not in {t.word for t in q.terms}
        result = eng.match("how many still missing as of the latest update")
        assert [s.fact.id for s in result.facts] == ["halden-missing-evening"]


RED_CROSS = """\
events:
  - id: dunmere-tornado-2026
    title: "Tornado strikes Dunmere"
    when: 2026-05-12
sources:
  - id: wire-2026-05-13
    title: "Tornado flattens homes"
    publisher: "Meridian Wire"
    published: 2026-05-13
facts:
  - id: dunmere-sheltered
    event: dunmere-tornado-2026
    source: wire-2026-05-13
    kind: measurement
    attribute: sheltered
    values: ["1,150"]
    reported_by: "Valmoran Red Cross Secretary-General Sofia Halvorsen"
    text: "Red Cross chief Sofia Halvorsen said 1,150 people were registered at shelters."
"""


def test_a_secretary_general_heads_the_body(tmp_path: Path):
    with beside_shipped(tmp_path, "redcross", RED_CROSS) as eng:
        answer = eng.ask("whos the head of the valmoran red cross")
        assert answer.answered
        assert "Sofia Halvorsen" in answer.text


PARTY = """\
events:
  - id: norv-budget-2026
    title: "Parliament passes the budget"
    when: 2026-03-11
sources:
  - id: wire-2026-03-11
    title: "Budget passes"
    publisher: "Meridian Wire"
    published: 2026-03-11
facts:
  - id: budget-rebel-statement
    event: norv-budget-2026
    source: wire-2026-03-11
    kind: statement
    speaker: "Jonas Tervik"
    speaker_role: "Agrarian Party deputy who led the coalition rebels"
    reported_by: "Meridian Wire"
    text: "Tervik said the rebels would stay in the coalition."
  - id: budget-party-board
    event: norv-budget-2026
    source: wire-2026-03-11
    kind: statement
    speaker: "Marta Kjellin"
    reported_by: "Meridian Wire"
    text: "Deputy Prime Minister Marta Kjellin, the Agrarian Party leader, said so."
"""


@pytest.mark.parametrize(("question", "name"), [
    ("who leads the agrarian party", "Kjellin"),
    ("which guy led the agrarian rebels", "Tervik"),
])
def test_a_leader_of_one_thing_does_not_lead_another_named_in_the_role(
        tmp_path: Path, question: str, name: str):
    with beside_shipped(tmp_path, "party", PARTY) as eng:
        answer = eng.ask(question)
        assert answer.answered
        assert name in answer.text


# --- the H of a named place: the fact must name that place ------------------------------------

TOWN = """\
events:
  - id: orlent-dam-2026
    title: "Orlent dam gives way"
    when: 2026-03-17
    where: "Kessling, Varda province"
sources:
  - id: wire-2026-03-18
    title: "Dam failure floods valley"
    publisher: "Meridian Wire"
    published: 2026-03-18
facts:
  - id: kessling-population
    event: orlent-dam-2026
    source: wire-2026-03-18
    kind: measurement
    attribute: count
    label: "Population of Kessling"
    values: ["23,000"]
    reported_by: "Meridian Wire"
    text: "Kessling, a market town, has roughly 23,000 inhabitants."
    keywords: [population, inhabitants]
"""


def test_the_population_of_a_place_is_not_another_places(tmp_path: Path):
    with beside_shipped(tmp_path, "town", TOWN) as eng:
        q = eng.matcher.analyse("wats the population of varda province total")
        assert q.head == "population" and q.owner
        assert eng.match("wats the population of varda province total").status != "answer"
        assert eng.match("whats vardas population total").status != "answer"
        result = eng.match("whats the population of kessling")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["kessling-population"]
        # asked bare, as chat asks it
        assert eng.match("population of varda?").status != "answer"
        assert [s.fact.id for s in eng.match("population of kessling?").facts] \
            == ["kessling-population"]


LAKE = """\
events:
  - id: tarnel-lake-burst-2026
    title: "Tarnel glacier lake bursts"
    when: 2026-08-02
    where: "Tarnel valley"
sources:
  - id: wire-2026-08-03
    title: "Glacier lake floods Tarnel valley"
    publisher: "Meridian Wire"
    published: 2026-08-03
facts:
  - id: tarnel-mud-depth
    event: tarnel-lake-burst-2026
    source: wire-2026-08-03
    kind: measurement
    attribute: depth
    label: "Mud depth in Orsk village"
    values: ["2 m"]
    reported_by: "the rescue team"
    text: "The mud lay two metres deep in parts of Orsk village."
  - id: tarnel-lake-altitude
    event: tarnel-lake-burst-2026
    source: wire-2026-08-03
    kind: measurement
    attribute: height
    label: "Altitude of Lake Tarnel"
    values: ["4,100 m"]
    reported_by: "the glacier survey"
    text: "Lake Tarnel lies 4,100 metres above sea level."
"""


def test_how_deep_is_a_named_thing_is_that_things_depth(tmp_path: Path):
    """The mud is the flood's, and the lake names the flood, but the mud's depth is not the
    lake's."""
    with beside_shipped(tmp_path, "lake", LAKE) as eng:
        assert eng.match("how deep is lake tarnel in feet").status != "answer"
        assert [s.fact.id for s in eng.match("how high is lake tarnel").facts] \
            == ["tarnel-lake-altitude"]
        assert [s.fact.id for s in eng.match("how deep was the mud in orsk").facts] \
            == ["tarnel-mud-depth"]


AIRPORT = """
events:
  - id: osterby-airport-closure-2026
    title: "Drone sightings close Osterby airport"
    when: 2026-05-09
    where: "Osterby airport"
  - id: velling-airport-closure
    title: "Drones closed Velling airport"
    background_of: osterby-airport-closure-2026
sources:
  - id: wire-2026-05-09
    title: "Drones shut Osterby airport"
    publisher: "Meridian Wire"
    published: 2026-05-09
facts:
  - id: osterby-closure-length
    event: osterby-airport-closure-2026
    source: wire-2026-05-09
    kind: measurement
    attribute: duration
    label: "Length of the airport closure"
    values: ["9 hours"]
    reported_by: "Meridian Wire"
    text: "The airport was shut for nine hours."
  - id: velling-closure-length
    event: velling-airport-closure
    source: wire-2026-05-09
    kind: measurement
    attribute: duration
    label: "Length of the closure at Velling"
    values: ["31 hours"]
    reported_by: "Meridian Wire"
    text: "Velling was closed for 31 hours."
"""


def test_a_thing_named_by_its_event_is_that_events(tmp_path: Path):
    """"How long was osterby airport shut": the fact says "the airport", and Osterby names
    its event; the owner's name need not be in the fact itself. Another event's airport is
    still another's."""
    with beside_shipped(tmp_path, "airport", AIRPORT) as eng:
        result = eng.match("how long was osterby airport shut for")
        assert [s.fact.id for s in result.facts] == ["osterby-closure-length"]
        assert [s.fact.id for s in eng.match("how long was velling airport shut").facts] \
            == ["velling-closure-length"]


def test_how_many_live_in_a_place_is_that_places_people(tmp_path: Path):
    with beside_shipped(tmp_path, "town", TOWN) as eng:
        q = eng.matcher.analyse("how many ppl were actually living in varda")
        assert q.owner
        assert eng.match("how many ppl were actually living in varda").status != "answer"
        result = eng.match("how many people live in kessling")
        assert [s.fact.id for s in result.facts] == ["kessling-population"]


def test_the_dead_of_a_place_are_not_how_many_live_there(tmp_path: Path):
    # the town's population is the fact's only count of Kessling's people; without it, the
    # count of its dead (which names the town too) does not say how many live there
    dead_only = TOWN.replace("kessling-population", "kessling-dead").replace(
        '"Population of Kessling"', '"Dead in Kessling"').replace(
        "Kessling, a market town, has roughly 23,000 inhabitants.",
        "The flood killed 12 people in Kessling.").replace(
        "[population, inhabitants]", "[killed, dead]").replace('"23,000"', '"12"')
    with beside_shipped(tmp_path, "town", dead_only) as eng:
        assert eng.match("how many ppl live in kessling").status != "answer"
        assert [s.fact.id for s in eng.match("how many ppl died in kessling").facts] == [
            "kessling-dead"]


def test_how_many_of_them_were_a_kind_asks_a_count_of_that_kind(tmp_path: Path):
    # the count of all who were treated does not say how many of them were workers
    with beside_shipped(tmp_path, "leak", HOSPITAL) as eng:
        question = "how many of the ppl in hospital were plant workers"
        assert eng.matcher.analyse(question).counted == "workers"
        assert eng.match(question).status != "answer"


STUCK = """\
events:
  - id: lindhag-avalanche-2026
    title: "Avalanche at Lindhag"
    when: 2026-02-03
sources:
  - id: wire-2026-02-03
    title: "Avalanche cuts off resort"
    publisher: "Meridian Wire"
    published: 2026-02-03
facts:
  - id: lindhag-cut-off
    event: lindhag-avalanche-2026
    source: wire-2026-02-03
    kind: measurement
    attribute: count
    label: "Tourists cut off at the resort"
    values: ["240"]
    reported_by: "the resort"
    text: "The resort said 240 tourists were cut off by the snow."
"""


def test_stuck_is_cut_off(tmp_path: Path):
    with beside_shipped(tmp_path, "stuck", STUCK) as eng:
        result = eng.match("how many tourists are stuck up there rn?!")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["lindhag-cut-off"]


FERRY = """\
events:
  - id: dosca-ferry-2026
    title: "Ferry capsizes off Dosca"
    when: 2026-03-13
sources:
  - id: wire-2026-03-14
    title: "Ferry capsizes"
    publisher: "Meridian Wire"
    published: 2026-03-14
facts:
  - id: ferry-distance-off
    event: dosca-ferry-2026
    source: wire-2026-03-14
    kind: measurement
    attribute: distance
    label: "Distance off the coast"
    values: ["14 km"]
    reported_by: "the coast guard"
    text: "The coast guard said the ferry went down 14 km off the coast."
  - id: ferry-search-area
    event: dosca-ferry-2026
    source: wire-2026-03-14
    kind: measurement
    attribute: distance
    label: "Search radius"
    values: ["30 km"]
    reported_by: "the coast guard"
    text: "Ships searched an area 30 km across."
"""


def test_a_figure_stated_with_a_conversion_asked_says_which_fact(tmp_path: Path):
    # "can someone convert", "thing": why they ask; the 14 km says what
    with beside_shipped(tmp_path, "ferry", FERRY) as eng:
        question = "ngl can someone convert the 14 km thing to nautical miles"
        result = eng.match(question)
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["ferry-distance-off"]
        assert "nautical miles" in eng.ask(question).text


SINCE = """\
events:
  - id: velm-flood-2026
    title: "River floods Velm"
    when: 2026-04-02
sources:
  - id: wire-2026-04-02
    title: "River bursts its banks"
    publisher: "Meridian Wire"
    published: 2026-04-02
facts:
  - id: velm-years-since-flood
    event: velm-flood-2026
    source: wire-2026-04-02
    kind: measurement
    attribute: interval_since_previous
    label: "Years since the town last flooded"
    values: [{value: 12, unit: year}]
    reported_by: "Meridian Wire"
    text: "It was the first flood in the town for 12 years."
    keywords: [years since, last flood]
  - id: velm-flood-plans
    event: velm-flood-2026
    source: wire-2026-04-02
    kind: claim
    reported_by: "the mayor"
    text: "The mayor said a new flood wall would be built next year."
"""


def test_how_long_since_the_last_one_says_when_it_was(tmp_path: Path):
    with beside_shipped(tmp_path, "since", SINCE) as eng:
        result = eng.match("when did velm last flood")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["velm-years-since-flood"]
        # a question of what will come is not answered by how long ago the last one was
        assert "velm-years-since-flood" not in [
            s.fact.id for s in eng.match("when will velm flood again").facts]


def test_a_place_the_question_already_names_is_no_answer_to_where_in_it(engine: Engine):
    result = engine.match("which town in cambodia hosted the trilateral summit")
    assert result.status != "answer" and result.reason is Reason.NO_NAME
    assert engine.match("in which country was the trilateral summit").status == "answer"


@pytest.mark.parametrize("question", [
    "was anyone hurt when the crack opened on the third terrace",
    "anyone hurt when the crack opened on the third terrace??",
])
def test_what_anyone_underwent_must_be_in_the_fact(breach: Engine, question: str):
    # the crack's sentence shares every other word; it does not say whether anyone was hurt
    assert breach.match(question).status != "answer"


@pytest.mark.parametrize(("question", "fact_id"), [
    ("was anybody arrested at the protest outside the water board", "velm-arrests"),
    ("can someone tell me where on the wall the crack opened", "velm-crack-level"),
])
def test_anyone_still_answers_when_the_fact_says_it(breach: Engine, question: str,
                                                    fact_id: str):
    # (and "can someone tell me" asks the reader: "tell" is not what anyone underwent)
    result = breach.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == [fact_id]


def test_when_the_asker_saw_a_figure_is_no_word_of_the_one_asked(breach: Engine):
    question = "i saw 1200 moved out last night?? whats the number now"
    query = breach.matcher.analyse(question)
    assert query.given_figure == "1200"
    assert not {"last", "night"} & {t.word for t in query.terms}
    assert [s.fact.id for s in breach.match(question).facts] == ["velm-evacuated-night"]


def test_a_figure_seen_earlier_with_no_one_saying_it_is_given_not_asked(breach: Engine):
    # "saw 1200 earlier" (no "i"), "i saw 1200 somewhere but now its diff": the figure
    # as it stands is asked, and "now its diff" is no word of a fact
    for question in ("how many got moved out?? saw 1200 earlier but ppl sayin its more now",
                     "evacuated count?? i saw 1200 somewhere but now its diff"):
        query = breach.matcher.analyse(question)
        assert query.given_figure == "1200", question
        assert not {"saw", "different", "diff"} & {t.word for t in query.terms}, question
        assert query.recency is Recency.LATEST, question
    # (a figure someone other than the asker saw is the report's: no figure given)
    assert breach.matcher.analyse("the town saw 300 mm of rain, how much fell").given_figure \
        is None


def test_a_figure_given_then_asked_in_another_unit_is_that_figure(breach: Engine):
    # "whats that in usd" converts the audit's figure; it asks no other source's
    query = breach.matcher.analyse("the audit says 55 million crowns - whats that in usd")
    assert query.given_figure is None and query.unit == "USD"
    assert "55" in {t.word for t in query.terms}
    rival = breach.matcher.analyse("the audit says 55 million crowns, what did the board say")
    assert rival.given_figure is not None  # (that one asks the board's)


HOLE = """\
events:
  - id: brenn-sinkhole-2026
    title: "Sinkhole opens on Brenn high street"
    when: 2026-04-02
sources:
  - id: wire-2026-04-03
    title: "Brenn sinkhole"
    publisher: "Meridian Wire"
    published: 2026-04-03
facts:
  - id: brenn-hole-depth
    event: brenn-sinkhole-2026
    source: wire-2026-04-03
    kind: measurement
    attribute: depth
    values: ["17 m"]
    reported_by: "the city engineer"
    text: "The city engineer said the hole was 17 metres deep."
"""


def test_a_figure_alone_does_not_name_the_event_dated_by_it(tmp_path: Path):
    # the shipped event is "the 17 November launch"; "17m" is this hole's depth
    with beside_shipped(tmp_path, "hole", HOLE) as eng:
        result = eng.match("17m in feet pls")
        assert [s.fact.id for s in result.facts] == ["brenn-hole-depth"]
        assert "56 feet" in eng.ask("17m in feet pls").text
        # a year still names the event it dates ("the 2022 launch")
        assert eng.match("how high did the 2022 missile go").facts[0].fact.event == \
            "wonsan-launch-2022-11-17"


OLDER_HOLE = HOLE.replace("sources:\n", """\
  - id: brenn-sinkhole-2011
    title: "The 2011 sinkhole on Brenn's Mill Street"
    background_of: brenn-sinkhole-2026
sources:
""") + """\
  - id: brenn-2011-distance
    event: brenn-sinkhole-2011
    source: wire-2026-04-03
    kind: measurement
    attribute: distance
    values: ["800 m"]
    reported_by: "Meridian Wire"
    text: "The 2011 hole opened about 800 metres from this one, on Mill Street."
    keywords: [how far]
"""


def test_that_one_of_a_newer_report_is_its_own_earlier_event(tmp_path: Path):
    # the shipped 2022 launch's range ties on "how far"; the 2011 hole is recalled by the
    # 2026 report, which is the newer one, however old the hole itself is
    with beside_shipped(tmp_path, "hole", OLDER_HOLE) as eng:
        result = eng.match("how far was that one from this one, in miles")
        assert [s.fact.id for s in result.facts] == ["brenn-2011-distance"]


SLIDE_COUNTS = """\
events:
  - id: varn-ridge-slide-2026
    title: "Landslide on Varn ridge"
    when: 2026-08-13
sources:
  - id: wire-2026-08-14
    title: "Varn ridge slide"
    publisher: "Meridian Wire"
    published: 2026-08-14
facts:
  - id: varn-evacuated
    event: varn-ridge-slide-2026
    source: wire-2026-08-14
    kind: measurement
    attribute: evacuated
    values: ["about 2,100"]
    reported_by: "the civil protection agency"
    text: "The civil protection agency said roughly 2,100 people were evacuated."
    about: [evacuation]
  - id: varn-sheltered
    event: varn-ridge-slide-2026
    source: wire-2026-08-14
    kind: measurement
    attribute: sheltered
    values: ["about 700"]
    reported_by: "Meridian Wire"
    text: "About 700 of those evacuated were staying in school halls."
    about: [shelters, evacuation]
"""


def test_the_count_a_word_cues_settles_a_tie(tmp_path: Path):
    # "evacuated" is in the shelter count's sentence too; it cues the evacuated
    with closing(engine_over(tmp_path, "slide", SLIDE_COUNTS)) as eng:
        assert [s.fact.id for s in eng.match("how many got evacuated").facts] == [
            "varn-evacuated"]
        both = eng.match("how many got evacuated n how many actually in shelters")
        assert [s.fact.id for s in both.facts] == ["varn-evacuated", "varn-sheltered"]


DEFICITS = """\
events:
  - id: tarvia-budget-2026
    title: "Tarvia passes its budget"
    when: 2026-03-04
sources:
  - id: wire-2026-03-05
    title: "Tarvia budget"
    publisher: "Meridian Wire"
    published: 2026-03-05
facts:
  - id: deficit-2026
    event: tarvia-budget-2026
    source: wire-2026-03-05
    kind: measurement
    attribute: money
    label: "Deficit forecast for 2026"
    values: ["$4.4 billion"]
    reported_by: "the finance ministry"
    text: "The ministry expects a deficit of $4.4 billion in 2026."
  - id: deficit-2025
    event: tarvia-budget-2026
    source: wire-2026-03-05
    kind: measurement
    attribute: money
    label: "Deficit in 2025"
    values: ["$6.1 billion"]
    reported_by: "the finance ministry"
    text: "The deficit was $6.1 billion in 2025."
"""


def test_this_year_of_figures_by_year_is_the_reports_year(tmp_path: Path):
    with beside_shipped(tmp_path, "budget", DEFICITS) as eng:
        result = eng.match("how much is the deficit supposed to be this yr")
        assert [s.fact.id for s in result.facts] == ["deficit-2026"]
        # a whole year no figure is given by still asks more than any report says
        assert eng.match("how many missiles has nk fired this year total").status != "answer"
        # where this year's was is one occasion: the report's
        assert [s.fact.id for s in eng.match("g20 was where this year").facts] == ["g20-venue"]


SUIT = """\
events:
  - id: brask-dairy-outbreak-2026
    title: "Brask dairy outbreak"
    when: 2026-05-02
sources:
  - id: wire-2026-05-03
    title: "Families sue Brask dairy"
    publisher: "Meridian Wire"
    published: 2026-05-03
facts:
  - id: suit-filed
    event: brask-dairy-outbreak-2026
    source: wire-2026-05-03
    kind: statement
    speaker: Ivo Marran
    speaker_role: "lawyer for 31 families"
    reported_by: "Meridian Wire"
    text: "Lawyer Ivo Marran said 31 families filed a civil suit against the dairy on Thursday."
    keywords: [sued, lawsuit, civil suit]
  - id: dairy-fine
    event: brask-dairy-outbreak-2026
    source: wire-2026-05-03
    kind: measurement
    attribute: money
    label: "Fine imposed by the regulator"
    values: ["$200,000"]
    reported_by: "the food regulator"
    text: "The food regulator fined the dairy $200,000."
"""


def test_a_sentence_with_no_sum_does_not_answer_how_much_in_dollars(tmp_path: Path):
    # its only figure counts families, though it has every word asked; the sum they seek is
    # not reported (a sentence with no figure of the dimension asked never answers it)
    with beside_shipped(tmp_path, "suit", SUIT) as eng:
        assert eng.match("how much r the families suing for in dollars").status != "answer"
        assert [s.fact.id for s in eng.match("how many families sued").facts] == ["suit-filed"]


HELD = """\
events:
  - id: ossa-school-lunch-2026
    title: "School lunch poisoning in Ossa"
    when: 2026-03-11
sources:
  - id: wire-2026-03-12
    title: "Ossa lunch poisoning"
    publisher: "Meridian Wire"
    published: 2026-03-12
facts:
  - id: ossa-detained
    event: ossa-school-lunch-2026
    source: wire-2026-03-12
    kind: claim
    reported_by: "regional prosecutor Lida Varn"
    text: "Varn said those held were the kitchen manager and two storekeepers."
  - id: ossa-chef
    event: ossa-school-lunch-2026
    source: wire-2026-03-12
    kind: claim
    reported_by: "Meridian Wire"
    text: "The stew was cooked by head chef Pavel Orsk."
"""


def test_the_x_name_asks_a_name_that_a_sentence_must_give(tmp_path: Path):
    with closing(engine_over(tmp_path, "held", HELD)) as eng:
        # the sentence says who was held, but names only who said so
        result = eng.match("whats the kitchen manager's name who got detained")
        assert result.status != "answer"
        assert eng.matcher.analyse("whats the head chef name").asks_name


SHELTER_AID = """\
events:
  - id: pell-street-collapse-2026
    title: "Street collapse in Pell"
    when: 2026-10-14
sources:
  - id: wire-2026-10-15
    title: "Pell street collapse"
    publisher: "Meridian Wire"
    published: 2026-10-15
facts:
  - id: pell-sheltered
    event: pell-street-collapse-2026
    source: wire-2026-10-15
    kind: measurement
    attribute: sheltered
    values: ["140"]
    reported_by: "the Red Cross"
    text: "The Red Cross said 140 people had signed in at its emergency shelter."
"""


def test_how_do_i_asks_a_way_a_fact_must_speak_of(tmp_path: Path):
    with closing(engine_over(tmp_path, "aid", SHELTER_AID)) as eng:
        assert eng.match("how do i donate to the red cross for this").status != "answer"
    giving = SHELTER_AID + """\
  - id: pell-donations
    event: pell-street-collapse-2026
    source: wire-2026-10-15
    kind: claim
    reported_by: "the Red Cross"
    text: "The Red Cross said people can donate through its website or at any branch."
"""
    (tmp_path / "b").mkdir()
    with closing(engine_over(tmp_path / "b", "aid", giving)) as eng:
        result = eng.match("how do i donate to the red cross for this")
        assert [s.fact.id for s in result.facts] == ["pell-donations"]


def test_who_is_dead_asks_names_a_count_does_not_give(tmp_path: Path):
    with beside_shipped(tmp_path, "held", HELD.replace("""  - id: ossa-chef""", """\
  - id: ossa-deaths
    event: ossa-school-lunch-2026
    source: wire-2026-03-12
    kind: measurement
    attribute: deaths
    values: ["2"]
    reported_by: "the health ministry"
    text: "Two children died, the health ministry said."
  - id: ossa-chef""")) as eng:
        assert eng.matcher.analyse("whos dead").asks_name
        assert eng.match("whos dead").status != "answer"
        assert [s.fact.id for s in eng.match("how many died").facts] == ["ossa-deaths"]
        # "which 2 children", "..., names?": who, by name, which a count does not say
        for question in ("which 2 children died", "the children who died, names?",
                         "what make was the kitchen's fridge"):  # (a maker's name)
            assert eng.matcher.analyse(question).asks_name
            assert eng.match(question).status != "answer"


WITNESS = """\
events:
  - id: kell-gondola-fall-2026
    title: "Gondola cabin falls at Kell"
    when: 2026-02-15
sources:
  - id: wire-2026-02-16
    title: "Kell gondola fall"
    publisher: "Meridian Wire"
    published: 2026-02-16
facts:
  - id: kell-crack
    event: kell-gondola-fall-2026
    source: wire-2026-02-16
    kind: statement
    speaker: Ilse Marrow
    speaker_role: "a skier who witnessed the fall"
    reported_by: "Meridian Wire"
    text: "Marrow said the cable snapped with a crack that sounded like a rifle shot."
"""


def test_which_witness_said_asks_the_speakers_name(tmp_path: Path):
    with closing(engine_over(tmp_path, "kell", WITNESS)) as eng:
        result = eng.match("which witness said it sounded like a rifle shot")
        assert [s.fact.id for s in result.facts] == ["kell-crack"]
        assert "Marrow" in eng.ask("which witness said it sounded like a rifle shot").text


def test_which_role_said_is_whoever_said_it_however_the_report_calls_them(tmp_path: Path):
    """"Which doc said": the report calls her a skier; the words of what she said say
    who, and the role the asker guessed, a word no fact has, does not stop the answer."""
    with beside_shipped(tmp_path, "kell", WITNESS) as eng:
        q = eng.matcher.analyse("which doc said the cable snapped like a rifle shot")
        assert next(t for t in q.terms if t.word == "doc").kind is TermClass.LIGHT
        result = eng.match("which doc said the cable snapped like a rifle shot")
        assert [s.fact.id for s in result.facts] == ["kell-crack"]


DEAD = """\
events:
  - id: orlen-blast-2026
    title: "Depot blast in Orlen"
    when: 2026-09-04
    where: "Orlen, Vastia"
sources:
  - id: wire-2026-09-05
    title: "Orlen depot blast kills nine"
    publisher: "Wire"
    published: 2026-09-05
facts:
  - id: orlen-deaths
    event: orlen-blast-2026
    source: wire-2026-09-05
    kind: measurement
    attribute: deaths
    values: ["9"]
    reported_by: "the regional governor"
    text: "The regional governor said nine people were killed."
    about: [death toll]
    keywords: [fatalities, killed]
  - id: orlen-rescuers-dead
    event: orlen-blast-2026
    source: wire-2026-09-05
    kind: measurement
    label: "Rescuers among the dead"
    values: ["3"]
    reported_by: "the fire brigade"
    text: "Three of the dead were rescuers who reached the depot first."
    about: [rescuers, death toll]
    keywords: [rescuers died]
"""


def test_a_count_is_about_its_attributes_words_whatever_words_its_text_chose(tmp_path: Path):
    """"How many people died" asks the deaths, which the text says "killed": the words a
    count's attribute is asked with are its own, not a synonym's; and the three rescuers
    among the dead, whose keywords say "died", are only part of them. (Either alone leaves
    the two contested.)"""
    with beside_shipped(tmp_path, "orlen", DEAD) as eng:
        result = eng.match("how many people died")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["orlen-deaths"]


CLIMBERS = """\
events:
  - id: serak-icefall-2026
    title: "Icefall on the Serak route"
    when: 2026-05-09
    where: "Serak massif"
sources:
  - id: wire-2026-05-10
    title: "Icefall sweeps Serak route"
    publisher: "Meridian Wire"
    published: 2026-05-10
facts:
  - id: serak-permits
    event: serak-icefall-2026
    source: wire-2026-05-10
    kind: measurement
    attribute: count
    label: "Foreign climbers with permits for the Serak route"
    values: ["212"]
    reported_by: "the park office"
    text: "The park office said 212 foreign climbers held permits for the route this month."
    keywords: [foreign climbers, permits]
  - id: serak-deaths
    event: serak-icefall-2026
    source: wire-2026-05-10
    kind: measurement
    attribute: deaths
    values: ["3"]
    reported_by: "the park office"
    text: "Three porters were killed."
"""


def test_how_many_did_something_is_not_answered_by_a_count_that_says_nothing_of_it(
        tmp_path: Path):
    """"How many foreign climbers died": the climbers with permits are not the dead, and
    the three porters killed are not climbers; a count of the dead that says "killed"
    still answers how many died."""
    with beside_shipped(tmp_path, "climbers", CLIMBERS) as eng:
        assert eng.matcher.analyse("how many foreign climbers died").action == "died"
        assert eng.match("how many foreign climbers died tho").status != "answer"
        assert [s.fact.id for s in eng.match("how many porters died").facts] \
            == ["serak-deaths"]
        assert [s.fact.id for s in eng.match("how many foreign climbers had permits").facts] \
            == ["serak-permits"]


QUOTED = """\
events:
  - id: melk-depot-fire-2026
    title: "Melk depot fire"
    when: 2026-10-02
    where: "Melk"
  - id: arns-depot-fire-2011
    title: "Arns depot fire"
    when: 2011-05-04
    where: "Arns"
    background_of: melk-depot-fire-2026
sources:
  - id: wire-2026-10-03
    title: "Depot fire in Melk"
    publisher: "Wire"
    published: 2026-10-03
facts:
  - id: melk-worst-since-arns
    event: melk-depot-fire-2026
    source: wire-2026-10-03
    kind: claim
    reported_by: "Wire"
    text: "The fire is the worst in the country since the Arns depot fire of 2011."
    about: [Arns, history]
    keywords: [worst since, last time]
  - id: melk-minister-arns
    event: melk-depot-fire-2026
    source: wire-2026-10-03
    kind: statement
    speaker: "Ida Vorn"
    speaker_role: "Interior Minister"
    reported_by: "Wire"
    text: "Vorn said the Arns fire ought to have been the final one of its kind."
    quote: "Arns should have been the last time"
  - id: arns-deaths
    event: arns-depot-fire-2011
    source: wire-2026-10-03
    kind: measurement
    attribute: deaths
    values: ["7"]
    reported_by: "Wire"
    text: "Seven people died in the Arns fire in 2011."
"""


def test_words_the_asker_quotes_find_the_statement_that_has_them(tmp_path: Path):
    """"Who said 'arns should have been the last time'": the quoted words are someone's;
    "the last time" in them asks for no earlier event, and "arns" in them names none."""
    with beside_shipped(tmp_path, "quoted", QUOTED) as eng:
        q = eng.matcher.analyse("who said 'arns should have been the last time'")
        assert not q.previous_event and q.quotation == "arns should have been the last time"
        result = eng.match("who said 'arns should have been the last time'")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["melk-minister-arns"]
        # unquoted, the words still ask what they asked before
        assert eng.matcher.analyse("arns was the last time right?").previous_event


def test_what_x_said_a_count_was_is_xs_figure_of_it(tmp_path: Path):
    """"What did the ministry say the evacuation count was": the Interior Ministry's figure
    (as "according to the ministry" asks it), not a statement; "what did X say the inquiry
    was for" still asks what X said."""
    with closing(engine_over(tmp_path, "breach", BREACH)) as eng:
        q = eng.matcher.analyse("wat did the interior ministry say the evacuated number was")
        assert q.according and q.answer_type is AnswerType.NUMBER
        result = eng.match("wat did the interior ministry say the evacuated number was")
        assert [s.fact.id for s in result.facts] == ["velm-evacuated-night"]
        assert eng.matcher.analyse("what did ada rell say the inspection was for").answer_type \
            is AnswerType.STATEMENT


WALKOUT = """\
events:
  - id: rail-strike-2026
    title: "Rail strike"
    when: 2026-03-10
sources:
  - id: wire-2026-03-10
    title: "Rail strike halts most trains"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: walkout-union
    event: rail-strike-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: turnout
    label: "Share of members on strike (union figure)"
    values: ["87%"]
    reported_by: "Federation of Rail Workers (FRW)"
    text: "The union said 87 percent of its members on duty joined the strike."
  - id: walkout-operator
    event: rail-strike-2026
    source: wire-2026-03-10
    kind: measurement
    attribute: turnout
    label: "Share of workers on strike (operator figure)"
    values: ["about 61%"]
    reported_by: "National Railways (NR)"
    text: "The operator NR put the share of workers who walked out at about 61 percent."
"""


def test_what_x_said_a_measure_was_is_xs_figure_of_it(tmp_path: Path):
    """"What does nr say the turnout was": NR's figure of an attribute's one-word cue, as
    with counts; the other side's account said before it ("the union says one thing") is
    not what is asked."""
    with closing(engine_over(tmp_path, "walkout", WALKOUT)) as eng:
        for question in ("what does nr say the turnout was",
                         "union says one thing, what does nr say the turnout was"):
            q = eng.matcher.analyse(question)
            assert [t.word for t in q.according] == ["nr"], question
            result = eng.match(question)
            assert result.status == "answer", question
            assert [s.fact.id for s in result.facts] == ["walkout-operator"], question


def test_the_x_guy_is_whoever_of_x(tmp_path: Path):
    """"The flood agency guy": chat's word for someone says nothing of who; the agency does."""
    with closing(engine_over(tmp_path, "breach", BREACH)) as eng:
        result = eng.match("who's the head of the flood agency guy")
        assert result.status == "answer"
        assert "Marsk" in eng.ask("who's the head of the flood agency guy").text


def test_the_verb_before_its_figure_is_not_whose_figure_it_is(breach: Engine):
    # "why did the ministry change its count": the ministry's count, changed
    assert [t.word for t in breach.matcher.analyse(
        "why did the ministry change its count").according] == ["ministry"]
    assert [t.word for t in breach.matcher.analyse(
        "why did the agency revise their estimate").according] == ["agency"]


TARN_FERRY = """\
events:
  - id: tarn-ferry-2026
    title: "Ferry runs aground off Tarn"
    when: 2026-05-02T06:10:00+02:00
    where: "Tarn strait"
    timezone: "+02:00"
sources:
  - id: strait-post-2026-05-02
    title: "Ferry aground, passengers missing"
    publisher: "Strait Post"
    published: 2026-05-02
facts:
  - id: tarn-missing
    event: tarn-ferry-2026
    source: strait-post-2026-05-02
    kind: measurement
    label: "Passengers not yet accounted for"
    values: ["about 40"]
    reported_by: "the coastguard"
    text: "The coastguard could not yet account for every passenger: about 40 were missing."
  - id: tarn-captain-inspections
    event: tarn-ferry-2026
    source: strait-post-2026-05-02
    kind: statement
    speaker: "Ines Moll"
    speaker_role: "harbour workers' union leader"
    reported_by: "Strait Post"
    text: "Ines Moll, who leads the harbour workers' union, said nobody checks the hulls any more."
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    # a figure of those "not yet accounted for" answers how many are: the sentence's
    # "could not yet account for" is what the figure counts, not a word that it is unknown
    ("how many passengers are still unaccounted for", "tarn-missing"),
    # who said that nobody did it: the sentence that says so names her
    ("who said nobody checks the hulls", "tarn-captain-inspections"),
])
def test_a_fact_whose_words_are_a_negation_answers_what_it_says(
        tmp_path: Path, question: str, fact_id: str):
    with closing(engine_over(tmp_path, "ferry", TARN_FERRY)) as eng:
        result = eng.match(question)
        assert result.status == "answer", (result.status, result.reason)
        assert [s.fact.id for s in result.facts] == [fact_id]


HARBOUR = """\
events:
  - id: vell-harbour-2026
    title: "Crane collapse at Vell harbour"
    when: 2026-06-04
sources:
  - id: coast-times-2026-06-05
    title: "Crane falls at Vell"
    publisher: "Coast Times"
    published: 2026-06-05
facts:
  - id: vell-licence-unknown
    event: vell-harbour-2026
    source: coast-times-2026-06-05
    kind: claim
    reported_by: "a ministry spokesman"
    text: >-
      A ministry spokesman said he did not know whether Ostra Freight had yet applied for an
      export licence.
  - id: vell-cranes-not-said
    event: vell-harbour-2026
    source: coast-times-2026-06-05
    kind: claim
    reported_by: "the harbour office"
    text: >-
      The harbour office would not say how many cranes had been inspected since 2019, nor
      whether the north crane had passed its safety test.
"""


@pytest.mark.parametrize(("question", "fact_id"), [
    # "did not know whether": nobody who knows has said
    ("has ostra freight applied for the export licence yet", "vell-licence-unknown"),
    # "would not say how many ..., nor whether": the second thing is not said either
    ("did the north crane pass its safety test", "vell-cranes-not-said"),
])
def test_a_yes_no_question_nobody_would_answer_is_cited_as_not_given(
        tmp_path: Path, question: str, fact_id: str):
    with closing(engine_over(tmp_path, "harbour", HARBOUR)) as eng:
        result = eng.match(question)
        assert result.status == "abstain" and result.reason is Reason.NOT_REPORTED
        assert result.suggestions[0].fact.id == fact_id
