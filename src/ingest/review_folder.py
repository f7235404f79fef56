"""Where a warehouse's review pages go: a folder beside the warehouse file, named after it.

Its own module, because discovery must know the name too (a warehouse kept in
the source tree must not have its review read back as documents), and
discovery does not import the review's templates.
"""

from __future__ import annotations

from pathlib import Path


def review_folder(warehouse_path: Path | str) -> Path:
    """Where a warehouse's review goes by default: ``ingest.review/`` beside ``ingest.duckdb``."""
    warehouse_path = Path(warehouse_path)
    return warehouse_path.with_name(f"{warehouse_path.stem}.review")
