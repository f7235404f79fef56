"""Deduplication at scale: pair precision and recall on planted duplicates, time, peak memory.

Runs the pipeline's own path: documents go through ``DedupIndex.deduplicate``,
the core loader and ``dedup.persist`` batch by batch, each batch's writes in one
transaction as the runner commits them (``ingest.runner``), into a DuckDB file.
The corpus is loaded in two runs (first half, second half) with the warehouse
closed and reopened between them, so half of the matching happens against
signatures read back from the warehouse.

``--transaction run`` holds one transaction for a whole run instead, as this
benchmark did before the runner committed each batch: every later batch then
reads its candidates' texts back from rows not yet committed, which DuckDB
scans in the transaction's own storage; past the writer's buffer pool that
storage spills to disk and each read slows to a fraction of a second.

    .venv/bin/python -m bench.dedup_benchmark --docs 10000

Pair precision: of all document pairs placed in one cluster, the share that are
copies of the same article. Recall: of the planted exact and near copies, the
share placed in the source's cluster; the heavier rewrites ("far") are counted
apart. The labelled near-copy benchmark with hard negatives is
``bench/dedup_pairs.py``; this one measures speed and memory at scale. Timings exclude generating the corpus; peak RSS is the whole process's
(generator included). The connection is the pipeline's own
(``warehouse.connect``), with its bounded buffer pool (``WRITER_MEMORY_LIMIT``).
The commit of each batch's transaction is timed apart: it writes the documents
and the deduplication rows together, and DuckDB's automatic checkpoints run in it.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import duckdb

from bench.dedup_corpus import GeneratedDocument, generate
from ingest import dedup, load, warehouse
from ingest.dedup import DedupIndex
from ingest.document import Document, normalized_text_hash

# A run's batch size (ingest.settings.DEFAULT_BATCH_SIZE).
DEFAULT_BATCH_SIZE = 64
RUNS = 2
# How long a transaction lasts: one batch's writes (as the runner commits), or a whole run.
TRANSACTIONS = ("batch", "run")


class Planted(NamedTuple):
    kind: str
    source_id: str | None
    true_jaccard: float | None


@dataclass
class Timings:
    """Wall and CPU seconds per stage: on a shared machine the CPU time is the stable figure."""

    seconds: Counter = field(default_factory=Counter)
    cpu: Counter = field(default_factory=Counter)

    def add(self, stage: str, started: tuple[float, float]) -> None:
        self.seconds[stage] += time.perf_counter() - started[0]
        self.cpu[stage] += time.process_time() - started[1]


def now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def to_document(generated: GeneratedDocument) -> Document:
    return text_document(generated.doc_id, generated.text, generated.raw, "bench")


def text_document(doc_id: str, text: str, raw: bytes, folder: str) -> Document:
    """A plain-text English document whose clean text is its whole text, as deduplication receives it."""
    return Document(
        doc_id=doc_id,
        source_uri=f"file:///{folder}/{doc_id}.txt",
        content_sha256=hashlib.sha256(raw).hexdigest(),
        size_bytes=len(raw),
        raw_text=text,
        encoding="utf-8",
        media_type="text/plain",
        text=text,
        language="en",
        language_score=1.0,
        text_sha256=normalized_text_hash(text),
    )


def index_bytes_per_document(path: Path) -> tuple[int, float]:
    """Python memory held by the index loaded from the warehouse (tracemalloc), per indexed document.

    The index a run keeps for its whole length: what grows with the corpus.
    Measured after loading, outside the loading's transient Arrow batches.
    """
    con = warehouse.connect(path)
    try:
        tracemalloc.start()
        index = DedupIndex.from_warehouse(con)
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    finally:
        con.close()
    return len(index), held / len(index)


def run_benchmark(
    count: int, batch_size: int, seed: int, directory: Path, index_memory: bool = False, transaction: str = "batch"
) -> dict:
    planted: dict[str, Planted] = {}
    timings = Timings()
    documents = generate(count, seed=seed)
    path = directory / "dedup-bench.duckdb"
    per_run = -(-count // RUNS)
    for run in range(RUNS):
        con = warehouse.connect(path)
        started = now()
        index = DedupIndex.from_warehouse(con)
        timings.add("load index", started)
        if transaction == "run":
            con.execute("BEGIN TRANSACTION")
        remaining = per_run
        while remaining > 0:
            started = now()
            generated = list(islice(documents, min(batch_size, remaining)))
            timings.add("generate", started)
            if not generated:
                break
            remaining -= len(generated)
            planted.update((g.doc_id, Planted(g.kind, g.source_id, g.true_jaccard)) for g in generated)
            batch = [to_document(g) for g in generated]
            started = now()
            outcome = index.deduplicate(batch)
            timings.add("deduplicate", started)
            if transaction == "batch":
                con.execute("BEGIN TRANSACTION")
            started = now()
            load.write_documents(con, batch, f"bench-{run}", "bench", datetime(2025, 1, 1))
            timings.add("write documents", started)
            started = now()
            dedup.persist(con, outcome, f"bench-{run}")
            timings.add("persist", started)
            if transaction == "batch":
                commit(con, timings)
        if transaction == "run":
            commit(con, timings)
        if run == RUNS - 1:
            clusters = dict(con.execute("SELECT doc_id, coalesce(duplicate_of, doc_id) FROM documents").fetchall())
        con.close()
    result = {
        "count": count,
        "transaction": transaction,
        "timings": timings.seconds,
        "cpu": timings.cpu,
        "quality": measure(planted, clusters),
    }
    if index_memory:
        result["index"] = index_bytes_per_document(path)
    return result


def commit(con: duckdb.DuckDBPyConnection, timings: Timings) -> None:
    started = now()
    con.execute("COMMIT")
    timings.add("commit", started)


def measure(planted: dict[str, Planted], cluster_of: dict[str, str]) -> dict:
    members = defaultdict(list)
    for doc_id, canonical in cluster_of.items():
        members[canonical].append(doc_id)
    reported = correct = 0
    for group in members.values():
        truths = Counter(planted[d].source_id or d for d in group)
        reported += len(group) * (len(group) - 1) // 2
        correct += sum(n * (n - 1) // 2 for n in truths.values())
    found = Counter()
    total = Counter()
    for doc_id, doc in planted.items():
        if doc.kind == "original":
            continue
        band = doc.kind
        total[band] += 1
        found[band] += cluster_of[doc_id] == cluster_of[doc.source_id]
    return {"reported pairs": reported, "correct pairs": correct, "total": total, "found": found}


def report(result: dict, batch_size: int) -> str:
    quality, seconds, cpu = result["quality"], result["timings"], result["cpu"]
    precision = quality["correct pairs"] / quality["reported pairs"] if quality["reported pairs"] else 1.0
    wanted = quality["total"]["exact"] + quality["total"]["near"]
    recall = (quality["found"]["exact"] + quality["found"]["near"]) / wanted if wanted else 1.0
    stages = ("load index", "deduplicate", "persist")
    dedup_seconds, dedup_cpu = sum(seconds[s] for s in stages), sum(cpu[s] for s in stages)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per = "a batch" if result["transaction"] == "batch" else "a run"
    lines = [
        f"### {result['count']:,} documents (batches of {batch_size}, {RUNS} runs, one transaction {per})",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| pair precision | {precision:.4f} ({quality['correct pairs']:,} of {quality['reported pairs']:,} pairs in clusters) |",
        f"| recall, exact + near copies | {recall:.4f} ({quality['found']['exact'] + quality['found']['near']:,} of {wanted:,}) |",
        f"| exact copies found | {quality['found']['exact']:,} of {quality['total']['exact']:,} |",
        f"| near copies found | {quality['found']['near']:,} of {quality['total']['near']:,} |",
        f"| heavier rewrites joined (directly or through another copy) | {quality['found']['far']:,} of {quality['total']['far']:,} |",
        f"| deduplication (load index + deduplicate + persist), wall / CPU | {dedup_seconds:.1f} s / {dedup_cpu:.1f} s |",
        *(f"| - {stage}, wall / CPU | {seconds[stage]:.1f} s / {cpu[stage]:.1f} s |" for stage in stages),
        f"| core document writes (not deduplication), wall / CPU | {seconds['write documents']:.1f} s / {cpu['write documents']:.1f} s |",
        f"| commits (documents and deduplication rows together, checkpoints included), wall / CPU | {seconds['commit']:.1f} s / {cpu['commit']:.1f} s |",
        f"| corpus generation (not deduplication), wall | {seconds['generate']:.1f} s |",
        f"| peak RSS of the process | {peak_mib:,.0f} MiB |",
    ]
    if "index" in result:
        documents, per_document = result["index"]
        lines.append(f"| index loaded from the warehouse (tracemalloc, after the runs) | {per_document / 1024:.2f} KB a document ({documents:,} documents) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="how many documents to generate")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--index-memory", action="store_true", help="also load the index once more under tracemalloc")
    parser.add_argument(
        "--transaction", choices=TRANSACTIONS, default="batch", help="commit each batch's writes (as the runner does) or each run's"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dedup-bench-") as directory:
        result = run_benchmark(
            arguments.docs, arguments.batch_size, arguments.seed, Path(directory), arguments.index_memory, arguments.transaction
        )
    print(report(result, arguments.batch_size))


if __name__ == "__main__":
    main()
