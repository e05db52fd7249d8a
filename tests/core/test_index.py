"""Candidate gathering in the match index (bot/core/matching/index.py): the cap keeps the
facts of the most recent events, whichever way it is computed; a guild's facts stay in that
guild; the postings are never changed by a question; clipped words find their terms."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.core.matching.index as index_module
from bot.core.matching import Matcher
from bot.core.models import Event, Fact, Quantity

START = datetime(2020, 1, 1, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


def build(n_events: int, per_event: int, *, common_every: int = 1,
          guild_of: dict[int, int] | None = None) -> Matcher:
    """Events a day apart; each has ``per_event`` claims; the first claim of every
    ``common_every``-th event says "turbine", every claim says "harbour"."""
    events = [Event(f"e{i}", f"Event {i}", when=START + timedelta(days=i))
              for i in range(n_events)]
    facts = []
    for i in range(n_events):
        for j in range(per_event):
            words = "harbour turbine" if j == 0 and i % common_every == 0 else "harbour"
            facts.append(Fact(f"e{i}-f{j}", f"e{i}", "wire", "claim",
                              f"The {words} report number {j}.", "Wire",
                              guild_id=(guild_of or {}).get(i)))
    matcher = Matcher()
    matcher.rebuild(events=events, facts=facts)
    return matcher


def gather(matcher: Matcher, question: str, guild_id: int | None = None) -> list[str]:
    q = matcher.analyse(question)
    alternatives = [t.alternatives for t in [*q.terms, *q.speaker]]
    return [d.id for d in matcher.index.candidates(alternatives, guild_id, [])]


def event_number(fact_id: str) -> int:
    return int(fact_id.split("-")[0][1:])


@pytest.mark.parametrize("common_every", [1, 3, 10])
def test_the_cap_keeps_the_most_recent_events_facts(monkeypatch, common_every: int):
    # every event has a "turbine" fact or one in three (the walk over events wins), or one
    # in ten (too sparse for the walk: the heap)
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 20)
    matcher = build(400, 5, common_every=common_every)
    got = gather(matcher, "what about the turbine")
    expected = sorted((f"e{i}-f0" for i in range(0, 400, common_every)),
                      key=event_number, reverse=True)[:20]
    assert sorted(got, key=event_number, reverse=True) == expected


def test_dense_and_sparse_gathering_agree(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 30)
    matcher = build(300, 4)
    ids = matcher.index.postings["harbour"]
    walked = matcher.index._most_recent(ids, 30)
    monkeypatch.setattr(index_module, "PROBES_PER_HEAP_STEP", 0)  # the walk never pays
    heaped = matcher.index._most_recent(ids, 30)
    newest = {event_number(i) for i in walked}
    assert newest == {event_number(i) for i in heaped}
    assert min(newest) >= 300 - 30 // 4 - 1
    assert len(walked) == len(heaped) == 30


def test_old_facts_are_still_found_when_the_walk_gives_up(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 5)
    matcher = build(200, 10)
    # "turbine" only in the 30 oldest events: enough facts for the walk to start, but it
    # runs out of its budget among the newer events and the heap finds them
    for i in range(30, 200):
        fact = Fact(f"e{i}-f0", f"e{i}", "wire", "claim", "The harbour report.", "Wire")
        matcher.upsert_fact(fact)
    walks = []
    order = matcher.index._recent_order
    monkeypatch.setattr(matcher.index, "_recent_order", lambda: walks.append(1) or order())
    got = gather(matcher, "turbine")
    assert walks  # the walk was tried
    assert sorted(got, key=event_number) == [f"e{i}-f0" for i in range(25, 30)]


def test_a_guilds_facts_are_candidates_in_that_guild_only():
    matcher = build(30, 2, guild_of={29: 111, 28: 222})
    everyone = gather(matcher, "turbine")
    assert "e29-f0" not in everyone and "e28-f0" not in everyone
    assert len(everyone) == 28
    in_111 = gather(matcher, "turbine", guild_id=111)
    assert "e29-f0" in in_111 and "e28-f0" not in in_111
    assert "e28-f0" in gather(matcher, "turbine", guild_id=222)


def test_questions_never_change_the_postings():
    matcher = build(50, 3, guild_of={0: 7})
    before = {t: set(p) for t, p in matcher.index.postings.items()}
    for question in ("turbine", "harbour turbine", "harbour", "report turbine harbour"):
        for guild in (None, 7, 8):
            gather(matcher, question, guild)
    assert {t: set(p) for t, p in matcher.index.postings.items()} == before


def test_removed_and_retracted_facts_are_not_candidates():
    matcher = build(10, 2)
    matcher.remove_fact("e9-f0")
    assert "e9-f0" not in gather(matcher, "turbine")
    fact = Fact("e8-f0", "e8", "wire", "claim", "The harbour turbine.", "Wire",
                status="retracted")
    matcher.upsert_fact(fact)
    assert set(gather(matcher, "turbine")) == {f"e{i}-f0" for i in range(8)}


def test_a_newer_event_moves_its_facts_ahead(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 3)
    matcher = build(100, 1)
    assert "e0-f0" not in gather(matcher, "turbine")
    matcher.upsert_event(Event("e0", "Event 0", when=START + timedelta(days=1000)))
    assert "e0-f0" in gather(matcher, "turbine")


def test_terms_with_prefix_are_sorted_single_words_and_follow_changes():
    matcher = build(3, 1)
    index = matcher.index
    assert index.terms_with_prefix("turb") == ["turbin"]
    assert index.terms_with_prefix("zzz") == []
    matcher.upsert_fact(Fact("x", "e0", "wire", "claim", "Turbulence and turbans.", "Wire"))
    assert index.terms_with_prefix("turb") == ["turban", "turbin", "turbul"]
    assert index.terms_with_prefix("turb", limit=1) == ["turban"]
    matcher.upsert_fact(Fact("y", "e0", "wire", "statement", "Turbo Lindqvist spoke.",
                             "Wire", speaker="Turbo Lindqvist", speaker_role="mayor"))
    assert any(t.startswith("turbo_") for t in index.surface_terms())  # a name, as one term
    assert index.terms_with_prefix("turb") == ["turban", "turbin", "turbo", "turbul"]


def build_two_words(n_events: int, per_event: int, guild_of: dict[int, int] | None = None
                    ) -> Matcher:
    """Every claim says "harbour"; even-numbered claims also say "crane", and the first
    claim of every third event says "ferry" too."""
    events = [Event(f"e{i}", f"Event {i}", when=START + timedelta(days=i))
              for i in range(n_events)]
    facts = []
    for i in range(n_events):
        for j in range(per_event):
            words = ["harbour"] + (["crane"] if j % 2 == 0 else []) + (
                ["ferry"] if j == 0 and i % 3 == 0 else [])
            facts.append(Fact(f"e{i}-f{j}", f"e{i}", "wire", "claim",
                              f"The {' and '.join(words)} report.", "Wire",
                              guild_id=(guild_of or {}).get(i)))
    matcher = Matcher()
    matcher.rebuild(events=events, facts=facts)
    return matcher


def test_common_words_together_from_the_newest_events(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 10)
    monkeypatch.setattr(index_module, "RARE_DF_MIN", 1)
    matcher = build_two_words(200, 6, guild_of={199: 5})
    got = gather(matcher, "crane harbour")
    assert all(int(i.rsplit("f", 1)[1]) % 2 == 0 for i in got)  # both words
    assert {event_number(i) for i in got} == {198, 197, 196, 195}  # 199 is guild 5's
    assert len(got) == 10
    assert {event_number(i) for i in gather(matcher, "crane harbour", guild_id=5)} == {
        199, 198, 197, 196}


def test_common_words_that_never_meet_keep_the_rarer_ones_facts(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 10)
    monkeypatch.setattr(index_module, "RARE_DF_MIN", 1)
    matcher = build_two_words(200, 6)
    matcher.upsert_fact(Fact("lone", "e0", "wire", "claim", "The turbine report.", "Wire"))
    for i in range(1, 200):
        matcher.upsert_fact(Fact(f"t{i}", f"e{i}", "wire", "claim", "A turbine.", "Wire"))
    # "turbine" and "crane" share no fact: the intersection stops before it empties
    got = gather(matcher, "turbine crane")
    assert got and all(i.startswith("t") or i == "lone" for i in got)


def test_too_many_rare_word_facts_keep_those_with_more_of_the_question(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 5)
    monkeypatch.setattr(index_module, "RARE_DF_MIN", 40)
    matcher = build(40, 1)  # 40 "harbour turbine" claims, one per event, all common words
    # a speaker's 30 statements, newest events first; only two old ones are about ferries
    for i in range(30):
        topic = "ferries" if i in (3, 4) else "weather"
        matcher.upsert_fact(Fact(f"s{i}", f"e{i}", "wire", "statement",
                                 f"Ilse Marrow said the {topic} was fine.", "Wire",
                                 speaker="Ilse Marrow", speaker_role="harbour master",
                                 about=(topic,)))
    for i in range(40):  # "ferries" common enough to be no rare word
        matcher.upsert_fact(Fact(f"x{i}", f"e{i}", "wire", "claim", "Ferries ran.", "Wire"))
    got = gather(matcher, "what did ilse marrow say about ferries")
    assert {"s3", "s4"} <= set(got)  # in more of the question's postings: first
    assert len(got) == 5
    assert set(got) - {"s3", "s4"} <= {f"s{i}" for i in range(27, 30)}  # then the newest


def test_a_common_word_and_its_synonym_meet_another_word(monkeypatch):
    monkeypatch.setattr(index_module, "RARE_DF_MIN", 1)
    matcher = build(60, 1)  # "harbour turbine" in every event
    for i in range(60):
        word = ("ferry", "boat", "tram")[i % 3]
        matcher.upsert_fact(Fact(f"w{i}", f"e{i}", "wire", "claim", f"The {word} harbour.",
                                 "Wire"))
    q = matcher.analyse("ferry harbour", synonyms=[("ferry", "boat")])
    alternatives = [t.alternatives for t in [*q.terms, *q.speaker]]
    got = {d.id for d in matcher.index.candidates(alternatives, None, [])}
    assert got == {f"w{i}" for i in range(60) if i % 3 in (0, 1)}


_SAME_FACTS_SCRIPT = """
import bot.core.matching.index as index_module
from tests.core.test_index import build, gather
index_module.MAX_CANDIDATES = 7
for n_events, per_event in ((3, 40), (400, 5)):  # the walk over events, then the heap
    print(sorted(gather(build(n_events, per_event), "the harbour")))
