"""Units of measurement: resolve the names people write, convert, round, format, parse.

A measurement keeps the unit the report gave (``Quantity(240, "km")``); answers show that
value first and the report's own second value when it gave one ("240 km (150 miles)").
Conversion is for questions that ask for a unit no report used; callers round the result
with :func:`round_like` so a converted figure never looks more precise than the original.

Dimensions and their base units (every ``Unit.factor`` converts to the base):

- length: metre; speed: metre per second; duration: second; mass: kilogram;
- area: square metre; volume: cubic metre; flow: cubic metre per second (flows told per
  day too: "30 mcm/d", "1.2 million bpd"); pressure: pascal; magnetic field rate: tesla
  per second;
- price per energy, per volume, per mass: a currency over a unit of the table ("€95/MWh",
  "$80 a barrel", "€85 a tonne"), base: the currency per base unit. A price converts only
  within its currency (``Unit.currency``), and is no sum of money nor an energy;
- temperature: degree Celsius (``Unit.offset`` makes °F convert: C = F * 5/9 - 160/9);
- count: no unit. Count values are bare numbers (``Quantity(3, "")``, shown as "3");
  "item"/"items" are accepted as the same unitless unit;
- money: currencies, stored by ISO 4217 code ("USD", "EUR"). Currencies never convert into
  each other (``Unit.factor`` is None): an exchange rate is news, not a unit;
- percent: "%" and percentage points ("pp"), which are different things and never convert
  into each other; basis points ("bp", a hundredth of a point) convert with points.

A value may carry a qualifier, kept on the :class:`~bot.core.models.Quantity` and shown back
as written: "at least 9", "more than 40 km", "up to 5", "nearly 40", "between 3 and 5 m".
"about" is not a qualifier but the measurement's ``approximate`` flag (:func:`parse_value`).
Large values may be written with scale words ("1.3 million EUR", "$450,000", "€1.3m",
"5k", "2bn"); "m" and "b" mean million and billion only next to a currency ("300 m" is
300 metres).

Approximate units, documented here because an answer may repeat them:

- ``mach`` is taken as the speed of sound at sea level in the standard atmosphere,
  1225.044 km/h (340.29 m/s). Reports use "Mach 5" loosely; the conversion is indicative.
- ``month`` is 30.44 days and ``year`` 365.25 days (averages), so converting between days
  and months or years is approximate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from rapidfuzz import fuzz, process

from bot.core.models import Quantity
from bot.core.text import normalize, stem

DIMENSIONS: tuple[str, ...] = (
    "length", "speed", "duration", "count", "mass", "money", "percent", "temperature",
    "area", "volume", "flow", "power", "energy", "dose", "dose rate", "voltage", "current",
    "magnetic field", "magnetic field rate", "pressure", "concentration", "price per energy",
    "price per volume", "price per mass",
)


@dataclass(frozen=True)
class Unit:
    """One unit: ``factor`` (and ``offset``) convert a value in this unit to the dimension's
    base unit: ``base = value * factor + offset``. ``factor`` None: converts to nothing else."""

    symbol: str  # canonical spelling stored in a Quantity ("" for unitless counts)
    dimension: str
    factor: float | None
    singular: str  # display name for exactly 1 ("mile")
    plural: str  # display name otherwise ("miles")
    aliases: tuple[str, ...] = ()  # other spellings accepted by resolve_unit
    prefix: bool = False  # shown before the number ("Mach 5", "$450,000")
    note: str = ""  # caveat worth documenting (approximate definitions)
    offset: float = 0.0
    spaced: bool = True  # a space between number and name ("240 km"; not "45%", "$5")
    signed: bool = False  # negative values are ordinary ("-5°C", "-3 pp")
    currency: str = ""  # a price's ISO code ("EUR" of EUR/MWh): converts only within it
    per: str = ""  # a price's unit, shown after the number ("€95/MWh", "$80 per barrel")


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
          "kilometers per hour", "kilometre per hour", "kilometer per hour",
          "kilometres an hour", "kilometers an hour", "km an hour")),
    Unit("mph", "speed", 1609.344 / 3600.0, "mph", "mph",
         ("mi/h", "miles per hour", "mile per hour", "miles an hour", "mile an hour")),
    Unit("m/s", "speed", 1.0, "m/s", "m/s",
         ("mps", "metres per second", "meters per second", "metre per second",
          "meter per second")),
    Unit("knot", "speed", 1852.0 / 3600.0, "knot", "knots", ("knots", "kn", "kt", "kts")),
    # (a solar wind's, a meteor's, an orbit's)
    Unit("km/s", "speed", 1000.0, "km/s", "km/s",
         ("kps", "km per second", "km per sec", "kilometres per second",
          "kilometers per second", "kilometre per second", "kilometer per second",
          "kilometres a second", "kilometers a second")),
    Unit("mach", "speed", 1225.044 / 3.6, "Mach", "Mach", (), prefix=True,
         note="speed of sound at sea level, 1225.044 km/h; indicative only"),
    # (a lava flow's, a glacier's, a slow landslide's)
    Unit("m/h", "speed", 1.0 / 3600.0, "m/h", "m/h",
         ("m/hr", "m per hour", "metres per hour", "meters per hour", "metre per hour",
          "meter per hour", "metres an hour", "meters an hour")),
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
    Unit("g", "mass", 0.001, "gram", "grams", ("gram", "grams", "gramme", "grammes")),
    Unit("mg", "mass", 0.000001, "milligram", "milligrams",
         ("milligram", "milligrams", "milligramme", "milligrammes")),
    Unit("oz", "mass", 0.028349523125, "ounce", "ounces", ("ounce", "ounces"),
         note="the avoirdupois ounce (not the troy ounce of gold prices)"),
    Unit("ct", "mass", 0.0002, "carat", "carats", ("carat", "carats"),
         note="the gemstone carat, 0.2 g (not the carat that says how pure gold is)"),
    # short lengths: rainfall, snow, storm surge (base: metre)
    Unit("mm", "length", 0.001, "mm", "mm",
         ("millimetre", "millimetres", "millimeter", "millimeters")),
    Unit("cm", "length", 0.01, "cm", "cm",
         ("centimetre", "centimetres", "centimeter", "centimeters")),
    Unit("in", "length", 0.0254, "inch", "inches", ("inch", "inches", '"', "″")),
    # temperature (base: degree Celsius)
    Unit("°C", "temperature", 1.0, "°C", "°C",
         ("c", "ºc", "℃", "degc", "deg c", "celsius", "degrees celsius", "degree celsius",
          "degrees c", "degree c"), spaced=False, signed=True),
    Unit("°F", "temperature", 5.0 / 9.0, "°F", "°F",
         ("f", "ºf", "℉", "degf", "deg f", "fahrenheit", "degrees fahrenheit",
          "degree fahrenheit", "degrees f", "degree f"),
         offset=-160.0 / 9.0, spaced=False, signed=True),
    # area: land burned, flooded or cleared (base: square metre)
    Unit("ha", "area", 10_000.0, "hectare", "hectares", ("hectare", "hectares", "hect")),
    Unit("acre", "area", 4046.8564224, "acre", "acres", ("acres", "ac")),
    Unit("km²", "area", 1_000_000.0, "km²", "km²",
         ("km2", "sq km", "sq. km", "square km", "square kilometre", "square kilometres",
          "square kilometer", "square kilometers")),
    Unit("mi²", "area", 2_589_988.110336, "square mile", "square miles",
         ("mi2", "sq mi", "sq. mi", "square mile", "square miles")),
    Unit("m²", "area", 1.0, "m²", "m²",
         ("m2", "sq m", "square metre", "square metres", "square meter", "square meters")),
    Unit("ft²", "area", 0.09290304, "square foot", "square feet",
         ("ft2", "sq ft", "sq. ft", "sqft", "square foot", "square feet")),
    # volume: water released or lost, oil spilled (base: cubic metre)
    Unit("m³", "volume", 1.0, "m³", "m³",
         ("m3", "cu m", "cubic metre", "cubic metres", "cubic meter", "cubic meters")),
    Unit("L", "volume", 0.001, "litre", "litres",
         ("litre", "litres", "liter", "liters", "ltr", "ltrs")),
    Unit("gal", "volume", 0.003785411784, "gallon", "gallons",
         ("gallon", "gallons", "us gallon", "us gallons"), note="US gallon"),
    Unit("bbl", "volume", 0.158987294928, "barrel", "barrels", ("barrel", "barrels"),
         note="oil barrel, 42 US gallons"),
    # flow: a river's or a spillway's discharge, a pump's rate (base: cubic metre per second)
    Unit("m³/s", "flow", 1.0, "m³/s", "m³/s",
         ("m3/s", "m3 s", "m³ s", "cumec", "cumecs", "cubic metre per second",
          "cubic metres per second", "cubic meter per second", "cubic meters per second",
          "cubic metres a second", "cubic meters a second", "cubic metres per sec",
          "cubic meters per sec")),
    Unit("L/s", "flow", 0.001, "litre per second", "litres per second",
         ("l/s", "litre per second", "litres per second", "liter per second",
          "liters per second", "litres a second", "liters a second", "litres per sec",
          "liters per sec")),
    Unit("ft³/s", "flow", 0.028316846592, "cubic foot per second", "cubic feet per second",
         ("ft3/s", "ft3 s", "cfs", "cusec", "cusecs", "cubic foot per second",
          "cubic feet per second", "cubic feet a second", "cubic feet per sec")),
    Unit("gal/min", "flow", 0.003785411784 / 60, "gallon per minute", "gallons per minute",
         ("gpm", "gallon per minute", "gallons per minute", "gallons a minute",
          "us gallons per minute"), note="US gallon"),
    # flows told per day: gas through a pipeline, oil pumped, water supplied (the same
    # dimension, so "30 mcm/d" converts to m³/s and to barrels per day)
    Unit("m³/day", "flow", 1.0 / _DAY, "m³/day", "m³/day",
         ("m3/d", "m3/day", "m³/d", "cu m/d", "cubic metre per day", "cubic metres per day",
          "cubic meter per day", "cubic meters per day", "cubic metres a day",
          "cubic meters a day")),
    Unit("mcm/d", "flow", 1e6 / _DAY, "million m³/day", "million m³/day",
         ("mcm/day", "mcmd", "mcm per day", "mcm a day", "million m3/d", "million m³/d",
          "million m3/day", "million m³/day", "million cubic metres per day",
          "million cubic meters per day", "million cubic metres a day",
          "million cubic meters a day")),
    Unit("bbl/d", "flow", 0.158987294928 / _DAY, "barrel per day", "barrels per day",
         ("bpd", "b/d", "bbl/day", "barrel per day", "barrels per day", "barrels a day",
          "barrel a day"), note="oil barrel, 42 US gallons"),
    Unit("L/day", "flow", 0.001 / _DAY, "litre per day", "litres per day",
         ("l/d", "l/day", "litre per day", "litres per day", "liter per day",
          "liters per day", "litres a day", "liters a day")),
    Unit("ft³/day", "flow", 0.028316846592 / _DAY, "cubic foot per day", "cubic feet per day",
         ("ft3/d", "ft3/day", "ft³/d", "cf/d", "cfd", "cubic foot per day",
          "cubic feet per day", "cubic feet a day")),
    Unit("bcf/d", "flow", 0.028316846592e9 / _DAY, "billion ft³/day", "billion ft³/day",
         ("bcf/day", "bcfd", "bcf per day", "bcf a day", "billion cubic feet per day",
          "billion cubic feet a day")),
    # power: a plant's output, a grid's demand (base: watt)
    Unit("W", "power", 1.0, "watt", "watts", ("watt", "watts")),
    Unit("kW", "power", 1e3, "kW", "kW", ("kilowatt", "kilowatts", "kw")),
    Unit("MW", "power", 1e6, "MW", "MW", ("megawatt", "megawatts", "mw", "mwe")),
    Unit("GW", "power", 1e9, "GW", "GW", ("gigawatt", "gigawatts", "gw")),
    # energy: electricity made, used or lost (base: watt-hour)
    Unit("kWh", "energy", 1e3, "kWh", "kWh", ("kilowatt-hour", "kilowatt-hours",
                                             "kilowatt hour", "kilowatt hours", "kwh")),
    Unit("MWh", "energy", 1e6, "MWh", "MWh", ("megawatt-hour", "megawatt-hours",
                                             "megawatt hour", "megawatt hours", "mwh")),
    Unit("GWh", "energy", 1e9, "GWh", "GWh", ("gigawatt-hour", "gigawatt-hours",
                                             "gigawatt hour", "gigawatt hours", "gwh")),
    # (gas prices in dollars per million British thermal units)
    Unit("MMBtu", "energy", 293_071.07, "MMBtu", "MMBtu",
         ("mmbtu", "million btu", "million btus", "million british thermal units")),
    # radiation: a dose received, and the rate a place gives it (base: sievert, per hour)
    Unit("Sv", "dose", 1.0, "sievert", "sieverts", ("sievert", "sieverts")),
    Unit("mSv", "dose", 1e-3, "mSv", "mSv", ("millisievert", "millisieverts", "msv")),
    Unit("µSv", "dose", 1e-6, "µSv", "µSv",
         ("microsievert", "microsieverts", "usv", "μsv", "µsv")),
    Unit("mSv/h", "dose rate", 1e-3, "mSv/h", "mSv/h",
         ("millisievert per hour", "millisieverts per hour", "millisieverts an hour",
          "msv/h", "msv h")),
    Unit("µSv/h", "dose rate", 1e-6, "µSv/h", "µSv/h",
         ("microsievert per hour", "microsieverts per hour", "microsieverts an hour",
          "usv/h", "usv h", "μsv/h", "µsv/h", "µsv h")),
    # electricity: a line's voltage, a current (base: volt, ampere)
    Unit("V", "voltage", 1.0, "volt", "volts", ("volt", "volts")),
    Unit("kV", "voltage", 1e3, "kV", "kV", ("kilovolt", "kilovolts", "kv")),
    Unit("A", "current", 1.0, "ampere", "amperes", ("amp", "amps", "ampere", "amperes")),
    Unit("kA", "current", 1e3, "kA", "kA", ("kiloampere", "kiloamperes")),
    # a magnetic field's strength or change: geomagnetic storms (base: tesla)
    Unit("nT", "magnetic field", 1e-9, "nT", "nT", ("nanotesla", "nanoteslas")),
    Unit("µT", "magnetic field", 1e-6, "µT", "µT",
         ("microtesla", "microteslas", "μt", "µt")),
    # how fast a magnetic field changes, which drives currents in power lines (base: T/s)
    Unit("nT/min", "magnetic field rate", 1e-9 / 60, "nT/min", "nT/min",
         ("nanotesla per minute", "nanoteslas per minute", "nanotesla a minute",
          "nanoteslas a minute", "nt per minute", "nt per min")),
    Unit("nT/s", "magnetic field rate", 1e-9, "nT/s", "nT/s",
         ("nanotesla per second", "nanoteslas per second", "nanotesla a second",
          "nanoteslas a second", "nt per second", "nt per sec")),
    # pressure: a pipeline's or a vessel's, a storm's central pressure (base: pascal)
    Unit("bar", "pressure", 1e5, "bar", "bar", ("bars",)),
    Unit("mbar", "pressure", 100.0, "mbar", "mbar",
         ("millibar", "millibars", "mb", "mbars")),
    Unit("hPa", "pressure", 100.0, "hPa", "hPa", ("hectopascal", "hectopascals", "hpa")),
    Unit("kPa", "pressure", 1e3, "kPa", "kPa", ("kilopascal", "kilopascals", "kpa")),
    Unit("MPa", "pressure", 1e6, "MPa", "MPa", ("megapascal", "megapascals", "mpa")),
    Unit("psi", "pressure", 6894.757293168, "psi", "psi",
         ("pound per square inch", "pounds per square inch", "lb/in²", "lb/in2",
          "lbf/in²", "lbf/in2")),
    Unit("atm", "pressure", 101_325.0, "atm", "atm",
         ("atmosphere", "atmospheres", "standard atmosphere", "standard atmospheres"),
         note="the standard atmosphere, 101,325 Pa"),
    Unit("inHg", "pressure", 3386.389, "inHg", "inHg",
         ("inhg", "inch of mercury", "inches of mercury", "in. hg", "in hg")),
    # percent: two units that never convert into each other
    Unit("%", "percent", None, "%", "%", ("percent", "per cent", "pct"),
         spaced=False, signed=True),
    Unit("pp", "percent", 1.0, "percentage point", "percentage points",
         ("pp", "ppt", "ppts", "percentage point", "percentage points", "percent points",
          "percentage pts", "percent pts"),
         signed=True),
    # a hundredth of a percentage point: rate changes ("a 75 basis-point rise")
    Unit("bp", "percent", 0.01, "basis point", "basis points",
         ("bps", "basis point", "basis points", "basis-point", "basis-points", "basis pts"),
         signed=True),
    # concentration: a gas or a pollutant in air or water, by volume or mass (base: ppm)
    Unit("ppm", "concentration", 1.0, "ppm", "ppm",
         ("parts per million", "part per million")),
    Unit("ppb", "concentration", 1e-3, "ppb", "ppb",
         ("parts per billion", "part per billion")),
    # money: stored by ISO 4217 code; any other ISO code is accepted too (see resolve_unit)
    Unit("USD", "money", None, "$", "$",
         ("$", "us$", "usd", "dollar", "dollars", "us dollar", "us dollars"),
         prefix=True, spaced=False),
    Unit("EUR", "money", None, "€", "€", ("€", "eur", "euro", "euros"),
         prefix=True, spaced=False),
    Unit("GBP", "money", None, "£", "£",
         ("£", "gbp", "pound sterling", "pounds sterling", "sterling"),
         prefix=True, spaced=False),
    Unit("JPY", "money", None, "¥", "¥", ("¥", "jpy", "yen"), prefix=True, spaced=False),
)

# Prices per unit of energy, volume or mass ("€95/MWh", "$80 a barrel", "€85 a tonne"): a
# currency over one of these units, with how an answer writes that unit after the figure.
# A price converts only within its currency (€95/MWh is €0.095/kWh; never dollars), and is
# neither a sum of money nor an energy, a volume or a mass.
PRICE_PER: dict[str, str] = {
    "MWh": "/MWh", "kWh": "/kWh", "GWh": "/GWh", "MMBtu": " per MMBtu",
    "bbl": " per barrel", "L": " per litre", "gal": " per gallon", "m³": "/m³",
    "t": " per tonne", "kg": " per kg",
}
PRICE_PREFIX = "price per "  # the dimensions of prices: "price per energy" ...
_PRICED_CURRENCIES = ("USD", "EUR", "GBP", "JPY")  # in the table; other codes on demand


def _price(currency: Unit, per: Unit) -> Unit:
    return Unit(f"{currency.symbol}/{per.symbol}", PRICE_PREFIX + per.dimension,
                1.0 / per.factor, currency.singular, currency.plural,  # type: ignore[operator]
                (per.symbol, per.singular, per.plural, *per.aliases),  # (the words a sentence
                # writes it in: "per megawatt-hour"; resolve_unit reads a price whole)
                prefix=True, spaced=currency.spaced, currency=currency.symbol,
                per=PRICE_PER[per.symbol])


UNITS = (*UNITS, *(_price(c, p) for c in UNITS if c.symbol in _PRICED_CURRENCIES
                   for p in UNITS if p.symbol in PRICE_PER))

# ISO 4217 codes in use (2024). USD, EUR, GBP and JPY have their own rows above with their
# signs; any other code is a currency shown by its code ("CHF 1.3 million").
ISO_CURRENCIES: frozenset[str] = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
""".split())

