"""Running headers, running footers and page numbers of a PDF, found from where they are printed.

Text cleaning can only guess at furniture from repeated lines in a flat text;
the PDF says where each line sits. A line is furniture when it sits in the top
or bottom band of its page (one of the ``MAX_BAND_ROWS`` rows nearest the
edge, within ``BAND_SHARE`` of the page height) and

* it is a page number ("7", "- 7 -", "Page 3 of 9") alone on its row that fits
  the document's numbering: print numbers a page with its index plus an offset
  the document's numbered pages share, so numbers on two pages or more that
  share an offset are a sequence (front matter that restarts the count is a
  second one), and a number that fits none is text: program output "208" that
  a page break leaves alone at the top of a page. A document whose numbers form
  no sequence (one number, or a page or two numbered) has its pages counted
  from the first; or
* the same line, digits ignored ("Report 2024 · page 3" and "… page 4"), sits in
  the same band at the same height on two or more pages, and on most pages
  between its first and last copy, in type no larger than the text's: a running
  header or footer. A heading opening each chapter's first page ("Chapter 2"),
  or an interview's question that opens two pages by chance, is not. A lone
  number is no running line: the sequence decides it.

The band's rows are those set off from the text: by space (further from it than
its own lines stand apart) or by type (smaller than the document's text, as a
browser's "Save as PDF" prints the date, the title, the address and "2/7" above
and below a page of loosely spaced headlines). The text's size is the
document's, not the page's: a sheet holding a few short links prints more
characters in its header and footer than in its text.

Furniture lies outside the text: the row next to the edge row is furniture only
when the edge row is. Where a page's text reaches into the band, its last line
is the edge row, and a line above it that repeats at that height on the next
page (a parameter two functions of a reference manual share) is text too.

A line printed on one page only, at its top or bottom, is text. The lines found
are kept in the raw text and returned as removals with their kind, so they are
removed and recorded as HTML furniture is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.boilerplate.page_furniture import PAGE_NUMBER
from ingest.formats.pdf_layout import HEADING_SIZE_RATIO
from ingest.formats.pdf_lines import PrintedLine

RUNNING_HEADER = "running_header"
RUNNING_FOOTER = "running_footer"
PAGE_NUMBER_KIND = "page_number"
# The band at the top and at the bottom of a page where headers and footers are printed:
# an inch and a half of a Letter page; body text reaches into it only on pages with narrow margins.
BAND_SHARE = 0.12
# Headers and footers are the outermost rows; a third row in from the edge is body.
MAX_BAND_ROWS = 2
# Furniture rows are further from the text than this many times the text's first line pitch.
SET_APART = 1.2
# Furniture set in type smaller than this share of the document's text size (the size most
# of its characters are printed in) is set off from the text by its type: a browser prints its
# header and footer at 8 points over 12-point text, word processors at 9 or 10 over 11 or 12.
SMALLER_TYPE = 0.95
# Lines whose baselines differ by less than this share of their size share a row.
ROW_TOLERANCE = 0.3
# Copies on this many pages make a running line; page numbers need none.
MIN_RUNNING_PAGES = 2
# A running line is printed on most pages of its run: on at least this share of the pages from
# its first copy to its last (a header printed on odd pages only covers half). An interview's
# question that happens to open two pages of eight does not.
MIN_RUN_COVERAGE = 0.5
# Page numbers on this many pages that share an offset from their pages' indexes make a sequence:
# two numbers that a page break leaves at a page's edge by chance rarely share one.
MIN_SEQUENCE_PAGES = 2
# With no sequence, a page's number is its position: the first page is 1 (page index 0 plus 1).
FIRST_PAGE_NUMBER = 1
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PrintedPage:
    """A page's height and its printed lines."""

    height: float
    lines: Sequence[PrintedLine]


@dataclass(frozen=True)
class Furniture:
    kind: str
    rule: str


@dataclass(frozen=True)
class Band:
    """Where a band line sits: at the page's "top" or "bottom", in the edge row (0) or the next (1)."""

    edge: str
    row: int


