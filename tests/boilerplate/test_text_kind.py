"""Plain text's kind from its shape: the shortcuts taken on the way give the verdicts of the whole reading."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.text_kind import _furniture_runs, _short_line_runs, shows_page_furniture
from ingest.boilerplate.text_lines import split_lines

_PAGE_LINES = ["Home", "News | Sport", "2024 | 12 | 3.5", "2025 | 14 | 4.0", "Q1 12 13", "Q2 14 15", "",
               "A sentence of the article ends here.", "Share this", "Menu", "1 2 3"]


@given(st.lists(st.sampled_from(_PAGE_LINES), max_size=14))
@settings(max_examples=400, deadline=None)
def test_furniture_runs_are_read_as_when_tables_are_left_out_first(texts):
    """Runs counted with a table's rows first (a shortcut) give the verdict of runs counted without them."""
    lines = split_lines("\n".join(texts))
    assert shows_page_furniture(lines) == _furniture_runs(_short_line_runs(lines, table_lines(lines)))
