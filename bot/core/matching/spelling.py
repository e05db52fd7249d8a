"""Spelling: the words a question may be corrected into, and how. A typo is read as the
indexed (or common English) word one or two edits away; a chat abbreviation ("appts") as
the indexed words it may stand for. The vocabulary grows as facts are indexed.

The question reader (``query.py``) owns everything else about reading a question; it asks
this module only whether a word is known and what it may stand for.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein
from wordfreq import top_n_list

from bot.core.text import FUNCTION_WORDS, QUESTION_WORDS, english_zipf, stem

ENGLISH_WORD_ZIPF = 3.0  # at or above: a real English word, never "corrected"
# a word ending in "in" is a dropped g when the -ing word is this much commoner (Zipf)
DROPPED_G_ZIPF_GAIN = 1.5
TYPO_ZIPF = 2.5  # below: a form of an indexed word is taken for a typo of one

FUNCTION_TYPO_MIN_LETTERS = 5  # "whree" is "where": a shorter grammar word is too near others
TWO_EDIT_INDEXED_MIN_LETTERS = 6  # from here, two edits into an indexed word may be a typo
ENGLISH_POOL_SIZE = 30_000  # the most frequent English words a typo may be corrected into
ENGLISH_TYPO_MIN_LETTERS = 5
_VOWELS = frozenset("aeiou")
ABBREVIATION_MIN_EXTRA = 2  # "appts" stands for a word at least two letters longer
MAX_EXPANSIONS = 5
NEAREST_LIMIT = 30  # candidates a typo's correction is chosen from (ranked below, not cut)


@lru_cache(maxsize=1)
def english_pool() -> dict[int, list[str]]:
    """wordfreq's most frequent English words, by length (built once, on first need)."""
    buckets: dict[int, list[str]] = defaultdict(list)
    for w in top_n_list("en", ENGLISH_POOL_SIZE):
        if w.isalpha() and len(w) >= ENGLISH_TYPO_MIN_LETTERS - 1:
            buckets[len(w)].append(w)
    return dict(buckets)


@lru_cache(maxsize=1)
def common_english_words() -> frozenset[str]:
    """The common words (Zipf >= 3) of the English pool (built once, on first need)."""
    return frozenset(w for words in english_pool().values() for w in words
                     if english_zipf(w) >= ENGLISH_WORD_ZIPF)


def common_english_one_edit(word: str) -> list[tuple[str, float, int]]:
    """The common English words one edit from a word (a letter left out, added, changed, or
    two letters swapped), as ``process.extract`` gives them: (word, edits, 0). Every edit
    is tried, a few hundred set lookups, rather than the pool scanned."""
    common = common_english_words()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    edits.discard(word)
    return [(w, 1, 0) for w in sorted(edits & common)]


def has_in_order(typed: str, word: str) -> bool:
    """Whether ``word`` has every letter of ``typed``, in order: ``typed`` drops letters."""
    letters = iter(word)
    return all(ch in letters for ch in typed)


