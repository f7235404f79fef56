"""What two documents are compared on, and the rule that calls them near duplicates.

A near duplicate is the same article body after the edits that syndication and
re-scraping make: a sentence reworded, paragraphs reordered, the last paragraph
or two dropped, typos, and other boilerplate around it. So the comparison:

- is made on the body: lines of fewer than ``SHINGLE_WORDS`` words (menus,
  share bars, "Advertisement") and passages that many distinct articles hold
  (an outlet's footer, a newsletter pitch, a statement quoted everywhere) are
  left out (``comparison_shingles``);
- uses shingles that never span a line break, so reordered paragraphs compare
  equal (``shingles.line_shingle_hashes``);
- measures containment as well as Jaccard: a truncated copy is mostly inside the
  full one even when their Jaccard is low (``measure``).

The thresholds were chosen on a precision/recall curve over labelled pairs
(``bench/dedup_pairs.py``; the chosen point and why are in ``QUALITY.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from ingest.dedup.passages import Line
from ingest.dedup.shingles import line_shingle_hashes, shared_count, shared_counts, shingle_hashes

# A passage held by at least this many distinct articles (copies of one article
# count once) is not evidence that two documents are the same article: two is
# what a pair of copies looks like, a third unrelated holder makes it shared
# text (boilerplate of an outlet, a widely quoted statement). Higher values
# leave an outlet's boilerplate in the comparison until more of its pages have
# been seen; lower ones would drop the paragraphs of any article seen twice.
COMMON_PASSAGE_DOCUMENTS = 3

# Candidates measured together (``measures``): 512 of a few thousand hashes are some 10 MB.
MEASURE_CHUNK = 512

# The rule, from the curve on labelled pairs (``bench/dedup_pairs.py``):
# containment is the share of the smaller comparison set found in the other. At
# 0.5 a copy survives up to half its body reworded, cut off or surrounded by
# unshared boilerplate; different articles on the same story, from the same
# outlet or sharing a long quotation stay well under it, because the only text
# they share is a quotation or a few names and phrases.
CONTAINMENT_THRESHOLD = 0.5
# And Jaccard at least this: the smaller document must also be a fair part of
# the larger one, so a short text wholly quoted by two long articles does not
# join them (and with them each other) into one cluster. A truncated copy that
# keeps half of the article's body still has Jaccard near 0.5.
JACCARD_FLOOR = 0.2


class Similarity(NamedTuple):
    """How alike two comparison sets are, and which one is the contained copy.

    ``containment`` is the share of the smaller set found in the larger (the
    larger of the two directed containments); ``left_contained`` says whether
    the left document is that smaller one (ties go to the left).
    """

    jaccard: float
    containment: float
    left_contained: bool


def comparison_shingles(text: str, lines: Sequence[Line], document_counts: Callable[[list[int]], np.ndarray]) -> np.ndarray:
    """The shingles a document is compared on: within-line shingles of its body lines.

    ``lines`` are the text's ``normalized_lines``; ``document_counts`` says how
    many distinct articles hold each of a list of passages. Lines held by at
    least ``COMMON_PASSAGE_DOCUMENTS`` are dropped, and short lines give no
    within-line shingle. A text left with nothing (a list of short lines, a page
    of boilerplate alone) is compared on all its shingles, as it was written.
    """
    counted = [line.passage_hash for line in lines if line.passage_hash is not None]
    common = set(np.asarray(counted)[document_counts(counted) >= COMMON_PASSAGE_DOCUMENTS].tolist()) if counted else set()
    kept = "\n".join(line.text for line in lines if line.passage_hash not in common)
    body = line_shingle_hashes(kept)
    return body if len(body) else shingle_hashes(text)


def measure(left: np.ndarray, right: np.ndarray) -> Similarity:
    """Jaccard and containment of two sorted unique hash arrays; all zero when either is empty."""
    return _similarity(shared_count(left, right), len(left), len(right))


def measures(left: np.ndarray, others: Sequence[np.ndarray]) -> list[Similarity]:
    """``measure(left, other)`` for each of ``others``, counted together (``shingles.shared_counts``).

    In chunks of ``MEASURE_CHUNK`` arrays: the count copies the candidates' hashes
    side by side, and a document with a great many candidates copies a chunk at a time.
    """
    found: list[Similarity] = []
    for start in range(0, len(others), MEASURE_CHUNK):
        chunk = others[start : start + MEASURE_CHUNK]
        found += [_similarity(int(shared), len(left), len(other)) for shared, other in zip(shared_counts(left, chunk), chunk)]
    return found


def _similarity(shared: int, left_size: int, right_size: int) -> Similarity:
    if left_size == 0 or right_size == 0:
        return Similarity(0.0, 0.0, left_size <= right_size)
    smaller = min(left_size, right_size)
    return Similarity(shared / (left_size + right_size - shared), shared / smaller, left_size <= right_size)


def is_near_duplicate(similarity: Similarity) -> bool:
    """The near-duplicate rule: most of the smaller body is in the larger, which it is a fair part of."""
    return similarity.containment >= CONTAINMENT_THRESHOLD and similarity.jaccard >= JACCARD_FLOOR
