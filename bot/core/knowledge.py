"""Knowledge records: YAML load, validation, and the way back (records and YAML export).

One record format is used everywhere: the ``knowledge/*.yaml`` files, ``/export``, the
store's audit snapshots and moderators' input from Discord are all the YAML-shaped dicts
described in ``knowledge/README.md``. This module turns records into domain objects
(:func:`fact_from_record` ...) and back (:func:`fact_to_record` ...), loads whole files
and directories, and writes YAML.

Validation never stops at the first mistake: every problem in a record is collected, each
located as ``file:line: fact 'id': field: what is wrong and what to write instead``. Loading
never raises on bad content either; a bad record is reported and skipped, the rest load.

YAML is read with YAML 1.2-style scalars: only ``true``/``false`` are booleans (``yes``,
``no``, ``on``, ``off`` stay text) and ``10:48`` is text, not the base-60 number 648.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from rapidfuzz import fuzz, process

from bot.core.errors import Problem, ValidationError
from bot.core.lexicon import LEXICON_FILE
from bot.core.models import (
    DATE_ONLY_TIME,
    FACT_KINDS,
    FACT_STATUSES,
    ORIGIN_KNOWLEDGE,
    Event,
    Fact,
    Quantity,
    Source,
    TimePrecision,
    is_date_only,
)
from bot.core.units import (
    QUALIFIERS,
    RANGE_QUALIFIERS,
    known_units_text,
    label_unit,
    parse_quantity,
    parse_value,
    quantity_to_text,
    resolve_unit,
    unknown_unit_message,
    with_bracket_unit,
)
from bot.core.vocabulary import ATTRIBUTES

# --- the format ----------------------------------------------------------------------------

FACT_FIELDS: tuple[str, ...] = (
    "id", "event", "source", "kind", "attribute", "label", "reported_by", "speaker",
    "speaker_role", "text", "quote", "values", "approximate", "time", "until", "place", "about",
    "keywords", "status", "rank", "as_of", "expires",
)
EVENT_FIELDS: tuple[str, ...] = (
    "id", "title", "when", "where", "aliases", "timezone", "background_of",
)
SOURCE_FIELDS: tuple[str, ...] = ("id", "title", "publisher", "published", "url")
SECTIONS: tuple[str, ...] = ("events", "sources", "facts")

# Fields that only one kind of fact may carry.
KIND_ONLY_FIELDS: dict[str, tuple[str, ...]] = {
    "values": ("measurement",),
    "approximate": ("measurement", "time"),  # "about 240 km", "at about 6:07 p.m."
    "time": ("time",),
    "until": ("time",),  # the end of a time window ("to 06:00 Saturday")
    "place": ("place",),
    "speaker": ("statement",),
    "speaker_role": ("statement",),
    "quote": ("statement",),
}
ATTRIBUTE_REQUIRED_KINDS: tuple[str, ...] = ("measurement", "time", "place")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_FILE_BYTES = 5_000_000  # one knowledge file; split bigger ones
MAX_FIELD_CHARS = 4000  # one text field: what a Discord text input holds, so forms never cut
TIME_EXAMPLE = "2022-11-17T10:48:00+09:00"
DATE_EXAMPLE = "2022-11-17"
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A plain date in an event's ``when`` is stored as noon UTC on that day: the same calendar
# date in every time zone from UTC-11:59 to UTC+11:59, so "which day" answers stay right.


# --- times as reports write them ------------------------------------------------------------

WEEKDAY_TIME_EXAMPLE = "Thursday 06:15 +02:00"
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_REPORT_TIME_RE = re.compile(
    r"^(?:on\s+)?(?P<next>next\s+)?(?P<day>[a-z]+|\d{4}-\d{2}-\d{2})\.?,?\s+(?:at\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"\s*,?\s*(?P<zone>.*?)\s*$",
    re.IGNORECASE,
)
# a day without a clock time: "Sunday", "next Friday", "Wednesday evening", "2025-03-12
# afternoon", "Tuesday overnight"
_REPORT_DAY_RE = re.compile(
    r"^(?:on\s+)?(?P<next>next\s+)?(?P<day>[a-z]+|\d{4}-\d{2}-\d{2})\.?,?"
    r"(?:\s+(?P<part>[a-z]+))?$",
    re.IGNORECASE,
)
_DAY_PARTS: dict[str, TimePrecision] = {
    "morning": TimePrecision.MORNING, "afternoon": TimePrecision.AFTERNOON,
    "evening": TimePrecision.EVENING, "night": TimePrecision.NIGHT,
    "overnight": TimePrecision.NIGHT,
}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTHS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}, "sept": 9,
}
_MONTH_PATTERN = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")  # 2009-07
_MONTH_NAME_RE = re.compile(r"^(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$", re.IGNORECASE)
_YEAR_PATTERN = re.compile(r"^\d{4}$")
_OFFSET_RE = re.compile(r"^(?:utc|gmt)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$",
                        re.IGNORECASE)
LOCAL = "local"  # a time zone "as the event's place keeps it", see event_zone()


@dataclass(frozen=True)
class ReportTime:
    """A time as a report gives it: a weekday (or a date) and a clock time, in a zone; or
    a day with no clock time (kept as the date-only time), perhaps with a part of it."""

    weekday: int | None  # 0 = Monday; None when ``day`` is given
    day: date | None
    hour: int
    minute: int
    zone: tzinfo | str  # a tzinfo, or LOCAL: the event's own time zone
    forward: bool = False  # "next Friday": the first such day after the report's date
    clock: bool = True  # False: the report gives the day (or a part of it) but no time
    part: TimePrecision | None = None  # "Wednesday evening": the part of the day
    second: int = 0  # "19:46:21 GMT": a tracking station's time to the second

    def day_words(self) -> str:
        """The day as written, for messages: "Thursday", "next Friday", "2025-03-12"."""
        if self.weekday is None:
            return self.day.isoformat() if self.day else ""
        return ("next " if self.forward else "") + _DAY_NAMES[self.weekday]


def parse_zone(text: str) -> tzinfo | str:
    """"+02:00", "UTC+2", "GMT", "UTC", "Europe/Athens" -> a tzinfo; "local time" or
    nothing -> LOCAL. Raises ValueError saying what to write."""
    t = " ".join(text.strip().strip("()").split())
    lowered = t.lower()
    if lowered in ("", "local", "local time", "lt"):
        return LOCAL
    if lowered in ("utc", "gmt", "z"):
        return UTC
    offset = _OFFSET_RE.match(t)
    if offset:
        hours, minutes = int(offset.group("h")), int(offset.group("m") or 0)
        if hours <= 14 and minutes < 60:
            delta = timedelta(hours=hours, minutes=minutes)
            return timezone(-delta if offset.group("sign") == "-" else delta)
    elif "/" in t:
        try:
            return ZoneInfo(t)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(f"unknown time zone '{t}'; write an offset like +02:00, UTC, or a "
                     "zone name like Europe/Athens")


def _report_day(match: re.Match[str]) -> tuple[int | None, date | None] | None:
    """The weekday or the date a report-time match names; None when it names neither;
    ValueError for a weekday that is misspelt after "next", a date that is not real, or
    "next" before a date."""
    day_text = match.group("day").lower()
    forward = bool(match.group("next"))
    weekday = _WEEKDAYS.get(day_text)
    if weekday is not None:
        return weekday, None
    if not _DATE_PATTERN.match(day_text):
        if forward:
            raise ValueError(_unknown("weekday", match.group("day"), _DAY_NAMES))
        return None
    if forward:
        raise ValueError(f"'next' goes before a weekday ('next Friday'); write the date "
                         f"{day_text} without it")
    try:
        return None, date.fromisoformat(day_text)
    except ValueError:
        raise ValueError(f"'{day_text}' is not a real date") from None


def parse_report_time(text: str) -> ReportTime | None:
    """Read "Thursday 06:15 +02:00", "Thursday, 6:15 a.m. local time", "Thu 18:40 UTC",
    "next Friday 10:00 local time" or "2024-09-12 06:15 local time". None when the text is
    not of that shape at all; ValueError (what to write) when it is but something in it is
    wrong."""
    match = _REPORT_TIME_RE.match(" ".join(text.split()))
    if not match:
        return None
    named = _report_day(match)
    if named is None:
        return None
    weekday, day = named
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{hour} {ampm}' is not a clock time; write e.g. 6:15 a.m.")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{match.group('hour')}:{match.group('minute') or '00'}' is not a "
                         "clock time; write e.g. 06:15 or 6:15 p.m.")
    zone_text = match.group("zone")
    lowered = zone_text.lower()
    if lowered.startswith("local time") and lowered[len("local time"):].strip():
        zone_text = zone_text[len("local time"):]  # "local time (UTC+2)": the offset decides
    return ReportTime(weekday, day, hour, minute, parse_zone(zone_text),
                      forward=bool(match.group("next")), second=second)


def parse_report_day(text: str) -> ReportTime | None:
    """Read a day the report gives without a clock time: "Sunday", "next Friday",
    "Wednesday evening", "next Friday morning", "2025-03-12 afternoon", "Tuesday
    overnight" (the night). None when the text is not of that shape; ValueError (what to
    write) when it is but a word in it is wrong."""
    match = _REPORT_DAY_RE.match(" ".join(text.split()))
    if not match:
        return None
    part_text = (match.group("part") or "").lower()
    part = _DAY_PARTS.get(part_text) if part_text else None
    try:
        named = _report_day(match)
    except ValueError:
        if match.group("next") or part is not None or not part_text:
            raise
        return None
    if named is None:
        if part is not None:  # "Wensday evening": a day misspelt before a part of it
            raise ValueError(_unknown("weekday", match.group("day"), _DAY_NAMES))
        return None
    if part_text and part is None:
        raise ValueError(_unknown("part of the day", match.group("part"), list(_DAY_PARTS)))
    weekday, day = named
    return ReportTime(weekday, day, DATE_ONLY_TIME.hour, DATE_ONLY_TIME.minute, UTC,
                      forward=bool(match.group("next")), clock=False, part=part)


def parse_month(text: str) -> date | None:
    """Read a month without a day, "2009-07" or "July 2009" ("Jul 2009"), as its first day.
    None when the text is not of that shape; ValueError (what to write) when it is but the
    month is not real."""
    written = " ".join(text.split())
    numeric = _MONTH_PATTERN.match(written)
    if numeric:
        year, month = int(numeric.group("year")), int(numeric.group("month"))
        if not 1 <= month <= 12:
            raise ValueError(f"'{written}' is not a real month (months go from 01 to 12); "
                             "write it like 2009-07 or July 2009")
        return date(year, month, 1)
    named = _MONTH_NAME_RE.match(written)
    if not named:
        return None
    word = named.group("month").lower()
    if word in _MONTHS:
        return date(int(named.group("year")), _MONTHS[word], 1)
    if word not in _WEEKDAYS and did_you_mean(word, _MONTH_NAMES):
        raise ValueError(_unknown("month", named.group("month"), _MONTH_NAMES)
                         + "; write it like July 2009 or 2009-07")
    return None


def event_zone(event: Event | None) -> tzinfo | None:
    """The event's local time zone: its ``timezone``, else the offset of a ``when`` that has
    a clock time (a date-only ``when`` says nothing about the zone)."""
    if event is None:
        return None
    if event.timezone:
        zone = parse_zone(event.timezone)
        return zone if isinstance(zone, tzinfo) else None
    when = event.when
    if when is not None and when.tzinfo is not None and not is_date_only(when):
        return when.tzinfo
    return None


def resolve_report_time(spec: ReportTime, *, published: date | None,
                        local: tzinfo | None) -> datetime:
    """The instant ``spec`` names: a weekday is the most recent such day on or before
    ``published`` (the report's date), or with "next" the first such day after it; a
    LOCAL zone is ``local``. Raises ValueError when a weekday has no publication date or a
    local time has no zone."""
    zone = spec.zone
    if zone == LOCAL:
        if local is None:
            raise ValueError("a local time needs the event's time zone")
        zone = local
    day = spec.day
    if day is None:
        if published is None:
            raise ValueError("a weekday needs the report's publication date")
        if spec.forward:  # strictly after: "next Friday" in a Friday's report is a week on
            day = published + timedelta(days=(spec.weekday - published.weekday() - 1) % 7 + 1)
        else:
            day = published - timedelta(days=(published.weekday() - spec.weekday) % 7)
    return datetime(day.year, day.month, day.day, spec.hour, spec.minute, spec.second,
                    tzinfo=zone)  # type: ignore[arg-type]

_HINTS: dict[str, str] = {
    "id": "a unique id like 'wonsan-range': lower-case letters, digits and '-'",
    "event": "the id of the event it is about, e.g. event: wonsan-launch-2022-11-17",
    "source": "the id of the source it is cited from, e.g. source: wire-2022-11-17",
    "kind": "one of: " + ", ".join(FACT_KINDS),
    "reported_by": "who reported it, e.g. reported_by: South Korea's Joint Chiefs of Staff",
    "text": "one short sentence in our own words stating the fact",
    "values": 'a measurement needs the values as reported, e.g. values: ["240 km", "150 mi"]',
    "time": f"a time fact needs the time, e.g. time: {TIME_EXAMPLE}",
    "place": 'a place fact needs the place, e.g. place: "the Wonsan area"',
    "speaker": "a statement needs who said it, e.g. speaker: Choe Son Hui; "
    "use kind: claim for an unattributed assertion",
    "title": "a short title, e.g. title: North Korea's missile launch from Wonsan",
    "publisher": "who published it, e.g. publisher: Associated Press",
    "published": "the publication date, e.g. published: 2022-11-17",
}


def _describe(value: Any) -> str:
    """What sort of YAML value this is, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime):
        return f"a time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str] | Mapping[str, str]) -> str | None:
    """The choice closest to a misspelt ``word``, or None when nothing is close.

    ``choices`` may map spellings (e.g. an attribute's cues) to the name to suggest.
    """
    names = dict(choices) if isinstance(choices, Mapping) else {c: c for c in choices}
    key = " ".join(str(word).lower().replace("_", " ").split())
    if not key or not names:
        return None
    keyed = {" ".join(k.lower().replace("_", " ").split()): v for k, v in names.items()}
    best = process.extractOne(key, list(keyed), scorer=fuzz.ratio, score_cutoff=60)
    return keyed[best[0]] if best else None


