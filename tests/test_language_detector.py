"""``ExactDetector`` gives langdetect's own probabilities, bit for bit, on any text."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.lang_detect_exception import LangDetectException

from ingest import language
from ingest.language_detector import ExactDetector

TEXTS = [
    "The two countries signed a long-term agreement on trade and energy cooperation last year.",
    "Die beiden Länder haben im vergangenen Jahr ein langfristiges Abkommen über Handel und Energie unterzeichnet.",
    "Les deux pays ont signé l'an dernier un accord à long terme sur le commerce et l'énergie.",
    "Obie strony podpisały w zeszłym roku długoterminową umowę o współpracy handlowej.",
    "Две страны подписали в прошлом году долгосрочное соглашение о торговле и энергетике.",
    "وقع البلدان العام الماضي اتفاقية طويلة الأجل بشأن التجارة والطاقة والتعاون",
    "این دو کشور سال گذشته یک توافق بلندمدت امضا کردند",
    "两国去年签署了一项关于贸易和能源合作的长期协议。",
    "両国は昨年、貿易とエネルギー協力に関する長期協定に署名した。カタカナ ひらがな",
    "양국은 작년에 무역 및 에너지 협력에 관한 장기 협정을 체결했다.",
    "Hai nước đã ký một thỏa thuận dài hạn về thương mại và hợp tác năng lượng vào năm ngoái.",
    "Cele două țări au semnat anul trecut un acord pe termen lung privind comerțul și energia.",
    # Capitalised words (skipped by langdetect), URLs, addresses, runs of spaces, digits.
    "NATO AND THE EU said so    at https://example.org/a?b=1 and mail@example.org on 12 May 2024.",
    # Mostly another script: the Latin letters are dropped before n-grams are read.
    "Привет Hello мир, как дела сегодня вечером в Москве и Петербурге?",
    "ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ ᛇᛈᛉᛊᛏᛒ",
    "Mixed Ẁẃ ẞ ḉ text: Latin Extended Additional letters counted as langdetect counts them, ẠẢẤ.",
    "",
    "    ",
    "1234 5678 -- !!",
]


def _langdetect_and_exact(text: str) -> tuple[object, object]:
    factory = language._factory()
    answers = []
    for detector in (factory.create(), ExactDetector(factory)):
        detector.append(text)
        try:
            answers.append((detector.get_probabilities(), detector.langprob))
        except LangDetectException as error:
            answers.append(("no features", error.code))
    return answers[0], answers[1]


@pytest.mark.parametrize("text", TEXTS)
def test_same_probabilities_as_langdetect(text):
    theirs, ours = _langdetect_and_exact(text)
    assert repr(ours) == repr(theirs)


def test_same_probabilities_on_long_text():
    # Over langdetect's 10,000-character limit, with words that recur (remembered) and
    # a word too long to be remembered.
    words = random.Random(3).choices("the of and agreement trade energy Vertrag traité umowę".split(), k=3_000)
    text = " ".join(words) + " " + "x" * 200 + " end"
    theirs, ours = _langdetect_and_exact(text)
    assert repr(ours) == repr(theirs)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_same_probabilities_on_any_text(text):
    theirs, ours = _langdetect_and_exact(text)
    assert repr(ours) == repr(theirs)
