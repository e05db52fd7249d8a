"""The documented vocabulary of fact attributes.

An attribute names what a fact measures or locates (``range``, ``max_altitude``,
``launch_site`` ...). Knowledge files may only use attributes listed here (validation says
so, naming the known ones); the matcher uses ``cues`` to recognise a question that asks for
an attribute, which is how it can say "no reported fact gives the speed" instead of
answering with the nearest number. ``knowledge/README.md`` documents the same table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribute:
    name: str
    kinds: tuple[str, ...]  # fact kinds that may carry it
    label: str  # shown in answers: "Maximum altitude: about 47 km ..."
    dimension: str | None  # for measurements: the units it takes (see units.py)
    cues: tuple[str, ...]  # question phrases that ask for it (normalised, lower case)
    description: str
    ask: str = ""  # a question that asks for it, offered as "Did you mean ...?"; {subject}


ATTRIBUTES: dict[str, Attribute] = {
    a.name: a
    for a in (
        Attribute(
            "range",
            ("measurement",),
            "Distance flown",
            "length",
            ("how far", "range", "distance", "far", "travel", "travelled", "traveled",
             "flight distance", "how many km", "how many kilometers", "how many kilometres",
             "how many miles", "how long a distance", "cover", "covered"),
            "How far the object travelled (horizontal distance).",
            "How far did it fly?",
        ),
        Attribute(
            "max_altitude",
            ("measurement",),
            "Maximum altitude",
            "length",
            ("how high", "altitude", "apogee", "height", "high", "peak", "highest",
             "maximum altitude", "max altitude", "elevation", "ceiling"),
            "The highest point reached (apogee).",
            "How high did it fly?",
        ),
        Attribute(
            "speed",
            ("measurement",),
            "Speed",
            "speed",
            ("how fast", "how quickly", "how quick", "speed", "velocity", "mach", "fast",
             "quickly", "top speed"),
            "Speed (top or average as the report says).",
            "How fast was it?",
        ),
        Attribute(
            "flight_duration",
            ("measurement",),
            "Flight time",
            "duration",
            ("how long did", "flight time", "flight duration", "how many minutes",
             "how many seconds", "how long was the flight", "airborne", "in the air",
             "how long was it", "duration"),
            "How long the flight lasted.",
            "How long did the flight last?",
        ),
        Attribute(
            "interval_since_previous",
            ("measurement",),
            "Time since the previous one",
            "duration",
            ("how many days since", "how many years since", "how long since",
             "since the previous", "since the last", "first in", "how many days",
             "how many years", "previous", "last time", "gap"),
            "Time elapsed since the previous event of the same sort.",
            "How long since the previous one?",
        ),
        Attribute(
            "count",
            ("measurement",),
            "Number",
            "count",
            ("how many", "number of", "count", "more than one", "several", "multiple"),
            "How many of something (missiles fired, ships, ...).",
            "How many were there?",
        ),
        Attribute(
            "casualties",
            ("measurement", "claim"),
            "Casualties",
            "count",
            ("casualties", "killed", "dead", "die", "died", "death", "deaths", "injured",
             "injuries", "wounded", "hurt", "victims", "fatalities"),
            "People killed or injured.",
            "Were there casualties?",
        ),
        Attribute(
            "launch_time",
            ("time",),
            "Launch time",
            None,
            ("launch time", "time of the launch", "what time", "which day", "what day",
             "what date", "day of the week", "weekday", "o clock", "what hour", "which date"),
            "When it was launched or fired.",
            "When was it launched?",
        ),
        Attribute(
            "event_time",
            ("time",),
            "Time",
            None,
            ("what time", "which day", "what day", "what date", "which date"),
            "When something else happened (a summit, a statement).",
            "When did the {subject} happen?",
        ),
        Attribute(
            "launch_site",
            ("place",),
            "Launch site",
            None,
            ("launched from", "fired from", "from where", "where from", "launch site",
             "from which", "launch area", "take off", "origin"),
            "Where it was launched from.",
            "Where was it launched from?",
        ),
        Attribute(
            "landing_site",
            ("place",),
            "Where it came down",
            None,
            ("land", "landed", "landing", "landing site", "landing point", "impact site",
             "impact point", "splash down", "splashed down", "splashdown",
             "come down", "came down", "fall", "fell", "impact", "hit the water", "crash",
             "end up", "ended up"),
            "Where it landed or came down.",
            "Where did it come down?",
        ),
        Attribute(
            "venue",
            ("place",),
            "Venue",
            None,
            ("which country", "which city", "what country", "what city", "venue",
             "take place", "took place", "location of the summit", "where was the summit"),
            "Where a meeting, summit or gathering took place.",
            "Where was the {subject} held?",
        ),
        Attribute(
            "missile_type",
            ("claim",),
            "Type",
            None,
            ("what kind", "what type", "which type", "which kind", "what sort", "which sort",
             "type of",
             "kind of", "class of", "category of", "what class"),
            "What sort of weapon or vehicle it was.",
            "What type of weapon was it?",
        ),
        Attribute(
            "designation",
            ("claim",),
            "Name",
            None,
            ("name", "named", "designation", "model", "what is it called"),
            "The weapon's or system's name or model designation.",
            "What is it called?",
        ),
    )
}


def attribute_names() -> list[str]:
    return sorted(ATTRIBUTES)
