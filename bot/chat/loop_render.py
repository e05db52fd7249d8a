"""The trust loop's screens -> Discord payloads. Pure: no I/O, no state.

``/gaps`` pages, ``/review flagged`` and ``/review stale`` pages, the ``/stats`` embed,
``/settings``, the mod-log post of a fact change and the "your question has an answer"
notification. Text from users and facts goes through :func:`render.clean`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import discord

from bot.chat.render import (
    ABSTAIN_COLOUR,
    ANSWER_COLOUR,
    CHOOSE_COLOUR,
    DESCRIPTION_LIMIT,
    FACT_COLOUR,
    FIELD_VALUE_LIMIT,
    RETRACTED_COLOUR,
    TITLE_LIMIT,
    actor_text,
    clean,
    fact_embed,
    format_date,
    format_told_date,
    shorten,
    timestamp,
)
from bot.core.gaps import Gap
from bot.core.loop import FactChange, FlaggedFact
from bot.core.models import Fact
from bot.core.settings import GuildSettings
from bot.core.stats import Stats

STATS_FILENAME = "stats.png"
LISTED_GAPS = 10  # the overview list on each /gaps page

_ACTIONS = {
    "add": "added",
    "edit": "edited",
    "retract": "retracted",
    "revert": "reverted",
    "link": "linked to a question",
    "renew": "renewed",
}


def _q(text: str, limit: int = 200) -> str:
    return f"“{clean(shorten(text, limit))}”"


def gap_pages(gaps: Sequence[Gap], *, days: int) -> list[discord.Embed]:
    """One page per unanswered question, most asked first; each page also lists the top
    ones, the current one marked, so the list reads at a glance."""
    title = f"Unanswered questions, last {days} day{'s' if days != 1 else ''}"
    if not gaps:
        return [
            discord.Embed(
                title=title,
                description="No unanswered questions in this period. 🎉",
                colour=ANSWER_COLOUR,
            )
        ]
    pages = []
    for index, gap in enumerate(gaps):
        lines = []
        start = max(0, min(index - LISTED_GAPS // 2, len(gaps) - LISTED_GAPS))
        for n, other in enumerate(gaps[start : start + LISTED_GAPS], start=start):
            mark = "▶" if n == index else "•"
            lines.append(f"{mark} {other.count}× {_q(other.question, 90)}")
        embed = discord.Embed(
            title=title, description=shorten("\n".join(lines), DESCRIPTION_LIMIT),
            colour=ABSTAIN_COLOUR,
        )
        people = f"{gap.askers} {'person' if gap.askers == 1 else 'people'}"
        embed.add_field(
            name=f"#{gap.id}: {shorten(gap.question, 200)}"[:256],
            value=f"Asked {gap.count}× by {people}; last {timestamp(gap.last_at, 'R')}",
            inline=False,
        )
        if gap.candidates:
            cands = "\n".join(f"`{c.fact_id}` {c.score:.0%}" for c in gap.candidates[:5])
            embed.add_field(name="Closest facts (match score)", value=cands, inline=False)
        else:
            embed.add_field(name="Closest facts", value="none came close", inline=False)
        if gap.event:
            embed.add_field(name="Event", value=f"`{gap.event}`", inline=False)
        embed.set_footer(
            text=f"{index + 1}/{len(gaps)} · Add fact: a new fact about the event · "
            "Answer with…: make an existing fact answer it"
        )
        pages.append(embed)
    return pages


def flagged_pages(items: Sequence[FlaggedFact]) -> list[discord.Embed]:
    if not items:
        return [
            discord.Embed(
                title="Flagged facts",
                description="No fact has an open Wrong or Outdated vote.",
                colour=ANSWER_COLOUR,
            )
        ]
    pages = []
    for index, item in enumerate(items):
        embed = fact_embed(item.fact, heading=f"Flagged: {item.fact.id}")
        flag = item.flag
        embed.add_field(
            name="Votes",
            value=f"Wrong {flag.wrong} · Outdated {flag.outdated} · Helpful {flag.helpful} "
            f"(last {timestamp(flag.last_at, 'R')})",
            inline=False,
        )
        if flag.reasons:
            reasons = "\n".join(f"• {_q(r, 300)}" for r in flag.reasons)
            embed.add_field(name="Reasons given", value=shorten(reasons, FIELD_VALUE_LIMIT),
                            inline=False)
        embed.set_footer(text=f"{index + 1}/{len(items)} · Retract, Edit, or Dismiss the votes")
        pages.append(embed)
    return pages


def stale_pages(facts: Sequence[Fact]) -> list[discord.Embed]:
    if not facts:
        return [
            discord.Embed(
                title="Expired facts",
                description="No fact has passed its expiry date.",
                colour=ANSWER_COLOUR,
            )
        ]
    pages = []
    for index, fact in enumerate(facts):
        embed = fact_embed(fact, heading=f"Expired: {fact.id}")
        embed.colour = CHOOSE_COLOUR
        assert fact.expires is not None
        as_of = (f"; as of {format_told_date(fact.as_of, fact.as_of_precision)}"
                 if fact.as_of else "")
        embed.add_field(
            name="Shelf life",
            value=f"Expired {timestamp(fact.expires, 'R')}{as_of}. It no longer answers.",
            inline=False,
        )
        embed.set_footer(
            text=f"{index + 1}/{len(facts)} · Renew: still true · Replace: new value · Retract"
        )
        pages.append(embed)
    return pages


def stats_embed(stats: Stats, *, with_chart: bool) -> discord.Embed:
    def pct(n: int) -> str:
        return f"{n} ({stats.share(n):.0%})"

    embed = discord.Embed(
        title=f"Questions, last {stats.days} days",
        description=f"{format_date(stats.since)} – {format_date(stats.until)}: "
        f"**{stats.questions}** questions",
        colour=ANSWER_COLOUR,
    )
    embed.add_field(name="Answered", value=pct(stats.answered))
    embed.add_field(name="Abstained", value=pct(stats.abstained))
    embed.add_field(name="Flagged", value=pct(stats.flagged))
    median = stats.median_confidence
    embed.add_field(
        name="Median confidence", value=f"{median:.0%}" if median is not None else "–"
    )
    facts = "\n".join(f"`{f}` {n}×" for f, n in stats.top_facts) or "–"
    events = "\n".join(f"`{e}` {n}×" for e, n in stats.top_events) or "–"
    embed.add_field(name="Most-asked facts", value=shorten(facts, FIELD_VALUE_LIMIT), inline=False)
    embed.add_field(name="Most-asked events", value=shorten(events, FIELD_VALUE_LIMIT),
                    inline=False)
    if with_chart:
        embed.set_image(url=f"attachment://{STATS_FILENAME}")
    return embed


def settings_embed(settings: GuildSettings) -> discord.Embed:
    t = settings.thresholds
    where = "this server's own" if settings.overridden else "the defaults from the config"
    embed = discord.Embed(title="factbot settings for this server", colour=FACT_COLOUR)
    embed.add_field(name="Answer at", value=f"{t.answer:.2f}")
    embed.add_field(name="Did you mean from", value=f"{t.suggest:.2f}")
    embed.add_field(name="Thresholds", value=where, inline=False)
    modlog = f"<#{settings.modlog_channel_id}>" if settings.modlog_channel_id else "not set"
    embed.add_field(name="Mod-log channel", value=modlog, inline=False)
    return embed


def modlog_embed(change: FactChange) -> discord.Embed:
    fact = change.fact
    verb = _ACTIONS.get(change.action, change.action)
    colour = RETRACTED_COLOUR if change.action == "retract" else FACT_COLOUR
    embed = discord.Embed(
        title=shorten(f"Fact {fact.id} {verb}", TITLE_LIMIT),
        description=shorten(clean(fact.text), DESCRIPTION_LIMIT),
        colour=colour,
        timestamp=datetime.now().astimezone(),
    )
    embed.add_field(name="By", value=actor_text(change.actor))
    embed.add_field(name="Revision", value=str(fact.revision))
    embed.add_field(name="Status", value=fact.status)
    if change.reason:
        embed.add_field(name="Reason", value=shorten(clean(change.reason), FIELD_VALUE_LIMIT),
                        inline=False)
    if change.notifications:
        n = len(change.notifications)
        embed.add_field(name="Askers told", value=f"{n} {'person' if n == 1 else 'people'}",
                        inline=False)
    return embed


def notification_text(user_id: int, question: str, *, in_dm: bool) -> str:
    lead = "" if in_dm else f"<@{user_id}> "
    return shorten(
        f"{lead}You asked {_q(question)} and I had no good answer then. A moderator has "
        "since updated the facts, so here is the answer. "
        "(Turn these off with `/notifications off`.)",
        2000,
    )


def stale_note(facts: Sequence[Fact]) -> str:
    n = len(facts)
    noun = "fact" if n == 1 else "facts"
    return (
        f"{n} {noun} about this event expired and {'is' if n == 1 else 'are'} waiting for a "
        "moderator's review, so I do not answer with "
        f"{'it' if n == 1 else 'them'}."
    )


__all__ = [
    "STATS_FILENAME",
    "TITLE_LIMIT",
    "flagged_pages",
    "gap_pages",
    "modlog_embed",
    "notification_text",
    "settings_embed",
    "stale_note",
    "stale_pages",
    "stats_embed",
]
