"""What a run may be tuned by, in one typed object: the CLI and ``prefect.yaml`` both build it.

A pydantic model, so that a deployment's parameters (plain YAML or JSON) are
checked and converted the same way as the CLI's options, and Prefect shows each
field in its run form. Every field has the default a run on a laptop wants.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ingest.document_limits import DEFAULT_CPU_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_WALL_SECONDS, DocumentLimits
from ingest.entities.model_names import MODEL_LANGUAGES, MODEL_PACKAGE
from ingest.formats.records import RecordFields
from ingest.warehouse import writer_memory_limit

# Files per batch. Large enough that a batch's scheduling cost (a few ms as a Prefect
# task) is noise next to cleaning, small enough that its documents fit easily in memory.
DEFAULT_BATCH_SIZE = 64
# Batches in flight per worker: one being cleaned while the next waits, so no worker
# idles between batches; memory stays bounded whatever the corpus size.
BATCHES_IN_FLIGHT_PER_WORKER = 2
# Never fewer than this in flight, so the run's own process loads one batch while
# the next is cleaned even with a single worker.
MIN_BATCHES_IN_FLIGHT = 4
# A line seen in at least this many earlier documents is treated as boilerplate evidence.
COMMON_LINE_MIN_DOCUMENTS = 5


class Settings(BaseModel):
    """How a run is carried out; none of it changes which documents a run loads, but the NER model changes mentions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    batch_size: int = Field(DEFAULT_BATCH_SIZE, ge=1, description="Files per batch (one task each).")
    workers: int = Field(1, ge=1, description="Batches processed at once by the executor or task runner.")
    in_flight_batches: int | None = Field(
        None, ge=1, description="Batches submitted and not yet loaded; by default from the number of workers."
    )
    skip_entities: bool = Field(False, description="Load without entity tagging (the slowest stage).")
    memory_limit: str = Field(
        default_factory=writer_memory_limit, description="DuckDB buffer pool of the writer, e.g. 256MB or 8GB."
    )
    ner_model: str = Field(MODEL_PACKAGE, description="Installed spaCy pipeline package that tags entities.")
    ner_languages: tuple[str, ...] = Field(
        tuple(sorted(MODEL_LANGUAGES)), description="Languages (ISO 639-1) the NER model covers; others are not tagged."
    )
    gazetteer: Path | None = Field(None, description="Gazetteer file (JSON lines); the packaged one by default.")
    common_line_min_documents: int = Field(
        COMMON_LINE_MIN_DOCUMENTS, ge=1, description="Documents a line must appear in to count as boilerplate evidence."
    )
    wait_for_lock: bool = Field(False, description="Wait for another run on the warehouse to end instead of stopping.")
    allow_mass_delete: bool = Field(
        False, description="Run even if the source is empty or more than half the documents would be marked deleted."
    )
    doc_timeout: float = Field(
        DEFAULT_WALL_SECONDS, gt=0, description="Seconds (wall time) one document may take to be read and cleaned."
    )
    doc_cpu_seconds: float = Field(
        DEFAULT_CPU_SECONDS, gt=0, description="Seconds of CPU one document may take to be read and cleaned."
    )
    doc_memory_mb: int = Field(
        DEFAULT_MEMORY_MB, ge=16, description="Memory (MB) one document may take to be read and cleaned."
    )
    text_field: str = Field("text", min_length=1, description="Field of a JSONL, Parquet or CSV record that holds its text.")
    id_field: str = Field("id", min_length=1, description="Field of a JSONL, Parquet or CSV record that names it.")
    guard_documents: bool = Field(
        True, description="Read and clean each document in a worker process that is killed at the limits above."
    )

    @property
    def document_limits(self) -> DocumentLimits | None:
        """The limits each document is read and cleaned under; None runs cleaning unguarded in the worker itself."""
        if not self.guard_documents:
            return None
        return DocumentLimits(self.doc_timeout, self.doc_cpu_seconds, self.doc_memory_mb)

    @property
    def record_fields(self) -> RecordFields:
        return RecordFields(self.text_field, self.id_field)

    @property
    def batches_in_flight(self) -> int:
        """Bounds a run's memory: at most this many batches are cleaned or tagged and not yet loaded."""
        if self.in_flight_batches is not None:
            return self.in_flight_batches
        return max(MIN_BATCHES_IN_FLIGHT, BATCHES_IN_FLIGHT_PER_WORKER * self.workers)
