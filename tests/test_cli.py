"""The ``factbot`` command line, through click's CliRunner: output and exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


@pytest.fixture
def run(tmp_path: Path):
    """``run(*args, input=None)`` -> click Result, with --db in tmp_path and the shipped
    knowledge; never a traceback."""

    def invoke(*args: str, input: str | None = None, db: Path | None = None,
               knowledge: Path | None = KNOWLEDGE) -> Result:
        opts = ["--db", str(db or tmp_path / "cli.db")]
        if knowledge is not None:
            opts += ["--knowledge", str(knowledge)]
        result = CliRunner().invoke(cli, [*opts, *args], input=input, catch_exceptions=True)
        assert "Traceback" not in result.output
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), repr(result.exception)
        return result

    return invoke


# --- ask ------------------------------------------------------------------------------------------


def test_ask_prints_answer_and_sources(run):
    result = run("ask", "How far did the missile fly?")
    assert result.exit_code == 0
    out = result.stdout
    assert "Distance flown: about 240 km (150 miles)" in out
    assert "\nSources:\n" in out
    assert "  [1] North Korea fires ballistic missiles" in out
    assert "reported by South Korea's Joint Chiefs of Staff" in out
    assert "(confidence " in out


def test_ask_abstains_with_exit_0_and_no_sources(run):
    result = run("ask", "How fast did the missile fly?")
    assert result.exit_code == 0
    assert "No reported fact gives the speed." in result.stdout
    assert "Sources:" not in result.stdout


FACT_KEYS = {"id", "event", "kind", "attribute", "value", "unit", "speaker", "text", "source"}
SOURCE_KEYS = {"id", "title", "publisher", "url", "published"}


def check_answer_json(data: dict) -> None:
    """The documented ``ask --json`` schema (extra keys are allowed)."""
    assert isinstance(data, dict)
    assert {"question", "answered", "answer", "confidence", "facts"} <= set(data)
    assert isinstance(data["question"], str)
    assert isinstance(data["answered"], bool)
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["confidence"], float)
    assert 0.0 <= data["confidence"] <= 1.0
    assert isinstance(data["facts"], list)
    for fact in data["facts"]:
        assert FACT_KEYS <= set(fact)
        for key in ("id", "event", "kind", "text"):
            assert isinstance(fact[key], str) and fact[key]
        assert fact["kind"] in ("measurement", "time", "place", "statement", "claim")
        for key in ("attribute", "unit", "speaker"):
            assert fact[key] is None or isinstance(fact[key], str)
        assert fact["value"] is None or isinstance(fact["value"], str | int | float)
        assert isinstance(fact["source"], dict)
        assert SOURCE_KEYS <= set(fact["source"])
        assert isinstance(fact["source"]["id"], str)
        for key in ("title", "publisher"):
            assert isinstance(fact["source"][key], str)
        assert fact["source"]["url"] is None or isinstance(fact["source"]["url"], str)
        assert isinstance(fact["source"]["published"], str)
        assert len(fact["source"]["published"]) == 10  # YYYY-MM-DD
    if data["answered"]:
        assert data["facts"]
    else:
        assert data["facts"] == []


@pytest.mark.parametrize(
    ("question", "answered", "fact_id", "value", "unit"),
    [
        ("How far did the missile fly?", True, "wonsan-range", 240.0, "km"),
        ("How high did it go?", True, "wonsan-max-altitude", 47.0, "km"),
        ("When was it launched?", True, "wonsan-launch-time", "2022-11-17T10:48:00+09:00", None),
        ("Where did it land?", True, "wonsan-landing-site", None, None),
        ("How fast did the missile fly?", False, None, None, None),
    ],
)
def test_ask_json_schema(run, question, answered, fact_id, value, unit):
    result = run("ask", "--json", question)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    check_answer_json(data)
    assert data["question"] == question
    assert data["answered"] is answered
    if answered:
        fact = data["facts"][0]
        assert fact["id"] == fact_id
        assert fact["event"] == "wonsan-launch-2022-11-17"
        assert fact["source"]["id"] == "wire-2022-11-17"
        assert fact["source"]["published"] == "2022-11-17"
        if value is not None:
            assert fact["value"] == value
        assert fact["unit"] == unit


def test_ask_json_statement_has_speaker(run):
    data = json.loads(run("ask", "--json", "Who called the launch a serious provocation?").stdout)
    check_answer_json(data)
    fact = data["facts"][0]
    assert fact["kind"] == "statement"
    assert fact["speaker"] == "South Korea's Joint Chiefs of Staff"
    assert fact["value"] == "a serious provocation"


def test_ask_json_from_stdin_gives_one_object_per_line(run):
    questions = ["How far did the missile fly?", "", "How fast was it?", "  Altitude?  "]
    result = run("ask", "--json", "-", input="\n".join(questions) + "\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # the blank line is skipped
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        check_answer_json(obj)
    assert [o["question"] for o in objects] == [
        "How far did the missile fly?", "How fast was it?", "Altitude?"
    ]
    assert [o["answered"] for o in objects] == [True, False, True]


def test_ask_text_from_stdin(run):
    result = run("ask", "-", input="range?\naltitude?\n")
    assert result.exit_code == 0
    assert result.stdout.count("Sources:") == 2
    assert "Distance flown" in result.stdout and "Maximum altitude" in result.stdout


def test_ask_in_a_guild_sees_nothing_extra(run):
    result = run("ask", "--guild", "5", "range?")
    assert result.exit_code == 0
    assert "240 km" in result.stdout


def test_ask_without_question_is_a_usage_error(run):
    result = run("ask")
    assert result.exit_code == 2
    assert "Missing argument" in result.output


def test_global_options_before_the_subcommand(tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, """\
        events:
          - id: launch
            title: "A test launch from Sinpo"
            when: 2023-03-01T09:00:00+09:00
        sources:
          - id: src
            title: "Report"
            publisher: "Agency"
            published: 2023-03-01
        facts:
          - id: sinpo-range
            event: launch
            source: src
            kind: measurement
            attribute: range
            values: ["600 km"]
            reported_by: "the JCS"
            text: "The missile flew about 600 km."
        """)
    db = tmp_path / "other" / "x.db"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--knowledge", str(kdir), "ask", "How far did the missile fly?"]
    )
    assert result.exit_code == 0, result.output
    assert "600 km" in result.stdout
    assert "240 km" not in result.stdout
    assert db.exists()


def test_config_file_and_options_override_it(tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, "events: []\n")
    cfg = tmp_path / "factbot.yaml"
    cfg.write_text(f"database: {tmp_path / 'from-config.db'}\nknowledge_dir: {kdir}\n")
    # from the file: an empty knowledge dir, so nothing to answer with
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ask", "range?"])
    assert result.exit_code == 0, result.output
    assert "No reported fact" in result.stdout
    assert (tmp_path / "from-config.db").exists()
    # options win over the file
    result = CliRunner().invoke(cli, ["--config", str(cfg), "--knowledge", str(KNOWLEDGE),
                                      "--db", str(tmp_path / "opt.db"), "ask", "range?"])
    assert result.exit_code == 0, result.output
    assert "240 km" in result.stdout
    assert (tmp_path / "opt.db").exists()


# --- bad configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such config file"),
        ("foo: 1\n", "unknown key 'foo'"),
        ("discord:\n  tokn_env: X\n", "unknown key 'discord.tokn_env'"),
        ("log_level: LOUD\n", "'log_level' must be one of"),
        ("database: [1\n", ":2: "),
    ],
)
def test_bad_config_is_one_clear_line_and_exit_2(tmp_path: Path, text: str | None, message: str):
    cfg = tmp_path / "factbot.yaml"
    if text is not None:
        cfg.write_text(text)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "--db", str(tmp_path / "x.db"),
                                      "ask", "range?"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"factbot: {cfg}")
    assert message in lines[0]


def test_broken_knowledge_fails_ask_with_exit_1(run, tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, BROKEN)
    result = run("ask", "range?", knowledge=kdir)
    assert result.exit_code == 1
    assert "k.yaml:" in result.stderr
    assert result.stdout == ""


# --- console --------------------------------------------------------------------------------------


def test_console_reads_stdin_until_eof(run):
    result = run("console", input="How high did the missile go?\n\n:help\nhow fast was it?\n")
    assert result.exit_code == 0
    out = result.stdout
    assert "> How high did the missile go?" in out
    assert "Maximum altitude: about 47 km" in out
    assert "Commands: :help" in out
    assert "> how fast was it?" in out
    assert "No reported fact" in out
    assert "a moderator can add the fact" in out
    assert "factbot console" not in out  # no banner when not interactive


def test_console_lists_facts_and_quits(run):
    result = run("console", input=":facts\n:quit\nrange?\n")
    assert result.exit_code == 0
    assert "wonsan-range" in result.stdout
    assert "Distance flown" not in result.stdout  # nothing is read after :quit


def test_no_command_without_a_token_starts_the_console(tmp_path: Path):
    runner = CliRunner(env={"DISCORD_TOKEN": None})
    result = runner.invoke(cli, ["--db", str(tmp_path / "x.db"), "--knowledge", str(KNOWLEDGE)],
                           input="range?\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "no Discord token in $DISCORD_TOKEN; starting the local console" in result.stderr
    assert "> range?" in result.stdout
    assert "Distance flown: about 240 km" in result.stdout


# --- validate -------------------------------------------------------------------------------------

BROKEN = """\
events:
  - id: e1
    title: "E"
