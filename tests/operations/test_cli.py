"""The ``ingest`` command's answers to wrong arguments: one line, exit 2, before any run starts."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ingest import PIPELINE_VERSION, __version__, preflight
from ingest.cli import app

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"


def ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def warehouse_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    return path


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can create files in: read-only by mode, or immutable where the tests run as root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):  # root ignores modes; an immutable folder stops it too
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0 \
            if shutil.which("chattr") else False
        if not immutable:
            pytest.skip("cannot make a folder unwritable for this user")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_version():
    code, out, _ = ingest("--version")
    assert code == 0 and out.strip() == f"ingest {__version__} (pipeline {PIPELINE_VERSION})"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--batch-size", "0"], "--batch-size: input should be greater than or equal to 1, not 0"),
        (["--batch-size", "-1"], "--batch-size: input should be greater than or equal to 1, not -1"),
        (["--workers", "0"], "--workers: input should be greater than or equal to 1, not 0"),
        (["--skip", "dedup"], "cannot skip dedup; only entities can be skipped"),
        (["--runner", "bogus"], "unknown runner 'bogus'; choose one of process, thread, dask, ray"),
    ],
)
def test_wrong_numbers_and_names_are_one_line_and_exit_2(tmp_path, args, message):
    code, out, err = ingest("run", "--source", str(SEEDS), "--warehouse", str(tmp_path / "w.duckdb"), *args)
    assert (code, out, err) == (2, "", f"ingest: {message}\n")
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.skipif(importlib.util.find_spec("prefect_dask") is not None, reason="the dask extra is installed")
def test_a_runner_without_its_extra_says_how_to_install_it(tmp_path):
    code, _, err = ingest("run", "--source", str(SEEDS), "--warehouse", str(tmp_path / "w.duckdb"), "--runner", "dask")
    assert (code, err) == (2, "ingest: the dask runner needs its extra: pip install 'ingest[dask]'\n")


def test_a_missing_or_wrong_source(tmp_path):
    warehouse = str(tmp_path / "w.duckdb")
    assert ingest("run", "--source", str(tmp_path / "nope"), "--warehouse", warehouse)[::2] == (
        2, f"ingest: source folder {tmp_path / 'nope'} does not exist\n")
    a_file = tmp_path / "file.txt"
    a_file.write_text("text")
    assert ingest("run", "--source", str(a_file), "--warehouse", warehouse)[::2] == (
        2, f"ingest: source {a_file} is a file, not a folder\n")


def test_a_warehouse_path_that_is_a_folder(tmp_path):
    code, _, err = ingest("run", "--source", str(SEEDS), "--warehouse", str(tmp_path))
    assert (code, err) == (2, f"ingest: warehouse {tmp_path} is a folder; give the path of a .duckdb file in it\n")


def test_a_warehouse_in_a_folder_that_cannot_be_written(unwritable_folder):
    code, _, err = ingest("run", "--source", str(SEEDS), "--warehouse", str(unwritable_folder / "sub" / "w.duckdb"))
    assert code == 2
    assert err.startswith(f"ingest: cannot write in warehouse folder {unwritable_folder} (")
    assert err.endswith("); choose a writable --warehouse\n") and err.count("\n") == 1


def test_no_room_for_the_staging_copy(warehouse_file, monkeypatch):
    free = 10_000_000
    monkeypatch.setattr(preflight.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**12, 10**12 - free, free))
    code, _, err = ingest("run", "--source", str(SEEDS), "--warehouse", str(warehouse_file))
    size = f"{warehouse_file.stat().st_size / 1000:.1f} kB"
    assert (code, err) == (2, f"ingest: a run copies warehouse {warehouse_file} ({size}) before writing it: "
                              "10.0 MB free beside it, 67.1 MB needed\n")


@pytest.mark.parametrize("command", [["explain", "001.txt"], ["export", "out"]])
def test_reading_commands_on_a_missing_warehouse(tmp_path, command):
    missing = tmp_path / "none.duckdb"
    code, _, err = ingest(*command, "--warehouse", str(missing))
    assert (code, err) == (2, f"ingest: no warehouse at {missing}; run `ingest run --warehouse {missing}` first, "
                              "or give --warehouse\n")


def test_debug_adds_the_traceback(tmp_path):
    code, _, err = ingest("run", "--source", str(tmp_path / "nope"), "--debug")
    assert code == 2
    assert "Traceback" in err and "PreflightError" in err
    assert err.endswith(f"ingest: source folder {tmp_path / 'nope'} does not exist\n")


HOLD_FOR_WRITING = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"


@pytest.mark.parametrize("command", [["run", "--source", str(SEEDS)], ["explain", "001.txt"], ["export", "out"]])
def test_a_warehouse_held_open_for_writing_names_the_holder_and_the_fix(warehouse_file, command):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_FOR_WRITING, str(warehouse_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        code, _, err = ingest(*command, "--warehouse", str(warehouse_file))
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert err.startswith(f"ingest: warehouse {warehouse_file} is held open for writing by PID {holder.pid} (")
    assert err.endswith("); close it, or open it with read_only=True\n")


def test_the_lock_holder_is_read_from_duckdbs_message():
    message = ('IO Error: Could not set lock on file "/data/w.duckdb": Conflicting lock is held in '
               "/usr/bin/duckdb (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency")
    assert preflight.describe_lock_holder(message) == "PID 4242 (duckdb)"
    assert preflight.describe_lock_holder("IO Error: Cannot open file: No such file or directory") is None
