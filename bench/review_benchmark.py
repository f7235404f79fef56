"""Time to write the review of a 10,000-document run, and to open its pages in headless Chromium.

    .venv/bin/python -m bench.review_benchmark --documents 10000

Builds the made-up warehouse of ``bench.review_warehouse`` (removals, repairs, near
duplicates, mentions), writes the default review (50 pages) and one with a page for
every document, then opens the run page and the largest document page in Chromium
(``--dump-dom``), each timed against opening an empty page, so the browser's own
start is not counted.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.review_warehouse import build
from ingest.review import Selection, write_review
from ingest.warehouse_queries import connect_read_only

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def open_seconds(url: str, folder: Path) -> float:
    """Best of three wall times of Chromium loading ``url`` and printing its DOM."""
    best = float("inf")
    for attempt in range(3):
        start = time.perf_counter()
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={folder / f'p{attempt}'}", "--dump-dom", url],
                       capture_output=True, check=True, timeout=120)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        build(folder / "w.duckdb", arguments.documents)
        con = connect_read_only(folder / "w.duckdb")
        try:
            start = time.perf_counter()
            default = write_review(con, folder / "default", Selection())
            default_seconds = time.perf_counter() - start
            start = time.perf_counter()
            every = write_review(con, folder / "every", Selection(every_document=True))
            every_seconds = time.perf_counter() - start
        finally:
            con.close()
        pages = sorted((folder / "every" / "documents").iterdir(), key=lambda p: p.stat().st_size)
        blank = open_seconds("about:blank", folder)
        index_open = open_seconds(default.index.as_uri(), folder) - blank
        page_open = open_seconds(pages[-1].as_uri(), folder) - blank
        print(f"documents in the run: {arguments.documents:,}")
        print(f"default review ({default.documents} pages): {default_seconds:.2f} s; "
              f"index.html {default.index.stat().st_size / 1024:.0f} KiB")
        print(f"review with every document ({every.documents:,} pages): {every_seconds:.2f} s; "
              f"{sum(p.stat().st_size for p in pages) / 2**20:.0f} MiB")
        print(f"Chromium: empty page {blank:.2f} s; run page +{index_open:.2f} s; "
              f"largest document page ({pages[-1].stat().st_size / 1024:.0f} KiB) +{page_open:.2f} s")
        shutil.rmtree(folder / "every")


if __name__ == "__main__":
    main()
