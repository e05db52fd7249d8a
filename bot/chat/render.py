"""Answers, facts and notices -> Discord message payloads. Pure: no I/O, no state.

Everything that reaches Discord from a fact, a report or a user goes through :func:`clean`
(Markdown and mentions escaped), and every payload carries
``allowed_mentions=AllowedMentions.none()``, so no text can ping anyone. Payloads respect
Discord's limits: long answers are split over several embeds and messages, and what still
does not fit is shortened with "…" rather than rejected by Discord.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import discord

from bot.core.answer import date_text
from bot.core.knowledge import told_text
from bot.core.models import (
    Answer,
    AuditEntry,
    Citation,
    Event,
    Fact,
    Source,
    TimePrecision,
    is_date_only,
)
from bot.core.synonyms import SynonymGroup
from bot.core.units import format_quantity

# --- Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_PER_EMBED = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # per embed, and per message across all its embeds
EMBEDS_PER_MESSAGE = 10

# --- our own caps, so that a runaway answer is shortened instead of flooding a channel
MAX_DESCRIPTION_PARTS = 3  # an answer longer than 3 x 4,096 characters ends with "…"
MAX_LISTED_CITATIONS = 20
MAX_SUGGESTIONS = 3
OUR_FOOTER_LIMIT = 200

ELLIPSIS = "…"

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.light_grey()
CHOOSE_COLOUR = discord.Colour.gold()
FACT_COLOUR = discord.Colour.teal()
RETRACTED_COLOUR = discord.Colour.dark_grey()

ABSTAIN_TITLE = "Not in the reported facts"
ASK_A_MODERATOR = (
    "If a published report covers this, ask one of this server's moderators to add the "
    "fact (they use `/fact add`), and give them a link to the report."
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Reply:
    """One message to send: ``content`` and/or ``embeds``, never able to mention anyone."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``send``/``reply``/``send_message``/``followup.send``."""
        out: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
        if self.content is not None:
            out["content"] = self.content
        if self.embeds:
            out["embeds"] = list(self.embeds)
        return out


# --- text helpers ------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """Escape Markdown and mentions in text that came from a fact, a report or a user.

    Square brackets are escaped too: ``discord.utils.escape_markdown`` leaves masked links
    (``[text](url)``) alone and, when one is present, skips the rest of the line.
    """
    text = _CONTROL.sub("", text)
    text = text.replace("[", "\x00").replace("]", "\x01")
    text = discord.utils.escape_markdown(text)
    text = text.replace("\x00", "\\[").replace("\x01", "\\]")
    return discord.utils.escape_mentions(text)


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut (at a space if one is near) + "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= len(cut) * 3 // 4:
        cut = cut[:space]
    # never leave a dangling escape backslash in front of the ellipsis
    stripped = cut.rstrip()
    trailing = len(stripped) - len(stripped.rstrip("\\"))
    if trailing % 2:
        stripped = stripped[:-1]
    return stripped + ELLIPSIS


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` characters, at line breaks or spaces
    where possible."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]  # a break right after the limit is fine too
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        part = rest[:cut].rstrip()
        if part:
            parts.append(part)
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def timestamp(instant: datetime, style: str = "F") -> str:
    """A Discord timestamp, shown in each reader's own time zone and language."""
    return f"<t:{int(instant.timestamp())}:{style}>"


def format_date(day: date | None) -> str:
    if day is None:
        return "undated"  # the report gives no date; none is invented
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_told_date(moment: datetime, precision: TimePrecision | None) -> str:
    """The date of a time, no finer than the report gave it: "12 Mar 2025", "Jul 2009",
    "2009" (never the made-up first day of a month or year)."""
    if precision is TimePrecision.YEAR:
        return str(moment.year)
    if precision is TimePrecision.MONTH:
        return f"{_MONTHS[moment.month - 1]} {moment.year}"
    return format_date(moment.date())


