import math

import pytest

from bot.core.models import Quantity
from bot.core.units import (
    DIMENSIONS,
    UNITS,
    convert,
    format_number,
    format_quantity,
    known_units,
    parse_quantity,
    quantity_to_text,
    resolve_unit,
    round_like,
    suggest_unit,
)


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("km", "km"), ("KM", "km"), ("kilometres", "km"), ("kilometers", "km"),
        ("Kilometre", "km"), ("mile", "mi"), ("miles", "mi"), ("mi", "mi"), ("m", "m"),
        ("meters", "m"), ("metres", "m"), ("feet", "ft"), ("foot", "ft"), ("ft.", "ft"),
        ("nautical  miles", "nmi"), ("nm", "nmi"), ("km/h", "km/h"), ("kph", "km/h"),
        ("kilometres per hour", "km/h"), ("mph", "mph"), ("miles per hour", "mph"),
        ("m/s", "m/s"), ("knots", "knot"), ("kt", "knot"), ("Mach", "mach"), ("s", "s"),
        ("seconds", "s"), ("min", "min"), ("minutes", "min"), ("hours", "h"), ("hr", "h"),
        ("days", "day"), ("day", "day"), ("weeks", "week"), ("months", "month"),
        ("years", "year"), ("yrs", "year"), ("yr", "year"), ("", ""), ("items", ""),
        ("kg", "kg"), ("tonnes", "t"), ("lbs", "lb"), ("  Miles  ", "mi"),
    ],
)
def test_resolve_unit(name, symbol):
    unit = resolve_unit(name)
    assert unit is not None
    assert unit.symbol == symbol


@pytest.mark.parametrize("name", ["kmz", "parsecs", "mile s", "k m", "lightyear"])
def test_resolve_unknown_unit(name):
    assert resolve_unit(name) is None


def test_known_units():
    assert known_units("length") == ["km", "mi", "m", "ft", "nmi", "mm", "cm", "in"]
    assert known_units("speed") == ["km/h", "mph", "m/s", "knot", "mach"]
    assert known_units("duration") == ["s", "min", "h", "day", "week", "month", "year"]
    assert known_units("count") == [""]
    assert known_units("nonsense") == []
    assert len(known_units()) == len(UNITS)
    assert {u.dimension for u in UNITS} <= set(DIMENSIONS)


def test_suggest_unit():
    assert suggest_unit("kmz") == "km"
    assert suggest_unit("milez") == "mi"
    assert suggest_unit("xyzzy") is None


@pytest.mark.parametrize(
    ("quantity", "target", "expected"),
    [
        (Quantity(240, "km"), "mi", 150),
        (Quantity(47, "km"), "mi", 29),
        (Quantity(150, "mi"), "km", 240),
        (Quantity(2.5, "km"), "mi", 1.6),
        (Quantity(1, "km"), "mi", 0.62),
        (Quantity(1, "mi"), "ft", 5300),
        (Quantity(1, "nmi"), "m", 1900),
        (Quantity(100, "km/h"), "mph", 62),
        (Quantity(10, "m/s"), "km/h", 36),
        (Quantity(1, "mach"), "km/h", 1200),
        (Quantity(20, "knot"), "km/h", 37),
        (Quantity(2, "h"), "min", 120),
        (Quantity(90, "s"), "min", 1.5),
        (Quantity(8, "day"), "h", 190),
        (Quantity(2, "week"), "day", 14),
        (Quantity(5, "year"), "day", 1800),
        (Quantity(1, "month"), "day", 30),
        (Quantity(3, ""), "items", 3),
        (Quantity(1, "t"), "kg", 1000),
    ],
)
def test_convert_and_round(quantity, target, expected):
    converted = convert(quantity, target)
    assert converted.unit == resolve_unit(target).symbol
    assert round_like(converted.value, quantity.value) == pytest.approx(expected)


def test_convert_is_unrounded():
    assert convert(Quantity(240, "km"), "miles").value == pytest.approx(149.1291, abs=1e-4)
    assert convert(Quantity(240, "km"), "km") == Quantity(240.0, "km")


@pytest.mark.parametrize(
    ("quantity", "target", "needle"),
    [
        (Quantity(240, "km"), "s", "cannot convert length"),
        (Quantity(3, ""), "km", "cannot convert count"),
        (Quantity(3, "kmz"), "km", "unknown unit 'kmz'"),
        (Quantity(3, "km"), "parsec", "unknown unit 'parsec'"),
    ],
)
def test_convert_errors(quantity, target, needle):
    with pytest.raises(ValueError, match=needle):
        convert(quantity, target)


@pytest.mark.parametrize(
    ("value", "reference", "expected"),
    [
        (149.129, 240, 150),  # as precise as "about 240": two digits
        (154199.5, 47, 150000),  # never more precise than the figure it came from
        (149.129, 240.5, 149.1),  # four digits reported, four kept
        (29.204, 47, 29),
        (1.5534, 2.5, 1.6),
        (0.6214, 1, 0.62),
        (0.0621, 0.1, 0.062),
        (2.5, 1, 2.5),  # at least two significant digits
        (12.5, 10, 13),  # halves round up
        (0, 5, 0),
    ],
)
def test_round_like(value, reference, expected):
    assert round_like(value, reference) == expected


