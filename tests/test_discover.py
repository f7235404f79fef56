import os

from ingest.discover import SkippedPath, SourceFile, discover


def test_walks_in_stable_order_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    found = list(discover(tmp_path))
    assert [f.source_uri for f in found] == ["a.txt", "b/z.txt"]
    assert all(isinstance(f, SourceFile) for f in found)


def test_names_with_quotes_spaces_newlines_and_non_latin(tmp_path):
    names = ["it's \"quoted\".txt", "with space.txt", "new\nline.txt", "доклад.txt", "报告.txt"]
    for name in names:
        (tmp_path / name).write_text("text")
    assert sorted(f.source_uri for f in discover(tmp_path)) == sorted(names)


def test_symlink_outside_root_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside / "secret.txt", root / "link.txt")
    os.symlink(outside, root / "linkdir")
    found = list(discover(root))
    assert all(isinstance(f, SkippedPath) for f in found)
    assert {f.source_uri for f in found} == {"link.txt", "linkdir"}
    assert all("outside the source root" in f.reason for f in found)


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "doc.txt").write_text("x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "again")
    os.symlink(tmp_path / "self", tmp_path / "self")
    found = list(discover(tmp_path))
    files = [f.source_uri for f in found if isinstance(f, SourceFile)]
    assert files == ["d/doc.txt"]
    assert any(isinstance(f, SkippedPath) and f.source_uri == "self" for f in found)
