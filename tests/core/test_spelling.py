"""The speller on its own: which words it knows, and what a typo or an abbreviation is read
as, over a small vocabulary of our own."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from bot.core.matching.spelling import Speller, has_in_order
from bot.core.text import stem
from tests.conftest import engine_over

VOCAB = ["miners", "mines", "trapped", "appointments", "evacuated", "missile", "gallery"]


@pytest.fixture
def speller() -> Speller:
    s = Speller(base=["how", "many", "were"])
    s.add_words(VOCAB)
    return s


@pytest.fixture
def index_terms() -> set[str]:
    return {stem(w) for w in VOCAB}


@pytest.mark.parametrize(("typo", "word"), [
    ("missle", "missile"),      # a letter left out
    ("minrs", "miners"),        # one edit from "mines" too: every typed letter is in "miners"
    ("galelry", "gallery"),     # two letters swapped
    ("trappd", "trapped"),
])
def test_a_typo_is_read_as_the_indexed_word_one_edit_away(
        speller: Speller, index_terms: set[str], typo: str, word: str):
    assert speller.correct(typo, index_terms) == word


@pytest.mark.parametrize("word", ["submarine", "many", "evacuating", "zz"])
def test_a_real_word_a_grammar_word_or_a_short_one_is_never_corrected(
        speller: Speller, index_terms: set[str], word: str):
    assert speller.correct(word, index_terms) is None


def test_a_word_added_later_is_a_correction_target(speller: Speller, index_terms: set[str]):
    assert speller.correct("varnesa", index_terms) is None  # a name no fact had
    speller.add_words(["varnesia"])
    assert speller.correct("varnesa", index_terms | {stem("varnesia")}) == "varnesia"


def test_an_abbreviation_stands_for_the_longer_indexed_words(speller: Speller,
                                                              index_terms: set[str]):
    assert speller.expansions("appts", index_terms) == {stem("appointments")}
    assert speller.expansions("miners", index_terms) == frozenset()  # a word the index has


def test_letters_in_order():
    assert has_in_order("minrs", "miners")
    assert not has_in_order("minrs", "mines")


def test_two_edits_are_a_typo_only_where_the_word_begins_as_typed():
    speller = Speller([])
    speller.add_words(["unable", "evacuated"])
    assert speller.correct("burnable", {stem("unable")}) is None  # a word, not a typo
    assert speller.correct("evacuatd", set()) == "evacuated"  # one edit
    assert speller.correct("evacuted", set()) == "evacuated"
    assert speller.correct("vacuated", set()) == "evacuated"  # one edit, the first letter


def test_two_edits_into_an_indexed_word_that_begins_and_ends_as_typed():
    """Six or seven letters: two edits are a typo of a word the facts have, when the word
    begins and ends as typed ("gverner": "governor"); not when it ends otherwise."""
    s = Speller(base=["how"])
    s.add_words(["governor", "network", "gallon"])
    terms = {stem(w) for w in ("governor", "network", "gallon")}
    assert s.correct("gverner", terms) == "governor"
    assert s.correct("netrok", terms) == "network"
    assert s.correct("galoon", terms) == "gallon"  # (one edit, as before)
    assert s.correct("netwoaz", terms) is None  # two edits from "network", ending otherwise


def test_a_common_english_word_one_edit_away_beats_an_indexed_one_two_edits_away():
    """"craihed" is two edits from "chaired", which the facts have, and one from "crashed",
    which they do not: a typo is one slip more often than two."""
    s = Speller(base=["how"])
    s.add_words(["chaired", "balloon"])
    assert s.correct("craihed", {stem("chaired"), stem("balloon")}) == "crashed"


def test_of_two_indexed_words_one_edit_away_the_one_more_facts_use_wins():
    """"siage" is one edit from "siege" and from "stage": the report is about a siege."""
    s = Speller(base=["how"])
    s.add_words(["stage"])
    s.add_words(["siege"] * 5)  # five facts say "siege"
    assert s.correct("siage", {stem("stage"), stem("siege")}) == "siege"
    t = Speller(base=["how"])
    t.add_words(["siege"])
    t.add_words(["stage"] * 5)
    assert t.correct("siage", {stem("stage"), stem("siege")}) == "stage"


def test_a_first_letter_counts_and_a_long_joining_word_may_be_mistyped():
    """"whree" is "where", not "three", which a fact has but which does not begin as typed;
    "wthout" is "without", a joining word long enough to be mistyped."""
    s = Speller(base=["where", "without"])
    s.add_words(["three", "dead"])
    terms = {stem("three"), stem("dead")}
    assert s.correct("whree", terms) == "where"
    assert s.correct("wthout", terms) == "without"


def test_two_letters_swapped_beat_a_letter_dropped_when_both_are_one_edit():
    """"wehre" is "where" with two letters swapped (the same letters), not "were" with one
    added."""
    s = Speller(base=["where", "were"])
    assert s.correct("wehre", set()) == "where"


def test_a_questions_first_word_is_its_question_word_more_often_than_not():
    """"wnere did they launch it" is "where" (one letter replaced), not "were" (one letter
    added), at the start of a question; elsewhere the closer spelling still wins."""
    s = Speller(base=["where", "were"])
    assert s.correct("wnere", set(), leading=True) == "where"
    assert s.correct("wnere", set()) == "were"


BLAST = """\
events:
  - id: orrin-mill-blast-2026
    title: "Blast at the Orrin flour mill"
    when: 2026-01-14T05:20:00+01:00
    timezone: "+01:00"
sources:
  - id: mill-gazette-2026-01-14
    title: "Mill blast"
    publisher: "Mill Gazette"
    published: 2026-01-14
facts:
  - id: mill-first-blast
    event: orrin-mill-blast-2026
    source: mill-gazette-2026-01-14
    kind: time
    attribute: event_time
    label: "First blast"
    time: 2026-01-14T05:20:00+01:00
    reported_by: "the fire service"
    text: "The first blast shook the mill at 5:20 a.m."
  - id: mill-ballistic-report
    event: orrin-mill-blast-2026
    source: mill-gazette-2026-01-14
    kind: claim
    reported_by: "the police"
    text: "Police said a ballistic report found no sign of a shot fired."
"""


def test_two_swapped_letters_are_a_typo_and_no_abbreviation(tmp_path: Path):
    # "balst": "blast" with two letters swapped, not an abbreviation of "ballistic" (which
    # holds its letters in order too): an abbreviation leaves letters out
    with closing(engine_over(tmp_path, "mill", BLAST)) as eng:
        blast = next(t for t in eng.matcher.analyse("what time was the first balst").terms
                     if t.word == "blast")
        assert stem("ballistic") not in blast.alternatives
        result = eng.match("what time was the first balst")
        assert result.status == "answer"
        assert [s.fact.id for s in result.facts] == ["mill-first-blast"]
        # a word that leaves letters out still stands for the longer words
        bal = eng.matcher.analyse("wat did the blstc report find").terms
        assert any(stem("ballistic") in t.alternatives for t in bal)
