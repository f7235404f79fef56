"""The final layout: paragraphs separated by exactly one blank line, nothing around the text.

Runs after re-flowing and boilerplate removal, so every line break still in the
text ends a paragraph, a heading or a list item: each becomes a blank line, and
runs of blank lines (left where boilerplate was cut) become one. Whitespace at
the start and end of the document goes. A block's lines stay together: the rows
of a table and the items of a list keep single line breaks, and a fenced code
block keeps its lines and their indentation as written.

Written with a plain ``\\n`` search and a backwards scan over spaces instead of
one regular expression: a pattern that starts on spaces backtracks
quadratically over a long run of spaces with no line break after it.
"""

from __future__ import annotations

import re

from ingest.input_kinds import FLOWING_TEXT
from ingest.normalize.blocks import in_spans, is_block_line, verbatim_spans
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

PARAGRAPH_BREAK = "\n\n"
BREAK_RUN = re.compile(r"\n\s*")


@rule(phase=Phase.LAYOUT, order=10, effect=REPAIR, kinds="whitespace", inputs=FLOWING_TEXT)
def paragraph_layout(text: str, context: CleaningContext) -> list[Edit]:
    """Edits giving one blank line between paragraphs and no whitespace at the document's edges."""
    if not text.strip():
        return [Edit(0, len(text), "", "whitespace", "paragraph_layout")] if text else []
    edits = []
    leading = len(text) - len(text.lstrip())
    if leading and "\n" not in text[:leading]:
        edits.append(Edit(0, leading, "", "whitespace", "paragraph_layout"))
    code = verbatim_spans(text, context.input_kind if context is not None else None)
    for match in BREAK_RUN.finditer(text):
        start = match.start()
        if in_spans(start, code) and match.group().count("\n") == 1:
            continue
        while start > 0 and _is_space(text[start - 1]):
            start -= 1
        end = match.end()
        if in_spans(end, code):
            end = text.rfind("\n", start, end) + 1  # a line of code keeps its indentation
        at_edge = start == 0 or end == len(text)
        after = "" if at_edge else _break_between(text, start, end)
        if text[start:end] != after:
            edits.append(Edit(start, end, after, "whitespace", "paragraph_layout"))
    trailing_start = len(text.rstrip())
    if trailing_start < len(text) and "\n" not in text[trailing_start:]:
        edits.append(Edit(trailing_start, len(text), "", "whitespace", "paragraph_layout"))
    return edits


def _break_between(text: str, start: int, end: int) -> str:
    """One line break between two lines of one block (table rows, list items), else a blank line."""
    if text.count("\n", start, end) > 1:
        return PARAGRAPH_BREAK
    line_before = text[text.rfind("\n", 0, start) + 1 : start]
    next_break = text.find("\n", end)
    line_after = text[end : len(text) if next_break < 0 else next_break]
    return "\n" if is_block_line(line_before) and is_block_line(line_after) else PARAGRAPH_BREAK


def _is_space(char: str) -> bool:
    return char.isspace() and char != "\n"
