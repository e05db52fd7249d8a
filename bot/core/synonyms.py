"""Synonym groups that moderators add without a release (``/synonym``, ``factbot synonyms``).

A group is a few words or phrases that mean the same when matching a question ("evac,
evacuation"). The lexicon file's ``synonyms`` section is the reviewed, shipped list; groups
added here live in the database, per Discord guild (or global, from the CLI), and the engine
merges them into the lexicon at question time. This module holds the rules a group must
follow, so the store, the CLI and the Discord layer give the same answer to the same input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.errors import Problem, ValidationError
from bot.core.lexicon import Lexicon, term_of
from bot.core.text import STOPWORDS, normalize

MAX_WORDS = 20  # words or phrases in one group
MAX_CHARS = 60  # characters in one word or phrase
MAX_GROUPS = 500  # active groups per guild (and global): each is merged in per question
MAX_INPUT_CHARS = 2000  # the whole comma-separated input (Discord checks it as you type)

_SEPARATORS = re.compile(r"[,;\n]")


@dataclass(frozen=True)
class SynonymGroup:
    """One stored group: global (``guild_id`` None, added with the CLI) or one guild's."""

    id: int
    words: tuple[str, ...]
    guild_id: int | None
    created_by: str  # "cli" or "discord:<user id>"
    created_at: datetime

    @property
    def is_global(self) -> bool:
        return self.guild_id is None


def split_words(text: str) -> list[str]:
    """``"evac, evacuation; death toll"`` -> ``["evac", "evacuation", "death toll"]``.

    Commas separate (semicolons and line breaks too); spaces inside a phrase are kept,
    collapsed to one.
    """
    return [" ".join(part.split()) for part in _SEPARATORS.split(text) if part.strip()]


def _problem(message: str) -> Problem:
    return Problem(None, None, "synonym group", None, message)


def _shown(word: str) -> str:
    return repr(word if len(word) <= 30 else word[:29] + "…")


def check_group(words: Iterable[str]) -> list[str]:
    """The group as it will be stored, or :class:`ValidationError` saying what to change.

    Words are trimmed and spaces collapsed; a word given twice (in any case, or another
    form of the same word: "injured, injure") is kept once. A group needs two different
    words, each with a letter or digit and not only little words like "the".
    """
    kept: list[str] = []
    terms: dict[str, str] = {}  # index term -> the first word giving it
    problems: list[Problem] = []
    for raw in words:
        word = " ".join(str(raw).split())
        if not word:
            continue
        if len(word) > MAX_CHARS:
            problems.append(_problem(f"{_shown(word)} is {len(word)} characters long; keep "
                                     f"each word or phrase to at most {MAX_CHARS}"))
            continue
        plain = normalize(word).split()
        if not plain:
            problems.append(_problem(f"{_shown(word)} has no letters or digits"))
            continue
        if all(w in STOPWORDS for w in plain):
            problems.append(_problem(f"{_shown(word)} is only little words that questions "
                                     "are not matched on; give a word that carries meaning"))
            continue
        term = term_of(word)
        content = [w for w in plain if w not in STOPWORDS]
        if len(plain) > 1 and "_" not in term and len(content) == 1:
            # "went up" is read as "go" alone ("up" is not matched on): every "go" in a
            # question would take the group's meaning
            dropped = [repr(w) for w in plain if w in STOPWORDS]
            verb = "is" if len(dropped) == 1 else "are"
            problems.append(_problem(
                f"{_shown(word)} is read as {content[0]!r} alone ({', '.join(dropped)} {verb} "
                f"not matched on), so every question with {content[0]!r} or another form of "
                "it would mean this group too; give a word or phrase that means it on its own"))
            continue
        if term in terms:
            continue  # the same word again, or another form of it
        terms[term] = word
        kept.append(word)
    if problems:
        raise ValidationError(problems)
    if len(kept) > MAX_WORDS:
        raise ValidationError([_problem(f"{len(kept)} words or phrases is too many for one "
                                        f"group (at most {MAX_WORDS}); split it into groups "
                                        "of words that all mean the same")])
    if len(kept) < 2:
        given = f" (only {_shown(kept[0])})" if kept else ""
        raise ValidationError([_problem(
            f"give at least two different words or phrases{given}, separated by commas, "
            "e.g. evac, evacuation")])
    return kept


def same_terms(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two groups match exactly the same words."""
    return {term_of(w) for w in a} == {term_of(w) for w in b}


def shipped_group_covering(words: Sequence[str], lexicon: Lexicon) -> tuple[str, ...] | None:
    """The lexicon file's group that already makes all ``words`` mean the same, if any
    (then a new group would change nothing)."""
    terms = {term_of(w) for w in words}
    for group in lexicon.synonyms:
        if terms <= {term_of(w) for w in group}:
            return group
    return None