# Currency signs other than the four above: the sign names the currency's code.
_CURRENCY_SIGNS: dict[str, str] = {
    "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "s$": "SGD", "₩": "KRW", "₹": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY", "₪": "ILS",
    "r$": "BRL", "chf": "CHF", "won": "KRW", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "swiss francs": "CHF",
}

_BY_SYMBOL: dict[str, Unit] = {u.symbol: u for u in UNITS}

# "whats that in $": a sign with no figure after it names its currency, as a word would
_LONE_SIGN_RE = re.compile(r"(?<![\w$€£¥])(?P<sign>us\$|\$|€|£|¥)(?![\w$€£¥.,]*\d)",
                           re.IGNORECASE)
_LONE_SIGN_WORDS = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}


_INTO_RE = re.compile(r"\b(?:in|into|to|as)\s*$", re.IGNORECASE)


def spell_lone_signs(text: str) -> str:
    """"4.2bn dravik in $" -> "4.2bn dravik in usd": a currency sign that prefixes no figure
    is the currency to convert to after "in", and money elsewhere ("how much $ did they
    release"); normalising would drop it."""
    def spelt(m: re.Match[str]) -> str:
        if _INTO_RE.search(text[:m.start()]):
            return f" {_LONE_SIGN_WORDS[m.group('sign').lower()]} "
        return " money "
    return _LONE_SIGN_RE.sub(spelt, text)


