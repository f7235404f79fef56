"""A local run's temporary Prefect server is the only one its processes use, and none outlives the run."""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SERVER_COMMAND = "prefect.server.api.server:create_app"


def test_threads_without_the_runs_context_see_its_server(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    from prefect.settings import get_current_settings

    from ingest.flows.private_server import private_temporary_server
    from ingest.flows.temporary_server import temporary_server

    seen = {}

    def background(key):
        # A new thread starts with an empty context, as Prefect's background senders do.
        settings = get_current_settings()
        seen[key] = (settings.api.url, settings.api.auth_string)

    with private_temporary_server(), temporary_server() as api_url:
        thread = threading.Thread(target=background, args=("during",))
        thread.start()
        thread.join()
        assert seen["during"][0] == api_url
        assert seen["during"][1] is not None
    thread = threading.Thread(target=background, args=("after",))
    thread.start()
    thread.join()
    assert seen["after"][0] is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads other processes' environments from /proc")
def test_no_prefect_server_outlives_a_run_with_worker_processes(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    home = tmp_path / ".prefect"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")} | {"PREFECT_HOME": str(home)}
    ingest = Path(sys.executable).parent / "ingest"
    command = [str(ingest), "run", "--source", "seeds", "--warehouse", "w.duckdb", "--workers", "2", "--skip", "entities"]
    # Prefect's own server was started by a background thread now and then, not every run.
    for _ in range(3):
        with open(tmp_path / "out.txt", "w") as out:
            done = subprocess.run(command, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=600)
        assert done.returncode == 0, (tmp_path / "out.txt").read_text()
        assert _servers_of(home) == []


def _servers_of(home: Path) -> list[int]:
    """Process ids of Prefect servers started with this Prefect home."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if SERVER_COMMAND not in (entry / "cmdline").read_bytes().decode(errors="replace"):
                continue
            if f"PREFECT_HOME={home}".encode() in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue  # ended meanwhile, or not ours to read
    return found
