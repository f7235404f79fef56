"""Born-digital PDFs of given prose, laid out the ways reports and manuals are printed.

fpdf2 writes the PDFs: 11 pt DejaVu Serif, justified, at single, one-and-a-half
or double line spacing, in one column (``multi_cell``, the line height in
millimetres) or two (``text_columns``, the same height as a factor of the font
size), with a running header on top of every page and the page number at its
foot. A *class manual* layout adds listings of LaTeX source in DejaVu Sans
Mono between its paragraphs, one source line a printed line, as the manual of a
LaTeX class shows its code.

Only the prose and the listings are the document's body; the header and the
page numbers are furniture, returned apart so that a benchmark can leave them
out of its count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
SERIF = FONT_DIR / "DejaVuSerif.ttf"
MONO = FONT_DIR / "DejaVuSansMono.ttf"
FONT_SIZE_PT = 11
LISTING_SIZE_PT = 9
MM_PER_PT = 25.4 / 72
# Line heights in millimetres for 11 pt type: single spacing is about 1.2 times the
# type size; one-and-a-half and double spacing are 1.5 and 2 times that.
LINE_HEIGHTS_MM = {"single": 5.0, "1.5": 7.0, "double": 9.5}
# Space between paragraphs, as a share of the line height.
PARAGRAPH_GAP = 0.6
GUTTER_MM = 8


@dataclass(frozen=True)
class Layout:
    """How a document is printed."""

    spacing: str  # a key of LINE_HEIGHTS_MM
    columns: int  # 1 or 2
    listings: bool = False  # LaTeX source between the paragraphs, as in a class manual

    @property
    def name(self) -> str:
        columns = "one column" if self.columns == 1 else "two columns"
        kind = "class manual (LaTeX listings), " if self.listings else ""
        return f"{kind}{columns}, {self.spacing} spacing"


@dataclass(frozen=True)
class Block:
    """A paragraph of prose, or a listing (its lines printed as they are)."""

    text: str
    listing: bool = False


@dataclass(frozen=True)
class PrintedPdf:
    """The PDF's bytes, the body it prints and the furniture around it."""

    data: bytes
    body: list[Block]
    header: str
    pages: int


class _Report(FPDF):
    """A document with a running header and a page number on every page."""

    def __init__(self, header: str) -> None:
        super().__init__(format="A4")
        self.running_header = header
        self.add_font("Serif", fname=str(SERIF))
        self.add_font("Mono", fname=str(MONO))
        self.set_auto_page_break(True, margin=22)
        self.set_margins(22, 24, 22)

    def header(self) -> None:
        self.set_font("Serif", size=8)
        self.set_y(10)
        self.cell(0, 5, self.running_header, align="C")
        self.set_y(24)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Serif", size=8)
        self.cell(0, 5, str(self.page_no()), align="C")


def print_pdf(body: list[Block], layout: Layout, header: str) -> PrintedPdf:
    """Print ``body`` in ``layout`` with ``header`` on every page."""
    document = _Report(header)
    document.add_page()
    height = LINE_HEIGHTS_MM[layout.spacing]
    if layout.columns == 1:
        for block in body:
            _write_block(document, block, height)
    else:
        with document.text_columns(ncols=layout.columns, gutter=GUTTER_MM, text_align="J") as columns:
            for block in body:
                size = LISTING_SIZE_PT if block.listing else FONT_SIZE_PT
                document.set_font("Mono" if block.listing else "Serif", size=size)
                factor = height / (FONT_SIZE_PT * MM_PER_PT)
                with columns.paragraph(
                    text_align="L" if block.listing else "J",
                    line_height=factor,
                    bottom_margin=height * PARAGRAPH_GAP,
                ) as paragraph:
                    paragraph.write(block.text)
    return PrintedPdf(bytes(document.output()), body, header, document.pages_count)


def _write_block(document: FPDF, block: Block, height: float) -> None:
    if block.listing:
        document.set_font("Mono", size=LISTING_SIZE_PT)
        document.multi_cell(0, height, block.text, align="L")
    else:
        document.set_font("Serif", size=FONT_SIZE_PT)
        document.multi_cell(0, height, block.text, align="J")
    document.ln(height * PARAGRAPH_GAP)


@cache
def _covered(font: Path) -> frozenset[int]:
    return frozenset(TTFont(str(font)).getBestCmap())


def printable(text: str, font: Path = SERIF) -> bool:
    """Whether ``font`` has a glyph for every character of ``text`` (fpdf2 would print a blank otherwise)."""
    covered = _covered(font)
    return all(ord(character) in covered for character in text if not character.isspace())
