"""Shared fixtures: an engine over the shipped knowledge, and synthetic knowledge dirs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.config import Config
from bot.core.engine import Engine

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


def open_engine(db: Path, knowledge_dir: Path = KNOWLEDGE) -> Engine:
    return Engine.open(Config(database=db, knowledge_dir=knowledge_dir))


def engine_over(base: Path, name: str, yaml_text: str) -> Engine:
    """An engine whose knowledge directory (under ``base``) holds only ``yaml_text``."""
    (base / "knowledge").mkdir()
    (base / "knowledge" / f"{name}.yaml").write_text(yaml_text, encoding="utf-8")
    return open_engine(base / "t.db", base / "knowledge")


def engine_beside_shipped(base: Path, name: str, yaml_text: str) -> Engine:
    """An engine over the shipped knowledge plus ``yaml_text`` (a second event's file)."""
    knowledge = base / "knowledge"
    knowledge.mkdir()
    for path in KNOWLEDGE.glob("*.yaml"):
        (knowledge / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (knowledge / f"{name}.yaml").write_text(yaml_text, encoding="utf-8")
    return open_engine(base / "t.db", knowledge)


def database_before(path: Path, migration: str) -> Database:
    """A database at ``path`` with every migration applied but ``migration``: one written
    before it, for its upgrade test."""
    from bot.core.migrations import MIGRATIONS, FactbotMigrations

    earlier = FactbotMigrations("factbot")
    for m in MIGRATIONS._migrations:
        if m.name != migration:
            earlier(name=m.name)(m.fn)
    db = Database(path)
    earlier.apply(db)
    return db


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh engine (own database in tmp_path) over the shipped knowledge."""
    eng = open_engine(tmp_path / "t.db")
    yield eng
    eng.close()


@pytest.fixture
def make_knowledge() -> Callable[..., Path]:
    """``make_knowledge(tmp_path, yaml_text, name="k.yaml")`` -> a knowledge dir holding it."""

    def make(base: Path, yaml_text: str, name: str = "k.yaml") -> Path:
        directory = base / "knowledge"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return directory

    return make
