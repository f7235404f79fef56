"""Tagging in a process of its own, on every core it may use: a local run's entity stage.

In a run's own process, spaCy would load under the same interpreter lock as the
run's planning, deduplication and loading, and a batch would be tagged on one
core while the other waits. Here a process that only tags loads the model
(started when the plan holds files to process, beside the guards' fork server
importing the cleaning stack), then forks helpers that share the loaded model,
so each batch's chunks are found on ``TAGGING_CORES`` cores at once. Spans are
joined and resolved in this process, in the batch's order, exactly as one
process would (``EntityTagger.find``): the mentions and entities are the same.

The process and its helpers ignore Ctrl-C (the run stops them) and end with
the process they work for, ``kill -9`` included (``ingest.worker_processes``).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from ingest.document import Document, Mention
from ingest.entities.tagger import ChunkFinds, EntityTagger, TagOutcome, load_tagger
from ingest.parent_watch import die_with_parent_thread

# Cores a batch's chunks are spread over: the tagging process and its helpers.
# Two is what a laptop's spare core gives; more would compete with the guards.
TAGGING_CORES = 2
# Below this many characters a batch is found in the tagging process alone:
# sending chunks to a helper costs more than it saves.
MIN_SPREAD_CHARS = 4_000

_tagger: EntityTagger | None = None
# This process's ends of the pipes to its helpers.
_helpers: list[Connection] = []


def prepare(gazetteer_path: str | Path | None, model: str, languages: tuple[str, ...]) -> None:
    """Load the tagger in this process and fork its helpers; later calls do nothing.

    Submitted as the tagging process's first task, so that loading overlaps the
    cleaning of the first batch and a model that cannot load fails the first
    batch to tag with the loader's own error.
    """
    global _tagger
    if _tagger is not None:
        return
    _tagger = load_tagger(gazetteer_path, model, languages)
    # Forked now, once the model is loaded: the helpers share it without loading it again.
    _helpers.extend(_fork_helper() for _ in range(min(TAGGING_CORES, _usable_cores()) - 1))
    if _helpers:
        _tagger.find = find_spread


def tag(
    documents: Sequence[Document], gazetteer_path: str | Path | None, model: str, languages: tuple[str, ...]
) -> tuple[list[list[Mention]], TagOutcome, float, float]:
    """Tag copies of a batch's documents: each document's mentions, the outcome, wall and CPU seconds."""
    tick, tick_cpu = time.perf_counter(), time.process_time()
    prepare(gazetteer_path, model, languages)
    outcome = _tagger.tag(documents)
    # CPU of this process only: the helpers' share shows as wall time saved.
    return [d.mentions for d in documents], outcome, time.perf_counter() - tick, time.process_time() - tick_cpu


def find_spread(tagger: EntityTagger, chunks: Sequence[str], batch_size: int) -> list[ChunkFinds]:
    """Find the chunks' spans here and in the helpers, one run of consecutive chunks each, joined in order."""
    spread = sum(map(len, chunks)) >= MIN_SPREAD_CHARS
    parts = split_by_size(chunks, 1 + len(_helpers) if spread else 1)
    helpers = _helpers[: len(parts) - 1]
    for helper, part in zip(helpers, parts[1:]):
        helper.send((part, batch_size))
    found = tagger.find_in_chunks(parts[0], batch_size) if parts else []
    for helper in helpers:
        try:
            succeeded, result = helper.recv()
        except EOFError:
            raise RuntimeError("a tagging helper process ended while it was tagging") from None
        if not succeeded:
            raise result
        found.extend(result)
    return found


def split_by_size(chunks: Sequence[str], parts: int) -> list[list[str]]:
    """At most ``parts`` runs of consecutive chunks, of about equal numbers of characters, none empty."""
    total = sum(map(len, chunks))
    runs: list[list[str]] = []
    done = 0
    for chunk in chunks:
        if not runs or (done >= total * len(runs) / parts and len(runs) < parts):
            runs.append([])
        runs[-1].append(chunk)
        done += len(chunk)
    return runs


def _fork_helper() -> Connection:
    """A child of this process that finds the spans of the chunks sent to it with the tagger it was forked with.

    It ends when this process closes its end of the pipe, and the kernel kills
    it if this process ends first (``kill -9`` included): its parent's main
    thread, which forks it, lives as long as its parent.
    """
    here, there = multiprocessing.Pipe()
    pid = os.fork()
    if pid:
        there.close()
        return here
    here.close()
    for other in _helpers:
        other.close()
    die_with_parent_thread()
    try:
        while True:
            try:
                chunks, batch_size = there.recv()
            except EOFError:
                break
            try:
                there.send((True, _tagger.find_in_chunks(chunks, batch_size)))
            except Exception as error:
                there.send((False, error))
    finally:
        os._exit(0)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
