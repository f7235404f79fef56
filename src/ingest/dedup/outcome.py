"""What one batch's deduplication decided, as the rows ``persist`` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ingest.dedup.passages import Passage


class Edge(NamedTuple):
    """The match that joined a document's group to its cluster, with the measures that decided it.

    ``similarity`` is the measure the rule thresholds (containment for a near
    match, 1.0 for exact ones); ``contained_id`` is the document of the pair
    whose body is the one contained in the other (None for exact matches).
    """

    method: str
    similarity: float
    matched_id: str
    jaccard: float
    containment: float
    contained_id: str | None


class SignatureRow(NamedTuple):
    doc_id: str
    scheme: str
    rank_batch: int
    rank_chars: int
    content_sha256: str
    text_hash: str
    shingle_count: int
    signature: np.ndarray


class DuplicateRow(NamedTuple):
    doc_id: str
    canonical_id: str
    method: str
    similarity: float
    matched_id: str
    jaccard: float
    containment: float
    contained_id: str | None


@dataclass
class DedupOutcome:
    """Rows to write for one batch.

    ``touched`` lists every document whose duplicate row is replaced: the batch
    and any earlier document whose canonical copy changed (``moved``, which maps
    it to its new canonical, or ``None`` when it became canonical itself).
    ``stored`` names the documents that may already have rows to replace; the
    others are new, and their rows are inserted without a delete.
    ``new_passages`` are the batch's passages the warehouse does not record yet.
    """

    batch_doc_ids: list[str] = field(default_factory=list)
    signatures: list[SignatureRow] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)
    moved: dict[str, str | None] = field(default_factory=dict)
    passages: dict[str, list[Passage]] = field(default_factory=dict)
    new_passages: list[Passage] = field(default_factory=list)
    stored: set[str] = field(default_factory=set)

    @property
    def duplicate_count(self) -> int:
        batch = set(self.batch_doc_ids)
        return sum(row.doc_id in batch for row in self.duplicates)
