from ingest.language import UNKNOWN, detect_language

ENGLISH = "The two countries signed a long-term agreement on trade and energy cooperation last year."
GERMAN = "Die beiden Länder haben im vergangenen Jahr ein langfristiges Abkommen über Handel und Energie unterzeichnet."


def test_detects_english_and_german():
    assert detect_language(ENGLISH).language == "en"
    assert detect_language(GERMAN).language == "de"
    assert 0.5 < detect_language(ENGLISH).score <= 1.0


def test_is_deterministic():
    mixed = "Der Vertrag the treaty le traité " * 3
    assert len({detect_language(mixed) for _ in range(5)}) == 1


def test_too_little_text_is_unknown():
    assert detect_language("12 34 -- !!").language == UNKNOWN
    assert detect_language("Hi there").score == 0.0