def _key(name: str) -> str:
    return " ".join(name.strip().lower().split())


def _build_index() -> dict[str, Unit]:
    index: dict[str, Unit] = {}
    for unit in UNITS:  # (a price by its symbol; "€" alone is the euro)
        names = (unit.symbol,) if unit.per else (unit.symbol, unit.singular, unit.plural,
                                                  *unit.aliases)
        for name in names:
            key = _key(name)
            if key in index and index[key] is not unit:
                raise AssertionError(f"unit name {name!r} is ambiguous")  # pragma: no cover
            index[key] = unit
    return index


_INDEX = _build_index()
_CURRENCY_UNITS: dict[str, Unit] = {}
# "€/MWh", "euros per megawatt-hour", "US dollars a barrel", "CHF/t": a currency over a unit
_PRICE_RE = re.compile(r"^(?P<cur>.+?)\s*(?:/|\bper\b|\ban?\b)\s*(?P<per>.+)$",
                       re.IGNORECASE)


def _currency(code: str) -> Unit:
    """The unit of an ISO 4217 code without a row of its own: shown by its code."""
    if code in _BY_SYMBOL:
        return _BY_SYMBOL[code]
    unit = _CURRENCY_UNITS.get(code)
    if unit is None:
        unit = Unit(code, "money", None, code, code, prefix=True)
        _CURRENCY_UNITS[code] = unit
    return unit


def resolve_unit(name: str) -> Unit | None:
    """The unit a name stands for ("miles", "Km", "yrs", "ft.", "€", "CHF" ...), or None.

    Matching ignores case and extra spaces; a trailing full stop is ignored ("ft.").
    The empty string is the unitless count unit. An ISO 4217 currency code is recognised
    when written in capitals ("CHF"; "chf" too), unless it spells another unit ("KGS" is kg).
    """
    key = _key(name)
    unit = _INDEX.get(key)
    if unit is None and key.endswith("."):
        unit = _INDEX.get(key[:-1].rstrip())
    if unit is None:
        stripped = name.strip()
        if stripped.upper() in ISO_CURRENCIES and (stripped.isupper() or key == "chf"):
            unit = _currency(stripped.upper())
        elif key in _CURRENCY_SIGNS:
            unit = _currency(_CURRENCY_SIGNS[key])
    if unit is None and (m := _PRICE_RE.match(name.strip())):
        currency = resolve_unit(m["cur"])
        if currency is not None and currency.dimension == "money":
            unit = price_unit(currency, m["per"])
    return unit


