"""A second, unprivileged account for the tests that mean nothing under root, which ignores permissions.

The interpreter may sit where that account cannot read (root's home), so a step
runs in a forked child that gives up root after every module it needs is loaded,
and sends back what the step returned, or the error it raised as text.
"""

from __future__ import annotations

import os
import pickle
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

PEER = "ingest-peer"


class PeerFailed(Exception):
    """The step raised in the other account; the message is its type and text."""


def peer_account() -> pwd.struct_passwd:
    """The second account, created once; the test is skipped, saying why, where it cannot be."""
    if os.geteuid() != 0:
        pytest.skip("acting as a second account needs root (CI runs the fault tests as root)")
    if shutil.which("useradd") is None:
        pytest.skip("no useradd here to create a second account")
    for _ in range(10):  # parallel test sessions may be creating it too, or hold /etc/passwd's lock
        try:
            return pwd.getpwnam(PEER)
        except KeyError:
            made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PEER],
                                  capture_output=True, text=True)
            if made.returncode not in (0, 9):  # 9: it exists now
                time.sleep(0.3)
    try:
        return pwd.getpwnam(PEER)
    except KeyError:
        pytest.skip(f"cannot create a second account: {made.stderr.strip()}")


@contextmanager
def shared_folder(owner: pwd.struct_passwd) -> Iterator[Path]:
    """A folder in /tmp that ``owner`` owns (pytest's own tmp_path is closed to other accounts)."""
    folder = Path(tempfile.mkdtemp(prefix="ingest-peer-"))
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_account(account: pwd.struct_passwd, step: Callable[..., Any], *args: Any) -> Any:
    """Run ``step(*args)`` as ``account`` in a forked child, and return what it returned."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(account.pw_gid)
            os.setuid(account.pw_uid)
            os.environ["HOME"] = tempfile.gettempdir()
            outcome = ("returned", step(*args))
        except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
            outcome = ("raised", f"{type(error).__name__}: {error}")
        with os.fdopen(write, "wb") as out:
            try:
                out.write(pickle.dumps(outcome))
            except Exception as error:  # noqa: BLE001
                out.write(pickle.dumps(("raised", f"unpicklable result: {error}")))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise PeerFailed("the child died before it reported")
    kind, value = pickle.loads(data)
    if kind == "raised":
        raise PeerFailed(value)
    return value


def chown_tree(folder: Path, account: pwd.struct_passwd) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
