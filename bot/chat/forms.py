"""Modal forms <-> knowledge-file records. Pure: no Discord objects, no I/O.

A modal holds at most five text inputs, so ``/fact add`` takes the event, kind, source and
attribute as command options and the modal asks for the rest; which inputs it shows depends
on the kind. Records use the knowledge file format (``/work/notes/format.md`` and
``knowledge/README.md``); the core validates them and explains any problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.knowledge import fact_to_record
from bot.core.models import FACT_KINDS, Fact

MODAL_MAX_INPUTS = 5
TEXT_INPUT_MAX = 4000  # Discord's most characters in one text input


@dataclass(frozen=True)
class FieldSpec:
    """One text input of a modal."""

    key: str
    label: str  # at most 45 characters
    description: str | None = None  # at most 100 characters
    placeholder: str | None = None  # at most 100 characters
    paragraph: bool = False
    required: bool = True
    max_length: int = 200


TEXT = FieldSpec(
    "text",
    "The fact, in your own words",
    "One short sentence. /ask shows it and searches it.",
    "The missile flew about 240 km, South Korea's military said.",
    paragraph=True,
    max_length=1000,
)
REPORTED_BY = FieldSpec(
    "reported_by",
    "Reported by",
    "Who the report says gave this fact.",
    "South Korea's Joint Chiefs of Staff",
)
TOPICS = FieldSpec(
    "topics",
    "Topics; other words people use",
    "Comma-separated. Topics first, then ';' and other words (optional).",
    "missile, range; distance, how far, kilometres",
    required=False,
    max_length=500,
)
DETAIL: dict[str, FieldSpec] = {
    "measurement": FieldSpec(
        "values",
        "Values as reported",
        "First is primary; other units after commas; 'about' if approximate.",
        "about 240 km, 150 mi",
    ),
    "time": FieldSpec(
        "time",
        "Time (ISO 8601 with a UTC offset)",
        "With its offset, or as reported: Thursday 06:15 +02:00, Wednesday evening, July 2009.",
        "2022-11-17T10:48:00+09:00",
        max_length=40,
    ),
    "place": FieldSpec("place", "Place", None, "the sea between the Korean Peninsula and Japan"),
    "statement": FieldSpec(
        "quote",
        "Exact quote (optional)",
        "Only the speaker's exact words, as the report gives them.",
        None,
        paragraph=True,
        required=False,
        max_length=1000,
    ),
}
UNTIL = FieldSpec(
    "until",
    "Until (optional)",
    "When it ends, if the report gives a window; written as the time is.",
    "next Saturday 06:00 local time",
    required=False,
    max_length=40,
)
SPEAKER = FieldSpec(
    "speaker",
    "Speaker; role",
    "Who said it, then ';' and their role (optional).",
    "Kim Yo Jong; vice department director of the Workers' Party",
)


def fact_fields(kind: str) -> list[FieldSpec]:
    """The modal inputs for a fact of ``kind`` (at most five)."""
    if kind not in FACT_KINDS:
        raise ValueError(f"unknown fact kind {kind!r}")
    fields = [TEXT]
    if kind in DETAIL:
        fields.append(DETAIL[kind])
    if kind == "time":
        fields.append(UNTIL)
    fields.append(REPORTED_BY)
    if kind == "statement":
        fields.append(SPEAKER)
    fields.append(TOPICS)
    assert len(fields) <= MODAL_MAX_INPUTS
    return fields


_APPROX = re.compile(r"^\s*(about|approximately|approx\.?|around|roughly|some|~)\s*", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*;\s*|,\s+|\s+/\s+|\n+")


def split_list(text: str) -> list[str]:
    """``"a, b"`` -> ``["a", "b"]``; commas inside numbers (``1,000``) are kept."""
    return [part.strip() for part in re.split(r",\s*|\n+", text) if part.strip()]


def parse_values(text: str) -> tuple[list[str], bool]:
    """``"about 240 km, 150 mi"`` -> ``(["240 km", "150 mi"], True)``."""
    approximate = bool(_APPROX.match(text))
    text = _APPROX.sub("", text, count=1)
    values = [_APPROX.sub("", v).strip() for v in _LIST_SPLIT.split(text)]
    return [v for v in values if v], approximate


def _topics(text: str) -> tuple[list[str], list[str]]:
    about, _, keywords = text.partition(";")
    return split_list(about), split_list(keywords)


def _strip(values: Mapping[str, str | None], key: str) -> str:
    return (values.get(key) or "").strip()


def _form_record(kind: str, values: Mapping[str, str | None]) -> dict[str, Any]:
    """The record keys a fact form decides (None: the key is empty)."""
    record: dict[str, Any] = {
        "text": _strip(values, "text") or None,
        "reported_by": _strip(values, "reported_by") or None,
    }
    if kind == "measurement":
        parsed, approximate = parse_values(_strip(values, "values"))
        record["values"] = parsed or None
        record["approximate"] = True if approximate else None
    elif kind == "time":
        record["time"] = _strip(values, "time") or None
        record["until"] = _strip(values, "until") or None
    elif kind == "place":
        record["place"] = _strip(values, "place") or None
    elif kind == "statement":
        record["quote"] = _strip(values, "quote") or None
        speaker, _, role = _strip(values, "speaker").partition(";")
        record["speaker"] = speaker.strip() or None
        record["speaker_role"] = role.strip() or None
    about, keywords = _topics(_strip(values, "topics"))
    record["about"] = about or None
    record["keywords"] = keywords or None
    return record


def new_fact_record(
    kind: str,
    values: Mapping[str, str | None],
    *,
    event: str,
    source: str,
    attribute: str | None = None,
) -> dict[str, Any]:
    """A complete record for a new fact (the core generates its id)."""
    record: dict[str, Any] = {"event": event, "source": source, "kind": kind}
    if attribute:
        record["attribute"] = attribute
    record.update({k: v for k, v in _form_record(kind, values).items() if v is not None})
    return record


def form_from_fact(fact: Fact) -> dict[str, str]:
    """The modal inputs pre-filled from an existing fact."""
    record = fact_to_record(fact)
    form = {"text": record.get("text", ""), "reported_by": record.get("reported_by", "")}
    if fact.kind == "measurement":
        values = ", ".join(record.get("values", []))
        form["values"] = f"about {values}" if record.get("approximate") else values
    elif fact.kind == "time":
        form["time"] = record.get("time", "")
        form["until"] = record.get("until", "")
    elif fact.kind == "place":
        form["place"] = record.get("place", "")
    elif fact.kind == "statement":
        form["quote"] = record.get("quote", "")
        speaker = record.get("speaker", "")
        role = record.get("speaker_role")
        form["speaker"] = f"{speaker}; {role}" if role else speaker
    topics = ", ".join(record.get("about", []))
    if record.get("keywords"):
        topics += "; " + ", ".join(record["keywords"])
    form["topics"] = topics
    return form


def too_long_for_form(specs: list[FieldSpec], defaults: Mapping[str, str]) -> str | None:
    """Why these values do not fit the form's inputs (None: they fit). A form must never
    be opened with a value cut short: saving it untouched would cut the record too."""
    for spec in specs:
        value = defaults.get(spec.key) or ""
        if len(value) > TEXT_INPUT_MAX:
            return (
                f"its {spec.label.lower()} has {len(value):,} characters; a form field "
                f"holds {TEXT_INPUT_MAX:,}"
            )
    return None


def fact_changes(fact: Fact, values: Mapping[str, str | None]) -> dict[str, Any]:
    """What an edit form changes, as ``edit_fact`` changes (None removes a key).

    Both sides are read through the same parser, so re-saving an untouched form changes
    nothing even where the text differs in form only (e.g. spacing).
    """
    before = _form_record(fact.kind, form_from_fact(fact))
    after = _form_record(fact.kind, values)
    return {key: after[key] for key in after if after[key] != before.get(key)}


RETRACT_REASON = FieldSpec(
    "reason",
    "Why retract it",
    "Kept in the fact's history, e.g. the source corrected it.",
    "The report was corrected: the missile flew 250 km.",
    paragraph=True,
    max_length=500,
)


# --- events and sources ----------------------------------------------------------------------

EVENT_FIELDS = [
    FieldSpec(
        "title",
        "Title",
        "What happened, as a headline.",
        "North Korea fires a ballistic missile from Wonsan",
        max_length=200,
    ),
    FieldSpec(
        "when",
        "When (optional)",
        "ISO 8601 with a UTC offset, or just the date, or a month (2009-07) or a year.",
        "2022-11-17T10:48:00+09:00",
        required=False,
        max_length=40,
    ),
    FieldSpec(
        "where", "Where (optional)", None, "Wonsan area, east coast of North Korea", required=False
    ),
    FieldSpec(
        "aliases",
        "Other names (optional)",
        "Comma-separated names people use.",
        "the Wonsan launch, the November 17 launch",
        paragraph=True,
        required=False,
        max_length=1000,
    ),
    FieldSpec(
        "id",
        "Id (optional)",
        "Lower-case letters, digits and '-'; made from the title if empty.",
        "wonsan-launch-2022-11-17",
        required=False,
        max_length=80,
    ),
]

SOURCE_FIELDS = [
    FieldSpec("title", "Title", "The report's headline.", None, max_length=300),
    FieldSpec("publisher", "Publisher", None, "Associated Press", max_length=200),
    FieldSpec("published", "Published (YYYY-MM-DD)",
              "Leave empty only if the report gives no date.", "2022-11-17",
              required=False, max_length=10),
    FieldSpec(
        "url",
        "Link (optional)",
        "The full http:// or https:// address.",
        "https://example.org/news/123",
        required=False,
        max_length=1000,
    ),
    FieldSpec(
        "id",
        "Id (optional)",
        "Lower-case letters, digits and '-'; made from the title if empty.",
        "ap-2022-11-17",
        required=False,
        max_length=80,
    ),
]


def _simple_record(specs: list[FieldSpec], values: Mapping[str, str | None]) -> dict[str, Any]:
    return {spec.key: _strip(values, spec.key) for spec in specs if _strip(values, spec.key)}


def event_record(values: Mapping[str, str | None]) -> dict[str, Any]:
    record = _simple_record(EVENT_FIELDS, values)
    if "aliases" in record:
        record["aliases"] = split_list(record["aliases"])
    return record


def source_record(values: Mapping[str, str | None]) -> dict[str, Any]:
    return _simple_record(SOURCE_FIELDS, values)