def price_unit(currency: Unit, per: str) -> Unit | None:
    """The price of ``currency`` over the unit ``per`` names ("MWh", "barrel", "tonne"), or
    None when prices are not given over it."""
    over = resolve_unit(per)
    if over is None or over.symbol not in PRICE_PER:
        return None
    symbol = f"{currency.symbol}/{over.symbol}"
    unit = _BY_SYMBOL.get(symbol) or _CURRENCY_UNITS.get(symbol)
    if unit is None:
        unit = _CURRENCY_UNITS[symbol] = _price(currency, over)
    return unit


def known_units(dimension: str | None = None) -> list[str]:
    """Canonical symbols, in a stable order; only one dimension's when ``dimension`` is given.

    The unitless count unit is the empty string. Currencies beyond USD, EUR, GBP and JPY
    are not listed (any ISO 4217 code is accepted).
    """
    return [u.symbol for u in UNITS if dimension is None or u.dimension == dimension]


def known_units_text(dimension: str | None = None) -> str:
    """Known unit symbols for messages: "km, mi, m, ..." (counts: "no unit"); prices as
    one phrase, not every currency over every unit."""
    if dimension is not None and dimension.startswith(PRICE_PREFIX):
        over = [p for p in PRICE_PER
                if _BY_SYMBOL[p].dimension == dimension[len(PRICE_PREFIX):]]
        return f"a currency per {', '.join(over[:-1])} or {over[-1]}, e.g. '€95/{over[0]}' " \
               f"or '95 EUR/{over[0]}'"
    text = ", ".join(s if s else "no unit" for s in known_units(dimension)
                     if not resolve_unit(s).per)  # type: ignore[union-attr]
    if dimension in (None, "money"):
        text += " or another ISO currency code"
    if dimension is None:
        text += "; prices: a currency per unit, e.g. €95/MWh, $80/bbl, EUR/t"
    return text


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


def _convert_value(value: float, source: Unit, dest: Unit) -> float:
    base = value * source.factor + source.offset  # type: ignore[operator]
    return (base - dest.offset) / dest.factor  # type: ignore[operator]


def convert(q: Quantity, target: str) -> Quantity:
    """``q`` in the ``target`` unit, unrounded (see :func:`round_like`); a qualifier and a
    range's upper end come along ("at least 10 km" -> "at least 6.2 mi").

    Raises ValueError when either unit is unknown, the dimensions differ, or the units do
    not convert into each other (two currencies; percent and percentage points).
    """
    source = _require(q.unit)
    dest = _require(target)
    if source.dimension != dest.dimension:
        raise ValueError(
            f"cannot convert {source.dimension} ({format_quantity(q)}) to "
            f"{dest.dimension} ({dest.symbol or 'no unit'})"
        )
    if source.currency != dest.currency:
        raise ValueError(f"cannot convert {source.symbol} to {dest.symbol}: currencies are "
                         "not converted into each other")
    if source is dest:
        upper = None if q.upper is None else float(q.upper)
        return replace(q, value=float(q.value), unit=dest.symbol, upper=upper)
    if source.factor is None or dest.factor is None:
        why = ("currencies are not converted into each other" if source.dimension == "money"
               else "percent and percentage points are different things")
        raise ValueError(f"cannot convert {source.symbol} to {dest.symbol}: {why}")
    upper = None if q.upper is None else _convert_value(q.upper, source, dest)
    return replace(q, value=_convert_value(q.value, source, dest), unit=dest.symbol,
                   upper=upper, told=None)  # (told in other units than these)


def unit_name(symbol: str) -> str:
    """A unit's name for a sentence: "miles", "km", "euros" (a currency's word, else its
    code: "CHF")."""
    unit = resolve_unit(symbol)
    if unit is None:
        return symbol
    if unit.dimension == "money":
        words = [a for a in unit.aliases if a.isalpha() and a != unit.symbol.lower()]
        return words[-1] if words else unit.symbol
    if unit.per:  # "euros per MWh"
        currency, per = unit.symbol.split("/", 1)
        return f"{unit_name(currency)} per {_BY_SYMBOL[per].singular}"
    return unit.plural


def names_unit(text: str, symbol: str) -> bool:
    """Whether ``text`` gives a figure in the unit: "(45,500 acres)", "given as $28"."""
    unit = resolve_unit(symbol)
    if unit is None:
        return False
    if unit.per:  # "€95/MWh", "95 euros per megawatt-hour"
        return any(price is unit for price in _prices_in(text))
    names = {unit.symbol, unit.singular, unit.plural, *unit.aliases} - {""}
    signs = "|".join(re.escape(n) for n in names if not n[:1].isalnum())
    words = "|".join(re.escape(n) for n in names if n[:1].isalnum())
    pattern = rf"\d\s*(?:{words})\b" if words else ""
    if signs:
        pattern = rf"{pattern}|(?:{signs})\s?\d" if pattern else rf"(?:{signs})\s?\d"
    return bool(pattern) and re.search(pattern, text, re.IGNORECASE) is not None


_PRICE_TEXT_RE = re.compile(
    r"(?P<sign>[€$£¥]|\b[A-Z]{3}\b)?\s?\d[\d,.]*(?:\s*(?:million|billion|m|bn))?\s*"
    r"(?P<cur>[a-z]+(?: [a-z]+)?)?\s*(?:/|\bper\b|\ban?\b)\s*(?P<per>[\w³-]+)",
    re.IGNORECASE)


def _prices_in(text: str) -> list[Unit]:
    """The price units of the figures a sentence gives ("€95/MWh", "$80 a barrel")."""
    found = []
    for m in _PRICE_TEXT_RE.finditer(text):
        for cur in (m["sign"], m["cur"], m["cur"] and m["cur"].split()[-1]):
            currency = resolve_unit(cur) if cur else None
            if currency is not None and currency.dimension == "money":
                price = price_unit(currency, m["per"])
                if price is not None:
                    found.append(price)
                break
    return found


def converts(q: Quantity, target: str) -> bool:
    """Whether ``q`` can be given in ``target`` (km in miles, yes; dollars in euros, no)."""
    try:
        convert(q, target)
    except ValueError:
        return False
    return True


def _decimals(value: float) -> int:
    """Decimal places in the shortest spelling of ``value`` (240 -> 0, 2.5 -> 1)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _round_half_up(value: float, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


# a whole number of up to this many digits keeps its trailing zero as a digit: "60 m" is
# read to the metre (197 feet), as a reader's converter does, where "240 km" may be a round
# figure (its zero a placeholder)
TWO_DIGIT_WHOLE = 2


def significant_digits(value: float) -> int:
    """Digits that carry information in a reported figure: 47 -> 2, 60 -> 2, 240 -> 2
    (trailing zeros of a whole number of three digits or more are taken as placeholders),
    2.50 -> 2, 0.062 -> 2."""
    if not math.isfinite(value) or value == 0:
        return 1
    text = repr(abs(float(value)))
    if "e" in text:
        text = text.split("e")[0]
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if frac:
        digits = (whole + frac).lstrip("0")
    elif len(whole) <= TWO_DIGIT_WHOLE:
        digits = whole.lstrip("0")  # "60 metres": the zero is a digit, not a placeholder
    else:
        digits = whole.lstrip("0").rstrip("0")
    return max(1, len(digits))


# a converted whole number of three digits or more keeps at least this many significant
# digits: "154,000 feet" and "926 pounds" are what a reader's converter shows, and the
# extra digit adds no decimals (the rounding stays under half a percent)
LARGE_CONVERSION_DIGITS = 3


def round_significant(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits, or three from 1,000 up (a converted
    figure: 154,000 feet, not 150,000); halves round up."""
    if not math.isfinite(value) or value == 0:
        return value
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= LARGE_CONVERSION_DIGITS:
        digits = max(digits, LARGE_CONVERSION_DIGITS)
    return _round_half_up(value, digits - 1 - magnitude)


