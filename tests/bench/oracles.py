"""Cleaners whose quality is known in advance, to check the measurement rather than the pipeline."""

from __future__ import annotations

from bench.noisy import BODY, NoisyDocument
from ingest.clean import CleanResult
from ingest.traced_text import Edit, TracedText


def identity(document: NoisyDocument) -> CleanResult:
    """Changes nothing: keeps every body word and every word of boilerplate, repairs nothing."""
    return CleanResult(document.text, None, None, None, [])


def perfect(document: NoisyDocument, drop_paragraph: int | None = None) -> CleanResult:
    """Keeps exactly the body, repaired, one paragraph per blank-line-separated block.

    Every edit is recorded in raw-text offsets, as the pipeline records its own.
    ``drop_paragraph`` also removes one article paragraph, for near-miss tests.
    """
    body = [span for span in document.spans if span.kind == BODY]
    assert len(body) == len(document.reference)
    # A span that OCR damage merged into the one before it ("of'its") is empty: its word joins that one.
    kept = [[span, paragraph, span.clean] for span, paragraph in zip(body, document.paragraph_of)]
    for index in range(len(kept) - 1, 0, -1):
        if kept[index][0].end == kept[index][0].start:
            kept[index - 1][2] += " " + kept.pop(index)[2]
    kept = [entry for entry in kept if entry[1] != drop_paragraph]
    edits = []
    cursor = 0
    previous = None
    for span, paragraph, clean in kept:
        separator = "" if previous is None else (" " if paragraph == previous else "\n\n")
        edits.append(Edit(cursor, span.start, separator, "layout", "oracle"))
        if document.text[span.start : span.end] != clean:
            edits.append(Edit(span.start, span.end, clean, "repair", "oracle"))
        cursor, previous = span.end, paragraph
    edits.append(Edit(cursor, len(document.text), "", "layout", "oracle"))
    traced = TracedText(document.text)
    traced.apply([edit for edit in edits if document.text[edit.start : edit.end] != edit.after])
    return CleanResult(traced.text, document.title, document.author, None, traced.changes)
