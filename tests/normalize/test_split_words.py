import pytest

from ingest.normalize.split_words import join_split_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian Su-\n35 jets", "Russian Su-35 jets"),
        ("the S-\n400 system", "the S-400 system"),
        ("International North-\nSouth Corridor", "International North-South Corridor"),
        ("inter-\nnational law", "international law"),
        ("a non-\nresident fellow", "a non-resident fellow"),
        ("an ambiva-\nlent relationship", "an ambivalent relationship"),
        ("the govern-\nment said", "the government said"),
        ("to re-\nevaluate ties", "to re-evaluate ties"),
        ("a self-\nsufficient sphere", "a self-sufficient sphere"),
        ("INTER-\nNATIONAL LAW", "INTERNATIONAL LAW"),
        ("across a page-\n\nbreak", "across a page-break"),
        ("attempt to compress regular files. In par\u2010\n       ticular, it ignores links", "attempt to compress regular files. In particular, it ignores links"),
        ("a non\u2010\nresident fellow", "a non\u2010resident fellow"),
    ],
)
def test_split_words_are_joined_deciding_the_hyphen(repair, text, expected):
    assert repair(join_split_words, text) == expected


def test_the_documents_own_spelling_wins_over_the_word_list(repair):
    # ``cooperation`` is the commoner word, but this document writes ``co-operation``.
    text = "co-operation matters.\nMore co-\noperation."
    assert repair(join_split_words, text) == "co-operation matters.\nMore co-operation."


def test_corpus_spelling_keeps_the_hyphen(repair):
    spellings = {"webcast": "web-cast"}
    assert repair(join_split_words, "a web-\ncast today", preferred_spellings=spellings) == "a web-cast today"


def test_without_a_word_list_the_hyphen_stays(repair):
    assert repair(join_split_words, "inter-\nnational", language="unknown") == "inter-national"
    assert repair(join_split_words, "Zusammen-\narbeit", language="ja") == "Zusammen-arbeit"


def test_dashes_and_list_markers_are_not_split_words(repair):
    text = "a pause --\nthen more\nitems:\n- one\n-\ntwo"
    assert repair(join_split_words, text) == text