def _known_list(names: Collection[str], limit: int | None = None) -> str:
    ordered = list(names)
    if not ordered:
        return "none yet"
    if limit is None or len(ordered) <= limit:
        return ", ".join(ordered)
    return ", ".join(ordered[:limit]) + f", ... ({len(ordered) - limit} more)"


def _unknown(what: str, value: str, known: Collection[str],
             suggest_from: Iterable[str] | Mapping[str, str] | None = None,
             limit: int | None = None) -> str:
    message = f"unknown {what} '{value}' (known: {_known_list(known, limit)}"
    suggestion = did_you_mean(value, suggest_from if suggest_from is not None else known)
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    return message + ")"


def unknown_reference_message(what: str, value: str, known: Collection[str]) -> str:
    """"unknown event 'x' (known: a, b; did you mean 'a'?); ..." for event/source refs."""
    return _unknown(what, value, sorted(known), limit=12) + (
        f"; add that {what} first or use a known id"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def _attribute_choices(kind: str | None) -> dict[str, str]:
    """Spellings that suggest an attribute: names, names with spaces, and question cues."""
    choices: dict[str, str] = {}
    for attribute in ATTRIBUTES.values():
        if kind in FACT_KINDS and kind not in attribute.kinds:
            continue
        for cue in attribute.cues:
            choices.setdefault(cue, attribute.name)
    for attribute in ATTRIBUTES.values():
        if kind in FACT_KINDS and kind not in attribute.kinds:
            continue
        choices[attribute.name] = attribute.name
    return choices


# --- record checking ------------------------------------------------------------------------


class _Check:
    """Collects the problems of one record; each helper returns the cleaned value or None."""

    def __init__(self, entity: str, record: Mapping[str, Any], known_fields: tuple[str, ...],
                 file: str | None, lines: Mapping[str, int] | None):
        self.entity = entity
        self.record = record
        self.file = file
        self.lines = dict(lines or {})
        self.problems: list[Problem] = []
        raw_id = record.get("id")
        if isinstance(raw_id, str) and raw_id.strip():
            self.where = f"{entity} '{raw_id.strip()}'"
        elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
            self.where = f"{entity} '{raw_id}'"
        else:
            self.where = f"{entity} (no id)"
        for key in record:
            if key not in known_fields:
                name = str(key)
                message = f"unknown field '{name}' (known fields: {', '.join(known_fields)}"
                suggestion = did_you_mean(name, known_fields)
                if suggestion:
                    message += f"; did you mean '{suggestion}'?"
                self.add(name, message + ")")

    def line(self, key: str | None) -> int | None:
        if key is not None and key in self.lines:
            return self.lines[key]
        return self.lines.get("__record__")

    def add(self, fld: str | None, message: str, *, line_key: str | None = None) -> None:
        line = self.line(line_key) if line_key and line_key in self.lines else self.line(fld)
        self.problems.append(Problem(self.file, line, self.where, fld, message))

    def present(self, fld: str) -> bool:
        return self.record.get(fld) is not None

    def missing(self, fld: str, hint: str | None = None) -> None:
        hint = hint if hint is not None else _HINTS.get(fld)
        self.add(fld, f"missing required field '{fld}'" + (f" ({hint})" if hint else ""))

    # typed readers ---------------------------------------------------------------------------

    def text(self, fld: str, *, required: bool = False) -> str | None:
        value = self.record.get(fld)
        if value is None:
            if required:
                self.missing(fld)
            return None
        if not isinstance(value, str):
            self.add(fld, f"must be text, not {_describe(value)}; put it in quotes")
            return None
        value = value.strip()
        if not value:
            if required:
                self.add(fld, f"must not be empty ({_HINTS.get(fld, 'write some text')})")
            return None
        if len(value) > MAX_FIELD_CHARS:
            self.add(fld, f"is {len(value):,} characters, over the limit of "
                          f"{MAX_FIELD_CHARS:,} (what a Discord form can hold); shorten it")
            return None
        return value

    def ident(self, fld: str, *, what: str | None = None, required: bool = True) -> str | None:
        value = self.record.get(fld)
        if value is None:
            if required:
                self.missing(fld)
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(fld, f"must be an id, not {_describe(value)}")
            return None
        value = value.strip()
        if not ID_PATTERN.match(value):
            label = f"{what} id" if what else "id"
            message = (
                f"invalid {label} '{value}': use 1-80 lower-case letters, digits and '-', "
                "starting with a letter or digit"
            )
            slug = _slug(value)
            if slug and slug != value:
                message += f", e.g. '{slug}'"
            self.add(fld, message)
            return None
        return value

    def reference(self, fld: str, what: str, known: Collection[str] | None) -> str | None:
        value = self.ident(fld, what=what)
        if value is not None and known is not None and value not in known:
            self.add(fld, unknown_reference_message(what, value, known))
            return None
        return value

    def choice(self, fld: str, options: tuple[str, ...], *, required: bool = False,
               default: str | None = None) -> str | None:
        value = self.record.get(fld)
        if value is None:
            if required:
                self.missing(fld)
            return default
        if not isinstance(value, str) or value.strip() not in options:
            shown = value.strip() if isinstance(value, str) else _describe(value)
            self.add(fld, _unknown(fld, shown, options))
            return None
        return value.strip()

    def strings(self, fld: str) -> tuple[str, ...]:
        value = self.record.get(fld)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            self.add(fld, f"must be a list of text, e.g. {fld}: [first, second]; "
                          f"found {_describe(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, int) and not isinstance(item, bool):
                item = str(item)  # a year like 2017: unambiguous, keep it as text
            if not isinstance(item, str):
                self.add(fld, f"item {index + 1} is {_describe(item)}, not text; put it in "
                              "quotes", line_key=f"{fld}[{index}]")
            elif item.strip():
                items.append(item.strip())
            else:
                self.add(fld, f"item {index + 1} is empty; remove it",
                         line_key=f"{fld}[{index}]")
        return tuple(items)

    def boolean(self, fld: str) -> bool | None:
        value = self.record.get(fld)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "no"):
            return False
        self.add(fld, f"must be true or false, not {_describe(value)}")
        return None

    def integer(self, fld: str) -> int | None:
        value = self.record.get(fld)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
            return int(value)
        self.add(fld, f"must be a whole number like 0 or 1, not {_describe(value)}")
        return None

    def moment(self, fld: str, *, required: bool = False) -> datetime | None:
        """A time with a UTC offset and nothing coarser (``expires``): no precision to keep."""
        return self.told(fld, required=required)[0]

    def told(self, fld: str, *, required: bool = False, allow_date: bool = False,
             resolve: Callable[[ReportTime], datetime] | None = None
             ) -> tuple[datetime | None, TimePrecision | None]:
        """A time with a UTC offset, and how much of it the report gave.

        With ``allow_date``, also a date without a clock time (2022-11-17), a date with a
        part of the day ("2025-03-12 evening"), a month ("2009-07", "July 2009") or a year
        (2009): each kept as the date-only time of its (first) day, with its precision.
        With ``resolve``, also a weekday and time as the report gives it ("Thursday 06:15
        +02:00", "next Friday 10:00 local time", "Wednesday evening"), which ``resolve``
        turns into an instant or rejects with a ValueError whose text says what to do."""
        value = self.record.get(fld)
        example = f"write it like {TIME_EXAMPLE}" + (
            " or give only the date (2022-11-17)" if allow_date else ""
        ) + (f", or as the report gives it, e.g. '{WEEKDAY_TIME_EXAMPLE}'" if resolve else "")
        if value is None:
            if required:
                self.missing(fld)
            return None, None
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            value = str(value)  # a year alone, 2009
        if isinstance(value, str):
            text = value.strip()
            if _DATE_PATTERN.match(text):
                try:
                    value = date.fromisoformat(text)
                except ValueError:
                    self.add(fld, f"'{text}' is not a real date; {example}")
                    return None, None
            elif _YEAR_PATTERN.match(text):
                return self._coarse(fld, date(int(text), 1, 1), TimePrecision.YEAR, example,
                                    allow_date=allow_date)
            else:
                try:
                    month = parse_month(text)
                except ValueError as exc:
                    self.add(fld, f"cannot read '{text}' as a time: {exc}")
                    return None, None
                if month is not None:
                    return self._coarse(fld, month, TimePrecision.MONTH, example,
                                        allow_date=allow_date)
                try:
                    value = datetime.fromisoformat(text)
                except ValueError:
                    return self._report_moment(fld, text, example, resolve,
                                               allow_date=allow_date)
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                self.add(fld, f"{fld} has no UTC offset; {example}")
                return None, None
            return value, None
        if isinstance(value, date):
            if allow_date:
                return datetime.combine(value, DATE_ONLY_TIME), None
            self.add(fld, f"{fld} is a date without a clock time; {example}")
            return None, None
        self.add(fld, f"must be a time, not {_describe(value)}; {example}")
        return None, None

    def _coarse(self, fld: str, first: date, precision: TimePrecision, example: str, *,
                allow_date: bool) -> tuple[datetime | None, TimePrecision | None]:
        """A month or a year without a day: the date-only time of its first day."""
        if not allow_date:
            self.add(fld, f"{fld} is a {precision.value} without a day or a clock time; "
                          f"{example}")
            return None, None
        return datetime.combine(first, DATE_ONLY_TIME), precision

    def _report_moment(self, fld: str, text: str, example: str,
                       resolve: Callable[[ReportTime], datetime] | None, *,
                       allow_date: bool = False
                       ) -> tuple[datetime | None, TimePrecision | None]:
        try:
            spec = parse_report_time(text)
            if spec is None and allow_date:
                spec = parse_report_day(text)  # "Sunday", "Wednesday evening": no clock time
        except ValueError as exc:
            self.add(fld, f"cannot read '{text}' as a time: {exc}; {example}")
            return None, None
        if spec is not None and resolve is None and spec.day is not None and not spec.clock:
            # "2025-03-12 evening": a date and a part of it needs no report to place it
            return datetime.combine(spec.day, DATE_ONLY_TIME), spec.part
        if spec is None or resolve is None:
            self.add(fld, f"cannot read '{text}' as a time; {example}")
            return None, None
        try:
            return resolve(spec), spec.part
        except ValueError as exc:
            self.add(fld, str(exc))
            return None, None

    def day(self, fld: str, *, required: bool = False) -> date | None:
        value = self.record.get(fld)
        if value is None:
            if required:
                self.missing(fld)
            return None
        if isinstance(value, str) and _DATE_PATTERN.match(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                self.add(fld, f"'{value.strip()}' is not a real date; write it like 2022-11-17")
                return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.add(fld, f"must be a date like 2022-11-17 (no time), not {_describe(value)}")
        return None

    def url(self, fld: str) -> str | None:
        value = self.text(fld)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
            self.add(fld, f"'{value}' is not a web address; write the full http:// or "
                          "https:// link, e.g. https://example.org/news/123")
            return None
        return value

    def fail_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _not_a_mapping(entity: str, record: Any, file: str | None) -> ValidationError:
    return ValidationError([Problem(
        file, None, entity, None,
        f"must be a mapping of fields (id: ..., ...), not {_describe(record)}",
    )])


def _quantities(check: _Check, dimension: str | None, attribute: str | None
                ) -> tuple[tuple[Quantity, ...], bool]:
    """The values, and whether one of them said "about" (the fact is then approximate)."""
    raw = check.record.get("values")
    said_about = False
    if raw is None:
        check.missing("values")
        return (), said_about
    if isinstance(raw, str | int | float | Mapping) and not isinstance(raw, bool):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        check.add("values", f"must be a list of values, e.g. values: [\"240 km\", \"150 mi\"]; "
                            f"found {_describe(raw)}")
        return (), said_about
    if not raw:
        check.add("values", "is empty; " + _HINTS["values"])
        return (), said_about
    result: list[Quantity] = []
    for index, item in enumerate(raw):
        key = f"values[{index}]"
        quantity: Quantity | None = None
        written = item
        if isinstance(item, bool) or item is None:
            check.add("values", f"item {index + 1} is {_describe(item)}; write a number and "
                                "a unit like '240 km'", line_key=key)
        elif isinstance(item, int | float):
            quantity = Quantity(float(item), "")
            written = repr(item)
        elif isinstance(item, str):
            try:
                parsed = parse_value(item)
            except ValueError as exc:
                check.add("values", str(exc), line_key=key)
            else:
                quantity = parsed.quantity
                said_about = said_about or parsed.approximate
        elif isinstance(item, Mapping):
            quantity = _quantity_mapping(check, item, key)
            written = quantity_to_text(quantity) if quantity else item
        else:
            check.add("values", f"item {index + 1} is {_describe(item)}; write '240 km' or "
                                "{value: 240, unit: km}", line_key=key)
        if quantity is None:
            continue
        ends = (quantity.value,) if quantity.upper is None else (quantity.value, quantity.upper)
        if any(v != v or v in (float("inf"), float("-inf")) for v in ends):
            check.add("values", f"'{written}' is not a finite number", line_key=key)
            continue
        unit = resolve_unit(quantity.unit)
        if quantity.value < 0 and not (unit is not None and unit.signed):
            check.add("values", f"'{written}' is negative; give the size as reported "
                                "(e.g. '240 km'); only temperatures and percentages may be "
                                "negative", line_key=key)
            continue
        if dimension == "money" and unit is not None and unit.dimension == "count" \
                and _in_labelled_currency(check.record, quantity):
            # "Mission cost (dravs)", "3.1 billion dravs": a currency of the report's own,
            # which no code names, written as the knowledge README shows
            result.append(quantity)
            continue
        if dimension and unit is not None and unit.dimension != dimension:
            if dimension == "count":
                fix = "write a bare number like '2'"
            else:
                fix = f"use one of: {known_units_text(dimension)}"
            if unit.dimension == "count":
                what = f"'{written}' has no unit"
            else:
                what = f"'{written}' is a {unit.dimension}"
            check.add("values", f"{what}, but attribute '{attribute}' takes a {dimension}; "
                                f"{fix}", line_key=key)
            continue
        result.append(quantity)
    return tuple(result), said_about


def _in_labelled_currency(record: Mapping[str, Any], quantity: Quantity) -> bool:
    """Whether a bare figure is in the currency its label's brackets name and its sentence
    puts after a number ("Mission cost (dravs)": "3.1 billion dravs")."""
    label, text = record.get("label"), record.get("text")
    return isinstance(label, str) and isinstance(text, str) \
        and label_unit(label, text, [quantity]) is not None


_MAPPING_KEYS = ("value", "unit", "qualifier", "upper")


def _quantity_mapping(check: _Check, item: Mapping[str, Any], key: str) -> Quantity | None:
    extra = [str(k) for k in item if k not in _MAPPING_KEYS]
    if extra:
        check.add("values", f"unknown key '{extra[0]}' in a value mapping; use "
                            "{value: 240, unit: km} (optional: qualifier, upper)", line_key=key)
        return None
    qualifier = item.get("qualifier")
    known = (*QUALIFIERS, *RANGE_QUALIFIERS)
    if qualifier is not None and (not isinstance(qualifier, str)
                                  or qualifier.strip().lower() not in known):
        shown = qualifier.strip() if isinstance(qualifier, str) else _describe(qualifier)
        check.add("values", _unknown("qualifier", shown, known), line_key=key)
        return None
    qualifier = qualifier.strip().lower() if qualifier else None
    upper = item.get("upper")
    if upper is not None and (isinstance(upper, bool) or not isinstance(upper, int | float)):
        check.add("values", f"'upper' must be a number, not {_describe(upper)}", line_key=key)
        return None
    if (upper is not None) != (qualifier in RANGE_QUALIFIERS):
        check.add("values", "a range needs both qualifier: between (or to) and upper, e.g. "
                            "{value: 3, upper: 5, qualifier: between, unit: m}", line_key=key)
        return None
    number = item.get("value")
    if isinstance(number, str):
        try:
            number = parse_quantity(number).value
        except ValueError:
            pass
    if isinstance(number, bool) or not isinstance(number, int | float):
        check.add("values", f"'value' must be a number, not {_describe(number)}; "
                            "e.g. {value: 240, unit: km}", line_key=key)
        return None
    unit_name = item.get("unit")
    if unit_name is None:
        unit_name = ""
    if not isinstance(unit_name, str):
        check.add("values", f"'unit' must be text, not {_describe(unit_name)}", line_key=key)
        return None
    unit = resolve_unit(unit_name)
    if unit is None:
        check.add("values", unknown_unit_message(unit_name), line_key=key)
        return None
    if upper is not None and not float(upper) > float(number):
        check.add("values", "a range's upper must be larger than its value", line_key=key)
        return None
    return Quantity(float(number), unit.symbol, qualifier,
                    None if upper is None else float(upper))


# --- records -> objects -----------------------------------------------------------------------

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class RecordContext:
    """The events and sources a fact record may refer to, as objects: a weekday time is
    placed by its source's publication date and a local time by its event's time zone."""

    events: Mapping[str, Event] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)


def _resolver(source_id: str | None, event_id: str | None,
              context: RecordContext | None) -> Callable[[ReportTime], datetime]:
    """Turns a fact's report-relative time into an instant, or says what to do instead."""
    def resolve(spec: ReportTime) -> datetime:
        source = context.sources.get(source_id) if context and source_id else None
        event = context.events.get(event_id) if context and event_id else None
        if spec.weekday is not None:
            day = spec.day_words()
            counted = "counted on" if spec.forward else "counted back"
            if spec.clock:
                full = f"give the full date and time instead, e.g. {TIME_EXAMPLE}"
            else:  # "Wednesday evening": the date, and the part of the day if one was given
                written = DATE_EXAMPLE + (f" {spec.part.value}" if spec.part else "")
                full = f"give the date instead, e.g. {written}"
            if source_id is None:
                raise ValueError(f"'{day}' is {counted} from the source's publication "
                                 f"date: give the fact's source, or {full}")
            if source is None:
                raise ValueError(f"'{day}' is {counted} from the publication date of "
                                 f"source '{source_id}', which is not known here; define "
                                 f"that source with its published: date, or {full}")
            if source.published is None:
                raise ValueError(f"'{day}' cannot be placed: source '{source_id}' has no "
                                 f"published: date; {full}, or add the source's date")
        local = None
        if spec.zone == LOCAL:
            try:
                local = event_zone(event)
            except ValueError:
                local = None  # the event's own timezone is reported on the event
            if local is None:
                name = f"event '{event_id}'" if event_id else "the fact's event"
                raise ValueError(
                    f"a local time needs the time zone of {name}: add timezone: "
                    f"Europe/Athens (or +02:00) to the event, or write the offset in the "
                    f"time, e.g. '{WEEKDAY_TIME_EXAMPLE}'")
        return resolve_report_time(spec, published=source.published if source else None,
                                   local=local)
    return resolve


Told = tuple[datetime, TimePrecision | None]  # a time and how much of it a report gave

# the hours a part of a day may cover, for telling whether a window ends before it starts
# ("Wednesday evening" to "Wednesday morning"); a night runs into the next morning
_PART_HOURS: dict[TimePrecision, tuple[int, int]] = {
    TimePrecision.MORNING: (5, 12), TimePrecision.AFTERNOON: (12, 18),
    TimePrecision.EVENING: (17, 24), TimePrecision.NIGHT: (20, 30),
}


def _told_bounds(told: Told) -> tuple[datetime, datetime]:
    """The earliest and the latest wall-clock time (naive) a told time may stand for: a
    clock time is itself; a day runs from its midnight to the next; a part of a day, a
    month or a year covers its hours, days or months."""
    moment, precision = told
    if not is_date_only(moment):
        wall = moment.replace(tzinfo=None)
        return wall, wall
    start = datetime.combine(moment.date(), datetime.min.time())
    if precision is TimePrecision.YEAR:
        return start, start.replace(year=start.year + 1)
    if precision is TimePrecision.MONTH:
        after = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return start, after
    if precision is not None:
        first, last = _PART_HOURS[precision]
        return start + timedelta(hours=first), start + timedelta(hours=last)
    return start, start + timedelta(days=1)


def _check_window(check: _Check, start: Told, end: Told) -> None:
    """A window's ``until`` must come after its ``time``: two clock times as instants, else
    by the hours, days or months each may stand for (an end that may be after the start
    is accepted: "Wednesday" to "Wednesday evening")."""
    (moment, precision), (until, until_precision) = start, end
    if is_date_only(moment) or is_date_only(until):
        low, high = _told_bounds(start)[0], _told_bounds(end)[1]
        before = high <= low or (until, until_precision) == (moment, precision)
    else:
        before = until <= moment
    if not before:
        return
    raw = check.record.get("until")
    try:
        spec = (parse_report_time(raw) or parse_report_day(raw)) if isinstance(raw, str) \
            else None
    except ValueError:
        spec = None
    hint = ""
    if spec is not None and spec.weekday is not None and not spec.forward \
            and until.date() < moment.date():  # (an earlier day: perhaps meant a week on)
        day = spec.day_words()
        hint = f" ('{day}' counts back from the report's date; a day after it is 'next {day}')"
    check.add("until", f"until ({told_text(until, until_precision)}) is not after time "
                       f"({told_text(moment, precision)}): a window ends after it starts; "
                       f"fix one of them{hint}, or leave until out for one moment")


def fact_from_record(
    record: Mapping[str, Any],
    *,
    file: str | None = None,
    lines: Mapping[str, int] | None = None,
    origin: str = ORIGIN_KNOWLEDGE,
    guild_id: int | None = None,
    events: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    context: RecordContext | None = None,
) -> Fact:
    """Validate a fact record and build the Fact; raise ValidationError with every problem.

    ``lines`` maps field names (and ``"__record__"``, ``"values[0]"`` ...) to line numbers.
    When ``events``/``sources`` are given, the fact's references must be among them.
    ``context`` gives the event and source objects that a ``time``, ``until`` or ``as_of``
    written as the report gives it ("Thursday 06:15 +02:00") is resolved against.
    """
    if not isinstance(record, Mapping):
        raise _not_a_mapping("fact", record, file)
    check = _Check("fact", record, FACT_FIELDS, file, lines)
    fact_id = check.ident("id")
    event = check.reference("event", "event", events)
    source = check.reference("source", "source", sources)
    kind = check.choice("kind", FACT_KINDS, required=True)

    attribute = None
    raw_attribute = record.get("attribute")
    label = check.text("label")
    if raw_attribute is None:
        if kind in ATTRIBUTE_REQUIRED_KINDS and label is None:
            names = [a.name for a in ATTRIBUTES.values() if kind in a.kinds]
            check.missing("attribute", f"a {kind} fact needs one of: {', '.join(names)}; "
                                       "or, for anything else, a label saying what it is, "
                                       "e.g. label: Storm surge")
    elif not isinstance(raw_attribute, str) or raw_attribute.strip() not in ATTRIBUTES:
        shown = raw_attribute.strip() if isinstance(raw_attribute, str) else str(raw_attribute)
        check.add("attribute", _unknown("attribute", shown, list(ATTRIBUTES),
                                        _attribute_choices(kind)))
    else:
        attribute = raw_attribute.strip()
        fits = ATTRIBUTES[attribute].kinds
        if kind is not None and kind not in fits:
            names = [a.name for a in ATTRIBUTES.values() if kind in a.kinds]
            fix = (f"attributes for {kind}: {', '.join(names)}" if names
                   else f"a {kind} takes no attribute; remove it")
            check.add("attribute", f"attribute '{attribute}' is for kind {' or '.join(fits)}, "
                                   f"not {kind} ({fix})")
            attribute = None

    reported_by = check.text("reported_by", required=True)
    text = check.text("text", required=True)

    if kind is not None:
        for fld, owners in KIND_ONLY_FIELDS.items():
            if kind not in owners and check.present(fld):
                if fld == "quote":
                    message = ("a quote is only for a named speaker's exact words, in a "
                               "statement; remove it, or use kind: statement with a speaker")
                else:
                    message = (f"only a {' or '.join(owners)} fact has '{fld}'; remove it "
                               f"or use kind: {owners[0]}")
                check.add(fld, message)

    quantities: tuple[Quantity, ...] = ()
    approximate = False
    moment = until = place = speaker = speaker_role = quote = None
    time_precision = until_precision = None
    resolve = _resolver(_raw_ref(record, "source"), _raw_ref(record, "event"), context)
    if kind == "measurement":
        dimension = ATTRIBUTES[attribute].dimension if attribute else None
        quantities, said_about = _quantities(check, dimension, attribute)
        flag = check.boolean("approximate")
        if flag is False and said_about:
            check.add("approximate", "is false, but a value says 'about'; remove 'about' "
                                     "from the value or write approximate: true")
        approximate = bool(flag) or said_about
    elif kind == "time":
        moment, time_precision = check.told("time", required=True, resolve=resolve,
                                            allow_date=True)
        until, until_precision = check.told("until", resolve=resolve, allow_date=True)
        if moment is not None and until is not None:
            _check_window(check, (moment, time_precision), (until, until_precision))
        approximate = bool(check.boolean("approximate"))  # "at about 6:07 p.m."
    elif kind == "place":
        place = check.text("place", required=True)
    elif kind == "statement":
        speaker = check.text("speaker", required=True)
        speaker_role = check.text("speaker_role")
        quote = check.text("quote")

    about = check.strings("about")
    keywords = check.strings("keywords")
    status = check.choice("status", FACT_STATUSES, default="active")
    rank = check.integer("rank")
    as_of, as_of_precision = check.told("as_of", resolve=resolve, allow_date=True)
    expires = check.moment("expires")
    if as_of is not None and expires is not None and expires <= as_of:
        check.add("expires", f"expires ({expires.isoformat()}) is not after as_of "
                             f"({as_of.isoformat()}); fix one of them")
    check.fail_if_any()
    return Fact(
        id=fact_id,  # type: ignore[arg-type]  # checked above
        event=event,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        text=text,  # type: ignore[arg-type]
        reported_by=reported_by,  # type: ignore[arg-type]
        attribute=attribute,
        label=label,
        quantities=with_bracket_unit(label, quantities),
        approximate=approximate,
        time=moment,
        place=place,
        speaker=speaker,
        speaker_role=speaker_role,
        quote=quote,
        about=about,
        keywords=keywords,
        status=status or "active",  # type: ignore[arg-type]
        rank=rank or 0,
        as_of=as_of,
        expires=expires,
        time_precision=time_precision,
        as_of_precision=as_of_precision,
        until=until,
        until_precision=until_precision,
        origin=origin,
        origin_file=file,
        origin_line=(lines or {}).get("__record__"),
        guild_id=guild_id,
    )


def event_from_record(
    record: Mapping[str, Any],
    *,
    file: str | None = None,
    lines: Mapping[str, int] | None = None,
    origin: str = ORIGIN_KNOWLEDGE,
    guild_id: int | None = None,
    events: Collection[str] | None = None,
) -> Event:
    """Validate an event record and build the Event; raise ValidationError with every problem.

    ``when`` needs a UTC offset, or may be a plain date (stored as 12:00 UTC that day), a
    date with a part of the day, a month or a year (kept with its precision), or may be
    left out (an undated event). When ``events`` is given, ``background_of`` must name one
    of them.
    """
    if not isinstance(record, Mapping):
        raise _not_a_mapping("event", record, file)
    check = _Check("event", record, EVENT_FIELDS, file, lines)
    event_id = check.ident("id")
    title = check.text("title", required=True)
    when, when_precision = check.told("when", allow_date=True)
    where = check.text("where")
    aliases = check.strings("aliases")
    zone = check.text("timezone")
    if zone is not None:
        try:
            if parse_zone(zone) == LOCAL:
                raise ValueError("'local' is what this field defines")
        except ValueError as exc:
            check.add("timezone", f"{exc}; e.g. timezone: Europe/Athens or timezone: "
                                  "\"+02:00\"")
            zone = None
    background_of = None
    if check.present("background_of"):
        background_of = check.reference("background_of", "event", events)
        if background_of is not None and background_of == event_id:
            check.add("background_of", "an event cannot be background to itself; name the "
                                       "main event the report is about")
            background_of = None
    check.fail_if_any()
    return Event(
        id=event_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        when=when,
        where=where,
        aliases=aliases,
        origin=origin,
        origin_file=file,
        guild_id=guild_id,
        background_of=background_of,
        timezone=zone,
        when_precision=when_precision,
    )


def source_from_record(
    record: Mapping[str, Any],
    *,
    file: str | None = None,
    lines: Mapping[str, int] | None = None,
    origin: str = ORIGIN_KNOWLEDGE,
    guild_id: int | None = None,
) -> Source:
    """Validate a source record and build the Source; raise ValidationError with every problem.

    ``published`` may be left out when the report gives no date: nothing invents one, and a
    fact citing it must then give full dates rather than weekdays."""
    if not isinstance(record, Mapping):
        raise _not_a_mapping("source", record, file)
    check = _Check("source", record, SOURCE_FIELDS, file, lines)
    source_id = check.ident("id")
    title = check.text("title", required=True)
    publisher = check.text("publisher", required=True)
    published = check.day("published")
    url = check.url("url")
    check.fail_if_any()
    return Source(
        id=source_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        publisher=publisher,  # type: ignore[arg-type]
        published=published,
        url=url,
        origin=origin,
        origin_file=file,
        guild_id=guild_id,
    )


# --- objects -> records -----------------------------------------------------------------------


def _moment_text(value: datetime) -> str:
    return value.isoformat()


def fact_to_record(fact: Fact) -> dict[str, Any]:
    """The fact as a JSON- and YAML-safe record: canonical key order, non-default fields only.

    Bookkeeping (revision, origin, guild, retraction reason) is not part of the record.
    """
    record: dict[str, Any] = {
        "id": fact.id, "event": fact.event, "source": fact.source, "kind": fact.kind,
    }
    if fact.attribute is not None:
        record["attribute"] = fact.attribute
    if fact.label is not None:
        record["label"] = fact.label
    record["reported_by"] = fact.reported_by
    if fact.speaker is not None:
        record["speaker"] = fact.speaker
    if fact.speaker_role is not None:
        record["speaker_role"] = fact.speaker_role
    record["text"] = fact.text
    if fact.quote is not None:
        record["quote"] = fact.quote
    if fact.quantities:
        record["values"] = [quantity_to_text(q) for q in fact.quantities]
    if fact.approximate:
        record["approximate"] = True
    if fact.time is not None:
        record["time"] = told_text(fact.time, fact.time_precision)
    if fact.until is not None:
        record["until"] = told_text(fact.until, fact.until_precision)
    if fact.place is not None:
        record["place"] = fact.place
    if fact.about:
        record["about"] = list(fact.about)
    if fact.keywords:
        record["keywords"] = list(fact.keywords)
    if fact.status != "active":
        record["status"] = fact.status
    if fact.rank != 0:
        record["rank"] = fact.rank
    if fact.as_of is not None:
        record["as_of"] = told_text(fact.as_of, fact.as_of_precision)
    if fact.expires is not None:
        record["expires"] = _moment_text(fact.expires)
    return record


def told_text(moment: datetime, precision: TimePrecision | None = None) -> str:
    """A time as the file writes it: the plain date when the report gave no clock time,
    with the part of the day when it gave one ("2025-03-12 evening"), the month
    ("2009-07") or the year ("2009") when it gave only that."""
    if precision is TimePrecision.YEAR:
        return f"{moment.year:04d}"
    if precision is TimePrecision.MONTH:
        return f"{moment.year:04d}-{moment.month:02d}"
    if precision is not None:
        return f"{moment.date().isoformat()} {precision.value}"
    return moment.date().isoformat() if is_date_only(moment) else _moment_text(moment)


def event_to_record(event: Event) -> dict[str, Any]:
    """The event as a record; a ``when`` of exactly 12:00 UTC is written as the plain date."""
    record: dict[str, Any] = {"id": event.id, "title": event.title}
    if event.when is not None:
        record["when"] = told_text(event.when, event.when_precision)
    if event.where is not None:
        record["where"] = event.where
    if event.aliases:
        record["aliases"] = list(event.aliases)
    if event.timezone is not None:
        record["timezone"] = event.timezone
    if event.background_of is not None:
        record["background_of"] = event.background_of
    return record


def source_to_record(source: Source) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
    }
    if source.published is not None:
        record["published"] = source.published.isoformat()
    if source.url is not None:
        record["url"] = source.url
    return record


