"""The ``factbot`` command line (click). Thin: parse, call the core, print.

Core errors become one clear line (``click.ClickException``) and a non-zero exit code,
never a traceback: 1 for bad data or a failed check, 2 for bad usage or configuration.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.config import Config, load_config, with_overrides
from bot.core.errors import ConfigError, FactbotError, ValidationError

if TYPE_CHECKING:
    from bot.core.models import Answer


class CliError(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"factbot: {self.format_message()}", err=True)


def _fail(exc: FactbotError) -> CliError:
    code = 2 if isinstance(exc, ConfigError) else 1
    return CliError(str(exc), exit_code=code)


class _State:
    def __init__(self, config: Config):
        self.config = config
        self._engine = None

    def engine(self):  # noqa: ANN201 - lazy import keeps `factbot --help` fast
        if self._engine is None:
            from bot.core.engine import Engine

            try:
                self._engine = Engine.open(self.config)
            except FactbotError as exc:
                raise _fail(exc) from None
            report = self._engine.load_report
            if report is not None:
                for line in [*report.warnings, *report.conflicts]:
                    click.echo(f"factbot: warning: {line}", err=True)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()


pass_state = click.make_pass_decorator(_State)

EXPECT_HELP = ("The revision you based the change on (see facts show); refused, with the "
               "current text, if the fact changed since.")


# fields whose --set value is read as YAML (lists, numbers, true/false)
_STRUCTURED_FIELDS = frozenset({"values", "about", "keywords", "approximate", "rank"})


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML config file (see config.example.yaml). Default: built-in defaults.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database file. Default: data/factbot.db")
@click.option("--knowledge", "knowledge_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory of knowledge YAML files. Default: knowledge/")
@click.version_option(package_name="factbot")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, db_path: Path | None,
        knowledge_dir: Path | None) -> None:
    """factbot: answers questions about reported news events with cited facts.

    With no command: run the Discord bot when a token is configured, else the local
    console.
    """
    try:
        config = with_overrides(load_config(config_path), database=db_path,
                                knowledge_dir=knowledge_dir)
    except FactbotError as exc:
        raise _fail(exc) from None
    state = _State(config)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        if config.token():
            ctx.invoke(run)
        else:
            click.echo(
                f"factbot: no Discord token in ${config.discord.token_env}; "
                "starting the local console (database "
                f"{config.database}, knowledge {config.knowledge_dir}).",
                err=True,
            )
            ctx.invoke(console)


# --- asking ------------------------------------------------------------------------------------


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@click.option("--guild", type=int, default=None, help="Answer as in this Discord guild.")
@pass_state
def ask(state: _State, question: str, as_json: bool, guild: int | None) -> None:
    """Answer QUESTION; use - to read one question per line from standard input."""
    from bot.core.answer import answer_to_json
    from bot.core.conversation import Conversation
    from bot.terminal import format_answer

    engine = state.engine()
    questions = (
        (line.strip() for line in sys.stdin if line.strip()) if question == "-" else [question]
    )
    talk = Conversation(state.config.loop.context_minutes)  # (lines of - are one conversation)
    for q in questions:
        answer = engine.ask(q, guild_id=guild, context=talk.context())
        talk.heard(answer)
        if as_json:
            click.echo(json.dumps(answer_to_json(answer), ensure_ascii=False))
        else:
            click.echo(format_answer(answer))
            if question == "-":
                click.echo()


@cli.command()
@click.option("--guild", type=int, default=None, help="Answer as in this Discord guild.")
@pass_state
def console(state: _State, guild: int | None) -> None:
    """Ask questions interactively (the local console; no Discord needed)."""
    from bot.core.conversation import Conversation
    from bot.terminal import run_console

    engine = state.engine()
    talk = Conversation(state.config.loop.context_minutes)

    def ask_in_turn(q: str) -> Answer:
        answer = engine.ask(q, guild_id=guild, context=talk.context())
        talk.heard(answer)
        return answer

    code = run_console(
        ask_in_turn,
        lambda: engine.list_facts(guild_id=guild),
        stdin=sys.stdin,
        stdout=sys.stdout,
        interactive=sys.stdin.isatty(),
    )
    sys.exit(code)


# --- knowledge ---------------------------------------------------------------------------------


@cli.command()
@pass_state
def validate(state: _State) -> None:
    """Check the knowledge files; exit 1 and list every problem if any."""
    from bot.core.knowledge import load_knowledge_dir
    from bot.core.lexicon import LEXICON_FILE, lexicon_for

    knowledge_dir = Path(state.config.knowledge_dir)
    kset = load_knowledge_dir(knowledge_dir)
    from bot.core.store import reserved_id_problems

    problems = [*kset.problems, *reserved_id_problems(kset)]
    lexicon = None
    try:
        lexicon = lexicon_for(knowledge_dir)
    except ValidationError as exc:
        problems += sorted(exc.problems, key=lambda p: p.line or 0)  # in file order
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        raise CliError(f"{len(problems)} problem(s) in {knowledge_dir}")
    assert lexicon is not None
    own = (knowledge_dir / LEXICON_FILE).is_file()
    click.echo(
        f"ok: {len(kset.files)} file(s), {len(kset.events)} event(s), "
        f"{len(kset.sources)} source(s), {len(kset.facts)} fact(s); "
        f"{LEXICON_FILE if own else f'no {LEXICON_FILE} here, so the shipped one'}: "
        f"{len(lexicon.synonyms)} synonym group(s), {len(lexicon.phrases)} phrase(s), "
        f"{len(lexicon.attributes)} attribute(s), {len(lexicon.time_zones)} time zone name(s)"
    )


@cli.group()
def facts() -> None:
    """List, show and change facts in the store."""


@facts.command("list")
@click.option("--event", default=None, help="Only this event's facts.")
@click.option("--guild", type=int, default=None, help="Include this guild's facts.")
@click.option("--all", "include_retracted", is_flag=True, help="Include retracted facts.")
@pass_state
def facts_list(state: _State, event: str | None, guild: int | None,
               include_retracted: bool) -> None:
    """One line per fact: id, status, kind, text."""
    rows = state.engine().list_facts(guild_id=guild, event=event,
                                     include_retracted=include_retracted)
    for f in rows:
        click.echo(f"{f.id:<40} {f.status:<9} {f.kind:<11} {f.text[:80]}")
    click.echo(f"({len(rows)} fact(s))", err=True)


@facts.command("show")
@click.argument("fact_id")
@click.option("--guild", type=int, default=None, help="Look in this guild's facts too.")
@pass_state
def facts_show(state: _State, fact_id: str, guild: int | None) -> None:
    """Show one fact as its YAML record."""
    from bot.terminal import format_fact

    try:
        click.echo(format_fact(state.engine().get_fact(fact_id, guild_id=guild)))
    except FactbotError as exc:
        raise _fail(exc) from None


@facts.command("history")
@click.argument("fact_id")
@click.option("--guild", type=int, default=None, help="Look in this guild's facts too.")
@pass_state
def facts_history(state: _State, fact_id: str, guild: int | None) -> None:
    """Every recorded change to a fact: who, when, what."""
    from bot.terminal import format_history

    try:
        click.echo(format_history(state.engine().history(fact_id, guild_id=guild)))
    except FactbotError as exc:
        raise _fail(exc) from None


@facts.command("retract")
@click.argument("fact_id")
@click.option("--reason", required=True, help="Why (kept in the audit trail).")
@click.option("--guild", type=int, default=None, help="The fact belongs to this guild.")
@click.option("--expect-revision", type=click.IntRange(min=1), default=None,
              help=EXPECT_HELP)
@pass_state
def facts_retract(state: _State, fact_id: str, reason: str, guild: int | None,
                  expect_revision: int | None) -> None:
    """Stop using a fact in answers (it stays in the history)."""
    try:
        f = state.engine().retract_fact(fact_id, reason=reason, actor="cli", guild_id=guild,
                                        expected_revision=expect_revision)
    except FactbotError as exc:
        raise _fail(exc) from None
    click.echo(f"retracted {f.id} (revision {f.revision})")


@facts.command("revert")
@click.argument("fact_id")
@click.option("--revision", type=int, required=True, help="The revision to restore.")
@click.option("--guild", type=int, default=None, help="The fact belongs to this guild.")
@click.option("--expect-revision", type=click.IntRange(min=1), default=None,
              help=EXPECT_HELP)
@pass_state
def facts_revert(state: _State, fact_id: str, revision: int, guild: int | None,
                 expect_revision: int | None) -> None:
    """Restore a fact as it was at an earlier revision (as a new revision)."""
    try:
        f = state.engine().revert_fact(fact_id, revision=revision, actor="cli", guild_id=guild,
                                       expected_revision=expect_revision)
    except FactbotError as exc:
        raise _fail(exc) from None
    click.echo(f"reverted {f.id} to revision {revision}; now revision {f.revision} ({f.status})")


@facts.command("edit")
@click.argument("fact_id")
@click.option("--set", "assignments", multiple=True, required=True, metavar="FIELD=VALUE",
              help="A field in the knowledge file format, e.g. --set 'text=The missile flew "
                   "250 km.' (VALUE is read as YAML: --set 'values=[250 km]'; empty removes "
                   "the field). Repeat for several fields.")
@click.option("--reason", default=None, help="Why (kept in the audit trail).")
@click.option("--guild", type=int, default=None, help="The fact belongs to this guild.")
@click.option("--expect-revision", type=click.IntRange(min=1), default=None,
              help=EXPECT_HELP)
@pass_state
def facts_edit(state: _State, fact_id: str, assignments: tuple[str, ...], reason: str | None,
               guild: int | None, expect_revision: int | None) -> None:
    """Change fields of a fact (a new revision; the old one stays in the history)."""
    import yaml

    changes: dict[str, object] = {}
    for item in assignments:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"--set {item!r}: write FIELD=VALUE, e.g. --set 'text=...'", 2)
        key = key.strip()
        value: object = raw.strip() or None  # text as typed ("said: 240 km" stays text)
        if value is not None and (key in _STRUCTURED_FIELDS or raw.lstrip()[:1] in "[{"):
            try:
                value = yaml.safe_load(raw)
            except yaml.YAMLError as exc:
                raise CliError(f"--set {key}=...: not valid YAML ({exc.problem})", 2) from None
        changes[key] = value
    try:
        f = state.engine().edit_fact(fact_id, changes, actor="cli", guild_id=guild,
                                     reason=reason, may_edit_knowledge=True,
                                     expected_revision=expect_revision)
    except FactbotError as exc:
        raise _fail(exc) from None
    click.echo(f"edited {f.id}; now revision {f.revision}")


@cli.group()
def events() -> None:
    """List the events in the store."""


@events.command("list")
@click.option("--guild", type=int, default=None, help="Include this guild's events.")
@pass_state
def events_list(state: _State, guild: int | None) -> None:
    """One line per event: id and title."""
    rows = state.engine().events(guild_id=guild)
    for e in rows:
        click.echo(f"{e.id:<40} {e.title[:100]}")
    click.echo(f"({len(rows)} event(s))", err=True)


@cli.group()
def sources() -> None:
    """List the sources in the store."""


@sources.command("list")
@click.option("--guild", type=int, default=None, help="Include this guild's sources.")
@pass_state
def sources_list(state: _State, guild: int | None) -> None:
    """One line per source: id, publisher and title."""
    rows = state.engine().sources(guild_id=guild)
    for src in rows:
        click.echo(f"{src.id:<40} {src.publisher[:30]:<30} {src.title[:80]}")
    click.echo(f"({len(rows)} source(s))", err=True)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory to write to. Default: the knowledge directory.")
@click.option("--guild", type=int, default=None,
              help="Also write this guild's records (needs --out or --stdout: never into "
                   "the knowledge directory).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print one YAML document instead.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "claimreview"]), default="yaml",
              show_default=True,
              help="yaml: the knowledge files; claimreview: schema.org ClaimReview JSON-LD "
                   "(facts with a source link), printed or written to --out as claimreview.json.")
@pass_state
def export(state: _State, out_dir: Path | None, guild: int | None, to_stdout: bool,
           fmt: str) -> None:
    """Write the store back to YAML (atomically: a crash never leaves a broken file), or the
    facts with a source link as ClaimReview JSON-LD for fact-checkers."""
    engine = state.engine()
    knowledge_dir = Path(state.config.knowledge_dir)
    if guild is not None and out_dir is not None and _same_dir(out_dir, knowledge_dir):
        # the knowledge directory is shared with every server: never a server's records
        raise CliError(
            f"--guild writes that server's private records: give --out DIR (not the "
            f"knowledge directory {knowledge_dir}) or --stdout", 2
        )
    if fmt == "claimreview":
        text = json.dumps(engine.claim_reviews(guild_id=guild), ensure_ascii=False, indent=2)
        if out_dir is None:
            click.echo(text)
            return
        target = out_dir / "claimreview.json"
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(text + "\n", encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            raise CliError(f"{target}: cannot write: {exc.strerror}") from None
        click.echo(f"wrote {target}")
        return
    if to_stdout:
        click.echo(engine.export_yaml(guild_id=guild), nl=False)
        return
    if guild is not None and out_dir is None:  # the default target is the knowledge dir
        raise CliError(
            f"--guild writes that server's private records: give --out DIR (not the "
            f"knowledge directory {knowledge_dir}) or --stdout", 2
        )
    target = out_dir or knowledge_dir
    try:
        paths = engine.store.export_to_dir(target, guild_id=guild)
    except FactbotError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write: {exc.strerror}") from None
    for p in paths:
        click.echo(f"wrote {p}")


# --- synonyms ------------------------------------------------------------------------------------


def _problems_line(exc: FactbotError) -> CliError:
    """A core error as one line: problems of typed input have no file to point at."""
    if isinstance(exc, ValidationError) and all(p.file is None for p in exc.problems):
        text = "; ".join(f"{p.where}: {p.message}" for p in exc.problems)
        return CliError(text, exit_code=1)
    return _fail(exc)


def _scope_name(guild_id: int | None) -> str:
    return "every guild" if guild_id is None else f"guild {guild_id}"


@cli.group()
def synonyms() -> None:
    """Synonym groups: words that mean the same when matching questions, added without a
    release (as /synonym does in Discord). Shipped ones are in knowledge/lexicon.yaml."""


@synonyms.command("add")
@click.argument("words")
@click.option("--guild", type=int, default=None,
              help="Only for this Discord guild (default: every guild).")
@pass_state
def synonyms_add(state: _State, words: str, guild: int | None) -> None:
    """Add a synonym group.

    WORDS are two or more words or phrases that mean the same, separated by commas, e.g.
    "evac, evacuation". Questions use the group at once (a running bot: from its next
    question)."""
    from bot.core.synonyms import split_words

    try:
        group = state.engine().add_synonyms(split_words(words), actor="cli", guild_id=guild)
    except FactbotError as exc:
        raise _problems_line(exc) from None
    click.echo(f"added synonym group #{group.id} ({_scope_name(group.guild_id)}): "
               f"{' · '.join(group.words)}")


@synonyms.command("list")
@click.option("--guild", type=int, default=None,
              help="Also list this Discord guild's groups (default: the global ones only).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per group.")
@pass_state
def synonyms_list(state: _State, guild: int | None, as_json: bool) -> None:
    """List the synonym groups.

    The global ones (added here) and, with --guild, that Discord guild's."""
    groups = state.engine().list_synonyms(guild_id=guild)
    if as_json:
        for g in groups:
            click.echo(json.dumps({
                "id": g.id, "words": list(g.words), "guild": g.guild_id,
                "created_by": g.created_by, "created_at": g.created_at.isoformat(),
            }, ensure_ascii=False))
        return
    for g in groups:
        scope = "global" if g.is_global else f"guild {g.guild_id}"
        click.echo(f"#{g.id:<5} {scope:<26} {' · '.join(g.words)}  "
                   f"({g.created_by}, {g.created_at:%Y-%m-%d})")
    click.echo(f"({len(groups)} group(s))", err=True)


