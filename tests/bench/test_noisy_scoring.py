import pytest

from bench.noisy import BODY, OCR, PDF, WEB, generate_corpus
from bench.noisy.scoring import exact_words, gold_words, score_document, word_error_rate_counts, wer_tokens
from bench.quality import body_kept, removed_by_kind, report, score_corpus, wer
from oracles import identity, perfect


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(30, seed=4)


def _pick(corpus, style, need=lambda d: True):
    return next(d for d in corpus if d.style == style and d.language == "en" and need(d))


def _score(document, result):
    return score_document(document, result.text, result.author, result.changes)


def test_a_cleaner_that_does_nothing_keeps_everything_and_repairs_nothing(corpus):
    scores, _ = score_corpus(corpus, lambda text: identity(next(d for d in corpus if d.text == text)))
    assert body_kept(scores).value == 1.0
    assert all(share.part == 0 for share in removed_by_kind(scores).values())
    assert wer([s for s in scores if s.document.style == OCR], after=True) == wer(
        [s for s in scores if s.document.style == OCR], after=False
    )
    assert all(s.trail_used for s in scores)
    assert not any(r.repaired for s in scores for r in s.repairs)


def test_a_perfect_cleaner_scores_perfectly(corpus):
    scores, _ = score_corpus(corpus, lambda text: perfect(next(d for d in corpus if d.text == text)))
    assert body_kept(scores).value == 1.0
    assert all(share.part == share.whole for share in removed_by_kind(scores).values())
    ocr = [s for s in scores if s.document.style == OCR]
    assert wer(ocr, after=False).part > 0 and wer(ocr, after=True).part == 0
    assert all(r.repaired for s in scores for r in s.repairs)
    assert not any(s.breakages for s in scores)
    assert all(s.layout.inner_line_breaks == 0 for s in scores)
    assert all(s.layout.paragraph_breaks == s.layout.paragraph_gaps for s in scores)
    assert all(s.author_found for s in scores if s.author_found is not None)


def test_a_dropped_paragraph_is_counted_lost_word_for_word(corpus):
    document = _pick(corpus, WEB)
    score = _score(document, perfect(document, drop_paragraph=2))
    lost = [w.word for w in score.words if w.kind == BODY and not w.kept]
    assert lost == [w for w, p in zip(document.reference, document.paragraph_of) if p == 2]


def test_alignment_nearly_agrees_with_the_change_record(corpus):
    """The fallback may credit a few letters of a removed word to text nearby, never a body word."""
    for document in [d for d in corpus if d.style == WEB][:5]:
        result = perfect(document)
        aligned = gold_words(document, result.text, None)
        recorded = gold_words(document, result.text, result.changes)
        assert [w.word for w in aligned] == [w.word for w in recorded]
        assert all(w.kept for w in aligned if w.kind == BODY)
        disagree = sum(a.kept != r.kept for a, r in zip(aligned, recorded))
        assert disagree <= 0.03 * sum(w.kind != BODY for w in recorded)


def test_the_change_record_says_which_copy_of_a_repeated_line_was_kept(corpus):
    """A running header that repeats the title: removing the header copy must not count the title lost."""
    document = _pick(corpus, PDF, lambda d: any(s.kind == "running_header" for s in d.spans))
    result = perfect(document)
    words = gold_words(document, result.text, result.changes)
    assert all(w.kept for w in words if w.kind == BODY)
    assert not any(w.kept for w in words if w.kind == "running_header")


def test_a_record_that_does_not_rebuild_the_text_falls_back_to_alignment(corpus):
    document = _pick(corpus, WEB)
    result = perfect(document)
    score = score_document(document, result.text + " extra", None, result.changes)
    assert not score.trail_used
    assert body_kept([score]).value == 1.0


def test_word_error_rate_counts_substitutions_and_folds_quotes_and_case():
    assert word_error_rate_counts(["a", "b", "c"], "a x c") == (1, 3)
    assert word_error_rate_counts(["a", "b", "c"], "a b") == (1, 3)
    assert word_error_rate_counts(wer_tokens("“Hello” – it’s"), "\"hello\" - it's") == (0, 3)
    assert word_error_rate_counts(["high-level"], "highlevel") == (1, 1)


def test_a_repair_that_breaks_a_correct_word_is_reported(corpus):
    document = _pick(corpus, WEB, lambda d: "F-16" in d.reference or "long-term" in d.reference or "North-South" in d.reference)
    result = perfect(document)
    word = next(w for w in ("F-16", "long-term", "North-South") if w in document.reference)
    broken = result.text.replace(word, word.replace("-", ""))
    score = score_document(document, broken, None, None)
    assert {b.word for b in score.breakages} == {word}
    assert exact_words([word], word) == [True] and exact_words([word], word.replace("-", "")) == [False]


def test_report_states_targets_and_whether_they_are_met(corpus):
    scores, seconds = score_corpus(corpus, lambda text: perfect(next(d for d in corpus if d.text == text)))
    text = report(scores, seconds, "python bench/quality.py --docs 30 --seed 4")
    assert "| body words kept | 100.00 %" in text
    assert "| boilerplate words removed | 100.00 %" in text
    assert "**no**" not in text
    weak, _ = score_corpus(corpus, lambda text: identity(next(d for d in corpus if d.text == text)))
    assert "| boilerplate words removed | 0.00 %" in report(weak, 1.0, "cmd")


def test_a_cleaner_that_raises_is_reported_not_fatal(corpus):
    def failing(text):
        raise ValueError("boom")

    scores, _ = score_corpus(corpus[:2], failing)
    assert all(s.error and "boom" in s.error for s in scores)
    assert "cleaning raised: 2" in report(scores, 0.1, "cmd")


def test_whitespace_defects_count_doubled_and_leading_spaces_only():
    from bench.noisy.scoring import whitespace_defects

    assert whitespace_defects("to  monitor and\n  intercept\nmobile") == (1, 1)
    assert whitespace_defects("one space\n\nnew paragraph") == (0, 0)
