from collections.abc import Callable

import pytest

from ingest.rules import CleaningContext, Rule
from ingest.traced_text import TracedText

Repair = Callable[..., str]


@pytest.fixture
def repair() -> Repair:
    """Apply one rule the way the pipeline does and return the repaired text."""

    def run(rule: Rule, text: str, language: str = "en", **context: object) -> str:
        traced = TracedText(text)
        traced.apply(rule(text, CleaningContext(language=language, **context)))
        return traced.text

    return run
