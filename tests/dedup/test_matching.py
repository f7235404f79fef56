"""Which documents are duplicates, and of what: exact copies, near copies, near misses."""

import pytest
from dedup_helpers import bridge_texts, make_document

from bench.dedup_corpus import SITES, render, true_jaccard
from ingest.dedup import JACCARD_THRESHOLD, DedupIndex


def rewrite_until(writer, paragraphs, low, high):
    """A copy of the article with sentences rewritten one by one until its true Jaccard falls in [low, high)."""
    edited = [list(p) for p in paragraphs]
    positions = [(i, j) for i, p in enumerate(edited) for j in range(len(p))]
    order = writer.rng.permutation(len(positions))
    source = render(paragraphs)
    for k in order:
        i, j = positions[k]
        edited[i][j] = writer.sentence()
        similarity = true_jaccard(source, render(edited))
        if similarity < low:
            break
        if similarity < high:
            return render(edited), similarity
    raise AssertionError("no rewrite landed in the range; change the seed")


def test_identical_files_under_other_names_are_exact_file_duplicates(article):
    text = render(article())
    first, second = make_document("a", text), make_document("b", text)
    DedupIndex().deduplicate([first, second])
    assert first.duplicate_of is None
    assert (second.duplicate_of, second.duplicate_method, second.duplicate_similarity) == ("a", "exact_file", 1.0)


def test_same_text_with_other_case_and_spacing_is_an_exact_text_duplicate(article):
    text = render(article())
    original = make_document("a", text)
    recased = make_document("b", text.upper().replace(" ", "  "))
    unrelated = make_document("c", render(article()))
    index = DedupIndex()
    index.deduplicate([original])
    index.deduplicate([recased, unrelated])
    assert (recased.duplicate_of, recased.duplicate_method) == ("a", "exact_text")
    assert unrelated.duplicate_of is None


def test_near_copy_with_other_boilerplate_and_edits_is_found_with_its_true_jaccard(writer, article):
    paragraphs = article()
    edited = writer.swap_paragraphs(writer.rewrite_sentences(paragraphs, 0.04))
    header, footer = SITES[1]
    copy_text = f"{header}\n\n{render(edited)}\n\n{footer}"
    expected = true_jaccard(render(paragraphs), copy_text)
    assert expected >= JACCARD_THRESHOLD
    original, copy = make_document("a", render(paragraphs)), make_document("b", copy_text)
    index = DedupIndex()
    index.deduplicate([original])
    index.deduplicate([copy])
    assert (copy.duplicate_of, copy.duplicate_method) == ("a", "near")
    assert copy.duplicate_similarity == pytest.approx(expected, abs=1e-12)


def test_pair_just_under_the_threshold_stays_apart(writer, article):
    paragraphs = article()
    text, similarity = rewrite_until(writer, paragraphs, JACCARD_THRESHOLD - 0.05, JACCARD_THRESHOLD)
    original, copy = make_document("a", render(paragraphs)), make_document("b", text)
    DedupIndex().deduplicate([original, copy])
    assert JACCARD_THRESHOLD - 0.05 <= similarity < JACCARD_THRESHOLD
    assert copy.duplicate_of is None and original.duplicate_of is None


def test_pair_just_over_the_threshold_is_joined(writer, article):
    paragraphs = article()
    text, similarity = rewrite_until(writer, paragraphs, JACCARD_THRESHOLD, JACCARD_THRESHOLD + 0.03)
    original, copy = make_document("a", render(paragraphs)), make_document("b", text)
    index = DedupIndex()
    index.deduplicate([original])
    index.deduplicate([copy])
    assert copy.duplicate_of == "a"
    assert copy.duplicate_similarity == pytest.approx(similarity, abs=1e-12)


def test_unrelated_articles_are_never_joined(article):
    documents = [make_document(f"d{i}", render(article())) for i in range(40)]
    DedupIndex().deduplicate(documents)
    assert all(d.duplicate_of is None for d in documents)


def test_empty_texts_are_not_duplicates_of_each_other():
    first, second = make_document("a", "", raw="<html>1</html>"), make_document("b", "", raw="<html>2</html>")
    DedupIndex().deduplicate([first, second])
    assert second.duplicate_of is None


def test_within_a_batch_the_longest_copy_is_canonical_then_the_smallest_doc_id(article):
    text = render(article())
    short = make_document("a", text)
    longer = make_document("z", text + "\n\nOne more closing sentence that the other copy lacks.")
    tie = make_document("b", text, raw=text + " ")
    DedupIndex().deduplicate([short, tie, longer])
    assert longer.duplicate_of is None
    assert short.duplicate_of == "z" and tie.duplicate_of == "z"
    assert short.duplicate_method == "near"
    assert tie.duplicate_method == "exact_text"


def test_across_batches_the_earliest_copy_stays_canonical_even_if_shorter(article):
    text = render(article())
    early = make_document("z", text)
    late = make_document("a", text + "\n\nOne more closing sentence that the first copy lacks.")
    index = DedupIndex()
    index.deduplicate([early])
    index.deduplicate([late])
    assert late.duplicate_of == "z" and early.duplicate_of is None


def test_a_bridging_document_merges_two_clusters_under_the_earliest(writer, article):
    x, z, y = bridge_texts(writer, article())
    index = DedupIndex()
    first, second, bridge = make_document("x", x), make_document("z", z), make_document("y", y)
    index.deduplicate([first])
    index.deduplicate([second])
    assert second.duplicate_of is None
    outcome = index.deduplicate([bridge])
    assert bridge.duplicate_of == "x"
    assert outcome.moved == {"z": "x"}
    moved_row = next(r for r in outcome.duplicates if r.doc_id == "z")
    assert (moved_row.canonical_id, moved_row.matched_id) == ("x", "y")
    assert moved_row.similarity == pytest.approx(true_jaccard(y, z), abs=1e-12)
    assert index.canonical_of("z") == "x"


def test_a_re_processed_duplicate_whose_text_changed_leaves_its_cluster(article):
    text = render(article())
    index = DedupIndex()
    original, copy = make_document("a", text), make_document("b", text, raw=text + "\n")
    index.deduplicate([original, copy])
    assert copy.duplicate_of == "a"
    rewritten = make_document("b", render(article()))
    outcome = index.deduplicate([rewritten])
    assert rewritten.duplicate_of is None
    assert outcome.duplicates == []
    assert [row.doc_id for row in outcome.signatures] == ["b"]
