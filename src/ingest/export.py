"""Export of the warehouse for downstream tools: documents, their audit, entities and mentions, plus a manifest.

The corpus is every current document (``deleted_at IS NULL``) with every column
the warehouse holds for it, its raw text and every removal, repair and duplicate
decision with its offsets; then the entities and mentions, the rejects and the runs.
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

FORMATS = {
    "parquet": ("parquet", "FORMAT parquet, COMPRESSION zstd"),
    "jsonl": ("jsonl", "FORMAT json"),
    "csv": ("csv", "FORMAT csv, HEADER"),
}
MANIFEST = "manifest.json"

# What each exported table holds: every column of the warehouse table (read from the
# database when the export runs, so a column a migration adds is exported with no
# change here), the rows of current documents only. Ordered by key so that exporting
# the same warehouse twice gives byte-identical files. ``minhash_signatures`` and the
# passage tables are the dedup index, not data: they are left out.
LIVE = "doc_id IN (SELECT doc_id FROM documents WHERE deleted_at IS NULL)"
TABLES: dict[str, tuple[str, str, str]] = {
    # table: (extra select list, filter, order)
    "documents": ("", "deleted_at IS NULL", "doc_id"),
    "raw_texts": ("", LIVE, "doc_id"),
    "removed_spans": ("", LIVE, "doc_id, start_offset, end_offset, kind, rule"),
    "edits": ("", LIVE, 'doc_id, "offset", kind, rule, before, after'),
    "duplicates": ("", LIVE, "doc_id"),
    "entities": (
        "",
        "entity_id IN (SELECT m.entity_id FROM mentions AS m JOIN documents AS d USING (doc_id) WHERE d.deleted_at IS NULL)",
        "entity_id",
    ),
    "mentions": (
        ", (SELECT e.name FROM entities AS e WHERE e.entity_id = t.entity_id) AS entity_name",
        LIVE,
        "doc_id, start_offset, end_offset, entity_id",
    ),
    "rejects": ("", "TRUE", "rejected_at, source_uri, run_id"),
    "runs": ("", "TRUE", "started_at, run_id"),
}
# Columns that say nothing about an exported row: every exported document is current.
LEFT_OUT = {"documents": {"deleted_at"}}


class ExportError(Exception):
    """The export cannot be made (an unknown format, a folder holding other files); the message says why."""


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
    """Write the warehouse as ``fmt`` (``parquet``, ``jsonl`` or ``csv``) into ``directory`` and return its manifest.

    ``run_id`` in the manifest is the last completed run, whose state the export
    shows. The folder ends holding exactly the files its manifest lists: an earlier
    export there (of any format) is replaced, and a folder holding anything else is
    refused before a file is written or removed. When the export fails, none of
    its files is left.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    directory = Path(directory)
    _clear_earlier_export(directory)
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
    for table in TABLES:
        path = directory / f"{table}.{extension}"
        [(rows,)] = con.execute(f"COPY ({table_query(con, table)}) TO {_sql_string(path)} ({options})").fetchall()
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


def table_query(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The SELECT that exports ``table``: its columns as the database has them now, in table order."""
    extra, where, order = TABLES[table]
    columns = [
        name for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?"
            " ORDER BY ordinal_position",
            [table],
        ).fetchall()
        if name not in LEFT_OUT.get(table, set())
    ]
    select = ", ".join(f't."{name}"' for name in columns)
    return f"SELECT {select}{extra} FROM {table} AS t WHERE {where} ORDER BY {order}"


def exported_names() -> set[str]:
    """Every file name an export of any format writes."""
    return {MANIFEST} | {f"{table}.{extension}" for table in TABLES for extension, _ in FORMATS.values()}


def _clear_earlier_export(directory: Path) -> None:
    """Remove an earlier export from ``directory``, or refuse if it holds anything an export did not write.

    The manifest goes first: a folder without one is an export that did not finish.
    """
    if not directory.exists():
        return
    if not directory.is_dir():
        raise ExportError(f"{directory} is not a folder")
    listed: set[str] = set()
    manifest = directory / MANIFEST
    if manifest.exists():
        try:
            listed = {entry["name"] for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
        except (ValueError, KeyError, TypeError) as error:
            raise ExportError(f"{manifest} is not an export's manifest ({error}); choose another folder") from error
    present = {entry.name for entry in directory.iterdir()}
    foreign = sorted(present - exported_names() - listed)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise ExportError(f"{directory} holds files that are not an export ({shown}); export into an empty folder")
    manifest.unlink(missing_ok=True)
    for name in sorted(present - {MANIFEST}):
        (directory / name).unlink()


def _remove_export(directory: Path, extension: str) -> None:
    """Remove what an unfinished export wrote: each table's file, DuckDB's temporary copy of it, the manifest."""
    for table in TABLES:
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