def _link(title: str, url: str | None) -> str:
    """``[title](url)`` for http(s) URLs that are safe to put in a masked link."""
    shown = clean(title)
    if not url or not re.match(r"https?://", url, re.IGNORECASE) or len(url) > 512:
        return shown
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    safe = safe.replace("<", "%3C").replace(">", "%3E")
    return f"[{shown}]({safe})"


def _with_times(text: str, times: Iterable[Any]) -> str:
    """Escape ``text`` and replace each time placeholder with a ``<t:UNIX:F>`` timestamp
    (a window's with two: "<t:START:F> to <t:END:F>", each end in the reader's zone)."""
    spans: list[tuple[int, int, str]] = []
    for mention in times:
        placeholder = getattr(mention, "placeholder", "") or ""
        if not placeholder:
            continue
        start = text.find(placeholder)
        while start != -1:
            end = start + len(placeholder)
            if not any(s < end and start < e for s, e, _ in spans):
                stamp = timestamp(mention.instant, "F")
                if getattr(mention, "until", None) is not None:
                    stamp += f" to {timestamp(mention.until, 'F')}"
                spans.append((start, end, stamp))
            start = text.find(placeholder, end)
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, stamp in spans:
        out.append(clean(text[pos:start]))
        out.append(stamp)
        pos = end
    out.append(clean(text[pos:]))
    return "".join(out)


# --- packing embeds into messages ----------------------------------------------------------


def _group_lines(lines: Sequence[str], limit: int) -> list[str]:
    """Join lines with newlines into values of at most ``limit`` characters each."""
    values: list[str] = []
    current = ""
    for raw in lines:
        line = shorten(raw, limit)
        if not line:
            continue
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            values.append(current)
            current = line
        else:
            current = candidate
    if current:
        values.append(current)
    return values


def pack(
    *,
    title: str | None,
    description: str,
    colour: discord.Colour,
    fields: Sequence[tuple[str, Sequence[str]]] = (),
    footer: str | None = None,
    url: str | None = None,
) -> list[Reply]:
    """Lay out one logical message as embeds and messages within all of Discord's limits.

    The description is split over as many embeds as needed (at most
    ``MAX_DESCRIPTION_PARTS``, then shortened); each field's lines are grouped into values
    of at most 1,024 characters; a new embed starts when the next field would break the
    25-field or 6,000-character limit; embeds are grouped into messages of at most ten
    embeds and 6,000 characters. The footer goes on the last embed.
    """
    footer_text = shorten(footer, OUR_FOOTER_LIMIT) if footer else None
    reserve = len(footer_text or "")

    parts = split_text(description, DESCRIPTION_LIMIT) if description else []
    if len(parts) > MAX_DESCRIPTION_PARTS:
        parts = parts[:MAX_DESCRIPTION_PARTS]
        parts[-1] = shorten(parts[-1] + " " + ELLIPSIS * 2, DESCRIPTION_LIMIT)

    first = discord.Embed(
        title=shorten(title, TITLE_LIMIT) if title else None,
        description=parts[0] if parts else None,
        colour=colour,
        url=url,
    )
    embeds = [first]
    for part in parts[1:]:
        embeds.append(discord.Embed(description=part, colour=colour))

    for name, lines in fields:
        for index, value in enumerate(_group_lines(lines, FIELD_VALUE_LIMIT)):
            field_name = shorten(name if index == 0 else f"{name} (continued)", FIELD_NAME_LIMIT)
            current = embeds[-1]
            too_big = len(current) + len(field_name) + len(value) + reserve > EMBED_TOTAL_LIMIT
            if len(current.fields) >= FIELDS_PER_EMBED or too_big:
                current = discord.Embed(colour=colour)
                embeds.append(current)
            current.add_field(name=field_name, value=value, inline=False)

    if footer_text:
        embeds[-1].set_footer(text=footer_text)

    replies: list[Reply] = []
    batch: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        length = len(embed)
        if batch and (len(batch) >= EMBEDS_PER_MESSAGE or size + length > EMBED_TOTAL_LIMIT):
            replies.append(Reply(embeds=tuple(batch)))
            batch, size = [], 0
        batch.append(embed)
        size += length
    if batch:
        replies.append(Reply(embeds=tuple(batch)))
    return replies


