import math
import re

import pytest

from bot.core.models import Quantity
from bot.core.units import (
    DIMENSIONS,
    UNITS,
    bounded_ratio,
    bracket_unit,
    convert,
    difference,
    format_number,
    format_quantity,
    known_units,
    known_units_text,
    label_unit,
    label_without_unit,
    names_unit,
    parse_quantity,
    quantity_to_text,
    ratio,
    resolve_unit,
    round_like,
    spell_lone_signs,
    suggest_unit,
    unit_name,
    unknown_unit_message,
    with_bracket_unit,
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
    assert known_units("speed") == ["km/h", "mph", "m/s", "knot", "km/s", "mach", "m/h"]
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
        (Quantity(240, "km"), "mi", 149),  # 100 or more: three digits
        (Quantity(47, "km"), "mi", 29),
        (Quantity(150, "mi"), "km", 241),
        (Quantity(2.5, "km"), "mi", 1.6),
        (Quantity(1, "km"), "mi", 0.62),
        (Quantity(1, "mi"), "ft", 5280),  # 1,000 or more: three digits
        (Quantity(1, "nmi"), "m", 1850),
        (Quantity(100, "km/h"), "mph", 62),
        (Quantity(10, "m/s"), "km/h", 36),
        (Quantity(1, "mach"), "km/h", 1230),
        (Quantity(20, "knot"), "km/h", 37),
        (Quantity(150, "m/h"), "metres an hour", 150),  # a lava flow's
        (Quantity(1500, "m/h"), "km/h", 1.5),
        (Quantity(60, "km/h"), "miles an hour", 37),
        (Quantity(12, "ppm"), "parts per billion", 12_000),  # a gas in the air
        (Quantity(400, "ppb"), "ppm", 0.4),
        (Quantity(2, "h"), "min", 120),
        (Quantity(90, "s"), "min", 1.5),
        (Quantity(8, "day"), "h", 192),
        (Quantity(2, "week"), "day", 14),
        (Quantity(5, "year"), "day", 1830),
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
        (149.129, 240, 149),  # 100 or more: three digits, never a decimal more
        (154199.5, 47, 154000),  # 1,000 or more: three digits, never a decimal more
        (787401.6, 240, 787000),
        (999.4, 47, 999),
        (149.129, 240.5, 149.1),  # four digits reported, four kept
        (29.204, 47, 29),  # under 100: the reference's two digits
        (282.15, 86, 282),  # a metre is 3.3 feet: into a smaller unit, the foot is kept
        (161.6, 72, 162),
        (196.85, 60, 197),  # "60 m" is read to the metre: its zero is a digit
        (37.28, 60, 37),  # 60 km -> 37 miles (into a larger unit, two digits)
        (192, 8, 192),  # a day is 24 hours: three digits from 100
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


# --- issue 9: qualifiers, ranges, money, percent, temperature, scale words ---------------------

from bot.core.units import (  # noqa: E402 - grouped with the tests that use them
    QUALIFIERS,
    format_measurement,
    parse_value,
)


@pytest.mark.parametrize(
    ("text", "quantity", "approximate"),
    [
        ("at least 9", Quantity(9, "", "at least"), False),
        ("At least 9", Quantity(9, "", "at least"), False),
        ("more than 40", Quantity(40, "", "more than"), False),
        ("over 200 mm", Quantity(200, "mm", "over"), False),
        ("up to 5 m", Quantity(5, "m", "up to"), False),
        ("fewer than 10", Quantity(10, "", "fewer than"), False),
        ("nearly 40", Quantity(40, "", "nearly"), False),
        ("between 3 and 5", Quantity(3, "", "between", 5), False),
        ("between 3 and 5 m", Quantity(3, "m", "between", 5), False),
        ("3 to 5 m", Quantity(3, "m", "to", 5), False),
        ("3-5 m", Quantity(3, "m", "to", 5), False),
        ("3–5 m", Quantity(3, "m", "to", 5), False),
        ("3 to 5 million", Quantity(3e6, "", "to", 5e6), False),
        ("between 500 and 2 million", Quantity(500, "", "between", 2e6), False),
        ("$3-5bn", Quantity(3e9, "USD", "to", 5e9), False),
        ("-5 to -3°C", Quantity(-5, "°C", "to", -3), False),
        ("about 47 km", Quantity(47, "km"), True),
        ("roughly 1,000", Quantity(1000, ""), True),
        ("~40 knots", Quantity(40, "knot"), True),
        ("about between 3 and 5", Quantity(3, "", "between", 5), True),
        ("$450,000", Quantity(450_000, "USD"), False),
        ("US$5bn", Quantity(5e9, "USD"), False),
        ("€1.3m", Quantity(1_300_000, "EUR"), False),
        ("1.3 million EUR", Quantity(1_300_000, "EUR"), False),
        ("EUR 1.3 million", Quantity(1_300_000, "EUR"), False),
        ("1,300,000 euros", Quantity(1_300_000, "EUR"), False),
        ("£2bn", Quantity(2e9, "GBP"), False),
        ("¥5 billion", Quantity(5e9, "JPY"), False),
        ("5 million yen", Quantity(5e6, "JPY"), False),
        ("CHF 3 million", Quantity(3e6, "CHF"), False),
        ("KRW 1 trillion", Quantity(1e12, "KRW"), False),
        ("₩1 trillion", Quantity(1e12, "KRW"), False),
        ("A$40m", Quantity(40e6, "AUD"), False),
        ("2.4 million", Quantity(2_400_000, ""), False),
        ("5k", Quantity(5000, ""), False),
        ("300 m", Quantity(300, "m"), False),  # metres: "m" is a million only with money
        ("1.3m", Quantity(1.3, "m"), False),
        ("45%", Quantity(45, "%"), False),
        ("45 percent", Quantity(45, "%"), False),
        ("3 pp", Quantity(3, "pp"), False),
        ("-2 percentage points", Quantity(-2, "pp"), False),
        ("-5°C", Quantity(-5, "°C"), False),
        ("−5 °C", Quantity(-5, "°C"), False),  # a typographic minus
        ("30C", Quantity(30, "°C"), False),
        ("86 degrees Fahrenheit", Quantity(86, "°F"), False),
        ("150 mm", Quantity(150, "mm"), False),
        ('6"', Quantity(6, "in"), False),
        ("6 inches", Quantity(6, "in"), False),
        ("120 km/h", Quantity(120, "km/h"), False),
        ("75 mph", Quantity(75, "mph"), False),
        # a bound, then "about": both kept ("within about 600 metres of the target")
        ("within about 600 m", Quantity(600, "m", "within"), True),
        ("up to roughly 300 km", Quantity(300, "km", "up to"), True),
    ],
)
def test_parse_value(text, quantity, approximate):
    parsed = parse_value(text)
    assert parsed.quantity == quantity
    assert parsed.approximate is approximate


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("between 5 and 3", "a range goes from the smaller number to the larger"),
        ("between 3 km and 5 mi", "both ends of a range need the same unit"),
        ("at least between 3 and 5", "a range takes no 'at least'"),
        ("$5 EUR", "it names two units"),
        ("5 corpses", "unknown unit 'corpses'"),
        ("5b", "unknown unit 'b'"),  # billion only next to a currency
    ],
)
def test_parse_value_errors(text, needle):
    with pytest.raises(ValueError) as excinfo:
        parse_value(text)
    assert needle in str(excinfo.value)