def round_like(value: float, reference_value: float, *, min_significant: int = 2) -> float:
    """Round a converted ``value`` to the precision of the ``reference_value`` it came from.

    A conversion cannot be much more precise than the figure it came from: it keeps the
    reference's significant digits (at least ``min_significant``): about 47 km is about
    29 miles, not 29.2; 1 km -> 0.62 mi. A whole result of 100 or more keeps at least three
    (240 km -> 149 mi; 47 km -> 154,000 feet, not 154,199 nor 150,000). Into a smaller unit,
    it keeps what the reported figure's last digit is worth there (86 m -> 282 ft, since a
    metre is 3.3 feet). Halves round up.
    """
    if not math.isfinite(value) or value == 0:
        return value
    digits = max(min_significant, significant_digits(reference_value))
    magnitude = math.floor(math.log10(abs(value)))
    if magnitude >= LARGE_CONVERSION_DIGITS - 1:
        digits = max(digits, LARGE_CONVERSION_DIGITS)
    if reference_value and abs(value / reference_value) > 1:
        # into a smaller unit, the reported figure's last digit spans several of the new
        # one's: 86 m is good to a metre, 3.3 feet, so 282 feet (not 280) says no more
        ref_digits = significant_digits(reference_value)
        ref_quantum = 10.0 ** (math.floor(math.log10(abs(reference_value))) - ref_digits + 1)
        quantum = ref_quantum * abs(value / reference_value)
        digits = max(digits, magnitude - math.floor(math.log10(quantum)) + 1)
    return round_significant(value, digits)


def _round_degrees_like(value: float, reference_value: float) -> float:
    return _round_half_up(value, _decimals(reference_value))


def round_quantity_like(q: Quantity, reference: Quantity) -> Quantity:
    """A converted quantity rounded like the reported one (both ends of a range). A
    temperature keeps the reported one's decimals: its zero is no zero of the other scale,
    so significant digits say nothing (1,000 °C is 1,832 °F; 43.8 °C is 110.8 °F)."""
    rounded = _round_degrees_like if q.unit and _require(q.unit).dimension == "temperature" \
        else round_like
    upper = None
    if q.upper is not None:
        upper = rounded(q.upper, reference.upper if reference.upper is not None
                        else reference.value)
    return replace(q, value=rounded(q.value, reference.value), upper=upper)


def difference(a: Quantity, b: Quantity) -> Quantity:
    """How much ``a`` exceeds ``b`` (or falls short of it), in ``a``'s unit and no more
    precise than the less precise of the two: 240 km and 47 km differ by 193 km; 2.5 m and
    1 ft by 2.2 m. Raises ValueError when they cannot be put in one unit, or either is a
    range, whose difference is not one figure. One bound keeps its sense where it bounds
    the gap: "at least 260" and 212 differ by at least 48; "nearly 40" and 23 by nearly
    17; 31 and "more than 16" by less than 15. "Up to 100" and 60 by at most 40 is no
    bound on the gap from below (it may be none), so it raises too."""
    if a.is_range or b.is_range or (a.qualifier and b.qualifier):
        raise ValueError("a range or two bounds have no one difference")
    other = convert(b, a.unit)
    if _require(b.unit) is not _require(a.unit):
        other = replace(other, value=round_like(other.value, b.value))
    decimals = max(_decimals(a.value), _decimals(other.value))
    qualifier = _gap_qualifier(a, b, a_bigger=a.value >= other.value)
    return Quantity(_round_half_up(abs(a.value - other.value), decimals), a.unit, qualifier)


def ratio(a: Quantity, b: Quantity) -> float:
    """How many times ``b`` goes into ``a``, to two significant figures: 240 km over 47 km is
    5.1. Raises ValueError when they cannot be put in one unit, either is a range or a bound
    (whose ratio is not one figure), or ``b`` is zero."""
    if a.is_range or b.is_range or a.qualifier or b.qualifier:
        raise ValueError("a range or a bound has no one ratio")
    other = convert(b, a.unit)
    if other.value == 0:
        raise ValueError("a ratio over zero")
    value = a.value / other.value
    return round(value, max(0, 1 - math.floor(math.log10(abs(value))))) if value else 0.0


def per_each(a: Quantity, b: Quantity) -> Quantity:
    """``a`` shared out over ``b`` things, to two significant figures, in ``a``'s unit: 384
    sites over 27 countries is 14 a country. Raises ValueError when ``b`` is not a plain
    count (it has a unit), either is a range or a bound, or ``b`` is zero."""
    if a.is_range or b.is_range or a.qualifier or b.qualifier:
        raise ValueError("a range or a bound has no one average")
    if dimension_of(b) not in (None, "count"):
        raise ValueError("only a count shares a figure out")
    if b.value == 0:
        raise ValueError("an average over zero")
    value = a.value / b.value
    digits = max(0, 1 - math.floor(math.log10(abs(value)))) if value else 0
    return Quantity(round(value, digits), a.unit)


def bounded_ratio(a: Quantity, b: Quantity) -> tuple[float, str | None]:
    """``a`` over ``b`` (see :func:`ratio`) when one of them is a bound, with the words that
    bound the ratio as they would the gap: "more than 40,000" over 4,000 is more than 10
    times; 40,000 over "at least 4,000" at most 10. Raises ValueError as :func:`ratio`
    does, for two bounds, and for a bound that gives none on the ratio ("up to")."""
    if a.is_range or b.is_range or (a.qualifier and b.qualifier):
        raise ValueError("a range or two bounds have no one ratio")
    value = ratio(replace(a, qualifier=None), replace(b, qualifier=None))
    return value, _gap_qualifier(a, b, a_bigger=value >= 1)


# a bound on the bigger figure bounds the gap the same way; on the smaller one, the other way
_BIGGER_BOUND_GAP = {"min": "min", "above": "above", "nearly": "nearly"}
_SMALLER_BOUND_GAP = {"max": "min", "below": "above", "nearly": "above", "min": "max",
                      "above": "below"}
_GAP_WORDS = {"min": "at least", "above": "more than", "nearly": "nearly", "max": "at most",
              "below": "less than"}


def _gap_qualifier(a: Quantity, b: Quantity, a_bigger: bool) -> str | None:
    bounded, bigger = (a, a_bigger) if a.qualifier else (b, not a_bigger)
    if not bounded.qualifier:
        return None
    kind = QUALIFIERS.get(bounded.qualifier)
    gap = (_BIGGER_BOUND_GAP if bigger else _SMALLER_BOUND_GAP).get(kind or "")
    if gap is None:
        raise ValueError(f"'{bounded.qualifier}' gives no one bound on the difference")
    return _GAP_WORDS[gap]


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


_SCALE_NAMES: tuple[tuple[int, str], ...] = (
    (12, "trillion"), (9, "billion"), (6, "million"),
)


def format_amount(value: float) -> str:
    """Like :func:`format_number`, with a scale word for round millions and up:
    1,300,000 -> "1.3 million", 2.5e9 -> "2.5 billion"; 1,234,567 stays as it is."""
    value = float(value)
    if math.isfinite(value) and 1e6 <= abs(value) < 1e15:
        for exponent, word in _SCALE_NAMES:
            if abs(value) >= 10 ** exponent:
                mantissa = Decimal(repr(value)).scaleb(-exponent).normalize()
                if -int(mantissa.as_tuple().exponent) <= 3:
                    return f"{format_number(float(mantissa))} {word}"
                break
    return format_number(value)


