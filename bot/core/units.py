"""Units of measurement: resolve the names people write, convert, round, format, parse.

A measurement keeps the unit the report gave (``Quantity(240, "km")``); answers show that
value first and the report's own second value when it gave one ("240 km (150 miles)").
Conversion is for questions that ask for a unit no report used; callers round the result
with :func:`round_like` so a converted figure never looks more precise than the original.

Dimensions and their base units (every ``Unit.factor`` converts to the base):

- length: metre; speed: metre per second; duration: second; mass: kilogram;
- count: no unit. Count values are bare numbers (``Quantity(3, "")``, shown as "3");
  "item"/"items" are accepted as the same unitless unit.

Approximate units, documented here because an answer may repeat them:

- ``mach`` is taken as the speed of sound at sea level in the standard atmosphere,
  1225.044 km/h (340.29 m/s). Reports use "Mach 5" loosely; the conversion is indicative.
- ``month`` is 30.44 days and ``year`` 365.25 days (averages), so converting between days
  and months or years is approximate.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rapidfuzz import fuzz, process

from bot.core.models import Quantity

DIMENSIONS: tuple[str, ...] = ("length", "speed", "duration", "count", "mass")


@dataclass(frozen=True)
class Unit:
    """One unit: ``factor`` converts a value in this unit to the dimension's base unit."""

    symbol: str  # canonical spelling stored in a Quantity ("" for unitless counts)
    dimension: str
    factor: float
    singular: str  # display name for exactly 1 ("mile")
    plural: str  # display name otherwise ("miles")
    aliases: tuple[str, ...] = ()  # other spellings accepted by resolve_unit
    prefix: bool = False  # shown before the number ("Mach 5")
    note: str = ""  # caveat worth documenting (approximate definitions)


_DAY = 86_400.0

UNITS: tuple[Unit, ...] = (
    # length (base: metre)
    Unit("km", "length", 1000.0, "km", "km",
         ("kilometre", "kilometres", "kilometer", "kilometers", "kms")),
    Unit("mi", "length", 1609.344, "mile", "miles", ("mile", "miles")),
    Unit("m", "length", 1.0, "m", "m", ("metre", "metres", "meter", "meters")),
    Unit("ft", "length", 0.3048, "foot", "feet", ("foot", "feet")),
    Unit("nmi", "length", 1852.0, "nautical mile", "nautical miles",
         ("nautical mile", "nautical miles", "nm")),
    # speed (base: metre per second)
    Unit("km/h", "speed", 1000.0 / 3600.0, "km/h", "km/h",
         ("kph", "kmh", "km/hr", "kmph", "km per hour", "kilometres per hour",
          "kilometers per hour", "kilometre per hour", "kilometer per hour")),
    Unit("mph", "speed", 1609.344 / 3600.0, "mph", "mph",
         ("mi/h", "miles per hour", "mile per hour")),
    Unit("m/s", "speed", 1.0, "m/s", "m/s",
         ("mps", "metres per second", "meters per second", "metre per second",
          "meter per second")),
    Unit("knot", "speed", 1852.0 / 3600.0, "knot", "knots", ("knots", "kn", "kt", "kts")),
    Unit("mach", "speed", 1225.044 / 3.6, "Mach", "Mach", (), prefix=True,
         note="speed of sound at sea level, 1225.044 km/h; indicative only"),
    # duration (base: second)
    Unit("s", "duration", 1.0, "second", "seconds", ("sec", "secs", "second", "seconds")),
    Unit("min", "duration", 60.0, "minute", "minutes", ("mins", "minute", "minutes")),
    Unit("h", "duration", 3600.0, "hour", "hours", ("hr", "hrs", "hour", "hours")),
    Unit("day", "duration", _DAY, "day", "days", ("days", "d")),
    Unit("week", "duration", 7 * _DAY, "week", "weeks", ("weeks", "wk", "wks")),
    Unit("month", "duration", 30.44 * _DAY, "month", "months", ("months", "mo", "mos"),
         note="30.44 days (average); approximate"),
    Unit("year", "duration", 365.25 * _DAY, "year", "years", ("years", "yr", "yrs", "y"),
         note="365.25 days (average); approximate"),
    # count (no unit)
    Unit("", "count", 1.0, "", "", ("item", "items")),
    # mass (base: kilogram)
    Unit("kg", "mass", 1.0, "kg", "kg", ("kilogram", "kilograms", "kilo", "kilos", "kgs")),
    Unit("t", "mass", 1000.0, "tonne", "tonnes",
         ("tonne", "tonnes", "metric ton", "metric tons")),
    Unit("lb", "mass", 0.45359237, "pound", "pounds", ("lbs", "pound", "pounds")),
)

