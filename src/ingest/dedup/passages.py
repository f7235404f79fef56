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
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

# Lines shorter than this are not counted: short headings ("Conclusion",
# "Introduction", "Table of Contents") recur across unrelated articles without
# being boilerplate, and removing them would cost more than it saves.
MIN_PASSAGE_CHARS = 25

# Passage hashes recorded since the sorted array was last rebuilt, at most: a
# rebuild costs a pass over every known hash, a larger Python set more memory.
_RECENT_LIMIT = 100_000

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


def passages_of(text: str) -> list[Passage]:
    """The distinct countable passages of a text, in order of first appearance."""
    seen: set[str] = set()
    found = []
    # Folding the whole text at once gives the same lines as folding each line
    # (NFKC and case folding never create or remove a line break) at a fraction of the cost.
    for line in unicodedata.normalize("NFKC", text).casefold().splitlines():
        normalized = _collapse(line)
        if len(normalized) < MIN_PASSAGE_CHARS or normalized in seen:
            continue
        seen.add(normalized)
        found.append(Passage(passage_hash(normalized), normalized, len(found)))
    return found


def _collapse(folded: str) -> str:
    return " ".join(folded.split()).strip(_EDGE_MARKS)


class KnownPassages:
    """The hashes of every passage the warehouse records, to tell a batch's new passages from known ones.

    Checking here rather than with ``ON CONFLICT`` in the warehouse keeps a
    batch's write from growing with the table: DuckDB's conflict check inside a
    long transaction slowed with every passage already inserted. Memory is 8
    bytes a known passage (a sorted numpy array) plus a bounded set of recent ones.
    """

    def __init__(self, hashes: np.ndarray | None = None) -> None:
        self._sorted = np.unique(np.asarray(hashes if hashes is not None else [], dtype=np.int64))
        self._recent: set[int] = set()

    def record_new(self, passages: Iterable[Passage]) -> list[Passage]:
        """The passages not known yet (each distinct one once, first occurrence first); they become known."""
        fresh: dict[int, Passage] = {}
        for passage in passages:
            if passage.passage_hash not in self._recent and passage.passage_hash not in fresh:
                fresh[passage.passage_hash] = passage
        if not fresh:
            return []
        candidates = np.fromiter(fresh, dtype=np.int64, count=len(fresh))
        # Binary search: np.isin would sort every known hash again for each batch.
        at = np.searchsorted(self._sorted, candidates).clip(max=max(len(self._sorted) - 1, 0))
        known = self._sorted[at] == candidates if len(self._sorted) else np.zeros(len(candidates), dtype=bool)
        new = [fresh[h] for h in candidates[~known].tolist()]
        self._recent.update(p.passage_hash for p in new)
        if len(self._recent) > _RECENT_LIMIT:
            self._sorted = np.union1d(self._sorted, np.fromiter(self._recent, dtype=np.int64))
            self._recent.clear()
        return new

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)