@synonyms.command("remove")
@click.argument("group_id", metavar="ID", type=int)
@click.option("--reason", default=None, help="Why (kept in the audit trail).")
@click.option("--guild", type=int, default=None,
              help="The group belongs to this Discord guild (default: a global group).")
@pass_state
def synonyms_remove(state: _State, group_id: int, reason: str | None,
                    guild: int | None) -> None:
    """Remove a synonym group.

    Questions stop using group ID (see factbot synonyms list); it stays in the audit
    trail."""
    try:
        group = state.engine().remove_synonyms(group_id, actor="cli", guild_id=guild,
                                               reason=reason)
    except FactbotError as exc:
        raise _problems_line(exc) from None
    click.echo(f"removed synonym group #{group.id} ({_scope_name(group.guild_id)}): "
               f"{' · '.join(group.words)}")


# --- the trust loop ------------------------------------------------------------------------------


def _scope_options(fn):  # noqa: ANN001, ANN201 - a click decorator
    fn = click.option("--guild", type=int, default=None,
                      help="Only this Discord guild (default: every guild).")(fn)
    fn = click.option("--days", type=click.IntRange(min=1, max=3650), default=None,
                      help="How many days back (default: loop.gaps_days from the config).")(fn)
    return fn


@cli.command()
@_scope_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@pass_state
def gaps(state: _State, guild: int | None, days: int | None, as_json: bool) -> None:
    """The most-asked questions the bot could not answer well (as /gaps shows them)."""
    days = days or state.config.loop.gaps_days
    found = state.engine().gaps(guild_id=guild, days=days, all_guilds=guild is None)
    if as_json:
        for gap in found:
            click.echo(json.dumps({
                "id": gap.id, "guild": gap.guild_id, "question": gap.question,
                "count": gap.count, "askers": gap.askers, "last_at": gap.last_at.isoformat(),
                "event": gap.event,
                "candidates": [{"fact_id": c.fact_id, "score": c.score} for c in gap.candidates],
            }, ensure_ascii=False))
        return
    if not found:
        click.echo(f"No unanswered questions in the last {days} days.")
        return
    click.echo(f"Unanswered questions, last {days} days, most asked first:")
    for gap in found:
        best = ", ".join(f"{c.fact_id} {c.score:.0%}" for c in gap.candidates[:3]) or "none"
        where = f" guild {gap.guild_id}" if guild is None and gap.guild_id else ""
        click.echo(f"#{gap.id:<4} {gap.count:>3}x by {gap.askers} {gap.question!r}{where}")
        click.echo(f"       closest: {best}")


