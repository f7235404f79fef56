"""Spaces OCR lost between a short function word and its neighbour: ``inrecent`` → ``in recent``.

OCR drops the narrow gap after a short word (``onthe``, ``isthe``, ``thedata``).
Two glued words are told from a compound by their grammar: an article,
conjunction, pronoun, preposition or auxiliary is never half of a closed
compound. A token is split when it is not a word, one split into two words
stands out from the others, and one of them belongs to that closed class (English only; other
languages glue words differently, and ``restore_lost_hyphens`` handles two
content words).
"""

from __future__ import annotations

import functools
import re

from ingest.normalize.edits import edits_from_distinct_matches
from ingest.normalize.spaces_read_as_marks import NEVER_COMPOUNDED
from ingest.normalize.vocabulary import zipf
from ingest.input_kinds import SCANNED
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Tokens up to ``MAX_TOKEN`` letters: longer ones are no two glued words, and a bounded
# pattern keeps the search linear on a very long word.
MAX_TOKEN = 24
TOKEN = re.compile(rf"(?<![\w@/.'‘’-])[A-Za-z][a-z]{{3,{MAX_TOKEN - 1}}}(?![\w@/'‘’-]|[.:;]\w)")
# Closed-class words that glue in OCR but do make compounds with a hyphen (``in-house``): glued
# without one, they are two words all the same.
GLUED_FUNCTION_WORDS = {
    "en": NEVER_COMPOUNDED["en"]
    | frozenset({"in", "on", "to", "at", "by", "as", "for", "not"})
    | frozenset({"is", "are", "was", "were", "be", "it", "you", "my", "your", "her"})
}
# The token must be unknown (``inrecent`` 0.0; ``ahead``, ``another`` are words) ...
UNKNOWN_ZIPF = 1.0
# ... or, when both halves are function words, merely rare: wordfreq has seen OCR'd ``ofthe``
# (3.3), ``inthe`` (2.6), ``onthe`` (2.2), while the words made of two (``into`` 6.1, ``onto``
# 4.8, ``within``, ``cannot``) are far commoner.
FUNCTION_PAIR_ZIPF = 3.5
# ... and the other word a word writers use (``recent`` 4.6, ``data`` 5.0).
PART_ZIPF = 3.0
# How much commoner (in Zipf units, ten times per unit) the best split's rarer half must be.
SPLIT_MARGIN = 1.0


@rule(phase=Phase.LANGUAGE_REPAIRS, order=58, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def split_glued_function_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits inserting the space OCR lost between a function word and the word beside it."""
    if context.language not in GLUED_FUNCTION_WORDS:
        return []

    language = context.language
    return edits_from_distinct_matches(TOKEN, text, lambda token: _split(token, language), "glyph", "split_glued_function_words")


@functools.lru_cache(maxsize=1 << 16)
def _split(token: str, language: str) -> str | None:
    function_words = GLUED_FUNCTION_WORDS[language]
    # The set lookups first: most cuts put no function word on either side, and need no frequency lookup.
    splits = [
        i
        for i in range(1, len(token))
        if (token[:i].lower() in function_words or token[i:] in function_words)
        and _word(token[:i], language) and _word(token[i:], language)
    ]
    if not splits:
        return None
    # Several splits (``forthe``: ``for the``, ``fort he``): the one whose rarer half is much the
    # commoner wins, else the token is left alone.
    ranked = sorted(splits, key=lambda i: -_split_score(token, i, language))
    best = _split_score(token, ranked[0], language)
    if len(ranked) > 1 and best - _split_score(token, ranked[1], language) < SPLIT_MARGIN:
        return None
    left, right = token[: ranked[0]], token[ranked[0] :]
    both_function_words = left.lower() in function_words and right in function_words
    if zipf(token, language) >= (FUNCTION_PAIR_ZIPF if both_function_words else UNKNOWN_ZIPF):
        return None
    return f"{left} {right}"


def _split_score(token: str, at: int, language: str) -> float:
    return min(_zipf_part(token[:at], language), _zipf_part(token[at:], language))


def _zipf_part(part: str, language: str) -> float:
    return zipf(part.lower(), language)


def _word(part: str, language: str) -> bool:
    """A word on its own: the article ``a`` (``Acase``), or a common word of two letters or more."""
    return part.lower() == "a" or (len(part) >= 2 and zipf(part, language) >= PART_ZIPF)
