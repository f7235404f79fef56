"""Stopping ``ingest run`` midway: Ctrl-C and SIGTERM end it within 5 s with one line; no signal leaves a process behind.

Each run is a real ``ingest`` process in a session of its own, as a terminal
would start it; Ctrl-C is SIGINT sent to its whole process group, as a terminal
sends it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus_generator import write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

PROJECT = Path(__file__).resolve().parents[2]
STOP_SECONDS = 5
START_SECONDS = 240


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough documents that a run is still cleaning them seconds after it started writing."""
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, 200)
    return root


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def start_run(corpus: Path, warehouse: Path, *options: str) -> tuple[subprocess.Popen, set[int]]:
    """Start ``ingest run`` and wait until it writes its staging copy; return it and its processes' pids."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(warehouse.parent / "prefect")
    run = subprocess.Popen(
        [sys.executable, "-m", "ingest", "run", "--source", str(corpus), "--warehouse", str(warehouse),
         "--batch-size", "4", *options],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    staging = warehouse.with_name(warehouse.name + ".staging")
    deadline = time.monotonic() + START_SECONDS
    while not staging.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the run did not start writing"
        time.sleep(0.2)
    time.sleep(1)
    return run, descendants(run.pid)


def start_local_run(corpus: Path, warehouse: Path) -> tuple[subprocess.Popen, set[int]]:
    """``start_run`` with no Prefect API configured: the run is the library's, its processes the guards' fork
    server and the document workers it forked."""
    run, helpers = start_run(corpus, warehouse)
    assert any("ingest-document-guard" in command_line(pid) or "forkserver" in command_line(pid) for pid in helpers)
    assert not any("prefect.server.api.server:create_app" in command_line(pid) for pid in helpers)
    return run, helpers


def wait_gone(pids: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(is_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(is_running(pid) for pid in pids)


@pytest.mark.parametrize(("signum", "send_to_group"), [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_a_signal_stops_the_run_within_seconds_with_one_line(corpus, tmp_path, query_warehouse, signum, send_to_group):
    warehouse = tmp_path / "w.duckdb"
    run, helpers = start_local_run(corpus, warehouse)
    sent = time.monotonic()
    os.killpg(run.pid, signum) if send_to_group else run.send_signal(signum)
    try:
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    took = time.monotonic() - sent

    assert took < STOP_SECONDS, f"took {took:.1f} s"
    assert run.returncode == 128 + signum
    assert (out, err) == ("", f"{signum.name}: stopping the run; the warehouse keeps its previous state\n")
    assert wait_gone(helpers, 5), "a process of the run outlived it"
    documents, runs = query_warehouse(warehouse, "SELECT count(*) FROM documents", "SELECT status FROM runs")
    assert documents == [(0,)] and runs == [("failed",)]


def test_a_killed_run_takes_its_processes_with_it(corpus, tmp_path):
    run, helpers = start_local_run(corpus, tmp_path / "w.duckdb")
    run.kill()
    run.wait()
    assert wait_gone(helpers, 10), "a process of the killed run outlived it"


def test_ctrl_c_stops_a_run_on_a_local_dask_cluster_with_one_line_and_takes_its_workers(corpus, tmp_path, query_warehouse):
    """The cluster's workers share the run's process group: each printed its own ``KeyboardInterrupt`` traceback."""
    pytest.importorskip("prefect_dask", reason="the dask extra is not installed")
    warehouse = tmp_path / "w.duckdb"
    run, helpers = start_run(corpus, warehouse, "--runner", "dask")
    os.killpg(run.pid, signal.SIGINT)
    try:
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()

    assert run.returncode == 128 + signal.SIGINT
    assert err.startswith("SIGINT: stopping the run; the warehouse keeps its previous state\n")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert wait_gone(helpers, 5), "a process of the run outlived it"
    documents, runs = query_warehouse(warehouse, "SELECT count(*) FROM documents", "SELECT status FROM runs")
    assert documents == [(0,)] and runs == [("failed",)]
