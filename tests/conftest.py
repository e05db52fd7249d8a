"""Shared fixtures: an engine over the shipped knowledge, and synthetic knowledge dirs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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
