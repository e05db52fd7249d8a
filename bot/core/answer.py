"""Match result -> :class:`Answer`: a short sentence, numbered citations, or an abstention.

Pure: no I/O. Values keep the units the report gave ("about 47 km (29 miles)"); a unit
asked for ("in miles") leads, taken from the report when it gave one and converted
otherwise (then marked as converted). Facts that report the same attribute of the same
event are shown side by side, each with its source, and flagged as a conflict when they
disagree. Times are written in the event's local time and in UTC; the UTC part is marked
as a :class:`TimeMention` so a renderer can show it in each reader's own time zone. A time
window ("from 22:00 Friday to 06:00 Saturday") is told with both ends, or by its length
when the question asks a figure ("how long was the road closed").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from bot.core.knowledge import told_text
from bot.core.matching import AnswerType, MatchResult, Reason, Scored
from bot.core.matching.analyzer import UNSAID_RE
from bot.core.models import (
    Answer,
    AnsweredFact,
    Citation,
    Event,
    Fact,
    Quantity,
    Source,
    Suggestion,
    TimeMention,
    TimePrecision,
    in_order,
    is_date_only,
)
from bot.core.rates import ImpliedRate, in_dollars
from bot.core.timezones import AskedZone
from bot.core.units import (
    bounded_ratio,
    bracket_unit,
    convert,
    converts,
    difference,
    dimension_of,
    format_measurement,
    format_quantity,
    label_unit,
    label_without_unit,
    per_each,
    resolve_unit,
    unit_name,
)
from bot.core.vocabulary import ATTRIBUTES

NO_FACT = "No reported fact answers that."


def fact_label_unit(fact: Fact) -> str | None:
    return label_unit(fact.label, fact.text, fact.quantities)


def label_of(fact: Fact) -> str:
    if fact.label:
        named = bracket_unit(fact.label)
        in_it = named is not None and bool(fact.quantities) and all(
            q.unit == named.symbol for q in fact.quantities)  # ("Oil spilled (barrels)")
        return label_without_unit(fact.label) if fact_label_unit(fact) or in_it \
            else fact.label
    if fact.attribute and fact.attribute in ATTRIBUTES:
        return ATTRIBUTES[fact.attribute].label
    return fact.kind.capitalize()


def _values(fact: Fact, unit: str | None, rates: Mapping[str, ImpliedRate] | None = None
            ) -> str:
    """The measurement's values as text, the asked unit first (marked if converted); a
    unit the label names in brackets after them ("4 lumes"); in dollars first, when the
    question asks and the report implies a rate for that unit ("up to $560 (up to 10,000
    dravik) [converted at the report's own rate: 2,500 dravik = $140]")."""
    text = format_measurement(fact.quantities, approximate=fact.approximate, unit=unit)
    named = fact_label_unit(fact)
    if not named:
        return text
    currency, per, of = named.partition(" per ")  # ("tarvos per litre": a price in tarvos)
    rate = (rates or {}).get(named) or (rates or {}).get(currency)
    if rate is not None and len(fact.quantities) == 1:
        dollars = in_dollars(fact.quantities[0], rate)
        about = format_quantity(dollars) if dollars.qualifier else \
            f"about {format_quantity(dollars)}"  # ("up to $560": a bound, already no exact sum)
        about += f"{per}{of}"
        then = "; that rate is of another event: the rate at this figure's time may have " \
            "differed" if rate.event and rate.event != fact.event \
            else ""  # (a 2017 ransom told at 2026's rate says so)
        return (f"{about} ({text} {named}) [converted at the report's own rate: "
                f"{rate.pair_text()}{then}]")
    return f"{text} {named}"


@dataclass(frozen=True)
class Shown:
    """How the question asks values to be shown: in a unit ("in miles"), a time in a zone
    ("in tokyo")."""

    unit: str | None = None
    zone: AskedZone | None = None
    rates: Mapping[str, ImpliedRate] = field(default_factory=dict)  # by the label's currency
    # the question asks a figure ("how long was the road closed"): a time window that has
    # clock times at both ends answers with its length
    length: bool = False


def _utc_offset(dt: datetime) -> str:
    off = dt.utcoffset()
    if off is None:
        return "UTC"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_time_text(dt: datetime) -> str:
    return f"{_clock(dt)} on {dt:%A}, {dt.day} {dt:%B %Y} ({_utc_offset(dt)})"


def utc_time_text(dt: datetime) -> str:
    u = dt.astimezone(UTC)
    return f"{_clock(u)} UTC on {u.day} {u:%B %Y}"


def _strip_period(text: str) -> str:
    return text.rstrip().rstrip(".")


def _statement(fact: Fact, cite: str, *, role: bool) -> str:
    who = fact.speaker or fact.reported_by
    if role:
        if fact.speaker_role:
            return f"{who}: {fact.speaker_role} {cite}."
        if fact.speaker is None:  # reported by "NCPS Director Ilona Marsek": as written
            return f"The report names {who} {cite}."
        return f"{who} is named in the report without a role {cite}."
    if fact.quote and len(fact.quote.split()) >= 6 and not UNSAID_RE.search(fact.text):
        # (a sentence that says what they did *not* say keeps it, with the quote after)
        lead = f"{who} ({fact.speaker_role})" if fact.speaker_role else who
        return f"{lead} said: “{fact.quote}” {cite}"
    if fact.quote:  # a few words: our sentence for the context, their words verbatim
        return f"{_strip_period(fact.text)} (quoted: “{fact.quote}”) {cite}."
    return f"{_strip_period(fact.text)} {cite}."


def suggestion_prompt(fact: Fact, event: Event | None) -> str:
    """A question the asker could ask instead, answered by this fact."""
    attr = ATTRIBUTES.get(fact.attribute or "")
    if attr is not None and (fact.kind != "statement"):
        if fact.label:
            return f"{fact.label}?"
        subject = fact.about[0] if fact.about else (event.title if event else "event")
        if attr.ask:
            return attr.ask.format(subject=subject)
        return f"{attr.label}?"
    if fact.kind == "statement" and fact.speaker:
        topic = f" about {fact.about[0]}" if fact.about else ""
        return f"What did {fact.speaker} say{topic}?"
    text = _strip_period(fact.text)
    return text if len(text) <= 90 else text[:89].rstrip() + "…"


class _Citations:
    def __init__(self, sources: Mapping[str, Source]):
        self._sources = sources
        self._numbers: dict[tuple[str, str], int] = {}
        self.citations: list[Citation] = []

    def number(self, fact: Fact) -> int:
        key = (fact.source, fact.reported_by)
        if key not in self._numbers:
            source = self._sources.get(fact.source)
            if source is None:  # a dangling reference cannot be cited: say so, do not crash
                from datetime import date

                source = Source(fact.source, f"unknown source '{fact.source}'", "unknown",
                                date(1970, 1, 1))
            self._numbers[key] = len(self.citations) + 1
            self.citations.append(Citation(self._numbers[key], source, fact.reported_by))
        return self._numbers[key]


def _same_value(a: Fact, b: Fact) -> bool:
    if a.kind == "measurement":
        mine = {(q.value, q.unit) for q in a.quantities}
        return bool(mine & {(q.value, q.unit) for q in b.quantities})
    if a.kind == "time":
        return (a.time, a.time_precision, a.until, a.until_precision) == \
            (b.time, b.time_precision, b.until, b.until_precision)
    if a.kind == "place":
        return (a.place or "").strip().lower() == (b.place or "").strip().lower()
    return a.text == b.text


def _comparable(a: Fact, b: Fact) -> bool:
    """Whether two figures can be told apart: some value of one converts to the other's
    unit (not dollars and a currency no table knows, nor two currencies)."""
    if a.kind != "measurement" or b.kind != "measurement":
        return True
    return any(fact_label_unit(a) == fact_label_unit(b) and converts(qa, qb.unit)
               for qa in a.quantities for qb in b.quantities)


def _when_text(fact: Fact, zone: AskedZone | None = None) -> str:
    """When a figure was given: its ``as_of`` in the event's local time, briefly, then in
    the zone the question asked for when it has one ("Tuesday 14 March, 16:00, which is
    10:00 (10:00 a.m.) on Tuesday, 14 March 2023 in NYC (UTC-04:00)")."""
    if fact.as_of is None:
        return ""
    t = fact.as_of
    if fact.as_of_precision is TimePrecision.MONTH:
        return f"{t:%B %Y}"
    if fact.as_of_precision is TimePrecision.YEAR:
        return f"{t:%Y}"
    if fact.as_of_precision is not None:  # "Wednesday 12 March, evening"
        return f"{t:%A} {t.day} {t:%B}, {fact.as_of_precision.value}"
    if is_date_only(t):
        return f"{t:%A} {t.day} {t:%B}"
    local = f"{t:%A} {t.day} {t:%B}, {_clock(t)}"
    if zone is None or t.utcoffset() is None:
        return local
    there = utc_time_text(t) if zone.key == "UTC" else zone_time_text(t, zone)
    return f"{local}, which is {there}"


def date_text(dt: datetime, precision: TimePrecision | None = None) -> str:
    """A date the report gave without a clock time: "Tuesday, 14 February 2023 (no time of
    day reported)"; with the part of the day it gave, "Wednesday evening, 12 March 2025 (no
    clock time reported)"; a month or a year alone, "July 2009 (no day reported)", "2009
    (no month or day reported)": never a day or a time the report did not give."""
    if precision is TimePrecision.MONTH:
        return f"{dt:%B %Y} (no day reported)"
    if precision is TimePrecision.YEAR:
        return f"{dt:%Y} (no month or day reported)"
    if precision is not None:
        return f"{dt:%A} {precision.value}, {dt.day} {dt:%B %Y} (no clock time reported)"
    return f"{dt:%A}, {dt.day} {dt:%B %Y} (no time of day reported)"


def event_date_text(event: Event) -> str:
    """An event's date as lists show it: "17 November 2022", "July 2009", "2009"."""
    if event.when is None:
        return ""
    if event.when_precision is TimePrecision.MONTH:
        return f"{event.when:%B %Y}"
    if event.when_precision is TimePrecision.YEAR:
        return f"{event.when:%Y}"
    return f"{event.when:%d %B %Y}"


def twelve_hour_text(dt: datetime) -> str:
    """A clock time as most people who ask for their own zone read it: "8:48 p.m."."""
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt:%M} {'a.m.' if dt.hour < 12 else 'p.m.'}"


