"""Plain text: the decoded characters are the document, as they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.decode import decode_text
from ingest.formats.interface import Extracted


@dataclass(frozen=True)
class TextFormat:
    """A format whose text is the file's characters; known by its file name suffixes.

    With no suffixes it accepts any file, which is why plain text comes last in the
    registry: whatever no other format claims is read as text, or refused by the
    decoder with the reason it is not text.
    """

    name: str
    media_type: str
    suffixes: frozenset[str] = frozenset()

    def sniff(self, data: bytes, name: str) -> bool:
        return not self.suffixes or Path(name).suffix.lower() in self.suffixes

    def extract(self, data: bytes, name: str) -> Extracted:
        decoded = decode_text(data)
        return Extracted(decoded.text, decoded.encoding, self.media_type)


FORMAT = TextFormat("plain text", "text/plain")
