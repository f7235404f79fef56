import numpy as np

from ingest.dedup.shingles import shared_count


def test_shared_count_agrees_with_a_set_intersection_on_sorted_unique_arrays():
    rng = np.random.default_rng(7)
    for size_left, size_right, overlap in [(0, 5, 0), (5, 0, 0), (1, 1, 1), (300, 40, 25), (40, 300, 40), (500, 500, 0)]:
        shared = rng.integers(0, 2**63, overlap, dtype=np.uint64)
        left = np.unique(np.concatenate([shared, rng.integers(0, 2**63, size_left - overlap, dtype=np.uint64)]))
        right = np.unique(np.concatenate([shared, rng.integers(0, 2**63, max(size_right - overlap, 0), dtype=np.uint64)]))
        expected = len(set(left.tolist()) & set(right.tolist()))
        assert shared_count(left, right) == expected == shared_count(right, left)
