"""The lexicon: what the matcher knows about words, loaded from ``knowledge/lexicon.yaml``.

Domain and story knowledge is data: chat shorthand, filler words, synonym groups, multi-word
phrases and the attribute vocabulary. The file is validated like the facts (every problem
located as ``file:line: section: what to do``), and :attr:`Lexicon.digest` (a hash of the
content) is the match index's version, so a change to the file re-indexes the facts by
itself. Moderators add synonym groups in Discord (``/synonym add``); those live in the
database per guild and are merged in at question time (:meth:`Lexicon.with_synonyms`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from bot.core.errors import Problem, ValidationError
from bot.core.text import STOPWORDS, normalize, phrase_token, stem
from bot.core.timezones import MAX_ZONE_NAME_WORDS, is_zone

LEXICON_FILE = "lexicon.yaml"
DEFAULT_LEXICON_PATH = Path(__file__).resolve().parents[2] / "knowledge" / LEXICON_FILE
MAX_LEXICON_BYTES = 2 * 1024 * 1024
SECTIONS = ("shorthand", "filler", "synonyms", "phrases", "attributes", "time_zones")
ATTRIBUTE_FIELDS = ("name", "kinds", "label", "dimension", "cues", "description", "ask",
                    "broader", "fallback", "thing")
FACT_KINDS = ("measurement", "time", "place", "statement", "claim")
MAX_MERGED_LEXICONS = 256  # guilds' synonym sets kept merged (see Lexicon.with_synonyms)


@dataclass(frozen=True)
class AttributeSpec:
    """One attribute of the vocabulary (see ``knowledge/README.md``)."""

    name: str
    kinds: tuple[str, ...]
    label: str
    dimension: str | None
    cues: tuple[str, ...]
    description: str
    ask: str = ""
    broader: str | None = None  # the attribute this one is a kind of (flight time: duration)
    # what a figure of this dimension measures when its label names no attribute ("Traffic
    # queues", 25 km: a length)
    fallback: bool = False
    # it says what the thing itself was ("a short-range ballistic missile"): what "what did
    # they launch", "what did police seize" ask when no cue says more
    thing: bool = False


def term_of(phrase: str) -> str:
    """The index term of a word or phrase: a stem, or stems joined by "_"."""
    parts = [stem(w) for w in normalize(phrase).split()]
    if len(parts) > 1:
        parts = [p for p in parts if p not in STOPWORDS] or parts
    return phrase_token(parts) if len(parts) > 1 else (parts[0] if parts else "")


@dataclass(frozen=True)
class Lexicon:
    shorthand: Mapping[str, str] = field(default_factory=dict)
    filler: frozenset[str] = frozenset()
    synonyms: tuple[tuple[str, ...], ...] = ()
    phrases: tuple[str, ...] = ()
    attributes: tuple[AttributeSpec, ...] = ()
    digest: str = "empty"
    time_zones: Mapping[str, str] = field(default_factory=dict)  # "est" -> America/New_York

    @cached_property
    def synonym_terms(self) -> dict[str, frozenset[str]]:
        """term -> every term of its synonym groups (itself included)."""
        out: dict[str, set[str]] = {}
        for group in self.synonyms:
            ts = {term_of(w) for w in group} - {""}
            for t in ts:
                out.setdefault(t, set()).update(ts)
        return {t: frozenset(v) for t, v in out.items()}

    @cached_property
    def narrower(self) -> dict[str, frozenset[str]]:
        """attribute -> itself and every attribute that is a kind of it, at any depth (a
        question for a duration is answered by a flight time too)."""
        by_name = {a.name: a for a in self.attributes}
        out: dict[str, set[str]] = {a.name: {a.name} for a in self.attributes}
        for a in self.attributes:
            up, seen = a.broader, {a.name}
            while up is not None and up in by_name and up not in seen:
                out[up].add(a.name)
                seen.add(up)
                up = by_name[up].broader
        return {k: frozenset(v) for k, v in out.items()}

    @cached_property
    def things(self) -> frozenset[str]:
        """The attributes that say what the thing itself was (``thing: true``)."""
        return frozenset(a.name for a in self.attributes if a.thing)

    @cached_property
    def fallbacks(self) -> dict[str, str]:
        """dimension -> the attribute a figure of it measures when no label says which."""
        return {a.dimension: a.name for a in self.attributes
                if a.fallback and a.dimension is not None}

    @cached_property
    def of_dimension(self) -> dict[str, tuple[str, ...]]:
        """dimension -> every attribute that measures it."""
        out: dict[str, list[str]] = {}
        for a in self.attributes:
            if a.dimension is not None:
                out.setdefault(a.dimension, []).append(a.name)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def phrase_words(self) -> tuple[tuple[str, ...], ...]:
        """Multi-word phrases (and multi-word synonyms) as normalised word tuples."""
        found: set[tuple[str, ...]] = set()
        for p in (*self.phrases, *(w for g in self.synonyms for w in g)):
            ws = tuple(normalize(p).split())
            if len(ws) > 1:
                found.add(ws)
        return tuple(sorted(found, key=lambda ws: (-len(ws), ws)))

    def with_synonyms(self, groups: Iterable[Iterable[str]]) -> Lexicon:
        """This lexicon plus extra synonym groups (a guild's, added by its moderators).

        The merged lexicon is kept per set of groups (in the instance's ``__dict__``, as
        ``cached_property`` does): its derived tables cost milliseconds to build, and a
        guild asks with the same groups until a moderator changes them.
        """
        extra = tuple(tuple(g) for g in groups)
        if not extra:
            return self
        merged: dict[tuple[tuple[str, ...], ...], Lexicon] = self.__dict__.setdefault(
            "_with_synonyms", {})
        found = merged.get(extra)
        if found is None:
            if len(merged) >= MAX_MERGED_LEXICONS:
                merged.clear()
            found = merged[extra] = replace(self, synonyms=self.synonyms + extra)
        return found


# --- loading and validation ---------------------------------------------------------------


class _Checker:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, node: yaml.Node | None, where: str, fld: str | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, where, fld, message))


def _scalar_text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return node.value.strip()
    return None


def _strings(check: _Checker, node: yaml.Node, where: str, fld: str | None) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        check.add(node, where, fld, "must be a list of words, e.g. [word, other word]")
        return []
    out = []
    for item in node.value:
        text = _scalar_text(item)
        if text is None:
            check.add(item, where, fld, "each item must be a non-empty word or phrase")
        else:
            out.append(text)
    return out


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _attribute(check: _Checker, node: yaml.Node, dimensions: set[str] | None,
               seen: set[str]) -> AttributeSpec | None:
    if not isinstance(node, yaml.MappingNode):
        check.add(node, "attributes", None, "each attribute must be a mapping with name, kinds, "
                  "label, cues and description")
        return None
    m = _mapping(node)
    name_node = m.get("name")
    name = _scalar_text(name_node) if name_node is not None else None
    where = f"attribute '{name}'" if name else "attribute"
    for key, knode in ((k.value, k) for k, _ in node.value):
        if key not in ATTRIBUTE_FIELDS:
            check.add(knode, where, key, f"unknown field; known: {', '.join(ATTRIBUTE_FIELDS)}")
    if not name:
        check.add(node, where, "name", "missing; give the attribute a snake_case name")
        return None
    if name in seen:
        check.add(name_node, where, "name", "listed twice; keep one entry")
    seen.add(name)
    kinds = _strings(check, m["kinds"], where, "kinds") if "kinds" in m else []
    if not kinds:
        check.add(node, where, "kinds", f"missing; one or more of: {', '.join(FACT_KINDS)}")
    for k in kinds:
        if k not in FACT_KINDS:
            check.add(m["kinds"], where, "kinds", f"unknown kind {k!r}; known: "
                      f"{', '.join(FACT_KINDS)}")
    label = _scalar_text(m["label"]) if "label" in m else None
    if not label:
        check.add(node, where, "label", "missing; the words shown in answers, e.g. Wind speed")
    description = _scalar_text(m["description"]) if "description" in m else None
    if not description:
        check.add(node, where, "description", "missing; say in one sentence what it gives")
    dimension = _scalar_text(m["dimension"]) if "dimension" in m else None
    if dimension is not None and dimensions is not None and dimension not in dimensions:
        check.add(m["dimension"], where, "dimension",
                  f"unknown dimension {dimension!r}; known: {', '.join(sorted(dimensions))}")
    if "measurement" in kinds and dimension is None:
        check.add(node, where, "dimension", "a measurement attribute needs a dimension")
    cues = _strings(check, m["cues"], where, "cues") if "cues" in m else []
    ask = _scalar_text(m["ask"]) if "ask" in m else ""
    broader = _scalar_text(m["broader"]) if "broader" in m else None
    if "broader" in m and not broader:
        check.add(m["broader"], where, "broader", "empty; name the attribute this one is a "
                  "kind of (e.g. duration), or remove the field")
    fallback = _flag(check, m, where, "fallback")
    if fallback and dimension is None:
        check.add(m["fallback"], where, "fallback", "a fallback attribute needs a "
                  "dimension: it is what a figure of that dimension measures")
    thing = _flag(check, m, where, "thing")
    if thing and dimension is not None:
        check.add(m["thing"], where, "thing", "a figure is not the thing itself: only an "
                  "attribute with no dimension (a kind, a name) can say what the thing was")
    return AttributeSpec(name, tuple(kinds), label or name, dimension,
                         tuple(c.lower() for c in cues), description or "", ask or "",
                         broader or None, fallback, thing)


def _flag(check: _Checker, m: dict[str, yaml.Node], where: str, field_name: str) -> bool:
    """An optional true/false field (false when absent)."""
    if field_name not in m:
        return False
    value = (_scalar_text(m[field_name]) or "").lower()
    if value not in ("true", "false"):
        check.add(m[field_name], where, field_name, "must be true or false")
    return value == "true"


def _check_broader(check: _Checker, items: dict[str, yaml.Node],
                   attributes: list[AttributeSpec]) -> None:
    """Each ``broader`` names another attribute of the same dimension, and no chain of them
    comes back to where it began."""
    by_name = {a.name: a for a in attributes}
    for a in attributes:
        if a.broader is None:
            continue
        where, item = f"attribute '{a.name}'", _mapping(items[a.name])["broader"]
        wider = by_name.get(a.broader)
        if wider is None:
            check.add(item, where, "broader", f"unknown attribute {a.broader!r}; name one "
                      "listed under attributes")
        elif wider.dimension != a.dimension:
            check.add(item, where, "broader", f"{a.broader!r} measures {wider.dimension}, "
                      f"not {a.dimension}; a broader attribute has the same dimension")
        seen, up = {a.name}, wider
        while up is not None and up.broader is not None:
            if up.broader in seen:
                check.add(item, where, "broader", f"goes round in a circle ({a.name} -> ... "
                          f"-> {up.broader}); one of them must not be broader than the other")
                break
            seen.add(up.name)
            up = by_name.get(up.broader)


def parse_lexicon(text: str, file: str, *, dimensions: set[str] | None = None) -> Lexicon:
    """Parse and validate a lexicon; raises :class:`ValidationError` listing every problem."""
    check = _Checker(file)
    if len(text.encode("utf-8", "replace")) > MAX_LEXICON_BYTES:
        check.add(None, "lexicon", None, f"is larger than {MAX_LEXICON_BYTES // 1024} KiB; "
                  "split the synonyms or remove unused entries")
        raise ValidationError(check.problems)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ValidationError([Problem(file, line, "lexicon", None,
                                       f"is not valid YAML ({getattr(exc, 'problem', exc)}); "
                                       "fix the indentation or quoting there")]) from None
    if root is None:
        return Lexicon(digest=hashlib.sha256(text.encode()).hexdigest()[:16])
    if not isinstance(root, yaml.MappingNode):
        raise ValidationError([Problem(file, root.start_mark.line + 1, "lexicon", None,
                                       f"must be a mapping with sections: {', '.join(SECTIONS)}")])
    sections = _mapping(root)
    for k, _ in root.value:
        if k.value not in SECTIONS:
            check.add(k, "lexicon", k.value, f"unknown section; known: {', '.join(SECTIONS)}")
    shorthand: dict[str, str] = {}
    if "shorthand" in sections:
        node = sections["shorthand"]
        if not isinstance(node, yaml.MappingNode):
            check.add(node, "shorthand", None,
                      "must map a chat spelling to words, e.g. ppl: people")
        else:
            for k, v in node.value:
                key, value = _scalar_text(k), _scalar_text(v)
                if not key or not value:
                    check.add(k, "shorthand", key, "needs a spelling and what it stands for")
                elif len(normalize(key).split()) != 1:
                    check.add(k, "shorthand", key, "must be one word as people type it")
                elif normalize(key) in shorthand:
                    check.add(k, "shorthand", key, "is listed twice: keep one entry (the "
                              "later one would silently replace the earlier)")
                else:
                    shorthand[normalize(key)] = normalize(value)
    filler = frozenset(normalize(w) for w in _strings(check, sections["filler"], "filler", None)
                       ) if "filler" in sections else frozenset()
    synonyms: list[tuple[str, ...]] = []
    if "synonyms" in sections:
        node = sections["synonyms"]
        if not isinstance(node, yaml.SequenceNode):
            check.add(node, "synonyms", None, "must be a list of groups, e.g. - [hurt, injured]")
        else:
            for group in node.value:
                ws = _strings(check, group, "synonyms", None)
                if ws and len(ws) < 2:
                    check.add(group, "synonyms", None, "a group needs at least two words")
                elif ws:
                    synonyms.append(tuple(ws))
    phrases = tuple(_strings(check, sections["phrases"], "phrases", None)
                    ) if "phrases" in sections else ()
    for p in phrases:
        if len(normalize(p).split()) < 2:
            check.add(sections["phrases"], "phrases", None,
                      f"{p!r} is one word; phrases are two or more words")
    attributes: list[AttributeSpec] = []
    if "attributes" in sections:
        node = sections["attributes"]
        if not isinstance(node, yaml.SequenceNode):
            check.add(node, "attributes", None, "must be a list of attributes")
        else:
            seen: set[str] = set()
            items: dict[str, yaml.Node] = {}
            for item in node.value:
                spec = _attribute(check, item, dimensions, seen)
                if spec is not None:
                    attributes.append(spec)
                    items.setdefault(spec.name, item)
            _check_broader(check, items, attributes)
            fallbacks: dict[str, str] = {}
            for a in attributes:
                if a.fallback and a.dimension is not None:
                    if a.dimension in fallbacks:
                        check.add(_mapping(items[a.name])["fallback"], f"attribute '{a.name}'",
                                  "fallback", f"'{fallbacks[a.dimension]}' is the fallback of "
                                  f"{a.dimension} already; a dimension has one")
                    fallbacks.setdefault(a.dimension, a.name)
    time_zones = _time_zones(check, sections["time_zones"]) if "time_zones" in sections else {}
    if check.problems:
        raise ValidationError(check.problems)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Lexicon(shorthand, filler, tuple(synonyms), phrases, tuple(attributes), digest,
                   time_zones)


def _time_zones(check: _Checker, node: yaml.Node) -> dict[str, str]:
    """``time_zones``: a place name or abbreviation -> a tz database zone."""
    out: dict[str, str] = {}
    if not isinstance(node, yaml.MappingNode):
        check.add(node, "time_zones", None,
                  "must map a name to a tz database zone, e.g. est: America/New_York")
        return out
    for k, v in node.value:
        name, key = _scalar_text(k), _scalar_text(v)
        if not name or not key or not normalize(name):
            check.add(k, "time_zones", name, "needs a name and a zone, e.g. est: America/New_York")
        elif len(normalize(name).split()) > MAX_ZONE_NAME_WORDS:
            check.add(k, "time_zones", name,
                      f"is longer than {MAX_ZONE_NAME_WORDS} words; use the short name people type")
        elif not is_zone(key):
            check.add(v, "time_zones", name, f"unknown time zone {key!r}; use a tz database name "
                      "such as Asia/Tokyo or America/New_York")
        else:
            out[normalize(name)] = key
    return out


def read_lexicon(path: Path, *, display: str | None = None,
                 dimensions: set[str] | None = None) -> Lexicon:
    """Read and validate the lexicon file at ``path``."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError([Problem(shown, None, "lexicon", None,
                                       f"cannot be read ({exc.strerror or exc})")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError([Problem(shown, None, "lexicon", None,
                                       "is not UTF-8 text; save it as UTF-8")]) from None
    return parse_lexicon(text, shown, dimensions=dimensions)