@cli.command()
@_scope_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the chart /stats shows, as a PNG file.")
@pass_state
def stats(state: _State, guild: int | None, days: int | None, as_json: bool,
          chart: Path | None) -> None:
    """Questions per day, the shares answered, abstained and flagged, the most-asked facts
    and events, and the median confidence."""
    from bot.core.stats import stats_text

    days = days or state.config.loop.gaps_days
    figures = state.engine().stats(guild_id=guild, days=days, all_guilds=guild is None)
    if chart is not None:
        from bot.core.charts import stats_chart_png

        try:
            chart.write_bytes(stats_chart_png(figures))
        except OSError as exc:
            raise CliError(f"{chart}: cannot write: {exc.strerror}") from None
    if as_json:
        click.echo(json.dumps({
            "since": figures.since.isoformat(), "until": figures.until.isoformat(),
            "questions": figures.questions, "answered": figures.answered,
            "abstained": figures.abstained, "flagged": figures.flagged,
            "median_confidence": figures.median_confidence,
            "per_day": [{"day": d.day.isoformat(), "answered": d.answered,
                         "abstained": d.abstained} for d in figures.per_day],
            "top_facts": [list(x) for x in figures.top_facts],
            "top_events": [list(x) for x in figures.top_events],
        }))
    else:
        click.echo(stats_text(figures))
    if chart is not None:
        click.echo(f"wrote {chart}", err=as_json)