# --- YAML with line numbers -----------------------------------------------------------------

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_CORE_RESOLVERS = (
    (_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    (_INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")),
    (_FLOAT_TAG, re.compile(
        r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)$"
    ), list("-+.0123456789")),
)


class _Record(dict):
    """A mapping read from YAML that remembers where it and each of its keys start."""

    lines: dict[str, int]
    duplicates: list[tuple[str, int, int]]  # (key, line, line of the earlier one)


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars and line numbers on every mapping."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _INT_TAG, _FLOAT_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _regexp, _first in _CORE_RESOLVERS:
    _Loader.add_implicit_resolver(_tag, _regexp, _first)


def _construct_record(loader: _Loader, node: yaml.MappingNode):
    data = _Record()
    yield data
    loader.flatten_mapping(node)
    lines = {"__record__": node.start_mark.line + 1}
    duplicates: list[tuple[str, int, int]] = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "found a key that is a list or mapping", key_node.start_mark,
            ) from None
        name = str(key)
        line = key_node.start_mark.line + 1
        if key in data:
            duplicates.append((name, line, lines.get(name, line)))
        data[key] = loader.construct_object(value_node, deep=True)
        lines[name] = line
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"{name}[{index}]"] = item.start_mark.line + 1
    data.lines = lines
    data.duplicates = duplicates


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_record)


