"""What holds the flow process's memory at the end of a run over a JSONL corpus, by allocation site.

    .venv/bin/python bench/flow_memory.py [--sizes 5000 15000] [--workers 2] [--top 20]

For each size, the corpus of ``record_scaling.py`` (short, distinct records) is
run by ``ingest.runner.run`` in a fresh process with tracemalloc on. When the
last batch is loaded (the index full, the plan still held), that process records
its Python heap by allocation site, DuckDB's own memory (``duckdb_memory()``,
which tracemalloc cannot see) and its resident size. Printed: each size's
totals, then the sites whose memory grows most between the smallest and the
largest size, in bytes a record. Tracemalloc slows the flow process; times from
this script mean nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from record_scaling import write_jsonl  # noqa: E402


def rss_mib() -> float:
    """This process's resident size now (``/proc/self/status``), not its peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_once(source: Path, warehouse: Path, workers: int) -> dict:
    """In the flow process: one run, with the heap and DuckDB's memory taken after the last batch."""
    sys.path.insert(0, str(ROOT / "src"))
    from ingest import runner
    from ingest.settings import Settings

    taken: dict = {}
    load_batches = runner.Run._load_batches

    def load_then_measure(self: runner.Run, batches) -> None:
        load_batches(self, batches)
        snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        by_site = snapshot.statistics("lineno")
        taken["sites"] = {f"{s.traceback[0].filename.split('site-packages/')[-1].split('/src/')[-1]}:{s.traceback[0].lineno}": s.size for s in by_site[:400]}
        taken["python_heap"] = sum(s.size for s in by_site)
        taken["duckdb"] = {tag: size for tag, size in self.con.execute(
            "SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0").fetchall()}
        taken["rss_mib"] = rss_mib()

    runner.Run._load_batches = load_then_measure
    tracemalloc.start()
    with ProcessPoolExecutor(workers) as pool:
        runner.run(source, warehouse, Settings(skip_entities=True, workers=workers), submit=pool.submit)
    taken["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 15_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--top", type=int, default=20)
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
            results[size] = json.loads(child.stdout.strip().splitlines()[-1])
        found = results[size]
        print(
            f"{size:,} records: after the last batch, Python heap {found['python_heap'] / 2**20:.1f} MiB,"
            f" DuckDB {sum(found['duckdb'].values()) / 2**20:.1f} MiB {_mib(found['duckdb'])},"
            f" resident {found['rss_mib']:.0f} MiB (peak {found['peak_rss_mib']:.0f} MiB)",
            flush=True,
        )
    if len(results) < 2:
        return
    small, large = min(results), max(results)
    records = large - small
    grown = {
        site: (results[large]["sites"].get(site, 0) - results[small]["sites"].get(site, 0)) / records
        for site in set(results[large]["sites"]) | set(results[small]["sites"])
    }
    heap = (results[large]["python_heap"] - results[small]["python_heap"]) / records
    duck = (sum(results[large]["duckdb"].values()) - sum(results[small]["duckdb"].values())) / records
    rss = (results[large]["rss_mib"] - results[small]["rss_mib"]) * 2**20 / records
    print(f"{large:,} against {small:,}, bytes a record more: Python heap {heap:.0f}, DuckDB {duck:.0f}, resident {rss:.0f}")
    for site, per_record in sorted(grown.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {per_record:8.1f} B  {site}")


def _mib(tags: dict[str, int]) -> str:
    return "(" + ", ".join(f"{tag} {size / 2**20:.1f}" for tag, size in sorted(tags.items(), key=lambda t: -t[1])) + ")"


if __name__ == "__main__":
    main()
