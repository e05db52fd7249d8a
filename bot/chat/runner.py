"""Running the bot (``factbot run``) and publishing its slash commands (``factbot sync``).

Both return a process exit code and print one clear line on stderr for the problems a
person must fix (no token, a rejected token, Discord unreachable), never a traceback:

- 0: stopped cleanly (SIGINT/SIGTERM) or commands published;
- 1: another problem (Discord unreachable, knowledge invalid, missing access ...);
- 2: the token is missing or Discord rejected it.

The token is checked (login) before logging is set up, so a rejected token prints exactly
one line. ``discord.api_base_url``/``gateway_url`` point discord.py at a stand-in for
Discord's API (the tests' loopback server); leave them unset in production.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.chat.client import FactBot, ShardedFactBot, create_bot
from bot.config import Config, DiscordConfig
from bot.core.errors import FactbotError
from bot.core.runtime import AsyncEngine

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_TOKEN = 2

_background: set[asyncio.Task[Any]] = set()


def say(line: str) -> None:
    """One line on stderr for a person to act on."""
    print(f"factbot: error: {line}", file=sys.stderr, flush=True)


def _missing_token(config: Config) -> str:
    return (
        f"no bot token: set the {config.discord.token_env} environment variable to your "
        "bot's token (Discord Developer Portal > your application > Bot > Reset Token)"
    )


def _rejected_token(config: Config) -> str:
    return (
        f"Discord rejected the bot token in {config.discord.token_env} (401 Unauthorized); "
        "copy a new one from the Developer Portal (Bot > Reset Token) and set it again"
    )


def api_root(url: str) -> str:
    """``http://host:port`` or ``.../api/v10`` -> the REST root discord.py expects."""
    url = url.rstrip("/")
    if not re.search(r"/api/v\d+$", url):
        url += "/api/v10"
    return url


