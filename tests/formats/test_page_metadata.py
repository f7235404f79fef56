"""A page's title, byline and date: as trafilatura's metadata pass reads them without its search of the text for a date."""

import json

import lxml.etree
import pytest
from trafilatura.metadata import extract_metadata

from ingest.formats.page_metadata import page_metadata
from ingest.html_text import parse_page

STORY = "<p>" + "The council voted to extend the tram line to the northern suburbs after a long debate. " * 4 + "</p>"
JSON_LD = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour cranes return after the strike",
        "author": {"@type": "Person", "name": "Jonas Berg"},
        "datePublished": "2023-11-02T08:00:00+01:00",
    }
)
PAGES = {
    "meta tags": (
        '<head><title>Tram | The Daily Example</title><meta property="og:title" content="Council extends the tram line">'
        '<meta name="author" content="Maria Keller"><meta property="article:published_time" content="2024-05-14T09:30:00Z"></head>'
        f"<body><article>{STORY}</article></body>",
        {"title": "Council extends the tram line", "author": "Maria Keller", "published": "2024-05-14"},
    ),
    "JSON-LD": (
        f'<head><title>Cranes</title><script type="application/ld+json">{JSON_LD}</script></head><body>{STORY}</body>',
        {"title": "Harbour cranes return after the strike", "author": "Jonas Berg", "published": "2023-11-02"},
    ),
    "a byline in the body, the date in a time element": (
        "<head><title>Wheat harvest falls short</title></head><body><h1>Wheat harvest falls short</h1>"
        '<div class="byline"><span class="author">Anna  Novak</span></div>'
        f'<time datetime="2022-08-03">3 August</time>{STORY}</body>',
        {"title": "Wheat harvest falls short", "author": "Anna Novak", "published": "2022-08-03"},
    ),
    "a one-word author tag, a date only in the text": (
        f'<head><title>Notes</title><meta name="author" content="admin"></head><body><p>Posted 14 March 2021</p>{STORY}</body>',
        {"title": "Notes"},
    ),
}


def page(markup: str) -> str:
    return f"<!DOCTYPE html><html>{markup}</html>"


@pytest.mark.parametrize("markup, expected", PAGES.values(), ids=PAGES.keys())
def test_title_author_and_date_are_those_of_trafilaturas_pass_without_the_text_search(markup, expected):
    tree = parse_page(page(markup))
    full = extract_metadata(parse_page(page(markup)), extensive=False)
    assert page_metadata(tree) == expected
    full_fields = {"title": full.title, "author": full.author, "published": full.date}
    assert page_metadata(tree) == {key: value for key, value in full_fields.items() if value}


def test_the_tree_is_only_read():
    """The format hands the same tree to trafilatura afterwards: pruning it would change the article."""
    markup, _ = PAGES["a byline in the body, the date in a time element"]
    tree = parse_page(page(markup))
    before = lxml.etree.tostring(tree)
    page_metadata(tree)
    assert lxml.etree.tostring(tree) == before
