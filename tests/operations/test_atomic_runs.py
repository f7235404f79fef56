"""A run lands whole or not at all: ``kill -9`` at each point of a run, then check the published warehouse.

A subprocess runs ``ingest.run`` and stops forever at a named point (see
``flow_runner.py``); the test kills it with SIGKILL there. Before the swap, the
published warehouse must be exactly the previous state; from the swap on, exactly
the complete new one. Either way, the next run completes and gives the state a
run without the kill gives. Readers in a second process see the previous state
while the run is stopped mid-way.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest import warehouse

RUNNER = Path(__file__).with_name("flow_runner.py")
PROJECT = Path(__file__).resolve().parents[2]
# Long enough for a Prefect client start-up and a few files on a loaded 2-core machine.
PAUSE_TIMEOUT_SECONDS = 240
# Columns that differ between two runs doing the same work (and any column naming a run);
# a file's stamp is stored once the file is old enough to trust it, so it depends on when it was read.
RUN_SPECIFIC = {"ingested_at", "rejected_at", "deleted_at", "applied_at", "source_mtime_ns", "source_ctime_ns"}
# After the commit of the staging file and before its swap, the published file is the
# same whatever the exact point: "swap" stands for both.
PAUSE_BEFORE_PUBLISHING = ["processing", "load", "before-commit", "swap"]

ARTICLES = {
    "kept.txt": "Officials from both countries met in Tehran on Monday to sign a transport agreement.\n\n"
                "The corridor will link the Caspian ports with the rail network by the end of next year.\n",
    "changed.txt": "Ministers discussed energy prices in Moscow and agreed to meet again in the spring.\n\n"
                   "The talks covered gas supplies, oil swaps and a new payment system for trade.\n",
    "removed.txt": "A delegation visited the port of Astrakhan to inspect the new grain terminal.\n\n"
                   "Its managers expect traffic to double once the dredging of the channel is done.\n",
}
CHANGES = {
    "changed.txt": ARTICLES["changed.txt"] + "\nA paragraph added later about the banking link between the two countries.\n",
    "added-1.txt": "Engineers tested the new railway bridge over the river before its opening in June.\n\n"
                   "Freight trains will use it first, passenger services later in the year.\n",
    "added-2.txt": "Analysts said the agreement mattered more for politics than for trade volumes.\n\n"
                   "Both governments presented it as proof that sanctions had failed to isolate them.\n",
    "broken.txt": b"%PDF-1.7 not text",
}


def runner_env(extra: dict | None = None) -> dict:
    # The runner must run this checkout's library, as ``run_once`` does: a script's own
    # folder, not the working directory, starts its import path, and an editable
    # install may point at another checkout.
    python_path = os.pathsep.join(filter(None, [str(PROJECT / "src"), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, INGEST_SKIP_ENTITIES="1", PYTHONPATH=python_path)
    env.update(extra or {})
    return env


def run_once(source: Path, path: Path) -> str:
    """A whole run in this process, with the same settings as the runner's; returns its status."""
    from ingest import Settings, run

    return run(source, path, Settings(batch_size=1, skip_entities=True)).status


def snapshot(path: Path, drop: set[str] | None = None) -> dict[str, list]:
    """Every table of the warehouse, rows sorted; with ``drop``, without those columns and any ``*run_id``."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        result = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if drop is None or (c not in drop and not c.endswith("run_id"))]
            if table == "runs":  # timings and the generated run_id never repeat; status and counts do
                columns = ["status", "files_seen", "documents_loaded", "rejects"]
            quoted = ", ".join(f'"{c}"' for c in columns)
            result[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
        return result
    finally:
        con.close()


def write_tree(root: Path, files: dict) -> None:
    for name, content in files.items():
        target = root / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The warehouse after a first run, and the state a second run over the changed source reaches."""
    base = tmp_path_factory.mktemp("atomic")
    source = base / "source"
    source.mkdir()
    write_tree(source, ARTICLES)
    previous = base / "previous.duckdb"
    assert run_once(source, previous) == "completed"
    changed = base / "changed-source"
    shutil.copytree(source, changed)
    (changed / "removed.txt").unlink()
    write_tree(changed, CHANGES)
    complete = base / "complete.duckdb"
    shutil.copyfile(previous, complete)
    assert run_once(changed, complete) == "completed"
    return previous, changed, complete


