"""Every command, Python block and query of the README, run as a reader would run it.

Commands run in a folder holding a copy of the seeds, with ``.venv/bin/`` read as
the folder of the interpreter running the tests; the Python blocks run there
after them, each as a script. Queries run against the warehouse the README's own
run built. A command the README gains must be added to
``RUN`` or ``NOT_RUN_HERE`` (with the reason and the test that covers it instead),
or this test fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from ingest.entities.model import MODEL_PACKAGE

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]
README = PROJECT / "README.md"
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)

# Commands run here, in the order the README gives them; a value is the command
# run instead, its placeholders filled: DIR and PATH with the README's own
# defaults, PKG with the installed model package (a second one would be a download).
RUN = {
    ".venv/bin/ingest run --source seeds --warehouse warehouse/ingest.duckdb": None,
    ".venv/bin/python -c \"import duckdb; con = duckdb.connect('warehouse/ingest.duckdb', read_only=True); "
    "con.sql('SELECT title, language, word_count FROM documents').show()\"": None,
    ".venv/bin/ingest query \"SELECT title, language, word_count FROM documents\"": None,
    ".venv/bin/ingest query \"SELECT kind, count(*) AS spans FROM removed_spans GROUP BY kind\" --csv": None,
    ".venv/bin/ingest runs": None,
    ".venv/bin/ingest rejects": None,
    ".venv/bin/ingest review --run latest": None,
    ".venv/bin/ingest review --run all --top 10 --sample 40 --seed 7 --kind call_to_action": None,
    ".venv/bin/ingest --help": None,
    ".venv/bin/ingest run --source DIR --warehouse PATH":
        ".venv/bin/ingest run --source seeds --warehouse warehouse/ingest.duckdb",
    ".venv/bin/ingest run --ner-model PKG --ner-language de":
        f".venv/bin/ingest run --ner-model {MODEL_PACKAGE} --ner-language en",
    ".venv/bin/ingest run --workers 2": None,
    ".venv/bin/ingest run --skip entities": None,
    ".venv/bin/ingest run --doc-timeout 1200 --doc-cpu-seconds 600 --doc-memory-mb 8192": None,
    ".venv/bin/ingest explain 003_5f4c54cc68c0ed8a.txt": None,
    ".venv/bin/ingest export out/ --format parquet": None,
    ".venv/bin/ingest run --json --quiet": None,
    ".venv/bin/ingest --version": None,
    ".venv/bin/python -m ingest --help": None,
}
NOT_RUN_HERE = {
    "python3 -m venv .venv": "CI (.ci/run) creates the environment these tests run in",
    ".venv/bin/pip install -e '.[dev]'": "CI (.ci/run) installs the project these tests run in",
    ".venv/bin/python -m compileall -q src": "CI (.ci/run) compiles the modules of the project these tests run in",
    ".venv/bin/python -m pytest": "the suite this test is part of",
    ".venv/bin/ingest run --runner dask --address tcp://scheduler:8786": "needs a running Dask cluster",
    ".venv/bin/ingest run --text-field body --id-field url":
        "the seeds hold no record file: tests/formats/test_record_files.py runs with other text and id fields",
    ".venv/bin/prefect server start": "a long-running server: tests/operations/test_prefect_deployment.py starts one",
    "export PREFECT_API_URL=http://127.0.0.1:4200/api": "test_prefect_deployment.py sets it for its server",
    ".venv/bin/prefect work-pool create ingest-pool --type process": "test_prefect_deployment.py, against its server",
    "INGEST_PROJECT_DIR=$PWD .venv/bin/prefect --no-prompt deploy --all": "test_prefect_deployment.py",
    ".venv/bin/prefect worker start --pool ingest-pool": "test_prefect_deployment.py (with --run-once)",
    ".venv/bin/prefect deployment run ingest/nightly": "test_prefect_deployment.py",
    ".venv/bin/prefect deployment ls": "test_prefect_deployment.py",
    ".venv/bin/prefect flow-run ls": "test_prefect_deployment.py",
    '.venv/bin/ingest serve --source seeds --warehouse warehouse/ingest.duckdb --cron "0 2 * * *"':
        "serves until stopped: test_prefect_deployment.py serves a one-minute cron and waits for its run",
}


# Python blocks that continue a reader's session rather than start one, and what
# that session already holds, keyed by the block's first line.
SESSION_SO_FAR = {
    "con.close()": "import duckdb\ncon = duckdb.connect('warehouse/ingest.duckdb', read_only=True)\n",
}


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README.read_text(encoding="utf-8")) if lang == language]


def commands() -> list[str]:
    """Each command of the README's shell blocks, comments dropped, ``&&`` chains split."""
    found = []
    for body in blocks("bash"):
        for line in body.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            found += [part.strip() for part in line.split(" && ") if part.strip()]
    return found


