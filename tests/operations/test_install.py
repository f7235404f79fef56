"""The project as a deployment gets it: a wheel installed into a fresh virtual environment, run far from the checkout.

Both the ``ingest`` command and a Prefect deployment of ``prefect.yaml`` run from
the install, in folders that hold no repository file but the seeds or ``prefect.yaml``.

The wheel is built from this checkout and installed with ``--no-deps`` into a new
venv that sees the test environment's third-party packages through a ``.pth``
file (installing spaCy, Prefect and DuckDB again would take minutes and the
network). What this proves: the wheel alone carries every file ``ingest`` reads
at run time (migrations, data files, the flows), installs no top-level package
but ``ingest``, and its ``ingest`` command and ``ingest.run`` load the seeds from
another folder with no repository file on the import path, and ``prefect.yaml``
deploys the installed flow. It does not prove that
the declared dependencies resolve; ``.ci/run`` installs those from the index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import duckdb
import pytest

from test_prefect_deployment import deploy_and_check

PROJECT = Path(__file__).resolve().parents[2]
COMMAND_SECONDS = 600
COMPARED = [
    "SELECT doc_id, source_uri, text, language, duplicate_of FROM documents",
    "SELECT doc_id, entity_id, start_offset, end_offset FROM mentions",
    "SELECT source_uri, reason FROM rejects",
    "SELECT version, name FROM schema_version",
]


def rows(path: Path) -> list[list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [sorted(con.execute(query).fetchall(), key=repr) for query in COMPARED]
    finally:
        con.close()


def run(*args: str | Path, cwd: Path, env: dict) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=COMMAND_SECONDS)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """A fresh venv holding the wheel of this checkout, and the environment to run it in."""
    base = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PYTHON", "INGEST_"))}
    env.update(PREFECT_HOME=str(base / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", base / "dist", PROJECT,
        cwd=base, env=env)
    [wheel] = (base / "dist").glob("ingest-*.whl")
    top_level = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"ingest"}
    venv = base / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=base, env=env)
    python = venv / "bin" / "python"
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base,
                             env=env).strip())
    # Appended after the venv's own site-packages: the wheel's ingest comes first, and
    # .pth files of the shared folder (an editable install of a checkout) are not run.
    (site_packages / "third_party.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(python, "-m", "pip", "install", "--no-deps", "--quiet", wheel, cwd=base, env=env)
    return venv, env


@pytest.mark.slow
def test_the_installed_command_and_library_load_the_seeds_from_another_folder(installed, tmp_path):
    venv, env = installed
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(PROJECT / "seeds", elsewhere / "seeds")
    python = venv / "bin" / "python"

    where = run(python, "-c", "import ingest, ingest.flows; print(ingest.__file__)", cwd=elsewhere, env=env)
    assert Path(where.strip()).is_relative_to(venv), where
    done = subprocess.run([python, "-c", "import flows"], cwd=elsewhere, env=env, capture_output=True)
    assert done.returncode != 0, "a top-level package named flows is installed"

    run(venv / "bin" / "ingest", "run", "--source", "seeds", "--warehouse", "cli.duckdb", cwd=elsewhere, env=env)
    run(python, "-c", "import ingest; print(ingest.run('seeds', 'library.duckdb').status)", cwd=elsewhere, env=env)

    from_cli, from_library = rows(elsewhere / "cli.duckdb"), rows(elsewhere / "library.duckdb")
    documents, mentions, rejects, migrations = from_cli
    assert len(documents) == 5 and len(mentions) > 100 and rejects == []
    assert sorted(name for _, name in migrations) == sorted(p.stem for p in (PROJECT / "src/ingest/warehouse/migrations").glob("*.sql"))
    assert from_library == from_cli


@pytest.mark.slow
def test_prefect_yaml_deploys_the_installed_flow(installed, tmp_path, query_warehouse):
    venv, env = installed
    project = tmp_path / "deployment"
    project.mkdir()
    shutil.copy(PROJECT / "prefect.yaml", project)
    deploy_and_check(tmp_path, query_warehouse, [str(venv / "bin" / "python"), "-m", "prefect"], project, env)