def zone_time_text(dt: datetime, zone: AskedZone) -> str:
    """A time in the zone the question asked for, on both clocks ("20:48 (8:48 p.m.) on
    Wednesday, 16 November 2022 in New York (UTC-05:00)"): whoever asks for their own zone
    reads it at a glance on the one they use."""
    there = zone.localise(dt)
    return f"{_clock(there)} ({twelve_hour_text(there)}) on {there:%A}, {there.day} " \
           f"{there:%B %Y} in {zone.name} ({_utc_offset(there)})"


# --- time windows ("from 22:00 Friday to 06:00 Saturday") ---------------------------------


def _offsets(start: datetime, end: datetime) -> str:
    """"UTC+02:00", or both when the two ends differ (a clock change overnight)."""
    first, last = _utc_offset(start), _utc_offset(end)
    return first if first == last else f"{first} to {last}"


def _clock_window(start: datetime, end: datetime, clock: Callable[[datetime], str],
                  where: str, *, about: str = "", lead: str = "from ") -> str:
    """Two clock times, each already in the zone shown: "14:00 to 18:30 on Tuesday, 11
    March 2025 (UTC+02:00)" when they share a day, else "from 22:00 on Friday, 14 March
    2025 to 06:00 on Saturday, 15 March 2025 (UTC+02:00)"."""
    if start.date() == end.date():
        return f"{about}{clock(start)} to {clock(end)} on {start:%A}, {start.day} " \
               f"{start:%B %Y}{where}"
    return f"{lead}{about}{clock(start)} on {start:%A}, {start.day} {start:%B %Y} to " \
           f"{about}{clock(end)} on {end:%A}, {end.day} {end:%B %Y}{where}"


