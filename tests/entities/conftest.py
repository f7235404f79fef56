"""Fixtures for the entity tests: the spaCy pipeline is loaded once per session (seconds)."""

from __future__ import annotations

import hashlib

import pytest

from ingest.document import Document, doc_id_for
from ingest.entities import EntityTagger, load_tagger


@pytest.fixture(scope="session")
def tagger() -> EntityTagger:
    return load_tagger()


def _make_document(text: str, name: str = "doc", language: str = "en") -> Document:
    """A document as the cleaning stage hands it on: clean text and a detected language."""
    source = f"tests/{name}.txt"
    return Document(
        doc_id=doc_id_for(source),
        source_uri=source,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        size_bytes=len(text.encode()),
        raw_text=text,
        encoding="utf-8",
        media_type="text/plain",
        text=text,
        language=language,
        language_score=0.99,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


@pytest.fixture(scope="session")
def make_document():
    """Build a Document from clean text: ``make_document(text, name="doc", language="en")``."""
    return _make_document
