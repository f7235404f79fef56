"""Shingles, signatures and clusters, checked against independent computations."""

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from bench.dedup_corpus import render, true_jaccard
from ingest.dedup import scratch
from ingest.dedup import passages as passages_module
from ingest.dedup.clusters import Clusters, DocumentNumbers, Rank
from ingest.dedup.minhash_index import LSH_BANDS, LSH_ROWS, NUM_PERM, SCHEME, SEED, CandidateIndex, _permutations, signature
from ingest.dedup.passages import KnownPassages, passages_of
from ingest.dedup.shingles import jaccard, shingle_hashes, word_hashes, words


def test_shingle_jaccard_equals_the_jaccard_of_word_five_tuples(writer, article):
    paragraphs = article()
    edited = render(writer.rewrite_sentences(paragraphs, 0.1))
    assert jaccard(shingle_hashes(render(paragraphs)), shingle_hashes(edited)) == pytest.approx(
        true_jaccard(render(paragraphs), edited), abs=1e-12
    )


def test_shingles_ignore_case_and_punctuation_but_not_word_order():
    assert np.array_equal(shingle_hashes("One, two; THREE four five six."), shingle_hashes("one two three four five six"))
    assert not np.array_equal(shingle_hashes("one two three four five"), shingle_hashes("two one three four five"))
    assert len(shingle_hashes("only three words")) == 1
    assert len(shingle_hashes("  ...  ")) == 0


def test_vectorised_signature_is_datasketchs_minhash(article):
    shingles = shingle_hashes(render(article()))
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
    reference.update_batch([int(v) for v in ((shingles >> np.uint64(32)) ^ shingles).astype(np.uint32)])
    assert np.array_equal(signature(shingles), reference.digest())


def test_lsh_finds_a_near_copy_and_not_an_unrelated_article(writer, article):
    paragraphs = article()
    index = CandidateIndex()
    index.add(1, signature(shingle_hashes(render(paragraphs))))
    index.add(2, signature(shingle_hashes(render(article()))))
    index.add(3, signature(shingle_hashes("")))
    near = signature(shingle_hashes(render(writer.rewrite_sentences(paragraphs, 0.05))))
    assert index.candidates(near) == {1}
    assert index.candidates(signature(shingle_hashes(""))) == set()


def test_banding_finds_the_candidates_datasketchs_lsh_finds():
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=(40, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    # Copies sharing exactly one band, or one row short of a band, with a base signature.
    sharing = base.copy()
    band = slice(LSH_ROWS, 2 * LSH_ROWS)
    short_of_band = slice(LSH_ROWS, 2 * LSH_ROWS - 1)
    sharing[20:30, band] = base[0, band]
    sharing[30:40, short_of_band] = base[1, short_of_band]
    ours, reference = CandidateIndex(), MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
    for key, values in enumerate(sharing):
        ours.add(key, values)
        reference.insert(key, MinHash(num_perm=NUM_PERM, hashvalues=values, scheme="affine32"))
    for values in (base[0], base[1], sharing[25], rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)):
        assert ours.candidates(values) == set(reference.query(MinHash(num_perm=NUM_PERM, hashvalues=values, scheme="affine32")))
    assert ours.candidates(base[0]) == {0, *range(20, 30)}
    assert ours.candidates(base[1]) == {1}


def test_a_removed_key_is_no_longer_a_candidate(article):
    values = signature(shingle_hashes(render(article())))
    index = CandidateIndex()
    index.add(1, values)
    index.add(2, values)
    index.remove(1)
    assert index.candidates(values) == {2}
    index.remove(2)
    assert index.candidates(values) == set() and 2 not in index


