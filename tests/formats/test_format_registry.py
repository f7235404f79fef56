"""The registry: each file goes to the first format that claims it, plain text last."""

import codecs

import pytest

from ingest.decode import RejectedInput
from ingest.formats import document_formats, extract


def test_plain_text_comes_last_and_claims_anything():
    assert document_formats()[-1].name == "plain text"
    assert document_formats()[-1].sniff(b"\x00\x01", "whatever.bin")


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("notes.md", "text/markdown"), ("NOTES.Markdown", "text/markdown"), ("notes.txt", "text/plain"), ("notes", "text/plain")],
)
def test_text_formats_are_told_by_suffix(name, media_type):
    extracted = extract("# Notes\n\nSome *text* here.\n".encode(), name)
    assert extracted.media_type == media_type
    assert extracted.text == "# Notes\n\nSome *text* here.\n"
    assert extracted.markup_removals == []


@pytest.mark.parametrize(
    "data",
    [
        b"  <!DOCTYPE html><html><p>Hello there</p></html>",
        b"<HTML><p>Hello there</p></HTML>",
        codecs.BOM_UTF8 + b"<html><p>Hello there</p></html>",
        codecs.BOM_UTF16_LE + "<!doctype html><p>Hello there</p>".encode("utf-16-le"),
        "<html><p>Hello there</p></html>".encode("utf-16-be"),
    ],
)
def test_html_is_sniffed_from_its_opening_whatever_the_name(data):
    extracted = extract(data, "page.txt")
    assert extracted.media_type == "text/html"
    assert "Hello there" in extracted.text
    assert "<p>" not in extracted.text


def test_text_that_merely_mentions_html_is_plain_text():
    assert extract(b"Write <html> at the top of the page.", "howto.txt").media_type == "text/plain"


def test_binary_under_a_text_name_is_refused_by_the_text_format():
    with pytest.raises(RejectedInput, match="PNG image"):
        extract(b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt")
