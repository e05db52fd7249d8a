"""A speaker asked by the place's name when the fact gives the people's word, and the other
way round: "who is morvania's interior minister" is the "Morvanian Interior Minister".

Our own fictional report; none of its words are in the code or the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import pytest

from bot.core.engine import Engine
from bot.core.matching.query import demonym_terms
from bot.core.text import stem
from tests.conftest import engine_beside_shipped, engine_over

FERRY = """\
events:
  - id: kell-ferry-fire-2026
    title: "Fire on a Kell strait ferry off Morvania"
    when: 2026-02-11
sources:
  - id: strait-news-2026-02-12
    title: "Ferry fire in the Kell strait"
    publisher: "Strait News"
    published: 2026-02-12
facts:
  - id: ferry-minister
    event: kell-ferry-fire-2026
    source: strait-news-2026-02-12
    kind: statement
    speaker: "Vesh Darrow"
    speaker_role: "Morvanian Interior Minister"
    quote: "Every passenger is accounted for."
    text: "Morvanian Interior Minister Vesh Darrow said every passenger was accounted for."
    reported_by: "Strait News"
  - id: ferry-other-minister
    event: kell-ferry-fire-2026
    source: strait-news-2026-02-12
    kind: statement
    speaker: "Tor Hale"
    speaker_role: "Asveli Interior Minister"
    quote: "Our coastguard is ready to help."
    text: "Asveli Interior Minister Tor Hale said boats from Asvel were ready to help."
    reported_by: "Strait News"
  - id: ferry-captain
    event: kell-ferry-fire-2026
    source: strait-news-2026-02-12
    kind: statement
    speaker: "Ilse Brann"
    speaker_role: "captain of the Asveli ferry Kestrel"
    quote: "The smoke came from the car deck."
    text: "The ferry's captain, Ilse Brann, said the smoke came from the car deck."
    reported_by: "Strait News"
"""


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_beside_shipped(tmp_path_factory.mktemp("ferry"), "ferry", FERRY)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "who is morvania's interior minister",
    "whos the morvania interior minister",
    "who's the interior minister of morvania",
])
def test_a_place_asks_the_role_its_peoples_word_names(ferry: Engine, question: str):
    # (two interior ministers: the place's name says which)
    answer = ferry.ask(question)
    assert answer.answered and "Vesh Darrow" in answer.text, answer.text
    assert "Tor Hale" not in answer.text
    other = ferry.ask(question.replace("morvania", "asvel"))
    assert other.answered and "Tor Hale" in other.text, other.text


@pytest.mark.parametrize(("word", "other"), [
    ("korea", "korean"), ("korean", "korea"), ("morvania", "morvanian"),
    ("japanese", "japan"), ("asvel", "asveli"),
])
def test_a_place_and_its_peoples_word_are_each_others_forms(word: str, other: str):
    assert stem(other) in demonym_terms(word)


def test_short_words_have_no_peoples_words():
    assert demonym_terms("us") == frozenset()


def test_where_someone_was_is_no_part_of_what_they_are_called(ferry: Engine):
    # "who were the 3 leaders at the trilateral": the leaders; "trilateral" is asked of the
    # facts, not looked for in a speaker's role
    query = ferry.matcher.analyse("who were the ministers at the kell crisis meeting")
    assert [t.word for t in query.speaker] == ["ministers"]
    assert {"kell", "crisis", "meeting"} <= {t.word for t in query.terms}


CONDEMNED = """\
events:
  - id: dam-breach-2026
    title: "Dam breach at Velmar"
    when: 2026-04-02
sources:
  - id: wire-2026-04-02
    title: "Dam breach floods valley"
    publisher: "Wire"
    published: 2026-04-02
facts:
  - id: agency-condemns
    event: dam-breach-2026
    source: wire-2026-04-02
    kind: statement
    speaker: "the Dravo Water Agency"
    speaker_role: "the national water regulator"
    rank: 1
    reported_by: "Wire"
    text: "The Dravo Water Agency condemned the dam operator's failure to inspect the dam."
    keywords: [condemned, agencies]
  - id: agencies-condemn
    event: dam-breach-2026
    source: wire-2026-04-02
    kind: statement
    speaker: "the Orsk Safety Agency and the Tarn Environment Agency"
    reported_by: "Wire"
    text: "The Orsk Safety Agency and the Tarn Environment Agency both condemned the
      operator's failure."
"""


def test_which_ones_asks_for_several(tmp_path):
    """"Which agencies condemned it": a statement by several, close behind one side's,
    names them all; "which agency" still takes the best."""
    with closing(engine_beside_shipped(tmp_path, "condemned", CONDEMNED)) as eng:
        plural = eng.match("which agencies condemned the operator's failure")
        assert [s.fact.id for s in plural.facts][:1] == ["agencies-condemn"]
        one = eng.match("which agency condemned the operator's failure")
        assert [s.fact.id for s in one.facts][:1] == ["agency-condemns"]
        assert not eng.matcher.analyse("what news did they give").several


SHIPPING = """\
events:
  - id: marlow-strike-2026
    title: "Dock strike at Marlow"
    when: 2026-03-02
sources:
  - id: quay-news-2026-03-03
    title: "Dockers walk out"
    publisher: "Quay News"
    published: 2026-03-03
