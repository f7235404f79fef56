"""Glyphs OCR mistakes for one another, put right when the word list says which word was printed.

OCR engines confuse shapes, not words: ``1``, ``l`` and ``I`` (``fami1y``,
``caIled``), ``0`` and ``o`` (``c0uld``), ``5`` and ``s`` (``cla5s``), ``rn`` and
``m`` (``rnodern``, ``retum``), ``vv`` and ``w`` (``vvhich``), ``ri``/``ii`` and
``n`` (``amoiig``, ``Keritucky``), ``ti`` and ``u`` (``sticceed``), ``cl`` and ``d``,
``li`` and ``h``, ``t`` and ``r``, an accent from a speck (``facéd``). A token is
repaired when it is not a word (or a rare one hiding one of the commonest words,
``tlie``), exactly one reading with one confusion undone (two in a long
word, or every digit read as the letter it resembles) is a common word, and no
other reading comes close. A token the word list knows (a name, a code
such as ``F-35``, ``COVID-19``, ``4G``, ``1st``, ``5km``) is never read again; nor
is a token that opens with a run of digits (``10am``) or has capitals after its
first letter (``A380``, ``iPhone``), and languages without a word list are left
alone. One ``1``, ``0`` or ``5`` before lower-case letters is a glyph like any
other (``1ived``, ``5ome``): numbers with units are known tokens, and the rest
must still read as a common word.

The pronoun ``I`` read as a vertical bar (``| think``) is put right apart, in English.

Written by hand: spelling correctors (SymSpell, Hunspell suggestions) propose
any word at a small edit distance; here only the confusions of glyph shapes are
tried, which is what keeps names and rare words safe.
"""

from __future__ import annotations

import functools
import re

from ingest.normalize.edits import edits_from_distinct_matches
from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import SCANNED
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# What OCR printed → what the page showed. Letters and digits only: the shapes Tesseract and
# older engines are known to merge or split at text resolutions.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("1", "l"),
    ("1", "i"),
    ("0", "o"),
    ("5", "s"),
    ("I", "l"),
    ("i", "l"),
    ("rn", "m"),
    ("m", "rn"),
    ("vv", "w"),
    ("ri", "n"),
    ("ii", "n"),
    ("ii", "u"),
    ("ii", "i"),
    ("ni", "m"),
    ("ni", "n"),
    ("in", "m"),
    ("in", "n"),
    ("cl", "d"),
    ("li", "h"),
    ("ti", "u"),
    ("ir", "n"),
    ("i", "r"),
    ("mi", "m"),
    ("h", "n"),
    ("hi", "h"),
    ("t", "r"),
    ("f", "t"),
    ("f", "r"),
    ("a", "o"),
    ("i", "u"),
    ("y", "v"),
    ("é", "e"),
)
DIGIT_LETTERS = {"1": "l", "0": "o", "5": "s"}
# The pronoun "I" read as a vertical bar: a bar between a lowercase word (or the start of a
# sentence or quotation) and a common lowercase word. A table row or a "Home | News" menu has
# bars beside capitals or numbers too, and then no bar on its line is read as "I".
BAR = re.compile(r"\|")
WORD_AFTER_BAR = re.compile(r"[ ’']([a-z]+)")
OPENS_SENTENCE = ".!?,;:\"“("
WORD_AFTER_I_ZIPF = 3.0
# A candidate token: letters with confusable digits among them, opening with a letter or with
# one confusable digit before a lower-case letter; each part of a hyphenated compound is one
# (``turbirie-style``), a web address is none.
TOKEN = re.compile(r"(?<![\w@/.])(?:[^\W\d_]|[105](?=[a-z]))[\w]*[^\W_](?![\w@/]|\.\w)")
# The token must be unknown: below one use in a hundred million words (``fami1y`` 0, ``retum`` 0) ...
UNKNOWN_ZIPF = 1.0
# ... or merely rare when its reading is one of the commonest words: wordfreq has seen OCR'd
# ``tlie`` (1.7), ``iin`` (2.2), ``ahd`` (2.2), ``thé`` (2.1), while words a writer means stay above
# (``mote`` 2.6, ``arid`` 3.4), like ``glyphs.RARE_GLUED_ZIPF`` for glued digits.
RARE_TOKEN_ZIPF = 2.5
COMMONEST_READING_ZIPF = 6.0
# The reading must be a word writers use (``family`` 5.7, ``flair`` 3.5, ``modern`` 5.1) ...
READING_ZIPF = 3.0
# ... or, from a long token, merely a word (``concentrator`` 2.3, ``vindication`` 2.9): one
# confusion away from a long token, few words lie, so a unique reading is the printed one.
LONG_TOKEN = 10
LONG_READING_ZIPF = 2.0
# ... and stand out from any other reading by this much (ten times as common), else the
# confusion is ambiguous (``ta1l`` is ``tall`` 4.3 or ``tail`` 4.4).
READING_MARGIN = 1.0
# A capitalised token may be a name the word list lacks (``Marni``): its reading must be a
# common word, not merely a word (``Kentucky`` 4.3 from ``Keritucky``).
CAPITALISED_READING_ZIPF = 4.0
MIN_TOKEN = 3
# A two-letter reading must be one of the commonest words (``iin`` → ``in``): short readings
# are reached from too many tokens to trust a rarer one.
MIN_READING = 2
# Two confusions in one word are tried only in longer words (``viridicatioh``): in a short
# one, two changes reach too many words for the margin to mean anything.
MIN_TWICE = 7
MAX_TOKEN = 24