# --- answers -----------------------------------------------------------------------------


def _citation_line(citation: Citation) -> str:
    source = citation.source
    title = shorten(source.title, 200)
    publisher = shorten(source.publisher, 100)
    reported_by = shorten(citation.reported_by, 150)
    return (
        f"\\[{citation.number}\\] {_link(title, source.url)} — {clean(publisher)}, "
        f"{format_date(source.published)} · reported by {clean(reported_by)}"
    )


def _citation_lines(citations: Sequence[Citation]) -> list[str]:
    lines = [_citation_line(c) for c in citations[:MAX_LISTED_CITATIONS]]
    if len(citations) > MAX_LISTED_CITATIONS:
        lines.append(f"{ELLIPSIS} and {len(citations) - MAX_LISTED_CITATIONS} more")
    return lines


def _question(prompt: str) -> str:
    prompt = prompt.strip()
    return prompt if prompt.endswith("?") else prompt + "?"


def _event_line(event: Event) -> str:
    bits = [clean(shorten(event.title, 200))]
    if event.when is not None:
        bits.append(format_told_date(event.when, event.when_precision))
    if event.where:
        bits.append(clean(shorten(event.where, 150)))
    return "• " + " — ".join(bits)


def render_answer(answer: Answer) -> list[Reply]:
    """The message(s) that answer a question: cited facts, an event choice, or an honest
    "no reported fact" with suggestions and a pointer to the moderators."""
    if answer.events_to_choose:
        return pack(
            title="Which event do you mean?",
            description="Your question fits more than one reported event. "
            "Ask again and name the one you mean (its place or date is enough):",
            colour=CHOOSE_COLOUR,
            fields=[("Events", [_event_line(e) for e in answer.events_to_choose])],
        )
    if not answer.answered:
        fields: list[tuple[str, list[str]]] = []
        suggestions = [s.prompt for s in answer.suggestions if s.prompt.strip()]
        if suggestions:
            lines = [f"• {clean(_question(p))}" for p in suggestions[:MAX_SUGGESTIONS]]
            fields.append(("Did you mean:", lines))
        fields.append(("Ask a moderator", [ASK_A_MODERATOR]))
        return pack(
            title=ABSTAIN_TITLE,
            description=clean(answer.text),
            colour=ABSTAIN_COLOUR,
            fields=fields,
        )
    footer = f"Confidence {round(answer.confidence * 100)}%"
    as_of = sorted({(f.fact.as_of, f.fact.as_of_precision) for f in answer.facts
                    if f.fact.as_of is not None},
                   key=lambda told: (told[0].date(), told[1] or ""))
    if as_of:  # the figures are as of that date (issue 11: shelf life)
        footer += " · as of " + ", ".join(dict.fromkeys(
            format_told_date(moment, precision) for moment, precision in as_of))
    if answer.conflict:
        footer += " · the sources disagree; each figure is shown with its source"
    return pack(
        title=answer.event.title if answer.event else None,
        description=_with_times(answer.text, answer.times),
        colour=ANSWER_COLOUR,
        fields=[("Sources", _citation_lines(answer.citations))] if answer.citations else [],
        footer=footer,
    )


def render_notice(text: str) -> Reply:
    """A short plain message (confirmations, refusals, errors)."""
    return Reply(content=shorten(clean(text), CONTENT_LIMIT))


def render_help() -> Reply:
    return Reply(
        content="Ask me about a reported news event: mention me with a question, or use "
        "`/ask`. Every answer says which report each fact comes from."
    )


# --- moderation views ----------------------------------------------------------------------


def _quantities(fact: Fact) -> str:
    values = ", ".join(format_quantity(q) for q in fact.quantities)  # "at least 9", "$5"
    return f"about {values}" if fact.approximate and values else values


