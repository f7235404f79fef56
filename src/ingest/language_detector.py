"""langdetect 1.0.9's detector, computing the same numbers for a fifth of the CPU.

langdetect's ``Detector`` spends its time in Python loops: one ``NGram`` method
call a character (with a binary search for the character's Unicode block), and
one loop over the 55 languages for each n-gram drawn, a few hundred draws a
trial, seven trials a text. ``ExactDetector`` keeps its algorithm, its random
draws and its floating-point operations, each in the same order, so every
probability is bit for bit what langdetect gives (``tests/test_language_detector.py``
compares them on texts in many scripts); it only moves the work:

- a character's normalised form and case are looked up once per distinct
  character, not worked out at each occurrence;
- the n-gram state machine runs inline over the text;
- the 55-way updates are numpy element-wise products over the text's own
  n-gram rows (the same IEEE multiply and add for each language, applied in
  the same sequence), five draws between two convergence checks;
- sums stay Python's ``sum`` over floats, as langdetect computes them.

Tied to langdetect 1.0.9 (pinned in ``pyproject.toml``): a new langdetect must be
checked against the test before the pin moves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

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
# Distinct words remembered with their n-grams, each of at most 64 characters: a few
# hundred bytes a word, some 20 MB at most.
_WORDS_REMEMBERED = 65_536
_LONGEST_PIECE_REMEMBERED = 64
# By the n-gram table they were read with (langdetect's factory holds one), kept alive with it.
_remembered: dict[int, tuple[dict[str, list[float]], Callable[[str], tuple[str, ...]]]] = {}


def _remembered_pieces(known: dict[str, list[float]]) -> Callable[[str], tuple[str, ...]]:
    entry = _remembered.get(id(known))
    if entry is None:
        entry = _remembered[id(known)] = (known, functools.lru_cache(maxsize=_WORDS_REMEMBERED)(functools.partial(_piece_ngrams, known=known)))
    return entry[1]


def _piece_ngrams(piece: str, known: dict[str, list[float]]) -> tuple[str, ...]:
    """The n-grams langdetect's ``NGram`` buffer gives on ``piece`` (normalised) from a fresh start, those it knows."""
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
        if ch != " " and ch in known:
            result.append(ch)
        if len(grams) >= 2 and grams[-2:] in known:
            result.append(grams[-2:])
        if len(grams) >= 3 and grams in known:
            result.append(grams)
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
        known = self.word_lang_prob_map
        remembered = _remembered_pieces(known)
        result: list[str] = []
        for piece in _PIECES.findall(self.text.translate(_NORMALISED)):
            result += remembered(piece) if len(piece) <= _LONGEST_PIECE_REMEMBERED else _piece_ngrams(piece, known)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        choice = self.random.choice
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            prob *= _probabilities(choice(ngrams), self.word_lang_prob_map) + weight
            drawn = 1
            while _normalised_max(prob) <= self.CONV_THRESHOLD and drawn <= self.ITERATION_LIMIT:
                for _ in range(_DRAWS_BETWEEN_CHECKS):
                    prob *= _probabilities(choice(ngrams), self.word_lang_prob_map) + weight
                drawn += _DRAWS_BETWEEN_CHECKS
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


# An n-gram's probability in each language as an array, made when the n-gram is first
# drawn: at most langdetect's 87,598 n-grams, a few thousand in practice.
_arrays: dict[str, np.ndarray] = {}


def _probabilities(gram: str, known: dict[str, list[float]]) -> np.ndarray:
    found = _arrays.get(gram)
    if found is None:
        found = _arrays[gram] = np.array(known[gram], dtype=np.float64)
    return found


def _normalised_max(prob: np.ndarray) -> float:
    """langdetect's ``_normalize_prob``: ``prob`` divided by its sum in place, and its largest value."""
    prob /= sum(prob.tolist())
    return float(prob.max())
