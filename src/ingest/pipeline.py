"""The per-file stages composed: read, decode, clean, detect language.

This is the CPU-bound part of a run that needs no shared state, so it runs on
batches of files in any worker. Stages that need the whole corpus (deduplication)
or a loaded model (entities) come after, in the flow.

A batch is driven from the run's process but its files are extracted and
cleaned in a document guard's worker, which is forked with the cleaning stack
already imported. The steps that run there import that stack (formats,
cleaning rules, langdetect) when first called, so the process that only drives
the guards never loads it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ingest.change_rows import ChangeRows, change_rows
from ingest.decode import RawFile, RejectedInput, decode, read_file
from ingest.discover import SourceFile, trusted_stamp
from ingest.document import Document, doc_id_for, normalized_text_hash
from ingest.document_limits import DocumentLimits, LimitExceeded
from ingest.formats import Extracted, extract_as
from ingest.guard import DocumentBudget, DocumentGuard, GuardUnavailable, WorkerCrashed, borrowed
from ingest.reject_keys import RejectKey
from ingest.rules import CleaningContext
from ingest.source_records import RawRecord, SourceRecord, read_record, record_cursors

if TYPE_CHECKING:
    from ingest.clean import CleanResult
    from ingest.dedup.evidence import DedupEvidence
    from ingest.language import LanguageGuess

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Cleaning guesses the language from the middle of the repaired text before its
# language-dependent repairs. When cleaning kept at least this share of the text,
# that guess was taken from the same words and stands; below it, cleaning removed
# so much that the guess may have been about boilerplate, and the clean text is
# detected anew. Lower saves detections (langdetect is a third of cleaning's cost);
# higher re-detects more documents whose guess was already right.
REUSE_GUESS_MIN_KEPT_SHARE = 0.8


@dataclass
class BatchResult:
    """The documents of a batch, and the files refused with the reason why."""

    documents: list[Document] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    # What each refused file was when it was refused (see ``incremental.plan_run``).
    reject_keys: dict[str, RejectKey] = field(default_factory=dict)
    # What deduplication needs of each document, hashed here rather than in the run's one process.
    dedup_evidence: dict[str, DedupEvidence] = field(default_factory=dict)
    # Each document's changes split into removal and repair rows, also where it was cleaned:
    # with limits, the only record of them the batch returns (documents come back without their changes).
    change_rows: dict[str, ChangeRows] = field(default_factory=dict)
    seconds: float = 0.0
    # CPU time of the thread that processed the batch: what the batch cost whatever
    # else shared the cores, which wall time on a busy machine does not say.
    cpu_seconds: float = 0.0


def read_source(source: SourceFile) -> tuple[RawFile, Extracted]:
    """Read one file and extract its text in its format; raises ``RejectedInput`` with a readable reason."""
    raw = read_bytes(source)
    return raw, decode_source(source, raw)


def read_bytes(source: SourceFile) -> RawFile:
    """A file's bytes, or a record's read back from its record file."""
    if isinstance(source, SourceRecord):
        return read_record(source)
    return read_file(source.path, source.root)


def decode_source(source: SourceFile, raw: RawFile) -> Extracted:
    """The document's text in its format; a record's format is its media type's, and its fields fill in title, author, date."""
    if not isinstance(raw, RawRecord):
        return decode(raw.data, source.source_uri)
    extracted = extract_as(raw.data, raw.media_type, source.source_uri)
    found = {key: raw.metadata[key] for key in ("title", "author", "published") if raw.metadata.get(key)}
    return replace(extracted, metadata={**found, **extracted.metadata})


