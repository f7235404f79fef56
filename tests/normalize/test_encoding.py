from ingest.normalize.encoding import fix_mojibake


def test_utf8_read_as_cp1252_is_repaired(repair):
    damaged = "Russiaâ€™s war and the Kremlinâ€™s view"
    assert repair(fix_mojibake, damaged) == "Russia’s war and the Kremlin’s view"


def test_typographic_quotes_and_dashes_are_kept(repair):
    text = "“Strategic partner,” he said — twice – and ‘again’."
    assert repair(fix_mojibake, text) == text


def test_full_width_letters_are_kept(repair):
    assert repair(fix_mojibake, "ＡＢＣ株式会社") == "ＡＢＣ株式会社"


def test_ligatures_and_nested_entities_are_undone_to_a_fixed_point(repair):
    assert repair(fix_mojibake, "ﬁnal &amp;amp; more") == "final & more"


def test_edits_are_local_to_the_damaged_characters():
    edits = fix_mojibake("line one\nRussiaâ€™s line\nline three", None)
    assert [(e.start, e.end, e.after) for e in edits] == [(15, 18, "’")]
    assert {e.kind for e in edits} == {"encoding"}
