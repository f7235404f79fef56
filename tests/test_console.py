"""Which command lines start a run's cleaning workers before the command line is read (``ingest.console``)."""

import pytest

from ingest.console import starts_a_run


@pytest.mark.parametrize(
    "arguments",
    [["run"], ["run", "--source", "docs", "--warehouse", "w.duckdb"], ["run", "-s", "docs", "--skip", "entities"]],
)
def test_a_run_starts_them(arguments):
    assert starts_a_run(arguments)


@pytest.mark.parametrize(
    "arguments",
    [[], ["--help"], ["run", "--help"], ["run", "-h"], ["explain", "run"], ["review", "w.duckdb"], ["--version"]],
)
def test_help_and_other_commands_do_not(arguments):
    assert not starts_a_run(arguments)
