"""One writer per warehouse: a second process is refused at once, waits when asked, and takes over a killed holder's lock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest.warehouse.lock import WarehouseBusy, current_holder, holder_path, single_writer

PROJECT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from ingest.warehouse.lock import single_writer
with single_writer(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(warehouse: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the warehouse's lock for ``seconds``; returns once it holds it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT / "src"), str(PROJECT)])}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse), str(seconds)], stdout=subprocess.PIPE,
                              text=True, env=env)
    assert holder.stdout.readline() == "holding\n"
    return holder


def test_a_second_writer_is_refused_at_once_with_who_holds_it(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold(warehouse, 60)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseBusy) as refused:
            with single_writer(warehouse):
                pytest.fail("two writers held the lock")
        assert time.monotonic() - started < 1
    finally:
        holder.kill()
        holder.wait()
    message = str(refused.value)
    assert re.fullmatch(
        rf"another run holds {re.escape(str(warehouse))} since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC "
        rf"\(pid {holder.pid}\); wait for it, or run with --wait",
        message,
    ), message


def test_waiting_writer_gets_the_lock_when_the_holder_ends(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold(warehouse, 3)
    started = time.monotonic()
    try:
        with single_writer(warehouse, wait=True):
            waited = time.monotonic() - started
            assert current_holder(warehouse).pid == os.getpid()
    finally:
        holder.kill()
        holder.wait()
    assert waited > 2, f"got the lock after {waited:.1f} s while the other process held it for 3 s"


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold(warehouse, 60)
    holder.kill()
    holder.wait()
    assert current_holder(warehouse).pid == holder.pid  # its record is left behind

    with single_writer(warehouse):
        assert current_holder(warehouse).pid == os.getpid()
    assert not holder_path(warehouse).exists()


@pytest.mark.slow
def test_a_second_ingest_run_on_the_same_warehouse_exits_at_once(tmp_path):
    """The issue's lost run: two ``ingest run`` at once. The second now stops before it starts, saying who holds the warehouse."""
    from bench.corpus_generator import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120)
    warehouse = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"),
               PYTHONPATH=os.pathsep.join([str(PROJECT / "src"), str(PROJECT)]))
    command = [sys.executable, "-m", "ingest", "run", "--warehouse", str(warehouse), "--skip", "entities"]
    first = subprocess.Popen([*command, "--source", str(corpus), "--batch-size", "4"], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while current_holder(warehouse) is None:
            assert first.poll() is None, first.communicate()
            time.sleep(0.2)
        started = time.monotonic()
        second = subprocess.run([*command, "--source", str(PROJECT / "seeds")], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
        out, err = first.communicate(timeout=600)
    finally:
        first.kill()
    assert second.returncode == 3 and second.stdout == ""
    assert re.fullmatch(rf"ingest: another run holds {re.escape(str(warehouse))} since .* UTC \(pid {first.pid}\); "
                        r"wait for it, or run with --wait\n", second.stderr), second.stderr
    assert took < 20, f"the second run took {took:.0f} s to give up"
    assert first.returncode == 0, err
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT status, documents_loaded FROM runs").fetchall() == [("completed", 120)]
    finally:
        con.close()
