"""Publishing a run whole: it writes a staging copy that replaces the warehouse file only on success."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


@contextmanager
def staged(path: Path | str) -> Iterator[Path]:
    """Write a run into a copy of the warehouse and swap it in only when the run succeeded.

    DuckDB lets one process write a file and locks out every other process while
    it does. Writing a staging copy leaves the published file free, so analysts and
    downstream tools keep reading the previous state during a run; ``os.replace``
    then publishes the new state atomically. A run killed at any point leaves the
    published file untouched, and its staging copy is discarded by the next run.
    """
    path = Path(path)
    staging = path.with_name(path.name + ".staging")
    _discard(staging)
    if path.exists():
        if path.with_name(path.name + ".wal").exists():  # fold a crashed writer's log in first
            checkpoint = duckdb.connect(str(path))
            checkpoint.execute("CHECKPOINT")
            checkpoint.close()
        shutil.copyfile(path, staging)
    try:
        yield staging
    except BaseException:
        _discard(staging)
        raise
    _fsync(staging)
    os.replace(staging, path)
    _fsync(path.parent)


def _discard(staging: Path) -> None:
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
