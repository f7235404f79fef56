"""Two checks behind the writer's settings: indexes past a small pool, and the cost of replacing rows.

    .venv/bin/python bench/writer_pool_checks.py [--keys 2000000] [--rows 300000]

1. Whether DuckDB's primary-key indexes must fit in the writer's buffer pool:
   ``--keys`` random 16-hex keys (as doc_ids are) are inserted, 50,000 a statement,
   into a table with a primary key under a 48 MB ``memory_limit`` (checkpoint at
   16 MB): once with the limit fixed, once raised before each insert by
   ``warehouse.make_room_above_indexes``, as the load does.
2. What loading a batch of 64 new documents paid to delete their previous rows,
   with ``--rows`` documents stored: the ``doc_id IN (SELECT ...)`` delete over the
   four per-document tables, against probing the documents' primary key
   (``warehouse.keys_present``), which finds none to delete.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ingest import warehouse  # noqa: E402
from ingest.load import PER_DOCUMENT_TABLES, replace_rows  # noqa: E402


def indexes_past_the_pool(folder: Path, keys: int) -> None:
    """Random 16-hex keys, as doc_ids are, under a 48 MB pool: fixed, then raised by ``make_room_above_indexes``."""
    for room in (False, True):
        con = duckdb.connect(str(folder / f"keys_{room}.duckdb"), config={"memory_limit": "48MB", "checkpoint_threshold": "16MB"})
        con.execute("CREATE TABLE t (doc_id VARCHAR PRIMARY KEY)")
        step, inserted, failure = 50_000, 0, ""
        try:
            for start in range(0, keys, step):
                if room:
                    warehouse.make_room_above_indexes(con, headroom_mib=16)
                con.execute(f"INSERT INTO t SELECT left(md5((range + {start})::VARCHAR), 16) FROM range({step})")
                inserted = start + step
        except duckdb.Error as error:
            failure = "; then failed: " + str(error).splitlines()[0]
        art, limit = con.execute(
            "SELECT (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag = 'ART_INDEX'),"
            " current_setting('memory_limit')").fetchone()
        con.close()
        how = "pool raised to 16 MiB above the indexes before each insert" if room else "pool fixed"
        print(f"48 MB pool, {how}: {inserted:,} primary keys inserted, ART_INDEX {art / 2**20:.1f} MiB,"
              f" memory_limit {limit}{failure}", flush=True)


def replacing_rows(folder: Path, rows: int, rounds: int = 20) -> None:
    con = warehouse.connect(folder / "w.duckdb", memory_limit="128MB")
    ids = f"SELECT 'r' || range AS doc_id FROM range({rows})"
    con.execute(f"INSERT INTO documents (doc_id, source_uri, content_sha256, text_sha256, media_type, encoding, language,"
                f" language_score, text, raw_chars, clean_chars, word_count, pipeline_version, run_id, ingested_at, input_kind)"
                f" SELECT doc_id, doc_id, 'c', 't', 'text/plain', 'utf-8', 'en', 0.99, repeat('word ', 40), 200, 200, 40,"
                f" 'v', 'run', now(), 'text'"
                f" FROM ({ids})")
    con.execute(f"INSERT INTO raw_texts (doc_id, raw_text, run_id) SELECT doc_id, repeat('word ', 40), 'run' FROM ({ids})")
    con.execute(f"INSERT INTO removed_spans (doc_id, kind, rule, start_offset, end_offset, text, run_id)"
                f" SELECT doc_id, 'k', 'r', 0, 1, 'x', 'run' FROM ({ids}) WHERE hash(doc_id) % 3 = 0")
    con.execute(f"INSERT INTO edits (doc_id, kind, rule, \"offset\", before, after, run_id)"
                f" SELECT doc_id, 'k', 'r', 0, 'a', 'b', 'run' FROM ({ids}) WHERE hash(doc_id) % 3 = 0")
    con.execute("CHECKPOINT")
    batch = [f"new{i}" for i in range(64)]
    timings = {}
    for name, step in (
        ("delete by doc_id IN (SELECT ...), four tables", lambda: replace_rows(con, PER_DOCUMENT_TABLES, pa.table({"doc_id": batch}))),
        ("probe the primary key (keys_present)", lambda: warehouse.keys_present(con, "documents", "doc_id", batch)),
    ):
        for _ in range(2):  # warm: the index and columns read once, as in a run's steady state
            con.execute("BEGIN TRANSACTION")
            step()
            con.execute("ROLLBACK")
        started = time.perf_counter()
        for _ in range(rounds):
            con.execute("BEGIN TRANSACTION")
            step()
            con.execute("ROLLBACK")
        timings[name] = (time.perf_counter() - started) / rounds * 1000
    con.close()
    for name, ms in timings.items():
        print(f"{rows:,} documents stored, a batch of 64 new ones: {name}: {ms:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keys", type=int, default=2_000_000)
    parser.add_argument("--rows", type=int, default=300_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        indexes_past_the_pool(Path(folder), args.keys)
        replacing_rows(Path(folder), args.rows)


if __name__ == "__main__":
    main()
