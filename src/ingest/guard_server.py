"""Imported first by the guards' fork server, and by nothing else: the server ends with the run that started it.

multiprocessing's fork server ends when the process that started it closes its
end of a pipe, but only once it is back in its loop: while it imports the
pipeline (seconds, on a busy machine) a run stopped or killed would leave it
behind. Watching its parent from the first import on ends it within half a
second whatever it is doing, and the guard workers it forked follow it (they
die with the thread that forked them, ``ingest.parent_watch``).
"""

import signal

from ingest.parent_watch import exit_when_parent_ends

exit_when_parent_ends()
# Ctrl-C reaches the whole process group: the run stops its guards itself, and a
# server interrupted in its imports would print a traceback of its own.
signal.signal(signal.SIGINT, signal.SIG_IGN)
