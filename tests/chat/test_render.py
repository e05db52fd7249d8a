"""The pure renderer: table-driven, no mocks, no Discord connection."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import discord
import pytest

from bot.chat import render
from bot.chat.render import Reply, clean, render_answer, shorten, split_text
from bot.core.models import (
    Answer,
    AnsweredFact,
    AuditEntry,
    Citation,
    Event,
    Fact,
    Quantity,
    Source,
    Suggestion,
    TimeMention,
    TimePrecision,
)

SOURCE = Source(
    "wire-1",
    "Missile flies 240 km",
    "Example Wire",
    date(2022, 11, 17),
    "https://example.org/news/1",
)
CITE = Citation(1, SOURCE, "South Korea's Joint Chiefs of Staff")
EVENT = Event(
    "launch",
    "North Korea fires a missile",
    when=datetime(2022, 11, 17, 10, 48, tzinfo=timezone(timedelta(hours=9))),
    where="Wonsan",
)


def make_answer(text: str = "Distance flown: about 240 km [1].", **kwargs) -> Answer:
    kwargs.setdefault("answered", True)
    kwargs.setdefault("confidence", 0.92)
    kwargs.setdefault("citations", (CITE,))
    return Answer(question="How far?", text=text, **kwargs)


def all_text(replies: list[Reply]) -> str:
    parts = []
    for reply in replies:
        parts.append(reply.content or "")
        for embed in reply.embeds:
            d = embed.to_dict()
            parts += [
                d.get("title", ""),
                d.get("description", ""),
                d.get("footer", {}).get("text", ""),
            ]
            for f in d.get("fields", []):
                parts += [f["name"], f["value"]]
    return "\n".join(parts)


def assert_within_limits(replies: list[Reply]) -> None:
    assert replies, "at least one message"
    for reply in replies:
        assert reply.content is None or len(reply.content) <= render.CONTENT_LIMIT
        assert 1 <= len(reply.embeds) <= render.EMBEDS_PER_MESSAGE or reply.content
        assert sum(len(e) for e in reply.embeds) <= render.EMBED_TOTAL_LIMIT
        for embed in reply.embeds:
            assert len(embed) <= render.EMBED_TOTAL_LIMIT
            assert len(embed.title or "") <= render.TITLE_LIMIT
            assert len(embed.description or "") <= render.DESCRIPTION_LIMIT
            assert len(embed.fields) <= render.FIELDS_PER_EMBED
            for f in embed.fields:
                assert 0 < len(f.name or "") <= render.FIELD_NAME_LIMIT
                assert 0 < len(f.value or "") <= render.FIELD_VALUE_LIMIT
            assert len(embed.footer.text or "") <= render.FOOTER_LIMIT
        mentions = reply.kwargs()["allowed_mentions"]
        assert mentions.to_dict() == {"parse": []} and mentions.replied_user is False


# --- answers -------------------------------------------------------------------------------------


def test_answer_has_text_citation_sources_and_confidence():
    [reply] = render_answer(make_answer(event=EVENT))
    [embed] = reply.embeds
    assert embed.title == EVENT.title
    assert "about 240 km \\[1\\]." in embed.description  # renders as "[1]"
    [sources] = embed.fields
    assert sources.name == "Sources"
    assert sources.value == (
        "\\[1\\] [Missile flies 240 km](https://example.org/news/1) — Example Wire, "
        "17 Nov 2022 · reported by South Korea's Joint Chiefs of Staff"
    )
    assert embed.footer.text == "Confidence 92%"


def test_source_without_url_is_not_linked():
    cite = Citation(2, Source("s", "No link", "Pub", date(2020, 1, 2)), "X")
    [reply] = render_answer(make_answer(citations=(cite,)))
    assert reply.embeds[0].fields[0].value.startswith("\\[2\\] No link — Pub, 2 Jan 2020")


@pytest.mark.parametrize(
    "url, linked",
    [
        ("https://example.org/a_(b)", "(https://example.org/a_%28b%29)"),
        ("javascript:alert(1)", None),
        ("https://example.org/" + "x" * 600, None),
    ],
)
def test_source_links_are_safe(url, linked):
    cite = Citation(1, Source("s", "T", "P", date(2020, 1, 2), url), "X")
    value = render_answer(make_answer(citations=(cite,)))[0].embeds[0].fields[0].value
    if linked:
        assert value.startswith(f"\\[1\\] [T]{linked} — P")
    else:
        assert value.startswith("\\[1\\] T — P")


def test_times_become_discord_timestamps():
    instant = datetime(2022, 11, 17, 10, 48, tzinfo=timezone(timedelta(hours=9)))
    text = "Launch time: 10:48 local, which is 01:48 UTC on 17 November 2022 [1]."
    answer = make_answer(text, times=(TimeMention("01:48 UTC on 17 November 2022", instant),))
    description = render_answer(answer)[0].embeds[0].description
    unix = int(instant.timestamp())
    assert description == f"Launch time: 10:48 local, which is <t:{unix}:F> \\[1\\]."
    assert unix == int(datetime(2022, 11, 17, 1, 48, tzinfo=UTC).timestamp())


def test_a_time_window_becomes_two_discord_timestamps():
    # "from 22:00 Friday to 06:00 Saturday": each end in the reader's own zone
    start = datetime(2025, 3, 14, 22, tzinfo=timezone(timedelta(hours=2)))
    end = datetime(2025, 3, 15, 6, tzinfo=timezone(timedelta(hours=2)))
    utc = "20:00 UTC on 14 March to 04:00 UTC on 15 March"
    answer = make_answer(f"Road closure: from 22:00 ... (UTC+02:00), which is {utc} [1].",
                         times=(TimeMention(utc, start, until=end),))
    description = render_answer(answer)[0].embeds[0].description
    assert description.endswith(f"which is <t:{int(start.timestamp())}:F> to "
                                f"<t:{int(end.timestamp())}:F> \\[1\\].")


def test_a_fact_shows_the_end_of_its_window():
    start = datetime(2025, 3, 14, 22, tzinfo=timezone(timedelta(hours=2)))
    end = datetime(2025, 3, 15, 6, tzinfo=timezone(timedelta(hours=2)))
    closure = Fact(id="c", event="quay", source="wire-1", kind="time", label="Road closure",
                   text="The road is closed.", reported_by="R", time=start, until=end)
    fields = {f.name: f.value for f in render.fact_embed(closure, SOURCE).fields}
    assert fields["Until"] == f"<t:{int(end.timestamp())}:F> (`2025-03-15T06:00:00+02:00`)"
    noon = datetime(2025, 3, 13, 12, tzinfo=UTC)
    told = Fact(id="s", event="quay", source="wire-1", kind="time", label="Storm",
                text="The storm.", reported_by="R", time=noon.replace(day=12), until=noon,
                time_precision=TimePrecision.EVENING, until_precision=TimePrecision.AFTERNOON)
    fields = {f.name: f.value for f in render.fact_embed(told, SOURCE).fields}
    assert fields["Until"] == ("Thursday afternoon, 13 March 2025 (no clock time reported) "
                               "(`2025-03-13 afternoon`)")
    assert "Until" not in {f.name for f in render.fact_embed(
        Fact(id="t", event="quay", source="wire-1", kind="time", text="T.", reported_by="R",
             time=start), SOURCE).fields}


def test_time_placeholder_text_around_it_is_still_escaped():
    instant = datetime(2022, 1, 1, tzinfo=UTC)
    answer = make_answer("*a* at NOON then _b_", times=(TimeMention("NOON", instant),))
    description = render_answer(answer)[0].embeds[0].description
    assert description == f"\\*a\\* at <t:{int(instant.timestamp())}:F> then \\_b\\_"


@pytest.mark.parametrize(
    "text, must_not_contain",
    [
        ("@everyone the missile flew [1].", "@everyone"),
        ("@here look [1].", "@here"),
        ("<@123456789012345678> said so [1].", "<@1"),
        ("<@&123456789012345678> role [1].", "<@&1"),
    ],
)
def test_mentions_in_fact_text_cannot_ping(text, must_not_contain):
    replies = render_answer(make_answer(text))
    assert must_not_contain not in all_text(replies)
    for reply in replies:
        mentions = reply.kwargs()["allowed_mentions"]
        assert mentions.to_dict() == {"parse": []} and not mentions.replied_user


@pytest.mark.parametrize(
    "raw, escaped",
    [
        ("**bold** and _it_", "\\*\\*bold\\*\\* and \\_it\\_"),
        ("`code` ~~gone~~ ||spoiler||", "\\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\|"),
        ("[click](https://evil.example) *x*", "\\[click\\](https://evil.example) \\*x\\*"),
        ("# Heading", "\\# Heading"),
        ("> quote", "\\> quote"),
        ("back\\slash*", "back\\\\slash\\*"),
    ],
)
def test_markdown_in_fact_text_is_escaped(raw, escaped):
    assert clean(raw) == escaped
    assert render_answer(make_answer(raw, citations=()))[0].embeds[0].description == escaped


@pytest.mark.parametrize("length", [10, 4096, 4097, 6001, 12_000, 20_000, 100_000])
@pytest.mark.parametrize("citations", [1, 3, 30])
@pytest.mark.parametrize("word", ["word ", "x", "**"])
def test_long_answers_stay_within_discord_limits(length, citations, word):
    text = (word * (length // len(word) + 1))[:length]
    cites = tuple(
        Citation(
            n,
            Source(
                f"s{n}", "T" * 300, "P" * 300, date(2022, 1, 1), "https://example.org/" + "a" * 200
            ),
            "R" * 300,
        )
        for n in range(1, citations + 1)
    )
    replies = render_answer(make_answer(text, citations=cites, event=Event("e", "E" * 400)))
    assert_within_limits(replies)
    described = sum(len(e.description or "") for r in replies for e in r.embeds)
    if len(clean(text)) <= render.DESCRIPTION_LIMIT * render.MAX_DESCRIPTION_PARTS - 100:
        assert described >= len(clean(text).strip()) - 10  # nothing lost but whitespace
    else:
        last = [e.description for r in replies for e in r.embeds if e.description][-1]
        assert last.endswith(render.ELLIPSIS)


def test_long_answer_is_split_over_several_embeds_in_order():
    sentences = [f"Sentence {n} says something [1]." for n in range(300)]
    replies = render_answer(make_answer(" ".join(sentences)))
    assert_within_limits(replies)
    joined = " ".join(e.description for r in replies for e in r.embeds if e.description)
    assert re.findall(r"Sentence (\d+)", joined) == [str(n) for n in range(300)]
    assert len([e for r in replies for e in r.embeds]) >= 3
    assert replies[-1].embeds[-1].footer.text == "Confidence 92%"


def test_many_citations_are_capped():
    cites = tuple(Citation(n, SOURCE, f"R{n}") for n in range(1, 31))
    replies = render_answer(make_answer(citations=cites))
    text = all_text(replies)
    assert "reported by R20" in text and "reported by R21" not in text
    assert "… and 10 more" in text


def test_conflict_is_flagged_in_the_footer():
    [reply] = render_answer(make_answer(conflict=True))
    assert "sources disagree" in reply.embeds[0].footer.text


# --- abstaining ----------------------------------------------------------------------------------


def test_abstain_says_so_offers_three_suggestions_and_a_moderator():
    suggestions = tuple(Suggestion(f"f{n}", "e", f"Distance flown {n}", 0.5) for n in range(5))
    answer = make_answer(
        "No reported fact answers that.",
        answered=False,
        citations=(),
        suggestions=suggestions,
        confidence=0.2,
    )
    [reply] = render_answer(answer)
    [embed] = reply.embeds
    assert embed.title == "Not in the reported facts"
    assert embed.description == "No reported fact answers that."
    did_you_mean, moderator = embed.fields
    assert did_you_mean.name == "Did you mean:"
    assert did_you_mean.value.splitlines() == [
        "• Distance flown 0?",
        "• Distance flown 1?",
        "• Distance flown 2?",
    ]
    assert moderator.name == "Ask a moderator" and "/fact add" in moderator.value
    assert embed.footer.text is None  # no confidence on an abstention


def test_abstain_without_suggestions_still_points_to_moderators():
    answer = make_answer("No reported fact answers that.", answered=False, citations=())
    [reply] = render_answer(answer)
    assert [f.name for f in reply.embeds[0].fields] == ["Ask a moderator"]


def test_suggestion_text_is_escaped():
    answer = make_answer(
        "No.",
        answered=False,
        citations=(),
        suggestions=(Suggestion("f", "e", "@everyone *now*?", 0.4),),
    )
    value = render_answer(answer)[0].embeds[0].fields[0].value
    assert value == "• @\u200beveryone \\*now\\*?"


def test_which_event_lists_the_events():
    other = Event("other", "Another launch", when=None, where=None)
    answer = make_answer(
        "That could be about more than one event.",
        answered=False,
        citations=(),
        events_to_choose=(EVENT, other),
    )
    [reply] = render_answer(answer)
    [embed] = reply.embeds
    assert embed.title == "Which event do you mean?"
    assert embed.fields[0].value.splitlines() == [
        "• North Korea fires a missile — 17 Nov 2022 — Wonsan",
        "• Another launch",
    ]


# --- helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four five", 16, "one two three…"),
        ("one two three four five", 12, "one two thr…"),  # no space near the end: hard cut
        ("abcdefghijklmnop", 8, "abcdefg…"),
        ("ab\\*cd", 4, "ab…"),  # never ends in a lone escape backslash
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


@pytest.mark.parametrize(
    "text, limit, parts",
    [
        ("a b c", 10, ["a b c"]),
        ("aaaa bbbb cccc", 9, ["aaaa bbbb", "cccc"]),
        ("line one\nline two", 12, ["line one", "line two"]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ],
)
def test_split_text(text, limit, parts):
    assert split_text(text, limit) == parts


def test_notice_is_escaped_and_short():
    reply = render.render_notice("@everyone " + "x" * 3000)
    assert reply.content.startswith("@\u200beveryone")
    assert len(reply.content) <= render.CONTENT_LIMIT
    assert reply.kwargs()["allowed_mentions"].to_dict()["parse"] == []


# --- moderation views ----------------------------------------------------------------------------

FACT = Fact(
    id="wonsan-range",
    event="launch",
    source="wire-1",
    kind="measurement",
    text="The missile flew about 240 km.",
    reported_by="JCS",
    attribute="range",
    quantities=(Quantity(240.0, "km"), Quantity(150.0, "mi")),
    approximate=True,
    origin="knowledge",
    origin_file="k.yaml",
    origin_line=7,
)


def test_fact_embed_shows_what_a_moderator_checks():
    embed = render.fact_embed(FACT, SOURCE)
    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "Fact wonsan-range"
    assert fields["Values"] == "about 240 km, 150 miles"
    assert fields["Kind"] == "measurement · range"
    assert fields["Source"].startswith("[Missile flies 240 km](https://example.org/news/1)")
    assert fields["Origin"] == "knowledge file k.yaml, line 7 (shared by every server)"
    assert fields["Status"] == "active"


def test_times_the_report_gave_without_a_clock_are_shown_in_words():
    # "the quay gave way on Wednesday evening"; "last repaired in July 2009": no Discord
    # timestamp (an instant in the reader's zone) and no made-up first of the month
    noon = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)
    fell = Fact(id="fell", event="quay", source="wire-1", kind="time", label="Quay gave way",
                text="The quay gave way.", reported_by="R", time=noon,
                time_precision=TimePrecision.EVENING)
    fields = {f.name: f.value for f in render.fact_embed(fell, SOURCE).fields}
    assert fields["Time"] == ("Wednesday evening, 12 March 2025 (no clock time reported) "
                              "(`2025-03-12 evening`)")
    repair = Event("repair", "The quay repair", when=datetime(2009, 7, 1, 12, tzinfo=UTC),
                   when_precision=TimePrecision.MONTH)
    answer = make_answer("Which one?", answered=False, citations=(),
                         events_to_choose=(EVENT, repair))
    assert render_answer(answer)[0].embeds[0].fields[0].value.splitlines()[1] == \
        "• The quay repair — Jul 2009"
    when = {f.name: f.value for f in render.event_embed(repair, heading="Event").fields}
    assert when["When"] == "July 2009 (no day reported)"
    counted = Fact(id="c", event="quay", source="wire-1", kind="measurement", text="40 moved.",
                   reported_by="R", attribute="evacuated", quantities=(Quantity(40, ""),),
                   as_of=datetime(2009, 7, 1, 12, tzinfo=UTC),
                   as_of_precision=TimePrecision.MONTH)
    footer = render_answer(make_answer(facts=(AnsweredFact(counted, 1, 0.9),)))[0] \
        .embeds[0].footer.text
    assert footer.endswith("· as of Jul 2009")


def test_fact_list_pages():
    facts = [
        Fact(
            id=f"f{n}",
            event="e",
            source="s",
            kind="claim",
            text=f"Fact {n} @everyone",
            reported_by="r",
            status="retracted" if n == 3 else "active",
        )
        for n in range(23)
    ]
    pages = render.fact_list_pages(facts, per_page=10)
    assert [p.footer.text for p in pages] == ["Page 1/3", "Page 2/3", "Page 3/3"]
    assert pages[0].description.splitlines()[3] == "`f3` *(retracted)* Fact 3 @\u200beveryone"
    assert render.fact_list_pages([])[0].description == "No facts yet."


def test_history_pages_newest_first_with_revisions_and_actors():
    at = datetime(2024, 1, 1, tzinfo=UTC)
    entries = [
        AuditEntry(
            1, "fact", "f", "load", "knowledge:k.yaml", at, None, None, None, {"revision": 1}
        ),
        AuditEntry(
            2,
            "fact",
            "f",
            "edit",
            "discord:42",
            at + timedelta(days=1),
            7,
            "typo",
            {"revision": 1},
            {"revision": 2},
        ),
    ]
    [page] = render.history_pages("f", entries)
    first, second = page.description.splitlines()
    assert first.endswith("**edit** → revision 2 by <@42>: typo")
    assert second.endswith("**load** → revision 1 by knowledge:k.yaml")


def test_reply_kwargs():
    embed = discord.Embed(description="x")
    kwargs = Reply(content="c", embeds=(embed,)).kwargs()
    assert kwargs["content"] == "c" and kwargs["embeds"] == [embed]
    assert Reply(embeds=(embed,)).kwargs().keys() == {"embeds", "allowed_mentions"}
