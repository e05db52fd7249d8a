"""The engine: opening is idempotent, changes reach the index (AsyncEngine: test_runtime)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import NotFound

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"


def config(tmp_path: Path) -> Config:
    return Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE)


def test_open_twice_is_idempotent(tmp_path: Path):
    first = Engine.open(config(tmp_path))
    try:
        assert first.load_report is not None
        assert first.load_report.files_loaded == 1
        assert first.load_report.facts_added > 0
        assert first.load_report.changed
        n_facts = len(first.list_facts())
        answer = first.ask("How far did the missile fly?").text
    finally:
        first.close()
    second = Engine.open(config(tmp_path))
    try:
        report = second.load_report
        assert report is not None
        assert report.files_unchanged == 1
        assert report.files_loaded == 0
        assert not report.changed
        assert (report.facts_added, report.facts_updated, report.facts_removed) == (0, 0, 0)
        assert report.conflicts == [] and report.problems == []
        assert len(second.list_facts()) == n_facts
        assert second.ask("How far did the missile fly?").text == answer
        # the load wrote one audit row per fact, and reopening wrote none
        assert [e.action for e in second.history("wonsan-range")] == ["load"]
    finally:
        second.close()


def test_open_without_loading_knowledge(tmp_path: Path):
    eng = Engine.open(config(tmp_path), load_knowledge=False)
    try:
        assert eng.load_report is None
        assert eng.list_facts() == []
        assert not eng.ask("How far did the missile fly?").answered
    finally:
        eng.close()


def test_missing_knowledge_dir_is_a_warning(tmp_path: Path):
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=tmp_path / "nope"))
    try:
        assert eng.load_report is not None
        assert eng.load_report.warnings
        assert "nope" in eng.load_report.warnings[0]
    finally:
        eng.close()


def test_changes_are_audited_and_listed(engine: Engine):
    engine.retract_fact("wonsan-range", reason="corrected", actor="cli", guild_id=None)
    assert "wonsan-range" not in {f.id for f in engine.list_facts()}
    assert "wonsan-range" in {f.id for f in engine.list_facts(include_retracted=True)}
    assert [e.action for e in engine.history("wonsan-range")] == ["load", "retract"]
    fact = engine.revert_fact("wonsan-range", revision=1, actor="cli", guild_id=None)
    assert fact.status == "active" and fact.revision == 3
    assert [e.action for e in engine.history("wonsan-range")] == ["load", "retract", "revert"]


def test_edit_reaches_the_index(engine: Engine):
    engine.edit_fact("wonsan-range", {"values": ["250 km"], "text": "It flew about 250 km."},
                     actor="cli", guild_id=None)
    answer = engine.ask("How far did the missile fly?")
    assert "250 km" in answer.text and "240 km" not in answer.text


def test_events_and_sources(engine: Engine):
    assert [e.id for e in engine.events()] == ["wonsan-launch-2022-11-17"]
    assert [s.id for s in engine.sources()] == ["wire-2022-11-17"]
    assert engine.get_fact("wonsan-range").attribute == "range"
    with pytest.raises(NotFound):
        engine.get_fact("no-such-fact")


def test_expired_facts_do_not_answer_even_after_a_restart(tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, """
        events:
          - {id: ev, title: "A rocket launch from Sohae", when: "2030-01-02T10:00:00+09:00"}
        sources:
          - {id: src, title: "A report", publisher: "Wire", published: 2030-01-02}
        facts:
          - id: old-range
            event: ev
            source: src
            kind: measurement
            attribute: range
            values: ["300 km"]
            reported_by: officials
            text: The rocket flew 300 km.
            expires: "2020-01-01T00:00:00+00:00"
            as_of: "2019-01-01T00:00:00+00:00"
          - id: altitude
            event: ev
            source: src
            kind: measurement
            attribute: max_altitude
            values: ["90 km"]
            reported_by: officials
            text: The rocket peaked at 90 km.
    """)
    cfg = Config(database=tmp_path / "x.db", knowledge_dir=kdir)
    for _ in range(2):  # first open indexes from facts, the second from the cached rows
        eng = Engine.open(cfg)
        try:
            assert eng.ask("how high did the missile fly").answered
            far = eng.ask("how far did the rocket fly")
            assert not far.answered
            assert "old-range" not in {f.fact.id for f in far.facts}
        finally:
            eng.close()
