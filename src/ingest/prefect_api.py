"""Whether a Prefect API is configured, read without importing Prefect (which costs about a second).

``ingest run`` records a run as a Prefect flow run whenever an API is
configured; with none, it runs the library directly instead of starting a
temporary Prefect server for one run. Prefect reads ``PREFECT_API_URL`` from the
environment, a ``.env`` or ``prefect.toml`` file (or ``[tool.prefect]`` in a
``pyproject.toml``) in the working directory, and the active profile of its
profiles file. Those are read here the same way; a file that cannot be parsed
counts as configuring an API, so a doubt always leads to the flow.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

API_URL = "PREFECT_API_URL"
DEFAULT_PROFILE = "ephemeral"


def api_configured(cwd: Path | None = None) -> bool:
    """Whether Prefect would send a run to an API server rather than start a temporary one."""
    cwd = cwd or Path.cwd()
    if os.environ.get(API_URL):
        return True
    return any(found for found in (_in_dotenv(cwd / ".env"), _in_toml(cwd), _in_profile()))


def _in_dotenv(path: Path) -> bool:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        return True
    for line in lines:
        name, _, value = line.removeprefix("export ").partition("=")
        if name.strip() == API_URL and value.strip().strip("'\""):
            return True
    return False


def _in_toml(cwd: Path) -> bool:
    """``[api] url`` in ``prefect.toml``, or the same under ``[tool.prefect]`` in ``pyproject.toml``."""
    for name, keys in (("prefect.toml", ()), ("pyproject.toml", ("tool", "prefect"))):
        table = _toml(cwd / name)
        if table is None:
            continue
        for key in keys:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        api = table.get("api", {}) if isinstance(table, dict) else {}
        if isinstance(api, dict) and api.get("url") or isinstance(table, dict) and table.get(API_URL):
            return True
    return False


def _in_profile() -> bool:
    """``PREFECT_API_URL`` in the active profile of Prefect's profiles file."""
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    profiles = _toml(path)
    if profiles is None:
        return False
    if API_URL in profiles:  # unreadable
        return True
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or DEFAULT_PROFILE
    profile = profiles.get("profiles", {}).get(active, {})
    return bool(isinstance(profile, dict) and profile.get(API_URL))


def _toml(path: Path) -> dict[str, Any] | None:
    """The file's table, ``None`` when there is no such file, and an API (``{API_URL: ...}``) when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {API_URL: "unreadable"}
