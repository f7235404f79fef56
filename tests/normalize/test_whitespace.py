from ingest.normalize.whitespace import normalize_line_endings, tidy_spaces


def test_line_endings_become_newlines_and_page_breaks_blank_lines(repair):
    text = "one\r\ntwo\rthree\u2028four\x0cfive\u2029six"
    assert repair(normalize_line_endings, text) == "one\ntwo\nthree\nfour\n\nfive\n\nsix"


def test_doubled_and_exotic_spaces_collapse_inside_lines(repair):
    text = "to  monitor and  intercept\t mobile\u00a0calls"
    assert repair(tidy_spaces, text) == "to monitor and intercept mobile calls"


def test_spaces_at_line_edges_go(repair):
    text = " Iran and Russia\n countries, and more   \n  \u3000indented"
    assert repair(tidy_spaces, text) == "Iran and Russia\ncountries, and more\nindented"


def test_single_spaces_between_words_give_no_edits():
    assert tidy_spaces("a normal line\nand another one", None) == []