def test_a_removed_or_re_added_key_answers_only_to_its_current_signature():
    rng = np.random.default_rng(5)
    old, new, *others = rng.integers(0, 2**32, size=(8, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    index = CandidateIndex()
    index.add(0, old)
    for key, values in enumerate(others, start=1):
        index.add(key, values)
    index.remove(0)
    assert index.candidates(old) == set()
    index.add(0, new)
    for key, values in enumerate(others, start=10):
        index.add(key, values)
    assert index.candidates(old) == set()
    assert index.candidates(new) == {0}
    assert index.candidates(others[2]) == {3, 12}


def test_union_keeps_the_best_ranked_root_whatever_the_order():
    clusters = Clusters()
    late, early, middle = (clusters.add(Rank(b, -100, d)) for b, d in [(3, "a"), (1, "z"), (2, "m")])
    clusters.union(late, middle)
    root, moved = clusters.union(late, early)
    assert root == early and sorted(moved) == sorted([late, middle])
    assert {clusters.canonical(n) for n in (late, early, middle)} == {early}


def test_canonicals_answer_as_canonical_does_for_many_numbers_at_once(monkeypatch):
    monkeypatch.setattr(scratch, "KEYS_A_QUERY", 3)  # several queries
    clusters = Clusters()
    numbers = [clusters.add(Rank(1, -k, f"d{k}")) for k in range(8)]
    clusters.union(numbers[0], numbers[5])
    clusters.union(numbers[6], numbers[2])
    asked = [7, 5, 2, 0, 6]
    assert clusters.canonicals(asked) == {n: clusters.canonical(n) for n in asked}
    assert clusters.canonicals([]) == {}
    with pytest.raises(IndexError):
        clusters.canonicals([1, 99])


def test_detaching_a_root_hands_the_cluster_to_its_best_ranked_member():
    clusters = Clusters()
    root, second, third = (clusters.add(Rank(b, -100, d)) for b, d in [(1, "r"), (3, "t"), (2, "s")])
    clusters.union(root, second)
    clusters.union(root, third)
    assert sorted(clusters.detach(root)) == sorted([second, third])
    assert clusters.canonical(second) == third and clusters.canonical(root) == root
    assert clusters.detach(second) == [second] and clusters.members(third) == []


def test_members_are_listed_in_the_order_they_joined_whatever_their_rank():
    clusters = Clusters()
    root, *others = (clusters.add(Rank(1, -100 + k, f"d{k}")) for k in range(5))
    for other in reversed(others):
        clusters.union(root, other)
    assert clusters.members(root) == list(reversed(others))
    assert clusters.detach(root) == list(reversed(others))
    assert clusters.members(others[0]) == list(reversed(others[1:]))


def test_document_numbers_answer_like_a_dictionary():
    numbers = DocumentNumbers()
    numbers["a"], numbers["b"], numbers["a"] = 0, 1, 2
    assert (len(numbers), numbers["a"], numbers.get("c"), "b" in numbers) == (2, 2, None, True)
    assert numbers.pop("a") == 2 and numbers.pop("a") is None and len(numbers) == 1
    with pytest.raises(KeyError):
        numbers["a"]


def test_passages_of_a_text_are_its_lines_through_normalize_passage():
    from ingest.dedup.passages import MIN_PASSAGE_CHARS, normalize_passage, passages_of

    lines = ["  • Subscribe  to our NEWSLETTER for daily news —", "Short heading", "ﬁne print: all rights reserved worldwide."]
    found = [p.text for p in passages_of("\n".join(lines + lines))]
    assert found == [normalize_passage(lines[0]), normalize_passage(lines[2])]
    assert found[0] == "subscribe to our newsletter for daily news"
    assert found[1].startswith("fine print")
    assert len(normalize_passage(lines[1])) < MIN_PASSAGE_CHARS


def test_words_are_hashed_alike_whatever_the_script_around_them():
    # "alpha beta" takes the ASCII path; with a dash or a curly quote around it, the Unicode path.
    plain = word_hashes("alpha beta")
    assert np.array_equal(word_hashes("ALPHA — “beta”"), plain)
    assert np.array_equal(word_hashes("Café naïve, STRASSE 😂 x²")[[0, 1]], word_hashes("café NAÏVE"))
    assert len(word_hashes("Café naïve, STRASSE 😂 x²")) == len(words("Café naïve, STRASSE 😂 x²")) == 4
    repeated = word_hashes("gamma delta gamma")
    assert repeated[0] == repeated[2] != repeated[1]
    assert word_hashes("ab")[0] != word_hashes("ba")[0]


def test_known_passages_tell_new_passages_from_recorded_ones(monkeypatch):
    monkeypatch.setattr(passages_module, "_RECENT_LIMIT", 2)
    recorded = passages_of("A first line that is long enough to count.\nA second line that is long enough to count.")
    known = KnownPassages(np.array([recorded[0].passage_hash], dtype=np.int64))
    batch = passages_of("A second line that is long enough to count.\nA third line that is long enough to count.")
    again = passages_of("A THIRD line that is long enough to count.\nA fourth line that is long enough to count.")
    assert [p.text for p in known.record_new([*recorded, *batch])] == [recorded[1].text, batch[1].text]
    # The third line, already recorded, is not new again; past the recent limit the hashes merge and stay known.
    assert [p.text for p in known.record_new(again)] == [again[1].text]
    assert known.record_new([*recorded, *batch, *again]) == [] and len(known) == 4


def test_known_passages_count_each_document_once_and_survive_folding(monkeypatch):
    monkeypatch.setattr(passages_module, "_RECENT_LIMIT", 2)
    known = KnownPassages(np.array([5, 1], dtype=np.int64), np.array([2, 0]))
    assert (known.document_count(5), known.document_count(1), known.document_count(9)) == (2, 0, 0)
    found = passages_of("A line long enough to be a passage of its own.\nAnother line long enough to count as one.")
    known.record_new(found)
    known.count_document([5, 5, found[0].passage_hash])
    assert (known.document_count(5), known.document_count(found[0].passage_hash)) == (3, 1)
    known.record_new(passages_of("A third line, long enough to fold the recent ones in."))  # over the limit: folded
    known.count_document([found[0].passage_hash, 1])
    assert (known.document_count(found[0].passage_hash), known.document_count(1), known.document_count(5)) == (2, 1, 3)
    assert known.document_counts([5, found[0].passage_hash, 1, 9]).tolist() == [3, 2, 1, 0]


def test_permutations_are_datasketchs_without_importing_it():
    """The signature's permutations are drawn as datasketch draws them, so stored signatures stay comparable."""
    expected = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    assert np.array_equal(_permutations(), expected) and _permutations().dtype == expected.dtype
