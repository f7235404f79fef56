"""A synthetic corpus with planted duplicates whose true similarity is known.

Articles are Zipf-distributed English words (wordfreq's frequencies over its
20,000 most common words) in sentences of 8 to 24 words, paragraphs of 3 to 7
sentences, 300 to 1,500 words in all (or any length drawn by ``generate``'s
``length``): unrelated articles share common words and
short phrases but almost no five-word run, as real ones do. Some later documents
are copies of an earlier article:

- ``exact``: the same text (sometimes the very same bytes, sometimes re-cased or
  re-spaced);
- ``near``: a few sentences rewritten, paragraphs swapped, typos, and a site's
  own header and footer around it;
- ``far``: heavier rewrites (10 to 35 % of the sentences replaced), most of
  them just under a whole-text Jaccard of 0.8: still the same article by the
  near-duplicate definition (``ingest.dedup.comparison``), counted apart.

Each copy's similarity to its source is measured here with plain Python sets of
word 5-tuples, independently of the code under test.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from wordfreq import top_n_list, word_frequency

VOCABULARY_SIZE = 20_000
MIN_WORDS, MAX_WORDS = 300, 1_500
# News articles' lengths are right-skewed: most run 500 to 1,200 words, a few 3,000.
NEWS_MEDIAN_WORDS, NEWS_SPREAD, NEWS_MAX_WORDS = 800, 0.6, 3_000
# Copies are made of one of this many most recent originals: copies land
# anywhere from the next document to thousands later, and memory stays bounded.
SOURCE_POOL = 5_000
SITES = [
    ("Home | World | Politics | Business | Opinion", "Subscribe to our newsletter for the latest world news, delivered daily."),
    ("Global Affairs Review - Analysis", "Share this article: Facebook Twitter LinkedIn Email. All rights reserved."),
    ("Menu Search Sign in Latest Stories", "Related posts: more analysis from our correspondents in the region."),
    ("The Policy Desk", "Comments are closed. Follow us for updates and read our privacy policy."),
]


@dataclass(frozen=True)
class GeneratedDocument:
    doc_id: str
    text: str
    raw: bytes
    kind: str  # "original", "exact", "near" or "far"
    source_id: str | None
    true_jaccard: float | None


class Writer:
    """Draws Zipf-distributed words and sentences from a seeded generator."""

    def __init__(self, seed: int, length: Callable[[np.random.Generator], int] | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        self.length = length or uniform_length
        self.words = np.array(top_n_list("en", VOCABULARY_SIZE))
        weights = np.array([word_frequency(w, "en") for w in self.words])
        self.cumulative = np.cumsum(weights / weights.sum())

    def sentence(self) -> str:
        return self._sentences([int(self.rng.integers(8, 25))])[0]

    def article(self) -> list[list[str]]:
        """Paragraphs of sentences, as many words as ``self.length`` draws."""
        target = self.length(self.rng)
        lengths = self.rng.integers(8, 25, size=target // 8 + 1)
        lengths = lengths[: int(np.searchsorted(np.cumsum(lengths), target)) + 1]
        sentences = self._sentences(lengths.tolist())
        paragraphs, start = [], 0
        while start < len(sentences):
            size = int(self.rng.integers(3, 8))
            paragraphs.append(sentences[start : start + size])
            start += size
        return paragraphs

    def _sentences(self, lengths: list[int]) -> list[str]:
        picks = np.searchsorted(self.cumulative, self.rng.random(sum(lengths)))
        words = self.words[np.minimum(picks, len(self.words) - 1)].tolist()
        sentences, start = [], 0
        for length in lengths:
            sentences.append(" ".join(words[start : start + length]).capitalize() + ".")
            start += length
        return sentences

    def rewrite_sentences(self, paragraphs: list[list[str]], fraction: float) -> list[list[str]]:
        return [[self.sentence() if self.rng.random() < fraction else s for s in p] for p in paragraphs]

    def swap_paragraphs(self, paragraphs: list[list[str]]) -> list[list[str]]:
        result = list(paragraphs)
        if len(result) > 1:
            i, j = self.rng.choice(len(result), 2, replace=False)
            result[i], result[j] = result[j], result[i]
        return result

    def typos(self, text: str, rate: float) -> str:
        words = text.split(" ")
        for i in np.flatnonzero(self.rng.random(len(words)) < rate):
            word = words[i]
            if len(word) > 3:
                k = int(self.rng.integers(0, len(word) - 2))
                words[i] = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        return " ".join(words)

    def framed(self, body: str) -> str:
        header, footer = SITES[int(self.rng.integers(len(SITES)))]
        return f"{header}\n\n{body}\n\n{footer}"


def render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs)


def shingle_set(text: str, width: int = 5) -> set[tuple[str, ...]]:
    """The oracle: word 5-tuples as Python tuples, no hashing."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < width:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + width]) for i in range(len(words) - width + 1)}


