"""Deduplication with the workers' evidence decides exactly as it does hashing every text itself."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from bench.corpus_generator import write_corpus
from ingest.dedup import DedupIndex
from ingest.dedup.evidence import dedup_evidence
from ingest.discover import discover
from ingest.pipeline import process_batch


@pytest.mark.slow
def test_evidence_from_the_workers_gives_the_same_outcome(tmp_path):
    write_corpus(tmp_path, 90)  # exact, near and loose copies, and boilerplate lines shared across documents
    batches = [process_batch(sources) for sources in _in_batches(sorted(discover(tmp_path), key=lambda s: s.source_uri), 30)]
    assert all(len(batch.dedup_evidence) == len(batch.documents) for batch in batches)
    hashing, given = DedupIndex(), DedupIndex()
    reused = 0
    for batch in batches:
        alone = copy.deepcopy(batch.documents)
        expected = hashing.deduplicate(alone)
        found = given.deduplicate(batch.documents, batch.dedup_evidence)
        assert [(d.duplicate_of, d.duplicate_method, d.duplicate_similarity) for d in batch.documents] == [
            (d.duplicate_of, d.duplicate_method, d.duplicate_similarity) for d in alone
        ]
        assert [(r.doc_id, r.signature.tolist()) for r in found.signatures] == [
            (r.doc_id, r.signature.tolist()) for r in expected.signatures
        ]
        reused += sum(
            np.array_equal(row.signature, batch.dedup_evidence[row.doc_id].signature) for row in found.signatures
        )
    assert sum(d.duplicate_of is not None for b in batches for d in b.documents) > 0
    assert reused > 0


def test_evidence_of_another_text_is_not_used(tmp_path):
    write_corpus(tmp_path, 3)
    batch = process_batch(sorted(discover(tmp_path), key=lambda s: s.source_uri))
    stale = {d.doc_id: dedup_evidence(batch.documents[0]) for d in batch.documents}
    alone = copy.deepcopy(batch.documents)
    expected, found = DedupIndex().deduplicate(alone), DedupIndex().deduplicate(batch.documents, stale)
    assert [r.signature.tolist() for r in found.signatures] == [r.signature.tolist() for r in expected.signatures]


def _in_batches(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]
