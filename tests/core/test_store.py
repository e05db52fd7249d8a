"""Tests of the fact store: round trips, visibility, audit, knowledge sync, export."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from bot.core.errors import Conflict, Forbidden, NotFound, ValidationError
from bot.core.knowledge import event_zone
from bot.core.models import is_date_only
from bot.core.store import LOCAL_FILE, Store

GUILD_A = 111
GUILD_B = 222

EVENT = {
    "id": "test-launch",
    "title": "The test launch",
    "when": "2022-11-17T10:48:00+09:00",
    "where": "Wonsan area",
    "aliases": ["the test launch"],
}
SOURCE = {
    "id": "wire-1",
    "title": "Missile launch report",
    "publisher": "Wire Service",
    "published": "2022-11-17",
    "url": "https://example.org/report",
}
RANGE = {
    "id": "range",
    "event": "test-launch",
    "source": "wire-1",
    "kind": "measurement",
    "attribute": "range",
    "values": ["240 km", "150 mi"],
    "approximate": True,
    "reported_by": "the Joint Chiefs of Staff",
    "text": "The missile flew about 240 km.",
    "keywords": ["distance"],
}
CLAIM = {
    "id": "type",
    "event": "test-launch",
    "source": "wire-1",
    "kind": "claim",
    "attribute": "missile_type",
    "reported_by": "the Joint Chiefs of Staff",
    "text": "The missile was a short-range ballistic missile.",
}

FILE_V1 = """\
events:
  - id: test-launch
    title: The test launch
    when: 2022-11-17T10:48:00+09:00
    where: Wonsan area
sources:
  - id: wire-1
    title: Missile launch report
    publisher: Wire Service
    published: 2022-11-17
facts:
  - id: range
    event: test-launch
    source: wire-1
    kind: measurement
    attribute: range
    values: ["240 km"]
    reported_by: the Joint Chiefs of Staff
    text: The missile flew about 240 km.
  - id: altitude
    event: test-launch
    source: wire-1
    kind: measurement
    attribute: max_altitude
    values: ["47 km"]
    reported_by: the Joint Chiefs of Staff
    text: The missile reached an altitude of 47 km.
  - id: type
    event: test-launch
    source: wire-1
    kind: claim
    attribute: missile_type
    reported_by: the Joint Chiefs of Staff
    text: The missile was a short-range ballistic missile.
