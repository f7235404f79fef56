"""Where the dedup index's growth goes: bytes on disk and bytes of Python heap a document.

    .venv/bin/python bench/index_disk.py [--sizes 10000 30000]

For each size, ``DedupIndex`` (texts for verification in a SQLite table,
standing in for the warehouse) deduplicates that many of ``record_scaling.py``'s short records in
batches of 64. Printed: the size of each of the index's SQLite databases
(pages in use times page size) and the Python heap the index holds
(tracemalloc, texts not counted), each in bytes a document; then how much each
grew a document between the sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from record_scaling import record_text  # noqa: E402

from ingest.dedup import DedupIndex  # noqa: E402
from ingest.dedup.scratch import scratch_database  # noqa: E402
from ingest.document import Document  # noqa: E402

BATCH = 64


class DiskTexts:
    """Texts for verification in a SQLite database, standing in for the warehouse: not on the Python heap."""

    def __init__(self) -> None:
        self._db = scratch_database("CREATE TABLE texts (doc_id TEXT PRIMARY KEY, text TEXT NOT NULL);")

    def texts(self, doc_ids):
        found = {}
        for doc_id in doc_ids:
            row = self._db.execute("SELECT text FROM texts WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is not None:
                found[doc_id] = row[0]
        return found

    def remember(self, documents) -> None:
        self._db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?)", [(d.doc_id, d.text) for d in documents])


def document(number: int) -> Document:
    text = record_text(number)
    return Document(
        doc_id=f"{number:016x}", source_uri=f"records.jsonl#r{number}",
        content_sha256=hashlib.sha256(text.encode()).hexdigest(), size_bytes=len(text), raw_text=text,
        encoding="utf-8", media_type="application/jsonl", text=text, language="en", language_score=0.99,
    )


def measure(size: int) -> dict[str, float]:
    DedupIndex(DiskTexts()).deduplicate([document(n) for n in range(BATCH)])  # caches filled before counting
    tracemalloc.start()
    index = DedupIndex(DiskTexts())
    before = tracemalloc.get_traced_memory()[0]
    for start in range(0, size, BATCH):
        index.deduplicate([document(n) for n in range(start, min(size, start + BATCH))])
    heap = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    databases = {
        "band entries": index._candidates._db,
        "exact hashes and keys": index._exact._db,
        "ranks and clusters": index._clusters._db,
        "doc_id numbers": index._number_of._db,
    }
    found = {name: _bytes(db) / size for name, db in databases.items()}
    found["Python heap"] = heap / size
    index.close()
    return found


def _bytes(db) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
    return pages * db.execute("PRAGMA page_size").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        results[size] = measure(size)
        disk = sum(v for k, v in results[size].items() if k != "Python heap")
        parts = ", ".join(f"{name} {value:.0f}" for name, value in results[size].items())
        print(f"{size:,} documents, bytes a document: on disk {disk:.0f} ({parts})", flush=True)
    if len(results) >= 2:
        small, large = min(results), max(results)
        grown = {
            name: (results[large][name] * large - results[small][name] * small) / (large - small) for name in results[large]
        }
        print(f"{large:,} against {small:,}, bytes a document more: " + ", ".join(f"{k} {v:.0f}" for k, v in grown.items()))


if __name__ == "__main__":
    main()
