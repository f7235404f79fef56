"""Paragraphs, columns, tables, code and page furniture of PDFs the tests write with fpdf2."""

import pytest
from fpdf import FPDF

from pathlib import Path

from bench.printed_pdfs import SERIF
from ingest.clean import clean_text
from ingest.discover import SourceFile
from ingest.formats.pdf import FORMAT
from ingest.pipeline import process_file
from ingest.input_kinds import InputKind
from ingest.rules import CleaningContext

POINT_MM = 25.4 / 72
SIZE = 11
PROSE = [
    "The harbour authority opened the new grain terminal in March, three months later than planned, after a "
    "winter of storms delayed the delivery of the cranes from the shipyard in the south.",
    "Traders said the delay had cost them little. Most of the autumn harvest had already gone by rail to the "
    "inland mills, and the price of wheat barely moved during the weeks of waiting.",
    "The port expects more ships.",
    "Engineers now expect the terminal to handle four million tonnes a year once the second berth is dredged, "
    "which the port hopes to finish before the next harvest arrives at the quays.",
]
REPORT = [
    "Rail freight across the northern plain grew by a fifth last year, according to the ministry's annual "
    "survey, as farmers moved grain away from the congested river barges and towards the new line that "
    "links the inland silos with the harbour at the mouth of the estuary.",
    "The survey counts every wagon that passes the weighing stations at the border of each province. It "
    "found that the busiest section, between the junction at the old market town and the coast, carried "
    "twice as many loaded wagons in the harvest months as in the rest of the year.",
    "Operators warn that the single track cannot take much more traffic. Trains wait for hours in the "
    "passing loops while those in the other direction clear the section, and a breakdown on the bridge "
    "over the river stops everything for a day or more.",
    "The ministry has asked for bids to double the track on the busiest section. Engineers estimate that "
    "the work would take four years and would have to be done at night, so that the harvest trains can "
    "still run, and that the bridge would need a second span beside the first.",
    "Farmers' groups support the plan but ask that the tariff stay where it is while the work goes on. "
    "They point out that the barges remain cheaper for bulk loads, and that many growers would return to "
    "the river if the price of a wagon rose again.",
    "Shipping lines at the harbour are less patient. They would rather see the money spent on deeper "
    "berths, since the largest bulk carriers now wait offshore for the tide, and a day at anchor costs "
    "them more than the rail tariff on a whole train.",
    "The ministry expects to choose between the bids before the end of the year and to publish the "
    "costs of both plans, with the traffic forecasts behind them, so that the provinces can comment.",
]


def _document(factor: float = 1.5) -> FPDF:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=SIZE)
    pdf.set_auto_page_break(True, margin=20)
    pdf.line_height = factor * SIZE * POINT_MM
    return pdf


def _paragraphs(pdf: FPDF, paragraphs: list[str], gap: bool = True, align: str = "J") -> None:
    for text in paragraphs:
        pdf.multi_cell(0, pdf.line_height, text, align=align, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(pdf.line_height)


def _spaced(factor: float, gap: bool, align: str) -> bytes:
    pdf = _document(factor)
    pdf.add_page()
    _paragraphs(pdf, PROSE, gap, align)
    return bytes(pdf.output())


def _extracted_paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.replace("\f", "\n\n").split("\n\n") if block.strip()]


@pytest.mark.parametrize("align", ["J", "L"])
@pytest.mark.parametrize("gap", [True, False], ids=["blank-line-between", "no-gap"])
def test_single_one_and_a_half_and_double_spacing_give_the_same_paragraphs(gap, align):
    found = [_extracted_paragraphs(FORMAT.extract(_spaced(factor, gap, align), "a.pdf").text) for factor in (1.0, 1.5, 2.0)]
    assert found[0] == found[1] == found[2] == PROSE


def test_lines_of_a_paragraph_are_kept_as_printed_one_newline_apart():
    text = FORMAT.extract(_spaced(1.5, True, "L"), "a.pdf").text
    first = text.split("\n\n")[0]
    assert first.count("\n") >= 1 and " ".join(first.split()) == PROSE[0]


