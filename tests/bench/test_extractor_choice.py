"""The extractor-choice benchmark replays the HTML format's decision: the same paragraphs for the same answers."""

from __future__ import annotations

import pytest

from bench.extractor_choice import PageAnswers, formats_choice
from ingest.formats import html
from ingest.formats.alignment import PageWords, paragraph_spans
from ingest.formats.main_content import Article
from ingest.formats.nesting import Flattened

WORDS = ["harbour", "ferry", "council", "budget", "library", "museum"]
RAW = "\n\n".join(f"The {word} story goes on with {word} details and {word} numbers for everyone." for word in WORDS) + "\n"
PARAGRAPHS = paragraph_spans(RAW)


def _text(kept: set[int] | None) -> str | None:
    return None if kept is None else "\n".join(RAW[PARAGRAPHS[i][0] : PARAGRAPHS[i][1]] for i in sorted(kept))


def _flags(kept: set[int] | None) -> list[bool] | None:
    return None if kept is None else [i in kept for i in range(len(PARAGRAPHS))]


@pytest.mark.parametrize(
    ("first", "glance", "second"),
    [
        ({0, 1, 2}, {0, 1, 2}, {4, 5}),  # resiliparse agrees: trafilatura's answer
        ({0, 1, 2, 3, 4}, {5}, {1, 2, 3, 4, 5}),  # doubted, readability-lxml agrees: the paragraphs both kept
        ({0, 1, 2}, {3, 4}, {4, 5}),  # doubted, readability-lxml reads another part: its answer
        ({0, 1, 2}, {3, 4}, None),  # doubted, readability-lxml has nothing: trafilatura's answer
        ({0, 1, 2}, None, {4, 5}),  # no quick look: doubted
        (None, {0, 1}, {4, 5}),  # trafilatura has nothing: readability-lxml's answer
    ],
)
def test_the_replayed_choice_is_the_formats(monkeypatch, first, glance, second):
    monkeypatch.setattr(html, "resiliparse_article", lambda markup: glance and Article(_text(glance)))
    monkeypatch.setattr(html, "readability_article", lambda markup: second and Article(_text(second)))
    page = Flattened("<html></html>", 0)
    made, _ = html._article_paragraphs(RAW, PARAGRAPHS, page, first and Article(_text(first)))

    words = PageWords(RAW, PARAGRAPHS)
    kept = {
        "trafilatura": _flags(first) and words.kept(_text(first)),
        "resiliparse": _flags(glance) and words.kept(_text(glance)),
        "readability": _flags(second) and words.kept(_text(second)),
    }
    replayed = formats_choice(PageAnswers(kept, score=lambda kept: (0.0, 0.0, 0.0), paragraphs=PARAGRAPHS))

    assert replayed == made