def test_every_qualifier_reads_back():
    for phrase in QUALIFIERS:
        assert parse_value(f"{phrase} 12 km").quantity == Quantity(12, "km", phrase)


def test_a_word_starting_with_a_qualifier_is_not_one():
    with pytest.raises(ValueError, match="cannot read 'overall 5'"):
        parse_value("overall 5")


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (Quantity(9, "", "at least"), "at least 9"),
        (Quantity(40, "km", "more than"), "more than 40 km"),
        (Quantity(1, "mi", "nearly"), "nearly 1 mile"),
        (Quantity(3, "m", "between", 5), "between 3 and 5 m"),
        (Quantity(10, "ft", "to", 16), "10 to 16 feet"),
        (Quantity(0.5, "mi", "between", 1), "between 0.5 and 1 mile"),
        (Quantity(3e6, "USD", "between", 5e6), "between $3 million and $5 million"),
        (Quantity(3, "%", "to", 5), "3% to 5%"),
        (Quantity(450_000, "USD"), "$450,000"),
        (Quantity(1_300_000, "EUR"), "€1.3 million"),
        (Quantity(1_234_567, "EUR"), "€1,234,567"),
        (Quantity(2.5e9, "GBP"), "£2.5 billion"),
        (Quantity(3e6, "CHF"), "CHF 3 million"),
        (Quantity(45, "%"), "45%"),
        (Quantity(1, "pp"), "1 percentage point"),
        (Quantity(-3, "pp"), "-3 percentage points"),
        (Quantity(-5, "°C"), "-5°C"),
        (Quantity(86, "°F"), "86°F"),
        (Quantity(2_400_000, ""), "2.4 million"),
        (Quantity(12, "in"), "12 inches"),
        (Quantity(1e20, "km"), "100,000,000,000,000,000,000 km"),
    ],
)
def test_format_quantity_new(quantity, shown):
    assert format_quantity(quantity) == shown
    assert parse_quantity(quantity_to_text(quantity)) == quantity


