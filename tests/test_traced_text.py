from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import traced_text
from ingest.traced_text import Edit, TracedText, diff_edits, render


def test_edits_map_back_to_original_offsets():
    traced = TracedText("Hello   wrold.\nFooter 1\n")
    traced.apply([Edit(5, 8, " ", "whitespace", "collapse_spaces")])
    assert traced.text == "Hello wrold.\nFooter 1\n"
    traced.apply([Edit(6, 11, "world", "spelling", "fix")])
    traced.apply([Edit(13, 22, "", "furniture", "page_footer")])
    assert traced.text == "Hello world.\n"
    changes = traced.changes
    assert [(c.start, c.end, c.before, c.after) for c in changes] == [
        (5, 8, "   ", " "),
        (8, 13, "wrold", "world"),
        (15, 24, "Footer 1\n", ""),
    ]


def test_removal_swallows_earlier_repair():
    traced = TracedText("keep. Drop thsi line.\nend")
    traced.apply([Edit(11, 15, "this", "spelling", "fix")])
    traced.apply([Edit(6, 22, "", "cta", "comment_call")])
    assert traced.text == "keep. end"
    [change] = traced.changes
    assert (change.start, change.end, change.before, change.after) == (6, 22, "Drop thsi line.\n", "")
    assert change.rule == "comment_call"


def test_overlapping_repairs_merge_rules():
    traced = TracedText("inter-\nnational")
    traced.apply([Edit(5, 7, "", "hyphenation", "join_split_word")])
    traced.apply([Edit(0, 13, "International", "case", "capitalise")])
    [change] = traced.changes
    assert change.before == "inter-\nnational" and change.after == "International"
    assert change.rule == "join_split_word+capitalise"


def test_edit_next_to_removal_does_not_absorb_it():
    traced = TracedText("a\n\nBOILER\n\nb")
    traced.apply([Edit(3, 10, "", "related", "list")])
    assert traced.text == "a\n\n\nb"
    traced.rewrite(lambda t: t.replace("\n\n\n", "\n\n"), "whitespace", "collapse_blank_lines")
    assert traced.text == "a\n\nb"
    assert any(c.after == "" and c.before == "BOILER\n" for c in traced.changes)
    assert render(traced.original, traced.changes) == traced.text


def test_to_original():
    traced = TracedText("abcXYZdef")
    traced.apply([Edit(3, 6, "", "x", "drop")])
    assert traced.text == "abcdef"
    assert traced.to_original(3) == 6
    assert traced.to_original(1) == 1


def test_diff_edits_are_minimal():
    edits = diff_edits("the cat sat", "the bat sat", "k", "r")
    assert len(edits) == 1 and edits[0].after == "b"


@st.composite
def edit_batches(draw):
    text = draw(st.text(alphabet="ab \n-", max_size=40))
    return text, draw(st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000), st.text("xy \n", max_size=4)), max_size=6))


@settings(max_examples=300, deadline=None)
@given(edit_batches(), st.integers(1, 4))
def test_history_always_rebuilds_the_text(batch, rounds):
    text, raw_edits = batch
    traced = TracedText(text)
    for round_number in range(rounds):
        current = traced.text
        edits, cursor = [], 0
        for a, b, after in raw_edits:
            if cursor > len(current):
                break
            start = cursor + a % (len(current) - cursor + 1)
            end = start + b % (len(current) - start + 1) if round_number % 2 else start + min(b % 3, len(current) - start)
            edits.append(Edit(start, end, after, "k", f"r{round_number}"))
            cursor = end + 1
        expected = current
        for edit in reversed(edits):
            expected = expected[: edit.start] + edit.after + expected[edit.end :]
        traced.apply(edits)
        assert traced.text == expected
        changes = traced.changes
        assert render(text, changes) == expected
        for left, right in zip(changes, changes[1:]):
            assert left.end <= right.start
        for change in changes:
            assert text[change.start : change.end] == change.before


def test_changes_survive_pickling_between_processes():
    import pickle

    traced = TracedText("Sh are this\nBody.\n")
    traced.apply([Edit(0, 12, "", "share_cookie", "share_line")])
    assert pickle.loads(pickle.dumps(traced.changes)) == traced.changes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=8), st.integers(0, 12), st.integers(0, 2), st.integers(0, 8))
def test_binary_search_finds_the_changes_before_an_edit_as_the_scan_does(gaps, start, width, low):
    # Earlier changes in current coordinates: sorted, disjoint, removals (empty ranges) among them.
    positions, cursor = [], 0
    for gap, length in gaps:
        cursor += gap
        positions.append((cursor, cursor + length))
        cursor += length
    edit = Edit(start, start + width, "", "k", "r")
    low = min(low, len(positions))
    scanned = low
    while scanned < len(positions) and _wholly_before(positions[scanned], edit):
        scanned += 1
    ends = [end for _, end in positions]
    assert traced_text._first_not_before(edit, positions, ends, low) == scanned


def _wholly_before(position: tuple[int, int], edit: Edit) -> bool:
    """The order the binary search must reproduce, change by change: an earlier change lies wholly before the edit."""
    start, end = position
    if start == end:  # an earlier removal: an edit starting there goes after it, an insertion before it
        return start < edit.start or (start == edit.start and edit.start != edit.end)
    return end <= edit.start
