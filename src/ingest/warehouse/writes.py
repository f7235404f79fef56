"""Writing to the warehouse: one transaction helper, Arrow bulk inserts (by column name, or every column in order), and a key look-up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit what the block wrote, or roll all of it back if the block raised (interrupts included)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Bulk insert an Arrow table whose column names match the target's."""
    if rows.num_rows == 0:
        return
    con.register("_incoming_rows", rows)
    try:
        columns = ", ".join(f'"{name}"' for name in rows.column_names)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming_rows")
    finally:
        con.unregister("_incoming_rows")


def append_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Bulk insert an Arrow table holding every column of ``table``, in the table's order.

    Cheaper than ``insert_arrow``, which registers the rows as a view for an
    ``INSERT ... SELECT`` (a catalog change each time, a millisecond or two a
    statement, several a batch). A column added to the table later makes this
    fail loudly, never misplace values.
    """
    if rows.num_rows:
        con.from_arrow(rows).insert_into(table)


def keys_present(con: duckdb.DuckDBPyConnection, table: str, key: str, values: list[str]) -> list[str]:
    """Which of ``values`` the primary-key column ``key`` of ``table`` holds, found through its index.

    Only an IN list of constants lets DuckDB probe the primary key: a list
    parameter or a joined table makes it scan every key, which costs a query
    per batch that grows with the warehouse.
    """
    if not values:
        return []
    listed = ", ".join(sql_string(value) for value in values)
    return [found for (found,) in con.execute(f"SELECT {key} FROM {table} WHERE {key} IN ({listed})").fetchall()]


def sql_string(value: str) -> str:
    """A SQL string literal: quotes doubled, the only escape DuckDB's literals have."""
    return "'" + value.replace("'", "''") + "'"