# --- quality and speed -------------------------------------------------------------------------


def _threshold_range(ctx: click.Context, param: click.Parameter, value: str | None):
    """``START:STOP:STEP`` -> the thresholds (inclusive)."""
    if value is None:
        return None
    from bot.core.evaluate import threshold_range

    try:
        start, stop, step = (float(x) for x in value.split(":"))
    except ValueError:
        raise click.BadParameter("give START:STOP:STEP, e.g. 0.30:0.80:0.05") from None
    try:
        return threshold_range(start, stop, step)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _range_options(fn):  # noqa: ANN001, ANN202 - a click decorator
    fn = click.option("--suggest-range", callback=_threshold_range, metavar="START:STOP:STEP",
                      help="'Did you mean' thresholds of the table (default "
                           "0.10:0.45:0.05).")(fn)
    return click.option("--answer-range", callback=_threshold_range, metavar="START:STOP:STEP",
                        help="Answer thresholds of the table (default 0.30:0.80:0.05).")(fn)


def _grid(default, answer_range, suggest_range):  # noqa: ANN001, ANN202
    from bot.core.evaluate import ANSWER_RANGE, SUGGEST_RANGE, sweep_grid

    return sweep_grid(default, answer_range or ANSWER_RANGE, suggest_range or SUGGEST_RANGE)


