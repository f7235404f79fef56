"""Writing entities and mentions into the warehouse, inside the caller's transaction.

Nothing here begins or commits: the transaction is the caller's (the flow
commits a batch at a time into the staging copy it publishes whole). Rows go in
through Arrow.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from ingest.document import Document
from ingest.entities.tagger import TagOutcome
from ingest.load import replace_rows
from ingest.warehouse import insert_arrow

_MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("entity_id", pa.string()),
        ("label", pa.string()),
        ("text", pa.string()),
        ("start_offset", pa.int64()),
        ("end_offset", pa.int64()),
        ("sentence_index", pa.int32()),
        ("run_id", pa.string()),
    ]
)
_ENTITY_SCHEMA = pa.schema(
    [
        ("entity_id", pa.string()),
        ("name", pa.string()),
        ("label", pa.string()),
        ("external_id", pa.string()),
        ("curated", pa.bool_()),
    ]
)


def persist(
    con: duckdb.DuckDBPyConnection, outcome: TagOutcome, documents: Sequence[Document], run_id: str
) -> None:
    """Upsert the outcome's entities and replace the mentions of every given document.

    Documents that were skipped (other language, duplicate) lose any mentions an
    earlier run stored for them. Counts are left to ``refresh_counts``, run once
    at the end of the load.
    """
    _upsert_entities(con, outcome)
    if not documents:
        return
    replace_rows(con, ["mentions"], pa.table({"doc_id": [d.doc_id for d in documents]}))
    insert_arrow(con, "mentions", _mention_rows(documents, run_id))


def documents_to_retag(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[Document]:
    """Earlier documents whose duplicate role changed, read back as tagging needs them.

    Each carries its clean text, language and current ``duplicate_of``: tagged
    again and persisted, a copy promoted to canonical gets the mentions a clean
    rebuild would give it, and a canonical copy demoted to a duplicate loses its
    own, so mentions stay on exactly one member of each group. The raw text is not
    read (tagging never looks at it).
    """
    if not doc_ids:
        return []
    con.register("_retagged_doc_ids", pa.table({"doc_id": pa.array(list(doc_ids), pa.string())}))
    try:
        rows = con.execute(
            "SELECT doc_id, source_uri, content_sha256, source_bytes, encoding, media_type, text, language, duplicate_of"
            " FROM documents WHERE deleted_at IS NULL AND doc_id IN (SELECT doc_id FROM _retagged_doc_ids)"
            " ORDER BY doc_id"
        ).fetchall()
    finally:
        con.unregister("_retagged_doc_ids")
    return [
        Document(doc_id=doc_id, source_uri=uri, content_sha256=sha, size_bytes=size or 0, raw_text="",
                 encoding=encoding, media_type=media_type, text=text, language=language, duplicate_of=duplicate_of)
        for doc_id, uri, sha, size, encoding, media_type, text, language, duplicate_of in rows
    ]


def refresh_counts(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every entity's mention and document counts over live documents."""
    con.execute(
        """
        UPDATE entities SET mention_count = coalesce(c.mentions, 0), doc_count = coalesce(c.docs, 0)
        FROM entities AS e
        LEFT JOIN (
            SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS docs
            FROM mentions AS m JOIN documents AS d USING (doc_id)
            WHERE d.deleted_at IS NULL
            GROUP BY m.entity_id
        ) AS c USING (entity_id)
        WHERE entities.entity_id = e.entity_id
          AND (entities.mention_count IS DISTINCT FROM coalesce(c.mentions, 0)
               OR entities.doc_count IS DISTINCT FROM coalesce(c.docs, 0))
        """
    )


def _upsert_entities(con: duckdb.DuckDBPyConnection, outcome: TagOutcome) -> None:
    """New entities are inserted; a stored name changes only for a gazetteer's (curated) name.

    A name chosen from spellings would otherwise flip with whichever spelling
    was most frequent in the latest batch; the id never changes either way.
    """
    if not outcome.entities:
        return
    rows = pa.Table.from_pylist(
        [
            {
                "entity_id": e.entity_id,
                "name": e.name,
                "label": e.label,
                "external_id": e.external_id,
                "curated": e.curated,
            }
            for e in outcome.entities
        ],
        schema=_ENTITY_SCHEMA,
    )
    con.register("_tagged_entities", rows)
    try:
        con.execute(
            "INSERT INTO entities (entity_id, name, label, external_id)"
            " SELECT entity_id, name, label, external_id FROM _tagged_entities"
            " ON CONFLICT (entity_id) DO NOTHING"
        )
        con.execute(
            "UPDATE entities SET name = t.name, external_id = t.external_id"
            " FROM _tagged_entities AS t"
            " WHERE entities.entity_id = t.entity_id AND t.curated"
            " AND (entities.name <> t.name OR entities.external_id IS DISTINCT FROM t.external_id)"
        )
    finally:
        con.unregister("_tagged_entities")


def _mention_rows(documents: Sequence[Document], run_id: str) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "doc_id": document.doc_id,
                "entity_id": m.entity_id,
                "label": m.label,
                "text": m.text,
                "start_offset": m.start,
                "end_offset": m.end,
                "sentence_index": m.sentence_index,
                "run_id": run_id,
            }
            for document in documents
            for m in document.mentions
        ],
        schema=_MENTION_SCHEMA,
    )
