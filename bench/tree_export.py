"""scikit-learn's fitted gradient-boosted trees as the JSON that ``ingest.tree_ensemble`` reads."""

from __future__ import annotations

import numpy as np


def exported_trees(model, learning_rate: float, depth: int) -> dict:
    """The ensemble's trees, prior and shape as JSON-able values, leaves pointing to themselves."""
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        nodes = range(tree.node_count)
        leaf = [tree.children_left[n] == -1 for n in nodes]
        trees.append(
            {
                "feature": [0 if leaf[n] else int(tree.feature[n]) for n in nodes],
                "threshold": [0.0 if leaf[n] else round(float(tree.threshold[n]), 6) for n in nodes],
                "left": [n if leaf[n] else int(tree.children_left[n]) for n in nodes],
                "right": [n if leaf[n] else int(tree.children_right[n]) for n in nodes],
                "value": [round(float(tree.value[n][0][0]), 6) if leaf[n] else 0.0 for n in nodes],
            }
        )
    prior = float(model.init_.class_prior_[1])
    return {
        "initial_log_odds": round(float(np.log(prior / (1 - prior))), 6),
        "learning_rate": learning_rate,
        "depth": depth,
        "trees": trees,
    }