def _with_unit(number: str, unit: Unit | None, q_unit: str, *, plural: bool) -> str:
    if unit is None:
        return f"{number} {q_unit}".strip()
    name = unit.plural if plural else unit.singular
    if not name:
        return number
    space = " " if unit.spaced else ""
    if unit.prefix:
        if number.startswith("-") and not unit.spaced:
            return f"-{name}{number[1:]}{unit.per}"
        return f"{name}{space}{number}{unit.per}"
    return f"{number}{space}{name}"


def format_quantity(q: Quantity) -> str:
    """"240 km", "150 miles", "1 mile", "8 days", "Mach 5", "3" (unitless count), "45%",
    "$450,000", "€1.3 million", "30°C", "at least 9", "between 3 and 5 m".

    Unknown units are shown as written. The number is rounded for display (see
    :func:`format_number`); :func:`quantity_to_text` is the loss-free form.
    """
    unit = resolve_unit(q.unit)
    told = _told_text(q) if q.told else None
    if told is not None:
        return f"{q.qualifier} {told}" if q.qualifier else told
    if q.upper is not None:
        low, high = format_amount(q.value), format_amount(q.upper)
        plural = high != "1"
        if unit is not None and (unit.prefix or not unit.spaced):  # ("€90 to €95/MWh")
            low = _with_unit(low, replace(unit, per=""), q.unit, plural=plural)
        high = _with_unit(high, unit, q.unit, plural=plural)
        if q.qualifier == "between":
            return f"between {low} and {high}"
        text = f"{low} to {high}"
        return f"{q.qualifier} {text}" if q.qualifier not in (None, "to") else text
    number = format_amount(q.value)
    if unit is not None and unit.per and 0 < _decimals(q.value) <= 2 and q.value < 1e6:
        number = f"{q.value:,.2f}"  # a price in cents: "€1.80 per litre"
    text = _with_unit(number, unit, q.unit, plural=number != "1")
    return f"{q.qualifier} {text}" if q.qualifier else text


def format_measurement(quantities: Sequence[Quantity], *, approximate: bool = False,
                       unit: str | None = None) -> str:
    """A measurement's values as an answer states them: the first value with the report's
    other units in brackets, "about" when approximate: "about 240 km (150 miles)".

    With ``unit`` (the unit a question asked for) a value in that unit comes first; when
    the report has none, the first value is converted, rounded like the reported figure
    and marked "[converted]". Values that cannot be converted are shown as reported.
    """
    qs = list(quantities)
    if not qs:
        return ""
    converted = False
    if unit:
        wanted = resolve_unit(unit)
        same = [q for q in qs if wanted is not None and resolve_unit(q.unit) is wanted]
        if same:  # ("how many minutes": 135 minutes, not the 2 hours 15 minutes reported)
            qs = [replace(q, told=None) for q in same] + [q for q in qs if q not in same]
        else:
            try:
                qs = [round_quantity_like(convert(qs[0], unit), qs[0]), *qs]
                converted = True
            except ValueError:
                pass  # not convertible (e.g. km -> days, EUR -> USD): show as reported
    head = (_mixed_duration(qs[1], qs[0].unit) if converted and qs[1].told is None else None
            ) or format_quantity(qs[0])
    rest = ", ".join(format_quantity(q) for q in qs[1:])
    text = f"{head} ({rest})" if rest else head
    if approximate:
        text = f"about {text}"
    if converted:
        text += " [converted]"
    return text


# clock units whose whole numbers a duration is told in ("2 minutes 22 seconds")
_CLOCK_STEPS = ("s", "min", "h")


def _mixed_duration(q: Quantity, target: str) -> str | None:
    """A whole number of seconds or minutes in the next larger clock unit as people say it:
    142 seconds in minutes is "2 minutes 22 seconds", not "2.37 minutes". None when that
    does not apply (a range, a qualifier, a fraction, or a unit that is not one step up)."""
    source, dest = resolve_unit(q.unit), resolve_unit(target)
    if source is None or dest is None or q.upper is not None or q.qualifier is not None \
            or source.symbol not in _CLOCK_STEPS or dest.symbol not in _CLOCK_STEPS \
            or _CLOCK_STEPS.index(dest.symbol) != _CLOCK_STEPS.index(source.symbol) + 1 \
            or q.value != int(q.value):
        return None
    whole, rest = divmod(int(q.value), 60)
    if not whole or not rest:
        return None  # "2 minutes" or "45 seconds": the plain conversion says it
    return (f"{format_quantity(Quantity(whole, dest.symbol))} "
            f"{format_quantity(Quantity(rest, source.symbol))}")


def quantity_to_text(q: Quantity) -> str:
    """A string that :func:`parse_quantity` turns back into exactly ``q``.

    The display form when it round-trips ("240 km", "150 miles", "at least 9"), else the
    floats' repr with the unit symbol ("0.30000000000000004 km").
    """
    text = format_quantity(q)
    try:
        if parse_quantity(text) == q:
            return text
    except ValueError:
        pass
    unit = resolve_unit(q.unit)
    symbol = unit.symbol if unit else q.unit
    if q.upper is not None:
        word = "between" if q.qualifier == "between" else ""
        joiner = " and " if word else " to "
        text = f"{word} {float(q.value)!r}{joiner}{float(q.upper)!r} {symbol}"
        if q.qualifier not in (None, "between", "to"):
            text = f"{q.qualifier} {text}"
        return " ".join(text.split())
    text = f"{float(q.value)!r} {symbol}".strip()
    return f"{q.qualifier} {text}" if q.qualifier else text


# --- reading values --------------------------------------------------------------------------

# Bounds a report puts on a figure, as written -> what they mean: "min"/"max" are inclusive
# bounds, "above"/"below" exclusive, "nearly" a little below. Shown back as written.
QUALIFIERS: dict[str, str] = {
    "at least": "min", "no fewer than": "min", "no less than": "min", "a minimum of": "min",
    "more than": "above", "over": "above", "above": "above", "in excess of": "above",
    "upwards of": "above", "just over": "above", "exceeding": "above",
    "up to": "max", "at most": "max", "no more than": "max", "as many as": "max",
    "as much as": "max", "a maximum of": "max", "within": "max",
    "fewer than": "below", "less than": "below", "under": "below", "below": "below",
    "just under": "below",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
}
RANGE_QUALIFIERS: tuple[str, ...] = ("between", "to")
# "about 240 km" is the measurement's approximate flag, not a qualifier.
APPROXIMATE_WORDS: tuple[str, ...] = (
    "about", "around", "approximately", "approx.", "approx", "roughly", "some",
    "an estimated", "estimated", "circa", "c.", "~",
)

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?"
_QUANTITY_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>.*?)\s*$")
_MACH_RE = re.compile(rf"^\s*mach\s*(?P<num>{_NUMBER})\s*$", re.IGNORECASE)
_PREFIX_SIGNS = sorted(
    ["$", "€", "£", "¥", "us$", *(k for k in _CURRENCY_SIGNS if not k.isalpha())],
    key=len, reverse=True,
)
_PREFIX_RE = re.compile(
    r"^\s*(?P<cur>" + "|".join(re.escape(s) for s in _PREFIX_SIGNS)
    + r"|[A-Z]{3}(?=\s*[-+.\d]))\s*(?P<rest>.*)$", re.IGNORECASE,
)
_SCALES: dict[str, int] = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6, "billion": 9, "bn": 9,
    "b": 9, "trillion": 12, "tn": 12,
}


def scale_factor(word: str | None) -> float:
    """What a scale word multiplies by ("bn": 1e9, "k": 1e3); 1 for none."""
    return 10.0 ** _SCALES.get(word or "", 0)


