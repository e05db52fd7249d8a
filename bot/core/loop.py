"""The trust loop on the engine: questions are logged, unanswered ones become gaps, answers
get votes, moderators fix what they see, and the people who asked hear back.

:class:`TrustLoop` is a mixin of :class:`~bot.core.engine.Engine` (so the Discord layer and
the CLI keep talking to one object). It only reads the matcher's public result fields
(``status``, ``facts``, ``suggestions``, ``confidence``, ``reason``, ``event``) and passes
a server's :class:`~bot.core.settings.Thresholds` into ``Matcher.match``.

Every fact change made through the engine is published as a :class:`FactChange` to the
subscribed listeners (the Discord layer posts it to the server's mod-log channel and sends
the notifications it carries). Listeners run on the engine's thread and must only hand the
work over (e.g. ``loop.call_soon_threadsafe``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.core import claimreview
from bot.core.answer import compose_answer
from bot.core.errors import Conflict
from bot.core.feedback import FeedbackBook, Flag, Vote
from bot.core.gaps import Asking, Candidate, Gap, GapBook
from bot.core.matching import Thresholds
from bot.core.matching.decide import DEFAULT_THRESHOLDS
from bot.core.models import Answer, Fact
from bot.core.settings import GuildSettings, SettingsBook
from bot.core.stats import Stats, compute_stats

if TYPE_CHECKING:
    from bot.core.matching import Matcher, MatchResult
    from bot.core.store import Store

log = logging.getLogger(__name__)

DEFAULT_LOW_CONFIDENCE = 0.70
DEFAULT_CONTEXT_MINUTES = 30.0
MAX_KEYWORD = 100


@dataclass(frozen=True)
class Asked:
    """An answer as the Discord layer shows it: with the log id its vote buttons carry."""

    answer: Answer
    asked_id: int
    gap_id: int | None  # counted as an unanswered question
    stale: tuple[Fact, ...] = ()  # expired facts of the answer's event, awaiting review


@dataclass(frozen=True)
class Answered:
    """The read half of :meth:`TrustLoop.ask_recorded`: what was matched and answered."""

    result: MatchResult
    answer: Answer
    stale: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Notification:
    """Tell one asker that their question has an answer now (once)."""

    guild_id: int | None
    channel_id: int | None
    user_id: int
    message_id: int | None
    question: str
    answer: Answer
    by_dm: bool


@dataclass(frozen=True)
class FactChange:
    """One fact change, as the mod-log shows it, with the askers to tell."""

    action: str  # add, edit, retract, revert, link, renew
    fact: Fact
    actor: str
    guild_id: int | None  # where the change was made
    reason: str | None
    modlog_channel_id: int | None
    notifications: tuple[Notification, ...] = ()


@dataclass(frozen=True)
class LinkResult:
    fact: Fact
    keyword: str
    answers_now: bool  # asking the question again is answered with the fact
    notified: int  # askers told


@dataclass(frozen=True)
class FlaggedFact:
    flag: Flag
    fact: Fact


@dataclass
class LoopOptions:
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    low_confidence: float = DEFAULT_LOW_CONFIDENCE
    notify_by_dm: bool = False
    # a question naming no event is read in the event the channel was answered about within
    # this many minutes (0: never; each question alone)
    context_minutes: float = DEFAULT_CONTEXT_MINUTES


Listener = Callable[[FactChange], None]


def question_keyword(question: str) -> str:
    """The question as a keyword: one line, lower case, no trailing punctuation."""
    text = re.sub(r"\s+", " ", question).strip().rstrip("?!. ").casefold()
    return text[:MAX_KEYWORD].rstrip()


class TrustLoop:
    """Mixed into :class:`~bot.core.engine.Engine`; see the module docstring."""

    store: Store
    reads: Store  # this thread's store for reads (the engine's; see bot/core/runtime.py)
    matcher: Matcher

    def _init_loop(self, options: LoopOptions | None) -> None:
        self.loop_options = options or LoopOptions()
        self.gap_book = GapBook(self.store.db)
        self.feedback = FeedbackBook(self.store.db)
        self.settings_book = SettingsBook(self.store.db, self.loop_options.thresholds)
        self._listeners: list[Listener] = []
        # What "now" is for the question log and the figures; a scripted week replaces it.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    # --- listeners ----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _publish(self, change: FactChange) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken listener must not undo or hide the change
                log.exception("fact-change listener failed")

    def _fact_changed(
        self, fact: Fact, action: str, *, actor: str, guild_id: int | None, reason: str | None
    ) -> Fact:
        notifications: tuple[Notification, ...] = ()
        if action in ("edit", "revert", "renew") and guild_id is not None:
            # the Wrong/Outdated votes so far were about the earlier revision
            self.feedback.dismiss(fact.id, guild_id=guild_id, actor=actor)
        if fact.is_active and action in ("add", "edit", "revert", "link", "renew"):
            notifications = tuple(self._newly_answered(fact))
        if self._listeners:
            settings = self.settings_book.get(guild_id)
            self._publish(
                FactChange(action, fact, actor, guild_id, reason, settings.modlog_channel_id,
                           notifications)
            )
        return fact

    def _newly_answered(self, fact: Fact) -> list[Notification]:
        """Open gaps that ``fact`` now answers: resolve them, and tell each asker once. A gap
        of low-confidence answers only (never an abstention) needs a confident answer, so
        an answer as unsure as before does not close it."""
        scope = None if fact.guild_id is None else [fact.guild_id]
        out: list[Notification] = []
        for gap in self.gap_book.open_gaps(scope, now=self.clock()):
            # (read in the event it was asked about, as the asker's channel read it)
            result = self.match(gap.question, guild_id=gap.guild_id,  # type: ignore[attr-defined]
                                context=gap.event)
            if result.status != "answer" or fact.id not in {s.fact.id for s in result.facts}:
                continue
            unsure = result.confidence < self.loop_options.low_confidence
            if unsure and not self.gap_book.ever_unanswered(gap.id):
                continue
            answer = compose_answer(
                gap.question, result, self.store.source_lookup(guild_id=gap.guild_id)
            )
            for asker in self.gap_book.resolve(gap.id, fact.id):
                if self.gap_book.opted_out(asker.user_id):
                    continue
                out.append(
                    Notification(gap.guild_id, asker.channel_id, asker.user_id,
                                 asker.message_id, gap.question, answer,
                                 self.loop_options.notify_by_dm)
                )
        return out

    # --- asking -------------------------------------------------------------------------

    def _match(self, question: str, asking: Asking) -> MatchResult:
        """The engine's match, with the server's thresholds (the engine's ``match``), read in
        the event the channel was last answered about, if recently."""
        return self.match(question, guild_id=asking.guild_id,  # type: ignore[attr-defined]
                          context=self.conversation_event(asking))

    def conversation_event(self, asking: Asking) -> str | None:
        """The event of the last question answered in the asker's channel within
        ``loop.context_minutes`` (None without a channel, or when that is 0)."""
        minutes = self.loop_options.context_minutes
        if asking.channel_id is None or minutes <= 0:
            return None
        return self.gap_book.last_answered_event(
            asking, since=self.clock() - timedelta(minutes=minutes))

    def ask_recorded(self, question: str, *, asking: Asking) -> Asked:
        """Answer with the server's thresholds, log the question, count it as a gap when it
        was not answered well, and name expired facts of its event (they never answer)."""
        return self.record_question(
            question, asking=asking, answered=self.answer_question(question, asking=asking)
        )

    def answer_question(self, question: str, *, asking: Asking) -> Answered:
        """The read half of :meth:`ask_recorded` (any thread: the runtime runs it beside
        the writer, so an answer never waits for a write)."""
        result = self._match(question, asking)
        answer = compose_answer(
            question, result, self.reads.source_lookup(guild_id=asking.guild_id)
        )
        stale: tuple[Fact, ...] = ()
        event = self._asked_event(result)
        if not answer.answered and event is not None:
            # this event's facts only (an indexed query), not every fact of the server
            now = datetime.now(UTC)
            facts = self.reads.facts(guild_id=asking.guild_id, event=event, statuses=("active",))
            stale = tuple(sorted(
                (f for f in facts if f.expires is not None and f.expires <= now),
                key=lambda f: (f.expires, f.id),
            ))
        return Answered(result, answer, stale)

    @staticmethod
    def _asked_event(result: MatchResult) -> str | None:
        scored = result.suggestions or result.facts
        event = result.event.id if result.event else None
        if event is None and scored:
            event = scored[0].fact.event
        return event

    def record_question(self, question: str, *, asking: Asking, answered: Answered) -> Asked:
        """The write half of :meth:`ask_recorded`: log the question (and its gap)."""
        result, answer = answered.result, answered.answer
        low = result.status == "answer" and result.confidence < self.loop_options.low_confidence
        is_gap = result.status in ("suggest", "abstain") or low
        scored = result.suggestions or result.facts
        asked_id, gap_id = self.gap_book.log(
            asking,
            question=question,
            status=result.status,
            confidence=result.confidence,
            fact_ids=[f.fact.id for f in answer.facts],
            event=self._asked_event(result),
            candidates=[Candidate(s.fact.id, s.score) for s in scored],
            reason=str(result.reason) if result.reason is not None else None,
            is_gap=is_gap,
            at=self.clock(),
        )
        return Asked(answer, asked_id, gap_id, answered.stale)

    # --- unanswered questions -----------------------------------------------------------

    def gaps(self, *, guild_id: int | None, days: int, all_guilds: bool = False) -> list[Gap]:
        return self.gap_book.gaps(guild_id=guild_id, days=days, all_guilds=all_guilds,
                                  now=self.clock())

    def gap(self, gap_id: int, *, guild_id: int | None) -> Gap:
        return self.gap_book.get(gap_id, guild_id=guild_id)

    def link_gap(
        self,
        gap_id: int,
        fact_id: str,
        *,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
    ) -> LinkResult:
        """"Answer with…": the question becomes a keyword of the fact (an audited edit that
        ``revert`` undoes), then the askers of every gap it now answers are told."""
        gap = self.gap_book.get(gap_id, guild_id=guild_id)
        fact = self.store.get_fact(fact_id, guild_id=guild_id)
        if not fact.is_active:
            raise Conflict(f"fact '{fact_id}' is {fact.status}; link an active fact")
        keyword = question_keyword(gap.question)
        keywords = list(fact.keywords)
        if keyword not in keywords:
            keywords.append(keyword)
        new = self.store.edit_fact(
            fact_id,
            {"keywords": keywords},
            actor=actor,
            guild_id=guild_id,
            reason=f"answers the question “{gap.question}” (asked {gap.count}×)",
            may_edit_knowledge=may_edit_knowledge,
        )
        self._reindex(new)  # type: ignore[attr-defined]  # the engine's, under its index lock
        changed = new.revision != fact.revision
        notes = self._newly_answered(new)  # resolves this gap too, when it answers now
        answers_now = self.gap_book.get(gap_id, guild_id=guild_id).status == "answered"
        if self._listeners and (changed or notes):
            settings = self.settings_book.get(guild_id)
            self._publish(
                FactChange("link", new, actor, guild_id, f"linked to “{gap.question}”",
                           settings.modlog_channel_id, tuple(notes))
            )
        return LinkResult(new, keyword, answers_now, len(notes))

    def set_notifications(self, user_id: int, *, enabled: bool) -> None:
        self.gap_book.set_optout(user_id, not enabled)

    def notifications_enabled(self, user_id: int) -> bool:
        return not self.gap_book.opted_out(user_id)

    # --- feedback -----------------------------------------------------------------------

    def vote(self, asked_id: int, *, user_id: int, guild_id: int | None, vote: str) -> Vote:
        return self.feedback.vote(asked_id, user_id=user_id, guild_id=guild_id, vote=vote)

    def vote_reason(self, asked_id: int, *, user_id: int, reason: str) -> None:
        self.feedback.give_reason(asked_id, user_id=user_id, reason=reason)

    def flagged(self, *, guild_id: int | None) -> list[FlaggedFact]:
        out = []
        flags = self.feedback.flagged(guild_id=guild_id)
        facts = self.reads.get_facts([f.fact_id for f in flags])
        for flag in flags:
            fact = facts.get(flag.fact_id)
            if fact is not None and fact.status != "retracted":
                out.append(FlaggedFact(flag, fact))
        return out

    def dismiss_flag(self, fact_id: str, *, guild_id: int | None, actor: str) -> Fact:
        fact = self.store.get_fact(fact_id, guild_id=guild_id)
        self.feedback.dismiss(fact_id, guild_id=guild_id, actor=actor)
        return fact

    # --- shelf life ---------------------------------------------------------------------

    def stale_facts(self, *, guild_id: int | None, now: datetime | None = None) -> list[Fact]:
        """Active facts visible here whose ``expires`` has passed: they no longer answer."""
        now = now or datetime.now(UTC)
        facts = self.reads.facts(guild_id=guild_id, statuses=("active",))
        return sorted(
            (f for f in facts if f.expires is not None and f.expires <= now),
            key=lambda f: (f.expires, f.id),
        )

    def renew_fact(
        self,
        fact_id: str,
        *,
        expires: datetime | None,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
    ) -> Fact:
        """Still true: checked again today (``as_of`` now), good until ``expires`` (None:
        no end)."""
        today = datetime.now(UTC).replace(microsecond=0)
        changes: dict[str, Any] = {"as_of": today.isoformat(), "expires": None}
        if expires is not None:
            if expires <= today:
                raise Conflict("the new expiry date must be in the future")
            changes["expires"] = expires.isoformat()
        fact = self.store.edit_fact(
            fact_id, changes, actor=actor, guild_id=guild_id, reason="renewed after review",
            may_edit_knowledge=may_edit_knowledge,
        )
        self._reindex(fact)  # type: ignore[attr-defined]  # the engine's, under its index lock
        return self._fact_changed(fact, "renew", actor=actor, guild_id=guild_id,
                                  reason="renewed after review")

    # --- figures ------------------------------------------------------------------------

    def stats(self, *, guild_id: int | None, days: int, all_guilds: bool = False) -> Stats:
        return compute_stats(self.reads.db, guild_id=guild_id, days=days, all_guilds=all_guilds,
                             today=self.clock().date())

    # --- settings -----------------------------------------------------------------------

    def guild_settings(self, guild_id: int | None) -> GuildSettings:
        return self.settings_book.get(guild_id)

    def update_settings(self, guild_id: int, *, actor: str, **changes: Any) -> GuildSettings:
        return self.settings_book.update(guild_id, actor=actor, **changes)

    # --- export -------------------------------------------------------------------------

    def claim_reviews(self, *, guild_id: int | None = None) -> list[dict[str, Any]]:
        facts = self.reads.facts(guild_id=guild_id, statuses=("active",))
        sources = {s.id: s for s in self.reads.sources(guild_id=guild_id)}
        events = {e.id: e for e in self.reads.events(guild_id=guild_id)}
        return claimreview.claim_reviews(facts, sources, events)


__all__ = [
    "Answered",
    "Asked",
    "attributes_for",
    "Asking",
    "FactChange",
    "FlaggedFact",
    "LinkResult",
    "LoopOptions",
    "Notification",
    "TrustLoop",
]


def attributes_for(question: str, kind: str, *, limit: int = 25) -> list[str]:
    """The attributes a fact of ``kind`` may have, those the question's words point to first
    (its cues or label), for the "Add fact" picker (Discord lists at most 25 options)."""
    from rapidfuzz import fuzz

    from bot.core.vocabulary import ATTRIBUTES

    text = question.casefold()

    def fit(name: str) -> float:
        spec = ATTRIBUTES[name]
        phrases = [spec.label.casefold(), name.replace("_", " "), *spec.cues]
        return max(fuzz.partial_ratio(p.casefold(), text) for p in phrases if p)

    names = [n for n, spec in ATTRIBUTES.items() if kind in spec.kinds]
    return sorted(names, key=lambda n: (-fit(n), n))[:limit]
