"""Load test: the real bot, a large store, a moderator and many members, through the
loopback Discord stand-in.

Run ``python -m tests.chat.loadtest [--facts 10000] [--asks 200]`` from the repository root.
It builds a synthetic store (``bot.core.bench``), starts the bot against the stand-in and
measures, from the stand-in's own timestamps, each interaction's time to its first
response (Discord allows 3 s):

1. ``asks alone``: N members ask at once (the baseline, in the same run);
2. ``asks during /export``: the same while a moderator exports the whole store;
3. ``asks during autocomplete``: the same while a moderator types 12 keys into
   ``/fact edit id:`` (every keystroke an autocomplete);
4. ``CLI change to answers``: seconds from a ``factbot facts retract`` in another process
   until ``/ask`` stops using the fact.

Figures are printed, never asserted (``tests/chat/test_e2e_robust.py`` asserts that every
interaction was answered before the deadline, which the stand-in checks as Discord does).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.chat.client import FactBot, ShardedFactBot
from bot.chat.runner import run_async
from bot.config import Config, CooldownConfig, DiscordConfig
from bot.core.bench import build_synthetic
from bot.core.engine import Engine

from .fake_discord import FakeDiscord, FakeUser, Interaction, Recorded

REPO = Path(__file__).resolve().parents[2]
TYPED = "ev-1-f1 alt"[:12]  # a moderator typing a fact id, one key at a time


@dataclass
class Store:
    """A synthetic store on disk: its knowledge directory, its database, some questions."""

    knowledge_dir: Path
    database: Path
    questions: list[str]
    n_facts: int


def build_store(directory: Path, n_facts: int, *, seed: int = 7) -> Store:
    """Write ``n_facts`` synthetic facts as knowledge files and load them into a database."""
    synthetic = build_synthetic(n_facts, seed=seed, n_questions=400)
    kdir = directory / "knowledge"
    kdir.mkdir(parents=True, exist_ok=True)
    for name, text in synthetic.files.items():
        (kdir / name).write_text(text, encoding="utf-8")
    database = directory / "store.db"
    Engine.open(Config(database=database, knowledge_dir=kdir)).close()
    return Store(kdir, database, synthetic.questions, n_facts)


def bot_config(fake: FakeDiscord, store: Store, database: Path, **changes: Any) -> Config:
    discord = DiscordConfig(
        api_base_url=fake.api_base,
        moderator_role_ids=(fake.moderator_role_id,),
        ask_cooldown=CooldownConfig(rate=1000, per_seconds=60),
    )
    return replace(
        Config(database=database, knowledge_dir=store.knowledge_dir, log_level="WARNING",
               discord=discord),
        **changes,
    )


@asynccontextmanager
async def running_bot(fake: FakeDiscord, config: Config) -> AsyncIterator[FactBot | ShardedFactBot]:
    """The bot, served by :func:`run_async` in this loop until the block ends."""
    holder: list[FactBot | ShardedFactBot] = []
    task = asyncio.create_task(
        run_async(config, fake.token, bot_options={"guild_ready_timeout": 0.05},
                  on_bot=holder.append)
    )
    await asyncio.sleep(0)
    bot = holder[0]
    ready = asyncio.ensure_future(bot.wait_until_ready())
    done, _ = await asyncio.wait({ready, task}, timeout=120, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        raise RuntimeError("the bot did not become ready")
    try:
        yield bot
    finally:
        await bot.close()
        code = await asyncio.wait_for(task, 30)
        if code != 0:
            raise RuntimeError(f"the bot exited with {code}")


@dataclass
class Round:
    """One round of load: the interactions and what the stand-in recorded for them."""

    name: str
    asks: list[Interaction] = field(default_factory=list)
    others: list[Interaction] = field(default_factory=list)  # export, autocompletes
    export_file: Recorded | None = None  # the export's followup, with the file
    export_seconds: float = 0.0  # from the command to the file

    @property
    def all(self) -> list[Interaction]:
        return [*self.asks, *self.others]

    def delays(self, which: list[Interaction] | None = None) -> list[float]:
        return [i.response_delay for i in (which or self.asks) if i.response_delay is not None]

    def summary(self) -> str:
        delays = sorted(self.delays())
        late = sum(1 for i in self.all if i.late or i.responded_at is None)
        return (
            f"{self.name:<28} {len(self.asks)} asks: first response p50 "
            f"{_pct(delays, 50) * 1000:7.1f} ms, p95 {_pct(delays, 95) * 1000:7.1f} ms, "
            f"max {max(delays, default=0) * 1000:7.1f} ms; late or missing: {late} of "
            f"{len(self.all)}"
        )


def _pct(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


async def _settle(fake: FakeDiscord, interactions: list[Interaction], timeout: float) -> None:
    """Wait (bounded) until every interaction has its initial response."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while any(i.responded_at is None for i in interactions) and loop.time() < end:
        await asyncio.sleep(0.02)


