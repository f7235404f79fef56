"""A large, deterministic corpus for the pipeline benchmark.

Bodies come from ``bench.dedup_corpus`` (unique articles with planted exact, near
and far copies); a third of their sentences are swapped for sentences of the clean
English articles in ``bench/corpus/clean`` so that names, numbers and quotes occur
as often as in real news, which keeps the entity stage's cost realistic. Each body
is then dressed by ``bench.noisy.compose``: boilerplate of every kind, hard-wrapped
PDF layout with page furniture, OCR damage. Lengths run from 300 to 1,500 words
(``dedup_corpus``), plus boilerplate.

    .venv/bin/python bench/corpus_generator.py DIR --docs 1000 --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from pathlib import Path

from bench import dedup_corpus
from bench.noisy.articles import Article, load_articles
from bench.noisy.compose import STYLE_WEIGHTS, compose

# Share of generated sentences replaced by a real one.
REAL_SENTENCE_SHARE = 1 / 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def write_corpus(directory: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` noisy documents as ``NNNNNNN.txt`` files (the same arguments give the same bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    articles = load_articles()
    english = [a for a in articles if a.language == "en"]
    real_sentences = [s for a in english for p in a.paragraphs if not _is_heading(p) for s in _SENTENCE.split(p)]
    for number, generated in enumerate(dedup_corpus.generate(count, seed)):
        paragraphs = tuple(_with_real_sentences(p, real_sentences) for p in generated.text.split("\n\n"))
        article = Article(name=generated.doc_id, language="en", title=_title(paragraphs[0]), paragraphs=paragraphs)
        rng = random.Random(f"{seed}:{number}")
        style = rng.choices(list(STYLE_WEIGHTS), weights=list(STYLE_WEIGHTS.values()))[0]
        noisy = compose(article, english, style, rng, generated.doc_id)
        (directory / f"{number:07d}.txt").write_text(noisy.text, encoding="utf-8")


def _with_real_sentences(paragraph: str, real_sentences: list[str]) -> str:
    """Swap some sentences for real ones, keyed by the paragraph's text so copies stay copies."""
    rng = random.Random(hashlib.sha256(paragraph.encode()).digest())
    sentences = [s.strip() for s in paragraph.split(". ") if s.strip()]
    out = [rng.choice(real_sentences) if rng.random() < REAL_SENTENCE_SHARE else s.capitalize().rstrip(".") + "." for s in sentences]
    return " ".join(out)


def _title(paragraph: str) -> str:
    return " ".join(paragraph.split()[:7]).rstrip(".,;:").title()


def _is_heading(paragraph: str) -> bool:
    return len(paragraph.split()) <= 12 and not paragraph.endswith((".", "!", "?", '"', "”"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.directory, args.docs, args.seed)


if __name__ == "__main__":
    main()
