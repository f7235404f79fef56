"""Text that remembers every change made to it, in the coordinates of the original.

Every cleaning stage works on the *current* text of a document, but the warehouse
promises analysts offsets into the *decoded raw text*, so that a removal or repair
can always be shown in place and the clean text rebuilt from the raw text plus the
records. ``TracedText`` keeps that promise: stages hand it edits against the text
as they see it, and it keeps one sorted list of non-overlapping changes against
the original.

Written by hand because no library maps edits through successive rewrites back
to the first version while keeping a reason on each; ``rapidfuzz`` is used only to
turn a whole-string rewrite into minimal edits.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

# Above this many characters, a rewrite is recorded as one replacement instead of
# being diffed character by character: the diff is quadratic in the worst case.
MAX_DIFF_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Edit:
    """A proposed change, in the coordinates of the text the stage was given."""

    start: int
    end: int
    after: str
    kind: str
    rule: str


@dataclass(frozen=True, slots=True)
class Change:
    """A change recorded against the original text: ``original[start:end]`` became ``after``."""

    start: int
    end: int
    before: str
    after: str
    kind: str
    rule: str

    def __reduce__(self) -> tuple:
        # Every batch's changes cross a process boundary; the pickling that dataclass
        # gives frozen slotted classes calls fields() per object, which made unpickling
        # changes a sixth of the flow process's time.
        return Change, (self.start, self.end, self.before, self.after, self.kind, self.rule)


class TracedText:
    """The original text, the current text, and the changes that lead from one to the other."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._changes: list[Change] = []

    @property
    def changes(self) -> list[Change]:
        """All changes, sorted by their position in the original; they never overlap."""
        return list(self._changes)

    def apply(self, edits: Iterable[Edit]) -> None:
        """Apply edits given in current-text coordinates, in one pass over the history.

        Edits must not overlap one another. An edit that overlaps earlier changes
        is merged with them (and with any other edit touching the same changes), so
        the history stays one non-overlapping list: a removal that swallows an
        earlier repair keeps only the removal, because its ``before`` already holds
        the original text.
        """
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        _check_disjoint(ordered, len(self.text))
        if not ordered:
            return
        changes = self._changes
        positions = self._current_positions()
        merged: list[Change] = []
        index = 0
        for cluster in _clusters(ordered, positions):
            merged.extend(changes[index : cluster.first])
            merged.append(self._merged_change(cluster, changes, positions))
            index = cluster.last + 1
        merged.extend(changes[index:])
        self._changes = merged
        # The edits are in the current text's coordinates: applied to it, they give what
        # ``render(self.original, merged)`` gives (tests/test_traced_text.py checks both),
        # at the cost of the edits rather than of the whole history.
        self.text = render(self.text, ordered)

    def rewrite(self, transform: Callable[[str], str], kind: str, rule: str) -> None:
        """Apply a whole-text transformation, recorded as the minimal edits it amounts to."""
        self.apply(diff_edits(self.text, transform(self.text), kind, rule))

    def to_original(self, position: int) -> int:
        """Map a current-text position to the original (a position inside a change maps to its start)."""
        positions = self._current_positions()
        for change, (cur_start, cur_end) in zip(self._changes, positions):
            if cur_start <= position < cur_end:
                return change.start
        ends = [cur_end for _, cur_end in positions]
        left = bisect.bisect_right(ends, position) - 1
        return _original_at(position, left, self._changes, positions)

    def _current_positions(self) -> list[tuple[int, int]]:
        positions = []
        delta = 0
        for change in self._changes:
            start = change.start + delta
            positions.append((start, start + len(change.after)))
            delta += len(change.after) - (change.end - change.start)
        return positions

    def _merged_change(self, cluster: _Cluster, changes: list[Change], positions: list[tuple[int, int]]) -> Change:
        """One change in original coordinates for a cluster of edits and the changes they hit."""
        edits = cluster.edits
        if not cluster.hits:
            [edit] = edits
            start = _original_at(edit.start, cluster.first - 1, changes, positions)
            end = _original_at(edit.end, cluster.first - 1, changes, positions)
            return Change(start, end, self.original[start:end], edit.after, edit.kind, edit.rule)
        first, last = cluster.first, cluster.last
        cur_start = min(edits[0].start, positions[first][0])
        cur_end = max(edits[-1].end, positions[last][1])
        pieces, cursor = [], cur_start
        for edit in edits:
            pieces += [self.text[cursor : edit.start], edit.after]
            cursor = edit.end
        pieces.append(self.text[cursor:cur_end])
        after = "".join(pieces)
        start = min(changes[first].start, _original_at(cur_start, first - 1, changes, positions))
        end = max(changes[last].end, _original_at(cur_end, last, changes, positions))
        swallowed = changes[first : last + 1]
        if after == "":
            kind, rule = edits[-1].kind, edits[-1].rule
        else:
            kind = _join(c.kind for c in [*swallowed, *edits])
            rule = _join(c.rule for c in [*swallowed, *edits])
        return Change(start, end, self.original[start:end], after, kind, rule)


