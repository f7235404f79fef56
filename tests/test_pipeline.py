from ingest.discover import SourceFile
from ingest.pipeline import process_batch


def write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return SourceFile(tmp_path / name, name)


def test_a_batch_repairs_a_variant_with_the_spelling_another_document_uses(tmp_path):
    sources = [
        write(tmp_path, "a.txt", "Iran ordered Su-35 fighter jets from Russia in a deal signed after years of talks."),
        write(tmp_path, "b.txt", "Tehran has not yet received the Su35 fighter jets it has been expecting for years."),
    ]
    result = process_batch(sources)
    assert result.rejects == []
    assert "the Su-35 fighter jets" in result.documents[1].text
    [change] = [c for c in result.documents[1].changes if c.before == "Su35"]
    assert change.after == "Su-35"


def test_a_batch_mate_mends_its_variant_and_nothing_else(tmp_path):
    # Another document's spelling is no evidence that this one lost hyphens elsewhere:
    # b.txt keeps its other words as they are, in company or alone.
    b_text = "The Su35 deliveries slipped again, and the ministry gave no highlevel trade figures for the year."
    sources = [
        write(tmp_path, "a.txt", "Iran ordered Su-35 fighter jets from Russia in a deal signed after years of talks."),
        write(tmp_path, "b.txt", b_text),
    ]
    in_company = process_batch(sources).documents[1].text
    assert "The Su-35 deliveries" in in_company
    assert "no highlevel trade figures" in in_company


def test_alone_the_variant_stays(tmp_path):
    [document] = process_batch([write(tmp_path, "b.txt", "Tehran has not yet received the Su35 fighter jets it expected.")]).documents
    assert "Su35" in document.text


def test_a_bad_file_is_a_reject_and_the_batch_goes_on(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    sources = [SourceFile(tmp_path / "x.txt", "x.txt"), write(tmp_path, "ok.txt", "A perfectly ordinary sentence of English prose.")]
    result = process_batch(sources)
    assert result.rejects == [("x.txt", "file is a PNG image, not text")]
    assert [d.source_uri for d in result.documents] == ["ok.txt"]


def test_a_batch_reports_its_own_cpu_time_not_a_busy_neighbours(tmp_path):
    import threading

    sources = [write(tmp_path, f"{i}.txt", "A perfectly ordinary sentence of English prose. " * 200) for i in range(3)]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(range(1000))

    neighbour = threading.Thread(target=spin)
    neighbour.start()
    try:
        result = process_batch(sources)
    finally:
        stop.set()
        neighbour.join()
    # The spinning thread holds the GIL about half the time: the batch's wall time
    # counts those waits, its CPU time does not (the process's CPU time would count
    # the neighbour's share and come close to the wall time).
    assert 0 < result.cpu_seconds < 0.8 * result.seconds


def test_a_guarded_batch_learns_its_spellings_in_the_guard_not_in_this_process(tmp_path, monkeypatch):
    import ingest.normalize
    from ingest.document_limits import DocumentLimits

    def not_here(texts):
        raise AssertionError("the batch's spellings were learned in the run's process")

    monkeypatch.setattr(ingest.normalize, "preferred_spellings", not_here)
    sources = [
        write(tmp_path, "a.txt", "Iran ordered Su-35 fighter jets from Russia in a deal signed after years of talks."),
        write(tmp_path, "b.txt", "Tehran has not yet received the Su35 fighter jets it has been expecting for years."),
    ]
    result = process_batch(sources, limits=DocumentLimits(wall_seconds=60, cpu_seconds=30, memory_mb=512))
    assert result.rejects == []
    assert "the Su-35 fighter jets" in result.documents[1].text


def test_spellings_are_learned_here_when_the_guard_dies_on_them():
    from ingest.document_limits import CPU_SECONDS, DocumentLimits, LimitExceeded
    from ingest.guard import WorkerCrashed
    from ingest.pipeline import _Guarded

    class DyingGuard:
        limits = DocumentLimits(wall_seconds=60, cpu_seconds=30, memory_mb=512)

        def __init__(self, failure):
            self.failure = failure

        def call(self, budget, step, *args, context=None):
            raise self.failure

    texts = ["Iran ordered Su-35 fighter jets.", "Tehran awaits the Su35 fighter jets."]
    for failure in (LimitExceeded(CPU_SECONDS, 30), WorkerCrashed("the worker reading this file died (signal SIGSEGV)")):
        assert _Guarded(DyingGuard(failure)).spellings(texts)["Su35"] == "Su-35"


def test_a_guarded_batch_returns_each_documents_changes_as_the_rows_an_unguarded_batch_gives(tmp_path):
    from ingest.change_rows import change_rows
    from ingest.document_limits import DocumentLimits

    sources = [
        write(tmp_path, "a.txt", "Iran ordered Su-35 fighter jets from Russia in a deal signed after years of talks."),
        write(tmp_path, "b.txt", "Tehran has not yet received the Su35 fighter jets it has been\nexpecting for years.\nShare this story"),
    ]
    unguarded = process_batch(sources)
    guarded = process_batch(sources, limits=DocumentLimits(wall_seconds=60, cpu_seconds=30, memory_mb=512))

    assert [d.text for d in guarded.documents] == [d.text for d in unguarded.documents]
    assert all(d.changes == [] for d in guarded.documents)
    assert unguarded.documents[1].changes
    for document in unguarded.documents:
        assert guarded.change_rows[document.doc_id] == change_rows(document)
