"""Entities and mentions in the warehouse: one transaction, replaced per document, counts and views."""

from datetime import datetime

import pytest

from ingest import load, warehouse
from ingest.entities import entity_id, persist, refresh_counts

RUN = "run-1"


@pytest.fixture()
def con(tmp_path):
    connection = warehouse.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


@pytest.fixture()
def corpus(make_document):
    return [
        make_document("Iran may buy the Su-35. Israel objected to the Su-35 sale.", "a"),
        make_document("Russia and Iran joined BRICS. Vladimir Putin hosted the summit in Kazan.", "b"),
        make_document("Le président Poutine a reçu le président iranien à Moscou.", "c", language="fr"),
    ]


def load_run(con, tagger, documents, run_id=RUN):
    outcome = tagger.tag(documents)
    con.execute("BEGIN TRANSACTION")
    load.write_documents(con, documents, run_id, "test", datetime(2025, 1, 1))
    persist(con, outcome, documents, run_id)
    refresh_counts(con)
    con.execute("COMMIT")
    return outcome


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_every_stored_mention_is_the_substring_its_offsets_name(con, tagger, corpus):
    load_run(con, tagger, corpus)
    bad = rows(
        con,
        "SELECT m.text FROM mentions m JOIN documents d USING (doc_id)"
        " WHERE substr(d.text, m.start_offset + 1, m.end_offset - m.start_offset) <> m.text",
    )
    assert rows(con, "SELECT count(*) FROM mentions")[0][0] > 5
    assert bad == []


def test_skipped_language_has_no_mentions_but_keeps_its_language(con, tagger, corpus):
    outcome = load_run(con, tagger, corpus)
    assert outcome.skipped_languages == {"fr": 1}
    french = corpus[2].doc_id
    assert rows(con, "SELECT count(*) FROM mentions WHERE doc_id = ?", french) == [(0,)]
    assert rows(con, "SELECT language FROM documents WHERE doc_id = ?", french) == [("fr",)]


def test_counts_follow_the_mentions(con, tagger, corpus):
    load_run(con, tagger, corpus)
    iran = entity_id("Iran", "GPE")
    su35 = entity_id("Su-35", "PRODUCT")
    assert rows(con, "SELECT mention_count, doc_count, external_id FROM entities WHERE entity_id = ?", iran) == [
        (2, 2, "Q794")
    ]
    assert rows(con, "SELECT mention_count, doc_count FROM entities WHERE entity_id = ?", su35) == [(2, 1)]


def test_rerun_replaces_mentions_and_keeps_ids(con, tagger, corpus, make_document):
    load_run(con, tagger, corpus)
    before = rows(con, "SELECT entity_id, name FROM entities ORDER BY entity_id")
    load_run(con, tagger, corpus, "run-2")
    assert rows(con, "SELECT entity_id, name FROM entities ORDER BY entity_id") == before
    assert rows(con, "SELECT DISTINCT run_id FROM mentions") == [("run-2",)]

    changed = make_document("Israel and Iran traded threats.", "a")
    load_run(con, tagger, [changed], "run-3")
    su35 = entity_id("Su-35", "PRODUCT")
    assert rows(con, "SELECT mention_count, doc_count FROM entities WHERE entity_id = ?", su35) == [(0, 0)]
    assert rows(con, "SELECT count(*) FROM mentions WHERE doc_id = ?", changed.doc_id) == [(2,)]


def test_deleted_documents_leave_the_counts(con, tagger, corpus):
    load_run(con, tagger, corpus)
    con.execute("BEGIN TRANSACTION")
    load.mark_deleted(con, [corpus[0].doc_id], datetime(2025, 1, 2))
    refresh_counts(con)
    con.execute("COMMIT")
    iran = entity_id("Iran", "GPE")
    assert rows(con, "SELECT mention_count, doc_count FROM entities WHERE entity_id = ?", iran) == [(1, 1)]


def test_persist_writes_nothing_if_the_run_rolls_back(con, tagger, corpus):
    outcome = tagger.tag(corpus)
    con.execute("BEGIN TRANSACTION")
    persist(con, outcome, corpus, RUN)
    con.execute("ROLLBACK")
    assert rows(con, "SELECT count(*) FROM entities") == [(0,)]
    assert rows(con, "SELECT count(*) FROM mentions") == [(0,)]


def test_cooccurrence_answers_which_documents_pair_two_entities(con, tagger, corpus):
    load_run(con, tagger, corpus)
    pairs = rows(
        con,
        "SELECT documents, doc_ids FROM entity_cooccurrence WHERE name_a = 'Su-35' AND name_b = 'Israel'",
    )
    assert pairs == [(1, [corpus[0].doc_id])]
    assert rows(con, "SELECT count(*) FROM entity_cooccurrence WHERE name_a = 'Su-35' AND name_b = 'BRICS'") == [(0,)]
    assert rows(con, "SELECT count(*) FROM entity_cooccurrence WHERE entity_a = entity_b") == [(0,)]


def test_top_entities_rank_within_each_label(con, tagger, corpus):
    load_run(con, tagger, corpus)
    top_gpe = rows(con, "SELECT name, doc_count FROM top_entities_per_label WHERE label = 'GPE' AND rank = 1")
    assert top_gpe == [("Iran", 2)]
    assert rows(con, "SELECT count(*) FROM top_entities_per_label WHERE mention_count = 0") == [(0,)]


def test_gazetteer_names_replace_stored_names_but_spellings_do_not(con, tagger, corpus):
    load_run(con, tagger, corpus)
    iran = entity_id("Iran", "GPE")
    con.execute("UPDATE entities SET name = 'IRAN', external_id = NULL WHERE entity_id = ?", [iran])
    load_run(con, tagger, corpus, "run-2")
    assert rows(con, "SELECT name, external_id FROM entities WHERE entity_id = ?", iran) == [("Iran", "Q794")]
