"""The child side of the document guard: runs one document's steps at a time under CPU and memory limits.

Started from multiprocessing's fork server with this module preloaded, so a new
worker is a fork of a process that has already imported the whole cleaning
pipeline: replacing a killed worker costs milliseconds, not an interpreter start.
The parent (``ingest.guard``) enforces wall time and kills the worker; the worker
enforces what only the kernel can count: ``RLIMIT_CPU`` (SIGXCPU past it) and
``RLIMIT_AS`` (allocations fail past it, and Python raises ``MemoryError``).
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ingest.parent_watch import die_with_parent_thread, exit_when_lifeline_breaks

# Replies to the parent.
READY, DONE, RAISED, OUT_OF_MEMORY = "ready", "done", "raised", "out-of-memory"
# Requests from the parent.
CONTEXT, CALL = "context", "call"


def serve(commands: Connection, lifeline: Connection, memory_mb: int) -> None:
    """Answer the parent's requests until it closes the connection; ends the process after a ``MemoryError``.

    After a ``MemoryError`` nothing in the process can be trusted to be whole (an
    allocation failed somewhere inside a library), so the worker reports it and
    exits, and the parent starts a fresh one for the next document.
    """
    die_with_parent_thread()
    exit_when_lifeline_breaks(lifeline)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle: it stops the workers
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker killed at its CPU limit leaves no core file
    _limit_memory(memory_mb)
    commands.send((READY, _cpu_seconds()))
    context = None
    while True:
        try:
            kind, payload = commands.recv()
        except EOFError:
            return
        if kind == CONTEXT:
            context = payload
            continue
        step, args, with_context, cpu_seconds = payload
        _limit_cpu(cpu_seconds)
        try:
            reply = (DONE, _call(step, args, context if with_context else None, with_context))
        except MemoryError:
            commands.send((OUT_OF_MEMORY, _cpu_seconds()))
            os._exit(1)
        except Exception as error:
            reply = (RAISED, _portable(error), traceback.format_exc())
        commands.send((*reply, _cpu_seconds()))


def _call(step: Callable[..., Any], args: tuple, context: object, with_context: bool) -> Any:
    return step(*args, context) if with_context else step(*args)


def _portable(error: Exception) -> Exception:
    """The exception itself when it survives pickling, else a ``RuntimeError`` saying what it was."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _limit_cpu(seconds: float) -> None:
    """Let this step use ``seconds`` more of CPU: ``RLIMIT_CPU`` counts the process's whole life."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(_cpu_seconds() + seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _limit_memory(memory_mb: int) -> None:
    """Allow ``memory_mb`` of address space beyond what the warm worker already maps.

    ``RLIMIT_AS`` counts mapped address space, which for a process that imported
    lxml, langdetect and the rest is already a few hundred MB before any document;
    counting from there makes the limit what a document may add.
    """
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = _mapped_bytes() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _mapped_bytes() -> int:
    """The process's virtual size (``VmSize``), or 0 where ``/proc`` does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
