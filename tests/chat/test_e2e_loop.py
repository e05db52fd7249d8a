"""End to end through the stand-in: the trust loop (issue 11).

Unanswered questions reach /gaps; "Answer with…" and "Add fact" fix them and tell the
askers once; Wrong votes reach /review flagged; expired facts reach /review stale and never
answer silently; a server's thresholds change what is answered; /stats attaches a PNG; the
mod-log channel gets every fact change.
"""

from __future__ import annotations

from typing import Any

from bot.config import LoopConfig
from bot.core.gaps import Asking
from bot.core.loop import FactChange

from .conftest import EVENT_ID, KNOWLEDGE
from .fake_discord import (
    CHANNEL_MESSAGE,
    EPHEMERAL,
    MODAL,
    ChannelOption,
    FakeDiscord,
    FakeUser,
    Interaction,
    Recorded,
)

ALTITUDE = """
  - id: wonsan-altitude
    event: wonsan-launch-2022-11-17
    source: wire-2022-11-17
    kind: measurement
    attribute: max_altitude
    values: ["47 km"]
    approximate: true
    reported_by: "South Korea's Joint Chiefs of Staff"
    text: "The missile reached an altitude of about 47 km."
    keywords: [how high, apogee]
    as_of: 2022-11-17T12:00:00+00:00
    expires: 2022-12-01T00:00:00+00:00
"""
WITH_EXPIRED = KNOWLEDGE + ALTITUDE


# --- helpers ----------------------------------------------------------------------------------


async def ask(fake: FakeDiscord, question: str, user: FakeUser | None = None) -> dict[str, Any]:
    """/ask; the bot's response data (embeds and components)."""
    interaction = await fake.slash("ask", {"question": question}, user=user)
    callback = (await fake.callback(interaction)).json
    assert callback["type"] == CHANNEL_MESSAGE
    return callback["data"]


def text_of(data: dict[str, Any]) -> str:
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def buttons(data: dict[str, Any]) -> dict[str, str]:
    """label -> custom_id of the buttons on a message."""
    return {
        child["label"]: child["custom_id"]
        for row in data.get("components") or []
        for child in row["components"]
    }


async def moderator_screen(
    fake: FakeDiscord, name: str, options: dict | None = None, subcommand: str | None = None
) -> tuple[Interaction, dict[str, Any]]:
    """A deferred, paged moderator command; its first page as the message it edited."""
    command = await fake.slash(name, options, subcommand=subcommand, user=fake.moderator)
    deferred = (await fake.callback(command)).json
    assert deferred["data"]["flags"] & EPHEMERAL
    await fake.original_edit(command)
    return command, fake.messages[fake.originals[command.token]]


async def press(
    fake: FakeDiscord, message: dict[str, Any], label: str, user: FakeUser | None = None
) -> tuple[Interaction, Recorded]:
    click = await fake.click(message, buttons(message)[label], user=user or fake.moderator)
    return click, await fake.callback(click)


async def fill(
    fake: FakeDiscord, modal: Recorded, values: dict[str, str], user: FakeUser | None = None
) -> dict[str, Any]:
    assert modal.json["type"] == MODAL, modal.json
    submitted = await fake.submit_modal(modal, values, user=user or fake.moderator)
    return (await fake.callback(submitted)).json


def channel_posts(fake: FakeDiscord, channel_id: int) -> list[Recorded]:
    return fake.sent_messages(channel_id)


def selects(data: dict[str, Any]) -> dict[str, list[str]]:
    """custom_id -> option values of the select menus on a message."""
    return {
        child["custom_id"]: [o["value"] for o in child["options"]]
        for row in data.get("components") or []
        for child in row["components"]
        if child["type"] == 3
    }


