import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.decode import RejectedInput, decode, read_file

TEXT = "Grüße from Zürich: “quoted” café – naïve déjà vu, 20 € and more words here."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_known_encodings(data, encoding):
    decoded = decode(data, "doc.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.media_type == "text/plain"


JAPANESE = "Python の開発は、1990 年ごろから開始されています。\n開発者は教育用の言語「ABC」の開発に参加していました。\n"
KOREAN = "파이썬은 배우기 쉽고, 강력한 프로그래밍 언어입니다.\n효율적인 고수준 데이터 구조를 지원합니다.\n"
SIMPLIFIED = "如何在 Python 中使用既有的 C 程序库？\n在信息科技快速发展的今天，开发及测试软件的速度是不容忽视的课题。\n"
CHINESE = "This sentence is in ASCII.\n如何在 Python 中使用既有的 C 程式庫？\n在資訊科技快速發展的今天，開發及測試軟體的速度是不容忽視的課題。\n"


@pytest.mark.parametrize(
    "text, encoding",
    [(JAPANESE, "iso2022_jp"), (KOREAN, "iso2022_kr"), (SIMPLIFIED, "hz")],
)
def test_seven_bit_cjk_encodings_are_not_read_as_ascii(text, encoding):
    # Mail and news encodings that write only ASCII bytes: read as UTF-8 they became
    # "$B$N3+H/" between escape characters, or a binary reject (Korean's shift bytes).
    data = text.encode(encoding)
    assert data.isascii()
    decoded = decode(data, "mail.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_ascii_that_merely_holds_a_tilde_brace_stays_ascii():
    text = "In C, a block is written ~{ x = 1; } and a home folder ~/notes, both plain ASCII.\n"
    assert decode(text.encode("ascii"), "c.txt").encoding == "utf-8"


@pytest.mark.parametrize("text, encoding", [(JAPANESE, "shift_jis"), (JAPANESE, "euc_jp"), (CHINESE, "big5")])
def test_cjk_punctuation_between_letters_does_not_make_a_decoding_doubtful(text, encoding):
    # 「 and ， sit between two letters in Chinese and Japanese, which write no spaces.
    decoded = decode(text.encode(encoding), "doc.txt")
    assert decoded.text == text
    assert "doubtful" not in decoded.encoding


def test_utf16_without_bom_is_detected():
    text = "Plain English text without any byte order mark, long enough to detect."
    assert decode(text.encode("utf-16-le"), "doc.txt").text == text


def test_latin1_letters_survive():
    text = "Les élèves ont étudié à l'école où ça se passe très bien, même en été."
    assert decode(text.encode("latin-1"), "doc.txt").text == text


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n%binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 8, "not text"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa broken", "byte order mark"),
    ],
)
def test_rejects_with_a_reason(data, fragment):
    with pytest.raises(RejectedInput, match=fragment):
        decode(data, "doc.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_binary_is_told_by_the_share_of_control_characters_whatever_the_script(encoding):
    """Control characters are counted one each beside letters of two, three and four UTF-8 bytes."""
    words = "Grüße Ελλάδα 東京 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 "  # 24 characters
    below = (words * 4 + "\x01\x02\x03\x04")  # 4 of 100 characters
    above = (words * 4 + "\x01\x02\x03\x04\x05\x06")  # 6 of 102
    assert decode(below.encode(encoding), "doc.txt").text == below
    with pytest.raises(RejectedInput, match="control characters"):
        decode(above.encode(encoding), "doc.txt")


def test_html_is_rendered_with_furniture_marked():
    markup = b"<html><body><nav>Home | About</nav><h1>Title</h1><p>Body <b>text</b>.</p><footer>(c) 2024</footer></body></html>"
    decoded = decode(markup, "page.html")
    assert decoded.media_type == "text/html"
    assert decoded.text == "Home | About\n\nTitle\n\nBody text.\n\n(c) 2024\n"
    removed = [decoded.text[e.start : e.end] for e in decoded.markup_removals]
    assert removed == ["Home | About\n\n", "(c) 2024\n"]


def test_html_is_sniffed_without_suffix():
    assert decode(b"<!DOCTYPE html><html><p>Hello there</p></html>", "page.txt").media_type == "text/html"


def test_read_file_hashes_exact_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    raw = read_file(path)
    assert raw.data == b"abc"
    assert raw.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_fails_unexpectedly(data):
    try:
        decoded = decode(data, "fuzz.txt")
    except RejectedInput as reason:
        assert str(reason)
    else:
        assert isinstance(decoded.text, str)


def test_wide_encodings_without_bom():
    text = "Plain English text without any byte order mark, long enough to detect."
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        decoded = decode(text.encode(encoding), "doc.txt")
        assert (decoded.text, decoded.encoding) == (text, encoding)
