"""One writer per warehouse: an OS file lock beside it, held from planning through the swap.

Two runs on one warehouse would each plan against the same published file and
each publish over the other: one run's documents vanish. The lock is the
operating system's (``filelock``: ``flock`` on POSIX, ``LockFileEx`` on
Windows), so a run killed outright releases it with its process and the next run
takes it over; nothing stale is left to clean up by hand. Who holds it (process
id, host, start time) is kept in a second file, because a process that tries the
lock opens, and truncates, the lock file itself.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout


class WarehouseBusy(Exception):
    """Another run is writing the warehouse; the message names it."""


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str


def lock_path(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


def holder_path(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock.holder")


@contextmanager
def single_writer(warehouse: Path | str, wait: bool = False) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block.

    Raises ``WarehouseBusy`` at once if another run holds it, or, with ``wait``,
    blocks until that run ends.
    """
    Path(warehouse).parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(warehouse)))
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        raise WarehouseBusy(_busy_message(warehouse)) from None
    try:
        _record_holder(warehouse)
        yield
    finally:
        holder_path(warehouse).unlink(missing_ok=True)
        lock.release()


def check_free(warehouse: Path | str) -> None:
    """Raise ``WarehouseBusy`` now if another run holds the lock: a command can say so before starting anything.

    Only a courtesy: the run itself takes the lock, and that is what keeps runs apart.
    """
    lock = FileLock(str(lock_path(warehouse)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise WarehouseBusy(_busy_message(warehouse)) from None
    lock.release()


def current_holder(warehouse: Path | str) -> Holder | None:
    """Who holds the lock, as the holder recorded it; None if nobody recorded it (yet)."""
    try:
        data = json.loads(holder_path(warehouse).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _record_holder(warehouse: Path | str) -> None:
    since = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    record = {"pid": os.getpid(), "host": socket.gethostname(), "since": since}
    holder_path(warehouse).write_text(json.dumps(record), encoding="utf-8")


def _busy_message(warehouse: Path | str) -> str:
    holder = current_holder(warehouse)
    if holder is None:
        return f"another run holds {warehouse}; wait for it, or run with --wait"
    where = "" if holder.host == socket.gethostname() else f" on {holder.host}"
    return f"another run holds {warehouse} since {holder.since} (pid {holder.pid}{where}); wait for it, or run with --wait"
