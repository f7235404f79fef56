"""Spaces OCR read as a mark: ``in'Austria`` → ``in Austria``, ``himself.to`` → ``himself to``.

A faint or speckled gap between two words comes out of OCR as an apostrophe, a
full stop, a colon or a semicolon. These shapes are repaired in English text
that a scanner read (the rules act on OCR text only: a web page's marks
are its writer's), like ``glyphs.apostrophe_between_words``, which handles two
lowercase words glued by an apostrophe:

* an apostrophe after one of the commonest words and before a capitalised word
  (``and'Hammerstein``): no contraction or elision ends in a capital, and
  ``O'Neill`` or ``d'Artagnan`` start with a single letter;
* a full stop, colon or semicolon between two lowercase words when the joined
  token is not a word (``the:outcome``, ``his:trademark``), or a colon before a
  capitalised word (``on:Friday``): a sentence goes on in capitals after a full
  stop, a colon is followed by a space. Web addresses
  (``news.com``, ``amzn.to/...``) and abbreviations (``e.g``) are left alone:
  the first part of a web address is rarely a common word, and a top-level
  domain after the mark keeps the token;
* an apostrophe between two ordinary lowercase words whose right part has three
  letters or more (``americans'say``, ``gains'even``), or is one of the commonest
  two-letter words (``buyers'in``: no contraction ends in ``in``), and whose joined
  form is no word (``o'clock``, ``y'all`` are);
* a hyphen between two words one of which is an article, conjunction, pronoun
  or auxiliary (``for-the``, ``michigan-and``, ``that-he``): such words are
  never one half of a two-part compound (``state-of-the-art`` has more parts;
  ``at-home``, ``can-do``, ``would-be``, ``as-is``, ``then-president`` use words
  outside the class);
* a full stop after a lowercase word and before a lowercase word (``know. the``):
  OCR's speck, since a sentence that ends is followed by a capital; abbreviations
  (``etc. and``, ``vs. the``) keep theirs;
* a full stop, colon or semicolon between a number and a common word
  (``100,000.residents``, ``0.4:percent``): a decimal has digits after its point,
  and a file name's extension is no common word with a vowel;
* an apostrophe between two capitalised words of three letters or more
  (``Michael'Webb``): ``O'Neill`` and ``D'Angelo`` start with one letter.
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.normalize.vocabulary import zipf
from ingest.input_kinds import SCANNED
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Some scan patterns open with a lookahead for their first character: the scan then rejects
# most positions at one character test (the same matches, less CPU).
APOSTROPHE_BEFORE_NAME = re.compile(r"(?=[a-z])(?<![\w'‘’-])([a-z]{2,})['‘’]([A-Z][a-z]{2,})(?![\w'‘’-])")
# The word before the mark may be a contraction (``they're.going``, ``let's.face``).
MARK_BETWEEN_WORDS = re.compile(
    r"(?<![\w@/.:;'‘’-])([a-z]{2,}|[A-Za-z][a-z]*['’][a-z]{1,2})(?:([.:;])([a-z]{2,}|a)|(:)([A-Z][a-z]+))(?![\w@/'‘’-]|[.:;]\w)"
)
MARK_AFTER_NUMBER = re.compile(r"(?=[$\d])(?<![\w@/.:;'‘’-])(\$?\d[\d,]*(?:\.\d+)?)([.:;])([a-z]{2,})(?![\w@/'‘’-]|[.:;]\w)")
APOSTROPHE_BETWEEN_NAMES = re.compile(r"(?=[A-Z])(?<![\w'‘’-])([A-Z][a-z]{2,})['‘’]([A-Z][a-z]{2,})(?![\w'‘’-])")
HYPHEN_BETWEEN_WORDS = re.compile(r"(?<![\w@/.'‘’-])([A-Za-z][a-z]*)-([A-Za-z][a-z]*)(?![\w@/'‘’-]|[.:;]\w)")
APOSTROPHE_BETWEEN_WORDS = re.compile(r"(?<![\w'‘’-])([A-Za-z][a-z]+|a)['‘’]([a-z]{2,})(?![\w'‘’-])")
# The word after must not end in a full stop itself: a chain of them (``on. meth. dot. com``)
# is a web address spelt out, not a sentence.
FULL_STOP_INSIDE_SENTENCE = re.compile(
    r"(?<![\w@/.'‘’-])([a-z]{2,})\.(?= ([a-z]{2,}|a)(?![\w@/'‘’.-]|[:;][\w/]))"
)
# What each scan pattern's match must hold, a mark before a letter: found by a fast scan for the
# mark (sre skips ahead to a character of a leading class), they rule out most texts before the
# scan that tests a lookbehind at every position. Each is a necessary condition of its patterns:
# an apostrophe before the capital of the word after it (APOSTROPHE_BEFORE_NAME, _BETWEEN_NAMES),
# a full stop, colon or semicolon before the word after it (MARK_BETWEEN_WORDS, MARK_AFTER_NUMBER),
# a full stop, a space and a small letter (FULL_STOP_INSIDE_SENTENCE). An apostrophe before a
# small letter or a hyphen before a letter is in most English texts: no test for those patterns.
APOSTROPHE_BEFORE_CAPITAL = re.compile(r"['‘’][A-Z]")
MARK_BEFORE_LETTER = re.compile(r"[.:;][A-Za-z]")
FULL_STOP_BEFORE_SMALL_WORD = re.compile(r"\. [a-z]")
# Words that are never one half of a two-part hyphenated compound in English: articles,
# conjunctions, pronouns and a few prepositions. Closed classes of the grammar, not a list of
# damaged words; words that do make compounds (``at``, ``can``, ``be``, ``is`` in ``as-is``,
# ``as``, ``then``, ``all``, ``one``, ``in``, ``on``, ``up``, ``to``, ``by``, ``for``) are left out.
NEVER_COMPOUNDED = {
    "en": frozenset(
        {
            "the", "a", "an", "and", "or", "but", "nor", "of", "with", "from", "that", "this", "these",
            "those", "he", "she", "they", "we", "his", "its", "their",
            "our", "them", "him", "than", "which", "who", "whom", "whose", "into", "onto", "if",
            "when", "where", "whether", "because", "although", "though", "unless", "among", "amongst",
            "are", "was", "were",
        }
    )
}
# An apostrophe between two ordinary words whose right part is three letters or more: every
# contraction and possessive ends in one or two letters (``'s``, ``n't``, ``'re``, ``'ll``), and
# the joined forms that are words (``o'clock`` 4.0, ``y'all`` 5.0, ``qur'an``) are known.
APOSTROPHE_LEFT_ZIPF = 3.0
APOSTROPHE_RIGHT_ZIPF = 4.0
# A right part of two letters must be one of the commonest words (``in`` 7.3, ``of``): the
# two-letter endings of contractions are rarer (``'re`` 5.2, ``'ll`` 4.7, ``'ve`` 4.6, ``'em`` 4.6).
MIN_APOSTROPHE_RIGHT = 3
# A lowercase word with a full stop just before: the chain of a spelt-out address (``meth. dot. com``).
SPELT_OUT_ADDRESS = re.compile(r"[a-z]\. $")
LOOKBEHIND = 3
# Abbreviations written in lower case with a full stop that a sentence goes on after.
LOWERCASE_ABBREVIATIONS = frozenset(
    {"etc", "vs", "approx", "incl", "esp", "cf", "viz", "al", "fig", "ca", "resp", "misc", "est"}
    | {"ed", "eds", "vol", "no", "pp"}
)
# The word before the apostrophe must be one of the commonest (``and`` 7.4, ``in`` 7.3): no
# name is written ``and'...``.
COMMONEST_WORD_ZIPF = 6.0
# Both words around a mark must be ordinary words (``trademark`` 3.6, ``outcome`` 4.6) ...
MARKED_PART_ZIPF = 3.0
# The other half of a hyphen read for a space need only be a word (``michigan`` 3.9, ``zero``).
HYPHENED_PART_ZIPF = 2.5
# ... and the joined token unknown, which keeps ``o'clock`` (4.0) and other known forms.
UNKNOWN_ZIPF = 1.0
# wordfreq keeps a dotted token whole: known web addresses are this common (``google.com`` 2.2),
# while dotted OCR damage of the commonest words stays under it (``to.the`` 1.3).
DOTTED_KNOWN_ZIPF = 2.0
# A top-level domain after a full stop makes the token a web address (``himself.to`` is the
# exception: its left side is a common word, see ``WEB_NAME_ZIPF``).
TOP_LEVEL_DOMAINS = frozenset(
    {"com", "org", "net", "edu", "gov", "int", "io", "co", "info", "biz"}
    | {"uk", "de", "fr", "us", "eu", "ly", "me", "tv"}
)
# A left side this common is a word of the sentence, not a site's name.
WEB_NAME_ZIPF = 5.5
# The word after a number must be a common word (``residents`` 4.4, ``percent`` 4.9) with a
# vowel: file extensions (``pdf``, ``jpg``, ``txt``) have none.
WORD_AFTER_NUMBER_ZIPF = 3.5
VOWEL = re.compile(r"[aeiouy]")
# Both names around the apostrophe must be known names or words (``Michael`` 4.9, ``Webb`` 3.6).
NAME_ZIPF = 2.5


@rule(phase=Phase.LANGUAGE_REPAIRS, order=53, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def apostrophe_before_name(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning an apostrophe between one of the commonest words and a capitalised word into a space."""
    if not _reads_print(context) or not APOSTROPHE_BEFORE_CAPITAL.search(text):
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.group(1), match.group(2)
        return f"{left} {right}" if zipf(left, "en") >= COMMONEST_WORD_ZIPF else None

    return edits_from_matches(APOSTROPHE_BEFORE_NAME, text, replace, "glyph", "apostrophe_before_name")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=55, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def mark_between_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a full stop, colon or semicolon glued between two lowercase words into a space."""
    if not _reads_print(context) or not MARK_BEFORE_LETTER.search(text):
        return []

    def replace(match: re.Match[str]) -> str | None:
        left = match.group(1)
        mark, right = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
        if zipf(left, "en") < MARKED_PART_ZIPF or zipf(right, "en") < MARKED_PART_ZIPF:
            return None
        # wordfreq keeps a dotted token whole (``google.com``) and splits at a colon: only the
        # former can be a known token.
        if mark == "." and zipf(match.group(), "en") >= DOTTED_KNOWN_ZIPF:
            return None
        if mark == "." and right in TOP_LEVEL_DOMAINS and zipf(left, "en") < WEB_NAME_ZIPF:
            return None
        return f"{left} {right}"

    return edits_from_matches(MARK_BETWEEN_WORDS, text, replace, "glyph", "mark_between_words")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=56, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def hyphen_between_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a hyphen beside an article, conjunction or pronoun into a space."""
    closed_class = NEVER_COMPOUNDED.get(context.language)
    if not closed_class:
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.groups()
        if right[0].isupper() and left.lower() not in closed_class:
            return None  # ``anti-American``, ``Austro-Hungarian``: a prefix before a name
        if not (left.lower() in closed_class or right.lower() in closed_class):
            return None
        if zipf(left, context.language) < HYPHENED_PART_ZIPF or zipf(right, context.language) < HYPHENED_PART_ZIPF:
            return None
        return f"{left} {right}"

    return edits_from_matches(HYPHEN_BETWEEN_WORDS, text, replace, "glyph", "hyphen_between_words")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=57, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def full_stop_inside_sentence(text: str, context: CleaningContext) -> list[Edit]:
    """Edits dropping a full stop between two lowercase words, abbreviations apart."""
    if not _reads_print(context) or not FULL_STOP_BEFORE_SMALL_WORD.search(text):
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.group(1), match.group(2)
        if left in LOWERCASE_ABBREVIATIONS or _after_spelt_out_address(text, match.start()):
            return None
        if zipf(left, "en") < MARKED_PART_ZIPF or zipf(right, "en") < MARKED_PART_ZIPF:
            return None
        return left

    return edits_from_matches(FULL_STOP_INSIDE_SENTENCE, text, replace, "glyph", "full_stop_inside_sentence")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=54, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def apostrophe_between_ordinary_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning an apostrophe between two ordinary words into a space, contractions apart."""
    if not _reads_print(context):
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.groups()
        right_bar = COMMONEST_WORD_ZIPF if len(right) < MIN_APOSTROPHE_RIGHT else APOSTROPHE_RIGHT_ZIPF
        if zipf(left, "en") < APOSTROPHE_LEFT_ZIPF or zipf(right, "en") < right_bar:
            return None
        if zipf(match.group().replace("‘", "'").replace("’", "'"), "en") >= UNKNOWN_ZIPF:
            return None
        return f"{left} {right}"

    return edits_from_matches(APOSTROPHE_BETWEEN_WORDS, text, replace, "glyph", "apostrophe_between_ordinary_words")


def _reads_print(context: CleaningContext) -> bool:
    """English OCR text (the only kind these rules act on): where specks and faint gaps become marks.

    A web page's marks are the writer's: ``4 oz. cooked``, ``cu.ft.``, ``in toto``
    are right there and would be "repaired" wrong, which is why the rules declare OCR alone.
    """
    return context.language == "en"


def _after_spelt_out_address(text: str, start: int) -> bool:
    return SPELT_OUT_ADDRESS.search(text, max(0, start - LOOKBEHIND), start) is not None


@rule(phase=Phase.LANGUAGE_REPAIRS, order=61, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def mark_after_number(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a full stop, colon or semicolon between a number and a common word into a space."""
    if not _reads_print(context) or not MARK_BEFORE_LETTER.search(text):
        return []

    def replace(match: re.Match[str]) -> str | None:
        number, _, word = match.groups()
        if word in TOP_LEVEL_DOMAINS or not VOWEL.search(word) or zipf(word, "en") < WORD_AFTER_NUMBER_ZIPF:
            return None
        return f"{number} {word}"

    return edits_from_matches(MARK_AFTER_NUMBER, text, replace, "glyph", "mark_after_number")


@rule(phase=Phase.LANGUAGE_REPAIRS, order=62, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def apostrophe_between_names(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning an apostrophe between two capitalised names into a space."""
    if not _reads_print(context) or not APOSTROPHE_BEFORE_CAPITAL.search(text):
        return []

    def replace(match: re.Match[str]) -> str | None:
        left, right = match.groups()
        return f"{left} {right}" if min(zipf(left, "en"), zipf(right, "en")) >= NAME_ZIPF else None

    return edits_from_matches(APOSTROPHE_BETWEEN_NAMES, text, replace, "glyph", "apostrophe_between_names")