sources:
  - id: s1
    title: "S"
    publisher: "P"
    published: 2022-11-17
facts:
  - id: f1
    event: e1
    source: s1
    kind: measurement
    attribute: range
    values: ["240 kmz"]
    reported_by: "x"
    text: "y"
  - id: f2
    event: nope
    source: s1
    kind: claim
    reported_by: "x"
    text: "y"
"""


def test_validate_shipped_knowledge(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 1 file(s), 1 event(s), 1 source(s), ")


def test_validate_broken_knowledge_lists_problems_with_lines(run, tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, BROKEN)
    result = run("validate", knowledge=kdir)
    assert result.exit_code == 1
    problems = result.stderr.splitlines()
    # file names are given as <knowledge dir name>/<file>
    assert problems[0].startswith("knowledge/k.yaml:15: fact 'f1': values: unknown unit 'kmz'")
    assert "did you mean 'km'?" in problems[0]
    assert problems[1].startswith("knowledge/k.yaml:19: fact 'f2': event: unknown event 'nope'")
    assert problems[-1] == f"factbot: 2 problem(s) in {kdir}"


def test_validate_bad_yaml_names_the_line(run, tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, "events:\n  - id: e1\n    title: [oops\n")
    result = run("validate", knowledge=kdir)
    assert result.exit_code == 1
    assert result.stderr.startswith("knowledge/k.yaml:4: invalid YAML")


BROKEN_LEXICON = """\
shorthand:
  ppl: people
