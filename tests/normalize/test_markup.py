from ingest.normalize.markup import drop_markdown_emphasis, plain_markdown_headings


def test_atx_headings_become_plain_lines(repair):
    text = "Intro.\n### Trade Between the Countries\nBody.\n## Closed heading ##"
    assert repair(plain_markdown_headings, text) == "Intro.\nTrade Between the Countries\nBody.\nClosed heading"


def test_hash_without_space_or_too_many_hashes_is_not_a_heading(repair):
    text = "#Iran trends\n####### seven\n#1 priority\n# ###"
    assert repair(plain_markdown_headings, text) == text


def test_hash_mid_line_is_left_alone(repair):
    assert repair(plain_markdown_headings, "issue # 5 of the journal") == "issue # 5 of the journal"


def test_emphasis_markers_are_dropped_words_kept(repair):
    text = "This is **very** important and *quite* new, **even *nested* here**."
    assert repair(drop_markdown_emphasis, text) == "This is very important and quite new, even nested here."


def test_asterisks_that_are_not_emphasis_stay(repair):
    text = "5 * 3 * 2 = 30\n* a bullet item\nfootnote* and other* marks\nsnake_case_name"
    assert repair(drop_markdown_emphasis, text) == text
