"""Score the engine on a question set (the format of ``shared/eval/dev_questions.yaml``).

Each item is ``{q: QUESTION, expect: [S1, ...]}`` (right when the answer contains one of
the strings, case-insensitive) or ``{q: QUESTION, abstain: true}`` (right when the bot says
it has no fact). Outcomes:

- ``right``: answered, and the answer contains an expected string;
- ``wrong``: answered, but with none of them — or answered a question it should not have;
- ``abstained_right``: no answer, and none was expected;
- ``abstained_wrong``: no answer, but the report does answer it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.errors import Problem, ValidationError
from bot.core.models import Answer


@dataclass(frozen=True)
class EvalItem:
    question: str
    expect: tuple[str, ...]
    abstain: bool
    topic: str | None
    line: int | None


@dataclass(frozen=True)
class EvalOutcome:
    item: EvalItem
    outcome: str
    answer: Answer


@dataclass
class EvalReport:
    outcomes: list[EvalOutcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        c: Counter[str] = Counter({k: 0 for k in OUTCOMES})
        c.update(o.outcome for o in self.outcomes)
        return c

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def accuracy(self) -> float:
        c = self.counts
        return (c["right"] + c["abstained_right"]) / self.total if self.total else 0.0

    @property
    def answered_unanswerable(self) -> int:
        return sum(1 for o in self.outcomes if o.item.abstain and o.outcome == "wrong")

    def failures(self) -> list[EvalOutcome]:
        return [o for o in self.outcomes if o.outcome in ("wrong", "abstained_wrong")]

    def to_json(self) -> dict:
        return {
            "total": self.total,
            **dict(self.counts),
            "accuracy": round(self.accuracy, 4),
            "answered_unanswerable": self.answered_unanswerable,
            "failures": [
                {
                    "question": o.item.question,
                    "outcome": o.outcome,
                    "expected": list(o.item.expect) or "abstain",
                    "answer": o.answer.text,
                    "confidence": o.answer.confidence,
                }
                for o in self.failures()
            ],
        }


OUTCOMES = ("right", "wrong", "abstained_right", "abstained_wrong")


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_questions(path: Path) -> list[EvalItem]:
    """Read and check a question file; every problem names its line."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(
            [Problem(name, None, "question file", None, f"cannot read it: {exc.strerror}")]
        ) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ValidationError(
            [Problem(name, line, "question file", None, f"invalid YAML: {exc}; fix the syntax")]
        ) from None
    if not isinstance(data, list):
        raise ValidationError(
            [Problem(name, None, "question file", None,
                     "must be a YAML list of {q: ..., expect: [...]} or {q: ..., abstain: true}")]
        )
    items: list[EvalItem] = []
    problems: list[Problem] = []
    for i, raw in enumerate(data, 1):
        line = raw.get("__line__") if isinstance(raw, dict) else None
        where = f"question {i}"
        if not isinstance(raw, dict):
            problems.append(Problem(name, line, where, None, "must be a mapping with 'q'"))
            continue
        q = raw.get("q")
        if not isinstance(q, str) or not q.strip():
            problems.append(Problem(name, line, where, "q", "missing or empty question text"))
            continue
        expect = raw.get("expect")
        abstain = raw.get("abstain", False)
        if isinstance(expect, str):
            expect = [expect]
        if abstain is True and expect:
            problems.append(Problem(name, line, where, "expect",
                                    "an item is either 'expect' or 'abstain: true', not both"))
            continue
        if abstain is not True and not (
            isinstance(expect, list) and expect and all(isinstance(e, str | int) for e in expect)
        ):
            problems.append(Problem(name, line, where, "expect",
                                    "give a non-empty list of expected strings, or abstain: true"))
            continue
        items.append(EvalItem(q.strip(), tuple(str(e) for e in (expect or ())), abstain is True,
                              raw.get("topic"), line))
    if problems:
        raise ValidationError(problems)
    return items


def score(item: EvalItem, answer: Answer) -> str:
    if item.abstain:
        return "wrong" if answer.answered else "abstained_right"
    if not answer.answered:
        return "abstained_wrong"
    text = answer.text.lower()
    return "right" if any(e.lower() in text for e in item.expect) else "wrong"


def evaluate(items: list[EvalItem], ask: Callable[[str], Answer]) -> EvalReport:
    report = EvalReport()
    for item in items:
        answer = ask(item.question)
        report.outcomes.append(EvalOutcome(item, score(item, answer), answer))
    return report