synonyms:
  - [evac]
  - [hurt, injured]
filler: pls
attributes:
  - name: wind_speed
    kinds: [measurement]
    label: Wind speed
    description: How fast the wind blew.
"""


def test_validate_checks_the_lexicon_too(run, tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, (KNOWLEDGE / "2022-11-17-wonsan-launch.yaml").read_text())
    (kdir / "lexicon.yaml").write_text(BROKEN_LEXICON, encoding="utf-8")
    result = run("validate", knowledge=kdir)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "knowledge/lexicon.yaml:4: synonyms: a group needs at least two words",
        "knowledge/lexicon.yaml:6: filler: must be a list of words, e.g. [word, other word]",
        "knowledge/lexicon.yaml:8: attribute 'wind_speed': dimension: a measurement attribute "
        "needs a dimension",
        f"factbot: 3 problem(s) in {kdir}",
    ]


def test_validate_reports_the_facts_and_the_lexicon_problems_together(
    run, tmp_path: Path, make_knowledge
):
    kdir = make_knowledge(tmp_path, BROKEN)
    (kdir / "lexicon.yaml").write_text("synonyms: [[evac, evacuation]\n", encoding="utf-8")
    result = run("validate", knowledge=kdir)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "knowledge/k.yaml", "knowledge/k.yaml", "knowledge/lexicon.yaml"
    ]
    assert "lexicon: is not valid YAML" in lines[2]
    assert lines[-1] == f"factbot: 3 problem(s) in {kdir}"


def test_validate_says_which_lexicon_it_checked(run, tmp_path: Path, make_knowledge):
    kdir = make_knowledge(tmp_path, (KNOWLEDGE / "2022-11-17-wonsan-launch.yaml").read_text())
    shipped = run("validate", knowledge=kdir)
    assert shipped.exit_code == 0
    assert "; no lexicon.yaml here, so the shipped one: " in shipped.stdout
    (kdir / "lexicon.yaml").write_text(
        "synonyms:\n  - [evac, evacuation]\ntime_zones:\n  est: America/New_York\n",
        encoding="utf-8")
    own = run("validate", knowledge=kdir)
    assert own.exit_code == 0
    assert own.stdout.rstrip().endswith(
        "; lexicon.yaml: 1 synonym group(s), 0 phrase(s), 0 attribute(s), 1 time zone name(s)"
    )


# --- facts ----------------------------------------------------------------------------------------


def test_facts_list(run):
    result = run("facts", "list")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert "wonsan-range" in ids and "g20-venue" in ids
    assert all(line.split()[1] == "active" for line in result.stdout.splitlines())
    assert f"({len(ids)} fact(s))" in result.stderr


def test_facts_list_by_event(run):
    assert run("facts", "list", "--event", "wonsan-launch-2022-11-17").stdout.strip()
    result = run("facts", "list", "--event", "no-such-event")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "(0 fact(s))" in result.stderr


def test_facts_show(run):
    result = run("facts", "show", "wonsan-range")
    assert result.exit_code == 0
    assert result.stdout.startswith("wonsan-range  [active, revision 1, ")
    assert "attribute: range" in result.stdout
    assert "- 240 km" in result.stdout


@pytest.mark.parametrize("command", ["show", "history"])
def test_facts_unknown_id_is_exit_1(run, command: str):
    result = run("facts", command, "no-such-fact")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "factbot: no fact 'no-such-fact' (use /fact list or factbot facts list)"
    )


def test_facts_retract_history_revert(run):
    result = run("facts", "retract", "wonsan-range", "--reason", "source corrected it")
    assert result.exit_code == 0
    assert result.stdout.strip() == "retracted wonsan-range (revision 2)"

    history = run("facts", "history", "wonsan-range")
    assert history.exit_code == 0
    lines = history.stdout.splitlines()
    assert len(lines) == 2
    assert "load" in lines[0] and "(revision 1)" in lines[0]
    assert "retract  by cli (revision 2) — source corrected it" in lines[1]

    assert "wonsan-range" not in run("facts", "list").stdout
    listed = run("facts", "list", "--all").stdout
    assert any(line.split()[:2] == ["wonsan-range", "retracted"] for line in listed.splitlines())
    assert "240 km" not in run("ask", "How far did the missile fly?").stdout
    assert "retracted: source corrected it" in run("facts", "show", "wonsan-range").stdout

    again = run("facts", "retract", "wonsan-range", "--reason", "twice")
    assert again.exit_code == 1
    assert "already retracted" in again.stderr

    result = run("facts", "revert", "wonsan-range", "--revision", "1")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        "reverted wonsan-range to revision 1; now revision 3 (active)"
    )
    assert "revert   by cli (revision 3)" in run("facts", "history", "wonsan-range").stdout
    assert "240 km" in run("ask", "How far did the missile fly?").stdout


def test_facts_retract_needs_a_reason(run):
    result = run("facts", "retract", "wonsan-range")
    assert result.exit_code == 2
    assert "--reason" in result.output
    blank = run("facts", "retract", "wonsan-range", "--reason", "  ")
    assert blank.exit_code == 1
    assert "reason" in blank.stderr


def test_facts_revert_unknown_revision_is_exit_1(run):
    result = run("facts", "revert", "wonsan-range", "--revision", "9")
    assert result.exit_code == 1
    assert "has no revision 9 (known revisions: 1)" in result.stderr


# --- export ---------------------------------------------------------------------------------------


def test_export_to_dir_then_validate(run, tmp_path: Path):
    run("facts", "retract", "g20-venue", "--reason", "test")
    out = tmp_path / "exported"
    result = run("export", "--out", str(out))
    assert result.exit_code == 0
    written = out / "2022-11-17-wonsan-launch.yaml"
    assert result.stdout.strip() == f"wrote {written}"
    assert written.exists()
    check = run("validate", knowledge=out)
    assert check.exit_code == 0, check.stderr
    assert check.stdout.startswith("ok: 1 file(s), 1 event(s), 1 source(s), ")
    # the retracted fact is kept, as retracted; a fresh store loads it that way
    assert "status: retracted" in written.read_text()
    fresh = run("facts", "list", "--all", knowledge=out, db=tmp_path / "fresh.db")
    assert any(line.split()[:2] == ["g20-venue", "retracted"]
               for line in fresh.stdout.splitlines())


def test_export_stdout(run):
    result = run("export", "--stdout")
    assert result.exit_code == 0
    import yaml

    data = yaml.safe_load(result.stdout)
    assert set(data) >= {"events", "sources", "facts"}
    assert [e["id"] for e in data["events"]] == ["wonsan-launch-2022-11-17"]
    assert "wonsan-range" in {f["id"] for f in data["facts"]}


# --- eval -----------------------------------------------------------------------------------------


QUESTIONS = """\
- q: How high did the missile go?
  expect: ["47 km"]
