"""Asking the warehouse from the shell: any read-only SQL, the rejected files, the runs.

Each answer is a ``Rows`` (column names and tuples) that ``ingest.row_output``
prints as a table, JSON or CSV, the way ``sqlite-utils`` answers over SQLite.
The connection used for ``query`` can read the warehouse and nothing else: it
is opened read-only and with DuckDB's external access turned off and locked, so
a query can neither write the file nor read or write any other (``COPY``,
``ATTACH``, ``read_csv`` of a path).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

LATEST = "latest"


@dataclass(frozen=True)
class Rows:
    """A query's answer: column names, then the rows in order."""

    columns: list[str]
    rows: list[tuple]


def connect_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """The warehouse for reading only: no writes to it, no other file read or written."""
    return duckdb.connect(
        str(path), read_only=True, config={"enable_external_access": False, "lock_configuration": True}
    )


def query(con: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None) -> Rows:
    """Run one SQL statement and return its columns and rows (none for a statement that returns nothing)."""
    cursor = con.execute(sql, parameters or [])
    if cursor.description is None:
        return Rows([], [])
    return Rows([column[0] for column in cursor.description], cursor.fetchall())


def resolve_run(con: duckdb.DuckDBPyConnection, run: str) -> str | None:
    """``latest`` → the run that started last (None in a warehouse without runs); any other value is a run id."""
    if run != LATEST:
        return run
    found = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1").fetchone()
    return found[0] if found else None


def rejects(con: duckdb.DuckDBPyConnection, run: str | None = None) -> Rows:
    """Rejected files with their reasons, newest first; only those of ``run`` (an id or ``latest``) when given."""
    sql = "SELECT source_uri, reason, run_id, rejected_at FROM rejects"
    parameters: list = []
    if run is not None:
        sql += " WHERE run_id = ?"
        parameters.append(resolve_run(con, run))
    return query(con, sql + " ORDER BY rejected_at DESC, source_uri", parameters)


def runs(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> Rows:
    """Runs, newest first, with their status, what they did and, for a failed one, its error."""
    sql = """
        SELECT run_id, status, started_at, finished_at, files_seen, documents_loaded, documents_deleted,
               duplicates, rejects, removed_spans, edits, error
        FROM runs
        ORDER BY started_at DESC, run_id DESC
    """
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return query(con, sql)
