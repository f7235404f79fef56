"""Tagging in a process of its own, spread over a helper, gives what tagging in one process gives."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from ingest.entities import tagging_process
from ingest.entities.model_names import MODEL_LANGUAGES, MODEL_PACKAGE
from ingest.entities.tagging_process import split_by_size
from ingest.worker_processes import start_worker

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_runs_keep_every_chunk_in_order_and_none_is_empty():
    chunks = ["a" * size for size in (23, 11, 7, 17, 15)]

    runs = split_by_size(chunks, 2)

    assert [c for run in runs for c in run] == chunks
    assert len(runs) == 2 and all(runs)
    assert abs(sum(map(len, runs[0])) - sum(map(len, runs[1]))) <= 23


def test_fewer_chunks_than_parts_give_one_run_a_chunk():
    assert split_by_size(["abc"], 2) == [["abc"]]
    assert split_by_size([], 2) == []


@pytest.mark.slow
def test_the_tagging_process_finds_the_same_mentions_and_entities_as_this_one(tagger, make_document):
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    # A long text is cut into chunks, which may go to different processes.
    texts.append("\n\n".join(texts) * 2)
    here = [make_document(text, name=f"doc{i}") for i, text in enumerate(texts)]
    expected = tagger.tag(here)

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker) as pool:
        pool.submit(tagging_process.prepare, None, MODEL_PACKAGE, tuple(MODEL_LANGUAGES)).result()
        spread = pool.submit(tagging_process.helper_count).result()
        mentions, outcome, _, _ = pool.submit(
            tagging_process.tag, [make_document(t, name=f"doc{i}") for i, t in enumerate(texts)], None,
            MODEL_PACKAGE, tuple(MODEL_LANGUAGES),
        ).result()

    assert spread == min(tagging_process.TAGGING_CORES, tagging_process.usable_cores()) - 1
    assert mentions == [d.mentions for d in here]
    assert outcome == expected
