"""The key of a refusal: the file's state when it was refused.

Its own module because both sides use it: a batch's worker makes one when it
refuses a file (``ingest.pipeline``), and planning compares them with the files
found (``ingest.incremental``), which the workers do not import.
"""

from __future__ import annotations

from typing import NamedTuple

from ingest.discover import FileStamp


class RejectKey(NamedTuple):
    """What identifies a refused file's state, stored with its ``rejects`` row.

    ``size`` is the file's size when known, whether or not its stamp is trusted yet.
    """

    content_sha256: str | None
    stamp: FileStamp | None
    size: int | None = None
    limit: str | None = None
    limit_value: float | None = None
