"""Spaces OCR read as a mark: ``in'Austria`` → ``in Austria``, ``himself.to`` → ``himself to``.

A faint or speckled gap between two words comes out of OCR as an apostrophe, a
full stop, a colon or a semicolon. Two shapes are repaired (English only, like
``glyphs.apostrophe_between_words``, which handles two lowercase words glued by
an apostrophe):

* an apostrophe after one of the commonest words and before a capitalised word
  (``and'Hammerstein``): no contraction or elision ends in a capital, and
  ``O'Neill`` or ``d'Artagnan`` start with a single letter;
* a full stop, colon or semicolon between two lowercase words when the joined
  token is not a word (``the:outcome``, ``his:trademark``): a sentence goes on
  in capitals after a full stop, a colon is followed by a space. Web addresses
  (``news.com``, ``amzn.to/...``) and abbreviations (``e.g``) are left alone:
  the first part of a web address is rarely a common word, and a top-level
  domain after the mark keeps the token.
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.normalize.vocabulary import zipf
from ingest.rules import CleaningContext
from ingest.traced_text import Edit

APOSTROPHE_BEFORE_NAME = re.compile(r"(?<![\w'’-])([a-z]{2,})['’]([A-Z][a-z]{2,})(?![\w'’-])")
MARK_BETWEEN_WORDS = re.compile(r"(?<![\w@/.:;'’-])([a-z]{2,})([.:;])([a-z]{2,})(?![\w@/'’-]|[.:;]\w)")
# The word before the apostrophe must be one of the commonest (``and`` 7.4, ``in`` 7.3): no
# name is written ``and'...``.
COMMONEST_WORD_ZIPF = 6.0
# Both words around a mark must be ordinary words (``trademark`` 3.6, ``outcome`` 4.6) ...
MARKED_PART_ZIPF = 3.0
# ... and the joined token unknown, which keeps ``google.com`` (2.2) and other known addresses.
UNKNOWN_ZIPF = 1.0
# A top-level domain after a full stop makes the token a web address (``himself.to`` is the
# exception: its left side is a common word, see ``WEB_NAME_ZIPF``).
TOP_LEVEL_DOMAINS = frozenset({"com", "org", "net", "edu", "gov", "int", "io", "co", "uk", "de", "fr", "info", "biz", "us", "eu", "ly", "me", "tv"})
# A left side this common is a word of the sentence, not a site's name.
WEB_NAME_ZIPF = 5.5


def apostrophe_before_name(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning an apostrophe between one of the commonest words and a capitalised word into a space."""
    if context.language != "en":
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.group(1), match.group(2)
        return f"{left} {right}" if zipf(left, "en") >= COMMONEST_WORD_ZIPF else None

    return edits_from_matches(APOSTROPHE_BEFORE_NAME, text, replace, "glyph", "apostrophe_before_name")


def mark_between_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a full stop, colon or semicolon glued between two lowercase words into a space."""
    if context.language != "en":
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, mark, right = match.groups()
        if zipf(left, "en") < MARKED_PART_ZIPF or zipf(right, "en") < MARKED_PART_ZIPF:
            return None
        # wordfreq keeps a dotted token whole (``google.com``) and splits at a colon: only the
        # former can be a known token.
        if mark == "." and zipf(match.group(), "en") >= UNKNOWN_ZIPF:
            return None
        if mark == "." and right in TOP_LEVEL_DOMAINS and zipf(left, "en") < WEB_NAME_ZIPF:
            return None
        return f"{left} {right}"

    return edits_from_matches(MARK_BETWEEN_WORDS, text, replace, "glyph", "mark_between_words")