def _summary_line(report) -> str:  # noqa: ANN001
    c = report.counts
    return (
        f"{report.total} questions: right {c['right']}, wrong {c['wrong']}, "
        f"abstained-right {c['abstained_right']}, abstained-wrong {c['abstained_wrong']}; "
        f"accuracy {report.accuracy:.1%}; answered-but-should-abstain "
        f"{report.answered_unanswerable}"
    )


def _below(report, min_accuracy: float | None) -> bool:  # noqa: ANN001
    return min_accuracy is not None and (
        report.accuracy < min_accuracy or report.answered_unanswerable > 0)


@cli.command("eval")
@click.argument("question_files", metavar="FILE...", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--min-accuracy", type=float, default=None,
              help="Exit 1 if a file's accuracy is below this (0-1) or any unanswerable was "
                   "answered.")
@click.option("--sweep", "--thresholds", "sweep", is_flag=True,
              help="Also decide every question at a range of answer and 'did you mean' "
                   "thresholds and print the table (the one in use marked *); a range "
                   "option implies it.")
@_range_options
@pass_state
def eval_cmd(state: _State, question_files: tuple[Path, ...], as_json: bool,
             min_accuracy: float | None, sweep: bool, answer_range, suggest_range) -> None:
    """Score the bot on question sets (format: shared/eval/dev_questions.yaml); with several
    FILEs, each one and the total."""
    from bot.core.evaluate import EvalReport, Sweep, load_questions, sweep_table, total_rows

    sweep = sweep or answer_range is not None or suggest_range is not None
    problems = []
    item_sets = []
    for path in question_files:
        try:
            item_sets.append(load_questions(path))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise _fail(ValidationError(problems))
    engine = state.engine()
    default = engine.thresholds
    grid = _grid(default, answer_range, suggest_range) if sweep else []
    sources = {source.id: source for source in engine.sources()}
    reports, tables = [], []
    for items in item_sets:
        run = Sweep(engine, items, sources=sources)
        reports.append(run.report())
        tables.append(run.rows(grid, default) if sweep else [])
    total = EvalReport([o for r in reports for o in r.outcomes])
    total_table = total_rows(tables) if sweep else []
    several = len(question_files) > 1
    if as_json:
        def one(path: Path | None, report: EvalReport, rows: list) -> dict:
            out = {"file": str(path)} if path is not None else {}
            out.update(report.to_json())
            if sweep:
                out["thresholds"] = [r.to_json() for r in rows]
            return out

        if several:
            doc = {"files": [one(p, r, t) for p, r, t in zip(question_files, reports, tables,
                                                              strict=True)],
                   "total": one(None, total, total_table)}
            doc["total"].pop("failures")
        else:
            doc = one(question_files[0], reports[0], tables[0])
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for path, report, rows in zip(question_files, reports, tables, strict=True):
            if several:
                click.echo(f"== {path}")
            for o in report.failures():
                expected = "no answer" if o.item.abstain else " / ".join(o.item.expect)
                click.echo(f"FAIL {o.outcome}: {o.item.question}\n"
                           f"     expected: {expected}\n     got: {o.answer.text[:200]}")
            click.echo(_summary_line(report))
            if sweep:
                click.echo(sweep_table(rows))
        if several:
            click.echo(f"== total of {len(question_files)} files")
            click.echo(_summary_line(total))
            if sweep:
                click.echo(sweep_table(total_table))
    if any(_below(r, min_accuracy) for r in reports):
        sys.exit(1)


