from collections.abc import Callable

import pytest

from ingest.rules import CleaningContext, Rule
from ingest.traced_text import TracedText


def apply_rule(rule: Rule, text: str, context: CleaningContext | None = None) -> str:
    """The text after one rule's edits, applied the way the cleaning pipeline applies them."""
    traced = TracedText(text)
    traced.apply(rule(text, context or CleaningContext()))
    return traced.text


@pytest.fixture
def run_rule() -> Callable[..., str]:
    return apply_rule
