from hypothesis import given
from hypothesis import strategies as st

from ingest.input_kinds import InputKind
from ingest.normalize.code_words import prose_only
from ingest.normalize.spellings import TOKEN, _hyphenated_tokens, apply_preferred_spellings, preferred_spellings, shown_spellings, writes_a_variant
from ingest.rules import CleaningContext
from ingest.traced_text import TracedText


def test_batch_teaches_hyphenated_spellings_of_broken_variants():
    learned = preferred_spellings(["Iran buys Su-35 jets and a High-level visit.", "Su-35 again, soon-to-be-signed."])
    assert learned["Su35"] == "Su-35"
    assert learned["highlevel"] == "high-level"
    assert learned["Highlevel"] == "High-level"
    assert learned["soon-to-besigned"] == "soon-to-be-signed"


def test_variants_that_are_words_or_too_short_or_preferred_are_not_learned():
    learned = preferred_spellings(["e-mail and co-operation, F-16 and 2022-23.", "the F16 F16 F-16 T-72 T72 T72"])
    assert "email" not in learned  # a word of its own
    assert "cooperation" not in learned
    assert "F16" not in learned  # too short to be sure it is not a token in its own right
    assert "202223" not in learned  # numbers only
    assert "T72" not in learned  # shorter than four characters, and the batch prefers it anyway


def test_batch_majority_decides():
    learned = preferred_spellings(["Mi28 Mi28 Mi28 and Mi-28"])
    assert "Mi28" not in learned


def test_without_a_word_list_only_variants_with_digits_are_learned():
    learned = preferred_spellings(["Su-35 and high-level"], language="unknown")
    assert learned == {"Su35": "Su-35", "su35": "su-35"}


def test_document_and_corpus_spellings_are_applied(repair):
    text = "Iran expects the Su-35, yet no Su35 has arrived; nor a Yak130."
    assert repair(apply_preferred_spellings, text, preferred_spellings={"Yak130": "Yak-130"}) == (
        "Iran expects the Su-35, yet no Su-35 has arrived; nor a Yak-130."
    )


def test_a_variant_inside_a_longer_token_is_left_alone(repair):
    text = "Su-35 and Su35X"
    assert repair(apply_preferred_spellings, text) == text


SPELLINGS = ["Su-35", "Su35", "su35", "high-level", "High-level", "highlevel", "Highlevel", "co-op", "coop", "x-ray-ish", "xrayish", "x-rayish"]


@given(st.lists(st.sampled_from([*SPELLINGS, "and", "the", ",", "."]), max_size=30))
def test_a_document_teaches_the_same_rewrites_as_the_batch_learning_over_it_alone(words):
    # The rule learns only the variants the document shows; the batch's learning maps
    # every variant it can imply. On the document itself both rewrite the same.
    text = " ".join(words)
    learned = preferred_spellings([text])
    expected = TOKEN.sub(lambda m: learned.get(m.group(), m.group()), text)
    traced = TracedText(text)
    traced.apply(apply_preferred_spellings(text, CleaningContext(language="en")))
    assert traced.text == expected


def test_a_variant_is_written_only_as_a_token_of_its_own():
    assert writes_a_variant("Iran expects the Su-35, yet no Su35 has arrived.")
    assert writes_a_variant("A High-level visit; highlevel talks.")  # the sentence-start twin's variant
    assert not writes_a_variant("Iran expects the Su-35 and a high-level visit.")
    assert not writes_a_variant("Send an e-mail; read the emails.")  # inside a longer token only


CODE = ["https://example.org/Su35/specs", "--Su-35", "`high-level`", "Su35(rate=1)", "x_ray-ish", "#highlevel"]


@given(st.lists(st.sampled_from([*SPELLINGS, *CODE, "and", "the"]), max_size=20), st.sampled_from([" ", ", ", "\n", "-", "/"]))
def test_a_text_that_writes_no_variant_shows_no_spelling_to_mend(words, separator):
    # writes_a_variant spares the spellings' reading of the prose only where it could find nothing.
    text = separator.join(words)
    if not writes_a_variant(text):
        assert shown_spellings(text, "en").keys().isdisjoint(TOKEN.findall(prose_only(text)))


def test_code_is_neither_rewritten_nor_evidence(repair):
    text = "The Su-35 came; see https://example.org/Su35/specs and the --Su35 flag, then Su35 itself."
    assert repair(apply_preferred_spellings, text) == (
        "The Su-35 came; see https://example.org/Su35/specs and the --Su35 flag, then Su-35 itself."
    )
    assert "Su35" not in preferred_spellings(["The Su35 came; see https://example.org/Su-35/specs"])
    learned = preferred_spellings(["The Su-35 came."])
    assert repair(apply_preferred_spellings, "call Su35(rate=1) now", preferred_spellings=learned) == "call Su35(rate=1) now"


def test_the_batch_does_not_rewrite_a_spelling_the_document_keeps_to(repair):
    learned = {"fastroute": "fast-route"}
    own = "Install fastroute now. The fastroute tool is quick; fastroute needs no daemon."
    assert repair(apply_preferred_spellings, own, kind=InputKind.PROSE, preferred_spellings=learned) == own
    once = "The Su35 fighter jets arrived."
    assert repair(apply_preferred_spellings, once, kind=InputKind.PROSE, preferred_spellings={"Su35": "Su-35"}) == (
        "The Su-35 fighter jets arrived."
    )


@given(st.text(alphabet="ab-_ 1é.\n—", max_size=40))
def test_the_hyphenated_tokens_are_those_of_the_text(text):
    assert _hyphenated_tokens(text) == {token for token in TOKEN.findall(text) if "-" in token}
