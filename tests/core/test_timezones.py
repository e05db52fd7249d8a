"""A time asked in another zone: names from the tz database and the lexicon, the question
read, the answer converted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import ValidationError
from bot.core.lexicon import default_lexicon, parse_lexicon
from bot.core.matching import AnswerType, Reason
from bot.core.timezones import ZoneNames, database_zone_names
from tests.conftest import engine_over

# a fictional quay collapse in a real zone (UTC+12 in the southern summer)
QUAY = """\
events:
  - id: harbour-quay-2026
    title: "Quay collapses at Tawhiri harbour"
    when: 2026-01-14T21:05:00+13:00
    where: "Tawhiri, New Zealand"
sources:
  - id: coastwire-2026-01-15
    title: "Quay gives way"
    publisher: "Coastwire"
    published: 2026-01-15
facts:
  - id: quay-collapse-time
    event: harbour-quay-2026
    source: coastwire-2026-01-15
    kind: time
    label: "Collapse"
    time: 2026-01-14T21:05:00+13:00
    reported_by: "harbour master"
    text: "The quay gave way at 9:05 p.m. local time on Wednesday."
    about: [collapse]
    keywords: [collapsed, gave way]
  - id: quay-harbour-reopened
    event: harbour-quay-2026
    source: coastwire-2026-01-15
    kind: claim
    reported_by: "port company"
    text: "The port company said the harbour reopened to ferries at 6 a.m. on Thursday."
    about: [harbour reopened, ferries]
  - id: quay-injured
    event: harbour-quay-2026
    source: coastwire-2026-01-15
    kind: measurement
    attribute: injured
    values: ["6"]
    reported_by: "ambulance service"
    text: "Six people were hurt in Tokyo Street, beside the quay."
