"""Very large texts cut at paragraph breaks into sections that are cleaned one at a time.

Cleaning holds several versions of a text at once (each rule's view, the traced
history) and a few rules look at the whole text, so one 60 MB document took nine
minutes and 2 GB in a single call, and nothing could interrupt it. Cleaning it a
section at a time bounds the memory by the section, keeps the cost linear in the
document's size, and gives cancellation a point between sections as well as
between rules. A section is large (``SECTION_CHARS``), so what rules learn from
repetition (running headers, repeated headlines) still has hundreds of pages to
learn from; only repetition spread across sections goes unseen.

The whitespace between two sections is kept out of both: it becomes one blank
line (or nothing, beside a section that cleaning emptied), recorded as a layout
change like any other, so the changes still rebuild the clean text from the raw one.

A text with no line break for a whole section (60 MB on one line took 88 s and
3.5 GB as one section) is cut inside its line: after a sentence when one ends
nearby, else at a space, else, in a run of characters with no space at all, where
the section is full. That cut is recorded under its own rule (``LONG_LINE_RULE``),
so the audit tells a paragraph break cleaning made from one the text had.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.traced_text import Change, Edit

# Characters per section. Ten times a long article, so that no ordinary document
# is cut; small enough that cleaning one section stays within a few hundred MB.
SECTION_CHARS = 1_000_000
# How far past the ideal cut a paragraph break is looked for before a section is
# cut at a line break instead (a text with no blank lines, as OCR output can be).
SEARCH_CHARS = SECTION_CHARS // 2
PARAGRAPH_BREAK = "\n\n"
LAYOUT_RULE = "layout"
LONG_LINE_RULE = "long_line_cut"

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """Where a section starts and ends in the raw text, and the markup removals inside it (in its coordinates)."""

    start: int
    end: int
    markup_removals: tuple[Edit, ...]


def split_sections(text: str, markup_removals: Sequence[Edit] = ()) -> list[Section]:
    """Sections of about ``SECTION_CHARS`` each, cut in whitespace outside every markup removal.

    A text no longer than one section is one section.
    """
    removals = sorted(markup_removals, key=lambda e: (e.start, e.end))
    cuts = list(_gaps(text, removals))
    bounds = [0, *(point for gap in cuts for point in gap), len(text)]
    starts = [e.start for e in removals]
    sections = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = tuple(Edit(e.start - start, e.end - start, e.after, e.kind, e.rule) for e in removals[first:last])
        sections.append(Section(start, end, inside))
    return sections


def _gaps(text: str, removals: list[Edit]) -> Iterator[tuple[int, int]]:
    """The whitespace runs where the text is cut, in order."""
    ends = [e.end for e in removals]
    position = SECTION_CHARS
    while position < len(text) - SECTION_CHARS // 10:
        gap = _gap_after(text, position)
        if gap is None:
            return
        covering = _covering(removals, ends, gap)
        if covering is not None:
            position = covering
            continue
        yield gap
        position = gap[1] + SECTION_CHARS


def _gap_after(text: str, position: int) -> tuple[int, int] | None:
    """Where to cut at or after ``position``: the first blank line, line break, sentence end or space, in that preference.

    Each is looked for within ``SEARCH_CHARS``; a text with none of them there is cut
    where the search ends, with nothing between the sections.
    """
    limit = min(position + SEARCH_CHARS, len(text))
    match = _BLANK_LINE.search(text, position, limit)
    if match is None:
        line_break = text.find("\n", position, limit)
        if line_break >= 0:
            match = _SPACE.match(text, line_break)
    match = match or _SENTENCE_END.search(text, position, limit) or _SPACE.search(text, position, limit)
    if match is None:
        return (limit, limit) if limit < len(text) else None
    start, end = match.start(), match.end()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    if start == 0 or end == len(text):
        return None
    return start, end


def _covering(removals: list[Edit], ends: list[int], gap: tuple[int, int]) -> int | None:
    """The end of a markup removal the gap touches, or None when the gap is clear of them."""
    index = bisect.bisect_right(ends, gap[0])
    for removal in removals[index:]:
        if removal.start >= gap[1]:
            break
        if removal.end > gap[0]:
            return removal.end
    return None


def join_sections(raw: str, sections: Sequence[Section], texts: Sequence[str], changes: Sequence[list[Change]]) -> tuple[str, list[Change]]:
    """The whole clean text and its changes against ``raw``, from each section's clean text and changes.

    The raw whitespace between two sections becomes one blank line when both kept
    text, nothing otherwise; either is recorded as a layout change when it differs,
    under ``LONG_LINE_RULE`` when the raw text had no line break there.
    """
    joined: list[Change] = []
    pieces: list[str] = []
    kept_before = False
    for index, (section, text, own) in enumerate(zip(sections, texts, changes)):
        if index:
            gap_start = sections[index - 1].end
            separator = PARAGRAPH_BREAK if kept_before and text else ""
            gap = raw[gap_start : section.start]
            if gap != separator:
                rule = LAYOUT_RULE if "\n" in gap else LONG_LINE_RULE
                joined.append(Change(gap_start, section.start, gap, separator, "whitespace", rule))
            pieces.append(separator)
        joined.extend(_shifted(own, section.start))
        pieces.append(text)
        kept_before = kept_before or bool(text)
    return "".join(pieces), joined


def _shifted(changes: list[Change], offset: int) -> Iterator[Change]:
    for change in changes:
        yield Change(change.start + offset, change.end + offset, change.before, change.after, change.kind, change.rule)
