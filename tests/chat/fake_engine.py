"""A small stand-in for :class:`bot.core.engine.Engine`, for tests of the Discord layer that
need answers the real engine would not give (a 20,000-character answer, an exception)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.core.errors import NotFound
from bot.core.gaps import Asking
from bot.core.loop import Answered, Asked
from bot.core.models import Answer, AuditEntry, Citation, Event, Fact, Source

SOURCE = Source("wire-1", "Missile report", "Wire", date(2022, 11, 17), "https://example.org/r")
EVENT = Event("launch-1", "A missile launch")


def answer(text: str, **kwargs: Any) -> Answer:
    citations = kwargs.pop("citations", (Citation(1, SOURCE, "The military"),))
    return Answer(
        question=kwargs.pop("question", "q"),
        answered=kwargs.pop("answered", True),
        text=text,
        confidence=kwargs.pop("confidence", 0.9),
        citations=citations,
        **kwargs,
    )


class FakeEngine:
    """Answers every question with ``self.answer`` (or ``self.ask_fn(question)``)."""

    def __init__(self, config: Any = None):
        self.config = config
        self.answer: Answer = answer("The missile flew 240 km [1].")
        self.ask_fn: Callable[[str], Answer] | None = None
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.facts: dict[str, Fact] = {}
        self.closed = False

    def _log(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, args, kwargs))

    def ask(self, question: str, *, guild_id: int | None = None) -> Answer:
        self._log("ask", question, guild_id=guild_id)
        return self.ask_fn(question) if self.ask_fn else self.answer

    def ask_recorded(self, question: str, *, asking: Asking) -> Asked:
        """As the engine's: the answer with a log id for its feedback buttons."""
        return self.record_question(
            question, asking=asking, answered=self.answer_question(question, asking=asking)
        )

    def answer_question(self, question: str, *, asking: Asking) -> Answered:
        """The read half, as the engine's (the runtime runs it beside the writer)."""
        return Answered(None, self.ask(question, guild_id=asking.guild_id))  # type: ignore[arg-type]

    def record_question(self, question: str, *, asking: Asking, answered: Answered) -> Asked:
        return Asked(answered.answer, asked_id=len(self.calls), gap_id=None)

    def subscribe(self, listener: Callable[[Any], None]) -> None:
        self._log("subscribe")

    def complete(self, prefix: str, *, guild_id: int | None = None, limit: int = 25) -> list[str]:
        self._log("complete", prefix, guild_id=guild_id, limit=limit)
        return [f"{prefix} range", f"{prefix} altitude"][:limit]

    def events(self, *, guild_id: int | None = None) -> list[Event]:
        return [EVENT]

    def sources(self, *, guild_id: int | None = None) -> list[Source]:
        return [SOURCE]

    def get_fact(self, fact_id: str, *, guild_id: int | None = None) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise NotFound(f"no fact '{fact_id}' in this server") from None

    def list_facts(
        self,
        *,
        guild_id: int | None = None,
        event: str | None = None,
        include_retracted: bool = False,
    ) -> list[Fact]:
        return list(self.facts.values())

    def history(self, fact_id: str, *, guild_id: int | None = None) -> list[AuditEntry]:
        self.get_fact(fact_id, guild_id=guild_id)
        return []

    def add_fact(self, record: dict[str, Any], *, actor: str, guild_id: int | None) -> Fact:
        self._log("add_fact", record, actor=actor, guild_id=guild_id)
        fact = Fact(
            id=f"f-{len(self.facts) + 1}",
            event=record["event"],
            source=record["source"],
            kind=record["kind"],
            text=record["text"],
            reported_by=record["reported_by"],
            guild_id=guild_id,
            origin="guild",
        )
        self.facts[fact.id] = fact
        return fact

    def close(self) -> None:
        self.closed = True
