from ingest.normalize.invisible import remove_invisible_characters


def test_zero_width_bom_and_controls_are_removed(repair):
    text = "Mos\u200bcow\ufeff and\x07 Teh\u2060ran\x00"
    assert repair(remove_invisible_characters, text) == "Moscow and Tehran"


def test_soft_hyphen_inside_a_word_and_at_a_line_end(repair):
    assert repair(remove_invisible_characters, "inter\u00adnational co\u00ad\noperation") == "international cooperation"


def test_joiners_bidi_marks_tabs_and_newlines_are_kept(repair):
    # ZWNJ shapes Persian words; RLM orders right-to-left text; tab and newline are layout.
    text = "می\u200cخواهم \u200f\tline\nnext \U0001f468\u200d\U0001f469"
    assert repair(remove_invisible_characters, text) == text
