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


def test_synonym_input_is_checked(engine: Engine):
    with pytest.raises(ValidationError, match="at least two different words"):
        engine.add_synonyms(["evac", "EVAC"], actor="cli", guild_id=None)
    with pytest.raises(NotFound, match="no synonym group 99"):
        engine.remove_synonyms(99, actor="cli", guild_id=None)
