"""langdetect 1.0.9's detector, computing the same numbers for about a third of the CPU.

langdetect's ``Detector`` spends its time in Python loops: one ``NGram`` method
call a character (with a binary search for the character's Unicode block), and
one loop over the 55 languages for each n-gram drawn, a few hundred draws a
text. ``ExactDetector`` keeps its algorithm, its random draws and its
floating-point operations, each in the same order, so every probability is bit
for bit what langdetect gives (``tests/test_language_detector.py`` compares them
on texts in many scripts); it only moves the work:

- characters are normalised by ``str.translate`` over a table that learns each
  character once;
- langdetect's n-gram buffer starts afresh after each space, so the n-grams of a
  word and the space after it are worked out once a word;
- a draw's 55-way update is a numpy element-wise product with the n-gram's row
  (the same IEEE add and multiply for each language, in the same sequence), five
  draws between two convergence checks as langdetect makes them;
- sums stay Python's ``sum`` over floats, as langdetect computes them.

Tied to langdetect 1.0.9 (pinned in ``pyproject.toml``): a new langdetect must be
checked against the test before the pin moves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

_RUNS_OF_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
# At or above U+0300. langdetect means to leave out Latin Extended Additional, but
# compares its block number with the block's name, so every such character counts.
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")
_OUTSIDE_A_TO_LOWER_Z = re.compile("[^A-z]")
# Between two convergence checks langdetect draws this many n-grams (after the first).
_DRAWS_BETWEEN_CHECKS = 5


class _NormalisedCharacters(dict):
    """``str.translate``'s table for ``NGram.normalize``, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        normal = self[code] = NGram.normalize(chr(code))
        return normal


_NORMALISED = _NormalisedCharacters()
# What langdetect reads between two restarts of its n-gram buffer: a word and the space after it.
_PIECES = re.compile("[^ ]+ ?")
# Distinct words remembered with their n-grams (the table's own strings, shared): each
# of at most 32 characters, a few hundred bytes a word, under 20 MB in all.
_WORDS_REMEMBERED = 16_384
_LONGEST_PIECE_REMEMBERED = 32


@dataclass(frozen=True)
class _Remembered:
    """What is worked out once for an n-gram table (langdetect's factory holds one), kept alive with it."""

    known: dict[str, list[float]]
    # Each n-gram of the table by itself: the remembered words hold the table's strings, not copies.
    names: dict[str, str]
    pieces: Callable[[str], tuple[str, ...]]
    # An n-gram's probability in each language as an array, made when the n-gram is first
    # drawn: at most langdetect's 87,598 n-grams, a few thousand in practice.
    arrays: dict[str, np.ndarray]

    def probabilities(self, gram: str) -> np.ndarray:
        found = self.arrays.get(gram)
        if found is None:
            found = self.arrays[gram] = np.array(self.known[gram], dtype=np.float64)
        return found


_remembered: dict[int, _Remembered] = {}


def _remembered_for(known: dict[str, list[float]]) -> _Remembered:
    remembered = _remembered.get(id(known))
    if remembered is None:
        names = {gram: gram for gram in known}
        pieces = functools.lru_cache(maxsize=_WORDS_REMEMBERED)(functools.partial(_piece_ngrams, names=names))
        remembered = _remembered[id(known)] = _Remembered(known, names, pieces, {})
    return remembered


def _piece_ngrams(piece: str, names: dict[str, str]) -> tuple[str, ...]:
    """The n-grams langdetect's ``NGram`` buffer gives on ``piece`` (normalised) from a fresh start, those ``names`` holds."""
    result = []
    grams = " "
    capital = False
    last_upper = False
    for ch in piece:
        if grams[-1] == " ":
            grams = " "
            capital = False
            last_upper = False
        elif len(grams) >= NGram.N_GRAM:
            grams = grams[1:]
        grams += ch
        upper = ch.isupper()
        if upper:
            if last_upper:
                capital = True
        else:
            capital = False
        last_upper = upper
        if capital:
            continue
        if ch != " " and ch in names:
            result.append(names[ch])
        if len(grams) >= 2 and grams[-2:] in names:
            result.append(names[grams[-2:]])
        if len(grams) >= 3 and grams in names:
            result.append(names[grams])
    return tuple(result)


class ExactDetector(Detector):
    """A ``Detector`` made by ``ExactDetector(factory)``; the same answers, cheaper."""

    def append(self, text: str) -> None:
        """As langdetect: URLs and e-mail addresses blanked, runs of spaces made one, at most 10,000 characters."""
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)[: self.max_text_length]
        self.text += _RUNS_OF_SPACES.sub(" ", text)

    def cleaning_text(self) -> None:
        """As langdetect: a text mostly in another script loses its Latin letters."""
        latin = len(_LATIN.findall(self.text))
        non_latin = len(_NON_LATIN.findall(self.text))
        if latin * 2 < non_latin:
            self.text = "".join(_OUTSIDE_A_TO_LOWER_Z.findall(self.text))

    def _extract_ngrams(self) -> list[str]:
        # langdetect's n-gram buffer starts afresh after every space, so a word and the
        # space after it always give the same n-grams: they are worked out once a word.
        remembered = _remembered_for(self.word_lang_prob_map)
        pieces, names = remembered.pieces, remembered.names
        result: list[str] = []
        for piece in _PIECES.findall(self.text.translate(_NORMALISED)):
            result += pieces(piece) if len(piece) <= _LONGEST_PIECE_REMEMBERED else _piece_ngrams(piece, names)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        choice = self.random.choice
        probabilities = _remembered_for(self.word_lang_prob_map).probabilities
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            prob *= probabilities(choice(ngrams)) + weight
            drawn = 1
            while _normalised_max(prob) <= self.CONV_THRESHOLD and drawn <= self.ITERATION_LIMIT:
                for _ in range(_DRAWS_BETWEEN_CHECKS):
                    prob *= probabilities(choice(ngrams)) + weight
                drawn += _DRAWS_BETWEEN_CHECKS
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


def _normalised_max(prob: np.ndarray) -> float:
    """langdetect's ``_normalize_prob``: ``prob`` divided by its sum in place, and its largest value.

    The largest value is the largest before the division divided by the sum: a
    correctly rounded division by one positive number keeps the values' order, so
    it is the same float, without numpy's reduction over the array.
    """
    values = prob.tolist()
    total = sum(values)
    prob /= total
    return max(values) / total