facts:
  - id: marlow-ceo-talks
    event: marlow-strike-2026
    source: quay-news-2026-03-03
    kind: statement
    speaker: "Petra Voss"
    speaker_role: "chief executive of the Marlow Shipping Group"
    reported_by: "Quay News"
    text: "Petra Voss, chief executive of the Marlow Shipping Group, said talks would resume."
  - id: marlow-port-ceo-delays
    event: marlow-strike-2026
    source: quay-news-2026-03-03
    kind: statement
    speaker: "Jan Ekker"
    speaker_role: "chief executive of the Marlow Port Authority"
    reported_by: "Quay News"
    text: "Jan Ekker, chief executive of the Marlow Port Authority, said ships were waiting."
"""


def test_a_speaker_named_in_shortened_words_is_found(tmp_path_factory: pytest.TempPathFactory):
    # "grp": the group, in who is asked as in any other words of the question
    with closing(engine_beside_shipped(tmp_path_factory.mktemp("grp"), "shipping",
                                       SHIPPING)) as eng:
        result = eng.match("who's the ceo of the marlow grp")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["marlow-ceo-talks"]


SUMMIT = """\
events:
  - id: ostrin-talks-2026
    title: "Ostrin summit on the island of Pell"
    when: 2026-03-02
sources:
  - id: pell-wire-2026-03-02
    title: "Leaders meet on Pell"
    publisher: "Pell Wire"
    published: 2026-03-02
facts:
  - id: talks-kest
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: claim
    text: >-
      Premier Anja Lund held talks with Vardia's leader, President Omar Kest, on the
      second day.
    reported_by: "Pell Wire"
    about: [talks]
  - id: harmon-drill
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: statement
    speaker: "Dale Harmon"
    speaker_role: "U.S. President"
    quote: "We will stand with our partners."
    text: "U.S. President Dale Harmon said Washington would stand with its partners."
    reported_by: "Pell Wire"
    about: [partners]
  - id: kest-partners
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: statement
    speaker: "Omar Kest"
    speaker_role: "President of Vardia"
    quote: "Partners talk before they sail."
    text: "Kest said partners should talk before sending ships."
    reported_by: "Pell Wire"
    about: [partners]
  - id: lund-son
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: claim
    text: "Lund said nobody had told her by Tuesday evening whether her son, a sailor, was safe."
    reported_by: "Pell Wire"
    about: [family, Lund]
    keywords: [mother, son, names of the crew]
  - id: command-drill
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: statement
    speaker: "Ostrin Sea Command"
    quote: "The drill was reckless."
    text: "The Ostrin Sea Command called the naval drill reckless."
    reported_by: "Pell Wire"
    about: [naval drill]
  - id: lund-drill
    event: ostrin-talks-2026
    source: pell-wire-2026-03-02
    kind: statement
    speaker: "Anja Lund"
    speaker_role: "Premier"
    quote: "The drill changes nothing."
    text: "Lund said the naval drill changed nothing about the talks."
    reported_by: "Pell Wire"
    about: [naval drill, talks]
"""


@pytest.fixture(scope="module")
def summit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with closing(engine_over(tmp_path_factory.mktemp("summit"), "summit", SUMMIT)) as engine:
        yield engine


@pytest.mark.parametrize("question", [
    "who is the vardian president",
    "who is the vardian president they met with",  # a clause without "who" says which
])
def test_a_role_is_found_beside_the_name_it_is_set_by(summit: Engine, question: str):
    # "Vardia's leader, President Omar Kest": the country's role, then the name
    result = summit.match(question)
    assert result.status == "answer"
    assert {s.fact.id for s in result.facts} <= {"talks-kest", "kest-partners"}


@pytest.mark.parametrize("question", ["who's the us prez in this report",
                                      "who is the us president"])
def test_us_before_a_role_is_the_country(summit: Engine, question: str):
    result = summit.match(question)
    assert [s.fact.id for s in result.facts] == ["harmon-drill"]


def test_which_x_commented_asks_who_said_it(summit: Engine):
    # any verb of speech: the speaker is the name asked
    result = summit.match("which sea command commented on the drill")
    assert [s.fact.id for s in result.facts] == ["command-drill"]


def test_a_weekday_is_no_name_asked(summit: Engine):
    # "by Tuesday evening" is when, not the son's name
    assert summit.match("whats the name of lund's son").status != "answer"


@pytest.mark.parametrize("question", ["who's ilse brann, whats her job",
                                      "who is ilse brann what is her role"])
def test_a_second_question_asks_the_same_persons_role(ferry: Engine, question: str):
    # "..., what is her job": the same person's role again, not a word of her name
    answer = ferry.ask(question)
    assert answer.answered and "captain" in answer.text, answer.text


UNNAMED = FERRY + """\
  - id: ferry-unnamed-spokesman
    event: kell-ferry-fire-2026
    source: strait-news-2026-02-12
    kind: statement
    speaker: "an unnamed port authority spokesman"
    speaker_role: "spokesman for the Kell port authority"
    quote: "The berth will reopen tomorrow."
    text: "A port authority spokesman said the ferry berth would reopen the next day."
    reported_by: "Strait News"
"""


def test_who_holds_a_role_is_not_told_by_a_sentence_that_names_nobody(tmp_path):
    with closing(engine_over(tmp_path, "ferry", UNNAMED)) as eng:
        result = eng.match("who is the port authority spokesman")
        assert result.status != "answer", result
        assert result.suggestions  # what the report does say of them is offered
        assert eng.match("who is the ferry captain").status == "answer"


def test_a_side_or_camp_is_whoever_speaks_for_it(ferry: Engine):
    # "the morvanian side": someone of Morvania's, not a speaker with "side" in their role
    result = ferry.match("what did the morvanian side say about the passengers")
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["ferry-minister"]
