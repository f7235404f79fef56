"""WARC: each HTML response record of a crawl is a page, read through the HTML path.

Read with warcio, record by record (a ``.warc.gz`` is a gzip member a record, so
a record's offset is where reading starts again). Requests, metadata, redirects,
error pages and responses that are not HTML (images, scripts, style sheets) are
no documents and are passed over; a response whose payload cannot be read is a
bad record. The target URI and the capture date are kept as metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from ingest.decode import RejectedInput
from ingest.formats.records import MAX_RECORD_BYTES, BadRecord, Record, RecordFields

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


class Warc:
    name = "warc"
    suffixes = SUFFIXES

    def seekable(self, name: str) -> bool:
        return True

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        from warcio.archiveiterator import ArchiveIterator  # on first use: planning never needs it
        from warcio.exceptions import ArchiveLoadFailed

        handle.seek(offset)
        archive = ArchiveIterator(handle, check_digests=False)
        try:
            for warc_record in archive:
                ordinal += 1
                # warcio learns a record's offset by reading it to its end: the payload is read first.
                page = _page(warc_record, ordinal) if _is_html_page(warc_record) else None
                if page is not None:
                    yield replace(page, offset=offset + archive.get_record_offset())
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
            raise RejectedInput(f"the WARC file is damaged after record {ordinal}: {error}") from error


def _is_html_page(warc_record) -> bool:
    if warc_record.rec_type != "response" or warc_record.http_headers is None:
        return False
    status = warc_record.http_headers.get_statuscode() or ""
    content_type = (warc_record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(HTML_TYPES)


def _page(warc_record, ordinal: int) -> Record | BadRecord:
    headers = warc_record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:") or f"record-{ordinal}"
    payload = warc_record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return BadRecord(record_id, ordinal, 0, f"the page is above the {MAX_RECORD_BYTES // 2**20} MiB limit for one document")
    metadata = {
        key: value for key, value in (
            ("url", headers.get_header("WARC-Target-URI")),
            ("fetched", headers.get_header("WARC-Date")),
        ) if value
    }
    return Record(record_id, ordinal, 0, payload, "text/html", metadata)


FORMAT = Warc()
