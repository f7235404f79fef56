import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.clean import clean_text
from ingest.input_kinds import InputKind
from ingest.normalize import lost_hyphens
from ingest.normalize.code_words import prose_only
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


def test_a_variant_the_corpus_knows_is_mended_but_no_evidence_for_the_rest_of_the_document():
    # The batch's spelling repairs its own variant; whether this text lost other hyphens is
    # for this text to show, or its output would depend on the documents beside it.
    context = CleaningContext(preferred_spellings={"Su35": "Su-35"})
    cleaned = clean_text("The order, nor highlevel trade numbers, came before the Su35.", context).text
    assert "Su-35" in cleaned
    assert "highlevel" in cleaned


@pytest.mark.parametrize(
    "code",
    [
        "see https://example.org/highlevel/highlevel.tar for it",  # a URL
        "run the tool with --highlevel and it works",  # a command-line option
        "call cache(highlevel=True) first",  # a keyword argument
        "the highlevel(obj) helper is gone",  # a call
        "use ``highlevel`` from the lib",  # inline code
        "import pkg.highlevel here",  # a dotted name
        "the high_level and postAmerican_views tables",  # an identifier with an underscore
    ],
)
def test_code_is_never_split(repair, code):
    assert repair(restore_lost_hyphens, code, kind=InputKind.PROSE, hyphens_lost=True) == code


def test_code_is_no_evidence_of_lost_hyphens():
    text = "The Su-35 order is in the table; read it with su35(year=2024), nor highlevel trade numbers."
    assert not shows_lost_hyphens(text, CleaningContext(language="en"))
    assert "highlevel" in clean_text(text).text


def test_a_closed_form_the_text_writes_again_and_again_is_its_own(repair):
    text = "Install fastroute now. The fastroute tool is quick; fastroute needs no daemon."
    assert repair(restore_lost_hyphens, text, kind=InputKind.PROSE, hyphens_lost=True) == text
    assert repair(restore_lost_hyphens, "nor highlevel trade", kind=InputKind.PROSE, hyphens_lost=True) == "nor high-level trade"
    both = "the RussoIranian pact; the Russo-Iranian talks; a RussoIranian deal"  # it writes the hyphen too
    assert repair(restore_lost_hyphens, both, kind=InputKind.PROSE, hyphens_lost=True) == both.replace("RussoIranian", "Russo-Iranian")


def test_camel_case_of_an_identifier_is_not_a_name_capital(repair):
    # The text writes "points" in lowercase too: the capital in drawPoints joins an identifier's words.
    text = "The pen draws points; drawPoints takes a pen, toward the postAmerican order."
    assert repair(restore_lost_hyphens, text, kind=InputKind.PROSE, hyphens_lost=True) == (
        "The pen draws points; drawPoints takes a pen, toward the post-American order."
    )


def test_a_section_without_the_evidence_is_repaired_with_its_document(repair):
    assert repair(restore_lost_hyphens, "nor highlevel trade", kind=InputKind.PROSE, hyphens_lost=True) == "nor high-level trade"
    both = "the RussoIranian pact; the Russo-Iranian talks; a RussoIranian deal"  # it writes the hyphen too
    assert repair(restore_lost_hyphens, both, kind=InputKind.PROSE, hyphens_lost=True) == both.replace("RussoIranian", "Russo-Iranian")


@given(st.lists(st.sampled_from(["Su-35", "Su35", "x.ab-Su35", "high-level", "Highlevel", "and", "the", ".", "#Su35"]), max_size=20))
def test_the_evidence_of_lost_hyphens_is_the_batch_learning_over_the_document_alone(words):
    # shows_lost_hyphens learns only the variants the text shows; what it decides is
    # what the batch's learning over this one text says of the text's prose tokens.
    text = " ".join(words)
    learned = preferred_spellings([text])
    expected = not learned.keys().isdisjoint(lost_hyphens.TOKEN.findall(prose_only(text)))
    assert shows_lost_hyphens(text, CleaningContext(language="en")) == expected


def test_the_evidence_is_read_only_where_the_repair_runs(monkeypatch):
    asked = []
    monkeypatch.setattr(lost_hyphens, "shows_lost_hyphens", lambda text, context: asked.append(text) or True)

    clean_text("# Notes\n\nThe highlevel talks went on.\n", CleaningContext(input_kind=InputKind.MARKDOWN))
    clean_text("Die Minister trafen sich am Montag in Baku und vereinbarten, die Bahnstrecke bis zur Grenze zu verlängern.")
    assert asked == []

    clean_text("The Su-35 deal, or the Su35 deal, set their highlevel talks.")
    assert len(asked) == 1


@pytest.mark.parametrize("text", ["The Su-35 and the Su35 met highlevel envoys.", "The highlevel envoys met.", ""])
def test_the_evidence_is_true_as_the_text_shows_it(text):
    context = CleaningContext(language="en")
    assert bool(lost_hyphens.LostHyphenEvidence(text, context)) == shows_lost_hyphens(text, context)
