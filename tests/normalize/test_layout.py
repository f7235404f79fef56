from ingest.normalize.layout import paragraph_layout


def test_paragraphs_get_exactly_one_blank_line(repair):
    text = "\n\n  Title\nFirst paragraph.\n\n\n\nSecond paragraph.  \n \n\t\nThird.\n\n"
    assert repair(paragraph_layout, text) == "Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird."


def test_whitespace_only_text_becomes_empty(repair):
    assert repair(paragraph_layout, " \n\t\n ") == ""


def test_laid_out_text_gives_no_edits():
    assert paragraph_layout("One.\n\nTwo words here.\n\nThree.", None) == []