_MONEY_ONLY_SCALES = frozenset({"m", "b"})  # "300 m" is metres; "€1.3m" is a million
_SCALE_RE = re.compile(
    r"^(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)(?![a-z/])\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(r"^between\s+(?P<low>.+?)\s+and\s+(?P<high>.+)$", re.IGNORECASE)
_TO_RE = re.compile(
    r"^(?P<low>.*?\d(?:\s*[a-z%°$€£¥]+)?)\s*(?:\bto\b|–|—|(?<=[\d%a-z])-(?=\s*[$€£¥\d]))\s*"
    r"(?P<high>.*\d.*)$",
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


def _strip_phrase(text: str, phrases: Sequence[str]) -> tuple[str | None, str]:
    """(the phrase ``text`` starts with, the rest), longest phrase first."""
    lowered = text.lower()
    for phrase in sorted(phrases, key=len, reverse=True):
        if lowered.startswith(phrase):
            rest = text[len(phrase):]
            if phrase[-1].isalpha() and rest[:1].isalpha():
                continue  # "overall" is not "over" + "all"
            return phrase, rest.strip()
    return None, text


@dataclass(frozen=True)
class _Amount:
    value: float
    unit: Unit | None  # None: no unit written (may come from the other end of a range)
    written_unit: str
    scale: int = 0  # the power of ten of a scale word ("million": 6), 0 without one


def _hint() -> str:
    return f"write a number and a unit like '240 km' (known units: {known_units_text()})"


def _amount(text: str, original: str) -> _Amount:
    """One number with its optional currency sign, scale word and unit."""
    text = text.replace("\u2212", "-").strip()
    currency: Unit | None = None
    prefixed = _PREFIX_RE.match(text)
    if prefixed:
        cur = resolve_unit(prefixed.group("cur"))
        if cur is not None and cur.dimension == "money":
            currency = cur
            text = prefixed.group("rest")
    mach = _MACH_RE.match(text)
    if mach and currency is None:
        value = _number(mach.group("num"))
        if value is not None:
            return _Amount(value, _BY_SYMBOL["mach"], "mach")
    match = _QUANTITY_RE.match(text)
    value = _number(match.group("num")) if match else None
    if match is None or value is None:
        raise ValueError(f"cannot read {original.strip()!r} as a quantity; {_hint()}")
    name = match.group("unit")
    if name and name[0] in ",.0123456789":
        raise ValueError(f"cannot read {original.strip()!r} as a quantity; {_hint()}")
    scale = 0
    scaled = _SCALE_RE.match(name)
    if scaled:
        word = scaled.group("scale").lower()
        rest = scaled.group("rest")
        after = resolve_unit(rest) if rest else None
        money = currency is not None or (after is not None and after.dimension == "money")
        if word not in _MONEY_ONLY_SCALES or money:
            scale = _SCALES[word]
            value = _scaled(match.group("num"), scale)
            name = rest
    if currency is not None:
        price = _PRICE_AFTER_RE.match(name)
        unit = price_unit(currency, price["per"]) if price else None
        if unit is not None:  # "€95/MWh", "$80 a barrel"
            return _Amount(value, unit, unit.symbol, scale)
        if name and resolve_unit(name) is not currency:
            raise ValueError(f"cannot read {original.strip()!r}: it names two units; "
                             "write one, e.g. '$450,000' or '450,000 USD'")
        return _Amount(value, currency, currency.symbol, scale)
    if not name:
        return _Amount(value, None, "", scale)
    unit = resolve_unit(name)
    if unit is None:
        raise ValueError(unknown_unit_message(name))
    return _Amount(value, unit, name, scale)


_PRICE_AFTER_RE = re.compile(r"^(?:/|per\b|an?\b)\s*(?P<per>.+)$", re.IGNORECASE)


def _scaled(number: str, scale: int) -> float:
    """"1.3" and 6 -> 1300000.0, exactly (no 1.3 * 1e6 rounding)."""
    return float(Decimal(number.replace(",", "")).scaleb(scale))


def _range(low_text: str, high_text: str, qualifier: str, original: str) -> Quantity:
    low = _amount(low_text, original)
    try:
        high = _amount(high_text, original)
    except ValueError:
        if low.unit is None or low.unit.dimension != "money":
            raise
        high = _amount(f"{low.unit.symbol} {high_text}", original)  # "€90-95/MWh"
    if low.scale == 0 and high.scale and low.value * 10 ** high.scale < high.value:
        # "3 to 5 million", "$3-5bn": the scale word covers both ends (but "between 500
        # and 2 million" stays 500)
        low = replace(low, value=_scaled(repr(low.value), high.scale), scale=high.scale)
    unit = high.unit or low.unit
    if low.unit is not None and high.unit is not None and high.unit.currency == low.unit.symbol:
        low = replace(low, unit=high.unit)  # "between €90 and €95/MWh": both are prices
    if low.unit is not None and high.unit is not None and low.unit is not high.unit:
        raise ValueError(f"cannot read {original.strip()!r}: both ends of a range need the "
                         "same unit, e.g. 'between 3 and 5 m'")
    if unit is None:
        unit = _BY_SYMBOL[""]
    if not low.value < high.value:
        raise ValueError(f"cannot read {original.strip()!r}: a range goes from the smaller "
                         "number to the larger, e.g. 'between 3 and 5'")
    return Quantity(low.value, unit.symbol, qualifier, high.value)


# "2 h 15 min", "1 day, 6 hours and 30 minutes": a duration in several clock units
_STEP_UNITS = ("day", "h", "min", "s")
_STEP_RE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[a-z]+)", re.IGNORECASE)
_STEP_JOIN_RE = re.compile(r"^(?:\s*,?\s*(?:and\s+)?)$", re.IGNORECASE)
# "2:19:48", "2:19:48.5" (hours, minutes, seconds); "30:41.27" (minutes, seconds and a
# fraction, as a race time is told); "1:05" alone could be either, so it is refused
_CLOCK_HMS_RE = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d+)?)$")
_CLOCK_MS_RE = re.compile(r"^(?P<m>\d+):(?P<s>[0-5]\d\.\d+)$")
_CLOCK_AMBIGUOUS_RE = re.compile(r"^\d+:[0-5]\d$")


def _told_duration(text: str, original: str) -> Quantity | None:
    """A duration told in several clock units ("2 h 15 min", held as 135 min) or as a clock
    ("2:19:48", held as 8388 s), else None. Raises ValueError for "1:05", which could be
    an hour or a minute, saying how to write it."""
    clock = _CLOCK_HMS_RE.match(text)
    if clock:
        seconds = int(clock["h"]) * 3600 + int(clock["m"]) * 60 + float(clock["s"])
        return Quantity(seconds, "s", told="clock")
    clock = _CLOCK_MS_RE.match(text)
    if clock:
        return Quantity(int(clock["m"]) * 60 + float(clock["s"]), "s", told="clock")
    if _CLOCK_AMBIGUOUS_RE.match(text):
        raise ValueError(f"cannot read {original.strip()!r}: it may be hours and minutes or "
                         "minutes and seconds; write '1 h 5 min', '1 min 5 s' or '1:05:00'")
    parts, end = [], 0
    for m in _STEP_RE.finditer(text):
        unit = resolve_unit(m["unit"])
        if not _STEP_JOIN_RE.match(text[end:m.start()]) or unit is None \
                or unit.symbol not in _STEP_UNITS:
            return None
        parts.append((float(m["num"]), unit))
        end = m.end()
    if len(parts) < 2 or text[end:].strip():
        return None
    order = [_STEP_UNITS.index(u.symbol) for _, u in parts]
    if order != sorted(set(order)) or any(v != int(v) for v, _ in parts[:-1]):
        raise ValueError(f"cannot read {original.strip()!r}: give each clock unit once, "
                         "largest first, whole numbers but the last, e.g. '2 h 15 min'")
    smallest = parts[-1][1]
    total = sum(v * u.factor for v, u in parts) / smallest.factor  # type: ignore[operator]
    return Quantity(_round_half_up(total, _decimals(parts[-1][0])), smallest.symbol,
                    told="steps")