def _utc_window(start: datetime, end: datetime) -> str:
    """"12:00 to 16:30 UTC on 11 March 2025", or "20:00 UTC on 14 March to 04:00 UTC on 15
    March" (the years too when they differ)."""
    a, b = start.astimezone(UTC), end.astimezone(UTC)
    if a.date() == b.date():
        return f"{_clock(a)} to {_clock(b)} UTC on {a.day} {a:%B %Y}"
    year = a.year != b.year
    return f"{_clock(a)} UTC on {a.day} {a:%B}{f' {a.year}' if year else ''} to " \
           f"{_clock(b)} UTC on {b.day} {b:%B}{f' {b.year}' if year else ''}"


def _clock(dt: datetime) -> str:
    """A clock time, with its seconds when the report gave them ("19:46:21")."""
    return f"{dt:%H:%M:%S}" if dt.second else f"{dt:%H:%M}"


def _both_clocks(dt: datetime) -> str:
    return f"{_clock(dt)} ({twelve_hour_text(dt)})"


def _day_words(dt: datetime, precision: TimePrecision | None) -> str:
    """A date-only end as told: "Monday, 10 March 2025", "Wednesday evening, 12 March
    2025", "July 2009", "2009"."""
    if precision is TimePrecision.MONTH:
        return f"{dt:%B %Y}"
    if precision is TimePrecision.YEAR:
        return f"{dt:%Y}"
    part = f" {precision.value}" if precision is not None else ""
    return f"{dt:%A}{part}, {dt.day} {dt:%B %Y}"


def _days_window(f: Fact) -> str:
    """A window the report gave without clock times: "from Wednesday evening, 12 March 2025
    to Thursday afternoon, 13 March 2025 (no clock times reported)"; "Wednesday morning to
    evening, 12 March 2025 (...)" within one day."""
    assert f.time is not None and f.until is not None
    first, last = f.time_precision, f.until_precision
    if all(p is None or p.part_of_day for p in (first, last)):  # a day at each end
        note = "no times of day" if first is last is None else "no clock times"
    else:
        note = "no months or days" if first is last is TimePrecision.YEAR else "no days"
    if first is not None and last is not None and first.part_of_day and last.part_of_day \
            and f.time.date() == f.until.date():
        t = f.time
        return f"{t:%A} {first.value} to {last.value}, {t.day} {t:%B %Y} ({note} reported)"
    return f"from {_day_words(f.time, first)} to {_day_words(f.until, last)} ({note} " \
           f"reported)"


