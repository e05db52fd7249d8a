"""The trust loop in the core: the question log and its gaps, notifications, links, votes,
stale facts, figures, per-server thresholds and the ClaimReview export."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Config, LoopConfig
from bot.core.claimreview import claim_reviews
from bot.core.engine import Engine
from bot.core.errors import Conflict, Forbidden, NotFound, ValidationError
from bot.core.gaps import Asking, norm
from bot.core.loop import FactChange, question_keyword
from bot.core.matching import Thresholds
from bot.core.matching.decide import DEFAULT_THRESHOLDS
from bot.core.stats import stats_text

G = 111  # a guild
OTHER = 222

KNOWLEDGE = textwrap.dedent(
    """\
    events:
      - id: launch
        title: "North Korea fires a short-range ballistic missile from Wonsan"
        when: 2022-11-17T10:48:00+09:00
        where: "Wonsan"
    sources:
      - id: wire
        title: "North Korea fires ballistic missile"
        publisher: "Example Wire"
        published: 2022-11-17
        url: https://example.org/news/wonsan
      - id: paper
        title: "A paper report"
        publisher: "Example Paper"
        published: 2022-11-18
    facts:
      - id: range
        event: launch
        source: wire
        kind: measurement
        attribute: range
        values: ["240 km"]
        approximate: true
        reported_by: "South Korea's Joint Chiefs of Staff"
        text: "South Korea's Joint Chiefs of Staff said the missile flew about 240 km."
        keywords: [distance, how far, flew]
      - id: launch-time
        event: launch
        source: wire
        kind: time
        attribute: launch_time
        time: 2022-11-17T10:48:00+09:00
        reported_by: "South Korea's Joint Chiefs of Staff"
        text: "The missile was launched at 10:48 local time."
        keywords: [when, what time, launched]
      - id: altitude
        event: launch
        source: paper
        kind: measurement
        attribute: max_altitude
        values: ["47 km"]
        reported_by: "Japan's defence ministry"
        text: "The missile reached an altitude of about 47 km."
        keywords: [how high]
        expires: 2022-12-01T00:00:00+00:00
    """
)

JAPAN = {
    "event": "launch",
    "source": "wire",
    "kind": "claim",
    "text": "Japan protested the launch through diplomatic channels.",
    "reported_by": "Japan's government",
    "keywords": ["japan protest"],
}


@pytest.fixture
def engine(tmp_path: Path):
    kdir = tmp_path / "knowledge"
    kdir.mkdir()
    (kdir / "k.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    eng = Engine.open(Config(database=tmp_path / "t.db", knowledge_dir=kdir, loop=LoopConfig()))
    yield eng
    eng.close()


def asking(user: int = 1, guild: int | None = G, channel: int = 10) -> Asking:
    return Asking(guild, channel, user)


# --- the log and gaps ----------------------------------------------------------------------


def test_answers_are_logged_and_not_gaps(engine: Engine):
    engine.loop_options.low_confidence = 0.0  # no answer counts as a low-confidence one
    asked = engine.ask_recorded("How far did the missile fly?", asking=asking())
    assert asked.answer.answered and asked.gap_id is None
    assert engine.gaps(guild_id=G, days=7) == []
    row = engine.store.db["asked"].get(asked.asked_id)
    assert row["status"] == "answer" and row["fact_ids"] == '["range"]'
    assert (row["guild_id"], row["channel_id"], row["user_id"]) == (G, 10, 1)


def test_unanswered_questions_are_grouped_fuzzily_per_guild(engine: Engine):
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    engine.ask_recorded("did japan protest the lanuch", asking=asking(2))  # a typo
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))  # same person again
    engine.ask_recorded("How fast did the missile fly?", asking=asking(3))
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(4, guild=OTHER))
    gaps = engine.gaps(guild_id=G, days=7)
    assert [(g.question, g.count, g.askers) for g in gaps] == [
        ("Did Japan protest the launch?", 3, 2),
        ("How fast did the missile fly?", 1, 1),
    ]
    assert gaps[0].event == "launch"
    assert [(g.count, g.guild_id) for g in engine.gaps(guild_id=OTHER, days=7)] == [(1, OTHER)]
    assert len(engine.gaps(guild_id=None, days=7, all_guilds=True)) == 3


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("How fast did the missile fly?", "how fast did the missle fly", True),
        ("how long was the trip", "How long was the trpi?", True),
        ("Did Japan protest?", "did japan protest", True),
        ("how fast did it fly", "how far did it fly", False),
        ("who fired it", "who reported it", False),
    ],
)
def test_grouping_table(engine: Engine, a: str, b: str, same: bool):
    def log(question: str, user: int) -> int | None:
        return engine.gap_book.log(
            asking(user), question=question, status="abstain", confidence=0.0, fact_ids=[],
            event=None, candidates=[], reason=None, is_gap=True,
        )[1]

    first, second = log(a, 1), log(b, 2)
    assert (first == second) is same, (norm(a), norm(b))


def test_low_confidence_answers_are_gaps_too(engine: Engine):
    engine.loop_options.low_confidence = 1.01  # every answer is "low"
    asked = engine.ask_recorded("How far did the missile fly?", asking=asking())
    assert asked.answer.answered and asked.gap_id is not None
    [gap] = engine.gaps(guild_id=G, days=7)
    assert [c.fact_id for c in gap.candidates] == ["range"]


def test_gaps_older_than_the_period_are_left_out(engine: Engine):
    engine.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    engine.ask_recorded("Did Japan protest the launch?", asking=asking())
    engine.clock = lambda: datetime(2026, 1, 20, tzinfo=UTC)
    assert engine.gaps(guild_id=G, days=7) == []
    assert len(engine.gaps(guild_id=G, days=30)) == 1


# --- fixing gaps reaches the askers ----------------------------------------------------------


def test_adding_a_fact_resolves_the_gap_and_tells_each_asker_once(engine: Engine):
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    engine.ask_recorded("did japan protest the launch", asking=asking(2))
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(3, guild=OTHER))
    engine.set_notifications(2, enabled=False)

    fact = engine.add_fact(JAPAN, actor="discord:9", guild_id=G)
    [change] = changes
    assert change.action == "add" and change.fact.id == fact.id and change.guild_id == G
    assert [n.user_id for n in change.notifications] == [1]  # 2 opted out; 3 elsewhere
    note = change.notifications[0]
    assert note.answer.answered and "Japan protested" in note.answer.text
    assert (note.channel_id, note.by_dm) == (10, False)
    assert engine.gaps(guild_id=G, days=7) == []
    [answered] = engine.gap_book.gaps(guild_id=G, days=7, status="answered")
    assert answered.resolved_by == fact.id

    # Once: a later change that answers it again tells nobody.
    engine.edit_fact(fact.id, {"text": "Japan protested the launch."}, actor="x", guild_id=G)
    assert changes[-1].notifications == ()
    # The other guild's gap is still open: the fact is this guild's only.
    assert len(engine.gaps(guild_id=OTHER, days=7)) == 1


def test_questions_older_than_a_month_are_not_answered_out_of_the_blue(engine: Engine):
    engine.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    engine.clock = lambda: datetime(2026, 2, 15, tzinfo=UTC)
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    engine.add_fact(JAPAN, actor="x", guild_id=G)
    assert changes[-1].notifications == ()


def test_a_gap_of_unsure_answers_needs_a_sure_one_to_close(engine: Engine):
    engine.loop_options.low_confidence = 1.01  # no answer is ever confident enough
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    fact = engine.add_fact(JAPAN, actor="x", guild_id=G)
    asked = engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    assert asked.answer.answered and asked.gap_id is not None  # an unsure answer: a gap
    engine.edit_fact(fact.id, {"text": "Japan protested the launch strongly."}, actor="x",
                     guild_id=G)
    answer = engine.ask("Did Japan protest the launch?", guild_id=G)
    assert fact.id in {f.fact.id for f in answer.facts}  # the edited fact answers ...
    assert changes[-1].action == "edit"
    assert changes[-1].notifications == ()  # ... as unsurely as before: the gap stays open
    assert len(engine.gaps(guild_id=G, days=7)) == 1


def test_an_abstention_gap_closes_with_any_answer(engine: Engine):
    engine.loop_options.low_confidence = 1.01
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    engine.add_fact(JAPAN, actor="x", guild_id=G)
    assert [n.user_id for n in changes[-1].notifications] == [1]
    assert engine.gaps(guild_id=G, days=7) == []


def test_a_change_that_does_not_answer_tells_no_one(engine: Engine):
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    engine.ask_recorded("Did Japan protest the launch?", asking=asking(1))
    unrelated = {**JAPAN, "text": "Residents were told to stay indoors.", "keywords": ["shelter"]}
    engine.add_fact(unrelated, actor="x", guild_id=G)
    assert changes[-1].notifications == ()
    assert len(engine.gaps(guild_id=G, days=7)) == 1


def test_answer_with_links_the_question_audited_and_revertable(engine: Engine):
    engine.ask_recorded("How long was the trip?", asking=asking(1))
    [gap] = engine.gaps(guild_id=G, days=7)
    with pytest.raises(Forbidden):  # a shared fact, from a server that may not change it
        engine.link_gap(gap.id, "range", actor="discord:9", guild_id=G)
    result = engine.link_gap(gap.id, "range", actor="discord:9", guild_id=G,
                             may_edit_knowledge=True)
    assert result.keyword == "how long was the trip" == question_keyword(gap.question)
    assert result.answers_now and result.notified == 1
    assert "how long was the trip" in result.fact.keywords
    assert engine.ask("how long was the trip?", guild_id=G).answered
    last = engine.history("range")[-1]
    assert (last.action, last.actor) == ("edit", "discord:9")
    assert "answers the question “How long was the trip?”" in last.reason

    engine.revert_fact("range", revision=1, actor="x", guild_id=G, may_edit_knowledge=True)
    assert not engine.ask("how long was the trip?", guild_id=G).answered


def test_answer_with_errors(engine: Engine):
    engine.ask_recorded("How long was the trip?", asking=asking(1))
    [gap] = engine.gaps(guild_id=G, days=7)
    with pytest.raises(NotFound):
        engine.link_gap(gap.id, "no-such-fact", actor="x", guild_id=G, may_edit_knowledge=True)
    with pytest.raises(NotFound):  # another guild's gap is not visible
        engine.link_gap(gap.id, "range", actor="x", guild_id=OTHER, may_edit_knowledge=True)
    engine.retract_fact("range", reason="test", actor="x", guild_id=G, may_edit_knowledge=True)
    with pytest.raises(Conflict, match="retracted"):
        engine.link_gap(gap.id, "range", actor="x", guild_id=G, may_edit_knowledge=True)


# --- feedback ---------------------------------------------------------------------------------


def test_one_vote_per_person_changeable_and_flagged_until_dismissed(engine: Engine):
    asked = engine.ask_recorded("How far did the missile fly?", asking=asking(1))
    first = engine.vote(asked.asked_id, user_id=5, guild_id=G, vote="helpful")
    assert not first.changed and first.fact_ids == ("range",)
    assert engine.flagged(guild_id=G) == []
    changed = engine.vote(asked.asked_id, user_id=5, guild_id=G, vote="wrong")
    assert changed.changed
    engine.vote_reason(asked.asked_id, user_id=5, reason="  a newer report\nsays 250 km ")
    engine.vote(asked.asked_id, user_id=6, guild_id=G, vote="outdated")
    [item] = engine.flagged(guild_id=G)
    assert item.fact.id == "range"
    assert (item.flag.wrong, item.flag.outdated, item.flag.helpful) == (1, 1, 0)
    assert item.flag.reasons == ("a newer report says 250 km",)
    assert engine.flagged(guild_id=OTHER) == []
    # The vote changed nothing by itself.
    assert engine.ask("How far did the missile fly?", guild_id=G).answered

    engine.dismiss_flag("range", guild_id=G, actor="discord:9")
    assert engine.flagged(guild_id=G) == []
    again = engine.ask_recorded("How far did the missile fly?", asking=asking(2))
    engine.vote(again.asked_id, user_id=7, guild_id=G, vote="wrong")
    assert [i.flag.wrong for i in engine.flagged(guild_id=G)] == [1]


def test_a_new_revision_clears_the_flags_on_the_old_one(engine: Engine):
    asked = engine.ask_recorded("How far did the missile fly?", asking=asking(1))
    engine.vote(asked.asked_id, user_id=5, guild_id=G, vote="outdated")
    engine.edit_fact("range", {"keywords": ["distance", "reach"]}, actor="x", guild_id=G,
                     may_edit_knowledge=True)
    assert engine.flagged(guild_id=G) == []
    engine.vote(asked.asked_id, user_id=6, guild_id=G, vote="wrong")  # on the new revision
    assert [i.flag.wrong for i in engine.flagged(guild_id=G)] == [1]


def test_votes_on_what_is_not_an_answer_are_refused(engine: Engine):
    abstained = engine.ask_recorded("Did Japan protest?", asking=asking(1))
    with pytest.raises(NotFound):
        engine.vote(abstained.asked_id, user_id=5, guild_id=G, vote="wrong")
    answered = engine.ask_recorded("How far did the missile fly?", asking=asking(1))
    with pytest.raises(NotFound):
        engine.vote(answered.asked_id, user_id=5, guild_id=OTHER, vote="wrong")
    with pytest.raises(ValidationError):
        engine.vote(answered.asked_id, user_id=5, guild_id=G, vote="meh")
    with pytest.raises(NotFound):
        engine.vote_reason(answered.asked_id, user_id=5, reason="no vote yet")


# --- shelf life --------------------------------------------------------------------------------


def test_expired_facts_never_answer_and_are_named_until_renewed(engine: Engine):
    assert [f.id for f in engine.stale_facts(guild_id=G)] == ["altitude"]
    asked = engine.ask_recorded("How high did the missile fly?", asking=asking())
    assert not asked.answer.answered
    assert [f.id for f in asked.stale] == ["altitude"]
    with pytest.raises(Conflict, match="future"):
        engine.renew_fact("altitude", expires=datetime(2020, 1, 1, tzinfo=UTC), actor="x",
                          guild_id=G, may_edit_knowledge=True)
    renewed = engine.renew_fact("altitude", expires=datetime.now(UTC) + timedelta(days=30),
                                actor="x", guild_id=G, may_edit_knowledge=True)
    assert renewed.as_of is not None and renewed.as_of.date() == datetime.now(UTC).date()
    assert engine.stale_facts(guild_id=G) == []
    answer = engine.ask("How high did the missile fly?", guild_id=G)
    assert answer.answered and answer.facts[0].fact.as_of == renewed.as_of  # "as of" shown


# --- figures ---------------------------------------------------------------------------------


def test_stats_over_a_few_days(engine: Engine):
    day = datetime(2026, 3, 2, 12, tzinfo=UTC)
    script = [
        (0, "How far did the missile fly?"),
        (0, "Did Japan protest the launch?"),
        (1, "How far did the missile fly?"),
        (1, "When was the launch?"),
        (2, "How fast did it fly?"),
    ]
    ids = []
    for offset, question in script:
        engine.clock = lambda offset=offset: day + timedelta(days=offset)
        ids.append(engine.ask_recorded(question, asking=asking(offset + 1)).asked_id)
    engine.vote(ids[0], user_id=9, guild_id=G, vote="wrong")
    stats = engine.stats(guild_id=G, days=3)
    assert (stats.since, stats.until) == (date(2026, 3, 2), date(2026, 3, 4))
    assert [(d.answered, d.abstained) for d in stats.per_day] == [(1, 1), (2, 0), (0, 1)]
    assert (stats.questions, stats.answered, stats.abstained, stats.flagged) == (5, 3, 2, 1)
    assert stats.top_facts[0] == ("range", 2)
    # every question but perhaps "how fast" (no fact gives a speed) is about the launch
    [(event, count)] = stats.top_events
    assert event == "launch" and count in (4, 5)
    assert 0 < stats.median_confidence <= 1
    text = stats_text(stats)
    assert "Answered: 3 (60%)   Abstained: 2 (40%)   Flagged: 1 (20%)" in text
    assert engine.stats(guild_id=OTHER, days=3).questions == 0


def test_the_chart_is_a_png(engine: Engine):
    from bot.core.charts import stats_chart_png

    engine.ask_recorded("How far did the missile fly?", asking=asking())
    png = stats_chart_png(engine.stats(guild_id=G, days=14))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


# --- per-server thresholds --------------------------------------------------------------------


def test_the_matcher_uses_the_thresholds_it_is_given(engine: Engine):
    question = "What did the joint chiefs say?"
    default = engine.matcher.match(question, guild_id=G)
    assert default.status == "answer"
    score = default.facts[0].score
    assert score < 0.99
    above = Thresholds(round(score + 0.01, 3), 0.2)
    assert engine.matcher.match(question, guild_id=G, thresholds=above).status == "suggest"
    assert engine.matcher.match(
        question, guild_id=G, thresholds=Thresholds(0.99, round(score + 0.005, 3))
    ).status == "abstain"
    assert not engine.ask(question, guild_id=G, thresholds=above).answered


def test_a_servers_override_changes_only_that_server(engine: Engine):
    question = "What did the joint chiefs say?"
    assert engine.ask(question, guild_id=G).answered
    settings = engine.update_settings(G, actor="discord:9", answer=0.99, suggest=0.2)
    assert settings.overridden and settings.thresholds == Thresholds(0.99, 0.2)
    assert not engine.ask(question, guild_id=G).answered
    assert engine.ask(question, guild_id=OTHER).answered
    reset = engine.update_settings(G, actor="x", reset_thresholds=True)
    assert reset.thresholds == DEFAULT_THRESHOLDS
    assert engine.ask(question, guild_id=G).answered
    audit = list(engine.store.db["audit"].rows_where("entity = 'settings'"))
    assert len(audit) == 2 and audit[0]["actor"] == "discord:9"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer": 0.3, "suggest": 0.5}, "must be below the answer threshold"),
        ({"suggest": 0.7}, "must be below the answer threshold (0.5)"),
        ({"answer": 1.5}, "must be between 0 and 1"),
    ],
)
def test_bad_thresholds_are_refused_and_nothing_is_saved(engine: Engine, changes, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        engine.update_settings(G, actor="x", **changes)
    assert not engine.guild_settings(G).overridden


def test_the_mod_log_channel_is_kept_per_server(engine: Engine):
    engine.update_settings(G, actor="x", modlog_channel_id=42)
    changes: list[FactChange] = []
    engine.subscribe(changes.append)
    engine.add_fact(JAPAN, actor="x", guild_id=G)
    engine.add_fact({**JAPAN, "text": "Japan protested again."}, actor="x", guild_id=OTHER)
    assert [c.modlog_channel_id for c in changes] == [42, None]
    engine.update_settings(G, actor="x", clear_modlog=True)
    assert engine.guild_settings(G).modlog_channel_id is None


# --- ClaimReview ------------------------------------------------------------------------------


def test_claimreview_for_facts_with_a_source_link(engine: Engine):
    reviews = engine.claim_reviews()
    assert [r["identifier"] for r in reviews] == ["launch-time", "range"]  # 'paper' has no url
    review = reviews[1]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("South Korea's Joint Chiefs of Staff said")
    assert review["datePublished"] == "2022-11-17"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization",
                              "name": "South Korea's Joint Chiefs of Staff"}
    assert item["appearance"]["url"] == "https://example.org/news/wonsan"
    assert item["about"]["name"].startswith("North Korea fires")
    assert "reviewRating" not in review


def test_claimreview_skips_retracted_facts():
    from bot.core.models import Fact, Source

    source = Source("s", "T", "P", date(2022, 1, 1), "https://x.org")
    facts = [
        Fact("a", "e", "s", "claim", "A.", "X"),
        Fact("b", "e", "s", "claim", "B.", "X", status="retracted"),
    ]
    assert [r["identifier"] for r in claim_reviews(facts, {"s": source}, {})] == ["a"]