class _Dumper(yaml.SafeDumper):
    """Block style, nested lists indented, short lists of words in flow style.

    Strings that either YAML 1.1 or our loader would read as something else are quoted.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


for _tag, _regexp, _first in _CORE_RESOLVERS:
    _Dumper.add_implicit_resolver(_tag, _regexp, _first)


def _represent_str(dumper: _Dumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_list(dumper: _Dumper, data: list):
    flow = (
        bool(data)
        and all(isinstance(item, str) and "\n" not in item for item in data)
        and sum(len(item) + 2 for item in data) <= 80
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_datetime(dumper: _Dumper, data: datetime):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(datetime, _represent_datetime)


# --- files ------------------------------------------------------------------------------------

_SINGULAR = {"events": "event", "sources": "source", "facts": "fact"}


@dataclass
class KnowledgeFile:
    """One knowledge file: what loaded from it and the problems located in it."""

    path: str  # as shown in messages, e.g. "knowledge/x.yaml"
    sha256: str  # of the raw bytes ("" when the file could not be read)
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class KnowledgeSet:
    """All knowledge files of a directory.

    ``problems`` lists every problem found: the directory's own, then each file's in file
    order (each file's ``problems`` holds the ones located in it, cross-file ones included).
    Records with problems are not in ``events``/``sources``/``facts``.
    """

    files: list[KnowledgeFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [e for f in self.files for e in f.events]

    @property
    def sources(self) -> list[Source]:
        return [s for f in self.files for s in f.sources]

    @property
    def facts(self) -> list[Fact]:
        return [x for f in self.files for x in f.facts]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _FactRefs:
    """A fact record's references, checked across files once every file is read."""

    where: str
    loaded_id: str | None  # the fact's id when it loaded, None when it was rejected
    lines: Mapping[str, int]
    refs: dict[str, str]  # "event"/"source" -> well-formed id not already reported


@dataclass
class _Parsed:
    file: KnowledgeFile
    lines: dict[tuple[str, str], Mapping[str, int]] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(  # section -> ids of records that failed validation
        default_factory=lambda: {s: set() for s in SECTIONS})
    fact_refs: list[_FactRefs] = field(default_factory=list)
    # a fact's weekday or local time refers to a source or event of another file: parse
    # again once every file's events and sources are known
    needs_context: bool = False


def _references(item: Mapping[str, Any], reported: set[str | None]) -> dict[str, str]:
    refs = {}
    for fld in ("event", "source"):
        value = item.get(fld)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and ID_PATTERN.match(value.strip()) and fld not in reported:
            refs[fld] = value.strip()
    return refs


def _raw_ref(record: Mapping[str, Any], fld: str) -> str | None:
    value = record.get(fld)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _sort_problems(problems: list[Problem]) -> None:
    problems.sort(key=lambda p: p.line or 0)


def _yaml_error(exc: yaml.YAMLError, path: str) -> Problem:
    line = None
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "cannot parse it"
        if exc.context:
            what += f" ({exc.context}"
            if exc.context_mark and exc.problem_mark and exc.context_mark.line != mark.line:
                what += f" started at line {exc.context_mark.line + 1}"
            what += ")"
    else:
        what = str(exc)
    return Problem(path, line, "invalid YAML", None, f"{what}; fix the syntax")


def _raw_id(item: Mapping[str, Any]) -> str | None:
    value = item.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) else None


