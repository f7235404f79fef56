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

    @property
    def is_removal(self) -> bool:
        """A removal drops content; deleting only whitespace is a layout repair."""
        return self.after == "" and self.before.strip() != ""


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
        """Apply edits given in current-text coordinates.

        Edits must not overlap one another. An edit that overlaps an earlier change
        is merged with it, so the history stays one non-overlapping list: a
        removal that swallows an earlier repair keeps only the removal, because its
        ``before`` already holds the original text.
        """
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        _check_disjoint(ordered, len(self.text))
        if not ordered:
            return
        positions = self._current_positions()
        merged = list(self._changes)
        # Right to left, so the current positions of changes not yet touched stay valid.
        for edit in reversed(ordered):
            merged, positions = self._merge_one(edit, merged, positions)
        self._changes = merged
        self.text = render(self.original, merged)

    def rewrite(self, transform: Callable[[str], str], kind: str, rule: str) -> None:
        """Apply a whole-text transformation, recorded as the minimal edits it amounts to."""
        self.apply(diff_edits(self.text, transform(self.text), kind, rule))

    def to_original(self, position: int) -> int:
        """Map a current-text position to the original (a position inside a change maps to its start)."""
        positions = self._current_positions()
        for change, (cur_start, cur_end) in zip(self._changes, positions):
            if cur_start <= position < cur_end:
                return change.start
        left = _left_neighbour(position, positions, prefer_right=True)
        return _original_at(position, left, self._changes, positions)

    def _current_positions(self) -> list[tuple[int, int]]:
        positions = []
        delta = 0
        for change in self._changes:
            start = change.start + delta
            positions.append((start, start + len(change.after)))
            delta += len(change.after) - (change.end - change.start)
        return positions

    def _merge_one(
        self, edit: Edit, changes: list[Change], positions: list[tuple[int, int]]
    ) -> tuple[list[Change], list[tuple[int, int]]]:
        hit = [
            i
            for i, (cur_start, cur_end) in enumerate(positions)
            if _overlaps(edit.start, edit.end, cur_start, cur_end)
        ]
        if not hit:
            insertion = edit.start == edit.end
            left = _left_neighbour(edit.start, positions, prefer_right=not insertion)
            start = _original_at(edit.start, left, changes, positions)
            end = _original_at(edit.end, _left_neighbour(edit.end, positions, prefer_right=False), changes, positions)
            new = Change(start, end, self.original[start:end], edit.after, edit.kind, edit.rule)
            cur = (edit.start, edit.start + len(edit.after))
            index = left + 1
            return changes[:index] + [new] + changes[index:], positions[:index] + [cur] + positions[index:]

        first, last = hit[0], hit[-1]
        cur_start = min(edit.start, positions[first][0])
        cur_end = max(edit.end, positions[last][1])
        current = render(self.original, changes)
        after = current[cur_start : edit.start] + edit.after + current[edit.end : cur_end]
        start = min(changes[first].start, _original_at(cur_start, first - 1, changes, positions))
        end = max(changes[last].end, _original_at(cur_end, last, changes, positions))
        swallowed = changes[first : last + 1]
        if after == "":
            kind, rule = edit.kind, edit.rule
        else:
            kind = _join(c.kind for c in [*swallowed, edit])
            rule = _join(c.rule for c in [*swallowed, edit])
        new = Change(start, end, self.original[start:end], after, kind, rule)
        return (
            changes[:first] + [new] + changes[last + 1 :],
            positions[:first] + [(cur_start, cur_start + len(after))] + positions[last + 1 :],
        )

def render(original: str, changes: Iterable[Change]) -> str:
    """Rebuild a text from its original and its changes (sorted, non-overlapping)."""
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


def _left_neighbour(position: int, positions: list[tuple[int, int]], prefer_right: bool) -> int:
    """Index of the last change that ends at or before a current position outside every change.

    At the point of an earlier removal (an empty current range) the position is
    ambiguous; ``prefer_right`` puts it after the removed text (for starts) and
    otherwise before it (for ends and insertions), so a new edit never overlaps it.
    """
    index = bisect.bisect_right([p[1] for p in positions], position) - 1
    while index >= 0 and not prefer_right and positions[index] == (position, position):
        index -= 1
    return index


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