def _window_text(f: Fact, shown: Shown, times: list[TimeMention]) -> str:
    """A time fact's window, as :func:`_value_text` tells one moment: clock times in the
    report's local time and in UTC (and first in the zone asked), or days as told."""
    assert f.time is not None and f.until is not None
    start, end = f.time, f.until
    if is_date_only(start) and is_date_only(end):
        return _days_window(f)
    if is_date_only(start) or is_date_only(end):
        # one end without a clock time: each end told as a moment is ("..., to Sunday")
        first = _value_text(replace(f, until=None, until_precision=None), shown, times)
        last = _value_text(replace(f, time=end, time_precision=f.until_precision, until=None,
                                   until_precision=None), shown, times)
        return f"from {first}{'' if is_date_only(start) else ','} to {last}"
    about = "about " if f.approximate else ""
    utc = _utc_window(start, end)
    times.append(TimeMention(utc, start, until=end))
    local = _clock_window(start, end, _clock, f" ({_offsets(start, end)})", about=about)
    zone = shown.zone
    if zone is None or zone.key == "UTC":
        return f"{local}, which is {utc}"
    a, b = zone.localise(start), zone.localise(end)
    there = _clock_window(a, b, _both_clocks, f" in {zone.name} ({_offsets(a, b)})",
                          about=about)
    if a.utcoffset() == start.utcoffset() and b.utcoffset() == end.utcoffset():
        return f"{there}, the report's local time too, which is {utc}"
    given = _clock_window(start, end, _clock, f" ({_offsets(start, end)})", about=about,
                          lead="")
    return f"{there}; the report gives {given}, which is {utc}"


def _window_length(f: Fact, shown: Shown) -> str | None:
    """"8 hours (22:00 Friday to 06:00 Saturday)": how long a window with clock times at
    both ends lasts, in the unit asked when there is one; None for days without a clock
    time (how long "Monday to Wednesday" is, the report does not say)."""
    if f.time is None or f.until is None or is_date_only(f.time) or is_date_only(f.until):
        return None
    seconds = (f.until - f.time).total_seconds()
    about = "about " if f.approximate else ""
    if shown.unit is not None and converts(Quantity(seconds, "s"), shown.unit):
        # ("how many minutes"): worked out, so in that unit alone
        value = format_measurement([convert(Quantity(seconds, "s"), shown.unit)],
                                   approximate=bool(about))
    else:
        value = about + elapsed_text(seconds)
    start, end = f.time, f.until
    span = f"{_clock(start)} to {_clock(end)} {start:%A}" if start.date() == end.date() \
        else f"{_clock(start)} {start:%A} to {_clock(end)} {end:%A}"
    return f"{value} ({span})"


def _value_text(f: Fact, shown: Shown, times: list[TimeMention]) -> str:
    if f.kind == "measurement" and f.quantities:
        return _values(f, shown.unit, shown.rates)
    if f.kind == "time" and f.time is not None and f.until is not None:
        length = _window_length(f, shown) if shown.length else None
        return length or _window_text(f, shown, times)
    if f.kind == "time" and f.time is not None and is_date_only(f.time):
        # a day (a part of one, a month, a year), not an instant: nothing to convert
        return date_text(f.time, f.time_precision)
    if f.kind == "time" and f.time is not None and f.approximate:
        return "about " + _value_text(replace(f, approximate=False), shown, times)
    if f.kind == "time" and f.time is not None:
        utc = utc_time_text(f.time)
        times.append(TimeMention(utc, f.time))
        zone = shown.zone  # (every answer gives UTC already)
        if zone is not None and zone.key != "UTC" and f.time.utcoffset() is not None:
            # the asked zone leads; the report's own time and UTC follow, to check it by
            there = zone_time_text(f.time, zone)
            if zone.localise(f.time).utcoffset() == f.time.utcoffset():
                return f"{there}, the report's local time too, which is {utc}"
            return f"{there}; the report gives {local_time_text(f.time)}, which is {utc}"
        return f"{local_time_text(f.time)}, which is {utc}"
    if f.kind == "place" and f.place:
        return f.place
    return _strip_period(f.text)


def _single_sentence(s: Scored, cites: _Citations, shown: Shown,
                     times: list[TimeMention]) -> str:
    """One fact that reports a value: the value first, then our sentence that says whose it
    is and in what context ("Crew on board: 6. Northvale Rail said ... [1]")."""
    f = s.fact
    n = cites.number(f)
    value = _value_text(f, shown, times)
    if f.kind in ("measurement", "time", "place") and (f.quantities or f.time or f.place):
        if shown.zone is not None and f.kind == "measurement" and f.as_of is not None:
            value += f" (given {_when_text(f, shown.zone)})"  # ("the 4pm update, in NYC?")
        return (f"{label_of(f)}: {value}, according to {f.reported_by} [{n}]. "
                f"{_strip_period(f.text)}.")
    return f"{_strip_period(f.text)}, according to {f.reported_by} [{n}]."


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def elapsed_text(seconds: float) -> str:
    """A length of time as people say it: "25 minutes", "1 hour 10 minutes", "2 days 3
    hours" (to the minute; days and hours past a day)."""
    minutes = round(seconds / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] + ([] if days else [(mins, "minute")])
    said = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(said) or "less than a minute"