def test_a_first_line_indent_starts_a_paragraph():
    pdf = _document(1.5)
    pdf.add_page()
    indent = 8
    # Paragraphs that do not end a sentence: only the indent tells where the next one starts.
    paragraphs = [text.rstrip(".") + " (see table 3)" for text in PROSE[:2]]
    for text in paragraphs:
        first, *_ = pdf.multi_cell(pdf.epw - indent, pdf.line_height, text, dry_run=True, output="LINES")
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(0, pdf.line_height, first, new_x="LMARGIN", new_y="NEXT")
        rest = text[len(first) :].strip()
        pdf.multi_cell(0, pdf.line_height, rest, align="L", new_x="LMARGIN", new_y="NEXT")
    assert _extracted_paragraphs(FORMAT.extract(bytes(pdf.output()), "i.pdf").text) == paragraphs


def test_two_columns_are_read_column_by_column_with_their_paragraphs():
    pdf = _document(1.5)
    pdf.add_page()
    width = (pdf.epw - 10) / 2
    for left, paragraphs in ((pdf.l_margin, PROSE[:2]), (pdf.l_margin + width + 10, PROSE[2:])):
        pdf.set_xy(left, 20)
        for text in paragraphs:
            pdf.multi_cell(width, pdf.line_height, text, align="L", new_x="LEFT", new_y="NEXT")
            pdf.set_x(left)
            pdf.ln(pdf.line_height)
            pdf.set_x(left)
    assert _extracted_paragraphs(FORMAT.extract(bytes(pdf.output()), "c.pdf").text) == PROSE


