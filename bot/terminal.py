"""Plain-text rendering of answers and the interactive console (no Discord needed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from bot.core.models import Answer, AuditEntry, Fact

HELP = """Ask a question about a reported event, e.g. "how high did the missile fly?".
Commands: :help  :facts  :quit (or Ctrl-D)"""

MODERATOR_HINT = (
    "If the report does answer this, a moderator can add the fact "
    "(/fact add in Discord, or a knowledge file)."
)


def format_date(d) -> str:  # noqa: ANN001 - date or datetime
    if d is None:
        return "undated"  # the report gives no date; none is invented
    return f"{d.day} {d:%B %Y}"


def format_answer(answer: Answer) -> str:
    """The answer as a person reads it in a terminal: text, then numbered sources."""
    lines = [answer.text]
    if answer.answered:
        if answer.conflict:
            lines.append("(The sources disagree; each figure is shown with its source.)")
        lines.append("")
        lines.append("Sources:")
        for c in answer.citations:
            s = c.source
            entry = f"  [{c.number}] {s.title} — {s.publisher}, {format_date(s.published)}"
            entry += f"; reported by {c.reported_by}"
            if s.url:
                entry += f" <{s.url}>"
            lines.append(entry)
        lines.append(f"(confidence {answer.confidence:.2f})")
    else:
        if answer.suggestions:
            lines.append("Did you mean:")
            lines.extend(f"  - {s.prompt}" for s in answer.suggestions)
        if not answer.events_to_choose:
            lines.append(MODERATOR_HINT)
    return "\n".join(lines)


def format_fact(fact: Fact) -> str:
    import yaml

    from bot.core.knowledge import fact_to_record

    record = fact_to_record(fact)
    head = f"{fact.id}  [{fact.status}, revision {fact.revision}"
    origin = f"guild {fact.guild_id}" if fact.guild_id else (fact.origin_file or fact.origin)
    head += f", {origin}]"
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100).rstrip()
    extra = f"\nretracted: {fact.retracted_reason}" if fact.retracted_reason else ""
    return f"{head}\n{body}{extra}"


def format_history(entries: list[AuditEntry]) -> str:
    if not entries:
        return "(no recorded changes)"
    lines = []
    for e in entries:
        rev = (e.after or {}).get("revision")
        reason = f" — {e.reason}" if e.reason else ""
        lines.append(
            f"{e.at:%Y-%m-%d %H:%M:%S} UTC  {e.action:<8} by {e.actor}"
            + (f" (revision {rev})" if rev is not None else "")
            + reason
        )
    return "\n".join(lines)


def run_console(
    ask: Callable[[str], Answer],
    list_facts: Callable[[], list[Fact]],
    *,
    stdin: TextIO,
    stdout: TextIO,
    interactive: bool,
) -> int:
    """A read-answer loop; returns the exit code. Reads until EOF or :quit."""
    if interactive:
        try:
            import readline  # noqa: F401 - line editing and history where available
        except ImportError:  # pragma: no cover - not on every platform
            pass
        print("factbot console — " + HELP, file=stdout)
    while True:
        if interactive:
            try:
                line = input("\nfactbot> ")
            except EOFError:
                print(file=stdout)
                return 0
            except KeyboardInterrupt:
                print(file=stdout)
                return 0
        else:
            line = stdin.readline()
            if not line:
                return 0
        line = line.strip()
        if not line:
            continue
        if line in (":quit", ":q", ":exit", "quit", "exit"):
            return 0
        if line in (":help", "help", "?"):
            print(HELP, file=stdout)
            continue
        if line == ":facts":
            for f in list_facts():
                print(f"{f.id:<40} {f.kind:<12} {f.text[:70]}", file=stdout)
            continue
        if not interactive:
            print(f"> {line}", file=stdout)
        print(format_answer(ask(line)), file=stdout)
        stdout.flush()
