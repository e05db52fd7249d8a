"""AsyncEngine: typed calls, one writer thread, reads on their own connections, heavy work
that never holds up an ask, and changes made by another process reaching the index."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import NotFound, StaleRevision
from bot.core.runtime import AsyncEngine
from bot.core.store import Store

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
QUESTION = "How far did the missile fly?"


def config(tmp_path: Path, **changes) -> Config:
    return replace(
        Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE, change_poll_seconds=0),
        **changes,
    )


def _cited(answer) -> set[str]:
    """The ids of the facts an answer uses."""
    return {f.fact.id for f in answer.facts}


async def test_typed_calls_answer(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        answer = await ae.ask(QUESTION, guild_id=None)
        assert answer.answered and answer.facts[0].fact.id == "wonsan-range"
        options = await ae.complete("Wons", guild_id=None, limit=5)
        assert options and "Wonsan" in options[0]
        assert (await ae.get_fact("wonsan-range", guild_id=None)).id == "wonsan-range"


async def test_writes_on_the_writer_thread_reads_on_their_own_connections(tmp_path: Path):
    opened_on: list[str] = []

    def factory(cfg: Config) -> Engine:
        opened_on.append(threading.current_thread().name)
        return Engine.open(cfg)

    async with AsyncEngine(config(tmp_path), engine_factory=factory) as ae:
        engine = ae.engine

        def where() -> tuple[str, bool]:
            return threading.current_thread().name, engine.reads is engine.store

        writer = await ae._write(where)
        readers = await asyncio.gather(*(ae._read(where) for _ in range(8)))
        heavy = await ae._read_heavy(where)
    assert opened_on == [writer[0]] and writer == (writer[0], True)
    assert writer[0].startswith("factbot-writer")
    for name, shared in [*readers, heavy]:
        assert not name.startswith("factbot-writer") and not shared  # own connection


async def test_slow_heavy_reads_and_a_slow_write_do_not_hold_up_asks(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        engine = ae.engine
        release = threading.Event()
        real_list = engine.list_facts

        def slow_list(**kwargs):
            release.wait(30)
            return real_list(**kwargs)

        def slow_write() -> None:
            release.wait(30)

        engine.list_facts = slow_list  # type: ignore[method-assign]
        lists = [asyncio.ensure_future(ae.list_facts(guild_id=None)) for _ in range(3)]
        write = asyncio.ensure_future(ae._write(slow_write))
        export = asyncio.ensure_future(ae.export_yaml(guild_id=None))  # its own process
        # every heavy thread and the writer are busy: asks still answer, one after another
        answers = await asyncio.gather(*(ae.ask(QUESTION, guild_id=None) for _ in range(50)))
        assert all(a.answered for a in answers)
        assert not any(task.done() for task in lists) and not write.done()
        assert "wonsan-range" in await export  # done while the heavy threads were all held
        release.set()
        assert await lists[0]
        await write


async def test_changes_are_seen_by_the_next_ask(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        await ae.retract_fact("wonsan-range", reason="test", actor="discord:1", guild_id=None)
        assert "wonsan-range" not in _cited(await ae.ask(QUESTION, guild_id=None))


async def test_core_errors_propagate_and_the_engine_keeps_working(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        with pytest.raises(NotFound):
            await ae.get_fact("no-such-fact", guild_id=None)
        assert (await ae.ask("range?", guild_id=None)).answered


async def test_calls_before_start_are_refused(tmp_path: Path):
    ae = AsyncEngine(config(tmp_path))
    with pytest.raises(RuntimeError):
        await ae.ask("range?", guild_id=None)
    await ae.close()


async def test_an_in_memory_database_runs_everything_on_the_writer(tmp_path: Path):
    cfg = replace(config(tmp_path), database=Path(":memory:"))
    async with AsyncEngine(cfg) as ae:
        assert await ae._read(AsyncEngine.on_writer_thread)
        assert (await ae.ask(QUESTION, guild_id=None)).answered


# --- lost updates ---------------------------------------------------------------------------


async def test_two_edits_based_on_one_revision_only_the_first_is_saved(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        base = (await ae.get_fact("wonsan-range", guild_id=None)).revision

        def edit(text: str):
            return ae.edit_fact(
                "wonsan-range", {"text": text}, actor="cli", guild_id=None,
                expected_revision=base,
            )

        results = await asyncio.gather(
            edit("The missile flew about 240 km, the JCS said."),
            edit("The missile flew about 1000 km."),
            return_exceptions=True,
        )
        saved = [r for r in results if not isinstance(r, BaseException)]
        refused = [r for r in results if isinstance(r, StaleRevision)]
        assert len(saved) == 1 and len(refused) == 1
        assert saved[0].revision == base + 1
        assert "changed since you opened it" in str(refused[0])
        assert saved[0].text in str(refused[0])  # the current text, to look at again
        history = await ae.history("wonsan-range", guild_id=None)
        revisions = [e.after["revision"] for e in history if e.after]
        assert len(revisions) == len(set(revisions))  # never two rows for one revision


def test_another_connection_cannot_slip_a_change_between_check_and_write(tmp_path: Path):
    cfg = config(tmp_path)
    Engine.open(cfg).close()
    bot, cli = Store(cfg.database), Store(cfg.database)
    try:
        base = bot.get_fact("wonsan-range").revision
        cli.retract_fact("wonsan-range", reason="the source corrected it", actor="cli",
                         guild_id=None)
        with pytest.raises(StaleRevision):
            bot.edit_fact("wonsan-range", {"text": "Changed."}, actor="discord:1",
                          guild_id=None, expected_revision=base)
        assert bot.get_fact("wonsan-range").status == "retracted"
        # BEGIN IMMEDIATE: while one connection changes a fact, the other waits its turn
        with bot._immediate():
            bot.db.execute("SELECT 1")
            assert bot.db.conn.in_transaction
    finally:
        bot.close()
        cli.close()


# --- changes from another process -------------------------------------------------------------


async def test_a_change_from_another_connection_reaches_answers(tmp_path: Path):
    async with AsyncEngine(config(tmp_path)) as ae:
        assert "wonsan-range" in _cited(await ae.ask(QUESTION, guild_id=None))
        assert await ae._write(ae.engine.refresh) == 0  # nothing happened yet
        cli = Engine.open(config(tmp_path))
        try:
            cli.retract_fact("wonsan-range", reason="corrected", actor="cli", guild_id=None)
        finally:
            cli.close()
        assert await ae._write(ae.engine.refresh) >= 1
        assert "wonsan-range" not in _cited(await ae.ask(QUESTION, guild_id=None))


async def test_the_poller_picks_up_outside_changes_by_itself(tmp_path: Path):
    async with AsyncEngine(config(tmp_path, change_poll_seconds=0.05)) as ae:
        cli = Engine.open(config(tmp_path))
        try:
            cli.retract_fact("wonsan-range", reason="corrected", actor="cli", guild_id=None)
        finally:
            cli.close()
        for _ in range(400):  # a bounded wait for the poller, not a speed assertion
            if ae.changes_picked_up:
                break
            await asyncio.sleep(0.025)
        assert ae.changes_picked_up >= 1
        assert "wonsan-range" not in _cited(await ae.ask(QUESTION, guild_id=None))
