"""The paragraph weighing: its evidence, read from the rendering and the extractors' answers, and the model."""

import json
from importlib import resources

import numpy as np
import pytest

from ingest.formats.alignment import paragraph_spans
from ingest.formats.article_paragraphs import (
    FEATURE_NAMES,
    MODEL_FILE,
    article_paragraph_model,
    article_paragraphs,
    paragraph_features,
)
from ingest.html_text import RenderedHtml, parse_page, render_tree

PROSE = [
    "The harbour authority agreed on Monday to rebuild the old ferry pier before the summer season begins.",
    "Work will close the northern quay for four months, and ferries will berth at the fishing harbour meanwhile.",
    "Local traders welcomed the decision but asked for clearer signs to guide visitors to the temporary berth.",
    "The cost, some twelve million euros, will be shared between the port and the regional government.",
]
LINKS = ["Weather", "Tides", "Timetables", "Contact us", "Archive", "Jobs"]
PAGE = (
    "<body><nav><ul>" + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in LINKS) + "</ul></nav>"
    "<article><h1>Pier to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
    "<div><ul>" + "".join(f"<li><a href='/s/{i}'>Another story {i}</a></li>" for i in range(6)) + "</ul></div></body>"
)


def reading():
    rendered = render_tree(parse_page(PAGE), PAGE)
    return rendered, paragraph_spans(rendered.text)


def test_one_row_of_every_feature_per_paragraph_and_minus_one_for_an_extractor_without_answer():
    rendered, paragraphs = reading()
    article = [6 <= i <= 10 for i in range(len(paragraphs))]
    rows = paragraph_features(rendered, paragraphs, [article, None])
    assert rows.shape == (len(paragraphs), len(FEATURE_NAMES))
    column = {name: rows[:, i] for i, name in enumerate(FEATURE_NAMES)}
    assert list(column["trafilatura_kept"]) == [float(k) for k in article]
    assert set(column["readability_kept"]) == {-1.0} and set(column["agreement"]) == {-1.0}
    assert list(column["furniture_nav"][:6]) == [1.0] * 6 and column["furniture"][6:].sum() == 0
    assert column["link_share"][0] == 1.0 and column["link_share"][7] == 0.0
    assert column["in_article"][6] == 1.0 and column["in_article"][-1] == 0.0
    assert column["tag_heading"][6] == 1.0 and column["tag_p"][7] == 1.0 and column["tag_li"][0] == 1.0


def test_prose_both_extractors_kept_stays_and_links_both_dropped_go():
    rendered, paragraphs = reading()
    article = [6 <= i <= 10 for i in range(len(paragraphs))]
    kept = article_paragraphs(rendered, paragraphs, [article, article])
    texts = [rendered.text[start:end].strip() for (start, end), keep in zip(paragraphs, kept) if keep]
    assert all(p in texts for p in PROSE)
    assert not any(name in texts for name in LINKS)
    assert not any(text.startswith("Another story") for text in texts)


def test_the_committed_model_was_trained_on_these_features():
    raw = json.loads(resources.files("ingest").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    assert tuple(raw["features"]) == FEATURE_NAMES
    probabilities = article_paragraph_model().probability(np.zeros((3, len(FEATURE_NAMES))))
    assert probabilities.shape == (3,) and ((0 < probabilities) & (probabilities < 1)).all()


def test_a_model_trained_on_other_features_is_refused(monkeypatch):
    import ingest.formats.article_paragraphs as module

    article_paragraph_model.cache_clear()
    monkeypatch.setattr(module, "FEATURE_NAMES", FEATURE_NAMES[:-1])
    try:
        with pytest.raises(ValueError, match="retrain it with bench/train_article_paragraphs.py"):
            module.article_paragraph_model()
    finally:
        article_paragraph_model.cache_clear()


def test_code_is_weighed_as_before_its_lines_were_kept():
    # The same page with its code on one line: every feature of every paragraph is the same.
    code = "for line in handle:\n    print(line)"
    markup = f"<article><p>{PROSE[0]}</p><pre>{code}</pre><p>{PROSE[1]}</p></article>"
    rendered = render_tree(parse_page(markup), markup)
    assert "```\n" + code + "\n```" in rendered.text
    flat = RenderedHtml(rendered.text.replace("```\n" + code + "\n```", "for line in handle: print(line)"), [], rendered.shapes)
    votes = [[True, False, True], [True, True, True]]
    assert np.array_equal(
        paragraph_features(rendered, paragraph_spans(rendered.text), votes),
        paragraph_features(flat, paragraph_spans(flat.text), votes),
    )
