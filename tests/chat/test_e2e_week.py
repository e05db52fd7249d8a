"""A scripted week on one server, through the stand-in: people ask, vote, and get told;
moderators read /gaps, /review and /stats and fix what they show.

The run writes what the moderators saw, as text, to ``week-screens.txt`` and the /stats
chart to ``week-stats.png`` in the test's tmp dir, and prints both paths (run with ``-s``,
and ``--basetemp DIR`` for a stable place).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.stats import stats_text

from .fake_discord import FakeDiscord, FakeUser
from .test_e2e_loop import (
    WITH_EXPIRED,
    add_fact_from_gaps,
    buttons,
    fill,
    moderator_screen,
    press,
    text_of,
)

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

# What people ask each day (question, how many people ask it).
ANSWERED_ALWAYS = [
    ("How far did the missile fly?", 3),
    ("What time was the launch?", 2),
    ("When was it fired?", 1),
]
UNANSWERED_UNTIL_FIXED = [
    ("How long was the trip?", 2),  # fixed on Wednesday with Answer with…
    ("Did Japan protest the launch?", 2),  # fixed on Thursday with Add fact
    ("How high did the missile fly?", 1),  # expired; renewed on Friday
]
NEVER = [("How fast did it fly?", 1)]  # nothing reported until Saturday's fact
LOW = [("What did the joint chiefs say?", 1)]  # answered, with low confidence


def screen(title: str, data: dict) -> str:
    controls = " ".join(f"[{label}]" for label in buttons(data))
    return f"===== {title} =====\n{text_of(data).strip()}\n{controls}\n"


async def test_a_week_of_questions(start_bot, fake_discord: FakeDiscord, tmp_path: Path):
    running = await start_bot(
        knowledge=WITH_EXPIRED, knowledge_guild_ids=(fake_discord.guild_id,)
    )
    engine = running.bot.aengine.engine
    today = [MONDAY]
    engine.clock = lambda: today[0]  # read on the engine's thread at each question
    people = [fake_discord.member, fake_discord.admin] + [
        FakeUser(fake_discord.new_id(), f"reader{n}") for n in range(4)
    ]
    screens: list[str] = []
    told: list[str] = []

    async def ask_all(questions: list[tuple[str, int]], day: int) -> list[dict]:
        replies = []
        for n, (question, times) in enumerate(questions):
            for k in range(times):
                asker = people[(day + n + k) % len(people)]
                interaction = await fake_discord.slash(
                    "ask", {"question": question}, user=asker
                )
                await fake_discord.callback(interaction)
                replies.append(fake_discord.messages[fake_discord.originals[interaction.token]])
        return replies

    async def day_of_questions(day: int) -> list[dict]:
        today[0] = MONDAY + timedelta(days=day, hours=day % 3)
        return await ask_all(ANSWERED_ALWAYS + UNANSWERED_UNTIL_FIXED + NEVER + LOW, day)

    # Monday, Tuesday: people ask; one reader votes an answer Wrong, another Helpful.
    await day_of_questions(0)
    replies = await day_of_questions(1)
    range_answer = replies[0]
    await press(fake_discord, range_answer, "Helpful", user=people[2])
    _, modal = await press(fake_discord, range_answer, "Wrong", user=people[3])
    await fill(fake_discord, modal, {"What is wrong or out of date? (optional)":
                                     "Japan's ministry says 250 km"}, user=people[3])

    # Wednesday: the moderator reads /gaps and answers "How long was the trip?" with a fact.
    today[0] = MONDAY + timedelta(days=2)
    _, gaps = await moderator_screen(fake_discord, "gaps")
    screens.append(screen("/gaps on Wednesday (page 1)", gaps))
    page = text_of(gaps)
    assert "“How long was the trip?”" in page and "“Did Japan protest the launch?”" in page
    # Page to the trip question.
    while "▶ 4× “How long was the trip?”" not in text_of(gaps):
        click, turned = await press(fake_discord, gaps, "Next")
        gaps = fake_discord.messages[int(gaps["id"])]
        gaps.update(turned.json["data"])
    _, modal = await press(fake_discord, gaps, "Answer with…")
    done = await fill(fake_discord, modal, {"Fact id": "wonsan-range"})
    screens.append(f"===== Answer with… =====\n{text_of(done['data']).strip()}\n")
    await day_of_questions(2)

    # Thursday: the moderator adds the Japan fact from /gaps; the askers are told.
    today[0] = MONDAY + timedelta(days=3)
    _, gaps = await moderator_screen(fake_discord, "gaps", {"days": 7})
    while "▶" not in text_of(gaps) or "▶ 6× “Did Japan protest the launch?”" not in text_of(gaps):
        click, turned = await press(fake_discord, gaps, "Next")
        gaps = fake_discord.messages[int(gaps["id"])]
        gaps.update(turned.json["data"])
    _, done = await add_fact_from_gaps(fake_discord, gaps, "claim", None, {
        "The fact, in your own words": "Japan lodged a protest against the launch.",
        "Reported by": "Japan's Prime Minister's Office",
        "Topics; other words people use": "Japan, protest; did japan protest the launch",
    })
    screens.append(f"===== Add fact =====\n{text_of(done['data']).strip()}\n")
    await fake_discord.wait_for(
        lambda r: r.method == "POST" and "You asked" in ((r.json or {}).get("content") or "")
    )
    await day_of_questions(3)

    # Friday: /review flagged and /review stale; the altitude is renewed.
    today[0] = MONDAY + timedelta(days=4)
    _, flagged = await moderator_screen(fake_discord, "review", subcommand="flagged")
    screens.append(screen("/review flagged on Friday", flagged))
    _, stale = await moderator_screen(fake_discord, "review", subcommand="stale")
    screens.append(screen("/review stale on Friday", stale))
    _, modal = await press(fake_discord, stale, "Renew")
    await fill(fake_discord, modal, {"New expiry date (optional)": "2099-12-31"})
    _, dismissed = await press(fake_discord, flagged, "Dismiss")
    await day_of_questions(4)

    # Saturday: a report gives the speed; the moderator adds it from /gaps (a measurement).
    today[0] = MONDAY + timedelta(days=5)
    _, gaps = await moderator_screen(fake_discord, "gaps")
    while "▶ 5× “How fast did it fly?”" not in text_of(gaps):
        click, turned = await press(fake_discord, gaps, "Next")
        gaps = fake_discord.messages[int(gaps["id"])]
        gaps.update(turned.json["data"])
    _, done = await add_fact_from_gaps(fake_discord, gaps, "measurement", "speed", {
        "The fact, in your own words": "Japan's defence ministry said it flew at Mach 5.",
        "Values as reported": "about 6,100 km/h",
        "Reported by": "Japan's Ministry of Defense",
    })
    screens.append(f"===== Add fact (measurement, speed) =====\n"
                   f"{text_of(done['data']).strip()}\n")
    await day_of_questions(5)
    await day_of_questions(6)

    # Sunday evening: /gaps and /stats.
    today[0] = MONDAY + timedelta(days=6, hours=10)
    _, gaps = await moderator_screen(fake_discord, "gaps")
    screens.append(screen("/gaps on Sunday", gaps))
    command = await fake_discord.slash("stats", {"days": 7}, user=fake_discord.moderator)
    await fake_discord.callback(command)
    sent = await fake_discord.followup(command)
    [(name, png)] = sent.files
    screens.append(screen("/stats on Sunday (chart attached: stats.png)", sent.json))
    figures = await running.bot.aengine.stats(guild_id=fake_discord.guild_id, days=7
    )
    screens.append(f"===== factbot stats --guild {fake_discord.guild_id} --days 7 =====\n"
                   f"{stats_text(figures)}\n")
    told = [
        r.json["content"] for r in fake_discord.requests
        if r.method == "POST" and "You asked" in ((r.json or {}).get("content") or "")
    ]
    screens.append("===== Askers told =====\n" + "\n".join(told) + "\n")

    chart = tmp_path / "week-stats.png"
    chart.write_bytes(png)
    text = tmp_path / "week-screens.txt"
    text.write_text("\n".join(screens), encoding="utf-8")
    print(f"\nweek screens: {text}\nweek chart: {chart}")

    # What the week shows.
    assert name == "stats.png" and png.startswith(b"\x89PNG")
    per_day = {d.day.weekday(): d for d in figures.per_day}
    assert figures.questions == 7 * 13
    assert per_day[0].answered < per_day[6].answered  # fixes reached the questions
    assert per_day[6].abstained == 0  # every question was answered by Sunday
    assert figures.flagged == 1
    assert len(told) == len(set(told)) >= 2  # each asker told once
    assert "How fast did it fly?" not in text_of(gaps)
    assert "How long was the trip?" not in text_of(gaps)
