"""Typo robustness: each question a set answers right, asked again with typos in it.

People type fast in Discord ("how hig did the missle fly??"). This measures how much of
what the bot gets right it still gets right when the asker makes one or two typos more: a
letter dropped, two letters swapped, or one changed, in words of five letters or more (a
shorter word mistyped is often another word). The typos are drawn from a seeded generator,
so a run can be repeated exactly and two versions of the bot compared on the same typos.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.evaluate import EvalReport, score
from bot.core.models import Answer

TYPO_MIN_LETTERS = 5  # a shorter word mistyped is too often another word ("cat", "car")
_REPLACEMENTS = "aeioulnrst"  # the letters a slip most often puts in


@dataclass(frozen=True)
class TypoOutcome:
    question: str  # as the set has it (answered right)
    typed: str  # with the typos
    outcome: str  # right / wrong / abstained_wrong


@dataclass
class TypoReport:
    typos: int
    seed: int
    outcomes: list[TypoOutcome] = field(default_factory=list)
    skipped: int = 0  # right answers with too few long words to mistype

    @property
    def tried(self) -> int:
        return len(self.outcomes)

    @property
    def kept(self) -> int:
        return sum(o.outcome == "right" for o in self.outcomes)

    @property
    def share_kept(self) -> float:
        return self.kept / self.tried if self.tried else 0.0

    def failures(self) -> list[TypoOutcome]:
        return [o for o in self.outcomes if o.outcome != "right"]

    def add(self, other: TypoReport) -> None:
        self.outcomes.extend(other.outcomes)
        self.skipped += other.skipped

    def to_json(self) -> dict:
        return {"typos": self.typos, "seed": self.seed, "tried": self.tried,
                "kept": self.kept, "skipped": self.skipped,
                "failures": [{"question": o.question, "typed": o.typed,
                              "outcome": o.outcome} for o in self.failures()]}


def mistype(word: str, rng: random.Random) -> str:
    """One typo inside a word (never its first letter): a letter dropped, two swapped, or
    one changed to another."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice("dsc")
    if kind == "s" and word[i] == word[i + 1]:
        kind = "c"  # (swapping the two s of "missile" changes nothing)
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "s":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    other = rng.choice([c for c in _REPLACEMENTS if c != word[i]])
    return word[:i] + other + word[i + 1:]


def with_typos(question: str, typos: int, rng: random.Random) -> str | None:
    """The question with one typo in each of ``typos`` of its words of five letters or more
    (chosen at random), or None when it has fewer such words."""
    words = question.split(" ")
    long_words = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= TYPO_MIN_LETTERS]
    if len(long_words) < typos:
        return None
    for i in rng.sample(long_words, typos):
        words[i] = mistype(words[i], rng)
    return " ".join(words)


def typo_robustness(report: EvalReport, ask: Callable[[str], Answer], *, typos: int = 1,
                    seed: int = 7) -> TypoReport:
    """Ask every question the report got right again, with ``typos`` typos in it; the
    outcome is scored as the original was (its expected strings)."""
    rng = random.Random(seed)
    out = TypoReport(typos, seed)
    for o in report.outcomes:
        if o.outcome != "right":
            continue
        typed = with_typos(o.item.question, typos, rng)
        if typed is None:
            out.skipped += 1
            continue
        out.outcomes.append(TypoOutcome(o.item.question, typed, score(o.item, ask(typed))))
    return out
