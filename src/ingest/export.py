"""Export of the canonical corpus for downstream tools: documents, entities and mentions, plus a manifest.

The corpus is every current document (``deleted_at IS NULL``) with its metadata.
Duplicates are exported too, with ``duplicate_of`` naming their canonical copy,
so a consumer can keep them or filter on ``duplicate_of IS NULL`` without a
second export. DuckDB writes the files itself (``COPY ... TO``), streaming from
the warehouse, so memory stays flat whatever the corpus size.

The manifest is written last: a directory without ``manifest.json`` is an
export that did not finish, and the checksums in it let a consumer verify each
file it received. An export that fails (a full disk) removes every file it was
writing, DuckDB's ``tmp_`` files among them, rather than leave part of a table.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from ingest import warehouse
from ingest.runs import utc_now

FORMATS = {"parquet": ("parquet", "FORMAT parquet, COMPRESSION zstd"), "jsonl": ("jsonl", "FORMAT json")}
MANIFEST = "manifest.json"

# Ordered by key so that exporting the same warehouse twice gives byte-identical files.
QUERIES = {
    "documents": """
        SELECT doc_id, source_uri, content_sha256, text_sha256, media_type, encoding, title, author,
               author_bio, language, language_score, raw_chars, clean_chars, word_count, duplicate_of,
               pipeline_version, run_id, ingested_at, text
        FROM documents
        WHERE deleted_at IS NULL
        ORDER BY doc_id
    """,
    "entities": """
        SELECT entity_id, name, label
        FROM entities
        WHERE entity_id IN (
            SELECT m.entity_id FROM mentions AS m JOIN documents AS d USING (doc_id) WHERE d.deleted_at IS NULL
        )
        ORDER BY entity_id
    """,
    "mentions": """
        SELECT m.doc_id, m.entity_id, e.name AS entity_name, m.label, m.text, m.start_offset, m.end_offset,
               m.sentence_index
        FROM mentions AS m
        JOIN documents AS d USING (doc_id)
        LEFT JOIN entities AS e USING (entity_id)
        WHERE d.deleted_at IS NULL
        ORDER BY m.doc_id, m.start_offset, m.end_offset, m.entity_id
    """,
}


class ExportError(Exception):
    """The export cannot be made (an unknown format); the message says why."""


@dataclass(frozen=True)
class ExportedFile:
    name: str
    rows: int
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an export holds, as written to ``manifest.json``."""

    format: str
    run_id: str | None
    schema_version: int
    exported_at: str
    files: list[ExportedFile]

    def as_dict(self) -> dict:
        return asdict(self)


def export(con: duckdb.DuckDBPyConnection, directory: Path | str, fmt: str) -> Manifest:
    """Write the corpus as ``fmt`` (``parquet`` or ``jsonl``) into ``directory`` and return its manifest.

    ``run_id`` in the manifest is the last completed run, whose state the export
    shows. Existing files of the same names are overwritten; when the export
    fails, none of them is left.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST).unlink(missing_ok=True)
    try:
        return _write_export(con, directory, fmt)
    except BaseException:
        _remove_export(directory, FORMATS[fmt][0])
        raise


def _write_export(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str) -> Manifest:
    extension, options = FORMATS[fmt]
    files = []
    for table, query in QUERIES.items():
        path = directory / f"{table}.{extension}"
        [(rows,)] = con.execute(f"COPY ({query}) TO {_sql_string(path)} ({options})").fetchall()
        files.append(ExportedFile(path.name, rows, path.stat().st_size, _sha256(path)))
    manifest = Manifest(
        format=fmt,
        run_id=last_completed_run(con),
        schema_version=warehouse.schema_version(con),
        exported_at=utc_now().isoformat(timespec="seconds") + "Z",
        files=files,
    )
    (directory / MANIFEST).write_text(json.dumps(manifest.as_dict(), indent=2) + "\n", encoding="utf-8")
    return manifest


def _remove_export(directory: Path, extension: str) -> None:
    """Remove what an unfinished export wrote: each table's file, DuckDB's temporary copy of it, the manifest."""
    for table in QUERIES:
        for name in (f"{table}.{extension}", f"tmp_{table}.{extension}"):
            (directory / name).unlink(missing_ok=True)
    (directory / MANIFEST).unlink(missing_ok=True)


def last_completed_run(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute(
        "SELECT run_id FROM runs WHERE status = 'completed' ORDER BY finished_at DESC NULLS LAST LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def _sql_string(path: Path) -> str:
    """A path as a SQL string literal: COPY takes no parameter for its target."""
    return "'" + str(path).replace("'", "''") + "'"


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