LineId = tuple[int, int]  # (page index, line index on the page)


def page_furniture(pages: Sequence[PrintedPage]) -> dict[LineId, Furniture]:
    """Every furniture line of the document, by page and line index, with its kind and the rule that found it."""
    text_size = _text_size(line for page in pages for line in page.lines)
    bands = {
        line_id: band for index, page in enumerate(pages) for line_id, band in _band_lines(index, page, text_size).items()
    }
    numbers = _lone_numbers(pages, bands)
    found = find_running_lines(pages, {line_id: band for line_id, band in bands.items() if line_id not in numbers}, text_size)
    found.update(find_page_numbers(numbers))
    return _outside_the_text(found, bands)


def find_page_numbers(numbers: dict[LineId, int]) -> dict[LineId, Furniture]:
    """The lone numbers (by line, the number each prints) that fit the document's page numbering.

    A number fits when a number on another page stands at the same offset from
    its page's index. In a document where no two do, a number fits when it
    counts its page from the first, as a short letter numbers its second page.
    """
    offsets: dict[int, set[int]] = defaultdict(set)
    for (page, _), value in numbers.items():
        offsets[value - page].add(page)
    sequences = {offset for offset, numbered in offsets.items() if len(numbered) >= MIN_SEQUENCE_PAGES}
    fitting = sequences or {FIRST_PAGE_NUMBER}
    return {
        line_id: Furniture(PAGE_NUMBER_KIND, "find_page_numbers")
        for line_id, value in numbers.items()
        if value - line_id[0] in fitting
    }


def _lone_numbers(pages: Sequence[PrintedPage], bands: dict[LineId, Band]) -> dict[LineId, int]:
    """Band lines that print a page number alone on their row ("7", "- 7 -", "Page 3 of 9"), with that number."""
    found = {}
    for page, index in bands:
        line = pages[page].lines[index]
        if PAGE_NUMBER.match(line.text.strip()) and _alone_on_row(line, pages[page].lines):
            found[(page, index)] = int(DIGITS.findall(line.text)[0])
    return found


def _outside_the_text(found: dict[LineId, Furniture], bands: dict[LineId, Band]) -> dict[LineId, Furniture]:
    """The furniture found, less the lines of a band's inner row on pages where that band's edge row holds none.

    The text's last line printed in the band is its edge row; a line inside it is text.
    """
    edges = {(page, bands[(page, index)].edge) for page, index in found if bands[(page, index)].row == 0}
    return {
        (page, index): furniture
        for (page, index), furniture in found.items()
        if bands[(page, index)].row == 0 or (page, bands[(page, index)].edge) in edges
    }


def find_running_lines(pages: Sequence[PrintedPage], bands: dict[LineId, Band], text_size: float) -> dict[LineId, Furniture]:
    """Band lines printed, digits ignored, at one height on most pages of their run.

    The same place: a running line is printed at one height on every page. A
    title that repeats the running header under it on the first page is not.
    A heading in larger type than the text is never a running line, though
    "Chapter 2" opens a page as "Chapter 1" did.
    """
    copies: dict[tuple[str, str], list[LineId]] = defaultdict(list)
    for (page, index), band in bands.items():
        line = pages[page].lines[index]
        if line.size < HEADING_SIZE_RATIO * text_size:
            copies[(band.edge, running_key(line.text))].append((page, index))
    found = {}
    for (edge, _key), line_ids in copies.items():
        kind = RUNNING_HEADER if edge == "top" else RUNNING_FOOTER
        for run in _same_height_runs(pages, line_ids):
            found.update((line_id, Furniture(kind, "find_running_lines")) for line_id in run)
    return found


