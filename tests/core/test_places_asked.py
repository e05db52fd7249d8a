"""Which place answers "where did it happen": the one the event is placed at, when another
place fact ties with it on the question's words.

Our own fictional report of a gas main fire. None of its words are in the code or the
lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_beside_shipped, engine_over

FIRE = """\
events:
  - id: tessel-gas-fire-2026
    title: "Gas main fire in Tessel"
    when: 2026-02-11
    where: "Orrin Lane, Hollow Cross district, Tessel"
sources:
  - id: lamp-2026-02-12
    title: "Tessel gas fire"
    publisher: "Lamp Post"
    published: 2026-02-12
facts:
  - id: fire-location
    event: tessel-gas-fire-2026
    source: lamp-2026-02-12
    kind: place
    attribute: location
    place: "Orrin Lane in Tessel's Hollow Cross district"
    reported_by: "the fire brigade"
    text: "The fire broke out under Orrin Lane in the Hollow Cross district."
  - id: shelter-location
    event: tessel-gas-fire-2026
    source: lamp-2026-02-12
    kind: place
    attribute: location
    label: "Emergency shelter"
    place: "the Hollow Cross library hall"
    reported_by: "the council"
    text: "The council opened a shelter in the Hollow Cross library hall."
"""


@pytest.fixture(scope="module")
def fire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("fire"), "fire", FIRE)
    yield eng
    eng.close()


@pytest.mark.parametrize("question", [
    "where in the city did it happen exactly",
    "where did it happen",
])
def test_the_events_own_place_answers_where_it_happened(fire: Engine, question: str):
    result = fire.match(question)
    assert result.status == "answer"
    assert [s.fact.id for s in result.facts] == ["fire-location"]


def test_a_place_that_names_what_is_asked_still_answers(fire: Engine):
    result = fire.match("where is the shelter")
    assert [s.fact.id for s in result.facts] == ["shelter-location"]


LOOT = """\
events:
  - id: varn-gallery-theft-2026
    title: "Paintings stolen from the Varn gallery"
    when: 2026-06-02
    where: "Varn city gallery"
sources:
  - id: lamp-2026-06-20
    title: "Varn paintings turn up"
    publisher: "Lamp Post"
    published: 2026-06-20
facts:
  - id: loot-stolen
    event: varn-gallery-theft-2026
    source: lamp-2026-06-20
    kind: measurement
    label: "Paintings stolen"
    values: ["5"]
    reported_by: "the police"
    text: "Five small paintings were stolen from the east wing of the Varn city gallery."
    about: [theft, paintings]
  - id: loot-found-place
    event: varn-gallery-theft-2026
    source: lamp-2026-06-20
    kind: place
    label: "Where two paintings were found"
    place: "a garage in Ostrel"
    reported_by: "the police"
    text: "Two of the paintings turned up in a garage in Ostrel."
    keywords: [recovery, found]
  - id: loot-prints
    event: varn-gallery-theft-2026
    source: lamp-2026-06-20
    kind: claim
    reported_by: "the police"
    text: "Officers found fingerprints on a ladder left in the yard."
  - id: loot-van
    event: varn-gallery-theft-2026
    source: lamp-2026-06-20
    kind: claim
    reported_by: "the police"
    text: "A burnt-out van was found near the ring road."
"""


def test_where_they_did_something_asks_a_place_that_says_they_did_it(tmp_path):
    """"Where did they find the stolen paintings": the place they were found, not the
    gallery they were stolen from (whose fact says "stolen", a word of the question too)."""
    eng = engine_over(tmp_path, "loot", LOOT)
    try:
        assert eng.matcher.analyse("where did they find the stolen paintings").action \
            == "find"
        result = eng.match("where did they find the stolen paintings")
        assert [s.fact.id for s in result.facts] == ["loot-found-place"]
    finally:
        eng.close()


OUTBREAK = """\
events:
  - id: mirel-cheese-outbreak-2026
    title: "Listeria in Mirel dairy cheese"
    when: 2026-05-04
    where: "Mirel, Kastovia; cheese sold in Pellen and Odrava"
sources:
  - id: dairywire-2026-05-05
    title: "Cheese recall widens"
    publisher: "Dairy Wire"
    published: 2026-05-05
facts:
  - id: outbreak-admitted
    event: mirel-cheese-outbreak-2026
    source: dairywire-2026-05-05
    kind: measurement
    label: "People admitted to hospital"
    values: ["26"]
    reported_by: "the health agency"
    text: "The health agency said 26 people had been admitted to hospital."
  - id: outbreak-ill-pellen
    event: mirel-cheese-outbreak-2026
    source: dairywire-2026-05-05
    kind: measurement
    label: "People taken ill in Pellen"
    values: ["9"]
    reported_by: "the health agency"
    text: "Nine of the sick were in Pellen, the agency said."
"""


@pytest.fixture(scope="module")
def outbreak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = engine_over(tmp_path_factory.mktemp("outbreak"), "outbreak", OUTBREAK)
    yield eng
    eng.close()


def test_a_count_asked_of_one_place_is_not_the_all_told_figure(outbreak: Engine):
    # Pellen is one of the event's places, and a fact tells of it; the hospital count is
    # for everywhere, so it does not answer how many of Pellen's are in hospital
    answer = outbreak.ask("how many people in pellen are in hospital")
    assert not answer.answered, answer.text
    assert outbreak.ask("how many ppl are in hospital").answered


TALKS = """\
events:
  - id: rail-strike-2026
    title: "National rail strike in Marovia"
    when: 2026-03-10
sources:
  - id: wire-2026-03-10
    title: "Rail strike halts most trains"
    publisher: "Wire"
    published: 2026-03-10
facts:
  - id: talks-venue
    event: rail-strike-2026
    source: wire-2026-03-10
    kind: place
    attribute: venue
    label: "Venue of Thursday's talks"
    place: "the National Conciliation Office in Tessaly"
    reported_by: "the transport minister"
    text: "The minister said the talks would be held on Thursday at the National Conciliation
      Office in Tessaly."
"""


@pytest.mark.parametrize(("question", "ids"), [
    # the shipped event's summit was held somewhere too: nothing says which is meant
    ("where r the talks gonna be held", None),
    ("where are the rail strike talks being held", ["talks-venue"]),
])
def test_a_venue_label_says_where_and_its_day_says_which(tmp_path, question: str,
                                                         ids: list[str] | None):
    """"Venue of Thursday's talks" answers "where are the talks held" as fully as a venue
    without a label: "venue" is what "where" asks, and "Thursday's" says which talks."""
    with closing(engine_beside_shipped(tmp_path, "talks", TALKS)) as eng:
        result = eng.match(question)
        if ids is None:
            assert result.status == "choose_event", [s.fact.id for s in result.facts]
        else:
            assert [s.fact.id for s in result.facts] == ids
