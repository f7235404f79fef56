"""Which paragraphs of a page are its article: the extractors' votes weighed with the markup's evidence.

Each main-content extractor keeps whole blocks, and each fails in its own way:
trafilatura keeps a page's comments or a listing around the article, readability
keeps one container and loses the article's parts outside it. Taking one answer,
or the paragraphs both kept, leaves most of the gain of the better answer per page
on the table (``bench/extractor_choice.py``). Here every paragraph is judged on
its own: what each extractor said about it and its neighbours, its block element
and the share of its text in links, whether it sits in the page's ``article`` or
``main``, its length, punctuation and place on the page, and how much of the page
each extractor kept. None of it reads the page's words, so it holds in every
language.

The weighing is gradient-boosted trees (``bench/train_article_paragraphs.py``),
fitted on the tuning halves of both HTML dev sets, each set weighing the same, and
stored as ``ingest/data/article_paragraph_model.json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from ingest.html_text import BlockShape, RenderedHtml
from ingest.normalize.blocks import is_fence
from ingest.tree_ensemble import TreeEnsemble, packaged_ensemble

MODEL_FILE = "article_paragraph_model.json"
# The extractors whose answers the model weighs, in its column order.
EXTRACTORS = ("trafilatura", "readability")
# A paragraph's neighbourhood: this many paragraphs either side, itself included.
NEIGHBOURS = 3
FURNITURE_ELEMENTS = ("nav", "footer", "header", "aside", "form")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TABLE_PARTS = frozenset({"td", "tr", "table"})
# A paragraph is the article's when the model gives it at least this probability.
MIN_ARTICLE_PROBABILITY = 0.5
_WORDS = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
_PUNCTUATION = re.compile(r"[^\w\s]")
# Sentence and clause ends in Latin, CJK and other scripts, closing quotes and brackets after them.
_SENTENCE_END = re.compile(r"[.!?。！？…:;：；\"'”»)）」』]\s*$")

FEATURE_NAMES: tuple[str, ...] = (
    *(f"{name}_{what}" for name in EXTRACTORS for what in ("kept", "kept_nearby")),
    "furniture", *(f"furniture_{element}" for element in FURNITURE_ELEMENTS),
    "log_words", "log_chars", "sentence_end", "digit_share", "punctuation_share", "position", "log_paragraphs",
    "link_share", "tag_p", "tag_li", "tag_heading", "tag_table", "tag_div", "in_article", "link_share_nearby",
    *(f"{name}_page_share" for name in EXTRACTORS),
    "agreement",
)

Votes = Sequence[list[bool] | None]


def paragraph_features(rendered: RenderedHtml, paragraphs: list[tuple[int, int]], votes: Votes) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per paragraph of the rendering, built a column at a time.

    ``votes`` holds each extractor's kept paragraphs in ``EXTRACTORS`` order, None
    where it gave no answer (its columns are then -1); the paragraphs' shapes and
    furniture (``html_nav``...) come from the rendering.
    """
    text, shapes = rendered.text, rendered.shapes
    furniture = {removal.start: removal.rule for removal in rendered.removals}
    count = len(paragraphs)
    written = [text[start:end].strip() for start, end in paragraphs]
    read = [_as_read(paragraph, shape) for paragraph, shape in zip(written, shapes)]
    # Each paragraph's span, its separator included, as long as the features read it.
    lengths = [end - start - len(full) + len(seen) for (start, end), full, seen in zip(paragraphs, written, read)]
    total = sum(lengths) or 1
    rules = [furniture.get(start, "") for start, _ in paragraphs]
    columns: list[list[float]] = []
    for kept in votes:
        columns += [[-1.0] * count] * 2 if kept is None else [[float(keep) for keep in kept], _nearby_share(kept)]
    columns.append([float(bool(rule)) for rule in rules])
    columns += [[float(rule == f"html_{element}") for rule in rules] for element in FURNITURE_ELEMENTS]
    columns += [
        [math.log1p(len(_WORDS.findall(paragraph))) for paragraph in read],
        [math.log1p(len(paragraph)) for paragraph in read],
        [float(bool(_SENTENCE_END.search(paragraph))) for paragraph in read],
        [_count(_DIGITS, paragraph) / (len(paragraph) or 1) for paragraph in read],
        [_count(_PUNCTUATION, paragraph) / (len(paragraph) or 1) for paragraph in read],
        [index / count for index in range(count)],
        [math.log1p(count)] * count,
        [shape.link_share for shape in shapes],
        [float(shape.tag == "p") for shape in shapes],
        [float(shape.tag == "li") for shape in shapes],
        [float(shape.tag in HEADINGS) for shape in shapes],
        [float(shape.tag in TABLE_PARTS) for shape in shapes],
        [float(shape.tag == "div") for shape in shapes],
        [float(shape.in_article) for shape in shapes],
        _nearby_share([shape.link_share for shape in shapes]),
    ]
    page = [_kept_share(lengths, kept, total) for kept in votes] + [_agreement(lengths, votes)]
    columns += [[value] * count for value in page]
    return np.array(columns, dtype=np.float64).T.reshape(count, len(FEATURE_NAMES))


def article_paragraphs(rendered: RenderedHtml, paragraphs: list[tuple[int, int]], votes: Votes) -> list[bool]:
    """For each paragraph, whether the model takes it for the article's."""
    rows = paragraph_features(rendered, paragraphs, votes)
    return [bool(p >= MIN_ARTICLE_PROBABILITY) for p in article_paragraph_model().probability(rows)]


@cache
def article_paragraph_model() -> TreeEnsemble:
    """The committed model; fails loudly when it was trained on other features than these."""
    return packaged_ensemble(MODEL_FILE, FEATURE_NAMES, "bench/train_article_paragraphs.py")


def _as_read(paragraph: str, shape: BlockShape) -> str:
    """The paragraph as its features read it: a ``pre`` block's code on one line, without its fences.

    The rendering keeps code's lines and fences for cleaning to keep; the weighing
    judges code by its words and marks, whatever its layout.
    """
    if shape.tag != "pre":
        return paragraph
    lines = paragraph.split("\n")
    if len(lines) > 2 and is_fence(lines[0]) and is_fence(lines[-1]):
        lines = lines[1:-1]
    return " ".join(" ".join(lines).split())


def _count(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]


def _nearby_share(values: Sequence[float]) -> list[float]:
    """Each value's mean over its neighbourhood (``NEIGHBOURS`` either side), from running sums."""
    sums = np.concatenate(([0.0], np.cumsum(np.asarray(values, dtype=np.float64))))
    index = np.arange(len(values))
    low = np.maximum(0, index - NEIGHBOURS)
    high = np.minimum(len(values), index + NEIGHBOURS + 1)
    return list((sums[high] - sums[low]) / (high - low))


def _kept_share(lengths: list[int], kept: list[bool] | None, total: int) -> float:
    return -1.0 if kept is None else sum(length for length, keep in zip(lengths, kept) if keep) / total


def _agreement(lengths: list[int], votes: Votes) -> float:
    """Characters every extractor kept over characters any kept; -1 when one gave no answer."""
    if any(kept is None for kept in votes):
        return -1.0
    either = sum(length for length, *kept in zip(lengths, *votes) if any(kept))
    both = sum(length for length, *kept in zip(lengths, *votes) if all(kept))
    return both / either if either else 1.0
