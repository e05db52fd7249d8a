"""Documentation stays in step with the CLI (in the spirit of sqlite-utils' test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from bot.cli import cli

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def _walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(cli))


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "factbot" for p, _ in COMMANDS]
)
def test_every_command_and_group_has_help(path: tuple[str, ...], command: click.Command):
    assert command.help and command.help.strip(), f"factbot {' '.join(path)} has no help text"
    assert command.get_short_help_str().strip()


def test_there_are_commands():
    names = {p[0] for p, _ in COMMANDS if len(p) == 1}
    assert {"ask", "console", "validate", "facts", "export", "eval"} <= names


@pytest.mark.skipif(not README.exists(), reason="README.md not written yet")
@pytest.mark.parametrize("name", sorted(cli.commands))
def test_top_level_command_is_in_readme(name: str):
    text = README.read_text(encoding="utf-8")
    # "factbot NAME", possibly with global options in between ("factbot --db x.db NAME")
    options = r"(?: --?[\w-]+(?:[ =][^\s`-][^\s`]*)?)*"
    assert re.search(rf"\bfactbot{options} {re.escape(name)}\b", text), (
        f"`factbot {name}` is not mentioned in README.md"
    )


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "factbot" for p, _ in COMMANDS]
)
def test_every_option_has_help(path: tuple[str, ...], command: click.Command):
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help", "version"):
            assert param.help and param.help.strip(), (
                f"factbot {' '.join(path)} {param.opts[0]} has no help text"
            )
