"""Run the synchronous engine from asyncio without blocking the event loop.

SQLite connections are bound to the thread that made them (sqlite-utils keeps Python's
same-thread check), so the engine is opened *inside* one dedicated worker thread and every
call is sent there. One thread serialises writes (one transaction per change, as Datasette
does with its write thread) and answering a question costs about a millisecond, so a
single worker never becomes the bottleneck of a bot, and the event loop never runs SQL or
scoring itself.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from bot.config import Config
from bot.core.engine import Engine

T = TypeVar("T")


class AsyncEngine:
    """An :class:`Engine` owned by one worker thread, awaited from the event loop."""

    def __init__(self, config: Config, *, engine_factory: Callable[[Config], Engine] | None = None):
        self._config = config
        self._factory = engine_factory or Engine.open
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-engine")
        self._engine: Engine | None = None

    async def start(self) -> None:
        if self._engine is None:
            self._engine = await self._run(self._factory, self._config)

    async def close(self) -> None:
        if self._engine is not None:
            engine, self._engine = self._engine, None
            await self._run(engine.close)
        self._executor.shutdown(wait=True)

    async def __aenter__(self) -> AsyncEngine:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def engine(self) -> Engine:
        """The engine itself; only for code already running on the worker thread."""
        if self._engine is None:
            raise RuntimeError("AsyncEngine.start() has not been awaited")
        return self._engine

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call ``Engine.<method>(*args, **kwargs)`` on the worker thread and await the result.

        Core errors (``FactbotError`` subclasses) propagate unchanged, for the caller to
        render.
        """
        fn = getattr(self.engine, method)
        return await self._run(fn, *args, **kwargs)
