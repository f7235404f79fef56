import unicodedata

from ingest.normalize.unicode_form import compose_nfc


def test_decomposed_accents_are_composed(repair):
    decomposed = unicodedata.normalize("NFD", "détente in Zürich")
    assert repair(compose_nfc, decomposed) == "détente in Zürich"


def test_compatibility_forms_are_not_folded(repair):
    # NFKC would turn these into "fi", "2" and "A"; NFC must not.
    assert repair(compose_nfc, "ﬁ x² Ａ") == "ﬁ x² Ａ"


def test_normalized_text_gives_no_edits():
    assert compose_nfc("already composed é", None) == []
