"""Data tables in plain text: rows of figures that look like furniture and are not.

A table saved as text is a run of short lines full of digits and separators:
exactly what a page number, a running footer or a menu looks like one line at
a time. Read together, its rows share a shape (the same cells, words and
figures in the same order), which no run of furniture lines does. The rules
that judge short lines ask this module first.
"""

from __future__ import annotations

import re

from ingest.boilerplate.text_lines import Line, per_line_cache

# Three rows of one shape are a table; two could be a coincidence of a date and a byline.
MIN_TABLE_ROWS = 3
# A header row is a few words without figures, right above the rows.
MAX_HEADER_WORDS = 8
CELL_SEPARATOR = re.compile(r"\s*[|\t]\s*")
DIGIT = re.compile(r"\d")
NUMBER = re.compile(r"^[-+−(]?[$€£¥]?\d[\d.,:/%–-]*[%)]?$")


def table_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines that are rows of a data table (with its header row, if any)."""
    found: set[int] = set()
    start = 0
    while start < len(lines):
        shape = _row_shape(lines[start].stripped)
        end = start + 1
        while shape and end < len(lines) and _row_shape(lines[end].stripped) == shape:
            end += 1
        if shape and end - start >= MIN_TABLE_ROWS:
            found.update(range(start, end))
            if start > 0 and _is_header(lines[start - 1].stripped):
                found.add(start - 1)
        start = end
    return found


@per_line_cache
def _row_shape(text: str) -> str:
    """The row's cells as ``N`` (a figure) and ``W`` (words), runs of words collapsed; "" unless it has a figure and two cells."""
    if not DIGIT.search(text):
        return ""
    if CELL_SEPARATOR.search(text):
        cells = ["N" if NUMBER.match(cell) else "W" for cell in CELL_SEPARATOR.split(text) if cell]
        shape = "|".join(cells)
    else:
        kinds = ["N" if NUMBER.match(token) else "W" for token in text.split()]
        shape = "".join(kind for position, kind in enumerate(kinds) if kind == "N" or kinds[position - 1 : position] != ["W"])
    return shape if "N" in shape and len(shape.replace("|", "")) >= 2 else ""


def _is_header(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_HEADER_WORDS and not any(ch.isdigit() for ch in text)