def _report_relative(value: Any) -> bool:
    """Whether a time is written as the report gives it, to be placed by its source's date
    or its event's zone ("Thursday 06:15 local time", "Sunday", "next Friday evening")."""
    if not isinstance(value, str):
        return False
    try:
        spec = parse_report_time(value) or parse_report_day(value)
    except ValueError:
        return True
    return spec is not None and (spec.weekday is not None or spec.zone == LOCAL)


def _parse(text: str, path: str, sha256: str, context: RecordContext | None = None) -> _Parsed:
    """Parse one file; ``context`` holds the events and sources of the other files."""
    result = _Parsed(KnowledgeFile(path, sha256))
    problems = result.file.problems
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        problems.append(_yaml_error(exc, path))
        return result
    if data is None:
        return result
    if not isinstance(data, dict):
        problems.append(Problem(
            path, 1, "top level", None,
            f"the file must be a mapping with 'events:', 'sources:' and/or 'facts:' lists, "
            f"not {_describe(data)}",
        ))
        return result
    top_lines: Mapping[str, int] = getattr(data, "lines", {})
    for name, line, first in getattr(data, "duplicates", []):
        problems.append(Problem(path, line, "top level", name,
                                f"'{name}' appears twice (first at line {first}); "
                                "merge them into one list"))
    for key in data:
        if key not in SECTIONS:
            problems.append(Problem(
                path, top_lines.get(str(key), 1), "top level", str(key),
                _unknown("top-level key", str(key), SECTIONS),
            ))
    here = RecordContext({}, {})  # this file's events and sources, as they load
    known = RecordContext({**(context.events if context else {})},
                          {**(context.sources if context else {})})

    def build_fact(item: Mapping[str, Any], **kwargs: Any) -> Fact:
        if any(_report_relative(item.get(k)) for k in ("time", "until", "as_of")) and (
            _raw_ref(item, "source") not in here.sources
            or _raw_ref(item, "event") not in here.events
        ):
            result.needs_context = True
        return fact_from_record(item, context=known, **kwargs)

    builders: dict[str, Callable[..., Any]] = {
        "events": event_from_record, "sources": source_from_record, "facts": build_fact,
    }
    targets: dict[str, list[Any]] = {
        "events": result.file.events, "sources": result.file.sources, "facts": result.file.facts,
    }
    for section in SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        singular = _SINGULAR[section]
        if not isinstance(items, list):
            problems.append(Problem(
                path, top_lines.get(section), section, None,
                f"must be a list with one '- id: ...' item per {singular}, "
                f"not {_describe(items)}",
            ))
            continue
        first_seen: dict[str, int | None] = {}
        for index, item in enumerate(items):
            where_line = top_lines.get(f"{section}[{index}]")
            if not isinstance(item, dict):
                problems.append(Problem(
                    path, where_line, f"{singular} #{index + 1}", None,
                    f"must be a mapping of fields (id: ..., ...), not {_describe(item)}",
                ))
                continue
            lines: Mapping[str, int] = getattr(item, "lines", {"__record__": where_line})
            record_problems = [
                Problem(path, line, f"{singular} '{_raw_id(item)}'" if _raw_id(item)
                        else f"{singular} (no id)", name,
                        f"'{name}' appears twice (first at line {first}); keep one")
                for name, line, first in getattr(item, "duplicates", [])
            ]
            try:
                obj = builders[section](item, file=path, lines=lines)
            except ValidationError as exc:
                record_problems.extend(exc.problems)
                obj = None
            where = f"{singular} '{_raw_id(item)}'" if _raw_id(item) else f"{singular} (no id)"
            if record_problems:
                problems.extend(record_problems)
                if _raw_id(item):
                    result.rejected[section].add(_raw_id(item))  # type: ignore[arg-type]
                if section == "facts":
                    reported = {p.field for p in record_problems}
                    result.fact_refs.append(
                        _FactRefs(where, None, lines, _references(item, reported)))
                continue
            if obj.id in first_seen:
                problems.append(Problem(
                    path, lines.get("id"), f"{singular} '{obj.id}'", "id",
                    f"duplicate {singular} id '{obj.id}' (first defined at "
                    f"{path}:{first_seen[obj.id]}); give one of them another id",
                ))
                continue
            first_seen[obj.id] = lines.get("__record__")
            result.lines[(section, obj.id)] = lines
            targets[section].append(obj)
            if section == "events":
                here.events[obj.id] = known.events[obj.id] = obj  # type: ignore[index]
            elif section == "sources":
                here.sources[obj.id] = known.sources[obj.id] = obj  # type: ignore[index]
            if section == "facts":
                result.fact_refs.append(_FactRefs(where, obj.id, lines, _references(item, set())))
    _sort_problems(problems)
    return result


