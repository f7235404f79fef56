"""The clean source articles the noisy documents are made from.

Each file in ``bench/corpus/clean/`` holds one article: its title on the first
line, then paragraphs separated by blank lines. A paragraph of one short line
without closing punctuation is a section heading. The language is English
unless the name says otherwise (``rail-punctuality.de.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus" / "clean"
DEFAULT_LANGUAGE = "en"
SENTENCE_END = (".", "!", "?", ":", '"', "”", "»", ")")


@dataclass(frozen=True)
class Article:
    """A clean article: the gold every noisy variant of it is measured against."""

    name: str
    language: str
    title: str
    paragraphs: tuple[str, ...]

    def is_heading(self, index: int) -> bool:
        """A section heading: a short single line that does not end a sentence."""
        paragraph = self.paragraphs[index]
        return "\n" not in paragraph and len(paragraph.split()) <= 12 and not paragraph.endswith(SENTENCE_END)

    @property
    def word_count(self) -> int:
        return len(self.title.split()) + sum(len(p.split()) for p in self.paragraphs)


def load_articles(directory: Path = CORPUS_DIR) -> list[Article]:
    """All articles of a directory, sorted by file name so the order is stable."""
    articles = [parse_article(path.name, path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.txt"))]
    if not articles:
        raise FileNotFoundError(f"no clean articles (*.txt) in {directory}")
    return articles


def parse_article(file_name: str, text: str) -> Article:
    stem = file_name.removesuffix(".txt")
    name, _, language = stem.rpartition(".")
    if not name or len(language) != 2:
        name, language = stem, DEFAULT_LANGUAGE
    blocks = [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]
    if len(blocks) < 2:
        raise ValueError(f"{file_name}: an article needs a title and at least one paragraph")
    return Article(name=name, language=language, title=blocks[0], paragraphs=tuple(blocks[1:]))
