"""PDF: the text layer of each page, rebuilt into paragraphs, pages separated by form feeds.

pdfminer.six (MIT, pure Python) reads the characters and groups them into
printed lines; :mod:`ingest.formats.pdf_layout` puts the lines in reading order
(column by column) and rebuilds paragraphs, headings, tables and code blocks
from the page geometry, and :mod:`ingest.formats.pdf_furniture` finds the
running headers, footers and page numbers. Paragraphs are separated by a blank
line, their lines by one newline as printed (cleaning re-flows them and joins
hyphenated line ends, with a record); pages by a form feed, pdftotext's
convention. Furniture stays in the raw text and comes back as
``markup_removals``, so cleaning removes it with its kind on the record.

Title and author come from the document's information dictionary when present.
A PDF whose pages hold no text (a scan without OCR) is rejected with that reason,
as are encrypted and damaged files: OCR of images is not this reader's job.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from statistics import median

from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from ingest.decode import RejectedInput
from ingest.formats import pdf_streams  # noqa: F401  (bounds what pdfminer's streams expand to)
from ingest.formats.interface import Extracted
from ingest.formats.pdf_furniture import Furniture, LineId, PrintedPage, page_furniture
from ingest.formats.pdf_layout import blocks, body_style, default_pitch, line_pitch, reading_order
from ingest.formats.pdf_lines import printed_lines
from ingest.formats.pdf_pages import DrawnPage, laid_out_pages
from ingest.formats.sniffing import looks_like_pdf
from ingest.traced_text import Edit

MEDIA_TYPE = "application/pdf"
PAGE_BREAK = "\f"
# Only pdfminer's lines are used: without ``boxes_flow`` it skips ordering its text boxes
# hierarchically, the costliest step of its layout analysis (reading order is ours).
LAYOUT = LAParams(boxes_flow=None)
PARAGRAPH_BREAK = "\n\n"
METADATA_FIELDS = {"Title": "title", "Author": "author"}


class PdfFormat:
    """The PDF input format."""

    name = "pdf"

    def sniff(self, data: bytes, name: str) -> bool:
        return looks_like_pdf(data, name)

    def extract(self, data: bytes, name: str) -> Extracted:
        metadata = _metadata(data)
        pages = list(_printed_pages(data))
        if not any(page.lines or drawn for page, _, drawn in pages):
            raise RejectedInput("the PDF has no text layer (scanned pages without OCR)")
        text, removals = _document_text(pages)
        return Extracted(text=text, encoding="pdf", media_type=MEDIA_TYPE, markup_removals=removals, metadata=metadata)


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


def _printed_pages(data: bytes) -> Iterator[tuple[PrintedPage, float, str | None]]:
    """Each page's printed lines, its height and its width; a page too dense to lay out, its drawn text instead.

    Only pdfminer's reading of the file is taken for damage: an error in reading
    the lines of a page it gave is a bug here, and fails loudly.
    """
    pages = laid_out_pages(data, LAYOUT)
    while True:
        try:
            page = next(pages)
        except StopIteration:
            return
        except (PDFPasswordIncorrect, PDFEncryptionError) as error:
            raise RejectedInput("the PDF is encrypted and cannot be read without its password") from error
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
            raise RejectedInput(f"the PDF is damaged ({error.__class__.__name__}: {error})") from error
        if isinstance(page, DrawnPage):
            yield PrintedPage(page.height, []), page.width, page.text.strip("\n")
        else:
            yield PrintedPage(page.height, printed_lines(page)), page.width, None


def _document_text(pages: list[tuple[PrintedPage, float, str | None]]) -> tuple[str, list[Edit]]:
    """The pages' text joined by form feeds, and the furniture in it as removals.

    A page's furniture keeps its place (headers first, footers last) as a
    paragraph of its own; its removal takes the blank line beside it along. A
    page read in drawing order is its text as drawn.
    """
    furniture = page_furniture([page for page, _, _ in pages])
    body = body_style([line for page, _, _ in pages for line in page.lines])
    orders = []
    for index, (page, width, _) in enumerate(pages):
        lines = [line for number, line in enumerate(page.lines) if (index, number) not in furniture]
        orders.append(reading_order(lines, width, body))
    pitches = [line_pitch(items, body) for items in orders]
    found = [pitch for pitch in pitches if pitch is not None]
    document_pitch = median(found) if found else default_pitch(body)
    parts: list[str] = []
    removals: list[Edit] = []
    offset = 0
    for index, ((page, _, drawn), items, pitch) in enumerate(zip(pages, orders, pitches)):
        if index:
            parts.append(PAGE_BREAK)
            offset += len(PAGE_BREAK)
        marked = _page_furniture(index, page, furniture)
        laid_out = [drawn] if drawn is not None else blocks(items, pitch or document_pitch, body)
        paragraphs = [*marked["top"], *((text, None) for text in laid_out), *marked["bottom"]]
        page_text, page_removals = _page_text(paragraphs, len(marked["bottom"]))
        removals += [Edit(offset + e.start, offset + e.end, "", e.kind, e.rule) for e in page_removals]
        parts.append(page_text)
        offset += len(page_text)
    return "".join(parts), removals


def _page_text(paragraphs: list[tuple[str, Furniture | None]], footers: int) -> tuple[str, list[Edit]]:
    """A page's paragraphs, a blank line apart, and its furniture as removals in the page's coordinates.

    A header takes the blank line after it, a footer the one before it, so that
    the whitespace around a page break lies on one side of a removal only (and
    cleaning's whitespace repairs do not merge with it).
    """
    text = PARAGRAPH_BREAK.join(text for text, _ in paragraphs) + ("\n" if paragraphs else "")
    removals: list[Edit] = []
    first_footer = len(paragraphs) - footers
    offset = 0
    for number, (line, mark) in enumerate(paragraphs):
        start, end = offset, offset + len(line)
        offset = end + len(PARAGRAPH_BREAK)
        if mark is None:
            continue
        header = number < first_footer
        if header and number + 1 < len(paragraphs):
            end += len(PARAGRAPH_BREAK)
        elif not header and number and not (number == first_footer and paragraphs[number - 1][1] is not None):
            start -= len(PARAGRAPH_BREAK)  # unless a header right above already took that blank line
        removals.append(Edit(start, end, "", mark.kind, mark.rule))
    return text, removals


def _page_furniture(index: int, page: PrintedPage, furniture: dict[LineId, Furniture]) -> dict[str, list[tuple[str, Furniture]]]:
    """The page's furniture lines, top down: those in the upper half first, the rest last."""
    marked: dict[str, list[tuple[str, Furniture]]] = {"top": [], "bottom": []}
    for number, line in sorted(enumerate(page.lines), key=lambda pair: -pair[1].baseline):
        if (index, number) in furniture:
            band = "top" if line.baseline > page.height / 2 else "bottom"
            marked[band].append((line.text.strip(), furniture[(index, number)]))
    return marked