def _elapsed_sentence(a: Fact, b: Fact, cites: _Citations, shown: Shown) -> str | None:
    """"How long between the two blasts": the time from one reported moment to the other,
    then each moment with whose it is. None when either is a day without a clock time, or
    one has a zone and the other not, or they are the same moment."""
    if a.time is None or b.time is None or is_date_only(a.time) or is_date_only(b.time) \
            or (a.time.utcoffset() is None) != (b.time.utcoffset() is None):
        return None
    first, then = (a, b) if a.time <= b.time else (b, a)
    seconds = (then.time - first.time).total_seconds()  # type: ignore[operator]
    if seconds <= 0:
        return None
    approx = "about " if a.approximate or b.approximate else ""
    if shown.unit is not None and converts(Quantity(seconds, "s"), shown.unit):
        value = format_measurement([Quantity(seconds / 60, "min")], approximate=bool(approx),
                                   unit=shown.unit)
    else:
        value = approx + elapsed_text(seconds)
    each = "; ".join(f"{label_of(f)}: {local_time_text(f.time)}, according to "
                     f"{f.reported_by} [{cites.number(f)}]" for f in (first, then)
                     if f.time is not None)
    return (f"From {label_of(first)[:1].lower()}{label_of(first)[1:]} to "
            f"{label_of(then)[:1].lower()}{label_of(then)[1:]}: {value}, worked out from the "
            f"two reported times. {each}.")


def _in_asked_unit(f: Fact, shown: Shown) -> Quantity | None:
    """The figure's value in the unit the question asks, when the report gives one."""
    wanted = resolve_unit(shown.unit) if shown.unit else None
    if wanted is None:
        return None
    return next((x for x in f.quantities if resolve_unit(x.unit) is wanted), None)


def _difference_sentence(a: Fact, b: Fact, cites: _Citations, shown: Shown,
                         rivals: bool = False) -> str | None:
    """"How much farther did it go than it went up": the difference of two reported
    figures, then each figure with whose it is ("Distance flown less maximum altitude:
    about 193 km. Distance flown: about 240 km, according to ... [1]; ..."). Two sources'
    figures of one quantity (``rivals``) are named once: "The two reported figures for
    trains halted differ by at least 48: ...". None when they have no one difference (a
    range, two bounds, units that do not convert)."""
    if a.kind == b.kind == "time":
        return _elapsed_sentence(a, b, cites, shown)
    if not a.quantities or not b.quantities:
        return None
    qa, qb = _in_asked_unit(a, shown), _in_asked_unit(b, shown)
    if qa is not None and qb is not None:
        # "range minus altitude in miles": 150 mi less 29 mi as reported (121), not the
        # kilometres' difference converted (193 km, about 120 mi)
        a = replace(a, quantities=(qa, *[x for x in a.quantities if x is not qa]))
        b = replace(b, quantities=(qb, *[x for x in b.quantities if x is not qb]))
    try:
        gap = difference(a.quantities[0], b.quantities[0])
    except ValueError:
        if not rivals or a.quantities[0].is_range or b.quantities[0].is_range:
            return None
        try:  # two sources' figures as they gave them ("up to 15.2 km" and "12 km" are
            # 3.2 apart), each shown with its bound
            gap = difference(replace(a.quantities[0], qualifier=None),
                             replace(b.quantities[0], qualifier=None))
        except ValueError:
            return None
    big, small = (a, b) if convert(a.quantities[0], b.quantities[0].unit).value \
        >= b.quantities[0].value else (b, a)
    # ("more than 36,000", not "about more than 36,000": the bound says how far it is sure)
    about = (a.approximate or b.approximate) and not gap.qualifier
    if gap.unit == "%":  # two shares differ by points: 40% and 23% by 17, not by 17%
        value = format_measurement([replace(gap, unit="")], approximate=about
                                   ) + " percentage points"
    else:
        value = format_measurement([gap], approximate=about, unit=shown.unit)
    if rivals and a.reported_by == b.reported_by and a.as_of != b.as_of:
        # one source's figure revised: how much it moved from its earlier count (the later
        # comes first when one is undated: "first estimate" beside a dated revision)
        earlier, later = sorted((a, b), key=lambda f: in_order(f.as_of, f.as_of_precision)) \
            if a.as_of is not None and b.as_of is not None else (b, a)
        counts = dimension_of(later.quantities[0]) in (None, "count")
        moved = "more" if later is big else "fewer" if counts else "less"
        told = "count" if counts else "figure"  # (a length is no count: "0.7 km less")
        label = label_of(later).split(" (")[0]
        each = "; ".join(f"{_values(f, shown.unit, shown.rates)}, according to {f.reported_by} "
                         f"[{cites.number(f)}]" for f in (later, earlier))
        return (f"{label}: {value} {moved} in the later {told} than in the earlier one, "
                f"worked out from them: {each}.")
    if rivals:
        label = label_of(big).split(" (")[0]
        if label != label_of(small).split(" (")[0]:
            # two sources' figures whose labels differ ("KESTREL-3 budget", "Analyst
            # estimate of full cost"): each named, so neither reads as the other's
            each = "; ".join(f"{label_of(f)}: {_values(f, shown.unit, shown.rates)}, according "
                             f"to {f.reported_by} [{cites.number(f)}]" for f in (big, small))
            return f"The two reported figures differ by {value}, worked out from them: {each}."
        each = "; ".join(f"{_values(f, shown.unit, shown.rates)}, according to {f.reported_by} "
                         f"[{cites.number(f)}]" for f in (big, small))
        return (f"The two reported figures for {label[:1].lower()}{label[1:]} differ by "
                f"{value}, worked out from them: {each}.")
    if label_of(big) == label_of(small):  # one quantity of two events (this siege and
        # the one the report recalls): each with its own sentence, which says whose
        label = label_of(big)
        each = " ".join(f"{_capitalised(_values(f, shown.unit))} [{cites.number(f)}]: "
                        f"{_strip_period(f.text)}." for f in (big, small))
        return (f"The two reported figures for {label[:1].lower()}{label[1:]} differ by "
                f"{value}, worked out from them. {each}")
    each = "; ".join(f"{label_of(f)}: {_values(f, shown.unit)}, according to {f.reported_by} "
                     f"[{cites.number(f)}]" for f in (big, small))
    return (f"{label_of(big)} less {label_of(small)[:1].lower()}{label_of(small)[1:]}: "
            f"{value}, worked out from the two reported figures. {each}.")