def _report(header: str | None, pages: int, number: str | None = "{}") -> bytes:
    pdf = _document(1.5)
    per_page = -(-len(REPORT) // pages)
    for page in range(pages):
        pdf.add_page()
        if header:
            pdf.set_xy(pdf.l_margin, 8)
            pdf.cell(0, 5, header, align="C")
            pdf.set_xy(pdf.l_margin, 22)
        _paragraphs(pdf, REPORT[page * per_page : (page + 1) * per_page])
        if number:
            pdf.set_auto_page_break(False)
            pdf.set_xy(pdf.l_margin, 282)
            pdf.cell(0, 5, number.format(page + 1), align="C")
            pdf.set_auto_page_break(True, margin=20)
    return bytes(pdf.output())


def test_running_header_and_page_numbers_are_removed_and_recorded_with_their_kind():
    extracted = FORMAT.extract(_report("Northern Rail Survey 2024", 3), "r.pdf")
    removed = [(extracted.text[e.start : e.end].strip(), e.kind, e.rule) for e in extracted.markup_removals]
    header = ("Northern Rail Survey 2024", "running_header", "find_running_lines")
    numbers = [(str(n), "page_number", "find_page_numbers") for n in (1, 2, 3)]
    assert removed == [header, numbers[0], header, numbers[1], header, numbers[2]]
    result = clean_text(extracted.text, markup_removals=extracted.markup_removals)
    assert "Northern Rail Survey" not in result.text
    assert result.text.split() == " ".join(REPORT).split()
    recorded = {(c.before.strip(), c.kind) for c in result.changes if c.after == ""}
    assert {("Northern Rail Survey 2024", "running_header"), ("2", "page_number")} <= recorded


def test_a_footer_with_the_page_count_is_a_page_number_and_a_repeated_footer_a_running_footer():
    extracted = FORMAT.extract(_report(None, 2, number="Page {} of 2"), "p.pdf")
    assert [(extracted.text[e.start : e.end].strip(), e.kind) for e in extracted.markup_removals] == [
        ("Page 1 of 2", "page_number"),
        ("Page 2 of 2", "page_number"),
    ]
    extracted = FORMAT.extract(_report(None, 2, number="Ministry of Transport, annual survey"), "f.pdf")
    assert {e.kind for e in extracted.markup_removals} == {"running_footer"} and len(extracted.markup_removals) == 2


HEADLINES = [f"{place} council approves the budget for next year" for place in ("Northby", "Eastwick", "Southam", "Westfield")]


def _saved_page(title: str, pages: int, first_title: bool = False, last_sheet: list[str] | None = None) -> bytes:
    """A web page as a browser's "Save as PDF" prints it: the date and the title over each sheet
    in small type, the address and "n/N" under it, and between them loosely spaced headlines
    (on the last sheet, the lines of ``last_sheet`` if given)."""
    pdf = _document(1.5)
    pdf.set_auto_page_break(False)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(pdf.l_margin, 6)
        pdf.cell(60, 4, "12/5/26, 9:17 PM")
        pdf.cell(0, 4, title, align="R")
        y = 12
        if first_title and page == 0:
            pdf.set_font("Helvetica", "B", size=14)
            pdf.set_xy(pdf.l_margin, 14)
            pdf.cell(0, 6, title)
            y = 40  # a title set apart from the text is in the page's top band, with the header
        pdf.set_font("Helvetica", size=SIZE)
        last = page == pages - 1 and last_sheet is not None
        for headline in last_sheet if last else (f"{headline}, page {page + 1}" for headline in HEADLINES):
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(0, 5, headline)
            y += 12
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(pdf.l_margin, 288)
        pdf.cell(100, 4, "https://news.example.org/budget")
        pdf.cell(0, 4, f"{page + 1}/{pages}", align="R")
    return bytes(pdf.output())


def test_a_browsers_small_type_header_and_footer_are_furniture_over_loosely_spaced_lines():
    extracted = FORMAT.extract(_saved_page("Budget news - The Example Times", 3), "saved.pdf")
    removed = [extracted.text[e.start : e.end].strip() for e in extracted.markup_removals]
    assert sorted(removed) == sorted(
        ["12/5/26, 9:17 PM", "Budget news - The Example Times", "https://news.example.org/budget", f"{n}/3"][i]
        for n in (1, 2, 3) for i in range(4)
    )
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert all(f"{headline}, page {n}" in result.text for headline in HEADLINES for n in (1, 2, 3))


def test_a_sheet_printing_more_furniture_than_text_loses_its_small_type_header_and_footer():
    """The type the furniture is smaller than is the document's: a last sheet of three short
    links prints more characters in its header and footer than in its text."""
    links = ["Contact us", "Advertise", "Privacy policy"]
    extracted = FORMAT.extract(_saved_page("Budget news - The Example Times", 3, last_sheet=links), "saved.pdf")
    removed = [extracted.text[e.start : e.end].strip() for e in extracted.markup_removals]
    assert removed.count("12/5/26, 9:17 PM") == 3 and removed.count("https://news.example.org/budget") == 3
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert all(link in result.text for link in links) and "9:17 PM" not in result.text


def _opened_pages(openings: list[str], header: str | None = None, heading_size: float = SIZE) -> bytes:
    """A page for each opening line, the line set apart over a paragraph of the report."""
    pdf = _document(1.5)
    for page, opening in enumerate(openings):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=8)
            pdf.set_xy(pdf.l_margin, 8)
            pdf.cell(0, 4, header, align="C")
            pdf.set_xy(pdf.l_margin, 22)
        pdf.set_font("Helvetica", size=heading_size)
        pdf.cell(0, 8, opening, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font("Helvetica", size=SIZE)
        _paragraphs(pdf, REPORT[page % len(REPORT) : page % len(REPORT) + 2])
    return bytes(pdf.output())


def test_chapter_headings_opening_pages_are_headings_not_a_running_header():
    chapters = [f"Chapter {n}" for n in (1, 2, 3)]
    extracted = FORMAT.extract(_opened_pages(chapters, header="Northern Rail Survey", heading_size=16), "c.pdf")
    removed = [extracted.text[e.start : e.end].strip() for e in extracted.markup_removals]
    assert removed == ["Northern Rail Survey"] * 3
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert all(chapter in result.text for chapter in chapters)


def test_a_line_opening_two_pages_far_apart_is_text_and_one_on_every_other_page_a_running_header():
    question = "What made you start cooking?"
    openings = [question, "Breakfast", "Lunch", "Dinner", "Desserts", question]
    extracted = FORMAT.extract(_opened_pages(openings), "q.pdf")
    assert not extracted.markup_removals
    alternate = ["Rail survey, volume two", "Northby", "Rail survey, volume two", "Eastwick", "Rail survey, volume two"]
    extracted = FORMAT.extract(_opened_pages(alternate), "r.pdf")
    assert [extracted.text[e.start : e.end].strip() for e in extracted.markup_removals] == ["Rail survey, volume two"] * 3


def test_a_title_that_repeats_the_running_header_under_it_stays():
    extracted = FORMAT.extract(_saved_page("Budget news", 2, first_title=True), "titled.pdf")
    removed = [(extracted.text[e.start : e.end].strip(), e.kind) for e in extracted.markup_removals]
    assert removed.count(("Budget news", "running_header")) == 2
    assert extracted.text.count("Budget news") == 3
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert result.text.count("Budget news") == 1


def test_a_one_page_pdf_keeps_a_line_at_its_top_and_loses_its_page_number():
    extracted = FORMAT.extract(_report("Northern Rail Survey 2024", 1), "o.pdf")
    assert [(extracted.text[e.start : e.end].strip(), e.kind) for e in extracted.markup_removals] == [("1", "page_number")]
    assert extracted.text.startswith("Northern Rail Survey 2024\n\n")


def _numbered_pages(numbers: list[str | None], output_on: int | None = None) -> bytes:
    """A page of the report for each entry of ``numbers``, the entry printed alone at the page's foot
    (none when ``None``); page ``output_on`` opens with two lines of a program's output, "208" and
    "180", set apart from the paragraph under them as a listing is."""
    pdf = _document(1.5)
    pdf.set_auto_page_break(False)
    for page, number in enumerate(numbers):
        pdf.add_page()
        pdf.set_xy(pdf.l_margin, 20)
        if page == output_on:
            pdf.set_xy(pdf.l_margin, 10)
            pdf.set_font("Courier", size=10)
            for value in OUTPUT:
                pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=SIZE)
            pdf.set_xy(pdf.l_margin, 30)
        _paragraphs(pdf, REPORT[page % len(REPORT) : page % len(REPORT) + 2])
        if number is not None:
            pdf.set_xy(pdf.l_margin, 282)
            pdf.cell(0, 5, number, align="C")
    return bytes(pdf.output())


