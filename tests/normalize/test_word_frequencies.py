"""The word frequencies every dictionary-based repair decides with: wordfreq's values, read faster."""

import itertools
import random
import string

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from ingest.normalize import vocabulary
from ingest.normalize.vocabulary import WORD_LIST_LANGUAGES, has_word_list

WORDS_PER_LIST = 400
RANDOM_STRINGS = 200


def ascii_words(language: str) -> list[str]:
    """The commonest words of the language's list written in ASCII letters, then strings that are no words."""
    listed = [w for w in itertools.islice(get_frequency_dict(language, "best"), 20_000) if w.isascii() and w.isalpha()]
    chance = random.Random(language)
    made_up = ["".join(chance.choices(string.ascii_lowercase, k=chance.randint(1, 12))) for _ in range(RANDOM_STRINGS)]
    return listed[:WORDS_PER_LIST] + made_up


@pytest.mark.parametrize("language", sorted(WORD_LIST_LANGUAGES))
def test_every_list_gives_wordfreqs_own_value_for_ascii_words_in_every_case(language):
    vocabulary.zipf.cache_clear()
    for word in ascii_words(language):
        for written in (word, word.title(), word.upper()):
            assert vocabulary.zipf(written, language) == zipf_frequency(written, language), (written, language)


@pytest.mark.parametrize("word", ["Su-35", "post-American", "naïve", "I", "İstanbul", "3rd", "ıi"])
def test_other_words_are_asked_of_wordfreq(word):
    for language in ("en", "tr", "de"):
        assert vocabulary.zipf(word, language) == zipf_frequency(word, language)


def test_a_language_without_a_list_knows_no_word():
    assert not has_word_list("ja")
    assert vocabulary.zipf("the", "ja") == 0.0
    assert vocabulary.zipf("", "en") == 0.0
