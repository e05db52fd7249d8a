"""Time zones the facts name: "1 p.m. Morvanian time" says what time it is in Morvania, a
place no zone table knows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching.zones import place_prefix
from tests.conftest import engine_over

CLASH = """\
events:
  - id: pass-clash-2025
    title: "Border clash at the Sarnel Pass"
    when: 2025-10-14
    timezone: "+05:00"
sources:
  - id: wire-2025-10-14
    title: "Troops clash at a mountain post"
    publisher: "Meridian Wire"
    published: 2025-10-14
facts:
  - id: clash-presser-time
    event: pass-clash-2025
    source: wire-2025-10-14
    kind: time
    attribute: event_time
    label: "Defence minister's news conference"
    time: 2025-10-14T13:00:00+04:00
    reported_by: "Meridian Wire"
    text: "Morvania's defence minister spoke to reporters at 1 p.m. Morvanian time."
  - id: clash-ceasefire-time
    event: pass-clash-2025
    source: wire-2025-10-14
    kind: time
    attribute: event_time
    label: "Ceasefire takes effect"
    time: 2025-10-15T00:00:00+05:00
    reported_by: "the regional council"
    text: "The council said the ceasefire would take effect at midnight Asvel time."
  - id: clash-patrol-time
    event: pass-clash-2025
    source: wire-2025-10-14
    kind: time
    attribute: event_time
    label: "Patrol fired on (Asvel's account)"
    time: 2025-10-14T05:40:00+05:00
    reported_by: "Asvel's Defence Ministry"
    text: "Asvel said its patrol was fired on just after 5:40 a.m."
"""


@pytest.fixture
def clash(tmp_path: Path) -> Iterator[Engine]:
    eng = engine_over(tmp_path, "clash", CLASH)
    yield eng
    eng.close()


@pytest.mark.parametrize(("place", "prefix"), [
    ("morvania", "morvani"),  # "Morvanian"
    ("asvel", "asvel"),  # "Asvelan"
])
def test_a_place_and_its_peoples_word_share_a_prefix(place: str, prefix: str):
    assert place_prefix(place) == prefix


def test_a_place_the_facts_give_times_in_is_a_zone(clash: Engine):
    result = clash.match("when does the ceasefire take effect, what time in morvania")
    assert result.zone is not None
    assert result.zone.offset == timedelta(hours=4)
    assert result.zone.name == "Morvanian time"  # as the facts write it
    answer = clash.ask("when does the ceasefire take effect, what time in morvania")
    assert answer.answered
    assert "23:00" in answer.text and "Morvanian time" in answer.text


@pytest.mark.parametrize("question", [
    "what time does the ceasefire take effect on the morvanian side",
    "ceasefire kicks in at what time in morvania",
])
def test_the_side_of_a_border_is_its_zone(clash: Engine, question: str):
    answer = clash.ask(question)
    assert answer.answered
    assert "23:00" in answer.text


def test_the_other_way_round(clash: Engine):
    answer = clash.ask("what time was the defence minister's news conference in asvel")
    assert answer.answered
    assert "14:00" in answer.text  # 1 p.m. in Morvania is 2 p.m. in Asvel


def test_a_place_no_fact_gives_a_time_in_is_no_zone(clash: Engine):
    q = clash.score_question("what time did the ceasefire take effect in kerrow").query
    assert q.zone is None


def test_a_bare_clock_time_is_either_half_of_the_day(clash: Engine):
    q = clash.matcher.analyse("the patrol was fired on at 5:40, what time was that")
    hours = next(t for t in q.terms if t.term == "hour:05")
    assert {"hour:05", "hour:17"} <= hours.alternatives


def test_another_guilds_fact_teaches_no_zone(clash: Engine):
    guild_a, guild_b = 1_100_000_000_000_000_001, 1_100_000_000_000_000_002
    source = clash.store.add_source(
        {"title": "Local paper", "publisher": "Local", "published": "2025-10-14"},
        actor="discord:9", guild_id=guild_a)
    clash.add_fact({
        "event": "pass-clash-2025", "source": source.id, "kind": "time",
        "attribute": "event_time", "label": "Market opening",
        "time": "2025-10-14T09:00:00+03:00", "reported_by": "Local paper",
        "text": "The Kerrow market opened at 9 a.m. Kerrowan time."},
        actor="discord:9", guild_id=guild_a)
    question = "what time did the ceasefire take effect in kerrow"
    assert clash.score_question(question, guild_id=guild_a).query.zone is not None
    assert clash.score_question(question, guild_id=guild_b).query.zone is None
