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
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ValidationError(
            [Problem(name, line, "question file", None, f"invalid YAML: {problem}; fix the syntax")]
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


# --- SQuAD-style passages: the sentence fallback -------------------------------------------------


@dataclass
class PassageReport:
    """How the matcher does when its only facts are a passage's sentences.

    This is the regime of the ingestion fallback (a cited sentence from the report). An
    answer is right when its first cited sentence contains a gold answer; an abstention is
    right when the question has none. ``top3`` counts answerable questions whose gold
    sentence is among the answer's facts or the "did you mean" suggestions, which is what a
    moderator reviewing candidates would see.
    """

    counts: Counter[str] = field(default_factory=Counter)
    top3: int = 0
    answerable: int = 0
    unanswerable: int = 0
    failures: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.answerable + self.unanswerable

    @property
    def accuracy(self) -> float:
        c = self.counts
        return (c["right"] + c["abstained_right"]) / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        answered = self.counts["right"] + self.counts["wrong"]
        return self.counts["right"] / answered if answered else 0.0

    def to_json(self) -> dict:
        return {
            "questions": self.total, "answerable": self.answerable,
            "unanswerable": self.unanswerable, **{k: self.counts[k] for k in OUTCOMES},
            "accuracy": round(self.accuracy, 4), "answer_precision": round(self.precision, 4),
            "answered_unanswerable": self.counts["answered_unanswerable"],
            "gold_sentence_in_top3": self.top3,
        }


def load_passages(path: Path) -> list[dict]:
    """Read a JSON-lines passage file (``shared/data/squad2_dev_newslike.jsonl`` format)."""
    import json

    name = str(path)
    rows: list[dict] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValidationError(
            [Problem(name, None, "passage file", None, f"cannot read it: {exc.strerror}")]
        ) from None
    problems = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(name, n, "passage", None, f"invalid JSON: {exc.msg}"))
            continue
        missing = [k for k in ("title", "passage", "questions") if k not in row]
        if missing:
            problems.append(Problem(name, n, "passage", missing[0],
                                    f"missing field(s) {', '.join(missing)}"))
            continue
        rows.append(row)
    if problems:
        raise ValidationError(problems)
    return rows


def evaluate_passages(rows: list[dict], *, limit: int | None = None) -> PassageReport:
    """Index each article's sentences as claims (one event per article) and ask its
    questions, as a single-event deployment of the sentence fallback would."""
    from datetime import date

    from bot.core.answer import compose_answer
    from bot.core.extract import sentence_facts
    from bot.core.matching import Matcher
    from bot.core.models import Event, Source

    report = PassageReport()
    articles: dict[str, list[dict]] = {}
    for row in rows:
        articles.setdefault(row["title"], []).append(row)
    asked = 0
    for title, passages in articles.items():
        event = Event(id="article", title=title)
        source = Source("passage", title, str(passages[0].get("source", "passage file")),
                        date(1970, 1, 1))
        facts = []
        for i, p in enumerate(passages):
            facts += sentence_facts(p["passage"], event=event.id, source=source.id,
                                    reported_by=title, id_prefix=f"p{i}", status="active")
        matcher = Matcher()
        matcher.rebuild(events=[event], facts=facts)
        for p in passages:
            for q in p["questions"]:
                if limit is not None and asked >= limit:
                    return report
                asked += 1
                result = matcher.match(q["question"])
                answer = compose_answer(q["question"], result, {source.id: source})
                gold = [g.lower() for g in q.get("answers", [])]
                if q.get("answerable", bool(gold)):
                    report.answerable += 1
                    shown = [f.fact.text.lower() for f in answer.facts] or [
                        matcher_fact.text.lower()
                        for s in answer.suggestions
                        for matcher_fact in facts if matcher_fact.id == s.fact_id
                    ]
                    if any(g in text for g in gold for text in shown[:3]):
                        report.top3 += 1
                    if not answer.answered:
                        outcome = "abstained_wrong"
                    elif any(g in answer.facts[0].fact.text.lower() for g in gold):
                        outcome = "right"
                    else:
                        outcome = "wrong"
                else:
                    report.unanswerable += 1
                    outcome = "abstained_right" if not answer.answered else "wrong"
                    if answer.answered:
                        report.counts["answered_unanswerable"] += 1
                report.counts[outcome] += 1
                if outcome in ("wrong", "abstained_wrong") and len(report.failures) < 50:
                    report.failures.append({"question": q["question"], "outcome": outcome,
                                            "answer": answer.text[:200]})
    return report
