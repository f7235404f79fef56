"""Reading and cleaning a document in a worker process that can be killed: the document guard.

A thread cannot stop pdfminer spinning on an object that refers to itself, and
a process that runs out of memory takes its run with it; a child process can be
killed and its death observed. So each document's extraction and cleaning run
in a guard's child, one document at a time, reused across documents (a
document cleans in ~30 ms; a new interpreter per file would cost more than
the cleaning). The parent enforces the wall time and kills the child past it;
the child runs under ``RLIMIT_CPU`` and ``RLIMIT_AS`` (``ingest.guard_worker``).
Any death of the child is the document's reject naming the limit, and the next
document gets a fresh child, forked from multiprocessing's fork server where the
pipeline is already imported.

Why not ``pebble``'s ``ProcessPool``, which kills and replaces a worker past a
task's timeout: a batch's cleaning context (the warehouse's common lines, the
batch's spellings) would be pickled again with every document, a dead worker is
reported without whether the kernel killed it for memory or CPU, and its
workers are not tied to the life of the process that owns them.

Guards are kept per process (any worker of any task runner), lent to one batch
at a time (``borrowed``) and closed at the end of the run (``close_all``); a
guard's child also dies on its own when its owner dies, ``kill -9`` included
(``ingest.parent_watch``).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from ingest import cancellation, fork_server, guard_worker
from ingest.document_limits import CPU_SECONDS, MEMORY_MB, WALL_SECONDS, DocumentLimits, LimitExceeded

logger = logging.getLogger(__name__)
T = TypeVar("T")

# How often a parent waiting on its child checks whether the run was asked to stop.
STOP_CHECK_SECONDS = 0.2
# How long to wait for a killed child to be reaped.
REAP_SECONDS = 5.0
# How long a new child may take to be ready. Not counted against a document: the
# first child of a process waits for the fork server to import the pipeline.
START_SECONDS = 120.0
# A child that dies starting is started again once: a second death is no accident.
START_ATTEMPTS = 2

_forkserver = fork_server.CONTEXT
# A daemonic process may not start one of its own, and Dask's nannies start their workers daemonic.
DAEMONIC_WORKER = (
    "this worker is a daemonic process, which may not start the process each document is cleaned in: start the Dask"
    " workers with DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment, or with `dask worker --no-nanny`"
)


class GuardUnavailable(RuntimeError):
    """The guard's worker cannot be started: no document of the run can be cleaned under its limits.

    A fault of the machine, not of a file: the run fails with it instead of
    refusing every file as a defect.
    """


class WorkerCrashed(RuntimeError):
    """The child died of a signal no limit explains (a segfault in a C extension): a defect, not a limit."""


class _DiedStarting(Exception):
    """The child died or hung before it was ready: no document was in it.

    ``raised``: it exited on an exception of its own (a positive exit code), not on a signal or the deadline.
    """

    def __init__(self, message: str, raised: bool = False) -> None:
        super().__init__(message)
        self.raised = raised


class RemoteTraceback(Exception):
    """The child's traceback, attached as the cause of an exception re-raised in the parent."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class DocumentBudget:
    """What is left of one document's limits across its guarded steps (extraction, then cleaning)."""

    wall_left: float
    cpu_left: float

    @classmethod
    def start(cls, limits: DocumentLimits) -> DocumentBudget:
        return cls(limits.wall_seconds, limits.cpu_seconds)


