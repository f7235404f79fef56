"""The trimmed pipeline: what it leaves out must not change what it reads."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from ingest.entities.model import TOKENIZER_FROM_PACKAGE, UNUSED_COMPONENTS, load_pipeline
from ingest.entities.model_names import MODEL_PACKAGE

TRICKY = (
    "Dr. Smith's U.S.-made F-35s cost $80m (e.g. in N.Y.) :) see https://example.org/a?b=1 - don't "
    "ask, 3.5km/h; Rasht's 'Hub' -- 1990s!"
)


@pytest.fixture(scope="module")
def default_pipeline() -> Language:
    return load_pipeline(None)


def test_the_tokenizer_built_empty_and_loaded_from_the_package_is_the_packages_own(default_pipeline):
    ours = default_pipeline.tokenizer
    default = spacy.load(MODEL_PACKAGE, exclude=[*UNUSED_COMPONENTS, "senter", "ner"]).tokenizer
    assert ours.rules and ours.prefix_search is not None
    assert ours.to_bytes(exclude=["vocab"]) == default.to_bytes(exclude=["vocab"])
    assert [t.text for t in ours(TRICKY)] == [t.text for t in default(TRICKY)]


def test_another_model_keeps_the_tokenizer_its_config_names(default_pipeline):
    """A pipeline other than the default package may tokenize with its language's own tokenizer (Japanese,
    Chinese...): it is loaded as spaCy loads it. The default package, given as its folder, stands in for one."""
    folder = next(spacy.util.get_package_path(MODEL_PACKAGE).glob(f"{MODEL_PACKAGE}-*"))
    other = load_pipeline(None, model=str(folder))
    assert other.config["nlp"]["tokenizer"]["@tokenizers"] == "spacy.Tokenizer.v1"
    assert default_pipeline.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_FROM_PACKAGE
    assert [t.text for t in other.tokenizer(TRICKY)] == [t.text for t in default_pipeline.tokenizer(TRICKY)]
