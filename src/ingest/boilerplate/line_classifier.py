"""The fitted line classifier: gradient-boosted trees read from package data, scored with numpy.

The model is trained by ``python bench/train_line_classifier.py`` on the tuning
half of the article-extraction dev set and stored as plain JSON
(``ingest/data/page_text_classifier.json``): a few hundred tree nodes, so the
runtime needs neither scikit-learn nor pickles. Scoring walks every tree for
all lines at once, one array step per tree level.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ingest.boilerplate.line_evidence import FEATURE_NAMES

MODEL_FILE = "page_text_classifier.json"


@dataclass(frozen=True)
class TreeEnsemble:
    """Boosted regression trees on log-odds; leaves point to themselves so every walk has one length."""

    initial_log_odds: float
    learning_rate: float
    depth: int
    feature: np.ndarray  # (trees, nodes) feature index per node, 0 at leaves
    threshold: np.ndarray  # (trees, nodes) go left when value <= threshold
    left: np.ndarray  # (trees, nodes)
    right: np.ndarray  # (trees, nodes)
    value: np.ndarray  # (trees, nodes) leaf values

    def body_probability(self, rows: np.ndarray) -> np.ndarray:
        """For each row of features, the probability that its line belongs to the article.

        All trees walk all rows at once: ``node[t, r]`` is where row ``r`` stands in tree ``t``.
        """
        if len(rows) == 0:
            return np.zeros(0)
        trees = np.arange(len(self.feature))[:, None]
        line = np.arange(len(rows))[None, :]
        node = np.zeros((len(self.feature), len(rows)), dtype=np.int64)
        for _ in range(self.depth):
            goes_left = rows[line, self.feature[trees, node]] <= self.threshold[trees, node]
            node = np.where(goes_left, self.left[trees, node], self.right[trees, node])
        log_odds = self.initial_log_odds + self.learning_rate * self.value[trees, node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-log_odds))


@cache
def page_text_classifier() -> TreeEnsemble:
    """The committed model; fails loudly when it was trained on other features than these."""
    raw = json.loads(resources.files("ingest").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(raw["features"]) != FEATURE_NAMES:
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain it with bench/train_line_classifier.py")
    return tree_ensemble(raw)


def tree_ensemble(raw: dict) -> TreeEnsemble:
    """The ensemble from its JSON form (trees of unequal size padded to one width)."""
    trees = raw["trees"]
    width = max(len(tree["feature"]) for tree in trees)

    def table(key: str, dtype: type, fill: float) -> np.ndarray:
        return np.array([tree[key] + [fill] * (width - len(tree[key])) for tree in trees], dtype=dtype)

    return TreeEnsemble(
        initial_log_odds=float(raw["initial_log_odds"]),
        learning_rate=float(raw["learning_rate"]),
        depth=int(raw["depth"]),
        feature=table("feature", np.int64, 0),
        threshold=table("threshold", np.float64, 0.0),
        left=table("left", np.int64, 0),
        right=table("right", np.int64, 0),
        value=table("value", np.float64, 0.0),
    )
