"""End to end: moderators keep facts right through slash commands and modals."""

from __future__ import annotations

import logging

import pytest

from bot.chat import views
from bot.core.errors import NotFound

from .conftest import EVENT_ID, KNOWLEDGE, SOURCE_ID
from .fake_discord import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    EPHEMERAL,
    MODAL,
    UPDATE_MESSAGE,
    FakeDiscord,
    FakeUser,
    Interaction,
)

ALTITUDE_FORM = {
    "The fact, in your own words": "The missile reached an altitude of about 47 km.",
    "Values as reported": "about 47 km, 29 mi",
    "Reported by": "South Korea's Joint Chiefs of Staff",
    "Topics; other words people use": "missile, altitude; apogee, how high",
}


def ephemeral_text(callback_json: dict) -> str:
    assert callback_json["type"] == CHANNEL_MESSAGE, callback_json
    data = callback_json["data"]
    assert data["flags"] & EPHEMERAL, "moderation replies are private"
    assert data["allowed_mentions"] == {"parse": []}
    return data.get("content") or ""


async def ask(fake: FakeDiscord, question: str) -> dict:
    interaction = await fake.slash("ask", {"question": question})
    [embed] = (await fake.callback(interaction)).json["data"]["embeds"]
    return embed


async def add_altitude_fact(fake: FakeDiscord, user: FakeUser) -> tuple[Interaction, dict]:
    command = await fake.slash(
        "fact",
        {
            "event": EVENT_ID,
            "kind": "measurement",
            "source": SOURCE_ID,
            "attribute": "max_altitude",
        },
        subcommand="add",
        user=user,
    )
    modal = await fake.callback(command)
    assert modal.json["type"] == MODAL
    submitted = await fake.submit_modal(modal, ALTITUDE_FORM, user=user)
    return submitted, (await fake.callback(submitted)).json


async def test_moderator_adds_a_fact_and_ask_answers_with_it_at_once(
    start_bot, fake_discord: FakeDiscord
):
    running = await start_bot()
    before = await ask(fake_discord, "How high did the missile fly?")
    assert "47 km" not in before.get("description", "")

    command = await fake_discord.slash(
        "fact",
        {
            "event": EVENT_ID,
            "kind": "measurement",
            "source": SOURCE_ID,
            "attribute": "max_altitude",
        },
        subcommand="add",
        user=fake_discord.moderator,
    )
    modal = await fake_discord.callback(command)
    assert modal.json["type"] == MODAL
    assert list(fake_discord.modal_inputs(modal)) == list(ALTITUDE_FORM)  # 4 inputs for this kind
    submitted = await fake_discord.submit_modal(modal, ALTITUDE_FORM, user=fake_discord.moderator)
    confirmation = (await fake_discord.callback(submitted)).json
    assert ephemeral_text(confirmation).startswith("Added fact `")
    [embed] = confirmation["data"]["embeds"]
    fact_id = embed["title"].removeprefix("Fact ")

    after = await ask(fake_discord, "How high did the missile fly?")
    assert "47 km" in after["description"]
    assert "Example Wire" in after["fields"][0]["value"]

    # Recorded as the moderator, and only in this guild.
    aengine = running.bot.aengine
    [entry] = await aengine.history(fact_id, guild_id=fake_discord.guild_id)
    assert entry.actor == f"discord:{fake_discord.moderator.id}"
    assert entry.guild_id == fake_discord.guild_id
    with pytest.raises(NotFound):
        await aengine.get_fact(fact_id, guild_id=fake_discord.guild_id + 1)


async def test_a_plain_member_is_refused_privately_and_logged(
    start_bot, fake_discord: FakeDiscord, caplog
):
    await start_bot()
    with caplog.at_level(logging.WARNING, logger="bot.chat.checks"):
        command = await fake_discord.slash(
            "fact",
            {"event": EVENT_ID, "kind": "claim", "source": SOURCE_ID},
            subcommand="add",
            user=fake_discord.member,
        )
        refusal = (await fake_discord.callback(command)).json
    assert ephemeral_text(refusal).startswith("Only moderators can do that")
    [record] = [r for r in caplog.records if r.name == "bot.chat.checks"]
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert str(fake_discord.member.id) in message and str(fake_discord.guild_id) in message
    assert "/fact add" in message
    for name, sub in (("fact", "list"), ("export", None), ("source", "add")):
        other = await fake_discord.slash(name, subcommand=sub, user=fake_discord.member)
        assert ephemeral_text((await fake_discord.callback(other)).json).startswith(
            "Only moderators"
        )