def _ratio_sentence(a: Fact, b: Fact, cites: _Citations, shown: Shown,
                    rivals: bool = False) -> str | None:
    """"How many times farther did it go than it went up": the bigger figure over the
    smaller, then each with whose it is ("Distance flown is about 5.1 times maximum altitude,
    worked out from the two reported figures. Distance flown: ..."). Two sources' figures of
    one quantity (``rivals``) are named once, and a bound bounds the ratio ("more than
    40,000" and "about 4,000": more than 10 times). None when they have no one ratio (a
    range, two bounds, units that do not convert, a zero)."""
    if a.kind != "measurement" or b.kind != "measurement" or not a.quantities \
            or not b.quantities:
        return None
    try:
        times, bound = bounded_ratio(a.quantities[0], b.quantities[0])
        if times < 1:
            a, b = b, a
            times, bound = bounded_ratio(a.quantities[0], b.quantities[0])
    except ValueError:
        return None
    told = f"{bound or 'about'} {times:g} times"
    if rivals or label_of(a) == label_of(b):
        label = label_of(a).split(" (")[0]
        each = "; ".join(f"{_values(f, shown.unit, shown.rates)}, according to "
                         f"{f.reported_by} [{cites.number(f)}]" for f in (a, b))
        return (f"The higher reported figure for {label[:1].lower()}{label[1:]} is {told} "
                f"the lower, worked out from them: {each}.")
    each = "; ".join(f"{label_of(f)}: {_values(f, shown.unit)}, according to {f.reported_by} "
                     f"[{cites.number(f)}]" for f in (a, b))
    return (f"{label_of(a)} is {told} "
            f"{label_of(b)[:1].lower()}{label_of(b)[1:]}, worked out from the two reported "
            f"figures. {each}.")


def _per_sentence(a: Fact, b: Fact, cites: _Citations, shown: Shown) -> str | None:
    """"How many sites per country on avg": the first figure shared out over the second, a
    count, then each with whose it is ("Clinical sites divided by countries in the trial:
    about 14, worked out from the two reported figures. Clinical sites: 384, ..."). None
    when they have no one average (a range, a bound, a second figure that is no count)."""
    if a.kind != "measurement" or b.kind != "measurement" or not a.quantities \
            or not b.quantities:
        return None
    try:
        each_one = per_each(a.quantities[0], b.quantities[0])
    except ValueError:
        return None
    value = format_measurement([each_one], approximate=True, unit=shown.unit)
    each = "; ".join(f"{label_of(f)}: {_values(f, shown.unit)}, according to {f.reported_by} "
                     f"[{cites.number(f)}]" for f in (a, b))
    return (f"{label_of(a)} divided by {label_of(b)[:1].lower()}{label_of(b)[1:]}: {value}, "
            f"worked out from the two reported figures. {each}.")


