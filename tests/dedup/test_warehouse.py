"""Deduplication through the warehouse: persisted outcomes, later runs, re-runs, the corpus view, passages."""

import numpy as np
import pytest
from dedup_helpers import NOW, body_tuples, bridge_texts, containment, jaccard, load_run, make_document

from bench.dedup_corpus import SITES, render
from ingest import load
from ingest.dedup import CONTAINMENT_THRESHOLD, DedupIndex, common_lines, normalize_passage, persist
from ingest.dedup.minhash_index import NUM_PERM
from ingest.explain import describe_duplicate, explain
from ingest.dedup.store import fetch_texts


def table(con, sql):
    return con.execute(sql).fetchall()


def test_outcome_is_persisted_and_the_corpus_view_holds_canonical_copies_only(con, article):
    text = render(article())
    batch = [make_document("a", text), make_document("b", text), make_document("c", render(article()))]
    load_run(con, DedupIndex.from_warehouse(con), [batch])
    assert table(con, "SELECT doc_id, canonical_id, method, similarity, matched_id, run_id FROM duplicates") == [
        ("b", "a", "exact_file", 1.0, "a", "run-1")
    ]
    assert table(con, "SELECT doc_id FROM corpus ORDER BY doc_id") == [("a",), ("c",)]
    assert table(con, "SELECT doc_id, duplicate_of FROM documents ORDER BY doc_id") == [("a", None), ("b", "a"), ("c", None)]
    assert table(con, "SELECT count(*), min(len(signature)) FROM minhash_signatures") == [(3, NUM_PERM)]
    assert table(con, "SELECT jaccard, containment, contained_id FROM duplicates") == [(1.0, 1.0, None)]


def test_a_new_runs_document_is_matched_against_an_old_runs_without_rehashing_it(con, reopen, writer, article):
    paragraphs = article()
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("old", render(paragraphs))]], run_id="run-1")
    stored = table(con, "SELECT signature FROM minhash_signatures WHERE doc_id = 'old'")
    con.close()

    later = reopen()
    index = DedupIndex.from_warehouse(later)
    assert len(index) == 1
    header, footer = SITES[2]
    copy = make_document("new", f"{header}\n\n{render(writer.rewrite_sentences(paragraphs, 0.03))}\n\n{footer}")
    load_run(later, index, [[copy]], run_id="run-2")
    assert (copy.duplicate_of, copy.duplicate_method) == ("old", "near")
    assert table(later, "SELECT doc_id, canonical_id, run_id FROM duplicates") == [("new", "old", "run-2")]
    ((similarity, jaccard_, containment_, contained),) = table(later, "SELECT similarity, jaccard, containment, contained_id FROM duplicates")
    old_text = render(paragraphs)
    assert (similarity, containment_) == (pytest.approx(containment(old_text, copy.text)),) * 2
    assert jaccard_ == pytest.approx(jaccard(old_text, copy.text))
    assert contained == ("old" if len(body_tuples(old_text)) <= len(body_tuples(copy.text)) else "new")
    assert table(later, "SELECT run_id, signature FROM minhash_signatures WHERE doc_id = 'old'") == [("run-1", stored[0][0])]
    assert table(later, "SELECT doc_id FROM corpus") == [("old",)]


def test_stored_signatures_equal_the_ones_a_fresh_index_computes(con, reopen, article):
    documents = [make_document(f"d{i}", render(article())) for i in range(5)]
    load_run(con, DedupIndex.from_warehouse(con), [documents])
    outcome = DedupIndex().deduplicate([make_document(d.doc_id, d.text) for d in documents])
    fresh = {row.doc_id: row.signature for row in outcome.signatures}
    for doc_id, stored in table(con, "SELECT doc_id, signature FROM minhash_signatures"):
        assert np.array_equal(np.array(stored, dtype=np.uint32), fresh[doc_id])


def test_re_running_over_the_same_input_never_changes_the_canonical_copy(con, reopen, article):
    text = render(article())
    first = make_document("m", text)
    longer = make_document("a", text + "\n\nA closing line the first copy did not carry at all.")
    load_run(con, DedupIndex.from_warehouse(con), [[first], [longer]], run_id="run-1")
    assert longer.duplicate_of == "m"
    before = table(con, "SELECT doc_id, canonical_id, method, similarity, matched_id FROM duplicates")
    con.close()

    # Same documents again, in the opposite order and in one batch, where a
    # fresh index would make the longer copy canonical.
    again = reopen()
    rerun = [make_document("a", longer.text), make_document("m", text)]
    load_run(again, DedupIndex.from_warehouse(again), [rerun], run_id="run-2")
    assert [d.duplicate_of for d in rerun] == ["m", None]
    assert table(again, "SELECT doc_id, canonical_id, method, similarity, matched_id FROM duplicates") == before
    assert table(again, "SELECT doc_id FROM corpus") == [("m",)]
    fresh = [make_document("a", longer.text), make_document("m", text)]
    DedupIndex().deduplicate(fresh)
    assert fresh[1].duplicate_of == "a"  # the rank frozen at first indexing is what kept "m"