def _same_height_runs(pages: Sequence[PrintedPage], line_ids: list[LineId]) -> list[list[LineId]]:
    """The copies of one line grouped by height, keeping the groups printed on most pages of their run.

    Copies sorted by baseline are grouped where each stands within ``ROW_TOLERANCE``
    of the one before: a report of thousands of pages has thousands of copies of its
    header, and comparing each with every other would grow with the square of the pages.
    """
    placed = sorted(line_ids, key=lambda line_id: pages[line_id[0]].lines[line_id[1]].baseline)
    groups: list[list[LineId]] = []
    previous: PrintedLine | None = None
    for line_id in placed:
        line = pages[line_id[0]].lines[line_id[1]]
        if previous is None or line.baseline - previous.baseline >= ROW_TOLERANCE * line.size:
            groups.append([])
        groups[-1].append(line_id)
        previous = line
    return [group for group in groups if _printed_through_a_run(group)]


def _printed_through_a_run(group: list[LineId]) -> bool:
    """Whether the copies are on ``MIN_RUNNING_PAGES`` pages or more, and on most pages from the first to the last."""
    printed = {page for page, _ in group}
    span = max(printed) - min(printed) + 1
    return len(printed) >= MIN_RUNNING_PAGES and len(printed) >= MIN_RUN_COVERAGE * span


def running_key(text: str) -> str:
    """A line as its copies on other pages print it: case, spacing and numbers ignored."""
    return " ".join(DIGITS.sub("#", text.casefold()).split())


def _band_lines(page_index: int, page: PrintedPage, text_size: float) -> dict[LineId, Band]:
    """The lines of the outermost rows at the top and bottom of the page, with their band and row."""
    rows = _rows(page.lines)
    found: dict[LineId, Band] = {}
    for band, ordered, inside in (
        ("top", rows, lambda line: line.top >= page.height * (1 - BAND_SHARE)),
        ("bottom", rows[::-1], lambda line: line.baseline <= page.height * BAND_SHARE),
    ):
        for count in range(min(MAX_BAND_ROWS, len(ordered)), 0, -1):
            edge = ordered[:count]
            set_off = _set_apart(page.lines, ordered, count) or _smaller_type(page.lines, edge, text_size)
            if all(inside(page.lines[i]) for row in edge for i in row) and set_off:
                for depth, row in enumerate(edge):
                    found.update(((page_index, i), Band(band, depth)) for i in row if (page_index, i) not in found)
                break
    return found


def _set_apart(lines: Sequence[PrintedLine], rows: list[list[int]], count: int) -> bool:
    """The first ``count`` rows stand further from the rest than the rest's own lines stand apart.

    A header is set off from the text under it; the text's first line is not set
    off from its second, and a page whose first lines repeat on the next page
    (a reprinted passage) keeps them.
    """
    if count >= len(rows):
        return True
    outer = abs(lines[rows[count - 1][0]].baseline - lines[rows[count][0]].baseline)
    if count + 1 >= len(rows):
        return True
    inner = abs(lines[rows[count][0]].baseline - lines[rows[count + 1][0]].baseline)
    return outer > SET_APART * inner


def _smaller_type(lines: Sequence[PrintedLine], rows: list[list[int]], text_size: float) -> bool:
    """Every line of the rows is set in type smaller than the document's text."""
    return all(lines[i].size < SMALLER_TYPE * text_size for row in rows for i in row)


def _text_size(lines: Iterable[PrintedLine]) -> float:
    """The size most of the document's characters are printed in (0 for a document without lines)."""
    characters: dict[float, int] = defaultdict(int)
    for line in lines:
        characters[round(line.size, 1)] += len(line.text)
    return max(characters, key=characters.__getitem__, default=0.0)


def _rows(lines: Sequence[PrintedLine]) -> list[list[int]]:
    """Indexes of lines grouped by shared baseline, top row first."""
    rows: list[list[int]] = []
    for index in sorted(range(len(lines)), key=lambda i: -lines[i].baseline):
        line = lines[index]
        if rows and abs(lines[rows[-1][0]].baseline - line.baseline) < ROW_TOLERANCE * line.size:
            rows[-1].append(index)
        else:
            rows.append([index])
    return rows


def _alone_on_row(line: PrintedLine, lines: Sequence[PrintedLine]) -> bool:
    return not any(
        other is not line and abs(other.baseline - line.baseline) < ROW_TOLERANCE * line.size for other in lines
    )