def clean_source(source: SourceFile, raw: RawFile, decoded: Extracted, context: CleaningContext | None) -> Document:
    """Clean one decoded file into a document; raises ``RejectedInput`` when nothing is left.

    Metadata the format found (an HTML page's title and byline) wins over what
    cleaning guesses from the text. A text with prose is never emptied (the
    body-loss guard of ``clean_text``): only a file without a sentence of prose
    can be refused as boilerplate.
    """
    from ingest.boilerplate.text_kind import kind_of
    from ingest.clean import clean_text

    context = replace(
        context or CleaningContext(),
        article_chosen=decoded.article_chosen,
        input_kind=kind_of(decoded.media_type, decoded.text),
    )
    cleaned = clean_text(decoded.text, context, decoded.markup_removals)
    if not cleaned.text.strip():
        raise RejectedInput("nothing is left after cleaning: the file holds no prose, only boilerplate")
    guess = _language_of(cleaned, decoded)
    return Document(
        doc_id=doc_id_for(source.source_uri),
        source_uri=source.source_uri,
        content_sha256=raw.sha256,
        size_bytes=len(raw.data),
        raw_text=decoded.text,
        encoding=decoded.encoding,
        media_type=decoded.media_type,
        text=cleaned.text,
        title=decoded.metadata.get("title") or cleaned.title,
        author=decoded.metadata.get("author") or cleaned.author,
        author_bio=cleaned.author_bio,
        published=_published(decoded),
        changes=cleaned.changes,
        language=guess.language,
        language_score=guess.score,
        text_sha256=normalized_text_hash(cleaned.text),
        stamp=raw.stamp,
        input_kind=cleaned.input_kind.value,
        review_reason=cleaned.review_reason,
        metadata=dict(raw.metadata) if isinstance(raw, RawRecord) else dict(decoded.fields) or None,
    )


def clean_and_prepare(
    source: SourceFile, raw: RawFile, decoded: Extracted, context: CleaningContext | None
) -> tuple[Document, DedupEvidence, ChangeRows]:
    """``clean_source``, and what the run's process needs of the document besides: its deduplication
    evidence and its change rows, computed in the same worker."""
    from ingest.dedup.evidence import dedup_evidence

    document = clean_source(source, raw, decoded, context)
    return document, dedup_evidence(document), change_rows(document)


def clean_for_the_run(
    source: SourceFile, raw: RawFile, decoded: Extracted, context: CleaningContext | None
) -> tuple[Document, DedupEvidence, ChangeRows]:
    """``clean_and_prepare`` for a run's process waiting across a pipe: the document without its changes.

    The run's process loads a document's changes as its change rows and never
    reads the change objects; rebuilding them from the pipe (a hundred a document)
    was most of what driving a guard cost that process, which also deduplicates
    and loads.
    """
    document, evidence, rows = clean_and_prepare(source, raw, decoded, context)
    return replace(document, changes=[]), evidence, rows


def _published(decoded: Extracted) -> date | None:
    """The publication date the format found, when it is an ISO date."""
    try:
        return date.fromisoformat(decoded.metadata.get("published", ""))
    except ValueError:
        return None


def _language_of(cleaned: CleanResult, decoded: Extracted) -> LanguageGuess:
    """Cleaning's guess when the clean text is mostly the text it was made on, else a detection of the clean text.

    Cleaning guesses after the format's own removals (an HTML page's furniture and
    what its extractor dropped), so the share kept is measured against the text
    left by them: measured against the whole page, nearly every web page was
    detected twice.
    """
    from ingest.language import UNKNOWN, detect_language

    guess = cleaned.language
    guessed_on = len(decoded.text) - sum(removal.end - removal.start for removal in decoded.markup_removals)
    if guess is None or guess.language == UNKNOWN or len(cleaned.text) < REUSE_GUESS_MIN_KEPT_SHARE * guessed_on:
        return detect_language(cleaned.text)
    return guess


def process_file(source: SourceFile, context: CleaningContext | None = None) -> Document:
    """One file to one cleaned document; raises ``RejectedInput`` with a readable reason."""
    raw, decoded = read_source(source)
    return clean_source(source, raw, decoded, context)


def process_batch(
    sources: Iterable[SourceFile], context: CleaningContext | None = None, limits: DocumentLimits | None = None
) -> BatchResult:
    """Process a batch: a bad file becomes a reject, never a failed batch.

    The batch's spellings are learned first (``Su-35`` seen in one document repairs
    ``Su35`` in another), so every document is cleaned with what its batch knows.
    An unexpected error is a defect of the pipeline, not of the file; it still
    costs only that file (a reject naming the error, and a logged traceback) so that
    one odd document cannot fail a whole scheduled run.

    With ``limits``, each file is extracted and cleaned in a killable worker
    process (``ingest.guard``) and one that exceeds a limit is a reject naming it,
    and a document's changes come back as its change rows alone (``clean_for_the_run``);
    without, everything runs in this thread (for callers that trust their input).
    Reading the file stays here: it is bounded by the file size limit. A record
    of a record file is one document like a file: read back here, then extracted
    and cleaned under its own budget.
    """
    started, started_cpu = time.perf_counter(), time.thread_time()
    result = BatchResult()
    with _steps(limits) as steps, record_cursors():
        decoded = []
        for source in sources:
            budget = steps.budget()
            raw = _guarded(result, source, None, read_bytes, source)
            text = raw and _guarded(result, source, raw, steps.call, budget, decode_source, source, raw)
            if text:
                decoded.append((source, raw, text, budget))
        context = context or CleaningContext()
        learned = steps.spellings([d.text for _, _, d, _ in decoded]) if decoded else {}
        context = replace(context, preferred_spellings={**learned, **context.preferred_spellings})
        for source, raw, text, budget in decoded:
            cleaned = _guarded(result, source, raw, steps.call, budget, steps.clean, source, raw, text, context=context)
            if cleaned is not None:
                document, evidence, rows = cleaned
                result.documents.append(document)
                result.dedup_evidence[document.doc_id] = evidence
                result.change_rows[document.doc_id] = rows
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.thread_time() - started_cpu
    return result


