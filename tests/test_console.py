"""The console script: which command lines start a run's cleaning workers first, and a Ctrl-C before the command begins."""

import subprocess
import sys

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


def test_ctrl_c_while_the_command_line_is_imported_exits_130_without_a_traceback():
    stopped_in_imports = (
        "import sys, types\n"
        "class Importing(types.ModuleType):\n"
        "    def __getattr__(self, name):\n"
        "        raise KeyboardInterrupt\n"
        "sys.modules['ingest.cli'] = Importing('ingest.cli')\n"
        "sys.argv = ['ingest', '--version']\n"
        "from ingest.console import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", stopped_in_imports], capture_output=True, text=True, timeout=60)

    assert done.returncode == 130
    assert "Traceback" not in done.stderr