def test_round_like_leaves_non_finite_alone():
    assert math.isnan(round_like(float("nan"), 1))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (240, "240"), (240.0, "240"), (2.5, "2.5"), (2500, "2,500"), (0.1, "0.1"),
        (0, "0"), (-0.0, "0"), (1.005, "1.01"), (149.129, "149.13"), (0.125, "0.125"),
        (0.00012345, "0.000123"), (-3.5, "-3.5"), (1234567.891, "1,234,567.89"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Quantity(240, "km"), "240 km"),
        (Quantity(150, "mi"), "150 miles"),
        (Quantity(1, "mi"), "1 mile"),
        (Quantity(8, "day"), "8 days"),
        (Quantity(1, "day"), "1 day"),
        (Quantity(5, "year"), "5 years"),
        (Quantity(47.0, "km"), "47 km"),
        (Quantity(2.5, "km"), "2.5 km"),
        (Quantity(3, ""), "3"),
        (Quantity(2500, "km"), "2,500 km"),
        (Quantity(1, "ft"), "1 foot"),
        (Quantity(10, "ft"), "10 feet"),
        (Quantity(12, "nmi"), "12 nautical miles"),
        (Quantity(900, "km/h"), "900 km/h"),
        (Quantity(60, "mph"), "60 mph"),
        (Quantity(300, "m/s"), "300 m/s"),
        (Quantity(1, "knot"), "1 knot"),
        (Quantity(5, "mach"), "Mach 5"),
        (Quantity(30, "s"), "30 seconds"),
        (Quantity(40, "min"), "40 minutes"),
        (Quantity(2, "h"), "2 hours"),
        (Quantity(3, "month"), "3 months"),
        (Quantity(2, "week"), "2 weeks"),
        (Quantity(1.5, "mi"), "1.5 miles"),
        (Quantity(7, "furlong"), "7 furlong"),  # unknown units are shown as written
    ],
)
def test_format_quantity(quantity, text):
    assert format_quantity(quantity) == text


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("240 km", Quantity(240, "km")),
        ("150 miles", Quantity(150, "mi")),
        ("150 mi", Quantity(150, "mi")),
        ("1", Quantity(1, "")),
        ("8 days", Quantity(8, "day")),
        ("2,500 km", Quantity(2500, "km")),
        ("240km", Quantity(240, "km")),
        ("  47  Kilometres ", Quantity(47, "km")),
        ("2.5 km", Quantity(2.5, "km")),
        (".5 km", Quantity(0.5, "km")),
        ("1e-07 m", Quantity(1e-7, "m")),
        ("Mach 5", Quantity(5, "mach")),
        ("5 mach", Quantity(5, "mach")),
        ("3 items", Quantity(3, "")),
        ("12 nautical miles", Quantity(12, "nmi")),
        ("900 km/h", Quantity(900, "km/h")),
        ("-3 km", Quantity(-3, "km")),
    ],
)
def test_parse_quantity(text, quantity):
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("240 kmz", "unknown unit 'kmz' (known: km, mi, m, ft, nmi, km/h"),
        ("240 kmz", "did you mean 'km'?"),
        ("km", "cannot read 'km' as a quantity; write a number and a unit like '240 km'"),
        ("", "cannot read '' as a quantity"),
        ("2,5 km", "cannot read '2,5 km'"),
        ("about 240 km", "set 'approximate: true'"),
        ("nan km", "cannot read 'nan km'"),
        ("inf", "cannot read 'inf'"),
        ("1e999 km", "cannot read '1e999 km'"),
    ],
)
def test_parse_quantity_errors(text, needle):
    with pytest.raises(ValueError) as excinfo:
        parse_quantity(text)
    assert needle in str(excinfo.value)


def test_parse_error_names_known_units():
    with pytest.raises(ValueError, match=r"known units: km, mi, m, ft, nmi"):
        parse_quantity("far")


@pytest.mark.parametrize(
    "quantity",
    [
        Quantity(240.0, "km"), Quantity(150.0, "mi"), Quantity(0.1, "km"),
        Quantity(0.1 + 0.2, "km"), Quantity(1 / 3, ""), Quantity(149.129, "mi"),
        Quantity(12345.678, "ft"), Quantity(5.123456, "mach"), Quantity(1e-9, "s"),
        Quantity(1e20, "km"), Quantity(2500.0, "km"), Quantity(1.0, "day"),
    ],
)
def test_quantity_to_text_round_trips(quantity):
    assert parse_quantity(quantity_to_text(quantity)) == quantity


def test_quantity_to_text_prefers_display_form():
    assert quantity_to_text(Quantity(150, "mi")) == "150 miles"
    assert quantity_to_text(Quantity(0.1 + 0.2, "km")) == "0.30000000000000004 km"
