"""Plain text's kind from its shape: the shortcuts taken on the way give the verdicts of the whole reading."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.text_kind import _furniture_runs, _short_line_runs, kind_of_text, shows_page_furniture
from ingest.boilerplate.text_lines import split_lines
from ingest.clean import clean_text
from ingest.input_kinds import InputKind

_PAGE_LINES = ["Home", "News | Sport", "2024 | 12 | 3.5", "2025 | 14 | 4.0", "Q1 12 13", "Q2 14 15", "",
               "A sentence of the article ends here.", "Share this", "Menu", "1 2 3"]


@given(st.lists(st.sampled_from(_PAGE_LINES), max_size=14))
@settings(max_examples=400, deadline=None)
def test_furniture_runs_are_read_as_when_tables_are_left_out_first(texts):
    """Runs counted with a table's rows first (a shortcut) give the verdict of runs counted without them."""
    lines = split_lines("\n".join(texts))
    assert shows_page_furniture(lines) == _furniture_runs(_short_line_runs(lines, table_lines(lines)))


COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Clone
Upstream-Contact: Ray Finch <rdf@cpan.org>

Files: *
Copyright: 2001-2022, Ray Finch <rdf@cpan.org>
License: Artistic or GPL-1+

Files: debian/*
Copyright: 2004-2007, Bastian Blank <waldi@debian.org>
 2008-2022, gregor herrmann <gregoa@debian.org>
License: Artistic or GPL-1+

License: GPL-1+
 This program is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 1, or (at your option)
 any later version.
 .
 On Debian systems, the complete text of version 1 of the GNU General
 Public License can be found in `/usr/share/common-licenses/GPL-1'.
"""


def test_a_debian_copyright_file_is_a_text_of_fields_and_keeps_every_line_as_written():
    """Its contact lines are no author profile and its repeated License lines no headline: every line is content."""
    result = clean_text(COPYRIGHT)
    assert result.input_kind is InputKind.FIELDS
    assert result.text == COPYRIGHT
    assert not [change for change in result.changes if change.before.strip() and not change.after.strip()]


def test_a_mail_whose_headers_open_a_body_of_prose_is_prose():
    mail = (
        "From: Anna Novak <anna@example.org>\nTo: council@example.org\nSubject: Tram line\nDate: 3 May 2024\n\n"
        "Dear members of the council, the northern districts have waited a decade for the tram and the bus is full.\n"
        "We ask you to vote for the extension on Tuesday, before the funding window closes at the end of the month.\n"
    )
    assert kind_of_text(mail) is InputKind.PROSE


def test_an_article_opening_with_a_labelled_line_is_not_a_text_of_fields():
    article = (
        "Update: the vote was moved to Thursday.\n\n"
        "The city council will vote on the tram extension after the transport committee asked for more time.\n"
        "Note: the committee meets on Monday.\n"
    )
    assert kind_of_text(article) is not InputKind.FIELDS
