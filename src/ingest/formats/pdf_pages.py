"""PDF pages interpreted once, and laid out only when their character count keeps layout analysis cheap.

pdfminer's layout analysis groups characters into lines, lines into boxes and
boxes into a hierarchy; on a page of separately placed letters the grouping
costs the square of the letters (bench/results/superlinear_inputs.md: 20,000
letters on a grid 8.9 s, 100,000 unfinished after 300 s), while interpreting the
page is linear (100,000 letters read in 5.2 s). A page is therefore interpreted
without layout first; one within ``MAX_LAID_OUT_CHARS`` is then laid out as
before, and one above it is read in the order its characters were drawn, a line
break where the baseline moves and a space where a gap opens. That page's columns
may interleave, so it is logged: its text is kept, its layout is not trusted.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTContainer, LTItem, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

logger = logging.getLogger(__name__)

# Characters on a page beyond which it is not laid out. Ordinary pages hold 2,000 to
# 6,000; 10,000 letters on a grid, the worst shape measured, lay out in 1.7 s. A
# dense page of lines of text over the budget would lay out fast too, but nothing
# tells it from scattered letters before the grouping has run.
MAX_LAID_OUT_CHARS = 10_000
# A baseline that moves by more than this share of the character's size starts a new line.
NEW_LINE_SHARE = 0.5
# A gap wider than this share of the character's size between two characters is a space.
SPACE_SHARE = 0.25


@dataclass(frozen=True)
class DrawnPage:
    """A page over the layout budget: its text in drawing order, and its size."""

    text: str
    height: float
    width: float


def laid_out_pages(data: bytes, layout: LAParams) -> Iterator[LTPage | DrawnPage]:
    """Each page: laid out within the budget, its text in drawing order above it."""
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
        interpreter.process_page(page)
        result = device.get_result()
        chars = sum(1 for _ in _chars(result))
        if chars <= MAX_LAID_OUT_CHARS:
            result.analyze(layout)
            yield result
        else:
            logger.warning(
                "PDF page %d has %d characters, over %d: read in drawing order, without layout analysis",
                number, chars, MAX_LAID_OUT_CHARS,
            )
            yield DrawnPage(drawing_order_text(result), result.height, result.width)


def drawing_order_text(page: LTPage) -> str:
    """The page's characters in the order they were drawn, with line breaks and spaces where they were placed apart."""
    lines: list[str] = []
    line: list[str] = []
    previous: LTChar | None = None
    for char in _chars(page):
        if previous is not None:
            size = max(char.size, previous.size, 1.0)
            if abs(char.y0 - previous.y0) > NEW_LINE_SHARE * size or char.x0 < previous.x0:
                lines.append("".join(line))
                line = []
            elif char.x0 - previous.x1 > SPACE_SHARE * size:
                line.append(" ")
        line.append(char.get_text())
        previous = char
    lines.append("".join(line))
    return "\n".join(" ".join(text.split()) for text in lines if text.strip()) + "\n"


def _chars(container: LTItem) -> Iterator[LTChar]:
    """The characters of a page or figure, depth first, in drawing order."""
    stack = [iter([container])]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            stack.append(iter(item))
