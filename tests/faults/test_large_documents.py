"""A very large text is cleaned a section at a time, exactly traced, and a stop is honoured between rules."""

from pathlib import Path

import pytest

from ingest import cancellation, sections
from ingest.clean import clean_text
from ingest.traced_text import Edit, render

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def small_sections(monkeypatch):
    """Sections of a few thousand characters, so that a seed document is cut into several."""
    monkeypatch.setattr(sections, "SECTION_CHARS", 3000)
    monkeypatch.setattr(sections, "SEARCH_CHARS", 1500)


def test_a_document_cut_into_sections_cleans_as_it_did_whole(small_sections):
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        parts = clean_text(raw)
        assert len(sections.split_sections(raw)) > 2
        assert render(raw, parts.changes) == parts.text
        whole_paragraphs = set(_whole(raw).text.split("\n\n"))
        kept = [p for p in parts.text.split("\n\n") if p in whole_paragraphs]
        # Rules that learn from the whole document (repeated lines, vocabulary) see
        # a section only; nearly every paragraph still comes out the same.
        assert len(kept) >= 0.8 * len(whole_paragraphs), path.name


def _whole(raw):
    original = sections.SECTION_CHARS
    sections.SECTION_CHARS = 10**9
    try:
        return clean_text(raw)
    finally:
        sections.SECTION_CHARS = original


def test_the_whitespace_between_sections_becomes_one_blank_line(small_sections):
    paragraph = "The committee met again on Tuesday and agreed to publish its findings next month. " * 12
    raw = ("\n\n\n".join([paragraph.strip()] * 2) + "\n\n\n") * 8
    result = clean_text(raw)
    assert render(raw, result.changes) == result.text
    assert "\n\n\n" not in result.text and not result.text.endswith("\n")


def test_a_text_without_line_breaks_is_cut_after_sentences_and_the_cuts_are_recorded(small_sections):
    sentence = "The committee met again on Tuesday and agreed to publish its findings next month. "
    raw = (sentence * 400).strip()
    found = sections.split_sections(raw)
    assert len(found) > 5
    for before, after in zip(found, found[1:]):
        assert raw[before.end - 1] == "." and raw[before.end : after.start] == " "
    result = clean_text(raw)
    assert render(raw, result.changes) == result.text
    cuts = [c for c in result.changes if c.rule == sections.LONG_LINE_RULE]
    assert len(cuts) == len(found) - 1 and all((c.before, c.after) == (" ", "\n\n") for c in cuts)


def test_a_run_without_spaces_is_cut_where_the_section_is_full(small_sections):
    raw = "x" * 20_000
    found = sections.split_sections(raw)
    assert len(found) > 3 and all(s.end - s.start <= 3000 + 1500 for s in found)
    result = clean_text(raw)
    assert render(raw, result.changes) == result.text


def test_a_line_break_is_still_preferred_to_a_sentence_end(small_sections):
    sentence = "The committee met again on Tuesday and agreed to publish its findings next month. "
    raw = sentence * 40 + "\n" + sentence * 40
    found = sections.split_sections(raw)
    assert raw[found[0].end : found[1].start] == " \n"


def test_sections_are_never_cut_inside_a_markup_removal(small_sections):
    body = "A sentence of the article body that runs on for a while.\n\n" * 200
    removal = Edit(2900, 4200, "", "markup", "html_navigation")
    found = sections.split_sections(body, [removal])
    assert len(found) > 1
    for section in found:
        assert not section.start < removal.start < section.end or section.end >= removal.end
    inside = [(s, e) for s in found for e in s.markup_removals]
    assert [(s.start + e.start, s.start + e.end) for s, e in inside] == [(2900, 4200)]


def test_a_requested_stop_ends_cleaning_between_rules(small_sections):
    raw = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))) * 4
    calls = []
    original = cancellation.check_stop

    def stop_on_third_check():
        calls.append(1)
        if len(calls) == 3:
            cancellation.request_stop()
        original()

    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("ingest.clean.check_stop", stop_on_third_check)
            with pytest.raises(cancellation.Cancelled):
                clean_text(raw)
    finally:
        cancellation.clear_stop()
    assert len(calls) == 3


def test_a_stop_is_not_turned_into_a_reject(tmp_path):
    from ingest.discover import SourceFile
    from ingest.pipeline import process_batch

    path = tmp_path / "doc.txt"
    path.write_text((SEEDS / "000_8e88b69024fe2551.txt").read_text(encoding="utf-8"))
    cancellation.request_stop()
    try:
        with pytest.raises(cancellation.Cancelled):
            process_batch([SourceFile(path, "doc.txt")])
    finally:
        cancellation.clear_stop()
    assert not cancellation.stop_requested()


@pytest.mark.slow
def test_an_interrupted_run_stops_the_cleaning_of_its_worker_threads(tmp_path, monkeypatch, small_sections):
    import os
    import signal
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from ingest import Settings, clean, run

    source = tmp_path / "source"
    source.mkdir()
    raw = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    for index in range(2):
        (source / f"large-{index}.txt").write_text(raw * 3)
    sections_cleaned = []
    section = clean._clean_section

    def interrupt_once_cleaning(*args, **kwargs):
        sections_cleaned.append(threading.current_thread().name)
        if len(sections_cleaned) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, while the main thread waits for the batches
        return section(*args, **kwargs)

    monkeypatch.setattr(clean, "_clean_section", interrupt_once_cleaning)
    executor = ThreadPoolExecutor(2)
    try:
        with pytest.raises(KeyboardInterrupt):
            run(source, tmp_path / "w.duckdb", Settings(batch_size=1, skip_entities=True, guard_documents=False), submit=executor.submit)
        executor.shutdown(wait=True)
    finally:
        cancellation.clear_stop()
    # The two documents hold 128 sections between them, all cleaned when nothing
    # stops the workers; each stops at its next rule once the main thread has
    # handled the interrupt, which on a busy machine may be a few sections later.
    assert len(sections_cleaned) <= 16