def _typo_line(name: str, report) -> str:  # noqa: ANN001
    return (f"{name}  {report.share_kept:6.1%}  kept {report.kept} of {report.tried} right "
            f"answers ({report.skipped} with too few words of five letters to mistype)")


@cli.command("eval-public")
@click.argument("eval_dirs", metavar="DIR...", nargs=-1, required=True,
                type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--together", is_flag=True,
              help="Load every set's events into one store (a server reporting them all) "
                   "and ask each set's questions there, each on its own (no conversation).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--failures", "show_failures", is_flag=True,
              help="Also list each set's failures.")
@click.option("--min-accuracy", type=float, default=None,
              help="Exit 1 if a set's accuracy is below this (0-1) or any unanswerable was "
                   "answered.")
@click.option("--typos", type=click.IntRange(min=1, max=3), default=None,
              help="Also ask every question answered right again with this many typos in "
                   "it, and say how many stay right.")
@click.option("--typo-seed", type=int, default=7, show_default=True,
              help="Seed of the typos (the same seed, the same typos).")
@_range_options
@pass_state
def eval_public(state: _State, eval_dirs: tuple[Path, ...], together: bool, as_json: bool,
                show_failures: bool, min_accuracy: float | None, typos: int | None,
                typo_seed: int, answer_range, suggest_range) -> None:
    """Score every public set of each DIR (shared/eval) as its README says: the top-level
    sets against the knowledge directory, each events/ set against it plus its own knowledge
    file (in a temporary store); one line per set, then the threshold table over all.
    With --together, one store holds every set's events. With --typos, each set's right
    answers are asked again mistyped (bot/core/robustness)."""
    import shutil
    import tempfile
    from dataclasses import replace as dc_replace

    from bot.core.engine import Engine
    from bot.core.evaluate import (
        EvalReport,
        Sweep,
        knowledge_copy,
        load_questions,
        public_sets,
        sweep_table,
        total_rows,
    )
    from bot.core.robustness import TypoReport, typo_robustness

    try:
        sets = [s for eval_dir in eval_dirs for s in public_sets(eval_dir)]
        items = [load_questions(s.questions) for s in sets]
    except ValidationError as exc:
        raise _fail(exc) from None
    base = state.config
    default = None
    reports, tables = [], []
    typo_reports: list[TypoReport] = []
    with tempfile.TemporaryDirectory(prefix="factbot-eval-") as tmp:
        shared = None
        if together:  # every set's own files, each once, under a name of its own
            extra = list(dict.fromkeys(p.resolve() for pset in sets for p in pset.extra))
            kdir = knowledge_copy(Path(base.knowledge_dir), [], Path(tmp) / "all" / "knowledge")
            for n, path in enumerate(extra):
                shutil.copyfile(path, kdir / f"{n:03d}-{path.name}")
            try:
                shared = Engine.open(dc_replace(base, database=Path(tmp) / "all" / "eval.db",
                                                knowledge_dir=kdir))
            except FactbotError as exc:
                raise CliError(f"the sets together: {exc}", exit_code=_fail(exc).exit_code
                               ) from None
        for n, (pset, questions) in enumerate(zip(sets, items, strict=True)):
            where = Path(tmp) / f"set{n}"
            if shared is not None:
                engine = shared
            else:
                kdir = knowledge_copy(Path(base.knowledge_dir), pset.extra, where / "knowledge")
                try:
                    engine = Engine.open(dc_replace(base, database=where / "eval.db",
                                                    knowledge_dir=kdir))
                except FactbotError as exc:
                    raise CliError(f"set {pset.name}: {exc}", exit_code=_fail(exc).exit_code
                                   ) from None
            try:
                loaded = engine.load_report
                for line in [*loaded.warnings, *loaded.conflicts] if loaded else []:
                    click.echo(f"factbot: warning: {pset.name}: {line}", err=True)
                default = engine.thresholds
                run = Sweep(engine, questions,
                            sources={source.id: source for source in engine.sources()})
                reports.append(run.report())
                tables.append(run.rows(_grid(default, answer_range, suggest_range), default))
                if typos:
                    typo_reports.append(typo_robustness(reports[-1], engine.ask,
                                                        typos=typos, seed=typo_seed))
            finally:
                if engine is not shared:
                    engine.close()
        if shared is not None:
            shared.close()
    total = EvalReport([o for r in reports for o in r.outcomes])
    table = total_rows(tables)
    typo_total = TypoReport(typos or 0, typo_seed)
    for t in typo_reports:
        typo_total.add(t)
    if as_json:
        doc = {
            "sets": [{"name": s.name, "questions": str(s.questions),
                      "knowledge": [str(p) for p in s.extra], **r.to_json()}
                     for s, r in zip(sets, reports, strict=True)],
            "total": {k: v for k, v in total.to_json().items() if k != "failures"},
            "thresholds": [r.to_json() for r in table],
        }
        if typos:
            for entry, t in zip(doc["sets"], typo_reports, strict=True):
                entry["typos"] = t.to_json()
            doc["total"]["typos"] = {k: v for k, v in typo_total.to_json().items()
                                     if k != "failures"}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        width = max(len(s.name) for s in sets)
        for pset, report in zip(sets, reports, strict=True):
            if show_failures:
                for o in report.failures():
                    expected = "no answer" if o.item.abstain else " / ".join(o.item.expect)
                    click.echo(f"FAIL {pset.name} {o.outcome}: {o.item.question}\n"
                               f"     expected: {expected}\n     got: {o.answer.text[:200]}")
            click.echo(f"{pset.name.ljust(width)}  {report.accuracy:6.1%}  "
                       f"{_summary_line(report)}")
        click.echo(f"{'all'.ljust(width)}  {total.accuracy:6.1%}  {_summary_line(total)}")
        if typos:
            click.echo(f"with {typos} typo{'s' if typos > 1 else ''} in each question "
                       f"answered right (seed {typo_seed}):")
            for pset, t in zip(sets, typo_reports, strict=True):
                if show_failures:
                    for f in t.failures():
                        click.echo(f"FAIL {pset.name} {f.outcome}: {f.typed}\n"
                                   f"     (asked right as: {f.question})")
                click.echo(_typo_line(pset.name.ljust(width), t))
            click.echo(_typo_line("all".ljust(width), typo_total))
        click.echo(f"thresholds over all {total.total} questions "
                   f"(* the configured ones, answer {default.answer:.2f} and suggest "
                   f"{default.suggest:.2f}):")
        click.echo(sweep_table(table))
    if any(_below(r, min_accuracy) for r in reports):
        sys.exit(1)


