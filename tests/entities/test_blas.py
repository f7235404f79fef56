"""The tagger's matrix products on numpy's BLAS, one thread a tagging process: the entities blis finds."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from threadpoolctl import threadpool_info

from ingest.entities.model import PARAGRAPH_SENTENCES, UNUSED_COMPONENTS, load_pipeline
from ingest.entities.model_names import MODEL_PACKAGE
from ingest.entities.tagger import EntityTagger, _one_blas_thread

SAMPLE = Path(__file__).with_name("labelled_sample.jsonl")


def _entities(nlp: spacy.language.Language, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_the_model_multiplies_on_numpy_and_finds_the_entities_blis_finds():
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    on_numpy = load_pipeline(None)
    layers = [node for _, pipe in on_numpy.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()]
    assert any(getattr(node.ops, "use_blis", True) is False for node in layers)
    on_blis = spacy.load(MODEL_PACKAGE, exclude=list(UNUSED_COMPONENTS))
    on_blis.enable_pipe("senter")
    on_blis.add_pipe(PARAGRAPH_SENTENCES, after="senter")
    found = _entities(on_numpy, texts)
    assert sum(map(len, found)) > 50
    assert found == _entities(on_blis, texts)


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_a_batch_is_multiplied_on_one_thread_and_the_threads_are_given_back():
    before = _blas_threads()
    assert before, "numpy's BLAS is not loaded"
    with _one_blas_thread():
        assert _blas_threads() == {1}
    assert _blas_threads() == before


def test_tagging_runs_on_one_blas_thread(tagger: EntityTagger, make_document, monkeypatch):
    seen: list[set[int]] = []
    pipe = tagger.nlp.pipe

    def watched_pipe(*args, **kwargs):
        for item in pipe(*args, **kwargs):
            seen.append(_blas_threads())
            yield item

    monkeypatch.setattr(tagger.nlp, "pipe", watched_pipe)
    document = make_document("Vladimir Putin met Ebrahim Raisi in Tehran on Tuesday.", name="one-thread")
    tagger.tag([document])
    assert seen and all(threads == {1} for threads in seen)
    assert {mention.text for mention in document.mentions} >= {"Vladimir Putin", "Tehran"}