def _group_sentence(
    group: list[Scored], cites: _Citations, shown: Shown, times: list[TimeMention]
) -> tuple[str, bool]:
    """Facts that report one quantity: latest first, each with whose it is and when
    ("Killed: 12 (Tobias Rennick, Wednesday 15 October, 15:00) [1]; earlier 9 (...) [2]").
    Returns (text, whether they disagree)."""
    first = group[0].fact
    label = label_of(first).split(" (")[0]
    conflict = any(not _same_value(first, s.fact) for s in group[1:])
    if not any(s.fact.as_of for s in group):  # the same figure from several reports
        cited = [(_value_text(s.fact, shown, times), s.fact.reported_by, cites.number(s.fact))
                 for s in group]
        if not conflict:
            sources = " and ".join(f"{who} [{n}]" for _, who, n in cited)
            return f"{label}: {cited[0][0]}, according to {sources}.", False
        listed = "; ".join(f"{v}, according to {who} [{n}]" for v, who, n in cited)
        if not any(_comparable(first, s.fact) for s in group[1:]):
            # "$3,100" and "250,000 dravik": the one sum in two currencies, as far as
            # anyone can tell, not two sums
            return f"{label}: {listed}.", False
        return f"Reports differ on the {label.lower()}: {listed}.", True
    parts: list[str] = []
    for i, s in enumerate(group):
        f = s.fact
        n = cites.number(f)
        whose = ", ".join(x for x in (f.reported_by, _when_text(f, shown.zone)) if x)
        value = _value_text(f, shown, times)
        lead = "" if i == 0 else ("earlier " if f.as_of and first.as_of and in_order(
            f.as_of, f.as_of_precision) < in_order(first.as_of, first.as_of_precision)
            else "also ")
        parts.append(f"{lead}{value} ({whose}) [{n}]")
    # dated figures of one quantity are a revision, shown in order: not a disagreement
    return f"{label}: {'; '.join(parts)}.", False


def compose_answer(
    question: str, result: MatchResult, sources: Mapping[str, Source]
) -> Answer:
    if result.status == "choose_event":
        names = "; ".join(
            f"{e.title} ({event_date_text(e)})" if e.when else e.title
            for e in result.events_to_choose
        )
        return Answer(
            question=question,
            answered=False,
            text=f"That could be about more than one event: {names}. Which one do you mean?",
            confidence=round(result.confidence, 3),
            events_to_choose=result.events_to_choose,
            reason=result.reason,
        )
    if result.status != "answer":
        prompts: dict[str, Suggestion] = {}
        for s in result.suggestions:
            prompt = suggestion_prompt(s.fact, result.event)
            prompts.setdefault(prompt, Suggestion(s.fact.id, s.fact.event, prompt,
                                                  round(s.score, 3)))
        suggestions = tuple(prompts.values())
        text = NO_FACT
        if result.reason is Reason.NO_DIMENSION and result.detail:
            text = f"No reported fact gives the {result.detail}."
        elif result.reason is Reason.NO_SPEAKER:
            text = "No reported statement by that speaker answers that."
        elif result.reason is Reason.UNKNOWN_WORD and result.detail:
            text = f"No reported fact mentions “{result.detail}”."
        elif result.reason is Reason.NO_ZONE and result.zone is not None:
            zone_name = result.zone.name if result.zone.name.endswith(" time") \
                else f"{result.zone.name} time"  # ("Morvanian time", as the facts name it)
            text = (f"The report gives that time without its time zone, so it cannot be "
                    f"given in {zone_name}.")
        elif result.reason is Reason.NO_NAME:
            text = "No reported fact names it."
        elif result.reason is Reason.NO_UNIT and result.unit is not None:
            text = (f"No reported figure for that can be given in {unit_name(result.unit)}: "
                    f"the report's figures do not convert to it.")
        elif result.reason is Reason.NOT_REPORTED and result.suggestions:
            said = result.suggestions[0].fact
            text = (f"The report does not give that; it says: {_strip_period(said.text)} "
                    f"({said.reported_by}).")
        return Answer(
            question=question,
            answered=False,
            text=text,
            confidence=round(min(result.confidence, 0.5), 3),
            suggestions=suggestions,
            event=result.event,
            reason=result.reason,
        )

    cites = _Citations(sources)
    times: list[TimeMention] = []
    sentences: list[str] = []
    used: list[AnsweredFact] = []
    conflict = False
    for part in result.parts or (result,):  # (a message of two questions: each in turn)
        said, facts_used, disagree = _answer_sentences(part, cites, times)
        sentences += said
        used += [u for u in facts_used if u.fact.id not in {x.fact.id for x in used}]
        conflict = conflict or disagree
    for part in result.unanswered:  # ("whos X and why is he mad": the why is not reported)
        sentences.append(f"Nothing reported clearly answers “{_strip_period(part.rstrip('?! '))}”.")
    return Answer(
        question=question,
        answered=True,
        text="\n".join(sentences),
        confidence=round(result.confidence, 3),
        facts=tuple(used),
        citations=tuple(cites.citations),
        times=tuple(times),
        event=result.event,
        conflict=conflict,
    )


