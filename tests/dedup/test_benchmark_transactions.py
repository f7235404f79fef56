"""The scale benchmark commits as the runner does, and how long a transaction lasts changes no cluster."""

from bench.dedup_benchmark import TRANSACTIONS, run_benchmark


def test_clusters_do_not_depend_on_how_long_a_transaction_lasts(tmp_path):
    results = {}
    for transaction in TRANSACTIONS:
        directory = tmp_path / transaction
        directory.mkdir()
        results[transaction] = run_benchmark(300, 16, 5, directory, transaction=transaction)
    batch, run = results["batch"], results["run"]
    assert batch["quality"] == run["quality"]
    # The generated corpus plants copies: a run that found none would compare nothing.
    assert batch["quality"]["found"]["exact"] + batch["quality"]["found"]["near"] > 0
    assert batch["quality"]["correct pairs"] == batch["quality"]["reported pairs"]


def test_each_transaction_is_committed_and_timed(tmp_path):
    result = run_benchmark(100, 16, 5, tmp_path)
    assert result["transaction"] == "batch"
    assert result["cpu"]["commit"] > 0
    assert {"load index", "deduplicate", "persist", "write documents", "commit"} <= set(result["timings"])
