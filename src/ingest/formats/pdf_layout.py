"""A PDF page's printed lines rebuilt into paragraphs, tables and code blocks, in reading order.

A PDF has no paragraphs, only lines placed on a page. pdfminer's text boxes
approximate them by vertical proximity, which fails as soon as lines are set
wider apart than its margin: at 1.5 or double spacing every printed line is a
box of its own. Here paragraphs are read from the geometry a reader sees,
always relative to the page's own line pitch, so that the same text printed
single, 1.5 or double spaced gives the same paragraphs. Between two lines of
prose a paragraph ends where

* the gap between their baselines is clearly wider than the pitch
  (``PARAGRAPH_GAP`` times it);
* the second line is indented against its column's left edge and the first
  is not (a first-line indent; a hanging indent under a list item is not);
* the first line ends a sentence and the second line's first word would have
  fitted after it: the line was not full, so its break was meant;
* the font size changes (a footnote, a caption).

A heading (a larger or bold line of a few words) is a paragraph of its own; a
heading set on two lines stays one. Lines in a monospace font (code) and rows of
cells with wide gaps between them (tables) keep one line each, never joined. Two
justified columns set their lines side by side on one baseline; a pair of such
lines (each ending at its column's edge) is prose, not a row of cells.

Reading order: a line wider than ``FULL_WIDTH_SHARE`` of the page, or a table
row, separates bands; inside a band, lines that overlap horizontally form a
column, and columns are read left to right, each top down. Lines of a paragraph
are joined with one newline, as printed (cleaning re-flows them, with a record);
paragraphs are separated by a blank line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from ingest.boilerplate.line_shapes import ends_sentence
from ingest.formats.pdf_lines import PrintedLine
from ingest.text_shapes import LIST_MARKER

# A line this wide spans the columns of a page (two columns leave each under half).
FULL_WIDTH_SHARE = 0.6
# Lines whose baselines differ by less than this share of their size share a row.
ROW_TOLERANCE = 0.3
# A gap between baselines this many pitches wide ends a paragraph: one blank line
# (two pitches) clearly does, a superscript or a loose line (1.2) does not.
PARAGRAPH_GAP = 1.5
# The pitch is read from the gaps near the smallest one: at most this many times it,
# so the gaps that end paragraphs do not pull the estimate up.
PITCH_SPREAD = 1.25
# Gaps under this share of the font size are lines printed over one another, not a pitch.
MIN_PITCH_SHARE = 0.5
# Without a pitch on the page or in the document, single spacing is assumed.
DEFAULT_PITCH_SHARE = 1.2
# A first-line indent: at least this many ems in from the column's left edge.
INDENT_EMS = 0.8
# The end of the line above is compared with the column's right edge with this slack (points).
FIT_SLACK = 1.0
# A heading is larger than body text by this ratio, or bold in a body that is not, and short.
HEADING_SIZE_RATIO = 1.15
MAX_HEADING_WORDS = 14
# Lines of a paragraph share a size within this ratio; a different size starts a new block.
SIZE_CHANGE_RATIO = 1.1
# A row of cells is a table row when its cells hold this many words at most on average,
# and a table has this many such rows in a row: two prose columns give long cells.
MAX_CELL_WORDS = 4
MIN_TABLE_ROWS = 2
# Two justified columns set their lines side by side on one baseline, and a narrow
# column's lines hold few words: such a pair is not a row of cells. A line of a
# justified column ends where MIN_LINES_AT_EDGE lines of the page end (within
# EDGE_SLACK points) and is at least FULL_LINE_SHARE of the page's median line
# wide; a row whose lines are half such lines is prose.
MIN_LINES_AT_EDGE = 4
EDGE_SLACK = 1.0
FULL_LINE_SHARE = 0.5
# Cells are written between pipes, as Markdown writes a table row: cleaning keeps such
# rows on their lines (``ingest.normalize.blocks``), where tabs would be tidied to spaces.
TABLE_CELL_SEPARATOR = " | "
# Code is fenced as Markdown fences it, so cleaning keeps its lines and indentation.
CODE_FENCE = "```"

PROSE, HEADING, CODE, TABLE = "prose", "heading", "code", "table"


@dataclass(frozen=True)
class BodyStyle:
    """What the document's body text looks like: the size, weight and face most of its characters share."""

    size: float
    bold: bool
    monospace: bool
    face: str


