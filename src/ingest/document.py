"""The document record that flows through the stages.

One plain, mutable record per document: each stage fills the fields it owns and
leaves the rest alone, so a stage can be tested on a hand-made record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from ingest.discover import FileStamp
from ingest.traced_text import Change


@dataclass
class Mention:
    """One entity mention; offsets index ``Document.text``."""

    entity_id: str
    label: str
    text: str
    start: int
    end: int
    sentence_index: int


@dataclass
class Document:
    """A document from its source file to its warehouse rows."""

    doc_id: str
    source_uri: str
    content_sha256: str
    size_bytes: int
    raw_text: str
    encoding: str
    media_type: str
    text: str = ""
    title: str | None = None
    author: str | None = None
    author_bio: str | None = None
    published: date | None = None  # the publication date the source states (HTML pages)
    changes: list[Change] = field(default_factory=list)
    language: str = "unknown"
    language_score: float = 0.0
    text_sha256: str = ""
    duplicate_of: str | None = None
    duplicate_method: str | None = None
    duplicate_similarity: float | None = None
    mentions: list[Mention] = field(default_factory=list)
    stamp: FileStamp | None = None
    input_kind: str = "prose"  # what kind of document cleaning took it for (``ingest.input_kinds``)
    review_reason: str | None = None  # why a person should look at its cleaning (``ingest.body_loss``)
    metadata: dict[str, str] | None = None  # a record's other fields (JSONL, Parquet, CSV) or its URL and capture date (WARC)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def doc_id_for(source_uri: str) -> str:
    """A stable id from the source path, so a changed file replaces its previous version."""
    return hashlib.sha256(source_uri.encode("utf-8")).hexdigest()[:16]


def normalized_text_hash(text: str) -> str:
    """Hash of the text with case and whitespace folded: equal for exact duplicates."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