def parse_knowledge_text(text: str, path: str) -> KnowledgeFile:
    """Parse and validate one knowledge file's text; ``path`` is used in messages.

    Each record is validated on its own: a bad one is reported and skipped. References to
    events and sources are not checked here (they may live in other files); see
    :func:`load_knowledge_dir`.
    """
    return _parse(text, path, hashlib.sha256(text.encode("utf-8")).hexdigest()).file


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return path.as_posix()


def _check_background_of(parsed: list[_Parsed], rejected: dict[str, set[str]]) -> None:
    """An event's ``background_of`` must name a loaded main event (one that is not itself
    background to another). A bad one is reported and its event left out, like a bad record;
    its facts then report that the event did not load."""
    events = {e.id: e for one in parsed for e in one.file.events}
    bad: set[str] = set()
    for one in parsed:
        for event in one.file.events:
            target = event.background_of
            if target is None:
                continue
            lines = one.lines.get(("events", event.id), {})
            where = f"event '{event.id}'"
            line = lines.get("background_of", lines.get("__record__"))
            if target in rejected["events"]:
                message = (f"event '{target}' did not load because of its own problems (see "
                           "its own problem lines); fix those first")
            elif target not in events:
                message = unknown_reference_message("event", target, events) .replace(
                    "add that event first", "add the main event first")
            elif events[target].background_of is not None:
                message = (f"event '{target}' is itself background to "
                           f"'{events[target].background_of}'; name the main event, "
                           f"background_of: {events[target].background_of}")
            else:
                continue
            one.file.problems.append(Problem(one.file.path, line, where, "background_of",
                                             message))
            bad.add(event.id)
    if bad:
        rejected["events"] |= bad
        for one in parsed:
            one.file.events[:] = [e for e in one.file.events if e.id not in bad]


