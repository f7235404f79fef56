"""Ad-slot labels and links to other stories between an article's paragraphs go; the article's lines stay."""

import textwrap

import pytest

from ingest.boilerplate.interruptions import remove_interruptions
from ingest.clean import clean_text
from tests.article_texts import FERRY_STORY

PARAGRAPHS = FERRY_STORY


def between_paragraphs(line: str, wrap: bool) -> str:
    body = [textwrap.fill(p, 72) if wrap else p for p in PARAGRAPHS]
    return f"{body[0]}\n\n{line}\n\n{body[1]}\n\n{body[2]}\n"


@pytest.mark.parametrize("wrap", [False, True], ids=["saved page", "hard-wrapped"])
@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "SPONSORED CONTENT",
        "Anzeige",
        "Read more: Ferry fares to rise in April",
        "RELATED: Harbour dredging finished ahead of schedule",
        "Lesen Sie auch: Neue Fähre für die Nordsee",
        "See also | Will the weekend boats change too?",
    ],
)
def test_an_interruption_between_paragraphs_goes(line, wrap):
    cleaned = clean_text(between_paragraphs(line, wrap)).text
    assert line not in cleaned
    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned


@pytest.mark.parametrize(
    "line",
    [
        "Advertising",  # a section heading of a report on marketing
        "Results of the vote",  # a heading of the article
        "See also the table below, which lists every crossing.",  # a sentence of the article
        "Read more: the board's full statement is published on its website.",  # a sentence after the label
        "Related: a word on the second ferry that the board will lease from a neighbouring county for the summer",
    ],
)
def test_headings_and_sentences_of_the_article_stay(run_rule, line):
    text = between_paragraphs(line, wrap=False)
    assert run_rule(remove_interruptions, text) == text


def test_a_label_inside_a_paragraph_stays(run_rule):
    # hard-wrapped lines with no blank line between them: one paragraph, whose middle line is a word of it
    text = textwrap.fill(PARAGRAPHS[0], 60) + "\nAdvertisement\n" + textwrap.fill(PARAGRAPHS[1], 60) + "\n"
    assert run_rule(remove_interruptions, text) == text


def test_each_removal_is_recorded_with_its_kind():
    result = clean_text(between_paragraphs("Advertisement", wrap=True))
    [removal] = [c for c in result.changes if c.rule == "remove_interruptions"]
    assert removal.kind == "ad_slot"
