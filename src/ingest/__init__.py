"""ingest: raw documents in, a clean, deduplicated, entity-tagged DuckDB corpus out."""

__version__ = "0.1.0"

# Bumped whenever a stage's output for the same input changes (a cleaning rule, the
# gazetteer, the model): documents loaded under an older version are reprocessed.
PIPELINE_VERSION = "2026.12.07.1"

__all__ = ["PIPELINE_VERSION", "Settings", "run"]


def __getattr__(name: str):
    """``ingest.run`` and ``ingest.Settings``, imported on first use: ``import ingest`` stays cheap
    for the modules that only need ``PIPELINE_VERSION``."""
    if name == "run":
        from ingest.runner import run

        return run
    if name == "Settings":
        from ingest.settings import Settings

        return Settings
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