def _origin(fact: Fact) -> str:
    if fact.origin == "knowledge":
        where = fact.origin_file or "?"
        if fact.origin_line:
            where += f", line {fact.origin_line}"
        return f"knowledge file {where} (shared by every server)"
    if fact.guild_id is not None:
        return "added in this server"
    return "added from the command line (shared by every server)"


def fact_embed(
    fact: Fact, source: Source | None = None, *, heading: str | None = None
) -> discord.Embed:
    """One fact with everything a moderator needs to check it."""
    colour = FACT_COLOUR if fact.status == "active" else RETRACTED_COLOUR
    title = heading or f"Fact {fact.id}"
    embed = discord.Embed(
        title=shorten(title, TITLE_LIMIT),
        description=shorten(clean(fact.text), DESCRIPTION_LIMIT),
        colour=colour,
    )

    def add(name: str, value: str | None, inline: bool = True) -> None:
        if value:
            embed.add_field(name=name, value=shorten(value, FIELD_VALUE_LIMIT), inline=inline)

    status = fact.status
    if fact.status == "retracted" and fact.retracted_reason:
        status += f": {clean(fact.retracted_reason)}"
    add("Status", status)
    add("Event", f"`{fact.event}`")
    kind = fact.kind + (f" · {fact.attribute}" if fact.attribute else "")
    add("Kind", kind)
    if fact.kind == "measurement":
        add("Values", clean(_quantities(fact)))
    if fact.time is not None and fact.time_precision is not None:
        # a part of a day, a month, a year: no instant to show in the reader's zone
        add("Time", f"{date_text(fact.time, fact.time_precision)} "
                    f"(`{told_text(fact.time, fact.time_precision)}`)", inline=False)
    elif fact.time is not None:
        add("Time", f"{timestamp(fact.time)} (`{fact.time.isoformat()}`)", inline=False)
    if fact.until is not None and (fact.until_precision is not None
                                   or is_date_only(fact.until)):
        add("Until", f"{date_text(fact.until, fact.until_precision)} "
                     f"(`{told_text(fact.until, fact.until_precision)}`)", inline=False)
    elif fact.until is not None:
        add("Until", f"{timestamp(fact.until)} (`{fact.until.isoformat()}`)", inline=False)
    if fact.place:
        add("Place", clean(fact.place), inline=False)
    if fact.speaker:
        who = fact.speaker + (f", {fact.speaker_role}" if fact.speaker_role else "")
        add("Speaker", clean(who), inline=False)
    if fact.quote:
        add("Quote", f"“{clean(fact.quote)}”", inline=False)
    add("Reported by", clean(fact.reported_by), inline=False)
    if source is not None:
        add(
            "Source",
            f"{_link(shorten(source.title, 200), source.url)} — {clean(source.publisher)}, "
            f"{format_date(source.published)} (`{source.id}`)",
            inline=False,
        )
    else:
        add("Source", f"`{fact.source}`", inline=False)
    if fact.about:
        add("About", clean(", ".join(fact.about)))
    if fact.keywords:
        add("Keywords", clean(", ".join(fact.keywords)))
    add("Revision", str(fact.revision))
    add("Origin", _origin(fact), inline=False)
    return fit(embed)


def fit(embed: discord.Embed, limit: int = EMBED_TOTAL_LIMIT) -> discord.Embed:
    """Shorten ``embed`` to Discord's total of ``limit`` characters (title, description,
    field names and values, footer, author): the description first, then the longest
    field values, each ending in "…". Discord rejects a larger embed outright."""
    excess = len(embed) - limit
    if excess <= 0:
        return embed
    if embed.description:
        keep = max(200, len(embed.description) - excess)
        embed.description = shorten(embed.description, keep)
        excess = len(embed) - limit
    while excess > 0 and embed.fields:
        index = max(range(len(embed.fields)), key=lambda i: len(embed.fields[i].value or ""))
        fld = embed.fields[index]
        value = fld.value or ""
        if len(value) <= 20:
            break
        embed.set_field_at(
            index,
            name=fld.name,
            value=shorten(value, max(20, len(value) - excess)),
            inline=fld.inline,
        )
        excess = len(embed) - limit
    if excess > 0 and embed.description:  # a pathological embed: the description gives way
        embed.description = shorten(embed.description, max(1, len(embed.description) - excess))
    return embed