def true_jaccard(left: str, right: str) -> float:
    a, b = shingle_set(left), shingle_set(right)
    return len(a & b) / len(a | b) if a or b else 0.0


def uniform_length(rng: np.random.Generator) -> int:
    """300 to 1,500 words, evenly: the dedup benchmark's articles."""
    return int(rng.integers(MIN_WORDS, MAX_WORDS + 1))


def news_length(rng: np.random.Generator) -> int:
    """300 to 3,000 words, log-normal around a median of 800, as news articles run."""
    return int(np.clip(rng.lognormal(np.log(NEWS_MEDIAN_WORDS), NEWS_SPREAD), MIN_WORDS, NEWS_MAX_WORDS))


def generate(
    count: int,
    seed: int = 7,
    exact_rate: float = 0.05,
    near_rate: float = 0.10,
    far_rate: float = 0.03,
    length: Callable[[np.random.Generator], int] | None = None,
) -> Iterator[GeneratedDocument]:
    """``count`` documents, lazily, with planted copies of earlier originals at the given rates."""
    writer = Writer(seed, length)
    pool: deque[tuple[str, list[list[str]], str]] = deque(maxlen=SOURCE_POOL)
    for number in range(count):
        doc_id = f"doc{number:07d}"
        draw = writer.rng.random()
        if pool and draw < exact_rate + near_rate + far_rate:
            source_id, paragraphs, source_text = pool[int(writer.rng.integers(len(pool)))]
            if draw < exact_rate:
                yield _exact_copy(writer, doc_id, source_id, source_text)
            else:
                kind = "near" if draw < exact_rate + near_rate else "far"
                text = _near_copy(writer, paragraphs) if kind == "near" else _far_copy(writer, paragraphs)
                yield _document(doc_id, text, kind, source_id, true_jaccard(source_text, text))
            continue
        paragraphs = writer.article()
        text = render(paragraphs)
        pool.append((doc_id, paragraphs, text))
        yield _document(doc_id, text, "original", None, None)


def _exact_copy(writer: Writer, doc_id: str, source_id: str, source_text: str) -> GeneratedDocument:
    if writer.rng.random() < 0.5:
        return _document(doc_id, source_text, "exact", source_id, 1.0)
    respaced = source_text.replace(". ", ".  ").upper() if writer.rng.random() < 0.5 else source_text.replace("\n\n", "\n\n\n")
    return _document(doc_id, respaced, "exact", source_id, 1.0)


def _near_copy(writer: Writer, paragraphs: list[list[str]]) -> str:
    edited = writer.rewrite_sentences(paragraphs, float(writer.rng.uniform(0.0, 0.06)))
    if writer.rng.random() < 0.5:
        edited = writer.swap_paragraphs(edited)
    text = render(edited)
    if writer.rng.random() < 0.5:
        text = writer.typos(text, float(writer.rng.uniform(0.0, 0.01)))
    return writer.framed(text) if writer.rng.random() < 0.7 else text


def _far_copy(writer: Writer, paragraphs: list[list[str]]) -> str:
    return writer.framed(render(writer.rewrite_sentences(paragraphs, float(writer.rng.uniform(0.10, 0.35)))))


def _document(doc_id: str, text: str, kind: str, source_id: str | None, similarity: float | None) -> GeneratedDocument:
    return GeneratedDocument(doc_id, text, text.encode("utf-8"), kind, source_id, similarity)


def content_sha256(document: GeneratedDocument) -> str:
    return hashlib.sha256(document.raw).hexdigest()
