"""A large, deterministic corpus for the pipeline benchmark.

Bodies come from ``bench.dedup_corpus`` (unique articles with planted exact, near
and far copies); a third of their sentences are swapped for sentences of the clean
English articles in ``bench/corpus/clean`` so that names, numbers and quotes occur
as often as in real news, which keeps the entity stage's cost realistic. Each body
is then dressed by ``bench.noisy.compose``: boilerplate of every kind, hard-wrapped
PDF layout with page furniture, OCR damage. Bodies run from 300 to 3,000 words,
log-normal around a median of 800 as news articles do (``dedup_corpus.news_length``),
plus boilerplate.

    .venv/bin/python -m bench.corpus_generator DIR --docs 1000 --seed 7 [--processes 2]

Bodies are drawn in order (a planted copy needs its original), but dressing a body
is seeded by the document's number alone, so it runs in a process pool and the
files are the same bytes whatever the number of processes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from bench import dedup_corpus
from bench.noisy.articles import Article, load_articles
from bench.noisy.compose import STYLE_WEIGHTS, compose

# Share of generated sentences replaced by a real one.
REAL_SENTENCE_SHARE = 1 / 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


# Bodies handed to each dressing process at a time: large enough to amortise the
# hand-over, small enough that the pool's queue stays a few megabytes.
CHUNK = 64


def write_corpus(directory: Path, count: int, seed: int = 7, processes: int = 1) -> None:
    """Write ``count`` noisy documents as ``NNNNNNN.txt`` files (the same arguments give the same bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    generated = dedup_corpus.generate(count, seed, length=dedup_corpus.news_length)
    bodies = ((number, document.doc_id, document.text) for number, document in enumerate(generated))
    if processes <= 1:
        for job in bodies:
            _write_document(directory, seed, job)
        return
    with ProcessPoolExecutor(processes) as pool:
        # map() consumes its input eagerly; chunks bound what waits in memory.
        while chunk := [job for _, job in zip(range(CHUNK * processes), bodies)]:
            list(pool.map(_write_document, [directory] * len(chunk), [seed] * len(chunk), chunk, chunksize=CHUNK))


def _write_document(directory: Path, seed: int, job: tuple[int, str, str]) -> None:
    number, doc_id, text = job
    english, real_sentences = _sources()
    paragraphs = tuple(_with_real_sentences(p, real_sentences) for p in text.split("\n\n"))
    article = Article(name=doc_id, language="en", title=_title(paragraphs[0]), paragraphs=paragraphs)
    rng = random.Random(f"{seed}:{number}")
    style = rng.choices(list(STYLE_WEIGHTS), weights=list(STYLE_WEIGHTS.values()))[0]
    noisy = compose(article, english, style, rng, doc_id)
    (directory / f"{number:07d}.txt").write_text(noisy.text, encoding="utf-8")


@lru_cache(maxsize=1)
def _sources() -> tuple[list[Article], list[str]]:
    """The English articles and their sentences, loaded once per process."""
    english = [a for a in load_articles() if a.language == "en"]
    real_sentences = [s for a in english for p in a.paragraphs if not _is_heading(p) for s in _SENTENCE.split(p)]
    return english, real_sentences


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
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    write_corpus(args.directory, args.docs, args.seed, args.processes)


if __name__ == "__main__":
    main()
