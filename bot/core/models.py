"""Domain objects shared by the store, the matcher, the answer composer and the renderers.

Everything here is a frozen dataclass: the store hands out immutable snapshots and the
change API takes explicit replacement values, so a fact can never be edited behind the
audit trail's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal

FactKind = Literal["measurement", "time", "place", "statement", "claim"]
FACT_KINDS: tuple[str, ...] = ("measurement", "time", "place", "statement", "claim")

FactStatus = Literal["pending", "active", "retracted"]
FACT_STATUSES: tuple[str, ...] = ("pending", "active", "retracted")

# Where a row came from: a knowledge file (global) or a moderator in one guild.
ORIGIN_KNOWLEDGE = "knowledge"
ORIGIN_GUILD = "guild"


# a date given without a clock time is kept as 12:00 UTC on that day (a plain date in a
# knowledge file reads so, and is written back as the plain date)
DATE_ONLY_TIME = time(12, 0, tzinfo=UTC)


def is_date_only(moment: datetime) -> bool:
    """Whether a stored time stands for a date the report gave without a clock time."""
    return moment.utcoffset() == timedelta(0) and \
        moment.timetz().replace(tzinfo=None) == DATE_ONLY_TIME.replace(tzinfo=None)


class TimePrecision(StrEnum):
    """How much of a time a report gave when it gave less than a clock time or a whole day:
    a part of a day ("Wednesday evening"), only a month ("July 2009"), only a year.

    A time with a precision is stored as a date-only time (see ``DATE_ONLY_TIME``) on its
    day, or on the first day of its month or year, so that it sorts among the others and
    is never converted to another zone; the precision says how to tell it. None (on the
    fields that carry one) is what was there before: a clock time, or a whole day.
    """

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    NIGHT = "night"
    MONTH = "month"
    YEAR = "year"

    @property
    def part_of_day(self) -> bool:
        """A part of a day: the day is known, its clock time is not."""
        return self not in (TimePrecision.MONTH, TimePrecision.YEAR)


# where in its day a part of the day falls, for putting figures in order ("Tuesday morning"
# before "Tuesday afternoon" and a 9 p.m. count); the stored time stays date-only
_PART_OF_DAY_HOURS = {TimePrecision.MORNING: 9, TimePrecision.AFTERNOON: 15,
                      TimePrecision.EVENING: 19, TimePrecision.NIGHT: 23}


def in_order(moment: datetime, precision: TimePrecision | None) -> datetime:
    """``moment`` as it sorts among a day's times: a part of the day at its usual hour
    (morning at 9, afternoon at 15, evening at 19, night at 23); anything else as it is."""
    hour = _PART_OF_DAY_HOURS.get(precision) if precision is not None else None
    return moment if hour is None else moment.replace(hour=hour)


def calendar_format(precision: TimePrecision | None, day_format: str) -> str:
    """The ``strftime`` format that tells a date-only time no more than the report gave:
    ``day_format`` (e.g. "%A %d %B %Y") for a day, with the part of the day after it
    ("... evening"), "%B %Y" for a month, "%Y" for a year: never a made-up day."""
    if precision is TimePrecision.MONTH:
        return "%B %Y"
    if precision is TimePrecision.YEAR:
        return "%Y"
    if precision is not None:
        return f"{day_format} {precision.value}"
    return day_format


@dataclass(frozen=True)
class Event:
    """A reported news event (e.g. one missile launch)."""

    id: str
    title: str
    when: datetime | None = None  # timezone-aware
    where: str | None = None
    aliases: tuple[str, ...] = ()
    origin: str = ORIGIN_KNOWLEDGE  # "knowledge" or "guild"
    origin_file: str | None = None  # knowledge file it came from, relative to the knowledge dir
    guild_id: int | None = None  # None: global (knowledge files)
    # An earlier event a report mentions (a previous storm): the id of the main event it is
    # background to. None: a main event (or not stated; see bot.core.events.main_event_of).
    background_of: str | None = None
    # The local time zone of the event's place, for times written as "6:15 a.m. local
    # time": an IANA name ("Europe/Athens") or a fixed offset ("+02:00").
    timezone: str | None = None
    # how much of ``when`` the report gave, when less than a day ("July 2009"); None: a
    # time or a day
    when_precision: TimePrecision | None = None


@dataclass(frozen=True)
class Source:
    """A report that facts are cited from."""

    id: str
    title: str
    publisher: str
    published: date | None  # None: the report gives no date (never invented)
    url: str | None = None
    origin: str = ORIGIN_KNOWLEDGE
    origin_file: str | None = None
    guild_id: int | None = None


@dataclass(frozen=True)
class Quantity:
    """One value of a measurement in the unit the report gave (e.g. 240 km).

    ``qualifier`` is the report's own bound on it, as written ("at least", "more than",
    "up to", "nearly" ...; see ``bot.core.units.QUALIFIERS``); a range ("between 3 and 5")
    has ``value`` 3, ``upper`` 5 and qualifier "between" (or "to" for "3 to 5", "3-5").
    """

    value: float
    unit: str
    qualifier: str | None = None
    upper: float | None = None  # set only for ranges
    # how the report told a duration in several clock units, for showing it back the same
    # way: "steps" ("2 h 15 min", held as 135 min), "clock" ("2:19:48", held in seconds);
    # the value is the same either way, so it takes no part in comparing two quantities
    told: str | None = field(default=None, compare=False)

    @property
    def is_range(self) -> bool:
        return self.upper is not None


@dataclass(frozen=True)
class Fact:
    """One reported fact about an event, cited to a source.

    ``kind`` decides which payload fields are set:

    - measurement: ``attribute`` and ``quantities`` (first = primary, the rest as reported in
      other units), ``approximate`` when the report said "about";
    - time: ``attribute`` and ``time`` (timezone-aware), ``time_precision`` when the report
      gave only a part of a day, a month or a year; ``until`` (with ``until_precision``)
      when it gave a window ("from 22:00 Friday to 06:00 Saturday"), ``time`` its start;
    - place: ``attribute`` and ``place``;
    - statement: ``speaker``, ``speaker_role``, ``quote`` (the speaker's exact words, or None
      for a paraphrase), ``text`` (what they said in our words), ``about``;
    - claim: ``text``.

    ``text`` is always a short sentence in our own words that states the fact; the matcher
    indexes it, and answers use it where no structured rendering fits.
    """

    id: str
    event: str
    source: str
    kind: FactKind
    text: str
    reported_by: str
    attribute: str | None = None
    label: str | None = None  # overrides the attribute's label in answers
    quantities: tuple[Quantity, ...] = ()
    approximate: bool = False
    time: datetime | None = None
    place: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    quote: str | None = None
    about: tuple[str, ...] = ()  # topics, e.g. ("summit", "deterrence")
    keywords: tuple[str, ...] = ()  # other words people use for this fact
    status: FactStatus = "active"
    rank: int = 0  # higher wins ties between facts that match equally well
    as_of: datetime | None = None
    expires: datetime | None = None
    # how much of ``time`` / ``as_of`` the report gave, when less than a clock time or a
    # day ("Wednesday evening", "July 2009"); None: a clock time or a day, as before
    time_precision: TimePrecision | None = None
    as_of_precision: TimePrecision | None = None
    # the end of a time window, told as ``time`` is (never before it); None: one moment
    until: datetime | None = None
    until_precision: TimePrecision | None = None
    revision: int = 1
    origin: str = ORIGIN_KNOWLEDGE
    origin_file: str | None = None
    origin_line: int | None = None
    guild_id: int | None = None
    retracted_reason: str | None = None

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class AuditEntry:
    """One change to a fact, event or source: who, when, and the row before and after."""

    id: int
    entity: Literal["fact", "event", "source"]
    entity_id: str
    action: str  # "add", "edit", "retract", "revert", "load"
    actor: str  # "knowledge:<file>", "discord:<user id>", "cli"
    at: datetime
    guild_id: int | None
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A numbered source reference in an answer ("[1]")."""

    number: int
    source: Source
    reported_by: str


