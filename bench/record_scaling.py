"""Whether the flow process stays flat as a JSONL corpus grows: memory and time per record.

    .venv/bin/python bench/record_scaling.py [--sizes 100000 300000] [--workers 2]

For each size, writes one JSONL file of that many short, distinct records (two
sentences of common words each, about 200 bytes), then runs ``ingest.runner.run`` over it in a
fresh process (entities off, the document guard on, batches cleaned in a pool of
``--workers`` processes, as ``ingest run --workers N`` does). That process is the
flow process: it plans (reading the file through for the records' hashes),
deduplicates and loads. Printed for each size: its peak resident memory (the pool
and guard processes are not counted), the run's wall time and time per record,
and the per-stage seconds. The last line compares the largest size with the
smallest.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]
FEEDS = ["harbour", "wheat", "tram", "vaccine", "turbine", "museum", "bridge", "orchard", "reactor", "library"]


@lru_cache(maxsize=1)
def vocabulary() -> list[str]:
    return [word for word in wordfreq.top_n_list("en", 5000) if word.isalpha() and len(word) > 2]


def record_text(number: int) -> str:
    """Two sentences of common English words drawn for this number: records share no run of words by design.

    Records cut from one template would be near duplicates of each other, and
    deduplication would then measure its candidate checks, not the run's growth.
    """
    rng = random.Random(number)
    sentences = (" ".join(rng.choices(vocabulary(), k=rng.randint(12, 18))) for _ in range(2))
    return " ".join(sentence[0].upper() + sentence[1:] + "." for sentence in sentences)


def write_jsonl(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as output:
        for number in range(count):
            output.write(json.dumps({"id": f"r{number}", "text": record_text(number), "feed": FEEDS[number % 10]}) + "\n")


def run_once(source: Path, warehouse: Path, workers: int) -> dict:
    """In the flow process: one run, its summary and this process's peak memory."""
    sys.path.insert(0, str(ROOT / "src"))
    from ingest.runner import run
    from ingest.settings import Settings

    settings = Settings(skip_entities=True, workers=workers)
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        summary = run(source, warehouse, settings, submit=pool.submit)
    seconds = time.perf_counter() - started
    return {
        "documents": summary.documents_loaded,
        "rejects": summary.rejects,
        "seconds": seconds,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "stages": {k: round(v, 1) for k, v in summary.stage_seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", nargs=2, metavar=("SOURCE", "WAREHOUSE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_once(Path(args.one[0]), Path(args.one[1]), args.workers)))
        return
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "source"
            source.mkdir()
            write_jsonl(source / "records.jsonl", size)
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(source), str(Path(folder) / "w.duckdb"), "--workers", str(args.workers)],
                capture_output=True, text=True, check=True,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
        results[size] = result
        print(
            f"{size:,} records ({result['documents']:,} loaded, {result['rejects']} rejected): flow process peak"
            f" {result['peak_rss_mib']:.0f} MiB; run {result['seconds']:.1f} s, {result['seconds'] / size * 1000:.2f} ms a record;"
            f" stages {result['stages']}",
            flush=True,
        )
    if len(results) < 2:
        return
    small, large = min(results), max(results)
    memory = results[large]["peak_rss_mib"] / results[small]["peak_rss_mib"] - 1
    per_record = (results[large]["seconds"] / large) / (results[small]["seconds"] / small) - 1
    grown = (results[large]["peak_rss_mib"] - results[small]["peak_rss_mib"]) / (large - small) * 1024
    print(
        f"{large:,} against {small:,}: flow process peak memory {memory:+.0%} ({grown:.2f} KiB a record more),"
        f" time a record {per_record:+.0%}"
    )


if __name__ == "__main__":
    main()
