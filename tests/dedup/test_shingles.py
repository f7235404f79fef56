import numpy as np

from ingest.dedup import shingles
from ingest.dedup.shingles import shared_count, shared_counts


def test_shared_count_agrees_with_a_set_intersection_on_sorted_unique_arrays():
    rng = np.random.default_rng(7)
    for size_left, size_right, overlap in [(0, 5, 0), (5, 0, 0), (1, 1, 1), (300, 40, 25), (40, 300, 40), (500, 500, 0)]:
        shared = rng.integers(0, 2**63, overlap, dtype=np.uint64)
        left = np.unique(np.concatenate([shared, rng.integers(0, 2**63, size_left - overlap, dtype=np.uint64)]))
        right = np.unique(np.concatenate([shared, rng.integers(0, 2**63, max(size_right - overlap, 0), dtype=np.uint64)]))
        expected = len(set(left.tolist()) & set(right.tolist()))
        assert shared_count(left, right) == expected == shared_count(right, left)


def test_shared_counts_of_one_query_with_many_candidates_agree_with_set_intersections():
    """Hashes that land in one slot of the query's table (equal low bits) are counted too, and empty arrays are."""
    rng = np.random.default_rng(11)
    query = np.unique(rng.integers(0, 2**64 - 1, 1_200, dtype=np.uint64))
    # the same low bits as half the query's hashes, different high bits: every one of their slots is crowded
    crowding = query[:600] ^ np.uint64(1 << 50)
    query = np.unique(np.concatenate([query, crowding]))
    candidates = [np.empty(0, dtype=np.uint64)]
    for picked in range(0, 1_500, 75):
        mine = rng.choice(query, picked, replace=False)
        lookalikes = query[rng.integers(0, len(query), 30)] ^ np.uint64(1 << 40)
        candidates.append(np.unique(np.concatenate([mine, lookalikes, rng.integers(0, 2**64 - 1, 900, dtype=np.uint64)])))
    expected = [len(set(query.tolist()) & set(candidate.tolist())) for candidate in candidates]

    assert len(candidates) > shingles._FEW_CANDIDATES
    assert shared_counts(query, candidates).tolist() == expected
    assert shared_counts(np.empty(0, dtype=np.uint64), candidates).tolist() == [0] * len(candidates)
    assert shared_counts(query, candidates[:3]).tolist() == expected[:3]



def test_a_query_too_large_for_a_sparse_table_is_merged_with_each_candidate(monkeypatch):
    monkeypatch.setattr(shingles, "_LARGEST_TABLED_QUERY", 1_000)
    merged = []
    monkeypatch.setattr(shingles, "shared_count", lambda query, other: merged.append(1) or int(np.isin(other, query).sum()))
    rng = np.random.default_rng(5)
    query = np.unique(rng.integers(0, 2**64 - 1, 2_000, dtype=np.uint64))
    candidates = [np.unique(np.concatenate([rng.choice(query, k, replace=False), rng.integers(0, 2**64 - 1, 500, dtype=np.uint64)]))
                  for k in range(0, 2_000, 150)]
    assert shared_counts(query, candidates).tolist() == list(range(0, 2_000, 150))
    assert len(merged) == len(candidates)
