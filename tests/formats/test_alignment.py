"""Mapping an extractor's own rendering of the article back onto the page's paragraphs."""

from ingest.formats import alignment
from ingest.formats.alignment import kept_paragraphs, paragraph_spans

RAW = "Home | News\n\nTram line extended\n\nThe council voted on Tuesday.\n\n•\n\nWork starts in spring.\n\nShare on Facebook\n"


def test_paragraph_spans_cover_the_text_with_their_blank_lines():
    spans = paragraph_spans(RAW)
    assert [RAW[s:e] for s, e in spans] == [
        "Home | News\n\n", "Tram line extended\n\n", "The council voted on Tuesday.\n\n", "•\n\n",
        "Work starts in spring.\n\n", "Share on Facebook\n",
    ]
    assert spans[-1][1] == len(RAW)


def test_paragraphs_are_kept_by_their_words_whatever_the_extractor_did_to_spacing_and_case():
    extracted = "TRAM LINE EXTENDED\nThe council voted\non Tuesday .\nWork starts in spring."
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) == [False, True, True, True, True, False]


def test_a_paragraph_without_words_goes_with_the_one_before_it():
    extracted = "The council voted on Tuesday."
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) == [False, False, True, True, False, False]


def test_a_paragraph_sharing_a_word_or_two_with_the_article_is_not_kept():
    raw = "The council voted on Tuesday to extend the line.\n\nVoted best tram in town\n"
    extracted = "The council voted on Tuesday to extend the line."
    assert kept_paragraphs(raw, paragraph_spans(raw), extracted) == [True, False]


def test_an_extraction_mostly_absent_from_the_page_cannot_be_mapped():
    assert kept_paragraphs(RAW, paragraph_spans(RAW), "Something else entirely, said nowhere on this page.") is None
    assert kept_paragraphs(RAW, paragraph_spans(RAW), "") is None


def test_an_alignment_too_large_to_afford_is_not_attempted(monkeypatch):
    extracted = "The council voted on Tuesday."
    monkeypatch.setattr(alignment, "MAX_ALIGNED_PAIRS", 17 * 5 - 1)  # the page's words times the extraction's
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) is None
    monkeypatch.setattr(alignment, "MAX_ALIGNED_PAIRS", 17 * 5)
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) is not None


def test_words_the_page_lacks_match_nothing_not_each_other():
    """An extractor's own words (a caption from an attribute, a joined word) align with nothing on the page."""
    extracted = "Photo: a tram. The council voted on Tuesday. Credit: archive. Work starts in spring."
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) is None  # 10 of its 15 words on the page
    extracted = "The council voted on Tuesday, tramfans. Work starts in spring."
    assert kept_paragraphs(RAW, paragraph_spans(RAW), extracted) == [False, False, True, True, True, False]
