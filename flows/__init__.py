"""Prefect flows: thin recipes over the ``ingest`` library's stages."""
