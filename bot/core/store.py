"""The fact store: SQLite through sqlite-utils, one transaction and one audit row per change.

Everything the bot knows lives here: events, sources and facts from the shipped knowledge
files (global, ``guild_id`` NULL) and the ones moderators add in a guild (``guild_id`` set).

- Visibility: ``guild_id=None`` reads global records only; ``guild_id=G`` reads global
  records plus guild G's; ``all_guilds=True`` reads everything (the match index). Another
  guild's fact is reported as missing (:class:`NotFound`), never as forbidden.
- Changes go through :meth:`Store.add_fact`, :meth:`Store.edit_fact`,
  :meth:`Store.retract_fact`, :meth:`Store.revert_fact`, :meth:`Store.add_event` and
  :meth:`Store.add_source`. Each runs in one transaction that also writes an ``audit`` row
  with the record before and after. Facts are never deleted: retracting is a status.
- :meth:`Store.load_knowledge` brings the knowledge files in, skipping files whose sha256 is
  unchanged, and never overwrites a moderator's later change (it reports a conflict).

A ``Store`` holds one sqlite3 connection, bound to the thread that opened it. The runtime
(``bot/core/runtime.py``) writes through one store on one writer thread and reads through
``Store(path, reader=True)`` connections, one per reading thread (WAL). Every change that
reads before it writes runs in one ``BEGIN IMMEDIATE`` transaction and may carry the
revision it was based on (``expected_revision``): a stale one is refused with
:class:`~bot.core.errors.StaleRevision`. Records made in a server live in its own id space
(``guild-<id>-...``), and the audit table doubles as the change log that lets a running
bot follow changes made by another process (:meth:`Store.changes_since`).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bot.core import knowledge
from bot.core import synonyms as synonym_rules
from bot.core.errors import (
    ConfigError,
    Conflict,
    DatabaseError,
    Forbidden,
    NotFound,
    Problem,
    StaleRevision,
    ValidationError,
)
from bot.core.lexicon import LEXICON_FILE
from bot.core.migrations import apply_migrations
from bot.core.models import (
    DATE_ONLY_TIME,
    FACT_STATUSES,
    ORIGIN_GUILD,
    ORIGIN_KNOWLEDGE,
    AuditEntry,
    Event,
    Fact,
    IndexRow,
    Quantity,
    Source,
    TimePrecision,
)
from bot.core.synonyms import SynonymGroup
from bot.core.units import with_bracket_unit

__all__ = ["ORIGIN_CLI", "LOCAL_FILE", "Change", "LoadReport", "Store", "guild_prefix"]

ORIGIN_CLI = "cli"  # global records added with the command line (not from a knowledge file)
LOCAL_FILE = "local.yaml"  # where export_to_dir writes cli-origin records
KNOWLEDGE_ACTOR = "knowledge:"  # prefix of the actor of knowledge loads

# Snapshot keys that are bookkeeping, not part of the file format record.
_BOOKKEEPING = ("revision", "guild_id", "retracted_reason")

# Records made in a server live in that server's own id space: their ids start with
# "guild-<guild id>-", which knowledge files and the command line may not use, so a shared
# record can never bind to (or collide with) a server's private one.
_GUILD_ID_RE = re.compile(r"^guild-\d+-")
_MAX_ID = 80  # knowledge.ID_PATTERN allows 1-80 characters
# What a moderator may see of a change made from another server (shared facts only).
OTHER_SERVER = "a moderator of another server"


def guild_prefix(guild_id: int) -> str:
    """The id prefix of records made in ``guild_id``."""
    return f"guild-{guild_id}-"


def is_guild_id_space(record_id: str) -> bool:
    """Whether ``record_id`` is in some server's id space (reserved for server records)."""
    return bool(_GUILD_ID_RE.match(record_id))


def reserved_id_problems(kset: knowledge.KnowledgeSet) -> list[Problem]:
    """Knowledge records may not use a server's id space (``guild-<digits>-...``)."""
    problems = []
    for kf in kset.files:
        for singular, objs in (("event", kf.events), ("source", kf.sources), ("fact", kf.facts)):
            for obj in objs:
                if is_guild_id_space(obj.id):
                    problems.append(Problem(
                        kf.path, getattr(obj, "origin_line", None), f"{singular} '{obj.id}'",
                        "id", "ids starting with 'guild-<digits>-' are kept for records made in a "
                        "Discord server; rename it",
                    ))
    return problems


@dataclass(frozen=True)
class Change:
    """One audited change, as :meth:`Store.changes_since` reports it to the match index."""

    audit_id: int
    entity: str  # "fact", "event", "source"
    entity_id: str
_ALL_STATUSES = tuple(FACT_STATUSES)


@dataclass
class LoadReport:
    """What :meth:`Store.load_knowledge` did."""

    files_loaded: int = 0  # new or changed files brought in
    files_unchanged: int = 0  # skipped: same sha256 as last time
    files_removed: int = 0  # files that were loaded before and are gone now
    facts_added: int = 0
    facts_updated: int = 0
    facts_removed: int = 0  # retracted because no longer in their file
    events_changed: int = 0  # added or updated
    sources_changed: int = 0
    conflicts: list[str] = field(default_factory=list)  # kept a moderator's version
    problems: list[Problem] = field(default_factory=list)  # always empty on success
    warnings: list[str] = field(default_factory=list)  # e.g. the directory does not exist

    @property
    def changed(self) -> bool:
        return bool(
            self.facts_added
            or self.facts_updated
            or self.facts_removed
            or self.events_changed
            or self.sources_changed
        )

    def summary(self) -> str:
        text = (
            f"knowledge: {self.files_loaded} file(s) loaded, {self.files_unchanged} unchanged"
            f"{f', {self.files_removed} removed' if self.files_removed else ''}; facts: "
            f"{self.facts_added} added, {self.facts_updated} updated, "
            f"{self.facts_removed} removed"
        )
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict(s)"
        return text


# --- row <-> dataclass ----------------------------------------------------------------------

_FACT_FIELDS = tuple(f.name for f in fields(Fact))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_SOURCE_FIELDS = tuple(f.name for f in fields(Source))
_LIST_FIELDS = frozenset({"aliases", "about", "keywords"})
_TIME_FIELDS = frozenset({"time", "until", "as_of", "expires", "when"})
_PRECISION_FIELDS = frozenset({"time_precision", "until_precision", "as_of_precision",
                               "when_precision"})


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    if len(text) == 10:  # a plain date, as rows written before date-only times were kept
        # as noon UTC hold it: read as the knowledge files read a date now
        return datetime.combine(date.fromisoformat(text), DATE_ONLY_TIME)
    return datetime.fromisoformat(text)


