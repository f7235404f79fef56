"""A run is published only when everything it wrote is in the file that replaces the published one."""

import os
import stat
import subprocess
import sys
import textwrap

import duckdb
import pytest
from disks import fill, read_only, small_disk

from ingest.warehouse import staging as staging_module
from ingest.warehouse import PublishError, staged

# Random text does not compress: rows of it fill a small disk predictably.
RANDOM_ROWS = "SELECT range AS i, md5(random()::varchar) || md5(random()::varchar) || md5(random()::varchar) AS s FROM range({})"


def make_warehouse(path, rows=20_000):
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE t AS {RANDOM_ROWS.format(rows)}")
    con.close()


def count(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        con.close()


def add_rows(staging, rows):
    con = duckdb.connect(str(staging))
    try:
        con.execute(f"INSERT INTO t {RANDOM_ROWS.format(rows)}")
    finally:
        con.close()


def leftovers(folder):
    """What a run left in the warehouse's folder, but the test's filler and the writer lock's file.

    The lock's file outlives the lock on purpose: deleting it on release would let a
    waiting writer lock a file that the next one no longer sees.
    """
    return sorted(p.name for p in folder.iterdir() if p.name != "filler.bin" and not p.name.endswith(".lock"))


@pytest.mark.slow
def test_a_checkpoint_that_fails_on_a_full_disk_publishes_nothing(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "w.duckdb"
        make_warehouse(path)
        with pytest.raises(PublishError, match="No space left on device"):
            with staged(path) as staging:
                add_rows(staging, 150_000)  # about 15 MB: its checkpoint cannot fit
        assert count(path) == 20_000
        assert leftovers(disk) == ["w.duckdb"]


def test_a_copy_the_disk_cannot_hold_is_refused_before_it_starts(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "w.duckdb"
        make_warehouse(path, 60_000)
        fill(disk, path.stat().st_size // 2)
        with pytest.raises(PublishError, match="not enough free space"):
            with staged(path):
                pytest.fail("the run must not start")
        assert leftovers(disk) == ["w.duckdb"]


def test_a_copy_cut_short_by_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "w.duckdb"
        make_warehouse(path, 60_000)
        fill(disk, path.stat().st_size // 2)
        monkeypatch.setattr(staging_module, "check_free_space", lambda folder, size: None)  # another writer raced the check
        with pytest.raises(PublishError, match="No space left on device"):
            with staged(path):
                pytest.fail("the run must not start")
        assert leftovers(disk) == ["w.duckdb"]


def test_a_read_only_folder_fails_the_run_with_its_cause(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "w.duckdb"
        make_warehouse(path)
        read_only(disk)
        with pytest.raises(PublishError, match="Read-only file system"):
            with staged(path):
                pytest.fail("the run must not start")
        assert count(path) == 20_000


def test_a_copy_that_lacks_what_the_run_wrote_is_not_published(tmp_path):
    path = tmp_path / "w.duckdb"
    make_warehouse(path)

    def expects_more(con):
        if con.execute("SELECT count(*) FROM t").fetchone()[0] != 20_100:
            raise PublishError("the copy does not hold the run's rows")

    with pytest.raises(PublishError):
        with staged(path, verify=expects_more) as staging:
            add_rows(staging, 50)
    assert count(path) == 20_000 and leftovers(tmp_path) == ["w.duckdb"]
    with staged(path, verify=expects_more) as staging:
        add_rows(staging, 100)
    assert count(path) == 20_100 and leftovers(tmp_path) == ["w.duckdb"]


def test_the_copy_and_the_published_file_keep_mode_and_group(tmp_path):
    path = tmp_path / "w.duckdb"
    make_warehouse(path)
    group = 65534 if os.geteuid() == 0 else os.getegid()  # nogroup; only root may give any group
    os.chown(path, -1, group)
    os.chmod(path, 0o640)
    with staged(path) as staging:
        copied = staging.stat()
        assert (stat.S_IMODE(copied.st_mode), copied.st_gid) == (0o640, group)
        con = duckdb.connect(str(staging))
        con.execute("INSERT INTO t VALUES (1, 'x')")
        log = staging.with_name(staging.name + ".wal")
        assert not stat.S_IMODE(log.stat().st_mode) & 0o007, "the run's log is readable by others"
        con.close()
    published = path.stat()
    assert (stat.S_IMODE(published.st_mode), published.st_gid) == (0o640, group)


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("SET checkpoint_threshold = '1TB'")
    con.execute("INSERT INTO t SELECT range, 'from the killed writer' FROM range(7)")
    os._exit(9)
    """
)
READER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("SELECT count(*) FROM t").fetchone()[0], flush=True)
    time.sleep(60)
    """
)


def test_a_log_left_by_a_killed_writer_is_carried_in_while_a_reader_holds_the_file(tmp_path, caplog):
    path = tmp_path / "w.duckdb"
    make_warehouse(path)
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=False)
    log = path.with_name(path.name + ".wal")
    assert log.exists()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "20007"
        with staged(path) as staging:
            add_rows(staging, 3)
    finally:
        reader.kill()
        reader.wait()
    assert count(path) == 20_010
    assert not log.exists() and log.with_name(log.name + ".folded").exists()
    assert "interrupted writer" in caplog.text


def test_a_log_left_by_a_killed_writer_is_folded_in_when_nobody_holds_the_file(tmp_path, caplog):
    path = tmp_path / "w.duckdb"
    make_warehouse(path)
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=False)
    with staged(path) as staging:
        add_rows(staging, 3)
    assert count(path) == 20_010
    assert leftovers(tmp_path) == ["w.duckdb"]
    assert "folded the log" in caplog.text


@pytest.mark.slow
def test_a_run_that_fills_the_disk_fails_with_its_cause_and_publishes_nothing(tmp_path, caplog):
    from fault_helpers import ARTICLE

    from ingest import Settings, run

    settings = Settings(skip_entities=True)
    source = tmp_path / "source"
    source.mkdir()
    (source / "first.txt").write_text(ARTICLE)
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "ingest.duckdb"
        assert run(source, path, settings).status == "completed"
        published = documents(path)
        # Thousands of distinct words do not compress: the run's rows outgrow what is left.
        words = [f"{chr(97 + i % 26)}{i:x}word" for i in range(400_000)]
        (source / "second.txt").write_text(" ".join(words) + "\n\n" + ARTICLE)
        fill(disk, int(path.stat().st_size * 1.2) + (1 << 20))
        with pytest.raises(Exception, match="No space left on device") as failure:
            run(source, path, settings)
        assert "No space left on device" in caplog.text
        assert documents(path) == published
        assert leftovers(disk) == ["ingest.duckdb"]
        # Once the copy is gone the disk has room again for the failed run's row, and its first cause.
        con = duckdb.connect(str(path), read_only=True)
        [(status, error)] = con.execute("SELECT status, error FROM runs WHERE status <> 'completed'").fetchall()
        con.close()
        assert status == "failed" and "No space left on device" in error and "\n" not in error


def documents(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT doc_id, content_sha256, text FROM documents ORDER BY doc_id").fetchall()
    finally:
        con.close()


def test_a_process_sees_a_new_run_once_it_has_closed_every_connection_and_connected_again(tmp_path):
    """What the README says a process holding a connection sees: DuckDB shares one database per path in a process."""
    path = tmp_path / "w.duckdb"
    make_warehouse(path)
    held = duckdb.connect(str(path), read_only=True)
    with staged(path) as staging:
        add_rows(staging, 5)
    alongside = duckdb.connect(str(path), read_only=True)
    assert [c.execute("SELECT count(*) FROM t").fetchone()[0] for c in (held, alongside)] == [20_000, 20_000]
    held.close()
    alongside.close()
    assert count(path) == 20_005
