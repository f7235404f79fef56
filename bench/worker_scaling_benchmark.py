"""How the CPU-bound cleaning stage scales with workers, on its own.

    .venv/bin/python bench/worker_scaling_benchmark.py --corpus CORPUS [--docs 2000] [--workers 1 2] [--output FILE]

The end-to-end benchmark (``pipeline_benchmark.py``) measures the whole flow, whose
single writer (deduplication and load, in the flow's own process) and Prefect's
server share the machine's cores with the workers. This one runs only what the
workers run in a real run: the run's own submission loop (``ingest.runner.cleaned_batches``)
sends the cleaning tasks through the flow's ``submit`` to the task runner ``ingest run --workers N`` uses, with the same batch size
and the same bound on batches in flight, and nothing is deduplicated or loaded.
Each worker count runs in a subprocess of its own (its own Prefect temporary
server). Start-up (processes, imports, langdetect's profiles) is timed apart, on
one single-file batch per worker; the stage is timed from the first submission
of the corpus's batches to the last result.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_clean_stage(args.corpus, args.docs, args.workers[0], args.batch_size)))
        return
    load_before = os.getloadavg()[0]
    results = {workers: _run_child(args, workers) for workers in args.workers}
    report = _report(args, results, load_before)
    print(report)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write(report + "\n")


def _run_child(args: argparse.Namespace, workers: int) -> dict:
    command = [
        sys.executable, __file__, "--child", "--corpus", str(args.corpus), "--docs", str(args.docs),
        "--workers", str(workers), "--batch-size", str(args.batch_size),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {workers}-worker run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _clean_stage(corpus: Path, docs: int, workers: int, batch_size: int) -> dict:
    from prefect import flow

    from ingest.discover import SourceFile, discover
    from ingest.flows.ingest_flow import submit_as_task
    from ingest.flows.task_runners import task_runner, workers_report_here
    from ingest.pipeline import process_batch
    from ingest.rules import CleaningContext
    from ingest.runner import cleaned_batches
    from ingest.settings import Settings

    sources = sorted((f for f in discover(corpus) if isinstance(f, SourceFile)), key=lambda f: f.source_uri)[:docs]
    settings = Settings(batch_size=batch_size, workers=workers)

    @flow(name="clean-stage-benchmark", task_runner=task_runner("process", workers))
    def clean_stage() -> dict:
        with workers_report_here():
            tick = time.perf_counter()
            # One single-file batch per worker first: starting processes, importing and
            # loading langdetect's profiles are paid once a run, not per document.
            warm_up = [submit_as_task(process_batch, sources[i : i + 1], CleaningContext()) for i in range(workers)]
            for future in warm_up:
                future.result()
            started = time.perf_counter() - tick
            tick = time.perf_counter()
            cleaned, cpu = 0, 0.0
            for result in cleaned_batches(sources, CleaningContext(), settings, submit_as_task):
                cleaned += len(result.documents)
                cpu += result.cpu_seconds
            return {"seconds": time.perf_counter() - tick, "start_seconds": started, "documents": cleaned, "cpu_seconds": cpu}

    return clean_stage()


def _report(args: argparse.Namespace, results: dict[int, dict], load_before: float) -> str:
    base_workers = min(results)
    base = results[base_workers]["documents"] / results[base_workers]["seconds"]
    lines = [
        f"### Cleaning stage alone, {args.docs:,} documents, workers {' and '.join(map(str, results))}",
        "",
        f"Command: `.venv/bin/python bench/worker_scaling_benchmark.py --corpus CORPUS --docs {args.docs} "
        f"--workers {' '.join(map(str, results))}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after",
        "",
        f"| workers | start-up (s) | seconds | documents/s | CPU ms a document | throughput against {base_workers} |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for workers, result in results.items():
        rate = result["documents"] / result["seconds"]
        cpu_ms = 1000 * result["cpu_seconds"] / result["documents"]
        lines.append(f"| {workers} | {result['start_seconds']:.1f} | {result['seconds']:.1f} | {rate:.1f} | {cpu_ms:.1f} | {rate / base:.2f}x |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