def _pages(
    lines: Sequence[str], *, title: str, colour: discord.Colour, per_page: int
) -> list[discord.Embed]:
    chunks: list[list[str]] = [
        list(lines[i : i + per_page]) for i in range(0, len(lines), per_page)
    ]
    pages: list[discord.Embed] = []
    for number, chunk in enumerate(chunks, start=1):
        description = shorten("\n".join(chunk), DESCRIPTION_LIMIT)
        embed = discord.Embed(
            title=shorten(title, TITLE_LIMIT), description=description, colour=colour
        )
        embed.set_footer(text=f"Page {number}/{len(chunks)}")
        pages.append(fit(embed))
    return pages


def fact_list_pages(
    facts: Sequence[Fact], *, event: str | None = None, per_page: int = 10
) -> list[discord.Embed]:
    """Pages of one line per fact: id, status when not active, and the fact's text."""
    title = f"Facts about {event}" if event else "Facts"
    if not facts:
        return [
            discord.Embed(
                title=shorten(title, TITLE_LIMIT), description="No facts yet.", colour=FACT_COLOUR
            )
        ]
    lines = []
    for fact in facts:
        status = "" if fact.status == "active" else f" *({fact.status})*"
        lines.append(f"`{fact.id}`{status} {shorten(clean(fact.text), 300)}")
    return _pages(lines, title=f"{title} ({len(facts)})", colour=FACT_COLOUR, per_page=per_page)


def actor_text(actor: str) -> str:
    """``discord:<id>`` as a user mention (shown, never pinged), anything else escaped."""
    kind, _, rest = actor.partition(":")
    if kind == "discord" and rest.isdigit():
        return f"<@{rest}>"
    return clean(actor)


def history_pages(
    fact_id: str, entries: Sequence[AuditEntry], *, per_page: int = 10
) -> list[discord.Embed]:
    """The audit trail of one fact, newest first, with the revision each change made."""
    title = f"History of {fact_id}"
    if not entries:
        return [
            discord.Embed(
                title=shorten(title, TITLE_LIMIT),
                description="No changes recorded.",
                colour=FACT_COLOUR,
            )
        ]
    lines = []
    for entry in sorted(entries, key=lambda e: (e.at, e.id), reverse=True):
        revision = (entry.after or {}).get("revision")
        rev = f" → revision {revision}" if revision is not None else ""
        who = actor_text(entry.actor)
        line = f"{timestamp(entry.at, 'f')} **{clean(entry.action)}**{rev} by {who}"
        if entry.reason:
            line += f": {shorten(clean(entry.reason), 300)}"
        lines.append(line)
    return _pages(lines, title=title, colour=FACT_COLOUR, per_page=per_page)


def event_embed(event: Event, *, heading: str) -> discord.Embed:
    embed = discord.Embed(
        title=shorten(heading, TITLE_LIMIT),
        description=shorten(clean(event.title), DESCRIPTION_LIMIT),
        colour=FACT_COLOUR,
    )
    embed.add_field(name="Id", value=f"`{event.id}`")
    if event.when is not None and event.when_precision is not None:
        embed.add_field(name="When", value=date_text(event.when, event.when_precision))
    elif event.when is not None:
        embed.add_field(name="When", value=timestamp(event.when))
    if event.where:
        embed.add_field(name="Where", value=shorten(clean(event.where), FIELD_VALUE_LIMIT))
    if event.aliases:
        embed.add_field(
            name="Also called",
            value=shorten(clean(", ".join(event.aliases)), FIELD_VALUE_LIMIT),
            inline=False,
        )
    return fit(embed)


def source_embed(source: Source, *, heading: str) -> discord.Embed:
    embed = discord.Embed(
        title=shorten(heading, TITLE_LIMIT),
        description=_link(shorten(source.title, 200), source.url),
        colour=FACT_COLOUR,
    )
    embed.add_field(name="Id", value=f"`{source.id}`")
    embed.add_field(name="Publisher", value=shorten(clean(source.publisher), FIELD_VALUE_LIMIT))
    embed.add_field(name="Published", value=format_date(source.published))
    return fit(embed)


