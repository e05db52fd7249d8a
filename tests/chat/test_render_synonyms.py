"""The /synonym replies and list pages: pure rendering, within Discord's limits."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat import render
from bot.core.synonyms import MAX_CHARS, MAX_WORDS, SynonymGroup

AT = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


def group(gid: int, *words: str, guild_id: int | None = 7, by: str = "discord:5") -> SynonymGroup:
    return SynonymGroup(id=gid, words=words, guild_id=guild_id, created_by=by, created_at=AT)


def test_words_from_users_are_escaped_and_cannot_ping():
    text = render.synonym_added_text(group(3, "**evac**", "@everyone", "[x](http://y)"))
    assert text.startswith("Saved synonym group `#3`: \\*\\*evac\\*\\* · @\u200beveryone · ")
    assert "\\[x\\](http://y)" in text
    assert "/synonym remove id:3" in text


def test_the_biggest_group_fits_in_a_reply_and_a_choice():
    biggest = group(9, *(f"{n:02d}" + "w" * (MAX_CHARS - 2) for n in range(MAX_WORDS)))
    assert len(render.synonym_added_text(biggest)) <= render.CONTENT_LIMIT
    assert len(render.synonym_removed_text(biggest)) <= render.CONTENT_LIMIT
    name = render.synonym_choice_name(biggest)
    assert len(name) <= 100 and name.startswith("#9 00www")


def test_list_pages_mark_shared_groups_and_stay_within_limits():
    groups = [group(1, "evac", "evacuation", guild_id=None, by="cli")]
    groups += [group(n, *(f"{n}{k}" + "z" * (MAX_CHARS - 3) for k in range(MAX_WORDS)))
               for n in range(2, 25)]
    pages = render.synonym_list_pages(groups)
    assert len(pages) == 3
    first = pages[0].to_dict()
    assert first["title"] == "Synonym groups (24)"
    assert first["description"].splitlines()[0] == "`#1` evac · evacuation — *all servers*"
    assert first["footer"]["text"].startswith("Page 1/3 · groups marked 'all servers'")
    for page in pages:
        data = page.to_dict()
        assert len(data["description"]) <= render.DESCRIPTION_LIMIT
        assert len(page) <= render.EMBED_TOTAL_LIMIT
    own = render.synonym_list_pages([group(4, "evac", "evacuation")])[0].to_dict()
    assert own["description"] == f"`#4` evac · evacuation — <@5>, <t:{int(AT.timestamp())}:d>"
    assert own["footer"]["text"] == "Page 1/1"  # no note when nothing is shared


def test_an_empty_list_says_how_to_add_one():
    [page] = render.synonym_list_pages([])
    assert "/synonym add words:evac, evacuation" in page.description
