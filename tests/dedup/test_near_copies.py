"""The labelled near-copy pages: each label means what the benchmark says it means."""

from collections import Counter

from dedup_helpers import body_tuples, containment

from bench.near_copies import COPIES_PER_ORIGINAL, MIN_ARTICLE_WORDS, round_pages
from bench.noisy.articles import load_articles
from ingest.dedup import CONTAINMENT_THRESHOLD


def repository_articles():
    return [a for a in load_articles() if sum(len(p.split()) for p in a.paragraphs) >= MIN_ARTICLE_WORDS]


def test_every_original_has_its_copies_and_every_copy_an_original():
    pages = round_pages(repository_articles(), seed=3)
    originals = {p.truth for p in pages if p.kind == "original"}
    copies = Counter(p.truth for p in pages if p.kind in ("near", "exact"))
    assert set(copies) == originals and set(copies.values()) == {COPIES_PER_ORIGINAL}
    assert all(0.0 < p.body_jaccard <= 1.0 for p in pages if p.kind == "near")
    assert len({p.doc_id for p in pages}) == len(pages)


def test_a_same_story_page_shares_phrases_with_its_anchor_but_is_not_a_copy_of_it():
    pages = round_pages(repository_articles(), seed=3)
    original_of = {p.truth: p for p in pages if p.kind == "original"}
    stories = [p for p in pages if p.kind == "same_story"]
    assert stories
    for story in stories:
        anchor = original_of[story.story_of]
        assert story.truth not in original_of
        assert 0.0 < containment(story.text, anchor.text) < CONTAINMENT_THRESHOLD


def test_two_originals_carry_each_quotation_and_share_its_text():
    pages = round_pages(repository_articles(), seed=3)
    carriers = [p for p in pages if p.kind == "original" and p.quotation is not None]
    by_source = Counter(p.quotation for p in carriers)
    assert by_source and set(by_source.values()) == {2}
    for source in by_source:
        left, right = (p for p in carriers if p.quotation == source)
        assert len(body_tuples(left.text) & body_tuples(right.text)) >= 40
