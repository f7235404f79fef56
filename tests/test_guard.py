"""The document guard: a step runs in a child process and comes back, or the child is killed at a limit."""

import json
import multiprocessing
import signal
import subprocess
import sys
import threading
import time

import pytest

from ingest import fork_server, guard
from ingest.document_limits import DocumentLimits, LimitExceeded

LIMITS = DocumentLimits(wall_seconds=3, cpu_seconds=2, memory_mb=128)


@pytest.fixture
def document_guard():
    with guard.borrowed(LIMITS) as lent:
        yield lent
    guard.close_all()


def test_a_step_returns_its_result_and_the_worker_is_reused(document_guard):
    budget = guard.DocumentBudget.start(LIMITS)
    assert document_guard.call(budget, sorted, [3, 1, 2]) == [1, 2, 3]
    first = document_guard._process.pid
    assert document_guard.call(budget, max, 4, 9, context=7) == 9
    assert document_guard._process.pid == first


def test_a_steps_error_is_raised_here_with_the_workers_traceback(document_guard):
    with pytest.raises(ValueError, match="invalid literal") as raised:
        document_guard.call(guard.DocumentBudget.start(LIMITS), int, "not a number")
    assert "Traceback" in str(raised.value.__cause__)


def test_a_step_past_the_wall_time_is_killed_and_the_next_document_gets_a_new_worker(document_guard):
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as exceeded:
        document_guard.call(guard.DocumentBudget.start(LIMITS), time.sleep, 60)
    assert (exceeded.value.limit, exceeded.value.value) == ("wall_seconds", 3.0)
    assert time.monotonic() - started < 3 + 2
    assert document_guard.call(guard.DocumentBudget.start(LIMITS), len, "abc") == 3


def test_a_step_past_the_cpu_limit_is_a_cpu_reject(document_guard):
    limits = DocumentLimits(wall_seconds=60, cpu_seconds=1, memory_mb=128)
    with guard.borrowed(limits) as spinning:
        with pytest.raises(LimitExceeded) as exceeded:
            spinning.call(guard.DocumentBudget.start(limits), sum, range(10**12))
    assert exceeded.value.limit == "cpu_seconds"


def test_a_step_past_the_memory_limit_is_a_memory_reject(document_guard):
    with pytest.raises(LimitExceeded) as exceeded:
        document_guard.call(guard.DocumentBudget.start(LIMITS), bytearray, 2**30)
    assert (exceeded.value.limit, exceeded.value.value) == ("memory_mb", 128.0)
    assert document_guard.call(guard.DocumentBudget.start(LIMITS), bytearray, 2**20) == bytearray(2**20)


def test_the_budget_spans_a_documents_steps(document_guard):
    budget = guard.DocumentBudget.start(LIMITS)
    document_guard.call(budget, time.sleep, 2)
    with pytest.raises(LimitExceeded):
        document_guard.call(budget, time.sleep, 2)


def test_a_guard_that_cannot_start_fails_the_batch_instead_of_refusing_every_file(tmp_path, monkeypatch):
    """A machine that cannot start the worker is no reason to call each of the user's files a defect."""
    from ingest.discover import SourceFile
    from ingest.pipeline import process_batch

    def refused(self):
        raise PermissionError(13, "Permission denied")

    guard.close_all()
    monkeypatch.setattr(guard._forkserver.Process, "start", refused)
    (tmp_path / "a.txt").write_text("The ministers met in Moscow on Tuesday and agreed to meet again next year.\n")
    with pytest.raises(guard.GuardUnavailable, match="cannot be started"):
        process_batch([SourceFile(tmp_path / "a.txt", "a.txt")], limits=LIMITS)


def test_a_worker_that_dies_starting_is_started_again_once(document_guard, monkeypatch):
    """An accident at start (the kernel's out-of-memory killer) costs a second start, not the run."""
    start_once = guard.DocumentGuard._start_once
    attempts = []

    def first_dies(self):
        attempts.append(1)
        if len(attempts) == 1:
            raise guard._DiedStarting("the document worker ended as it started (signal SIGKILL)")
        start_once(self)

    monkeypatch.setattr(guard.DocumentGuard, "_start_once", first_dies)
    assert document_guard.call(guard.DocumentBudget.start(LIMITS), len, "abc") == 3
    assert len(attempts) == 2


def test_a_worker_that_dies_starting_twice_makes_the_guard_unavailable(document_guard, monkeypatch):
    def dies(self):
        raise guard._DiedStarting("the document worker ended as it started (signal SIGKILL)")

    monkeypatch.setattr(guard.DocumentGuard, "_start_once", dies)
    with pytest.raises(guard.GuardUnavailable, match=r"ended as it started \(signal SIGKILL\)$"):
        document_guard.call(guard.DocumentBudget.start(LIMITS), len, "abc")


# A script without a main guard: each worker imports it, and the import starts another run there.
UNGUARDED_SCRIPT = """
import sys
import ingest

ingest.run(sys.argv[1], sys.argv[2])
"""