@dataclass(frozen=True)
class AnsweredFact:
    """A fact used in an answer, with the citation number it carries."""

    fact: Fact
    citation: int
    score: float


@dataclass(frozen=True)
class Suggestion:
    """A near miss offered as "Did you mean ...?" when the bot abstains."""

    fact_id: str
    event: str
    prompt: str  # a question the user could ask instead
    score: float


@dataclass(frozen=True)
class TimeMention:
    """A time in an answer: renderers may show ``instant`` in the reader's own time zone."""

    placeholder: str  # the exact substring of Answer.text that states the time
    instant: datetime  # timezone-aware; .timestamp() gives the UNIX time for <t:...>
    # the end of a window the placeholder states whole ("12:00 to 16:30 UTC on ...")
    until: datetime | None = None


@dataclass(frozen=True)
class Answer:
    """The outcome of one question: an answer with citations, or an honest abstention."""

    question: str
    answered: bool
    text: str  # the sentence(s) to show; on abstention, the plain "no fact" message
    confidence: float  # in [0, 1]
    facts: tuple[AnsweredFact, ...] = ()
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    times: tuple[TimeMention, ...] = ()
    event: Event | None = None
    conflict: bool = False  # sources disagree; each figure is shown with its source
    reason: str | None = None  # why it abstained (for logs and the unanswered-questions loop)
    events_to_choose: tuple[Event, ...] = field(default=())  # "which event do you mean?"


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One active fact as the match index needs it, read from the store in one query.

    The ``cached_*`` fields and the term strings come from the ``match_terms`` cache (None
    when the fact has not been indexed yet); terms are space-separated.
    """

    fact_id: str
    event: str
    source: str
    guild_id: int | None
    kind: str
    attribute: str | None
    label: str | None
    rank: int
    speaker: str | None
    reported_by: str
    revision: int
    as_of: str | None
    expires: str | None
    cached_revision: int | None = None
    cached_version: str | None = None
    terms: str | None = None
    key_terms: str | None = None
    speaker_terms: str | None = None
    features: str | None = None
    as_of_precision: str | None = None

    @property
    def fresh(self) -> bool:
        """Whether the cached terms belong to this revision (version checked by the caller)."""
        return self.cached_revision == self.revision and self.terms is not None
