"""Worker processes that end with the process they work for, even when it is killed with SIGKILL.

A run killed outright (``kill -9``, the kernel's OOM killer) cannot stop its
workers; one stuck in a hostile document would spin on with no parent, holding
a core and memory. Two ways cover it: Linux's ``PR_SET_PDEATHSIG`` has the
kernel kill the worker when the thread that started it ends, and a watcher
thread notices when the worker's lifeline (a pipe only the owner holds open) or
its parent goes away. The watcher is a thread of the worker's own, so it works
whatever the worker's main thread is stuck in, as long as that is Python code or
C code that releases the GIL.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often a worker without a lifeline checks that its parent is still there.
PARENT_CHECK_SECONDS = 0.5


def die_with_parent_thread() -> None:
    """Have the kernel SIGKILL this process when the thread that forked it ends (Linux only).

    Only for a process forked by a thread that lives as long as its parent
    process (a fork server's main thread): the signal follows the thread, so a
    worker started from a pool thread would die when that thread is retired.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    parent = os.getppid()
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def exit_when_lifeline_breaks(lifeline: Connection) -> None:
    """SIGKILL this process as soon as the other end of ``lifeline`` is closed, by its owner ending in any way."""

    def watch() -> None:
        try:
            lifeline.recv()
        except (EOFError, OSError):
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def exit_when_parent_ends() -> None:
    """SIGKILL this process once its parent has ended (it was re-parented), checked twice a second."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
