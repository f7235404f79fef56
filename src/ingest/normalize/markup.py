"""Markdown markup turned into plain text: ``### Trade`` becomes the heading line ``Trade``.

Only markup that is unambiguous in prose is touched: ATX headings (one to six
``#`` then a space, at the start of a line indented by three spaces at most, as
CommonMark reads them), the line of marks under a heading (Markdown's setext
headings, reStructuredText's titles, a README's underlined sections) and asterisk emphasis (``**bold**``, ``*italic*``) whose
markers hug a word on the inside and not on the outside. Underscore emphasis is
left alone: underscores also live in identifiers and file names, where removing
them would change a word. HTML is converted when the file is decoded, not here.

Code keeps its characters: nothing inside a fenced block is touched, and a line
among other lines opening with ``#`` is a comment block of a shell, Perl or
Python listing typed in plain text (a heading stands alone). The rules act only
on text that may be Markdown source (``ingest.input_kinds``): a web page's, a
PDF's or a scan's asterisks and hashes are the author's own.
"""

from __future__ import annotations

import re

from ingest.input_kinds import EMPHASIS_SOURCE, MARKDOWN_SOURCE
from ingest.normalize.blocks import UNDERLINE_MARKS, is_rule_line, is_underline, outside_code
from ingest.normalize.edits import edits_per_line
from ingest.normalize.whitespace import SPACE
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# Up to three spaces of indentation before the hashes, as CommonMark allows: indented further,
# the line is code.
HEADING_PREFIX = re.compile(rf"^[{SPACE}]{{0,3}}#{{1,6}}(?:[ \t]+#+)*[ \t]+", re.MULTILINE)
# A heading is at most this many times as long as its underline.
MAX_HEADING_PER_MARK = 2
# Three marks in a row somewhere: a text without them has no underline to look for.
THREE_UNDERLINE_MARKS = re.compile(rf"([{re.escape(UNDERLINE_MARKS)}])\1\1")
HASH_LINE = re.compile(rf"[{SPACE}]{{0,3}}#")
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
# Nesting levels of emphasis unwrapped; ``**bold *and italic* bold**`` needs two.
MAX_EMPHASIS_PASSES = 3


@rule(phase=Phase.NEUTRAL_REPAIRS, order=70, effect=REPAIR, kinds="markup", inputs=MARKDOWN_SOURCE)
def plain_markdown_headings(text: str, context: CleaningContext) -> list[Edit]:
    """Edits removing the ``#`` marks around a Markdown heading, keeping its words."""
    if "#" not in text:
        return []
    edits = []
    for match in HEADING_PREFIX.finditer(text):
        if _among_hash_lines(text, match.start()):
            continue
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
    return outside_code(edits, text)


@rule(phase=Phase.NEUTRAL_REPAIRS, order=75, effect=REPAIR, kinds="markup", inputs=EMPHASIS_SOURCE)
def plain_underlined_headings(text: str, context: CleaningContext) -> list[Edit]:
    """Edits removing the line of marks under a heading, and the same line over it, keeping the heading's words.

    Left in, an underline becomes a paragraph of ``=`` marks once the heading is
    laid out as a paragraph of its own.
    """
    if not THREE_UNDERLINE_MARKS.search(text):
        return []
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    edits: list[Edit] = []
    removed: set[int] = set()
    for index in range(1, len(lines)):
        above = lines[index - 1]
        if not is_underline(lines[index]) or index - 1 in removed or not _underlines(lines[index], above):
            continue
        # The marks alone: the empty line left keeps the heading a paragraph of its own.
        edits.append(Edit(starts[index], starts[index] + len(lines[index]), "", "markup", "plain_underlined_headings"))
        removed.add(index)
        over = index - 2
        if over >= 0 and over not in removed and lines[over].strip() == lines[index].strip():
            edits.append(Edit(starts[over], starts[over] + len(lines[over]) + 1, "", "markup", "plain_underlined_headings"))
            removed.add(over)
    return outside_code(sorted(edits, key=lambda edit: edit.start), text)


def _underlines(marks: str, above: str) -> bool:
    """Whether a line of marks is the underline of the line above it: a heading about as long as the marks.

    A writer draws an underline to the heading's length (reStructuredText asks for
    it at least that long); a line of dashes under a long line of a saved page or
    a comment is a separator.
    """
    heading = above.strip()
    return bool(heading) and not is_rule_line(heading) and len(heading) <= MAX_HEADING_PER_MARK * len(marks.strip())


@rule(phase=Phase.NEUTRAL_REPAIRS, order=80, effect=REPAIR, kinds="markup", inputs=EMPHASIS_SOURCE)
def drop_markdown_emphasis(text: str, context: CleaningContext) -> list[Edit]:
    """Edits removing asterisk emphasis markers, keeping the emphasised words."""
    if "*" not in text:
        return []
    return outside_code(edits_per_line(text, _unwrap_emphasis, "markup", "drop_markdown_emphasis"), text)


def _among_hash_lines(text: str, line_start: int) -> bool:
    """Whether the line above or below also opens with ``#``: a block of comments, where a heading stands alone."""
    above_end = line_start - 1
    if above_end > 0:
        above_start = text.rfind("\n", 0, above_end) + 1
        if HASH_LINE.match(text, above_start):
            return True
    below_start = text.find("\n", line_start) + 1
    return below_start > 0 and HASH_LINE.match(text, below_start) is not None


def _unwrap_emphasis(line: str) -> str:
    if "*" not in line:
        return line
    for _ in range(MAX_EMPHASIS_PASSES):
        unwrapped = ITALIC.sub(r"\1", BOLD.sub(r"\1", line))
        if unwrapped == line:
            break
        line = unwrapped
    return line
