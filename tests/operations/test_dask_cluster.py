"""A run on a real Dask cluster: a scheduler and two worker processes over loopback, as a user's cluster is.

The warehouse it writes must equal the one a local run writes from the same
source: the same documents with the same clean text, the same duplicates and
the same removals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

BIN = Path(sys.executable).parent
# Starting a scheduler and two workers takes a few seconds on an idle machine; a
# busy CI machine gets a generous bound, after which the test fails, never hangs.
STARTUP_SECONDS = 120
RUN_SECONDS = 900
# What makes two warehouses the same run's: each document's text and role, and every removal.
SAME = {
    "documents": "SELECT source_uri, text_sha256, language, input_kind, metadata,"
    " (SELECT source_uri FROM documents c WHERE c.doc_id = d.duplicate_of) AS duplicate_of_uri"
    " FROM documents d ORDER BY source_uri",
    "removed_spans": "SELECT d.source_uri, r.kind, r.rule, r.start_offset, r.end_offset FROM removed_spans r"
    " JOIN documents d USING (doc_id) ORDER BY ALL",
    "edits": "SELECT d.source_uri, e.kind, e.rule, e.offset, e.before, e.after FROM edits e JOIN documents d USING (doc_id) ORDER BY ALL",
    "rejects": "SELECT source_uri, reason FROM rejects ORDER BY ALL",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded worker processes on 127.0.0.1, ended whatever the test did."""
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    logs = tmp_path / "cluster-logs"
    logs.mkdir()
    commands = [
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        *[
            [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-nanny",
             "--no-dashboard", "--host", "127.0.0.1", "--name", f"worker-{number}"]
            for number in (1, 2)
        ],
    ]
    processes: list[subprocess.Popen] = []
    try:
        for number, command in enumerate(commands):
            log = open(logs / f"{number}.log", "wb")
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
            if number == 0:
                _wait_for_port(int(port), processes[0], logs)
        with distributed.Client(address, timeout=STARTUP_SECONDS) as client:
            client.wait_for_workers(2, timeout=STARTUP_SECONDS)
            assert len(client.scheduler_info()["workers"]) == 2
        yield address
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for_port(port: int, process: subprocess.Popen, logs: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the scheduler exited: {(logs / '0.log').read_text(errors='replace')[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"the scheduler did not listen within {STARTUP_SECONDS} s")


def write_source(source: Path) -> int:
    """Forty noisy articles with planted copies, and a JSONL of 260 short records with repeats; returns the documents."""
    from bench.corpus_generator import write_corpus

    write_corpus(source / "articles", 40, seed=11)
    records = []
    for number in range(260):
        topic = ["harbour", "wheat", "tram", "vaccine", "turbine"][number % 5]
        text = (
            f"Dispatch {number % 200}: the {topic} inquiry heard {number % 200 * 3} witnesses on its"
            f" {number % 200 + 2}nd day. The chair said the findings would be published within weeks."
        )
        records.append(json.dumps({"id": f"d{number}", "text": text, "desk": topic}))
    records.append('{"id": "broken", ')
    (source / "dispatches.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return 300


def ingest(*args: str, timeout: float = RUN_SECONDS) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "ingest"), "run", "--skip", "entities", "--json", "--quiet", *args],
        capture_output=True, text=True, timeout=timeout,
    )


def tables(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in SAME.items()}
    finally:
        con.close()


@pytest.mark.slow
def test_a_run_on_a_dask_cluster_writes_the_warehouse_a_local_run_writes(tmp_path: Path, cluster: str) -> None:
    source = tmp_path / "source"
    count = write_source(source)

    on_cluster = ingest("--source", str(source), "--warehouse", str(tmp_path / "dask.duckdb"),
                        "--runner", "dask", "--address", cluster, "--batch-size", "16")
    assert on_cluster.returncode == 0, on_cluster.stderr[-3000:]
    local = ingest("--source", str(source), "--warehouse", str(tmp_path / "local.duckdb"), "--batch-size", "16")
    assert local.returncode == 0, local.stderr[-3000:]

    summary = json.loads(on_cluster.stdout)
    assert summary["documents_loaded"] == count and summary["rejects"] == 1
    assert summary["duplicates"] > 0 and summary["removed_spans"] > 0
    assert tables(tmp_path / "dask.duckdb") == tables(tmp_path / "local.duckdb")
    with distributed.Client(cluster, timeout=30) as client:
        # The batches ran on the cluster's workers, not in the flow's process.
        processed = client.run(lambda dask_worker: len(dask_worker.state.tasks) + dask_worker.state.executed_count)
    assert len(processed) == 2 and all(count > 0 for count in processed.values())
