from collections.abc import Callable

import pytest

from ingest.input_kinds import InputKind
from ingest.rules import REGISTRY, CleaningContext, Rule
from ingest.traced_text import TracedText

Repair = Callable[..., str]


@pytest.fixture
def repair() -> Repair:
    """Apply one rule the way the pipeline does and return the repaired text.

    The text is OCR output unless another ``kind`` is given; a rule not declared for
    the kind is not run, as in ``clean_text``, and OCR text counts as showing lost
    hyphens, as ``clean_text`` decides.
    """

    def run(rule: Rule, text: str, language: str = "en", kind: InputKind = InputKind.OCR, **context: object) -> str:
        if kind not in REGISTRY.inputs_of(rule):
            return text
        context.setdefault("hyphens_lost", kind is InputKind.OCR)
        traced = TracedText(text)
        traced.apply(rule(text, CleaningContext(language=language, input_kind=kind, **context)))
        return traced.text

    return run
