"""The trust loop's screens, rendered without Discord (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.chat import loop_render
from bot.core.feedback import Flag
from bot.core.gaps import Candidate, Gap
from bot.core.loop import FactChange, FlaggedFact, Notification
from bot.core.models import Answer, Fact
from bot.core.settings import GuildSettings, Thresholds
from bot.core.stats import DayCount, Stats

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
FACT = Fact("range", "launch", "wire", "claim", "It flew *240* km.", "The @everyone military",
            expires=datetime(2022, 12, 1, tzinfo=UTC), as_of=datetime(2022, 11, 17, tzinfo=UTC))


def gap(n: int, question: str, count: int) -> Gap:
    return Gap(n, 1, question, count, count, NOW, NOW, "open", "launch",
               (Candidate("range", 0.42),))


def test_gap_pages_list_the_top_questions_and_detail_one_per_page():
    gaps = [gap(i, f"question {i}?", 20 - i) for i in range(12)]
    pages = loop_render.gap_pages(gaps, days=7)
    assert len(pages) == 12
    first = pages[0]
    assert first.title == "Unanswered questions, last 7 days"
    assert first.description.splitlines()[0] == "▶ 20× “question 0?”"
    assert len(first.description.splitlines()) == loop_render.LISTED_GAPS
    assert first.fields[1].value == "`range` 42%"
    assert first.footer.text.startswith("1/12 ·")
    last = pages[-1].description.splitlines()
    assert last[-1] == "▶ 9× “question 11?”"  # the window follows the page


def test_no_gaps_is_a_single_friendly_page():
    [page] = loop_render.gap_pages([], days=1)
    assert page.title == "Unanswered questions, last 1 day"
    assert "No unanswered questions" in page.description


def test_user_text_is_escaped_everywhere():
    [page] = loop_render.gap_pages([gap(1, "why @everyone *now*?", 2)], days=7)
    assert "@\u200beveryone" in page.description and "\\*now\\*" in page.description
    flagged = loop_render.flagged_pages(
        [FlaggedFact(Flag("range", 1, 0, 2, ("<@123> is *wrong*",), NOW), FACT)]
    )[0]
    reasons = next(f.value for f in flagged.fields if f.name == "Reasons given")
    assert "\\*wrong\\*" in reasons
    assert "Wrong 1 · Outdated 0 · Helpful 2" in next(
        f.value for f in flagged.fields if f.name == "Votes"
    )


def test_stale_page_says_it_no_longer_answers():
    [page] = loop_render.stale_pages([FACT])
    shelf = next(f.value for f in page.fields if f.name == "Shelf life")
    assert shelf.startswith("Expired <t:1669852800:R>; as of 17 Nov 2022")
    assert "It no longer answers" in shelf


def test_stats_embed_and_settings_embed():
    stats = Stats(1, 2, date(2026, 11, 29), date(2026, 11, 30),
                  (DayCount(date(2026, 11, 29), 3, 1), DayCount(date(2026, 11, 30), 0, 0)),
                  4, 3, 1, 1, 0.81, (("range", 3),), (("launch", 4),))
    embed = loop_render.stats_embed(stats, with_chart=True)
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Answered"] == "3 (75%)" and fields["Flagged"] == "1 (25%)"
    assert fields["Median confidence"] == "81%"
    assert embed.image.url == "attachment://stats.png"
    settings = loop_render.settings_embed(GuildSettings(1, Thresholds(0.7, 0.3), True, 5))
    fields = {f.name: f.value for f in settings.fields}
    assert fields["Answer at"] == "0.70" and fields["Mod-log channel"] == "<#5>"


def test_modlog_and_notification():
    note = Notification(1, 2, 3, None, "q?", Answer("q?", True, "A.", 1.0), False)
    embed = loop_render.modlog_embed(
        FactChange("link", FACT, "discord:42", 1, "linked to “q?”", 5, (note,))
    )
    assert embed.title == "Fact range linked to a question"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["By"] == "<@42>" and fields["Askers told"] == "1 person"
    assert loop_render.notification_text(3, "q?", in_dm=False).startswith("<@3> You asked “q?”")
    assert loop_render.notification_text(3, "q?", in_dm=True).startswith("You asked “q?”")
