"""What the document guard costs: the cleaning stage with and without it, on the same files.

    .venv/bin/python bench/guard_overhead.py [--docs 2000] [--repeat 3]

Runs ``pipeline.process_batch`` over the seed corpus and over ``--docs`` generated
documents (``bench/corpus_generator.py``, seed 7), in batches of the run's
default size, once in this thread (``limits=None``) and once through a document
guard (each file extracted and cleaned in the guard's worker process), alternating
``--repeat`` times; prints the median wall time of each and the difference per
document. The guard's worker is started before timing (a run pays that once per
worker process: a fork of the fork server, after its one import of the pipeline).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus_generator import write_corpus  # noqa: E402
from ingest import guard  # noqa: E402
from ingest.discover import SourceFile, discover  # noqa: E402
from ingest.document_limits import DocumentLimits  # noqa: E402
from ingest.pipeline import process_batch  # noqa: E402
from ingest.settings import DEFAULT_BATCH_SIZE  # noqa: E402


def timed(sources: list[SourceFile], limits: DocumentLimits | None) -> tuple[float, int]:
    """Wall seconds to process every batch, and the documents it produced."""
    started, documents = time.perf_counter(), 0
    for start in range(0, len(sources), DEFAULT_BATCH_SIZE):
        documents += len(process_batch(sources[start : start + DEFAULT_BATCH_SIZE], None, limits).documents)
    return time.perf_counter() - started, documents


def compare(name: str, sources: list[SourceFile], repeat: int) -> str:
    limits = DocumentLimits()
    with guard.borrowed(limits) as warm:
        warm.call(guard.DocumentBudget.start(limits), len, "")
    runs: dict[str, list[float]] = {"in this thread": [], "guarded": []}
    for _ in range(repeat):
        runs["in this thread"].append(timed(sources, None)[0])
        runs["guarded"].append(timed(sources, limits)[0])
    plain, guarded = (statistics.median(runs[k]) for k in ("in this thread", "guarded"))
    per_doc = (guarded - plain) / len(sources) * 1000
    return (
        f"{name}: {len(sources)} files; in this thread {plain:.2f} s, guarded {guarded:.2f} s"
        f" (median of {repeat}); guard overhead {guarded - plain:+.2f} s, {per_doc:+.2f} ms a file,"
        f" {100 * (guarded - plain) / plain:+.1f} %"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seeds = [s for s in discover(ROOT / "seeds") if isinstance(s, SourceFile)]
    print(compare("seeds", seeds, args.repeat), flush=True)
    with tempfile.TemporaryDirectory(prefix="ingest-guard-bench-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, args.docs, 7)
        generated = [s for s in discover(corpus) if isinstance(s, SourceFile)]
        print(compare(f"generated ({args.docs} documents)", generated, args.repeat), flush=True)
    guard.close_all()


if __name__ == "__main__":
    main()
