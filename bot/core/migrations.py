"""The database schema, as ordered and recorded migrations.

Each migration is a function registered on :data:`MIGRATIONS` in the order it must run.
sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` applies the pending ones inside a
transaction each and records them (name + applied_at) in the ``migrations`` table, so
re-opening a database applies only what is new.

Never edit a migration that has shipped: add a new one. Column lists are spelled out here
(not derived from the dataclasses in ``models.py``) so that a schema is frozen in time; a new
field on ``Fact`` needs a new migration that adds its column.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations


class FactbotMigrations(Migrations):
    # One table named for what it holds; sqlite-utils records (migration_set, name, applied_at).
    migrations_table = "migrations"


MIGRATIONS = FactbotMigrations("factbot")


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    db["events"].create(
        {
            "id": str,
            "title": str,
            "when": str,  # ISO 8601 with offset (or a plain date)
            "where": str,
            "aliases": str,  # JSON list
            "origin": str,  # "knowledge", "guild" or "cli"
            "origin_file": str,
            "guild_id": int,  # NULL: global
        },
        pk="id",
        not_null={"title", "aliases", "origin"},
        defaults={"aliases": "[]"},
    )
    db["sources"].create(
        {
            "id": str,
            "title": str,
            "publisher": str,
            "published": str,  # YYYY-MM-DD
            "url": str,
            "origin": str,
            "origin_file": str,
            "guild_id": int,
        },
        pk="id",
        not_null={"title", "publisher", "published", "origin"},
    )
    db["facts"].create(
        {
            "id": str,
            "event": str,
            "source": str,
            "kind": str,
            "text": str,
            "reported_by": str,
            "attribute": str,
            "label": str,
            "quantities": str,  # JSON list of {"value", "unit"}
            "approximate": int,
            "time": str,
            "place": str,
            "speaker": str,
            "speaker_role": str,
            "quote": str,
            "about": str,  # JSON list
            "keywords": str,  # JSON list
            "status": str,
            "rank": int,
            "as_of": str,
            "expires": str,
            "revision": int,
            "origin": str,
            "origin_file": str,
            "origin_line": int,
            "guild_id": int,
            "retracted_reason": str,
        },
        pk="id",
        not_null={
            "event",
            "source",
            "kind",
            "text",
            "reported_by",
            "quantities",
            "approximate",
            "about",
            "keywords",
            "status",
            "rank",
            "revision",
            "origin",
        },
        defaults={
            "quantities": "[]",
            "approximate": 0,
            "about": "[]",
            "keywords": "[]",
            "status": "active",
            "rank": 0,
            "revision": 1,
        },
        foreign_keys=[("event", "events", "id"), ("source", "sources", "id")],
    )
    db["facts"].create_index(["event"])
    db["facts"].create_index(["guild_id"])
    db["events"].create_index(["guild_id"])
    db["sources"].create_index(["guild_id"])

    # Append-only: rows are never updated or deleted, so INTEGER PRIMARY KEY ids only grow.
    db["audit"].create(
        {
            "id": int,
            "entity": str,  # "fact", "event", "source"
            "entity_id": str,
            "action": str,  # "add", "edit", "retract", "revert", "load"
            "actor": str,  # "knowledge:<file>", "discord:<user id>", "cli"
            "at": str,  # UTC, ISO 8601
            "guild_id": int,  # the guild the change was made from; NULL for CLI/knowledge
            "reason": str,
            "before": str,  # JSON snapshot or NULL
            "after": str,  # JSON snapshot or NULL
        },
        pk="id",
        not_null={"entity", "entity_id", "action", "actor", "at"},
    )
    db["audit"].create_index(["entity", "entity_id"])

    db["knowledge_files"].create(
        {"path": str, "sha256": str, "loaded_at": str},
        pk="path",
        not_null={"sha256", "loaded_at"},
    )


@MIGRATIONS(name="0002_facts_fts")
def facts_fts(db: Database) -> None:
    # Moderators' search; triggers keep the index in step with every insert/update.
    db["facts"].enable_fts(
        ["text", "quote", "speaker", "keywords"], create_triggers=True, tokenize="porter"
    )


@MIGRATIONS(name="0002_match_terms")
def match_terms(db: Database) -> None:
    # The matcher's per-fact terms, cached so that start-up reads them instead of
    # re-normalising every fact: keyed by the fact's revision and the matcher's
    # normalisation version, so a stale row is simply recomputed.
    db["match_terms"].create(
        {
            "fact_id": str,
            "revision": int,
            "version": int,
            "terms": str,  # space-separated canonical terms
            "speaker_terms": str,
        },
        pk="fact_id",
    )


@MIGRATIONS(name="0003_match_terms_v2")
def match_terms_fields(db: Database) -> None:
    # The rewritten matcher caches more of each fact (key terms, features, surface words) and
    # versions the cache by a hash of the lexicon and the normaliser: the cache is rebuilt.
    db["match_terms"].drop(ignore=True)
    db["match_terms"].create(
        {
            "fact_id": str,
            "revision": int,
            "version": str,  # hash of the lexicon and the code that makes terms
            "terms": str,  # space-separated index terms
            "key_terms": str,
            "speaker_terms": str,
            "features": str,
            "words": str,  # surface words, for the typo corrector
        },
        pk="fact_id",
    )


@MIGRATIONS(name="0004_guild_synonyms")
def synonyms(db: Database) -> None:
    # Synonym groups moderators add in Discord (or with the CLI): merged into the lexicon
    # at question time, per guild; removing one keeps its row (status) and audit trail.
    db["synonyms"].create(
        {
            "id": int,
            "words": str,  # JSON list of words or phrases
            "guild_id": int,  # NULL: every guild (added with the CLI)
            "status": str,  # "active" or "removed"
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"words", "status", "created_by", "created_at"},
    )
    db["synonyms"].create_index(["guild_id", "status"])


@MIGRATIONS(name="0003_format_background_timezone_undated")
def format_background_timezone_undated(db: Database) -> None:
    # Issue 9 (knowledge format): an event may be background to a main event and may name
    # its local time zone; a source may be undated, so "published" becomes nullable.
    db["events"].add_column("background_of", str)
    db["events"].add_column("timezone", str)
    db["sources"].transform(not_null={"published": False})


@MIGRATIONS(name="0101_trust_loop")
def trust_loop(db: Database) -> None:
    """The trust loop (issue 11): every question asked, the unanswered ones grouped, who asked
    them, votes on answers, dismissed flags, per-guild settings and notification opt-outs."""
    db["asked"].create(
        {
            "id": int,
            "at": str,  # UTC, ISO 8601
            "day": str,  # YYYY-MM-DD (UTC), for per-day figures
            "guild_id": int,
            "channel_id": int,
            "user_id": int,
            "message_id": int,  # the asker's message, when asked by message
            "question": str,
            "status": str,  # answer, suggest, abstain, choose_event
            "confidence": float,
            "fact_ids": str,  # JSON list: the facts that answered
            "event": str,
            "candidates": str,  # JSON list of {"fact_id", "score"}: best candidates
            "reason": str,
            "gap_id": int,  # the unanswered-question group it was counted in, if any
        },
        pk="id",
        not_null={"at", "day", "question", "status", "confidence", "fact_ids", "candidates"},
    )
    db["asked"].create_index(["guild_id", "day"])
    db["gaps"].create(
        {
            "id": int,
            "guild_id": int,
            "question": str,  # the first wording asked
            "norm": str,  # canonical terms, for fuzzy grouping
            "first_at": str,
            "last_at": str,
            "count": int,
            "status": str,  # open, answered
            "event": str,  # the best candidate's event
            "candidates": str,  # JSON list of {"fact_id", "score"} from the latest asking
            "resolved_at": str,
            "resolved_by": str,  # fact id that answers it now
        },
        pk="id",
        not_null={"question", "norm", "first_at", "last_at", "count", "status", "candidates"},
    )
    db["gaps"].create_index(["guild_id", "status"])
    db["gap_askers"].create(
        {
            "gap_id": int,
            "user_id": int,
            "channel_id": int,
            "message_id": int,
            "asked_at": str,
            "notified_at": str,
        },
        pk=("gap_id", "user_id"),
        not_null={"asked_at"},
    )
    db["votes"].create(
        {
            "asked_id": int,
            "user_id": int,
            "guild_id": int,
            "vote": str,  # helpful, wrong, outdated
            "reason": str,
            "at": str,
            "fact_ids": str,  # JSON list, copied from the answer
        },
        pk=("asked_id", "user_id"),
        not_null={"vote", "at", "fact_ids"},
    )
    db["flag_dismissals"].create(
        {"guild_id": int, "fact_id": str, "at": str, "actor": str},
        pk=("guild_id", "fact_id"),
        not_null={"at", "actor"},
    )
    db["guild_settings"].create(
        {
            "guild_id": int,
            "answer_threshold": float,
            "suggest_threshold": float,
            "modlog_channel_id": int,
            "updated_at": str,
            "updated_by": str,
        },
        pk="guild_id",
    )
    db["notify_optout"].create({"user_id": int, "at": str}, pk="user_id", not_null={"at"})


@MIGRATIONS(name="0102_robust_guild_id_space")
def guild_id_space(db: Database) -> None:
    # Records made in a server move into that server's id space ("guild-<guild id>-<id>"), so a
    # knowledge file can never bind to, or collide with, a server's private record. The
    # references to them (facts.event/source, the audit trail, the term cache) follow.
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table, entity in (("events", "event"), ("sources", "source"), ("facts", "fact")):
        rows = db.execute(
            f"SELECT id, guild_id FROM {table} WHERE guild_id IS NOT NULL"
        ).fetchall()
        for old_id, guild_id in rows:
            prefix = f"guild-{guild_id}-"
            if old_id.startswith(prefix):
                continue
            new_id = (prefix + old_id)[:80]
            db.execute(f"UPDATE {table} SET id = ? WHERE id = ?", [new_id, old_id])
            db.execute(
                "UPDATE audit SET entity_id = ? WHERE entity = ? AND entity_id = ?",
                [new_id, entity, old_id],
            )
            if table == "facts":
                db.execute(
                    "UPDATE match_terms SET fact_id = ? WHERE fact_id = ?", [new_id, old_id]
                )
            else:
                db.execute(
                    f"UPDATE facts SET {entity} = ? WHERE {entity} = ? AND guild_id = ?",
                    [new_id, old_id, guild_id],
                )


@MIGRATIONS(name="0103_asked_by_channel")
def asked_by_channel(db: Database) -> None:
    # A question that names no event is read in the event the channel was last answered
    # about: that look-up is by channel and time.
    db["asked"].create_index(["channel_id", "at"], if_not_exists=True)


@MIGRATIONS(name="0104_time_precision")
def time_precision(db: Database) -> None:
    # A time may be given with less than a clock time or a day: a part of a day ("Wednesday
    # evening"), a month ("July 2009") or a year. The time columns keep the date-only time
    # (12:00 UTC) of its (first) day; these say how much of it the report gave. NULL: a
    # clock time or a whole day, as every row before.
    db["facts"].add_column("time_precision", str)  # morning, afternoon, evening, night,
    db["facts"].add_column("as_of_precision", str)  # month or year
    db["events"].add_column("when_precision", str)


@MIGRATIONS(name="0105_time_until")
def time_until(db: Database) -> None:
    # A time fact may give a window ("closed from 22:00 Friday to 06:00 Saturday"): its end,
    # stored as ``time`` is (ISO 8601 with its offset, or the date-only time with a
    # precision). NULL: one moment, as every row before.
    db["facts"].add_column("until", str)
    db["facts"].add_column("until_precision", str)


def apply_migrations(db: Database) -> list[str]:
    """Apply pending migrations; return the names of those applied now."""
    pending = [m.name for m in MIGRATIONS.pending(db)]
    if pending:
        MIGRATIONS.apply(db)
    return pending
