"""Small hostile PDFs, written byte by byte: each would hang or exhaust an unguarded reader."""

from __future__ import annotations

import zlib


def pdf(objects: list[bytes], trailer: bytes = b"<< /Size {size} /Root 1 0 R >>") -> bytes:
    """A PDF file of numbered ``objects`` (1-based), with a correct classic xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n" + trailer.replace(b"{size}", str(len(objects) + 1).encode()) + b"\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _page(contents: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + contents + b" >>",
    ]


def _stream(data: bytes, flate: bool = False) -> bytes:
    body = zlib.compress(data, 9) if flate else data
    filters = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(body), filters) + body + b"\nendstream"


def self_referencing() -> bytes:
    """A page whose contents are an object that is a reference to itself: ``resolve`` never ends."""
    return pdf([*_page(b"4 0 R"), b"4 0 R"])


def huge_xref_size() -> bytes:
    """A cross-reference stream that claims two billion objects: reading the table never ends."""
    objects = _page(b"4 0 R") + [_stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")]
    out = bytearray(b"%PDF-1.5\n")
    for number, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    entries = b"\x00" * 4  # one entry of widths [1 2 1]; the rest are claimed, not there
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 2000000000 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n" % len(entries)
        + entries
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def compression_bomb(megabytes: int = 1024) -> bytes:
    """A page whose contents stream is ``megabytes`` of zeros, compressed to about a thousandth of that."""
    zeros = zlib.compressobj(9)
    chunk = b"\0" * 2**20
    body = b"".join(zeros.compress(chunk) for _ in range(megabytes)) + zeros.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return pdf([*_page(b"4 0 R"), stream])


def drawing_bomb(megabytes: int = 48) -> bytes:
    """A page whose contents are ``megabytes`` of path operators: small on disk, millions of objects to parse."""
    drawing = b"1 1 m 2 2 l S\n" * (megabytes * 2**20 // 14)
    return pdf([*_page(b"4 0 R"), _stream(drawing, flate=True)])


def one_page(text: str) -> bytes:
    """An ordinary one-page PDF with a line of text, for the documents that must still load."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf(objects)
