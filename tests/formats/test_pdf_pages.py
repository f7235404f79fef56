"""A PDF page with more characters than layout analysis handles cheaply is read in drawing order, its text kept."""

import logging

from fpdf import FPDF

from ingest.formats import pdf_pages
from ingest.formats.pdf import FORMAT

LINES = ["The harbour reopened on Monday", "after the storm damaged the pier"]


def letter_by_letter(lines: list[str], size: float = 10) -> bytes:
    """One page on which every letter is placed on its own, as some generators write text."""
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for row, line in enumerate(lines):
        x = 40.0
        for letter in line:
            if letter != " ":
                pdf.text(x, 60 + row * 2 * size, letter)
            x += pdf.get_string_width(letter)
    return bytes(pdf.output())


def test_a_page_within_the_budget_is_laid_out():
    text = FORMAT.extract(letter_by_letter(LINES), "page.pdf").text
    assert LINES[0] in text and LINES[1] in text


def test_a_page_over_the_budget_keeps_its_words_and_lines_and_says_so(monkeypatch, caplog):
    monkeypatch.setattr(pdf_pages, "MAX_LAID_OUT_CHARS", 20)
    with caplog.at_level(logging.WARNING, logger=pdf_pages.__name__):
        text = FORMAT.extract(letter_by_letter(LINES), "page.pdf").text
    assert text.splitlines() == LINES
    assert "without layout analysis" in caplog.text


def test_drawing_order_text_breaks_lines_where_the_baseline_moves(monkeypatch):
    monkeypatch.setattr(pdf_pages, "MAX_LAID_OUT_CHARS", 0)
    lines = ["First line of the notice", "Second line", "Third and last line"]
    text = FORMAT.extract(letter_by_letter(lines, size=8), "page.pdf").text
    assert text.splitlines() == lines
