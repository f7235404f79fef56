"""The shapes repairs and boilerplate rules share: one idea of a list marker, a leading number, a URL."""

import pytest

from ingest.text_shapes import LEADING_NUMBER, LIST_MARKER, URL, bullet_mark


@pytest.mark.parametrize("line", ["• item", "  - item", "–  item", "➢ item", "•• item", "1. item", "12) item", "(3) item", "a) item", "(b) item"])
def test_list_markers(line):
    assert LIST_MARKER.match(line)


@pytest.mark.parametrize("line", ["p. 12 of the report", "e.g. this one", "-5 degrees", "1.5 million", "Item • one", "A) caps"])
def test_near_misses_are_not_list_markers(line):
    assert not LIST_MARKER.match(line)


@pytest.mark.parametrize(("line", "mark"), [("• Title", "•"), ("- Title", "-"), ("→ Title", "→"), ("1. Title", ""), ("Title", "")])
def test_the_bullet_mark_of_a_line(line, mark):
    assert bullet_mark(line) == mark


@pytest.mark.parametrize(("line", "expected"), [("5 things to know", True), ("1,000 jobs cut", True), ("2024 in review", True), ("5G rollout", False), ("Five things", False)])
def test_a_number_opening_a_line(line, expected):
    assert bool(LEADING_NUMBER.match(line)) is expected


@pytest.mark.parametrize("value", ["www.example.org", "https://example.org/a?b=c", "example.co.uk", "grc.net/reports/2024"])
def test_urls(value):
    assert URL.match(value)


@pytest.mark.parametrize("value", ["example", "the end.", "e.g.", "www.", "Visit example.org today", "3.14"])
def test_near_misses_are_not_urls(value):
    assert not URL.match(value)
