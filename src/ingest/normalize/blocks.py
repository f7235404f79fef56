"""Blocks whose line breaks are meant: table rows, list items, fenced code, rules under headings.

Re-flowing and the final layout treat every line break as either a wrap or a
paragraph's end; inside these blocks it is neither, and the block is content as
written (a Markdown table, a list, a code listing). Typed text sets its code
off by indentation alone (a README's example, a manual page's commands), as
Markdown's indented code blocks do: its lines and their spaces are kept too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ingest.input_kinds import InputKind
from ingest.normalize.code_words import CODE_MARK
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
# Indented code in typed text: after a blank line, lines set at least CODE_INDENT columns
# deeper than the text above them or than the text's usual indentation (Markdown's
# indented code block), at least MIN_CODE_LINE_SHARE of them showing code: a mark prose
# does not put inside a word (``ingest.normalize.code_words``) or a prompt. A third, not
# half: an example's command and its result show marks, its input often none (a manual
# page's ``jq 'sqrt'``, ``9``, ``=> 3``). A manual page's option descriptions and a
# licence quoted at an indent are prose, and re-flow as prose: their lines hold
# MAX_CODE_LINE_WORDS plain words or more on average (a prose line of 70 columns holds 10
# or so), however many options and paths they name; a line of code holds one or two.
# Chosen on the typed routes of ``bench/content_loss.py``: paragraphs recovered, read
# beside the texts that changed.
CODE_INDENT = 4
MIN_CODE_LINE_SHARE = 0.3
MAX_CODE_LINE_WORDS = 5
PROMPTS = ("$ ", "# ", "% ", ">>> ")
PLAIN_WORD = re.compile(r"(?<!\S)[^\W\d_]+[,.;:]?(?!\S)")


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
    if not any(fence in text for fence in CODE_FENCES):
        return []  # most texts hold no fence: every text's layout and spacing rules ask
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


def verbatim_spans(text: str, kind: InputKind | None) -> list[tuple[int, int]]:
    """Offsets of the blocks whose characters are kept as written, in order and apart (``in_spans`` reads them):
    fenced code, and in typed text indented code."""
    spans = code_spans(text)
    if kind is not InputKind.TYPED:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + indented_code_spans(text)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls inside one of ``spans``, given in order and apart: one search, however many a text holds."""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def indented_code_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of each block of indented code, from its first line's start (its indentation included) to its last line's end.

    A block opens after a blank line, on a line ``CODE_INDENT`` columns deeper
    than the text line above the blank or than the text's usual indentation,
    whichever is shallower, and runs on, blank lines inside it included, while
    its lines are indented as deep; it counts when it shows code. The text
    above is the measure where the usual indentation misleads: a manual page
    sets most of its words, its options' descriptions, deeper than its examples.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    indents = [indent_of(line) if line.strip() else None for line in lines]
    usual = _usual_indent(lines, indents)
    spans = []
    above = 0  # the indentation of the last text line before a blank
    index = 0
    while index < len(lines):
        indent = indents[index]
        if indent is None:
            index += 1
            continue
        deep = min(above, usual) + CODE_INDENT
        if index == 0 or indents[index - 1] is not None or indent < deep:
            above = indent
            index += 1
            continue
        last = _block_end(indents, index, deep)
        if _shows_code([lines[i] for i in range(index, last + 1) if indents[i] is not None]):
            spans.append((starts[index], starts[last] + len(lines[last])))
        above = indents[last]
        index = last + 1
    return spans


def _usual_indent(lines: list[str], indents: list[int | None]) -> int:
    """The indentation that holds most of the text's words: once prose is re-flowed, its paragraphs are a line
    each, and code has more lines than it, but not more words."""
    words_at: Counter[int] = Counter()
    for line, indent in zip(lines, indents):
        if indent is not None:
            words_at[indent] += len(line.split())
    return words_at.most_common(1)[0][0] if words_at else 0


def _block_end(indents: list[int | None], first: int, deep: int) -> int:
    """The index of the block's last line: the last text line before one indented less than ``deep``."""
    last = first
    for below in range(first, len(indents)):
        if indents[below] is not None and indents[below] < deep:
            break
        if indents[below] is not None:
            last = below
    return last


def indent_of(line: str) -> int:
    """The line's indentation in columns, a tab reaching the next multiple of 8 as on a terminal."""
    expanded = line.expandtabs()
    return len(expanded) - len(expanded.lstrip())


def _shows_code(block: list[str]) -> bool:
    """Whether ``MIN_CODE_LINE_SHARE`` of the block's lines show code, with fewer plain words a line than prose."""
    marked = sum(line.strip().startswith(PROMPTS) or bool(CODE_MARK.search(line)) for line in block)
    plain_words = sum(len(PLAIN_WORD.findall(line)) for line in block)
    return marked >= MIN_CODE_LINE_SHARE * len(block) and plain_words < MAX_CODE_LINE_WORDS * len(block)


def outside_code(edits: list[Edit], text: str) -> list[Edit]:
    """The edits that start outside the text's fenced code blocks: code keeps its characters as written."""
    code = code_spans(text)
    return [edit for edit in edits if not in_spans(edit.start, code)]