def test_every_command_is_run_here_or_covered_elsewhere():
    listed = set(RUN) | set(NOT_RUN_HERE)
    assert [command for command in commands() if command not in listed] == []
    assert sorted(listed - set(commands())) == []


def test_no_tool_is_suggested_that_the_install_does_not_provide():
    """The install puts ``ingest``, ``prefect`` and Python's ``duckdb`` package in .venv, not DuckDB's own shell."""
    assert "DuckDB CLI" not in README.read_text(encoding="utf-8")
    assert [command for command in commands() if command.split()[0] == "duckdb"] == []


def run_captured(args: str | list[str], **options) -> subprocess.CompletedProcess:
    """Run a command with its output in files rather than pipes.

    A pipe stays open while any process holding it lives: a server that outlived
    its command (the very defect a test must report) would make reading a pipe
    wait for it instead of the command failing its assertions.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        done = subprocess.run(args, stdout=out, stderr=err, text=True, timeout=600, **options)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(done.args, done.returncode, out.read(), err.read())


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reader")
    shutil.copytree(PROJECT / "seeds", folder / "seeds")
    (folder / "warehouse").mkdir()
    return folder


@pytest.fixture(scope="module")
def ran(reader_folder) -> dict[str, subprocess.CompletedProcess]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(reader_folder / ".prefect")
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT / "src"), str(PROJECT)])
    results = {}
    for command in [c for c in commands() if c in RUN]:
        line = (RUN[command] or command).replace(".venv/bin/", f"{BIN}/")
        results[command] = run_captured(line, shell=True, cwd=reader_folder, env=env)
    for number, block in enumerate(blocks("python")):
        first_line = block.splitlines()[0].split("#")[0].strip()
        # Saved as a script, as a reader would: a worker process imports the script that started it
        # (``python -c`` has no file to import, and hid a run that re-started itself in every worker).
        script = reader_folder / f"readme_block_{number}.py"
        script.write_text(SESSION_SO_FAR.get(first_line, "") + block, encoding="utf-8")
        results[f"python: {first_line}"] = run_captured([sys.executable, str(script)], cwd=reader_folder, env=env)
    return results


def test_every_command_succeeds(ran):
    failed = {command: done.stderr[-2000:] for command, done in ran.items() if done.returncode != 0}
    assert failed == {}


def test_the_commands_do_what_the_readme_says(ran, reader_folder):
    first = ran[".venv/bin/ingest run --source seeds --warehouse warehouse/ingest.duckdb"]
    assert "completed" in first.stdout and "documents loaded" in first.stdout
    one_liner = next(done for command, done in ran.items() if command.startswith(".venv/bin/python -c"))
    assert "word_count" in one_liner.stdout
    assert ran[".venv/bin/ingest explain 003_5f4c54cc68c0ed8a.txt"].stdout.startswith("003_5f4c54cc68c0ed8a.txt (")
    assert (reader_folder / "out" / "manifest.json").exists()
    assert '"status": "unchanged"' in ran[".venv/bin/ingest run --json --quiet"].stdout
    assert ran[".venv/bin/ingest --version"].stdout.startswith("ingest ")
    assert ran["python: import duckdb"].stdout == "5 documents to read\n"
    assert ran['.venv/bin/ingest query "SELECT title, language, word_count FROM documents"'].stdout.endswith("(5 rows)\n")
    assert ran['.venv/bin/ingest query "SELECT kind, count(*) AS spans FROM removed_spans GROUP BY kind" --csv'] \
        .stdout.startswith("kind,spans\n")
    assert "completed" in ran[".venv/bin/ingest runs"].stdout
    assert ran[".venv/bin/ingest rejects"].stdout.endswith("(0 rows)\n")
    assert (reader_folder / "warehouse" / "ingest.review" / "index.html").exists()
    with duckdb.connect(str(reader_folder / "w.duckdb"), read_only=True) as library_run:  # the Architecture example's
        loaded, refused = library_run.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM rejects)").fetchone()
    assert (loaded, refused) == (5, 0)


def test_every_query_runs_on_the_warehouse_the_readme_built(ran, reader_folder):
    con = duckdb.connect(str(reader_folder / "warehouse" / "ingest.duckdb"), read_only=True)
    try:
        results = [con.execute(query).fetchall() for query in blocks("sql")]
    finally:
        con.close()
    documents, removed, _su35_with_israel, people = results
    assert len(documents) == 5 and removed and people