@pytest.mark.parametrize(
    "quantity",
    [
        Quantity(0.1 + 0.2, "km", "at least"), Quantity(0.1, "m", "between", 0.1 + 0.2),
        Quantity(1 / 3, "", "up to", None), Quantity(1.0000001e6, "EUR"),
        Quantity(1 / 3, "°C", "to", 2 / 3),
    ],
)
def test_quantity_to_text_round_trips_awkward_floats(quantity):
    assert parse_quantity(quantity_to_text(quantity)) == quantity


@pytest.mark.parametrize(
    ("quantity", "target", "expected"),
    [
        (Quantity(30, "°C"), "°F", Quantity(86, "°F")),
        (Quantity(-40, "°F"), "°C", Quantity(-40, "°C")),
        (Quantity(100, "°F"), "°C", Quantity(38, "°C")),
        # a temperature keeps the reported decimals, not its significant digits
        (Quantity(1000, "°C"), "°F", Quantity(1832, "°F")),
        (Quantity(43.8, "°C"), "°F", Quantity(110.8, "°F")),
        (Quantity(150, "mm"), "in", Quantity(5.9, "in")),
        (Quantity(900, "m³/s"), "ft³/s", Quantity(31800, "ft³/s")),
        (Quantity(212, "ct"), "g", Quantity(42.4, "g")),
        (Quantity(3.1, "kg"), "oz", Quantity(109, "oz")),
        (Quantity(40, "L/s"), "gal/min", Quantity(634, "gal/min")),
        (Quantity(6, "in"), "mm", Quantity(152, "mm")),
        (Quantity(120, "km/h"), "mph", Quantity(75, "mph")),
        (Quantity(40, "knot"), "km/h", Quantity(74, "km/h")),
        (Quantity(3, "m", "up to"), "ft", Quantity(9.8, "ft", "up to")),
        (Quantity(3, "m", "between", 5), "ft", Quantity(9.8, "ft", "between", 16)),
    ],
)
def test_conversions_keep_qualifier_and_precision(quantity, target, expected):
    from bot.core.units import round_quantity_like
    assert round_quantity_like(convert(quantity, target), quantity) == expected


@pytest.mark.parametrize(
    ("quantity", "target", "needle"),
    [
        (Quantity(5, "EUR"), "USD", "currencies are not converted into each other"),
        (Quantity(5, "EUR"), "CHF", "currencies are not converted into each other"),
        (Quantity(5, "%"), "pp", "percent and percentage points are different things"),
        (Quantity(5, "°C"), "km", "cannot convert temperature"),
    ],
)
def test_conversions_refused(quantity, target, needle):
    with pytest.raises(ValueError, match=needle):
        convert(quantity, target)


def test_format_measurement_is_what_answers_show():
    qs = (Quantity(3, "m", "up to"), Quantity(10, "ft", "up to"))
    assert format_measurement(qs) == "up to 3 m (up to 10 feet)"
    assert format_measurement(qs, approximate=True) == "about up to 3 m (up to 10 feet)"
    assert format_measurement(qs, unit="ft") == "up to 10 feet (up to 3 m)"
    assert format_measurement((Quantity(9, "", "at least"),)) == "at least 9"
    assert format_measurement((Quantity(30, "°C"),), unit="°F") == "86°F (30°C) [converted]"
    assert format_measurement((Quantity(5, "EUR"),), unit="USD") == "€5"
    assert format_measurement(()) == ""


def test_currency_codes_need_capitals_unless_named():
    assert resolve_unit("CHF").symbol == "CHF"
    assert resolve_unit("KGS").symbol == "kg"  # an older unit's spelling wins
    assert resolve_unit("ALL").symbol == "ALL"
    assert resolve_unit("all") is None
    assert resolve_unit("pounds").symbol == "lb"  # mass, as before
    assert resolve_unit("pounds sterling").symbol == "GBP"


