import re
from collections import Counter

import pytest

from bench.noisy import BODY, OCR, PDF, WEB, generate_corpus, load_articles
from bench.noisy import ocr_damage
from bench.noisy.articles import parse_article


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(80, seed=11)


def test_same_seed_same_documents_other_seed_other_documents():
    first, again, other = generate_corpus(12, 5), generate_corpus(12, 5), generate_corpus(12, 6)
    assert [(d.text, d.spans, d.damages) for d in first] == [(d.text, d.spans, d.damages) for d in again]
    assert sum(a.text != b.text for a, b in zip(first, other)) >= 11


def test_a_document_does_not_depend_on_how_many_are_generated():
    assert generate_corpus(3, 9)[2].text == generate_corpus(7, 9)[2].text


def test_spans_are_sorted_disjoint_and_cover_every_word(corpus):
    for document in corpus:
        cursor = 0
        for span in document.spans:
            assert cursor <= span.start <= span.end <= len(document.text), document.doc_id
            gap = document.text[cursor : span.start]
            assert not any(ch.isalnum() for ch in gap), (document.doc_id, gap)
            cursor = span.end
        assert not any(ch.isalnum() for ch in document.text[cursor:])


def test_body_spans_spell_the_article_and_only_damage_changes_them(corpus):
    articles = {article.name: article for article in load_articles()}
    for document in corpus:
        article = articles[document.article]
        words = article.title.split() + [w for p in article.paragraphs for w in p.split()]
        body = [span for span in document.spans if span.kind == BODY]
        assert [span.clean for span in body] == words == list(document.reference)
        damaged = {damage.index for damage in document.damages}
        damaged |= {damage.index + 1 for damage in document.damages if damage.length == 2}
        for index, span in enumerate(body):
            if index not in damaged:
                assert document.text[span.start : span.end] == span.clean, (document.doc_id, span)


def test_each_damage_is_the_documented_change_of_its_word(corpus):
    seen = Counter()
    for document in corpus:
        for damage in document.damages:
            seen[damage.kind] += 1
            clean, noisy = damage.clean, damage.noisy
            expected = {
                ocr_damage.SPLIT_WORD: lambda: re.sub(r"-\n\s*", "", noisy) == clean,
                ocr_damage.SPLIT_COMPOUND: lambda: re.sub(r"-\n\s*", "-", noisy) == clean,
                ocr_damage.LOST_HYPHEN: lambda: clean.replace("-", "") == noisy and "-" in clean,
                ocr_damage.ORDINAL_GLYPH: lambda: noisy.replace("™", "th") == clean,
                ocr_damage.STRAY_DIGIT: lambda: noisy[1:] == clean and noisy[0].isdigit(),
                ocr_damage.DOUBLED_LETTER: lambda: noisy == clean[0].upper() + clean,
                ocr_damage.APOSTROPHE_JOIN: lambda: noisy == clean.replace(" ", "'") and damage.length == 2,
            }[damage.kind]
            assert expected(), damage
    assert set(seen) == set(ocr_damage.DAMAGE_KINDS)


def test_split_and_lost_hyphens_have_fair_gold(corpus):
    for damage in [d for doc in corpus for d in doc.damages]:
        core = ocr_damage.split_core(damage.clean)[1]
        if damage.kind in (ocr_damage.LOST_HYPHEN, ocr_damage.SPLIT_COMPOUND):
            assert not ocr_damage.is_word(core.replace("-", "")), damage  # "email" would be no fault
        if damage.kind == ocr_damage.SPLIT_WORD:
            assert "-" not in core


def test_non_english_documents_get_whitespace_damage_only(corpus):
    others = [d for d in corpus if d.language != "en"]
    assert others and all(not d.damages for d in others)
    pdf = [d for d in others if d.style in (PDF, OCR)]
    assert any("  " in d.text or "\n " in d.text for d in pdf)


def test_styles_and_kinds_all_occur(corpus):
    assert {d.style for d in corpus} == {WEB, PDF, OCR}
    assert all(not d.kinds for d in corpus if d.style == OCR)
    kinds = set().union(*(d.kinds for d in corpus))
    assert kinds >= {
        "profile", "social", "repeated_headline", "related_posts", "empty_toc", "call_to_action",
        "share_cookie", "caption", "image_pointer", "byline", "author_bio",
        "running_header", "page_number", "publisher_footer", "ocr_garbage",
    }


def _kind_texts(corpus, kind):
    return [
        " ".join(s.clean for s in d.spans if s.kind == kind) for d in corpus if kind in d.kinds
    ]


@pytest.mark.parametrize("kind", ["profile", "social", "related_posts", "call_to_action", "share_cookie", "caption", "running_header", "page_number"])
def test_boilerplate_is_never_one_fixed_string(corpus, kind):
    texts = _kind_texts(corpus, kind)
    assert len(set(texts)) >= 0.8 * len(texts) > 2


def test_profile_labels_bullets_and_languages_vary(corpus):
    documents = [d for d in corpus if "profile" in d.kinds]
    first_lines = Counter()
    bullets = Counter()
    for document in documents:
        spans = [s for s in document.spans if s.kind == "profile"]
        block = document.text[spans[0].start : spans[-1].end]
        first_lines[block.splitlines()[0].split()[0]] += 1
        bullets.update(line[: len(line) - len(line.lstrip("•-*·→ "))] for line in block.splitlines()[1:])
        assert re.search(r"\S+@\S+\.\w+", block) or "Bio" not in block  # an email in most, at least shaped
    assert len(first_lines) >= 5 and len(bullets) >= 4


def test_repeated_headlines_repeat_three_to_eight_times(corpus):
    for document in [d for d in corpus if "repeated_headline" in d.kinds]:
        lines = [s for s in document.spans if s.kind == "repeated_headline"]
        text = document.text[lines[0].start : lines[-1].end]
        counts = Counter(line for line in text.splitlines() if line.strip())
        assert all(3 <= n <= 8 for n in counts.values()), counts


def test_related_teasers_are_cut_with_an_ellipsis(corpus):
    for document in [d for d in corpus if "related_posts" in d.kinds]:
        spans = [s for s in document.spans if s.kind == "related_posts"]
        text = document.text[spans[0].start : spans[-1].end]
        assert "..." in text or "…" in text or "[...]" in text


def test_pdf_documents_are_hard_wrapped(corpus):
    for document in [d for d in corpus if d.style in (PDF, OCR)]:
        body_lines = [line for line in document.text.splitlines() if len(line.split()) > 3]
        assert max(len(line) for line in body_lines) <= 90
        assert len(body_lines) > 40


def test_article_files_parse_titles_headings_and_language():
    article = parse_article("rail.de.txt", "Titel\n\nEin Absatz.\n\nZwischenüberschrift\n\nNoch einer.\n")
    assert (article.name, article.language, article.title) == ("rail", "de", "Titel")
    assert [article.is_heading(i) for i in range(3)] == [False, True, False]
    assert parse_article("plain.txt", "T\n\nP.").language == "en"


def test_clean_articles_are_long_and_not_the_seeds():
    articles = load_articles()
    assert len(articles) >= 12
    assert all(400 <= a.word_count <= 900 for a in articles), [(a.name, a.word_count) for a in articles]
    assert {a.language for a in articles} >= {"en", "de", "fr"}
    assert not any("Iran" in a.title for a in articles)