def event_list_pages(events: Sequence[Event], *, per_page: int = 10) -> list[discord.Embed]:
    """Pages of one line per event: id and title."""
    if not events:
        return [discord.Embed(title="Events", description="No events yet.", colour=FACT_COLOUR)]
    lines = [f"`{e.id}` {shorten(clean(e.title), 300)}" for e in events]
    return _pages(lines, title=f"Events ({len(events)})", colour=FACT_COLOUR, per_page=per_page)


def source_list_pages(sources: Sequence[Source], *, per_page: int = 10) -> list[discord.Embed]:
    """Pages of one line per source: id, title and publisher."""
    if not sources:
        return [discord.Embed(title="Sources", description="No sources yet.", colour=FACT_COLOUR)]
    lines = [
        f"`{s.id}` {shorten(clean(s.title), 200)} — {shorten(clean(s.publisher), 100)}"
        for s in sources
    ]
    return _pages(lines, title=f"Sources ({len(sources)})", colour=FACT_COLOUR, per_page=per_page)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    compressed: bool = False


def export_upload(data: bytes, *, name: str, limit: int) -> Upload | None:
    """The export as one file within Discord's upload ``limit`` (bytes): as it is, else
    gzip-compressed (YAML compresses about tenfold), else None."""
    if len(data) <= limit:
        return Upload(name, data)
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    if len(packed) <= limit:
        return Upload(name + ".gz", packed, compressed=True)
    return None


# --- synonym groups (/synonym) -------------------------------------------------------------

SYNONYMS_PER_PAGE = 10
GLOBAL_SYNONYM_MARK = "*all servers*"


def synonym_words(words: Sequence[str], limit: int = 300) -> str:
    """A group's words as shown: ``evac · evacuation`` (escaped, shortened)."""
    return shorten(" · ".join(clean(w) for w in words), limit)


def synonym_added_text(group: SynonymGroup) -> str:
    return shorten(
        f"Saved synonym group `#{group.id}`: {synonym_words(group.words, 1500)}. "
        "Asking uses it at once in this server: a question with one of these words now "
        f"matches facts that use another. `/synonym remove id:{group.id}` undoes it.",
        CONTENT_LIMIT,
    )


def synonym_removed_text(group: SynonymGroup) -> str:
    return shorten(
        f"Removed synonym group `#{group.id}` ({synonym_words(group.words, 1500)}). "
        "Asking stops using it at once.",
        CONTENT_LIMIT,
    )


def synonym_choice_name(group: SynonymGroup) -> str:
    """An autocomplete choice (plain text, at most 100 characters)."""
    return shorten(f"#{group.id} {', '.join(group.words)}", 100)


def synonym_list_pages(
    groups: Sequence[SynonymGroup], *, per_page: int = SYNONYMS_PER_PAGE
) -> list[discord.Embed]:
    """Pages of one line per group: id, words, and who added it when, or that it is
    shared by every server (added with the command line)."""
    title = f"Synonym groups ({len(groups)})"
    if not groups:
        return [
            discord.Embed(
                title="Synonym groups",
                description="No synonym groups here yet. Add one with "
                "`/synonym add words:evac, evacuation`.",
                colour=FACT_COLOUR,
            )
        ]
    lines = []
    for group in groups:
        who = (GLOBAL_SYNONYM_MARK if group.is_global
               else f"{actor_text(group.created_by)}, {timestamp(group.created_at, 'd')}")
        lines.append(f"`#{group.id}` {synonym_words(group.words)} — {who}")
    pages = _pages(lines, title=title, colour=FACT_COLOUR, per_page=per_page)
    if any(g.is_global for g in groups):
        for page in pages:
            page.set_footer(text=f"{page.footer.text} · groups marked 'all servers' come "
                            "from the command line and are removed there")
    return pages
