"""Input kinds: decided from the document's own evidence, and the rules that run follow them."""

from pathlib import Path

import pytest

from ingest.boilerplate.text_kind import kind_of, kind_of_text
from ingest.clean import clean_text
from ingest.discover import SourceFile
from ingest.input_kinds import InputKind
from ingest.pipeline import process_file
from ingest.rules import CleaningContext, is_removal

REPORT = """# Quarterly field report

## Summary

The survey teams visited eleven districts between March and May, and found that
water points repaired last year were still working in nine of them.

## What we did

- Trained 40 local mechanics to service hand pumps.
- Mapped every water point with its GPS position and its state.
- Published the data set at [our portal](https://data.example.org/water).

## Next steps

Funding for the second phase was approved, and the teams return in September.

| District | Points | Working |
|---|---|---|
| North | 120 | 111 |
| South | 98 | 90 |
| East | 76 | 70 |
"""

WRAPPED = (
    "Since the end of the Cold War and the\n"
    "dissolution of the Soviet Union, Russia and Iran\n"
    "have maintained an ambivalent relationship.\n"
    "Their cooperation over the years has covered\n"
    "diverse areas of interest, ranging from\n"
    "economic and trade to military and defense. Yet\n"
    "the outbreak of the war changed this dynamic.\n"
)

# The same text as print read back: the typesetter hyphenated a word at a line's end.
PRINTED = WRAPPED.replace("economic and trade to military and defense. Yet\n", "economic and trade to mili-\ntary and defense. Yet\n")

MENU = "Home\nWorld\nPolitics\nBusiness\nSport\n\n"
# A saved page's paragraph is one line, wider than a typewriter's column.
PROSE = (
    "The ministers met in Moscow on Tuesday and agreed to meet again next year, after two days of talks on trade"
    " and energy.\n\n"
) * 3


def test_plain_text_is_judged_by_its_shape():
    assert kind_of_text(PRINTED) is InputKind.OCR
    assert kind_of_text(WRAPPED) is InputKind.TYPED  # wrapped at a column, but typed: no print's marks
    assert kind_of_text(PRINTED + "\f" + PRINTED) is InputKind.OCR
    assert kind_of_text(WRAPPED + "\f" + WRAPPED) is InputKind.TYPED  # pages cut by form feeds, as typed (GNU's READMEs)
    assert kind_of_text(MENU + PROSE) is InputKind.PAGE_TEXT
    assert kind_of_text(PROSE) is InputKind.PROSE


def test_the_format_decides_when_it_knows():
    assert kind_of("text/markdown", MENU + PROSE) is InputKind.MARKDOWN
    assert kind_of("application/pdf", WRAPPED) is InputKind.PDF
    assert kind_of("text/html", PROSE) is InputKind.HTML
    assert kind_of("text/plain", PROSE) is InputKind.PROSE


def words_of(text: str) -> list[str]:
    """Its words without the marks of Markdown and reStructuredText (a heading's underline is no word)."""
    return [w.strip("#|-*[]().,:=") for w in text.split() if w.strip("#|-*[]().,:=")]


def test_a_markdown_report_keeps_every_word_of_its_sections_lists_and_table(tmp_path: Path):
    path = tmp_path / "report.md"
    path.write_text(REPORT)
    document = process_file(SourceFile(path, path.name))
    assert document.input_kind == "markdown"
    assert document.review_reason is None
    kept = words_of(document.text)
    for word in ("eleven", "mechanics", "our", "September", "District", "North", "111", "East", "70"):
        assert word in kept, word
    assert not [c for c in document.changes if is_removal(c)]


