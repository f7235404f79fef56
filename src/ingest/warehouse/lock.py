"""One writer per warehouse: an OS file lock beside it, held from planning through the swap.

Two runs on one warehouse would each plan against the same published file and
each publish over the other: one run's documents vanish. The lock is the
operating system's (``filelock``: ``flock`` on POSIX, ``LockFileEx`` on
Windows), so a run killed outright releases it with its process and the next run
takes it over; nothing stale is left to clean up by hand. Who holds it (process
id, host, start time) is kept in a second file, because a process that tries the
lock opens the lock file itself.

Both files sit beside the warehouse's real file (``real_path``), so a run given
a symbolic link to the warehouse and a run given the file itself exclude each
other. In a folder others may write, either name could be planted as a link to
a file of the runner's: neither is ever opened through a link (``O_NOFOLLOW``),
and the holder's record is written only into a file the run creates afresh.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

logger = logging.getLogger(__name__)

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class WarehouseBusy(Exception):
    """Another run is writing the warehouse; the message names it."""


class UnsafeLockFile(Exception):
    """The warehouse's lock file is a symbolic link: taking it would lock, or write, whatever it points to."""


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str


def real_path(warehouse: Path | str) -> Path:
    """The warehouse's real file, every symbolic link on its way resolved (a missing file is fine).

    A run locks and replaces this file: replacing a link would leave its readers
    of the real path on stale data.
    """
    return Path(os.path.realpath(warehouse))


def lock_path(warehouse: Path | str) -> Path:
    real = real_path(warehouse)
    return real.with_name(real.name + ".lock")


def holder_path(warehouse: Path | str) -> Path:
    real = real_path(warehouse)
    return real.with_name(real.name + ".lock.holder")


@contextmanager
def single_writer(warehouse: Path | str, wait: bool = False) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block.

    Raises ``WarehouseBusy`` at once if another run holds it, or, with ``wait``,
    blocks until that run ends; ``UnsafeLockFile`` if its lock file is a link.
    """
    real_path(warehouse).parent.mkdir(parents=True, exist_ok=True)
    lock = _file_lock(warehouse)
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        raise WarehouseBusy(_busy_message(warehouse)) from None
    except OSError as error:
        raise _unsafe_or(error, warehouse) from error
    try:
        _record_holder(warehouse)
        yield
    finally:
        holder_path(warehouse).unlink(missing_ok=True)  # removes a planted link itself, never its target
        lock.release()


def check_free(warehouse: Path | str) -> None:
    """Raise ``WarehouseBusy`` now if another run holds the lock: a command can say so before starting anything.

    Only a courtesy: the run itself takes the lock, and that is what keeps runs apart.
    """
    lock = _file_lock(warehouse)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise WarehouseBusy(_busy_message(warehouse)) from None
    except OSError as error:
        raise _unsafe_or(error, warehouse) from error
    lock.release()


def current_holder(warehouse: Path | str) -> Holder | None:
    """Who holds the lock, as the holder recorded it; None if nobody recorded it (yet)."""
    try:
        fd = os.open(holder_path(warehouse), os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = json.loads(handle.read(4096).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _file_lock(warehouse: Path | str) -> FileLock:
    """The lock beside the real file, refused up front when its name is a link (``filelock`` opens it ``O_NOFOLLOW``)."""
    path = lock_path(warehouse)
    if path.is_symlink():
        raise UnsafeLockFile(_unsafe_message(path))
    return FileLock(str(path), mode=_companion_mode(warehouse, writable=True))


def _unsafe_or(error: OSError, warehouse: Path | str) -> Exception:
    if error.errno == errno.ELOOP:
        return UnsafeLockFile(_unsafe_message(lock_path(warehouse)))
    return error


def _unsafe_message(path: Path) -> str:
    return f"the lock file {path} is a symbolic link, which no run follows; remove it, and check who put it there"


def _companion_mode(warehouse: Path | str, writable: bool) -> int:
    """The mode of a file kept beside the warehouse: its owner reads it, and whom the warehouse lets read (and write) it.

    Set explicitly rather than left to the umask, so that the members of a group
    that shares the warehouse can take its lock after one another.
    """
    try:
        shared = stat.S_IMODE(os.stat(real_path(warehouse)).st_mode)
    except OSError:
        shared = 0o644
    keep = 0o066 if writable else 0o044
    return 0o600 | (shared & keep)


def _record_holder(warehouse: Path | str) -> None:
    """Write who holds the lock into a file made for it: whatever was at its name (a link, a file) is removed first.

    Best effort: a run whose record cannot be written (another account's file
    under that name in a folder with the sticky bit) still runs, and says so.
    """
    path = holder_path(warehouse)
    since = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since}).encode("utf-8")
    try:
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
    except OSError as error:
        logger.warning("cannot record this run as the holder of %s in %s: %s", warehouse, path, error.strerror or error)
        return
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), _companion_mode(warehouse, writable=False))
        handle.write(record)


def _busy_message(warehouse: Path | str) -> str:
    holder = current_holder(warehouse)
    if holder is None:
        return f"another run holds {warehouse}; wait for it, or run with --wait"
    where = "" if holder.host == socket.gethostname() else f" on {holder.host}"
    return f"another run holds {warehouse} since {holder.since} (pid {holder.pid}{where}); wait for it, or run with --wait"