@pytest.mark.parametrize(("text", "unit", "shown"), [
    ("18,400 ha", "acre", "45,500 acres (18,400 hectares) [converted]"),
    ("18,400 hectares", "km²", "184 km² (18,400 hectares) [converted]"),
    ("12 sq mi", "km²", "31 km² (12 square miles) [converted]"),
    ("420 m²", "ft²", "4,520 square feet (420 m²) [converted]"),
    ("2,000 sq ft", "m²", "186 m² (2,000 square feet) [converted]"),
])
def test_an_area_converts_between_its_units(text: str, unit: str, shown: str):
    quantity = parse_value(text).quantity
    assert format_measurement([quantity], unit=unit) == shown


def test_basis_points_convert_with_percentage_points_not_percent():
    quantity = parse_value("0.75 percentage points").quantity
    assert format_measurement([quantity], unit="bp") == \
        "75 basis points (0.75 percentage points) [converted]"
    with pytest.raises(ValueError, match="different things"):
        convert(parse_value("75 bp").quantity, "%")


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("240 km", "47 km", Quantity(193.0, "km")),
    ("47 km", "240 km", Quantity(193.0, "km")),
    ("2.5 m", "1 ft", Quantity(2.2, "m")),
    ("1.25 km", "300 m", Quantity(0.95, "km")),
])
def test_the_difference_of_two_figures_is_as_precise_as_the_coarser(
        a: str, b: str, expected: Quantity):
    assert difference(parse_quantity(a), parse_quantity(b)) == expected


@pytest.mark.parametrize(("a", "b"), [
    ("at least 9", "at least 4"), ("up to 100", "60"), ("between 3 and 5 km", "1 km"),
    ("10 km", "3 h"), ("10 USD", "3 EUR"),
])
def test_figures_with_no_one_difference_are_refused(a: str, b: str):
    with pytest.raises(ValueError):
        difference(parse_quantity(a), parse_quantity(b))


@pytest.mark.parametrize(("a", "b", "gap"), [
    ("at least 210", "164", "at least 46"),
    ("164", "at least 210", "at least 46"),
    ("more than 50", "10", "more than 40"),
    ("up to 100", "160", "at least 60"),
    ("240 km", "47 km", "193 km"),
])
def test_one_bound_bounds_the_difference(a: str, b: str, gap: str):
    assert format_quantity(difference(parse_quantity(a), parse_quantity(b))) == gap


@pytest.mark.parametrize(("a", "b", "times"), [
    ("240 km", "47 km", 5.1),  # two significant figures
    ("47 km", "240 km", 0.2),
    ("1.5 km", "300 m", 5.0),  # in one unit first
    ("2,400,000", "150", 16000.0),
])
def test_the_ratio_of_two_figures(a: str, b: str, times: float):
    assert ratio(parse_quantity(a), parse_quantity(b)) == times


@pytest.mark.parametrize(("a", "b"), [
    ("at least 210", "164"),  # a bound is no one figure
    ("3-5 m", "1 m"),
    ("5 km", "0 km"),
    ("5 km", "3 kg"),
])
def test_figures_with_no_one_ratio_are_refused(a: str, b: str):
    with pytest.raises(ValueError):
        ratio(parse_quantity(a), parse_quantity(b))


@pytest.mark.parametrize(("a", "b", "times", "bound"), [
    ("more than 40,000", "4,000", 10, "more than"),  # the bigger bounded: the ratio too
    ("40,000", "at least 4,000", 10, "at most"),  # the smaller at least: the ratio at most
    ("240 km", "47 km", 5.1, None),
])
def test_a_ratio_with_one_bound_is_bounded_the_way_its_gap_is(a: str, b: str, times: float,
                                                              bound: str | None):
    assert bounded_ratio(parse_quantity(a), parse_quantity(b)) == (times, bound)


@pytest.mark.parametrize(("a", "b"), [("at least 5", "more than 2"), ("up to 100", "60")])
def test_two_bounds_or_an_upper_bound_on_the_bigger_give_no_one_ratio(a: str, b: str):
    with pytest.raises(ValueError):
        bounded_ratio(parse_quantity(a), parse_quantity(b))


