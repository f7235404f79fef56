"""A run on a real Dask cluster: a scheduler and two worker processes over loopback, as a user's cluster is.

The warehouse it writes must equal the one a local run writes from the same
source: the same documents with the same clean text, the same duplicates and
the same removals.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.operations.cluster_helpers import BIN, free_port, runs_like_a_local_run

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

# Starting a scheduler and two workers takes a few seconds on an idle machine; a
# busy CI machine gets a generous bound, after which the test fails, never hangs.
STARTUP_SECONDS = 120
# The workers are started as the README tells a user on CPython before 3.11.9:
# without the statistical profiler, which can deadlock them (flows.task_runners).
WORKER_ENVIRONMENT = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


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
            with open(logs / f"{number}.log", "wb") as log:  # the child keeps its own copy of the descriptor
                processes.append(subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=WORKER_ENVIRONMENT
                ))
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


@pytest.mark.slow
def test_a_run_on_a_dask_cluster_writes_the_warehouse_a_local_run_writes(tmp_path: Path, cluster: str) -> None:
    runs_like_a_local_run(tmp_path, "dask", cluster)
    with distributed.Client(cluster, timeout=30) as client:
        # The batches ran on the cluster's workers, not in the flow's process.
        processed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(processed) == 2 and all(count > 0 for count in processed.values())


@pytest.mark.slow
def test_a_run_on_a_local_dask_cluster_writes_the_warehouse_a_local_run_writes(tmp_path: Path) -> None:
    """The local cluster's workers were daemonic, which may not start a document's guarded process: every file was
    rejected."""
    runs_like_a_local_run(tmp_path, "dask", None)


def test_a_local_cluster_starts_its_workers_without_the_profiler_where_it_can_deadlock() -> None:
    import dask

    from flows.task_runners import PROFILER_DEADLOCKS, task_runner

    with dask.config.set({"distributed.worker.profile.enabled": True}):
        task_runner("dask", workers=2)
        assert dask.config.get("distributed.worker.profile.enabled") is (not PROFILER_DEADLOCKS)
