"""The threshold sweep and the public-set layout (bot/core/evaluate.py), on question sets
written here against the shipped facts and a small event of our own."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.errors import ValidationError
from bot.core.evaluate import (
    EvalItem,
    Sweep,
    SweepRow,
    evaluate,
    knowledge_copy,
    public_sets,
    sweep_grid,
    threshold_range,
    total_rows,
)
from bot.core.matching import Thresholds


def item(q: str, *expect: str) -> EvalItem:
    return EvalItem(q, tuple(expect), not expect, None, None)


# Our own phrasings: plain, chatty, off-topic and unanswerable, so the outcomes differ.
ITEMS = [
    item("how high did the missile climb", "47"),
    item("how far did the rocket travel, in miles", "150"),
    item("what time was the launch in utc", "01:48", "1:48"),
    item("who is the south korean defence ministry spokesman", "moon"),
    item("what did the missile cost"),
    item("how fast was the missile going"),
    item("best ramen in seoul?"),
    item("how many people were hurt"),
    item("when did the missile land"),  # no fact gives the landing time; one comes close
]


# --- ranges and the grid -----------------------------------------------------------------------


def test_threshold_range_is_inclusive_and_rounded():
    assert threshold_range(0.3, 0.5, 0.05) == (0.3, 0.35, 0.4, 0.45, 0.5)
    assert threshold_range(0.2, 0.2, 0.1) == (0.2,)


@pytest.mark.parametrize(("start", "stop", "step"),
                         [(0.5, 0.3, 0.1), (-0.1, 0.5, 0.1), (0.1, 1.2, 0.1), (0.1, 0.5, 0),
                          (0.0, 1.0, 0.001)])
def test_threshold_range_refuses_bad_ranges(start: float, stop: float, step: float):
    with pytest.raises(ValueError, match="START|STEP"):
        threshold_range(start, stop, step)


def test_grid_sweeps_answer_then_suggest_with_the_default_once():
    default = Thresholds(answer=0.5, suggest=0.2)
    grid = sweep_grid(default, answers=(0.1, 0.4, 0.6), suggests=(0.1, 0.3, 0.55))
    assert [(t.answer, t.suggest) for t in grid] == [
        (0.4, 0.2), (0.5, 0.2), (0.6, 0.2),  # 0.1 < suggest 0.2: left out; the default added
        (0.5, 0.1), (0.5, 0.3),  # 0.55 > answer 0.5: left out
    ]
    assert sum(t == default for t in grid) == 1
    assert all(t.margin == default.margin for t in grid)


# --- the sweep on a real engine ------------------------------------------------------------------


class CountingEngine:
    """The engine, counting how often a question is read and scored."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.scored = 0

    def score_question(self, question, *, guild_id=None):  # noqa: ANN001, ANN201
        self.scored += 1
        return self.engine.score_question(question, guild_id=guild_id)

    def decide(self, scored, *, thresholds=None):  # noqa: ANN001, ANN201
        return self.engine.decide(scored, thresholds=thresholds)

    def compose(self, scored, result, sources=None):  # noqa: ANN001, ANN201
        return self.engine.compose(scored, result, sources)


def test_the_default_row_is_what_asking_gives(engine: Engine):
    asked = evaluate(ITEMS, engine.ask)
    run = Sweep(engine, ITEMS)
    default = engine.thresholds
    rows = run.rows(sweep_grid(default), default)
    marked = [r for r in rows if r.default]
    assert len(marked) == 1
    assert marked[0].counts == asked.counts
    assert marked[0].answered_unanswerable == asked.answered_unanswerable
    assert run.report().counts == asked.counts
    assert [o.answer.text for o in run.report().outcomes] == [
        o.answer.text for o in asked.outcomes]
    assert sum(asked.counts.values()) == len(ITEMS)
    assert len({k for k, v in asked.counts.items() if v}) >= 2  # the set is not one-sided


def test_each_question_is_scored_once_whatever_the_grid(engine: Engine):
    counting = CountingEngine(engine)
    run = Sweep(counting, ITEMS)
    grid = sweep_grid(engine.thresholds, threshold_range(0.0, 1.0, 0.05),
                      threshold_range(0.0, 0.5, 0.05))
    rows = run.rows(grid, engine.thresholds)
    assert len(rows) == len(grid) > 25
    assert counting.scored == len(ITEMS)


