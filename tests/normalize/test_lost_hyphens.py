import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.clean import clean_text
from ingest.input_kinds import InputKind
from ingest.normalize import lost_hyphens
from ingest.normalize.lost_hyphens import restore_lost_hyphens, shows_lost_hyphens
from ingest.normalize.spellings import preferred_spellings
from ingest.rules import CleaningContext


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
        "the Black Friday adscan went up",  # a modal verb ends no compound
        "Avdaliani Pezeshkian Nakhchivan",  # names no word list splits
        "eventhough infact",  # common misspellings the word list knows: a hyphen would be no fix
    ],
)
def test_words_names_and_brands_are_never_split(repair, text):
    assert repair(restore_lost_hyphens, text) == text


def test_nothing_is_split_without_a_word_list(repair):
    assert repair(restore_lost_hyphens, "postAmerican highlevel", language="unknown") == "postAmerican highlevel"


def test_web_text_that_shows_a_lost_hyphen_is_repaired():
    shows = "The Su-35 order, nor highlevel trade numbers, came before the Su35 deliveries."
    assert "high-level" in clean_text(shows).text
    assert "highlevel" in clean_text("The order, nor highlevel trade numbers, came before the deliveries.").text


def test_a_variant_the_corpus_knows_is_evidence_too():
    context = CleaningContext(preferred_spellings={"Su35": "Su-35"})
    assert "high-level" in clean_text("The order, nor highlevel trade numbers, came before the Su35.", context).text


def test_a_section_without_the_evidence_is_repaired_with_its_document(repair):
    assert repair(restore_lost_hyphens, "nor highlevel trade", kind=InputKind.PROSE, hyphens_lost=True) == "nor high-level trade"


@given(st.lists(st.sampled_from(["Su-35", "Su35", "x.ab-Su35", "high-level", "Highlevel", "and", "the", ".", "#Su35"]), max_size=20))
def test_the_evidence_of_lost_hyphens_is_the_batch_learning_over_the_document_alone(words):
    # shows_lost_hyphens learns only the variants the text shows; what it decides is
    # what the batch's learning over this one text says of the text's tokens.
    text = " ".join(words)
    learned = preferred_spellings([text])
    expected = not learned.keys().isdisjoint(lost_hyphens.TOKEN.findall(text))
    assert shows_lost_hyphens(text, CleaningContext(language="en")) == expected
