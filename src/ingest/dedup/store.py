"""Deduplication in the warehouse: loading the index, writing outcomes, reading the passage signal.

Writes go through Arrow in bulk, inside the caller's open transaction (nothing
here begins or commits one). Rows of per-document tables are replaced for the
documents concerned; ``passages`` only grows, by the passages the index found new
(``DedupOutcome.new_passages``), so each outcome is written once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

import duckdb
import numpy as np
import pyarrow as pa

from ingest.dedup.exact import ExactKeys
from ingest.dedup.minhash_index import NUM_PERM
from ingest.dedup.outcome import DedupOutcome, Edge
from ingest.document import normalized_text_hash
from ingest.load import replace_rows
from ingest.warehouse.writes import append_arrow, sql_string

# Rows per Arrow record batch when streaming the index in: bounds the transient
# memory of loading to a few megabytes beyond the index itself.
_LOAD_ROWS = 20_000


class IndexedRow(NamedTuple):
    """One live document as the index needs it; ``signature`` is None when it must be recomputed from ``text``."""

    doc_id: str
    rank_batch: int
    rank_chars: int
    keys: ExactKeys
    signature: np.ndarray | None
    text: str | None
    canonical_id: str | None
    edge: Edge | None


def indexed_documents(con: duckdb.DuckDBPyConnection, scheme: str) -> Iterator[IndexedRow]:
    """Every live document, best rank first, with its stored signature when it has one of ``scheme``.

    A document without a stored rank (loaded before deduplication existed) ranks
    before every indexed batch, by clean-text length then doc_id.
    """
    reader = con.execute(
        """
        SELECT d.doc_id,
               coalesce(s.rank_batch, 0) AS rank_batch,
               coalesce(s.rank_chars, d.clean_chars) AS rank_chars,
               d.content_sha256,
               CASE WHEN s.scheme = $scheme THEN s.text_hash END AS text_hash,
               CASE WHEN s.scheme = $scheme THEN s.signature END AS signature,
               CASE WHEN s.scheme IS DISTINCT FROM $scheme THEN d.text END AS text,
               dup.canonical_id, dup.method, dup.similarity, dup.matched_id,
               dup.jaccard, dup.containment, dup.contained_id
        FROM documents d
        LEFT JOIN minhash_signatures s ON s.doc_id = d.doc_id
        LEFT JOIN duplicates dup ON dup.doc_id = d.doc_id
        WHERE d.deleted_at IS NULL
        ORDER BY rank_batch, rank_chars DESC, d.doc_id
        """,
        {"scheme": scheme},
    ).fetch_record_batch(_LOAD_ROWS)
    for batch in reader:
        yield from _indexed_rows(batch)


def _indexed_rows(batch: pa.RecordBatch) -> Iterator[IndexedRow]:
    columns = batch.to_pydict() | {"signature": None}
    signatures = batch.column("signature")
    values = signatures.flatten().to_numpy(zero_copy_only=False).astype(np.uint32).reshape(-1, NUM_PERM)
    present = iter(values)
    for i, doc_id in enumerate(columns["doc_id"]):
        text = columns["text"][i]
        stored = signatures[i].is_valid
        edge = None
        if columns["canonical_id"][i] is not None:
            edge = Edge(
                columns["method"][i],
                columns["similarity"][i],
                columns["matched_id"][i],
                # Rows written before the measures were recorded decided on Jaccard alone.
                _first_present(columns["jaccard"][i], columns["similarity"][i]),
                _first_present(columns["containment"][i], columns["similarity"][i]),
                columns["contained_id"][i],
            )
        yield IndexedRow(
            doc_id=doc_id,
            rank_batch=columns["rank_batch"][i],
            rank_chars=columns["rank_chars"][i],
            keys=ExactKeys(columns["content_sha256"][i], columns["text_hash"][i] or normalized_text_hash(text or "")),
            signature=next(present) if stored else None,
            text=None if stored else text,
            canonical_id=columns["canonical_id"][i],
            edge=edge,
        )


def _first_present(value: float | None, fallback: float) -> float:
    return fallback if value is None else value


def fetch_texts(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> dict[str, str]:
    """Clean texts of the given documents, for those the warehouse holds."""
    if not doc_ids:
        return {}
    # Only an IN list of constants lets DuckDB probe the primary key: a list
    # parameter or a joined table makes it scan every doc_id, which costs a
    # query per batch that grows with the warehouse.
    keys = ", ".join(sql_string(doc_id) for doc_id in doc_ids)
    return dict(con.execute(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({keys})").fetchall())


def persist(con: duckdb.DuckDBPyConnection, outcome: DedupOutcome, run_id: str) -> None:
    """Write one batch's outcome inside the caller's open transaction.

    Replaces the signature rows of the documents (re)indexed, the duplicate rows
    of every document whose role was decided, sets ``documents.duplicate_of`` of
    earlier documents whose canonical copy changed, and records the batch's passages.
    """
    _write_signatures(con, outcome, run_id)
    _delete_stored(con, "duplicates", outcome.touched, outcome.stored)
    append_arrow(
        con,
        "duplicates",
        pa.table(
            {
                "doc_id": pa.array([r.doc_id for r in outcome.duplicates], pa.string()),
                "canonical_id": pa.array([r.canonical_id for r in outcome.duplicates], pa.string()),
                "method": pa.array([r.method for r in outcome.duplicates], pa.string()),
                "similarity": pa.array([r.similarity for r in outcome.duplicates], pa.float64()),
                "matched_id": pa.array([r.matched_id for r in outcome.duplicates], pa.string()),
                "run_id": pa.array([run_id] * len(outcome.duplicates), pa.string()),
                "jaccard": pa.array([r.jaccard for r in outcome.duplicates], pa.float64()),
                "containment": pa.array([r.containment for r in outcome.duplicates], pa.float64()),
                "contained_id": pa.array([r.contained_id for r in outcome.duplicates], pa.string()),
            }
        ),
    )
    _update_moved(con, outcome.moved)
    _write_passages(con, outcome, run_id)


def common_lines(con: duckdb.DuckDBPyConnection, min_documents: int) -> frozenset[str]:
    """Normalized passages (see ``normalize_passage``) held by at least ``min_documents`` distinct live documents."""
    rows = con.execute("SELECT text FROM passage_counts WHERE document_count >= ?", [min_documents]).fetchall()
    return frozenset(text for (text,) in rows)


def passage_counts(con: duckdb.DuckDBPyConnection) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every recorded passage, and how many distinct live articles hold it (copies count once)."""
    table = con.execute(
        """
        SELECT p.passage_hash, count(DISTINCT coalesce(d.duplicate_of, d.doc_id)) AS document_count
        FROM passages p
        LEFT JOIN document_passages dp ON dp.passage_hash = p.passage_hash
        LEFT JOIN documents d ON d.doc_id = dp.doc_id AND d.deleted_at IS NULL
        GROUP BY p.passage_hash
        """
    ).fetch_arrow_table()
    return table.column("passage_hash").to_numpy(), table.column("document_count").to_numpy()


