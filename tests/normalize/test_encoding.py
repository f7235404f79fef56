from ingest.normalize.encoding import fix_mojibake


def test_utf8_read_as_cp1252_is_repaired(repair):
    damaged = "Russiaâ€™s war and the Kremlinâ€™s view"
    assert repair(fix_mojibake, damaged) == "Russia’s war and the Kremlin’s view"


def test_typographic_quotes_and_dashes_are_kept(repair):
    text = "“Strategic partner,” he said — twice – and ‘again’."
    assert repair(fix_mojibake, text) == text


def test_full_width_letters_are_kept(repair):
    assert repair(fix_mojibake, "ＡＢＣ株式会社") == "ＡＢＣ株式会社"


def test_ligatures_and_nested_entities_are_undone_to_a_fixed_point(repair):
    assert repair(fix_mojibake, "ﬁnal &amp;amp; more") == "final & more"


def test_edits_are_local_to_the_damaged_characters():
    edits = fix_mojibake("line one\nRussiaâ€™s line\nline three", None)
    assert [(e.start, e.end, e.after) for e in edits] == [(15, 18, "’")]
    assert {e.kind for e in edits} == {"encoding"}


def test_every_sequence_ftfy_calls_bad_holds_what_the_prefilter_looks_for():
    """``FTFY_NEEDS`` skips ftfy only where its mojibake heuristic cannot match (read off its parsed pattern)."""
    import re
    from re import _constants as sre, _parser

    from ftfy.badness import BADNESS_RE

    from ingest.normalize.encoding import FTFY_NEEDS

    def characters(item: tuple) -> set[int] | None:
        """The code points one pattern item matches, or None when it is no plain character or class."""
        op, value = item
        if op is sre.LITERAL:
            return {value}
        if op is not sre.IN:
            return None
        points: set[int] = set()
        for member, argument in value:
            if member is sre.LITERAL:
                points.add(argument)
            elif member is sre.RANGE:
                points.update(range(argument[0], argument[1] + 1))
            else:
                return None  # a negated class or a category: anything
        return points

    alone = {ord(c) for c in "ŒœÂÃ"} | set(range(0x80, 0xA0))
    (branch,) = _parser.parse(BADNESS_RE.pattern, re.VERBOSE).data
    assert branch[0] is sre.BRANCH
    for alternative in branch[1][1]:
        sets = [characters(item) for item in alternative]
        singled = any(points is not None and points <= alone for points in sets)
        paired = any(
            a is not None and b is not None and min(a) >= 0x80 and min(b) >= 0x80 for a, b in zip(sets, sets[1:])
        )
        assert singled or paired, alternative
    assert FTFY_NEEDS.search("“Strategic partner,” he said — twice – and ‘again’, café.") is None
    assert FTFY_NEEDS.search("Russiaâ€™s") is not None


def test_the_prefilter_knows_every_fix_the_configuration_runs():
    """Besides the mojibake heuristic, ``FTFY_NEEDS`` looks for what HTML entities, terminal escapes,
    ligatures and surrogates start with; a fix turned on beyond these needs a look of its own."""
    from ingest.normalize.encoding import FTFY_CONFIG

    runs = {name for name, value in FTFY_CONFIG._asdict().items() if value not in (False, None)}
    assert runs - {"max_decode_length", "explain"} == {
        "unescape_html",
        "remove_terminal_escapes",
        "fix_encoding",
        "restore_byte_a0",
        "replace_lossy_sequences",
        "decode_inconsistent_utf8",
        "fix_c1_controls",
        "fix_latin_ligatures",
        "fix_surrogates",
    }
