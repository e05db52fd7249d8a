"""Exchange rates a report implies: the same sum given in its own currency and in dollars.

Reports in a local currency usually give a dollar equivalent once ("a 2,500-dravik fine,
about $140"). A moderator writes such a figure with the currency in the label's brackets
("Fine for car washing (dravik)") and keeps the sentence. From that one pair the report's
other sums in dravik can be told in dollars too, at the rate the report itself implies and
saying so; no rate is looked up or invented.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.models import Fact, Quantity
from bot.core.text import normalize, stem
from bot.core.units import (
    bracket_unit_words,
    format_quantity,
    label_unit,
    label_without_unit,
    parse_value,
    resolve_unit,
    round_significant,
    significant_digits,
)

# "$140", "US$ 2.3 million", "about $1.2bn": one sum in dollars in a sentence
_DOLLARS_RE = re.compile(r"(?<![\w$])(?:US)?\$\s?(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                         r"(?:\s?(?P<s>million|billion|bn|mn|m|k)\b)?", re.IGNORECASE)
RATE_AGREEMENT = 0.15  # pairs whose rates differ by more than this share imply none


@dataclass(frozen=True)
class ImpliedRate:
    """Dollars per unit of a report's own currency, and the pair of figures it comes from."""

    local: str  # the currency as the label names it ("dravik")
    per_local: float  # dollars for one of it
    local_value: float  # the pair: 2,500 dravik ...
    dollars: float  # ... is $140
    fact_id: str
    event: str = ""  # the event of the pair's fact: the rate is of that event's day
    quoted: bool = False  # given outright ("655 tarvos per dollar"), not from a pair of sums

    @property
    def digits(self) -> int:
        """How precise the rate is: as its dollar sum, or as the rate given outright."""
        return significant_digits(self.local_value if self.quoted else self.dollars)

    def pair_text(self) -> str:
        return (f"{format_quantity(Quantity(self.local_value, ''))} {self.local} = "
                f"{format_quantity(Quantity(self.dollars, 'USD'))}")


def _dollars_in(text: str) -> list[float]:
    found = []
    for m in _DOLLARS_RE.finditer(text):
        spelt = f"${m.group('n')}" + (f" {m.group('s')}" if m.group("s") else "")
        try:
            found.append(parse_value(spelt).quantity.value)
        except ValueError:
            continue
    return found


def local_currency(fact: Fact) -> str | None:
    """The currency a label's brackets name for a fact's figures, when the unit table does
    not know it ("Crop losses (dravik)")."""
    return label_unit(fact.label, fact.text, fact.quantities)


def rate_of(fact: Fact) -> ImpliedRate | None:
    """The rate one fact implies: one figure in its label's currency, one dollar sum in its
    sentence ("a 2,500-dravik fine, about $140")."""
    local = local_currency(fact)
    if local is None or len(fact.quantities) != 1:
        return None
    q = fact.quantities[0]
    dollars = _dollars_in(fact.text)
    if q.is_range or q.value <= 0 or len(dollars) != 1 or dollars[0] <= 0:
        return None
    return ImpliedRate(local, dollars[0] / q.value, q.value, dollars[0], fact.id, fact.event)


def _dollar_value(fact: Fact) -> float | None:
    """A fact's one figure when it is in dollars ("$4.6 million")."""
    if len(fact.quantities) != 1:
        return None
    q = fact.quantities[0]
    if q.is_range or q.value <= 0 or resolve_unit(q.unit) is not resolve_unit("USD"):
        return None
    return q.value


def paired_rates(facts: Iterable[Fact]) -> list[ImpliedRate]:
    """Rates from a sum a moderator wrote twice, as two facts whose labels differ only in
    their brackets: "Upgrade cost (lirna)" 52 million and "Upgrade cost (US dollars)" $4.6
    million."""
    by_label: dict[str, list[Fact]] = {}
    for f in facts:
        if f.label:
            key = " ".join(stem(w) for w in normalize(label_without_unit(f.label)).split())
            by_label.setdefault(key, []).append(f)
    out = []
    for group in by_label.values():
        dollars = [v for f in group if (v := _dollar_value(f)) is not None]
        locals_ = [(f, local) for f in group if (local := local_currency(f)) is not None
                   and len(f.quantities) == 1 and not f.quantities[0].is_range
                   and f.quantities[0].value > 0]
        if len(dollars) != 1 or len(locals_) != 1:
            continue  # ("Cost estimate (marr)" twice, the city's and the ministry's: which?)
        (f, local), value = locals_[0], locals_[0][0].quantities[0].value
        out.append(ImpliedRate(local, dollars[0] / value, value, dollars[0], f.id, f.event))
    return out


