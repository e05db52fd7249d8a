"""Moderators' synonym groups: stored per guild, audited, merged in at question time."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import Conflict, Forbidden, NotFound, ValidationError
from bot.core.lexicon import default_lexicon
from bot.core.synonyms import MAX_CHARS, MAX_WORDS, check_group, split_words

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture()
def engine(tmp_path: Path):
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE))
    yield eng
    eng.close()


def test_a_guild_synonym_lets_an_unknown_word_match(engine: Engine):
    question = "what was the zorblat"
    assert not engine.ask(question, guild_id=7).answered  # an unknown word blocks
    group = engine.add_synonyms(["zorblat", "apogee"], actor="discord:1", guild_id=7)
    syn_id = group.id
    assert group.words == ("zorblat", "apogee") and group.guild_id == 7
    answer = engine.ask(question, guild_id=7)
    assert answer.answered and "47 km" in answer.text
    assert not engine.ask(question, guild_id=8).answered  # other guilds are unaffected
    assert [g.id for g in engine.list_synonyms(guild_id=7)] == [syn_id]
    assert engine.list_synonyms(guild_id=8) == []
    removed = engine.remove_synonyms(syn_id, actor="discord:1", guild_id=7)
    assert removed.words == ("zorblat", "apogee")
    assert not engine.ask(question, guild_id=7).answered
    actions = [e.action for e in engine.store._audit_entries("synonym", str(syn_id))]
    assert actions == ["add", "remove"]


def test_synonym_input_is_checked(engine: Engine):
    with pytest.raises(ValidationError, match="at least two different words"):
        engine.add_synonyms(["evac", "EVAC"], actor="cli", guild_id=None)
    with pytest.raises(NotFound, match="no synonym group #99"):
        engine.remove_synonyms(99, actor="cli", guild_id=None)


def test_a_guild_never_sees_or_removes_another_guilds_group(engine: Engine):
    theirs = engine.add_synonyms(["zorblat", "apogee"], actor="discord:1", guild_id=7)
    with pytest.raises(NotFound) as refused:
        engine.remove_synonyms(theirs.id, actor="discord:2", guild_id=8)
    # the same words as for an id that never existed: nothing tells guild 8 it exists
    with pytest.raises(NotFound) as unknown:
        engine.remove_synonyms(theirs.id + 100, actor="discord:2", guild_id=8)
    assert str(refused.value) == str(unknown.value).replace(str(theirs.id + 100), str(theirs.id))
    with pytest.raises(NotFound):  # nor the CLI without naming the guild
        engine.remove_synonyms(theirs.id, actor="cli", guild_id=None)
    assert engine.list_synonyms(guild_id=8) == []
    assert engine.list_synonyms(guild_id=None) == []
    assert engine.ask("what was the zorblat", guild_id=7).answered  # still in use in guild 7


def test_a_global_group_is_used_everywhere_and_removed_only_globally(engine: Engine):
    shared = engine.add_synonyms(["zorblat", "apogee"], actor="cli", guild_id=None)
    assert engine.ask("what was the zorblat", guild_id=7).answered
    assert engine.ask("what was the zorblat").answered
    assert [g.id for g in engine.list_synonyms(guild_id=7)] == [shared.id]
    with pytest.raises(Forbidden, match="shared by every server"):
        engine.remove_synonyms(shared.id, actor="discord:1", guild_id=7)
    engine.remove_synonyms(shared.id, actor="cli", guild_id=None, reason="test over")
    assert not engine.ask("what was the zorblat", guild_id=7).answered
    [_, removal] = engine.store._audit_entries("synonym", str(shared.id))
    assert (removal.actor, removal.reason) == ("cli", "test over")


def test_the_same_group_twice_is_refused(engine: Engine):
    first = engine.add_synonyms(["evac", "evacuation"], actor="discord:1", guild_id=7)
    with pytest.raises(Conflict, match=f"already synonym group #{first.id}"):
        engine.add_synonyms(["Evacuation", " evac "], actor="discord:1", guild_id=7)
    # another guild may have its own
    assert engine.add_synonyms(["evac", "evacuation"], actor="discord:2", guild_id=8).id != first.id


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("evac, evacuation", ["evac", "evacuation"]),
        ("  death   toll ,killed;dead\nfatalities ",
         ["death toll", "killed", "dead", "fatalities"]),
        (",, evac ,,", ["evac"]),
        ("", []),
    ],
)
def test_split_words(text: str, words: list[str]):
    assert split_words(text) == words


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["evac", "evacuation"], ["evac", "evacuation"]),
        (["Evac", "evac", "EVAC", "evacuation"], ["Evac", "evacuation"]),
        (["injured", "injure", "hurt"], ["injured", "hurt"]),  # the same word in another form
        (["death  toll", "killed"], ["death toll", "killed"]),
    ],
)
def test_check_group_keeps_each_different_word_once(words: list[str], kept: list[str]):
    assert check_group(words) == kept


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["evac"], "at least two different words or phrases (only 'evac')"),
        ([], "at least two different words or phrases, separated by commas"),
        (["evac", "EVAC "], "at least two different words"),
        ([f"w{i}" for i in range(MAX_WORDS + 1)], f"21 words or phrases is too many for one "
                                                  f"group (at most {MAX_WORDS})"),
        (["evac", "x" * (MAX_CHARS + 1)], f"is {MAX_CHARS + 1} characters long"),
        (["evac", "!!!"], "'!!!' has no letters or digits"),
        (["evac", "the"], "'the' is only little words"),
        # a phrase that is one word once its little words go would give that word the
        # group's meaning in every question ("went up": every "went")
        (["went up", "rose"], "'went up' is read as 'went' alone ('up' is not matched on)"),
        (["on the run", "fled"], "('on', 'the' are not matched on)"),
    ],
)
def test_check_group_says_what_is_wrong(words: list[str], message: str):
    with pytest.raises(ValidationError) as err:
        check_group(words)
    assert message in str(err.value)
    assert all(p.where == "synonym group" for p in err.value.problems)


def test_a_refused_group_saves_nothing(engine: Engine):
    with pytest.raises(ValidationError):
        engine.add_synonyms(["evac", "y" * 200], actor="discord:1", guild_id=7)
    assert engine.list_synonyms(guild_id=7) == []
    assert list(engine.store.db["audit"].rows_where("entity = 'synonym'")) == []


def test_a_group_added_by_another_process_is_used_after_the_next_refresh(tmp_path: Path):
    """The running bot's poller calls ``refresh`` every ``change_poll_seconds``."""
    config = Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE)
    bot, cli = Engine.open(config), Engine.open(config)  # two connections, as two processes
    try:
        question = "what was the zorblat"
        assert not bot.ask(question, guild_id=7).answered  # caches guild 7's (no) groups
        group = cli.add_synonyms(["zorblat", "apogee"], actor="cli", guild_id=None)
        bot.refresh()
        assert bot.ask(question, guild_id=7).answered
        cli.remove_synonyms(group.id, actor="cli", guild_id=None)
        bot.refresh()
        assert not bot.ask(question, guild_id=7).answered
    finally:
        bot.close()
        cli.close()


def test_a_guilds_merged_lexicon_is_built_once_per_set_of_groups():
    lexicon = default_lexicon()
    assert lexicon.with_synonyms([]) is lexicon
    merged = lexicon.with_synonyms([["zorblat", "apogee"]])
    assert merged is lexicon.with_synonyms((("zorblat", "apogee"),))  # the same, not rebuilt
    assert merged.synonyms[-1] == ("zorblat", "apogee")
    assert "zorblat" in merged.synonym_terms and "zorblat" not in lexicon.synonym_terms
    other = lexicon.with_synonyms([["zorblat", "range"]])
    assert other is not merged and other.synonyms[-1] == ("zorblat", "range")


def test_words_the_lexicon_file_already_groups_are_not_added_again(engine: Engine):
    with pytest.raises(Conflict, match=r"already mean the same in the lexicon file "
                                       r"\(lexicon.yaml: killed, dead, died"):
        engine.add_synonyms(["Killed", "dead"], actor="discord:1", guild_id=7)
    assert engine.list_synonyms(guild_id=7) == []
    # a word the file does not have is a real addition, even next to one it has
    assert engine.add_synonyms(["killed", "slain"], actor="discord:1", guild_id=7).id
