"""An attribute asked by a cue that is also one of the lexicon's phrases ("storm surge"):
the phrase still asks its attribute, so another event's figure of a wider attribute
("how high": the missile's altitude) does not answer in its place.

Our own fictional typhoon report; none of its words are in the code.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from tests.conftest import engine_beside_shipped

TYPHOON = """\
events:
  - id: typhoon-serel-2026
    title: "Typhoon Serel strikes the Vantry coast"
    when: 2026-09-03
    where: "Vantry"
    timezone: "+08:00"
sources:
  - id: coastwire-2026-09-03
    title: "Serel floods the Vantry coast"
    publisher: "Coastwire"
    published: 2026-09-03
facts:
  - id: serel-surge
    event: typhoon-serel-2026
    source: coastwire-2026-09-03
    kind: measurement
    attribute: storm_surge
    values: ["up to 4.1 m"]
    reported_by: "the Vantry weather office"
    text: "The weather office said a surge of up to 4.1 metres swept over the harbour wall."
  - id: serel-rain
    event: typhoon-serel-2026
    source: coastwire-2026-09-03
    kind: measurement
    attribute: rainfall
    values: ["310 mm"]
    reported_by: "the Vantry weather office"
    text: "The office measured 310 mm of rain at Port Vantry in a day."
"""


def test_a_phrase_that_is_a_cue_still_asks_its_attribute(tmp_path: Path) -> None:
    with closing(engine_beside_shipped(tmp_path, "serel", TYPHOON)) as eng:
        result = eng.match("how high was the storm surge in feet")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["serel-surge"]
        assert "13.5 feet" in eng.ask("how high was the storm surge in feet").text
