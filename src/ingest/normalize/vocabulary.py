"""Word frequencies from wordfreq: the evidence every dictionary-based repair decides with.

A repair that changes a word (drops a hyphen, splits a glued token) does so only
when wordfreq knows the language and the frequencies say the result is a word a
writer would use. Frequencies are Zipf values: 0 for unseen, about 3 for a word
seen once per million words, 7 for the commonest words.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import available_languages, zipf_frequency

# Chinese, Japanese and Korean need word segmenters (jieba, MeCab) that are not
# installed; without them wordfreq cannot look a word up, so those languages get
# the language-neutral repairs only, like any language without a word list.
NEEDS_SEGMENTER = frozenset({"zh", "ja", "ko"})
WORD_LIST_LANGUAGES = frozenset(available_languages()) - NEEDS_SEGMENTER

# Distinct lookups remembered; a document repeats its words, a corpus its vocabulary.
CACHE_SIZE = 262_144


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
    return zipf_frequency(word, language)
