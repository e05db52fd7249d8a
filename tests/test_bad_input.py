"""Each bad input gets one clear line and exit 1 or 2, never a traceback; and every command
that a message names exists."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.chat import forms, render
from bot.chat.client import create_bot
from bot.chat.runner import main as runner_main
from bot.cli import cli
from bot.config import Config
from bot.core import knowledge
from bot.core.errors import DatabaseError
from bot.core.models import Fact
from bot.core.runtime import AsyncEngine

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


def invoke(*args: str, knowledge_dir: Path | None = KNOWLEDGE):
    opts = ["--knowledge", str(knowledge_dir)] if knowledge_dir is not None else []
    result = CliRunner().invoke(cli, [*opts, *args], catch_exceptions=True)
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def one_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- start-up ------------------------------------------------------------------------------------


def test_a_binary_config_file_is_one_line_exit_2(tmp_path: Path):
    config = tmp_path / "factbot.yaml"
    config.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    result = invoke("--config", str(config), "facts", "list")
    assert result.exit_code == 2
    assert "not UTF-8 text" in one_line(result)
    assert runner_main(["--config", str(config), "run"]) == 1  # the runner's front door


def test_a_config_file_with_nul_bytes_is_refused(tmp_path: Path):
    config = tmp_path / "factbot.yaml"
    config.write_bytes(b"database: x.db\n\x00\x00")
    result = invoke("--config", str(config), "facts", "list")
    assert result.exit_code == 2 and "NUL bytes" in one_line(result)


@pytest.mark.parametrize("where", ["file-as-parent", "directory"])
def test_an_impossible_database_path_is_one_line_exit_2(tmp_path: Path, where: str):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    db = blocker / "sub" / "factbot.db" if where == "file-as-parent" else tmp_path / "d"
    db.mkdir(exist_ok=True) if where == "directory" else None
    config = tmp_path / "factbot.yaml"
    config.write_text(f"database: {db}\n", encoding="utf-8")
    result = invoke("--config", str(config), "facts", "list")
    assert result.exit_code == 2
    line = one_line(result)
    assert str(db) in line and "database" in line


def test_a_database_file_that_is_not_sqlite_is_one_line_exit_1(tmp_path: Path):
    junk = tmp_path / "factbot.db"
    junk.write_bytes(b"this is not a database, just some text\n" * 200)
    before = junk.read_bytes()
    result = invoke("--db", str(junk), "facts", "list")
    assert result.exit_code == 1
    assert "is not a SQLite database" in one_line(result)
    assert junk.read_bytes() == before  # nothing written into it


def test_the_bot_reports_a_bad_database_in_one_line(tmp_path: Path, capsys):
    junk = tmp_path / "factbot.db"
    junk.write_bytes(b"junk" * 1000)
    config = tmp_path / "factbot.yaml"
    config.write_text(f"database: {junk}\nknowledge_dir: {KNOWLEDGE}\n", encoding="utf-8")
    import asyncio

    from bot.config import load_config

    async def start() -> None:
        async with AsyncEngine(load_config(config)):
            pass

    with pytest.raises(DatabaseError) as err:
        asyncio.run(start())
    assert "is not a SQLite database" in str(err.value)
    assert "\n" not in str(err.value)


# --- knowledge caps ------------------------------------------------------------------------------


def test_an_oversized_knowledge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch):
    kdir = tmp_path / "knowledge"
    kdir.mkdir()
    (kdir / "big.yaml").write_text("facts: []\n" + "# padding\n" * 2_000, encoding="utf-8")
    monkeypatch.setattr(knowledge, "MAX_FILE_BYTES", 10_000)
    read: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real(self))
    result = invoke("validate", knowledge_dir=kdir)
    assert result.exit_code == 1
    assert "over the 10,000-byte limit for one knowledge file" in result.stderr
    assert kdir / "big.yaml" not in read


def test_an_oversized_field_is_refused_with_its_line(tmp_path: Path):
    kdir = tmp_path / "knowledge"
    kdir.mkdir()
    text = (KNOWLEDGE / "2022-11-17-wonsan-launch.yaml").read_text(encoding="utf-8")
    first_text = re.search(r"^    text: .*$", text, re.M)
    assert first_text is not None
    long = "    text: " + "a" * (knowledge.MAX_FIELD_CHARS + 1)
    (kdir / "k.yaml").write_text(text.replace(first_text.group(0), long, 1), encoding="utf-8")
    result = invoke("validate", knowledge_dir=kdir)
    assert result.exit_code == 1
    assert "k.yaml:" in result.stderr and "over the limit of 4,000" in result.stderr


# --- export and stale changes --------------------------------------------------------------------


def test_export_of_a_guild_never_writes_into_the_knowledge_directory(tmp_path: Path):
    kdir = tmp_path / "knowledge"
    kdir.mkdir()
    for path in KNOWLEDGE.glob("*.yaml"):
        (kdir / path.name).write_bytes(path.read_bytes())
    db = str(tmp_path / "x.db")
    before = sorted(p.name for p in kdir.iterdir())
    for extra in ([], ["--out", str(kdir)]):
        result = invoke("--db", db, "export", "--guild", "1", *extra, knowledge_dir=kdir)
        assert result.exit_code == 2
        assert "--out DIR" in one_line(result)
    assert sorted(p.name for p in kdir.iterdir()) == before
    out = tmp_path / "out"
    result = invoke("--db", db, "export", "--guild", "1", "--out", str(out), knowledge_dir=kdir)
    assert result.exit_code == 0 and (out / "2022-11-17-wonsan-launch.yaml").exists()


def test_a_cli_change_on_a_stale_revision_is_refused(tmp_path: Path):
    db = str(tmp_path / "x.db")
    edited = invoke("--db", db, "facts", "edit", "wonsan-range", "--set",
                    "text=Officials said: the missile flew about 240 km, officials said.",
                    "--set", "keywords=[distance, how far]", "--expect-revision", "1")
    assert edited.exit_code == 0 and "now revision 2" in edited.stdout
    stale = invoke("--db", db, "facts", "retract", "wonsan-range", "--reason", "x",
                   "--expect-revision", "1")
    assert stale.exit_code == 1
    line = one_line(stale)
    assert "changed since you opened it" in line and "officials said" in line
    bad = invoke("--db", db, "facts", "edit", "wonsan-range", "--set", "nonsense")
    assert bad.exit_code == 2 and "FIELD=VALUE" in one_line(bad)


# --- Discord limits ------------------------------------------------------------------------------


def _huge_fact() -> Fact:
    return Fact(
        id="huge", event="ev", source="src", kind="statement", text="t" * 4000,
        reported_by="r" * 4000, speaker="s" * 4000, speaker_role="role " * 800,
        quote="q" * 4000, about=tuple(f"topic{i}" for i in range(400)),
        keywords=tuple(f"keyword{i}" for i in range(400)),
    )


def test_every_embed_is_within_discords_totals():
    embeds = [
        render.fact_embed(_huge_fact()),
        *render.fact_list_pages([_huge_fact()] * 30),
    ]
    for embed in embeds:
        assert len(embed) <= render.EMBED_TOTAL_LIMIT
        for fld in embed.fields:
            assert len(fld.value or "") <= render.FIELD_VALUE_LIMIT
    assert len(render.fact_embed(_huge_fact())) > 5_000  # cut to fit, not emptied


def test_a_form_never_opens_with_a_value_cut_short():
    fact = _huge_fact()
    specs = forms.fact_fields(fact.kind)
    assert forms.too_long_for_form(specs, forms.form_from_fact(fact))
    from bot.chat.views import FormModal

    async def noop(*_):
        return None

    with pytest.raises(ValueError):
        FormModal(title="x", specs=specs, defaults=forms.form_from_fact(fact), on_values=noop)


def test_an_export_too_big_for_an_upload_is_compressed_or_refused():
    text = ("- id: x\n  text: the missile flew 240 km\n" * 10_000).encode()
    assert render.export_upload(text, name="f.yaml", limit=len(text)).name == "f.yaml"
    packed = render.export_upload(text, name="f.yaml", limit=len(text) // 2)
    assert packed is not None and packed.compressed and packed.name == "f.yaml.gz"
    assert render.export_upload(text, name="f.yaml", limit=10) is None


# --- every command a message names exists ------------------------------------------------


def _strings() -> list[tuple[Path, str]]:
    """Every string literal in the package (f-string parts included), docstrings aside."""
    out = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                docstrings.add(id(body[0].value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docstrings:
                    out.append((path, node.value))
    return out


COMMAND_VERBS = {"add", "edit", "list", "show", "remove", "history", "retract", "revert"}


def _slash_commands() -> dict[str, set[str]]:
    import asyncio

    async def load() -> dict[str, set[str]]:
        bot = create_bot(Config(), AsyncEngine(Config()))
        await bot.setup_hook()
        found: dict[str, set[str]] = {}
        for command in bot.tree.get_commands():
            subs = getattr(command, "commands", [])
            found[command.name] = {c.name for c in subs}
        await bot.close()
        return found

    return asyncio.run(load())


def _cli_commands() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, command in cli.commands.items():
        subs = command.commands if isinstance(command, click.Group) else {}
        found[name] = set(subs)
    return found


def test_every_command_named_in_a_message_exists():
    slash, commands = _slash_commands(), _cli_commands()
    slash_re = re.compile(r"(?<![\w/.:<])/([a-z]+)(?: ([a-z]+))?\b")
    cli_re = re.compile(r"\bfactbot ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")
    checked, missing = 0, []
    for path, text in _strings():
        for match in slash_re.finditer(text):
            name, sub = match.groups()
            if name not in slash:
                if sub in COMMAND_VERBS:  # "/synonym list": a command that is not there
                    missing.append(f"{path.name}: /{name} {sub}")
                continue  # a path or unit such as km/h, not a command
            checked += 1
            subs_anywhere = set().union(*slash.values())
            plausible = sub in COMMAND_VERBS or sub in subs_anywhere  # not "/review by user"
            if slash[name] and plausible and sub not in slash[name]:
                missing.append(f"{path.name}: /{name} {sub}")
        for match in cli_re.finditer(text):
            name, sub = match.groups()
            if name in ("is", "has", "can", "could", "will", "database", "bot"):  # prose
                continue
            checked += 1
            if name not in commands:
                if sub is None or sub in COMMAND_VERBS:  # not "factbot for this server"
                    missing.append(f"{path.name}: factbot {name} {sub or ''}".rstrip())
            elif commands[name] and sub not in commands[name]:
                missing.append(f"{path.name}: factbot {name} {sub}")
    assert checked > 10
    assert missing == [], missing


def test_a_database_opened_read_only_refuses_writes(tmp_path: Path):
    from bot.core.store import Store

    Store(tmp_path / "x.db").close()
    reader = Store(tmp_path / "x.db", reader=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            reader.db.execute("CREATE TABLE t (x)")
    finally:
        reader.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("change_poll_seconds: 0\n", "off"),
        ("change_poll_seconds: 2.5\n", 2.5),
        ("change_poll_seconds: -1\n", "'change_poll_seconds' must be a positive number"),
        ("discord:\n  ask_cooldown:\n    per_seconds: 0\n", "must be a positive number"),
    ],
)
def test_the_change_poll_may_be_turned_off_but_not_negative(tmp_path: Path, text, expected):
    from bot.config import load_config
    from bot.core.errors import ConfigError

    path = tmp_path / "factbot.yaml"
    path.write_text(text, encoding="utf-8")
    if isinstance(expected, str) and expected != "off":
        with pytest.raises(ConfigError, match=expected):
            load_config(path)
    else:
        assert load_config(path).change_poll_seconds == (0.0 if expected == "off" else expected)
