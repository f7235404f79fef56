"""The guards' fork server, once its run is over, ends without tearing its imports down."""

from __future__ import annotations

import subprocess
import sys

SERVER_ENDING = """
import atexit
import ingest.guard_server

class Module:
    def __del__(self):
        print("torn down", flush=True)

held = Module()
atexit.register(lambda: print("exit handler ran", flush=True))
print("serving", flush=True)
"""


def test_the_server_runs_its_later_exit_handlers_and_skips_the_teardown():
    done = subprocess.run([sys.executable, "-c", SERVER_ENDING], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["serving", "exit handler ran"]
