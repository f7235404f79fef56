"""Prefect flows: thin recipes over the ``ingest`` library's stages.

Importing this package sets ingest's defaults for Prefect before Prefect itself is
imported (Prefect reads its settings from the environment once), so every way of
running the flow gets them: the ``ingest`` command, a script, a test, a worker.
"""

import os

# A local run needs no server and sends nothing out.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Prefect gives its temporary server 20 s to start, which a loaded machine
# exceeds (the run then fails before it begins); a slow start costs nothing more.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
