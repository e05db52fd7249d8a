"""Unanswered questions: every question asked is logged, and the ones the bot could not
answer well (an abstention, a "Did you mean", a low-confidence answer) are grouped with
earlier askings of the same question, fuzzily, so moderators see what people keep asking.

Grouping compares canonical terms (stop words dropped, words stemmed) with RapidFuzz's
``token_sort_ratio``: "How fast did the missile fly?" and "how fast did the missle fly"
are one gap; "how fast did it fly" and "how far did it fly" are not (80 < 85). A typo in a
stop word ("teh") is a term of its own, so such a question may start a gap of its own.
Grouping is per guild.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz
from sqlite_utils import Database

from bot.core.errors import NotFound
from bot.core.text import content_stems

GROUP_SCORE = 85.0  # token_sort_ratio at or above which two questions are the same gap
NOTIFY_WITHIN_DAYS = 30  # a fact answers (and its askers hear about) gaps this recent


@dataclass(frozen=True)
class Candidate:
    """A fact the matcher considered, with its score (0-1)."""

    fact_id: str
    score: float


@dataclass(frozen=True)
class Asking:
    """Who asked, where: what the Discord layer knows about one question."""

    guild_id: int | None
    channel_id: int | None = None
    user_id: int | None = None
    message_id: int | None = None  # the asker's message, when asked by message


@dataclass(frozen=True)
class Gap:
    """An unanswered question and how often it was asked."""

    id: int
    guild_id: int | None
    question: str
    count: int  # askings in total
    askers: int  # distinct people
    first_at: datetime
    last_at: datetime
    status: str  # open, answered
    event: str | None
    candidates: tuple[Candidate, ...]
    resolved_by: str | None = None


@dataclass(frozen=True)
class Asker:
    gap_id: int
    user_id: int
    channel_id: int | None
    message_id: int | None
    notified_at: str | None


def now_utc() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def norm(question: str) -> str:
    """The canonical form gaps are grouped by: sorted unique terms."""
    return " ".join(sorted(set(content_stems(question)))) or question.strip().casefold()


def _gap(row: dict, askers: int) -> Gap:
    return Gap(
        id=row["id"],
        guild_id=row["guild_id"],
        question=row["question"],
        count=row["count"],
        askers=askers,
        first_at=datetime.fromisoformat(row["first_at"]),
        last_at=datetime.fromisoformat(row["last_at"]),
        status=row["status"],
        event=row["event"],
        candidates=tuple(
            Candidate(c["fact_id"], c["score"]) for c in json.loads(row["candidates"])
        ),
        resolved_by=row["resolved_by"],
    )


class GapBook:
    """The ``asked``, ``gaps`` and ``gap_askers`` tables."""

    def __init__(self, db: Database):
        self.db = db

    def log(
        self,
        asking: Asking,
        *,
        question: str,
        status: str,
        confidence: float,
        fact_ids: Iterable[str],
        event: str | None,
        candidates: Iterable[Candidate],
        reason: str | None,
        is_gap: bool,
        at: datetime | None = None,
    ) -> tuple[int, int | None]:
        """Log one question; group it into a gap when ``is_gap``. Returns (asked id, gap id)."""
        at = at or now_utc()
        cands = [{"fact_id": c.fact_id, "score": round(c.score, 3)} for c in candidates]
        with self.db.atomic():
            gap_id = self._group(asking, question, at, event, cands) if is_gap else None
            asked = self.db["asked"].insert(
                {
                    "at": _iso(at),
                    "day": at.astimezone(UTC).date().isoformat(),
                    "guild_id": asking.guild_id,
                    "channel_id": asking.channel_id,
                    "user_id": asking.user_id,
                    "message_id": asking.message_id,
                    "question": question,
                    "status": status,
                    "confidence": round(confidence, 3),
                    "fact_ids": json.dumps(list(fact_ids)),
                    "event": event,
                    "candidates": json.dumps(cands),
                    "reason": reason,
                    "gap_id": gap_id,
                }
            )
        return int(asked.last_pk), gap_id

    def last_answered_event(self, asking: Asking, *, since: datetime) -> str | None:
        """The event of the last question answered in the asker's channel since ``since``
        (the conversation's event), or None."""
        rows = self.db["asked"].rows_where(
            "channel_id = ? AND guild_id IS ? AND at >= ? AND status = 'answer' "
            "AND event IS NOT NULL",
            [asking.channel_id, asking.guild_id, _iso(since)],
            order_by="at DESC, id DESC",
            limit=1,
            select="event",
        )
        row = next(iter(rows), None)
        return row["event"] if row else None

    def _group(
        self, asking: Asking, question: str, at: datetime, event: str | None, cands: list[dict]
    ) -> int:
        key = norm(question)
        scope, params = self._scope(asking.guild_id)
        rows = list(self.db["gaps"].rows_where(f"{scope} and status = 'open'", params))
        best: tuple[float, int] | None = None
        for row in rows:
            # the same terms in any order, give or take a typo
            score = fuzz.token_sort_ratio(key, row["norm"])
            if score >= GROUP_SCORE and (best is None or score > best[0]):
                best = (score, row["id"])
        table = self.db["gaps"]
        if best is None:
            gap_id = int(
                table.insert(
                    {
                        "guild_id": asking.guild_id,
                        "question": question,
                        "norm": key,
                        "first_at": _iso(at),
                        "last_at": _iso(at),
                        "count": 1,
                        "status": "open",
                        "event": event,
                        "candidates": json.dumps(cands),
                    }
                ).last_pk
            )
        else:
            gap_id = best[1]
            row = table.get(gap_id)
            table.update(
                gap_id,
                {
                    "count": row["count"] + 1,
                    "last_at": max(row["last_at"], _iso(at)),
                    "event": event or row["event"],
                    "candidates": json.dumps(cands) if cands else row["candidates"],
                },
            )
        if asking.user_id is not None:
            self.db["gap_askers"].upsert(
                {
                    "gap_id": gap_id,
                    "user_id": asking.user_id,
                    "channel_id": asking.channel_id,
                    "message_id": asking.message_id,
                    "asked_at": _iso(at),
                },
                pk=("gap_id", "user_id"),
            )
        return gap_id

    @staticmethod
    def _scope(guild_id: int | None) -> tuple[str, list]:
        if guild_id is None:
            return "guild_id is null", []
        return "guild_id = ?", [guild_id]

    def gaps(
        self,
        *,
        guild_id: int | None,
        days: int,
        all_guilds: bool = False,
        status: str = "open",
        now: datetime | None = None,
    ) -> list[Gap]:
        """Gaps asked within the last ``days`` days, most asked first."""
        since = _iso((now or now_utc()) - timedelta(days=days))
        if all_guilds:
            where, params = "1 = 1", []
        else:
            where, params = self._scope(guild_id)
        rows = list(
            self.db["gaps"].rows_where(
                f"{where} and status = ? and last_at >= ?",
                [*params, status, since],
                order_by="count desc, last_at desc, id",
            )
        )
        askers = self._asker_counts([r["id"] for r in rows])
        return [_gap(r, askers.get(r["id"], 0)) for r in rows]

    def _asker_counts(self, gap_ids: list[int]) -> dict[int, int]:
        if not gap_ids:
            return {}
        marks = ",".join("?" for _ in gap_ids)
        cursor = self.db.execute(
            f"select gap_id, count(*) from gap_askers where gap_id in ({marks}) group by gap_id",
            gap_ids,
        )
        return {gap_id: n for gap_id, n in cursor.fetchall()}

    def get(self, gap_id: int, *, guild_id: int | None) -> Gap:
        rows = list(self.db["gaps"].rows_where("id = ?", [gap_id]))
        if not rows or rows[0]["guild_id"] != guild_id:
            raise NotFound(f"no unanswered question #{gap_id} here (see /gaps)")
        return _gap(rows[0], self._asker_counts([gap_id]).get(gap_id, 0))

    def open_gaps(
        self,
        guild_ids: Iterable[int | None] | None,
        *,
        within_days: int = NOTIFY_WITHIN_DAYS,
        now: datetime | None = None,
    ) -> list[Gap]:
        """Open gaps in these guilds (None: every guild) asked within ``within_days``: older
        questions are not answered out of the blue."""
        since = _iso((now or now_utc()) - timedelta(days=within_days))
        if guild_ids is None:
            rows = self.db["gaps"].rows_where("status = 'open' and last_at >= ?", [since])
        else:
            ids = [g for g in guild_ids if g is not None]
            if not ids:
                return []
            marks = ",".join("?" for _ in ids)
            rows = self.db["gaps"].rows_where(
                f"status = 'open' and last_at >= ? and guild_id in ({marks})", [since, *ids]
            )
        return [_gap(r, 0) for r in rows]

    def ever_unanswered(self, gap_id: int) -> bool:
        """Whether any asking in the gap got no answer (an abstention or "Did you mean"),
        rather than only low-confidence answers."""
        return bool(
            list(self.db["asked"].rows_where("gap_id = ? and status != 'answer'", [gap_id],
                                             limit=1))
        )

    def resolve(self, gap_id: int, fact_id: str) -> list[Asker]:
        """Mark a gap answered by ``fact_id``; return its askers not yet told, marking them
        told (each asker hears back once)."""
        at = _iso(now_utc())
        with self.db.atomic():
            self.db["gaps"].update(
                gap_id, {"status": "answered", "resolved_at": at, "resolved_by": fact_id}
            )
            rows = list(
                self.db["gap_askers"].rows_where(
                    "gap_id = ? and notified_at is null", [gap_id], order_by="asked_at"
                )
            )
            for row in rows:
                self.db["gap_askers"].update((gap_id, row["user_id"]), {"notified_at": at})
        return [
            Asker(gap_id, r["user_id"], r["channel_id"], r["message_id"], None) for r in rows
        ]

    # --- opting out of notifications ---

    def set_optout(self, user_id: int, opted_out: bool) -> None:
        if opted_out:
            self.db["notify_optout"].upsert(
                {"user_id": user_id, "at": _iso(now_utc())}, pk="user_id"
            )
        else:
            self.db["notify_optout"].delete_where("user_id = ?", [user_id])

    def opted_out(self, user_id: int) -> bool:
        return bool(list(self.db["notify_optout"].rows_where("user_id = ?", [user_id])))
