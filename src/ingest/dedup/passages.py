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
from typing import NamedTuple

# Lines shorter than this are not counted: short headings ("Conclusion",
# "Introduction", "Table of Contents") recur across unrelated articles without
# being boilerplate, and removing them would cost more than it saves.
MIN_PASSAGE_CHARS = 25

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
