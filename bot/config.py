"""Configuration: one YAML file, validated into frozen dataclasses.

Built in ``main`` and passed down, never read at import time, so tests and the CLI need no
token or file. Every key is documented in ``config.example.yaml``; an unknown key or a
value of the wrong type is a :class:`ConfigError` that names the file, the key and what to
write instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from bot.core.errors import ConfigError

DEFAULT_DB = Path("data/factbot.db")
DEFAULT_KNOWLEDGE = Path("knowledge")
MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True)
class CooldownConfig:
    rate: int = 3  # questions ...
    per_seconds: float = 30.0  # ... per this many seconds, per user


@dataclass(frozen=True)
class DiscordConfig:
    token_env: str = "DISCORD_TOKEN"  # environment variable holding the bot token
    shard_count: int | None = None  # set to run an AutoShardedBot with this many shards
    moderator_role_ids: tuple[int, ...] = ()  # besides members with Manage Server
    ask_channel_ids: tuple[int, ...] = ()  # channels where any message ending in "?" is answered
    answer_mentions: bool = True  # answer messages that mention the bot
    knowledge_guild_ids: tuple[int, ...] = ()  # guilds whose moderators may edit shipped facts
    ask_cooldown: CooldownConfig = field(default_factory=CooldownConfig)
    # For tests against a local stand-in for Discord's API; leave unset in production.
    api_base_url: str | None = None
    gateway_url: str | None = None


@dataclass(frozen=True)
class LoopConfig:
    """The trust loop: unanswered questions, feedback and per-server tuning (issue 11)."""

    # The matcher's defaults (bot.core.matching.decide.DEFAULT_THRESHOLDS); servers override
    # them with /settings.
    answer_threshold: float = 0.5  # match score an answer needs
    suggest_threshold: float = 0.2  # below the answer threshold: "Did you mean"; below: none
    low_confidence: float = 0.70  # answers below this confidence are listed in /gaps too
    notify_by_dm: bool = False  # tell askers by DM instead of a reply in the channel
    gaps_days: int = 7  # default period of /gaps and /stats, in days
    # a question that names no event is read in the event its channel was last answered
    # about within this many minutes ("and how many were hurt?"); 0: each question alone
    context_minutes: float = 30.0


@dataclass(frozen=True)
class Config:
    database: Path = DEFAULT_DB
    knowledge_dir: Path = DEFAULT_KNOWLEDGE
    log_level: str = "INFO"
    # How often the running bot looks for changes another process (e.g. the CLI) made to the
    # database, in seconds; they reach answers within about this long.
    change_poll_seconds: float = 1.0
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    loop: LoopConfig = field(default_factory=LoopConfig)
    source_file: Path | None = None  # the file it was read from, for messages

    def token(self) -> str | None:
        value = os.environ.get(self.discord.token_env, "").strip()
        return value or None


_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _coerce(where: str, key: str, value: Any, expected: str) -> Any:
    """Check one scalar or list value against the expected type spelled in the dataclass."""
    if value is None:
        if "None" in expected:
            return None
        raise ConfigError(f"{where}: '{key}' must not be empty (expected {expected})")
    if expected.startswith("tuple[int"):
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise ConfigError(
                f"{where}: '{key}' must be a list of numeric Discord ids, e.g. [123456789012345678]"
            )
        return tuple(value)
    if expected.startswith("int"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{where}: '{key}' must be a whole number of at least 1")
        return value
    if expected.startswith("float"):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{where}: '{key}' must be a positive number")
        if value == 0 and key.split(".")[-1] not in _MAY_BE_OFF:  # (the poll, the context)
            raise ConfigError(f"{where}: '{key}' must be a positive number")
        return float(value)
    if expected.startswith("bool"):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{key}' must be true or false")
        return value
    if expected.startswith("Path"):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: '{key}' must be a file path")
        return Path(value).expanduser()
    if expected.startswith("str"):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: '{key}' must be a non-empty string")
        return value.strip()
    raise ConfigError(f"{where}: '{key}' has an unsupported type {expected}")  # pragma: no cover


_MAY_BE_OFF = frozenset({"change_poll_seconds", "context_minutes"})


def _check_thresholds(where: str, values: dict[str, Any]) -> None:
    """Scores are in (0, 1], and "Did you mean" must start below answering."""
    for key in ("answer_threshold", "suggest_threshold", "low_confidence"):
        if key in values and values[key] > 1.0:
            raise ConfigError(f"{where}: 'loop.{key}' must be a number between 0 and 1")
    answer = values.get("answer_threshold", LoopConfig.answer_threshold)
    suggest = values.get("suggest_threshold", LoopConfig.suggest_threshold)
    if suggest >= answer:
        raise ConfigError(
            f"{where}: 'loop.suggest_threshold' ({suggest}) must be below "
            f"'loop.answer_threshold' ({answer})"
        )


_SECTIONS: dict[str, type] = {}


def _build(cls: type, data: Any, where: str, prefix: str = "") -> Any:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: '{prefix or 'the file'}' must be a mapping of keys to values")
    known = {f.name: f for f in fields(cls) if f.name != "source_file"}
    values: dict[str, Any] = {}
    for key, raw in data.items():
        dotted = f"{prefix}{key}"
        if key not in known:
            raise ConfigError(
                f"{where}: unknown key '{dotted}' (known: {', '.join(sorted(known))}); "
                "see config.example.yaml"
            )
        expected = str(known[key].type)
        if expected in _SECTIONS:
            values[key] = _build(_SECTIONS[expected], raw, where, prefix=f"{dotted}.")
        else:
            values[key] = _coerce(where, dotted, raw, expected)
    if cls is LoopConfig:
        _check_thresholds(where, values)
    if "log_level" in values:
        level = str(values["log_level"]).upper()
        if level not in _LOG_LEVELS:
            raise ConfigError(f"{where}: 'log_level' must be one of {', '.join(_LOG_LEVELS)}")
        values["log_level"] = level
    return cls(**values)


_SECTIONS.update(
    {"DiscordConfig": DiscordConfig, "CooldownConfig": CooldownConfig, "LoopConfig": LoopConfig}
)


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; ``None`` gives the embedded defaults.

    Relative paths in the file are taken relative to the current directory, like the
    command-line options that override them.
    """
    if path is None:
        return Config()
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{where}: no such config file (copy config.example.yaml to start one)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read the config file: {exc.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{where}: is {len(raw):,} bytes, too big for a config file (at most "
            f"{MAX_CONFIG_BYTES:,}); is it the right file?"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{where}:{line}: not UTF-8 text (a binary file?); give a YAML config file "
            "like config.example.yaml"
        ) from None
    if "\x00" in text:
        raise ConfigError(
            f"{where}: contains NUL bytes (a binary file?); give a YAML config file "
            "like config.example.yaml"
        )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{where}{line}: {problem}; fix the YAML syntax") from None
    config = _build(Config, data, where)
    return replace(config, source_file=Path(path))


def with_overrides(
    config: Config, *, database: Path | None = None, knowledge_dir: Path | None = None
) -> Config:
    """Apply command-line options, which win over the file."""
    changes: dict[str, Any] = {}
    if database is not None:
        changes["database"] = Path(database)
    if knowledge_dir is not None:
        changes["knowledge_dir"] = Path(knowledge_dir)
    return replace(config, **changes) if changes else config


__all__ = [
    "Config",
    "CooldownConfig",
    "DiscordConfig",
    "LoopConfig",
    "load_config",
    "with_overrides",
]
