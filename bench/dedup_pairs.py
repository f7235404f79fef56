"""Near-duplicate detection on labelled pairs: the precision/recall curve, and the chosen point end to end.

Pages come from ``bench.near_copies`` (real article bodies, graded edits, fresh
boilerplate, hard negatives). Each round is one corpus, deduplicated by
``DedupIndex`` in batches in arrival order, as the flow does. Then:

- the curve: every pair of pages in the round is measured as the index measures
  it (``DedupIndex.similarity``, with the passage counts the whole round left),
  and for each (containment, Jaccard floor) threshold pair the pair precision
  and the recall of near-copy pairs are printed;
- end to end: the clusters the index formed at its current thresholds
  (``CONTAINMENT_THRESHOLD``, ``JACCARD_FLOOR``), scored by pair precision and
  recall, exact and near copies apart, near copies by the Jaccard of their clean
  body with the original's.

With ``--cleaned`` every page goes through the cleaning stage first
(``ingest.clean.clean_text``, without the corpus's common lines), so pairs are
measured on the text ``ingest`` outputs rather than on the scraped page.

    python -m bench.dedup_pairs --half tuning --rounds 6
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from bench.dedup_benchmark import text_document
from bench.near_copies import DEVSET, Page, load_bodies, round_pages
from ingest.clean import clean_text
from ingest.dedup import CONTAINMENT_THRESHOLD, JACCARD_FLOOR, DedupIndex
from ingest.dedup.minhash_index import band_array, signature
from ingest.document import Document

BATCH_SIZE = 64
CONTAINMENT_GRID = [round(0.30 + 0.05 * k, 2) for k in range(14)]
JACCARD_FLOORS = [0.0, 0.1, 0.2, 0.3, 0.4]
BODY_JACCARD_BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


@dataclass
class Pairs:
    """Measured pairs of all rounds, as parallel lists."""

    jaccard: list[float] = field(default_factory=list)
    containment: list[float] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    candidate: list[bool] = field(default_factory=list)


@dataclass
class EndToEnd:
    reported: int = 0
    correct: int = 0
    wanted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)


def to_document(page: Page) -> Document:
    return text_document(page.doc_id, page.text, page.text.encode("utf-8"), "pairs")


def pair_kind(left: Page, right: Page) -> str:
    """What a pair is: a near or exact copy pair, or which kind of negative."""
    if left.truth == right.truth:
        return "exact" if "exact" in (left.kind, right.kind) and "near" not in (left.kind, right.kind) else "near"
    if left.story_of == right.truth or right.story_of == left.truth:
        return "same story"
    if left.quotation is not None and left.quotation == right.quotation:
        return "shared quotation"
    if left.outlet == right.outlet and left.outlet >= 0:
        return "same outlet"
    return "other"


def cleaned(pages: list[Page]) -> list[Page]:
    """The pages as the cleaning stage leaves them (those it empties entirely are dropped, as the flow rejects them)."""
    kept = [dataclasses.replace(page, text=clean_text(page.text).text) for page in pages]
    return [page for page in kept if page.text.strip()]


def run_round(pages: list[Page], pairs: Pairs, end: EndToEnd) -> None:
    index = DedupIndex()
    documents = [to_document(p) for p in pages]
    for start in range(0, len(documents), BATCH_SIZE):
        index.deduplicate(documents[start : start + BATCH_SIZE])
    shingles = [index.comparison_shingles(p.text) for p in pages]
    bands = [band_array(signature(s)) for s in shingles]
    for i, j in combinations(range(len(pages)), 2):
        found = _measure(shingles[i], shingles[j])
        pairs.jaccard.append(found[0])
        pairs.containment.append(found[1])
        pairs.kind.append(pair_kind(pages[i], pages[j]))
        pairs.candidate.append(bool((bands[i] == bands[j]).any()))
    _score_clusters(pages, {p.doc_id: index.canonical_of(p.doc_id) for p in pages}, end)


def _measure(left: np.ndarray, right: np.ndarray) -> tuple[float, float]:
    if len(left) == 0 or len(right) == 0:
        return 0.0, 0.0
    shared = len(np.intersect1d(left, right, assume_unique=True))
    return shared / (len(left) + len(right) - shared), shared / min(len(left), len(right))


def _score_clusters(pages: list[Page], canonical: dict[str, str], end: EndToEnd) -> None:
    originals = {p.truth: p for p in pages if p.kind == "original"}
    for left, right in combinations(pages, 2):
        together = canonical[left.doc_id] == canonical[right.doc_id]
        same = left.truth == right.truth
        end.reported += together
        end.correct += together and same
        if together and not same:
            end.wrong[pair_kind(left, right)] += 1
    for page in pages:
        if page.kind in ("exact", "near") and page.truth in originals:
            band = "exact" if page.kind == "exact" else _band(page.body_jaccard)
            end.wanted[band] += 1
            end.found[band] += canonical[page.doc_id] == canonical[originals[page.truth].doc_id]


def _band(value: float) -> str:
    for low, high in BODY_JACCARD_BANDS:
        if low <= value < high:
            return f"near, body Jaccard {low:.1f}-{min(high, 1.0):.1f}"
    raise ValueError(value)


def curve(pairs: Pairs) -> list[str]:
    jaccard, containment = np.array(pairs.jaccard), np.array(pairs.containment)
    kind, candidate = np.array(pairs.kind), np.array(pairs.candidate)
    near, exact = kind == "near", kind == "exact"
    negative = ~(near | exact)
    lines = [
        f"Labelled pairs: {near.sum():,} near-copy, {exact.sum():,} exact-copy, {negative.sum():,} negative"
        f" ({', '.join(f'{k} {int((kind == k).sum()):,}' for k in ('same story', 'same outlet', 'shared quotation', 'other'))}).",
        f"LSH candidates among them: near {candidate[near].mean():.4f}, exact {candidate[exact].mean():.4f},"
        f" negative {candidate[negative].mean():.4f}.",
        "",
        "Highest measures among negatives (containment at the 99th percentile / maximum; Jaccard at the maximum-containment pair):",
        *(_highest(kind == k, containment, jaccard, k) for k in ("same story", "same outlet", "shared quotation", "other")),
        "",
        "| containment >= | Jaccard >= | precision | near recall | exact recall | false pairs (story / outlet / quotation / other) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for floor in JACCARD_FLOORS:
        for threshold in CONTAINMENT_GRID:
            chosen = (containment >= threshold) & (jaccard >= floor)
            true = chosen & (near | exact)
            precision = true.sum() / chosen.sum() if chosen.sum() else 1.0
            false = [int((chosen & (kind == k)).sum()) for k in ("same story", "same outlet", "shared quotation", "other")]
            mark = " **(chosen)**" if (threshold, floor) == (CONTAINMENT_THRESHOLD, JACCARD_FLOOR) else ""
            lines.append(
                f"| {threshold:.2f}{mark} | {floor:.1f} | {precision:.4f} | {(chosen & near).sum() / near.sum():.4f}"
                f" | {(chosen & exact).sum() / exact.sum():.4f} | {' / '.join(map(str, false))} |"
            )
    return lines


def _highest(selected: np.ndarray, containment: np.ndarray, jaccard: np.ndarray, name: str) -> str:
    if not selected.any():
        return f"- {name}: no pairs"
    values = containment[selected]
    top = int(np.argmax(values))
    return f"- {name}: {np.percentile(values, 99):.3f} / {values[top]:.3f} (Jaccard {jaccard[selected][top]:.3f})"


def end_to_end(end: EndToEnd) -> list[str]:
    precision = end.correct / end.reported if end.reported else 1.0
    near_wanted = sum(n for band, n in end.wanted.items() if band != "exact")
    near_found = sum(n for band, n in end.found.items() if band != "exact")
    lines = [
        f"End to end at containment >= {CONTAINMENT_THRESHOLD} and Jaccard >= {JACCARD_FLOOR}"
        " (clusters formed by the index, every pair of pages scored):",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| pair precision | {precision:.4f} ({end.correct:,} of {end.reported:,} pairs in clusters) |",
        f"| false pairs by kind | {', '.join(f'{k} {n}' for k, n in sorted(end.wrong.items())) or 'none'} |",
        f"| exact copies joined to their original | {end.found['exact']:,} of {end.wanted['exact']:,} |",
        f"| near copies joined to their original | {near_found / near_wanted:.4f} ({near_found:,} of {near_wanted:,}) |",
    ]
    for low, high in BODY_JACCARD_BANDS:
        band = _band(low)
        if end.wanted[band]:
            lines.append(f"| - {band} | {end.found[band]:,} of {end.wanted[band]:,} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=["tuning", "reporting"], required=True)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's ground-truth.json")
    parser.add_argument("--cleaned", action="store_true", help="measure on the pages as the cleaning stage outputs them")
    arguments = parser.parse_args()
    articles = load_bodies(arguments.half, arguments.devset)
    pairs, end = Pairs(), EndToEnd()
    for number in range(arguments.rounds):
        pages = round_pages(articles, arguments.seed * 1000 + number)
        run_round(cleaned(pages) if arguments.cleaned else pages, pairs, end)
    form = ", pages through the cleaning stage" if arguments.cleaned else ""
    print(f"### {arguments.half} half: {len(articles)} articles, {arguments.rounds} rounds (seed {arguments.seed}){form}\n")
    print("\n".join(curve(pairs)))
    print()
    print("\n".join(end_to_end(end)))


if __name__ == "__main__":
    main()