"""


def test_the_same_question_gathers_the_same_facts_in_every_process():
    # sets iterate in an order that changes with the process's hash seed; where the cap
    # cuts an event's facts, the id decides, so the answer does not depend on the process
    runs = [subprocess.run([sys.executable, "-c", _SAME_FACTS_SCRIPT], capture_output=True,
                           text=True, check=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")]
    assert runs[0] and runs[0] == runs[1] == runs[2]


def test_the_walk_and_the_heap_keep_the_same_facts(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 7)
    matcher = build(3, 40)
    monkeypatch.setattr(index_module, "PROBES_PER_HEAP_STEP", 10**9)  # always the walk
    walked = gather(matcher, "the harbour")
    monkeypatch.setattr(index_module, "PROBES_PER_HEAP_STEP", 0)  # always the heap
    assert gather(matcher, "the harbour") == walked
    assert walked == sorted(walked) and {event_number(f) for f in walked} == {2}


def test_the_units_labels_name_follow_the_facts_that_name_them():
    matcher = build(2, 1)
    fee = Fact("e1-fee", "e1", "wire", "measurement", "A fee of 4,000 crowls.", "Wire",
               label="Harbour fee (crowls)", quantities=(Quantity(4000, ""),))
    matcher.upsert_fact(fee)
    index = matcher.index
    assert index.unit_words(frozenset({"crowl", "harbour"})) == {"crowl"}
    matcher.remove_fact("e1-fee")
    assert index.unit_words(frozenset({"crowl"})) == frozenset()


def test_a_named_events_facts_past_the_cap_are_those_with_the_asked_words(monkeypatch):
    # one event of more facts than are scored: the fact with the question's words is
    # among them, however late its id sorts
    monkeypatch.setattr(index_module, "MAX_CANDIDATES", 5)
    matcher = build(1, 40)
    matcher.upsert_fact(Fact("e0-z", "e0", "wire", "claim", "The turbine at Quarn.", "Wire"))
    q = matcher.analyse("turbine at quarn")
    alternatives = [t.alternatives for t in q.terms]
    got = [d.id for d in matcher.index.candidates(alternatives, None, ["e0"])]
    assert len(got) == 5 and got[0] == "e0-z"