@cli.command("eval-passages")
@click.argument("passage_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Ask at most this many questions.")
def eval_passages(passage_file: Path, as_json: bool, limit: int | None) -> None:
    """Score the sentence fallback on passages with questions (SQuAD 2.0 JSON lines)."""
    from bot.core.evaluate import evaluate_passages, load_passages

    try:
        rows = load_passages(passage_file)
    except ValidationError as exc:
        raise _fail(exc) from None
    report = evaluate_passages(rows, limit=limit)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    c = report.counts
    click.echo(
        f"{report.total} questions ({report.answerable} answerable, {report.unanswerable} not): "
        f"right {c['right']}, wrong {c['wrong']}, abstained-right {c['abstained_right']}, "
        f"abstained-wrong {c['abstained_wrong']}\n"
        f"accuracy {report.accuracy:.1%}; precision of answers {report.precision:.1%}; "
        f"answered an unanswerable question {c['answered_unanswerable']} times; "
        f"gold sentence shown (answer or did-you-mean) for {report.top3} of "
        f"{report.answerable} answerable"
    )


@cli.command()
@click.option("--facts", "n_facts", type=click.IntRange(min=10), default=100_000, show_default=True,
              help="How many synthetic facts to build.")
@click.option("--questions", "n_questions", type=click.IntRange(min=10), default=400,
              show_default=True, help="How many questions to time.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--seed", type=int, default=7, show_default=True,
              help="Random seed of the synthetic facts and questions.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the knowledge files, store and questions in this new or empty "
                   "directory (to profile or re-time).")
