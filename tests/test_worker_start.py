"""What a run's worker processes load before their first document: what they use, and once."""

from __future__ import annotations

import multiprocessing.spawn
import subprocess
import sys
import types

import wordfreq

from ingest import fork_server
from ingest.warm_start import FIRST_WORD_LIST, load_cleaning_state
from ingest.worker_processes import workers_skip_the_console_script


def test_workers_started_by_the_console_script_do_not_run_it_again(monkeypatch):
    script = types.ModuleType("__main__")
    script.__file__ = "/usr/local/bin/ingest"  # a console script: run by path, with no module spec
    script.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", script)
    assert "init_main_from_path" in multiprocessing.spawn.get_preparation_data("worker")

    workers_skip_the_console_script()

    preparation = multiprocessing.spawn.get_preparation_data("worker")
    assert "init_main_from_path" not in preparation
    assert preparation["init_main_from_name"] == "ingest.__main__"  # which a worker never runs again


def test_a_worker_started_the_way_python_dash_m_starts_it_keeps_its_main_module(monkeypatch):
    runner = types.ModuleType("__main__")
    runner.__spec__ = types.SimpleNamespace(name="pytest.__main__")
    monkeypatch.setitem(sys.modules, "__main__", runner)

    workers_skip_the_console_script()

    assert runner.__spec__.name == "pytest.__main__"


def test_the_word_list_loaded_ahead_is_the_one_the_rules_read():
    load_cleaning_state()
    lists_before = wordfreq.get_frequency_dict.cache_info().currsize

    wordfreq.zipf_frequency("unwarmedword", FIRST_WORD_LIST)

    assert wordfreq.get_frequency_dict.cache_info().currsize == lists_before


def test_the_fork_server_loads_no_warehouse_library():
    """The workers clean and sign documents; DuckDB, pyarrow and the record formats' readers are the run's."""
    imports = "; ".join(f"import {module}" for module in fork_server.preloads(fork_server.FORMAT_PRELOADS))
    check = (
        f"import sys; {imports}; "
        "print(sorted(m for m in ('duckdb', 'pyarrow', 'warcio', 'ingest.warehouse', 'ingest.incremental') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_run_imports_what_its_first_load_and_its_review_need_while_the_batch_is_cleaned():
    """DuckDB imports ``pyarrow.dataset`` on its first Arrow table, the review Jinja; with entities skipped, spaCy stays out."""
    check = (
        "import sys; from ingest.local_executor import LocalExecutor; from ingest.settings import Settings; "
        "from ingest.run_review import write_run_review; "
        "executor = LocalExecutor(Settings(skip_entities=True)); "
        "before = [m in sys.modules for m in ('pyarrow.dataset', 'jinja2')]; "
        "executor._load_ahead(); executor.shutdown(); "
        "print(*before, 'pyarrow.dataset' in sys.modules, 'jinja2' in sys.modules, 'spacy' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False False True True False"


def test_a_run_that_changed_nothing_never_loads_the_review_renderer():
    check = (
        "import logging, sys; from ingest.run_review import write_run_review; from ingest.runs import RunSummary; "
        "summary = RunSummary(run_id='r', source='s', warehouse='w.duckdb', pipeline_version='v', status='unchanged'); "
        "print(write_run_review(summary, 'w.duckdb', logging.getLogger('check')), 'jinja2' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "None False"
