"""load_config: defaults, the documented example, and one clear ConfigError per mistake."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
import yaml

from bot.config import (
    Config,
    CooldownConfig,
    DiscordConfig,
    LoopConfig,
    load_config,
    with_overrides,
)
from bot.core.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "config.example.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "factbot.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_none_gives_defaults():
    config = load_config(None)
    assert config == Config()
    assert config.database == Path("data/factbot.db")
    assert config.knowledge_dir == Path("knowledge")
    assert config.log_level == "INFO"
    assert config.discord == DiscordConfig()
    assert config.discord.ask_cooldown == CooldownConfig()
    assert config.source_file is None


@pytest.mark.parametrize("text", ["", "# only a comment\n", "{}\n"])
def test_empty_file_gives_defaults(tmp_path: Path, text: str):
    path = write(tmp_path, text)
    config = load_config(path)
    assert dataclasses.replace(config, source_file=None) == Config()
    assert config.source_file == path


def test_every_key_loads(tmp_path: Path):
    path = write(tmp_path, textwrap.dedent("""\
        database: db/bot.db
        knowledge_dir: facts
        log_level: debug
        discord:
          token_env: MY_TOKEN
          shard_count: 2
          moderator_role_ids: [1, 2]
          ask_channel_ids: 3
          answer_mentions: false
          knowledge_guild_ids: [4]
          ask_cooldown:
            rate: 5
            per_seconds: 10
          api_base_url: http://127.0.0.1:9999/api
          gateway_url: ws://127.0.0.1:9999/gateway
        """))
    config = load_config(path)
    assert config.database == Path("db/bot.db")
    assert config.knowledge_dir == Path("facts")
    assert config.log_level == "DEBUG"
    d = config.discord
    assert d.token_env == "MY_TOKEN"
    assert d.shard_count == 2
    assert d.moderator_role_ids == (1, 2)
    assert d.ask_channel_ids == (3,)  # a single id is accepted as a list of one
    assert d.answer_mentions is False
    assert d.knowledge_guild_ids == (4,)
    assert d.ask_cooldown == CooldownConfig(rate=5, per_seconds=10.0)
    assert isinstance(d.ask_cooldown.per_seconds, float)
    assert d.api_base_url == "http://127.0.0.1:9999/api"
    assert d.gateway_url == "ws://127.0.0.1:9999/gateway"


def test_loop_keys_load(tmp_path: Path):
    path = write(tmp_path, textwrap.dedent("""\
        loop:
          answer_threshold: 0.7
          suggest_threshold: 0.4
          low_confidence: 0.8
          notify_by_dm: true
          gaps_days: 14
          context_minutes: 10
        """))
    assert load_config(path).loop == LoopConfig(0.7, 0.4, 0.8, True, 14, 10.0)


def test_the_conversation_context_may_be_turned_off(tmp_path: Path):
    path = write(tmp_path, "loop:\n  context_minutes: 0\n")
    assert load_config(path).loop.context_minutes == 0.0


def _leaf_keys(data: dict, prefix: str = "") -> set[str]:
    out = set()
    for key, value in data.items():
        if isinstance(value, dict):
            out |= _leaf_keys(value, f"{prefix}{key}.")
        out.add(f"{prefix}{key}")
    return out


def _config_keys(cls: type = Config, prefix: str = "") -> set[str]:
    out = set()
    for f in dataclasses.fields(cls):
        if f.name == "source_file":
            continue
        out.add(f"{prefix}{f.name}")
        sub = {"DiscordConfig": DiscordConfig, "CooldownConfig": CooldownConfig,
               "LoopConfig": LoopConfig}.get(str(f.type))
        if sub is not None:
            out |= _config_keys(sub, f"{prefix}{f.name}.")
    return out


@pytest.mark.skipif(not EXAMPLE.exists(), reason="config.example.yaml not written yet")
def test_example_config_loads():
    config = load_config(EXAMPLE)
    assert isinstance(config, Config)
    assert config.source_file == EXAMPLE


@pytest.mark.skipif(not EXAMPLE.exists(), reason="config.example.yaml not written yet")
def test_example_config_documents_every_key():
    """Every key, commented out or not, appears in the example."""
    text = EXAMPLE.read_text(encoding="utf-8")
    uncommented = "\n".join(
        line.replace("# ", "", 1) if line.lstrip().startswith("# ") and ":" in line else line
        for line in text.splitlines()
    )
    for key in sorted(_config_keys()):
        assert f"{key.rsplit('.', 1)[-1]}:" in uncommented, f"{key} is not in {EXAMPLE.name}"
    data = yaml.safe_load(text) or {}
    assert _leaf_keys(data) <= _config_keys()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: blue\n", "unknown key 'colour'"),
        ("discord:\n  tokenenv: X\n", "unknown key 'discord.tokenenv'"),
        ("discord:\n  ask_cooldown:\n    burst: 2\n", "unknown key 'discord.ask_cooldown.burst'"),
        ("database: 5\n", "'database' must be a file path"),
        ("database: ''\n", "'database' must be a file path"),
        ("knowledge_dir: [a]\n", "'knowledge_dir' must be a file path"),
        ("log_level: LOUD\n", "'log_level' must be one of DEBUG, INFO"),
        ("log_level: 3\n", "'log_level' must be a non-empty string"),
        ("database:\n", "'database' must not be empty"),
        ("discord: 5\n", "'discord.' must be a mapping"),
        ("- a\n- b\n", "'the file' must be a mapping"),
        ("discord:\n  shard_count: 0\n", "'discord.shard_count' must be a whole number"),
        ("discord:\n  shard_count: two\n", "'discord.shard_count' must be a whole number"),
        ("discord:\n  shard_count: true\n", "'discord.shard_count' must be a whole number"),
        ("discord:\n  answer_mentions: 'yes'\n", "'discord.answer_mentions' must be true or false"),
        ("discord:\n  moderator_role_ids: [abc]\n",
         "'discord.moderator_role_ids' must be a list of numeric Discord ids"),
        ("discord:\n  ask_channel_ids: [true]\n",
         "'discord.ask_channel_ids' must be a list of numeric Discord ids"),
        ("discord:\n  ask_cooldown:\n    per_seconds: -1\n",
         "'discord.ask_cooldown.per_seconds' must be a positive number"),
        ("discord:\n  token_env: '  '\n", "'discord.token_env' must be a non-empty string"),
        ("loop:\n  answer_threshold: 1.5\n", "'loop.answer_threshold' must be a number between"),
        ("loop:\n  suggest_threshold: 0.7\n", "'loop.suggest_threshold' (0.7) must be below"),
        ("loop:\n  notify_by_dm: 1\n", "'loop.notify_by_dm' must be true or false"),
        ("loop:\n  gaps_days: 0\n", "'loop.gaps_days' must be a whole number"),
        ("loop:\n  context_minutes: -5\n", "'loop.context_minutes' must be a positive number"),
        ("loop:\n  colour: red\n", "unknown key 'loop.colour'"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = str(info.value)
    assert error.startswith(f"{path}")
    assert message in error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("database: [unclosed\n", 2),
        ("log_level: INFO\ndiscord:\n  token_env: X\n bad_indent: 1\n", 4),
        ("a: 1\na: {\n", 3),
        ("\tdatabase: x\n", 1),
    ],
)
def test_bad_yaml_names_file_and_line(tmp_path: Path, text: str, line: int):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = str(info.value)
    assert error.startswith(f"{path}:{line}: ")
    assert "fix the YAML syntax" in error


def test_missing_file(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"no such config file"):
        load_config(tmp_path / "nope.yaml")


def test_directory_instead_of_file(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"cannot read the config file"):
        load_config(tmp_path)


def test_token_comes_from_the_named_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    config = load_config(write(tmp_path, "discord:\n  token_env: FACTBOT_TEST_TOKEN\n"))
    monkeypatch.delenv("FACTBOT_TEST_TOKEN", raising=False)
    assert config.token() is None
    monkeypatch.setenv("FACTBOT_TEST_TOKEN", "  ")
    assert config.token() is None
    monkeypatch.setenv("FACTBOT_TEST_TOKEN", " abc ")
    assert config.token() == "abc"


def test_overrides_win_over_the_file(tmp_path: Path):
    config = load_config(write(tmp_path, "database: a.db\nknowledge_dir: k\n"))
    assert with_overrides(config) is config
    changed = with_overrides(config, database=Path("b.db"), knowledge_dir=Path("k2"))
    assert (changed.database, changed.knowledge_dir) == (Path("b.db"), Path("k2"))
    assert changed.log_level == config.log_level
