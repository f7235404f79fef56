"""Read a file's bytes and decode them to text, or say clearly why not.

Byte order marks decide first (they are unambiguous), then strict UTF-8 (by far
the most common encoding, and a strict decode almost never succeeds by chance),
then charset-normalizer for the legacy encodings (cp1252, Latin-1, UTF-16
without a BOM, ...). Files that are binary formats under a text name are rejected
with the format's name, so the reject reason tells a person what to do.

What the text is (plain, Markdown, HTML, ...) is for ``ingest.formats`` to say;
text formats call ``decode_text`` here for the characters.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from ingest.discover import FileStamp, NotReadable, open_source_file, trusted_stamp

if TYPE_CHECKING:
    from ingest.formats import Extracted

# Larger files are rejected rather than read: a single document this big is an
# export or a dump, and holding it would break the batch's memory bound.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.05
# A UTF-8 file damaged in places (a corrupted byte, a truncated copy) is still UTF-8:
# its non-ASCII characters decode and a few bytes do not, while in a legacy code
# page an accented letter is followed by ASCII and almost never forms a valid
# multi-byte sequence. Up to this share of invalid sequences among the non-ASCII
# ones, the file is decoded as UTF-8 with U+FFFD in place of each bad byte; above
# it, the legacy-encoding detector decides. Higher would read mis-labelled legacy
# files with a few accidental sequences as UTF-8; lower would turn a short damaged
# UTF-8 file into mojibake or a reject for one or two bad bytes.
MAX_INVALID_UTF8_SHARE = 0.25
REPLACED_UTF8 = "utf-8 (invalid bytes replaced)"
# Share of UTF-16 high bytes taken by their two commonest values in one-alphabet
# text (spaces and punctuation are block 0, letters one block). Lower lets ASCII
# with a repetitive pattern pass for UTF-16; higher misses texts mixing alphabets.
MIN_HIGH_BYTE_SHARE = 0.9

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_MAGIC = [
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable program"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
]

# Short single-byte texts are ambiguous between code pages that share ASCII; the
# detector then guesses among near-ties. cp1252 is by far the most common legacy
# encoding of the documents this pipeline sees, so it wins such ties whenever it
# decodes the bytes at all; a document in another code page is still detected when
# cp1252 leaves bytes undefined or the detector picks a multi-byte encoding.
_SINGLE_BYTE_LOOKALIKES = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15", "mac_roman"}
)

class RejectedInput(Exception):
    """Raised for input that cannot become a document; the message is the reject reason."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the charset it was decoded with."""

    text: str
    encoding: str


@dataclass(frozen=True)
class RawFile:
    data: bytes
    sha256: str
    stamp: FileStamp | None = None  # None while the file is too fresh to be known by its stamp


def read_file(path: Path) -> RawFile:
    """Read a file whole, refusing ones too large to hold; the hash is of the exact bytes read.

    A file written to while it is read would give a torn document: it is refused
    instead, so the previous version stays current and the next run reads it again.
    """
    try:
        with open_source_file(path) as handle:
            before = os.fstat(handle.fileno())
            if before.st_size > MAX_FILE_BYTES:
                raise RejectedInput(
                    f"file is {before.st_size / 2**20:.0f} MiB, above the {MAX_FILE_BYTES // 2**20} MiB limit for one document"
                )
            data = handle.read(MAX_FILE_BYTES + 1)
            after = os.fstat(handle.fileno())
    except NotReadable as error:
        raise RejectedInput(str(error)) from error
    except OSError as error:
        raise RejectedInput(f"file could not be read: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise RejectedInput(f"file grew above the {MAX_FILE_BYTES // 2**20} MiB limit while being read")
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise RejectedInput("file changed while being read; the next run reads it again")
    return RawFile(data, hashlib.sha256(data).hexdigest(), trusted_stamp(after))


def decode(data: bytes, name: str) -> Extracted:
    """Read a named file's bytes as a document in its input format (see ``ingest.formats``).

    Raises ``RejectedInput`` with a readable reason when the file cannot become one.
    """
    from ingest import formats  # the formats call decode_text: imported here, not at load

    return formats.extract(data, name)


def decode_text(data: bytes) -> Decoded:
    """Decode a file's bytes to text; raise ``RejectedInput`` with a readable reason when it is not text."""
    if not data.strip():
        raise RejectedInput("file is empty or contains only whitespace")
    for magic, description in _MAGIC:
        if data.startswith(magic):
            raise RejectedInput(f"file is {description}, not text")
    text, encoding = _decode_text(data)
    _refuse_binary(text)
    return Decoded(text, encoding)


def _decode_text(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise RejectedInput(f"file starts with a {encoding} byte order mark but is not valid {encoding}") from error
    wide = _wide_encoding_without_bom(data)
    if wide is not None and not _is_clean_utf8(data):
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, REPLACED_UTF8
    best = from_bytes(data).best()
    if best is None:
        raise RejectedInput("file is not text in any known encoding (binary data?)")
    if best.encoding in _SINGLE_BYTE_LOOKALIKES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def _wide_encoding_without_bom(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by the high bytes of each code unit.

    In UTF-32 the top two bytes of a unit are zero for any text of the Basic
    Multilingual Plane. In UTF-16, text in one alphabet (Latin, Cyrillic, Greek,
    Arabic...) keeps the high byte of its units within the alphabet's block and
    zero, while the low bytes vary; ASCII, UTF-8 and code pages vary at both.
    Checked before UTF-8 because Latin UTF-16/32 is also valid UTF-8 (full of NULs).
    """
    sample = data[:4096]
    units = len(sample) // 4
    if units < 4:
        return None
    zeros = [sum(1 for i in range(p, units * 4, 4) if sample[i] == 0) / units for p in range(4)]
    if zeros[2] > 0.9 and zeros[3] > 0.9:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9:
        return "utf-32-be"
    even, odd = sample[0 : units * 4 : 2], sample[1 : units * 4 : 2]
    if _concentrated(odd) and not _concentrated(even):
        return "utf-16-le"
    if _concentrated(even) and not _concentrated(odd):
        return "utf-16-be"
    return None


def _concentrated(values: bytes) -> bool:
    """Whether two byte values (zero and an alphabet's block) make up nearly all of ``values``."""
    top_two = sum(count for _, count in Counter(values).most_common(2))
    return top_two > MIN_HIGH_BYTE_SHARE * len(values)


def _is_clean_utf8(data: bytes) -> bool:
    """Valid UTF-8 without control characters: UTF-8 then wins over a UTF-16/32 guess.

    UTF-16/32 text read as UTF-8 is full of NULs or other control characters; a
    UTF-8 text in one alphabet can look like UTF-16 by its byte pattern but has none.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(text.translate(_CONTROL_CHARACTERS)) == len(text) and not _C1_CONTROLS.search(text)


def _damaged_utf8(data: bytes) -> str | None:
    """The text of a UTF-8 file with a few invalid bytes, or None when it is not UTF-8 at all."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid_multibyte = non_ascii - invalid
    if valid_multibyte > 0 and invalid <= MAX_INVALID_UTF8_SHARE * non_ascii:
        return text
    return None


# Deleting them and comparing lengths runs at C speed: a per-character Python
# loop took seconds on a 50 MB file.
_CONTROL_CHARACTERS = dict.fromkeys(c for c in range(32) if chr(c) not in "\n\r\t\f")
_C1_CONTROLS = re.compile("[\x7f-\x9f]")


def _refuse_binary(text: str) -> None:
    controls = len(text) - len(text.translate(_CONTROL_CHARACTERS))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise RejectedInput("file decodes to mostly control characters: binary data, not text")

