"""The content-loss benchmark's counting, on small inputs made here (no dev-set data)."""

from pathlib import Path

import pytest

from bench.content_inputs import Furniture, Input
from bench.content_loss import measure, without_furniture
from bench.printed_pdfs import SERIF, Block, Layout, print_pdf
from bench.word_survival import NOT_IN_RAW_TEXT, survival, word_tokens
from bench.writing_systems import CJK, LATIN, main_script
from ingest.traced_text import Change

PARAGRAPHS = [
    "The council approved the new budget on Tuesday after a long debate about libraries.",
    "Libraries will close one day a week from March, the council said in a statement.",
    "Residents protested outside the town hall for two hours before the vote was taken.",
    "A review of the decision is planned for the spring, when the figures are known.",
]
BODY = "\n\n".join(PARAGRAPHS)


def test_tokens_are_nfkc_casefolded_words_and_cjk_characters():
    assert word_tokens("The ﬁnal Straße, 2月17日!") == ["the", "final", "strasse", "2", "月", "17", "日"]
    assert word_tokens("## Title | cell |") == ["title", "cell"]


def test_words_kept_is_a_multiset_share_and_names_the_change_that_took_them():
    lost = PARAGRAPHS[2]
    clean = "\n\n".join(PARAGRAPHS[:2] + PARAGRAPHS[3:])
    start = BODY.index(lost)
    change = Change(start, start + len(lost), lost, "", "page_boilerplate", "remove_page_boilerplate")
    scored = survival(BODY, clean, [change], BODY)
    assert scored.words_in == len(word_tokens(BODY))
    assert scored.words_in - scored.words_kept == len(word_tokens(lost))
    assert (scored.paragraphs_in, scored.paragraphs_recovered) == (4, 3)
    assert scored.lost_by == {("remove_page_boilerplate", "page_boilerplate"): len(word_tokens(lost))}


def test_a_space_inserted_into_a_word_takes_that_word():
    raw = "They talked about thetalks again."
    at = raw.index("talks again")
    split = Change(at, at, "", " ", "glyph", "split_glued_function_words")
    scored = survival(raw, "They talked about the talks again.", [split], raw)
    assert scored.words_kept == scored.words_in - 1
    assert scored.lost_by == {("split_glued_function_words", "glyph"): 1}


def test_glued_paragraphs_are_not_recovered_and_unrecorded_losses_go_to_the_format():
    scored = survival(BODY, " ".join(PARAGRAPHS[:3]))
    assert scored.paragraphs_recovered == 0
    # As a multiset, a paragraph dropped loses all its tokens, "the" included, however often the rest has it.
    assert scored.lost_by == {NOT_IN_RAW_TEXT: len(word_tokens(PARAGRAPHS[3]))}


def test_cjk_is_counted_in_characters():
    body = "東京で2月17日に会議が開かれた。\n\n参加者は百人だった。"
    scored = survival(body, "東京で2月17日に会議が開かれた。")
    assert scored.words_in == len("東京で月日に会議が開かれた参加者は百人だった") + 2
    assert scored.words_kept == scored.words_in - len("参加者は百人だった")
    assert main_script(body) == CJK and main_script(BODY) == LATIN


def test_furniture_is_taken_out_of_the_clean_text_and_counted():
    clean = "Policy Brief 7\n\nFirst paragraph of 12 words.\n\n1\n\nPolicy Brief 7\n\nSecond one.\n\n2"
    text, left = without_furniture(clean, Furniture("Policy Brief 7", pages=2))
    assert left == 4
    assert word_tokens(text) == word_tokens("First paragraph of 12 words. Second one.")


def _input(suffix: str, data: str, body: str, kind: str = "plain prose") -> Input:
    return Input(kind, "made in the test", f"doc{suffix}", "tuning", suffix, data.encode(), body)


def test_prose_through_ingest_keeps_every_word_and_paragraph(tmp_path: Path):
    outcome = measure(_input(".txt", BODY, BODY), tmp_path)
    assert outcome.survival.kept_share == 1.0
    assert outcome.survival.paragraphs_recovered == len(PARAGRAPHS)
    assert not outcome.emptied and not outcome.ocr_repairs
    assert list(tmp_path.iterdir()) == []


def test_a_file_lacking_a_paragraph_of_its_body_scores_the_right_share(tmp_path: Path):
    # The file holds three of the body's four paragraphs: whatever ingest does, the fourth is lost.
    outcome = measure(_input(".txt", "\n\n".join(PARAGRAPHS[:3]), BODY), tmp_path)
    missing = len(word_tokens(PARAGRAPHS[3]))
    assert outcome.survival.words_in - outcome.survival.words_kept == missing
    assert outcome.survival.paragraphs_recovered == 3
    assert outcome.survival.lost_by[NOT_IN_RAW_TEXT] == missing


def test_an_emptied_document_is_counted_with_the_rule_that_emptied_it(tmp_path: Path):
    # Ad-slot labels only: ingest removes every line, and refuses the file.
    labels = "Advertisement\n\nAdvertisement\n\nAdvertisement"
    outcome = measure(_input(".txt", labels, labels), tmp_path)
    assert outcome.emptied and outcome.rejected and outcome.rejected.startswith("nothing is left")
    assert (outcome.survival.words_in, outcome.survival.words_kept) == (3, 0)
    assert sum(outcome.survival.lost_by.values()) == 3
    assert NOT_IN_RAW_TEXT not in outcome.survival.lost_by


@pytest.mark.skipif(not SERIF.exists(), reason="needs the DejaVu fonts (fonts-dejavu-core)")
def test_a_printed_pdf_is_scored_on_its_body_not_its_header_and_page_numbers(tmp_path: Path):
    body = [Block(paragraph) for paragraph in PARAGRAPHS * 12]
    printed = print_pdf(body, Layout("single", 1), "Policy Brief 7")
    assert printed.pages >= 2
    text = "\n\n".join(block.text for block in body)
    furniture = Furniture("Policy Brief 7", printed.pages)
    item = Input("born-digital PDF", "test", "brief", "tuning", ".pdf", printed.data, text, furniture=furniture)
    outcome = measure(item, tmp_path)
    assert outcome.survival.words_in == 12 * len(word_tokens(BODY))
    assert outcome.survival.words_kept == outcome.survival.words_in
    assert outcome.furniture_printed == 2 * printed.pages
    assert 0 <= outcome.furniture_left <= outcome.furniture_printed


def test_a_repaired_mojibake_and_a_byline_moved_to_the_author_field_count_as_meant(tmp_path: Path):
    # The body as a scraper saved it: its author's byline, "café" read through the wrong code page, an entity.
    body = "By Jane Doe\n\n" + PARAGRAPHS[0] + " The cafÃ© opposite stayed open &#8212; all night.\n\n" + "\n\n".join(PARAGRAPHS[1:])
    outcome = measure(_input(".txt", body, body), tmp_path)
    lost_as_written = outcome.survival.words_in - outcome.survival.words_kept
    assert lost_as_written >= 4  # "cafã" (the token the mojibake makes), "8212", "jane" and "doe" are not in the text
    assert outcome.as_meant.words_in == outcome.survival.words_in - 1  # "cafã" becomes "café", the entity a dash
    assert outcome.as_meant.words_kept == outcome.as_meant.words_in - 3  # "by", "jane", "doe" are gone from the text
    assert outcome.with_author.words_kept == outcome.as_meant.words_in - 1  # the name is in the author field; "by" is not
