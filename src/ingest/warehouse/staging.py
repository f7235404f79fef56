"""Publishing a run whole: it writes a staging copy that replaces the warehouse file only on success."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import duckdb


class WarehouseChanged(Exception):
    """Another process wrote the warehouse during the run; publishing the run would erase what it wrote."""


class FileState(NamedTuple):
    """What tells one version of a file from another without reading it."""

    device: int
    inode: int
    size: int
    mtime_ns: int


def published_state(path: Path | str) -> tuple[FileState | None, FileState | None]:
    """The state of the warehouse file and of its write-ahead log (None for a missing file).

    DuckDB writes a transaction to the log first and into the file only at a
    checkpoint, so a write shows in one or the other.
    """
    path = Path(path)
    return _state(path), _state(path.with_name(path.name + ".wal"))


def _state(path: Path) -> FileState | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return FileState(found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


@contextmanager
def staged(path: Path | str, planned: tuple[FileState | None, FileState | None] | None = None) -> Iterator[Path]:
    """Write a run into a copy of the warehouse and swap it in only when the run succeeded.

    DuckDB lets one process write a file and locks out every other process while
    it does. Writing a staging copy leaves the published file free, so analysts and
    downstream tools keep reading the previous state during a run; ``os.replace``
    then publishes the new state atomically. A run killed at any point leaves the
    published file untouched, and its staging copy is discarded by the next run.

    Only ``ingest`` may write the warehouse: rows written by another process after
    ``planned`` (the ``published_state`` the run planned against) or after the copy
    would vanish at the swap, so the run fails with ``WarehouseChanged`` instead.
    """
    path = Path(path)
    staging = path.with_name(path.name + ".staging")
    _discard(staging)
    if planned is not None:
        _check_unchanged(path, planned, "planned")
    if path.exists():
        if path.with_name(path.name + ".wal").exists():  # fold a crashed writer's log in first
            checkpoint = duckdb.connect(str(path))
            checkpoint.execute("CHECKPOINT")
            checkpoint.close()
        shutil.copyfile(path, staging)
    copied = published_state(path)
    try:
        yield staging
        _check_unchanged(path, copied, "copied")
    except BaseException:
        _discard(staging)
        raise
    _fsync(staging)
    os.replace(staging, path)
    _fsync(path.parent)


def _check_unchanged(path: Path, expected: tuple[FileState | None, FileState | None], since: str) -> None:
    if published_state(path) != expected:
        raise WarehouseChanged(
            f"{path} was written by another process since this run {since} it; the run stops rather than erase those "
            "writes. Only ingest writes the warehouse: open it with read_only=True, and keep tables of your own in "
            "another database file"
        )


def _discard(staging: Path) -> None:
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