OUTPUT = ["208", "180"]


def _removed(extracted) -> list[tuple[str, str]]:
    return [(extracted.text[e.start : e.end].strip(), e.kind) for e in extracted.markup_removals]


NUMBERINGS = [[None] * 3, ["1", "2", "3"], ["- 1 -", "- 2 -", "- 3 -"], ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]]


@pytest.mark.parametrize("numbers", NUMBERINGS)
def test_program_output_opening_a_page_is_text_and_only_the_page_numbers_go(numbers):
    """A number alone at a page's edge is a page number only when it fits the numbering: "208" on
    the second page of a document numbered from 1, or of one numbered nowhere, is the text's."""
    extracted = FORMAT.extract(_numbered_pages(numbers, output_on=1), "o.pdf")
    assert _removed(extracted) == [(number, "page_number") for number in numbers if number is not None]
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert "208\n180" in result.text


def test_page_numbers_that_restart_after_the_front_matter_or_number_one_page_of_two_go():
    restarted = ["1", "2", "1", "2", "3"]
    assert _removed(FORMAT.extract(_numbered_pages(restarted), "r.pdf")) == [(n, "page_number") for n in restarted]
    assert _removed(FORMAT.extract(_numbered_pages([None, "2"]), "t.pdf")) == [("2", "page_number")]


ENTRIES = [
    "wagons: the wagons weighed at the station, in the order they passed the scale",
    "and were counted by the clerk on duty.",
    "load: buffer to hold the returned weights (may be empty).",
]


