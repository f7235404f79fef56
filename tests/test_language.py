import os
import select
import signal
import threading

import pytest
from langdetect.lang_detect_exception import LangDetectException

from ingest import language
from ingest.language import UNKNOWN, LanguageGuess, detect_language

ENGLISH = "The two countries signed a long-term agreement on trade and energy cooperation last year."
GERMAN = "Die beiden Länder haben im vergangenen Jahr ein langfristiges Abkommen über Handel und Energie unterzeichnet."
# Short English paragraphs that a half-loaded langdetect called Polish, Afrikaans or unknown.
SHORT_ENGLISH = (
    "Analysts said the agreement mattered more for politics than for trade volumes.\n\n"
    "Both governments presented it as proof that sanctions had failed to isolate them.",
    "Officials from both countries met in Tehran on Monday to sign a transport agreement.\n\n"
    "The corridor will link the Caspian ports with the rail network by the end of next year.",
)
# Plenty of letters, but in a script (Runic) that no langdetect profile knows.
UNKNOWN_SCRIPT = "ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ ᛇᛈᛉᛊᛏᛒ ᛖᛗᛚᛜᛞᛟ ᚠᚢᚦᚨᚱᚲ"
THREADS = 6
# Loading the profiles takes about a second; a busy machine may take many times that.
CHILD_TIMEOUT_SECONDS = 120


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


def test_letters_no_profile_knows_are_unknown():
    assert sum(ch.isalpha() for ch in UNKNOWN_SCRIPT) >= language.MIN_LETTERS
    assert detect_language(UNKNOWN_SCRIPT) == LanguageGuess(UNKNOWN, 0.0)


@pytest.fixture
def unloaded(monkeypatch):
    """The module as a fresh process has it: no profile loaded yet."""
    monkeypatch.setattr(language, "_loaded", None)


def test_threads_detecting_first_all_wait_for_the_whole_profile_set(unloaded):
    # The first detections of a process, started together from a thread pool, as the
    # flow's task runner does with its first batches.
    start = threading.Barrier(THREADS)
    answers = []

    def detect(text):
        start.wait()
        answers.append((text, detect_language(text)))

    threads = [threading.Thread(target=detect, args=(SHORT_ENGLISH[i % 2],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == THREADS
    assert {guess.language for _, guess in answers} == {"en"}
    assert {text: guess for text, guess in answers} == {text: detect_language(text) for text in SHORT_ENGLISH}


def _detect_in_forked_child(text: str) -> str:
    """What ``detect_language(text)`` answers in a child forked now, as "code score"; "" if it never answers."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        # The child answers, then leaves at once: the exit handlers it inherited
        # belong to the parent (pytest, Prefect) and are not its business.
        try:
            os.close(read_end)
            guess = detect_language(text)
            answer = f"{guess.language} {guess.score}"
        except BaseException as error:
            answer = f"raised {error!r}"
        os.write(write_end, answer.encode())
        os._exit(0)
    os.close(write_end)
    answer = ""
    try:
        if select.select([read_end], [], [], CHILD_TIMEOUT_SECONDS)[0]:
            answer = os.read(read_end, 1000).decode()
    finally:
        os.close(read_end)
        if not answer:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return answer


@pytest.mark.slow
def test_a_process_forked_while_profiles_load_detects_on_its_own(unloaded, monkeypatch):
    parent = os.getpid()
    loading, may_finish = threading.Event(), threading.Event()

    class SlowFactory(language.DetectorFactory):
        def load_profile(self, directory):
            if os.getpid() == parent:
                loading.set()
                may_finish.wait()
            super().load_profile(directory)

    monkeypatch.setattr(language, "DetectorFactory", SlowFactory)
    loader = threading.Thread(target=detect_language, args=(ENGLISH,))
    loader.start()
    try:
        assert loading.wait(CHILD_TIMEOUT_SECONDS)
        # Forked now, the child inherits a half-built state: the lock is held by a
        # thread that does not exist in it.
        assert _detect_in_forked_child(SHORT_ENGLISH[0]) == "en 1.0"
    finally:
        may_finish.set()
        loader.join()
    assert detect_language(SHORT_ENGLISH[0]) == LanguageGuess("en", 1.0)


def test_missing_profiles_raise_instead_of_calling_everything_unknown(unloaded, monkeypatch, tmp_path):
    monkeypatch.setattr(language, "PROFILES_DIRECTORY", str(tmp_path))
    with pytest.raises(LangDetectException):
        detect_language(ENGLISH)
