"""End to end: moderators add synonym groups with /synonym, and /ask uses them at once.

The real discord.py client and the real engine, with the shipped knowledge file, against
the loopback stand-in. "zorblat" is a word no fact knows: it blocks an answer until a
moderator says it means "apogee" (a keyword of the shipped altitude fact).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core.synonyms import MAX_CHARS, MAX_WORDS

from .fake_discord import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    EPHEMERAL,
    UPDATE_MESSAGE,
    FakeDiscord,
    FakeUser,
)

SHIPPED = (
    Path(__file__).resolve().parents[2] / "knowledge" / "2022-11-17-wonsan-launch.yaml"
).read_text(encoding="utf-8")
QUESTION = "what was the zorblat"
ALTITUDE = "47 km"  # in the shipped altitude fact's answer


def private_text(callback_json: dict) -> str:
    """The content of an ephemeral reply that can mention no one."""
    assert callback_json["type"] == CHANNEL_MESSAGE, callback_json
    data = callback_json["data"]
    assert data["flags"] & EPHEMERAL, "synonym replies are private"
    assert data["allowed_mentions"] == {"parse": []}
    return data.get("content") or ""


async def ask(fake: FakeDiscord, question: str = QUESTION, *, guild_id: int | None = None) -> str:
    interaction = await fake.slash("ask", {"question": question}, guild_id=guild_id)
    [embed] = (await fake.callback(interaction)).json["data"]["embeds"]
    return embed.get("description", "")


async def synonym(fake: FakeDiscord, subcommand: str, options: dict | None = None, *,
                  user: FakeUser, guild_id: int | None = None) -> dict:
    interaction = await fake.slash("synonym", options, subcommand=subcommand, user=user,
                                   guild_id=guild_id)
    return (await fake.callback(interaction)).json


async def listed(fake: FakeDiscord, *, user: FakeUser, guild_id: int | None = None) -> dict:
    """The first page of ``/synonym list`` (a deferred, then edited, private reply)."""
    interaction = await fake.slash("synonym", subcommand="list", user=user, guild_id=guild_id)
    deferred = (await fake.callback(interaction)).json
    assert deferred["type"] == DEFERRED_CHANNEL_MESSAGE and deferred["data"]["flags"] & EPHEMERAL
    page = (await fake.original_edit(interaction)).json
    assert page["allowed_mentions"] == {"parse": []}
    return page


async def choices(fake: FakeDiscord, current: str, *, user: FakeUser,
                  guild_id: int | None = None) -> list[dict]:
    interaction = await fake.autocomplete("synonym", {"id": current}, "id", subcommand="remove",
                                          user=user, guild_id=guild_id)
    result = (await fake.callback(interaction)).json
    assert result["type"] == AUTOCOMPLETE_RESULT
    return result["data"]["choices"]


async def test_a_moderators_synonym_answers_at_once_here_only_and_remove_undoes_it(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot(knowledge=SHIPPED)
    mod = fake_discord.moderator
    other_guild = fake_discord.new_id()
    assert ALTITUDE not in await ask(fake_discord)  # the unknown word blocks an answer

    added = private_text(await synonym(fake_discord, "add", {"words": "zorblat, apogee"},
                                       user=mod))
    [group] = await running.bot.aengine.list_synonyms(guild_id=fake_discord.guild_id)
    assert group.words == ("zorblat", "apogee") and group.guild_id == fake_discord.guild_id
    assert added.startswith(f"Saved synonym group `#{group.id}`: zorblat · apogee.")
    assert "uses it at once" in added

    assert ALTITUDE in await ask(fake_discord)  # a member's question answers now
    assert ALTITUDE not in await ask(fake_discord, guild_id=other_guild)

    # The moderator's list and autocomplete show it.
    page = await listed(fake_discord, user=mod)
    [embed] = page["embeds"]
    assert embed["title"] == "Synonym groups (1)"
    assert embed["description"].startswith(f"`#{group.id}` zorblat · apogee — <@{mod.id}>")
    assert await choices(fake_discord, "zor", user=mod) == [
        {"name": f"#{group.id} zorblat, apogee", "value": group.id}
    ]
    assert await choices(fake_discord, str(group.id), user=mod) != []
    assert await choices(fake_discord, "nothing like it", user=mod) == []

    # Another server's moderator sees nothing of it and cannot remove it.
    admin = fake_discord.admin  # Manage Server is enough in any server
    elsewhere = (await listed(fake_discord, user=admin, guild_id=other_guild))["embeds"][0]
    assert "zorblat" not in elsewhere["description"]
    assert elsewhere["description"].startswith("No synonym groups here yet")
    assert await choices(fake_discord, "", user=admin, guild_id=other_guild) == []
    refused = private_text(await synonym(fake_discord, "remove", {"id": group.id}, user=admin,
                                         guild_id=other_guild))
    never = private_text(await synonym(fake_discord, "remove", {"id": group.id + 1000},
                                       user=admin, guild_id=other_guild))
    assert refused == never.replace(str(group.id + 1000), str(group.id))  # nothing reveals it
    assert refused.startswith(f"no synonym group #{group.id} here")
    assert ALTITUDE in await ask(fake_discord)  # still in use here

    removed = private_text(await synonym(fake_discord, "remove",
                                         {"id": group.id, "reason": "a test word"}, user=mod))
    assert removed.startswith(f"Removed synonym group `#{group.id}` (zorblat · apogee).")
    assert ALTITUDE not in await ask(fake_discord)
    assert await choices(fake_discord, "", user=mod) == []

    store = running.bot.aengine.engine.store
    trail = await running.bot.aengine._write(store._audit_entries, "synonym", str(group.id))
    assert [(e.action, e.actor, e.guild_id, e.reason) for e in trail] == [
        ("add", f"discord:{mod.id}", fake_discord.guild_id, None),
        ("remove", f"discord:{mod.id}", fake_discord.guild_id, "a test word"),
    ]


async def test_members_are_refused_and_get_no_autocomplete(
    start_bot, fake_discord: FakeDiscord, caplog
):
    running = await start_bot(knowledge=SHIPPED)
    group = await running.bot.aengine.add_synonyms(
        ["zorblat", "apogee"], actor="discord:1", guild_id=fake_discord.guild_id
    )
    member = fake_discord.member
    with caplog.at_level(logging.WARNING, logger="bot.chat.checks"):
        for subcommand, options in (("add", {"words": "evac, evacuation"}), ("list", None),
                                    ("remove", {"id": group.id})):
            refusal = private_text(await synonym(fake_discord, subcommand, options, user=member))
            assert refusal.startswith("Only moderators can do that")
    assert any(f"/synonym remove for user {member.id}" in r.getMessage() for r in caplog.records)
    assert await choices(fake_discord, "", user=member) == []  # ids are not shown either
    remaining = await running.bot.aengine.list_synonyms(guild_id=fake_discord.guild_id)
    assert [g.id for g in remaining] == [group.id]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("evac", "give at least two different words or phrases (only 'evac'), separated by "
                 "commas, e.g. evac, evacuation"),
        ("evac, EVAC", "give at least two different words or phrases (only 'evac')"),
        (", ".join(f"word{n}" for n in range(MAX_WORDS + 5)),
         f"{MAX_WORDS + 5} words or phrases is too many for one group (at most {MAX_WORDS})"),
        (f"evac, {'e' * (MAX_CHARS + 10)}",
         f"is {MAX_CHARS + 10} characters long; keep each word or phrase to at most "
         f"{MAX_CHARS}"),
        ("evac, !!!", "'!!!' has no letters or digits"),
    ],
)
async def test_bad_words_get_a_clear_private_error_and_save_nothing(
    start_bot, fake_discord: FakeDiscord, words: str, message: str
):
    running = await start_bot(knowledge=SHIPPED)
    text = private_text(await synonym(fake_discord, "add", {"words": words},
                                      user=fake_discord.moderator))
    assert text.startswith("That was not saved:\n• synonym group: ")
    assert message in text
    assert await running.bot.aengine.list_synonyms(guild_id=fake_discord.guild_id) == []


async def test_the_same_group_twice_and_unknown_ids_are_refused(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot(knowledge=SHIPPED)
    mod = fake_discord.moderator
    first = private_text(await synonym(fake_discord, "add", {"words": "evac, evacuation"},
                                       user=mod))
    again = private_text(await synonym(fake_discord, "add", {"words": "Evacuation,evac"},
                                       user=mod))
    group_id = first.split("`#")[1].split("`")[0]
    assert again == (f"these words are already synonym group #{group_id} (of this server); "
                     "nothing to add")
    unknown = private_text(await synonym(fake_discord, "remove", {"id": 999}, user=mod))
    assert unknown == "no synonym group #999 here; see /synonym list (or factbot synonyms list)"


async def test_the_list_pages_and_marks_the_groups_every_server_shares(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot(knowledge=SHIPPED)
    aengine = running.bot.aengine
    shared = await aengine.add_synonyms(["evac", "evacuation"], actor="cli",
                                guild_id=None)
    long_words = [f"{chr(97 + n)}{'x' * (MAX_CHARS - 1)}" for n in range(MAX_WORDS)]
    own = [
        await aengine.add_synonyms([f"term{n}", f"other{n}"], actor="discord:5",
                           guild_id=fake_discord.guild_id)
        for n in range(10)
    ]
    own.append(await aengine.add_synonyms(long_words, actor="discord:5",
                                  guild_id=fake_discord.guild_id))
    mod = fake_discord.moderator
    interaction = await fake_discord.slash("synonym", subcommand="list", user=mod)
    await fake_discord.callback(interaction)
    first = (await fake_discord.original_edit(interaction)).json
    [page] = first["embeds"]
    assert page["title"] == "Synonym groups (12)"
    lines = page["description"].splitlines()
    assert lines[0] == f"`#{shared.id}` evac · evacuation — *all servers*"
    assert lines[1] == f"`#{own[0].id}` term0 · other0 — <@5>, <t:" + lines[1].split("<t:")[1]
    assert page["footer"]["text"].startswith("Page 1/2 · groups marked 'all servers'")
    assert len(page["description"]) <= 4096

    message = fake_discord.messages[fake_discord.originals[interaction.token]]
    turned = await fake_discord.click(message, "factbot:pager:next", user=mod)
    second = (await fake_discord.callback(turned)).json
    assert second["type"] == UPDATE_MESSAGE
    assert second["data"]["embeds"][0]["footer"]["text"].startswith("Page 2/2")
    *_, line = second["data"]["embeds"][0]["description"].splitlines()
    assert line.startswith(f"`#{own[-1].id}` a") and "… — <@5>, <t:" in line
    assert len(line) < 400  # a group of 20 long words is shortened on its line

    # the shared group cannot be removed from Discord, and is not offered
    assert [c["value"] for c in await choices(fake_discord, "evac", user=mod)] == []
    refused = private_text(await synonym(fake_discord, "remove", {"id": shared.id}, user=mod))
    assert "shared by every server" in refused and "factbot synonyms remove" in refused
