"""Moderators' synonym groups: stored per guild, audited, merged in at question time."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config
from bot.core.engine import Engine
from bot.core.errors import NotFound, ValidationError

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture()
def engine(tmp_path: Path):
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=KNOWLEDGE))
    yield eng
    eng.close()


def test_a_guild_synonym_lets_an_unknown_word_match(engine: Engine):
    question = "what was the zorblat"
    assert not engine.ask(question, guild_id=7).answered  # an unknown word blocks
    syn_id = engine.add_synonyms(["zorblat", "apogee"], actor="discord:1", guild_id=7)
    answer = engine.ask(question, guild_id=7)
    assert answer.answered and "47 km" in answer.text
    assert not engine.ask(question, guild_id=8).answered  # other guilds are unaffected
    assert engine.list_synonyms(guild_id=7)[0]["id"] == syn_id
    assert engine.remove_synonyms(syn_id, actor="discord:1", guild_id=7) == ["zorblat", "apogee"]
    assert not engine.ask(question, guild_id=7).answered
    actions = [e.action for e in engine.store._audit_entries("synonym", str(syn_id))]
    assert actions == ["add", "remove"]


def test_synonym_input_is_checked(engine: Engine):
    with pytest.raises(ValidationError, match="at least two different words"):
        engine.add_synonyms(["evac", "EVAC"], actor="cli", guild_id=None)
    with pytest.raises(NotFound, match="no synonym group 99"):
        engine.remove_synonyms(99, actor="cli", guild_id=None)
