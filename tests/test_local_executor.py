"""A local run's executor: the model loads beside the first batch, and its failure or a stop is the run's as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from ingest import fork_server
from ingest.document import Document
from ingest.entities import tagger
from ingest.local_executor import local_executor
from ingest.runner import plan_source, tag_batch
from ingest.settings import Settings

PROJECT = Path(__file__).resolve().parents[1]
LOAD_AHEAD = "ingest-load-ahead"
# A bound on waits that succeed at once when the code is right: reached, the test fails instead of hanging.
WAIT_SECONDS = 60


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "note.txt").write_text("The council met in Leeds on Monday to agree the budget.\n", encoding="utf-8")
    return folder


@pytest.fixture
def no_fork_server(monkeypatch):
    """The plan starts the guards' fork server; these tests clean nothing."""
    monkeypatch.setattr(fork_server, "start_fork_server", lambda formats=(): None)


def join_load_ahead() -> None:
    """Wait for a load-ahead thread still running, if any, so that what it does has been done."""
    for thread in threading.enumerate():
        if thread.name == LOAD_AHEAD:
            thread.join(WAIT_SECONDS)


def test_the_model_loads_while_the_first_batch_is_cleaned(source, tmp_path, monkeypatch, no_fork_server):
    """The plan starts the load and returns; a batch step runs while the model is still loading."""
    loading, batch_ran = threading.Event(), threading.Event()
    loaded_with, batch_ran_meanwhile = [], []

    def load(*args):
        loaded_with.append(args)
        loading.set()
        batch_ran_meanwhile.append(batch_ran.wait(WAIT_SECONDS))

    monkeypatch.setattr(tagger, "load_process_tagger", load)
    settings = Settings()
    with local_executor(settings) as executor:
        plan = executor.submit(plan_source, str(source), str(tmp_path / "w.duckdb")).result(timeout=WAIT_SECONDS)
        assert plan.to_process
        assert loading.wait(WAIT_SECONDS)
        executor.submit(batch_ran.set).result(timeout=WAIT_SECONDS)
    join_load_ahead()

    assert loaded_with == [(settings.gazetteer, settings.ner_model, settings.ner_languages)]
    assert batch_ran_meanwhile == [True]


def test_a_plan_with_nothing_to_process_loads_nothing(tmp_path, monkeypatch, no_fork_server):
    loads = []
    monkeypatch.setattr(tagger, "load_process_tagger", lambda *args: loads.append(args))
    empty = tmp_path / "empty"
    empty.mkdir()
    with local_executor(Settings()) as executor:
        plan = executor.submit(plan_source, str(empty), str(tmp_path / "w.duckdb")).result(timeout=WAIT_SECONDS)
    join_load_ahead()

    assert not plan.to_process
    assert loads == []


def test_a_model_that_fails_to_load_ahead_fails_where_the_batch_is_tagged(source, tmp_path, monkeypatch, no_fork_server):
    """No traceback from the loading thread: the error is the run's, once, raised by the tagging step."""
    uncaught, loading_threads = [], []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    load = tagger.load_process_tagger

    def load_and_tell(*args):
        loading_threads.append(threading.current_thread())
        load(*args)

    monkeypatch.setattr(tagger, "load_process_tagger", load_and_tell)
    settings = Settings(ner_model="no_such_spacy_pipeline")
    with local_executor(settings) as executor:
        executor.submit(plan_source, str(source), str(tmp_path / "w.duckdb")).result(timeout=WAIT_SECONDS)
        join_load_ahead()
        assert [thread.name for thread in loading_threads] == [LOAD_AHEAD]
        document = Document(
            doc_id="d", source_uri="note.txt", content_sha256="", size_bytes=0, raw_text="", encoding="utf-8",
            media_type="text/plain", text="The council met in Leeds.", language="en",
        )
        tagging = executor.submit(tag_batch, [document], settings)

        with pytest.raises(OSError, match="no_such_spacy_pipeline"):
            tagging.result(timeout=WAIT_SECONDS)
    assert uncaught == []


STOPPED_WHILE_LOADING = """
import sys, threading
from ingest.entities import tagger

def load(*args):
    print("loading", flush=True)
    threading.Event().wait()  # a model that never finishes loading

tagger.load_process_tagger = load
from ingest.cli import main
sys.argv = ["ingest", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
def test_ctrl_c_stops_a_run_whose_model_is_still_loading(source, tmp_path):
    """A run stopped while its model is still loading ends as any stopped run: its exit code, its one
    line, and a ``failed`` row, which only a run that unwound records (the watchdog's exit would not)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    run = subprocess.Popen(
        [sys.executable, "-c", STOPPED_WHILE_LOADING, "run", "--source", str(source), "--warehouse",
         str(tmp_path / "w.duckdb"), "--quiet"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        assert run.stdout.readline().strip() == "loading"
        os.killpg(run.pid, signal.SIGINT)
        _, err = run.communicate(timeout=WAIT_SECONDS)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 128 + signal.SIGINT
    assert err == "SIGINT: stopping the run; the warehouse keeps its previous state\n"
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
    finally:
        con.close()