def _told_text(q: Quantity) -> str | None:
    """A duration as its report told it: "2 hours 15 minutes", "2:19:48", "30:41.27"."""
    unit = resolve_unit(q.unit)
    if unit is None or unit.symbol not in _STEP_UNITS or q.upper is not None:
        return None
    seconds = q.value * unit.factor  # type: ignore[operator]
    if q.told == "clock":
        whole, fraction = divmod(seconds, 1)
        minutes, secs = divmod(int(whole), 60)
        hours, minutes = divmod(minutes, 60)
        tail = format_number(round(fraction, 2))[1:] if round(fraction, 2) else ""
        if hours:
            return f"{hours}:{minutes:02d}:{secs:02d}{tail}"
        return f"{minutes}:{secs:02d}{tail}"
    parts: list[str] = []
    left = q.value
    for symbol in _STEP_UNITS[:_STEP_UNITS.index(unit.symbol)]:
        step = _BY_SYMBOL[symbol].factor / unit.factor  # type: ignore[operator]
        whole = int(left // step)
        if whole:
            parts.append(format_quantity(Quantity(whole, symbol)))
            left = _round_half_up(left - whole * step, _decimals(q.value))
    parts.append(format_quantity(Quantity(left, unit.symbol)))  # (even "0 minutes": the
    # unit it is held in, so that it reads back the same)
    return " ".join(parts)


@dataclass(frozen=True)
class ParsedValue:
    """One value of a ``values`` list: the quantity, and whether it said "about"."""

    quantity: Quantity
    approximate: bool = False


def parse_value(text: str) -> ParsedValue:
    """Read one value as reports write it: "240 km", "about 47 km", "at least 9",
    "more than 40", "between 3 and 5 m", "3-5 m", "$450,000", "1.3 million EUR", "€1.3m",
    "45%", "2 percentage points", "-5°C".

    "about" (and "around", "roughly" ...) sets ``approximate``; other bounds are kept as the
    quantity's ``qualifier``. Raises ValueError saying what to write instead.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected text like '240 km', got {text!r}")
    rest = " ".join(text.split())
    hedge, rest = _strip_phrase(rest, APPROXIMATE_WORDS)
    qualifier, rest = _strip_phrase(rest, list(QUALIFIERS))
    if qualifier and hedge is None:  # "within about 600 m", "up to roughly 300"
        hedge, rest = _strip_phrase(rest, APPROXIMATE_WORDS)
    told = _told_duration(rest, text)
    if told is not None:
        return ParsedValue(replace(told, qualifier=qualifier), hedge is not None)
    between = _BETWEEN_RE.match(rest)
    if between:
        if qualifier:
            raise ValueError(f"cannot read {text.strip()!r}: a range takes no "
                             f"'{qualifier}'; write 'between 3 and 5'")
        quantity = _range(between.group("low"), between.group("high"), "between", text)
        return ParsedValue(quantity, hedge is not None)
    to = _TO_RE.match(rest)
    if to and not qualifier:
        try:
            quantity = _range(to.group("low"), to.group("high"), "to", text)
        except ValueError:
            pass  # not a range after all ("-3 km"): read it as one value below
        else:
            return ParsedValue(quantity, hedge is not None)
    amount = _amount(rest, text)
    unit = amount.unit or _BY_SYMBOL[""]
    return ParsedValue(Quantity(amount.value, unit.symbol, qualifier), hedge is not None)


def parse_quantity(text: str) -> Quantity:
    """Read "240 km", "150 miles", "2,500 km", "8 days", "1", "Mach 5", "at least 9",
    "between 3 and 5 m", "$450,000" into a Quantity.

    The unit is stored by its canonical symbol ("miles" -> "mi"); a bare number is a
    unitless count. "about" is refused here (it is a measurement's ``approximate`` flag;
    :func:`parse_value` reads it). Raises ValueError saying what to write instead.
    """
    parsed = parse_value(text)
    if parsed.approximate:
        raise ValueError(
            f"cannot read {text.strip()!r} as a quantity: give the number alone and set "
            f"'approximate: true' for 'about'; {_hint()}"
        )
    return parsed.quantity


# "Reward per escapee (dravik)": a label that names, in brackets, what its figures count
# (or per something: "Petrol price (tarvos per litre)", 1,690 tarvos)
_LABEL_UNIT_RE = re.compile(r"^(?P<label>.*\S)\s*\((?P<unit>[^\W\d_]+(?: [^\W\d_]+)?"
                            r"(?: per [^\W\d_]+)?)\)$")
# a unit of the table may take more words ("(cubic metres per second)", "(million cubic
# metres per day)"), hyphens and signs ("(euros per megawatt-hour)", "(€/MWh)")
_LABEL_TABLE_UNIT_RE = re.compile(r"^(?P<label>.*\S)\s*\((?P<unit>(?:[^\W\d_]|[€$£¥])"
                                  r"(?:[^\W\d_]|[ /³²-]){1,48})\)$")
_LABEL_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "m", "bn"})
_TEXT_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def bracket_unit_words(unit: str) -> frozenset[str]:
    """The words a sentence may write a label's bracketed unit with: "(Zahrani sahls)" is
    "3.5 billion sahls" as often as "1.2 billion Zahrani sahls"."""
    named = unit.lower().split()
    return frozenset({stem(named[0]), stem(named[-1])})


def label_unit(label: str | None, text: str, quantities: Sequence[Quantity]) -> str | None:
    """The unit a moderator wrote in a label's brackets for figures no unit table knows
    ("Passenger levy per ticket (lumes)": 4 lumes). Only when the fact's sentence puts that
    word right after a number ("a 4-lume charge"), so "Homes buried (district office)" names
    a source, not a unit."""
    m = _LABEL_UNIT_RE.match(label or "")
    if m is None or not quantities or any(q.unit for q in quantities):
        return None
    _, per, of = m.group("unit").partition(" per ")
    if per and (unit := resolve_unit(of)) is not None and unit.dimension == "money":
        return None  # "(norvals per dollar)": an exchange rate, not a sum in norvals
    words = bracket_unit_words(m.group("unit"))
    ws = [w for w in normalize(text).split() if w not in _LABEL_SCALE_WORDS]
    if any(_TEXT_NUMBER_RE.fullmatch(a) and stem(b) in words
           for a, b in zip(ws, ws[1:], strict=False)):
        return m.group("unit")
    return None


# bracket words too short or too common to be read as a unit ("Deaths (in)", "(us)")
_AMBIGUOUS_BRACKET_UNITS = frozenset({"in", "mi", "us", "at", "on", "or", "no"})


def bracket_unit(label: str | None) -> Unit | None:
    """A unit of the table that a label names in its brackets ("Oil spilled (barrels)",
    "Upgrade cost (US dollars)"); not a count's, nor a word that may be something else."""
    m = _LABEL_TABLE_UNIT_RE.match(label or "")
    if m is None:
        return None
    words = m.group("unit").strip()
    if len(words) < 2 or words.lower() in _AMBIGUOUS_BRACKET_UNITS:
        return None
    unit = resolve_unit(words)
    if unit is None or not unit.symbol or unit.dimension == "count":
        return None
    return unit


def with_bracket_unit(label: str | None, quantities: tuple[Quantity, ...]
                      ) -> tuple[Quantity, ...]:
    """Bare figures in the unit their label names ("Oil spilled (barrels)": 39,600 ->
    39,600 barrels), so that they convert like figures written with it."""
    if not quantities or any(q.unit for q in quantities):
        return quantities
    unit = bracket_unit(label)
    if unit is None:
        return quantities
    return tuple(replace(q, unit=unit.symbol) for q in quantities)


def label_without_unit(label: str) -> str:
    """The label without its bracketed unit: "Passenger levy per ticket"."""
    pattern = _LABEL_TABLE_UNIT_RE if bracket_unit(label) is not None else _LABEL_UNIT_RE
    return pattern.sub(r"\g<label>", label)
