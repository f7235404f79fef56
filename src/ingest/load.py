"""Loading documents and their records into the warehouse, in bulk, inside the caller's transaction.

Per-document tables are replaced for the documents of each batch (delete, then an
Arrow bulk insert), so re-running over the same input leaves identical tables and
a changed file replaces its previous version. None of these functions commits:
the caller owns the transaction (the flow commits a batch at a time into the
staging copy it publishes whole).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import duckdb
import pyarrow as pa

from ingest.change_rows import ChangeRows, change_rows, joined
from ingest.discover import FileStamp
from ingest.document import Document
from ingest.reject_keys import RejectKey
from ingest.warehouse import append_arrow, insert_arrow, keys_present, make_room_above_indexes

PER_DOCUMENT_TABLES = ("documents", "raw_texts", "removed_spans", "edits")


def write_documents(
    con: duckdb.DuckDBPyConnection, documents: Sequence[Document], run_id: str, pipeline_version: str, now: datetime,
    changes: ChangeRows | None = None,
) -> None:
    """Replace the rows of these documents in every per-document core table.

    Every per-document table is written here and only here, with ``documents``:
    a doc_id that ``documents`` lacks has no row in the others.

    ``changes`` are the documents' change rows when they were split where the
    documents were cleaned (``ingest.change_rows``); without, they are split here.
    """
    if not documents:
        return
    make_room_above_indexes(con)
    # Only documents already in the warehouse have rows to replace. Probing the
    # primary key for them keeps a batch of new documents from scanning the doc_id
    # column of each table, work (and buffer pool pages) growing with the warehouse.
    stored = keys_present(con, "documents", "doc_id", [d.doc_id for d in documents])
    if stored:
        replace_rows(con, PER_DOCUMENT_TABLES, pa.table({"doc_id": pa.array(stored, pa.string())}))
    insert_arrow(con, "documents", _document_rows(documents, run_id, pipeline_version, now))
    append_arrow(
        con,
        "raw_texts",
        pa.table(
            {
                "doc_id": [d.doc_id for d in documents],
                "raw_text": [d.raw_text for d in documents],
                "run_id": [run_id] * len(documents),
            }
        ),
    )
    rows = changes if changes is not None else joined(change_rows(document) for document in documents)
    append_arrow(con, "removed_spans", _with_run(rows.removed, run_id, _REMOVED_SCHEMA))
    append_arrow(con, "edits", _with_run(rows.edited, run_id, _EDITS_SCHEMA))


def write_rejects(
    con: duckdb.DuckDBPyConnection,
    rejects: Iterable[tuple[str, str]],
    run_id: str,
    now: datetime,
    keys: Mapping[str, RejectKey] | None = None,
    pipeline_version: str | None = None,
) -> int:
    """Record why each rejected input was refused, and what it was (``keys``); returns how many.

    The key and the pipeline version let the next run leave an unchanged refused
    file alone (``incremental.plan_run``).
    """
    rows = list(rejects)
    if rows:
        found = [(keys or {}).get(uri, RejectKey(None, None)) for uri, _ in rows]
        insert_arrow(
            con,
            "rejects",
            pa.table(
                {
                    "source_uri": [uri for uri, _ in rows],
                    "reason": [reason for _, reason in rows],
                    "run_id": [run_id] * len(rows),
                    "rejected_at": pa.array([now] * len(rows), pa.timestamp("us")),
                    "content_sha256": pa.array([k.content_sha256 for k in found], pa.string()),
                    "source_bytes": pa.array([k.size if k.size is not None else k.stamp and k.stamp.size for k in found], pa.int64()),
                    "source_mtime_ns": pa.array([k.stamp and k.stamp.mtime_ns for k in found], pa.int64()),
                    "source_ctime_ns": pa.array([k.stamp and k.stamp.ctime_ns for k in found], pa.int64()),
                    "pipeline_version": pa.array([pipeline_version] * len(rows), pa.string()),
                    "limit_name": pa.array([k.limit for k in found], pa.string()),
                    "limit_value": pa.array([k.limit_value for k in found], pa.float64()),
                }
            ),
        )
    return len(rows)


def replace_rows(con: duckdb.DuckDBPyConnection, tables: Iterable[str], doc_ids: pa.Table) -> None:
    """Delete the rows of the given doc_ids from each table (the first half of a replace)."""
    con.register("_replaced_doc_ids", doc_ids)
    try:
        for table in tables:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _replaced_doc_ids)")
    finally:
        con.unregister("_replaced_doc_ids")


def _document_rows(documents: Sequence[Document], run_id: str, pipeline_version: str, now: datetime) -> pa.Table:
    return pa.table(
        {
            "doc_id": [d.doc_id for d in documents],
            "source_uri": [d.source_uri for d in documents],
            "content_sha256": [d.content_sha256 for d in documents],
            "text_sha256": [d.text_sha256 for d in documents],
            "media_type": [d.media_type for d in documents],
            "encoding": [d.encoding for d in documents],
            "title": [d.title for d in documents],
            "author": [d.author for d in documents],
            "author_bio": [d.author_bio for d in documents],
            "published": pa.array([d.published for d in documents], pa.date32()),
            "language": [d.language for d in documents],
            "language_score": pa.array([d.language_score for d in documents], pa.float64()),
            "text": [d.text for d in documents],
            "raw_chars": [len(d.raw_text) for d in documents],
            "clean_chars": [len(d.text) for d in documents],
            "word_count": [d.word_count for d in documents],
            "duplicate_of": pa.array([d.duplicate_of for d in documents], pa.string()),
            "pipeline_version": [pipeline_version] * len(documents),
            "run_id": [run_id] * len(documents),
            "ingested_at": pa.array([now] * len(documents), pa.timestamp("us")),
            # A record's stamp is its record file's: its whole size, so an unchanged file is known unread.
            "source_bytes": pa.array([d.stamp.size if d.stamp else d.size_bytes for d in documents], pa.int64()),
            "source_mtime_ns": pa.array([d.stamp and d.stamp.mtime_ns for d in documents], pa.int64()),
            "source_ctime_ns": pa.array([d.stamp and d.stamp.ctime_ns for d in documents], pa.int64()),
            "input_kind": [d.input_kind for d in documents],
            "review_reason": pa.array([d.review_reason for d in documents], pa.string()),
            "metadata": pa.array(
                [json.dumps(d.metadata, ensure_ascii=False, sort_keys=True) if d.metadata is not None else None for d in documents],
                pa.string(),
            ),
        }
    )


def _with_run(columns: dict[str, list], run_id: str, schema: pa.Schema) -> pa.Table:
    return pa.table({**columns, "run_id": [run_id] * len(columns["doc_id"])}, schema=schema)


_REMOVED_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("kind", pa.string()), ("rule", pa.string()), ("start_offset", pa.int64()),
     ("end_offset", pa.int64()), ("text", pa.string()), ("run_id", pa.string())]
)
_EDITS_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("kind", pa.string()), ("rule", pa.string()), ("offset", pa.int64()),
     ("before", pa.string()), ("after", pa.string()), ("run_id", pa.string())]
)


def restamp(con: duckdb.DuckDBPyConnection, stamps: Mapping[str, FileStamp]) -> int:
    """Store new stamps for files whose content was found unchanged, so later runs skip them unread."""
    if not stamps:
        return 0
    rows = pa.table(
        {
            "doc_id": list(stamps),
            "size": pa.array([s.size for s in stamps.values()], pa.int64()),
            "mtime_ns": pa.array([s.mtime_ns for s in stamps.values()], pa.int64()),
            "ctime_ns": pa.array([s.ctime_ns for s in stamps.values()], pa.int64()),
        }
    )
    con.register("_stamps", rows)
    try:
        con.execute(
            "UPDATE documents SET source_bytes = s.size, source_mtime_ns = s.mtime_ns, source_ctime_ns = s.ctime_ns"
            " FROM _stamps AS s WHERE documents.doc_id = s.doc_id AND documents.deleted_at IS NULL"
        )
    finally:
        con.unregister("_stamps")
    return len(stamps)


def mark_deleted(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], now: datetime) -> int:
    """Mark documents whose source file disappeared; their rows stay for the record."""
    if not doc_ids:
        return 0
    con.register("_deleted_doc_ids", pa.table({"doc_id": list(doc_ids)}))
    try:
        con.execute(
            "UPDATE documents SET deleted_at = ? WHERE deleted_at IS NULL"
            " AND doc_id IN (SELECT doc_id FROM _deleted_doc_ids)",
            [now],
        )
    finally:
        con.unregister("_deleted_doc_ids")
    return len(doc_ids)
