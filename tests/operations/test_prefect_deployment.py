"""The deployment as an operator runs it: a real Prefect server, ``prefect deploy`` from ``prefect.yaml``, a worker,
and a schedule that fires on its own.

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
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.warehouse import single_writer

PROJECT = Path(__file__).resolve().parents[2]
PREFECT = [str(Path(sys.executable).with_name("prefect"))]
SERVER_START_SECONDS = 180
COMMAND_SECONDS = 300
# A one-minute cron fires at the next minute boundary (at most 60 s away); the
# server's scheduler creates the runs within seconds of the deployment, the served
# process polls for due runs every 10 s, and a run over three files takes seconds
# plus the model's load. Three minutes bounds all of it with room on a busy machine.
SCHEDULED_RUN_SECONDS = 180
# How long the manual run keeps the warehouse after the scheduled run has started.
WAITING_SECONDS = 10
ARTICLES = {
    "tehran.txt": "Officials from both countries met in Tehran on Monday to sign a transport agreement.\n\n"
                  "The corridor will link the Caspian ports with the rail network by the end of next year.\n",
    "moscow.txt": "Ministers discussed energy prices in Moscow and agreed to meet again in the spring.\n\n"
                  "The talks covered gas supplies, oil swaps and a new payment system for trade.\n",
    "scan.txt": b"\x89PNG\r\n\x1a\n not an article",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Child processes in their own sessions, so that killing one kills what it started too."""

    def __init__(self, env: dict, logs: Path, prefect: list[str], cwd: Path) -> None:
        self.env, self.logs, self.started, self.prefect, self.cwd = env, logs, [], prefect, cwd

    def start(self, name: str, *args: str, command: list[str] | None = None) -> subprocess.Popen:
        """Start ``prefect ARGS`` (or ``command ARGS``) in the background, its output in ``NAME.log``."""
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen([*(command or self.prefect), *args], cwd=self.cwd, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append((process, log))
        return process

    def run(self, *args: str) -> str:
        """Run a prefect command to its end; it must exit 0."""
        done = subprocess.run([*self.prefect, *args], cwd=self.cwd, env=self.env, capture_output=True, text=True,
                              timeout=COMMAND_SECONDS)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"prefect {' '.join(args)} exited {done.returncode}:\n{output}"
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


def api(api_url: str, path: str, body: dict | None = None):
    """GET (or POST ``body`` to) one endpoint of the Prefect server and return its JSON."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{api_url}{path}", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def flow_run_state(api_url: str, flow_run_id: str) -> str:
    return api(api_url, f"/flow_runs/{flow_run_id}")["state"]["type"]


def write_source(root: Path) -> Path:
    root.mkdir()
    for name, content in ARTICLES.items():
        target = root / name
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)
    return root


@contextmanager
def prefect_server(tmp_path: Path, prefect: list[str], project: Path, env: dict) -> Iterator[tuple[str, Processes]]:
    """A Prefect server on 127.0.0.1 with a home of its own; yields its API address and the processes, all killed after."""
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
        yield api_url, processes
    finally:
        processes.stop_all()


@pytest.mark.slow
def test_deployment_runs_on_a_worker_and_fills_the_warehouse(tmp_path, query_warehouse):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    deploy_and_check(tmp_path, query_warehouse, PREFECT, PROJECT, env)


def deploy_and_check(tmp_path: Path, query_warehouse, prefect: list[str], project: Path, env: dict) -> None:
    """Deploy ``prefect.yaml`` from ``project`` with the ``prefect`` command given, run it on a worker, check the rows.

    Every Prefect command the README names must exit 0 on the way.
    """
    source = write_source(tmp_path / "source")
    warehouse_path = tmp_path / "warehouse" / "ingest.duckdb"
    with prefect_server(tmp_path, prefect, project, env) as (api_url, processes):
        processes.run("work-pool", "create", "ingest-pool", "--type", "process")
        processes.run("--no-prompt", "deploy", "--all")
        assert "ingest/nightly" in processes.run("deployment", "ls")
        parameters = {"source": str(source), "warehouse_path": str(warehouse_path)}
        triggered = processes.run("deployment", "run", "ingest/nightly", "--params", json.dumps(parameters))
        flow_run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", triggered).group(1)
        worker = processes.start("worker", "worker", "start", "--pool", "ingest-pool", "--run-once", "--limit", "1")
        worker.wait(timeout=COMMAND_SECONDS)
        assert flow_run_state(api_url, flow_run_id) == "COMPLETED", processes.log("worker")
        processes.run("flow-run", "ls")

    documents, rejects, runs = query_warehouse(
        warehouse_path,
        "SELECT source_uri, language FROM documents ORDER BY 1",
        "SELECT source_uri, reason FROM rejects",
        "SELECT run_id, status, source, files_seen, documents_loaded, rejects FROM runs",
    )
    assert documents == [("moscow.txt", "en"), ("tehran.txt", "en")]
    assert rejects == [("scan.txt", "file is a PNG image, not text")]
    assert runs == [(flow_run_id, "completed", str(source), 3, 2, 1)]


@pytest.mark.slow
def test_a_one_minute_cron_fires_and_its_run_completes(tmp_path, query_warehouse):
    """Nobody triggers this run: the server's scheduler creates it, ``ingest serve`` runs it.

    A manual run holds the warehouse when it fires: the scheduled run waits for it
    to end, then completes, instead of failing.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    source = write_source(tmp_path / "source")
    warehouse_path = tmp_path / "served.duckdb"
    manual_run = single_writer(warehouse_path)
    manual_run.__enter__()
    try:
        with prefect_server(tmp_path, PREFECT, PROJECT, env) as (api_url, processes):
            served = processes.start(
                "serve", "serve", "--source", str(source), "--warehouse", str(warehouse_path),
                "--cron", "* * * * *", "--name", "every-minute", command=[sys.executable, "-m", "ingest"],
            )
            deadline = time.monotonic() + SCHEDULED_RUN_SECONDS
            completed = []
            while not completed and time.monotonic() < deadline:
                assert served.poll() is None, f"ingest serve exited:\n{processes.log('serve')}"
                runs_so_far = scheduled_runs(api_url, "every-minute")
                if manual_run is not None and any(run["state"]["type"] == "RUNNING" for run in runs_so_far):
                    time.sleep(WAITING_SECONDS)  # the scheduled run is waiting for the lock meanwhile
                    manual_run.__exit__(None, None, None)
                    manual_run = None
                completed = [run for run in runs_so_far if run["state"]["type"] == "COMPLETED"]
                time.sleep(2)
            assert completed, f"no scheduled run completed in {SCHEDULED_RUN_SECONDS} s:\n{processes.log('serve')}"
            assert manual_run is None, "the scheduled run completed while another run held the warehouse"
            failed = [run for run in scheduled_runs(api_url, "every-minute") if run["state"]["type"] in ("FAILED", "CRASHED")]
            assert failed == [], processes.log("serve")
    finally:
        if manual_run is not None:
            manual_run.__exit__(None, None, None)

    [runs] = query_warehouse(warehouse_path, "SELECT run_id, status, documents_loaded FROM runs")
    assert (completed[0]["id"], "completed", 2) in runs


def scheduled_runs(api_url: str, deployment_name: str) -> list[dict]:
    """The flow runs the server's scheduler created for a deployment of the ingest flow (none before it exists)."""
    try:
        deployment = api(api_url, f"/deployments/name/ingest/{deployment_name}")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return []
        raise
    runs = api(api_url, "/flow_runs/filter", {"flow_runs": {"deployment_id": {"any_": [deployment["id"]]}}})
    return [run for run in runs if run["auto_scheduled"]]