def bench(n_facts: int, n_questions: int, as_json: bool, seed: int, keep: Path | None) -> None:
    """Time answers over N synthetic facts against a naive RapidFuzz scan."""
    from bot.core.bench import run_benchmark

    try:
        result = run_benchmark(n_facts=n_facts, n_questions=n_questions, seed=seed, keep=keep,
                               progress=None if as_json else lambda m: click.echo(m, err=True))
    except ValueError as exc:
        raise CliError(str(exc), exit_code=2) from None
    if as_json:
        click.echo(json.dumps(result.to_json()))
    else:
        click.echo(result.summary())


# --- Discord ------------------------------------------------------------------------------------


@cli.command()
@pass_state
def run(state: _State) -> None:
    """Run the Discord bot (token from $DISCORD_TOKEN or the configured variable)."""
    from bot.chat.runner import run_bot

    sys.exit(run_bot(state.config))


@cli.command()
@click.option("--guild", type=int, default=None,
              help="Publish to this guild only (instant); default: globally (up to an hour).")
@pass_state
def sync(state: _State, guild: int | None) -> None:
    """Publish the slash commands to Discord (not done at every start)."""
    from bot.chat.runner import sync_commands

    sys.exit(sync_commands(state.config, guild))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cli(prog_name="factbot")


if __name__ == "__main__":  # pragma: no cover
    main()
