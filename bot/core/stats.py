"""Usage and quality figures from the question log: questions per day, the shares answered,
abstained and flagged, the most-asked facts and events, and the median confidence.

- *answered*: the bot answered (status ``answer``);
- *abstained*: it did not (no fact, or only "Did you mean"); a "which event?" counts here too;
- *flagged*: answers that received at least one Wrong or Outdated vote, as a share of all
  questions (so the three shares are comparable);
- *median confidence*: over answered questions only (an abstention has no confidence worth
  averaging).
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database


@dataclass(frozen=True)
class DayCount:
    day: date
    answered: int
    abstained: int

    @property
    def total(self) -> int:
        return self.answered + self.abstained


@dataclass(frozen=True)
class Stats:
    guild_id: int | None
    days: int
    since: date
    until: date
    per_day: tuple[DayCount, ...]  # every day of the period, zeros included
    questions: int
    answered: int
    abstained: int
    flagged: int
    median_confidence: float | None
    top_facts: tuple[tuple[str, int], ...]  # (fact id, times it answered)
    top_events: tuple[tuple[str, int], ...]  # (event id, times asked about)

    def share(self, n: int) -> float:
        return n / self.questions if self.questions else 0.0


def compute_stats(
    db: Database,
    *,
    guild_id: int | None,
    days: int,
    all_guilds: bool = False,
    today: date | None = None,
    top: int = 5,
) -> Stats:
    until = today or datetime.now(UTC).date()
    since = until - timedelta(days=days - 1)
    where, params = "day >= ? and day <= ?", [since.isoformat(), until.isoformat()]
    if not all_guilds:
        if guild_id is None:
            where += " and guild_id is null"
        else:
            where += " and guild_id = ?"
            params.append(guild_id)
    rows = list(db["asked"].rows_where(where, params))
    flagged_ids = {
        r[0]
        for r in db.execute(
            "select distinct asked_id from votes where vote in ('wrong', 'outdated')"
        ).fetchall()
    }
    per_day: dict[str, list[int]] = {
        (since + timedelta(days=i)).isoformat(): [0, 0] for i in range(days)
    }
    facts: Counter[str] = Counter()
    events: Counter[str] = Counter()
    confidences = []
    answered = flagged = 0
    for row in rows:
        ok = row["status"] == "answer"
        per_day[row["day"]][0 if ok else 1] += 1
        if row["event"]:
            events[row["event"]] += 1
        if ok:
            answered += 1
            confidences.append(row["confidence"])
            facts.update(json.loads(row["fact_ids"]))
            if row["id"] in flagged_ids:
                flagged += 1
    return Stats(
        guild_id=guild_id,
        days=days,
        since=since,
        until=until,
        per_day=tuple(
            DayCount(date.fromisoformat(d), a, b) for d, (a, b) in sorted(per_day.items())
        ),
        questions=len(rows),
        answered=answered,
        abstained=len(rows) - answered,
        flagged=flagged,
        median_confidence=round(statistics.median(confidences), 3) if confidences else None,
        top_facts=tuple(sorted(facts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
        top_events=tuple(sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
    )


def stats_text(stats: Stats) -> str:
    """The figures as plain text (the CLI, and the tests' report)."""

    def pct(n: int) -> str:
        return f"{n} ({stats.share(n):.0%})"

    lines = [
        f"Questions {stats.since.isoformat()} to {stats.until.isoformat()} "
        f"({stats.days} days): {stats.questions}",
        f"Answered: {pct(stats.answered)}   Abstained: {pct(stats.abstained)}   "
        f"Flagged: {pct(stats.flagged)}",
        "Median confidence of answers: "
        + (f"{stats.median_confidence:.0%}" if stats.median_confidence is not None else "-"),
        "Per day (answered/abstained):",
    ]
    lines += [f"  {d.day.isoformat()}  {d.answered:4d} / {d.abstained:<4d}" for d in stats.per_day]
    lines.append("Most-asked facts: " + (
        ", ".join(f"{f} ({n})" for f, n in stats.top_facts) or "-"))
    lines.append("Most-asked events: " + (
        ", ".join(f"{e} ({n})" for e, n in stats.top_events) or "-"))
    return "\n".join(lines)