class Speller:
    """The index's words (and the grammar's, ``base``) as a pool to correct typos into."""

    def __init__(self, base: Iterable[str]):
        self._base = frozenset(base)
        self.vocab: Counter[str] = Counter()  # each word, with how many facts use it
        self._by_len: dict[int, list[str]] | None = None
        self._by_initial: dict[str, str] | None = None

    def add_words(self, ws: Iterable[str]) -> None:
        """Words the index holds (filtered when the correction pool is built, so that
        start-up adds a hundred thousand facts' words at C speed)."""
        before = len(self.vocab)
        self.vocab.update(ws)
        if len(self.vocab) != before:
            self._by_len = None
            self._by_initial = None

    def _pool(self) -> dict[int, list[str]]:
        if self._by_len is None:
            buckets: dict[int, list[str]] = defaultdict(list)
            for w in self.vocab.keys() | self._base:
                # (a grammar word as long as "where" or "since" is a typo's target too)
                if len(w) >= 3 and w.isalpha() and (
                        w not in FUNCTION_WORDS or len(w) >= FUNCTION_TYPO_MIN_LETTERS):
                    buckets[len(w)].append(w)
            self._by_len = dict(buckets)
        return self._by_len

    def known(self, word: str, index_terms: set[str]) -> bool:
        """A word of the index or of the grammar; another form of an indexed word counts
        only when it is a real English word ("evacuating"), not a typo ("governer")."""
        if word in self._base or word in self.vocab or not word.isalpha():
            return True
        return stem(word) in index_terms and english_zipf(word) >= TYPO_ZIPF

    def correct(self, word: str, index_terms: set[str], *, leading: bool = False) -> str | None:
        """The known word this unknown word is a typo of, or None: one edit (a swap of two
        letters counts as one) for words of up to seven letters, two for longer ones (and
        for words of six or seven letters into an indexed word that begins and ends as
        typed). A real English word is never corrected ("submarine" stays itself). A
        question's ``leading`` word is its question word more often than not ("wnere did
        they launch it": where, not were)."""
        if len(word) < 3 or self.known(word, index_terms):
            return None
        if len(word) >= 4 and word.endswith("in") and english_zipf(word + "g") >= max(
                TYPO_ZIPF, english_zipf(word) + DROPPED_G_ZIPF_GAIN):
            return word + "g"  # a dropped g: "puttin", "sayin", "goin" (not "main", "ruin")
        if english_zipf(word) >= ENGLISH_WORD_ZIPF:
            return None
        max_edits = 1 if len(word) <= 7 else 2
        found = self._nearest(word, self._pool(), max_edits)
        if not found and len(word) >= TWO_EDIT_INDEXED_MIN_LETTERS and max_edits == 1:
            # "gverner", "netrok": two edits into a word the facts have, where the word
            # still begins and ends as typed; but not past a common English word one edit
            # away ("craihed" is "crashed", not "chaired")
            found = [f for f in self._nearest(word, self._pool(), 2)
                     if f[0][0] == word[0] and f[0][-1] == word[-1]]
            if found and not english_zipf(word):
                found = common_english_one_edit(word) or found
        if not found and english_zipf(word) < TYPO_ZIPF \
                and len(word) >= ENGLISH_TYPO_MIN_LETTERS:
            # no indexed word is near, and wordfreq knows it only as a rare spelling, or not
            # at all: a typo of a common English word ("diffrent", "declard")? Then it is
            # that word. A word wordfreq has never seen may be a name, so only a common
            # English word one edit away replaces it ("arested", not "zorvath").
            found = (self._nearest(word, english_pool(), max_edits) if english_zipf(word)
                     else common_english_one_edit(word))
        # two edits are a typo only where the word still begins as typed ("burnable" is no
        # "unable"): people rarely miss the first letter and another
        found = [f for f in found if f[1] < 2 or f[0][0] == word[0]]
        if not found:
            return None
        if len(word) <= 4:  # short words: only a swap or a missing letter ("hig", "mnay")
            found = [f for f in found if len(f[0]) > len(word)
                     or Levenshtein.distance(word, f[0]) > OSA.distance(word, f[0])]
            if not found:
                return None
        # ("minrs": "miners", which has every letter typed, before "mines", which does not)
        # (of words the facts have, the one more facts use: "siage" is the siege the report
        # is about, not a stage)
        found.sort(key=lambda f: (f[1], leading and f[0] not in QUESTION_WORDS,
                                  f[0][0] != word[0], f[0] not in self.vocab,
                                  not (has_in_order(word, f[0])
                                       or sorted(word) == sorted(f[0])),  # ("wehre": where)
                                  -self.vocab[f[0]], -english_zipf(f[0])))
        return found[0][0]

    def expansions(self, word: str, index_terms: set[str]) -> frozenset[str]:
        """The indexed words a chat abbreviation may stand for ("appts" -> appointments,
        "numbr" -> number): words of the index that begin with its letter and hold all its
        letters in order, at least two longer, and end as it ends when it ends in "s" (a
        plural). Only for a word no fact has that is not an English word (or has no vowel)."""
        if len(word) < 3 or not word.isalpha() or word in self.vocab or word in self._base \
                or stem(word) in index_terms:
            return frozenset()
        if english_zipf(word) >= ENGLISH_WORD_ZIPF and set(word) & _VOWELS:
            return frozenset()  # a real word; but "lvl", "bldg", common as they are, are not
        # "[^p\n]*p": each letter's gap cannot backtrack over the next letter (linear time)
        pattern = re.compile("^" + word[0] + "".join(f"[^{c}\n]*{c}" for c in word[1:])
                             + ("$" if word.endswith("s") else "[a-z]*$"), re.MULTILINE)
        found = [m.group(0) for m in pattern.finditer(self._initials().get(word[0], ""))
                 if len(m.group(0)) >= len(word) + ABBREVIATION_MIN_EXTRA]
        found.sort(key=lambda w: (-english_zipf(w), w))  # the common words an abbreviation
        return frozenset(stem(w) for w in found[:MAX_EXPANSIONS])  # stands for come first

    def _initials(self) -> dict[str, str]:
        """The index's words by first letter, one per line (searched by one C-level regex
        per abbreviation, not a Python loop over the vocabulary)."""
        if self._by_initial is None:
            buckets: dict[str, list[str]] = defaultdict(list)
            for w in self.vocab:
                if w.isalpha() and len(w) >= 4:
                    buckets[w[0]].append(w)
            self._by_initial = {k: "\n".join(sorted(v)) for k, v in buckets.items()}
        return self._by_initial

    @staticmethod
    def _nearest(word: str, by_len: dict[int, list[str]], max_edits: int
                 ) -> list[tuple[str, float, int]]:
        pool: list[str] = []
        for n in range(len(word) - max_edits, len(word) + max_edits + 1):
            pool.extend(by_len.get(n, ()))
        return process.extract(word, pool, scorer=OSA.distance, score_cutoff=max_edits,
                               limit=NEAREST_LIMIT)
