"""Publishing a run whole: it writes a staging copy that replaces the warehouse file only when sealed.

DuckDB lets one process write a file and locks out every other process while it
does. Writing a staging copy leaves the published file free, so analysts and
downstream tools keep reading the previous state during a run; ``os.replace``
then publishes the new state atomically. The copy replaces the published file
only once everything the run wrote is in it: DuckDB keeps commits in a log
beside the file (``.wal``) until a checkpoint folds them in, and a checkpoint
that fails (a full disk) would otherwise publish the file without them. So the
copy is checkpointed, its log must be gone, it is reopened read-only and checked
against what the run says it wrote, and it is flushed to disk with its folder;
any failure fails the run and removes the copy.

The copy keeps the published file's permissions and group from its first byte,
set on the file itself. What DuckDB creates beside it during the run (its log, the
folder it spills to and the files in it) is the run's owner's alone: the run
writes under a private umask, never one derived from the warehouse's mode (a
``644`` warehouse gave ``0133``, a spill folder its owner could not enter).

A warehouse path that is a symbolic link is resolved: the real file is copied
and replaced, and the link stays a link to it.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import duckdb

from ingest.warehouse.lock import real_path

logger = logging.getLogger(__name__)

# Free space asked for beyond the copy itself before a run starts: the run's own
# rows go to the copy's log first and into the copy at the checkpoint. A tenth of
# the warehouse covers an incremental run; a run that writes more still fails
# cleanly at the checkpoint, this only spares starting one that cannot finish.
HEADROOM_SHARE = 0.1
MIN_HEADROOM_BYTES = 1 << 20
COPY_CHUNK_BYTES = 1 << 26
# While a run writes: files and folders DuckDB creates are readable and enterable
# by their owner only, whatever the warehouse lets others do.
PRIVATE_UMASK = 0o077

Verify = Callable[[duckdb.DuckDBPyConnection], None]


class PublishError(Exception):
    """The run's copy could not be made, sealed or swapped in; the message is one line saying why."""


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
    path = real_path(path)
    return _state(path), _state(log_path(path))


