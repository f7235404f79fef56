"""Boosted trees scored for all rows at once give what walking each tree for each row gives."""

import math

import numpy as np
import pytest

from ingest.boilerplate.line_classifier import page_text_classifier
from ingest.formats.article_paragraphs import article_paragraph_model
from ingest.tree_ensemble import TreeEnsemble, tree_ensemble

# Two trees of depth 2 on two features; leaves point to themselves.
# Tree one: feature 0 <= 0.5 ? (feature 1 <= 2 ? 1.0 : -1.0) : 3.0, its right leaf reached in one step.
# Tree two: a single split, feature 1 <= 10 ? 0.5 : -0.5, padded to the first tree's width.
SMALL = {
    "initial_log_odds": -1.0,
    "learning_rate": 0.5,
    "depth": 2,
    "trees": [
        {
            "feature": [0, 1, 0, 0, 0],
            "threshold": [0.5, 2.0, 0.0, 0.0, 0.0],
            "left": [1, 2, 2, 3, 4],
            "right": [4, 3, 2, 3, 4],
            "value": [0.0, 0.0, 1.0, -1.0, 3.0],
        },
        {"feature": [1, 0, 0], "threshold": [10.0, 0.0, 0.0], "left": [1, 1, 2], "right": [2, 1, 2], "value": [0.0, 0.5, -0.5]},
    ],
}


def walked(model: TreeEnsemble, row: np.ndarray) -> float:
    """One row, one tree at a time: the definition the vectorised scoring must keep."""
    total = 0.0
    for tree in range(len(model.feature)):
        node = 0
        for _ in range(model.depth):
            feature = model.feature[tree, node]
            goes_left = row[feature] <= model.threshold[tree, node]
            node = model.left[tree, node] if goes_left else model.right[tree, node]
        total += model.value[tree, node]
    return 1.0 / (1.0 + math.exp(-(model.initial_log_odds + model.learning_rate * total)))


def test_a_small_ensemble_scores_what_its_leaves_say():
    model = tree_ensemble(SMALL)
    rows = np.array([[0.0, 1.0], [0.0, 5.0], [1.0, 20.0]])
    # leaves: 1.0 + 0.5, -1.0 + 0.5, 3.0 - 0.5; log odds -1 + 0.5 * those
    expected = [1 / (1 + math.exp(-(-1 + 0.5 * s))) for s in (1.5, -0.5, 2.5)]
    assert model.probability(rows).tolist() == pytest.approx(expected)


def test_no_rows_no_scores():
    assert tree_ensemble(SMALL).probability(np.zeros((0, 2))).shape == (0,)


@pytest.mark.parametrize("model", [article_paragraph_model, page_text_classifier], ids=["paragraphs", "page lines"])
def test_the_packaged_models_score_as_each_tree_walked(model):
    ensemble = model()
    features = int(ensemble.feature.max()) + 1
    rng = np.random.default_rng(7)
    rows = rng.random((40, features)) * rng.choice([1.0, 10.0, 100.0], size=features)
    rows[::3] = np.round(rows[::3])
    scores = ensemble.probability(rows)
    assert scores.tolist() == [walked(ensemble, row) for row in rows]
