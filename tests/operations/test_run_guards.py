"""Runs that would do damage stop first: a source that lost most of its files, and a warehouse someone else wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import ingest
from ingest import Settings, warehouse
from ingest.deletion_guard import MassDeleteRefused
from ingest.preflight import PreflightError
from ingest.runner import plan_source, run_inline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUICK = Settings(skip_entities=True)


@pytest.fixture
def loaded(tmp_path) -> tuple[Path, Path]:
    """A source of four seed files, loaded into a warehouse."""
    source = tmp_path / "source"
    source.mkdir()
    for seed in sorted(SEEDS.iterdir())[:4]:
        shutil.copy(seed, source)
    path = tmp_path / "w.duckdb"
    ingest.run(source, path, QUICK)
    return source, path


def live_documents(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        con.close()


def keep_only(source: Path, count: int) -> None:
    for extra in sorted(source.iterdir())[count:]:
        extra.unlink()


def test_a_run_that_would_delete_more_than_half_is_refused_with_the_counts(loaded):
    source, path = loaded
    keep_only(source, 1)
    before = path.stat().st_mtime_ns

    with pytest.raises(MassDeleteRefused) as refused:
        ingest.run(source, path, QUICK)

    assert str(refused.value) == (
        f"the run would mark 3 of the warehouse's 4 documents deleted (more than 50%): {source} holds 1 file. "
        "Check the folder, or run with --allow-mass-delete"
    )
    assert path.stat().st_mtime_ns == before and live_documents(path) == 4


def test_half_is_not_more_than_half(loaded):
    source, path = loaded
    keep_only(source, 2)
    summary = ingest.run(source, path, QUICK)
    assert summary.documents_deleted == 2 and live_documents(path) == 2


def test_the_flag_lets_a_mass_deletion_through(loaded):
    source, path = loaded
    keep_only(source, 1)
    summary = ingest.run(source, path, Settings(skip_entities=True, allow_mass_delete=True))
    assert summary.documents_deleted == 3 and live_documents(path) == 1


def test_an_empty_source_is_refused(loaded):
    source, path = loaded
    keep_only(source, 0)
    with pytest.raises(MassDeleteRefused) as refused:
        ingest.run(source, path, QUICK)
    assert str(refused.value) == (
        f"source folder {source} holds no files; the run would mark all 4 documents of the warehouse deleted. "
        "Check the folder, or run with --allow-mass-delete"
    )
    assert live_documents(path) == 4


def write_behind_the_run(path: Path) -> None:
    """What an analyst's read-write connection does: a table of their own in the warehouse."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE my_notes AS SELECT 'keep me' AS note")
    con.close()


@pytest.mark.parametrize("moment", ["after planning", "while loading"])
def test_a_warehouse_written_by_another_process_during_the_run_is_not_overwritten(loaded, moment):
    source, path = loaded
    (source / "new.txt").write_text((SEEDS / sorted(p.name for p in SEEDS.iterdir())[4]).read_text())

    def submit(step, *args):
        done = run_inline(step, *args)
        if (moment == "after planning" and step is plan_source) or (moment == "while loading" and step is not plan_source):
            write_behind_the_run(path)
        return done

    with pytest.raises(warehouse.WarehouseChanged) as changed:
        ingest.run(source, path, QUICK, submit=submit)

    assert "was written by another process since this run" in str(changed.value)
    assert "read_only=True" in str(changed.value)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT note FROM my_notes").fetchall() == [("keep me",)]
        assert con.execute("SELECT count(*) FROM documents WHERE source_uri = 'new.txt'").fetchone() == (0,)
    finally:
        con.close()
    assert not path.with_name(path.name + ".staging").exists()


def test_a_warehouse_held_open_for_writing_stops_the_run_in_one_sentence(loaded):
    source, path = loaded
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
         "time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(PreflightError) as stopped:
            ingest.run(source, path, QUICK)
    finally:
        holder.kill()
        holder.wait()
    assert str(stopped.value).startswith(f"warehouse {path} is held open for writing by PID {holder.pid} (")
    assert str(stopped.value).endswith("); close it, or open it with read_only=True")