def _state(path: Path) -> FileState | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return FileState(found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def staging_path(path: Path) -> Path:
    return path.with_name(path.name + ".staging")


def log_path(path: Path) -> Path:
    """DuckDB's write-ahead log of a database file."""
    return path.with_name(path.name + ".wal")


@contextmanager
def staged(
    path: Path | str, verify: Verify | None = None, planned: tuple[FileState | None, FileState | None] | None = None
) -> Iterator[Path]:
    """Write a run into a copy of the warehouse and swap it in only when the run succeeded and the copy is sealed.

    ``verify`` is called with a read-only connection to the sealed copy, after
    the caller closed its own, and raises when the copy lacks what the run wrote.
    A run killed at any point leaves the published file untouched, and its
    staging copy is discarded by the next run.

    Only ``ingest`` may write the warehouse: rows written by another process after
    ``planned`` (the ``published_state`` the run planned against) or after the copy
    would vanish at the swap, so the run fails with ``WarehouseChanged`` instead.

    The path may be a symbolic link: the file it leads to is the one copied and replaced.
    """
    path = real_path(path)
    staging = staging_path(path)
    discard(staging)
    if planned is not None:
        _check_unchanged(path, planned, "planned")
    carried_log = None
    first_run = not path.exists()
    if not first_run:
        carried_log = fold_stale_log(path)
        published = os.stat(path)
        copy_size = published.st_size + (os.stat(carried_log).st_size if carried_log else 0)
        check_free_space(path.parent, copy_size)
        copy_keeping_access(path, staging, published)
        if carried_log:
            copy_keeping_access(carried_log, log_path(staging), published)
    copied = published_state(path)
    previous_umask = os.umask(PRIVATE_UMASK)
    try:
        try:
            yield staging
        finally:
            os.umask(previous_umask)
        if first_run and staging.exists():
            # A new warehouse gets the mode the run's own umask gives a new file, as if created outside the run.
            os.chmod(staging, 0o666 & ~previous_umask)
        _check_unchanged(path, copied, "copied")
        seal(staging, verify)
    except BaseException:
        discard(staging)
        raise
    publish(staging, path)
    if carried_log:
        aside = carried_log.with_name(carried_log.name + ".folded")
        os.replace(carried_log, aside)
        logger.warning("the log %s left by an interrupted writer is in the new warehouse; moved aside to %s", carried_log, aside)


def fold_stale_log(path: Path) -> Path | None:
    """Fold a log left beside the published file by a writer that was killed; returns it when it must be carried instead.

    DuckDB replays such a log whenever the file is opened: folded in here, it is
    part of the copy. When another connection holds the file (a reader in another
    process, or in this one), the log cannot be folded in place; it is then
    copied with the file, replayed into the copy, and moved aside once the copy
    is published.
    """
    log = log_path(path)
    if not log.exists():
        return None
    try:
        checkpoint(path)
    except duckdb.Error as error:
        logger.warning("the warehouse has a log left by an interrupted writer and is open elsewhere (%s); it is carried into this run's copy", one_line(error))
        return log
    logger.warning("folded the log left by an interrupted writer into %s", path)
    return None


def checkpoint(path: Path) -> None:
    """Fold a database file's log into it, raising what DuckDB raises when it cannot."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()


def check_free_space(folder: Path, copy_size: int) -> None:
    """Refuse to start a copy the disk cannot hold, with the run's writes after it."""
    needed = copy_size + max(int(copy_size * HEADROOM_SHARE), MIN_HEADROOM_BYTES)
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise PublishError(
            f"not enough free space for the run's copy of the warehouse: {needed / 2**20:.1f} MB needed,"
            f" {free / 2**20:.1f} MB free in {folder}"
        )


def copy_keeping_access(source: Path, target: Path, published: os.stat_result) -> None:
    """Copy a file into a new one that has the published file's mode and group before any byte is written.

    The group is kept when this process may give it (its owner in that group, or
    root); otherwise the copy keeps the mode with the process's group, said in a log line.
    """
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise PublishError(f"could not create the run's copy of the warehouse: {error.strerror or error}") from error
    try:
        if os.fstat(fd).st_gid != published.st_gid:
            try:
                os.fchown(fd, -1, published.st_gid)
            except PermissionError:
                logger.warning("the run's copy of the warehouse cannot take group %d; it keeps the mode only", published.st_gid)
        os.fchmod(fd, stat.S_IMODE(published.st_mode))
        with open(source, "rb") as handle:
            _copy_all(handle.fileno(), fd)
    except OSError as error:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise PublishError(f"could not copy the warehouse for the run: {error.strerror or error}") from error
    os.close(fd)


def _copy_all(source: int, target: int) -> None:
    """Copy in the kernel (``sendfile``), a chunk at a time, until the source's end."""
    offset = 0
    while True:
        sent = os.sendfile(target, source, offset, COPY_CHUNK_BYTES)
        if sent == 0:
            return
        offset += sent


def seal(staging: Path, verify: Verify | None) -> None:
    """Fold the copy's log into it, check it holds the run, and flush it to disk; raise ``PublishError`` if not."""
    try:
        checkpoint(staging)
    except duckdb.Error as error:
        raise PublishError(f"the run's writes could not be folded into its copy of the warehouse: {one_line(error)}") from error
    log = log_path(staging)
    if log.exists() and log.stat().st_size > 0:
        raise PublishError("the run's writes could not be folded into its copy of the warehouse: its log remains after the checkpoint")
    if verify is not None:
        try:
            reader = duckdb.connect(str(staging), read_only=True)
        except duckdb.Error as error:
            raise PublishError(f"the run's copy of the warehouse cannot be opened: {one_line(error)}") from error
        try:
            verify(reader)
        finally:
            reader.close()
    try:
        fsync(staging)
    except OSError as error:
        raise PublishError(f"the run's copy of the warehouse could not be flushed to disk: {error.strerror or error}") from error


def publish(staging: Path, path: Path) -> None:
    """Swap the sealed copy in, and make the swap itself durable."""
    os.replace(staging, path)
    fsync(path.parent)
    log_path(staging).unlink(missing_ok=True)


def _check_unchanged(path: Path, expected: tuple[FileState | None, FileState | None], since: str) -> None:
    if published_state(path) != expected:
        raise WarehouseChanged(
            f"{path} was written by another process since this run {since} it; the run stops rather than erase those "
            "writes. Only ingest writes the warehouse: open it with read_only=True, and keep tables of your own in "
            "another database file"
        )


def discard(staging: Path) -> None:
    """Remove a staging copy and its log, whether a failed run or a killed one left them."""
    for leftover in (staging, log_path(staging)):
        if leftover.exists():  # unlinking even a missing file fails on a read-only disk
            leftover.unlink()


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# DuckDB appends a native stack trace to some messages: nobody reading a run's
# error needs it, and it would bury the cause.
_STACK_TRACE = "Stack Trace:"
MAX_ERROR_CHARS = 400


def one_line(error: BaseException) -> str:
    """The error's message on one line, without DuckDB's stack trace, cut to a readable length."""
    text = " ".join(str(error).split(_STACK_TRACE, 1)[0].split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"
