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
from datetime import datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

MAX_ZONE_NAME_WORDS = 3  # "new york", "south korea", "papua new guinea"
_TIME_COMMENT_RE = re.compile(r"^(?P<name>[A-Z][A-Za-z ]+) Time$")
_MOST_OF_RE = re.compile(r"^most of (?P<name>[A-Z][A-Za-z ]+)$")


@dataclass(frozen=True)
class AskedZone:
    """The time zone a question asks a time in: as the asker named it, and its tz key."""

    name: str  # "Beijing", "UTC"
    key: str  # "Asia/Shanghai"

    def localise(self, when: datetime) -> datetime:
        return when.astimezone(ZoneInfo(self.key))


@lru_cache(maxsize=65536)
def zone_name_key(name: str) -> str:
    """A place name as the zone tables and questions are compared: lower case, single
    spaces, no punctuation ("New_York" -> "new york")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def is_zone(key: str) -> bool:
    """Whether ``key`` is a time zone the tz database knows ("Asia/Tokyo", "UTC")."""
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _table(name: str) -> list[list[str]]:
    text = (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _country_names(name: str) -> list[str]:
    """"Korea (South)" -> ["south korea"]; "Britain (UK)" -> ["britain", "uk"]."""
    m = re.match(r"^(?P<base>[^(]+?)\s*\((?P<extra>[^)]+)\)$", name)
    if not m:
        return [zone_name_key(name.replace("&", "and"))]
    base, extra = m.group("base"), m.group("extra")
    if extra.lower() in ("north", "south", "east", "west"):
        return [zone_name_key(f"{extra} {base}")]
    return [zone_name_key(base), zone_name_key(extra)]


@lru_cache(maxsize=1)
def database_zone_names() -> Mapping[str, str]:
    """Every place name the tz database gives a zone for, lower case."""
    names: dict[str, str] = {"utc": "UTC"}
    for key in sorted(available_timezones()):
        if "/" in key and not key.startswith(("Etc/", "SystemV/")):
            names.setdefault(zone_name_key(key.rsplit("/", 1)[-1]), key)
    countries = {row[0]: row[1] for row in _table("iso3166.tab") if len(row) >= 2}
    zones: dict[str, list[str]] = defaultdict(list)
    for row in _table("zone.tab"):
        if len(row) < 3:
            continue
        code, key, comment = row[0], row[2], row[3] if len(row) > 3 else ""
        zones[code].append(key)
        m = _TIME_COMMENT_RE.match(comment)
        if m:  # "Beijing Time"
            names.setdefault(zone_name_key(m.group("name")), key)
        m = _MOST_OF_RE.match(comment)
        if m:  # "most of Germany": the country's time
            for n in _country_names(countries.get(code, m.group("name"))):
                names.setdefault(n, key)
    for code, keys in zones.items():
        if len(keys) == 1 and code in countries:
            for n in _country_names(countries[code]):
                names.setdefault(n, keys[0])
    return names


class ZoneNames:
    """Resolves a question's place words to a zone: the lexicon's names first (they may
    override the database's), then the database's."""

    def __init__(self, extra: Mapping[str, str] | None = None):
        self._extra = {zone_name_key(k): v for k, v in (extra or {}).items()}
        # the words a zone name can begin with: most question words begin none
        self._first = frozenset(n.split()[0] for n in (*self._extra, *database_zone_names()))

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


def display_name(words: list[str]) -> str:
    """How an answer names the asked zone: "UTC", "EST", "Beijing", "New York"."""
    if len(words) == 1 and len(words[0]) <= 4 and not is_place_word(words[0]):
        return words[0].upper()
    return " ".join(w.capitalize() for w in words)


def is_place_word(word: str) -> bool:
    """A short word that is a place ("rome", "lima"), not an abbreviation ("est")."""
    return zone_name_key(word) in _city_names()


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    return frozenset(zone_name_key(k.rsplit("/", 1)[-1]) for k in available_timezones()
                     if "/" in k and not k.startswith(("Etc/", "SystemV/")))