"""


@pytest.fixture(scope="module")
def quay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("quay"), "quay", QUAY)
    yield eng
    eng.close()


@pytest.mark.parametrize(("name", "key"), [
    ("tokyo", "Asia/Tokyo"),  # a zone's city
    ("new york", "America/New_York"),
    ("japan", "Asia/Tokyo"),  # a country with one zone
    ("south korea", "Asia/Seoul"),  # "Korea (South)"
    ("germany", "Europe/Berlin"),  # "most of Germany"
    ("beijing", "Asia/Shanghai"),  # "Beijing Time"
    ("britain", "Europe/London"),  # "Britain (UK)"
])
def test_the_tz_database_names_places(name: str, key: str):
    assert database_zone_names()[name] == key


def test_a_country_of_several_zones_is_not_guessed():
    names = database_zone_names()
    assert "united states" not in names and "russia" not in names
    assert "samoa" not in names  # two countries, two times
    assert "us" not in names and "french" not in names  # bracketed qualifiers name nothing
    assert "center" not in names  # "America/North_Dakota/Center" is no city people name


def test_the_lexicon_names_what_the_database_does_not():
    zones = ZoneNames(default_lexicon().time_zones)
    assert zones.resolve(["pst"]) == "America/Los_Angeles"
    assert zones.resolve(["eastern", "time"]) == "America/New_York"
    assert zones.find("what time in new york was it".split(), 3) == (2, "America/New_York")


def test_an_unknown_zone_in_the_lexicon_is_a_located_error():
    with pytest.raises(ValidationError) as exc:
        parse_lexicon("time_zones:\n  est: America/Nowhere\n  '': UTC\n  pst: America\n"
                      "  '!!': UTC\n", "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "lexicon.yaml:2: time_zones: est: unknown time zone 'America/Nowhere'; use a tz "
        "database name such as Asia/Tokyo or America/New_York",
        "lexicon.yaml:3: time_zones: needs a name and a zone, e.g. est: America/New_York",
        "lexicon.yaml:4: time_zones: pst: unknown time zone 'America'; use a tz "
        "database name such as Asia/Tokyo or America/New_York",
        "lexicon.yaml:5: time_zones: !!: needs a name and a zone, e.g. est: America/New_York",
    ]


def test_display_names():
    zones = ZoneNames(default_lexicon().time_zones)
    assert zones.display_name(["pst"]) == "PST"
    assert zones.display_name(["utc"]) == "UTC"
    assert zones.display_name(["peru"]) == "Peru"  # a short place is no abbreviation
    assert zones.display_name(["new", "york"]) == "New York"


def test_the_usual_abbreviations_of_a_city_name_its_zone(quay: Engine):
    # "NY", "NYC", "LA": the lexicon's names for the cities people abbreviate
    for asked, key in (("NY", "America/New_York"), ("nyc", "America/New_York"),
                       ("LA", "America/Los_Angeles")):
        query = quay.matcher.analyse(f"what time did the quay collapse in {asked}")
        assert query.zone is not None and query.zone.key == key, asked


@pytest.mark.parametrize("question", [
    "what time was it in tokyo when the quay collapsed",
    "wat time in tokyo did the quay colapse",
    "when did the quay collapse in tokyo time",
    "quay collapse tokyo time?",
])
def test_a_time_asked_in_a_zone_is_converted(quay: Engine, question: str):
    query = quay.matcher.analyse(question)
    assert query.zone is not None and query.zone.key == "Asia/Tokyo"
    assert query.answer_type is AnswerType.TIME
    answer = quay.ask(question)
    assert answer.answered, answer.text
    assert answer.text.startswith("Collapse: 17:05 (5:05 p.m.) on Wednesday, 14 January 2026 "
                                  "in Tokyo (UTC+09:00); the report gives 21:05 on Wednesday"), \
        answer.text
    assert "08:05 UTC" in answer.text  # the report's own time and UTC stay, to check by


def test_a_bare_abbreviation_closing_a_question_of_time(quay: Engine):
    query = quay.matcher.analyse("when did the quay collapse, pst pls")
    assert query.zone is not None and query.zone.key == "America/Los_Angeles"
    assert "00:05 (12:05 a.m.) on Wednesday, 14 January 2026 in PST (UTC-08:00)" in quay.ask(
        "when did the quay collapse, pst pls").text


@pytest.mark.parametrize("question", ["whats 9:05 pm in pst", "whats 9:05pm in pst"])
def test_a_clock_time_the_asker_gives_is_asked_in_the_zone_named(quay: Engine, question: str):
    # "whats 10:48 in EST": the reported time, as the asker read it, in another zone
    query = quay.matcher.analyse(question)
    assert query.zone is not None and query.zone.key == "America/Los_Angeles"
    assert query.answer_type is AnswerType.TIME
    assert "00:05 (12:05 a.m.) on Wednesday, 14 January 2026 in PST" in quay.ask(question).text
    # a number and a place are not a time in a zone
    assert quay.matcher.analyse("were 12 people hurt in tokyo street").zone is None


@pytest.mark.parametrize("question", ["9:45pm wednesday in pst?", "whats 10:30am in pst"])
def test_a_clock_time_with_its_am_or_pm_glued_on_is_a_time_to_convert(quay: Engine,
                                                                      question: str):
    # "6:40pm tuesday in gmt?": "40pm" is minutes and p.m., as "05pm" and "40 pm" are
    query = quay.matcher.analyse(question)
    assert query.zone is not None and query.zone.key == "America/Los_Angeles"
    assert query.answer_type is AnswerType.TIME


@pytest.mark.parametrize("zone", ["cet", "pdt", "aest"])
def test_a_zones_abbreviation_is_never_read_as_a_typo(quay: Engine, zone: str):
    # "in germany (CET)": "cet" is a zone, not "cent" mistyped
    query = quay.matcher.analyse(f"what time did the quay collapse for us ({zone})")
    assert zone not in query.corrections
    assert query.zone is not None


def test_convert_to_a_zone_asks_the_time_in_it(quay: Engine):
    # "convert launch time to IST for me": "convert" is the form, not a word of a fact
    query = quay.matcher.analyse("convert the collapse time to pst for me")
    assert query.zone is not None and query.zone.key == "America/Los_Angeles"
    assert "convert" not in {t.word for t in query.terms}
    assert "in PST (UTC-08:00)" in quay.ask("convert the collapse time to pst for me").text


def test_the_reports_own_zone_says_so(quay: Engine):
    answer = quay.ask("what time did the quay collapse in new zealand time")
    assert "21:05 (9:05 p.m.) on Wednesday, 14 January 2026 in New Zealand (UTC+13:00), " \
           "the report's local time too" in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "how many were hurt in tokyo street",  # a street, not a clock
    "how many people were injured in japan",  # a place asked about, not a time
    "when did the quay collapse in new zealand",  # when it happened there
    "when did the quay collapse in peru",  # a short place is no abbreviation
    "when did they tell us",  # the pronoun
    "when did the quay collapse in french time",  # "St Martin (French)" names no zone
])
def test_a_place_that_is_not_asked_as_a_clock_stays_a_word(quay: Engine, question: str):
    assert quay.matcher.analyse(question).zone is None


def test_utc_is_already_in_every_answer(quay: Engine):
    query = quay.matcher.analyse("what time did the quay collapse in utc")
    assert query.zone is not None and query.zone.key == "UTC"
    text = quay.ask("what time did the quay collapse in utc").text
    assert "08:05 UTC" in text and "in UTC (" not in text


@pytest.mark.parametrize("question", [
    "what time did the harbour reopen to ferries in utc",
    "when did the harbour reopen in tokyo time",
])
def test_a_time_reported_without_a_zone_is_not_converted(quay: Engine, question: str):
    result = quay.match(question)
    assert result.status == "abstain" and result.reason is Reason.NO_ZONE
    answer = quay.ask(question)
    assert not answer.answered
    assert answer.text.startswith("The report gives that time without its time zone")
    assert [s.fact_id for s in answer.suggestions] == ["quay-harbour-reopened"]


def test_a_moderator_adds_a_zone_name_in_the_lexicon(tmp_path: Path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "quay.yaml").write_text(QUAY, encoding="utf-8")
    shipped = (Path(__file__).resolve().parents[2] / "knowledge" / "lexicon.yaml").read_text(
        encoding="utf-8")
    (knowledge / "lexicon.yaml").write_text(
        shipped + "  harbourside: Pacific/Chatham\n", encoding="utf-8")
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=knowledge))
    try:
        answer = eng.ask("what time did the quay collapse in harbourside time")
        assert "21:50 (9:50 p.m.) on Wednesday, 14 January 2026 in Harbourside (UTC+13:45)" \
            in answer.text
    finally:
        eng.close()


# a figure given at a stated local time ("by 11 p.m."): when it was given converts too
QUAY_UPDATE = """\
  - id: quay-missing-update
    event: harbour-quay-2026
    source: coastwire-2026-01-15
    kind: measurement
    label: "People missing after the collapse"
    values: ["4"]
    as_of: 2026-01-14T23:00:00+13:00
    reported_by: "the harbour master"
    text: "By 11 p.m. the harbour master said four people were still missing."
