"""A PDF's compressed streams expand to at most MAX_STREAM_BYTES; ordinary and damaged streams read as before."""

import zlib

import pytest

from ingest.decode import RejectedInput, decode
from ingest.formats import pdf_streams
from hostile_pdfs import compression_bomb, one_page, pdf


def test_a_compression_bomb_is_refused_with_its_reason(monkeypatch):
    monkeypatch.setattr(pdf_streams, "MAX_STREAM_BYTES", 8 * 2**20)
    with pytest.raises(RejectedInput, match="compressed stream that expands past 8 MiB"):
        decode(compression_bomb(megabytes=9), "bomb.pdf")


def test_a_stream_just_within_the_bound_is_read(monkeypatch):
    monkeypatch.setattr(pdf_streams, "MAX_STREAM_BYTES", 8 * 2**20)
    assert len(pdf_streams.BoundedZlib.decompress(zlib.compress(b"\0" * 8 * 2**20))) == 8 * 2**20


def test_a_truncated_stream_still_raises_zlibs_error_so_pdfminer_salvages_it():
    with pytest.raises(zlib.error):
        pdf_streams.BoundedZlib.decompress(zlib.compress(b"some text " * 100)[:-8])


def test_an_ordinary_pdf_reads_as_before():
    assert decode(one_page("Ministers met in Moscow."), "fine.pdf").text.strip() == "Ministers met in Moscow."


def test_a_flate_content_stream_reads_through_the_bounded_inflater():
    body = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Compressed words here.) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    assert decode(pdf(objects), "flate.pdf").text.strip() == "Compressed words here."
