"""The trimmed pipeline: what it leaves out must not change what it reads."""

from __future__ import annotations

import spacy

from ingest.entities.model import load_pipeline
from ingest.entities.model_names import MODEL_PACKAGE

TRICKY = (
    "Dr. Smith's U.S.-made F-35s cost $80m (e.g. in N.Y.) :) see https://example.org/a?b=1 - don't "
    "ask, 3.5km/h; Rasht's 'Hub' -- 1990s!"
)


def test_the_tokenizer_built_empty_and_loaded_from_the_package_is_the_packages_own():
    ours = load_pipeline(None).tokenizer
    components = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "ner"]
    default = spacy.load(MODEL_PACKAGE, exclude=components).tokenizer
    assert ours.rules and ours.prefix_search is not None
    assert ours.to_bytes(exclude=["vocab"]) == default.to_bytes(exclude=["vocab"])
    assert [t.text for t in ours(TRICKY)] == [t.text for t in default(TRICKY)]
