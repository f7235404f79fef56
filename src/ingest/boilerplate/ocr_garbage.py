"""OCR garbage: a line that is not language but scanner noise ("Sl S tdindl 35 0").

Two signals must agree, because either alone also describes real text:

* few of its words are dictionary words (``wordfreq``, in the document's
  language and in English, which scanned documents quote everywhere): a line of
  foreign names also has few;
* an odd character mix: many one-character tokens, letters glued to digits, or
  a high share of symbols: a line of a table or a formula also has that.

A row of a data table printed one row a line (a rank, a name, its figures) has
both and is kept: its tokens are only numbers and Title Case names.

Lines whose language wordfreq does not know get only the English dictionary,
so a line in such a script has no known words; the odd-mix signal still has to
agree before anything is removed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from wordfreq import available_languages

from ingest.normalize.vocabulary import zipf

# A word at least this frequent (Zipf scale: 3 is once per million words) is a dictionary word.
MIN_WORD_ZIPF = 2.5
# At most this share of dictionary words among alphabetic tokens: real lines score far higher.
# Half is too many: a label or a name beside one word ("(CyberAlert, May 2)", "Netgear
# Nighthawk R6700 AC1700 Router for $67.77") has half, and on 80 pages Tesseract read
# (bench/ocr_real.py lists each line removed) all 4 lines taken at half were real lines.
MAX_WORD_SHARE = 0.4
# Odd mix: this share of one-character tokens, or of symbols among non-space characters.
MIN_SINGLE_CHAR_SHARE = 0.3
MIN_SYMBOL_SHARE = 0.25
MIN_SINGLE_CHARS = 2
# Lines longer than this are prose or layout, never judged as a garbage line.
MAX_GARBAGE_CHARS = 120
MIN_TOKENS = 2

# Scanner debris among page furniture: a few pieces, each scrambled or tiny.
MAX_DEBRIS_PIECES = 8
MAX_SHORT_PIECE_CHARS = 2
# Two-letter words this frequent (Zipf 5: ten per hundred thousand words) are language, not debris.
MIN_SHORT_WORD_ZIPF = 5.0
EDGE_PUNCTUATION = ".,;:!?\"'“”‘’«»()[]"

TOKEN = re.compile(r"\w+", re.UNICODE)
CAPITAL_AFTER_SMALL = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
GLUED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
SEPARATOR_LINE = re.compile(r"^(.)\1*$")
# A row of a results or standings table, printed one row a line: numbers and Title Case
# names only ("2 Tom Ruud 5035 7 2 9"), names of two letters or more (noise is "S", "tdindl").
NUMBER = r"[-+]?\$?\d[\d.,:/%]*"
NAME_WORD = r"[A-ZÀ-Þ][a-zà-ÿ'’.-]+"
DATA_ROW = re.compile(rf"^(?:{NUMBER}\s+)*{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NUMBER}))*\s+{NUMBER}(?:\s+{NUMBER})+$")


def is_ocr_garbage(line: str, language: str, max_word_share: float = MAX_WORD_SHARE) -> bool:
    """True when at most ``max_word_share`` of the line's words are dictionary words and its character mix is odd."""
    stripped = line.strip()
    if len(stripped) > MAX_GARBAGE_CHARS:
        return False
    return _is_garbage(stripped, language, max_word_share)


# The page-furniture rule judges every short line on each of its passes until the
# text is stable, and again after re-flowing: the same lines, the same verdicts.
@lru_cache(maxsize=16_384)
def _is_garbage(stripped: str, language: str, max_word_share: float) -> bool:
    if SEPARATOR_LINE.match(stripped.replace(" ", "")):
        return False
    tokens = TOKEN.findall(stripped)
    if len(tokens) < MIN_TOKENS:
        return False
    # Allowed no dictionary word at all, a line is settled by its first one, found sooner than its character mix is read.
    if max_word_share <= 0 and any(_is_word(token, language) for token in tokens if any(map(str.isalpha, token))):
        return False
    if not _odd_mix(stripped):  # cheap, and false for almost every line of prose
        return False
    letters = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if not letters or DATA_ROW.match(stripped):
        return False
    known = sum(_is_word(token, language) for token in letters)
    return known / len(letters) <= max_word_share


def is_scanner_debris(line: str, language: str) -> bool:
    """A short line of no dictionary word whose every piece is scrambled: debris, where furniture stands.

    Weaker than :func:`is_ocr_garbage` (one piece is enough: "F5n4xO", "YG",
    "dM« wpsgI"), so callers use it only among page furniture. A piece is
    scrambled when it mixes letters with digits or symbols, has a capital
    after a small letter, or is at most two characters not written as a word
    ("tn", "i", "3"; "US" and "No" are words); a name ("Meyer-Dominguez",
    "Nadia Benali") has none of these.
    """
    pieces = line.split()
    if not pieces or len(pieces) > MAX_DEBRIS_PIECES or len(line.strip()) > MAX_GARBAGE_CHARS:
        return False
    if any(_is_debris_veto_word(token, language) for token in TOKEN.findall(line)):
        return False
    return any(ch.isalpha() for ch in line) and all(_is_scrambled(piece) for piece in pieces)


def _is_debris_veto_word(token: str, language: str) -> bool:
    """A dictionary word; of two letters only one of the commonest ("it", "of"): "dm" and "tn" are noise here."""
    if len(token) > MAX_SHORT_PIECE_CHARS:
        return _is_word(token, language)
    folded = token.casefold()
    return len(token) == MAX_SHORT_PIECE_CHARS and any(zipf(folded, lang) >= MIN_SHORT_WORD_ZIPF for lang in _dictionaries(language))


def _is_scrambled(piece: str) -> bool:
    core = piece.strip(EDGE_PUNCTUATION)
    inner = core.replace("-", "").replace("'", "")
    tiny = len(core) <= MAX_SHORT_PIECE_CHARS and not (core.isupper() or core.istitle())  # "US", "No" are words
    return (
        tiny
        or bool(GLUED.search(core))
        or bool(CAPITAL_AFTER_SMALL.search(core))
        or any(not ch.isalnum() for ch in inner)
    )


def _odd_mix(line: str) -> bool:
    # one-character pieces are counted between spaces: "F-16" is one designation, not an "F" and a "16"
    pieces = line.split()
    single_count = sum(len(core) == 1 and core.isalnum() for core in (p.strip(".,;:!?()[]\"'") for p in pieces))
    # in a line of letters only, one one-letter word is language ("À lire aussi"): it takes two
    letters = "".join(line.rstrip(".,;:!?").split())
    letters_only = not letters or letters.isalpha()
    singles = single_count / len(pieces) if single_count >= (MIN_SINGLE_CHARS if letters_only else 1) else 0.0
    # str.split() drops exactly the characters str.isspace() calls space
    visible = "".join(pieces)
    symbols = (len(visible) - sum(map(str.isalnum, visible))) / len(visible)
    return singles >= MIN_SINGLE_CHAR_SHARE or symbols >= MIN_SYMBOL_SHARE or bool(GLUED.search(line))


def _is_word(token: str, language: str) -> bool:
    # no letter is a digit: only a token of other characters too is read for one
    if len(token) < 2 or (not token.isalpha() and any(ch.isdigit() for ch in token)):
        return False
    folded = token.casefold()
    return any(zipf(folded, lang) >= MIN_WORD_ZIPF for lang in _dictionaries(language))


@cache
def _dictionaries(language: str) -> tuple[str, ...]:
    known = set(available_languages())
    return tuple(dict.fromkeys(lang for lang in (language, "en") if lang in known))
