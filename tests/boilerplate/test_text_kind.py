"""Plain text's kind from its shape: the shortcuts taken on the way give the verdicts of the whole reading."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.text_kind import (
    TYPED_COLUMNS,
    _furniture_runs,
    _short_line_runs,
    is_set_at_column,
    is_set_in_columns,
    kind_of_text,
    runs_on_between_lines,
    shows_page_furniture,
)
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


RELEASE_NOTES = """Changes in tramway 2.4.0
========================

 - timetable: read the winter schedule from the operator's feed instead
   of the bundled copy (Ines Moreau, #212)
 - map: closed stops in grey
 - build: require meson 1.2

Changes in tramway 2.3.1
========================

 - fix a crash on an empty line
 - translations: Czech, Basque, Welsh

Changes in tramway 2.3.0
========================

 - new: a single platform's board
 - ui: larger text on the board
 - drop the old XML feed

Changes in tramway 2.2.0
========================

 - No changes since 2.1.2
"""


def saved_page(paragraphs: list[str]) -> str:
    menu = "Home\nTimetables\nMaps\nFares\nContact"
    footer = "About us\nCareers\nPress\nPrivacy\nTerms"
    return "\n".join([menu, "", *paragraphs, "", footer])


def test_release_notes_typed_at_a_column_are_typed_text_and_keep_every_word():
    """Its lists of changes make runs of short lines as a menu does, but no line is wider than a typewriter's."""
    lines = split_lines(RELEASE_NOTES)
    assert shows_page_furniture(lines) and is_set_at_column(lines)
    result = clean_text(RELEASE_NOTES)
    assert result.input_kind is InputKind.TYPED
    assert sorted(result.text.split()) == sorted(RELEASE_NOTES.replace("=", "").split())


def test_a_saved_page_carries_its_paragraphs_as_whole_lines_and_stays_a_page():
    paragraph = (
        "The city council approved the extension of the northern tram line on Tuesday, after a decade of delays"
        " and three rejected funding bids; construction starts in the spring and the first trams run in 2027."
    )
    text = saved_page([paragraph, paragraph.replace("Tuesday", "Monday")])
    assert not is_set_at_column(split_lines(text))
    assert kind_of_text(text) is InputKind.PAGE_TEXT


def glyph_status_table() -> str:
    """A font's status table typed in columns: a glyph's row names the versions and styles it came in, however wide.

    Its short rows, a glyph present from the first version, make runs of short
    lines that end no sentence, as a saved page's menus do.
    """
    styles = "(Sans, Sans Bold, Sans Bold Oblique, Sans Condensed, Sans Condensed Bold, Sans Oblique, Serif, Serif Bold)"
    rows = []
    for code in range(0x180, 0x1a8):
        versions = "original" if code % 4 else f"2.{code % 9} {styles} 2.{code % 7 + 10} (Sans Mono, Serif Italic)"
        rows.append(f"U+{code:04x} {'uni%04x' % code:<20} {versions}")
    return "This is the status file for the fonts\n\noriginal = present in the first version\n\n" + "\n".join(rows) + "\n"


def test_a_table_typed_in_columns_is_typed_however_wide_its_rows_and_keeps_every_word():
    """Its rows are wider than any typewriter's column, but its cells start at one column after runs of spaces."""
    table = glyph_status_table()
    lines = split_lines(table)
    assert shows_page_furniture(lines) and not is_set_at_column(lines) and is_set_in_columns(lines)
    assert kind_of_text(table) is not InputKind.PAGE_TEXT
    result = clean_text(table)
    assert result.review_reason is None
    assert sorted(result.text.split()) == sorted(table.split())


def test_cells_a_single_space_apart_are_not_set_in_columns():
    """A saved page's text puts one space or a tab between cells: nothing lines them up."""
    table = re.sub(" {2,}", " ", glyph_status_table())
    assert not is_set_in_columns(split_lines(table))
    assert not is_set_in_columns(split_lines(table.replace(" ", "\t")))


def test_a_wide_character_takes_two_columns():
    """A Chinese paragraph of 60 characters is 120 columns wide: a Chinese saved page is not typed text."""
    paragraph = "市议会周二批准了北部电车线路的延长计划，此前该项目已拖延十年，三次融资申请均被否决，工程将于明年春天开工，首批电车预计二零二七年投入运营。"
    assert 50 < len(paragraph) <= TYPED_COLUMNS
    text = saved_page([paragraph, paragraph])
    assert not is_set_at_column(split_lines(text))
    assert kind_of_text(text) is InputKind.PAGE_TEXT


# A NEWS file's entries, typed at 72 columns: ``builtin`` beside ``built-in`` and
# ``UTF8`` beside ``UTF-8`` are its writer's variants, ``libcrypto`` and ``toplevel`` names.
TYPED_NEWS = """Release 5.2

* The read builtin now accepts a timeout in fractions of a second, as the
  built-in test command has done since 4.0.
* Strings are read as UTF8 when the locale names no encoding; a UTF-8
  locale is unchanged.
* The toplevel build links libcrypto only when the ssl option is given,
  and the testsuite runs without a network.
"""


def test_a_typed_texts_spellings_and_closed_names_are_its_writers():
    """No extraction took hyphens from text typed at a column: no lost hyphen is put back, no variant is mended."""
    result = clean_text(TYPED_NEWS)
    assert result.input_kind is InputKind.TYPED
    assert [c for c in result.changes if c.kind in ("hyphenation", "spelling")] == []
    words = set(re.findall(r"[\w-]+", result.text))
    assert {"builtin", "built-in", "UTF8", "UTF-8", "libcrypto", "toplevel", "testsuite"} <= words


def test_the_same_entries_as_a_scraped_pages_paragraphs_are_mended():
    """One line a paragraph, as a page saves them: the variants are evidence of lost hyphens there."""
    paragraphs = [" ".join(block.split()) for block in TYPED_NEWS.split("\n* ")]
    scraped = "\n\n".join(paragraphs) + "\n"
    result = clean_text(scraped)
    assert result.input_kind is InputKind.PROSE
    assert "UTF-8 when the locale" in result.text


def test_short_lines_each_holding_a_whole_sentence_are_not_typed_at_a_column():
    note = "Meeting moved to Thursday.\nBring the survey maps.\n\nRoom 4 is booked.\n"
    assert is_set_at_column(split_lines(note)) and not runs_on_between_lines(split_lines(note))
    assert kind_of_text(note) is InputKind.PROSE
    assert runs_on_between_lines(split_lines("Strings are read as\nUTF8 when the locale names\nno encoding.\n"))


# A specification typed at 72 columns: its contents, a change repeated under two releases,
# its "See also" list and its authors' fields are shapes a web template's widgets have too.
TYPED_SPECIFICATION = """Table of Contents

Requests
Events
Errors

Release 1.1

- Translation updates
- The Query request returns the extension's version, so that clients
  can tell which events the server sends.

Release 1.0

- Translation updates
- First release, with the requests and the events of the draft that
  the working group published in the spring.

See also

Core protocol
Input extension
Keyboard extension

Name: Keyboard extension
Version: 1.0
Maintainer: Anna Novak
E-mail: anna@example.org
"""


def test_a_typed_texts_own_lists_repeats_and_fields_are_no_template_widgets():
    """Contents, a repeated change, a See also list and authors' fields all stay in text typed at a column."""
    result = clean_text(TYPED_SPECIFICATION)
    assert result.input_kind is InputKind.TYPED
    assert [c.rule for c in result.changes if c.before.strip() and not c.after.strip()] == []
    assert result.text.count("Translation updates") == 2
    for kept in ("Table of Contents", "Requests", "See also", "Keyboard extension", "Maintainer: Anna Novak"):
        assert kept in result.text
