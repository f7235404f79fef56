"""Opening the warehouse: one DuckDB file, its schema brought up to date by ordered migrations.

Migrations are the SQL files in ``ingest/warehouse/migrations/``, shipped inside
the package so that an installed ``ingest`` builds its schema with no repository
at hand. They are applied in file-name order, each exactly once, and recorded in
``schema_version``: an old warehouse is upgraded in place and a new one is built
the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

DEFAULT_WAREHOUSE = Path("warehouse/ingest.duckdb")
# DuckDB's buffer pool may grow to 80 % of RAM, and it keeps every block it holds
# until the pool is full: bounding the writer's pool keeps a run's memory flat as
# the warehouse grows (DuckDB evicts, or spills to a temporary folder, past it).
# Sampled through a run of 80,000 short records (``bench/flow_memory_trace.py``),
# the pool held the rows not yet checkpointed (25 to 40 MB, cycling with the log
# below), the primary-key indexes (ART, about 180 bytes a record) and, growing by
# 40 % of what each checkpoint wrote, blocks kept only as a cache: a run appends,
# probes primary keys and reads back the few texts deduplication compares. At
# 256 MB the pool was still filling at 240,000 short records; at 128 MB it is full,
# and flat, from about 100,000, and blocks evicted are read back from the operating
# system's file cache when needed. A bigger pool makes large loads and queries
# faster on a big machine; set INGEST_DUCKDB_MEMORY_LIMIT (e.g. 8GB) there.
WRITER_MEMORY_LIMIT = "128MB"
# The primary-key indexes are the exception: DuckDB cannot evict them, and a commit
# that needs a block past the limit fails (``bench/writer_pool_checks.py``: random
# 16-hex keys, as doc_ids are, fail to commit at 900,000 under a fixed 48 MB pool).
# They grow with the warehouse, so before each batch the writer's pool is raised to
# keep this much room above them: a batch's new rows and index nodes, and blocks
# DuckDB can evict or spill to its temporary folder.
INDEX_HEADROOM_MIB = 64
# DuckDB checkpoints a database whenever its write-ahead log passes 16 MB: on a
# run committing each batch, every few batches, each rewriting the primary-key
# indexes of the tables written. A larger log costs memory, not only disk: rows
# committed since the last checkpoint stay in the writer's memory (DuckDB's
# IN_MEMORY_TABLE, 1.7 KB a short record: ``bench/flow_memory.py``) until the
# log reaches the threshold. 64 MB bounds that four times lower than 256 MB and keeps checkpoints four times rarer
# than DuckDB's default (commits of 30,000 articles: 11.5 s of CPU against 6.6 s
# at 256 MB, ``bench/results/checkpoint_threshold_30k.txt``). A run checkpoints
# once more before it publishes (``ingest.warehouse.staging``).
WRITER_CHECKPOINT_THRESHOLD = "64MB"
MIGRATIONS = Path(__file__).with_name("migrations")


def migrations_dir() -> Path:
    """The migrations folder: ``$INGEST_MIGRATIONS`` or the one installed with the package."""
    override = os.environ.get("INGEST_MIGRATIONS")
    if override:
        return Path(override)
    return MIGRATIONS


def writer_memory_limit() -> str:
    """The writer's buffer pool: ``$INGEST_DUCKDB_MEMORY_LIMIT`` or ``WRITER_MEMORY_LIMIT``."""
    return os.environ.get("INGEST_DUCKDB_MEMORY_LIMIT", WRITER_MEMORY_LIMIT)


def connect(path: Path | str, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file (created if missing) with its schema migrated to the newest version.

    A writing connection gets a bounded buffer pool (``memory_limit``, else
    ``writer_memory_limit()``); read-only ones keep DuckDB's default.
    """
    path = Path(path)
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    memory_limit = memory_limit or writer_memory_limit()
    con = duckdb.connect(str(path), config={"memory_limit": memory_limit, "checkpoint_threshold": WRITER_CHECKPOINT_THRESHOLD})
    migrate(con)
    return con


def make_room_above_indexes(con: duckdb.DuckDBPyConnection, headroom_mib: int = INDEX_HEADROOM_MIB) -> None:
    """Raise the connection's ``memory_limit`` to ``headroom_mib`` above what its indexes hold; never lower it.

    Called before each batch is written: with the limit fixed, a warehouse whose
    indexes outgrow the pool could no longer commit.
    """
    indexes, limit = con.execute(
        "SELECT (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag = 'ART_INDEX'),"
        " current_setting('memory_limit')"
    ).fetchone()
    wanted = indexes + headroom_mib * 2**20
    if wanted > size_in_bytes(limit):
        con.execute(f"SET memory_limit = '{wanted}B'")


@contextmanager
def lifted_memory_limit(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The connection's pool at DuckDB's default (80 % of RAM) for the block, then at its limit again.

    Reading the deduplication index at a run's start groups and sorts every
    document of the warehouse in one query, work that grows with the warehouse
    and that a pool sized for one batch cannot hold: at 128 MB a warehouse of
    50,000 articles ran out in it (``bench/dedup_benchmark.py --docs 100000``).
    Batches are written under the bounded pool again.
    """
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    # RESET alone shows the default but leaves the buffer manager's limit where it was: set it.
    con.execute("RESET memory_limit")
    default = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{default}'")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB runs the connection's statements on one thread for the block, then on as many as before.

    While the workers clean, the cores are theirs: a batch's appends, key probes
    and commit are too small for DuckDB's threads to share, and on two cores with
    two workers its second thread took CPU from cleaning (the writer's CPU on
    2,000 generated documents: 3.5 s on two threads, 3.0 s on one; ``bench/flow_cpu.py``).
    """
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def size_in_bytes(text: str) -> float:
    """A size as DuckDB writes one (``122.0 MiB``, ``1.8 GiB``, ``256MB``), in bytes."""
    found = re.fullmatch(r"\s*([\d.]+)\s*([KMGTP]?i?B|bytes)?\s*", text)
    if found is None:
        raise ValueError(f"not a size: {text!r}")
    unit = (found.group(2) or "B").replace("bytes", "B")
    power = "BKMGTP".index(unit[0]) if unit != "B" else 0
    return float(found.group(1)) * (1024 if "i" in unit else 1000) ** power


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations in one transaction each; return the names applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    done = []
    for version, path in _migration_files():
        if version in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, path.stem])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(path.stem)
    return done


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _migration_files() -> list[tuple[int, Path]]:
    files = []
    for path in sorted(migrations_dir().glob("*.sql")):
        number = path.name.split("_", 1)[0]
        if number.isdigit():
            files.append((int(number), path))
    return files
