"""Score the engine on a question set (the format of ``shared/eval/dev_questions.yaml``).

Each item is ``{q: QUESTION, expect: [S1, ...]}`` (right when the answer contains one of
the strings, case-insensitive) or ``{q: QUESTION, abstain: true}`` (right when the bot says
it has no fact). Outcomes:

- ``right``: answered, and the answer contains an expected string;
- ``wrong``: answered, but with none of them — or answered a question it should not have;
- ``abstained_right``: no answer, and none was expected;
- ``abstained_wrong``: no answer, but the report does answer it.

:func:`sweep` re-decides the same scored questions at a range of answer and "did you mean"
thresholds (each question is read and scored once), so the defaults can be chosen from
evidence; :func:`public_sets` finds the public development sets of ``shared/eval``.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import yaml

from bot.core.errors import Problem, ValidationError
from bot.core.matching import MatchResult, Reason, Scored, ScoredQuestion, Thresholds
from bot.core.models import Answer, Source


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


# --- thresholds: the same scored questions, decided at a range of thresholds --------------------


class Decides(Protocol):
    """What a sweep needs of the engine (``bot.core.engine.Engine`` has it)."""

    def score_question(self, question: str, *, guild_id: int | None = None
                       ) -> ScoredQuestion: ...

    def decide(self, scored: ScoredQuestion, *, thresholds: Thresholds | None = None
               ) -> MatchResult: ...

    def compose(self, scored: ScoredQuestion, result: MatchResult,
                sources: dict[str, Source] | None = None) -> Answer: ...


@dataclass
class SweepRow:
    """The outcomes of a question set at one pair of thresholds."""

    answer: float
    suggest: float
    default: bool = False  # the thresholds the bot uses (the config's)
    counts: Counter[str] = field(default_factory=lambda: Counter({k: 0 for k in OUTCOMES}))
    answered_unanswerable: int = 0
    did_you_mean: int = 0  # questions not answered that got a "Did you mean"
    did_you_mean_right: int = 0  # answerable ones whose suggestions hold a right answer

    @property
    def total(self) -> int:
        return sum(self.counts[k] for k in OUTCOMES)

    @property
    def accuracy(self) -> float:
        c = self.counts
        return (c["right"] + c["abstained_right"]) / self.total if self.total else 0.0

    def add(self, other: SweepRow) -> None:
        self.counts.update(other.counts)
        self.answered_unanswerable += other.answered_unanswerable
        self.did_you_mean += other.did_you_mean
        self.did_you_mean_right += other.did_you_mean_right

    def to_json(self) -> dict:
        return {"answer_threshold": self.answer, "suggest_threshold": self.suggest,
                "default": self.default, "total": self.total, **dict(self.counts),
                "answered_unanswerable": self.answered_unanswerable,
                "accuracy": round(self.accuracy, 4), "did_you_mean": self.did_you_mean,
                "did_you_mean_right": self.did_you_mean_right}


def threshold_range(start: float, stop: float, step: float) -> tuple[float, ...]:
    """``start`` to ``stop`` inclusive, by ``step``, rounded to avoid 0.30000000000000004."""
    if not (0.0 <= start <= stop <= 1.0) or step <= 0:
        raise ValueError("give START:STOP:STEP with 0 <= START <= STOP <= 1 and STEP > 0")
    count = int(round((stop - start) / step, 9)) + 1
    if count > 201:
        raise ValueError("at most 201 thresholds; use a larger STEP")
    return tuple(round(start + i * step, 4) for i in range(count))


ANSWER_RANGE = threshold_range(0.30, 0.80, 0.05)
SUGGEST_RANGE = threshold_range(0.10, 0.45, 0.05)


def sweep_grid(default: Thresholds, answers: Iterable[float] = ANSWER_RANGE,
               suggests: Iterable[float] = SUGGEST_RANGE) -> list[Thresholds]:
    """The answer thresholds at the default "did you mean" threshold, then the "did you
    mean" thresholds at the default answer threshold (the default itself once, in order);
    pairs whose "did you mean" threshold is above the answer threshold are left out."""
    points = {round(a, 4): replace(default, answer=a)
              for a in sorted({*answers, default.answer}) if a >= default.suggest}
    rows = list(points.values())
    for v in sorted({*suggests, default.suggest}):
        if v <= default.answer and v != default.suggest:
            rows.append(replace(default, suggest=v))
    return rows


def _right_in(item: EvalItem, text: str) -> bool:
    text = text.lower()
    return any(e.lower() in text for e in item.expect)


@dataclass
class _Asked:
    """One question, scored once; its answers memoised by decision."""

    item: EvalItem
    scored: ScoredQuestion
    by_decision: dict[tuple, tuple[str, bool, bool]] = field(default_factory=dict)
    suggestion_right: dict[str, bool] = field(default_factory=dict)


class Sweep:
    """Score each question once, then decide it at any thresholds without re-reading it."""

    def __init__(self, engine: Decides, items: list[EvalItem], *,
                 sources: dict[str, Source] | None = None):
        self.engine = engine
        self.sources = sources
        self.asked = [_Asked(item, engine.score_question(item.question)) for item in items]

    def report(self, thresholds: Thresholds | None = None) -> EvalReport:
        """The usual report at these thresholds (None: the engine's own)."""
        report = EvalReport()
        for a in self.asked:
            result = self.engine.decide(a.scored, thresholds=thresholds)
            answer = self.engine.compose(a.scored, result, self.sources)
            report.outcomes.append(EvalOutcome(a.item, score(a.item, answer), answer))
        return report

    def row(self, th: Thresholds, *, default: bool = False) -> SweepRow:
        row = SweepRow(th.answer, th.suggest, default)
        for a in self.asked:
            outcome, dym, dym_right = self._decide(a, th)
            row.counts[outcome] += 1
            row.answered_unanswerable += a.item.abstain and outcome == "wrong"
            row.did_you_mean += dym
            row.did_you_mean_right += dym_right
        return row

    def rows(self, grid: list[Thresholds], default: Thresholds) -> list[SweepRow]:
        return [self.row(th, default=th == default) for th in grid]

    def _decide(self, a: _Asked, th: Thresholds) -> tuple[str, bool, bool]:
        result = self.engine.decide(a.scored, thresholds=th)
        key = (result.status, result.reason, result.detail,
               tuple(f.fact.id for f in result.facts),
               tuple(f.fact.id for f in result.suggestions))
        memo = a.by_decision.get(key)
        if memo is None:
            answer = self.engine.compose(a.scored, result, self.sources)
            dym = not answer.answered and bool(answer.suggestions)
            dym_right = dym and not a.item.abstain and any(
                self._suggestion_right(a, result, s) for s in result.suggestions)
            memo = a.by_decision[key] = (score(a.item, answer), dym, dym_right)
        return memo

    def _suggestion_right(self, a: _Asked, result: MatchResult, s: Scored) -> bool:
        """Whether answering with this suggested fact alone would have been right."""
        right = a.suggestion_right.get(s.fact.id)
        if right is None:
            alone = replace(result, status="answer", reason=Reason.ANSWERED, facts=(s,),
                            suggestions=(), grouped=False)
            text = self.engine.compose(a.scored, alone, self.sources).text
            right = a.suggestion_right[s.fact.id] = _right_in(a.item, text)
        return right


def sweep_table(rows: list[SweepRow]) -> str:
    """The sweep as a plain-text table; ``*`` marks the thresholds in use."""
    head = ("answer", "suggest", "right", "wrong", "abstained-right", "abstained-wrong",
            "answered-but-should-abstain", "accuracy", "did-you-mean", "did-you-mean-right")
    lines = ["  ".join(head)]
    widths = [len(h) for h in head]
    for r in rows:
        cells = (f"{r.answer:.2f}{'*' if r.default else ' '}", f"{r.suggest:.2f}",
                 r.counts["right"], r.counts["wrong"], r.counts["abstained_right"],
                 r.counts["abstained_wrong"], r.answered_unanswerable, f"{r.accuracy:.1%}",
                 r.did_you_mean, r.did_you_mean_right)
        lines.append("  ".join(str(c).rjust(w) for c, w in zip(cells, widths, strict=True)))
    return "\n".join(lines)


def total_rows(per_set: list[list[SweepRow]]) -> list[SweepRow]:
    """The rows of several sets (decided on the same grid) added up."""
    if not per_set:
        return []
    out = [SweepRow(r.answer, r.suggest, r.default) for r in per_set[0]]
    for rows in per_set:
        for total, r in zip(out, rows, strict=True):
            total.add(r)
    return out


# --- the public development sets (shared/eval) ---------------------------------------------------


@dataclass(frozen=True)
class PublicSet:
    """One question file of ``shared/eval`` and the knowledge it is asked against: the
    project's knowledge, plus ``extra`` (the event's moderator-written file)."""

    name: str
    questions: Path
    extra: tuple[Path, ...] = ()


def public_sets(root: Path) -> list[PublicSet]:
    """The sets as ``shared/eval/README.md`` describes them: each ``*.yaml`` at the top is
    asked against the project's knowledge; each ``<name>.questions.yaml``, at the top or in
    ``events/``, against it plus ``knowledge/<name>.yaml`` beside it (the layout of
    ``shared/eval`` and of the project's own ``eval/own``)."""
    root = Path(root)
    if not root.is_dir():
        raise ValidationError([Problem(str(root), None, "eval directory", None,
                                       "not a directory; give the path of shared/eval")])
    sets: list[PublicSet] = []
    problems = []
    for folder in (root, root / "events"):
        for q in sorted(folder.glob("*.y*ml")):
            if not q.is_file():
                continue
            if ".questions." not in q.name:
                if folder == root:
                    sets.append(PublicSet(q.stem, q))
                continue
            name = q.name.split(".questions.")[0]
            knowledge = [k for k in ((folder / "knowledge" / f"{name}{ext}")
                                     for ext in (".yaml", ".yml")) if k.is_file()]
            if not knowledge:
                where = folder.relative_to(root) / "knowledge" / f"{name}.yaml"
                problems.append(Problem(str(q), None, "event set", None,
                                        f"no knowledge file {where.as_posix()} beside it"))
                continue
            sets.append(PublicSet(name, q, (knowledge[0],)))
    if problems:
        raise ValidationError(problems)
    if not sets:
        raise ValidationError([Problem(str(root), None, "eval directory", None,
                                       "holds no question files (*.yaml, "
                                       "events/*.questions.yaml)")])
    return sets


def knowledge_copy(base: Path, extra: Iterable[Path], into: Path) -> Path:
    """A knowledge directory holding ``base``'s YAML files (lexicon included) and ``extra``."""
    into.mkdir(parents=True, exist_ok=True)
    for p in sorted(Path(base).iterdir()):
        if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file():
            shutil.copyfile(p, into / p.name)
    for p in extra:
        shutil.copyfile(p, into / p.name)
    return into


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
