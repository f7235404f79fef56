"""File names that are not valid UTF-8 become documents with a reversible ``source_uri``, never a crash."""

import os

from fault_helpers import ARTICLE, write_bytes_name

from ingest import PIPELINE_VERSION
from ingest.discover import SourceFile, discover, source_path_for, source_uri_for
from ingest.document import doc_id_for
from ingest.incremental import plan_run
from ingest.pipeline import process_batch


def test_latin1_name_is_percent_encoded_and_processed(tmp_path):
    write_bytes_name(tmp_path, b"caf\xe9.txt", ARTICLE.encode())
    (tmp_path / "plain.txt").write_text(ARTICLE + "\nA second paragraph makes it another document.\n")
    plan = plan_run(discover(tmp_path), {}, PIPELINE_VERSION)
    assert sorted(s.source_uri for s in plan.to_process) == ["caf%E9.txt", "plain.txt"]
    result = process_batch(plan.to_process)
    assert not result.rejects
    odd = next(d for d in result.documents if d.source_uri == "caf%E9.txt")
    assert odd.doc_id == doc_id_for("caf%E9.txt")
    assert os.fsencode(source_path_for(odd.source_uri)) == b"caf\xe9.txt"


def test_odd_folder_names_are_escaped_on_every_component(tmp_path):
    folder = tmp_path / os.fsdecode(b"dossier-\xff")
    folder.mkdir()
    write_bytes_name(folder, b"\x80\x81.txt", ARTICLE.encode())
    [found] = discover(tmp_path)
    assert isinstance(found, SourceFile)
    assert found.source_uri == "dossier-%FF/%80%81.txt"
    assert (tmp_path / source_path_for(found.source_uri)).read_bytes() == ARTICLE.encode()


def test_escape_is_reversible_and_never_merges_two_names(tmp_path):
    names = [b"100%.txt", b"%E9.txt", b"\xe9.txt", "é.txt".encode(), b"a%25b.txt"]
    uris = [source_uri_for(os.fsdecode(name)) for name in names]
    assert uris == ["100%25.txt", "%25E9.txt", "%E9.txt", "é.txt", "a%2525b.txt"]
    assert len(set(uris)) == len(names)
    assert [os.fsencode(source_path_for(uri)) for uri in uris] == names
    assert all(uri.encode("utf-8") for uri in uris)


def test_valid_utf8_names_are_kept_as_they_are():
    for name in ["доклад.txt", "报告.txt", "it's \"quoted\".txt", "new\nline.txt"]:
        assert source_uri_for(name) == name
        assert source_path_for(name) == name