- q: How fast did it fly?
  abstain: true
- q: How far did it fly?
  expect: ["999 km"]
- q: What was the missile's top speed?
  expect: ["Mach"]
- q: Where did the missile land?
  expect: [Japan, Korean Peninsula]
"""


def test_eval_counts(run, tmp_path: Path):
    qfile = tmp_path / "questions.yaml"
    qfile.write_text(QUESTIONS)
    result = run("eval", str(qfile))
    assert result.exit_code == 0
    assert (
        "5 questions: right 2, wrong 1, abstained-right 1, abstained-wrong 1; accuracy 60.0%; "
        "answered-but-should-abstain 0"
    ) in result.stdout
    assert "FAIL wrong: How far did it fly?" in result.stdout
    assert "FAIL abstained_wrong: What was the missile's top speed?" in result.stdout


def test_eval_json_and_min_accuracy(run, tmp_path: Path):
    qfile = tmp_path / "questions.yaml"
    qfile.write_text(QUESTIONS)
    result = run("eval", "--json", str(qfile))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["total"], report["right"], report["wrong"]) == (5, 2, 1)
    assert (report["abstained_right"], report["abstained_wrong"]) == (1, 1)
    assert report["accuracy"] == 0.6
    assert len(report["failures"]) == 2
    assert run("eval", "--min-accuracy", "0.9", str(qfile)).exit_code == 1
    assert run("eval", "--min-accuracy", "0.5", str(qfile)).exit_code == 0


def test_eval_answering_an_unanswerable_fails_min_accuracy(run, tmp_path: Path):
    qfile = tmp_path / "questions.yaml"
    qfile.write_text("- q: How far did it fly?\n  abstain: true\n")
    result = run("eval", "--min-accuracy", "0", str(qfile))
    assert result.exit_code == 1
    assert "answered-but-should-abstain 1" in result.stdout


def test_eval_bad_question_file_names_lines(run, tmp_path: Path):
    qfile = tmp_path / "bad.yaml"
    qfile.write_text(textwrap.dedent("""\
        - q: fine?
          expect: [x]
        - expect: [y]
        - q: both
          abstain: true
          expect: [z]
        - q: neither
        """))
    result = run("eval", str(qfile))
    assert result.exit_code == 1
    assert result.stdout == ""
    err = result.stderr
    assert f"{qfile}:3: question 2: q: missing or empty question text" in err
    assert f"{qfile}:4: question 3: expect: an item is either 'expect' or 'abstain: true'" in err
    assert f"{qfile}:7: question 4: expect:" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- q: fine\n  expect: [x]\n- q: [unclosed\n", "bad.yaml:4: question file: invalid YAML"),
        ("q: not a list\n", "bad.yaml: question file: must be a YAML list"),
    ],
)
def test_eval_unreadable_question_file(run, tmp_path: Path, text: str, message: str):
    qfile = tmp_path / "bad.yaml"
    qfile.write_text(text)
    result = run("eval", str(qfile))
    assert result.exit_code == 1
    assert message in result.stderr


def test_eval_missing_question_file(run, tmp_path: Path):
    result = run("eval", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "cannot read it" in result.stderr


def test_eval_several_files_each_and_the_total(run, tmp_path: Path):
    one = tmp_path / "one.yaml"
    one.write_text("- q: how high did the missile climb\n  expect: ['47']\n")
    two = tmp_path / "two.yaml"
    two.write_text("- q: how fast was the missile going\n  abstain: true\n"
                   "- q: how far did the rocket travel\n  expect: ['9999']\n")
    result = run("eval", str(one), str(two))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"== {one}\n1 questions: right 1, wrong 0" in out
    assert f"== {two}\n" in out
    assert "== total of 2 files\n3 questions: right 1, wrong 1, abstained-right 1" in out
    assert "FAIL wrong: how far did the rocket travel" in out
    assert run("eval", "--min-accuracy", "0.9", str(one), str(two)).exit_code == 1
    assert run("eval", "--min-accuracy", "0.9", str(one)).exit_code == 0

    doc = json.loads(run("eval", "--json", str(one), str(two)).stdout)
    assert [f["file"] for f in doc["files"]] == [str(one), str(two)]
    assert (doc["total"]["total"], doc["total"]["right"], doc["total"]["wrong"]) == (3, 1, 1)
    assert "thresholds" not in doc["total"]


def test_eval_several_files_report_every_bad_one(run, tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text("- q: fine?\n  expect: [x]\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- expect: [y]\n")
    result = run("eval", str(good), str(bad), str(tmp_path / "gone.yaml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{bad}:1: question 1: q: missing or empty question text" in result.stderr
    assert "gone.yaml" in result.stderr and "cannot read it" in result.stderr


def test_eval_sweep_table_marks_the_configured_thresholds(run, tmp_path: Path):
    qfile = tmp_path / "questions.yaml"
    qfile.write_text(QUESTIONS)
    config = tmp_path / "config.yaml"
    config.write_text("loop:\n  answer_threshold: 0.45\n  suggest_threshold: 0.15\n")
    result = run("--config", str(config), "eval", "--sweep", "--answer-range", "0.3:0.6:0.15",
                 str(qfile))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    head = lines.index(next(line for line in lines if line.startswith("answer  suggest")))
    assert "abstained-right" in lines[head] and "answered-but-should-abstain" in lines[head]
    rows = [line.split() for line in lines[head + 1:]]
    # 0.45 is both in the range and the configured threshold: one row, marked
    assert [r[:2] for r in rows[:3]] == [["0.30", "0.15"], ["0.45*", "0.15"], ["0.60", "0.15"]]
    assert sum("*" in r[0] for r in rows) == 1
    assert {r[1] for r in rows[3:]} >= {"0.10", "0.20"}  # the "did you mean" sweep follows

    doc = json.loads(run("--config", str(config), "eval", "--json", "--thresholds",
                         str(qfile)).stdout)
    marked = [r for r in doc["thresholds"] if r["default"]]
    assert [(r["answer_threshold"], r["suggest_threshold"]) for r in marked] == [(0.45, 0.15)]
    assert {k: marked[0][k] for k in ("right", "wrong", "abstained_right",
                                      "abstained_wrong")} == {
        k: doc[k] for k in ("right", "wrong", "abstained_right", "abstained_wrong")}


@pytest.mark.parametrize("value", ["0.3:0.8", "a:b:c", "0.8:0.3:0.05", "0.1:0.9:0"])
def test_eval_bad_threshold_range_is_a_usage_error(run, tmp_path: Path, value: str):
    qfile = tmp_path / "questions.yaml"
    qfile.write_text(QUESTIONS)
    result = run("eval", "--answer-range", value, str(qfile))
    assert result.exit_code == 2
    assert "--answer-range" in result.stderr


BRIDGE = """\
events:
  - id: dunmore-bridge-2031
    title: "Collapse of the Dunmore footbridge"
    when: 2031-03-04T16:20:00+01:00
    where: "Dunmore"
    aliases: ["the Dunmore collapse"]