def test_unit_names_and_figures_given_in_a_unit():
    assert [unit_name(u) for u in ("EUR", "USD", "JPY", "CHF", "mi")] \
        == ["euros", "dollars", "yen", "CHF", "miles"]
    assert names_unit("roughly 18,400 hectares (45,500 acres)", "acre")
    assert names_unit("which the report gives as $28", "USD")
    assert not names_unit("250,000 dravik, roughly $3,100", "EUR")
    assert not names_unit("within 5 minutes", "mi")


@pytest.mark.parametrize(("label", "text", "unit"), [
    ("Passenger levy per ticket (lumes)", "parliament added a 4-lume charge", "lumes"),
    ("Operator's daily loss (quills)", "it loses 2.6 million quills a day", "quills"),
    ("Homes buried (district office)", "The district office counted 14 homes.", None),
    ("Reward (dravik)", "a reward of 250,000 dravik", "dravik"),
    ("Reward", "a reward of 250,000 dravik", None),
])
def test_a_labels_bracketed_unit_is_one_its_sentence_puts_after_a_number(
        label: str, text: str, unit: str | None):
    assert label_unit(label, text, [parse_quantity("4")]) == unit


def test_a_figure_with_a_unit_of_its_own_has_no_label_unit():
    assert label_unit("Reward (dravik)", "a reward of 250,000 dravik",
                      [parse_quantity("$3,100")]) is None
    assert label_without_unit("Passenger levy per ticket (lumes)") == "Passenger levy per ticket"


@pytest.mark.parametrize(("text", "spelt"), [
    ("whats that in $", "whats that in usd"),
    ("convert to £ pls", "convert to gbp pls"),
    ("how much $ did they release", "how much money did they release"),
    ("$5m in eur", "$5m in eur"),  # a sign before its figure stays
    ("it cost US$4.2 billion", "it cost US$4.2 billion"),
])
def test_a_currency_sign_with_no_figure_is_spelt(text: str, spelt: str):
    assert " ".join(spell_lone_signs(text).split()) == spelt


@pytest.mark.parametrize(("a", "b", "gap"), [
    (Quantity(40, "%", "nearly"), Quantity(23, "%"), Quantity(17, "%", "nearly")),
    (Quantity(40, "%"), Quantity(23, "%", "nearly"), Quantity(17, "%", "more than")),
])
def test_nearly_one_figure_bounds_the_gap(a: Quantity, b: Quantity, gap: Quantity):
    assert difference(a, b) == gap


def test_a_lower_bound_on_the_smaller_figure_bounds_the_gap_from_above():
    assert difference(Quantity(31, "h"), Quantity(16, "h", "more than")) == \
        Quantity(15, "h", "less than")


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("4.2 million litres", "gal", 1_110_000),  # 1,109,523 gallons: three digits kept
    ("12 million m3", "L", 12e9),
    ("39,600 barrels", "m³", 6_300),
    ("30 million cubic metres", "gallons", 7_930_000_000),
])
def test_volumes_convert(text: str, target: str, expected: float):
    quantity = parse_quantity(text)
    assert resolve_unit(quantity.unit).dimension == "volume"
    assert round_like(convert(quantity, target).value, quantity.value) == expected


@pytest.mark.parametrize(("label", "symbol"), [
    ("Oil spilled (barrels)", "bbl"),
    ("Water lost (litres)", "L"),
    ("Upgrade cost (US dollars)", "USD"),
    ("Area burned (hectares)", "ha"),
    ("Speed of the lava flow (metres per hour)", "m/h"),
    ("Chlorine in the air (parts per million)", "ppm"),
    ("Crop losses (dravik)", None),  # no unit of the table: a currency label_unit reads
    ("Homes buried (district office)", None),
    ("Homes destroyed (in)", None),
    ("Deaths (people)", None),
    ("Oil spilled", None),
])
def test_a_label_names_a_unit_in_its_brackets(label: str, symbol: str | None):
    unit = bracket_unit(label)
    assert (unit.symbol if unit else None) == symbol


def test_bare_figures_take_the_unit_their_label_names():
    bare = (Quantity(39_600, ""),)
    assert with_bracket_unit("Oil spilled (barrels)", bare) == (Quantity(39_600, "bbl"),)
    assert with_bracket_unit("Oil spilled", bare) == bare
    written = (Quantity(5_400, "t"),)  # a figure with its own unit keeps it
    assert with_bracket_unit("Oil spilled (barrels)", written) == written


