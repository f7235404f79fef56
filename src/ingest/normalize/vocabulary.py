"""Word frequencies from wordfreq: the evidence every dictionary-based repair decides with.

A repair that changes a word (drops a hyphen, splits a glued token) does so only
when wordfreq knows the language and the frequencies say the result is a word a
writer would use. Frequencies are Zipf values: 0 for unseen, about 3 for a word
seen once per million words, 7 for the commonest words.
"""

from __future__ import annotations

import math
from functools import lru_cache

from wordfreq import available_languages, freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq

# Chinese, Japanese and Korean need word segmenters (jieba, MeCab) that are not
# installed; without them wordfreq cannot look a word up, so those languages get
# the language-neutral repairs only, like any language without a word list.
NEEDS_SEGMENTER = frozenset({"zh", "ja", "ko"})
WORD_LIST_LANGUAGES = frozenset(available_languages()) - NEEDS_SEGMENTER

# Distinct lookups remembered; a document repeats its words, a corpus its vocabulary.
CACHE_SIZE = 262_144
# Languages whose case folding of an ASCII capital is not its lower case: wordfreq folds
# Turkish and Azerbaijani "I" to a dotless "ı".
DOTLESS_I_LANGUAGES = frozenset({"tr", "az"})
# The frequency wordfreq gives a word it has not seen, Zipf 0.
UNSEEN_FREQUENCY = zipf_to_freq(0.0)


def has_word_list(language: str) -> bool:
    """Whether dictionary decisions may be made for ``language`` (``unknown`` never)."""
    return language in WORD_LIST_LANGUAGES


@lru_cache(maxsize=CACHE_SIZE)
def zipf(word: str, language: str) -> float:
    """Zipf frequency of one word (case-folded by wordfreq); 0.0 for languages without a word list.

    Callers pass a single word: wordfreq would otherwise estimate the frequency of
    a phrase, which is not evidence that the string is a word.
    """
    if not has_word_list(language) or not word:
        return 0.0
    if word.isascii() and word.isalpha() and (word.islower() or language not in DOTLESS_I_LANGUAGES):
        return _listed_zipf(word.lower(), language)
    return zipf_frequency(word, language)


def _listed_zipf(word: str, language: str) -> float:
    """``zipf_frequency`` of a word of ASCII letters, lower-cased, read straight from wordfreq's list.

    wordfreq tokenises and normalises every word it is asked about: for a word of
    ASCII letters that only lower-cases it, and the tokenising was most of the
    cost of a look-up, which the glyph and hyphen repairs make for every candidate
    they weigh. The arithmetic is wordfreq's own, step by step, so the value is the
    same to the bit (``tests/normalize/test_word_frequencies.py`` compares them on every list).
    """
    frequency = get_frequency_dict(language, "best").get(word)
    if frequency is None:
        frequency = UNSEEN_FREQUENCY
    else:
        frequency = max(1.0 / (1.0 / frequency), UNSEEN_FREQUENCY)
        frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(freq_to_zipf(frequency), 2)
