"""Keeping a local run's temporary Prefect server to the run's own processes.

With no ``PREFECT_API_URL`` configured, Prefect serves a run from a temporary
server on ``127.0.0.1``. Any local user can reach that address, and the server
answers with the run's flow runs, their parameters (source and warehouse paths)
and logs, and those of every run sharing the Prefect home. Giving the server an
auth string (``PREFECT_SERVER_API_AUTH_STRING``) that only this process and the
workers it starts know (``PREFECT_API_AUTH_STRING``, passed down with the rest of
the settings) closes it to everyone else. A configured server is left alone:
its own auth, if any, is the operator's.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.settings import (
    PREFECT_API_AUTH_STRING,
    PREFECT_API_URL,
    PREFECT_SERVER_API_AUTH_STRING,
    temporary_settings,
)


@contextmanager
def private_temporary_server() -> Iterator[None]:
    """Within the block, a temporary server Prefect starts answers only requests carrying this run's secret."""
    if PREFECT_API_URL.value():
        yield
        return
    secret = PREFECT_SERVER_API_AUTH_STRING.value() or secrets.token_urlsafe(32)
    with temporary_settings(updates={PREFECT_SERVER_API_AUTH_STRING: secret, PREFECT_API_AUTH_STRING: secret}):
        yield