@pytest.mark.parametrize(("written", "target", "expected"), [
    ("960 megawatts", "GW", 0.96),
    ("4.2 GW", "MW", 4200.0),
    ("3.1 GWh", "MWh", 3100.0),
    ("2.4 microsieverts per hour", "mSv/h", 0.0024),
    ("20 mSv", "µSv", 20000.0),
])
def test_power_energy_and_radiation_units_convert_within_their_kind(written: str,
                                                                     target: str,
                                                                     expected: float):
    q = parse_value(written).quantity
    assert convert(q, target).value == pytest.approx(expected)


def test_a_dose_rate_is_no_dose_and_power_no_energy():
    for a, b in (("µSv/h", "µSv"), ("MW", "MWh")):
        with pytest.raises(ValueError):
            convert(Quantity(1.0, a), b)


# --- durations told in several clock units --------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit", "shown"), [
    ("2 h 15 min", 135, "min", "2 hours 15 minutes"),
    ("2 hours and 15 minutes", 135, "min", "2 hours 15 minutes"),
    ("1 day, 6 hours", 30, "h", "1 day 6 hours"),
    ("3 min 40.5 s", 220.5, "s", "3 minutes 40.5 seconds"),
    ("1 h 0 min", 60, "min", "1 hour 0 minutes"),
    ("2:19:48", 8388, "s", "2:19:48"),  # a race time: hours, minutes, seconds
    ("30:41.27", 1841.27, "s", "30:41.27"),  # minutes and seconds with a fraction
    ("more than 2 h 15 min", 135, "min", "more than 2 hours 15 minutes"),
])
def test_a_duration_in_several_units_is_held_in_the_smallest_and_told_back_so(
        text: str, value: float, unit: str, shown: str):
    q = parse_value(text).quantity
    assert (q.value, q.unit) == (value, unit)
    assert format_quantity(q) == shown
    assert parse_quantity(quantity_to_text(q)) == q  # what export writes reads back the same
    assert format_quantity(parse_quantity(quantity_to_text(q))) == shown


def test_a_duration_told_in_steps_equals_the_same_length_told_plainly():
    assert parse_quantity("2 h 15 min") == parse_quantity("135 min")


def test_a_duration_in_several_units_converts_to_the_unit_asked():
    q = parse_quantity("2 h 15 min")
    assert format_measurement([q], unit="min") == "135 minutes"
    assert format_measurement([q], unit="h") == "2.25 hours (2 hours 15 minutes) [converted]"
    assert format_quantity(difference(parse_quantity("30:44.17"), parse_quantity("30:41.27"))) \
        == "2.9 seconds"


@pytest.mark.parametrize(("text", "says"), [
    ("1:05", "write '1 h 5 min', '1 min 5 s' or '1:05:00'"),  # an hour or a minute?
    ("15 min 2 h", "largest first"),
    ("2 h 15 km", "unknown unit"),
])
def test_a_duration_that_cannot_be_read_says_how_to_write_it(text: str, says: str):
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_value(text)


@pytest.mark.parametrize(("text", "unit", "asked", "shown"), [
    ("750 km/s", "km/s", "mph", "1.68 million mph"),  # a solar wind's speed
    ("765 kilovolts", "kV", "V", "765,000 volts"),
    ("90 amps", "A", "kA", "0.09 kA"),
    ("500 nanotesla", "nT", "µT", "0.5 µT"),
])
def test_speeds_of_space_and_electrical_and_magnetic_units(
        text: str, unit: str, asked: str, shown: str):
    q = parse_quantity(text)
    assert q.unit == unit
    assert format_measurement([q], unit=asked).startswith(shown)


@pytest.mark.parametrize(("text", "value", "unit", "dimension"), [
    ("84 bar", 84, "bar", "pressure"),  # a gas pipeline's operating pressure
    ("960 hPa", 960, "hPa", "pressure"),  # a storm's central pressure
    ("960 millibars", 960, "mbar", "pressure"),
    ("2.5 MPa", 2.5, "MPa", "pressure"),
    ("1,200 psi", 1200, "psi", "pressure"),
    ("30 mcm/d", 30, "mcm/d", "flow"),
    ("1.2 million barrels per day", 1_200_000, "bbl/d", "flow"),
    ("1.2 million bpd", 1_200_000, "bbl/d", "flow"),
    ("30 million cubic metres per day", 30_000_000, "m³/day", "flow"),
    ("300 nanotesla per minute", 300, "nT/min", "magnetic field rate"),
    ("€95/MWh", 95, "EUR/MWh", "price per energy"),
    ("95 EUR/MWh", 95, "EUR/MWh", "price per energy"),
    ("95 euros per megawatt-hour", 95, "EUR/MWh", "price per energy"),
    ("$80 a barrel", 80, "USD/bbl", "price per volume"),
    ("$80/bbl", 80, "USD/bbl", "price per volume"),
    ("CHF 95/MWh", 95, "CHF/MWh", "price per energy"),  # any ISO code
    ("€85 a tonne", 85, "EUR/t", "price per mass"),
])
def test_pressures_daily_flows_field_rates_and_prices_are_read(
        text: str, value: float, unit: str, dimension: str):
    q = parse_quantity(text)
    assert (q.value, q.unit) == (value, unit)
    assert resolve_unit(q.unit).dimension == dimension


