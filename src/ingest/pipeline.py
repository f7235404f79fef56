"""The per-file stages composed: read, decode, clean, detect language.

This is the CPU-bound part of a run that needs no shared state, so it runs on
batches of files in any worker. Stages that need the whole corpus (deduplication)
or a loaded model (entities) come after, in the flow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.clean import clean_text
from ingest.decode import RejectedInput, decode, read_file
from ingest.discover import SourceFile
from ingest.document import Document, doc_id_for, normalized_text_hash
from ingest.language import detect_language
from ingest.rules import CleaningContext

logger = logging.getLogger(__name__)


@dataclass
class BatchResult:
    """The documents of a batch, and the files refused with the reason why."""

    documents: list[Document] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def process_file(source: SourceFile, context: CleaningContext | None = None) -> Document:
    """One file to one cleaned document; raises ``RejectedInput`` with a readable reason."""
    raw = read_file(source.path)
    decoded = decode(raw.data, source.source_uri)
    cleaned = clean_text(decoded.text, context, decoded.markup_removals)
    if not cleaned.text.strip():
        raise RejectedInput("nothing is left after cleaning: the file holds only boilerplate")
    guess = detect_language(cleaned.text)
    return Document(
        doc_id=doc_id_for(source.source_uri),
        source_uri=source.source_uri,
        content_sha256=raw.sha256,
        size_bytes=len(raw.data),
        raw_text=decoded.text,
        encoding=decoded.encoding,
        media_type=decoded.media_type,
        text=cleaned.text,
        title=cleaned.title,
        author=cleaned.author,
        author_bio=cleaned.author_bio,
        changes=cleaned.changes,
        language=guess.language,
        language_score=guess.score,
        text_sha256=normalized_text_hash(cleaned.text),
    )


def process_batch(sources: Iterable[SourceFile], context: CleaningContext | None = None) -> BatchResult:
    """Process files independently: a bad file becomes a reject, never a failed batch.

    An unexpected error is a defect of the pipeline, not of the file; it still
    costs only that file (a reject naming the error, and a logged traceback) so that
    one odd document cannot fail a whole scheduled run.
    """
    started = time.perf_counter()
    result = BatchResult()
    for source in sources:
        try:
            result.documents.append(process_file(source, context))
        except RejectedInput as reason:
            result.rejects.append((source.source_uri, str(reason)))
        except Exception as error:
            logger.exception("the pipeline failed on %s", source.source_uri)
            result.rejects.append(
                (source.source_uri, f"the pipeline failed on this file (a defect to report): {type(error).__name__}: {error}")
            )
    result.seconds = time.perf_counter() - started
    return result
