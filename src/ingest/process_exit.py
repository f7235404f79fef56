"""Ending the ``ingest`` command's process once its work is done, without tearing the interpreter down.

A run leaves spaCy's model, DuckDB, pyarrow and the rest loaded, and a normal
interpreter exit frees them object by object and module by module: 0.2 to 0.4 s
that a person waiting for the prompt sees and nothing needs (the operating
system takes the memory back at once). What an exit must still do happens
first: threads that are not daemons finish, exit handlers run (logging flushes
its handlers, the document guards kill their workers, multiprocessing stops its
helpers), and standard output and error are flushed.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading


def exit_code(code: object) -> int:
    """The status ``sys.exit(code)`` would give: None is 0, a message is printed to stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def exit_now(code: object = 0) -> None:
    """End the process with ``code`` (as ``sys.exit`` takes it) after what an exit must do, skipping the teardown.

    Only for a process's entry point: nothing after it runs, and a caller
    in-process (a test, a notebook) must not use it.
    """
    status = exit_code(code)
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing more can be told there
            pass
    os._exit(status)
