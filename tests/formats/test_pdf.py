"""The PDF input format, on PDFs the tests write with fpdf2."""

import io

import pytest
from fpdf import FPDF
from PIL import Image

from ingest.clean import clean_text
from ingest.decode import RejectedInput
from ingest.formats.pdf import FORMAT

LEFT = "The rail link between the northern ports and the gulf carries grain and oil. " * 6
RIGHT = "Pipelines that cross the mountains in the west carry gas to the coast. " * 6
HEADER = "CASPIAN REVIEW - VOL. 3, NO. 2"
PAGES = [
    "The first page describes the rail link between the northern ports and the gulf, which carries "
    "grain in autumn and oil through the winter months, when the sea freezes near the coast.",
    "The second page turns to the pipelines that cross the mountains in the west; engineers doubt "
    "whether the old welds will hold another decade without costly repairs to every pumping station.",
    "The third page weighs what the banks can settle in national currencies, and whether traders "
    "trust a clearing house that only two governments have promised to support.",
]


def _pdf(pages: list[list[tuple[float, float, float, str]]], image_page: bool = False, **meta: str) -> bytes:
    """A PDF whose pages hold the given text blocks, each ``(x, y, width, text)`` in millimetres."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if "title" in meta:
        pdf.set_title(meta["title"])
    if "author" in meta:
        pdf.set_author(meta["author"])
    for blocks in pages:
        pdf.add_page()
        for x, y, width, text in blocks:
            pdf.set_xy(x, y)
            pdf.multi_cell(width, 5, text, align="L")
    if image_page:
        pdf.add_page()
        picture = io.BytesIO()
        Image.new("L", (200, 100), 128).save(picture, format="PNG")
        pdf.image(picture, x=10, y=10, w=100)
    return bytes(pdf.output())


def _paged(bodies: list[str], columns: int = 1) -> bytes:
    """Pages with a running header, body text in one or two columns, and a page number."""
    pages = []
    for number, body in enumerate(bodies, start=1):
        blocks = [(10, 8, 190, HEADER)]
        if columns == 1:
            blocks.append((10, 20, 190, body))
        else:
            blocks += [(10, 20, 90, LEFT), (110, 20, 90, RIGHT)]
        blocks.append((100, 280, 10, str(number)))
        pages.append(blocks)
    return _pdf(pages)


def test_pages_are_separated_by_form_feeds_and_metadata_is_read():
    extracted = FORMAT.extract(_pdf([[(10, 20, 190, LEFT)], [(10, 20, 190, RIGHT)]], title="Rail links", author="Ann Lee"), "a.pdf")
    assert extracted.text.count("\f") == 1
    assert extracted.media_type == "application/pdf" and extracted.encoding == "pdf"
    assert dict(extracted.metadata) == {"title": "Rail links", "author": "Ann Lee"}


def test_two_columns_are_read_column_by_column():
    text = FORMAT.extract(_paged(["", ""], columns=2), "b.pdf").text
    first_page = text.split("\f")[0]
    # Every line of the left column comes before the first of the right one.
    assert first_page.rindex("grain and oil") < first_page.index("Pipelines")


def test_running_header_and_page_numbers_are_removed_by_cleaning():
    result = clean_text(FORMAT.extract(_paged(PAGES), "c.pdf").text)
    assert "CASPIAN" not in result.text
    assert not any(line.strip() in {"1", "2", "3"} for line in result.text.splitlines())
    assert result.text.split() == " ".join(PAGES).split()


def test_a_hyphen_at_a_line_end_is_joined_by_cleaning():
    body = "The ministers agreed on a new agree-\nment about the rail link between the ports."
    result = clean_text(FORMAT.extract(_pdf([[(10, 20, 190, body)]]), "d.pdf").text)
    assert "agreement about" in result.text


def test_a_table_keeps_its_cells():
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(190, 5, "Grain shipped through the northern ports, by year:")
    with pdf.table() as table:
        for row in [("Year", "Tonnes"), ("2021", "41200"), ("2022", "43950")]:
            cells = table.row()
            for value in row:
                cells.cell(value)
    text = FORMAT.extract(bytes(pdf.output()), "e.pdf").text
    assert all(value in text for value in ("Year", "Tonnes", "2021", "41200", "2022", "43950"))


def test_an_image_only_page_adds_an_empty_page_and_a_pdf_of_images_is_rejected():
    with_image = FORMAT.extract(_pdf([[(10, 20, 190, LEFT)]], image_page=True), "f.pdf").text
    assert with_image.count("\f") == 1 and not with_image.split("\f")[1].strip()
    with pytest.raises(RejectedInput, match="no text layer"):
        FORMAT.extract(_pdf([], image_page=True), "g.pdf")


def test_encrypted_and_broken_pdfs_are_rejected_with_a_reason():
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.multi_cell(190, 5, LEFT)
    with pytest.raises(RejectedInput, match="encrypted"):
        FORMAT.extract(bytes(pdf.output()), "h.pdf")
    with pytest.raises(RejectedInput, match="damaged"):
        FORMAT.extract(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "i.pdf")


def test_pdfs_are_sniffed_by_their_header_or_name():
    assert FORMAT.sniff(b"%PDF-1.4\n...", "report")
    assert FORMAT.sniff(b"", "Report.PDF")
    assert not FORMAT.sniff(b"plain text", "notes.txt")


def test_the_registry_reads_a_pdf_and_rejects_a_damaged_one_by_its_header():
    from ingest.decode import decode

    extracted = decode(_pdf([[(10, 20, 190, PAGES[0])]], title="Rail links"), "report.pdf")
    assert extracted.media_type == "application/pdf" and extracted.metadata["title"] == "Rail links"
    with pytest.raises(RejectedInput, match="PDF is damaged"):
        decode(b"%PDF-1.7\n%binary", "notes.txt")


def test_a_text_that_mentions_the_pdf_header_is_no_pdf():
    assert not FORMAT.sniff(b"The %PDF- marker starts every PDF file.", "about.txt")
    assert FORMAT.sniff(b"\xef\xbb\xbf\n%PDF-1.4", "scan")