@dataclass
class _Cluster:
    """Edits that must become one change, and the range of earlier changes they hit.

    Without hits, ``first`` is the index the new change takes in the history
    (``last == first - 1``).
    """

    edits: list[Edit]
    first: int
    last: int

    @property
    def hits(self) -> bool:
        return self.last >= self.first


def _clusters(edits: list[Edit], positions: list[tuple[int, int]]) -> list[_Cluster]:
    """Sweep sorted edits and changes together, grouping each edit with the changes it overlaps."""
    clusters: list[_Cluster] = []
    index = 0
    ends = [end for _, end in positions]
    for edit in edits:
        previous = clusters[-1] if clusters else None
        if previous and previous.hits and _overlaps(edit.start, edit.end, *positions[previous.last]):
            cluster = previous
            cluster.edits.append(edit)
        else:
            index = _first_not_before(edit, positions, ends, index)
            cluster = _Cluster([edit], index, index - 1)
            clusters.append(cluster)
        while index < len(positions) and _overlaps(edit.start, edit.end, *positions[index]):
            cluster.last = index
            index += 1
    return clusters


def _first_not_before(edit: Edit, positions: list[tuple[int, int]], ends: list[int], low: int) -> int:
    """The first earlier change from ``low`` on that is not wholly before the edit, by binary search.

    A change lies wholly before an edit when it ends at or before the edit's start.
    At the point of an earlier removal (an empty current range) the order is a
    choice: an edit starting there goes after the removed text, an insertion there
    goes before it, so neither ever overlaps it. The changes before an edit are
    thus a prefix: those ending at or before its start, but for the removals at the
    very point of an insertion, which follow it and close that prefix.
    """
    index = bisect.bisect_right(ends, edit.start, low)
    if edit.start == edit.end:
        while index > low and positions[index - 1] == (edit.start, edit.start):
            index -= 1
    return index


def render(original: str, changes: Iterable[Change | Edit]) -> str:
    """Rebuild a text from its original and its changes, or apply sorted, disjoint edits to it."""
    parts = []
    cursor = 0
    for change in changes:
        parts.append(original[cursor : change.start])
        parts.append(change.after)
        cursor = change.end
    parts.append(original[cursor:])
    return "".join(parts)


def diff_edits(before: str, after: str, kind: str, rule: str) -> list[Edit]:
    """The minimal edits that turn ``before`` into ``after`` (insertions and deletions merged)."""
    if before == after:
        return []
    if len(before) > MAX_DIFF_CHARS or len(after) > MAX_DIFF_CHARS:
        prefix = _common_prefix(before, after)
        suffix = _common_prefix(before[prefix:][::-1], after[prefix:][::-1])
        return [Edit(prefix, len(before) - suffix, after[prefix : len(after) - suffix], kind, rule)]
    edits = []
    for op in Indel.opcodes(before, after):
        if op.tag == "equal":
            continue
        if edits and edits[-1].end == op.src_start:
            last = edits.pop()
            edits.append(Edit(last.start, op.src_end, last.after + after[op.dest_start : op.dest_end], kind, rule))
        else:
            edits.append(Edit(op.src_start, op.src_end, after[op.dest_start : op.dest_end], kind, rule))
    return edits


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by binary search over slice comparisons (C speed on long texts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _original_at(position: int, left: int, changes: list[Change], positions: list[tuple[int, int]]) -> int:
    """Original offset of a current position whose nearest change to the left is ``left``."""
    if left < 0:
        return position
    return changes[left].end + (position - positions[left][1])


def _overlaps(start: int, end: int, cur_start: int, cur_end: int) -> bool:
    if cur_start == cur_end:  # an earlier removal: only an edit strictly around it touches it
        return start < cur_start < end
    if start == end:  # an insertion: only strictly inside an earlier change
        return cur_start < start < cur_end
    return start < cur_end and cur_start < end


def _check_disjoint(edits: list[Edit], length: int) -> None:
    previous_end = 0
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= length:
            raise ValueError(f"edit {edit} lies outside the text (length {length})")
        if edit.start < previous_end:
            raise ValueError(f"edits overlap at {edit.start}: {edit}")
        previous_end = edit.end


def _join(parts: Iterable[str]) -> str:
    seen: list[str] = []
    for part in parts:
        for piece in part.split("+"):
            if piece not in seen:
                seen.append(piece)
    return "+".join(seen)
