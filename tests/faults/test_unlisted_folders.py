"""A folder the run cannot list is refused with its reason; the documents under it are neither deleted nor re-added."""

import os

import duckdb
import pytest
from fault_helpers import ARTICLE
from other_account import as_account, chown_tree, peer_account, shared_folder

from ingest import PIPELINE_VERSION, Settings, discover, run
from ingest.discover import UnlistedFolder
from ingest.document import doc_id_for
from ingest.incremental import KnownFile, plan_run

# Documents are cleaned in this process: the guard's workers are new interpreters, which a
# second account cannot start from where root's interpreter lives; paths are what is tested here.
SKIP_ENTITIES = Settings(skip_entities=True, guard_documents=False)


@pytest.fixture
def source(tmp_path):
    root = tmp_path / "source"
    for name, place in (("top.txt", "Moscow"), ("hidden/one.txt", "Kazan"), ("hidden/deeper/two.txt", "Sochi"),
                        ("open/three.txt", "Tver")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(ARTICLE.replace("Moscow", place))
    return root


def unlistable(monkeypatch, folder):
    """Listing ``folder`` fails as it does for an account without the right to read it."""
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)


def documents(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT source_uri, (deleted_at IS NULL, run_id) FROM documents").fetchall())
    finally:
        con.close()


def test_the_documents_of_an_unlisted_folder_are_kept_and_the_folder_refused(source, monkeypatch):
    known = {doc_id_for(uri): KnownFile("0" * 64, PIPELINE_VERSION, None, uri)
             for uri in ("top.txt", "hidden/one.txt", "hidden/deeper/two.txt", "open/three.txt", "gone.txt")}
    unlistable(monkeypatch, source / "hidden")
    plan = plan_run(discover.discover(source), known, PIPELINE_VERSION)
    assert plan.disappeared == [doc_id_for("gone.txt")]
    assert sorted(plan.unlisted) == sorted([doc_id_for("hidden/one.txt"), doc_id_for("hidden/deeper/two.txt")])
    [(uri, reason)] = plan.rejects
    assert uri == "hidden" and "could not be listed (Permission denied)" in reason


def test_an_unlisted_root_keeps_every_document(source, monkeypatch):
    unlistable(monkeypatch, source)
    [found] = discover.discover(source)
    assert isinstance(found, UnlistedFolder) and found.holds("any/file.txt")


@pytest.mark.slow
def test_a_run_completes_without_the_folder_it_cannot_list_and_takes_it_back_unchanged(source, tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    first = run(source, path, SKIP_ENTITIES)
    assert first.documents_loaded == 4
    (source / "open" / "four.txt").write_text(ARTICLE.replace("Moscow", "Omsk"))
    with monkeypatch.context() as patch:
        unlistable(patch, source / "hidden")
        second = run(source, path, SKIP_ENTITIES)
    assert (second.status, second.documents_loaded, second.documents_deleted, second.rejects) == ("completed", 1, 0, 1)
    kept = documents(path)
    assert kept["hidden/one.txt"] == kept["hidden/deeper/two.txt"] == (True, first.run_id)
    con = duckdb.connect(str(path), read_only=True)
    assert "could not be listed" in con.execute("SELECT reason FROM rejects WHERE source_uri = 'hidden'").fetchone()[0]
    con.close()
    third = run(source, path, SKIP_ENTITIES)
    assert (third.documents_loaded, third.documents_deleted) == (0, 0)
    assert documents(path)["hidden/one.txt"] == (True, first.run_id), "not read again once listable"


@pytest.mark.slow
def test_a_folder_another_account_cannot_list(tmp_path):
    """Run as an account that may not read one folder of the source (root reads everything)."""
    peer = peer_account()
    (tmp_path / "warm").mkdir()
    (tmp_path / "warm" / "doc.txt").write_text(ARTICLE)
    run(tmp_path / "warm", tmp_path / "warm.duckdb", SKIP_ENTITIES)  # loads what a run loads lazily, as root
    with shared_folder(peer) as folder:
        source, path = folder / "source", folder / "w.duckdb"
        for name, place in (("top.txt", "Moscow"), ("private/one.txt", "Kazan")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_text(ARTICLE.replace("Moscow", place))
        chown_tree(folder, peer)
        assert as_account(peer, lambda: run(source, path, SKIP_ENTITIES).documents_loaded) == 2
        os.chown(source / "private", 0, 0)
        os.chmod(source / "private", 0o700)
        second = as_account(peer, lambda: run(source, path, SKIP_ENTITIES).as_dict())
        assert (second["status"], second["documents_deleted"], second["rejects"]) == ("completed", 0, 1)
        assert documents(path)["private/one.txt"][0] is True