def load_knowledge_dir(directory: Path, *, display_base: Path | None = None) -> KnowledgeSet:
    """Load every ``*.yaml``/``*.yml`` file of ``directory`` (sorted by name) and check them
    together: ids unique across files, facts referring to known events and sources.

    Paths in messages are relative to ``display_base`` (default: the directory's parent, so
    they read "knowledge/x.yaml"). Never raises on bad content.
    """
    directory = Path(directory)
    base = display_base if display_base is not None else directory.parent
    result = KnowledgeSet()
    shown_dir = _display(directory, base)
    if not directory.exists():
        result.problems.append(Problem(
            shown_dir, None, "knowledge directory", None,
            "does not exist; create it (an empty directory is fine) or point the "
            "configuration's knowledge_dir at the right place",
        ))
        return result
    if not directory.is_dir():
        result.problems.append(Problem(
            shown_dir, None, "knowledge directory", None,
            "is not a directory; point the configuration's knowledge_dir at a directory",
        ))
        return result
    try:
        paths = sorted(
            (p for p in directory.iterdir()
             if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".")
             and p.is_file() and p.name != LEXICON_FILE),
            key=lambda p: p.name,
        )
    except OSError as exc:
        result.problems.append(Problem(
            shown_dir, None, "knowledge directory", None,
            f"cannot list it ({exc.strerror or exc}); check its permissions",
        ))
        return result

    parsed: list[_Parsed] = []
    texts: list[tuple[str, str, str, int]] = []  # (shown path, text, sha256, index in parsed)
    seen: dict[str, dict[str, str]] = {s: {} for s in SECTIONS}  # id -> "file:line"
    rejected: dict[str, set[str]] = {s: set() for s in SECTIONS}
    for path in paths:
        shown = _display(path, base)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:  # refused before it is read: no file may stall a start
                parsed.append(_Parsed(KnowledgeFile(shown, "", problems=[Problem(
                    shown, None, "file", None,
                    f"is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one "
                    "knowledge file; split it into several files",
                )])))
                continue
            raw = path.read_bytes()
        except OSError as exc:
            parsed.append(_Parsed(KnowledgeFile(shown, "", problems=[Problem(
                shown, None, "file", None,
                f"cannot read it ({exc.strerror or exc}); check that it is readable",
            )])))
            continue
        sha = hashlib.sha256(raw).hexdigest()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            parsed.append(_Parsed(KnowledgeFile(shown, sha, problems=[Problem(
                shown, line, "file", None, "is not UTF-8 text; save it with UTF-8 encoding",
            )])))
            continue
        texts.append((shown, text, sha, len(parsed)))
        parsed.append(_parse(text, shown, sha))

    # Weekday and local times may name a source or event of another file: parse the files
    # that have such facts again, now that every file's events and sources are known.
    if any(one.needs_context for one in parsed):
        everything = RecordContext(
            {e.id: e for one in reversed(parsed) for e in one.file.events},
            {s.id: s for one in reversed(parsed) for s in one.file.sources},
        )
        for shown, text, sha, index in texts:
            if parsed[index].needs_context:
                parsed[index] = _parse(text, shown, sha, everything)

    for one in parsed:
        shown = one.file.path
        for section in SECTIONS:
            rejected[section] |= one.rejected[section]
            kept = []
            for obj in getattr(one.file, section):
                lines = one.lines.get((section, obj.id), {})
                if obj.id in seen[section]:
                    singular = _SINGULAR[section]
                    one.file.problems.append(Problem(
                        shown, lines.get("id"), f"{singular} '{obj.id}'", "id",
                        f"duplicate {singular} id '{obj.id}' (first defined at "
                        f"{seen[section][obj.id]}); give one of them another id",
                    ))
                    continue
                seen[section][obj.id] = f"{shown}:{lines.get('__record__')}"
                kept.append(obj)
            getattr(one.file, section)[:] = kept

    _check_background_of(parsed, rejected)
    event_ids = {e.id for one in parsed for e in one.file.events}
    source_ids = set(seen["sources"])
    for one in parsed:
        broken: set[str] = set()  # loaded facts with a bad reference
        for entry in one.fact_refs:
            for fld, section, known in (("event", "events", event_ids),
                                        ("source", "sources", source_ids)):
                ref = entry.refs.get(fld)
                if ref is None or ref in known:
                    continue
                if entry.loaded_id is not None:
                    broken.add(entry.loaded_id)
                if ref in rejected[section]:
                    message = (f"{fld} '{ref}' did not load because of its own problems "
                               "(see its own problem lines); fix those first")
                else:
                    message = unknown_reference_message(fld, ref, known)
                one.file.problems.append(Problem(
                    one.file.path, entry.lines.get(fld, entry.lines.get("__record__")),
                    entry.where, fld, message,
                ))
        kept_facts = [f for f in one.file.facts if f.id not in broken]
        one.file.facts[:] = kept_facts
        _sort_problems(one.file.problems)
        result.files.append(one.file)
        result.problems.extend(one.file.problems)
    return result


