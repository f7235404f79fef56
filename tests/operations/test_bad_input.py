"""Bad input, one case per test: each file becomes a correct document or a reject with a readable reason.

Every case puts a good file beside the bad one and checks the good one still
becomes a document: one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import hashlib
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ingest import PIPELINE_VERSION
from ingest.decode import MAX_FILE_BYTES, REPLACED_UTF8, RejectedInput, read_file
from ingest.discover import SourceFile, discover
from ingest.document import doc_id_for
from ingest.incremental import KnownFile, plan_run
from ingest.pipeline import process_batch, process_file

# A single line ten times longer may take at most this many times as long through
# decode, clean and language detection: linear work takes about ten times as long,
# quadratic a hundred. A ratio, not a time budget, so a busy machine cannot fail it.
MAX_TIME_RATIO_FOR_TEN_TIMES_THE_SIZE = 25
NOBODY = 65534


def with_good_file(root: Path, article: str) -> None:
    (root / "good.txt").write_text(article, encoding="utf-8")


def assert_good_file_loaded(found: dict[str, str], article: str) -> None:
    assert found["good.txt"] == article.strip()


def test_empty_file(source_root, stages, article):
    (source_root / "empty.txt").write_bytes(b"")
    (source_root / "blank.txt").write_bytes(b" \n\t\r\n")
    with_good_file(source_root, article)
    found = stages(source_root)
    assert found["empty.txt"] == "REJECT: file is empty or contains only whitespace"
    assert found["blank.txt"] == "REJECT: file is empty or contains only whitespace"
    assert_good_file_loaded(found, article)


def test_binary_garbage(source_root, stages, article):
    (source_root / "noise.txt").write_bytes(random.Random(6).randbytes(8192))
    with_good_file(source_root, article)
    found = stages(source_root)
    assert found["noise.txt"].startswith("REJECT: ")
    assert "binary" in found["noise.txt"]
    assert_good_file_loaded(found, article)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "file is a PNG image, not text"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "the PDF is damaged or not a PDF (PDFSyntaxError: No /Root object! - Is this really a PDF?)",
        ),
    ],
    ids=["png", "pdf"],
)
def test_binary_format_named_txt(source_root, stages, article, content, reason):
    (source_root / "report.txt").write_bytes(content)
    with_good_file(source_root, article)
    found = stages(source_root)
    assert found["report.txt"] == f"REJECT: {reason}"
    assert_good_file_loaded(found, article)


def test_text_mentioning_pdf_is_not_mistaken_for_one(source_root, stages, article):
    (source_root / "about.txt").write_text("The %PDF- marker starts every PDF file.\n\n" + article)
    assert not stages(source_root)["about.txt"].startswith("REJECT")


def test_invalid_utf8_keeps_the_text_and_marks_the_bad_bytes(source_root, planned, article):
    text = "Grüße aus Zürich: “café” – naïve déjà vu.\n\n" + article
    cut = len("Grüße aus ")
    damaged = text[:cut].encode("utf-8") + b"\xff\xfe" + text[cut:].encode("utf-8")
    (source_root / "damaged.txt").write_bytes(damaged)
    _, result = planned(source_root)
    [document] = result.documents
    assert document.encoding == REPLACED_UTF8
    assert document.raw_text == text[:cut] + "\ufffd\ufffd" + text[cut:]
    assert "“café” – naïve déjà vu" in document.text


def test_legacy_code_page_is_not_read_as_damaged_utf8(source_root, planned):
    text = "Les élèves ont étudié à l'école où ça se passe très bien, même en été et à Noël.\n"
    (source_root / "french.txt").write_bytes(text.encode("cp1252"))
    _, result = planned(source_root)
    [document] = result.documents
    assert (document.raw_text, document.encoding) == (text, "cp1252")


WIDE_TEXTS = {
    "latin": "Grüße “café” — the foreign ministers met in Moscow on Tuesday to discuss trade and energy.\n",
    "cyrillic": "Министры иностранных дел двух стран встретились в Москве во вторник, чтобы обсудить торговлю.\n",
    "greek": "Οι υπουργοί Εξωτερικών των δύο χωρών συναντήθηκαν στη Μόσχα την Τρίτη για το εμπόριο.\n",
}


@pytest.mark.parametrize("script", sorted(WIDE_TEXTS))
@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b""), ("utf-32-be", b""),
    ],
    ids=lambda v: v if isinstance(v, str) else ("bom" if v else "no-bom"),
)
def test_utf16_and_utf32_with_and_without_bom(source_root, planned, encoding, bom, script):
    text = WIDE_TEXTS[script]
    (source_root / "wide.txt").write_bytes(bom + text.encode(encoding))
    plan, result = planned(source_root)
    assert result.rejects == [] and plan.rejects == []
    [document] = result.documents
    assert (document.raw_text, document.encoding) == (text, encoding)


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("latin-1", "Les élèves ont étudié à l'école où ça se passe très bien, même en été.\n"),
        ("cp1252", "Grüße “café” — naïve déjà vu: 20 € for the “quoted” words here.\n"),
    ],
)
def test_latin1_and_cp1252(source_root, planned, article, encoding, text):
    (source_root / "legacy.txt").write_bytes(text.encode(encoding))
    with_good_file(source_root, article)
    _, result = planned(source_root)
    by_uri = {d.source_uri: d for d in result.documents}
    # Latin-1 and cp1252 agree on every printable character, so a Latin-1 file reads as cp1252.
    assert (by_uri["legacy.txt"].raw_text, by_uri["legacy.txt"].encoding) == (text, "cp1252")
    assert by_uri["good.txt"].text.strip() == article.strip()


@pytest.mark.slow
def test_fifty_megabyte_single_line_is_ingested_in_linear_time(tmp_path):
    small_seconds, _ = _ingest_single_line(tmp_path, 5 * 2**20)
    seconds, document = _ingest_single_line(tmp_path, 50 * 2**20)
    assert document.raw_text.count("\n") == 0 and len(document.raw_text) == 50 * 2**20
    assert document.language == "en"
    assert seconds < MAX_TIME_RATIO_FOR_TEN_TIMES_THE_SIZE * small_seconds, (small_seconds, seconds)


def _ingest_single_line(tmp_path: Path, size: int):
    words = "the ministers of both countries met in Moscow on Tuesday to discuss trade energy and security".split()
    chooser = random.Random(50)
    line = " ".join(chooser.choice(words) for _ in range(size // 5))[:size]
    path = tmp_path / f"one-line-{size}.txt"
    path.write_text(line, encoding="ascii")
    del line
    started = time.perf_counter()
    document = process_file(SourceFile(path, path.name))
    return time.perf_counter() - started, document


def test_file_above_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and no time
    with pytest.raises(RejectedInput, match=f"above the {MAX_FILE_BYTES // 2**20} MiB limit"):
        read_file(path)


@pytest.mark.parametrize("depth", [1_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_deeply_nested_html_is_rendered(source_root, planned, depth):
    markup = "<html><body>" + "<div>" * depth + "<p>Ministers met in Moscow on Tuesday.</p>" + "</div>" * depth
    (source_root / "deep.html").write_text(markup)
    _, result = planned(source_root)
    [document] = result.documents
    assert document.text.strip() == "Ministers met in Moscow on Tuesday."


def test_html_with_text_at_every_level_renders_in_linear_time():
    from ingest.html_text import render_html

    def seconds(depth: int) -> float:
        """The least CPU time of three renderings: a busy machine delays a thread, it does not add to its CPU."""
        markup = "<div>word " * depth + "</div>" * depth
        times = []
        for _ in range(3):
            started = time.thread_time()
            rendered = render_html(markup)
            times.append(time.thread_time() - started)
            assert rendered.text.count("word") == depth
        return min(times)

    small, large = seconds(1_000), seconds(16_000)
    # Sixteen times the input: linear work takes about sixteen times as long, quadratic
    # 256; the bound leaves room for the garbage collector and the clock's resolution.
    assert large < 64 * max(small, 0.01), (small, large)


def test_broken_html_keeps_its_text(source_root, planned):
    markup = (
        "<html><head><title>Unclosed</head><body><nav>Home | World</nav>"
        "<p>Ministers met <b>in <i>Moscow</b> on</i> Tuesday.<p>They agreed to meet again"
        "<table><tr><td>next year</td></div></span></body><p>after the end"
    )
    (source_root / "broken.html").write_text(markup)
    _, result = planned(source_root)
    [document] = result.documents
    assert "Home | World" not in document.text
    for fragment in ("Ministers met in Moscow on Tuesday.", "They agreed to meet again", "next year", "after the end"):
        assert fragment in document.text


def test_document_of_only_boilerplate(source_root, stages, article):
    furniture = "Share this article\nFollow us on Twitter\nSubscribe to our newsletter\nAll rights reserved.\n"
    (source_root / "furniture.txt").write_text(furniture)
    (source_root / "furniture-and-body.txt").write_text(furniture + "\n" + article)
    found = stages(source_root)
    assert found["furniture.txt"] == "REJECT: nothing is left after cleaning: the file holds no prose, only boilerplate"
    assert found["furniture-and-body.txt"] == article.strip()


def test_names_with_quotes_spaces_newlines_and_non_latin_letters(source_root, planned, article):
    names = ["it's \"quoted\".txt", "with  space .txt", "new\nline.txt", "доклад.txt", "报告 2024.txt", "`$(touch pwned)`.txt"]
    for name in names:
        (source_root / name).write_text(article)
    plan, result = planned(source_root)
    assert plan.rejects == [] and result.rejects == []
    assert sorted(d.source_uri for d in result.documents) == sorted(names)
    assert {d.doc_id for d in result.documents} == {doc_id_for(n) for n in names}
    assert not (source_root / "pwned").exists() and not Path("pwned").exists()


def _unreadable_outcome(root: str) -> list:
    plan = plan_run(discover(Path(root)), {}, PIPELINE_VERSION)
    result = process_batch(plan.to_process)
    return [plan.rejects + result.rejects, [d.source_uri for d in result.documents]]


def _as_nobody(root: str, results) -> None:
    # Python and the packages live where the unprivileged user may not read: clean
    # one document first, so that every lazily imported module and data file is loaded.
    warm_up = Path(root) / "good.txt"
    process_file(SourceFile(warm_up, "good.txt"))
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    results.put(_unreadable_outcome(root))


def test_unreadable_file_and_folder(article):
    # tmp_path sits in a folder only its owner may enter; the unprivileged reader needs a way in.
    root = Path(tempfile.mkdtemp(prefix="unreadable-"))
    try:
        root.chmod(0o755)
        (root / "good.txt").write_text(article)
        (root / "locked.txt").write_text(article)
        (root / "locked.txt").chmod(0o000)
        (root / "closed").mkdir()
        (root / "closed" / "inside.txt").write_text(article)
        (root / "closed").chmod(0o000)
        if os.geteuid() != 0:
            rejects, documents = _unreadable_outcome(str(root))
        else:
            # chmod does not stop root: read as an unprivileged user in a forked child instead.
            context = multiprocessing.get_context("fork")
            results = context.Queue()
            child = context.Process(target=_as_nobody, args=(str(root), results))
            child.start()
            try:
                rejects, documents = results.get(timeout=120)
            except Exception:
                pytest.skip("could not read as an unprivileged user (no setuid allowed here)")
            finally:
                child.join(timeout=10)
        assert sorted(map(tuple, rejects)) == [
            ("closed", "folder could not be listed (Permission denied); the documents under it are kept as they were"),
            ("locked.txt", "file could not be read: permission denied"),
        ]
        assert documents == ["good.txt"]
    finally:
        (root / "closed").chmod(0o755)
        shutil.rmtree(root)


def test_symlink_loop(source_root, stages, article):
    (source_root / "d").mkdir()
    (source_root / "d" / "doc.txt").write_text(article)
    os.symlink(source_root / "d", source_root / "d" / "again")
    os.symlink(source_root / "self", source_root / "self")
    found = stages(source_root)
    assert found == {
        "d/doc.txt": article.strip(),
        "d/again": "REJECT: directory already visited through a symlink loop; skipped",
        "self": "REJECT: symbolic link is broken or loops; not followed",
    }


def test_symlink_outside_the_source_root_is_not_followed(tmp_path, article):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The secret of the outside folder.\n\n" + article)
    root = tmp_path / "root"
    root.mkdir()
    (root / "inside.txt").write_text(article)
    os.symlink(outside / "secret.txt", root / "secret-link.txt")
    os.symlink(outside, root / "outside-dir")
    os.symlink("../outside/secret.txt", root / "relative-link.txt")
    os.symlink(root / "inside.txt", root / "inside-link.txt")
    plan = plan_run(discover(root), {}, PIPELINE_VERSION)
    result = process_batch(plan.to_process)
    refused = "symbolic link points outside the source root; not followed"
    assert sorted(plan.rejects) == [("outside-dir", refused), ("relative-link.txt", refused), ("secret-link.txt", refused)]
    # A link to a file inside the root is followed, under the link's own name.
    assert sorted(d.source_uri for d in result.documents) == ["inside-link.txt", "inside.txt"]
    assert not any("secret" in d.raw_text for d in result.documents)


def test_file_swapped_for_a_link_after_planning_is_not_followed(tmp_path, article):
    outside = tmp_path / "secret.txt"
    outside.write_text("The secret of the outside folder.\n\n" + article)
    root = tmp_path / "root"
    root.mkdir()
    (root / "doc.txt").write_text(article)
    (root / "pipe.txt").write_text(article)
    plan = plan_run(discover(root), {}, PIPELINE_VERSION)
    (root / "doc.txt").unlink()
    os.symlink(outside, root / "doc.txt")
    (root / "pipe.txt").unlink()
    os.mkfifo(root / "pipe.txt")  # opening a pipe for reading would block the run forever
    result = process_batch(plan.to_process)
    assert result.documents == []
    assert sorted(result.rejects) == [
        ("doc.txt", "file was replaced by a symbolic link after discovery; not followed"),
        ("pipe.txt", "file was replaced by something that is not a regular file after discovery; skipped"),
    ]


def test_file_changed_between_planning_and_reading_is_stored_with_the_hash_of_what_was_read(source_root, planned, article):
    path = source_root / "doc.txt"
    path.write_text(article)
    plan, _ = planned(source_root)
    newer = article + "\nA paragraph added after the run planned its work.\n"
    path.write_text(newer)
    [document] = process_batch(plan.to_process).documents
    # The hash describes the bytes the text came from, so the next run skips the file
    # only if it still holds exactly those bytes.
    assert document.content_sha256 == hashlib.sha256(newer.encode()).hexdigest()
    assert "added after the run planned" in document.text
    known = {document.doc_id: KnownFile(document.content_sha256, PIPELINE_VERSION)}
    assert plan_run(discover(source_root), known, PIPELINE_VERSION).unchanged == [document.doc_id]
    path.write_text(newer + "\nAnd one more.\n")
    assert [s.source_uri for s in plan_run(discover(source_root), known, PIPELINE_VERSION).to_process] == ["doc.txt"]


WRITER = """
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY)
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    os.pwrite(fd, b"x", 0)
"""


def test_file_written_while_being_read_is_refused_until_it_settles(tmp_path):
    path = tmp_path / "busy.txt"
    path.write_bytes(b"word " * (8 * 2**20 // 5))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "20"])
    reasons = []
    try:
        time.sleep(0.2)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not reasons:
            try:
                raw = read_file(path)
            except RejectedInput as reason:
                reasons.append(str(reason))
            else:
                assert raw.sha256 == hashlib.sha256(raw.data).hexdigest()
    finally:
        writer.kill()
        writer.wait()
    assert reasons == ["file changed while being read; the next run reads it again"]
    settled = read_file(path)
    assert settled.data.startswith(b"x")


CJK_TEXTS = {
    "korean.txt": "서울과 모스크바의 외무장관들이 화요일에 만나 무역과 에너지 문제를 논의했다.\n\n12 ab 서울 x\n",
    "japanese.txt": "両国の外相は火曜日にモスクワで会談し、貿易とエネルギーについて話し合った。\n\nAB 12 cd 外相 x\n",
    "chinese.txt": "两国外交部长周二在莫斯科会面，讨论贸易和能源问题。\n\n12 ab 外交 x\n",
}


def test_chinese_japanese_and_korean_text_is_cleaned(source_root, stages):
    # A line of mixed symbols sends these through the OCR-garbage rule's dictionary
    # check, whose word lists need segmenters (jieba, MeCab) that are not installed.
    for name, text in CJK_TEXTS.items():
        (source_root / name).write_text(text)
    found = stages(source_root)
    assert not any(outcome.startswith("REJECT") for outcome in found.values()), found
