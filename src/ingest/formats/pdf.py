"""PDF: the text layer of each page, read column by column, pages separated by form feeds.

pdfminer.six (MIT, pure Python) does the layout analysis: it groups characters
into lines and lines into text boxes, and orders the boxes so that a column is
read to its end before the next one starts. Each box becomes a paragraph (a
blank line after it); pages are separated by a form feed, pdftotext's
convention, so that cleaning's page-furniture rules see where a page ends and
recognise running headers, footers and page numbers across pages. Hyphenated
line ends stay as printed: cleaning joins them, with a record.

Title and author come from the document's information dictionary when present.
A PDF whose pages hold no text (a scan without OCR) is rejected with that reason,
as are encrypted and damaged files: OCR of images is not this reader's job.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping

from pdfminer.layout import LAParams, LTPage, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from ingest.decode import RejectedInput
from ingest.formats.interface import Extracted
from ingest.formats.pdf_pages import page_texts

MEDIA_TYPE = "application/pdf"
PAGE_BREAK = "\f"
# The header of a PDF may follow a byte order mark or whitespace that some writers prepend.
HEADER = b"%PDF-"
LEADING_JUNK = b"\xef\xbb\xbf \t\r\n"
# pdfminer's defaults; boxes are put in reading order by ``_reading_order``.
LAYOUT = LAParams()
# A text box this wide spans the columns of a page (two columns leave each under half).
FULL_WIDTH_SHARE = 0.6
METADATA_FIELDS = {"Title": "title", "Author": "author"}


class PdfFormat:
    """The PDF input format."""

    name = "pdf"

    def sniff(self, data: bytes, name: str) -> bool:
        """A ``.pdf`` name, or bytes that open with the PDF header (a text that mentions it does not)."""
        return name.lower().endswith(".pdf") or data.lstrip(LEADING_JUNK).startswith(HEADER)

    def extract(self, data: bytes, name: str) -> Extracted:
        metadata = _metadata(data)
        pages = list(_page_texts(data))
        if not any(page.strip() for page in pages):
            raise RejectedInput("the PDF has no text layer (scanned pages without OCR)")
        return Extracted(text=PAGE_BREAK.join(pages), encoding="pdf", media_type=MEDIA_TYPE, metadata=metadata)


FORMAT = PdfFormat()


def _metadata(data: bytes) -> Mapping[str, str]:
    """Title and author from the information dictionary; opening the document also checks it can be read."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        reason = f"the PDF is encrypted and cannot be read without its password ({error.__class__.__name__})"
        raise RejectedInput(reason) from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise RejectedInput(f"the PDF is damaged or not a PDF ({error.__class__.__name__}: {error})") from error
    found = {}
    for info in document.info:
        for key, field in METADATA_FIELDS.items():
            value = _text_value(info.get(key))
            if value and field not in found:
                found[field] = value
    return found


def _text_value(value: object) -> str:
    """A metadata value as text: PDF strings are bytes in PDFDocEncoding or UTF-16."""
    if isinstance(value, bytes):
        value = decode_text(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _page_texts(data: bytes) -> Iterator[str]:
    """Each page's text boxes in reading order, one paragraph per box."""
    try:
        yield from page_texts(data, LAYOUT, _page_text)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise RejectedInput("the PDF is encrypted and cannot be read without its password") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise RejectedInput(f"the PDF is damaged ({error.__class__.__name__}: {error})") from error


def _page_text(page: LTPage) -> str:
    boxes = [element for element in page if isinstance(element, LTTextContainer) and element.get_text().strip()]
    return "\n\n".join(box.get_text().strip("\n") for box in _reading_order(boxes, page.width)) + "\n"


def _reading_order(boxes: list[LTTextContainer], page_width: float) -> list[LTTextContainer]:
    """Boxes as a reader takes them: top to bottom, and a run of columns column by column.

    pdfminer's own ordering (``boxes_flow``) weighs position in both directions
    and, on pages of two long columns, may start with the right one. Here a box
    wider than ``FULL_WIDTH_SHARE`` of the page (a title, a masthead, a figure
    caption across columns) separates bands; inside a band, boxes that overlap
    horizontally form a column, columns are read left to right, each top down.
    Written by hand: pdfminer offers only its own ordering or none.
    """
    ordered: list[LTTextContainer] = []
    band: list[LTTextContainer] = []
    for box in sorted(boxes, key=lambda b: -b.y1):
        if box.width >= FULL_WIDTH_SHARE * page_width:
            ordered += _columns_in_turn(band)
            ordered.append(box)
            band = []
        else:
            band.append(box)
    return ordered + _columns_in_turn(band)


def _columns_in_turn(boxes: list[LTTextContainer]) -> list[LTTextContainer]:
    columns: list[list[LTTextContainer]] = []
    for box in sorted(boxes, key=lambda b: b.x0):
        # A box joins the column whose every box it overlaps: a centred line above the
        # columns (a masthead) must not bridge the gutter and merge two columns into one.
        column = next((c for c in columns if box.x0 < min(b.x1 for b in c)), None)
        if column is None:
            columns.append([box])
        else:
            column.append(box)
    return [box for column in columns for box in sorted(column, key=lambda b: -b.y1)]
