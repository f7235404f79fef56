"""The fitted line classifier: gradient-boosted trees read from package data, scored with numpy.

The model is trained by ``python bench/train_line_classifier.py`` on the tuning
half of the article-extraction dev set and stored as plain JSON
(``ingest/data/page_text_classifier.json``, read by ``ingest.tree_ensemble``).
"""

from __future__ import annotations

from functools import cache

from ingest.boilerplate.line_evidence import FEATURE_NAMES
from ingest.tree_ensemble import TreeEnsemble, packaged_ensemble

MODEL_FILE = "page_text_classifier.json"


@cache
def page_text_classifier() -> TreeEnsemble:
    """The committed model; fails loudly when it was trained on other features than these."""
    return packaged_ensemble(MODEL_FILE, FEATURE_NAMES, "bench/train_line_classifier.py")
