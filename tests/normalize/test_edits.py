"""Repairs' edits from pattern matches: judging each distinct match once changes no edit."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.normalize.edits import edits_from_distinct_matches, edits_from_matches

WORD = re.compile(r"\w+")
REPLACEMENTS = {"teh": "the", "adn": "and", "the": "the"}


def test_each_distinct_match_is_judged_once_and_every_occurrence_is_edited():
    judged = []

    def replace(token: str) -> str | None:
        judged.append(token)
        return REPLACEMENTS.get(token)

    edits = edits_from_distinct_matches(WORD, "teh cat adn teh dog", replace, "glyph", "rule")
    assert sorted(judged) == ["adn", "cat", "dog", "teh"]
    assert [(e.start, e.end, e.after) for e in edits] == [(0, 3, "the"), (8, 11, "and"), (12, 15, "the")]


def test_a_replacement_equal_to_its_match_is_no_edit():
    assert edits_from_distinct_matches(WORD, "the the", REPLACEMENTS.get, "glyph", "rule") == []


def test_a_pattern_with_a_capturing_group_is_refused():
    with pytest.raises(ValueError, match="capturing groups"):
        edits_from_distinct_matches(re.compile(r"(\w)\w*"), "word", REPLACEMENTS.get, "glyph", "rule")


@given(st.lists(st.sampled_from(["teh", "adn", "the", "cat", " ", "\n", "-", "teh-adn", "é"]), max_size=60).map("".join))
def test_the_same_edits_as_judging_every_match(text):
    by_match = edits_from_matches(WORD, text, lambda match: REPLACEMENTS.get(match.group()), "glyph", "rule")
    assert edits_from_distinct_matches(WORD, text, REPLACEMENTS.get, "glyph", "rule") == by_match