def _answer_sentences(result: MatchResult, cites: _Citations, times: list[TimeMention]
                      ) -> tuple[list[str], list[AnsweredFact], bool]:
    """The sentences of an answer, the facts they cite, and whether figures disagree."""
    shown = Shown(result.unit, result.zone, {r.local: r for r in result.rates},
                  length=result.answer_type is AnswerType.QUANTITY)
    sentences: list[str] = []
    used: list[AnsweredFact] = []
    conflict = False
    facts = list(result.facts)
    keys = {(s.fact.event, s.fact.attribute, s.fact.label, s.fact.kind) for s in facts}
    one_quantity = (len(facts) > 1 and len(keys) == 1 and facts[0].fact.attribute is not None
                    and facts[0].fact.kind in ("measurement", "time", "place"))
    if result.per and len(facts) == 2 and (text := _per_sentence(
            facts[0].fact, facts[1].fact, cites, shown)) is not None:
        sentences.append(text)
        used = [AnsweredFact(x.fact, cites.number(x.fact), round(x.score, 3)) for x in facts]
    elif result.ratio and len(facts) == 2 and (text := _ratio_sentence(
            facts[0].fact, facts[1].fact, cites, shown, rivals=result.grouped)) is not None:
        sentences.append(text)
        used = [AnsweredFact(x.fact, cites.number(x.fact), round(x.score, 3)) for x in facts]
    elif result.difference and len(facts) == 2 and (text := _difference_sentence(
            facts[0].fact, facts[1].fact, cites, shown, rivals=result.grouped)) is not None:
        sentences.append(text)
        used = [AnsweredFact(x.fact, cites.number(x.fact), round(x.score, 3)) for x in facts]
    elif result.explained:
        # "why are the two counts different": each figure with its own sentence, which says
        # what it counts and who gives it
        conflict = any(not _same_value(facts[0].fact, x.fact) for x in facts[1:])
        for x in facts:
            sentences.append(_single_sentence(x, cites, shown, times))
            used.append(AnsweredFact(x.fact, cites.number(x.fact), round(x.score, 3)))
    elif result.grouped or one_quantity:
        text, conflict = _group_sentence(facts, cites, shown, times)
        sentences.append(text)
        used = [AnsweredFact(x.fact, cites.number(x.fact), round(x.score, 3)) for x in facts]
    else:
        for s in facts:
            f = s.fact
            if f.kind == "statement" or result.wants_role:
                n = cites.number(f)
                sentences.append(_statement(f, f"[{n}]", role=result.wants_role))
            else:
                sentences.append(_single_sentence(s, cites, shown, times))
            used.append(AnsweredFact(f, cites.number(f), round(s.score, 3)))
    return sentences, used, conflict


def _json_time(moment: datetime, precision: TimePrecision | None) -> str:
    """A time in ``ask --json``: ISO 8601, or as the file writes it when the report gave
    less than a clock time or a day ("2025-03-12 evening", "2009-07")."""
    return moment.isoformat() if precision is None else told_text(moment, precision)


def answer_to_json(answer: Answer) -> dict:
    """The ``ask --json`` object (one schema for the CLI and tests)."""
    facts = []
    for af in answer.facts:
        f = af.fact
        src = next((c.source for c in answer.citations if c.number == af.citation), None)
        q = f.quantities[0] if f.quantities else None
        value: object
        if f.kind == "measurement" and q is not None:
            value = q.value
        elif f.kind == "time" and f.time is not None:
            value = _json_time(f.time, f.time_precision)
        elif f.kind == "place":
            value = f.place
        elif f.kind == "statement":
            value = f.quote
        else:
            value = None
        facts.append(
            {
                "id": f.id,
                "event": f.event,
                "kind": f.kind,
                "attribute": f.attribute,
                "value": value,
                # a time window's end, told as "value" is (null: one moment)
                "until": None if f.until is None else _json_time(f.until, f.until_precision),
                "unit": q.unit if q is not None and f.kind == "measurement" else None,
                "speaker": f.speaker,
                "text": f.text,
                "reported_by": f.reported_by,
                "citation": af.citation,
                "source": {
                    "id": src.id if src else f.source,
                    "title": src.title if src else None,
                    "publisher": src.publisher if src else None,
                    "url": src.url if src else None,
                    "published": src.published.isoformat() if src and src.published else None,
                },
            }
        )
    return {
        "question": answer.question,
        "answered": answer.answered,
        "answer": answer.text,
        "confidence": answer.confidence,
        "facts": facts,
        "suggestions": [s.prompt for s in answer.suggestions],
        "conflict": answer.conflict,
        "reason": answer.reason,
    }
