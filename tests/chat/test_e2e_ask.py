"""End to end: the real discord.py client, the real engine, and the loopback stand-in.

Each test starts the bot through ``run_async`` (as ``factbot run`` does, minus signals),
acts as a Discord user through the stand-in, and asserts on the REST requests the bot made.
"""

from __future__ import annotations

import asyncio
import logging

from bot.chat import checks, render
from bot.config import CooldownConfig

from .conftest import KNOWLEDGE
from .fake_discord import AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, EPHEMERAL, FakeDiscord, Recorded
from .fake_engine import FakeEngine, answer

MESSAGE_CONTENT_INTENT = 1 << 15


def embeds_of(request: Recorded) -> list[dict]:
    body = request.json
    data = body.get("data", body) if "type" in body and "data" in body else body
    return data.get("embeds") or []


def text_of(request: Recorded) -> str:
    parts = []
    body = request.json.get("data", request.json) if "data" in request.json else request.json
    parts.append(body.get("content") or "")
    for embed in embeds_of(request):
        parts += [
            embed.get("title", ""),
            embed.get("description", ""),
            embed.get("footer", {}).get("text", ""),
        ]
        parts += [f["name"] + "\n" + f["value"] for f in embed.get("fields", [])]
    return "\n".join(parts)


async def test_slash_ask_gets_a_cited_embed(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    interaction = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
    callback = await fake_discord.callback(interaction)
    assert callback.json["type"] == CHANNEL_MESSAGE
    data = callback.json["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert not (data.get("flags") or 0) & EPHEMERAL  # answers are public
    [embed] = data["embeds"]
    assert "240 km" in embed["description"] and "\\[1\\]" in embed["description"]
    [sources] = embed["fields"]
    assert sources["name"] == "Sources"
    assert "(https://example.org/news/wonsan)" in sources["value"]
    assert "Example Wire, 17 Nov 2022" in sources["value"]
    assert "reported by South Korea's Joint Chiefs of Staff" in sources["value"]
    assert embed["footer"]["text"].startswith("Confidence")


async def test_times_are_shown_as_discord_timestamps(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    interaction = await fake_discord.slash("ask", {"question": "What time was the launch?"})
    callback = await fake_discord.callback(interaction)
    [embed] = callback.json["data"]["embeds"]
    assert "<t:1668649680:F>" in embed["description"]  # 2022-11-17 01:48 UTC


async def test_a_time_asked_in_a_zone_is_given_there_and_as_a_timestamp(
        start_bot, fake_discord: FakeDiscord):
    await start_bot()
    interaction = await fake_discord.slash("ask", {"question": "launch time in beijing time??"})
    callback = await fake_discord.callback(interaction)
    [embed] = callback.json["data"]["embeds"]
    assert "09:48 (9:48 a.m.) on Thursday, 17 November 2022 in Beijing (UTC+08:00)" \
        in embed["description"]
    assert "<t:1668649680:F>" in embed["description"]  # the UTC part, in each reader's zone


async def test_ask_autocomplete(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    interaction = await fake_discord.autocomplete("ask", {"question": "Wons"}, "question")
    callback = await fake_discord.callback(interaction)
    assert callback.json["type"] == AUTOCOMPLETE_RESULT
    choices = callback.json["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_a_mention_gets_a_cited_reply(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    message = await fake_discord.say("how far did the missile fly?", mention_bot=True)
    reply = await fake_discord.wait_for(
        lambda r: r.method == "POST" and r.path == f"/channels/{fake_discord.channel_id}/messages"
    )
    body = reply.json
    assert body["message_reference"]["message_id"] == int(message["id"])
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    [embed] = body["embeds"]
    assert "240 km" in embed["description"]
    assert embed["fields"][0]["name"] == "Sources"


async def test_a_bare_mention_explains_how_to_ask(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    await fake_discord.say("", mention_bot=True)
    reply = await fake_discord.wait_for(lambda r: r.path.endswith("/messages"))
    assert "/ask" in reply.json["content"]


async def test_ask_channel_answers_questions_and_needs_message_content(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot(ask_channel_ids=(fake_discord.ask_channel_id,))
    assert fake_discord.identify["intents"] & MESSAGE_CONTENT_INTENT
    await fake_discord.say("the missile flew far", channel_id=fake_discord.ask_channel_id)
    question = await fake_discord.say(
        "How far did the missile fly?", channel_id=fake_discord.ask_channel_id
    )
    await fake_discord.say("How far did the missile fly?")  # not an ask channel
    reply = await fake_discord.wait_for(lambda r: r.path.endswith("/messages"))
    await asyncio.sleep(0.2)
    replies = fake_discord.find(lambda r: r.path.endswith("/messages"))
    assert replies == [reply]
    assert reply.path == f"/channels/{fake_discord.ask_channel_id}/messages"
    assert reply.json["message_reference"]["message_id"] == int(question["id"])


async def test_without_ask_channels_no_privileged_intent(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    assert not fake_discord.identify["intents"] & MESSAGE_CONTENT_INTENT


async def test_everyone_in_a_fact_cannot_ping(start_bot, fake_discord: FakeDiscord):
    knowledge = KNOWLEDGE + (
        "  - id: wonsan-shelters\n"
        "    event: wonsan-launch-2022-11-17\n"
        "    source: wire-2022-11-17\n"
        "    kind: claim\n"
        '    reported_by: "Local officials"\n'
        '    text: "@everyone residents of the islands were told to take shelter."\n'
        "    keywords: [shelter, residents, islands]\n"
    )
    await start_bot(knowledge=knowledge)
    interaction = await fake_discord.slash("ask", {"question": "Were residents told to shelter?"})
    callback = await fake_discord.callback(interaction)
    data = callback.json["data"]
    assert data["allowed_mentions"]["parse"] == []
    text = text_of(callback)
    assert "take shelter" in text
    assert "@everyone" not in text and "@\u200beveryone" in text

    await fake_discord.say("were residents told to take shelter?", mention_bot=True)
    reply = await fake_discord.wait_for(lambda r: r.path.endswith("/messages"))
    assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert "@everyone" not in text_of(reply)


async def test_an_abstention_offers_suggestions_and_a_moderator(start_bot, fake_discord):
    await start_bot()
    interaction = await fake_discord.slash("ask", {"question": "What colour was the missile?"})
    callback = await fake_discord.callback(interaction)
    [embed] = callback.json["data"]["embeds"]
    assert embed["title"] == "Not in the reported facts"
    assert any(f["name"] == "Ask a moderator" for f in embed["fields"])


async def test_an_over_long_answer_is_split_within_limits(start_bot, fake_discord: FakeDiscord):
    engine = FakeEngine()
    sentences = " ".join(f"Part {n} of a very long answer [1]." for n in range(900))
    engine.answer = answer(sentences)
    await start_bot(engine_factory=lambda config: engine)
    interaction = await fake_discord.slash("ask", {"question": "Tell me everything"})
    first = await fake_discord.callback(interaction)
    followup = await fake_discord.followup(interaction, index=0)
    messages = [first.json["data"], followup.json]
    await asyncio.sleep(0.1)
    messages += [
        r.json
        for r in fake_discord.find(lambda r: r.method == "POST" and r.path.startswith("/webhooks/"))
    ][1:]
    assert len(messages) >= 2
    seen = []
    for body in messages:
        embeds = body["embeds"]
        assert 1 <= len(embeds) <= render.EMBEDS_PER_MESSAGE
        total = 0
        for embed in embeds:
            size = (
                len(embed.get("title", ""))
                + len(embed.get("description", ""))
                + len(embed.get("footer", {}).get("text", ""))
                + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
            )
            assert size <= render.EMBED_TOTAL_LIMIT
            assert len(embed.get("description", "")) <= render.DESCRIPTION_LIMIT
            total += size
            seen.append(embed.get("description", ""))
        assert total <= render.EMBED_TOTAL_LIMIT
        assert body["allowed_mentions"] == {"parse": []}
    joined = " ".join(seen)
    assert "Part 0 " in joined and joined.rstrip().endswith(render.ELLIPSIS)


async def test_cooldown_is_shared_polite_and_ephemeral(start_bot, fake_discord, monkeypatch):
    monkeypatch.setattr(checks, "COOLDOWN_NOTE_SECONDS", 0.1)
    await start_bot(ask_cooldown=CooldownConfig(rate=1, per_seconds=60))
    first = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
    assert (await fake_discord.callback(first)).json["data"]["embeds"]
    second = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
    refused = (await fake_discord.callback(second)).json
    assert refused["type"] == CHANNEL_MESSAGE
    assert refused["data"]["flags"] & EPHEMERAL
    assert refused["data"]["content"].startswith("You're asking quickly. Please wait")

    # The same user asking by message shares the limit: a short note that deletes itself.
    await fake_discord.say("how far did the missile fly?", mention_bot=True)
    note = await fake_discord.wait_for(lambda r: r.path.endswith("/messages"))
    assert note.json["content"].startswith("You're asking quickly")
    assert not note.json.get("embeds")
    await fake_discord.wait_for(lambda r: r.method == "DELETE" and "/messages/" in r.path)

    # Another user is not affected.
    other = await fake_discord.slash(
        "ask", {"question": "How far did the missile fly?"}, user=fake_discord.moderator
    )
    assert (await fake_discord.callback(other)).json["data"]["embeds"]


async def test_an_engine_crash_is_a_short_ephemeral_message_and_logged(
    start_bot, fake_discord: FakeDiscord, caplog
):
    engine = FakeEngine()

    def crash(question: str):
        raise RuntimeError("index corrupted")

    engine.ask_fn = crash
    await start_bot(engine_factory=lambda config: engine)
    with caplog.at_level(logging.ERROR, logger="bot.chat"):
        interaction = await fake_discord.slash("ask", {"question": "How far?"})
        callback = await fake_discord.callback(interaction)
        assert callback.json["data"]["flags"] & EPHEMERAL
        assert callback.json["data"]["content"].startswith("Something went wrong")
        await fake_discord.say("how far?", mention_bot=True)
        reply = await fake_discord.wait_for(lambda r: r.path.endswith("/messages"))
    assert reply.json["content"].startswith("Something went wrong")
    crashes = [r for r in caplog.records if r.exc_info and "index corrupted" in str(r.exc_info[1])]
    assert len(crashes) == 2


async def test_after_defer_errors_go_to_a_followup(start_bot, fake_discord: FakeDiscord):
    engine = FakeEngine()  # has no export_yaml: the command fails after deferring
    await start_bot(engine_factory=lambda config: engine)
    interaction = await fake_discord.slash("export", user=fake_discord.admin)
    deferred = await fake_discord.callback(interaction)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & EPHEMERAL
    followup = await fake_discord.followup(interaction)
    assert followup.json["content"].startswith("Something went wrong")
    assert followup.json["flags"] & EPHEMERAL
    callbacks = fake_discord.find(lambda r: r.path.startswith(f"/interactions/{interaction.id}/"))
    assert len(callbacks) == 1  # never answered twice


async def test_sharded_bot_answers_too(start_bot, fake_discord: FakeDiscord):
    running = await start_bot(shard_count=1)
    assert running.bot.shard_count == 1
    assert fake_discord.identify["shard"] == [0, 1]
    interaction = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
    callback = await fake_discord.callback(interaction)
    assert "240 km" in callback.json["data"]["embeds"][0]["description"]


async def test_a_configured_gateway_url_is_used_as_is(start_bot, fake_discord: FakeDiscord):
    await start_bot(gateway_url=fake_discord.gateway_url)
    assert not fake_discord.find(lambda r: r.path == "/gateway/bot")
    interaction = await fake_discord.slash("ask", {"question": "How far did the missile fly?"})
    assert (await fake_discord.callback(interaction)).json["type"] == CHANNEL_MESSAGE


async def test_the_gateway_comes_from_the_api_and_commands_are_not_synced_on_start(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot()
    assert fake_discord.find(lambda r: r.method == "GET" and r.path == "/gateway/bot")
    assert not fake_discord.find(lambda r: r.method == "PUT")


TWO_LAUNCHES = KNOWLEDGE.replace(
    "\nsources:\n",
    "  - id: corvan-rocket-2026\n"
    "    title: \"Corvan-3 rocket fails after liftoff from Veskara\"\n"
    "    when: 2026-03-12T09:14:00+03:00\n"
    "\nsources:\n"
    "  - id: spacewire-2026-03-12\n"
    "    title: \"Corvan-3 lost after liftoff\"\n"
    "    publisher: \"Space Wire\"\n"
    "    published: 2026-03-12\n",
) + (
    "\n  - id: corvan-range\n"
    "    event: corvan-rocket-2026\n"
    "    source: spacewire-2026-03-12\n"
    "    kind: measurement\n"
    "    attribute: range\n"
    "    values: [\"310 km\"]\n"
    "    reported_by: \"the Veskaran space agency\"\n"
    "    text: \"The agency said the rocket flew about 310 km before it broke up.\"\n"
    "    keywords: [distance, how far, flew]\n"
)


async def test_a_channel_goes_on_in_the_event_it_was_answered_about(
        start_bot, fake_discord: FakeDiscord):
    # two launches answer "how far did it fly" alike: the channel that was just answered
    # about the rocket means the rocket; another channel is asked which event
    await start_bot(knowledge=TWO_LAUNCHES)
    general, other = fake_discord.channel_id, fake_discord.ask_channel_id
    first = await fake_discord.slash("ask", {"question": "how far did the corvan rocket fly"},
                                     channel_id=general)
    assert "310 km" in text_of(await fake_discord.callback(first))
    then = await fake_discord.slash("ask", {"question": "how far did it fly"}, channel_id=general)
    assert "310 km" in text_of(await fake_discord.callback(then))
    elsewhere = await fake_discord.slash("ask", {"question": "how far did it fly"},
                                         channel_id=other)
    assert "Which event do you mean?" in text_of(await fake_discord.callback(elsewhere))