def test_the_same_report_as_plain_text_is_not_emptied_either(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    document = process_file(SourceFile(path, path.name))
    assert len(words_of(document.text)) >= 0.95 * len(words_of(REPORT))


@pytest.mark.parametrize(
    "line", ["\\documentclass{article} sets the class of the document.", "\\textheight is the height of the text."]
)
def test_typeset_text_is_never_repaired_as_ocr(line: str):
    text = f"{line}\n\n3.2 Author(s)\n\n\\maketitle\n\n{PROSE}"
    cleaned = clean_text(text, CleaningContext(input_kind=InputKind.PDF))
    assert cleaned.text.startswith(line)
    assert "3.2 Author(s)" in cleaned.text and "\\maketitle" in cleaned.text
    assert not [c for c in cleaned.changes if c.kind in {"glyph", "hyphenation", "ocr_garbage"}]


def test_cjk_dates_are_not_garbage_in_web_text():
    text = f"{PROSE}2月17日\n\n莫斯科和德黑兰的部长们在星期二会面，同意明年再次会面。\n"
    cleaned = clean_text(text, CleaningContext(input_kind=InputKind.HTML))
    assert "2月17日" in cleaned.text


def test_ocr_repairs_still_act_on_ocr_text():
    cleaned = clean_text(PRINTED.replace("areas of interest", "areas 0f interest"))
    assert cleaned.input_kind is InputKind.OCR
    assert "areas of interest" in cleaned.text


def test_a_markdown_table_and_code_block_keep_their_lines():
    cleaned = clean_text(REPORT + "\n```\nfor pump in pumps:\n    service(pump)\n```\n", CleaningContext(input_kind=InputKind.MARKDOWN))
    assert "| North | 120 | 111 |\n| South | 98 | 90 |" in cleaned.text
    assert "for pump in pumps:\n    service(pump)" in cleaned.text


README = """Installing the tool
===================

The package is published on the index. Install it with pip, then check
that the command runs; the requirements are listed in requirements.txt,
one per line, and are installed with it.

   pip install example-tool
   example-tool --version

Copyright (c) 2019 The Example Authors. All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a
copy of this software, to deal in the software without restriction,
subject to the conditions below and to the notice above being kept.
"""


def test_typed_text_wrapped_at_a_column_gets_no_ocr_repair():
    """A README typed at 72 columns: its file name, its commands and its copyright statement are its own."""
    result = clean_text(README)
    assert result.input_kind is InputKind.TYPED
    assert [c for c in result.changes if c.kind in ("glyph", "ocr_garbage")] == []
    for kept in ("requirements.txt", "pip install example-tool", "Copyright (c) 2019 The Example Authors. All rights reserved."):
        assert kept in result.text


LICENCE_NOTICES = """Copyright (c) The Regents of the University of California.
All rights reserved.

Copyright 1989 by Example Computer Company, Palo Alto, California.

                        All Rights Reserved

Copyright (C) 2006 Example Institute of Technology
(Royal Institute of Technology, Example City)

ALL RIGHTS RESERVED

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met: the above copyright notice and this permission notice
appear in all copies of the software and its documentation.
"""


def test_a_licences_own_notices_stay_whole_a_blank_line_between_their_lines_or_not():
    """"All rights reserved." under its holder's lines is the licence's, with or without a year or a blank line."""
    result = clean_text(LICENCE_NOTICES)
    assert result.input_kind is InputKind.TYPED
    assert result.text.count("All rights reserved.") == 1 and "All Rights Reserved" in result.text
    assert "ALL RIGHTS RESERVED" in result.text  # under a holder named over two lines


def test_print_read_back_gets_the_ocr_repairs():
    misread = PRINTED.replace("the outbreak", "tlie outbreak")
    result = clean_text(misread)
    assert result.input_kind is InputKind.OCR
    assert "the outbreak of the war" in result.text and "military" in result.text


GERMAN = (
    "Die Minister trafen sich am Dienstag in Moskau, um über die Lage\n"
    "in der Region und über gemeinsame Projekte zu sprechen. Beide\n"
    "Regierungen haben vereinbart, die Gespräche im kommenden Jahr\n"
    "fortzusetzen und neue Abkommen zu unterzeichnen. Sie waren sich\n"
    "einig, dass der Ausbau der Verkehrswege Vorrang haben sollte.\n"
)


def test_print_is_told_from_typed_text_in_another_language():
    printed = GERMAN.replace("die Gespräche im kommenden Jahr\n", "die Ge-\nspräche im kommenden Jahr\n")
    assert kind_of_text(GERMAN) is InputKind.TYPED
    assert kind_of_text(printed) is InputKind.OCR


README_RST = """Water point survey
==================

.. image:: https://img.shields.io/pypi/v/survey.svg
   :target: https://pypi.org/project/survey
   :alt: Latest version

.. image:: https://img.shields.io/badge/docs-latest-blue.svg
   :target: https://survey.example.org/
   :alt: Documentation

Key features
------------

- Maps every water point with its position.
- Reads the mechanics' service reports.
- Exports the data set as CSV.

Getting started
---------------

To read a district's reports:

.. code-block:: python

   import survey
   reports = survey.read("north")

The survey teams visited eleven districts between March and May, and found that
water points repaired last year were still working in nine of them.
"""


def test_a_restructured_text_readme_is_an_authors_document_whose_directives_are_no_menus(tmp_path: Path):
    assert kind_of_text(README_RST) is InputKind.TYPED  # judged by its shape alone: typed at a column
    path = tmp_path / "README.rst"
    path.write_text(README_RST)
    document = process_file(SourceFile(path, path.name))
    assert document.input_kind == "rst"
    assert not [c for c in document.changes if is_removal(c)]
    assert sorted(words_of(document.text)) == sorted(words_of(README_RST))


KOREAN_WRAPPED = (
    "서울의 지하철은 매일 수백만 명의 시민을 실어 나르며, 도시의 출퇴근\n"
    "시간에는 특히 붐빈다. 시는 지난해부터 새로운 노선을 계획하고 있으며,\n"
    "주민들의 의견을 듣기 위해 여러 차례 설명회를 열었다. 설명회에서는\n"
    "요금과 배차 간격, 그리고 역 주변의 개발 계획이 주로 논의되었다.\n"
    "시는 올해 말까지 최종 계획을 확정하고 내년 봄에 공사를 시작할\n"
    "예정이다. 전문가들은 새 노선이 교통 혼잡을 크게 줄일 것으로 본다.\n"
    "그러나 일부 주민들은 공사 기간 동안의 소음과 불편을 걱정하고 있다.\n"
)


def test_typed_text_wrapped_at_a_column_in_a_script_without_case_is_typed_and_keeps_every_line():
    assert kind_of_text(KOREAN_WRAPPED) is InputKind.TYPED
    cleaned = clean_text(KOREAN_WRAPPED)
    assert not [c for c in cleaned.changes if is_removal(c)]


def test_pages_cut_by_form_feeds_that_repeat_a_header_or_a_page_number_are_print():
    """A typed text's form feeds open sections; print repeats its running header and numbers its pages."""
    pages = [f"Harbour Review | Annual report\n\n{PROSE}- {number} -\n" for number in (1, 2, 3)]
    assert kind_of_text("\f".join(pages)) is InputKind.OCR
    sections = [f"{title}\n\n{PROSE}" for title in ("Installation", "Configuration", "Bugs")]
    assert kind_of_text("\f".join(sections)) is InputKind.PROSE


CALLS = "Sign up for our newsletter to get the latest analysis. Share this article on Twitter."
COPYRIGHT = "© 2024 Caspian Media Group. All rights reserved."


@pytest.mark.parametrize("line", [CALLS, COPYRIGHT], ids=["calls to action", "copyright line"])
def test_an_html_article_keeps_what_the_scraped_text_rules_would_take(line: str):
    """The extractors chose an HTML page's article: what they kept of it is not judged again by its text's shape."""
    text = f"{PROSE}{line}\n\n{PROSE}"
    assert line not in clean_text(text, CleaningContext(input_kind=InputKind.PAGE_TEXT)).text
    html = clean_text(text, CleaningContext(input_kind=InputKind.HTML, article_chosen=True))
    assert line in html.text
    assert not [change for change in html.changes if is_removal(change)]


def test_an_ad_slot_label_between_an_html_articles_paragraphs_still_goes():
    text = f"{PROSE}Advertisement\n\n{PROSE}"
    cleaned = clean_text(text, CleaningContext(input_kind=InputKind.HTML, article_chosen=True))
    assert "Advertisement" not in cleaned.text
    assert [change.rule for change in cleaned.changes if is_removal(change)] == ["remove_interruptions"]


def test_an_html_page_keeps_its_hyphens_and_spellings_as_typed():
    """A page's characters are read from its markup: none of its hyphens was lost on the way."""
    shows = "The Su-35 order, nor highlevel trade numbers, came before the Su35 deliveries.\n"
    assert "high-level" in clean_text(shows, CleaningContext(input_kind=InputKind.PROSE)).text
    html = clean_text(shows, CleaningContext(input_kind=InputKind.HTML, article_chosen=True))
    assert "highlevel" in html.text and "Su35" in html.text
    assert not [change for change in html.changes if change.kind in {"hyphenation", "spelling"}]
