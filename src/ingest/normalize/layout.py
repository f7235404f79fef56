"""The final layout: paragraphs separated by exactly one blank line, nothing around the text.

Runs after re-flowing and boilerplate removal, so every line break still in the
text ends a paragraph, a heading or a list item: each becomes a blank line, and
runs of blank lines (left where boilerplate was cut) become one. Whitespace at
the start and end of the document goes.

Written with a plain ``\\n`` search and a backwards scan over spaces instead of
one regular expression: a pattern that starts on spaces backtracks
quadratically over a long run of spaces with no line break after it.
"""

from __future__ import annotations

import re

from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

PARAGRAPH_BREAK = "\n\n"
BREAK_RUN = re.compile(r"\n\s*")


@rule(phase=Phase.LAYOUT, order=10, effect=REPAIR, kinds="whitespace")
def paragraph_layout(text: str, context: CleaningContext) -> list[Edit]:
    """Edits giving one blank line between paragraphs and no whitespace at the document's edges."""
    if not text.strip():
        return [Edit(0, len(text), "", "whitespace", "paragraph_layout")] if text else []
    edits = []
    leading = len(text) - len(text.lstrip())
    if leading and "\n" not in text[:leading]:
        edits.append(Edit(0, leading, "", "whitespace", "paragraph_layout"))
    for match in BREAK_RUN.finditer(text):
        start = match.start()
        while start > 0 and _is_space(text[start - 1]):
            start -= 1
        end = match.end()
        at_edge = start == 0 or end == len(text)
        after = "" if at_edge else PARAGRAPH_BREAK
        if text[start:end] != after:
            edits.append(Edit(start, end, after, "whitespace", "paragraph_layout"))
    trailing_start = len(text.rstrip())
    if trailing_start < len(text) and "\n" not in text[trailing_start:]:
        edits.append(Edit(trailing_start, len(text), "", "whitespace", "paragraph_layout"))
    return edits


def _is_space(char: str) -> bool:
    return char.isspace() and char != "\n"
