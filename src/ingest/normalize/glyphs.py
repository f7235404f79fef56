"""OCR glyph errors, repaired by pattern and word frequency.

* ``16™ century`` → ``16th century``: a superscript ordinal suffix read as the
  trade-mark sign. English only, only for numbers whose suffix is ``th`` and only
  before a lowercase word, so ``Windows 11™`` before a name is left alone.
* ``1is`` → ``is``: a stray digit glued to a very common word, when the glued
  form is unknown, or merely rare before the commonest words (``1of``); ``5am``,
  ``1st`` and ``2in`` are known and stay.
* ``Vvis`` → ``vis``: a capital doubled by a lowercase copy of itself, when the
  word is unknown and the rest is a word (``Lloyd``, ``Aaron`` are known and stay);
  the commoner the rest (``and``, ``far``), the rarer-but-seen a form may still be
  damage (``Aand``, ``Ffar`` occur only in OCR'd text).
* ``of'its`` → ``of its``: an apostrophe between two very common words, or after
  one of the commonest words and before an ordinary one (``of'fuel``). English
  only: elision in French or Italian (``l'homme``) is correct there; contractions
  (``don't``, ``we're``, ``today's``) end in a short part that is never one of the
  commonest words, which a short right side must be (``with'a``, ``to'do``).
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import SCANNED
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Two scan patterns open with a lookahead for their first character: the scan then rejects
# most positions at one character test (the same matches, less CPU).
TRADEMARK_ORDINAL = re.compile(r"(?=\d)(?<!\d)(\d{1,3})™(?=[ \t]+[a-z])")
STRAY_DIGIT = re.compile(r"(?=\d)(?<![\w.,:/-])\d([^\W\d_]{2,})(?!\w)")
DOUBLED_INITIAL = re.compile(r"(?<!\w)([^\W\d_])\1[^\W\d_]*(?!\w)", re.IGNORECASE)
GLUED_BY_APOSTROPHE = re.compile(r"(?<![\w'‘’-])([a-z]{2,})['‘’]([a-z]+)(?![\w'‘’-])")
SENTENCE_END_BEFORE = re.compile(r"(?:[.!?][\"'”’)]*\s+|\n)$")

# The glued form must be unknown (below one use in a hundred million words).
UNKNOWN_ZIPF = 1.0
# A glued form this rare is damage when what it hides is one of the commonest words:
# wordfreq gives ``1the`` 1.7 and ``Aand`` 2.0 from OCR'd text, while ``and`` is 7.4. Names and
# units stay above it (``2in`` 2.2, ``Wwe`` 4.0) or hide a less common word (``Ooh``: ``oh`` 5.4).
RARE_GLUED_ZIPF = 2.5
# Only words this common justify the ``RARE_GLUED_ZIPF`` bar (``the``, ``and``, ``of``, ``in``).
COMMONEST_WORD_ZIPF = 6.0
# A glued form below this hides a common word (``COMMON_WORD_ZIPF``, ``far`` 5.5) rather than
# being one: ``Ffar`` 1.1, ``Ooff`` 1.1 come from OCR'd text, not from writers.
SCARCE_GLUED_ZIPF = 1.5
COMMON_WORD_ZIPF = 5.0
# A digit glued to a common word is judged stricter: ``1in``/``2in`` (2.2) are inches.
RARE_DIGIT_GLUED_ZIPF = 2.0
# What a stray digit may be glued to: only the commonest words (``is`` 7.1, ``it``, ``the``).
STRAY_DIGIT_WORD_ZIPF = 5.0
# What remains of a doubled initial must be a word someone writes (``vis`` 3.4).
DOUBLED_REST_ZIPF = 3.0
# Both sides of a stray apostrophe must be common function-like words (``of`` 7.4, ``its`` 6.1);
# ``nor'easter`` (``easter`` 4.1) stays.
APOSTROPHE_PART_ZIPF = 5.0
# After one of the commonest words (``COMMONEST_WORD_ZIPF``: ``of``, ``to``, ``for``) the right side
# need only be an ordinary word (``fuel`` 4.7, ``partly`` 4.3): no English word is spelt
# ``of'...`` or ``to'...``, while ``nor'easter`` (``nor`` 4.8) still stays.
APOSTROPHE_RIGHT_ZIPF = 4.0
# A long right side is never a contraction or suffix, so a rarer word will do there
# (``suppliers`` 3.9, ``smartphones`` 3.7); ``to'ing`` (``ing`` 4.0, a suffix) is too short for it.
APOSTROPHE_LONG_RIGHT_ZIPF = 3.0
LONG_RIGHT = 5
# A right side this short is usually a contraction or the possessive (``s`` 5.9, ``re`` 5.2,
# ``ll`` 4.7, ``t`` 5.4): only one of the commonest words clears this bar (``a`` 7.4, ``do`` 6.4).
SHORT_RIGHT = 2
SHORT_RIGHT_ZIPF = 6.2
# Text this far before a word decides whether it opens a sentence.
LOOKBEHIND = 8


@rule(phase=Phase.LANGUAGE_REPAIRS, order=60, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def trademark_ordinal(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a trade-mark sign after a number into the ordinal suffix ``th``."""
    if context.language != "en" or "™" not in text:
        return []

    def replace(match: re.Match[str]) -> str | None:
        number = match.group(1)
        return number + "th" if _english_ordinal_suffix(int(number)) == "th" else None

    return edits_from_matches(TRADEMARK_ORDINAL, text, replace, "glyph", "trademark_ordinal")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=30, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def stray_digit(text: str, context: CleaningContext) -> list[Edit]:
    """Edits dropping a digit glued to the front of a very common word."""
    language = context.language
    if not has_word_list(language):
        return []

    def replace(match: re.Match[str]) -> str | None:
        word = match.group(1)
        if not word.islower() or zipf(word, language) < STRAY_DIGIT_WORD_ZIPF:
            return None
        glued_bar = RARE_DIGIT_GLUED_ZIPF if zipf(word, language) >= COMMONEST_WORD_ZIPF else UNKNOWN_ZIPF
        if zipf(match.group(), language) >= glued_bar:
            return None
        return word

    return edits_from_matches(STRAY_DIGIT, text, replace, "glyph", "stray_digit")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=40, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def doubled_initial(text: str, context: CleaningContext) -> list[Edit]:
    """Edits dropping a capital that OCR doubled in front of its own lowercase letter."""
    language = context.language
    if not has_word_list(language):
        return []

    def replace(match: re.Match[str]) -> str | None:
        word = match.group()
        if not (word[0].isupper() and word[1:].islower()):
            return None
        rest = word[1:]
        rest_zipf = zipf(rest, language)
        if zipf(word, language) >= _doubled_glued_bar(rest_zipf) or rest_zipf < DOUBLED_REST_ZIPF:
            return None
        return rest[0].upper() + rest[1:] if _opens_sentence(text, match.start()) else rest

    return edits_from_matches(DOUBLED_INITIAL, text, replace, "glyph", "doubled_initial")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=50, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def apostrophe_between_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning an apostrophe between two common English words into a space."""
    if context.language != "en":
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.group(1), match.group(2)
        if zipf(left, "en") < APOSTROPHE_PART_ZIPF or zipf(right, "en") < _apostrophe_right_bar(left, right):
            return None
        return f"{left} {right}"

    return edits_from_matches(GLUED_BY_APOSTROPHE, text, replace, "glyph", "apostrophe_between_words")


def _apostrophe_right_bar(left: str, right: str) -> float:
    """How common the word after a stray apostrophe must be: laxer after the commonest words."""
    if len(right) <= SHORT_RIGHT:
        return SHORT_RIGHT_ZIPF
    if zipf(left, "en") < COMMONEST_WORD_ZIPF:
        return APOSTROPHE_PART_ZIPF
    return APOSTROPHE_LONG_RIGHT_ZIPF if len(right) >= LONG_RIGHT else APOSTROPHE_RIGHT_ZIPF


def _doubled_glued_bar(rest_zipf: float) -> float:
    """How rare a doubled-initial form must be to be damage: the commoner the word it hides, the laxer."""
    if rest_zipf >= COMMONEST_WORD_ZIPF:
        return RARE_GLUED_ZIPF
    if rest_zipf >= COMMON_WORD_ZIPF:
        return SCARCE_GLUED_ZIPF
    return UNKNOWN_ZIPF


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or SENTENCE_END_BEFORE.search(text[max(0, start - LOOKBEHIND) : start]) is not None


def _english_ordinal_suffix(number: int) -> str:
    if 11 <= number % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
