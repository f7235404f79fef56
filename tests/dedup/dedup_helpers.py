"""Documents and runs for the deduplication tests, built the way the flow builds them."""

import hashlib
import re
from datetime import datetime

from bench.dedup_corpus import render
from ingest import dedup, load
from ingest.dedup import CONTAINMENT_THRESHOLD
from ingest.document import Document, normalized_text_hash

NOW = datetime(2025, 1, 1)


def make_document(doc_id: str, text: str, raw: str | None = None) -> Document:
    raw = text if raw is None else raw
    return Document(
        doc_id=doc_id,
        source_uri=f"file:///corpus/{doc_id}.txt",
        content_sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        size_bytes=len(raw.encode("utf-8")),
        raw_text=raw,
        encoding="utf-8",
        media_type="text/plain",
        text=text,
        language="en",
        language_score=0.99,
        text_sha256=normalized_text_hash(text),
    )


def load_run(con, index, batches, run_id="run-1"):
    """Deduplicate and load batches in one transaction, in the flow's order."""
    con.execute("BEGIN TRANSACTION")
    for batch in batches:
        outcome = index.deduplicate(batch)
        load.write_documents(con, batch, run_id, "test", NOW)
        dedup.persist(con, outcome, run_id)
    con.execute("COMMIT")


def body_tuples(text, common=frozenset()):
    """The oracle for what the index compares: word 5-tuples within each line, lines in ``common`` left out.

    Plain Python sets of tuples, no hashing; ``common`` holds lines through
    ``dedup.normalize_passage``.
    """
    found = set()
    for line in text.splitlines():
        if dedup.normalize_passage(line) in common:
            continue
        words = re.findall(r"\w+", line.casefold())
        found |= {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
    return found


def containment(left, right, common=frozenset()):
    """Share of the smaller body tuple set found in the other, by the oracle."""
    a, b = body_tuples(left, common), body_tuples(right, common)
    return len(a & b) / min(len(a), len(b))


def jaccard(left, right, common=frozenset()):
    a, b = body_tuples(left, common), body_tuples(right, common)
    return len(a & b) / len(a | b)


def bridge_texts(writer, paragraphs):
    """Three texts x, z, y: y is a near copy of both x and z, which are not near copies of each other."""
    sentences = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
    chosen = writer.rng.permutation(len(sentences))[: (len(sentences) * 3) // 5]
    far, middle = [list(p) for p in paragraphs], [list(p) for p in paragraphs]
    for k, position in enumerate(chosen):
        i, j = sentences[position]
        replacement = writer.sentence()
        far[i][j] = replacement
        if k % 2 == 0:
            middle[i][j] = replacement
    x, z, y = render(paragraphs), render(far), render(middle)
    assert containment(x, z) < CONTAINMENT_THRESHOLD <= min(containment(x, y), containment(y, z))
    return x, z, y
