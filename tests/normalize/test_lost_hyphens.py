import pytest

from ingest.normalize.lost_hyphens import restore_lost_hyphens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the RussoIranian alignment", "the Russo-Iranian alignment"),
        ("toward the postAmerican order", "toward the post-American order"),
        ("nor highlevel trade numbers", "nor high-level trade numbers"),
        ("the soon-to-besigned treaty", "the soon-to-be-signed treaty"),
        ("their antiWestern stance", "their anti-Western stance"),
        # closed forms attested but far rarer than both their parts
        ("a wellknown, worldclass and selfmade man", "a well-known, world-class and self-made man"),
    ],
)
def test_lost_hyphens_are_restored(repair, text, expected):
    assert repair(restore_lost_hyphens, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "nonetheless whatsoever network nonresident multipolar",  # real words
        "wealthy businesspersons and gamechangers",  # inflected forms of known compounds
        "geostrategic waterborne goldsmith weeklong",  # rare but attested words, parts not far commoner
        "iPhone MacBook HubSpot YouTube deGrasse",  # brand and name casing
        "ChargePoint AppleSkin WoodSpring SunExpress DiCaprio",  # brands, known to the word list or not
        "#healthyhydration #collectivebias",  # hashtags
        "Avdaliani Pezeshkian Nakhchivan",  # names no word list splits
        "eventhough infact",  # common misspellings the word list knows: a hyphen would be no fix
    ],
)
def test_words_names_and_brands_are_never_split(repair, text):
    assert repair(restore_lost_hyphens, text) == text


def test_nothing_is_split_without_a_word_list(repair):
    assert repair(restore_lost_hyphens, "postAmerican highlevel", language="unknown") == "postAmerican highlevel"
