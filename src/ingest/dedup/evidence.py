"""What deduplication needs of a document that depends on the document alone, computed where it was cleaned.

Lines, passages, shingles and the MinHash signature are most of deduplication's
cost, and all but one decision about them depends only on the text: which
passages are common in the corpus, known only to the index in the run's own
process. A worker computes the shingles and signature as if none were common;
the index uses them when that holds for the document (almost always), and
shingles the text again, leaving the common passages out, when it does not.
So the run's one process keeps the index lookups, and the workers the hashing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.dedup.comparison import comparison_shingles
from ingest.dedup.minhash_index import signature
from ingest.dedup.passages import Line, normalized_lines
from ingest.document import Document


@dataclass(frozen=True)
class DedupEvidence:
    """A document's normalized lines, and its comparison shingles and signature when none of its passages is common."""

    text_sha256: str
    lines: list[Line]
    shingles: np.ndarray
    signature: np.ndarray


def dedup_evidence(document: Document) -> DedupEvidence:
    """The evidence of a cleaned document, for ``DedupIndex.deduplicate``."""
    lines = normalized_lines(document.text)
    shingles = comparison_shingles(document.text, lines, _none_common)
    return DedupEvidence(document.text_sha256, lines, shingles, signature(shingles))


def _none_common(passage_hashes: list[int]) -> np.ndarray:
    return np.zeros(len(passage_hashes), dtype=np.int64)