@dataclass(frozen=True)
class Column:
    """The left and right edges that a line's indent and fill are measured against."""

    left: float
    right: float


@dataclass(frozen=True)
class Item:
    """A line in reading order, with its column and what kind of block it belongs to."""

    line: PrintedLine
    column: Column
    kind: str
    text: str


def body_style(lines: Sequence[PrintedLine]) -> BodyStyle:
    """The size, weight and face of most characters: what headings and code are told from."""
    weights: Counter[tuple[float, bool, bool]] = Counter()
    faces: Counter[str] = Counter()
    for line in lines:
        weights[(round(line.size, 1), line.bold, line.monospace)] += len(line.text)
        faces[line.face] += len(line.text)
    size, bold, monospace = max(weights, key=weights.__getitem__) if weights else (10.0, False, False)
    return BodyStyle(size, bold, monospace, max(faces, key=faces.__getitem__, default=""))


def reading_order(lines: Sequence[PrintedLine], page_width: float, body: BodyStyle) -> list[Item]:
    """The page's lines as a reader takes them, each with its column and block kind."""
    if not lines:
        return []
    tables, rest = _table_rows(lines)
    separators = {id(row[0]): row for row in tables}
    page_column = _extent([line for line in rest if line.width >= FULL_WIDTH_SHARE * page_width] or list(lines))
    ordered: list[Item] = []
    band: list[PrintedLine] = []
    for line in sorted([*rest, *(row[0] for row in tables)], key=lambda ln: -ln.baseline):
        if id(line) in separators:
            ordered += _band_items(band, page_column, body)
            ordered.append(_table_item(separators[id(line)]))
            band = []
        elif line.width >= FULL_WIDTH_SHARE * page_width:
            ordered += _band_items(band, page_column, body)
            ordered.append(Item(line, page_column, _kind(line, body), line.text.strip()))
            band = []
        else:
            band.append(line)
    return ordered + _band_items(band, page_column, body)


def line_pitch(items: Sequence[Item], body: BodyStyle) -> float | None:
    """The distance between baselines of consecutive body lines in the same column, or None when no two are."""
    gaps = [
        a.line.baseline - b.line.baseline
        for a, b in zip(items, items[1:])
        if a.kind == b.kind == PROSE
        and a.column == b.column
        and _same_size(a.line.size, body.size)
        and _same_size(b.line.size, body.size)
    ]
    gaps = [gap for gap in gaps if gap >= MIN_PITCH_SHARE * body.size]
    if not gaps:
        return None
    smallest = min(gaps)
    return median(gap for gap in gaps if gap <= PITCH_SPREAD * smallest)


def default_pitch(body: BodyStyle) -> float:
    return DEFAULT_PITCH_SHARE * body.size


def blocks(items: Sequence[Item], pitch: float, body: BodyStyle) -> list[str]:
    """Paragraphs, headings, code blocks and tables, each as its lines joined by newlines."""
    groups: list[list[Item]] = []
    for previous, item in zip([None, *items], items):
        if previous is None or _starts_block(previous, item, pitch, body):
            groups.append([item])
        else:
            groups[-1].append(item)
    return [_block_text(group) for group in groups]


def _starts_block(a: Item, b: Item, pitch: float, body: BodyStyle) -> bool:
    if a.kind != b.kind:
        return True
    below = b.line.baseline < a.line.baseline
    gap = a.line.baseline - b.line.baseline
    scale = max(a.line.size, b.line.size) / body.size
    if a.kind in (CODE, TABLE):
        return not below or gap > 2 * PARAGRAPH_GAP * pitch * scale
    if not _same_size(a.line.size, b.line.size) or a.line.bold != b.line.bold:
        return True
    if below and gap > PARAGRAPH_GAP * pitch * scale:
        return True
    if a.kind == HEADING:
        return not below
    first_line_indent = _indented(b) and not _indented(a) and not LIST_MARKER.match(a.text)
    return first_line_indent or _ends_short(a, b)


def _indented(item: Item) -> bool:
    return item.line.x0 - item.column.left >= INDENT_EMS * item.line.size


