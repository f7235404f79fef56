"""A file rewritten in place while it is read is never accepted with two versions mixed.

``cp -p`` over an existing file truncates it, writes the new bytes and puts the
old modification time back: with versions of one size and one mtime, only the
change time tells that the file was written during the read.
"""

import io
import os
import shutil
import subprocess
import time

import pytest

from ingest import decode, discover
from ingest.decode import RejectedInput, read_file
from ingest.discover import SourceFile, open_source_file
from ingest.pipeline import process_batch

# Two versions of one size whose every line differs: any mix of them is neither.
LINES = 16_384  # 1 MiB: a read spans many pages, so a rewrite can land in its middle
VERSION_A = b"".join(b"%-63s\n" % f"The alpha version, line {i}.".encode() for i in range(LINES))
VERSION_B = b"".join(b"%-63s\n" % f"The bravo version, line {i}.".encode() for i in range(LINES))
SETTLED_NS = time.time_ns() - 3_600 * 10**9  # an hour ago: both versions carry this mtime


def copy_keeping_mtime(data: bytes, path) -> None:
    """What ``cp -p`` does to an existing file: truncate it in place, write, put the old times back."""
    with open(path, "r+b") as handle:
        handle.truncate(0)
        handle.write(data)
    os.utime(path, ns=(SETTLED_NS, SETTLED_NS))


class RewrittenWhileRead(io.FileIO):
    """A file whose first ``rewrites`` reads are cut in two by a rewrite to the other version."""

    rewrites = 1

    def read(self, size=-1):
        if RewrittenWhileRead.rewrites <= 0:
            return super().read(size)
        RewrittenWhileRead.rewrites -= 1
        first = super().read(len(VERSION_A) // 3)
        current = VERSION_A if first == VERSION_A[: len(first)] else VERSION_B
        copy_keeping_mtime(VERSION_B if current is VERSION_A else VERSION_A, self.name)
        return first + super().read(size - len(first) if size > 0 else -1)


@pytest.fixture
def doc(tmp_path, monkeypatch):
    """``doc.txt`` holding version A, settled an hour ago; reads of it go through ``RewrittenWhileRead``."""
    path = tmp_path / "doc.txt"
    path.write_bytes(VERSION_A)
    os.utime(path, ns=(SETTLED_NS, SETTLED_NS))

    def opened_with_a_writer(file, root=None):
        open_source_file(file, root).close()  # the same confinement checks
        return RewrittenWhileRead(str(file), "rb")

    monkeypatch.setattr(decode, "open_source_file", opened_with_a_writer)
    monkeypatch.setattr(RewrittenWhileRead, "rewrites", 1)
    return path


@pytest.mark.parametrize("racy_window_ns", [0, discover.RACY_WINDOW_NS], ids=["stamps-trusted", "racy-window"])
def test_a_same_size_same_mtime_rewrite_during_the_read_is_read_again_whole(doc, monkeypatch, racy_window_ns):
    monkeypatch.setattr(discover, "RACY_WINDOW_NS", racy_window_ns)
    assert read_file(doc).data == VERSION_B
    assert os.stat(doc).st_size == len(VERSION_A) and os.stat(doc).st_mtime_ns == SETTLED_NS


def test_a_file_rewritten_during_every_read_is_refused_for_the_run(doc, monkeypatch):
    monkeypatch.setattr(RewrittenWhileRead, "rewrites", decode.READ_ATTEMPTS)
    with pytest.raises(RejectedInput, match="changed while being read"):
        read_file(doc)


def test_the_run_loads_one_version_of_a_file_rewritten_while_it_reads_it(doc):
    result = process_batch([SourceFile(doc, "doc.txt", doc.parent)])
    [document] = result.documents
    assert document.raw_text == VERSION_B.decode()


@pytest.mark.slow
def test_a_file_rewritten_by_cp_p_without_pause_is_never_accepted_torn(tmp_path):
    """The real command in a loop, read a bounded number of times: every accepted read is one version."""
    if shutil.which("cp") is None:
        pytest.skip("needs cp")
    a, b, doc = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "doc.txt"
    for path, data in ((a, VERSION_A), (b, VERSION_B), (doc, VERSION_A)):
        path.write_bytes(data)
        os.utime(path, ns=(SETTLED_NS, SETTLED_NS))
    writer = subprocess.Popen(["sh", "-c", f"while :; do cp -p '{a}' '{doc}'; cp -p '{b}' '{doc}'; done"])
    accepted = {VERSION_A: 0, VERSION_B: 0}
    torn = 0
    try:
        deadline = time.monotonic() + 20
        for _ in range(600):
            if time.monotonic() > deadline:
                break
            try:
                data = read_file(doc).data
            except RejectedInput as refusal:
                assert "changed while being read" in str(refusal)
                continue
            if data in accepted:
                accepted[data] += 1
            elif len(data) == len(VERSION_A) or not (VERSION_A.startswith(data) or VERSION_B.startswith(data)):
                torn += 1
            # Otherwise a version caught between truncation and its last byte, a state the file was in.
    finally:
        writer.kill()
        writer.wait()
    counts = {"alpha": accepted[VERSION_A], "bravo": accepted[VERSION_B]}
    assert torn == 0, f"{torn} reads mixed the two versions (accepted: {counts})"
    if not all(accepted.values()):
        # Only the torn count is the property; on a loaded machine the 20 s may end before both show.
        pytest.skip(f"the writer did not alternate the versions within the time (accepted: {counts})")