"""


def _content(fact):
    """What a fact says, without bookkeeping (revision, origin, lines)."""
    from bot.core.knowledge import fact_to_record

    return {**fact_to_record(fact), "status": fact.status}


def _audit_count(store: Store) -> int:
    return store.db["audit"].count


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def seeded(store: Store) -> Store:
    """A store with one global event and source (added from the CLI)."""
    store.add_event(EVENT, actor="cli", guild_id=None)
    store.add_source(SOURCE, actor="cli", guild_id=None)
    return store


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    d = tmp_path / "knowledge"
    _write(d, "launch.yaml", FILE_V1)
    return d


# --- schema, files ----------------------------------------------------------------------------


def test_file_database_uses_wal_foreign_keys_and_creates_parent(tmp_path: Path):
    path = tmp_path / "data" / "sub" / "factbot.db"
    s = Store(path)
    try:
        assert path.exists()
        assert s.db.journal_mode == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"events", "sources", "facts", "audit", "knowledge_files", "migrations"} <= set(
            s.db.table_names()
        )
    finally:
        s.close()


def test_migrations_applied_once(tmp_path: Path):
    path = tmp_path / "factbot.db"
    first = Store(path)
    applied = first.applied_migrations
    first.add_event(EVENT, actor="cli", guild_id=None)
    first.close()
    assert applied  # a new database gets every migration
    second = Store(path)
    try:
        assert second.applied_migrations == []
        names = [r["name"] for r in second.db["migrations"].rows]
        assert names == applied
        assert len(names) == len(set(names))
        assert all(r["applied_at"] for r in second.db["migrations"].rows)
        assert second.get_event("test-launch").title == EVENT["title"]
    finally:
        second.close()


# --- round trips and reads --------------------------------------------------------------------


def test_add_and_get_round_trip(seeded: Store):
    fact = seeded.add_fact(RANGE, actor="cli", guild_id=None)
    assert fact == seeded.get_fact("range")
    assert fact.revision == 1
    assert fact.origin == "cli"
    assert fact.guild_id is None
    assert [q.unit for q in fact.quantities] == ["km", "mi"]
    assert fact.approximate is True
    assert fact.keywords == ("distance",)
    assert seeded.facts() == [fact]
    event = seeded.get_event("test-launch")
    assert event.when is not None and event.when.utcoffset() is not None
    assert event.aliases == ("the test launch",)
    assert seeded.get_source("wire-1").url == SOURCE["url"]
    assert set(seeded.source_lookup()) == {"wire-1"}


def test_a_bare_figure_takes_its_labels_unit_old_rows_too(seeded: Store):
    fuel = {**RANGE, "id": "fuel", "attribute": None, "label": "Fuel aboard (litres)",
            "values": ["9,000"], "text": "It carried 9,000 litres of fuel."}
    assert [q.unit for q in seeded.add_fact(fuel, actor="cli", guild_id=None).quantities] \
        == ["L"]
    # a row an older version wrote keeps the bare figure; it reads with the unit all the same
    seeded.db.execute("UPDATE facts SET quantities = ? WHERE id = 'fuel'",
                      ['[{"value": 9000.0, "unit": ""}]'])
    assert [q.unit for q in seeded.get_fact("fuel").quantities] == ["L"]


def test_generated_ids(seeded: Store):
    record = {k: v for k, v in CLAIM.items() if k != "id"}
    fact = seeded.add_fact(record, actor="cli", guild_id=None)
    assert fact.id.startswith("f-") and len(fact.id) == 10
    event = seeded.add_event({"title": "The test launch"}, actor="cli", guild_id=None)
    assert event.id == "the-test-launch"
    again = seeded.add_event({"title": "The test launch"}, actor="cli", guild_id=None)
    assert again.id == "the-test-launch-2"


def test_duplicate_id_conflicts(seeded: Store, monkeypatch):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    seeded.add_fact(RANGE, actor="discord:1", guild_id=GUILD_A)  # its own id space
    with pytest.raises(Conflict, match=f"guild-{GUILD_A}-range' is already taken"):
        seeded.add_fact(RANGE, actor="discord:1", guild_id=GUILD_A)
    with pytest.raises(Conflict):
        seeded.add_event(EVENT, actor="cli", guild_id=None)
    # another writer took the id between the check and the insert
    monkeypatch.setattr(seeded, "_prepare_new", lambda table, entity, record, **kw: dict(record))
    audits = _audit_count(seeded)
    with pytest.raises(Conflict, match="already taken"):
        seeded.add_fact(RANGE, actor="cli", guild_id=None)
    assert _audit_count(seeded) == audits


def test_invalid_record_is_rejected_and_nothing_written(seeded: Store):
    before = _audit_count(seeded)
    with pytest.raises(ValidationError):
        seeded.add_fact({**RANGE, "event": "no-such-event"}, actor="cli", guild_id=None)
    assert seeded.facts(statuses=("pending", "active", "retracted")) == []
    assert _audit_count(seeded) == before


def test_facts_ordering_and_filters(seeded: Store):
    seeded.add_fact({**CLAIM, "id": "b", "rank": 0}, actor="cli", guild_id=None)
    seeded.add_fact({**CLAIM, "id": "a", "rank": 0}, actor="cli", guild_id=None)
    seeded.add_fact({**CLAIM, "id": "c", "rank": 5}, actor="cli", guild_id=None)
    seeded.add_fact({**CLAIM, "id": "p", "status": "pending"}, actor="cli", guild_id=None)
    assert [f.id for f in seeded.facts()] == ["c", "a", "b"]
    assert [f.id for f in seeded.facts(statuses=("pending",))] == ["p"]
    assert seeded.facts(event="other") == []


def test_get_missing_fact_has_helpful_message(store: Store):
    with pytest.raises(NotFound, match=r"no fact 'nope' \(use /fact list or factbot facts list\)"):
        store.get_fact("nope")


# --- visibility -------------------------------------------------------------------------------


def test_guild_facts_are_private_to_their_guild(seeded: Store):
    fact = seeded.add_fact(CLAIM, actor="discord:1", guild_id=GUILD_A)
    fid = fact.id
    assert fid == f"guild-{GUILD_A}-type"  # the guild's own id space
    assert fact.origin == "guild" and fact.guild_id == GUILD_A
    assert seeded.get_fact(fid, guild_id=GUILD_A) == fact
    assert [f.id for f in seeded.facts(guild_id=GUILD_A)] == [fid]
    assert seeded.facts(guild_id=GUILD_B) == []
    assert seeded.facts() == []  # global only
    assert [f.id for f in seeded.facts(all_guilds=True)] == [fid]
    for call in (
        lambda: seeded.get_fact(fid, guild_id=GUILD_B),
        lambda: seeded.get_fact(fid),
        lambda: seeded.history(fid, guild_id=GUILD_B),
        lambda: seeded.edit_fact(fid, {"rank": 3}, actor="discord:2", guild_id=GUILD_B),
        lambda: seeded.retract_fact(fid, reason="x", actor="discord:2", guild_id=GUILD_B),
        lambda: seeded.revert_fact(fid, revision=1, actor="discord:2", guild_id=GUILD_B),
    ):
        with pytest.raises(NotFound) as err:
            call()
        # exactly what an id that never existed gets: nothing tells it exists elsewhere
        assert str(err.value) == f"no fact '{fid}' (use /fact list or factbot facts list)"
    assert seeded.search_facts("ballistic", guild_id=GUILD_B) == []
    assert [f.id for f in seeded.search_facts("ballistic", guild_id=GUILD_A)] == [fid]


def test_guild_events_and_sources_are_private(seeded: Store):
    seeded.add_event({"id": "local-ev", "title": "Local"}, actor="discord:1", guild_id=GUILD_A)
    seeded.add_source(
        {"id": "local-src", "title": "T", "publisher": "P", "published": "2023-01-01"},
        actor="discord:1",
        guild_id=GUILD_A,
    )
    local_ev = f"guild-{GUILD_A}-local-ev"
    assert {e.id for e in seeded.events(guild_id=GUILD_A)} == {"test-launch", local_ev}
    assert {e.id for e in seeded.events(guild_id=GUILD_B)} == {"test-launch"}
    assert set(seeded.source_lookup(guild_id=GUILD_A)) == {"wire-1", f"guild-{GUILD_A}-local-src"}
    assert set(seeded.source_lookup(guild_id=GUILD_B)) == {"wire-1"}
    with pytest.raises(NotFound):
        seeded.get_event(f"guild-{GUILD_A}-local-ev", guild_id=GUILD_B)
    # Guild B cannot cite guild A's event
    with pytest.raises(ValidationError):
        seeded.add_fact(
            {**CLAIM, "event": f"guild-{GUILD_A}-local-ev"}, actor="discord:2", guild_id=GUILD_B
        )
    fact = seeded.add_fact(
        {**CLAIM, "event": "local-ev", "source": "local-src"}, actor="discord:1", guild_id=GUILD_A
    )
    assert fact.event == local_ev  # a bare id names this server's own record


def test_global_fact_needs_permission_from_a_guild(tmp_path: Path, store: Store, kdir: Path):
    store.load_knowledge(kdir)
    with pytest.raises(Forbidden, match=r"knowledge/launch\.yaml.*pull request.*knowledge_guild"):
        store.edit_fact("range", {"rank": 2}, actor="discord:1", guild_id=GUILD_A)
    with pytest.raises(Forbidden):
        store.retract_fact("range", reason="wrong", actor="discord:1", guild_id=GUILD_A)
    edited = store.edit_fact(
        "range", {"rank": 2}, actor="discord:1", guild_id=GUILD_A, may_edit_knowledge=True
    )
    assert edited.rank == 2 and edited.guild_id is None and edited.revision == 2
    # the CLI (no guild) may edit global facts
    assert store.edit_fact("range", {"rank": 3}, actor="cli", guild_id=None).rank == 3


# --- the change API and its audit trail -------------------------------------------------------


def test_every_change_is_audited_with_snapshots(seeded: Store):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    seeded.edit_fact(
        "range",
        {"text": "It flew 240 km.", "keywords": None},
        actor="discord:7",
        guild_id=None,
        reason="wording",
    )
    seeded.retract_fact("range", reason="source corrected it", actor="discord:7", guild_id=None)
    seeded.revert_fact("range", revision=1, actor="cli", guild_id=None)
    history = seeded.history("range")
    assert [h.action for h in history] == ["add", "edit", "retract", "revert"]
    assert [h.after["revision"] for h in history] == [1, 2, 3, 4]
    assert history[0].before is None
    assert all(h.before == prev.after for prev, h in zip(history, history[1:], strict=False))
    assert history[1].after["text"] == "It flew 240 km."
    assert "keywords" not in history[1].after or not history[1].after["keywords"]
    assert history[1].reason == "wording" and history[1].actor == "discord:7"
    assert history[2].after["status"] == "retracted"
    assert history[2].reason == "source corrected it"
    assert all(h.at.tzinfo is not None for h in history)
    # events and sources are audited too
    rows = list(seeded.db["audit"].rows_where("entity != 'fact'"))
    assert {(r["entity"], r["action"]) for r in rows} == {("event", "add"), ("source", "add")}


def test_edit_merges_and_validates(seeded: Store):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    fact = seeded.edit_fact("range", {"values": ["250 km"]}, actor="cli", guild_id=None)
    assert [(q.value, q.unit) for q in fact.quantities] == [(250.0, "km")]
    assert fact.text == RANGE["text"] and fact.revision == 2
    with pytest.raises(ValidationError):
        seeded.edit_fact("range", {"kind": "nonsense"}, actor="cli", guild_id=None)
    with pytest.raises(ValidationError):
        seeded.edit_fact("range", {"id": "other"}, actor="cli", guild_id=None)
    assert seeded.get_fact("range").revision == 2
    # a change that changes nothing is not a revision
    same = seeded.edit_fact("range", {"text": RANGE["text"]}, actor="cli", guild_id=None)
    assert same.revision == 2


def test_retract_keeps_the_row(seeded: Store):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    with pytest.raises(ValidationError):
        seeded.retract_fact("range", reason="  ", actor="cli", guild_id=None)
    fact = seeded.retract_fact("range", reason="wrong figure", actor="cli", guild_id=None)
    assert fact.status == "retracted" and fact.retracted_reason == "wrong figure"
    assert seeded.facts() == []
    assert seeded.get_fact("range").status == "retracted"
    assert seeded.db["facts"].count == 1
    with pytest.raises(Conflict):
        seeded.retract_fact("range", reason="again", actor="cli", guild_id=None)
    with pytest.raises(Conflict, match="revert it first"):
        seeded.edit_fact("range", {"rank": 1}, actor="cli", guild_id=None)


def test_revert_creates_new_revision_equal_to_old(seeded: Store):
    original = seeded.add_fact(RANGE, actor="cli", guild_id=None)
    seeded.edit_fact("range", {"values": ["300 km"], "rank": 4}, actor="cli", guild_id=None)
    seeded.retract_fact("range", reason="wrong", actor="cli", guild_id=None)
    with pytest.raises(NotFound, match=r"known revisions: 1, 2, 3"):
        seeded.revert_fact("range", revision=9, actor="cli", guild_id=None)
    reverted = seeded.revert_fact("range", revision=1, actor="cli", guild_id=None)
    assert reverted.revision == 4
    assert reverted.status == "active" and reverted.retracted_reason is None
    assert _content(reverted) == _content(original)
    assert len(seeded.history("range")) == 4
    with pytest.raises(Conflict):
        seeded.revert_fact("range", revision=4, actor="cli", guild_id=None)


def test_failing_change_leaves_no_partial_rows(seeded: Store, monkeypatch):
    before = _audit_count(seeded)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(seeded, "_audit", boom)
    with pytest.raises(RuntimeError):
        seeded.add_fact(RANGE, actor="cli", guild_id=None)
    assert seeded.db["facts"].count == 0
    monkeypatch.undo()
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    monkeypatch.setattr(seeded, "_audit", boom)
    with pytest.raises(RuntimeError):
        seeded.edit_fact("range", {"rank": 9}, actor="cli", guild_id=None)
    monkeypatch.undo()
    assert seeded.get_fact("range").rank == 0
    assert seeded.get_fact("range").revision == 1
    assert _audit_count(seeded) == before + 1
    assert not seeded.db.conn.in_transaction


def test_search_facts(seeded: Store):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    seeded.add_fact(CLAIM, actor="cli", guild_id=None)
    assert [f.id for f in seeded.search_facts("distance")] == ["range"]  # keywords
    assert [f.id for f in seeded.search_facts("ballistic missiles")] == ["type"]  # stemmed
    assert seeded.search_facts('"unbalanced (quote') == []
    assert seeded.search_facts("   ") == []
    seeded.edit_fact("type", {"text": "It was a cruise missile."}, actor="cli", guild_id=None)
    assert seeded.search_facts("ballistic") == []
    assert [f.id for f in seeded.search_facts("cruise")] == ["type"]


# --- knowledge sync ---------------------------------------------------------------------------


def test_load_knowledge_and_idempotency(store: Store, kdir: Path):
    report = store.load_knowledge(kdir)
    assert (report.files_loaded, report.facts_added) == (1, 3)
    fact = store.get_fact("range")
    assert fact.origin == "knowledge" and fact.origin_file == "launch.yaml"
    assert fact.guild_id is None
    assert store.history("range")[0].actor == "knowledge:launch.yaml"
    audits = _audit_count(store)

    again = store.load_knowledge(kdir)
    assert again.files_unchanged == 1 and again.files_loaded == 0
    assert not again.changed
    assert _audit_count(store) == audits


def test_unchanged_store_starts_fast(tmp_path: Path, kdir: Path):
    path = tmp_path / "factbot.db"
    s = Store(path)
    s.load_knowledge(kdir)
    s.close()
    start = time.perf_counter()
    s = Store(path)
    report = s.load_knowledge(kdir)
    s.close()
    assert report.files_unchanged == 1
    assert time.perf_counter() - start < 0.5


def test_changed_file_updates_only_changed_facts(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    audits = _audit_count(store)
    text = FILE_V1.replace('values: ["240 km"]', 'values: ["250 km"]')
    text = "# a comment that shifts every line\n" + text
    _write(kdir, "launch.yaml", text)
    report = store.load_knowledge(kdir)
    assert (report.files_loaded, report.facts_updated, report.facts_added) == (1, 1, 0)
    assert _audit_count(store) == audits + 1
    assert store.get_fact("range").quantities[0].value == 250
    assert store.get_fact("range").revision == 2
    assert store.get_fact("altitude").revision == 1
    history = store.history("range")
    assert (
        history[-1].action == "load" and history[-1].before["values"] != history[-1].after["values"]
    )


def test_removed_fact_becomes_retracted(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    text = FILE_V1.split("  - id: altitude")[0] + "  - id: type" + FILE_V1.split("  - id: type")[1]
    _write(kdir, "launch.yaml", text)
    report = store.load_knowledge(kdir)
    assert report.facts_removed == 1
    fact = store.get_fact("altitude")
    assert fact.status == "retracted"
    assert fact.retracted_reason == "removed from knowledge/launch.yaml"
    assert store.history("altitude")[-1].action == "retract"
    assert {f.id for f in store.facts()} == {"range", "type"}
    # putting it back brings it back
    _write(kdir, "launch.yaml", FILE_V1)
    report = store.load_knowledge(kdir)
    assert report.facts_updated == 1
    assert store.get_fact("altitude").status == "active"


def test_moved_fact_is_not_retracted(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    head, rest = FILE_V1.split("  - id: altitude")
    altitude, tail = rest.split("  - id: type")
    _write(kdir, "launch.yaml", head + "  - id: type" + tail)
    _write(kdir, "more.yaml", "facts:\n  - id: altitude" + altitude)
    report = store.load_knowledge(kdir)
    assert report.facts_removed == 0 and report.facts_updated == 0
    fact = store.get_fact("altitude")
    assert fact.status == "active" and fact.origin_file == "more.yaml"


def test_moderator_edit_survives_file_change(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    store.edit_fact(
        "range",
        {"values": ["245 km"]},
        actor="discord:123",
        guild_id=GUILD_A,
        may_edit_knowledge=True,
    )
    # the file changes something else: the moderator's fact is kept quietly
    _write(kdir, "launch.yaml", FILE_V1.replace("47 km", "48 km"))
    report = store.load_knowledge(kdir)
    assert report.conflicts == [] and report.facts_updated == 1
    assert store.get_fact("range").quantities[0].value == 245
    # the file changes the same fact: kept, and reported
    _write(kdir, "launch.yaml", FILE_V1.replace("47 km", "48 km").replace("240 km", "260 km"))
    report = store.load_knowledge(kdir)
    assert store.get_fact("range").quantities[0].value == 245
    assert len(report.conflicts) == 1
    message = report.conflicts[0]
    assert "fact 'range' was changed by discord:123" in message
    assert "knowledge/launch.yaml" in message and "factbot facts history range" in message
    # reported again at the next start, until resolved
    assert len(store.load_knowledge(kdir).conflicts) == 1


def test_moderator_retract_survives_removal(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    store.edit_fact("altitude", {"rank": 5}, actor="discord:9", guild_id=None)
    text = FILE_V1.split("  - id: altitude")[0] + "  - id: type" + FILE_V1.split("  - id: type")[1]
    _write(kdir, "launch.yaml", text)
    report = store.load_knowledge(kdir)
    assert report.facts_removed == 0 and len(report.conflicts) == 1
    assert store.get_fact("altitude").status == "active"


def test_file_with_problems_changes_nothing(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    snapshot = (
        list(store.db["facts"].rows),
        _audit_count(store),
        list(store.db["knowledge_files"].rows),
    )
    broken = FILE_V1.replace('values: ["240 km"]', 'values: ["240 kmz"]').replace("47 km", "48 km")
    _write(kdir, "launch.yaml", broken)
    _write(kdir, "new.yaml", "facts:\n  - id: orphan\n    event: nowhere\n")
    with pytest.raises(ValidationError) as err:
        store.load_knowledge(kdir)
    assert err.value.problems
    assert (
        list(store.db["facts"].rows),
        _audit_count(store),
        list(store.db["knowledge_files"].rows),
    ) == snapshot


def test_failing_load_is_rolled_back(store: Store, kdir: Path, monkeypatch):
    store.load_knowledge(kdir)
    _write(kdir, "launch.yaml", FILE_V1.replace("240 km", "250 km").replace("47 km", "48 km"))
    calls = []
    real = store._audit

    def audit_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_audit", audit_then_fail)
    before = list(store.db["facts"].rows), _audit_count(store)
    with pytest.raises(sqlite3.OperationalError):
        store.load_knowledge(kdir)
    monkeypatch.undo()
    assert (list(store.db["facts"].rows), _audit_count(store)) == before
    assert store.load_knowledge(kdir).facts_updated == 2  # the file was not marked loaded


def test_knowledge_ids_never_meet_a_guilds_ids(store: Store, kdir: Path):
    store.load_knowledge(kdir)
    mine = store.add_fact({**CLAIM, "id": "mine"}, actor="discord:1", guild_id=GUILD_A)
    assert mine.id == f"guild-{GUILD_A}-mine"
    _write(kdir, "more.yaml", "facts:\n  - id: mine" + FILE_V1.split("  - id: type")[1])
    report = store.load_knowledge(kdir)
    assert not report.conflicts and report.facts_added == 1
    assert store.get_fact("mine").guild_id is None  # the file's own, shared fact
    assert store.get_fact(mine.id, guild_id=GUILD_A).guild_id == GUILD_A
    # a file may not use a server's id space at all
    rest = FILE_V1.split("  - id: type")[1]
    _write(kdir, "more.yaml", f"facts:\n  - id: guild-{GUILD_A}-x" + rest)
    with pytest.raises(ValidationError, match="kept for records made in a Discord server"):
        store.load_knowledge(kdir)
    with pytest.raises(ValidationError, match="kept for records made in a server"):
        store.add_fact({**CLAIM, "id": "guild-5-x"}, actor="cli", guild_id=None)


def test_missing_directory_is_a_warning(store: Store, tmp_path: Path):
    report = store.load_knowledge(tmp_path / "nope")
    assert report.warnings and not report.changed


# --- export -----------------------------------------------------------------------------------


def test_export_and_reimport_gives_equal_facts(store: Store, kdir: Path, tmp_path: Path):
    store.load_knowledge(kdir)
    store.add_fact({**CLAIM, "id": "cli-fact", "keywords": ["x"]}, actor="cli", guild_id=None)
    store.retract_fact("altitude", reason="wrong", actor="cli", guild_id=None)
    store.add_fact({**CLAIM, "id": "guild-fact"}, actor="discord:1", guild_id=GUILD_A)

    out = tmp_path / "export"
    paths = store.export_to_dir(out)
    assert sorted(p.name for p in paths) == sorted(["launch.yaml", LOCAL_FILE])
    exported = (out / "launch.yaml").read_text(encoding="utf-8")
    positions = [exported.index(f"- id: {i}\n") for i in ("range", "altitude", "type")]
    assert positions == sorted(positions)  # file order kept: a small diff for a pull request
    with_guild = store.export_to_dir(tmp_path / "export-guild", guild_id=GUILD_A)
    assert f"guild-{GUILD_A}.yaml" in {p.name for p in with_guild}

    fresh = Store(":memory:")
    try:
        fresh.load_knowledge(out)
        statuses = ("pending", "active", "retracted")
        old = {f.id: _content(f) for f in store.facts(statuses=statuses)}
        new = {f.id: _content(f) for f in fresh.facts(statuses=statuses)}
        assert new == old
        assert fresh.get_fact("cli-fact").origin_file == LOCAL_FILE
        assert "guild-fact" not in new
    finally:
        fresh.close()

    # exporting into the knowledge directory itself is a no-op for the next load
    store.export_to_dir(kdir)
    audits = _audit_count(store)
    report = store.load_knowledge(kdir)
    assert report.conflicts == [] and not report.changed
    assert _audit_count(store) == audits
    assert store.get_fact("cli-fact").origin == "knowledge"


def test_export_yaml_includes_every_status(seeded: Store):
    seeded.add_fact(RANGE, actor="cli", guild_id=None)
    seeded.add_fact(CLAIM, actor="cli", guild_id=None)
    seeded.retract_fact("type", reason="wrong", actor="cli", guild_id=None)
    text = seeded.export_yaml()
    assert "range" in text and "type" in text and "retracted" in text


# --- issue 9's format: new fields, and a database from before them ---------------------------


def _database_before_format_fields(path: Path) -> None:
    """A database as the code before migration 0003_format... left it, with one row each."""
    from sqlite_utils import Database

    from bot.core.migrations import MIGRATIONS, FactbotMigrations

    names = [m.name for m in MIGRATIONS._migrations]
    mine = names.index("0003_format_background_timezone_undated")
    earlier = FactbotMigrations("factbot")
    for m in MIGRATIONS._migrations[:mine]:
        earlier(name=m.name)(m.fn)
    db = Database(path)
    earlier.apply(db)
    db["events"].insert({"id": "old-launch", "title": "A launch", "aliases": "[]",
                         "origin": "cli"})
    db["sources"].insert({"id": "old-wire", "title": "Report", "publisher": "Wire",
                          "published": "2022-11-17", "origin": "cli"})
    db["facts"].insert({"id": "old-range", "event": "old-launch", "source": "old-wire",
                        "kind": "measurement", "text": "It flew 240 km.", "reported_by": "JCS",
                        "attribute": "range", "quantities": '[{"value": 240.0, "unit": "km"}]',
                        "origin": "cli"})
    db.close()


def test_database_from_before_the_format_fields_migrates(tmp_path: Path):
    path = tmp_path / "old.db"
    _database_before_format_fields(path)
    s = Store(path)
    try:
        assert s.applied_migrations[0] == "0003_format_background_timezone_undated"
        old = s.get_fact("old-range")
        assert [(q.value, q.unit, q.qualifier, q.upper) for q in old.quantities] == [
            (240.0, "km", None, None)]
        assert s.get_source("old-wire").published.isoformat() == "2022-11-17"
        assert s.get_event("old-launch").background_of is None
        assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []
        # the new fields work on the migrated database
        s.add_source({"id": "undated", "title": "Blog post", "publisher": "Blog"},
                     actor="cli", guild_id=None)
        assert s.get_source("undated").published is None
    finally:
        s.close()


def test_an_event_day_stored_as_a_plain_date_reads_as_a_date_only_time(store: Store):
    # rows written before date-only times were kept as noon UTC hold "2024-09-12"
    store.add_event({"id": "storm", "title": "Storm", "when": "2024-09-12"},
                    actor="cli", guild_id=None)
    store.db.execute("UPDATE events SET \"when\" = '2024-09-12' WHERE id = 'storm'")
    when = store.get_event("storm").when
    assert isinstance(when, datetime) and is_date_only(when)
    assert when.date().isoformat() == "2024-09-12"
    assert event_zone(store.get_event("storm")) is None  # a day says nothing of its zone


def test_new_fields_round_trip_through_the_store(store: Store):
    store.add_event({"id": "storm", "title": "Storm", "when": "2024-09-12",
                     "timezone": "Europe/Warsaw"}, actor="cli", guild_id=None)
    store.add_event({"id": "flood-1997", "title": "Flood", "background_of": "storm"},
                    actor="cli", guild_id=None)
    store.add_source({"id": "wire", "title": "Report", "publisher": "Wire",
                      "published": "2024-09-13"}, actor="cli", guild_id=None)
    fact = store.add_fact({"id": "dead", "event": "storm", "source": "wire",
                           "kind": "measurement", "attribute": "casualties",
                           "values": ["at least 9"], "as_of": "Friday 18:00 local time",
                           "reported_by": "Ministry", "text": "At least 9 died."},
                          actor="cli", guild_id=None)
    surge = store.add_fact({"id": "surge", "event": "storm", "source": "wire",
                            "kind": "measurement", "label": "Storm surge",
                            "values": ["between 2 and 3 m"], "reported_by": "Met office",
                            "text": "The surge was 2 to 3 m."}, actor="cli", guild_id=None)
    assert store.get_fact("dead") == fact
    assert fact.quantities[0].qualifier == "at least"
    assert fact.as_of.isoformat() == "2024-09-13T18:00:00+02:00"
    assert store.get_fact("surge") == surge
    assert (surge.attribute, surge.quantities[0].upper) == (None, 3.0)
    assert store.get_event("flood-1997").background_of == "storm"
    assert store.get_event("storm").timezone == "Europe/Warsaw"
    exported = store.export_yaml()
    for needle in ("background_of: storm", "timezone: Europe/Warsaw", "at least 9",
                   "between 2 and 3 m", "label: Storm surge"):
        assert needle in exported


def test_store_checks_background_of_and_weekday_times(store: Store):
    store.add_event({"id": "storm", "title": "Storm"}, actor="cli", guild_id=None)
    with pytest.raises(ValidationError, match="background_of: unknown event 'nowhere'"):
        store.add_event({"id": "old", "title": "Old", "background_of": "nowhere"},
                        actor="cli", guild_id=None)
    store.add_source({"id": "blog", "title": "Blog", "publisher": "Blog"}, actor="cli",
                     guild_id=None)
    with pytest.raises(ValidationError, match="source 'blog' has no published: date"):
        store.add_fact({"event": "storm", "source": "blog", "kind": "time", "label": "Start",
                        "time": "Thursday 06:15 +02:00", "reported_by": "R",
                        "text": "It began."}, actor="cli", guild_id=None)