# --- writing ----------------------------------------------------------------------------------

EXPORT_HEADER = (
    "# Knowledge exported by factbot. Format: knowledge/README.md\n"
    "# Check it with `factbot validate` after editing.\n"
)


def _for_yaml(record: dict[str, Any], moments: tuple[str, ...], days: tuple[str, ...]
              ) -> dict[str, Any]:
    """Record strings for times and dates as date/datetime objects: plain YAML timestamps
    (a year as a number; a month and a day with its part stay text, which YAML reads back
    as text)."""
    out = dict(record)
    for key in moments + days:
        value = out.get(key)
        if isinstance(value, str):
            if _DATE_PATTERN.match(value):
                out[key] = date.fromisoformat(value)
            elif _YEAR_PATTERN.match(value):
                out[key] = int(value)
            elif not _MONTH_PATTERN.match(value) and " " not in value:
                out[key] = datetime.fromisoformat(value)
    return out


def _spaced(body: str) -> str:
    """A blank line between top-level sections and between the records of a section."""
    out: list[str] = []
    previous = ""
    for line in body.splitlines():
        top_level = bool(line) and not line.startswith((" ", "#"))
        record_start = line.startswith("  - ") and previous not in ("events:", "sources:",
                                                                     "facts:")
        if out and (top_level or record_start):
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out) + "\n"


def dump_yaml(events: Iterable[Event] = (), sources: Iterable[Source] = (),
              facts: Iterable[Fact] = ()) -> str:
    """Readable, deterministic YAML in the knowledge file format (no dates or times of the
    export in it), which :func:`parse_knowledge_text` reads back into equal objects."""
    document: dict[str, Any] = {}
    event_records = [_for_yaml(event_to_record(e), ("when",), ()) for e in events]
    source_records = [_for_yaml(source_to_record(s), (), ("published",)) for s in sources]
    fact_records = [_for_yaml(fact_to_record(f), ("time", "until", "as_of", "expires"), ())
                    for f in facts]
    if event_records:
        document["events"] = event_records
    if source_records:
        document["sources"] = source_records
    if fact_records:
        document["facts"] = fact_records
    if not document:
        return EXPORT_HEADER
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000, indent=2)
    return EXPORT_HEADER + "\n" + _spaced(body)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) so readers see the old or the new file, never
    half of one: write a temporary file beside it, fsync, rename over, fsync the directory.

    On failure the old file is untouched and the temporary file removed. An existing
    file's permissions are kept.
    """
    path = Path(path)
    directory = path.parent
    temp = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = None
        if mode is not None:
            os.chmod(temp, mode)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return  # e.g. Windows: directories cannot be opened; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
