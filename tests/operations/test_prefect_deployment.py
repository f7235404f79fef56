"""The deployment as an operator runs it: a real Prefect server, ``prefect deploy`` from ``prefect.yaml``, a worker.

Everything runs in child processes with their own ``PREFECT_HOME``; every process
started here is killed at the end, whatever happened.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PREFECT = [str(Path(sys.executable).with_name("prefect"))]
SERVER_START_SECONDS = 180
COMMAND_SECONDS = 300
ARTICLES = {
    "tehran.txt": "Officials from both countries met in Tehran on Monday to sign a transport agreement.\n\n"
                  "The corridor will link the Caspian ports with the rail network by the end of next year.\n",
    "moscow.txt": "Ministers discussed energy prices in Moscow and agreed to meet again in the spring.\n\n"
                  "The talks covered gas supplies, oil swaps and a new payment system for trade.\n",
    "scan.txt": b"\x89PNG\r\n\x1a\n not an article",
}

DEPLOY_WORKER_CHECK_FAILURE = "/workers/filter' - Response: {'exception_message': 'Invalid request received.'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Child processes in their own sessions, so that killing one kills what it started too."""

    def __init__(self, env: dict, logs: Path, prefect: list[str], cwd: Path) -> None:
        self.env, self.logs, self.started, self.prefect, self.cwd = env, logs, [], prefect, cwd

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen([*self.prefect, *args], cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.started.append((process, log))
        return process

    def run(self, *args: str, known_failure: str | None = None) -> str:
        """Run a prefect command to its end; it must succeed, or fail with exactly ``known_failure``."""
        done = subprocess.run([*self.prefect, *args], cwd=self.cwd, env=self.env, capture_output=True, text=True,
                              timeout=COMMAND_SECONDS)
        output = done.stdout + done.stderr
        if done.returncode != 0:
            assert known_failure is not None and known_failure in output, f"prefect {' '.join(args)} failed:\n{output}"
        return output

    def stop_all(self) -> None:
        for process, log in self.started:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=30)
            log.close()

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-4000:]


def wait_until_healthy(api_url: str, server: subprocess.Popen, processes: Processes) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server exited:\n{processes.log('server')}"
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the server was not healthy after {SERVER_START_SECONDS} s:\n{processes.log('server')}")


def flow_run_state(api_url: str, flow_run_id: str) -> str:
    with urllib.request.urlopen(f"{api_url}/flow_runs/{flow_run_id}", timeout=10) as response:
        return json.load(response)["state"]["type"]


@pytest.mark.slow
def test_deployment_runs_on_a_worker_and_fills_the_warehouse(tmp_path, query_warehouse):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    deploy_and_check(tmp_path, query_warehouse, PREFECT, PROJECT, env)


def deploy_and_check(tmp_path: Path, query_warehouse, prefect: list[str], project: Path, env: dict) -> None:
    """Deploy ``prefect.yaml`` from ``project`` with the ``prefect`` command given, run it on a worker, check the rows."""
    source = tmp_path / "source"
    source.mkdir()
    for name, content in ARTICLES.items():
        target = source / name
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)
    warehouse_path = tmp_path / "warehouse" / "ingest.duckdb"
    api_url = f"http://127.0.0.1:{free_port()}/api"
    env = dict(
        env,
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        INGEST_PROJECT_DIR=str(project),
    )
    processes = Processes(env, tmp_path, prefect, project)
    try:
        port = api_url.split(":")[2].split("/")[0]
        server = processes.start("server", "server", "start", "--host", "127.0.0.1", "--port", port)
        wait_until_healthy(api_url, server, processes)
        processes.run("work-pool", "create", "ingest-pool", "--type", "process")
        # With the pinned FastAPI, the server answers 422 to the worker check `prefect deploy`
        # makes after saving the deployment (the client sends "limit": null); the deployment
        # itself is saved, which the next command proves by running it.
        processes.run("--no-prompt", "deploy", "--all", known_failure=DEPLOY_WORKER_CHECK_FAILURE)
        parameters = {"source": str(source), "warehouse_path": str(warehouse_path)}
        triggered = processes.run("deployment", "run", "ingest/nightly", "--params", json.dumps(parameters))
        flow_run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", triggered).group(1)
        worker = processes.start("worker", "worker", "start", "--pool", "ingest-pool", "--run-once", "--limit", "1")
        worker.wait(timeout=COMMAND_SECONDS)
        assert flow_run_state(api_url, flow_run_id) == "COMPLETED", processes.log("worker")
    finally:
        processes.stop_all()

    documents, rejects, runs = query_warehouse(
        warehouse_path,
        "SELECT source_uri, language FROM documents ORDER BY 1",
        "SELECT source_uri, reason FROM rejects",
        "SELECT run_id, status, source, files_seen, documents_loaded, rejects FROM runs",
    )
    assert documents == [("moscow.txt", "en"), ("tehran.txt", "en")]
    assert rejects == [("scan.txt", "file is a PNG image, not text")]
    assert runs == [(flow_run_id, "completed", str(source), 3, 2, 1)]
