"""Asking: ``/ask``, a message that mentions the bot, and "?" messages in ask channels.

Each path parses, checks the shared per-user cooldown, calls ``AsyncEngine.ask``, renders
with the pure renderer and sends; ``/ask`` defers when the answer is not ready in time
(:mod:`bot.chat.deadline`). When a message asker is over the
cooldown, the bot replies with a short note that deletes itself after a few seconds (no
ping, nothing left behind in the channel).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat import checks, loop_render, render
from bot.chat.checks import ask_cooldown
from bot.chat.deadline import choices_in_time, in_time
from bot.chat.errors import describe
from bot.chat.loop_views import vote_view
from bot.chat.render import Reply
from bot.core.gaps import Asking
from bot.core.loop import Asked

if TYPE_CHECKING:
    from bot.chat.client import FactBot

log = logging.getLogger(__name__)

MAX_QUESTION = 300  # characters; longer questions are cut (Discord caps options at 6,000)


def extract_question(
    content: str,
    *,
    bot_id: int,
    channel_id: int,
    answer_mentions: bool,
    ask_channel_ids: Collection[int],
) -> str | None:
    """The question in a message, or None when the message is not for the bot.

    A message is for the bot when it mentions the bot (``<@id>``, with ``answer_mentions``;
    the mention is removed from the question, which may then be empty) or when it is in an
    ask channel and ends with "?".
    """
    mention = re.compile(rf"<@!?{bot_id}>")
    if answer_mentions and mention.search(content):
        return re.sub(r"\s+", " ", mention.sub(" ", content)).strip()[:MAX_QUESTION]
    if channel_id in ask_channel_ids and content.rstrip().endswith("?"):
        return content.strip()[:MAX_QUESTION]
    return None


def _with_view(reply: Reply, view: discord.ui.View | None, last: bool) -> dict:
    kwargs = reply.kwargs()
    if view is not None and last:
        kwargs["view"] = view
    return kwargs


async def send_to_interaction(
    interaction: discord.Interaction,
    replies: Sequence[Reply],
    *,
    view: discord.ui.View | None = None,
) -> None:
    """The first reply as the interaction response, the rest as followups; ``view`` (the
    feedback buttons) goes on the last message."""
    for index, reply in enumerate(replies):
        kwargs = _with_view(reply, view, index == len(replies) - 1)
        if index == 0 and not interaction.response.is_done():
            await interaction.response.send_message(**kwargs)
        else:
            await interaction.followup.send(**kwargs)


async def reply_to_message(
    message: discord.Message,
    replies: Sequence[Reply],
    *,
    view: discord.ui.View | None = None,
) -> None:
    """The first reply as a reply to ``message`` (no ping), the rest in the same channel."""
    for index, reply in enumerate(replies):
        kwargs = _with_view(reply, view, index == len(replies) - 1)
        if index == 0:
            await message.reply(mention_author=False, **kwargs)
        else:
            await message.channel.send(**kwargs)


def answer_replies(asked: Asked) -> tuple[list[Reply], discord.ui.View | None]:
    """The answer's messages and its feedback buttons (answers only); an abstention whose
    event has expired facts says so (an expired fact never answers silently)."""
    replies = render.render_answer(asked.answer)
    if asked.stale:
        replies.append(render.render_notice(loop_render.stale_note(asked.stale)))
    view = vote_view(asked.asked_id) if asked.answer.answered else None
    return replies, view


class Ask(commands.Cog):
    def __init__(self, bot: FactBot):
        self.bot = bot

    @app_commands.command(
        name="ask", description="Ask about a reported news event; answers cite their sources"
    )
    @app_commands.describe(question="Your question, e.g. How far did the missile fly?")
    @app_commands.guild_only()
    @ask_cooldown()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION],
    ) -> None:
        asking = Asking(interaction.guild_id, interaction.channel_id, interaction.user.id)
        asked: Asked = await in_time(
            interaction, self.bot.aengine.ask_recorded(question, asking=asking)
        )
        log.debug(
            "Asked in guild %s: %r -> answered=%s",
            interaction.guild_id,
            question,
            asked.answer.answered,
        )
        replies, view = answer_replies(asked)
        await send_to_interaction(interaction, replies, view=view)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        options = await choices_in_time(
            self.bot.aengine.complete(
                current[:MAX_QUESTION], guild_id=interaction.guild_id, limit=25
            )
        )
        choices = []
        for option in options[:25]:
            text = render.shorten(option, 100)
            choices.append(app_commands.Choice(name=text, value=text))
        return choices

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is None or self.bot.user is None:
            return
        config = self.bot.config.discord
        question = extract_question(
            message.content,
            bot_id=self.bot.user.id,
            channel_id=message.channel.id,
            answer_mentions=config.answer_mentions,
            ask_channel_ids=config.ask_channel_ids,
        )
        if question is None:
            return
        try:
            await self._answer_message(message, question)
        except Exception as exc:  # one reply per failure, never a traceback in the channel
            outcome = describe(exc)
            if outcome.unexpected:
                log.error(
                    "Unexpected error answering message %s in guild %s",
                    message.id,
                    message.guild.id,
                    exc_info=exc,
                )
            try:
                await reply_to_message(message, [render.render_notice(outcome.message)])
            except discord.HTTPException as send_exc:
                log.warning("Could not reply in channel %s: %s", message.channel.id, send_exc)

    async def _answer_message(self, message: discord.Message, question: str) -> None:
        if not question:
            await reply_to_message(message, [render.render_help()])
            return
        retry_after = self.bot.ask_cooldown.hit(message.author.id)
        if retry_after is not None:
            wait = max(1, math.ceil(retry_after))
            note = render.render_notice(
                f"You're asking quickly. Please wait {wait} s, then ask again."
            )
            await message.reply(
                mention_author=False, delete_after=checks.COOLDOWN_NOTE_SECONDS, **note.kwargs()
            )
            return
        assert message.guild is not None
        asking = Asking(message.guild.id, message.channel.id, message.author.id, message.id)
        asked: Asked = await self.bot.aengine.ask_recorded(question, asking=asking)
        log.debug(
            "Asked by message in guild %s: %r -> answered=%s",
            message.guild.id,
            question,
            asked.answer.answered,
        )
        replies, view = answer_replies(asked)
        await reply_to_message(message, replies, view=view)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Ask(bot))
