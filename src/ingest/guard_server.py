"""Imported first by the guards' fork server, and by nothing else: the server ends with the run that started it.

multiprocessing's fork server ends when the process that started it closes its
end of a pipe, but only once it is back in its loop: while it imports the
pipeline (seconds, on a busy machine) a run stopped or killed would leave it
behind. Watching its parent from the first import on ends it within half a
second whatever it is doing, and the guard workers it forked follow it (they
die with the thread that forked them, ``ingest.parent_watch``).

When it ends in its loop, it ends there: it holds the run's standard output and
error open, so a program reading the run's output through pipes waits for it,
and tearing down the cleaning stack it imported took 0.3 to 0.6 s. It serves
no one by then, so an exit handler ends it without that teardown. ``atexit``
calls handlers last-in first-out: this one runs after those of the modules the
server preloads after it, and ends the process before multiprocessing's and
logging's, registered before it (the server has no ``Process`` children to join,
nothing to log, and the socket it listened on is its parent's to remove).
"""

import atexit
import os
import signal
import sys

from ingest.parent_watch import exit_when_parent_ends


def _end_without_teardown() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


exit_when_parent_ends()
atexit.register(_end_without_teardown)
# Ctrl-C reaches the whole process group: the run stops its guards itself, and a
# server interrupted in its imports would print a traceback of its own.
signal.signal(signal.SIGINT, signal.SIG_IGN)
