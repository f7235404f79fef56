"""Tables of contents: empty ones left by a page widget, and full ones that repeat the headings.

A table-of-contents heading ("Table of Contents", "Inhalt", "Sommaire", ...) is
followed by its entries: short lines that come back later in the text as
headings. The heading and such entries are removed. The first line after the
heading that is not an entry (it heads prose, or never comes back) is the
article's own content and stays: for an empty table that is the next section
heading, and only the "Table of Contents" line goes. A collapsible table's
switch ("Contents [hide]") and a colon ("Jump to:") belong to the heading.
"""

from __future__ import annotations

import re

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.line_shapes import is_heading_like, is_prose, line_key
from ingest.boilerplate.text_lines import Line, Removal, removal_edits, split_lines
from ingest.input_kinds import TEMPLATE_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

KIND = "table_of_contents"

# Dot leaders and page numbers of printed tables ("Introduction ........ 3").
MAX_ENTRY_CHARS = 300
# The show/hide switch of a collapsible table ("Contents [hide]").
TOGGLE = re.compile(r"\s*[\[(][^\W\d_]{2,12}[\])]\s*$")
LEADER_AND_PAGE = re.compile(r"(?:\s*[.·…_]{2,}\s*|\s+)\d{1,4}$")


@rule(phase=Phase.BLOCK_BOILERPLATE, order=30, effect=REMOVAL, kinds=KIND, inputs=TEMPLATE_TEXT)
def remove_tables_of_contents(text: str, context: CleaningContext) -> list[Edit]:
    """Remove table-of-contents headings and the entries that repeat later headings."""
    lines = [line for line in split_lines(text) if not line.is_blank]
    labels = label_set("table_of_contents")
    removals = []
    for index, line in enumerate(lines):
        label = _without_toggle(line.text)
        if line_key(label) not in labels or not is_heading_like(label.rstrip().rstrip(":")):
            continue
        end = _entries_end(lines, index + 1)
        removals.append(Removal(line.start, lines[end - 1].end, KIND, "remove_tables_of_contents"))
    return removal_edits(text, removals)


def _without_toggle(text: str) -> str:
    """The heading without a trailing one-word switch in brackets; a colon after it is allowed by the caller."""
    if not text.rstrip().endswith((")", "]")):
        return text  # no switch can end the line: spares the pattern's scan of every line
    return TOGGLE.sub("", text)


def _entries_end(lines: list[Line], start: int) -> int:
    """Index after the last entry: a heading-like line that heads no prose and recurs later."""
    last_seen = {line_key(line.text): i for i, line in enumerate(lines) if len(line.text) <= MAX_ENTRY_CHARS}
    index = start
    while index < len(lines) and _is_entry(lines, index, last_seen):
        index += 1
    return index


def _is_entry(lines: list[Line], index: int, last_seen: dict[str, int]) -> bool:
    text = lines[index].text
    if len(text) > MAX_ENTRY_CHARS:
        return False
    title = LEADER_AND_PAGE.sub("", text)
    if not is_heading_like(title):
        return False
    if index + 1 < len(lines) and is_prose(lines[index + 1].text):
        return False
    return last_seen.get(line_key(title), -1) > index
