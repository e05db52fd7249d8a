"""Place names -> IANA time zones, for "what time was it in Tokyo" and "in beijing time".

The names come from the tz database itself (``tzdata``, so every machine has the same
tables): each zone's city ("Tokyo", "New York"), each country that keeps one time ("Japan";
or "most of Germany"), and the names its comments give ("Beijing Time"). Names the
database does not give (an abbreviation such as "EST", a country with several zones) are
data in the lexicon's ``time_zones`` section.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_ZONE_NAME_WORDS = 3  # "new york", "south korea", "papua new guinea"
_TIME_COMMENT_RE = re.compile(r"^(?P<name>[A-Z][A-Za-z ]+) Time$")
_MOST_OF_RE = re.compile(r"^most of (?P<name>[A-Z][A-Za-z ]+)$")


@dataclass(frozen=True)
class AskedZone:
    """The time zone a question asks a time in: as the asker named it, and its tz key."""

    name: str  # "Beijing", "UTC"
    key: str  # "Asia/Shanghai"; or a fixed offset the facts give ("+04:00")
    offset: timedelta | None = None  # that fixed offset (a place no zone table knows)

    def localise(self, when: datetime) -> datetime:
        if self.offset is not None:
            return when.astimezone(timezone(self.offset))
        return when.astimezone(ZoneInfo(self.key))

    @classmethod
    def fixed(cls, name: str, offset: timedelta) -> AskedZone:
        """A zone known only by the offset that facts give its times in."""
        minutes = int(offset.total_seconds() // 60)
        sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
        return cls(name, f"{sign}{minutes // 60:02d}:{minutes % 60:02d}", offset)


@lru_cache(maxsize=65536)
def zone_name_key(name: str) -> str:
    """A place name as the zone tables and questions are compared: lower case, single
    spaces, no punctuation ("New_York" -> "new york")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def is_zone(key: str) -> bool:
    """Whether ``key`` is a time zone the tz database knows ("Asia/Tokyo", "UTC"; not
    "America", a folder of them)."""
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _table(name: str) -> list[list[str]]:
    text = (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _country_names(name: str) -> list[str]:
    """"Korea (South)" -> ["south korea"]; "Britain (UK)" -> ["britain"]. A bracketed
    qualifier is no name of its own ("Virgin Islands (US)" is not the US's time): the
    lexicon gives the short names people use ("uk")."""
    m = re.match(r"^(?P<base>[^(]+?)\s*\((?P<extra>[^)]+)\)$", name)
    if not m:
        return [zone_name_key(name.replace("&", "and"))]
    base, extra = m.group("base"), m.group("extra")
    if extra.lower() in ("north", "south", "east", "west"):
        return [zone_name_key(f"{extra} {base}")]
    return [zone_name_key(base)]


@lru_cache(maxsize=1)
def database_zone_names() -> Mapping[str, str]:
    """Every place name the tz database gives a zone for, lower case: the cities of its
    current zones (not the old aliases such as "US/Eastern" or "Pacific/Samoa"), each
    country that keeps one time, and the names its comments give."""
    names: dict[str, str] = {"utc": "UTC"}
    countries = {row[0]: row[1] for row in _table("iso3166.tab") if len(row) >= 2}
    zones: dict[str, list[str]] = defaultdict(list)
    for row in _table("zone.tab"):
        if len(row) < 3:
            continue
        code, key, comment = row[0], row[2], row[3] if len(row) > 3 else ""
        zones[code].append(key)
        if key.count("/") == 1:  # "America/New_York"; not "America/North_Dakota/Center"
            names.setdefault(zone_name_key(key.rsplit("/", 1)[-1]), key)
        m = _TIME_COMMENT_RE.match(comment)
        if m:  # "Beijing Time"
            names.setdefault(zone_name_key(m.group("name")), key)
        m = _MOST_OF_RE.match(comment)
        if m:  # "most of Germany": the country's time
            for n in _country_names(countries.get(code, m.group("name"))):
                names.setdefault(n, key)
    by_country_name: dict[str, set[str]] = defaultdict(set)
    for code, keys in zones.items():
        if len(keys) == 1 and code in countries:
            for n in _country_names(countries[code]):
                by_country_name[n].add(keys[0])
    for n, keys in by_country_name.items():
        if len(keys) == 1:  # "Samoa" is two countries with two times: neither
            names.setdefault(n, next(iter(keys)))
    return names


class ZoneNames:
    """Resolves a question's place words to a zone: the lexicon's names first (they may
    override the database's), then the database's."""

    def __init__(self, extra: Mapping[str, str] | None = None):
        self._extra = {zone_name_key(k): v for k, v in (extra or {}).items()
                       if zone_name_key(k)}
        # the words a zone name can begin with: most question words begin none
        self._first = frozenset(n.split()[0] for n in (*self._extra, *database_zone_names()))
        # "est", "pst", "utc": said alone, they can only mean a clock
        self.abbreviations = frozenset(
            {"utc", "gmt"} | {k for k in self._extra if " " not in k and len(k) <= 4})

    def resolve(self, words: list[str]) -> str | None:
        key = zone_name_key(" ".join(words))
        if not key:
            return None
        return self._extra.get(key) or database_zone_names().get(key)

    def find(self, ws: list[str], start: int) -> tuple[int, str] | None:
        """The longest zone name that starts at ``ws[start]``: (its length, its key)."""
        if ws[start] not in self._first:
            return None
        for n in range(min(MAX_ZONE_NAME_WORDS, len(ws) - start), 0, -1):
            key = self.resolve(ws[start : start + n])
            if key is not None:
                return n, key
        return None

    def is_city(self, words: list[str]) -> bool:
        """Whether the words name the city a zone is named after ("new york", "paris"), not
        a country that keeps one time ("japan"): a city is rarely asked about in a report
        that never names it, a country often is ("and japan? what did they say")."""
        key = self.resolve(words)
        return key is not None and zone_name_key(key.rsplit("/", 1)[-1]) == zone_name_key(
            " ".join(words))

    def display_name(self, words: list[str]) -> str:
        """How an answer names the asked zone: "UTC", "EST", "Beijing", "New York"."""
        if len(words) == 1 and words[0] in self.abbreviations:
            return words[0].upper()
        return " ".join(w.capitalize() for w in words)