def _quantity_json(q: Quantity) -> dict[str, Any]:
    """{"value", "unit"}, plus "qualifier"/"upper" only when set (older rows lack them)."""
    out: dict[str, Any] = {"value": q.value, "unit": q.unit}
    if q.qualifier is not None:
        out["qualifier"] = q.qualifier
    if q.upper is not None:
        out["upper"] = q.upper
    if q.told is not None:
        out["told"] = q.told
    return out


def _quantity_from_json(q: dict[str, Any]) -> Quantity:
    upper = q.get("upper")
    return Quantity(float(q["value"]), q["unit"], q.get("qualifier"),
                    None if upper is None else float(upper), told=q.get("told"))


def _to_row(obj: Event | Source | Fact) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name == "quantities":
            value = json.dumps([_quantity_json(q) for q in value], ensure_ascii=False)
        elif f.name in _LIST_FIELDS:
            value = json.dumps(list(value), ensure_ascii=False)
        elif isinstance(value, date):  # datetime is a date too
            value = value.isoformat()
        elif isinstance(value, TimePrecision):
            value = value.value
        elif isinstance(value, bool):
            value = int(value)
        row[f.name] = value
    return row


def _row_values(row: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        if name not in row:
            continue
        value = row[name]
        if name == "quantities":
            value = tuple(_quantity_from_json(q) for q in json.loads(value or "[]"))
        elif name in _LIST_FIELDS:
            value = tuple(json.loads(value or "[]"))
        elif name in _TIME_FIELDS:
            value = _parse_time(value)
        elif name in _PRECISION_FIELDS:
            value = TimePrecision(value) if value else None  # None: a time or a whole day
        elif name == "published":
            value = date.fromisoformat(value) if value else None  # None: an undated report
        elif name == "approximate":
            value = bool(value)
        out[name] = value
    return out


def _fact_from_row(row: dict[str, Any]) -> Fact:
    fact = Fact(**_row_values(row, _FACT_FIELDS))
    # a row written before bare figures took their label's unit reads as the file does now
    quantities = with_bracket_unit(fact.label, fact.quantities)
    return fact if quantities == fact.quantities else replace(fact, quantities=quantities)


def _event_from_row(row: dict[str, Any]) -> Event:
    return Event(**_row_values(row, _EVENT_FIELDS))


def _source_from_row(row: dict[str, Any]) -> Source:
    return Source(**_row_values(row, _SOURCE_FIELDS))


def _synonym_from_row(row: dict[str, Any]) -> SynonymGroup:
    return SynonymGroup(
        id=int(row["id"]),
        words=tuple(json.loads(row["words"])),
        guild_id=row["guild_id"],
        created_by=row["created_by"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def _dumps(snapshot: dict[str, Any] | None) -> str | None:
    if snapshot is None:
        return None
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, default=_jsonable)


def _normalise(record: dict[str, Any]) -> dict[str, Any]:
    """A record as it reads back from JSON, so records compare equal however they were built."""
    return json.loads(json.dumps(record, sort_keys=True, default=_jsonable))


def _fact_snapshot(fact: Fact) -> dict[str, Any]:
    return {
        **knowledge.fact_to_record(fact),
        "status": fact.status,
        "revision": fact.revision,
        "guild_id": fact.guild_id,
        "retracted_reason": fact.retracted_reason,
    }


def _fact_content(fact: Fact) -> dict[str, Any]:
    """The file-format record plus status: what counts as "changed"."""
    return _normalise({**knowledge.fact_to_record(fact), "status": fact.status})


def _snapshot_content(snapshot: dict[str, Any]) -> dict[str, Any]:
    return _normalise({k: v for k, v in snapshot.items() if k not in _BOOKKEEPING})


def _event_snapshot(event: Event) -> dict[str, Any]:
    return {**knowledge.event_to_record(event), "guild_id": event.guild_id}


def _source_snapshot(source: Source) -> dict[str, Any]:
    return {**knowledge.source_to_record(source), "guild_id": source.guild_id}


def _now() -> str:
    return datetime.now(UTC).isoformat()


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _slug(text: str, *, max_len: int = 60) -> str:
    slug = _SLUG_RE.sub("-", text.lower()).strip("-")
    return slug[:max_len].rstrip("-")


def _db_problem(file: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return (
            f"{file}: is not a SQLite database ({text}); point 'database' in the config "
            "(or --db) at a factbot database, or at a new file to create one"
        )
    return f"{file}: cannot use the database ({text}); check the file and its permissions"


def _where_problem(entity: str, entity_id: str, fld: str | None, message: str) -> Problem:
    return Problem(
        file=None, line=None, where=f"{entity} '{entity_id}'", field=fld, message=message
    )


# --- the store ------------------------------------------------------------------------------


class Store:
    """Events, sources, facts and their audit trail in one SQLite database."""

    def __init__(self, path: Path | str, *, reader: bool = False):
        """Open (or create, and migrate) the database at ``path``.

        ``reader=True`` opens one more connection to an existing database for reads only
        (``PRAGMA query_only``): the runtime gives each reading thread its own, beside the
        one writer (WAL lets them read while it writes). A path that cannot be a database
        is a :class:`ConfigError`, a file that is not a SQLite database a
        :class:`DatabaseError`: one line to act on, never a traceback.
        """
        self.path = path
        self.reader = reader
        if str(path) == ":memory:":
            if reader:
                raise ValueError("an in-memory database has no second connection")
            self.db = Database(memory=True)
        else:
            self.db = self._open_file(Path(path), reader=reader)
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            if reader:
                self.db.execute("PRAGMA query_only = ON")
                self.applied_migrations: list[str] = []
            else:
                self.applied_migrations = apply_migrations(self.db)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise DatabaseError(_db_problem(Path(str(path)), exc)) from None

    @staticmethod
    def _open_file(file: Path, *, reader: bool) -> Database:
        if file.is_dir():
            raise ConfigError(
                f"{file}: is a directory, not a database file; set 'database' in the config "
                "(or --db) to a file path such as data/factbot.db"
            )
        try:
            if not reader:
                file.parent.mkdir(parents=True, exist_ok=True)
            # Another process (the CLI, a second bot) may hold the write lock briefly.
            # Read connections are closed from the thread that shuts the runtime down.
            conn = sqlite3.connect(str(file), timeout=10.0, check_same_thread=not reader)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ConfigError(
                f"{file}: cannot open the database ({reason}); set 'database' in the config "
                "(or --db) to a path in a directory you can write to"
            ) from None
        db = Database(conn)
        try:
            if not reader:
                db.enable_wal()
                # WAL with NORMAL: a commit is not an fsync (the WAL is synced at checkpoints);
                # the database never corrupts, a power cut may lose the last moments only
                db.execute("PRAGMA synchronous = NORMAL")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise DatabaseError(_db_problem(file, exc)) from None
        return db

    @property
    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when *another* connection commits."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` transaction: the write lock is taken before the first
        read, so a read-check-write cannot interleave with another connection's change."""
        conn = self.db.conn
        if conn.in_transaction:  # already inside one (nested change): a savepoint
            with self.db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- visibility -------------------------------------------------------------------------

    @staticmethod
    def _scope(guild_id: int | None, all_guilds: bool = False) -> tuple[str, list[Any]]:
        if all_guilds:
            return "1 = 1", []
        if guild_id is None:
            return "guild_id IS NULL", []
        return "(guild_id IS NULL OR guild_id = ?)", [guild_id]

    @staticmethod
    def _visible(row_guild: int | None, guild_id: int | None) -> bool:
        return row_guild is None or row_guild == guild_id

    def _rows(
        self,
        table: str,
        where: str,
        args: list[Any],
        *,
        order_by: str = "id",
    ) -> Iterator[dict[str, Any]]:
        return self.db[table].rows_where(where, args, order_by=order_by)

    # --- reads ------------------------------------------------------------------------------

    def events(self, *, guild_id: int | None = None, all_guilds: bool = False) -> list[Event]:
        where, args = self._scope(guild_id, all_guilds)
        return [_event_from_row(r) for r in self._rows("events", where, args)]

    def sources(self, *, guild_id: int | None = None, all_guilds: bool = False) -> list[Source]:
        where, args = self._scope(guild_id, all_guilds)
        return [_source_from_row(r) for r in self._rows("sources", where, args)]

    def facts(
        self,
        *,
        guild_id: int | None = None,
        all_guilds: bool = False,
        event: str | None = None,
        statuses: Iterable[str] = ("active",),
    ) -> list[Fact]:
        """Visible facts with one of ``statuses``, ordered by event, rank (highest first), id."""
        where, args = self._scope(guild_id, all_guilds)
        statuses = tuple(statuses)
        if not statuses:
            return []
        where += f" AND status IN ({', '.join('?' for _ in statuses)})"
        args = [*args, *statuses]
        if event is not None:
            where += " AND event = ?"
            args.append(event)
        rows = self._rows("facts", where, args, order_by="event, rank DESC, id")
        return [_fact_from_row(r) for r in rows]

    def get_facts(self, fact_ids: Iterable[str]) -> dict[str, Fact]:
        """Facts by id, whatever their guild or status (for the matcher, which has already
        applied visibility); unknown ids are left out."""
        ids = list(dict.fromkeys(fact_ids))
        out: dict[str, Fact] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.db["facts"].rows_where(f"id IN ({marks})", chunk):
                fact = _fact_from_row(row)
                out[fact.id] = fact
        return out

    # --- the matcher's term cache -----------------------------------------------------------

    def index_rows(self) -> list[IndexRow]:
        """Every active fact's index fields with its cached terms (None when not cached)."""
        sql = (
            "SELECT f.id, f.event, f.source, f.guild_id, f.kind, f.attribute, f.label, f.rank,"
            " f.speaker, f.reported_by, f.revision, f.as_of, f.expires, m.revision, m.version,"
            " m.terms,"
            " m.key_terms, m.speaker_terms, m.features, f.as_of_precision"
            " FROM facts f LEFT JOIN match_terms m ON m.fact_id = f.id"
            " WHERE f.status = 'active'"
        )
        return [IndexRow(*row) for row in self.db.execute(sql).fetchall()]

    def index_words(self) -> Iterator[str]:
        """The surface words of every cached fact, for the typo corrector's vocabulary."""
        for (words,) in self.db.execute("SELECT words FROM match_terms WHERE words IS NOT NULL"):
            yield from words.split()

    def save_index_terms(self, rows: list[dict[str, Any]]) -> None:
        """Cache computed terms (one ``match_terms`` row per fact)."""
        if rows:
            with self.db.atomic():
                self.db["match_terms"].upsert_all(rows, pk="fact_id")

    # --- guild synonyms ---------------------------------------------------------------------

    def synonyms(self, *, guild_id: int | None) -> list[tuple[str, ...]]:
        """The words of the synonym groups moderators added (global ones and this guild's)."""
        return [g.words for g in self.synonym_groups(guild_id=guild_id)]


    def synonym_groups(self, *, guild_id: int | None) -> list[SynonymGroup]:
        """The active groups visible from ``guild_id``: global ones and this guild's (with
        ``guild_id`` None: the global ones only), oldest first."""
        where, params = self._scope(guild_id)
        rows = self.db["synonyms"].rows_where(f"status = 'active' AND ({where})", params,
                                              order_by="id")
        return [_synonym_from_row(r) for r in rows]

    def add_synonyms(self, words: Sequence[str], *, actor: str,
                     guild_id: int | None) -> SynonymGroup:
        """Record a synonym group for ``guild_id`` (None: every guild); audited like every
        change. Raises :class:`ValidationError` for a group that would not work and
        :class:`Conflict` for one that exists already or one too many."""
        kept = synonym_rules.check_group(words)
        visible = self.synonym_groups(guild_id=guild_id)
        same = next((g for g in visible if synonym_rules.same_terms(g.words, kept)), None)
        if same is not None:
            scope = "shared by every server" if same.is_global else "of this server"
            raise Conflict(f"these words are already synonym group #{same.id} ({scope}); "
                           "nothing to add")
        own = sum(1 for g in visible if g.guild_id == guild_id)
        if own >= synonym_rules.MAX_GROUPS:
            raise Conflict(f"there are already {own} synonym groups here, the most allowed; "
                           "remove unused ones first (/synonym remove or factbot synonyms "
                           "remove)")
        with self.db.atomic():
            table = self.db["synonyms"]
            table.insert({"words": json.dumps(kept), "guild_id": guild_id, "status": "active",
                          "created_by": actor, "created_at": _now()})
            syn_id = table.last_pk
            self._audit("synonym", str(syn_id), "add", actor=actor, guild_id=guild_id,
                        before=None, after={"words": kept}, reason=None)
        return _synonym_from_row(self.db["synonyms"].get(syn_id))

    def remove_synonyms(self, synonym_id: int, *, actor: str, guild_id: int | None,
                        reason: str | None = None) -> SynonymGroup:
        """Retire a synonym group of ``guild_id`` (None: a global one); the row stays, with
        its audit trail. Another guild's group is reported as not found, never as existing."""
        row = self._row("synonyms", synonym_id)
        if row is None or row["status"] != "active" or not self._visible(row["guild_id"],
                                                                         guild_id):
            raise NotFound(f"no synonym group #{synonym_id} here; see /synonym list "
                           "(or factbot synonyms list)")
        if row["guild_id"] != guild_id:  # a global group, seen from a guild
            raise Forbidden(f"synonym group #{synonym_id} is shared by every server, not this "
                            "one's; remove it from the command line with: factbot synonyms "
                            f"remove {synonym_id}")
        group = _synonym_from_row(row)
        with self.db.atomic():
            self.db["synonyms"].update(synonym_id, {"status": "removed"})
            self._audit("synonym", str(synonym_id), "remove", actor=actor, guild_id=guild_id,
                        before={"words": list(group.words)}, after=None, reason=reason)
        return group

    def _row(self, table: str, key: str) -> dict[str, Any] | None:
        return next(iter(self.db[table].rows_where("id = ?", [key], limit=1)), None)

    def _visible_row(self, table: str, key: str, guild_id: int | None) -> dict[str, Any] | None:
        """The row ``key`` if visible from ``guild_id``; in a server, a bare id that is not
        a shared record's names the server's own (``x`` -> ``guild-<id>-x``)."""
        row = self._row(table, key)
        if row is None and guild_id is not None and not key.startswith(guild_prefix(guild_id)):
            row = self._row(table, guild_prefix(guild_id) + key)
        if row is None or not self._visible(row["guild_id"], guild_id):
            return None
        return row

    def get_fact(self, fact_id: str, *, guild_id: int | None = None) -> Fact:
        """The fact, whatever its status, if visible from ``guild_id``."""
        row = self._visible_row("facts", fact_id, guild_id)
        if row is None:
            raise NotFound(f"no fact '{fact_id}' (use /fact list or factbot facts list)")
        return _fact_from_row(row)

    def get_event(self, event_id: str, *, guild_id: int | None = None) -> Event:
        row = self._visible_row("events", event_id, guild_id)
        if row is None:
            raise NotFound(f"no event '{event_id}' (use /event list or factbot events list)")
        return _event_from_row(row)

    def get_source(self, source_id: str, *, guild_id: int | None = None) -> Source:
        row = self._visible_row("sources", source_id, guild_id)
        if row is None:
            raise NotFound(
                f"no source '{source_id}' (use /source list or factbot sources list)"
            )
        return _source_from_row(row)

    def source_lookup(self, *, guild_id: int | None = None) -> dict[str, Source]:
        """All sources visible from ``guild_id`` (global included), by id, for citations."""
        return {s.id: s for s in self.sources(guild_id=guild_id)}

    def history(self, fact_id: str, *, guild_id: int | None = None) -> list[AuditEntry]:
        """The fact's audit trail, oldest first.

        Seen from a server, changes made from *another* server (to a shared fact) keep
        what changed but not who made them or why: one server's moderators and reasons
        are not another's business.
        """
        self.get_fact(fact_id, guild_id=guild_id)  # NotFound unless visible
        entries = self._audit_entries("fact", fact_id)
        if guild_id is None:
            return entries
        return [
            e
            if e.guild_id is None or e.guild_id == guild_id
            else replace(e, actor=OTHER_SERVER, reason=None, guild_id=None)
            for e in entries
        ]

    # --- bounded lookups (autocomplete) -----------------------------------------------------

    def _complete(
        self, table: str, columns: Sequence[str], typed: str, guild_id: int | None, limit: int
    ) -> list[dict[str, Any]]:
        """At most ``limit`` visible rows whose id or ``columns`` contain ``typed``: ids that
        start with it first. One bounded query, whatever the size of the table."""
        where, args = self._scope(guild_id)
        typed = typed.strip().lower()
        like = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cols = ["id", *columns]
        if typed:
            where += " AND (" + " OR ".join(f"lower({c}) LIKE ? ESCAPE '\\'" for c in cols) + ")"
            args = [*args, *([like] * len(cols))]
        order = "lower(id) LIKE ? ESCAPE '\\' DESC, id" if typed else "id"
        order_args = [like[1:]] if typed else []
        sql = (
            f"SELECT {', '.join(cols)} FROM {table} WHERE {where} ORDER BY {order} LIMIT ?"
        )
        cursor = self.db.execute(sql, [*args, *order_args, int(limit)])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def complete_facts(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        """``(id, text)`` of up to ``limit`` facts (any status) whose id or text has ``typed``."""
        rows = self._complete("facts", ["text"], typed, guild_id, limit)
        return [(r["id"], r["text"]) for r in rows]

    def complete_events(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        """``(id, title)`` of up to ``limit`` events whose id, title or aliases have ``typed``."""
        rows = self._complete("events", ["title", "aliases"], typed, guild_id, limit)
        return [(r["id"], r["title"]) for r in rows]

    def complete_sources(
        self, typed: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[tuple[str, str]]:
        """``(id, "title — publisher")`` of up to ``limit`` matching sources."""
        rows = self._complete("sources", ["title", "publisher"], typed, guild_id, limit)
        return [(r["id"], f"{r['title']} — {r['publisher']}") for r in rows]

    # --- changes made by other connections --------------------------------------------------

    def last_audit_id(self) -> int:
        row = self.db.execute("SELECT max(id) FROM audit").fetchone()
        return int(row[0] or 0)

    def changes_since(self, audit_id: int) -> list[Change]:
        """Every audited change after ``audit_id``, oldest first (the change log that lets a
        running bot follow changes made by another process, e.g. the CLI)."""
        rows = self.db.execute(
            "SELECT id, entity, entity_id FROM audit WHERE id > ? ORDER BY id", [audit_id]
        ).fetchall()
        return [Change(r[0], r[1], r[2]) for r in rows]

    def find_event(self, event_id: str) -> Event | None:
        """The event whatever its guild (for the match index), or None."""
        row = self._row("events", event_id)
        return None if row is None else _event_from_row(row)

    def _audit_entries(self, entity: str, entity_id: str) -> list[AuditEntry]:
        rows = self.db["audit"].rows_where(
            "entity = ? AND entity_id = ?", [entity, entity_id], order_by="id"
        )
        return [
            AuditEntry(
                id=r["id"],
                entity=r["entity"],
                entity_id=r["entity_id"],
                action=r["action"],
                actor=r["actor"],
                at=datetime.fromisoformat(r["at"]),
                guild_id=r["guild_id"],
                reason=r["reason"],
                before=json.loads(r["before"]) if r["before"] is not None else None,
                after=json.loads(r["after"]) if r["after"] is not None else None,
            )
            for r in rows
        ]

    def search_facts(
        self,
        query: str,
        *,
        guild_id: int | None = None,
        limit: int = 20,
        statuses: Iterable[str] = _ALL_STATUSES,
    ) -> list[Fact]:
        """Full-text search over text, quote, speaker and keywords (best match first).

        Every word must appear (stemmed: "launches" finds "launch"); punctuation in the
        query is taken literally, never as FTS syntax. All statuses by default, so
        moderators find retracted facts too.
        """
        if not query.strip():
            return []
        statuses = tuple(statuses)
        where = "guild_id IS NULL"
        if guild_id is not None:
            where = "(guild_id IS NULL OR guild_id = :guild)"
        where += f" AND status IN ({', '.join(f':s{i}' for i in range(len(statuses)))})"
        where_args: dict[str, Any] = {f"s{i}": s for i, s in enumerate(statuses)}
        if guild_id is not None:
            where_args["guild"] = guild_id
        rows = self.db["facts"].search(
            query, where=where, where_args=where_args, limit=int(limit), quote=True
        )
        return [_fact_from_row(r) for r in rows]

    # --- audit ------------------------------------------------------------------------------

    def _audit(
        self,
        entity: str,
        entity_id: str,
        action: str,
        *,
        actor: str,
        guild_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str | None = None,
    ) -> None:
        self.db["audit"].insert(
            {
                "entity": entity,
                "entity_id": entity_id,
                "action": action,
                "actor": actor,
                "at": _now(),
                "guild_id": guild_id,
                "reason": reason,
                "before": _dumps(before),
                "after": _dumps(after),
            }
        )

    # --- changes ----------------------------------------------------------------------------

    def _record_context(self, guild_id: int | None) -> knowledge.RecordContext:
        """The events and sources a guild's fact may cite (weekday times resolve by them)."""
        return knowledge.RecordContext(
            {e.id: e for e in self.events(guild_id=guild_id)},
            {s.id: s for s in self.sources(guild_id=guild_id)},
        )

    def _visible_ids(self, table: str, guild_id: int | None) -> set[str]:
        where, args = self._scope(guild_id)
        return {r["id"] for r in self.db[table].rows_where(where, args, select="id")}

    def _new_id(
        self,
        table: str,
        record: dict[str, Any],
        *,
        prefix: str,
        title_key: str | None,
        space: str,
    ) -> str:
        base = _slug(str(record.get(title_key) or ""), max_len=_MAX_ID - len(space) - 4)
        if base:
            candidate, n = space + base, 2
            while self._row(table, candidate) is not None:
                candidate, n = f"{space}{base}-{n}", n + 1
            return candidate
        while True:
            candidate = f"{space}{prefix}-{secrets.token_hex(4)}"
            if self._row(table, candidate) is None:
                return candidate

    def _prepare_new(
        self,
        table: str,
        entity: str,
        record: dict[str, Any],
        *,
        prefix: str,
        title_key: str | None,
        guild_id: int | None,
    ) -> dict[str, Any]:
        """The record with its final id: generated when missing; in a server, put in that
        server's id space (``guild-<guild id>-...``), so it never meets another server's ids."""
        if not isinstance(record, dict):
            raise ValidationError([_where_problem(entity, "?", None, "expected a mapping")])
        record = dict(record)
        space = guild_prefix(guild_id) if guild_id is not None else ""
        given = str(record.get("id") or "").strip()
        if not given:
            record["id"] = self._new_id(
                table, record, prefix=prefix, title_key=title_key, space=space
            )
            return record
        if space and not given.startswith(space):
            given = space + given
        if not space and is_guild_id_space(given):
            raise ValidationError([_where_problem(
                entity, given, "id",
                "ids starting with 'guild-<digits>-' are kept for records made in a server; "
                "choose another id",
            )])
        if len(given) > _MAX_ID:
            raise ValidationError([_where_problem(
                entity, given, "id",
                f"with this server's prefix '{space}' the id is {len(given)} characters; "
                f"give one of at most {_MAX_ID - len(space)}, or leave it out",
            )])
        record["id"] = given
        if self._row(table, given) is not None:
            raise Conflict(
                f"{entity} id '{given}' is already taken; "
                "choose another id, or leave it out to have one generated"
            )
        return record

    @contextmanager
    def _new_row(self, entity: str, entity_id: str) -> Iterator[None]:
        """A transaction for adding a record; a lost race for its id is a Conflict too."""
        try:
            with self._immediate():
                yield
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" not in str(exc):
                raise
            raise Conflict(
                f"{entity} id '{entity_id}' is already taken; "
                "choose another id, or leave it out to have one generated"
            ) from exc

    @staticmethod
    def _origin(guild_id: int | None) -> str:
        return ORIGIN_GUILD if guild_id is not None else ORIGIN_CLI

    def add_fact(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Fact:
        """Add a fact given in the file format; ``id`` is generated when missing."""
        record = self._prepare_new(
            "facts", "fact", record, prefix="f", title_key=None, guild_id=guild_id
        )
        context = self._record_context(guild_id)
        if guild_id is not None:  # "local-ev" names this server's "guild-<id>-local-ev"
            for key, known in (("event", context.events), ("source", context.sources)):
                ref = record.get(key)
                if isinstance(ref, str) and ref not in known:
                    if guild_prefix(guild_id) + ref in known:
                        record[key] = guild_prefix(guild_id) + ref
        fact = knowledge.fact_from_record(
            record,
            origin=self._origin(guild_id),
            guild_id=guild_id,
            events=context.events,
            sources=context.sources,
            context=context,
        )
        fact = replace(
            fact,
            origin=self._origin(guild_id),
            guild_id=guild_id,
            origin_file=None,
            origin_line=None,
            revision=1,
        )
        with self._new_row("fact", fact.id):
            self.db["facts"].insert(_to_row(fact))
            self._audit(
                "fact",
                fact.id,
                "add",
                actor=actor,
                guild_id=guild_id,
                before=None,
                after=_fact_snapshot(fact),
            )
        return self.get_fact(fact.id, guild_id=guild_id)

    def add_event(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Event:
        """Add an event; ``id`` defaults to a slug of the title."""
        record = self._prepare_new(
            "events", "event", record, prefix="e", title_key="title", guild_id=guild_id
        )
        event = knowledge.event_from_record(
            record, origin=self._origin(guild_id), guild_id=guild_id,
            events=self._visible_ids("events", guild_id),
        )
        event = replace(event, origin=self._origin(guild_id), guild_id=guild_id, origin_file=None)
        with self._new_row("event", event.id):
            self.db["events"].insert(_to_row(event))
            self._audit(
                "event",
                event.id,
                "add",
                actor=actor,
                guild_id=guild_id,
                before=None,
                after=_event_snapshot(event),
            )
        return self.get_event(event.id, guild_id=guild_id)

    def add_source(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Source:
        """Add a source; ``id`` defaults to a slug of the title."""
        record = self._prepare_new(
            "sources", "source", record, prefix="s", title_key="title", guild_id=guild_id
        )
        source = knowledge.source_from_record(
            record, origin=self._origin(guild_id), guild_id=guild_id
        )
        source = replace(source, origin=self._origin(guild_id), guild_id=guild_id, origin_file=None)
        with self._new_row("source", source.id):
            self.db["sources"].insert(_to_row(source))
            self._audit(
                "source",
                source.id,
                "add",
                actor=actor,
                guild_id=guild_id,
                before=None,
                after=_source_snapshot(source),
            )
        return self.get_source(source.id, guild_id=guild_id)

    def _check_may_change(self, fact: Fact, guild_id: int | None, may_edit_knowledge: bool) -> None:
        if fact.guild_id is not None or guild_id is None or may_edit_knowledge:
            return
        if fact.origin == ORIGIN_KNOWLEDGE:
            where = f"knowledge/{fact.origin_file or '?'}"
            raise Forbidden(
                f"fact '{fact.id}' comes from {where}, which every server shares; to change "
                f"it, edit {where} and open a pull request, or make the change from a server "
                "listed in discord.knowledge_guild_ids in the config"
            )
        raise Forbidden(
            f"fact '{fact.id}' was added from the command line and every server shares it; "
            "change it with factbot facts edit, or from a server listed in "
            "discord.knowledge_guild_ids in the config"
        )

    def check_may_edit(
        self, fact_id: str, *, guild_id: int | None, may_edit_knowledge: bool = False
    ) -> Fact:
        """The fact if ``guild_id`` may edit it now; else the error an edit would raise
        (checked before a moderator types a whole form)."""
        current = self.get_fact(fact_id, guild_id=guild_id)
        self._check_may_change(current, guild_id, may_edit_knowledge)
        if current.status == "retracted":
            raise Conflict(f"fact '{fact_id}' is retracted; revert it first (see its history)")
        return current

    def _validate_for(self, record: dict[str, Any], current: Fact) -> Fact:
        """Validate a full record for ``current``'s scope (a global fact sees global ids)."""
        context = self._record_context(current.guild_id)
        fact = knowledge.fact_from_record(
            record,
            origin=current.origin,
            guild_id=current.guild_id,
            events=context.events,
            sources=context.sources,
            context=context,
        )
        return replace(
            fact,
            origin=current.origin,
            origin_file=current.origin_file,
            origin_line=current.origin_line,
            guild_id=current.guild_id,
        )

    def _write_change(
        self,
        before: Fact,
        after: Fact,
        action: str,
        *,
        actor: str,
        guild_id: int | None,
        reason: str | None,
    ) -> Fact:
        row = _to_row(after)
        del row["id"]
        with self.db.atomic():
            self.db["facts"].update(before.id, row)
            self._audit(
                "fact",
                before.id,
                action,
                actor=actor,
                guild_id=guild_id,
                before=_fact_snapshot(before),
                after=_fact_snapshot(after),
                reason=reason,
            )
        return self.get_fact(before.id, guild_id=after.guild_id)

    @staticmethod
    def _check_base(current: Fact, expected_revision: int | None) -> None:
        """Refuse a change based on a revision that is no longer the current one."""
        if expected_revision is not None and expected_revision != current.revision:
            raise StaleRevision(
                current.id,
                based_on=expected_revision,
                current=current.revision,
                text=current.text,
            )

    def edit_fact(
        self,
        fact_id: str,
        changes: dict[str, Any],
        *,
        actor: str,
        guild_id: int | None,
        reason: str | None = None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        """Merge ``changes`` (file-format keys; None removes a key) into the fact.

        Unchanged content returns the fact as it is, with no new revision. With
        ``expected_revision`` (the revision the change was based on, e.g. when the form was
        opened), a fact changed since is refused with :class:`StaleRevision`. The read, the
        check and the write are one ``BEGIN IMMEDIATE`` transaction.
        """
        with self._immediate():
            current = self.get_fact(fact_id, guild_id=guild_id)
            self._check_may_change(current, guild_id, may_edit_knowledge)
            self._check_base(current, expected_revision)
            if current.status == "retracted":
                raise Conflict(
                    f"fact '{fact_id}' is retracted; revert it first (see its history)"
                )
            if "id" in changes and changes["id"] != fact_id:
                raise ValidationError([_where_problem(
                    "fact", fact_id, "id", "a fact's id cannot change; add a new fact instead"
                )])
            if changes.get("status") == "retracted":
                raise ValidationError([_where_problem(
                    "fact", fact_id, "status", "use retract (with a reason) to retract a fact"
                )])
            merged = knowledge.fact_to_record(current)
            if current.status != "active":
                merged.setdefault("status", current.status)
            for key, value in changes.items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            new = self._validate_for(merged, current)
            if _fact_content(new) == _fact_content(current):
                return current
            new = replace(new, revision=current.revision + 1, retracted_reason=None)
            return self._write_change(
                current, new, "edit", actor=actor, guild_id=guild_id, reason=reason
            )

    def retract_fact(
        self,
        fact_id: str,
        *,
        reason: str,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        """Mark the fact retracted (it stays, with its history); a reason is required.
        ``expected_revision`` as for :meth:`edit_fact`."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError([_where_problem(
                "fact", fact_id, "reason",
                "say why the fact is retracted (e.g. the source corrected it)",
            )])
        with self._immediate():
            current = self.get_fact(fact_id, guild_id=guild_id)
            self._check_may_change(current, guild_id, may_edit_knowledge)
            self._check_base(current, expected_revision)
            if current.status == "retracted":
                raise Conflict(
                    f"fact '{fact_id}' is already retracted ({current.retracted_reason})"
                )
            new = replace(
                current, status="retracted", retracted_reason=reason,
                revision=current.revision + 1,
            )
            return self._write_change(
                current, new, "retract", actor=actor, guild_id=guild_id, reason=reason
            )

    def revert_fact(
        self,
        fact_id: str,
        *,
        revision: int,
        actor: str,
        guild_id: int | None,
        may_edit_knowledge: bool = False,
        expected_revision: int | None = None,
    ) -> Fact:
        """Restore the fact (and its status) as it was at ``revision``, as a new revision.
        ``expected_revision`` as for :meth:`edit_fact`."""
        with self._immediate():
            current = self.get_fact(fact_id, guild_id=guild_id)
            self._check_may_change(current, guild_id, may_edit_knowledge)
            self._check_base(current, expected_revision)
            snapshots: dict[int, dict[str, Any]] = {}
            for entry in self._audit_entries("fact", fact_id):
                if entry.after is not None and "revision" in entry.after:
                    snapshots[int(entry.after["revision"])] = entry.after
            if revision not in snapshots:
                known = ", ".join(str(n) for n in sorted(snapshots)) or "none"
                raise NotFound(
                    f"fact '{fact_id}' has no revision {revision} (known revisions: {known})"
                )
            if revision == current.revision:
                raise Conflict(f"fact '{fact_id}' is already at revision {revision}")
            old = snapshots[revision]
            record = {k: v for k, v in old.items() if k not in _BOOKKEEPING}
            new = self._validate_for(record, current)
            status = old.get("status", "active")
            new = replace(
                new,
                status=status,
                retracted_reason=old.get("retracted_reason") if status == "retracted" else None,
                revision=current.revision + 1,
            )
            return self._write_change(
                current,
                new,
                "revert",
                actor=actor,
                guild_id=guild_id,
                reason=f"reverted to revision {revision}",
            )

    # --- knowledge sync ---------------------------------------------------------------------

    @staticmethod
    def _hash_dir(directory: Path) -> dict[str, str]:
        """sha256 of each knowledge file's bytes, by name: the files load_knowledge_dir reads."""
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in directory.iterdir()
            if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
            and p.name != LEXICON_FILE
        }

    def _last_change(self, fact_id: str, *, knowledge_only: bool) -> dict[str, Any] | None:
        where = "entity = 'fact' AND entity_id = ?"
        if knowledge_only:
            where += " AND actor LIKE 'knowledge:%' AND after IS NOT NULL"
        rows = self.db["audit"].rows_where(where, [fact_id], order_by="id DESC", limit=1)
        return next(iter(rows), None)

    def load_knowledge(self, directory: Path) -> LoadReport:
        """Bring the knowledge files in ``directory`` into the store.

        Files whose sha256 matches the last load are skipped without parsing. If any file has
        a problem, :class:`ValidationError` lists them all and nothing changes. Otherwise all
        new/changed files are applied in one transaction: only records whose content changed
        are written and audited (actor ``knowledge:<file>``); facts gone from their file are
        retracted; a fact a moderator changed since its last load is kept, and the file's
        change is reported in ``conflicts``. A file with conflicts is not marked as loaded,
        so the conflict is reported again at every start until it is resolved (the file and
        the store agree, e.g. after ``export_to_dir``).
        """
        directory = Path(directory)
        report = LoadReport()
        if not directory.is_dir():
            report.warnings.append(
                f"knowledge directory {directory} does not exist or is not a directory; "
                "nothing loaded"
            )
            return report
        known = {r["path"]: r["sha256"] for r in self.db["knowledge_files"].rows}
        hashes = self._hash_dir(directory)
        if hashes == known:  # fast path: nothing to parse
            report.files_unchanged = len(known)
            return report

        kset = knowledge.load_knowledge_dir(directory)
        problems = [*kset.problems, *reserved_id_problems(kset)]
        if problems or not kset.ok:
            raise ValidationError(problems)

        # Knowledge directories are flat; origin_file is the name within the directory.
        files = [(Path(kf.path).name, kf) for kf in kset.files]
        changed = []
        for rel, kf in files:
            sha = hashes.get(rel) or kf.sha256
            if known.get(rel) == sha:
                report.files_unchanged += 1
            else:
                changed.append((rel, sha, kf))
        present = {rel for rel, _ in files}
        removed = sorted(set(known) - present)
        if not changed and not removed:
            return report

        all_fact_ids = {f.id for _, kf in files for f in kf.facts}
        conflicted: set[str] = set()
        with self._immediate():
            for rel, _sha, kf in changed:
                for entity, objs in (("event", kf.events), ("source", kf.sources)):
                    for obj in objs:
                        if not self._load_entity(entity, obj, rel, report):
                            conflicted.add(rel)
            for rel, _sha, kf in changed:
                for fact in kf.facts:
                    if not self._load_fact(fact, rel, report):
                        conflicted.add(rel)
            for rel in [r for r, _, _ in changed] + removed:
                if not self._retract_removed(rel, all_fact_ids, report):
                    conflicted.add(rel)
            now = _now()
            for rel, sha, _kf in changed:
                if rel not in conflicted:
                    self.db["knowledge_files"].upsert(
                        {"path": rel, "sha256": sha, "loaded_at": now}, pk="path"
                    )
            for rel in removed:
                if rel not in conflicted:
                    self.db["knowledge_files"].delete(rel)
        report.files_loaded = len(changed)
        report.files_removed = len(removed)
        return report

    def _load_entity(self, entity: str, obj: Event | Source, rel: str, report: LoadReport) -> bool:
        """Upsert one knowledge event or source; False when its id is a guild's."""
        table = "events" if entity == "event" else "sources"
        to_record = knowledge.event_to_record if entity == "event" else knowledge.source_to_record
        obj = replace(obj, origin=ORIGIN_KNOWLEDGE, origin_file=rel, guild_id=None)
        row = self._row(table, obj.id)
        actor = KNOWLEDGE_ACTOR + rel
        if row is None:
            self.db[table].insert(_to_row(obj))
            self._audit(
                entity,
                obj.id,
                "load",
                actor=actor,
                guild_id=None,
                before=None,
                after={**to_record(obj), "guild_id": None},
            )
        else:
            current = _event_from_row(row) if entity == "event" else _source_from_row(row)
            if current.guild_id is not None:
                report.conflicts.append(
                    f"{entity} '{obj.id}' in knowledge/{rel} has the same id as a {entity} "
                    "added in a server; rename the one in the file"
                )
                return False
            if _normalise(to_record(current)) == _normalise(to_record(obj)):
                if (current.origin, current.origin_file) != (obj.origin, obj.origin_file):
                    self.db[table].update(
                        obj.id, {"origin": obj.origin, "origin_file": obj.origin_file}
                    )
                return True
            values = _to_row(obj)
            del values["id"]
            self.db[table].update(obj.id, values)
            self._audit(
                entity,
                obj.id,
                "load",
                actor=actor,
                guild_id=None,
                before={**to_record(current), "guild_id": None},
                after={**to_record(obj), "guild_id": None},
            )
        if entity == "event":
            report.events_changed += 1
        else:
            report.sources_changed += 1
        return True

    def _moderator_conflict(
        self, fact_id: str, rel: str, what: str, file_content: dict[str, Any] | None
    ) -> str | None:
        """A conflict message if a moderator changed the fact last and the file changed it too.

        ``file_content`` is the file's version (None: the file removed the fact). If the file's
        version is what was last loaded, the file did not change this fact: no conflict.
        """
        last = self._last_change(fact_id, knowledge_only=False)
        if last is None or last["actor"].startswith(KNOWLEDGE_ACTOR):
            return None
        loaded = self._last_change(fact_id, knowledge_only=True)
        if loaded is not None and file_content is not None:
            if _snapshot_content(json.loads(loaded["after"])) == file_content:
                return ""  # the file did not change it: keep the moderator's version quietly
        day = datetime.fromisoformat(last["at"]).date().isoformat()
        return (
            f"fact '{fact_id}' was changed by {last['actor']} on {day}; knowledge/{rel} also "
            f"{what} it — review with factbot facts history {fact_id}"
        )

    def _load_fact(self, fact: Fact, rel: str, report: LoadReport) -> bool:
        """Upsert one knowledge fact; False when it conflicts (and is left as it is)."""
        fact = replace(
            fact, origin=ORIGIN_KNOWLEDGE, origin_file=rel, guild_id=None, retracted_reason=None
        )
        actor = KNOWLEDGE_ACTOR + rel
        row = self._row("facts", fact.id)
        if row is None:
            fact = replace(fact, revision=1)
            self.db["facts"].insert(_to_row(fact))
            self._audit(
                "fact",
                fact.id,
                "load",
                actor=actor,
                guild_id=None,
                before=None,
                after=_fact_snapshot(fact),
            )
            report.facts_added += 1
            return True
        current = _fact_from_row(row)
        if current.guild_id is not None:
            report.conflicts.append(
                f"fact '{fact.id}' in knowledge/{rel} has the same id as a fact added in a "
                "server; rename the one in the file"
            )
            return False
        bookkeeping = {
            "origin": ORIGIN_KNOWLEDGE,
            "origin_file": rel,
            "origin_line": fact.origin_line,
        }
        new_content = _fact_content(fact)
        if new_content == _fact_content(current):
            if any(getattr(current, k) != v for k, v in bookkeeping.items()):
                self.db["facts"].update(fact.id, bookkeeping)  # moved lines: not a change
            return True
        message = self._moderator_conflict(fact.id, rel, "changed", new_content)
        if message is not None:
            if message:
                report.conflicts.append(message)
                return False
            self.db["facts"].update(fact.id, bookkeeping)
            return True
        new = replace(fact, revision=current.revision + 1)
        values = _to_row(new)
        del values["id"]
        self.db["facts"].update(fact.id, values)
        self._audit(
            "fact",
            fact.id,
            "load",
            actor=actor,
            guild_id=None,
            before=_fact_snapshot(current),
            after=_fact_snapshot(new),
        )
        report.facts_updated += 1
        return True

    def _retract_removed(self, rel: str, keep: set[str], report: LoadReport) -> bool:
        """Retract the knowledge facts of ``rel`` that are in no file any more."""
        ok = True
        rows = self.db["facts"].rows_where(
            "origin = ? AND origin_file = ? AND guild_id IS NULL AND status != 'retracted'",
            [ORIGIN_KNOWLEDGE, rel],
            order_by="id",
        )
        for row in list(rows):
            if row["id"] in keep:
                continue
            current = _fact_from_row(row)
            message = self._moderator_conflict(current.id, rel, "removed", None)
            if message:
                report.conflicts.append(message)
                ok = False
                continue
            reason = f"removed from knowledge/{rel}"
            new = replace(
                current, status="retracted", retracted_reason=reason, revision=current.revision + 1
            )
            self.db["facts"].update(
                current.id,
                {"status": "retracted", "retracted_reason": reason, "revision": new.revision},
            )
            self._audit(
                "fact",
                current.id,
                "retract",
                actor=KNOWLEDGE_ACTOR + rel,
                guild_id=None,
                reason=reason,
                before=_fact_snapshot(current),
                after=_fact_snapshot(new),
            )
            report.facts_removed += 1
        return ok

    # --- export -----------------------------------------------------------------------------

    def export_yaml(self, *, guild_id: int | None = None) -> str:
        """Every visible record, all statuses (nothing is lost), in the file format."""
        return knowledge.dump_yaml(
            self.events(guild_id=guild_id),
            self.sources(guild_id=guild_id),
            self.facts(guild_id=guild_id, statuses=_ALL_STATUSES),
        )

    def export_to_dir(self, directory: Path, *, guild_id: int | None = None) -> list[Path]:
        """Write global records back as knowledge files, one per origin file.

        Knowledge records go back to their file, command-line ones to ``local.yaml``; with
        ``guild_id``, that guild's own records go to ``guild-<id>.yaml``. Each file is
        written atomically. Returns the paths written.
        """
        directory = Path(directory)
        groups: dict[str, tuple[list[Event], list[Source], list[Fact]]] = defaultdict(
            lambda: ([], [], [])
        )

        def file_for(obj: Event | Source | Fact) -> str:
            if obj.guild_id is not None:
                return f"guild-{obj.guild_id}.yaml"
            if obj.origin == ORIGIN_KNOWLEDGE and obj.origin_file:
                return obj.origin_file
            return LOCAL_FILE

        # In file order (the order records were first loaded, facts by line), so that
        # exporting into the knowledge directory gives a small diff.
        where, args = self._scope(guild_id)
        for row in self._rows("events", where, args, order_by="rowid"):
            event = _event_from_row(row)
            groups[file_for(event)][0].append(event)
        for row in self._rows("sources", where, args, order_by="rowid"):
            source = _source_from_row(row)
            groups[file_for(source)][1].append(source)
        order = "origin_line IS NULL, origin_line, rowid"
        for row in self._rows("facts", where, args, order_by=order):
            fact = _fact_from_row(row)
            groups[file_for(fact)][2].append(fact)

        written = []
        for name in sorted(groups):
            events, sources, facts = groups[name]
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            knowledge.write_atomic(path, knowledge.dump_yaml(events, sources, facts))
            written.append(path)
        return written
