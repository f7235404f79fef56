from ingest.boilerplate.text_lines import LINE_CACHE_SIZE, MAX_CACHED_LINE_CHARS, Removal, paragraphs, per_line_cache, removal_edits, split_lines
from ingest.traced_text import TracedText


def _remove(text: str, *spans: tuple[int, int]) -> str:
    traced = TracedText(text)
    traced.apply(removal_edits(text, [Removal(s, e, "k", "r") for s, e in spans]))
    return traced.text


def test_removed_block_takes_its_blank_lines():
    text = "Alpha.\n\nJunk line\n\nBeta."
    start = text.index("Junk")
    assert _remove(text, (start, start + len("Junk line"))) == "Alpha.\n\nBeta."


def test_removed_block_at_the_end_takes_the_space_before_it():
    text = "Alpha.\n\nJunk"
    assert _remove(text, (8, 12)) == "Alpha."


def test_removed_sentence_keeps_the_paragraph_break():
    text = "Kept sentence. Dropped sentence.\n\nNext."
    start = text.index(" Dropped")
    assert _remove(text, (start, start + len(" Dropped sentence."))) == "Kept sentence.\n\nNext."


def test_removals_of_one_rule_separated_by_blank_lines_become_one_record():
    text = "A\n\nx\n\ny\n\nB"
    edits = removal_edits(text, [Removal(3, 4, "k", "r"), Removal(6, 7, "k", "r")])
    assert len(edits) == 1 and text[edits[0].start : edits[0].end] == "x\n\ny\n\n"


def test_long_lines_are_paragraphs_of_their_own_even_without_blank_lines():
    long_line = "word " * 40
    text = f"{long_line}\n{long_line}\nshort\nwrapped\n\nnext"
    assert [len(p) for p in paragraphs(split_lines(text))] == [1, 1, 2, 1]


def test_a_line_is_judged_once_and_a_line_past_the_cached_length_every_time():
    judged = []

    @per_line_cache
    def words(text: str, separator: str) -> int:
        judged.append(text)
        return len(text.split(separator))

    short, long = "a b c", "w " * (MAX_CACHED_LINE_CHARS // 2 + 1)
    assert [words(short, " "), words(short, " "), words(short, ",")] == [3, 3, 1]
    assert words(long, " ") == words(long, " ") == MAX_CACHED_LINE_CHARS // 2 + 2
    assert judged == [short, short, long, long]  # once for each (line, separator); the long line both times


def test_a_judge_of_the_line_alone_keeps_its_verdicts_while_the_cache_fills_and_halves():
    judged = []

    @per_line_cache
    def length(text: str) -> int:
        judged.append(text)
        return len(text)

    lines = [f"line {n}" for n in range(LINE_CACHE_SIZE + 10)]
    assert [length(line) for line in lines] == [len(line) for line in lines]
    assert [length(line) for line in lines[-10:]] == [len(line) for line in lines[-10:]]
    assert judged == lines  # the latest lines stayed when the cache made room
    long = "w" * (MAX_CACHED_LINE_CHARS + 1)
    assert length(long) == length(long) == MAX_CACHED_LINE_CHARS + 1
    assert judged[-2:] == [long, long]
