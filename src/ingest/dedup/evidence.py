"""What deduplication needs of a document that depends on the document alone, computed where it was cleaned.

Lines, passages, shingles and the MinHash signature are most of deduplication's
cost, and all but one decision about them depends only on the text: which
passages are common in the corpus, known only to the index in the run's own
process. A worker computes the shingles and signature as if none were common;
the index uses them when that holds for the document (almost always), and
shingles the text again, leaving the common passages out, when it does not.
So the run's one process keeps the index lookups, and the workers the hashing,
the hash of the text folded for exact matching included: the index checks that
evidence belongs to the text it deduplicates by a digest of the exact text, a
single pass, where folding and hashing the text again was a tenth of its CPU.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from ingest.dedup.comparison import comparison_shingles
from ingest.dedup.minhash_index import signature
from ingest.dedup.passages import Line, normalized_lines
from ingest.document import Document, normalized_text_hash


@dataclass(frozen=True)
class DedupEvidence:
    """A document's normalized lines, and its comparison shingles and signature when none of its passages is common.

    ``text_digest`` names the exact text all of it was computed from;
    ``text_sha256`` is that text's ``normalized_text_hash``.
    """

    text_sha256: str
    lines: list[Line]
    shingles: np.ndarray
    signature: np.ndarray
    text_digest: bytes


def dedup_evidence(document: Document) -> DedupEvidence:
    """The evidence of a cleaned document, for ``DedupIndex.deduplicate``."""
    lines = normalized_lines(document.text)
    shingles = comparison_shingles(document.text, lines, _none_common)
    return DedupEvidence(normalized_text_hash(document.text), lines, shingles, signature(shingles), text_digest(document.text))


def text_digest(text: str) -> bytes:
    """A digest of the exact text: equal digests, equal texts."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _none_common(passage_hashes: list[int]) -> np.ndarray:
    return np.zeros(len(passage_hashes), dtype=np.int64)
