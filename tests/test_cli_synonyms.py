"""``factbot synonyms add/list/remove`` through click's CliRunner: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.config import Config
from bot.core.engine import Engine

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def run(db: Path):
    """``run(*args)`` -> click Result on one database with the shipped knowledge; never a
    traceback."""

    def invoke(*args: str) -> Result:
        opts = ["--db", str(db), "--knowledge", str(KNOWLEDGE)]
        result = CliRunner().invoke(cli, [*opts, *args], catch_exceptions=True)
        assert "Traceback" not in result.output
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), repr(result.exception)
        return result

    return invoke


def answered(run, question: str, guild: int | None = None) -> bool:
    args = ["ask", "--json", question] + (["--guild", str(guild)] if guild else [])
    result = run(*args)
    assert result.exit_code == 0
    return json.loads(result.stdout)["answered"]


def test_add_list_remove_a_global_group(run):
    assert not answered(run, "what was the zorblat")
    added = run("synonyms", "add", "zorblat,  apogee")
    assert added.exit_code == 0
    assert added.stdout == "added synonym group #1 (every guild): zorblat · apogee\n"
    assert answered(run, "what was the zorblat")
    assert answered(run, "what was the zorblat", guild=42)  # global: every guild

    listed = run("synonyms", "list")
    assert listed.exit_code == 0
    [line] = listed.stdout.splitlines()
    assert line.startswith("#1     global") and "zorblat · apogee  (cli, 20" in line
    assert listed.stderr == "(1 group(s))\n"

    removed = run("synonyms", "remove", "1", "--reason", "test word")
    assert removed.exit_code == 0
    assert removed.stdout == "removed synonym group #1 (every guild): zorblat · apogee\n"
    assert not answered(run, "what was the zorblat")
    assert run("synonyms", "list").stdout == ""


def test_list_json_and_a_guilds_groups(run, db: Path):
    engine = Engine.open(Config(database=db, knowledge_dir=KNOWLEDGE))
    try:
        engine.add_synonyms(["evac", "evacuation"], actor="discord:5", guild_id=42)
        engine.add_synonyms(["zorblat", "apogee"], actor="discord:6", guild_id=43)
    finally:
        engine.close()
    run("synonyms", "add", "killed, slain")

    assert [json.loads(x)["id"] for x in run("synonyms", "list", "--json").stdout.split("\n")
            if x] == [3]  # without --guild: the global groups only
    rows = [json.loads(x) for x in run("synonyms", "list", "--guild", "42", "--json").stdout
            .splitlines()]
    assert [(r["id"], r["words"], r["guild"], r["created_by"]) for r in rows] == [
        (1, ["evac", "evacuation"], 42, "discord:5"),
        (3, ["killed", "slain"], None, "cli"),
    ]
    assert all(r["created_at"].startswith("20") for r in rows)
    text = run("synonyms", "list", "--guild", "42").stdout
    assert "guild 42" in text and "zorblat" not in text

    # a guild's group is removed by naming the guild, never without
    refused = run("synonyms", "remove", "1")
    assert refused.exit_code == 1
    assert refused.stderr == ("factbot: no synonym group #1 here; see /synonym list "
                              "(or factbot synonyms list)\n")
    assert run("synonyms", "remove", "1", "--guild", "43").exit_code == 1
    removed = run("synonyms", "remove", "1", "--guild", "42")
    assert removed.stdout == "removed synonym group #1 (guild 42): evac · evacuation\n"


def test_add_for_one_guild(run):
    added = run("synonyms", "add", "zorblat, apogee", "--guild", "42")
    assert added.stdout == "added synonym group #1 (guild 42): zorblat · apogee\n"
    assert answered(run, "what was the zorblat", guild=42)
    assert not answered(run, "what was the zorblat", guild=43)
    assert not answered(run, "what was the zorblat")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "evac"], "factbot: synonym group: give at least two different words or "
                          "phrases (only 'evac'), separated by commas, e.g. evac, evacuation\n"),
        (["add", ", ".join(f"w{n}" for n in range(25))],
         "factbot: synonym group: 25 words or phrases is too many for one group (at most 20); "
         "split it into groups of words that all mean the same\n"),
        (["add", "evac, " + "x" * 70, ], "factbot: synonym group: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' "
                                        "is 70 characters long; keep each word or phrase to at "
                                        "most 60\n"),
        (["add", "!!!, the"], "factbot: synonym group: '!!!' has no letters or digits; "
                              "synonym group: 'the' is only little words that questions are not "
                              "matched on; give a word that carries meaning\n"),
        (["remove", "7"], "factbot: no synonym group #7 here; see /synonym list (or factbot "
                          "synonyms list)\n"),
    ],
)
def test_bad_data_is_one_line_and_exit_1(run, args: list[str], message: str):
    result = run("synonyms", *args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""
    assert run("synonyms", "list").stdout == ""  # nothing was saved


def test_the_same_group_twice_is_exit_1(run):
    run("synonyms", "add", "evac, evacuation")
    again = run("synonyms", "add", "Evacuation, evac")
    assert again.exit_code == 1
    assert again.stderr == ("factbot: these words are already synonym group #1 (shared by "
                            "every server); nothing to add\n")


@pytest.mark.parametrize(
    "args",
    [["add"], ["add", "evac", "evacuation"], ["remove"], ["remove", "one"],
     ["list", "--guild", "x"]],
)
def test_bad_usage_is_exit_2(run, args: list[str]):
    result = run("synonyms", *args)
    assert result.exit_code == 2
    assert "Usage: " in result.stderr and "Error: " in result.stderr