@pytest.mark.slow
def test_a_script_whose_run_restarts_in_each_worker_fails_with_why_and_refuses_no_file(tmp_path):
    import duckdb

    source = tmp_path / "source"
    source.mkdir()
    for name in ("a.txt", "b.txt"):
        (source / name).write_text("The ministers met in Moscow on Tuesday and agreed to meet again next year.\n")
    script = tmp_path / "nightly.py"
    script.write_text(UNGUARDED_SCRIPT)
    warehouse = tmp_path / "w.duckdb"

    done = subprocess.run([sys.executable, str(script), str(source), str(warehouse)], capture_output=True, text=True, timeout=300)

    assert done.returncode != 0
    assert "GuardUnavailable" in done.stderr and 'if __name__ == "__main__":' in done.stderr
    assert "(nightly.py)" in done.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
        assert con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def _lazy_state_loaded() -> dict[str, bool]:
    from wordfreq import get_frequency_dict

    from ingest import language
    from ingest.rules import REGISTRY

    return {
        "language profiles": language._loaded is not None,
        "English word list": get_frequency_dict.cache_info().currsize > 0,
        "rules": REGISTRY._loaded,
    }


def test_a_worker_starts_with_what_cleaning_loads_on_first_use(document_guard):
    """The first document's budget is its own: it does not pay for langdetect's profiles, wordfreq or the rules."""
    loaded = document_guard.call(guard.DocumentBudget.start(LIMITS), _lazy_state_loaded)
    assert loaded == {"language profiles": True, "English word list": True, "rules": True}


# In a process of its own: a process has one fork server, and this one may already run.
WORKER_MODULES = """
import json, sys
from ingest import fork_server, guard
from ingest.document_limits import DocumentLimits
from ingest.formats import extract

fork_server.start_fork_server(set(sys.argv[1:]))
limits = DocumentLimits()
with guard.borrowed(limits) as worker:
    preloaded = worker.call(guard.DocumentBudget.start(limits), eval, "list(__import__('sys').modules)")
    page = worker.call(guard.DocumentBudget.start(limits), extract, b"<!doctype html><p>The ministers met.</p>", "page.txt")
guard.close_all()
costly = ("ingest.formats.pdf", "ingest.formats.html", "pdfminer", "trafilatura")
print(json.dumps({"preloaded": sorted(m for m in preloaded if m in costly), "page": page.media_type}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("formats", "preloaded"),
    [
        ([], []),
        (["html"], ["ingest.formats.html", "trafilatura"]),
        (["pdf", "html"], ["ingest.formats.html", "ingest.formats.pdf", "pdfminer", "trafilatura"]),
    ],
)
def test_workers_start_with_the_formats_their_run_calls_for_and_read_any_other_all_the_same(formats, preloaded):
    done = subprocess.run([sys.executable, "-c", WORKER_MODULES, *formats], capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"preloaded": preloaded, "page": "text/html"}


# Ctrl-C reaches every process of the run's group, the fork server too, maybe while it still imports.
SERVER_INTERRUPTED_WHILE_IMPORTING = """
import multiprocessing.forkserver, os, signal, sys, threading
from ingest import fork_server, guard
from ingest.document_limits import DocumentLimits

if sys.argv[1] == "thread":  # as a run's planning thread starts it
    starting = threading.Thread(target=fork_server.start_fork_server, args=((),))
    starting.start()
    starting.join()
else:  # as the ingest command starts it
    fork_server.start_fork_server(())
os.kill(multiprocessing.forkserver._forkserver._forkserver_pid, signal.SIGINT)
limits = DocumentLimits()
with guard.borrowed(limits) as worker:
    print(worker.call(guard.DocumentBudget.start(limits), len, "three"))
guard.close_all()
"""


@pytest.mark.slow
@pytest.mark.parametrize("started_from", ["main thread", "thread"])
def test_a_ctrl_c_that_reaches_the_fork_server_while_it_imports_neither_stops_it_nor_prints(started_from):
    """It printed a ``KeyboardInterrupt`` traceback under the run's one line, and its workers were lost."""
    done = subprocess.run(
        [sys.executable, "-c", SERVER_INTERRUPTED_WHILE_IMPORTING, started_from.split()[0]],
        capture_output=True, text=True, timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "5\n", "")


def test_a_ctrl_c_for_the_run_while_the_fork_server_is_spawned_is_held_not_lost():
    """Ignored, as it was, a Ctrl-C in that moment never stopped the run."""
    with pytest.raises(KeyboardInterrupt):
        with fork_server._ctrl_c_held():
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
            time.sleep(0.05)  # held: nothing is raised here
        time.sleep(1)  # delivered at once on leaving; not reached


def test_a_daemonic_worker_fails_the_run_saying_how_to_start_its_workers(monkeypatch):
    """A Dask nanny's worker is daemonic unless told otherwise: every file was rejected as a defect of the pipeline."""
    monkeypatch.setitem(multiprocessing.current_process()._config, "daemon", True)
    with pytest.raises(guard.GuardUnavailable, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
        guard.DocumentGuard(LIMITS).call(guard.DocumentBudget.start(LIMITS), len, "three")
