import pytest

from ingest.clean import clean_text
from ingest.input_kinds import InputKind
from ingest.normalize.markup import drop_markdown_emphasis, plain_markdown_headings, plain_underlined_headings
from ingest.rules import CleaningContext


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


@pytest.mark.parametrize("kind", [InputKind.HTML, InputKind.PDF])
def test_a_pages_or_a_pdfs_hashes_and_asterisks_are_the_authors_own(repair, kind):
    text = "# make install\n/* no bad return value */ assert(ret != Z_STREAM_ERROR); /* state not clobbered */"
    assert repair(plain_markdown_headings, text, kind=kind) == text
    assert repair(drop_markdown_emphasis, text, kind=kind) == text


def test_a_block_of_comment_lines_and_an_indented_one_are_code_not_headings(repair):
    text = "Set the locale first:\n\n# The first parameter is the category.\n# LC_ALL sets every category.\nsetlocale(LC_ALL, '');\n\n    # an indented comment\n"
    assert repair(plain_markdown_headings, text, kind=InputKind.PROSE) == text


def test_fenced_code_keeps_its_hashes_and_asterisks(repair):
    text = "## Install\n\n```sh\n# from the index\npip install **name**\n```\n\nIt is *fast*."
    cleaned = repair(plain_markdown_headings, repair(drop_markdown_emphasis, text, kind=InputKind.MARKDOWN), kind=InputKind.MARKDOWN)
    assert cleaned == "Install\n\n```sh\n# from the index\npip install **name**\n```\n\nIt is fast."


def test_restructured_text_loses_its_emphasis_but_keeps_its_comment_lines(repair):
    text = "Usage\n=====\n\nIt is **fast**.\n\n# a comment in an example\n"
    assert repair(drop_markdown_emphasis, text, kind=InputKind.RST) == text.replace("**fast**", "fast")
    assert repair(plain_markdown_headings, text, kind=InputKind.RST) == text


def test_an_example_of_mojibake_in_fenced_code_is_the_example(repair):
    from ingest.normalize.encoding import fix_mojibake

    text = "Café menus read badly: cafÃ©.\n\n```python\n>>> fix_text('cafÃ©')\n'café'\n```\n"
    assert repair(fix_mojibake, text, kind=InputKind.MARKDOWN) == text.replace("badly: cafÃ©", "badly: café")


@pytest.mark.parametrize("kind", [InputKind.PROSE, InputKind.MARKDOWN, InputKind.RST])
def test_a_headings_underline_goes_and_the_heading_stays_a_paragraph_of_its_own(kind):
    """A setext heading, a reStructuredText title with its overline, a README's section with text right under it."""
    text = "=====\nSurvey\n=====\n\nIntro.\n\nKey features\n------------\n- Maps.\n\nNotes\n~~~~~\nText."
    result = clean_text(text, CleaningContext(input_kind=kind))
    assert result.text == "Survey\n\nIntro.\n\nKey features\n\n- Maps.\n\nNotes\n\nText."
    marks_removed = [change.rule for change in result.changes if set(change.before) & set("=-~")]
    assert marks_removed and all("plain_underlined_headings" in rule.split("+") for rule in marks_removed)


def test_a_rule_with_no_line_above_it_and_marks_inside_a_line_stay(repair):
    text = "Intro.\n\n-----\n\nThe x == y test --- and more.\n```\ncode\n-----\n```"
    assert repair(plain_underlined_headings, text, kind=InputKind.PROSE) == text


def test_a_pdfs_or_a_pages_underline_is_left_as_read(repair):
    text = "Survey\n======\nIntro."
    assert repair(plain_underlined_headings, text, kind=InputKind.PDF) == text
    assert repair(plain_underlined_headings, text, kind=InputKind.HTML) == text


def test_a_line_of_underscores_is_a_separator_not_an_underline(repair):
    text = "TOP STORIES\n_________________\n\nOBJECTIONS RAISED\n_________________"
    assert repair(plain_underlined_headings, text, kind=InputKind.PROSE) == text


def test_a_line_of_dashes_under_a_long_line_is_a_separator(repair):
    quote = "[The driver had been stopped for speeding, and a search of his car found four handguns, authorities said.]"
    text = f"{quote}\n------------------------\nno doubt he was just taking them out for a drive"
    assert repair(plain_underlined_headings, text, kind=InputKind.PAGE_TEXT) == text