async def ask_round(
    fake: FakeDiscord,
    questions: list[str],
    n_asks: int,
    *,
    name: str,
    during: str | None = None,
    guild_id: int | None = None,
) -> Round:
    """``n_asks`` members ask at once; ``during`` adds a moderator's ``export`` or
    ``autocomplete`` typing at the same time."""
    result = Round(name)
    members = [FakeUser(fake.new_id(), f"member{i}") for i in range(n_asks)]
    if during == "export":
        result.others.append(await fake.slash("export", user=fake.moderator, guild_id=guild_id))
    typing: asyncio.Task[None] | None = None
    if during == "autocomplete":

        async def type_keys() -> None:
            for n in range(1, len(TYPED) + 1):
                result.others.append(await fake.autocomplete(
                    "fact", {"id": TYPED[:n]}, "id", subcommand="edit", user=fake.moderator,
                    guild_id=guild_id,
                ))
                await asyncio.sleep(0.05)  # a fast typist

        typing = asyncio.create_task(type_keys())
    for i, member in enumerate(members):
        result.asks.append(await fake.slash(
            "ask", {"question": questions[i % len(questions)][:300]}, user=member,
            guild_id=guild_id,
        ))
    if typing is not None:
        await typing
    await _settle(fake, result.all, timeout=120)
    if during == "export":  # the file itself, so that the next round starts unloaded
        result.export_file = await fake.followup(result.others[0], timeout=120)
        result.export_seconds = asyncio.get_running_loop().time() - result.others[0].created_at
    return result


async def cli_change_seconds(fake: FakeDiscord, config: Config, question: str, fact_id: str,
                             gone: str) -> float:
    """Seconds from the start of ``factbot facts retract`` (another process) until ``/ask
    question`` no longer shows ``gone``."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(config.database), "--knowledge",
         str(config.knowledge_dir), "facts", "retract", fact_id, "--reason", "load test"],
        check=True, capture_output=True, cwd=REPO,
    )
    user = FakeUser(fake.new_id(), "checker")
    while time.perf_counter() - start < 60:
        interaction = await fake.slash("ask", {"question": question}, user=user)
        callback = await fake.callback(interaction, timeout=30)
        text = str(callback.json)
        if callback.json.get("type") == 5:  # deferred: the answer is the followup
            text = str((await fake.followup(interaction, timeout=30)).json)
        if gone not in text:
            return time.perf_counter() - start
        await asyncio.sleep(0.1)
    raise RuntimeError("the CLI change did not reach answers within 60 s")


async def main_async(n_facts: int, n_asks: int, directory: Path) -> None:
    t0 = time.perf_counter()
    store = build_store(directory, n_facts)
    print(f"built a store of {n_facts:,} facts in {time.perf_counter() - t0:.1f} s", flush=True)
    async with FakeDiscord() as fake:
        config = bot_config(fake, store, store.database)
        async with running_bot(fake, config):
            # warm-up (not reported): the index builds some lookups on first use
            await ask_round(fake, store.questions, 20, name="warm-up")
            rounds = [
                await ask_round(fake, store.questions, n_asks, name="asks alone"),
                await ask_round(fake, store.questions, n_asks, name="asks during /export",
                                during="export"),
                await ask_round(fake, store.questions, n_asks,
                                name="asks during autocomplete", during="autocomplete"),
            ]
            alone = _pct(sorted(rounds[0].delays()), 95)
            for r in rounds:
                ratio = _pct(sorted(r.delays()), 95) / alone if alone else 0.0
                print(f"{r.summary()}; p95 x{ratio:.1f} of alone", flush=True)
            export = rounds[1].others[0]
            print(f"/export first response {(export.response_delay or 0) * 1000:.0f} ms "
                  f"(deferred), file of {len(rounds[1].export_file.files[0][1]):,} bytes after "
                  f"{rounds[1].export_seconds:.1f} s", flush=True)
            typed = rounds[2].delays(rounds[2].others)
            print(f"autocomplete while loaded: {len(typed)} keystrokes, p95 "
                  f"{_pct(sorted(typed), 95) * 1000:.1f} ms", flush=True)
            engine = Engine.open(replace(config, change_poll_seconds=0))
            try:
                fact = engine.get_fact("ev-0-f1")
                place = engine.get_event("ev-0").where or ""
            finally:
                engine.close()
            question = f"how high did the missile fly near {place.removesuffix(' province')}?"
            value = fact.quantities[0]
            seconds = await cli_change_seconds(
                fake, config, question, "ev-0-f1", f"{value.value:g} {value.unit}"
            )
            print(f"CLI retraction reached /ask answers after {seconds:.2f} s "
                  f"(change_poll_seconds {config.change_poll_seconds:g})", flush=True)


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.chat.loadtest")
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--asks", type=int, default=200)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="factbot-load-") as tmp:
        asyncio.run(main_async(args.facts, args.asks, Path(tmp)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