def _reference_pages(last_lines: list[str], footer: str | None = None) -> bytes:
    """A reference manual's pages under a running header: prose, then a function's parameters
    spaced a little apart, the last two in the page's bottom band; ``load:`` sits at the same
    height on every page, one row above the page's last line. With ``footer``, that line and the
    page number under it are set apart from the text at the page's foot instead."""
    pdf = _document(1.0)
    pdf.set_auto_page_break(False)
    for page, last in enumerate(last_lines):
        pdf.add_page()
        pdf.set_xy(pdf.l_margin, 10)
        pdf.cell(0, 5, "Function reference")
        pdf.cell(0, 5, str(page + 1), align="R")
        pdf.set_xy(pdf.l_margin, 22)
        _paragraphs(pdf, REPORT[page : page + 2])
        bottom = 268 if footer else 280
        for y, line in ((bottom - 16.5, ENTRIES[0]), (bottom - 12, ENTRIES[1]), (bottom - 6, ENTRIES[2]), (bottom, last)):
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(0, 5, line)
        if footer:
            pdf.set_xy(pdf.l_margin, 280)
            pdf.cell(0, 5, footer, align="C")
            pdf.set_xy(pdf.l_margin, 286)
            pdf.cell(0, 5, str(page + 1), align="C")
    return bytes(pdf.output())


LAST_PARAMETERS = ["count: the number of weights written.", "flags: must be zero."]


def test_a_parameter_repeated_at_one_height_over_the_pages_last_lines_is_text():
    """The row next to a page's edge row is furniture only when the edge row is: the text reaching
    into the band ends on its edge row, and the line above that is the text's too."""
    extracted = FORMAT.extract(_reference_pages(LAST_PARAMETERS), "m.pdf")
    header = ("Function reference", "running_header")
    assert _removed(extracted) == [header, ("1", "running_header"), header, ("2", "running_header")]
    result = clean_text(extracted.text, CleaningContext(input_kind=InputKind.PDF), extracted.markup_removals)
    assert result.text.count(ENTRIES[2]) == 2


def test_a_running_footer_over_the_page_number_goes_with_it():
    extracted = FORMAT.extract(_reference_pages(LAST_PARAMETERS, footer="Rail Survey Manual"), "f.pdf")
    bottom = [pair for pair in _removed(extracted) if pair[1] != "running_header"]
    footer = ("Rail Survey Manual", "running_footer")
    assert bottom == [footer, ("1", "page_number"), footer, ("2", "page_number")]


def test_a_heading_is_a_paragraph_of_its_own():
    pdf = _document(1.5)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.multi_cell(0, pdf.line_height, "Grain terminal opens", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=SIZE)
    _paragraphs(pdf, PROSE[:2], gap=False)
    pdf.set_font("Helvetica", style="B", size=SIZE)
    pdf.multi_cell(0, pdf.line_height, "What the traders say", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=SIZE)
    _paragraphs(pdf, PROSE[2:], gap=False)
    found = _extracted_paragraphs(FORMAT.extract(bytes(pdf.output()), "h.pdf").text)
    assert found == ["Grain terminal opens", *PROSE[:2], "What the traders say", *PROSE[2:]]


CODE = ["def tonnes(wagons):", "    total = 0", "    for wagon in wagons:", "        total += wagon.load", "    return total"]


def test_a_monospace_code_block_keeps_its_lines_and_indentation():
    pdf = _document(1.5)
    pdf.add_page()
    _paragraphs(pdf, PROSE[:1])
    pdf.set_font("Courier", size=10)
    for line in CODE:
        pdf.cell(0, pdf.line_height, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=SIZE)
    pdf.ln(pdf.line_height)
    _paragraphs(pdf, PROSE[1:2])
    text = FORMAT.extract(bytes(pdf.output()), "k.pdf").text
    assert "\n\n```\n" + "\n".join(CODE) + "\n```\n\n" in text
    assert _extracted_paragraphs(text) == [PROSE[0], " ".join(("```", *" ".join(CODE).split(), "```")), PROSE[1]]
    assert "\n".join(CODE) in clean_text(text, CleaningContext(input_kind=InputKind.PDF)).text


