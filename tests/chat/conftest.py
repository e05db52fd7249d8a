"""Fixtures for the Discord layer: the loopback stand-in, a knowledge dir, a running bot."""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.chat.client import FactBot, ShardedFactBot
from bot.chat.runner import run_async
from bot.config import Config, CooldownConfig, DiscordConfig, LoopConfig

from .fake_discord import FakeDiscord

EVENT_ID = "wonsan-launch-2022-11-17"
SOURCE_ID = "wire-2022-11-17"

KNOWLEDGE = textwrap.dedent(
    """\
    events:
      - id: wonsan-launch-2022-11-17
        title: "North Korea fires a short-range ballistic missile from Wonsan"
        when: 2022-11-17T10:48:00+09:00
        where: "Wonsan area, east coast of North Korea"
        aliases: ["the Wonsan launch"]

    sources:
      - id: wire-2022-11-17
        title: "North Korea fires ballistic missile after threatening response"
        publisher: "Example Wire"
        published: 2022-11-17
        url: https://example.org/news/wonsan

    facts:
      - id: wonsan-range
        event: wonsan-launch-2022-11-17
        source: wire-2022-11-17
        kind: measurement
        attribute: range
        values: ["240 km", "150 mi"]
        approximate: true
        reported_by: "South Korea's Joint Chiefs of Staff"
        text: "South Korea's Joint Chiefs of Staff said the missile flew about 240 km (150 mi)."
        keywords: [distance, how far, flew]

      - id: wonsan-launch-time
        event: wonsan-launch-2022-11-17
        source: wire-2022-11-17
        kind: time
        attribute: launch_time
        time: 2022-11-17T10:48:00+09:00
        reported_by: "South Korea's Joint Chiefs of Staff"
        text: "The missile was launched at 10:48 local time."
        keywords: [when, what time, launched]
    """
)


def write_knowledge(directory: Path, text: str = KNOWLEDGE) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "test.yaml").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


def make_config(
    fake: FakeDiscord,
    tmp_path: Path,
    *,
    knowledge: str = KNOWLEDGE,
    loop: LoopConfig | None = None,
    **discord: Any,
) -> Config:
    cooldown = discord.pop("ask_cooldown", CooldownConfig(rate=100, per_seconds=60))
    settings = DiscordConfig(
        api_base_url=fake.api_base,
        moderator_role_ids=(fake.moderator_role_id,),
        ask_cooldown=cooldown,
    )
    return Config(
        database=tmp_path / "factbot.db",
        knowledge_dir=write_knowledge(tmp_path / "knowledge", knowledge),
        log_level="DEBUG",
        discord=replace(settings, **discord),
        loop=loop or LoopConfig(),
    )


@dataclass
class RunningBot:
    bot: FactBot | ShardedFactBot
    task: asyncio.Task[int]
    config: Config

    async def stop(self) -> int:
        await self.bot.close()
        return await asyncio.wait_for(self.task, 10)


StartBot = Callable[..., Awaitable[RunningBot]]


@pytest.fixture
async def start_bot(fake_discord: FakeDiscord, tmp_path: Path) -> AsyncIterator[StartBot]:
    """``await start_bot(engine_factory=..., knowledge=..., **discord_config)``: a bot
    running in this event loop against the stand-in, through :func:`run_async`."""
    running: list[RunningBot] = []

    async def start(
        *,
        engine_factory: Callable[[Config], Any] | None = None,
        knowledge: str = KNOWLEDGE,
        loop: LoopConfig | None = None,
        **discord: Any,
    ) -> RunningBot:
        config = make_config(fake_discord, tmp_path, knowledge=knowledge, loop=loop, **discord)
        holder: list[FactBot | ShardedFactBot] = []
        task = asyncio.create_task(
            run_async(
                config,
                fake_discord.token,
                engine_factory=engine_factory,
                bot_options={"guild_ready_timeout": 0.05},
                on_bot=holder.append,
            )
        )
        await asyncio.sleep(0)  # run_async hands over the bot before its first await
        handle = RunningBot(holder[0], task, config)
        running.append(handle)
        ready = asyncio.ensure_future(handle.bot.wait_until_ready())
        done, _ = await asyncio.wait({ready, task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task.done():
                raise AssertionError(f"the bot stopped early with exit code {task.result()}")
            raise AssertionError("the bot did not become ready within 15 s")
        return handle

    yield start
    for handle in running:
        if not handle.task.done():
            assert await handle.stop() == 0
