"""Which WARC reader ingest uses: warcio and FastWARC reading the same generated crawl.

    .venv/bin/python bench/warc_readers.py [--pages 5000] [--repeat 3]

Writes a WARC of ``--pages`` HTML responses (each with its request record, as a
crawler writes them), plain and gzipped, with warcio; then reads every response's
payload, target URI and date with each library, ``--repeat`` times, and prints the
median wall time, beside what the HTML path (``ingest.formats.extract_as``) takes
on the first 200 of the same pages: the cost a page pays after it is read. FastWARC (``pip install fastwarc``) is optional: without it only
warcio is timed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_crawl(path: Path, pages: int, gzipped: bool) -> None:
    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=gzipped)
        for number in range(pages):
            url = f"https://news.example/story/{number}"
            body = "".join(f"<p>Paragraph {i} of story {number}: the council met again on the harbour plan.</p>" for i in range(30))
            page = f"<!doctype html><html><head><title>Story {number}</title></head><body><article>{body}</article></body></html>"
            request = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=None, http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode()), http_headers=headers))


def read_warcio(path: Path) -> int:
    total = 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, check_digests=False):
            if record.rec_type == "response":
                record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date")
                total += len(record.content_stream().read())
    return total


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator as FastIterator, WarcRecordType

    total = 0
    with open(path, "rb") as handle:
        for record in FastIterator(handle, record_types=WarcRecordType.response, parse_http=True):
            record.headers.get("WARC-Target-URI"), record.headers.get("WARC-Date")
            total += len(record.reader.read())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    readers = {"warcio": read_warcio}
    try:
        import fastwarc  # noqa: F401

        readers["fastwarc"] = read_fastwarc
    except ImportError:
        print("fastwarc is not installed: only warcio is timed")
    with tempfile.TemporaryDirectory() as folder:
        for name in ("crawl.warc", "crawl.warc.gz"):
            path = Path(folder) / name
            write_crawl(path, args.pages, name.endswith(".gz"))
            sizes = {}
            for reader_name, reader in readers.items():
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    sizes[reader_name] = reader(path)
                    times.append(time.perf_counter() - started)
                median = statistics.median(times)
                print(f"{name} ({path.stat().st_size / 2**20:.1f} MiB, {args.pages} pages): {reader_name} {median:.3f} s,"
                      f" {median / args.pages * 1e6:.0f} µs a page (median of {args.repeat})")
            assert len(set(sizes.values())) == 1, f"the readers disagree on the payloads: {sizes}"
        print(html_path_cost(Path(folder) / "crawl.warc", 200))


def html_path_cost(path: Path, pages: int) -> str:
    from ingest.formats import extract_as

    payloads = []
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, check_digests=False):
            if record.rec_type == "response" and len(payloads) < pages:
                payloads.append(record.content_stream().read())
    started = time.perf_counter()
    for payload in payloads:
        extract_as(payload, "text/html", "page.html")
    seconds = time.perf_counter() - started
    return f"the HTML path (extraction only, no cleaning) on {len(payloads)} of these pages: {seconds / len(payloads) * 1e6:.0f} µs a page"


if __name__ == "__main__":
    main()