@pytest.mark.skipif(not SERIF.exists(), reason="needs the DejaVu fonts (fonts-dejavu-core)")
@pytest.mark.parametrize("factor", [1.0, 1.5, 2.0])
def test_justified_columns_keep_their_paragraphs_whole_and_apart(factor):
    """Narrow justified columns widen the gaps between words until pdfminer cuts lines at them, and set
    two columns' lines side by side on one baseline: neither is a row of table cells.

    In an embedded Unicode font, as word processors write, the gaps are placed word by word (PDF's
    word spacing applies to single-byte fonts only), and pdfminer sees them.
    """
    pdf = _document(factor)
    pdf.add_font("Serif", fname=str(SERIF))
    pdf.set_font("Serif", size=SIZE)
    pdf.add_page()
    with pdf.text_columns(ncols=2, gutter=8, text_align="J") as columns:
        for text in REPORT:
            with columns.paragraph(line_height=factor, bottom_margin=factor * SIZE * POINT_MM) as paragraph:
                paragraph.write(text)
    text = FORMAT.extract(bytes(pdf.output()), "columns.pdf").text
    assert "|" not in text
    assert _extracted_paragraphs(text) == REPORT


def test_a_table_keeps_one_line_a_row_with_its_cells_in_order():
    pdf = _document(1.5)
    pdf.add_page()
    _paragraphs(pdf, ["Grain shipped through the northern ports, by year, in tonnes:"])
    with pdf.table(col_widths=(40, 40, 40), width=120, align="LEFT") as table:
        for row in [("Year", "Wheat", "Barley"), ("2021", "41200", "9100"), ("2022", "43950", "8700")]:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(pdf.line_height)
    _paragraphs(pdf, PROSE[:1])
    text = FORMAT.extract(bytes(pdf.output()), "t.pdf").text
    assert "\n\n| Year | Wheat | Barley |\n| 2021 | 41200 | 9100 |\n| 2022 | 43950 | 8700 |\n\n" in text
    assert _extracted_paragraphs(text)[-1] == PROSE[0]


def test_a_two_page_report_at_one_and_a_half_spacing_keeps_its_prose_through_the_pipeline(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_report("Northern Rail Survey 2024", 2))
    document = process_file(SourceFile(path, "report.pdf"))
    prose = " ".join(REPORT).split()
    kept = document.text.split()
    assert len(kept) >= 0.995 * len(prose) and "Northern" not in document.text.split("\n\n")[0]
    assert document.text.split("\n\n") == REPORT


def test_a_short_memo_keeps_its_paragraphs_whole_through_the_pipeline(tmp_path):
    """Two short paragraphs are too few lines for re-flow to judge a text's wrapping; the reader's are wrapped."""
    pdf = _document(1.5)
    pdf.add_page()
    _paragraphs(pdf, PROSE[:2])
    path = tmp_path / "memo.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = process_file(SourceFile(path, "memo.pdf"))
    assert document.text.split("\n\n") == PROSE[:2]


# Debian's fonts-ipafont-gothic: a fixed-pitch face, as Japanese documents are often set (MS Gothic).
IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
JAPANESE = [
    "新しい路線の調査は二年にわたって行われ、車両の古さと遅延の関係が明らかになった。"
    "報告書は Northern Rail の担当者と各駅の職員への聞き取りをもとに、冬の運行で何が起きたかをまとめている。",
    "次の章では、費用の見積もりと乗客数の予測を比べる。州の意見を聞いたうえで、来年の春までに計画を決める予定である。",
]


@pytest.mark.skipif(not IPA_GOTHIC.exists(), reason="needs Debian's fonts-ipafont-gothic (.ci/run installs it)")
@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_japanese_in_a_fixed_pitch_face_is_prose_in_paragraphs_not_code(factor):
    """Every character of a line in a fixed-pitch face advances alike, as code's do; the body's own
    face is no code, and wide characters sit in square cells in every face."""
    pdf = _document(factor)
    pdf.add_font("Gothic", fname=str(IPA_GOTHIC))
    pdf.set_font("Gothic", size=SIZE)
    pdf.add_page()
    for paragraph in JAPANESE:
        pdf.multi_cell(0, pdf.line_height, paragraph, align="J", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(pdf.line_height)
    text = FORMAT.extract(bytes(pdf.output()), "j.pdf").text
    assert "```" not in text
    assert ["".join(block.split()) for block in text.split("\n\n") if block.strip()] == ["".join(p.split()) for p in JAPANESE]
