"""Feedback on answers: Helpful, Wrong and Outdated votes, and the facts they flag.

A person has one vote per answer (``asked`` row) and may change it; a vote keeps the ids of
the facts that answered. A fact with a Wrong or Outdated vote newer than a moderator's last
"dismiss" shows in ``/review flagged``. Votes never change an answer by themselves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from bot.core.errors import NotFound, Problem, ValidationError

VOTES = ("helpful", "wrong", "outdated")
NEGATIVE = ("wrong", "outdated")
MAX_REASON = 500


@dataclass(frozen=True)
class Vote:
    asked_id: int
    user_id: int
    vote: str
    reason: str | None
    fact_ids: tuple[str, ...]
    changed: bool  # an earlier, different vote by the same person was replaced


@dataclass(frozen=True)
class Flag:
    """A fact with negative votes not yet dismissed."""

    fact_id: str
    wrong: int
    outdated: int
    helpful: int
    reasons: tuple[str, ...]  # the latest few reasons given
    last_at: datetime


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class FeedbackBook:
    """The ``votes`` and ``flag_dismissals`` tables."""

    def __init__(self, db: Database):
        self.db = db

    def vote(self, asked_id: int, *, user_id: int, guild_id: int | None, vote: str) -> Vote:
        if vote not in VOTES:
            raise ValidationError(
                [Problem(None, None, "vote", None, f"must be one of {', '.join(VOTES)}")]
            )
        rows = list(self.db["asked"].rows_where("id = ?", [asked_id]))
        if not rows or rows[0]["guild_id"] != guild_id or rows[0]["status"] != "answer":
            raise NotFound("that answer is no longer on record; ask the question again")
        fact_ids = json.loads(rows[0]["fact_ids"])
        old = list(self.db["votes"].rows_where("asked_id = ? and user_id = ?", [asked_id, user_id]))
        changed = bool(old) and old[0]["vote"] != vote
        keep_reason = old[0]["reason"] if old and not changed else None
        self.db["votes"].upsert(
            {
                "asked_id": asked_id,
                "user_id": user_id,
                "guild_id": guild_id,
                "vote": vote,
                "reason": keep_reason,
                "at": _now(),
                "fact_ids": json.dumps(fact_ids),
            },
            pk=("asked_id", "user_id"),
        )
        return Vote(asked_id, user_id, vote, keep_reason, tuple(fact_ids), changed)

    def give_reason(self, asked_id: int, *, user_id: int, reason: str) -> None:
        reason = " ".join(reason.split())[:MAX_REASON]
        key = [asked_id, user_id]
        rows = list(self.db["votes"].rows_where("asked_id = ? and user_id = ?", key))
        if not rows:
            raise NotFound("vote first, then give a reason")
        self.db["votes"].update((asked_id, user_id), {"reason": reason or None})

    def flagged(self, *, guild_id: int | None) -> list[Flag]:
        """Facts with Wrong/Outdated votes cast in this guild since their last dismissal,
        most flagged first."""
        dismissed = {
            r["fact_id"]: r["at"]
            for r in self.db["flag_dismissals"].rows_where("guild_id = ?", [guild_id])
        }
        tally: dict[str, dict] = {}
        for row in self.db["votes"].rows_where("guild_id = ?", [guild_id], order_by="at"):
            for fact_id in json.loads(row["fact_ids"]):
                if fact_id in dismissed and row["at"] <= dismissed[fact_id]:
                    continue
                t = tally.setdefault(
                    fact_id, {"wrong": 0, "outdated": 0, "helpful": 0, "reasons": [], "at": ""}
                )
                t[row["vote"]] += 1
                if row["vote"] in NEGATIVE:
                    t["at"] = max(t["at"], row["at"])
                    if row["reason"]:
                        t["reasons"].append(row["reason"])
        flags = [
            Flag(
                fact_id,
                t["wrong"],
                t["outdated"],
                t["helpful"],
                tuple(t["reasons"][-3:]),
                datetime.fromisoformat(t["at"]),
            )
            for fact_id, t in tally.items()
            if t["wrong"] or t["outdated"]
        ]
        flags.sort(key=lambda f: (-(f.wrong + f.outdated), -f.last_at.timestamp(), f.fact_id))
        return flags

    def dismiss(self, fact_id: str, *, guild_id: int | None, actor: str) -> None:
        """The votes so far were looked at: the fact leaves /review flagged until a new one."""
        self.db["flag_dismissals"].upsert(
            {"guild_id": guild_id, "fact_id": fact_id, "at": _now(), "actor": actor},
            pk=("guild_id", "fact_id"),
        )
