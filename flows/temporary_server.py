"""The temporary Prefect server of a local run, bound to the life of the process that started it.

With no ``PREFECT_API_URL``, Prefect starts a server in a child process for the
run and stops it at interpreter exit. Two things escape that: a child in the
terminal's process group receives the user's Ctrl-C along with the run, dies
first, and the run then spends minutes retrying to report its end to it; and a
run killed with SIGKILL (or SIGTERM, whose default action skips exit handlers)
leaves the server running, listening and holding ~200 MB, for good. The server
started here has a session of its own (Ctrl-C reaches only the run, which then
reports to a live server), and on Linux the kernel stops it when its parent dies
however it died (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import prefect
import prefect.context
from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings.legacy import Setting
from prefect.settings import (
    PREFECT_API_AUTH_STRING,
    PREFECT_API_URL,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    get_current_settings,
    temporary_settings,
)

# From <linux/prctl.h>: deliver a signal to this process when its parent exits.
PR_SET_PDEATHSIG = 1
# The run's last logs and events reach a local server in milliseconds; a stopped
# run must not wait on them longer than this.
DRAIN_SECONDS = 2.0


class BoundServer(SubprocessASGIServer):
    """Prefect's temporary server, started in its own session and stopped when its parent dies."""

    # Prefect keeps one instance a port for its own temporary server; this one is never shared with it.
    _instances: dict = {}

    def _run_uvicorn_command(self) -> subprocess.Popen[Any]:
        """Prefect's own command for its temporary server (3.8), started bound to this process.

        The kernel ties ``PR_SET_PDEATHSIG`` to the thread that started the child:
        call this from the thread that lives as long as the run (the main thread).
        """
        return subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
                "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
                "--port", str(self.port), "--log-level", "error", "--lifespan", "on",
            ],
            env={
                **os.environ,
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
                **get_current_settings().to_environment_variables(exclude_unset=True),
            },
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )


def _die_with_parent() -> None:
    """In the child, before exec: ask the kernel for SIGTERM when the parent exits (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


@contextmanager
def temporary_server() -> Iterator[str | None]:
    """Serve the block's flow runs from a bound temporary server, unless an API is configured.

    Yields the server's API address, or ``None`` when ``PREFECT_API_URL`` names a
    server already (it is used as it is). The server is stopped when the block ends,
    however it ends.
    """
    if PREFECT_API_URL.value():
        yield None
        return
    server = BoundServer()
    try:
        server.start(timeout=PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        with _process_wide_api(server.api_url):
            try:
                yield server.api_url
            finally:
                _send_what_is_queued()
    finally:
        server.stop()


@contextmanager
def _process_wide_api(api_url: str) -> Iterator[None]:
    """Name the server to every thread of the process, not only to the run's context.

    Prefect's background threads (the process pool's forwarder of its workers'
    events, the senders of logs and events) read the process's root settings,
    not the context of the run that started them. Named in the run's context
    only, the server was unknown to them: they found no API and started a
    temporary server of Prefect's own, unbound and without the run's auth
    string, which outlived the run. Prefect offers no public way to change the
    root settings for a while, hence the swap of its module global.
    """
    updates: dict[Setting, Any] = {PREFECT_API_URL: api_url}
    if PREFECT_API_AUTH_STRING.value():
        updates[PREFECT_API_AUTH_STRING] = PREFECT_API_AUTH_STRING.value()
    root = prefect.context.GLOBAL_SETTINGS_CONTEXT
    prefect.context.GLOBAL_SETTINGS_CONTEXT = prefect.context.SettingsContext(
        profile=root.profile, settings=root.settings.copy_with_update(updates=updates)
    )
    try:
        with temporary_settings(updates=updates):
            yield
    finally:
        prefect.context.GLOBAL_SETTINGS_CONTEXT = root


def _send_what_is_queued() -> None:
    """Let Prefect's background senders deliver the run's last logs and events while the server still listens.

    Stopped after the server, they would retry against a closed port for a minute
    and a half at interpreter exit, printing connection errors.
    """
    APILogWorker.drain_all(timeout=DRAIN_SECONDS)
    EventsWorker.drain_all(timeout=DRAIN_SECONDS)
