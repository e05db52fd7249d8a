"""Per-server tuning: the answer and "Did you mean" thresholds and the mod-log channel.

The config file gives the defaults (``loop.answer_threshold``, ``loop.suggest_threshold``;
the matcher's other margins stay as :data:`~bot.core.matching.decide.DEFAULT_THRESHOLDS`);
a server's moderators override them with ``/settings``. Overrides live in the
``guild_settings`` table; every change also writes an audit row (entity ``settings``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

from sqlite_utils import Database

from bot.core.errors import Problem, ValidationError
from bot.core.matching import Thresholds


def _problem(field: str, message: str) -> Problem:
    return Problem(None, None, "settings", field, message)


def check_thresholds(thresholds: Thresholds) -> Thresholds:
    """Scores are in (0, 1], and "Did you mean" must start below answering."""
    problems = []
    for name, value in (("answer", thresholds.answer), ("suggest", thresholds.suggest)):
        if not 0.0 < value <= 1.0:
            problems.append(
                _problem(f"{name} threshold", f"must be between 0 and 1, got {value}")
            )
    if not problems and thresholds.suggest >= thresholds.answer:
        problems.append(
            _problem(
                "suggest threshold",
                f"must be below the answer threshold ({thresholds.answer}), "
                f"got {thresholds.suggest}",
            )
        )
    if problems:
        raise ValidationError(problems)
    return thresholds


@dataclass(frozen=True)
class GuildSettings:
    """What one server has set; ``None`` fields fall back to the config defaults."""

    guild_id: int
    thresholds: Thresholds  # effective (override or default)
    overridden: bool  # whether the server set its own thresholds
    modlog_channel_id: int | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SettingsBook:
    """Reads and writes ``guild_settings``; ``defaults`` come from the config."""

    def __init__(self, db: Database, defaults: Thresholds):
        self.db = db
        self.defaults = defaults
        self._thresholds: dict[int | None, Thresholds] = {}  # read on every question

    def get(self, guild_id: int | None) -> GuildSettings:
        if guild_id is None:
            return GuildSettings(0, self.defaults, False)
        rows = list(self.db["guild_settings"].rows_where("guild_id = ?", [guild_id]))
        if not rows:
            return GuildSettings(guild_id, self.defaults, False)
        row = rows[0]
        answer, suggest = row["answer_threshold"], row["suggest_threshold"]
        overridden = answer is not None or suggest is not None
        thresholds = replace(
            self.defaults,
            answer=answer if answer is not None else self.defaults.answer,
            suggest=suggest if suggest is not None else self.defaults.suggest,
        )
        return GuildSettings(guild_id, thresholds, overridden, row["modlog_channel_id"])

    def thresholds(self, guild_id: int | None) -> Thresholds:
        cached = self._thresholds.get(guild_id)
        if cached is None:
            cached = self._thresholds[guild_id] = self.get(guild_id).thresholds
        return cached

    def update(
        self,
        guild_id: int,
        *,
        actor: str,
        answer: float | None = None,
        suggest: float | None = None,
        modlog_channel_id: int | None = None,
        clear_modlog: bool = False,
        reset_thresholds: bool = False,
    ) -> GuildSettings:
        """Change what is given; ``reset_thresholds`` goes back to the config defaults."""
        before = self.get(guild_id)
        rows = list(self.db["guild_settings"].rows_where("guild_id = ?", [guild_id]))
        row = rows[0] if rows else {"guild_id": guild_id, "answer_threshold": None,
                                    "suggest_threshold": None, "modlog_channel_id": None}
        row = dict(row)
        if reset_thresholds:
            row["answer_threshold"] = row["suggest_threshold"] = None
        if answer is not None:
            row["answer_threshold"] = float(answer)
        if suggest is not None:
            row["suggest_threshold"] = float(suggest)
        check_thresholds(
            replace(
                self.defaults,
                answer=row["answer_threshold"] if row["answer_threshold"] is not None
                else self.defaults.answer,
                suggest=row["suggest_threshold"] if row["suggest_threshold"] is not None
                else self.defaults.suggest,
            )
        )
        if clear_modlog:
            row["modlog_channel_id"] = None
        elif modlog_channel_id is not None:
            row["modlog_channel_id"] = modlog_channel_id
        row.update(updated_at=_now(), updated_by=actor)
        self._thresholds.pop(guild_id, None)
        with self.db.atomic():
            self.db["guild_settings"].upsert(row, pk="guild_id")
            after = self.get(guild_id)
            self.db["audit"].insert(
                {
                    "entity": "settings",
                    "entity_id": str(guild_id),
                    "action": "edit",
                    "actor": actor,
                    "at": row["updated_at"],
                    "guild_id": guild_id,
                    "reason": None,
                    "before": json.dumps(_snapshot(before)),
                    "after": json.dumps(_snapshot(after)),
                }
            )
        return after


def _snapshot(settings: GuildSettings) -> dict:
    data = asdict(settings)
    data["thresholds"] = {"answer": settings.thresholds.answer,
                          "suggest": settings.thresholds.suggest}
    return data
