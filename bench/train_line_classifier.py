"""Train the page-text line classifier and write it to ``src/ingest/data/page_text_classifier.json``.

    python bench/train_line_classifier.py

Lines come from two sources, both read at run time and none copied into the
repository:

- the **tuning half** of the article-extraction dev set (never the reporting
  half): each page's visible text (``html_text``, every line), a line labelled
  article when most of its 4-token shingles (or, for a line of fewer than four
  tokens, its whole token sequence) occur in the gold article body;
- documents of the team's generator (``bench.noisy``, seed ``GENERATOR_SEED``,
  not the seed ``bench/quality.py`` reports on), those that are not hard-wrapped
  (the rule leaves those alone), a line labelled article when most of its
  characters belong to body words: headings the generator counts as the
  article, which real pages alone would teach the model to drop.

The model is scikit-learn's gradient boosting (small trees, see the constants),
exported as plain JSON so that the pipeline scores it with numpy alone
(:mod:`ingest.boilerplate.line_classifier`). Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from bench.devset_pages import DEFAULT_DEVSET, TUNING, load_pages  # noqa: E402
from bench.noisy import BODY, generate_corpus  # noqa: E402
from bench.tree_export import exported_trees  # noqa: E402
from ingest.boilerplate.line_classifier import MODEL_FILE  # noqa: E402
from ingest.boilerplate.line_evidence import FEATURE_NAMES, line_features  # noqa: E402
from ingest.boilerplate.page_text import is_hard_wrapped  # noqa: E402
from ingest.boilerplate.text_lines import Line, split_lines  # noqa: E402
from ingest.language import detect_language  # noqa: E402

OUTPUT = REPO / "src" / "ingest" / "data" / MODEL_FILE
# 100 trees of depth 3: in two-fold cross-validation on the tuning half, the
# benchmark F1 of the kept lines was 0.89 with them, 0.87 with a logistic
# regression on the same features, and no better with 200 trees (0.88); the
# model stays a few hundred nodes.
TREES = 100
DEPTH = 3
LEARNING_RATE = 0.1
# A line is the article's when at least this share of its shingles is in the gold body.
MIN_GOLD_SHARE = 0.5
SHINGLE = 4
GENERATOR_DOCS = 200
GENERATOR_SEED = 7
TOKEN = re.compile(r"\w+")


def devset_rows(devset: Path) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Features and labels of the lines of each tuning-half page."""
    for page in load_pages(devset, TUNING):
        text = page.visible_text
        lines = split_lines(text)
        content, rows = line_features(lines, detect_language(text).language)
        yield rows, np.array(gold_labels([lines[i] for i in content], page.gold))


def gold_labels(lines: list[Line], gold: str) -> list[int]:
    """1 for a line whose words the gold article body holds, in order; 0 otherwise."""
    gold_tokens = TOKEN.findall(gold.casefold())
    shingles = {tuple(gold_tokens[i : i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)}
    joined = f" {' '.join(gold_tokens)} "
    labels = []
    for line in lines:
        tokens = TOKEN.findall(line.text.casefold())
        if len(tokens) >= SHINGLE:
            own = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
            labels.append(int(sum(s in shingles for s in own) / len(own) >= MIN_GOLD_SHARE))
        else:
            labels.append(int(bool(tokens) and f" {' '.join(tokens)} " in joined))
    return labels


def generator_rows() -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Features and labels of the lines of generated documents."""
    for document in generate_corpus(GENERATOR_DOCS, GENERATOR_SEED):
        lines = split_lines(document.text)
        if is_hard_wrapped(lines):
            continue  # the rule leaves hard-wrapped text to the page-furniture rules
        content, rows = line_features(lines, document.language)
        body = np.zeros(len(document.text) + 1, dtype=bool)
        for span in document.spans:
            if span.kind == BODY:
                body[span.start : span.end] = True
        labels = []
        for i in content:
            line = lines[i]
            letters = [k for k in range(line.start, line.end) if not document.text[k].isspace()]
            labels.append(int(bool(letters) and body[letters].mean() >= MIN_GOLD_SHARE))
        yield rows, np.array(labels)


def export(model, lines: int, pages: int) -> dict:
    """The fitted ensemble as JSON-able lists, leaves pointing to themselves."""
    return {
        "about": "Gradient-boosted trees over ingest.boilerplate.line_evidence features: is a line of page text "
        "the article's? Trained by bench/train_line_classifier.py; do not edit by hand.",
        "trained_on": f"{lines} lines: {pages} tuning-half dev-set pages and {GENERATOR_DOCS} generated documents "
        f"(seed {GENERATOR_SEED}, those not hard-wrapped)",
        "features": list(FEATURE_NAMES),
        **exported_trees(model, LEARNING_RATE, DEPTH),
    }


def main(argv: list[str] | None = None) -> int:
    from sklearn.ensemble import GradientBoostingClassifier

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="the article-extraction-benchmark folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    pages = list(devset_rows(args.devset))
    parts = pages + list(generator_rows())
    features = np.vstack([rows for rows, _ in parts if len(rows)])
    labels = np.concatenate([labels for rows, labels in parts if len(rows)])
    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, random_state=0)
    model.fit(features, labels)
    args.output.write_text(json.dumps(export(model, len(labels), len(pages)), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output.name}: {len(labels)} lines ({int(labels.sum())} article), training accuracy {model.score(features, labels):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
