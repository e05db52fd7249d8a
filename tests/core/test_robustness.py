"""Typo robustness (bot/core/robustness.py): seeded typos inside long words, and the right
answers asked again with them."""

from __future__ import annotations

import random

from rapidfuzz.distance import OSA

from bot.core.evaluate import EvalItem, EvalOutcome, EvalReport
from bot.core.models import Answer
from bot.core.robustness import TYPO_MIN_LETTERS, mistype, typo_robustness, with_typos


def test_a_typo_is_one_edit_inside_the_word_never_its_first_letter():
    rng = random.Random(1)
    for _ in range(200):
        typed = mistype("missile", rng)
        assert typed != "missile" and typed[0] == "m"
        assert OSA.distance(typed, "missile") == 1


def test_typos_go_into_distinct_long_words_and_the_same_seed_gives_the_same_typos():
    question = "how high did the missile climb over the ocean"
    typed = with_typos(question, 2, random.Random(5))
    assert typed == with_typos(question, 2, random.Random(5))
    changed = [(a, b) for a, b in zip(question.split(), typed.split(), strict=True) if a != b]
    assert len(changed) == 2
    assert all(len(a) >= TYPO_MIN_LETTERS for a, _ in changed)


def test_a_question_with_too_few_long_words_is_not_mistyped():
    assert with_typos("range?", 1, random.Random(1)) is None
    assert with_typos("how high did it climb", 2, random.Random(1)) is None


def _outcome(question: str, outcome: str, expect: tuple[str, ...] = ("47",)) -> EvalOutcome:
    item = EvalItem(question, expect, False, None, None)
    return EvalOutcome(item, outcome,
                       Answer(question=question, answered=False, text="", confidence=0.0))


def test_only_right_answers_are_asked_again_and_scored_as_the_original():
    report = EvalReport([_outcome("how high did the missile climb", "right"),
                         _outcome("how far did the missile travel", "abstained_wrong"),
                         _outcome("range?", "right")])
    asked: list[str] = []

    def ask(question: str) -> Answer:
        asked.append(question)
        return Answer(question=question, answered=True, text="about 47 km", confidence=1.0)

    result = typo_robustness(report, ask, typos=1, seed=3)
    assert len(asked) == 1 and asked[0] != "how high did the missile climb"
    assert (result.tried, result.kept, result.skipped) == (1, 1, 1)
    assert result.to_json()["failures"] == []

    def ask_badly(question: str) -> Answer:
        return Answer(question=question, answered=False, text="", confidence=0.0)

    failed = typo_robustness(report, ask_badly, typos=1, seed=3)
    assert failed.kept == 0 and failed.failures()[0].outcome == "abstained_wrong"