_BY_SYMBOL: dict[str, Unit] = {u.symbol: u for u in UNITS}


def _key(name: str) -> str:
    return " ".join(name.strip().lower().split())


def _build_index() -> dict[str, Unit]:
    index: dict[str, Unit] = {}
    for unit in UNITS:
        for name in (unit.symbol, unit.singular, unit.plural, *unit.aliases):
            key = _key(name)
            if key in index and index[key] is not unit:
                raise AssertionError(f"unit name {name!r} is ambiguous")  # pragma: no cover
            index[key] = unit
    return index


_INDEX = _build_index()


def resolve_unit(name: str) -> Unit | None:
    """The unit a name stands for ("miles", "Km", "yrs", "ft." ...), or None if unknown.

    Matching ignores case and extra spaces; a trailing full stop is ignored ("ft.").
    The empty string is the unitless count unit.
    """
    key = _key(name)
    unit = _INDEX.get(key)
    if unit is None and key.endswith("."):
        unit = _INDEX.get(key[:-1].rstrip())
    return unit


def known_units(dimension: str | None = None) -> list[str]:
    """Canonical symbols, in a stable order; only one dimension's when ``dimension`` is given.

    The unitless count unit is the empty string.
    """
    return [u.symbol for u in UNITS if dimension is None or u.dimension == dimension]


def known_units_text(dimension: str | None = None) -> str:
    """Known unit symbols for messages: "km, mi, m, ..." (counts: "no unit")."""
    return ", ".join(s if s else "no unit" for s in known_units(dimension))


def dimension_of(q: Quantity) -> str | None:
    unit = resolve_unit(q.unit)
    return unit.dimension if unit else None


def suggest_unit(name: str) -> str | None:
    """The known unit symbol closest to a misspelt name ("kmz" -> "km"), if any is close."""
    key = _key(name)
    if not key:
        return None
    best = process.extractOne(key, list(_INDEX), scorer=fuzz.ratio, score_cutoff=60)
    return _INDEX[best[0]].symbol if best else None


def unknown_unit_message(name: str, dimension: str | None = None) -> str:
    """"unknown unit 'kmz' (known: km, mi, ...; did you mean 'km'?)"."""
    message = f"unknown unit {name!r} (known: {known_units_text(dimension)}"
    suggestion = suggest_unit(name)
    if suggestion:
        message += f"; did you mean {suggestion!r}?"
    return message + ")"


def _require(name: str) -> Unit:
    unit = resolve_unit(name)
    if unit is None:
        raise ValueError(unknown_unit_message(name))
    return unit


def convert(q: Quantity, target: str) -> Quantity:
    """``q`` in the ``target`` unit, unrounded (see :func:`round_like`).

    Raises ValueError when either unit is unknown or the dimensions differ.
    """
    source = _require(q.unit)
    dest = _require(target)
    if source.dimension != dest.dimension:
        raise ValueError(
            f"cannot convert {source.dimension} ({format_quantity(q)}) to "
            f"{dest.dimension} ({dest.symbol or 'no unit'})"
        )
    if source is dest:
        return Quantity(float(q.value), dest.symbol)
    return Quantity(q.value * source.factor / dest.factor, dest.symbol)


