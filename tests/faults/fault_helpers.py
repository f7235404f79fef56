"""Helpers shared by the fault tests: small source trees, article-like text."""

from __future__ import annotations

import os
from pathlib import Path

# Long enough for language detection and the cleaning rules to treat it as an article body.
ARTICLE = (
    "The foreign ministers of both countries met in Moscow on Tuesday to discuss trade, energy and security.\n\n"
    "They agreed to expand cooperation on transport corridors and to meet again before the end of the year.\n"
)


def write_bytes_name(folder: Path, name: bytes, data: bytes) -> Path:
    """Create a file whose name is the given bytes, valid UTF-8 or not."""
    path = Path(folder, os.fsdecode(name))
    path.write_bytes(data)
    return path