def test_a_bridge_in_a_later_run_repoints_the_earlier_documents_row(con, reopen, writer, article):
    x, z, y = bridge_texts(writer, article())
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("x", x)], [make_document("z", z)]])
    assert table(con, "SELECT doc_id FROM corpus ORDER BY doc_id") == [("x",), ("z",)]
    con.close()

    later = reopen()
    load_run(later, DedupIndex.from_warehouse(later), [[make_document("y", y)]], run_id="run-2")
    assert table(later, "SELECT doc_id, duplicate_of FROM documents ORDER BY doc_id") == [("x", None), ("y", "x"), ("z", "x")]
    # Joined to the best-ranked cluster first, then z's group is brought in by its match with y.
    closer = "x"
    assert table(later, "SELECT doc_id, canonical_id, matched_id, run_id FROM duplicates ORDER BY doc_id") == [
        ("y", "x", closer, "run-2"),
        ("z", "x", "y", "run-2"),
    ]


def test_copies_of_a_deleted_canonical_regroup_under_the_best_remaining_copy(con, reopen, article):
    text = render(article())
    batches = [[make_document("a", text)], [make_document("c", text, raw=text + " ")], [make_document("b", text, raw=text + "  ")]]
    load_run(con, DedupIndex.from_warehouse(con), batches)
    con.execute("UPDATE documents SET deleted_at = TIMESTAMP '2025-02-01' WHERE doc_id = 'a'")
    con.close()

    later = reopen()
    index = DedupIndex.from_warehouse(later)
    assert index.canonical_of("b") == "c"
    load_run(later, index, [[make_document("d", render(article()))]], run_id="run-2")
    assert table(later, "SELECT doc_id FROM corpus ORDER BY doc_id") == [("c",), ("d",)]
    assert table(later, "SELECT doc_id, canonical_id FROM duplicates ORDER BY doc_id") == [("b", "c")]


def test_a_new_copy_of_a_deleted_document_becomes_canonical(con, reopen, article):
    text = render(article())
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("old-path", text)]])
    con.execute("UPDATE documents SET deleted_at = TIMESTAMP '2025-02-01'")
    renamed = make_document("new-path", text)
    load_run(con, DedupIndex.from_warehouse(con), [[renamed]], run_id="run-2")
    assert renamed.duplicate_of is None
    assert table(con, "SELECT doc_id FROM corpus") == [("new-path",)]


def test_documents_loaded_without_signatures_are_backfilled_from_their_text(con, reopen, article):
    text = render(article())
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("a", text)]])
    con.execute("DELETE FROM minhash_signatures")
    index = DedupIndex.from_warehouse(con)
    copy = make_document("b", text + "\n\nA short closing line.")
    load_run(con, index, [[copy]], run_id="run-2")
    assert copy.duplicate_of == "a"
    assert table(con, "SELECT doc_id, run_id FROM minhash_signatures ORDER BY doc_id") == [("a", "run-2"), ("b", "run-2")]


def test_common_lines_count_distinct_articles_and_copies_once(con, article):
    pitch = "Subscribe to our newsletter for the latest world news, delivered daily."
    shared = [make_document(f"s{i}", f"{render(article())}\n\n{pitch}") for i in range(3)]
    copied = render(article()) + "\n\nThis closing line only appears in one article and its copy."
    copies = [make_document("c1", copied), make_document("c2", copied, raw=copied + " ")]
    load_run(con, DedupIndex.from_warehouse(con), [shared, copies])
    lines = common_lines(con, 3)
    assert normalize_passage(pitch) in lines
    assert normalize_passage("  • SUBSCRIBE to our   newsletter for the latest world news, delivered daily.") in lines
    assert not any("only appears in one article" in line for line in common_lines(con, 2))
    assert common_lines(con, 4) == frozenset()
    counts = dict(table(con, "SELECT text, document_count FROM passage_counts"))
    assert counts[normalize_passage(pitch)] == 3
    # Held by both copies of one article, the closing line counts once.
    assert counts[normalize_passage("This closing line only appears in one article and its copy.")] == 1
    assert max(count for text, count in counts.items() if text != normalize_passage(pitch)) == 1


def test_a_document_whose_file_disappeared_is_no_longer_canonical_nor_matched(con, reopen, article):
    text = render(article())
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("a", text)], [make_document("b", text, raw=text + " ")]])
    con.close()

    # The next run learns that a's file is gone before it deduplicates anything.
    later = reopen()
    index = DedupIndex.from_warehouse(later)
    later.execute("BEGIN TRANSACTION")
    persist(later, index.forget(["a"]), "run-2")
    load.mark_deleted(later, ["a"], NOW)
    later.execute("COMMIT")
    # Re-pointed at once, even by a run that loads no document.
    assert table(later, "SELECT doc_id, duplicate_of FROM documents WHERE deleted_at IS NULL") == [("b", None)]
    assert table(later, "SELECT doc_id FROM corpus") == [("b",)]
    assert table(later, "SELECT doc_id FROM duplicates") == []

    copy = make_document("c", text, raw=text + "  ")
    load_run(later, index, [[copy]], run_id="run-2")
    assert (copy.duplicate_of, copy.duplicate_method) == ("b", "exact_text")
    assert table(later, "SELECT doc_id, canonical_id, matched_id FROM duplicates") == [("c", "b", "b")]
    assert table(later, "SELECT doc_id FROM corpus") == [("b",)]