@rule(phase=Phase.LANGUAGE_REPAIRS, order=51, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def confused_glyphs(text: str, context: CleaningContext) -> list[Edit]:
    """Edits replacing a non-word with the one common word a glyph confusion hides in it."""
    language = context.language
    if not has_word_list(language):
        return []

    return edits_from_distinct_matches(TOKEN, text, lambda token: _reading(token, language), "glyph", "confused_glyphs")


def misread_words(text: str, language: str) -> int:
    """How many tokens of ``text`` read as a common word with a glyph confusion undone: OCR's own mark."""
    if not has_word_list(language):
        return 0
    return sum(_reading(match.group(), language) is not None for match in TOKEN.finditer(text))


@functools.lru_cache(maxsize=1 << 16)
def _reading(token: str, language: str) -> str | None:
    """The word ``token`` was printed as, when the confusions point to exactly one."""
    if not MIN_TOKEN <= len(token) <= MAX_TOKEN or not _has_word_case(token):
        return None
    token_zipf = zipf(token, language)
    if token_zipf >= RARE_TOKEN_ZIPF:
        return None
    scored = sorted(((zipf(c, language), c) for c in _candidates(token)), reverse=True)
    if not scored:
        return None
    (best_zipf, best), runner_up = scored[0], scored[1][0] if len(scored) > 1 else 0.0
    if best_zipf < _reading_bar(token, token_zipf, best) or runner_up > best_zipf - READING_MARGIN:
        return None
    return _cased_like(best, token)


def _reading_bar(token: str, token_zipf: float, reading: str) -> float:
    """How common the reading must be: one of the commonest words for a rare token or a short reading."""
    if token_zipf >= UNKNOWN_ZIPF or len(reading) < MIN_TOKEN:
        return COMMONEST_READING_ZIPF
    if token[0].isupper():
        return CAPITALISED_READING_ZIPF
    return LONG_READING_ZIPF if len(token) >= LONG_TOKEN else READING_ZIPF


def _has_word_case(token: str) -> bool:
    """Lower case, perhaps capitalised: the shapes of words; capitals are acronyms and codes."""
    letters = "".join(c for c in token if c.isalpha())
    if len(letters) < MIN_TOKEN - 1:
        return False
    body = token[1:].replace("I", "l")
    return body == body.lower()


def _candidates(token: str) -> set[str]:
    """Every reading with one or two confusions undone, and the reading with every digit a letter."""
    once = _undo_one(token)
    if any(c.isdigit() for c in token):
        once.add("".join(DIGIT_LETTERS.get(c, c) for c in token))
    twice = {reading for first in once for reading in _undo_one(first)} if len(token) >= MIN_TWICE else set()
    return {r for r in once | twice if r.isalpha() and len(r) >= MIN_READING}


def _undo_one(token: str) -> set[str]:
    readings = set()
    for seen, meant in CONFUSIONS:
        start = token.find(seen)
        while start >= 0:
            readings.add(token[:start] + meant + token[start + len(seen) :])
            start = token.find(seen, start + 1)
    return readings


def _cased_like(word: str, token: str) -> str:
    return word[0].upper() + word[1:] if token[0].isupper() else word


@rule(phase=Phase.LANGUAGE_REPAIRS, order=52, effect=REPAIR, kinds="glyph", inputs=SCANNED)
def bar_for_capital_i(text: str, context: CleaningContext) -> list[Edit]:
    """Edits turning a vertical bar that stands for the pronoun into ``I`` (English)."""
    if context.language != "en" or "|" not in text:
        return []
    edits = []
    offset = 0
    for line in text.split("\n"):
        bars = [match.start() for match in BAR.finditer(line)]
        if bars and all(_bar_reads_as_i(line, at) for at in bars):
            edits += [Edit(offset + at, offset + at + 1, "I", "glyph", "bar_for_capital_i") for at in bars]
        offset += len(line) + 1
    return edits


def _bar_reads_as_i(line: str, at: int) -> bool:
    after = WORD_AFTER_BAR.match(line, at + 1)
    if after is None or len(after.group(1)) < 2 or zipf(after.group(1), "en") < WORD_AFTER_I_ZIPF:
        return False
    before = line[:at].rstrip()
    if at and line[at - 1] not in " " + OPENS_SENTENCE:
        return False
    previous = before.split()[-1] if before.split() else ""
    return not previous or previous[-1] in OPENS_SENTENCE or (previous.isalpha() and previous.islower())
