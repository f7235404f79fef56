"""Short cp1252 text with a few accented names decodes exactly; other code pages still decode."""

import pytest

from bench.legacy_encodings import snippets
from ingest.decode import _decode_text, decode, unusual_characters

def test_three_hundred_cp1252_snippets_decode_exactly():
    wrong = [
        (decoded.encoding, snippet[:60])
        for snippet in snippets(300)
        if (decoded := decode(snippet.encode("cp1252"), "note.txt")).text != snippet
    ]
    assert wrong == []


def test_latin1_snippets_decode_exactly():
    for snippet in snippets(30, seed=11):
        if "€" not in snippet:
            assert decode(snippet.encode("latin-1"), "note.txt").text == snippet


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Привет, как дела? Это обычный русский текст о погоде и политике. " * 3),
        ("cp1253", "Καλημέρα, αυτό είναι ένα ελληνικό κείμενο για τον καιρό. " * 3),
        ("cp1250", "Zażółć gęślą jaźń. Łódź i Gdańsk są w Polsce, a pogoda jest ładna dzisiaj. " * 3),
        ("gbk", "This is English with 中文字符 inside and more words around it for the detector. " * 3),
    ],
)
def test_other_code_pages_are_not_taken_for_cp1252(encoding, text):
    decoded, _ = _decode_text(text.encode(encoding))
    assert decoded == text


def test_marks_of_a_wrong_code_page():
    for garbled in ["the office in Z³rich", "M〕ler went home", "³adna pogoda", "in ZÅrich", "the road to Bogotα"]:
        assert unusual_characters(garbled) is not None, garbled


def test_near_misses_are_not_marks_of_a_wrong_code_page():
    real = "5 m² for €200, ½ off, don’t, naïve Zoë at Café Müller, l·l, 20 °C, ¿Qué?, «quoted», Æsir, ÉCOLE"
    assert unusual_characters(real) is None
    assert unusual_characters("Привет, мир. Καλημέρα. नमस्ते दुनिया") is None


def test_typographic_punctuation_is_not_counted_as_accented_letters():
    text = "“Go” — “now” … ‘quick’ – €5 • “ok” — “yes” — Zoë said “fine”.\n"
    assert _decode_text(text.encode("cp1252")) == (text, "cp1252")
