"""Markdown markup turned into plain text: ``### Trade`` becomes the heading line ``Trade``.

Only markup that is unambiguous in prose is touched: ATX headings (one to six
``#`` then a space, at the start of a line) and asterisk emphasis (``**bold**``,
``*italic*``) whose markers hug a word on the inside and not on the outside.
Underscore emphasis is left alone: underscores also live in identifiers and file
names, where removing them would change a word. HTML is converted when the file
is decoded, not here.
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_per_line
from ingest.normalize.whitespace import SPACE
from ingest.input_kinds import EVERY_KIND
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Indentation before the hashes is allowed: spaces at line starts are tidied away later anyway.
HEADING_PREFIX = re.compile(rf"^[{SPACE}]*#{{1,6}}(?:[ \t]+#+)*[ \t]+", re.MULTILINE)
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
# Nesting levels of emphasis unwrapped; ``**bold *and italic* bold**`` needs two.
MAX_EMPHASIS_PASSES = 3


@rule(phase=Phase.NEUTRAL_REPAIRS, order=70, effect=REPAIR, kinds="markup", inputs=EVERY_KIND)
def plain_markdown_headings(text: str, context: CleaningContext) -> list[Edit]:
    """Edits removing the ``#`` marks around a Markdown heading, keeping its words."""
    edits = []
    for match in HEADING_PREFIX.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        line = text[match.end() : line_end]
        closing = CLOSING_HASHES.search(line)
        title_end = match.end() + (closing.start() if closing else len(line))
        if not text[match.end() : title_end].strip(" \t#"):
            continue  # a line of hashes is not a heading
        edits.append(Edit(match.start(), match.end(), "", "markup", "plain_markdown_headings"))
        if closing:
            edits.append(Edit(title_end, line_end, "", "markup", "plain_markdown_headings"))
    return edits


@rule(phase=Phase.NEUTRAL_REPAIRS, order=80, effect=REPAIR, kinds="markup", inputs=EVERY_KIND)
def drop_markdown_emphasis(text: str, context: CleaningContext) -> list[Edit]:
    """Edits removing asterisk emphasis markers, keeping the emphasised words."""
    if "*" not in text:
        return []
    return edits_per_line(text, _unwrap_emphasis, "markup", "drop_markdown_emphasis")


def _unwrap_emphasis(line: str) -> str:
    if "*" not in line:
        return line
    for _ in range(MAX_EMPHASIS_PASSES):
        unwrapped = ITALIC.sub(r"\1", BOLD.sub(r"\1", line))
        if unwrapped == line:
            break
        line = unwrapped
    return line