def _decimals(value: float) -> int:
    """Decimal places in the shortest spelling of ``value`` (240 -> 0, 2.5 -> 1)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _round_half_up(value: float, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def significant_digits(value: float) -> int:
    """Digits that carry information in a reported figure: 47 -> 2, 240 -> 2 (trailing
    zeros of a whole number are taken as placeholders), 2.50 -> 2, 0.062 -> 2."""
    if not math.isfinite(value) or value == 0:
        return 1
    text = repr(abs(float(value)))
    if "e" in text:
        text = text.split("e")[0]
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if frac:
        digits = (whole + frac).lstrip("0")
    else:
        digits = whole.lstrip("0").rstrip("0")
    return max(1, len(digits))


def round_like(value: float, reference_value: float, *, min_significant: int = 2) -> float:
    """Round a converted ``value`` to the precision of the ``reference_value`` it came from.

    A conversion cannot be more precise than the figure it came from: it keeps the
    reference's significant digits (at least ``min_significant``): about 47 km is about
    29 miles or 150,000 feet, not 154,199 feet; 240 km -> 150 mi; 1 km -> 0.62 mi.
    Halves round up.
    """
    if not math.isfinite(value) or value == 0:
        return value
    digits = max(min_significant, significant_digits(reference_value))
    magnitude = math.floor(math.log10(abs(value)))
    return _round_half_up(value, digits - 1 - magnitude)


def format_number(value: float) -> str:
    """A number for people: "240", "2,500", "2.5", "0.125"; integers without ".0".

    Values of 1 or more keep at most 2 decimals, smaller ones 3 significant digits.
    """
    value = float(value)
    if not math.isfinite(value):
        return repr(value)
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = 2 if magnitude >= 0 else 2 - magnitude
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = format(rounded, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_quantity(q: Quantity) -> str:
    """"240 km", "150 miles", "1 mile", "8 days", "Mach 5", "3" (unitless count).

    Unknown units are shown as written. The number is rounded for display (see
    :func:`format_number`); :func:`quantity_to_text` is the loss-free form.
    """
    number = format_number(q.value)
    unit = resolve_unit(q.unit)
    if unit is None:
        return f"{number} {q.unit}".strip()
    name = unit.singular if number == "1" else unit.plural
    if not name:
        return number
    if unit.prefix:
        return f"{name} {number}"
    return f"{number} {name}"


def quantity_to_text(q: Quantity) -> str:
    """A string that :func:`parse_quantity` turns back into exactly ``q``.

    The display form when it round-trips ("240 km", "150 miles"), else the float's repr
    with the unit symbol ("0.30000000000000004 km").
    """
    text = format_quantity(q)
    try:
        if parse_quantity(text) == q:
            return text
    except ValueError:
        pass
    unit = resolve_unit(q.unit)
    symbol = unit.symbol if unit else q.unit
    return f"{float(q.value)!r} {symbol}".strip()


_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?"
_QUANTITY_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>.*?)\s*$")
_MACH_RE = re.compile(rf"^\s*mach\s*(?P<num>{_NUMBER})\s*$", re.IGNORECASE)
_HEDGE_RE = re.compile(
    r"^\s*(about|around|approximately|approx\.?|roughly|some|nearly|almost|over|under|"
    r"more than|less than|up to|at least|~|c\.)\s*\d",
    re.IGNORECASE,
)


def _number(text: str) -> float | None:
    digits = text.replace(",", "")
    if not re.search(r"\d", digits):
        return None
    try:
        value = float(digits)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_quantity(text: str) -> Quantity:
    """Read "240 km", "150 miles", "2,500 km", "8 days", "1", "Mach 5" into a Quantity.

    The unit is stored by its canonical symbol ("miles" -> "mi"); a bare number is a
    unitless count. Raises ValueError saying what to write instead.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected text like '240 km', got {text!r}")
    mach = _MACH_RE.match(text)
    if mach:
        value = _number(mach.group("num"))
        if value is not None:
            return Quantity(value, "mach")
    hint = f"write a number and a unit like '240 km' (known units: {known_units_text()})"
    if _HEDGE_RE.match(text):
        raise ValueError(
            f"cannot read {text.strip()!r} as a quantity: give the number alone and set "
            f"'approximate: true' for 'about'; {hint}"
        )
    match = _QUANTITY_RE.match(text)
    value = _number(match.group("num")) if match else None
    if match is None or value is None:
        raise ValueError(f"cannot read {text.strip()!r} as a quantity; {hint}")
    name = match.group("unit")
    if name and name[0] in ",.0123456789":
        raise ValueError(f"cannot read {text.strip()!r} as a quantity; {hint}")
    unit = resolve_unit(name)
    if unit is None:
        raise ValueError(unknown_unit_message(name))
    return Quantity(value, unit.symbol)