"""


@pytest.mark.parametrize(("question", "shown"), [
    ("the 11pm update with 4 missing, what time was that in utc", "10:00 UTC on 14 January"),
    ("the 11pm update with 4 missing - what time was that in NYC?",
     "05:00 (5:00 a.m.) on Wednesday, 14 January 2026 in NYC (UTC-05:00)"),
])
def test_when_a_figure_was_given_is_told_in_the_asked_zone(tmp_path: Path, question: str,
                                                           shown: str):
    with closing(engine_over(tmp_path, "quay", QUAY + QUAY_UPDATE)) as eng:
        result = eng.match(question)
        assert result.status == "answer" and result.reason is not Reason.NO_ZONE
        assert result.facts[0].fact.id == "quay-missing-update"
        text = eng.ask(question).text
        assert "Wednesday 14 January, 23:00, which is " + shown in text, text


@pytest.mark.parametrize("question", ["and in new york?", "and new york? 🗽", "and for paris"])
def test_a_zone_no_fact_names_asked_alone_asks_the_time_there(quay: Engine, question: str):
    """A follow-up that only names a city no fact mentions can only ask the time there; a
    place the report names ("and new zealand?") or a country ("and japan?") may ask
    anything of it."""
    query = quay.matcher.analyse(question)
    assert query.answer_type is AnswerType.TIME and query.zone is not None
    assert [s.fact.id for s in quay.match(question).facts] == ["quay-collapse-time"]
    assert quay.matcher.analyse("and new zealand?").zone is None
    assert quay.matcher.analyse("and japan?").zone is None
