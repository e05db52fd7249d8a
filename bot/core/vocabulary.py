"""The documented vocabulary of fact attributes, read from the lexicon (data, not code).

An attribute names what a fact measures or locates (``range``, ``deaths``, ``wind_speed``,
``event_time`` ...). Knowledge files may only use attributes listed in
``knowledge/lexicon.yaml`` (validation says so, naming the known ones). The matcher uses an
attribute's ``dimension`` and ``cues`` to recognise what a question asks for, which is how it
can say "no reported fact gives the speed" instead of answering with the nearest number.
"""

from __future__ import annotations

from bot.core.lexicon import AttributeSpec, default_lexicon

Attribute = AttributeSpec

ATTRIBUTES: dict[str, Attribute] = {a.name: a for a in default_lexicon().attributes}


def attribute_names() -> list[str]:
    return sorted(ATTRIBUTES)