def start_paused_run(source: Path, path: Path, point: str, signal_file: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(RUNNER), str(source), str(path)], cwd=PROJECT, start_new_session=True,
        env=runner_env({"INGEST_PAUSE_AT": point, "INGEST_PAUSE_SIGNAL": str(signal_file)}),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + PAUSE_TIMEOUT_SECONDS
    while not signal_file.exists():
        if process.poll() is not None:
            raise AssertionError(f"the run ended before reaching {point}: {process.stderr.read().decode()[-3000:]}")
        if time.monotonic() > deadline:
            kill(process)
            raise AssertionError(f"the run did not reach {point} in {PAUSE_TIMEOUT_SECONDS} s")
        time.sleep(0.05)
    return process


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the run and everything it started: no clean-up code of the run gets to run."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)
    process.stderr.close()


READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*), string_agg(source_uri, ',' ORDER BY source_uri) FROM documents WHERE deleted_at IS NULL").fetchone())
"""


def read_in_another_process(path: Path) -> str:
    return subprocess.run([sys.executable, "-c", READER, str(path)], check=True, capture_output=True, text=True,
                          timeout=60).stdout.strip()


@pytest.mark.slow
@pytest.mark.parametrize("point", PAUSE_BEFORE_PUBLISHING + ["after-swap"])
def test_kill_at_any_point_leaves_the_previous_or_the_complete_state(states, tmp_path, point):
    previous, changed, complete = states
    path = tmp_path / "w.duckdb"
    shutil.copyfile(previous, path)
    process = start_paused_run(changed, path, point, tmp_path / "reached")
    try:
        if point in PAUSE_BEFORE_PUBLISHING:
            # A reader in another process is not locked out, and sees the previous state.
            assert read_in_another_process(path) == "(3, 'changed.txt,kept.txt,removed.txt')"
    finally:
        kill(process)
    before_kill_run = snapshot(previous)
    after_kill = snapshot(path)
    if point in PAUSE_BEFORE_PUBLISHING:
        # Exactly the previous state: the killed run's rows, `runs` included, were never published.
        assert after_kill == before_kill_run
    else:
        assert snapshot(path, RUN_SPECIFIC) == snapshot(complete, RUN_SPECIFIC)
    # After a published run, nothing is left to do: its refused file is still refused, unchanged.
    assert run_once(changed, path) == ("unchanged" if point == "after-swap" else "completed")
    after_next_run = snapshot(path, RUN_SPECIFIC)
    expected = snapshot(complete, RUN_SPECIFIC)
    assert {t: rows for t, rows in after_next_run.items() if t != "runs"} == {
        t: rows for t, rows in expected.items() if t != "runs"}
    statuses = [row[0] for row in after_next_run["runs"]]
    assert statuses.count("completed") == 2
    assert not path.with_name(path.name + ".staging").exists()


def test_the_changed_source_really_changes_the_warehouse(states):
    previous, _, complete = states
    con = warehouse.connect(complete, read_only=True)
    current = con.execute("SELECT source_uri FROM documents WHERE deleted_at IS NULL ORDER BY 1").fetchall()
    languages = con.execute("SELECT DISTINCT language FROM documents").fetchall()
    rejects = con.execute("SELECT source_uri, reason FROM rejects").fetchall()
    con.close()
    assert current == [("added-1.txt",), ("added-2.txt",), ("changed.txt",), ("kept.txt",)]
    # Every article is English: the comparisons with this state would not notice a
    # wrong language it shares with the killed runs.
    assert languages == [("en",)]
    [(uri, reason)] = rejects
    assert uri == "broken.txt" and reason.startswith("the PDF is damaged")
    assert snapshot(previous)["documents"] != snapshot(complete)["documents"]


HOLDING_READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM documents").fetchone()[0], flush=True)
time.sleep(float(sys.argv[2]))
print(con.execute("SELECT count(*) FROM documents").fetchone()[0], flush=True)
"""


def test_a_reader_holding_a_connection_does_not_block_a_run(states, tmp_path):
    previous, changed, _ = states
    path = tmp_path / "w.duckdb"
    shutil.copyfile(previous, path)
    reader = subprocess.Popen([sys.executable, "-c", HOLDING_READER, str(path), "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "3"
        assert run_once(changed, path) == "completed"
    finally:
        reader.kill()
        reader.wait()
        reader.stdout.close()
