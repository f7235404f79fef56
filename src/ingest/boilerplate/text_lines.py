"""Lines and paragraphs with their offsets, and removals that leave no gap behind.

Every boilerplate rule reasons about whole lines or whole paragraphs and
answers with removals of them. Keeping the offsets here, in one place, is what
lets each rule stay a few lines of judgement.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from itertools import islice
from typing import TypeVar

from ingest.traced_text import Edit

Verdict = TypeVar("Verdict")


# Hard-wrapped text (PDF, OCR, e-mail) is wrapped well below this width.
MAX_WRAPPED_LINE_CHARS = 150
# How many lines' verdicts a rule keeps (``per_line_cache``), and the longest line kept: at
# most 4 million characters a cache, some 40 million over the ten caches even when a
# hostile file fills every one with long lines of its own (a few megabytes in practice:
# most lines are short), against a worker's 3 GB a document. A document's own lines,
# re-read on each pass, fit many times over.
LINE_CACHE_SIZE = 1 << 12
MAX_CACHED_LINE_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: ``text[start:end]`` without its newline.

    Its stripped text is read once, when the line is made: the rules ask a line
    whether it is blank millions of times a corpus, as each pass re-reads them.
    """

    start: int
    end: int
    text: str
    stripped: str = field(init=False, repr=False, compare=False)
    is_blank: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        stripped = self.text.strip()
        object.__setattr__(self, "stripped", stripped)
        object.__setattr__(self, "is_blank", not stripped)


@dataclass(frozen=True, slots=True)
class Removal:
    """Content to remove, ``text[start:end]``, with the reason for the record."""

    start: int
    end: int
    kind: str
    rule: str


def per_line_cache(judge: Callable[..., Verdict]) -> Callable[..., Verdict]:
    """``judge``, a pure function of a line's text (its first argument) and hashable others, memoized.

    The rules of a phase run until stable re-read the same lines on each pass, and
    a site's template lines recur from page to page: the same line, the same verdict.
    A line longer than ``MAX_CACHED_LINE_CHARS`` is judged anew each time. A judge
    of the line alone is looked up without a Python call (``_LineVerdicts``): some
    rules ask hundreds of thousands of times a corpus.
    """
    if len(inspect.signature(judge).parameters) == 1:
        return _LineVerdicts(judge).__getitem__
    cached = lru_cache(maxsize=LINE_CACHE_SIZE)(judge)

    @wraps(judge)
    def judged(text: str, *others: object) -> Verdict:
        return cached(text, *others) if len(text) <= MAX_CACHED_LINE_CHARS else judge(text, *others)

    return judged


class _LineVerdicts(dict):
    """A one-argument judge's verdicts by line: a line judged before costs a dict look-up alone.

    Holds at most ``LINE_CACHE_SIZE`` lines; when full, the older half goes (the
    verdicts are pure, so which lines are kept changes the cost, never a verdict).
    """

    def __init__(self, judge: Callable[[str], object]) -> None:
        super().__init__()
        self.judge = judge

    def __missing__(self, text: str) -> object:
        verdict = self.judge(text)
        if len(text) <= MAX_CACHED_LINE_CHARS:
            if len(self) >= LINE_CACHE_SIZE:
                for older in list(islice(self, LINE_CACHE_SIZE // 2)):
                    self.pop(older, None)  # another thread may have taken it already
            self[text] = verdict
        return verdict


def split_lines(text: str) -> list[Line]:
    """All lines of the text in order; a final line without a newline is included.

    Most rules of a phase read the same text (a rule that removes nothing leaves it
    as it was), so the last few texts' lines are kept; each caller gets its own list.
    """
    return list(_lines(text))


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[Line, ...]:
    lines = []
    start = 0
    for piece in text.split("\n"):  # one C call for the pieces, not a find and a slice a line
        end = start + len(piece)
        lines.append(Line(start, end, piece))
        start = end + 1
    return tuple(lines)


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The paragraphs of the text, each as its lines.

    A blank line ends a paragraph, and so does a newline next to a line longer
    than ``MAX_WRAPPED_LINE_CHARS``: such a line was never hard-wrapped, so it is
    a paragraph of its own (web text often separates paragraphs by one newline).
    """
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.is_blank:
            if current:
                runs.append(current)
                current = []
            continue
        if current and (len(line.text) > MAX_WRAPPED_LINE_CHARS or len(current[-1].text) > MAX_WRAPPED_LINE_CHARS):
            runs.append(current)
            current = []
        current.append(line)
    if current:
        runs.append(current)
    return runs


def next_content(lines: list[Line], index: int) -> int | None:
    """Index of the first non-blank line after ``index``, or None."""
    for position in range(index + 1, len(lines)):
        if not lines[position].is_blank:
            return position
    return None


def previous_content(lines: list[Line], index: int) -> int | None:
    """Index of the last non-blank line before ``index``, or None."""
    for position in range(index - 1, -1, -1):
        if not lines[position].is_blank:
            return position
    return None


def line_removal(line: Line, kind: str, rule: str) -> Removal:
    return Removal(line.start, line.end, kind, rule)


def removal_edits(text: str, removals: Iterable[Removal]) -> list[Edit]:
    """Edits that delete each span together with the blank lines that follow it.

    A removed block takes its trailing newlines with it, so removing a paragraph
    between two others leaves one paragraph break, not three; a block at the very
    end of the text takes the whitespace before it instead. Overlapping or
    touching spans of the same rule are merged; the result never overlaps.
    """
    edits: list[Edit] = []
    for removal in _merge_same_reason(text, removals):
        start, end = removal.start, removal.end
        if _starts_line(text, start):
            end = _swallow_following_whitespace(text, end)
        previous_end = edits[-1].end if edits else 0
        if end == len(text):
            start = _swallow_preceding_whitespace(text, start)
        start = max(start, previous_end)
        if start < end:
            edits.append(Edit(start, end, "", removal.kind, removal.rule))
    return edits


def _merge_same_reason(text: str, removals: Iterable[Removal]) -> list[Removal]:
    """Sorted removals of the same kind and rule merged when only whitespace lies between them.

    One card or list becomes one record instead of one per line.
    """
    merged: list[Removal] = []
    for removal in sorted(removals, key=lambda r: (r.start, r.end)):
        last = merged[-1] if merged else None
        if last and _only_space_between(text, last.end, removal.start) and (last.kind, last.rule) == (removal.kind, removal.rule):
            merged[-1] = Removal(last.start, max(last.end, removal.end), last.kind, last.rule)
        else:
            merged.append(removal)
    return merged


def _swallow_following_whitespace(text: str, end: int) -> int:
    """Extend ``end`` over the rest of its line and every blank line after it."""
    position = end
    length = len(text)
    while position < length and text[position] in " \t\r\f\v":
        position += 1
    if position < length and text[position] != "\n":
        return end  # content follows on the same line: take nothing more
    while position < length:
        newline_end = position + 1
        scan = newline_end
        while scan < length and text[scan] in " \t\r\f\v":
            scan += 1
        if scan < length and text[scan] == "\n":
            position = scan
            continue
        return newline_end if scan < length else scan
    return position


def _only_space_between(text: str, end: int, start: int) -> bool:
    return start <= end or not text[end:start].strip()


def _starts_line(text: str, start: int) -> bool:
    """True when only indentation precedes ``start`` on its line: the span is whole lines."""
    position = start
    while position > 0 and text[position - 1] in " \t\r\f\v":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def _swallow_preceding_whitespace(text: str, start: int) -> int:
    position = start
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position
