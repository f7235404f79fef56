"""A local run's temporary Prefect server answers only the run's own processes."""

import httpx
import pytest


@pytest.mark.slow
def test_the_temporary_server_refuses_requests_without_the_runs_secret(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_AUTH_STRING

    from ingest.flows.private_server import private_temporary_server

    with private_temporary_server():
        secret = PREFECT_API_AUTH_STRING.value()
        server = SubprocessASGIServer()
        server.start(timeout=180)
        try:
            assert server.address.startswith("http://127.0.0.1:")
            stranger = httpx.post(f"{server.api_url}/flow_runs/filter", json={})
            assert stranger.status_code == 401
            run = httpx.post(f"{server.api_url}/flow_runs/filter", json={}, auth=None, headers={"Authorization": _basic(secret)})
            assert run.status_code == 200
        finally:
            server.stop()


def _basic(secret: str) -> str:
    import base64

    return "Basic " + base64.b64encode(secret.encode()).decode()


def test_a_configured_server_is_left_alone(monkeypatch):
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    from ingest.flows.private_server import private_temporary_server

    with temporary_settings(updates={PREFECT_API_URL: "http://prefect.example:4200/api"}):
        with private_temporary_server():
            assert PREFECT_API_AUTH_STRING.value() is None