def test_a_forgotten_document_is_never_matched_even_by_its_own_text(article):
    text = render(article())
    index = DedupIndex()
    index.deduplicate([make_document("a", text)])
    outcome = index.forget(["a", "never-indexed"])
    assert outcome.moved == {} and outcome.duplicates == []
    copy = make_document("b", text)
    index.deduplicate([copy])
    assert copy.duplicate_of is None
    assert index.canonical_of("b") == "b"


def test_a_passage_is_recorded_once_across_batches_and_runs(con, reopen, article):
    pitch = "Subscribe to our newsletter for the latest world news, delivered daily."
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("a", f"{render(article())}\n\n{pitch}")]], run_id="run-1")
    con.close()

    later = reopen()
    batches = [[make_document(f"b{i}", f"{render(article())}\n\n{pitch.upper()}")] for i in range(2)]
    load_run(later, DedupIndex.from_warehouse(later), batches, run_id="run-2")
    assert table(later, f"SELECT first_run_id FROM passages WHERE text = '{normalize_passage(pitch)}'") == [("run-1",)]
    assert table(later, "SELECT count(*) = count(DISTINCT passage_hash) FROM passages") == [(True,)]
    assert dict(table(later, "SELECT text, document_count FROM passage_counts"))[normalize_passage(pitch)] == 3


def test_texts_are_read_back_whatever_characters_their_doc_ids_hold(con, article):
    documents = [make_document(doc_id, render(article())) for doc_id in ("o'brien", "plain", "a'); DROP TABLE documents; --")]
    load_run(con, DedupIndex.from_warehouse(con), [documents])
    assert fetch_texts(con, [d.doc_id for d in documents] + ["absent"]) == {d.doc_id: d.text for d in documents}


def test_a_later_run_knows_which_passages_are_common_and_leaves_them_out(con, reopen, writer):
    furniture = "\n".join(writer.sentence() + " " + writer.sentence() for _ in range(6))
    outlet_pages = [make_document(f"p{i}", f"{render(writer.article())}\n\n{furniture}") for i in range(3)]
    load_run(con, DedupIndex.from_warehouse(con), [outlet_pages])
    con.close()

    later = reopen()
    short = [make_document(f"s{i}", f"{render(writer.article()[:1])}\n\n{furniture}") for i in range(2)]
    assert containment(short[0].text, short[1].text) >= CONTAINMENT_THRESHOLD  # the furniture alone would join them
    load_run(later, DedupIndex.from_warehouse(later), [short], run_id="run-2")
    assert [d.duplicate_of for d in short] == [None, None]


def test_explain_shows_the_measures_that_made_a_near_duplicate(con, writer):
    paragraphs = writer.article()
    full, cut = render(paragraphs), render(paragraphs[: max(2, (len(paragraphs) * 2 + 2) // 3)])
    load_run(con, DedupIndex.from_warehouse(con), [[make_document("full", full)], [make_document("cut", cut)]])
    evidence = explain(con, "cut").duplicate
    assert (evidence.canonical_id, evidence.method, evidence.matched_id, evidence.contained_id) == ("full", "near", "full", "cut")
    assert evidence.containment == pytest.approx(containment(full, cut)) and evidence.jaccard == pytest.approx(jaccard(full, cut))
    assert describe_duplicate(explain(con, "cut")) == (
        f"duplicate of full (near, matched full: containment {evidence.containment:.3f},"
        f" Jaccard {evidence.jaccard:.3f}, cut is the contained copy)"
    )
    assert explain(con, "full").duplicate is None and describe_duplicate(explain(con, "full")) is None


def test_rows_from_before_the_measures_were_recorded_are_rewritten_with_their_similarity(con, reopen, article):
    text = render(article())
    batches = [[make_document("a", text)], [make_document("b", text, raw=text + " ")], [make_document("c", text, raw=text + "  ")]]
    load_run(con, DedupIndex.from_warehouse(con), batches)
    con.execute("UPDATE duplicates SET jaccard = NULL, containment = NULL, contained_id = NULL")
    index = DedupIndex.from_warehouse(con)
    con.execute("BEGIN TRANSACTION")
    persist(con, index.forget(["a"]), "run-2")
    con.execute("COMMIT")
    # b is canonical now; c's row is rewritten from its stored match, the measures taken from its similarity.
    assert table(con, "SELECT doc_id, canonical_id, similarity, jaccard, containment FROM duplicates") == [("c", "b", 1.0, 1.0, 1.0)]
