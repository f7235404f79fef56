"""A fingerprint of what decides cleaning's output, recorded with the ``PIPELINE_VERSION`` it belongs to.

``PIPELINE_VERSION`` tells the warehouse which documents to clean again; a rule
changed without a new version leaves documents cleaned by the old rule looking
current. The fingerprint hashes the rule registry (every rule's name, phase,
order, effect, kinds and the kinds of document it acts on), the source of the rule packages and of the modules
that run them, and every file of ``ingest/data``. ``pipeline_fingerprint.json``
holds the value recorded for the current version; a test recomputes it and
fails when the two differ.

Source is hashed without comments, docstrings, trailing spaces and blank lines:
rewording a comment changes no output and needs no new version. Anything else,
even a rename, changes the fingerprint; when such a change provably alters no
output (the goldens and the quality benchmark are unchanged), record it with
``--same-output`` and keep the version. Decoding, language detection and the
entity model are outside the fingerprint.

    python -m ingest.fingerprint                  # check
    python -m ingest.fingerprint --record         # after bumping PIPELINE_VERSION
    python -m ingest.fingerprint --record --same-output
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import io
import json
import pkgutil
import tokenize
from dataclasses import asdict, dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import ingest
from ingest.rules import REGISTRY, RULE_PACKAGES, RuleRegistry

# Modules outside the rule packages whose code decides what the rules produce.
DRIVER_MODULES = ("ingest.rules", "ingest.clean", "ingest.traced_text", "ingest.text_shapes")
RECORD_FILE = "pipeline_fingerprint.json"
RECORD_COMMAND = "python -m ingest.fingerprint --record"
# Tokens after which a lone string statement is a docstring (or a no-op string).
_STATEMENT_START = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING})


@dataclass(frozen=True)
class Recorded:
    """The fingerprint recorded in the repository and the pipeline version it was recorded under."""

    pipeline_version: str
    fingerprint: str


def compute_fingerprint(registry: RuleRegistry = REGISTRY, data: Traversable | None = None) -> str:
    """SHA-256 over the registry, the normalized source of the rule modules and the data files."""
    digest = hashlib.sha256()
    for placed in registry.all():
        digest.update(f"rule {placed.name} {placed.phase.value} {placed.order} {placed.effect.value} {sorted(placed.kinds)} {sorted(placed.inputs)}\n".encode())
    for name, path in sorted(_source_files().items()):
        digest.update(f"source {name}\n".encode())
        digest.update(normalized_source(path.read_text(encoding="utf-8")).encode())
    data = data or resources.files("ingest").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(f"data {entry.name}\n".encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def normalized_source(source: str) -> str:
    """The source without comments, docstrings, trailing spaces and blank lines."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    cut = [(t.start, t.end) for t in tokens if t.type == tokenize.COMMENT]
    code = [t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]
    for position, token in enumerate(code):
        previous = code[position - 1].type if position else tokenize.ENCODING
        following = code[position + 1].type if position + 1 < len(code) else tokenize.ENDMARKER
        if _is_docstring(token, previous, following):
            cut.append((token.start, token.end))
    cut.sort()
    lines = source.splitlines()
    for (start_row, start_col), (end_row, end_col) in reversed(cut):
        first, last = lines[start_row - 1], lines[end_row - 1]
        lines[start_row - 1 : end_row] = [first[:start_col] + last[end_col:]]
    return "".join(line.rstrip() + "\n" for line in lines if line.strip())


def _is_docstring(token: tokenize.TokenInfo, previous: int, following: int) -> bool:
    # An f-string is never a docstring (and Python 3.12 tokenizes it differently).
    is_plain_string = token.type == tokenize.STRING and token.string[:1].lower() != "f"
    return is_plain_string and previous in _STATEMENT_START and following in (tokenize.NEWLINE, tokenize.ENDMARKER)


def _source_files() -> dict[str, Path]:
    """Module name → file for every module of the rule packages and the driver modules."""
    names = list(DRIVER_MODULES)
    for package_name in RULE_PACKAGES:
        package = importlib.import_module(package_name)
        names += [package_name, *(f"{package_name}.{m.name}" for m in pkgutil.iter_modules(package.__path__))]
    return {name: Path(importlib.util.find_spec(name).origin) for name in names}


def recorded() -> Recorded:
    """The fingerprint and version stored in the repository."""
    stored = json.loads(_record_path().read_text(encoding="utf-8"))
    return Recorded(stored["pipeline_version"], stored["fingerprint"])


def mismatch() -> str | None:
    """Why the recorded fingerprint does not fit the current code and version, or None when it does."""
    current, stored = compute_fingerprint(), recorded()
    if current == stored.fingerprint and ingest.PIPELINE_VERSION == stored.pipeline_version:
        return None
    if current == stored.fingerprint:
        return f"PIPELINE_VERSION is {ingest.PIPELINE_VERSION} but the fingerprint was recorded under {stored.pipeline_version}: re-record it with `{RECORD_COMMAND}`"
    if ingest.PIPELINE_VERSION == stored.pipeline_version:
        return (
            f"the rules, their order or the data files changed while PIPELINE_VERSION stayed {ingest.PIPELINE_VERSION}: "
            f"bump PIPELINE_VERSION and re-record the fingerprint with `{RECORD_COMMAND}`"
        )
    return f"PIPELINE_VERSION was bumped to {ingest.PIPELINE_VERSION}: re-record the fingerprint with `{RECORD_COMMAND}`"


def record(same_output: bool = False) -> Recorded:
    """Store the current fingerprint under the current version.

    Refused when the fingerprint changed but the version did not, unless the
    caller vouches that the change alters no output.
    """
    current, stored = compute_fingerprint(), recorded()
    if current != stored.fingerprint and ingest.PIPELINE_VERSION == stored.pipeline_version and not same_output:
        raise SystemExit(
            f"the fingerprint changed but PIPELINE_VERSION is still {ingest.PIPELINE_VERSION}: bump it in "
            "src/ingest/__init__.py first (or pass --same-output if the goldens and the quality benchmark are unchanged)"
        )
    new = Recorded(ingest.PIPELINE_VERSION, current)
    _record_path().write_text(json.dumps(asdict(new), indent=2) + "\n", encoding="utf-8")
    return new


def _record_path() -> Path:
    return Path(ingest.__file__).with_name(RECORD_FILE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.fingerprint", description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help="store the current fingerprint under PIPELINE_VERSION")
    parser.add_argument("--same-output", action="store_true", help="record without a new version: the change alters no output")
    args = parser.parse_args(argv)
    if args.record:
        new = record(same_output=args.same_output)
        print(f"recorded {new.fingerprint[:16]}… for PIPELINE_VERSION {new.pipeline_version}")
        return 0
    problem = mismatch()
    print(problem or f"fingerprint matches PIPELINE_VERSION {ingest.PIPELINE_VERSION}")
    return 1 if problem else 0


if __name__ == "__main__":
    raise SystemExit(main())
