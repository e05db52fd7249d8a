"""The event a run of questions is about, for the local console and ``factbot ask -``.

In Discord the question log says it (the channel's last answer, see
:meth:`bot.core.loop.TrustLoop.conversation_event`); a console has no log, so it keeps the
last answered event here, for as long as ``loop.context_minutes`` says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.models import Answer


@dataclass
class Conversation:
    """The last event answered about, forgotten after ``minutes`` (0: never kept)."""

    minutes: float
    clock: Callable[[], float] = time.monotonic
    _event: str | None = None
    _at: float = 0.0

    def context(self) -> str | None:
        """The event a question that names none is read in, if one was answered lately."""
        if self._event is None or self.clock() - self._at > self.minutes * 60:
            return None
        return self._event

    def heard(self, answer: Answer) -> None:
        """Remember the event of an answer (not of an abstention or a choice of events)."""
        if self.minutes > 0 and answer.answered and answer.event is not None:
            self._event, self._at = answer.event.id, self.clock()
