"""Which documents are duplicates, and of what: exact copies, near copies, near misses."""

import pytest
from dedup_helpers import bridge_texts, containment, jaccard, make_document

from bench.dedup_corpus import SITES, render
from ingest.dedup import CONTAINMENT_THRESHOLD, JACCARD_FLOOR, DedupIndex, normalize_passage
from ingest.dedup.comparison import is_near_duplicate


def rewrite_until(writer, paragraphs, low, high):
    """A copy of the article with sentences rewritten one by one until its body containment falls in [low, high)."""
    edited = [list(p) for p in paragraphs]
    positions = [(i, j) for i, p in enumerate(edited) for j in range(len(p))]
    order = writer.rng.permutation(len(positions))
    source = render(paragraphs)
    for k in order:
        i, j = positions[k]
        edited[i][j] = writer.sentence()
        similarity = containment(source, render(edited))
        if similarity < low:
            break
        if similarity < high:
            return render(edited), similarity
    raise AssertionError("no rewrite landed in the range; change the seed")


def framed(text, site=1):
    header, footer = SITES[site]
    return f"{header}\n\n{text}\n\n{footer}"


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


def test_near_copy_with_other_boilerplate_and_edits_is_found_with_its_measures(writer, article):
    paragraphs = article()
    edited = writer.swap_paragraphs(writer.rewrite_sentences(paragraphs, 0.2))
    copy_text = framed(render(edited))
    expected = containment(render(paragraphs), copy_text)
    assert expected >= CONTAINMENT_THRESHOLD
    original, copy = make_document("a", render(paragraphs)), make_document("b", copy_text)
    index = DedupIndex()
    index.deduplicate([original])
    outcome = index.deduplicate([copy])
    assert (copy.duplicate_of, copy.duplicate_method) == ("a", "near")
    assert copy.duplicate_similarity == pytest.approx(expected, abs=1e-12)
    (row,) = outcome.duplicates
    assert row.containment == pytest.approx(expected, abs=1e-12)
    assert row.jaccard == pytest.approx(jaccard(render(paragraphs), copy_text), abs=1e-12)
    # The footer sentence makes the copy's body the larger one: the original is the contained copy.
    assert row.contained_id == "a"


def test_pair_just_under_the_threshold_stays_apart(writer, article):
    paragraphs = article()
    text, similarity = rewrite_until(writer, paragraphs, CONTAINMENT_THRESHOLD - 0.05, CONTAINMENT_THRESHOLD)
    original, copy = make_document("a", render(paragraphs)), make_document("b", text)
    DedupIndex().deduplicate([original, copy])
    assert CONTAINMENT_THRESHOLD - 0.05 <= similarity < CONTAINMENT_THRESHOLD
    assert copy.duplicate_of is None and original.duplicate_of is None


def test_pair_just_over_the_threshold_passes_the_rule(writer, article):
    # Only the rule: whether LSH offers a pair this far apart (Jaccard about 0.35)
    # as a candidate is a matter of probability (0.9 with 20 bands of 2 rows).
    paragraphs = article()
    text, similarity = rewrite_until(writer, paragraphs, CONTAINMENT_THRESHOLD, CONTAINMENT_THRESHOLD + 0.03)
    measured = DedupIndex().similarity(render(paragraphs), text)
    assert measured.containment == pytest.approx(similarity, abs=1e-12)
    assert is_near_duplicate(measured)
    assert not is_near_duplicate(measured._replace(containment=CONTAINMENT_THRESHOLD - 1e-9))


def test_reordered_paragraphs_compare_as_the_same_body(writer):
    paragraphs = writer.article()
    original, reordered = make_document("a", render(paragraphs)), make_document("b", render(paragraphs[::-1]))
    outcome = DedupIndex().deduplicate([original, reordered])
    (row,) = outcome.duplicates
    assert (row.method, row.jaccard, row.containment) == ("near", 1.0, 1.0)


def test_a_truncated_copy_is_joined_by_containment_and_named_the_contained_one(writer):
    paragraphs = writer.article()
    while len(paragraphs) < 4:
        paragraphs = writer.article()
    kept = paragraphs[: (len(paragraphs) * 2 + 2) // 3]
    full, cut = render(paragraphs), framed(render(kept), site=3)
    # A Jaccard threshold of 0.8, the rule before containment, refused such copies.
    assert jaccard(full, cut) < 0.8 and containment(full, cut) >= CONTAINMENT_THRESHOLD
    original, copy = make_document("a", full), make_document("b", cut)
    index = DedupIndex()
    index.deduplicate([original])
    (row,) = index.deduplicate([copy]).duplicates
    assert (row.doc_id, row.canonical_id, row.contained_id) == ("b", "a", "b")
    assert row.containment == pytest.approx(containment(full, cut), abs=1e-12)


def test_passages_common_across_the_corpus_are_left_out_of_the_comparison(writer):
    furniture = "\n".join(writer.sentence() + " " + writer.sentence() for _ in range(6))
    # Three long articles of the outlet, far apart, then two short ones that share little but the furniture.
    pages = [f"{render(writer.article())}\n\n{furniture}" for _ in range(3)]
    pages += [f"{render(writer.article()[:1])}\n\n{furniture}" for _ in range(2)]
    assert containment(pages[3], pages[4]) >= CONTAINMENT_THRESHOLD  # the furniture alone would join them
    documents = [make_document(f"p{i}", page) for i, page in enumerate(pages)]
    index = DedupIndex()
    index.deduplicate(documents[:3])
    index.deduplicate(documents[3:])
    assert all(d.duplicate_of is None for d in documents)
    common = frozenset(normalize_passage(line) for line in furniture.splitlines())
    measured = index.similarity(pages[3], pages[4])
    assert measured.containment == pytest.approx(containment(pages[3], pages[4], common), abs=1e-12)
    assert measured.containment < CONTAINMENT_THRESHOLD


def test_a_short_text_quoted_whole_by_two_articles_joins_neither(writer):
    quoted = render(writer.article()[:1])
    left, right = render(writer.article()) + "\n\n" + quoted, render(writer.article()) + "\n\n" + quoted
    assert containment(quoted, left) == 1.0 and jaccard(quoted, left) < JACCARD_FLOOR
    documents = [make_document("q", quoted), make_document("l", left), make_document("r", right)]
    DedupIndex().deduplicate(documents)
    assert all(d.duplicate_of is None for d in documents)


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
    assert moved_row.similarity == pytest.approx(containment(y, z), abs=1e-12)
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


def test_a_kept_rank_is_the_stored_one_and_an_unknown_number_still_fails():
    import pytest

    from ingest.dedup.clusters import Clusters, Rank

    clusters = Clusters()
    first, second = clusters.add(Rank(1, -100, "a")), clusters.add(Rank(1, -200, "b"))
    assert clusters.rank(first) == Rank(1, -100, "a")
    clusters.union(first, second)
    clusters.detach(second)
    assert [clusters.rank(first), clusters.rank(second)] == [clusters._stored_rank(first), clusters._stored_rank(second)]
    with pytest.raises(IndexError):
        clusters.rank(2)
    clusters.close()
