"""Servers are isolated: one guild's facts neither show in nor crowd out another's answers,
its ids are its own, and its moderators' names and reasons stay with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import NotFound
from bot.core.store import OTHER_SERVER

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
GUILD_A, GUILD_B = 1_100_000_000_000_000_001, 1_100_000_000_000_000_002
QUESTION = "How far did the missile fly?"


@pytest.fixture
def engine(tmp_path: Path):
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE))
    try:
        yield eng
    finally:
        eng.close()


def _flood(engine: Engine, guild_id: int, n: int) -> None:
    """``n`` "missile launch" facts about ``n`` events of this guild, all about ranges."""
    source = engine.store.add_source(
        {"title": "Local paper", "publisher": "Local", "published": "2030-01-01"},
        actor="discord:9", guild_id=guild_id,
    )
    for i in range(n):
        event = engine.add_event(
            {"title": f"Missile launch number {i}", "when": f"2030-01-{1 + i % 28:02d}"},
            actor="discord:9", guild_id=guild_id,
        )
        engine.add_fact(
            {"event": event.id, "source": source.id, "kind": "measurement",
             "attribute": "range", "values": [f"{100 + i} km"], "reported_by": "officials",
             "text": f"The missile flew {100 + i} km in missile launch {i}."},
            actor="discord:9", guild_id=guild_id,
        )


def test_another_guilds_many_facts_do_not_crowd_out_an_answer(engine: Engine):
    before = engine.ask(QUESTION, guild_id=GUILD_A)
    assert before.answered
    _flood(engine, GUILD_B, 310)
    after = engine.ask(QUESTION, guild_id=GUILD_A)
    assert after.answered, after.text
    assert [f.fact.id for f in after.facts] == [f.fact.id for f in before.facts]
    # and guild B sees its own facts, never guild A's view of the world changes for it
    assert all(
        f.fact.guild_id in (None, GUILD_B) for f in engine.ask(QUESTION, guild_id=GUILD_B).facts
    )


def test_guild_records_live_in_their_own_id_space(engine: Engine):
    a = engine.add_event({"id": "launch", "title": "A launch"}, actor="discord:1",
                         guild_id=GUILD_A)
    b = engine.add_event({"id": "launch", "title": "B launch"}, actor="discord:2",
                         guild_id=GUILD_B)
    assert a.id == f"guild-{GUILD_A}-launch" and b.id == f"guild-{GUILD_B}-launch"
    # each guild names its own with the bare id; neither learns the other has one
    assert engine.get_event("launch", guild_id=GUILD_A).title == "A launch"
    assert engine.get_event("launch", guild_id=GUILD_B).title == "B launch"
    with pytest.raises(NotFound) as err:
        engine.get_event(a.id, guild_id=GUILD_B)
    assert "already" not in str(err.value)


def test_a_shared_facts_history_hides_other_guilds_moderators_and_reasons(engine: Engine):
    engine.edit_fact("wonsan-range", {"rank": 3}, actor="discord:111", guild_id=GUILD_A,
                     reason="private note of server A", may_edit_knowledge=True)
    seen_by_b = engine.history("wonsan-range", guild_id=GUILD_B)
    last = seen_by_b[-1]
    assert last.actor == OTHER_SERVER and last.reason is None and last.guild_id is None
    seen_by_a = engine.history("wonsan-range", guild_id=GUILD_A)
    assert seen_by_a[-1].actor == "discord:111"
    assert seen_by_a[-1].reason == "private note of server A"
    text = " ".join(f"{e.actor} {e.reason}" for e in seen_by_b)
    assert "111" not in text and "private note" not in text


def test_named_events_are_counted_per_guild(engine: Engine):
    # guild B's hundreds of events do not make guild A's event names "too common" to count
    assert engine.ask("How far did the Wonsan missile fly?", guild_id=GUILD_A).answered
    _flood(engine, GUILD_B, 60)
    assert engine.matcher.index.event_count(GUILD_A) < engine.matcher.index.event_count(GUILD_B)
    assert engine.ask("How far did the Wonsan missile fly?", guild_id=GUILD_A).answered


def test_autocomplete_lookups_are_bounded_and_scoped(engine: Engine):
    _flood(engine, GUILD_B, 40)
    found = engine.complete_facts("missile", guild_id=GUILD_A, limit=25)
    assert 0 < len(found) <= 25
    assert not any(fid.startswith(f"guild-{GUILD_B}-") for fid, _ in found)
    found_b = engine.complete_facts("missile launch", guild_id=GUILD_B, limit=5)
    assert len(found_b) == 5 and all(fid.startswith(f"guild-{GUILD_B}-") for fid, _ in found_b)
    assert engine.complete_events("", guild_id=GUILD_A, limit=3)
    assert engine.complete_facts("100%_", guild_id=GUILD_B) == []  # LIKE wildcards are literal


def test_the_migration_moves_old_guild_records_into_their_id_space(tmp_path: Path):
    from bot.core.store import Store

    db = tmp_path / "old.db"
    with Store(db) as store:  # records as an older version wrote them: bare ids
        store.db["events"].insert({"id": "ev", "title": "A launch", "aliases": "[]",
                                   "origin": "guild", "guild_id": GUILD_A})
        store.db["sources"].insert({"id": "src", "title": "T", "publisher": "P",
                                    "published": "2030-01-01", "origin": "guild",
                                    "guild_id": GUILD_A})
        store.db["facts"].insert({"id": "f", "event": "ev", "source": "src", "kind": "claim",
                                  "text": "A claim.", "reported_by": "x", "origin": "guild",
                                  "guild_id": GUILD_A})
        store.db["audit"].insert({"entity": "fact", "entity_id": "f", "action": "add",
                                  "actor": "discord:1", "at": "2030-01-01T00:00:00+00:00",
                                  "guild_id": GUILD_A})
        store.db.execute("DELETE FROM migrations WHERE name = '0102_robust_guild_id_space'")
        store.db.conn.commit()
    with Store(db) as store:
        assert store.applied_migrations == ["0102_robust_guild_id_space"]
        fact = store.get_fact(f"guild-{GUILD_A}-f", guild_id=GUILD_A)
        assert (fact.event, fact.source) == (f"guild-{GUILD_A}-ev", f"guild-{GUILD_A}-src")
        assert [e.entity_id for e in store.history(fact.id, guild_id=GUILD_A)] == [fact.id]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.get_fact("f", guild_id=GUILD_A).id == fact.id  # the bare id still works
