"""Passages: the normalized lines of a clean text, the unit in which repeated text is counted.

A line that turns up in many unrelated documents (a newsletter pitch, a
disclaimer, a syndicated author bio) is strong evidence of boilerplate. The
warehouse counts, for each normalized line, how many distinct documents hold it;
the cleaning stage receives the frequent ones as ``CleaningContext.common_lines``
and must look its own lines up through the same ``normalize_passage``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

# Lines shorter than this are not counted: short headings ("Conclusion",
# "Introduction", "Table of Contents") recur across unrelated articles without
# being boilerplate, and removing them would cost more than it saves.
MIN_PASSAGE_CHARS = 25

# Passage hashes recorded since the sorted array was last rebuilt, at most: a
# rebuild costs a pass over every known hash, a larger Python set more memory.
_RECENT_LIMIT = 100_000
# Counts saturate at a byte: only whether a passage reaches a handful of articles matters.
_MAX_COUNT = 255

# Bullets, quotes and dashes that page layouts add around a line without changing it.
_EDGE_MARKS = " \t-–—•*·>|\"'“”‘’"


class Passage(NamedTuple):
    passage_hash: int
    text: str
    position: int


def normalize_passage(line: str) -> str:
    """A line folded for comparison: NFKC, case folded, single spaces, edge marks stripped."""
    return _collapse(unicodedata.normalize("NFKC", line).casefold())


def passage_hash(normalized: str) -> int:
    """A signed 64-bit hash: a BIGINT key is a fraction of the size of a hex string in the warehouse's index."""
    return int.from_bytes(hashlib.blake2b(normalized.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class Line(NamedTuple):
    """One normalized line of a text, with its passage hash when it is long enough to be counted."""

    text: str
    passage_hash: int | None


def normalized_lines(text: str) -> list[Line]:
    """Every line of a text through ``normalize_passage``, in order, blank ones included."""
    # Folding the whole text at once gives the same lines as folding each line
    # (NFKC and case folding never create or remove a line break) at a fraction of the cost.
    lines = []
    for line in unicodedata.normalize("NFKC", text).casefold().splitlines():
        normalized = _collapse(line)
        lines.append(Line(normalized, passage_hash(normalized) if len(normalized) >= MIN_PASSAGE_CHARS else None))
    return lines


def passages_of(text: str) -> list[Passage]:
    """The distinct countable passages of a text, in order of first appearance."""
    return passages_of_lines(normalized_lines(text))


def passages_of_lines(lines: list[Line]) -> list[Passage]:
    """The distinct countable passages among a text's ``normalized_lines``, in order of first appearance."""
    seen: set[int] = set()
    found = []
    for line in lines:
        if line.passage_hash is None or line.passage_hash in seen:
            continue
        seen.add(line.passage_hash)
        found.append(Passage(line.passage_hash, line.text, len(found)))
    return found


def _collapse(folded: str) -> str:
    return " ".join(folded.split()).strip(_EDGE_MARKS)


class KnownPassages:
    """Every passage the warehouse records, and how many distinct articles hold each.

    Tells a batch's new passages from known ones: checking here rather than with
    ``ON CONFLICT`` in the warehouse keeps a batch's write from growing with the
    table (DuckDB's conflict check inside a long transaction slowed with every
    passage already inserted). Counts how many canonical documents hold each
    passage, so that passages common across the corpus (boilerplate, widely
    quoted statements) can be left out when two documents are compared. Memory
    is 9 bytes a known passage (sorted hashes and a saturating one-byte count)
    plus a bounded dictionary of recent ones.
    """

    def __init__(self, hashes: np.ndarray | None = None, counts: np.ndarray | None = None) -> None:
        hashes = np.asarray(hashes if hashes is not None else [], dtype=np.int64)
        counts = np.asarray(counts if counts is not None else np.zeros(len(hashes)), dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        self._sorted = hashes[order]
        self._counts = np.minimum(counts[order], _MAX_COUNT).astype(np.uint8)
        self._recent: dict[int, int] = {}

    def record_new(self, passages: Iterable[Passage]) -> list[Passage]:
        """The passages not known yet (each distinct one once, first occurrence first); they become known."""
        fresh: dict[int, Passage] = {}
        for passage in passages:
            if passage.passage_hash not in self._recent and passage.passage_hash not in fresh:
                fresh[passage.passage_hash] = passage
        if not fresh:
            return []
        candidates = np.fromiter(fresh, dtype=np.int64, count=len(fresh))
        new = [fresh[h] for h in candidates[self._sorted_positions(candidates) < 0].tolist()]
        for passage in new:
            self._recent[passage.passage_hash] = 0
        if len(self._recent) > _RECENT_LIMIT:
            self._fold_recent()
        return new

    def count_document(self, hashes: Iterable[int]) -> None:
        """One more distinct article holds each of these passages (each counted once)."""
        distinct = set(hashes)
        known = np.fromiter((h for h in distinct if h not in self._recent), dtype=np.int64)
        positions = self._sorted_positions(known)
        found = positions[positions >= 0]
        self._counts[found] = np.minimum(self._counts[found].astype(np.int64) + 1, _MAX_COUNT)
        for passage_hash in known[positions < 0].tolist():
            self._recent[passage_hash] = 0
        for passage_hash in distinct:
            if passage_hash in self._recent:
                self._recent[passage_hash] = min(self._recent[passage_hash] + 1, _MAX_COUNT)

    def document_count(self, passage_hash: int) -> int:
        """How many distinct articles were counted holding the passage (at most 255)."""
        return int(self.document_counts([passage_hash])[0])

    def document_counts(self, passage_hashes: Sequence[int]) -> np.ndarray:
        """``document_count`` of each passage, in one binary search for them all."""
        hashes = np.asarray(passage_hashes, dtype=np.int64)
        positions = self._sorted_positions(hashes)
        counts = np.where(positions >= 0, self._counts[positions.clip(min=0)] if len(self._counts) else 0, 0)
        for k, passage_hash in enumerate(passage_hashes):
            recent = self._recent.get(passage_hash)
            if recent is not None:
                counts[k] = recent
        return counts

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def _sorted_positions(self, hashes: np.ndarray) -> np.ndarray:
        """Each hash's position among the sorted known hashes, -1 where it is not there."""
        if not len(self._sorted) or not len(hashes):
            return np.full(len(hashes), -1, dtype=np.int64)
        # Binary search: np.isin would sort every known hash again for each batch.
        at = np.searchsorted(self._sorted, hashes).clip(max=len(self._sorted) - 1)
        return np.where(self._sorted[at] == hashes, at, -1)

    def _fold_recent(self) -> None:
        recent_hashes = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
        recent_counts = np.fromiter(self._recent.values(), dtype=np.uint8, count=len(self._recent))
        hashes = np.concatenate([self._sorted, recent_hashes])
        counts = np.concatenate([self._counts, recent_counts])
        order = np.argsort(hashes, kind="stable")
        self._sorted, self._counts = hashes[order], counts[order]
        self._recent.clear()
