"""Typed text's indented code keeps its lines and spaces; its indented prose re-flows as prose."""

from hypothesis import given
from hypothesis import strategies as st

from ingest.clean import clean_text
from ingest.input_kinds import InputKind
from ingest.normalize.blocks import in_spans, indented_code_spans, verbatim_spans

INTRODUCTION = """tramway - departure boards for a tram network
=============================================

The library reads a network's timetable and the live positions of its
trams, and tells for each stop when the next trams are due. It is
written for the boards at the stops and for the small screens in the
trams themselves, which have little memory and a slow processor.

Install it with pip and import it; a board for one stop is made from
the stop's name, and asked for the next trams:
"""

EXAMPLE = """    import tramway

    board = tramway.Board("north")
    for tram in board.next(3):
        print(tram.line, tram.due)
"""

CLOSING = """
The board refreshes every minute. A stop served by more than one line
shows them all, in the order they are due; a line that does not run
today is left out of the board altogether.
"""

README = f"{INTRODUCTION}\n{EXAMPLE}{CLOSING}"

MANUAL_PAGE = """DESCRIPTION
       su allows commands to be run with a substitute user and group ID.
       When called with no user specified, su defaults to running an
       interactive shell as root. When a user is specified, additional
       arguments can be supplied, in which case they are passed to the
       shell.

OPTIONS
       --pty
           Create a pseudo-terminal for the session. This feature is mostly
           designed for interactive sessions. If the standard input is not a
           terminal, but for example a pipe (e.g., echo "date" | su --pty),
           then the ECHO flag for the pseudo-terminal is disabled.

EXAMPLES
       To run one command as another user, give it with --command, and
       --login to start from that user's own environment:

           $ su --login tram --command "board --stop north"
           $ su --pty --command /usr/bin/board-refresh
"""


def test_a_readmes_example_keeps_its_lines_and_indentation_blank_line_included():
    result = clean_text(README)
    assert result.input_kind is InputKind.TYPED
    assert EXAMPLE.rstrip() in result.text
    assert "next trams:\n\n    import tramway" in result.text
    assert "trams, and tells for each stop" in result.text  # the prose around it re-flows


def test_the_code_span_runs_from_its_first_lines_indentation_to_its_last_lines_end():
    start = README.index("    import tramway")
    end = README.index("tram.due)") + len("tram.due)")
    assert indented_code_spans(README) == [(start, end)]


def test_an_indented_paragraph_of_prose_naming_options_is_not_code():
    """The option's description is set four columns deeper than the page's text, and names commands, but reads as prose."""
    commands = MANUAL_PAGE.index("           $ su --login")
    assert [start for start, _ in indented_code_spans(MANUAL_PAGE)] == [commands]
    result = clean_text(MANUAL_PAGE)
    assert "This feature is mostly designed for interactive sessions." in result.text
    assert '    $ su --login tram --command "board --stop north"\n' in result.text


def test_a_line_indented_deeper_inside_a_paragraph_opens_no_code():
    """Markdown's rule: an indented block starts after a blank line, never inside a paragraph."""
    wrapped = "Install the package and run\n    board --stop north\nto see the next trams.\n"
    assert indented_code_spans(wrapped) == []


def test_only_typed_text_keeps_indented_code():
    """A scraped page's or an OCR text's leading spaces are noise: there only fenced code is kept as written."""
    assert verbatim_spans(README, InputKind.PROSE) == []
    assert verbatim_spans(README, InputKind.OCR) == []
    assert verbatim_spans(README, InputKind.TYPED) == indented_code_spans(README)


def test_a_fenced_blocks_line_after_a_blank_line_keeps_its_indentation():
    from ingest.rules import CleaningContext

    markdown = "# Boards\n\n```python\ndef due(board):\n\n    return board.next(1)\n```\n"
    result = clean_text(markdown, CleaningContext(input_kind=InputKind.MARKDOWN))
    assert "def due(board):\n\n    return board.next(1)\n```" in result.text


@given(st.lists(st.integers(min_value=0, max_value=200), max_size=12), st.integers(min_value=-5, max_value=210))
def test_a_position_is_in_spans_as_a_scan_of_every_span_finds(bounds, position):
    """The search over spans in order and apart gives what asking each span gives."""
    points = sorted(set(bounds))
    spans = list(zip(points[::2], points[1::2]))
    assert in_spans(position, spans) == any(start <= position < end for start, end in spans)


def test_fenced_and_indented_code_make_one_span_where_they_overlap():
    text = "Run the board:\n\n    ```\n    board --stop north\n    ```\n\nIt prints the next trams.\n"
    spans = verbatim_spans(text, InputKind.TYPED)
    assert spans == sorted(spans) and all(end < start for (_, end), (start, _) in zip(spans, spans[1:]))
    assert in_spans(text.index("board --stop"), spans)


PGREP = """DESCRIPTION
       pgrep looks through the currently running processes and lists the
       process IDs which match the selection criteria to stdout. For example,

              $ pgrep -u root sshd

       will only list the processes called sshd AND owned by root.

OPTIONS
       -d, --delimiter delimiter
              Sets the string used to delimit each process ID in the output
              (by default a newline). (pgrep only.)

       -f, --full
              The pattern is normally only matched against the process name.
              When -f is set, the full command line is used.

       -g, --pgroup pgrp,...
              Only match processes in the process group IDs listed. Process
              group 0 is translated into pgrep's, pkill's, or pidwait's own
              process group.
"""


def test_code_is_measured_against_the_text_above_where_most_words_sit_deeper():
    """The options' descriptions hold most of the page's words, as deep as its example: the example is deeper
    than the text above it."""
    example = PGREP.index("              $ pgrep")
    assert [start for start, _ in indented_code_spans(PGREP)] == [example]
