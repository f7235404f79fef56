"""ingest: raw documents in, a clean, deduplicated, entity-tagged DuckDB corpus out."""

__version__ = "0.1.0"

# Bumped whenever a stage's output for the same input changes (a cleaning rule, the
# gazetteer, the model): documents loaded under an older version are reprocessed.
PIPELINE_VERSION = "2026.11.7"
