"""A run on a real Ray cluster: a head node and a second node on this machine.

As with Dask (``test_dask_cluster``), the warehouse must equal a local run's. Ray
turns a loopback address into the machine's own (``resolve_ip_for_localhost``), so
the nodes listen on the address Ray picks for this machine, and the run is given
``127.0.0.1:PORT`` as a user on the head node would give it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.operations.cluster_helpers import BIN, free_port, runs_like_a_local_run

ray = pytest.importorskip("prefect_ray", reason="the ray extra is not installed")

STARTUP_SECONDS = 180
# Each node's object store: batches of a few hundred small documents need little.
OBJECT_STORE_BYTES = 150 * 2**20


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A head node and one more node, one CPU each, started in the foreground (``--block``) and ended by their ids."""
    port = free_port()
    address = f"127.0.0.1:{port}"
    common = ["--block", "--num-cpus", "1", "--object-store-memory", str(OBJECT_STORE_BYTES), "--disable-usage-stats"]
    commands = [
        [str(BIN / "ray"), "start", "--head", "--port", str(port), "--include-dashboard", "false", *common],
        [str(BIN / "ray"), "start", "--address", address, *common],
    ]
    processes: list[subprocess.Popen] = []
    try:
        for number, command in enumerate(commands):
            with open(tmp_path / f"ray-{number}.log", "wb") as log:  # the child keeps its own copy of the descriptor
                processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
            _wait_for_nodes(address, number + 1, processes, tmp_path)
        yield address
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for_nodes(address: str, count: int, processes: list[subprocess.Popen], logs: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        for number, process in enumerate(processes):
            if process.poll() is not None:
                raise AssertionError(f"ray node {number} exited: {(logs / f'ray-{number}.log').read_text(errors='replace')[-2000:]}")
        probe = subprocess.run(
            [str(BIN / "python"), "-c", f"import ray; ray.init(address='{address}', logging_level='ERROR');"
             "print(sum(1 for n in ray.nodes() if n['Alive']))"],
            capture_output=True, text=True, timeout=STARTUP_SECONDS,
        )
        if probe.returncode == 0 and probe.stdout.strip().splitlines()[-1:] == [str(count)]:
            return
        time.sleep(2)
    raise AssertionError(f"the ray cluster did not show {count} nodes within {STARTUP_SECONDS} s")


@pytest.mark.slow
def test_a_run_on_a_ray_cluster_writes_the_warehouse_a_local_run_writes(tmp_path: Path, cluster: str) -> None:
    runs_like_a_local_run(tmp_path, "ray", cluster)
