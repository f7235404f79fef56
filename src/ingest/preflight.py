"""Checks of a command's paths and numbers before any work starts.

A mistyped folder or a warehouse that cannot be written would otherwise surface
as a traceback from deep inside a run, after Prefect's start-up; here each is one
sentence that names the problem and what to do about it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import duckdb
from rich.filesize import decimal

from ingest.warehouse.lock import real_path

# The staging copy is the warehouse's size; its write-ahead log and DuckDB's
# spill files need a little more while the run writes. A tenth more, and never
# less than 64 MB, covers what a run adds on top of the copy.
STAGING_HEADROOM = 1.1
STAGING_MIN_FREE_BYTES = 64 * 1024 * 1024


class PreflightError(Exception):
    """An argument a command cannot start with; the message says what is wrong and what to do."""


def check_source(source: Path) -> None:
    """The source must be a folder this process can list."""
    if not source.exists():
        raise PreflightError(f"source folder {source} does not exist")
    if not source.is_dir():
        raise PreflightError(f"source {source} is a file, not a folder")
    try:
        next(source.iterdir(), None)
    except OSError as error:
        raise PreflightError(f"cannot list source folder {source}: {error.strerror}") from error


def check_writable_warehouse(path: Path) -> None:
    """A run can write ``path``: a file (or nothing yet) in a folder that takes new files, with room for the staging copy.

    A link to the warehouse is judged by the file it leads to: that file's folder takes the copy.
    """
    path = real_path(path)
    if path.is_dir():
        raise PreflightError(f"warehouse {path} is a folder; give the path of a .duckdb file in it")
    folder = _nearest_existing_folder(path.parent)
    if not folder.is_dir():
        raise PreflightError(f"warehouse folder {folder} is a file, not a folder")
    try:
        # Creating a file is the only test that sees every cause: permissions,
        # a read-only mount, an immutable folder, a quota.
        with tempfile.TemporaryFile(dir=folder, prefix=".ingest-probe-"):
            pass
    except OSError as error:
        raise PreflightError(
            f"cannot write in warehouse folder {folder} ({error.strerror}); choose a writable --warehouse"
        ) from error
    if path.exists():
        check_not_held_for_writing(path)
        _check_room_for_staging_copy(path)


def check_readable_warehouse(path: Path) -> None:
    """``explain`` and ``export`` read an existing warehouse file."""
    if not path.exists():
        raise PreflightError(f"no warehouse at {path}; run `ingest run --warehouse {path}` first, or give --warehouse")
    if path.is_dir():
        raise PreflightError(f"warehouse {path} is a folder; give the path of a .duckdb file in it")
    check_not_held_for_writing(path)


def check_not_held_for_writing(path: Path) -> None:
    """No other process may hold the warehouse open for writing: DuckDB would refuse every other connection."""
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.IOException as error:
        holder = describe_lock_holder(str(error))
        if holder is None:
            raise PreflightError(f"cannot open warehouse {path}: {error}") from error
        raise PreflightError(
            f"warehouse {path} is held open for writing by {holder}; close it, or open it with read_only=True"
        ) from error


def describe_lock_holder(message: str) -> str | None:
    """``"PID 1234 (duckdb)"`` from DuckDB's lock-conflict message, or None if the error is not a lock conflict."""
    found = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", message)
    if found is None:
        return None
    return f"PID {found.group(2)} ({Path(found.group(1)).name})"


def _check_room_for_staging_copy(path: Path) -> None:
    size = path.stat().st_size
    needed = max(int(size * STAGING_HEADROOM), STAGING_MIN_FREE_BYTES)
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise PreflightError(
            f"a run copies warehouse {path} ({decimal(size)}) before writing it: "
            f"{decimal(free)} free beside it, {decimal(needed)} needed"
        )


def _nearest_existing_folder(folder: Path) -> Path:
    """The folder itself, or the closest ancestor that exists (the run creates the rest)."""
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
