"""Typed errors of the core. Each carries a message a person can act on.

The CLI turns them into one clear line (``click.ClickException``) and the Discord layer
into a short ephemeral reply; neither ever shows a traceback for these.
"""

from __future__ import annotations

from dataclasses import dataclass


class FactbotError(Exception):
    """Base class: ``str(err)`` is the message to show the user."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located as precisely as we can."""

    file: str | None
    line: int | None
    where: str  # e.g. "fact 'range'" or "source 'ap-2022-11-17'"
    field: str | None
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        loc = self.file or "<input>"
        if self.line is not None:
            loc = f"{loc}:{self.line}"
        fld = f" {self.field}:" if self.field else ""
        return f"{loc}: {self.where}:{fld} {self.message}"


class ValidationError(FactbotError):
    """One or more problems in knowledge files or user input."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(FactbotError):
    """The configuration file or environment is wrong."""


class NotFound(FactbotError):
    """No such fact, event or source (in this guild)."""


class Forbidden(FactbotError):
    """The actor may not change this record (e.g. another guild's fact, or a knowledge fact
    from a guild when the deployment does not allow it)."""


class Conflict(FactbotError):
    """The change conflicts with the current state (duplicate id, already retracted, ...)."""


class StaleRevision(Conflict):
    """A change based on a revision that is no longer current (someone changed the record
    since it was read). Carries the current text, for the person to look at again."""

    def __init__(self, entity_id: str, *, based_on: int, current: int, text: str):
        self.entity_id = entity_id
        self.based_on = based_on
        self.current = current
        self.text = text
        shown = text if len(text) <= 500 else text[:499] + "…"
        super().__init__(
            f"fact '{entity_id}' changed since you opened it (you had revision {based_on}, "
            f"it is now revision {current}); nothing was saved. It now reads: {shown} — "
            "open it again to change the current version"
        )


class DatabaseError(FactbotError):
    """The database file cannot be opened or is not a factbot (SQLite) database."""
