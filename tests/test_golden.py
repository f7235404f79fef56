"""Each seed's clean text against its golden file, checked by reading it against the raw seed."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
from regenerate import GOLDEN, ROOT, golden_text  # noqa: E402

SEEDS = sorted((ROOT / "seeds").iterdir())


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_seed_matches_golden(seed):
    expected = (GOLDEN / seed.name).read_text(encoding="utf-8")
    assert golden_text(seed) == expected
