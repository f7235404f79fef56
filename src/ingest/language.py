"""Language detection with langdetect, made deterministic and safe to call from any thread.

langdetect samples n-grams at random; without a fixed seed the same text can get
a different answer on each run, which would make re-runs disagree.

langdetect's own ``detect_langs`` loads its profiles lazily into a module-global
factory that it publishes *before* loading them, without a lock. Batches are
cleaned in a thread pool, so a second thread could detect with a factory holding
no profile yet (every text ``unknown``) or only the first few read from disk
(English called Polish or Afrikaans). This module keeps its own factory instead
and hands it out only once it is complete.

Its detector is ``ExactDetector`` (``ingest.language_detector``): langdetect's
algorithm and its numbers, for a fraction of the CPU.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException

from ingest.language_detector import ExactDetector

# Any fixed value gives reproducible answers; 0 keeps the answers stored so far.
SEED = 0
# Fewer letters than this carry too little signal: the answer would be a coin toss.
MIN_LETTERS = 20
# langdetect's cost grows with the text; 1,000 characters (150-odd words) decide as
# well as all of it for prose, at a fraction of the cost: n-gram extraction, half of
# langdetect's time, reads every character of the sample. Against 2,000, they give
# the same language on 824 of the 825 clean texts of the HTML dev sets' pages
# (``bench/language_sample.py``: a standings table of drivers' names and figures,
# Portuguese at 2,000 and English at 1,000, with the same low score).
SAMPLE_CHARS = 1_000
UNKNOWN = "unknown"


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    score: float


def detect_language(text: str) -> LanguageGuess:
    """The most probable ISO 639-1 code and its probability, or ``unknown`` with score 0.

    ``unknown`` means the text itself gives nothing to decide on (too few letters,
    no n-gram langdetect knows); the same text gets the same answer in every thread
    and process.
    """
    sample = _middle_sample(text)
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return LanguageGuess(UNKNOWN, 0.0)
    detector = ExactDetector(_factory())
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException as error:
        if error.code != ErrorCode.CantDetectError:
            raise  # a broken installation, not a property of the text
        return LanguageGuess(UNKNOWN, 0.0)
    return LanguageGuess(_iso_639_1(best.lang), round(best.prob, 4))


_loaded: DetectorFactory | None = None
_loading = threading.Lock()


def load_profiles() -> None:
    """Load langdetect's profiles now, not on the first text detected (``ingest.warm_start``)."""
    _factory()


def _factory() -> DetectorFactory:
    """The profiles of every language, loaded once per process (about a second) and only then shared."""
    global _loaded
    if _loaded is None:
        with _loading:
            if _loaded is None:
                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.set_seed(SEED)
                _loaded = factory
    return _loaded


def _forget_the_lock_after_fork() -> None:
    # A process forked while another thread was loading would inherit the lock held
    # by a thread that does not exist in it, and wait forever. ``_loaded`` itself is
    # safe to inherit: it is either unset or complete.
    global _loading
    _loading = threading.Lock()


os.register_at_fork(after_in_child=_forget_the_lock_after_fork)


def _middle_sample(text: str) -> str:
    """A slice from the middle: openings and endings are where boilerplate lives."""
    if len(text) <= SAMPLE_CHARS:
        return text
    start = (len(text) - SAMPLE_CHARS) // 2
    return text[start : start + SAMPLE_CHARS]


def _iso_639_1(code: str) -> str:
    """langdetect reports Chinese as zh-cn / zh-tw; the warehouse stores the bare code."""
    return code.split("-")[0]
