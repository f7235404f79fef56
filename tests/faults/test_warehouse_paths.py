"""The warehouse's paths: a link to it, planted links beside it, and what a run creates next to it.

The cases that only mean something without root's privileges (a shared folder, a
spill folder its owner must enter) run as a second account where the test can
create one (``other_account``), and are skipped, saying why, where it cannot.
"""

import os
import stat
from pathlib import Path

import duckdb
import pytest
from fault_helpers import ARTICLE
from other_account import as_account, chown_tree, peer_account, shared_folder
from typer.testing import CliRunner

from ingest import Settings, run, warehouse
from ingest.cli import app
from ingest.warehouse import UnsafeLockFile, WarehouseBusy, single_writer, staged
from ingest.warehouse.lock import current_holder, holder_path, lock_path

# Documents are cleaned in this process: the guard's workers are new interpreters, which a
# second account cannot start from where root's interpreter lives; paths are what is tested here.
SKIP_ENTITIES = Settings(skip_entities=True, guard_documents=False)
SECRET = b"the runner's own file, which no run may write\n"


def make_warehouse(path: Path, rows: int = 10) -> None:
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE t AS SELECT range AS i FROM range({rows})")
    con.close()


def rows(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        con.close()


def add_row(staging: Path) -> None:
    con = duckdb.connect(str(staging))
    con.execute("INSERT INTO t VALUES (-1)")
    con.close()


@pytest.fixture
def linked(tmp_path):
    """``real/w.duckdb``, and ``link/w.duckdb``, a symbolic link to it."""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").mkdir()
    real = tmp_path / "real" / "w.duckdb"
    make_warehouse(real)
    link = tmp_path / "link" / "w.duckdb"
    link.symlink_to(real)
    return link, real


def test_a_run_through_a_link_swaps_the_real_file_and_the_link_stays(linked):
    link, real = linked
    with single_writer(link), staged(link) as staging:
        assert staging.parent == real.parent
        add_row(staging)
    assert link.is_symlink() and link.resolve() == real
    assert rows(real) == 11
    assert sorted(p.name for p in link.parent.iterdir()) == ["w.duckdb"], "nothing is kept beside the link"


def test_the_link_and_the_real_path_exclude_each_other(linked):
    link, real = linked
    assert lock_path(link) == lock_path(real) == real.with_name("w.duckdb.lock")
    with single_writer(real):
        with pytest.raises(WarehouseBusy):
            with single_writer(link):
                pass
    with single_writer(link):
        with pytest.raises(WarehouseBusy):
            with single_writer(real):
                pass


@pytest.mark.slow
def test_ingest_run_through_a_link_as_another_account(tmp_path):
    peer = peer_account()
    warm_up(tmp_path)
    with shared_folder(peer) as folder:
        source, real, link = folder / "source", folder / "real" / "w.duckdb", folder / "w.duckdb"
        source.mkdir()
        (source / "doc.txt").write_text(ARTICLE)
        real.parent.mkdir()
        link.symlink_to(real)
        chown_tree(folder, peer)
        first = as_account(peer, lambda: run(source, link, SKIP_ENTITIES).documents_loaded)
        (source / "more.txt").write_text(ARTICLE.replace("Moscow", "Kazan"))
        os.chown(source / "more.txt", peer.pw_uid, peer.pw_gid)
        second = as_account(peer, lambda: run(source, link, SKIP_ENTITIES).documents_loaded)
        assert (first, second) == (1, 1)
        assert link.is_symlink() and real.stat().st_uid == peer.pw_uid
        con = duckdb.connect(str(real), read_only=True)
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        con.close()


def warm_up(tmp_path: Path) -> None:
    """One run as root first: the modules a run loads lazily are loaded before a child gives up root."""
    (tmp_path / "warm").mkdir()
    (tmp_path / "warm" / "doc.txt").write_text(ARTICLE)
    run(tmp_path / "warm", tmp_path / "warm.duckdb", SKIP_ENTITIES)


@pytest.fixture
def group_folder(tmp_path):
    """A folder that the runner (root) and the second account's group may both write, and a file of the runner's."""
    peer = peer_account()
    with shared_folder(peer) as folder:
        os.chown(folder, 0, peer.pw_gid)
        os.chmod(folder, 0o2775)
        own = tmp_path / "own.txt"
        own.write_bytes(SECRET)
        make_warehouse(folder / "w.duckdb")
        yield peer, folder, own


def test_a_holder_record_planted_as_a_link_is_never_written_through(group_folder):
    peer, folder, own = group_folder
    planted = holder_path(folder / "w.duckdb")
    as_account(peer, os.symlink, str(own), str(planted))
    assert planted.is_symlink()
    with single_writer(folder / "w.duckdb"):
        assert not planted.is_symlink() and current_holder(folder / "w.duckdb").pid == os.getpid()
    assert own.read_bytes() == SECRET
    assert not os.path.lexists(planted)


def test_a_lock_planted_as_a_link_refuses_the_run(group_folder):
    peer, folder, own = group_folder
    as_account(peer, os.symlink, str(own), str(lock_path(folder / "w.duckdb")))
    with pytest.raises(UnsafeLockFile, match="symbolic link"):
        with single_writer(folder / "w.duckdb"):
            pass
    result = CliRunner().invoke(app, ["run", "--source", str(folder), "--warehouse", str(folder / "w.duckdb")])
    assert result.exit_code == 3 and "is a symbolic link" in result.stderr
    assert own.read_bytes() == SECRET and stat.S_IMODE(own.stat().st_mode) == 0o644


def test_the_lock_of_a_group_shared_warehouse_can_be_taken_by_each_member(group_folder):
    peer, folder, _ = group_folder
    path = folder / "w.duckdb"
    os.chown(path, 0, peer.pw_gid)
    os.chmod(path, 0o660)
    with single_writer(path):
        pass
    assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o660

    def take_lock():
        with single_writer(path):
            return True

    assert as_account(peer, take_lock)


# Sorting this many random rows needs far more than SPILL_MEMORY: DuckDB spills to disk.
SPILL_ROWS = 3_000_000
SPILL_MEMORY = "64MB"


def spill_into_the_copy(path: Path) -> int:
    with staged(path) as staging:
        con = warehouse.connect(staging, memory_limit=SPILL_MEMORY)
        try:
            con.execute("SET preserve_insertion_order = false")
            con.execute("SET threads = 1")
            con.execute(f"CREATE TABLE spilled AS SELECT range AS i, md5(range::varchar) AS s FROM range({SPILL_ROWS}) ORDER BY s")
            return con.execute("SELECT count(*) FROM spilled").fetchone()[0]
        finally:
            con.close()


@pytest.mark.slow
def test_a_run_that_spills_works_for_an_ordinary_account(tmp_path):
    """A ``644`` warehouse once gave the run a umask of ``0133``: its spill folder lacked its owner's x bit."""
    peer = peer_account()
    with shared_folder(peer) as folder:
        path = folder / "w.duckdb"
        make_warehouse(path)
        os.chmod(path, 0o644)
        chown_tree(folder, peer)
        assert as_account(peer, spill_into_the_copy, path) == SPILL_ROWS
        assert stat.S_IMODE(path.stat().st_mode) == 0o644 and path.stat().st_uid == peer.pw_uid
        assert sorted(p.name for p in folder.iterdir()) == ["w.duckdb"], "the copy, its log and its spill folder are gone"


def test_a_new_warehouse_gets_the_mode_of_a_new_file(tmp_path):
    previous = os.umask(0o022)
    try:
        with staged(tmp_path / "w.duckdb") as staging:
            make_warehouse(staging)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "w.duckdb").stat().st_mode) == 0o644
