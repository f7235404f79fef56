from collections.abc import Callable

import pytest

from ingest.rules import CleaningContext, Rule
from ingest.traced_text import TracedText

Repair = Callable[..., str]


@pytest.fixture
def repair() -> Repair:
    """Apply one rule the way the pipeline does and return the repaired text.

    The text is print read back unless ``printed_pages=False``: the OCR repairs act on print only.
    """

    def run(rule: Rule, text: str, language: str = "en", printed_pages: bool = True, **context: object) -> str:
        traced = TracedText(text)
        traced.apply(rule(text, CleaningContext(language=language, printed_pages=printed_pages, **context)))
        return traced.text

    return run