def lexicon_for(knowledge_dir: Path | None) -> Lexicon:
    """The lexicon of a knowledge directory: its own ``lexicon.yaml`` when it has one,
    else the shipped one."""
    dims = known_dimensions()
    if knowledge_dir is not None:
        own = Path(knowledge_dir) / LEXICON_FILE
        if own.is_file():
            return read_lexicon(own, display=f"{Path(knowledge_dir).name}/{LEXICON_FILE}",
                                dimensions=dims)
    return default_lexicon()


_DEFAULT: Lexicon | None = None


def known_dimensions() -> set[str]:
    """The dimensions units.py knows, which a measurement attribute may take."""
    from bot.core.units import UNITS

    return {u.dimension for u in UNITS}


def default_lexicon() -> Lexicon:
    """The shipped lexicon (loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = read_lexicon(DEFAULT_LEXICON_PATH, display=f"knowledge/{LEXICON_FILE}")
    return _DEFAULT


def as_record(lexicon: Lexicon) -> dict[str, Any]:
    """A plain mapping (for tests and ``factbot lexicon show``)."""
    return {
        "shorthand": dict(lexicon.shorthand),
        "filler": sorted(lexicon.filler),
        "synonyms": [list(g) for g in lexicon.synonyms],
        "phrases": list(lexicon.phrases),
        "attributes": [a.name for a in lexicon.attributes],
        "time_zones": dict(lexicon.time_zones),
    }