@pytest.mark.parametrize(("text", "asked", "shown"), [
    ("84 bar", "psi", "1,220 psi (84 bar) [converted]"),  # 1,218.3: three digits kept
    ("960 hPa", "mbar", "960 mbar (960 hPa) [converted]"),
    ("30 mcm/d", "m³/s", "347 m³/s (30 million m³/day) [converted]"),
    ("1.2 million bpd", "m³/day", "191,000 m³/day (1.2 million barrels per day) [converted]"),
    ("300 nT/min", "nT/s", "5 nT/s (300 nT/min) [converted]"),
    ("€95/MWh", "EUR/kWh", "€0.095/kWh (€95/MWh) [converted]"),
    ("$80/bbl", "USD/L", "$0.50 per litre ($80 per barrel) [converted]"),
])
def test_pressures_flows_and_prices_convert_within_their_dimension(
        text: str, asked: str, shown: str):
    assert format_measurement([parse_quantity(text)], unit=asked) == shown


@pytest.mark.parametrize("target", ["EUR", "MWh", "USD/MWh", "EUR/bbl"])
def test_a_price_is_no_sum_of_money_nor_an_energy_nor_another_currency(target: str):
    with pytest.raises(ValueError, match="cannot convert"):
        convert(parse_quantity("€95/MWh"), target)


@pytest.mark.parametrize("text", ["€95/MWh", "$80 per barrel", "€1.80 per litre",
                                  "CHF 95/MWh", "€90 to €95/MWh", "between €90 and €95/MWh",
                                  "at least $100 per barrel", "30 million m³/day", "84 bar"])
def test_prices_and_pressures_are_shown_as_they_read_back(text: str):
    q = parse_quantity(text)
    assert format_quantity(q) == text
    assert quantity_to_text(q) == text


def test_a_price_range_may_give_its_unit_once():
    assert parse_quantity("€90-95/MWh") == Quantity(90, "EUR/MWh", "to", 95)


@pytest.mark.parametrize(("label", "unit", "bare"), [
    ("Wholesale gas price (euros per megawatt-hour)", "EUR/MWh", "Wholesale gas price"),
    ("Wholesale gas price (€/MWh)", "EUR/MWh", "Wholesale gas price"),
    ("Gas flow (million cubic metres per day)", "mcm/d", "Gas flow"),
    ("Operating pressure (bar)", "bar", "Operating pressure"),
])
def test_a_label_may_name_a_price_flow_or_pressure_unit_whole(label: str, unit: str,
                                                              bare: str):
    assert bracket_unit(label).symbol == unit
    assert with_bracket_unit(label, (Quantity(95, ""),)) == (Quantity(95, unit),)
    assert label_without_unit(label) == bare


def test_the_unknown_unit_message_lists_prices_as_one_phrase():
    message = unknown_unit_message("barz")
    assert "bar, mbar, hPa, kPa, MPa, psi, atm, inHg" in message
    assert "prices: a currency per unit, e.g. €95/MWh, $80/bbl, EUR/t" in message
    assert "USD/MWh" not in message and "did you mean 'bar'?" in message
    assert known_units_text("price per energy") == (
        "a currency per MWh, kWh, GWh or MMBtu, e.g. '€95/MWh' or '95 EUR/MWh'")


def test_a_price_sentence_names_its_unit_and_a_price_its_name():
    assert names_unit("Gas rose to €95/MWh on Monday", "EUR/MWh")
    assert names_unit("Brent traded at $80 a barrel", "USD/bbl")
    assert not names_unit("The repairs cost €95 million", "EUR/MWh")
    assert unit_name("EUR/MWh") == "euros per MWh"