@contextmanager
def discord_endpoints(config: DiscordConfig) -> Iterator[None]:
    """Point discord.py's REST (``Route.BASE``) and gateway URLs at the configured ones.

    Both are class attributes in discord.py, so they are restored on exit.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    try:
        if config.api_base_url:
            Route.BASE = api_root(config.api_base_url)
        if config.gateway_url:
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config.gateway_url)
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


async def _use_gateway_of_api(bot: discord.Client, config: DiscordConfig) -> None:
    """With a custom API and no explicit gateway, connect where GET /gateway/bot says."""
    if config.api_base_url and not config.gateway_url:
        _shards, url, _limits = await bot.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


def _install_signal_handlers(bot: discord.Client) -> None:
    loop = asyncio.get_running_loop()

    def stop(sig: signal.Signals) -> None:
        log.info("Received %s: disconnecting", sig.name)
        task = asyncio.create_task(bot.close())
        _background.add(task)
        task.add_done_callback(_background.discard)

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop, sig)
        except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
            pass


def _log_load_report(aengine: AsyncEngine) -> None:
    """Warn about what loading the knowledge files reported (e.g. kept a moderator's edit)."""
    report = getattr(aengine.engine, "load_report", None)  # set once at open, then read-only
    for line in [*getattr(report, "warnings", ()), *getattr(report, "conflicts", ())]:
        log.warning("Knowledge: %s", line)


def _setup_logging(config: Config) -> None:
    """discord.py's log format at ``config.log_level``, replacing any earlier root handler
    (the CLI's default), so that no line is printed twice."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    discord.utils.setup_logging(level=getattr(logging, config.log_level, logging.INFO))


async def run_async(
    config: Config,
    token: str,
    *,
    engine_factory: Callable[[Config], Any] | None = None,
    handle_signals: bool = False,
    configure_logging: bool = False,
    bot_options: dict[str, Any] | None = None,
    on_bot: Callable[[FactBot | ShardedFactBot], None] | None = None,
) -> int:
    """Log in, open the engine, connect, and serve until the bot is closed.

    ``on_bot`` receives the bot before it logs in (tests use it to close the bot).
    """
    aengine = AsyncEngine(config, engine_factory=engine_factory)
    bot = create_bot(config, aengine, **(bot_options or {}))
    if on_bot is not None:
        on_bot(bot)
    try:
        with discord_endpoints(config.discord):
            async with bot:
                if not await _login(bot, token, config):
                    return EXIT_TOKEN
                if configure_logging:
                    _setup_logging(config)
                await _use_gateway_of_api(bot, config.discord)
                if handle_signals:
                    _install_signal_handlers(bot)
                async with aengine:
                    _log_load_report(aengine)
                    await bot.connect(reconnect=True)
    except discord.ConnectionClosed as exc:
        if exc.code == 4004:  # the gateway's "authentication failed"
            say(_rejected_token(config))
            return EXIT_TOKEN
        say(f"Discord closed the gateway connection (code {exc.code}: {exc.reason or 'no reason'})")
        return EXIT_ERROR
    except discord.PrivilegedIntentsRequired:
        say(
            "Discord refused the Message Content intent, which discord.ask_channel_ids "
            "needs: enable it in the Developer Portal (Bot > Privileged Gateway Intents), "
            "or remove ask_channel_ids from the config"
        )
        return EXIT_ERROR
    except FactbotError as exc:  # e.g. invalid knowledge files: every problem, one per line
        say(str(exc) or type(exc).__name__)
        return EXIT_ERROR
    except (discord.GatewayNotFound, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        say(
            f"cannot talk to Discord ({type(exc).__name__}: {exc}); check the network and try again"
        )
        return EXIT_ERROR
    finally:
        await aengine.close()
    return EXIT_OK


def run_bot(config: Config, *, engine_factory: Callable[[Config], Any] | None = None) -> int:
    """``factbot run``: serve until SIGINT/SIGTERM. Returns the exit code."""
    token = config.token()
    if token is None:
        say(_missing_token(config))
        return EXIT_TOKEN
    try:
        return asyncio.run(
            run_async(
                config,
                token,
                engine_factory=engine_factory,
                handle_signals=True,
                configure_logging=True,
            )
        )
    except KeyboardInterrupt:  # before the signal handlers were installed
        return 130


async def _login(bot: FactBot | ShardedFactBot, token: str, config: Config) -> bool:
    """Log in; on a rejected token say so in one line and return False."""
    try:
        await bot.login(token)
    except discord.LoginFailure:
        say(_rejected_token(config))
        return False
    return True


async def sync_async(config: Config, token: str, guild_id: int | None) -> int:
    """Publish the slash commands to one guild (at once) or globally."""
    aengine = AsyncEngine(config)  # never started: building the commands needs no engine
    bot = create_bot(config, aengine)
    try:
        with discord_endpoints(config.discord):
            async with bot:
                if not await _login(bot, token, config):
                    return EXIT_TOKEN
                if guild_id is not None:
                    guild = discord.Object(id=guild_id)
                    bot.tree.copy_global_to(guild=guild)
                    synced = await bot.tree.sync(guild=guild)
                    where = f"to server {guild_id} (usable there at once)"
                else:
                    synced = await bot.tree.sync()
                    where = "globally (Discord can take a while to show them in every server)"
    except discord.Forbidden as exc:
        target = f"server {guild_id}" if guild_id is not None else "Discord"
        say(
            f"{target} refused the commands ({exc.status}): invite the bot to it with the "
            "'bot applications.commands' scopes (see the README), then run factbot sync again"
        )
        return EXIT_ERROR
    except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        say(
            f"cannot talk to Discord ({type(exc).__name__}: {exc}); check the network and try again"
        )
        return EXIT_ERROR
    finally:
        await aengine.close()
    names = ", ".join(f"/{command.name}" for command in synced)
    print(f"Published {len(synced)} commands {where}: {names}")
    return EXIT_OK


def sync_commands(config: Config, guild_id: int | None) -> int:
    """``factbot sync [--guild ID]``: publish the slash commands and exit."""
    token = config.token()
    if token is None:
        say(_missing_token(config))
        return EXIT_TOKEN
    return asyncio.run(sync_async(config, token, guild_id))


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.chat.runner [--config FILE] run|sync [--guild ID]``.

    A minimal entry point for tests and for running without the ``factbot`` CLI; the CLI
    (``bot/cli.py``) is the real front door and calls the same functions.
    """
    import argparse

    from bot.config import load_config

    parser = argparse.ArgumentParser(prog="python -m bot.chat.runner")
    parser.add_argument("--config", default=None)
    parser.add_argument("command", choices=("run", "sync"))
    parser.add_argument("--guild", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except FactbotError as exc:
        say(str(exc))
        return EXIT_ERROR
    if args.command == "run":
        return run_bot(config)
    return sync_commands(config, args.guild)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
