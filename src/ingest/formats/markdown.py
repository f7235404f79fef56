"""Markdown: read as text; its markup is repaired by cleaning's markup rules, with a record."""

from __future__ import annotations

from ingest.formats.plain_text import TextFormat

FORMAT = TextFormat("markdown", "text/markdown", frozenset({".md", ".markdown"}))
