"""Two-character tokens OCR misread: ``1t`` → ``it``, ``0f`` → ``of``, ``lt was`` → ``It was``.

Too short for the word-list test of :mod:`ingest.normalize.confusions` (wordfreq
counts ``1t`` with every digit-letter pair, and knows ``lt`` as an abbreviation),
such a token is repaired only when its reading is one of the commonest words,
capitalised where a sentence opens; an ``l`` read for an ``i`` or ``I`` only
before a lower-case word, and only when far rarer than its reading (Italian
``lo`` is as common as ``io``). Print read back only: web text writes ``ln`` for
a logarithm.
"""

from __future__ import annotations

import re

from ingest.normalize.confusions import COMMONEST_READING_ZIPF
from ingest.normalize.edits import edits_from_matches
from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import SCANNED
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# In a two-character token a ``1`` stands for ``i`` as often as for ``l`` (``1t``, ``1n``, ``1s``):
# the commonest words of two letters have an ``i``, none an ``l``.
SHORT_DIGIT_LETTERS = {"1": "i", "0": "o", "5": "s"}
# A digit, then a letter: ``1s``, ``5s`` are plurals of figures ("in 1s and 0s"), not ``is``;
# a letter, then a digit, is a code (``i5``, ``A4``), never a word misread.
# Each scan pattern over a whole text opens with a lookahead for its first character: the
# scan then rejects most positions at one character test (the same matches, less CPU).
SHORT_DIGIT_TOKEN = re.compile(r"(?=[105])(?<![\w@/.,:'‘’$£€-])[105][a-rt-z](?![\w@/'‘’-]|[.,:]\d)")
# ``lt`` (4.2) is far rarer than ``it`` (7.0): by this much at least, in Zipf units.
SHORT_WORD_MARGIN = 2.0
SENTENCE_OPENING = re.compile(r"[.!?][\"”’)]? $")
# ``l`` for an ``i`` or a capital ``I`` (``lt was``, ``if ln doubt``), a lower-case word after it.
L_FOR_I = re.compile(r"(?=l)(?<![\w@/.,:'‘’$£€-])l[a-z](?= [a-z])")


# Before the rules that read marks and spaces around words: they need ``ln`` read as ``In`` to see a sentence start.
@rule(phase=Phase.LANGUAGE_REPAIRS, order=45, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def short_words_misread(text: str, context: CleaningContext) -> list[Edit]:
    """Edits reading two-character tokens as the commonest words they show."""
    if not has_word_list(context.language):
        return []
    language = context.language

    def digit_reading(match: re.Match[str]) -> str | None:
        reading = "".join(SHORT_DIGIT_LETTERS.get(c, c) for c in match.group())
        if zipf(reading, language) < COMMONEST_READING_ZIPF:
            return None
        return reading.capitalize() if _opens_sentence(text, match.start()) else reading

    def i_reading(match: re.Match[str]) -> str | None:
        reading = "i" + match.group()[1]
        reading_zipf = zipf(reading, language)
        if reading_zipf < COMMONEST_READING_ZIPF or zipf(match.group(), language) > reading_zipf - SHORT_WORD_MARGIN:
            return None
        return reading.capitalize() if _opens_sentence(text, match.start()) else reading

    return edits_from_matches(SHORT_DIGIT_TOKEN, text, digit_reading, "glyph", "short_words_misread") + edits_from_matches(
        L_FOR_I, text, i_reading, "glyph", "short_words_misread"
    )


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] == "\n" or SENTENCE_OPENING.search(text, max(0, start - 3), start) is not None
