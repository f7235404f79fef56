"""OCR and copy-paste damage with known gold, limited to damage a careful rule can undo.

Damage that needs a dictionary to undo (lost hyphens, words split at a line end,
glyph errors) is done to English text only: the pipeline must not use an English
word list on other languages, so for them such damage would have no fair gold.
Whitespace damage (doubled spaces, stray leading spaces, hard wraps) is done to
every language at render time.

Each damage is checked against word frequencies (wordfreq) so that the gold is
what a reader would restore: a hyphen is only dropped or kept at a line end
when the joined form is no word of its own, and a word is only split when
either the joined word is common or its halves are not both words.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from wordfreq import zipf_frequency

from bench.noisy.model import BODY, Token

LOST_HYPHEN = "lost_hyphen"
SPLIT_WORD = "split_word"
SPLIT_COMPOUND = "split_compound"
ORDINAL_GLYPH = "ordinal_glyph"
STRAY_DIGIT = "stray_digit"
DOUBLED_LETTER = "doubled_letter"
APOSTROPHE_JOIN = "apostrophe_join"
DAMAGE_KINDS = (LOST_HYPHEN, SPLIT_WORD, SPLIT_COMPOUND, ORDINAL_GLYPH, STRAY_DIGIT, DOUBLED_LETTER, APOSTROPHE_JOIN)
DICTIONARY_LANGUAGES = frozenset({"en"})

# Zipf frequency (log10 per billion words + 9) from which a form counts as a word.
# Lower lets "longterm" (2.75) pass as a word and makes its lost hyphen unfair
# gold; higher treats rare real words as non-words and splits them unfairly.
WORD_ZIPF = 3.0
LOST_HYPHEN_SHARE = 0.5  # of the eligible compounds of a damaged document
SPLIT_SHARE = 0.4  # of the line ends where the next word is eligible and does not fit
GLYPH_ERRORS_PER_KIND = (1, 3)
MIN_SPLIT_WORD = 6

_CORE = re.compile(r"^(\W*)(.*?)(\W*)$")
_COMPOUND = re.compile(r"^[A-Za-z]+-[A-Za-z0-9]+$")
_ORDINAL = re.compile(r"^\d+th$")
_STRAY_DIGIT_WORDS = frozenset({"is", "in", "it", "as", "at", "on", "of", "to", "a"})
_JOIN_FIRST_WORDS = frozenset({"of", "to", "in", "on", "by", "for", "at", "with"})


@lru_cache(maxsize=50_000)
def is_word(form: str, language: str = "en") -> bool:
    return zipf_frequency(form.lower(), language) >= WORD_ZIPF


def split_core(word: str) -> tuple[str, str, str]:
    """Leading punctuation, the word itself, trailing punctuation."""
    match = _CORE.match(word)
    assert match is not None  # the pattern matches every string
    return match.group(1), match.group(2), match.group(3)


def damage_body(tokens: list[Token], rng: random.Random, language: str, lost_hyphens: bool, glyphs: bool) -> None:
    """Damage body tokens in place; each damaged token records its damage kind."""
    if language not in DICTIONARY_LANGUAGES:
        return
    body = [t for t in tokens if t.kind == BODY]
    if lost_hyphens:
        for token in body:
            if _can_lose_hyphen(token) and rng.random() < LOST_HYPHEN_SHARE:
                lead, core, trail = split_core(token.clean)
                _damage(token, LOST_HYPHEN, lead + core.replace("-", "") + trail)
    if glyphs:
        _glyph_errors(body, rng)


def _can_lose_hyphen(token: Token) -> bool:
    _, core, _ = split_core(token.clean)
    return token.damage is None and bool(_COMPOUND.match(core)) and not is_word(core.replace("-", ""))


def _glyph_errors(body: list[Token], rng: random.Random) -> None:
    low, high = GLYPH_ERRORS_PER_KIND
    candidates = {
        ORDINAL_GLYPH: [t for t in body if _ORDINAL.match(split_core(t.clean)[1])],
        STRAY_DIGIT: [t for t in body if t.clean in _STRAY_DIGIT_WORDS],
        DOUBLED_LETTER: [t for t in body if t.clean.isalpha() and t.clean.islower() and 3 <= len(t.clean) <= 8],
    }
    for kind, pool in candidates.items():
        for token in rng.sample(pool, min(len(pool), rng.randint(low, high))):
            if token.damage is None:
                _damage(token, kind, _glyph(kind, token.clean, rng))
    pairs = [
        (first, second)
        for first, second in zip(body, body[1:])
        if first.clean in _JOIN_FIRST_WORDS and second.clean.isalpha() and second.clean.islower()
    ]
    for first, second in rng.sample(pairs, min(len(pairs), rng.randint(low, high))):
        if first.damage is None and second.damage is None:
            _damage(first, APOSTROPHE_JOIN, f"{first.clean}'{second.clean}")
            _damage(second, APOSTROPHE_JOIN, "")


def _glyph(kind: str, word: str, rng: random.Random) -> str:
    if kind == ORDINAL_GLYPH:
        lead, core, trail = split_core(word)
        return lead + core[:-2] + "™" + trail
    if kind == STRAY_DIGIT:
        return rng.choice("1117") + word
    return word[0].upper() + word


def _damage(token: Token, kind: str, noisy: str) -> None:
    token.noisy = noisy
    token.damage = kind


def line_end_split(token: Token, room: int, rng: random.Random, language: str) -> tuple[str, str] | None:
    """How a word that does not fit is split across the line end, or None to move it whole.

    A compound breaks at its own hyphen (which stays); another word breaks
    inside with an added hyphen (which a repair must drop).
    """
    if token.kind != BODY or token.damage is not None or language not in DICTIONARY_LANGUAGES:
        return None
    if rng.random() >= SPLIT_SHARE:
        return None
    lead, core, trail = split_core(token.noisy)
    if _COMPOUND.match(core) and not is_word(core.replace("-", "")):
        head, tail = core.split("-", 1)
        if len(lead + head) + 1 <= room:
            token.damage = SPLIT_COMPOUND
            return lead + head + "-", tail + trail
        return None
    if not core.isalpha() or len(core) < MIN_SPLIT_WORD:
        return None
    cuts = [k for k in range(3, len(core) - 2) if len(lead) + k + 1 <= room and _fair_cut(core, k)]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    token.damage = SPLIT_WORD
    return lead + core[:cut] + "-", core[cut:] + trail


def _fair_cut(word: str, cut: int) -> bool:
    """Whether joining is clearly right: the word is common, or its halves are not both words."""
    return is_word(word) or not (is_word(word[:cut]) and is_word(word[cut:]))
