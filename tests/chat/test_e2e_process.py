"""End to end: ``factbot run`` as its own process, bad tokens, and ``factbot sync``."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.chat import runner
from bot.chat.runner import run_bot, sync_async, sync_commands
from bot.config import Config, DiscordConfig

from .conftest import KNOWLEDGE, make_config, write_knowledge
from .fake_discord import CHANNEL_MESSAGE, FakeDiscord

ROOT = Path(__file__).resolve().parents[2]


def write_config(fake: FakeDiscord, tmp_path: Path) -> Path:
    write_knowledge(tmp_path / "knowledge")
    path = tmp_path / "factbot.yaml"
    path.write_text(
        f"database: {tmp_path / 'factbot.db'}\n"
        f"knowledge_dir: {tmp_path / 'knowledge'}\n"
        "log_level: INFO\n"
        "discord:\n"
        f"  api_base_url: {fake.base_url}\n"
        f"  moderator_role_ids: [{fake.moderator_role_id}]\n",
        encoding="utf-8",
    )
    return path


async def start_process(
    config: Path, tmp_path: Path, token: str, *args: str
) -> tuple[asyncio.subprocess.Process, Path]:
    """``python -m bot --config FILE <args>``: the ``factbot`` command line."""
    env = {**os.environ, "DISCORD_TOKEN": token, "PYTHONUNBUFFERED": "1"}
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--config",
            str(config),
            *args,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=err,
        )
    return process, stderr


async def test_factbot_run_as_a_process_answers_and_stops_cleanly(
    fake_discord: FakeDiscord, tmp_path: Path
):
    config = write_config(fake_discord, tmp_path)
    process, stderr = await start_process(config, tmp_path, fake_discord.token, "run")
    try:
        await fake_discord.wait_connected(timeout=30)
        interaction = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
        callback = await fake_discord.callback(interaction, timeout=15)
        assert callback.json["type"] == CHANNEL_MESSAGE
        assert "240 km" in callback.json["data"]["embeds"][0]["description"]
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 15) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.read_text()
    assert "Traceback" not in log
    assert "has connected to Gateway" in log  # logging was set up at the configured level
    lines = log.splitlines()
    assert len(lines) == len(set(lines)), "no log line twice (one root handler)"
    assert not fake_discord.find(lambda r: r.method == "PUT"), "never syncs commands on start"


async def test_a_rejected_token_is_one_line_and_exit_code_2(
    fake_discord: FakeDiscord, tmp_path: Path
):
    fake_discord.reject_token = True
    config = write_config(fake_discord, tmp_path)
    process, stderr = await start_process(config, tmp_path, "not-the-token", "run")
    try:
        assert await asyncio.wait_for(process.wait(), 30) == 2
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    lines = stderr.read_text().splitlines()
    assert lines == [
        "factbot: error: Discord rejected the bot token in DISCORD_TOKEN (401 Unauthorized); "
        "copy a new one from the Developer Portal (Bot > Reset Token) and set it again"
    ]


def test_a_missing_token_is_one_line_and_exit_code_2(monkeypatch, capsys):
    monkeypatch.delenv("FACTBOT_TEST_TOKEN", raising=False)
    config = Config(discord=DiscordConfig(token_env="FACTBOT_TEST_TOKEN"))
    assert run_bot(config) == 2
    assert sync_commands(config, None) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0] == err[1]
    assert err[0].startswith(
        "factbot: error: no bot token: set the FACTBOT_TEST_TOKEN environment variable"
    )


async def test_rejected_token_in_process(fake_discord: FakeDiscord, tmp_path: Path, capsys):
    fake_discord.reject_token = True
    config = make_config(fake_discord, tmp_path)
    assert await runner.run_async(config, "wrong") == 2
    assert await sync_async(config, "wrong", None) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("rejected the bot token" in line for line in err)


async def test_gateway_authentication_failure_is_a_rejected_token(
    fake_discord: FakeDiscord, tmp_path: Path, capsys
):
    fake_discord.reject_identify = True
    config = make_config(fake_discord, tmp_path)
    assert await runner.run_async(config, fake_discord.token) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "rejected the bot token" in line


async def test_message_content_intent_not_enabled_is_one_line(
    fake_discord: FakeDiscord, tmp_path: Path, capsys
):
    fake_discord.refuse_message_content = True
    config = make_config(fake_discord, tmp_path, ask_channel_ids=(fake_discord.ask_channel_id,))
    assert await runner.run_async(config, fake_discord.token) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "Message Content intent" in line and "ask_channel_ids" in line


async def test_unreachable_discord_is_one_line(tmp_path: Path, capsys):
    config = Config(
        database=tmp_path / "x.db",
        knowledge_dir=tmp_path,
        discord=DiscordConfig(api_base_url="http://127.0.0.1:9/api/v10"),
    )
    assert await runner.run_async(config, "token") == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("factbot: error: cannot talk to Discord")


@pytest.mark.parametrize("guild", [True, False])
async def test_sync_publishes_the_commands(
    fake_discord: FakeDiscord, tmp_path: Path, capsys, guild: bool
):
    config = make_config(fake_discord, tmp_path)
    guild_id = fake_discord.guild_id if guild else None
    assert await sync_async(config, fake_discord.token, guild_id) == 0
    app = fake_discord.application_id
    path = (
        f"/applications/{app}/guilds/{guild_id}/commands"
        if guild
        else f"/applications/{app}/commands"
    )
    [put] = fake_discord.find(lambda r: r.method == "PUT")
    assert put.path == path
    commands = {c["name"]: c for c in put.json}
    assert sorted(commands) == [
        "ask", "event", "export", "fact", "gaps", "notifications", "review", "settings",
        "source", "stats", "synonym",
    ]
    assert int(commands["fact"]["default_member_permissions"]) == 1 << 5
    assert commands["ask"]["default_member_permissions"] is None
    subcommands = sorted(o["name"] for o in commands["fact"]["options"])
    assert subcommands == ["add", "edit", "history", "list", "retract", "revert", "show"]
    synonym = {o["name"]: o for o in commands["synonym"]["options"]}
    assert sorted(synonym) == ["add", "list", "remove"]
    assert int(commands["synonym"]["default_member_permissions"]) == 1 << 5
    [group_id, reason] = synonym["remove"]["options"]
    assert (group_id["name"], group_id["type"], group_id["autocomplete"]) == ("id", 4, True)
    assert (reason["name"], reason["required"]) == ("reason", False)
    out = capsys.readouterr().out
    assert out.startswith("Published 11 commands ")
    assert not fake_discord.find(lambda r: r.path == "/gateway/bot"), "sync needs no gateway"


async def test_invalid_knowledge_stops_the_start_with_the_problem(
    fake_discord: FakeDiscord, tmp_path: Path, capsys
):
    config = make_config(fake_discord, tmp_path, knowledge=KNOWLEDGE.replace("240 km", "240 kmz"))
    assert await runner.run_async(config, fake_discord.token) == 1
    err = capsys.readouterr().err
    assert err.startswith("factbot: error: ") and "kmz" in err and "Traceback" not in err
    assert fake_discord.identify is None, "never connected to the gateway"
