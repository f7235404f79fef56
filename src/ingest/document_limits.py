"""What one document may cost: wall time, CPU time and memory, and the reject a document gets past them.

A hostile or broken file (a PDF whose objects point to themselves, an xref that
claims two billion entries, a compressed stream that expands a thousandfold) can
keep a reader busy forever or exhaust the machine's memory. Each document is
therefore read, extracted and cleaned under these limits (``ingest.guard``), and
one that exceeds a limit becomes a reject naming the limit and its value. That
reject is kept for the file's content hash like any other, except that a run
with a higher value of the same limit tries the file again (``incremental``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.decode import RejectedInput

# Defaults for a laptop. The largest documents ingest accepts (64 MiB of text)
# clean in a few minutes of CPU and under 3 GB; 16 MB took 77 s of CPU and
# 696 MB at peak (bench/results/large_document_16mb.txt). A file that needs more
# is rejected and tried again by a run with higher limits.
DEFAULT_WALL_SECONDS = 600.0
DEFAULT_CPU_SECONDS = 300.0
DEFAULT_MEMORY_MB = 3072

WALL_SECONDS = "wall_seconds"
CPU_SECONDS = "cpu_seconds"
MEMORY_MB = "memory_mb"
LIMIT_NAMES = (WALL_SECONDS, CPU_SECONDS, MEMORY_MB)


@dataclass(frozen=True)
class DocumentLimits:
    """The limits one document is read, extracted and cleaned under, together (not per step)."""

    wall_seconds: float = DEFAULT_WALL_SECONDS
    cpu_seconds: float = DEFAULT_CPU_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def value_of(self, limit: str) -> float:
        """The value of the limit named as in a reject row (``wall_seconds``, ``cpu_seconds``, ``memory_mb``)."""
        return float(getattr(self, limit))


class LimitExceeded(RejectedInput):
    """A document needed more than a limit allows; the reject records which limit and its value."""

    def __init__(self, limit: str, value: float) -> None:
        super().__init__(_REASONS[limit].format(value=value))
        self.limit = limit
        self.value = float(value)

    def __reduce__(self) -> tuple:
        return (LimitExceeded, (self.limit, self.value))


_REASONS = {
    WALL_SECONDS: "reading and cleaning the file took longer than the {value:g} s allowed for one document",
    CPU_SECONDS: "reading and cleaning the file used more than the {value:g} s of CPU allowed for one document",
    MEMORY_MB: "reading and cleaning the file needed more than the {value:g} MB of memory allowed for one document",
}
