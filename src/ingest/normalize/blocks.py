"""Blocks whose line breaks are meant: table rows, list items, fenced code, rules under headings.

Re-flowing and the final layout treat every line break as either a wrap or a
paragraph's end; inside these blocks it is neither, and the block is content as
written (a Markdown table, a list, a code listing).
"""

from __future__ import annotations

import re

from ingest.text_shapes import LIST_MARKER
from ingest.traced_text import Edit

# A row of a table as Markdown and plain-text tables write it: cells between pipes.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]*\|[^|\n]*\|")
CODE_FENCES = ("```", "~~~")
# A line of one mark repeated: a heading's underline in plain text, Markdown and
# reStructuredText (``=====``, ``-----``, ``~~~~~``), or a rule between sections (``* * *``, ``_____``).
RULE_MARKS = "=~^*#_+-"
RULE_LINE = re.compile(rf"^\s*([{re.escape(RULE_MARKS)}])(?:\s*\1){{2,}}\s*$")
# The marks of an underline: a line of underscores under a text line is a separator
# or a blank to fill in (a mail digest's, a form's), not a heading's underline.
UNDERLINE_MARKS = RULE_MARKS.replace("_", "")


def is_table_row(line: str) -> bool:
    return bool(TABLE_ROW.match(line))


def is_block_line(line: str) -> bool:
    """A table row or a list item: a line that keeps its own line inside its block."""
    return is_table_row(line) or bool(LIST_MARKER.match(line))


def is_rule_line(line: str) -> bool:
    return bool(RULE_LINE.match(line))


def is_underline(line: str) -> bool:
    return is_rule_line(line) and line.strip()[0] in UNDERLINE_MARKS


def is_fence(line: str) -> bool:
    return line.strip().startswith(CODE_FENCES)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of each fenced code block, from its opening fence to the end of its closing one."""
    spans = []
    opened: int | None = None
    offset = 0
    for line in text.split("\n"):
        if is_fence(line):
            if opened is None:
                opened = offset
            else:
                spans.append((opened, offset + len(line)))
                opened = None
        offset += len(line) + 1
    return spans


def outside_code(edits: list[Edit], text: str) -> list[Edit]:
    """The edits that start outside the text's fenced code blocks: code keeps its characters as written."""
    if "```" not in text and "~~~" not in text:
        return edits
    code = code_spans(text)
    return [edit for edit in edits if not any(start <= edit.start < end for start, end in code)]
