"""What ``ingest run`` tells the person who started it: progress as it goes, the summary as a table or as JSON."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ingest
from ingest import Settings, progress

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"


class Recorder:
    """A progress listener that keeps what it was told."""

    def __init__(self) -> None:
        self.announced: list[int] = []
        self.done: list[int] = []

    def planned(self, files: int) -> None:
        self.announced.append(files)

    def processed(self, files: int) -> None:
        self.done.append(files)


def test_progress_counts_every_planned_file_once(tmp_path):
    recorder = Recorder()
    settings = Settings(batch_size=2, skip_entities=True)
    with progress.watching(recorder):
        ingest.run(SEEDS, tmp_path / "w.duckdb", settings)
        ingest.run(SEEDS, tmp_path / "w.duckdb", settings)

    # Five seeds in batches of two; the second run finds nothing to do.
    assert recorder.announced == [5, 0]
    assert recorder.done == [2, 2, 1]
    assert progress._listeners == []


@pytest.mark.slow
def test_json_summary_is_all_of_stdout(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "run", "--source", str(source), "--warehouse", str(tmp_path / "w.duckdb"),
         "--skip", "entities", "--json", "--quiet"],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    summary = json.loads(done.stdout)
    assert (summary["status"], summary["files_seen"], summary["documents_loaded"]) == ("completed", 5, 5)
    assert summary["removed_spans"] == sum(summary["removed_by_kind"].values()) > 0


def test_the_progress_bar_shows_files_done_of_planned_and_their_rate():
    from rich.console import Console

    from ingest.report import FileProgressBar

    terminal = Console(file=io.StringIO(), force_terminal=True, width=120)
    with FileProgressBar(terminal) as bar:
        bar.planned(10)
        bar.processed(3)
        time.sleep(0.2)
        bar.processed(3)
        screen = Console(file=io.StringIO(), width=120, record=True)
        screen.print(bar._progress.get_renderable())
    shown = screen.export_text()
    assert "processing" in shown and "6/10 files" in shown and "files/s" in shown