def learn_spellings(texts: list[str]) -> dict[str, str]:
    """The batch's preferred spellings (``normalize.preferred_spellings``), learned from its decoded texts."""
    from ingest.normalize import preferred_spellings  # wordfreq's lists: loaded when a batch has files

    return preferred_spellings(texts)


class _InThisThread:
    """The steps of a batch run here, unguarded: the same calls as a ``DocumentGuard``'s."""

    clean = staticmethod(clean_and_prepare)

    def budget(self) -> None:
        return None

    def call(self, budget: None, step: Callable[..., T], *args: object, context: object = None) -> T:
        return step(*args, context) if context is not None else step(*args)

    def spellings(self, texts: list[str]) -> dict[str, str]:
        return learn_spellings(texts)


class _Guarded:
    """The steps of a batch run in a guard's child, each document under its own budget."""

    clean = staticmethod(clean_for_the_run)

    def __init__(self, guard: DocumentGuard) -> None:
        self.guard = guard

    def budget(self) -> DocumentBudget:
        return DocumentBudget.start(self.guard.limits)

    def call(self, budget: DocumentBudget, step: Callable[..., T], *args: object, context: object = None) -> T:
        return self.guard.call(budget, step, *args, context=context)

    def spellings(self, texts: list[str]) -> dict[str, str]:
        """The batch's spellings learned in the guard's child, off the process that deduplicates and loads.

        Tokenising every text of the batch is a second of CPU for 2,000 documents,
        taken from deduplication and the load when done in the run's process. Every
        text already passed its own limits; should the child still die or run out
        of its budget on their sum, the spellings are learned here instead.
        """
        try:
            return self.guard.call(self.budget(), learn_spellings, texts)
        except (LimitExceeded, WorkerCrashed) as failure:
            logger.warning("learning the batch's spellings in the guard failed (%s); learned in this process", failure)
            return learn_spellings(texts)


@contextmanager
def _steps(limits: DocumentLimits | None) -> Iterator[_InThisThread | _Guarded]:
    if limits is None:
        yield _InThisThread()
        return
    with borrowed(limits) as guard:
        yield _Guarded(guard)


def _guarded(result: BatchResult, source: SourceFile, raw: RawFile | None, step: Callable[..., T], *args: object, **kwargs: object) -> T | None:
    """Run one step for one file, turning its failure into a reject row keyed by what the file was."""
    try:
        return step(*args, **kwargs)
    except LimitExceeded as exceeded:
        result.rejects.append((source.source_uri, str(exceeded)))
        result.reject_keys[source.source_uri] = _reject_key(source, raw)._replace(
            limit=exceeded.limit, limit_value=exceeded.value
        )
        return None
    except RejectedInput as reason:
        result.rejects.append((source.source_uri, str(reason)))
    except GuardUnavailable:
        raise  # the machine's fault, not the file's: the run fails with it
    except Exception as error:
        logger.exception("the pipeline failed on %s", source.source_uri)
        result.rejects.append(
            (source.source_uri, f"the pipeline failed on this file (a defect to report): {type(error).__name__}: {error}")
        )
    result.reject_keys[source.source_uri] = _reject_key(source, raw)
    return None


def _reject_key(source: SourceFile, raw: RawFile | None) -> RejectKey:
    """The hash and stamp of a refused file: of the bytes read, or only the stamp when it could not be read."""
    if raw is not None:
        return RejectKey(raw.sha256, raw.stamp, len(raw.data))
    try:
        status = os.lstat(source.path)
    except OSError:
        return RejectKey(None, None)
    return RejectKey(None, trusted_stamp(status), status.st_size)