sources:
  - id: dunmore-courier
    title: "Footbridge falls into the Ask river"
    publisher: "Dunmore Courier"
    published: 2031-03-05
facts:
  - id: dunmore-length
    event: dunmore-bridge-2031
    source: dunmore-courier
    kind: measurement
    label: "Length of the footbridge"
    values: ["84 m"]
    reported_by: "the city engineer"
    text: "The footbridge that fell was 84 m long."
    about: [bridge, length]
  - id: dunmore-injured
    event: dunmore-bridge-2031
    source: dunmore-courier
    kind: measurement
    attribute: injured
    values: ["3"]
    reported_by: "the fire brigade"
    text: "Three walkers were hurt when the footbridge fell."
    about: [injured]
"""


def _public_dir(base: Path) -> Path:
    root = base / "eval"
    (root / "events" / "knowledge").mkdir(parents=True)
    (root / "shipped.yaml").write_text(
        "- {q: how high did the missile climb, expect: ['47']}\n"
        "- {q: how fast was the missile going, abstain: true}\n")
    (root / "events" / "dunmore.questions.yaml").write_text(
        "- {q: how long was the footbridge that fell in dunmore, expect: ['84']}\n"
        "- {q: how many walkers were hurt in the dunmore collapse, expect: ['3']}\n"
        "- {q: what did the dunmore mayor say about the bridge, abstain: true}\n")
    (root / "events" / "knowledge" / "dunmore.yaml").write_text(BRIDGE)
    return root


def test_eval_public_scores_each_set_with_its_own_knowledge(run, tmp_path: Path):
    root = _public_dir(tmp_path)
    db = tmp_path / "own.db"
    result = run("eval-public", str(root), db=db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["shipped", "100.0%"]
    assert lines[1].split()[:2] == ["dunmore", "100.0%"]
    assert "3 questions: right 2, wrong 0, abstained-right 1" in lines[1]
    assert lines[2].startswith("all") and "5 questions: right 3" in lines[2]
    assert "answer 0.50 and suggest 0.20" in lines[3]
    assert lines[4].startswith("answer  suggest")
    assert any(line.lstrip().startswith("0.50*") for line in lines[5:])
    assert not db.exists()  # the sets are asked in temporary stores, never the configured one

    # the event's facts answer only in its own set: asked against the shipped ones, no answer
    alone = tmp_path / "alone.yaml"
    alone.write_text((root / "events" / "dunmore.questions.yaml").read_text())
    assert "right 0" in run("eval", str(alone)).stdout

    doc = json.loads(run("eval-public", "--json", "--answer-range", "0.5:0.6:0.1",
                         str(root)).stdout)
    assert [(s["name"], s["total"], s["right"]) for s in doc["sets"]] == [
        ("shipped", 2, 1), ("dunmore", 3, 2)]
    assert doc["sets"][1]["knowledge"] == [str(root / "events" / "knowledge" / "dunmore.yaml")]
    assert doc["total"]["total"] == 5
    assert [r["answer_threshold"] for r in doc["thresholds"]][:2] == [0.5, 0.6]


def test_eval_public_reads_several_folders_and_may_load_them_together(run, tmp_path: Path):
    root = _public_dir(tmp_path / "one")
    other = tmp_path / "two"
    other.mkdir()
    # a set of the shipped facts only, asking of the other folder's event
    (other / "elsewhere.yaml").write_text(
        "- {q: how long was the footbridge that fell in dunmore, expect: ['84']}\n")
    apart = json.loads(run("eval-public", "--json", str(root), str(other)).stdout)
    assert [(s["name"], s["right"]) for s in apart["sets"]] == [
        ("shipped", 1), ("dunmore", 2), ("elsewhere", 0)]
    together = json.loads(run("eval-public", "--json", "--together", str(root),
                              str(other)).stdout)
    # one store holds every event: the footbridge answers a set that does not load it
    assert [(s["name"], s["right"]) for s in together["sets"]] == [
        ("shipped", 1), ("dunmore", 2), ("elsewhere", 1)]


def test_eval_public_asks_the_right_answers_again_with_typos(run, tmp_path: Path):
    root = _public_dir(tmp_path)
    result = run("eval-public", "--typos", "1", "--typo-seed", "3", str(root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("with 1 typo in each question answered right (seed 3):")
    assert lines[start + 1].split()[0] == "shipped"
    assert "of 1 right answers" in lines[start + 1]
    assert lines[start + 3].startswith("all") and "of 3 right answers" in lines[start + 3]
    doc = json.loads(run("eval-public", "--json", "--typos", "2", str(root)).stdout)
    assert doc["sets"][1]["typos"]["typos"] == 2
    assert doc["total"]["typos"]["tried"] + doc["total"]["typos"]["skipped"] == 3
    assert run("eval-public", "--typos", "4", str(root)).exit_code == 2  # one to three


def test_eval_public_failures_and_min_accuracy(run, tmp_path: Path):
    root = _public_dir(tmp_path)
    (root / "shipped.yaml").write_text("- {q: how far did the rocket travel, expect: ['9999']}\n")
    result = run("eval-public", "--failures", "--min-accuracy", "0.9", str(root))
    assert result.exit_code == 1
    assert "FAIL shipped wrong: how far did the rocket travel" in result.stdout


def test_eval_public_names_a_missing_event_knowledge_file(run, tmp_path: Path):
    root = _public_dir(tmp_path)
    (root / "events" / "knowledge" / "dunmore.yaml").unlink()
    result = run("eval-public", str(root))
    assert result.exit_code == 1
    assert "dunmore.questions.yaml" in result.stderr
    assert "events/knowledge/dunmore.yaml" in result.stderr
    assert run("eval-public", str(tmp_path / "nowhere")).exit_code == 2


def test_eval_public_names_the_set_whose_knowledge_is_bad(run, tmp_path: Path):
    root = _public_dir(tmp_path)
    (root / "events" / "knowledge" / "dunmore.yaml").write_text(
        BRIDGE.replace('label: "Length of the footbridge"', "attribute: bridge_span"))
    result = run("eval-public", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith("factbot: set dunmore: ")
    assert "dunmore.yaml:17: fact 'dunmore-length': attribute: unknown attribute" in result.stderr


# --- the rest: help for every command, version ----------------------------------------------------


def _all_commands(group=cli, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [(), *list(_all_commands())], ids=lambda p: " ".join(p) or "cli")
def test_every_command_has_working_help(path: tuple[str, ...]):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "version" in result.stdout


def test_unknown_command_is_exit_2():
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_bench_keep_leaves_the_run_and_refuses_a_full_directory(run, tmp_path: Path):
    pytest.importorskip("bot.core.bench")
    keep = tmp_path / "kept"
    result = run("bench", "--facts", "10", "--questions", "10", "--keep", str(keep))
    assert result.exit_code == 0, result.output
    assert "the scan's p50 is" in result.stdout and "our p99" in result.stdout
    assert {p.name for p in keep.iterdir()} >= {"bench.db", "knowledge", "questions.json"}
    again = run("bench", "--facts", "10", "--keep", str(keep))
    assert again.exit_code == 2
    assert "not empty" in again.stderr


def test_bench_small(run):
    pytest.importorskip("bot.core.bench")
    result = run("bench", "--facts", "10", "--questions", "10", "--json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), dict)


# --- the trust loop -------------------------------------------------------------------------------


def _log_questions(db: Path, guild: int = 7) -> None:
    """Questions asked in a guild, as the Discord layer logs them."""
    from bot.config import Config, LoopConfig
    from bot.core.engine import Engine
    from bot.core.gaps import Asking

    # low_confidence 0: only the questions it could not answer are gaps
    engine = Engine.open(Config(database=db, knowledge_dir=KNOWLEDGE,
                                loop=LoopConfig(low_confidence=0.0)))
    try:
        for user, question in enumerate(
            ["How far did the missile fly?", "How fast did the missile fly?",
             "how fast did the missle fly", "How far did the missile fly?"]
        ):
            engine.ask_recorded(question, asking=Asking(guild, 1, user))
    finally:
        engine.close()


def test_gaps_lists_the_unanswered_questions(run, tmp_path: Path):
    db = tmp_path / "loop.db"
    _log_questions(db)
    result = run("gaps", "--guild", "7", db=db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Unanswered questions, last 7 days, most asked first:"
    assert "  2x by 2 'How fast did the missile fly?'" in lines[1]
    rows = [json.loads(line) for line in run("gaps", "--json", db=db).stdout.splitlines()]
    assert [(r["question"], r["count"], r["guild"]) for r in rows] == [
        ("How fast did the missile fly?", 2, 7)
    ]
    assert run("gaps", "--guild", "8", db=db).stdout.startswith("No unanswered questions")


def test_stats_prints_the_figures_and_writes_the_chart(run, tmp_path: Path):
    db = tmp_path / "loop.db"
    _log_questions(db)
    chart = tmp_path / "stats.png"
    result = run("stats", "--days", "3", "--chart", str(chart), db=db)
    assert result.exit_code == 0, result.output
    assert "Answered: 2 (50%)   Abstained: 2 (50%)   Flagged: 0 (0%)" in result.stdout
    assert "Most-asked facts: wonsan-range (2)" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")
    data = json.loads(run("stats", "--json", "--guild", "7", db=db).stdout)
    assert (data["questions"], data["answered"], len(data["per_day"])) == (4, 2, 7)


def test_export_claimreview(run, tmp_path: Path):
    knowledge = tmp_path / "k"
    knowledge.mkdir()
    (knowledge / "k.yaml").write_text(textwrap.dedent("""\
        events:
          - {id: e, title: "An event", when: 2022-11-17T10:48:00+09:00}
        sources:
          - {id: s, title: "A report", publisher: "Wire", published: 2022-11-17,
             url: "https://example.org/r"}
          - {id: t, title: "No link", publisher: "Paper", published: 2022-11-18}
        facts:
          - {id: a, event: e, source: s, kind: claim, text: "Something happened.",
             reported_by: "The ministry"}
          - {id: b, event: e, source: t, kind: claim, text: "Something else happened.",
             reported_by: "A paper"}
        """), encoding="utf-8")
    result = run("export", "--format", "claimreview", knowledge=knowledge)
    assert result.exit_code == 0, result.output
    [review] = json.loads(result.stdout)
    assert review["claimReviewed"] == "Something happened."
    assert review["itemReviewed"]["author"]["name"] == "The ministry"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/r"
    assert review["datePublished"] == "2022-11-17"
    out = tmp_path / "out"
    written = run("export", "--format", "claimreview", "--out", str(out), knowledge=knowledge)
    assert written.stdout.strip() == f"wrote {out / 'claimreview.json'}"
    assert json.loads((out / "claimreview.json").read_text()) == [review]