class DocumentGuard:
    """One killable child that runs document steps under ``limits``, replaced whenever it dies."""

    def __init__(self, limits: DocumentLimits) -> None:
        self.limits = limits
        self._process: multiprocessing.process.BaseProcess | None = None
        self._commands = None
        self._lifeline = None
        self._sent_context: object = None
        self._cpu_before = 0.0
        self._closing = False

    def call(self, budget: DocumentBudget, step: Callable[..., T], *args: Any, context: object = None) -> T:
        """``step(*args)`` (with ``context`` appended when given) in the child, within what ``budget`` has left.

        Raises what the step raised (with the child's traceback as its cause),
        ``LimitExceeded`` when the document hit a limit, ``WorkerCrashed`` when
        the child died otherwise, and ``Cancelled`` when the run was asked to stop.
        """
        self._start()
        if context is not None and context is not self._sent_context:
            self._commands.send((guard_worker.CONTEXT, context))
            self._sent_context = context
        started = time.monotonic()
        self._commands.send((guard_worker.CALL, (step, args, context is not None, max(budget.cpu_left, 0.0))))
        kind, *reply = self._reply(started + budget.wall_left)
        budget.wall_left -= time.monotonic() - started
        cpu_used = reply[-1]
        budget.cpu_left -= cpu_used - self._cpu_before
        self._cpu_before = cpu_used
        if kind == guard_worker.DONE:
            return reply[0]
        if kind == guard_worker.OUT_OF_MEMORY:
            self._stop()
            raise LimitExceeded(MEMORY_MB, self.limits.memory_mb)
        error, remote = reply[0], reply[1]
        error.__cause__ = RemoteTraceback(remote)
        raise error

    def close(self) -> None:
        """Kill the child, if any; a step waiting on it ends with ``Cancelled``."""
        self._closing = True
        self._stop()

    def _start(self) -> None:
        """A ready child, started anew when there is none; a child that dies starting is given one more try.

        A death before any document was sent is the machine's or the caller's doing
        (the kernel's out-of-memory killer, a script that re-runs itself in each
        worker), never a file's: ``GuardUnavailable`` fails the run rather than
        refusing every file of it.
        """
        if self._process is not None:
            return
        for attempt in range(START_ATTEMPTS):
            try:
                self._start_once()
                return
            except _DiedStarting as death:
                if attempt + 1 == START_ATTEMPTS:
                    raise GuardUnavailable(f"{death}{_script_hint() if death.raised else ''}") from None
                logger.warning("%s; starting another", death)

    def _start_once(self) -> None:
        if multiprocessing.current_process().daemon:
            raise GuardUnavailable(DAEMONIC_WORKER)
        self._closing = False
        commands, child_commands = _forkserver.Pipe()
        lifeline_child, lifeline = _forkserver.Pipe(duplex=False)
        process = _forkserver.Process(
            target=guard_worker.serve, args=(child_commands, lifeline_child, self.limits.memory_mb),
            name="ingest-document-guard", daemon=True,
        )
        try:
            process.start()
        except OSError as error:
            raise GuardUnavailable(f"the document guard's worker process cannot be started: {error}") from error
        child_commands.close()
        lifeline_child.close()
        self._process, self._commands, self._lifeline = process, commands, lifeline
        self._sent_context = None
        kind, self._cpu_before = self._reply(time.monotonic() + START_SECONDS, starting=True)

    def _reply(self, deadline: float, starting: bool = False) -> tuple:
        """The child's reply, waiting at most until ``deadline``; the child's death is the document's limit.

        While ``starting``, neither a death nor the deadline is the document's doing.
        """
        while True:
            if self._closing or cancellation.stop_requested():
                self._stop()
                raise cancellation.Cancelled("document stopped on request")
            left = deadline - time.monotonic()
            if left <= 0:
                self._stop()
                if starting:
                    raise _DiedStarting(f"the document worker did not start within {START_SECONDS:g} s")
                raise LimitExceeded(WALL_SECONDS, self.limits.wall_seconds)
            if self._commands.poll(min(left, STOP_CHECK_SECONDS)):
                try:
                    return self._commands.recv()
                except (EOFError, OSError):
                    if starting:
                        code = self._reap()
                        raise _DiedStarting(
                            f"the document worker ended as it started ({_described(code)})", raised=bool(code and code > 0)
                        ) from None
                    raise self._death() from None

    def _reap(self) -> int | None:
        """The dead child's exit code (negative: the signal that killed it), once it is reaped."""
        self._process.join(REAP_SECONDS)
        code = self._process.exitcode
        self._stop()
        return code

    def _death(self) -> Exception:
        """What the child's death means for the document it was working on."""
        code = self._reap()
        if self._closing:
            return cancellation.Cancelled("document stopped on request")
        if code == -signal.SIGXCPU:
            return LimitExceeded(CPU_SECONDS, self.limits.cpu_seconds)
        if code == -signal.SIGKILL:  # not ours: the kernel's out-of-memory killer
            return LimitExceeded(MEMORY_MB, self.limits.memory_mb)
        return WorkerCrashed(f"the worker reading this file died ({_described(code)})")

    def _stop(self) -> None:
        """Kill and reap the child; the next call starts another."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive():
            process.kill()
        process.join(REAP_SECONDS)
        for end in (self._commands, self._lifeline):
            end.close()
        process.close()


_lock = threading.Lock()
_idle: list[DocumentGuard] = []
_every: list[DocumentGuard] = []


@contextmanager
def borrowed(limits: DocumentLimits) -> Iterator[DocumentGuard]:
    """A guard of this process for ``limits``, lent to the caller alone until the block ends."""
    with _lock:
        guard = next((g for g in _idle if g.limits == limits), None)
        if guard is None:
            guard = DocumentGuard(limits)
            _every.append(guard)
        else:
            _idle.remove(guard)
    try:
        yield guard
    finally:
        with _lock:
            if guard in _every:
                _idle.append(guard)


def _described(code: int | None) -> str:
    return f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"


def _script_hint() -> str:
    """Why a worker dies starting when the run was started from a script: the worker imports the script first."""
    main = sys.modules.get("__main__")
    if getattr(main, "__spec__", None) is not None or not getattr(main, "__file__", None):
        return ""
    return (
        f"; each worker process imports the script that started the run ({os.path.basename(main.__file__)}), as"
        " multiprocessing does: a script that calls ingest.run must do so under `if __name__ == \"__main__\":`"
    )


def close_all() -> None:
    """Kill every guard's child in this process: the end of a run leaves no worker behind."""
    with _lock:
        guards = [*_every]
        _every.clear()
        _idle.clear()
    for guard in guards:
        guard.close()


def _forget_inherited() -> None:
    """In a child forked from a process with guards: they and the fork server are the parent's, not ours.

    multiprocessing keeps its fork server's pid and address in the process; a
    forked child would try to use (and wait on) its parent's server, which is
    not its child. Forgetting them makes the child start a server of its own.
    """
    global _lock
    _lock = threading.Lock()
    _every.clear()
    _idle.clear()
    server = multiprocessing.forkserver._forkserver
    alive = getattr(server, "_forkserver_alive_fd", None)
    if alive is not None:
        os.close(alive)
    server._forkserver_alive_fd = server._forkserver_pid = server._forkserver_address = None


atexit.register(close_all)  # registered after the fork server's stop, so run before it: workers go first
os.register_at_fork(after_in_child=_forget_inherited)
