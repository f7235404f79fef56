import os

import pytest
from hypothesis import settings

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# Property tests draw the same examples every run, so the suite's verdict is reproducible:
# a failure means the code changed, not the draw. `--hypothesis-profile explore` draws anew.
settings.register_profile("reproducible", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile("reproducible")


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect backend for the whole test session: starting one costs seconds."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