# "40 million marr", "2,500-dravik": a sum in a currency, as a sentence writes it
_LOCAL_SUM_RE = re.compile(r"(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s?(?P<s>million|"
                           r"billion|bn|mn|thousand))?[\s-](?P<w>[A-Za-z]+)")


def dollar_rate(fact: Fact, local: str) -> ImpliedRate | None:
    """The rate a dollar figure implies when its sentence gives the sum in ``local`` too
    (`values: ["$2.3 million"]`, "the city's 40 million marr estimate, about $2.3
    million")."""
    dollars = _dollar_value(fact)
    if dollars is None:
        return None
    words = bracket_unit_words(local)
    sums = []
    for m in _LOCAL_SUM_RE.finditer(fact.text):
        if stem(m.group("w").lower()) not in words or fact.text[max(0, m.start() - 1)] == "$":
            continue
        spelt = m.group("n") + (f" {m.group('s')}" if m.group("s") else "")
        try:
            sums.append(parse_value(spelt).quantity.value)
        except ValueError:
            continue
    if len(sums) != 1 or sums[0] <= 0:
        return None
    return ImpliedRate(local, dollars / sums[0], sums[0], dollars, fact.id, fact.event)


# "(tarvos per U.S. dollar)", "(norvals to the dollar)": a label that gives an exchange rate
_PER_DOLLAR_RE = re.compile(r"\((?P<local>[^()]+?) (?:per|to the|to a|for one) "
                            r"(?:u\.?s\.? |us )?dollars?\)\s*$", re.IGNORECASE)


def quoted_rate(fact: Fact) -> ImpliedRate | None:
    """The rate a fact gives outright: "New official rate (tarvos per U.S. dollar)", 655."""
    m = _PER_DOLLAR_RE.search(fact.label or "")
    if m is None or len(fact.quantities) != 1:
        return None
    q = fact.quantities[0]
    if q.is_range or q.unit or q.value <= 0:
        return None
    return ImpliedRate(m.group("local").strip(), 1 / q.value, q.value, 1.0, fact.id,
                       fact.event, quoted=True)


def _agreeing(rates: list[ImpliedRate]) -> bool:
    return rates[-1].per_local <= rates[0].per_local * (1 + RATE_AGREEMENT)


def implied_rate(facts: Iterable[Fact], local: str) -> ImpliedRate | None:
    """The report's rate for ``local``: the pairs' middle one, when they agree; of the
    rates the report gives outright (an official and a street rate, the old and the new),
    the one nearest it, which is more precise than a rounded dollar sum. With no pair, a
    rate given outright, when all such rates agree."""
    words = bracket_unit_words(local)
    facts = list(facts)
    pairs = [*(r for f in facts if (r := rate_of(f)) is not None), *paired_rates(facts),
             *(r for f in facts if (r := dollar_rate(f, local)) is not None)]
    rates = sorted((r for r in pairs if bracket_unit_words(r.local) & words),
                   key=lambda r: r.per_local)
    quoted = sorted((r for f in facts if (r := quoted_rate(f)) is not None
                     and bracket_unit_words(r.local) & words), key=lambda r: r.per_local)
    if not rates:
        return quoted[0] if quoted and _agreeing(quoted) else None
    if not _agreeing(rates):
        return None  # two pairs that disagree: no one rate
    middle = statistics.median_low(r.per_local for r in rates)
    near = [r for r in quoted if abs(r.per_local - middle) <= middle * RATE_AGREEMENT]
    if near:
        return min(near, key=lambda r: abs(r.per_local - middle))
    return next(r for r in rates if r.per_local == middle)


MIN_DIGITS = 2  # a converted sum keeps at least this many significant digits


def in_dollars(q: Quantity, rate: ImpliedRate) -> Quantity:
    """A figure in the report's currency in dollars at its rate, no more precise than the
    figure or the pair it came from (10,000 dravik at 2,500 = $140: $560), and like any
    conversion, with three digits from 1,000 up (4.2 billion: $235 million)."""
    def one(value: float) -> float:
        digits = max(MIN_DIGITS, min(significant_digits(value), rate.digits))
        return round_significant(value * rate.per_local, digits)
    return Quantity(one(q.value), "USD", q.qualifier,
                    one(q.upper) if q.upper is not None else None)
