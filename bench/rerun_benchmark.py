"""How long a run takes when nothing changed: with a temporary Prefect server, and with a running one.

    .venv/bin/python bench/rerun_benchmark.py --corpus CORPUS --warehouse WAREHOUSE [--runs 3] [--output FILE]

``WAREHOUSE`` must already hold ``CORPUS`` (e.g. after ``ingest run --source CORPUS
--warehouse WAREHOUSE --skip entities``). Each run is ``ingest run`` in a subprocess,
timed from its start to its exit; the warehouse file must come out untouched. The
runs are made twice: as a plain local run, which starts Prefect's temporary server,
and against a Prefect server already running (``prefect server start``, as a
scheduled deployment has), which leaves the cost of the run itself. The planning
step is also timed alone, in this process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from statistics import median
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
SERVER_PORT = 4290
SERVER_START_TIMEOUT = 180


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if not args.warehouse.exists():
        raise SystemExit(f"{args.warehouse} does not exist: load the corpus into it first")

    plan_seconds, files = time_plan(args.corpus, args.warehouse)
    temporary = [timed_rerun(args, {}) for _ in range(args.runs)]
    with running_server() as api_url:
        running = [timed_rerun(args, {"PREFECT_API_URL": api_url}) for _ in range(args.runs)]
    report = render(args, files, plan_seconds, temporary, running)
    print(report)
    if args.output:
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


def time_plan(corpus: Path, warehouse_path: Path) -> tuple[float, int]:
    """The planning step alone: read what the warehouse knows, walk and stat the source."""
    from ingest import PIPELINE_VERSION, warehouse
    from ingest.discover import discover
    from ingest.incremental import known_versions, plan_run

    tick = time.perf_counter()
    con = warehouse.connect(warehouse_path, read_only=True)
    known = known_versions(con)
    con.close()
    plan = plan_run(discover(corpus), known, PIPELINE_VERSION)
    seconds = time.perf_counter() - tick
    if plan.changes_warehouse:
        raise SystemExit(f"{len(plan.to_process)} files to process: the warehouse does not hold this corpus as it is")
    return seconds, plan.files_seen


def timed_rerun(args: argparse.Namespace, env: dict[str, str]) -> float:
    before = args.warehouse.stat()
    command = [str(BIN / "ingest"), "run", "--source", str(args.corpus), "--warehouse", str(args.warehouse),
               "--workers", "2", "--skip", "entities"]
    tick = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=os.environ | {"PREFECT_LOGGING_LEVEL": "WARNING"} | env)
    seconds = time.perf_counter() - tick
    after = args.warehouse.stat()
    if (after.st_ino, after.st_mtime_ns) != (before.st_ino, before.st_mtime_ns):
        raise SystemExit("the warehouse file was rewritten: not a no-change run")
    return seconds


@contextmanager
def running_server():
    """A Prefect server on a spare port with its own database, stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="ingest-prefect-") as home:
        env = os.environ | {"PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
        server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(SERVER_PORT)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        api_url = f"http://127.0.0.1:{SERVER_PORT}/api"
        try:
            _wait_for(f"{api_url}/health", server)
            yield api_url
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("prefect server exited before it answered")
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"prefect server did not answer {url} within {SERVER_START_TIMEOUT} s")


def render(args, files: int, plan_seconds: float, temporary: list[float], running: list[float]) -> str:
    load = os.getloadavg()[0]
    runs = ", ".join
    return "\n".join([
        f"### No-change re-run over {files:,} loaded files",
        "",
        f"Command: `.venv/bin/python bench/rerun_benchmark.py --corpus CORPUS --warehouse WAREHOUSE --runs {args.runs}`  ",
        f"Machine: {os.cpu_count()} cores; load average {load:.1f} at the end; warehouse {args.warehouse.stat().st_size / 2**30:.2f} GiB, "
        "its file untouched by every run",
        "",
        "| measure | median | runs |",
        "|---|---:|---|",
        f"| planning alone (read the warehouse's stamps, walk and stat the source) | {plan_seconds:.1f} s | 1 |",
        f"| `ingest run`, local (starts Prefect's temporary server) | {median(temporary):.1f} s | {runs(f'{s:.1f}' for s in temporary)} |",
        f"| `ingest run` against a running Prefect server | {median(running):.1f} s | {runs(f'{s:.1f}' for s in running)} |",
        "",
    ])


if __name__ == "__main__":
    main()