async def add_fact_from_gaps(
    fake: FakeDiscord, screen: dict[str, Any], kind: str, attribute: str | None,
    values: dict[str, str],
) -> tuple[Recorded, dict[str, Any]]:
    """Add fact on a /gaps page: pick the kind (and attribute), fill in the form.
    Returns the form the bot opened and the bot's reply to it."""
    click, picker = await press(fake, screen, "Add fact")
    assert picker.json["type"] == CHANNEL_MESSAGE and picker.json["data"]["flags"] & EPHEMERAL
    message = fake.messages[fake.originals[click.token]]
    assert kind in selects(message)["factbot:addfact:kind"]
    chosen = await fake.choose(message, "factbot:addfact:kind", [kind], user=fake.moderator)
    modal = await fake.callback(chosen)
    if attribute is not None:
        assert modal.json["type"] == 7, "the picker asks for the attribute next"  # UPDATE
        message = fake.messages[int(message["id"])]
        assert attribute in selects(message)["factbot:addfact:attribute"]
        chosen = await fake.choose(
            message, "factbot:addfact:attribute", [attribute], user=fake.moderator
        )
        modal = await fake.callback(chosen)
    return modal, await fill(fake, modal, values)


# --- 1. unanswered questions ------------------------------------------------------------------


async def test_an_unanswered_question_shows_in_gaps_grouped_with_its_repeats(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot(loop=LoopConfig(low_confidence=0.0))  # answers are never gaps here
    first = await ask(fake_discord, "How long was the trip?")
    assert "Not in the reported facts" in text_of(first)
    assert not first.get("components"), "no feedback buttons on an abstention"
    await ask(fake_discord, "how long was the trip", user=fake_discord.admin)
    await fake_discord.say("how long was the trpi?", mention_bot=True)  # a typo: same question
    await fake_discord.wait_for(lambda r: r.path.endswith("/messages") and r.method == "POST")
    await ask(fake_discord, "How far did the missile fly?")  # answered: not a gap

    _, screen = await moderator_screen(fake_discord, "gaps")
    page = text_of(screen)
    assert "Unanswered questions, last 7 days" in page
    assert "3× “How long was the trip?”" in page
    assert "Asked 3× by 2 people" in page
    assert "How far" not in page
    assert {"Add fact", "Answer with…", "Previous", "Next"} <= set(buttons(screen))

    # Members cannot see it.
    refused = await fake_discord.slash("gaps", user=fake_discord.member)
    assert "Only moderators" in text_of((await fake_discord.callback(refused)).json["data"])


async def test_answer_with_makes_the_next_asking_answer_and_can_be_reverted(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot(knowledge_guild_ids=(fake_discord.guild_id,))
    await ask(fake_discord, "How long was the trip?")
    _, screen = await moderator_screen(fake_discord, "gaps")
    _, modal = await press(fake_discord, screen, "Answer with…")
    assert modal.json["data"]["title"] == "Answer with an existing fact"
    done = await fill(fake_discord, modal, {"Fact id": "wonsan-range"})
    reply = text_of(done["data"])
    assert done["data"]["flags"] & EPHEMERAL
    assert "Added “how long was the trip” to the keywords of `wonsan-range`" in reply
    assert "answered with `wonsan-range` now" in reply

    again = await ask(fake_discord, "How long was the trip?")
    assert "240 km" in text_of(again)
    assert set(buttons(again)) == {"Helpful", "Wrong", "Outdated"}

    # Audited, and revertable like any edit.
    history = await running.bot.aengine.history("wonsan-range", guild_id=fake_discord.guild_id
    )
    assert history[-1].actor == f"discord:{fake_discord.moderator.id}"
    assert "answers the question “How long was the trip?”" in history[-1].reason
    revert = await fake_discord.slash(
        "fact", {"id": "wonsan-range", "revision": 1}, subcommand="revert",
        user=fake_discord.moderator,
    )
    await fake_discord.callback(revert)
    after_revert = await ask(fake_discord, "How long was the trip?")
    assert "240 km" not in text_of(after_revert)


async def test_adding_a_fact_tells_the_asker_once_in_the_channel(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot()
    question = await fake_discord.say("Did Japan protest the launch?", mention_bot=True)
    await fake_discord.wait_for(lambda r: r.method == "POST" and r.path.endswith("/messages"))
    before = len(channel_posts(fake_discord, fake_discord.channel_id))

    _, screen = await moderator_screen(fake_discord, "gaps")
    modal, done = await add_fact_from_gaps(fake_discord, screen, "claim", None, {
        "The fact, in your own words": "Japan protested the launch through diplomatic channels.",
        "Reported by": "Japan's Prime Minister's Office",
        "Topics; other words people use": "protest, Japan; did japan protest the launch",
    })
    assert modal.json["data"]["title"] == "New claim fact"
    assert "it answers “Did Japan protest the launch?” now" in text_of(done["data"])

    note = await fake_discord.wait_for(
        lambda r: r.method == "POST"
        and r.path == f"/channels/{fake_discord.channel_id}/messages"
        and "You asked" in ((r.json or {}).get("content") or "")
    )
    body = note.json
    assert body["content"].startswith(f"<@{fake_discord.member.id}> You asked")
    assert [int(u) for u in body["allowed_mentions"]["users"]] == [fake_discord.member.id]
    assert body["allowed_mentions"]["parse"] == []
    assert int(body["message_reference"]["message_id"]) == int(question["id"])
    assert "Japan protested the launch" in text_of(body)

    # Once: a second matching fact does not tell them again.
    await fake_discord.slash("ask", {"question": "Did Japan protest the launch?"})
    count = len([
        r for r in channel_posts(fake_discord, fake_discord.channel_id)
        if "You asked" in ((r.json or {}).get("content") or "")
    ])
    assert count == 1
    assert len(channel_posts(fake_discord, fake_discord.channel_id)) == before + 1


async def test_askers_are_told_by_dm_when_allowed_and_can_opt_out(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot(loop=LoopConfig(notify_by_dm=True))
    await ask(fake_discord, "Did Japan protest the launch?", user=fake_discord.member)
    await ask(fake_discord, "did japan protest the launch", user=fake_discord.admin)
    optout = await fake_discord.slash(
        "notifications", {"setting": "off"}, user=fake_discord.admin
    )
    assert "no longer tell you" in text_of((await fake_discord.callback(optout)).json["data"])

    record = {
        "event": EVENT_ID, "source": "wire-2022-11-17", "kind": "claim",
        "text": "Japan protested the launch.", "reported_by": "Japan's government",
        "keywords": ["did japan protest the launch"],
    }
    await running.bot.aengine.add_fact(record, actor="cli", guild_id=fake_discord.guild_id
    )
    dm = await fake_discord.wait_for(
        lambda r: r.method == "POST"
        and r.path == f"/channels/{fake_discord.dm_id(fake_discord.member)}/messages"
    )
    assert dm.json["content"].startswith("You asked “Did Japan protest the launch?”")
    opened = fake_discord.find(lambda r: r.path == "/users/@me/channels")
    assert [int(r.json["recipient_id"]) for r in opened] == [fake_discord.member.id]


# --- 2. feedback ------------------------------------------------------------------------------


async def test_a_wrong_vote_puts_the_fact_in_review_flagged(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    await ask(fake_discord, "How far did the missile fly?")
    answer = fake_discord.messages[fake_discord.originals[
        next(t for t, i in fake_discord.interactions.items() if i.type == 2)
    ]]
    # Helpful first, then changed to Wrong: one vote per person.
    _, thanks = await press(fake_discord, answer, "Helpful", user=fake_discord.member)
    assert "counted as helpful" in thanks.json["data"]["content"]
    _, modal = await press(fake_discord, answer, "Wrong", user=fake_discord.member)
    assert modal.json["type"] == MODAL
    done = await fill(
        fake_discord,
        modal,
        {"What is wrong or out of date? (optional)": "A later report says 250 km"},
        user=fake_discord.member,
    )
    assert "Changed your vote: now counted as wrong" in done["data"]["content"]

    _, screen = await moderator_screen(fake_discord, "review", subcommand="flagged")
    page = text_of(screen)
    assert "Flagged: wonsan-range" in page
    assert "Wrong 1 · Outdated 0 · Helpful 0" in page
    assert "A later report says 250 km" in page
    assert {"Retract", "Edit", "Dismiss"} <= set(buttons(screen))

    # The vote changed nothing by itself: the answer is the same.
    assert "240 km" in text_of(await ask(fake_discord, "How far did the missile fly?"))

    _, dismissed = await press(fake_discord, screen, "Dismiss")
    assert "Dismissed the votes on `wonsan-range`" in dismissed.json["data"]["content"]
    _, empty = await moderator_screen(fake_discord, "review", subcommand="flagged")
    assert "No fact has an open Wrong or Outdated vote" in text_of(empty)


# --- 3. shelf life ----------------------------------------------------------------------------


async def test_an_expired_fact_shows_in_review_stale_and_never_answers_silently(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot(knowledge=WITH_EXPIRED, knowledge_guild_ids=(fake_discord.guild_id,))
    reply = await ask(fake_discord, "How high did the missile fly?")
    text = text_of(reply)
    assert "47 km" not in text
    # The abstention says that an expired fact is waiting for review (a second message).
    note = await fake_discord.followup(
        next(i for i in fake_discord.interactions.values() if i.type == 2)
    )
    assert "expired and is waiting for a moderator's review" in note.json["content"]

    _, screen = await moderator_screen(fake_discord, "review", subcommand="stale")
    page = text_of(screen)
    assert "Expired: wonsan-altitude" in page
    assert "It no longer answers" in page
    assert {"Renew", "Replace", "Retract"} <= set(buttons(screen))

    _, modal = await press(fake_discord, screen, "Renew")
    done = await fill(fake_discord, modal, {"New expiry date (optional)": "2099-12-31"})
    assert "Renewed `wonsan-altitude`: it answers again, until 31 Dec 2099" in (
        done["data"]["content"]
    )
    renewed = text_of(await ask(fake_discord, "How high did the missile fly?"))
    assert "47 km" in renewed
    assert "as of" in renewed  # checked again today: the answer says as of when


async def test_answers_show_as_of_their_fact(start_bot, fake_discord: FakeDiscord):
    dated = KNOWLEDGE.replace(
        "keywords: [distance, how far, flew]",
        "keywords: [distance, how far, flew]\n    as_of: 2022-11-18T06:00:00+00:00",
    )
    await start_bot(knowledge=dated)
    data = await ask(fake_discord, "How far did the missile fly?")
    assert "240 km" in text_of(data)
    assert data["embeds"][-1]["footer"]["text"].endswith(" · as of 18 Nov 2022")


# --- 4 and 5. figures, thresholds, mod-log ------------------------------------------------------


async def test_a_servers_threshold_override_changes_what_is_answered(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot()
    question = "What did the joint chiefs say?"
    assert (await ask(fake_discord, question)).get("components"), "answered by default"

    command = await fake_discord.slash(
        "settings", {"answer": 0.8, "suggest": 0.3}, subcommand="thresholds",
        user=fake_discord.moderator,
    )
    saved = (await fake_discord.callback(command)).json["data"]
    assert "Answer at 0.80" in text_of(saved) and "this server's own" in text_of(saved)
    stricter = await ask(fake_discord, question)
    assert "Not in the reported facts" in text_of(stricter)
    assert "Did you mean" in text_of(stricter)

    reset = await fake_discord.slash(
        "settings", {"reset": True}, subcommand="thresholds", user=fake_discord.moderator
    )
    assert "the defaults from the config" in text_of(
        (await fake_discord.callback(reset)).json["data"]
    )
    assert (await ask(fake_discord, question)).get("components")

    bad = await fake_discord.slash(
        "settings", {"answer": 0.4, "suggest": 0.5}, subcommand="thresholds",
        user=fake_discord.moderator,
    )
    assert "must be below the answer threshold" in text_of(
        (await fake_discord.callback(bad)).json["data"]
    )


async def test_stats_attaches_a_png_chart(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    await ask(fake_discord, "How far did the missile fly?")
    await ask(fake_discord, "How long was the trip?")
    command = await fake_discord.slash("stats", {"days": 7}, user=fake_discord.moderator)
    await fake_discord.callback(command)
    sent = await fake_discord.followup(command)
    [(name, data)] = sent.files
    assert name == "stats.png" and data.startswith(b"\x89PNG\r\n\x1a\n")
    [embed] = sent.json["embeds"]
    assert embed["image"]["url"] == "attachment://stats.png"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Answered"] == "1 (50%)" and fields["Abstained"] == "1 (50%)"
    assert "`wonsan-range` 1×" in fields["Most-asked facts"]


async def test_every_fact_change_is_posted_to_the_mod_log(start_bot, fake_discord: FakeDiscord):
    running = await start_bot(knowledge_guild_ids=(fake_discord.guild_id,))
    modlog = fake_discord.ask_channel_id
    command = await fake_discord.slash(
        "settings", {"channel": ChannelOption(modlog)}, subcommand="modlog",
        user=fake_discord.moderator,
    )
    assert f"posted to <#{modlog}>" in text_of((await fake_discord.callback(command)).json["data"])

    retract = await fake_discord.slash(
        "fact", {"id": "wonsan-launch-time", "reason": "wrong time zone"}, subcommand="retract",
        user=fake_discord.moderator,
    )
    await fake_discord.callback(retract)
    post = await fake_discord.wait_for(
        lambda r: r.method == "POST" and r.path == f"/channels/{modlog}/messages"
    )
    [embed] = post.json["embeds"]
    assert embed["title"] == "Fact wonsan-launch-time retracted"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["By"] == f"<@{fake_discord.moderator.id}>"
    assert fields["Reason"] == "wrong time zone"
    assert post.json["allowed_mentions"]["parse"] == []

    # Changes from anywhere in the engine reach it, e.g. a revert.
    seen: list[FactChange] = []
    await running.bot.aengine.subscribe(seen.append)
    await running.bot.aengine.revert_fact("wonsan-launch-time", revision=1, actor="cli",
        guild_id=fake_discord.guild_id, may_edit_knowledge=True,
    )
    await fake_discord.wait_for(
        lambda r: r.method == "POST" and r.path == f"/channels/{modlog}/messages"
        and r.json["embeds"][0]["title"] == "Fact wonsan-launch-time reverted"
    )
    assert [c.action for c in seen] == ["revert"]


async def test_vote_buttons_keep_working_on_answers_sent_before_a_restart(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot()
    asked = await running.bot.aengine.ask_recorded("How far did the missile fly?",
        asking=Asking(fake_discord.guild_id, fake_discord.channel_id, fake_discord.member.id),
    )
    # A message this bot process never sent (no view registered for it): only the
    # dynamic custom id says what the button is.
    custom_id = f"factbot:vote:{asked.asked_id}:outdated"
    old = fake_discord.message_payload(
        {"content": "an old answer", "components": [{"type": 1, "components": [
            {"type": 2, "style": 2, "label": "Outdated", "custom_id": custom_id}]}]},
        channel_id=fake_discord.channel_id, author=fake_discord.bot_user,
    )
    click = await fake_discord.click(old, custom_id, user=fake_discord.admin)
    modal = await fake_discord.callback(click)
    assert modal.json["type"] == MODAL
    items = await running.bot.aengine.flagged(guild_id=fake_discord.guild_id)
    assert [(i.fact.id, i.flag.outdated) for i in items] == [("wonsan-range", 1)]


async def test_add_fact_picks_kind_and_attribute_for_a_figure(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot()
    await ask(fake_discord, "How fast did the missile fly?", user=fake_discord.admin)
    _, screen = await moderator_screen(fake_discord, "gaps")
    modal, done = await add_fact_from_gaps(fake_discord, screen, "measurement", "speed", {
        "The fact, in your own words": "Japan's defence ministry said it flew at Mach 5.",
        "Values as reported": "about 6,100 km/h",
        "Reported by": "Japan's Ministry of Defense",
    })
    assert modal.json["data"]["title"] == "New measurement (speed) fact"
    assert "answers “How fast did the missile fly?” now" in text_of(done["data"])
    answer = text_of(await ask(fake_discord, "How fast did the missile fly?"))
    assert "6,100 km/h" in answer or "6100 km/h" in answer
