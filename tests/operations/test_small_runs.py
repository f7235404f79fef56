"""A local ``ingest run`` loads only what its plan needs: nothing to clean, nothing cleaning imports.

Each run is an ``ingest run`` command in a fresh interpreter with no Prefect API
configured, as on a laptop; the command reports, after it ends, which of the
heavy libraries the run's own process imported and whether it started the
document guards' fork server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from ingest import Settings

# Each test starts an interpreter and runs the command: seconds, more on a busy machine.
pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"
# Libraries only cleaning (in the guards' workers) or tagging needs.
CLEANING_STACK = ("ingest.clean", "ingest.language", "trafilatura", "pdfminer", "langdetect", "bs4")
REPORT = """
import json, multiprocessing.forkserver, sys
from ingest.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    server = multiprocessing.forkserver._forkserver
    print(json.dumps({
        "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "trafilatura", "pdfminer", "langdetect", "bs4")
                          or m in ("ingest.clean", "ingest.language")),
        "fork_server": server._forkserver_pid is not None,
    }))
"""


def command_run(source: Path, warehouse: Path, tmp_path: Path, *options: str, report: str = REPORT) -> dict:
    """``ingest run`` in a fresh interpreter as a laptop runs it, and what ``report`` printed of it last."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    done = subprocess.run(
        [sys.executable, "-c", report, "run", "--source", str(source), "--warehouse", str(warehouse), "--quiet", *options],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def top_level(modules: list[str]) -> set[str]:
    return {m if m.startswith("ingest.") else m.split(".")[0] for m in modules}


def test_a_run_with_nothing_changed_starts_no_guard_and_imports_no_model(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)
    warehouse = tmp_path / "w.duckdb"
    ingest.run(source, warehouse, Settings(skip_entities=True))

    seen = command_run(source, warehouse, tmp_path)

    assert seen["fork_server"] is False
    assert top_level(seen["modules"]) == set()


def test_a_fresh_run_cleans_in_the_guards_and_leaves_the_cleaning_stack_to_them(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)

    seen = command_run(source, tmp_path / "w.duckdb", tmp_path, "--skip", "entities")

    assert seen["fork_server"] is True
    assert top_level(seen["modules"]).isdisjoint(CLEANING_STACK + ("spacy",))


def test_a_fresh_run_that_tags_loads_the_model_and_nothing_cleaning_needs(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)

    seen = command_run(source, tmp_path / "w.duckdb", tmp_path)

    assert "spacy" in top_level(seen["modules"])
    assert top_level(seen["modules"]).isdisjoint(CLEANING_STACK)


# The ``ingest`` console script's own entry (``ingest.console``), reporting from an exit
# handler: the command ends its process with ``ingest.process_exit``, which runs them.
CONSOLE_REPORT = """
import atexit, json, sys
from ingest import console, fork_server, guard

seen = {}
start_fork_server = fork_server.start_fork_server

def recorded(formats=()):
    seen.setdefault("command_line_imported_first", "ingest.cli" in sys.modules)
    start_fork_server(formats)

start_worker = guard.DocumentGuard._start_once

def counted(self):
    seen["workers_forked"] = seen.get("workers_forked", 0) + 1
    start_worker(self)

def report():
    print(json.dumps({
        "workers_forked": 0,
        **seen,
        "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "trafilatura", "pdfminer", "langdetect", "bs4")
                          or m in ("ingest.clean", "ingest.language")),
    }))

fork_server.start_fork_server = recorded
guard.DocumentGuard._start_once = counted
atexit.register(report)
sys.argv = ["ingest", *sys.argv[1:]]
console.main()
"""


def test_the_command_starts_the_fork_server_before_it_imports_its_command_line(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)

    seen = command_run(source, tmp_path / "w.duckdb", tmp_path, "--skip", "entities", report=CONSOLE_REPORT)

    assert seen["command_line_imported_first"] is False
    assert seen["workers_forked"] == 1
    assert top_level(seen["modules"]).isdisjoint(CLEANING_STACK + ("spacy",))


def test_the_command_with_nothing_changed_forks_no_worker_and_imports_no_model(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)
    warehouse = tmp_path / "w.duckdb"
    ingest.run(source, warehouse, Settings(skip_entities=True))

    seen = command_run(source, warehouse, tmp_path, report=CONSOLE_REPORT)

    assert seen["workers_forked"] == 0
    assert top_level(seen["modules"]) == set()
