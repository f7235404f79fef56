"""A folder or file swapped for a symbolic link between planning and reading is never followed."""

import os

import pytest
from fault_helpers import ARTICLE

from ingest import PIPELINE_VERSION
from ingest.decode import RejectedInput, read_file
from ingest.discover import NotReadable, SourceFile, discover, open_source_file
from ingest.incremental import file_sha256, plan_run
from ingest.pipeline import process_batch

SECRET = b"root:x:0:0:root:/root:/bin/bash\n" * 4


@pytest.fixture
def tree(tmp_path):
    """A source root with ``sub/doc.txt``, and a folder outside it holding a ``doc.txt`` of its own."""
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "doc.txt").write_text(ARTICLE)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "doc.txt").write_bytes(SECRET)
    return root, outside


def swap_for_link(folder, target):
    os.rename(folder, folder.with_name(folder.name + ".moved"))
    os.symlink(target, folder)


def test_folder_swapped_for_a_link_after_planning_is_refused(tree):
    root, outside = tree
    plan = plan_run(discover(root), {}, PIPELINE_VERSION)
    [source] = plan.to_process
    swap_for_link(root / "sub", outside)
    result = process_batch(plan.to_process)
    assert not result.documents
    [(uri, reason)] = result.rejects
    assert uri == "sub/doc.txt" and "symbolic link" in reason
    with pytest.raises(RejectedInput):
        read_file(source.path, source.root)


def test_folder_swapped_before_hashing_is_refused(tree):
    root, outside = tree
    [source] = discover(root)
    swap_for_link(root / "sub", outside)
    with pytest.raises(NotReadable, match="symbolic link"):
        file_sha256(source)


def test_file_swapped_for_a_link_is_refused(tree):
    root, outside = tree
    [source] = discover(root)
    os.unlink(root / "sub" / "doc.txt")
    os.symlink(outside / "doc.txt", root / "sub" / "doc.txt")
    with pytest.raises(NotReadable, match="file was replaced by a symbolic link"):
        open_source_file(source.path, source.root)


def test_link_inside_the_root_that_discovery_allowed_is_read(tree):
    root, _ = tree
    os.symlink(root / "sub" / "doc.txt", root / "alias.txt")
    found = {s.source_uri: s for s in discover(root) if isinstance(s, SourceFile)}
    assert set(found) == {"alias.txt", "sub/doc.txt"}
    assert read_file(found["alias.txt"].path, found["alias.txt"].root).data == ARTICLE.encode()


def test_a_path_outside_the_root_is_refused_whatever_its_name(tree):
    root, outside = tree
    with pytest.raises(NotReadable, match="outside the source root"):
        open_source_file(outside / "doc.txt", root)
