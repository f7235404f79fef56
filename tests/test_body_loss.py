"""The body-loss guard: a document with prose never leaves cleaning empty, and heavy removals are doubted."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.body_loss import doubt_removals, holds_prose, is_blank, word_count
from ingest.clean import clean_text
from ingest.input_kinds import InputKind
from ingest.rules import CleaningContext
from ingest.traced_text import Edit

SENTENCE = "The ministers met in Moscow on Tuesday and agreed to meet again next year."


def test_words_are_counted_across_scripts():
    assert word_count("two words") == 2
    assert word_count("部长们会面") == 5
    assert word_count("Moscow 部长 met") == 4


def test_prose_is_a_sentence_of_several_words_or_a_long_line():
    assert holds_prose(f"Menu\n{SENTENCE}\nFooter")
    assert not holds_prose("Home\nWorld\nShare this\nAll rights reserved.")
    assert holds_prose("莫斯科和德黑兰的部长们在星期二会面，同意明年再次会面。")


def test_an_emptied_text_with_prose_is_doubted_and_one_without_is_not():
    assert doubt_removals(SENTENCE, "", InputKind.PAGE_TEXT) is not None
    assert doubt_removals("Home\nWorld\nShare", "", InputKind.PAGE_TEXT) is None


def test_a_share_removed_above_the_kinds_limit_is_doubted():
    raw = " ".join([SENTENCE] * 10)
    assert doubt_removals(raw, SENTENCE, InputKind.PDF) is not None  # 90 % removed from a PDF
    assert doubt_removals(raw, SENTENCE, InputKind.PAGE_TEXT) is None  # a saved page may lose most of its words
    assert doubt_removals(raw, " ".join([SENTENCE] * 9), InputKind.PDF) is None


def test_markup_removals_that_would_empty_a_page_keep_its_prose_and_flag_it():
    menu = "Home\nWorld\nSport\n\n"
    raw = menu + SENTENCE + "\n"
    everything = [Edit(0, len(raw), "", "page_furniture", "html_header")]
    cleaned = clean_text(raw, CleaningContext(input_kind=InputKind.HTML), everything)
    assert SENTENCE in cleaned.text
    assert cleaned.review_reason is not None and "every word" in cleaned.review_reason


def test_removals_of_prose_beyond_the_share_are_kept_and_furniture_still_goes():
    paragraphs = [f"{SENTENCE} Paragraph {n} adds its own detail to the report." for n in range(6)]
    raw = "Home\nWorld\nSport\n\n" + "\n\n".join(paragraphs) + "\n"
    start = raw.index(paragraphs[1])
    cut = [Edit(0, raw.index(paragraphs[0]), "", "page_furniture", "html_nav"), Edit(start, len(raw), "", "extractor", "trafilatura")]
    cleaned = clean_text(raw, CleaningContext(input_kind=InputKind.PDF), cut)
    assert all(p in cleaned.text for p in paragraphs)
    assert "Home" not in cleaned.text
    assert "removals of prose were kept" in cleaned.review_reason


def test_an_undoubted_document_carries_no_reason():
    cleaned = clean_text(f"{SENTENCE}\n\n{SENTENCE} Again.\n")
    assert cleaned.review_reason is None and cleaned.input_kind is InputKind.PROSE


@pytest.mark.slow
def test_a_run_counts_and_records_the_documents_it_flags(tmp_path, monkeypatch):
    """Every doubted document is loaded with its reason, counted in the summary and the runs row, and explained."""
    import shutil
    from pathlib import Path

    import duckdb

    from ingest import body_loss
    from ingest.explain import describe_review, explain
    from ingest.runner import run
    from ingest.settings import Settings

    source = tmp_path / "source"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", source)
    # Any removal from prose is doubted: the seed articles whose furniture goes are flagged.
    monkeypatch.setitem(body_loss.MAX_REMOVED_SHARE, InputKind.PROSE, 0.0)
    summary = run(source, tmp_path / "w.duckdb", Settings(skip_entities=True, guard_documents=False))
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    flagged = con.execute("SELECT doc_id, review_reason FROM documents WHERE review_reason IS NOT NULL").fetchall()
    [(recorded,)] = con.execute("SELECT documents_flagged FROM runs").fetchall()
    assert flagged and summary.documents_flagged == len(flagged) == recorded
    assert summary.as_dict()["documents_flagged"] == len(flagged)
    doc_id, reason = flagged[0]
    assert "of the words of a prose document" in reason
    assert describe_review(explain(con, doc_id)) == f"flagged for review: {reason}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "\n", "\t", "\u3000", "\u00a0", "\u200b", "a", "。", "語", "ก", "-", "1"]), max_size=12))
def test_a_text_is_blank_exactly_when_no_word_is_counted_in_it(text: str):
    """The share-free kinds ask only whether a page kept a word, which needs no count."""
    assert is_blank(text) == (word_count(text) == 0)