def deleted_documents(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Documents marked deleted: not indexed, but their rows are replaced if they come back."""
    return frozenset(doc_id for (doc_id,) in con.execute("SELECT doc_id FROM documents WHERE deleted_at IS NOT NULL").fetchall())


def _delete_stored(con: duckdb.DuckDBPyConnection, table: str, doc_ids: Sequence[str], stored: set[str]) -> None:
    # Deleting scans the table: done only for documents that may have rows, so
    # a batch of new documents costs inserts alone and a run stays linear.
    replaced = [doc_id for doc_id in doc_ids if doc_id in stored]
    if replaced:
        replace_rows(con, [table], pa.table({"doc_id": pa.array(replaced, pa.string())}))


def _write_signatures(con: duckdb.DuckDBPyConnection, outcome: DedupOutcome, run_id: str) -> None:
    rows = outcome.signatures
    _delete_stored(con, "minhash_signatures", [r.doc_id for r in rows], outcome.stored)
    if not rows:
        return
    values = np.concatenate([r.signature for r in rows]).astype(np.uint32)
    offsets = pa.array(np.arange(len(rows) + 1, dtype=np.int32) * NUM_PERM)
    append_arrow(
        con,
        "minhash_signatures",
        pa.table(
            {
                "doc_id": [r.doc_id for r in rows],
                "scheme": [r.scheme for r in rows],
                "rank_batch": pa.array([r.rank_batch for r in rows], pa.int64()),
                "rank_chars": pa.array([r.rank_chars for r in rows], pa.int64()),
                "content_sha256": [r.content_sha256 for r in rows],
                "text_hash": [r.text_hash for r in rows],
                "shingle_count": pa.array([r.shingle_count for r in rows], pa.int64()),
                "signature": pa.ListArray.from_arrays(offsets, pa.array(values, pa.uint32())),
                "run_id": [run_id] * len(rows),
            }
        ),
    )


def _update_moved(con: duckdb.DuckDBPyConnection, moved: dict[str, str | None]) -> None:
    if not moved:
        return
    con.register(
        "_dedup_moved",
        pa.table({"doc_id": pa.array(list(moved), pa.string()), "canonical_id": pa.array(list(moved.values()), pa.string())}),
    )
    try:
        con.execute(
            "UPDATE documents SET duplicate_of = m.canonical_id FROM _dedup_moved m WHERE documents.doc_id = m.doc_id"
        )
    finally:
        con.unregister("_dedup_moved")


def _write_passages(con: duckdb.DuckDBPyConnection, outcome: DedupOutcome, run_id: str) -> None:
    _delete_stored(con, "document_passages", outcome.batch_doc_ids, outcome.stored)
    links = [(doc_id, p) for doc_id, found in outcome.passages.items() for p in found]
    append_arrow(
        con,
        "document_passages",
        pa.table(
            {
                "doc_id": pa.array([doc_id for doc_id, _ in links], pa.string()),
                "passage_hash": pa.array([p.passage_hash for _, p in links], pa.int64()),
                "position": pa.array([p.position for _, p in links], pa.int32()),
                "run_id": pa.array([run_id] * len(links), pa.string()),
            }
        ),
    )
    new = outcome.new_passages
    append_arrow(
        con,
        "passages",
        pa.table(
            {
                "passage_hash": pa.array([p.passage_hash for p in new], pa.int64()),
                "text": pa.array([p.text for p in new], pa.string()),
                "first_run_id": pa.array([run_id] * len(new), pa.string()),
            }
        ),
    )
