"""Running headers, running footers and page numbers of a PDF, found from where they are printed.

Text cleaning can only guess at furniture from repeated lines in a flat text;
the PDF says where each line sits. A line is furniture when it sits in the top
or bottom band of its page (one of the ``MAX_BAND_ROWS`` rows nearest the
edge, within ``BAND_SHARE`` of the page height) and

* it is a page number ("7", "- 7 -", "Page 3 of 9") alone on its row: on any
  page, since a number in the margin is never prose; or
* the same line, digits ignored ("Report 2024 · page 3" and "… page 4"), sits in
  the same band at the same height on two or more pages, and on most pages
  between its first and last copy, in type no larger than the text's: a running
  header or footer. A heading opening each chapter's first page ("Chapter 2"),
  or an interview's question that opens two pages by chance, is not.

The band's rows are those set off from the text: by space (further from it than
its own lines stand apart) or by type (smaller than the document's text, as a
browser's "Save as PDF" prints the date, the title, the address and "2/7" above
and below a page of loosely spaced headlines). The text's size is the
document's, not the page's: a sheet holding a few short links prints more
characters in its header and footer than in its text.

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


LineId = tuple[int, int]  # (page index, line index on the page)


def page_furniture(pages: Sequence[PrintedPage]) -> dict[LineId, Furniture]:
    """Every furniture line of the document, by page and line index, with its kind and the rule that found it."""
    text_size = _text_size(line for page in pages for line in page.lines)
    bands = {
        line_id: band for index, page in enumerate(pages) for line_id, band in _band_lines(index, page, text_size).items()
    }
    found = find_running_lines(pages, bands, text_size)
    found.update(find_page_numbers(pages, bands))
    return found


def find_page_numbers(pages: Sequence[PrintedPage], bands: dict[LineId, str]) -> dict[LineId, Furniture]:
    """Page numbers alone on their row in a page's top or bottom band."""
    found = {}
    for (page, index), _band in bands.items():
        line = pages[page].lines[index]
        if PAGE_NUMBER.match(line.text.strip()) and _alone_on_row(line, pages[page].lines):
            found[(page, index)] = Furniture(PAGE_NUMBER_KIND, "find_page_numbers")
    return found


def find_running_lines(pages: Sequence[PrintedPage], bands: dict[LineId, str], text_size: float) -> dict[LineId, Furniture]:
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
            copies[(band, running_key(line.text))].append((page, index))
    found = {}
    for (band, _key), line_ids in copies.items():
        for run in _same_height_runs(pages, line_ids):
            found.update((line_id, Furniture(RUNNING_HEADER if band == "top" else RUNNING_FOOTER, "find_running_lines")) for line_id in run)
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


def _band_lines(page_index: int, page: PrintedPage, text_size: float) -> dict[LineId, str]:
    """The lines of the outermost rows at the top ("top") and bottom ("bottom") of the page."""
    rows = _rows(page.lines)
    found: dict[LineId, str] = {}
    for band, ordered, inside in (
        ("top", rows, lambda line: line.top >= page.height * (1 - BAND_SHARE)),
        ("bottom", rows[::-1], lambda line: line.baseline <= page.height * BAND_SHARE),
    ):
        for count in range(min(MAX_BAND_ROWS, len(ordered)), 0, -1):
            edge = ordered[:count]
            set_off = _set_apart(page.lines, ordered, count) or _smaller_type(page.lines, edge, text_size)
            if all(inside(page.lines[i]) for row in edge for i in row) and set_off:
                found.update(((page_index, i), band) for row in edge for i in row if (page_index, i) not in found)
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
