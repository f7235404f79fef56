"""Repairs stay linear: shapes that make careless patterns backtrack finish quickly."""

import time

import pytest

from ingest.rules import CleaningContext, Phase, rules_in

SIZE = 200_000
# A quadratic pattern needs about SIZE² = 4·10¹⁰ steps on these: hours, not seconds.
BUDGET_SECONDS = 30
PATHOLOGICAL = {
    "spaces_without_line_end": "a" + " " * SIZE + "b",
    "unclosed_emphasis": "**a " * (SIZE // 4),
    "hashes": "# " * (SIZE // 2),
    "one_long_word": "x" * SIZE,
    "hyphen_chain": "a-" * (SIZE // 2),
    "apostrophes": "of'" * (SIZE // 3),
    "blank_lines": "\n \n" * (SIZE // 3),
    "wrapped_lines": ("the war and the trade of Iran and Moscow went\n" * (SIZE // 46)),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_every_repair_finishes_quickly_on_pathological_text(text):
    started = time.monotonic()
    for rule in rules_in(Phase.NEUTRAL_REPAIRS) + rules_in(Phase.LANGUAGE_REPAIRS) + rules_in(Phase.LAYOUT):
        rule(text, CleaningContext())
    assert time.monotonic() - started < BUDGET_SECONDS
