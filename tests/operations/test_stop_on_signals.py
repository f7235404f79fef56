"""A signal stops the run with its own exit code even when it lands inside DuckDB."""

import subprocess
import sys
import textwrap

import pytest

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
