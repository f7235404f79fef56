"""The ``ingest`` command's process ends without the interpreter's teardown, but after everything an exit owes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ingest.process_exit import exit_code

ENDING = """
import atexit, sys, threading, time
from ingest.process_exit import exit_now

def late_writer():
    time.sleep(0.2)
    print("thread done", flush=False)

atexit.register(lambda: print("exit handler ran", flush=False))
threading.Thread(target=late_writer).start()
print("buffered output", end="")
print("", flush=False)
sys.stderr.write("buffered error\\n")
exit_now(CODE)
print("never reached")
"""


def ended(code: str) -> subprocess.CompletedProcess:
    # stdout to a pipe is block-buffered: anything not flushed before os._exit would be lost.
    return subprocess.run([sys.executable, "-c", ENDING.replace("CODE", code)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("code", "status"), [("0", 0), ("3", 3), ("None", 0)])
def test_the_process_ends_with_its_code_after_its_threads_exit_handlers_and_buffered_output(code, status):
    done = ended(code)

    assert done.returncode == status
    assert done.stdout.splitlines() == ["buffered output", "thread done", "exit handler ran"]
    assert done.stderr == "buffered error\n"


def test_a_message_as_the_code_is_printed_and_exits_1_as_sys_exit_does():
    done = ended("'no such warehouse'")

    assert done.returncode == 1
    assert done.stderr.endswith("no such warehouse\n")


def test_exit_codes_follow_sys_exit():
    assert exit_code(None) == 0
    assert exit_code(130) == 130