def _ends_short(a: Item, b: Item) -> bool:
    """The line ends a sentence, and the next line's first word would have fitted after it."""
    room = a.column.right + FIT_SLACK - a.line.x1
    return ends_sentence(a.text) and a.line.space_width + b.line.first_word_width <= room


def _same_size(a: float, b: float) -> bool:
    return max(a, b) <= SIZE_CHANGE_RATIO * min(a, b)


def _block_text(group: list[Item]) -> str:
    if group[0].kind != CODE:
        return "\n".join(item.text for item in group)
    left = min(item.line.x0 for item in group)
    code = "\n".join(" " * round((item.line.x0 - left) / item.line.glyph_width) + item.text for item in group)
    return f"{CODE_FENCE}\n{code}\n{CODE_FENCE}"


def _kind(line: PrintedLine, body: BodyStyle) -> str:
    # Code is set apart in a face of its own: Japanese and Chinese bodies are often printed in a
    # fixed-pitch face (MS Gothic, IPA Gothic), whose lines are not code.
    if line.monospace and not body.monospace and line.face != body.face:
        return CODE
    larger = line.size >= HEADING_SIZE_RATIO * body.size
    bolder = line.bold and not body.bold
    return HEADING if (larger or bolder) and len(line.text.split()) <= MAX_HEADING_WORDS else PROSE


def _band_items(band: list[PrintedLine], page_column: Column, body: BodyStyle) -> list[Item]:
    """A band's lines column by column; a band of one column is measured against the page's text width."""
    columns: list[list[PrintedLine]] = []
    for line in sorted(band, key=lambda ln: ln.x0):
        # A line joins the column whose every line it overlaps: a centred line above the
        # columns (a masthead) must not bridge the gutter and merge two columns into one.
        column = next((c for c in columns if line.x0 < min(other.x1 for other in c)), None)
        if column is None:
            columns.append([line])
        else:
            column.append(line)
    items = []
    for lines in columns:
        geometry = page_column if len(columns) == 1 else _extent(lines)
        for line in sorted(lines, key=lambda ln: -ln.baseline):
            kind = _kind(line, body)
            items.append(Item(line, geometry, kind, line.text.rstrip() if kind == CODE else line.text.strip()))
    return items


def _extent(lines: Sequence[PrintedLine]) -> Column:
    return Column(min(line.x0 for line in lines), max(line.x1 for line in lines))


def _table_rows(lines: Sequence[PrintedLine]) -> tuple[list[list[PrintedLine]], list[PrintedLine]]:
    """Rows of short cells, in runs of at least ``MIN_TABLE_ROWS``, each left to right; and the other lines."""
    justified = _justified_lines(lines)
    rows: list[list[PrintedLine]] = []
    for line in sorted(lines, key=lambda ln: -ln.baseline):
        if rows and abs(rows[-1][0].baseline - line.baseline) < ROW_TOLERANCE * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    tables: list[list[PrintedLine]] = []
    run: list[list[PrintedLine]] = []
    for row in [*rows, []]:
        if _cells_row(row) and 2 * sum(id(line) in justified for line in row) < len(row):
            run.append(sorted(row, key=lambda ln: ln.x0))
            continue
        if len(run) >= MIN_TABLE_ROWS:
            tables += run
        run = []
    in_tables = {id(line) for row in tables for line in row}
    return tables, [line for line in lines if id(line) not in in_tables]


def _justified_lines(lines: Sequence[PrintedLine]) -> set[int]:
    """The ids of the lines that fill a justified column: wide, and ending at an edge many lines end at."""
    ends = sorted(line.x1 for line in lines)
    wide = FULL_LINE_SHARE * median(line.width for line in lines)
    return {
        id(line) for line in lines
        if line.width >= wide
        and bisect_right(ends, line.x1 + EDGE_SLACK) - bisect_left(ends, line.x1 - EDGE_SLACK) >= MIN_LINES_AT_EDGE
    }


def _cells_row(row: list[PrintedLine]) -> bool:
    return len(row) >= 2 and sum(len(line.text.split()) for line in row) <= MAX_CELL_WORDS * len(row)


def _table_item(row: list[PrintedLine]) -> Item:
    first = row[0]
    text = "| " + TABLE_CELL_SEPARATOR.join(line.text.strip() for line in row) + " |"
    return Item(first, Column(first.x0, row[-1].x1), TABLE, text)
