"""Where the flow process's resident memory goes as a JSONL run goes on, sampled every few batches.

    .venv/bin/python bench/flow_memory_trace.py [--records 60000] [--every 50] [--workers 2]

The corpus of ``record_scaling.py`` (short, distinct records) is run by
``ingest.runner.run`` in a fresh process, as there. After every ``--every``
batches are loaded, that process records, in its own thread between two batches:

- its resident memory (``/proc/self/status``: VmRSS, and RssAnon, the part no file backs);
- DuckDB's memory by tag (``duckdb_memory()``) and its buffer manager's view
  (``pragma database_size``: memory in use, write-ahead log, blocks in the file);
- glibc's heap (``mallinfo2``: bytes in use, bytes free but kept, mmapped chunks)
  and how many malloc arenas exist (``malloc_info``), since a thread that
  allocates gets an arena of its own and glibc rarely gives an arena's pages back.

Each sample is one line, so a run shows which part rises with the records and
which levels off. Whatever glibc or DuckDB holds that the others do not explain
is the remainder: resident minus the Python heap is not measured here
(``bench/flow_memory.py`` does that with tracemalloc, which would slow this run).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from record_scaling import write_jsonl  # noqa: E402

MIB = 2**20


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return libc


def glibc_heap(libc: ctypes.CDLL) -> dict:
    """glibc's totals over all arenas, and the number of arenas (from ``malloc_info``'s XML)."""
    info = libc.mallinfo2()
    with tempfile.NamedTemporaryFile(suffix=".xml") as xml:
        handle = libc.fopen(xml.name.encode(), b"w")
        libc.malloc_info(0, handle)
        libc.fclose(handle)
        arenas = Path(xml.name).read_text().count("<heap nr=")
    return {
        "malloc_in_use_mib": info.uordblks / MIB,
        "malloc_free_kept_mib": info.fordblks / MIB,
        "malloc_arena_mib": info.arena / MIB,
        "malloc_mmapped_mib": info.hblkhd / MIB,
        "arenas": arenas,
    }


def resident() -> dict:
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in ("VmRSS", "RssAnon", "RssFile"):
            found[key] = int(line.split()[1]) / 1024
    return found


def duckdb_view(con) -> dict:
    tags = dict(con.execute(
        "SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0").fetchall())
    size = con.execute("SELECT memory_usage, wal_size, total_blocks, used_blocks, block_size FROM pragma_database_size()"
                       " WHERE database_name = current_database()").fetchone()
    return {
        "duckdb_tags_mib": {tag: round(value / MIB, 1) for tag, value in sorted(tags.items(), key=lambda t: -t[1])},
        "duckdb_total_mib": sum(tags.values()) / MIB,
        "duckdb_memory_usage": size[0],
        "wal": size[1],
        "file_mib": size[2] * size[4] / MIB,
        "used_blocks": size[3],
    }


def run_once(source: Path, warehouse: Path, workers: int, every: int) -> list[dict]:
    """In the flow process: one run, sampled after every ``every`` batches loaded and once at the end."""
    sys.path.insert(0, str(ROOT / "src"))
    from ingest import runner
    from ingest.settings import Settings

    libc = _libc()
    samples: list[dict] = []
    started = time.perf_counter()
    load_documents = runner.Run._load_documents
    batches = 0

    def sample(run: runner.Run) -> None:
        samples.append({
            "records": run.summary.documents_loaded,
            "seconds": round(time.perf_counter() - started, 1),
            **resident(), **glibc_heap(libc), **duckdb_view(run.con),
        })
        print(json.dumps(samples[-1]), file=sys.stderr, flush=True)

    def load_then_sample(self: runner.Run, result, outcome) -> None:
        nonlocal batches
        load_documents(self, result, outcome)
        batches += 1
        if batches % every == 0:
            sample(self)

    runner.Run._load_documents = load_then_sample
    with ProcessPoolExecutor(workers) as pool:
        summary = runner.run(source, warehouse, Settings(skip_entities=True, workers=workers), submit=pool.submit)
    samples.append({
        "records": "end", "seconds": round(time.perf_counter() - started, 1), **resident(), **glibc_heap(libc),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "stages": {k: round(v, 1) for k, v in summary.stage_seconds.items()},
    })
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=60_000)
    parser.add_argument("--every", type=int, default=50, help="batches (of 64 records) between samples")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", nargs=2, metavar=("SOURCE", "WAREHOUSE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_once(Path(args.one[0]), Path(args.one[1]), args.workers, args.every)))
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source"
        source.mkdir()
        write_jsonl(source / "records.jsonl", args.records)
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(source), str(Path(folder) / "w.duckdb"),
             "--workers", str(args.workers), "--every", str(args.every)],
            stdout=subprocess.PIPE, text=True, check=True,
        )
    samples = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"{'records':>8} {'s':>6} {'rss':>5} {'anon':>5} {'malloc':>6} {'kept':>5} {'mmap':>5} {'arenas':>6}"
          f" {'duckdb':>6} {'bufmgr':>8} {'wal':>8} {'file':>6}  duckdb tags (MiB)")
    for s in samples:
        print(
            f"{s['records']:>8} {s['seconds']:>6.0f} {s['VmRSS']:>5.0f} {s['RssAnon']:>5.0f} {s['malloc_in_use_mib']:>6.0f}"
            f" {s['malloc_free_kept_mib']:>5.0f} {s['malloc_mmapped_mib']:>5.0f} {s['arenas']:>6}"
            + (f" {s['duckdb_total_mib']:>6.0f} {s['duckdb_memory_usage']:>8} {s['wal']:>8} {s['file_mib']:>6.0f}  {s['duckdb_tags_mib']}"
               if "duckdb_total_mib" in s else "")
        )
    end = samples[-1]
    print(f"peak resident {end['peak_rss_mib']:.0f} MiB; writer memory_limit"
          f" {os.environ.get('INGEST_DUCKDB_MEMORY_LIMIT', 'default')}; stages (s) {end['stages']}")


if __name__ == "__main__":
    main()
