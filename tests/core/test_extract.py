"""Sentence splitting, pending sentence claims, and the passage evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.errors import ValidationError
from bot.core.evaluate import evaluate_passages, load_passages
from bot.core.extract import sentence_facts, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Mr. Kim met U.S. officials on Jan. 5. He left.",
         ["Mr. Kim met U.S. officials on Jan. 5.", "He left."]),
        ("It cost $3.5 million. Then 2.5 km more.", ["It cost $3.5 million.", "Then 2.5 km more."]),
        ("Work by J. F. D. Shrewsbury in 1970. Next.",
         ["Work by J. F. D. Shrewsbury in 1970.", "Next."]),
        ("It launched at 10:48 a.m. and landed. “It is a threat,” she said. Done.",
         ["It launched at 10:48 a.m. and landed.", "“It is a threat,” she said.", "Done."]),
        ("A headline\n\nThe body starts here. It ends.",
         ["A headline", "The body starts here.", "It ends."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentence_facts_are_pending_cited_claims() -> None:
    facts = sentence_facts("First point. Second point.", event="ev", source="src",
                           reported_by="the wire", id_prefix="wire")
    assert [f.id for f in facts] == ["wire-1", "wire-2"]
    assert all(f.kind == "claim" and f.status == "pending" and f.source == "src" for f in facts)
    assert [f.text for f in facts] == ["First point.", "Second point."]
    assert not any(f.is_active for f in facts)


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_passage_evaluation_scores_answers_and_abstentions(tmp_path: Path) -> None:
    rows = [{
        "id": "a/0", "title": "Harbour fire", "source": "test",
        "passage": "The harbour fire started on 3 May. It destroyed twelve warehouses. "
                   "Firefighters from Lisbon arrived by boat.",
        "questions": [
            {"id": "1", "question": "How many warehouses did the harbour fire destroy?",
             "answers": ["twelve"], "answerable": True},
            {"id": "2", "question": "Where did the firefighters come from?",
             "answers": ["Lisbon"], "answerable": True},
            {"id": "3", "question": "What did the harbour fire destroy?",
             "answers": ["warehouses"], "answerable": True},
            {"id": "4", "question": "What is the best pizza topping?", "answers": [],
             "answerable": False},
        ],
    }]
    report = evaluate_passages(load_passages(_write(tmp_path, rows)))
    assert report.total == 4 and report.answerable == 3 and report.unanswerable == 1
    assert report.counts["abstained_right"] == 1
    assert report.counts["right"] == 3  # each answerable question's sentence answers it
    # "how many" and "where" are not answered from a bare sentence, only offered
    assert report.counts["abstained_wrong"] == 0
    assert report.top3 == 3
    assert report.accuracy == 1.0
    assert report.to_json()["questions"] == 4
    assert evaluate_passages(load_passages(_write(tmp_path, rows)), limit=1).total == 1


def test_passage_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "x", "passage": "y", "questions": []}\nnot json\n{"title": "z"}\n')
    with pytest.raises(ValidationError) as err:
        load_passages(path)
    text = str(err.value)
    assert "bad.jsonl:2" in text and "invalid JSON" in text
    assert "bad.jsonl:3" in text and "passage" in text
    with pytest.raises(ValidationError, match="cannot read"):
        load_passages(tmp_path / "missing.jsonl")