def test_raising_the_answer_threshold_past_a_score_turns_the_answer_into_did_you_mean(
        engine: Engine):
    q = ITEMS[0]
    best = max(h.score for h in engine.score_question(q.question).hits)
    assert 0.3 < best < 0.95
    low = replace(engine.thresholds, answer=round(best - 0.02, 4), suggest=0.2)
    high = replace(engine.thresholds, answer=round(best + 0.02, 4), suggest=0.2)
    above_all = replace(engine.thresholds, answer=1.0, suggest=round(best + 0.01, 4))
    run = Sweep(engine, [q])
    at_low, at_high, at_top = run.row(low), run.row(high), run.row(above_all)
    assert (at_low.counts["right"], at_low.did_you_mean) == (1, 0)
    assert at_high.counts["abstained_wrong"] == 1
    assert (at_high.did_you_mean, at_high.did_you_mean_right) == (1, 1)  # the right fact offered
    assert (at_top.did_you_mean, at_top.did_you_mean_right) == (0, 0)  # below "did you mean"


def test_answering_more_readily_never_answers_fewer(engine: Engine):
    run = Sweep(engine, ITEMS)
    rows = run.rows(sweep_grid(engine.thresholds, threshold_range(0.2, 0.9, 0.1), ()),
                    engine.thresholds)
    answered = [r.counts["right"] + r.counts["wrong"] for r in rows]
    assert answered == sorted(answered, reverse=True)
    assert answered[0] > answered[-1]
    unanswerable = [r.answered_unanswerable for r in rows]
    assert unanswerable == sorted(unanswerable, reverse=True)
    assert unanswerable[0] > unanswerable[-1] == 0


def test_total_rows_add_up_per_threshold():
    a, b = SweepRow(0.5, 0.2, True), SweepRow(0.5, 0.2, True)
    a.counts.update(right=2, wrong=1)
    b.counts.update(right=1, abstained_right=3)
    b.answered_unanswerable = 1
    b.did_you_mean = 2
    (total,) = total_rows([[a], [b]])
    assert (total.counts["right"], total.counts["wrong"], total.counts["abstained_right"]) == (
        3, 1, 3)
    assert (total.total, total.answered_unanswerable, total.did_you_mean) == (7, 1, 2)
    assert total.accuracy == pytest.approx(6 / 7)
    assert total.default
    assert a.counts["right"] == 2  # the per-set rows are left as they were


# --- the public sets' layout ---------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_public_sets_follow_the_readme_layout(tmp_path: Path):
    _write(tmp_path / "plain.yaml", "- {q: a, expect: [b]}\n")
    _write(tmp_path / "README.md", "not a set\n")
    _write(tmp_path / "events" / "bridge.questions.yaml", "- {q: a, abstain: true}\n")
    _write(tmp_path / "events" / "bridge.txt", "the report\n")
    k = _write(tmp_path / "events" / "knowledge" / "bridge.yaml", "events: []\n")
    sets = public_sets(tmp_path)
    assert [(s.name, s.questions.name, s.extra) for s in sets] == [
        ("plain", "plain.yaml", ()), ("bridge", "bridge.questions.yaml", (k,))]


def test_an_event_set_without_its_knowledge_file_is_named(tmp_path: Path):
    _write(tmp_path / "events" / "ferry.questions.yaml", "- {q: a, abstain: true}\n")
    with pytest.raises(ValidationError) as err:
        public_sets(tmp_path)
    assert "ferry.questions.yaml" in str(err.value)
    assert "events/knowledge/ferry.yaml" in str(err.value)


def test_a_directory_with_no_sets_or_no_directory_is_an_error(tmp_path: Path):
    with pytest.raises(ValidationError, match="no question files"):
        public_sets(tmp_path)
    with pytest.raises(ValidationError, match="not a directory"):
        public_sets(tmp_path / "missing")


def test_knowledge_copy_takes_the_yaml_files_and_the_event(tmp_path: Path):
    base = tmp_path / "base"
    _write(base / "a.yaml", "events: []\n")
    _write(base / "lexicon.yaml", "synonyms: []\n")
    _write(base / "README.md", "docs\n")
    extra = _write(tmp_path / "ev" / "e.yaml", "events: []\n")
    out = knowledge_copy(base, [extra], tmp_path / "k")
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "e.yaml", "lexicon.yaml"]


def test_event_sets_may_sit_at_the_top_with_knowledge_beside_them(tmp_path: Path):
    _write(tmp_path / "README.md", "not a set\n")
    _write(tmp_path / "storm.questions.yaml", "- {q: a, abstain: true}\n")
    k = _write(tmp_path / "knowledge" / "storm.yaml", "events: []\n")
    _write(tmp_path / "quake.questions.yaml", "- {q: a, abstain: true}\n")
    with pytest.raises(ValidationError) as err:
        public_sets(tmp_path)
    assert "quake.questions.yaml" in str(err.value)
    assert "knowledge/quake.yaml" in str(err.value)
    _write(tmp_path / "knowledge" / "quake.yaml", "events: []\n")
    assert [(s.name, s.extra) for s in public_sets(tmp_path)] == [
        ("quake", (tmp_path / "knowledge" / "quake.yaml",)), ("storm", (k,))]
