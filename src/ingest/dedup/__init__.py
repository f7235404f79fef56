"""Deduplication: exact and near-duplicate documents, repeated passages, across runs.

What the flow calls
-------------------
- ``DedupIndex.from_warehouse(con)``: the index of every live document already
  loaded, from stored signatures (old documents are not re-shingled). What grows
  with the documents indexed (LSH band entries, exact hashes, ranks and
  clusters, and the comparison shingles of documents beyond the 4,096 most
  recently used, about 8 KB each) is kept in private SQLite databases on disk
  (``scratch``), deleted by ``index.close()``; memory holds the current batch,
  never texts, the passage counts (9 bytes a passage) and those 4,096 documents'
  shingles.
- ``index.forget(doc_ids) -> DedupOutcome``: documents whose source file
  disappeared leave the index before the run's first batch, so no new document
  is matched against them and none stays a canonical copy: their copies regroup
  under the best-ranked remaining member. Persist the outcome at once (it
  re-points ``documents.duplicate_of`` even in a run that loads no document),
  then ``load.mark_deleted`` the same doc_ids.
- ``index.deduplicate(batch) -> DedupOutcome``: for a batch of cleaned documents
  (``text`` filled; the batch order is their arrival order), sets
  ``duplicate_of`` / ``duplicate_method`` / ``duplicate_similarity``, adds the
  batch to the index so later batches match it, and returns the rows to write.
- ``persist(con, outcome, run_id)``: writes those rows inside the caller's open
  transaction (after the batch's ``documents`` rows, so later batches can read
  their texts back for verification).
- ``common_lines(con, min_documents)``: normalized lines held by many distinct
  documents, for ``CleaningContext.common_lines``; the cleaning stage must look
  its lines up through ``normalize_passage``.

How duplicates are found
------------------------
1. Exact: the SHA-256 of the raw bytes (``exact_file``), then the hash of the
   clean text with case and whitespace folded
   (``ingest.document.normalized_text_hash``, ``exact_text``).
2. Near: the body's 5-word shingles (within lines, passages common across the
   corpus left out: ``comparison``), MinHash signatures, LSH banding for
   candidates; every candidate pair is verified by the real containment and
   Jaccard of the two shingle sets against ``CONTAINMENT_THRESHOLD`` and
   ``JACCARD_FLOOR`` (``near``), and both measures are recorded. Candidate
   generation costs a few dictionary look-ups per document: no all-pairs
   comparison. How many distinct articles hold each passage is kept in
   memory (``passages.KnownPassages``) and loaded from the warehouse.
3. Clusters: every verified match joins two clusters (union-find). The canonical
   copy is the best-ranked member: the earliest indexed batch, then the longest
   clean text, then the doc_id. A document's rank is frozen when it is first
   indexed, so re-running over the same input (all doc_ids already indexed)
   changes no role, and a re-processed document with unchanged text is not even
   matched again.

Why SQLite rather than bands in DuckDB: each document needs its candidates
*before* the next one of the same batch is decided, and the batch's own
documents must be findable at once. That is a point look-up a document, which a
B-tree on disk answers in microseconds through a bounded page cache, while
DuckDB scans a column for it (its ART indexes must fit in memory). Signatures
still live in the warehouse (``minhash_signatures``), so a new run loads them
with one scan instead of re-hashing the corpus. The signatures
are computed with numpy, equal bit for bit to datasketch's
``MinHash.update_batch``, and banded as datasketch's ``MinHashLSH`` bands them
(a test holds both to datasketch).

Where the time goes: per document, shingling, its signature and its passages
(each a few numpy passes over the text); per batch, one primary-key read of the
texts its candidates must be verified against (committed rows: see
``index.WarehouseTexts``), and one bulk append per table.
Nothing per batch grows with the warehouse except that read: known passages
are told apart in memory (``passages.KnownPassages``, 9 bytes a passage)
instead of by a conflict check in DuckDB, which slowed with every row of a
long transaction.

Nothing is deleted: a duplicate keeps its ``documents`` row with
``duplicate_of`` set and a ``duplicates`` row with the evidence; the ``corpus``
view holds canonical, live documents only.
"""

from __future__ import annotations

import importlib
from typing import Any

# Where each name of the package lives. They are imported on first use: the
# workers import ``ingest.dedup.evidence`` to sign their documents, and with it
# this package, which must not bring DuckDB, pyarrow and the warehouse along.
_EXPORTS = {
    "CONTAINMENT_THRESHOLD": "ingest.dedup.comparison",
    "JACCARD_FLOOR": "ingest.dedup.comparison",
    "DedupIndex": "ingest.dedup.index",
    "DedupOutcome": "ingest.dedup.outcome",
    "common_lines": "ingest.dedup.store",
    "normalize_passage": "ingest.dedup.passages",
    "persist": "ingest.dedup.store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
