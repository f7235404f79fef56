"""Markdown: read as text, its front matter taken as metadata; its markup is repaired by cleaning's markup rules, with a record."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.formats.front_matter import front_matter
from ingest.formats.interface import Extracted
from ingest.formats.plain_text import TextFormat


@dataclass(frozen=True)
class MarkdownFormat(TextFormat):
    """Text whose opening front matter (``---`` YAML ``---``) is metadata, recorded as removed from the body."""

    def extract(self, data: bytes, name: str) -> Extracted:
        read = super().extract(data, name)
        found = front_matter(read.text)
        if not found.removals:
            return read
        return replace(read, metadata=found.metadata, fields=found.fields, markup_removals=found.removals)


FORMAT = MarkdownFormat("markdown", "text/markdown", frozenset({".md", ".markdown"}))