async def test_manage_server_is_enough_to_moderate(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    command = await fake_discord.slash(
        "fact", {"id": "wonsan-range"}, subcommand="show", user=fake_discord.admin
    )
    shown = (await fake_discord.callback(command)).json
    ephemeral_text(shown)
    [embed] = shown["data"]["embeds"]
    assert embed["title"] == "Fact wonsan-range"


async def test_edit_history_retract_and_revert(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    mod = fake_discord.moderator
    _, added = await add_altitude_fact(fake_discord, mod)
    fact_id = added["data"]["embeds"][0]["title"].removeprefix("Fact ")

    command = await fake_discord.slash(
        "fact", {"id": fact_id, "reason": "JCS corrected it"}, subcommand="edit", user=mod
    )
    modal = await fake_discord.callback(command)
    assert modal.json["type"] == MODAL
    prefilled = {c["label"]: c["component"].get("value") for c in modal.json["data"]["components"]}
    assert prefilled["Values as reported"].startswith("about 47 km")
    assert prefilled["The fact, in your own words"] == ALTITUDE_FORM["The fact, in your own words"]
    submitted = await fake_discord.submit_modal(
        modal,
        {
            "Values as reported": "about 50 km, 31 mi",
            "The fact, in your own words": "The missile reached about 50 km.",
        },
        user=mod,
    )
    saved = (await fake_discord.callback(submitted)).json
    assert "as revision 2" in ephemeral_text(saved)
    assert "50 km" in (await ask(fake_discord, "How high did the missile fly?"))["description"]

    history = await fake_discord.slash("fact", {"id": fact_id}, subcommand="history", user=mod)
    deferred = (await fake_discord.callback(history)).json
    assert deferred["type"] == DEFERRED_CHANNEL_MESSAGE and deferred["data"]["flags"] & EPHEMERAL
    page = (await fake_discord.original_edit(history)).json["embeds"][0]
    newest, oldest = page["description"].splitlines()
    assert f"**edit** → revision 2 by <@{mod.id}>: JCS corrected it" in newest
    assert "**add** → revision 1" in oldest

    retract = await fake_discord.slash(
        "fact", {"id": fact_id, "reason": "report withdrawn"}, subcommand="retract", user=mod
    )
    assert ephemeral_text((await fake_discord.callback(retract)).json).startswith("Retracted")
    gone = await ask(fake_discord, "How high did the missile fly?")
    assert "50 km" not in gone.get("description", "")

    revert = await fake_discord.slash(
        "fact", {"id": fact_id, "revision": 2}, subcommand="revert", user=mod
    )
    assert "revision 2" in ephemeral_text((await fake_discord.callback(revert)).json)
    assert "50 km" in (await ask(fake_discord, "How high did the missile fly?"))["description"]


async def test_shipped_facts_are_only_editable_from_knowledge_guilds(
    start_bot, fake_discord: FakeDiscord
):
    await start_bot()
    command = await fake_discord.slash(
        "fact", {"id": "wonsan-range"}, subcommand="edit", user=fake_discord.moderator
    )
    refused = (await fake_discord.callback(command)).json  # refused before the form opens
    assert "every server shares" in ephemeral_text(refused)


async def test_a_knowledge_guild_may_edit_shipped_facts(start_bot, fake_discord: FakeDiscord):
    await start_bot(knowledge_guild_ids=(fake_discord.guild_id,))
    command = await fake_discord.slash(
        "fact", {"id": "wonsan-range"}, subcommand="edit", user=fake_discord.moderator
    )
    assert (await fake_discord.callback(command)).json["type"] == MODAL


async def test_invalid_form_values_are_explained(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    command = await fake_discord.slash(
        "fact",
        {
            "event": EVENT_ID,
            "kind": "measurement",
            "source": SOURCE_ID,
            "attribute": "max_altitude",
        },
        subcommand="add",
        user=fake_discord.moderator,
    )
    modal = await fake_discord.callback(command)
    form = ALTITUDE_FORM | {"Values as reported": "47 kmz"}
    submitted = await fake_discord.submit_modal(modal, form, user=fake_discord.moderator)
    text = ephemeral_text((await fake_discord.callback(submitted)).json)
    assert text.startswith("That was not saved:") and "kmz" in text


async def test_options_are_checked_before_the_form_opens(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    cases = [
        ({"event": "no-such-event", "kind": "claim", "source": SOURCE_ID}, "no event"),
        ({"event": EVENT_ID, "kind": "claim", "source": "nope"}, "no source"),
        ({"event": EVENT_ID, "kind": "time", "source": SOURCE_ID}, "needs the attribute"),
    ]
    for options, expected in cases:
        command = await fake_discord.slash(
            "fact", options, subcommand="add", user=fake_discord.moderator
        )
        assert expected in ephemeral_text((await fake_discord.callback(command)).json)


async def test_source_and_event_add_then_a_fact_about_them(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    mod = fake_discord.moderator
    command = await fake_discord.slash("source", subcommand="add", user=mod)
    modal = await fake_discord.callback(command)
    submitted = await fake_discord.submit_modal(
        modal,
        {
            "Title": "Japan says missile fell outside its EEZ",
            "Publisher": "Example Times",
            "Published (YYYY-MM-DD)": "2022-11-18",
            "Link (optional)": "https://example.org/2",
            "Id (optional)": "times-2022-11-18",
        },
        user=mod,
    )
    # in this server's own id space; the bare id still names it here
    assert f"Added source `guild-{fake_discord.guild_id}-times-2022-11-18`" in ephemeral_text(
        (await fake_discord.callback(submitted)).json
    )

    command = await fake_discord.slash("event", subcommand="add", user=mod)
    modal = await fake_discord.callback(command)
    submitted = await fake_discord.submit_modal(
        modal,
        {
            "Title": "Second launch from Pyongyang",
            "When (optional)": "2022-11-18",
            "Other names (optional)": "the Pyongyang launch",
        },
        user=mod,
    )
    added = (await fake_discord.callback(submitted)).json
    assert "Added event `" in ephemeral_text(added)
    event_id = added["data"]["embeds"][0]["fields"][0]["value"].strip("`")

    complete = await fake_discord.autocomplete(
        "fact",
        {"event": "Pyong", "kind": "claim", "source": ""},
        "event",
        subcommand="add",
        user=mod,
    )
    choices = (await fake_discord.callback(complete)).json["data"]["choices"]
    assert [c["value"] for c in choices] == [event_id]

    command = await fake_discord.slash(
        "fact",
        {"event": event_id, "kind": "claim", "source": "times-2022-11-18"},
        subcommand="add",
        user=mod,
    )
    modal = await fake_discord.callback(command)
    assert list(fake_discord.modal_inputs(modal)) == [
        "The fact, in your own words",
        "Reported by",
        "Topics; other words people use",
    ]
    submitted = await fake_discord.submit_modal(
        modal,
        {
            "The fact, in your own words": "The missile from Pyongyang fell outside Japan's EEZ.",
            "Reported by": "Japan's defence ministry",
            "Topics; other words people use": "; exclusive economic zone, EEZ",
        },
        user=mod,
    )
    assert ephemeral_text((await fake_discord.callback(submitted)).json).startswith("Added fact")


async def test_fact_list_pages_with_buttons_only_the_invoker_can_use(
    start_bot, fake_discord: FakeDiscord
):
    extra = "".join(
        f"  - id: extra-{n}\n    event: {EVENT_ID}\n    source: {SOURCE_ID}\n    kind: claim\n"
        f'    reported_by: "Analysts"\n    text: "Extra claim number {n}."\n'
        for n in range(12)
    )
    await start_bot(knowledge=KNOWLEDGE + extra)
    mod = fake_discord.moderator
    command = await fake_discord.slash("fact", subcommand="list", user=mod)
    deferred = (await fake_discord.callback(command)).json
    assert deferred["type"] == DEFERRED_CHANNEL_MESSAGE and deferred["data"]["flags"] & EPHEMERAL
    first = (await fake_discord.original_edit(command)).json
    assert first["embeds"][0]["footer"]["text"] == "Page 1/2"
    buttons = [c["custom_id"] for row in first["components"] for c in row["components"]]
    assert buttons == ["factbot:pager:previous", "factbot:pager:next"]
    message = fake_discord.messages[fake_discord.originals[command.token]]

    intruder = await fake_discord.click(message, "factbot:pager:next", user=fake_discord.admin)
    refusal = (await fake_discord.callback(intruder)).json
    assert ephemeral_text(refusal).startswith("Only the person who ran this command")

    click = await fake_discord.click(message, "factbot:pager:next", user=mod)
    turned = (await fake_discord.callback(click)).json
    assert turned["type"] == UPDATE_MESSAGE
    assert turned["data"]["embeds"][0]["footer"]["text"] == "Page 2/2"


async def test_export_returns_the_facts_as_a_yaml_file(start_bot, fake_discord: FakeDiscord):
    await start_bot()
    command = await fake_discord.slash("export", user=fake_discord.moderator)
    deferred = (await fake_discord.callback(command)).json
    assert deferred["type"] == DEFERRED_CHANNEL_MESSAGE and deferred["data"]["flags"] & EPHEMERAL
    followup = await fake_discord.followup(command)
    [(filename, data)] = followup.files
    assert filename == f"factbot-{fake_discord.guild_id}.yaml"
    text = data.decode("utf-8")
    assert "wonsan-range" in text and "events:" in text
    assert followup.json["flags"] & EPHEMERAL


async def test_page_buttons_go_away_after_the_timeout(start_bot, fake_discord, monkeypatch):
    monkeypatch.setattr(views, "PAGER_TIMEOUT_SECONDS", 0.2)
    extra = "".join(
        f"  - id: extra-{n}\n    event: {EVENT_ID}\n    source: {SOURCE_ID}\n    kind: claim\n"
        f'    reported_by: "Analysts"\n    text: "Extra claim number {n}."\n'
        for n in range(12)
    )
    await start_bot(knowledge=KNOWLEDGE + extra)
    command = await fake_discord.slash("fact", subcommand="list", user=fake_discord.moderator)
    first = await fake_discord.original_edit(command)
    assert first.json["components"]
    path = first.path
    second = await fake_discord.wait_for(lambda r: r.path == path and r is not first, timeout=5)
    assert second.json["components"] == []
