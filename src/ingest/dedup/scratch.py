"""Private on-disk SQLite databases: where the index keeps what grows with the corpus.

The index must answer point look-ups (which documents share this band hash,
which document holds this exact hash) one document at a time, between the
documents of one batch. SQLite's B-trees answer each in a few microseconds
from disk through a page cache of bounded size, so the flow process's memory
stays flat however many documents are indexed. DuckDB, the warehouse's
engine, would scan a column for each look-up (its ART indexes must fit in
memory), so it is not used here.

A database opened on the empty file name is SQLite's private temporary
database: a file in the temporary folder (``SQLITE_TMPDIR`` or ``TMPDIR``)
that no other connection can open, deleted when its connection closes. It is a
scratch copy rebuilt from the warehouse by every run, so it is written
without a journal or syncs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

# Keys looked up in one ``IN (...)`` query (SQLite allows 32,766 parameters a statement).
KEYS_A_QUERY = 500

# Pages of each scratch database kept in memory, in KiB (SQLite's negative
# ``cache_size``): enough for the upper levels of its B-trees; the leaves are
# read back from the operating system's file cache.
CACHE_KIB = 4096


def scratch_database(schema: str) -> sqlite3.Connection:
    """A fresh private on-disk database with ``schema`` (SQL statements) created in it."""
    con = sqlite3.connect("", isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA temp_store = FILE")
    con.executescript(schema)
    return con


def signed_64(value: int) -> int:
    """An unsigned 64-bit value as the signed integer SQLite stores (the same bits)."""
    return value - (1 << 64) if value >= 1 << 63 else value


def rows_with_keys(con: sqlite3.Connection, select: str, column: str, keys: Sequence[object]) -> list[tuple]:
    """The rows of ``select`` whose ``column`` is one of ``keys``, asked ``KEYS_A_QUERY`` keys a query.

    One query for a batch's look-ups instead of one each: the per-statement cost
    was most of a look-up's.
    """
    rows: list[tuple] = []
    for start in range(0, len(keys), KEYS_A_QUERY):
        chunk = keys[start : start + KEYS_A_QUERY]
        rows += con.execute(f"{select} WHERE {column} IN ({', '.join('?' * len(chunk))})", chunk)
    return rows
