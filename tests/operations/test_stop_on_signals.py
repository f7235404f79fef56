"""A signal stops the run with its own exit code even when it lands inside DuckDB or is swallowed on its way."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from ingest.interrupts import GRACE_SECONDS


def then_ingest_run(patch: str, own_arguments: int = 0) -> str:
    """A script that runs ``patch``, which reads its own first ``own_arguments`` arguments, then ``ingest run`` with the rest."""
    return textwrap.dedent(patch) + textwrap.dedent(
        f"""
        import sys
        from ingest.cli import main
        sys.argv = ["ingest", "run", *sys.argv[{1 + own_arguments}:]]
        main()
        """
    )

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# DuckDB checks for signals while a query runs and replaces the handler's exception
# with its own ``RuntimeError: Query interrupted``: the run then fails with that error.
SIGNAL_DURING_A_QUERY = textwrap.dedent(
    """
    import os, signal, threading
    import duckdb
    from ingest.interrupts import stop_on_signals

    with stop_on_signals(print):
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
        duckdb.connect().execute("SELECT count(*) FROM range(100000000000)").fetchall()
    print("not reached")
    """
)


def test_a_signal_inside_a_duckdb_query_exits_with_the_signals_code():
    done = subprocess.run([sys.executable, "-c", SIGNAL_DURING_A_QUERY], capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + 2
    assert done.stdout == "SIGINT: stopping the run; the warehouse keeps its previous state\n"
    assert done.stderr == ""



SWALLOWED_AT_THE_BLOCKS_END = textwrap.dedent(
    """
    import os, signal, time
    from ingest.interrupts import stop_on_signals

    with stop_on_signals(print):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            pass  # swallowed, and the block ends before it could be raised again
    print("not reached")
    """
)


def test_a_block_that_ends_after_its_stop_was_swallowed_still_exits_with_the_signals_code():
    done = subprocess.run([sys.executable, "-c", SWALLOWED_AT_THE_BLOCKS_END], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (
        128 + 2, "SIGINT: stopping the run; the warehouse keeps its previous state\n", ""
    )


# A run stopped inside one of its steps, once (``step``), in one of the ways a stop can
# go astray (``how``): swallowed, as DuckDB swallows any error of an import it makes
# lazily (the optional modules it converts values with), then the step goes on or waits
# for something that never comes; or inside a DuckDB query, which raises its own error.
STOPPED_ASTRAY = then_ingest_run(
    """
    import sys, threading, time
    from ingest import runs

    step, how = sys.argv[1:3]
    original = getattr(runs, step)
    calls = []

    def stopped(con, *args):
        calls.append(args)
        if len(calls) == 1:
            print("ready", flush=True)
            if how == "in a query":  # a second or two: if DuckDB goes on with it, closing its connection waits for it
                con.execute("SELECT sum(i % 7) FROM range(300000000) t(i)").fetchall()
            else:
                try:
                    threading.Event().wait(30)
                except KeyboardInterrupt:
                    pass
                if how == "swallowed, then waits":
                    threading.Event().wait(30)
        elif how == "in a query":
            time.sleep(1)  # the failed row takes a while to record
        return original(con, *args)

    setattr(runs, step, stopped)
    """,
    own_arguments=2,
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("step", "how"),
    [
        ("finish_run", "swallowed, then goes on"),  # the run would publish next: the check before the swap stops it
        ("start_run", "swallowed, then waits"),  # nothing would raise it again but the watchdog
        ("start_run", "in a query"),  # the failure is recorded whole: the watchdog does not raise it again in there
    ],
)
def test_a_run_stopped_astray_still_stops_publishes_nothing_and_records_its_end(tmp_path, step, how):
    code, err, seconds, con = ctrl_c_when_ready(tmp_path, STOPPED_ASTRAY, step, how)
    with con:
        assert (code, err) == (128 + signal.SIGINT, "SIGINT: stopping the run; the warehouse keeps its previous state\n")
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert seconds < GRACE_SECONDS  # the run unwound: the watchdog's exit would record no row


# A run stopped after it published, while it writes its review.
STOPPED_AFTER_PUBLISHING = then_ingest_run(
    """
    import threading
    from ingest import run_review

    def writing_the_review(*args):
        print("ready", flush=True)
        threading.Event().wait(30)

    run_review.write_run_review = writing_the_review
    """
)


@pytest.mark.slow
def test_a_run_stopped_after_it_published_says_so_and_keeps_what_it_published(tmp_path):
    code, err, _, con = ctrl_c_when_ready(tmp_path, STOPPED_AFTER_PUBLISHING)
    with con:
        assert (code, err) == (128 + signal.SIGINT, "SIGINT: stopping the run; its data was already published\n")
        assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


# A run stopped in its swap, once the file is replaced: the stop waits for the swap to end.
STOPPED_IN_THE_SWAP = then_ingest_run(
    """
    import os, threading
    from ingest.warehouse import staging

    durable = staging.fsync

    def slow_fsync(path):
        if os.path.isdir(path):  # the swap's, after the file was replaced
            print("ready", flush=True)
            threading.Event().wait(2)
        durable(path)

    staging.fsync = slow_fsync
    """
)


@pytest.mark.slow
def test_a_stop_in_the_swap_waits_for_it_and_neither_marks_the_published_run_failed_nor_says_it_was_not(tmp_path):
    code, err, _, con = ctrl_c_when_ready(tmp_path, STOPPED_IN_THE_SWAP)
    with con:
        assert (code, err) == (128 + signal.SIGINT, "SIGINT: stopping the run; its data was already published\n")
        assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def ctrl_c_when_ready(tmp_path, script: str, *arguments: str) -> tuple[int, str, float, duckdb.DuckDBPyConnection]:
    """Run ``script`` as ``ingest run`` on a one-file source, Ctrl-C its process group once it prints ``ready``.

    Returns its exit code, its standard error, the seconds it took to end after
    the Ctrl-C and a read-only connection to its warehouse.
    """
    source = tmp_path / "source"
    source.mkdir()
    (source / "note.txt").write_text("The council met in Leeds on Monday to agree the budget.\n", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    run = subprocess.Popen(
        [sys.executable, "-c", script, *arguments, "--source", str(source), "--warehouse", str(warehouse),
         "--skip", "entities", "--quiet"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        assert run.stdout.readline().strip() == "ready"
        os.killpg(run.pid, signal.SIGINT)
        sent = time.monotonic()
        _, err = run.communicate(timeout=60)
        seconds = time.monotonic() - sent
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    return run.returncode, err, seconds, duckdb.connect(str(warehouse), read_only=True)
