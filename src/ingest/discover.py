"""Discover the files of a source tree, safely.

The source root is a trust boundary: a symlink may point anywhere, so a link whose
target lies outside the root is never followed, and a directory is never entered
twice (symlink loops). Files are later opened with ``open_source_file``, which
walks down from the root one directory descriptor at a time, never following a
link: a file or any folder above it swapped for a link (or a pipe) after
discovery is refused, so nothing outside the root is ever read.

File names are bytes to the operating system. A name that is not valid UTF-8 is
kept in ``source_uri`` percent-encoded (see ``source_uri_for``), reversibly.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple
from urllib.parse import unquote_to_bytes

from ingest.review_folder import review_folder


@dataclass(frozen=True)
class SourceFile:
    """A file to ingest: where it is, and its stable name relative to the source root."""

    path: Path
    source_uri: str
    # The resolved source root the file was found under: reads are confined to it.
    # None for a file named directly (tests, one-off calls): only its last component
    # is then refused as a link.
    root: Path | None = None


@dataclass(frozen=True)
class SkippedPath:
    """A path that discovery refused to follow, with the reason for the rejects table."""

    source_uri: str
    reason: str


@dataclass(frozen=True)
class UnlistedFolder(SkippedPath):
    """A folder whose entries could not be read this run: the files under it are neither found nor gone.

    ``source_uri`` is the folder's, ``"."`` for the source root itself.
    """

    def holds(self, source_uri: str) -> bool:
        """Whether a file's ``source_uri`` lies under this folder."""
        return self.source_uri == "." or source_uri.startswith(self.source_uri + "/")


class FileStamp(NamedTuple):
    """What ``stat`` says about a file's content without reading it: size, and when it was last written.

    The change time is kept with the modification time because a program can set
    the latter back (``cp -p``, ``touch -r``) but not the former. A tuple, because
    planning compares one per file of the corpus.
    """

    size: int
    mtime_ns: int
    ctime_ns: int


# A stamp is trusted only once the file is this much older than the moment it was
# read: a write landing in the same clock tick as the read (2 s on FAT, a few
# milliseconds on ext4) would leave the stamp unchanged over changed bytes.
RACY_WINDOW_NS = 2_000_000_000


def trusted_stamp(status: os.stat_result, now_ns: int | None = None) -> FileStamp | None:
    """The file's stamp, or None while a same-tick write could still hide behind it."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    if max(status.st_mtime_ns, status.st_ctime_ns) > now_ns - RACY_WINDOW_NS:
        return None
    return FileStamp(status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class NotReadable(Exception):
    """A discovered file that cannot be read safely; the message is the reason for the rejects table."""


def discover(root: Path, warehouse: Path | None = None) -> Iterator[SourceFile | SkippedPath]:
    """Yield every regular file under ``root`` in a stable order, and every path refused.

    Hidden files and directories (names starting with a dot) are skipped silently:
    they are editor and VCS state, not documents. When the warehouse is kept
    inside the source tree, its file and its companions (``.staging``, ``.wal``,
    a lock), every name in its folder that starts with its name (or with its
    real name, when it is a link), and its review folder (``ingest.review`` for
    ``ingest.duckdb``, rewritten by every run), are refused with a reason, never read.

    A folder that cannot be listed (its permissions, a failing mount) is an
    ``UnlistedFolder``: planning keeps the documents under it as they were,
    rather than take their files for deleted.
    """
    root = root.resolve(strict=True)
    skip = _warehouse_names(warehouse)
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            status = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            reason = f"folder could not be listed ({error.strerror or error}); the documents under it are kept as they were"
            yield UnlistedFolder(_uri(root, directory), reason)
            continue
        if (status.st_dev, status.st_ino) in seen_dirs:
            yield SkippedPath(_uri(root, directory), "directory already visited through a symlink loop; skipped")
            continue
        seen_dirs.add((status.st_dev, status.st_ino))
        prefix = "" if directory == root else _uri(root, directory) + "/"
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if skip is not None and skip(directory, entry.name):
                yield SkippedPath(prefix + source_uri_for(entry.name), WAREHOUSE_FILE)
                continue
            found = _classify(root, entry, prefix + source_uri_for(entry.name))
            if isinstance(found, Path):
                subdirs.append(found)
            elif found is not None:
                yield found
        stack.extend(reversed(subdirs))


WAREHOUSE_FILE = "the warehouse, or a file or folder kept beside it under its name (lock, log, staging copy, review pages); not a document"


def _warehouse_names(warehouse: Path | None) -> Callable[[Path, str], bool] | None:
    """Whether a directory entry is the warehouse, one of its companion files or its review folder, by its given or its real path."""
    if warehouse is None:
        return None
    real = Path(os.path.realpath(warehouse))
    places = {(warehouse.parent.resolve(), warehouse.name), (real.parent, real.name)}
    reviews = {(folder, review_folder(name).name) for folder, name in places}

    def is_warehouse_file(directory: Path, entry: str) -> bool:
        return (directory, entry) in reviews or any(entry.startswith(name) and directory == folder for folder, name in places)

    return is_warehouse_file


def _classify(root: Path, entry: os.DirEntry[str], uri: str) -> SourceFile | SkippedPath | Path | None:
    """A file to ingest, a directory to enter, a refusal, or None for an entry gone meanwhile.

    The entry's type comes from the directory listing itself, so a plain file or
    directory costs no ``stat`` call: three calls a file were seconds of every
    no-change run over a hundred thousand files.
    """
    path = Path(entry.path)
    if entry.is_symlink():
        return _classify_link(root, path, uri)
    if entry.is_dir(follow_symlinks=False):
        return path
    if entry.is_file(follow_symlinks=False):
        return SourceFile(path, uri, root)
    return _special_file(path, uri)


def _classify_link(root: Path, path: Path, uri: str) -> SourceFile | SkippedPath | Path | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return SkippedPath(uri, "symbolic link is broken or loops; not followed")
    if not target.is_relative_to(root):
        return SkippedPath(uri, "symbolic link points outside the source root; not followed")
    if target.is_file():
        return SourceFile(target, uri, root)
    if path.is_dir():
        return path
    return _special_file(path, uri)


def _special_file(path: Path, uri: str) -> SkippedPath | None:
    if path.exists():
        return SkippedPath(uri, "not a regular file (device, socket or pipe); skipped")
    return None


def open_source_file(path: Path, root: Path | None = None) -> BinaryIO:
    """Open a discovered file for reading, refusing what discovery would have refused.

    Discovery resolved every link it allows, so a link found here appeared later
    (a file, or a folder above it, swapped for a link to anywhere on the machine)
    and is not followed: the path is walked from ``root`` one component at a time,
    each opened relative to its parent's descriptor with ``O_NOFOLLOW``, so the
    check and the read cannot be raced apart. A pipe swapped in would block the
    run, so nothing blocks on opening. Raises ``NotReadable`` with the reason.
    """
    parts = _components_below(path, root)
    parent = os.open(root if root is not None else path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            below = _open_component(part, os.O_RDONLY | os.O_DIRECTORY, parent, "folder")
            os.close(parent)
            parent = below
        fd = _open_component(parts[-1], os.O_RDONLY | os.O_NONBLOCK, parent, "file")
    finally:
        os.close(parent)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotReadable("file was replaced by something that is not a regular file after discovery; skipped")
    return os.fdopen(fd, "rb")


def _components_below(path: Path, root: Path | None) -> tuple[str, ...]:
    if root is None:
        return (path.name,)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        raise NotReadable("file lies outside the source root; not read") from None
    if not parts or ".." in parts:
        raise NotReadable("file lies outside the source root; not read")
    return parts


def _open_component(name: str, flags: int, parent: int, kind: str) -> int:
    try:
        return os.open(name, flags | os.O_NOFOLLOW, dir_fd=parent)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotReadable(f"{kind} was replaced by a symbolic link after discovery; not followed") from error
        if error.errno == errno.ENOTDIR:
            raise NotReadable("a folder was replaced by a symbolic link or a file after discovery; not followed") from error
        raise NotReadable(f"file could not be read: {(error.strerror or str(error)).lower()}") from error


def source_uri_for(relative: str) -> str:
    """The ``source_uri`` of a path relative to the root: UTF-8 text, ``%`` and undecodable bytes escaped.

    Python hands a name that is not valid UTF-8 over with each stray byte as a lone
    surrogate, which no UTF-8 column (nor ``doc_id_for``) accepts. Such bytes become
    ``%XX``, and ``%`` itself becomes ``%25`` so that the escape is reversible
    (``source_path_for``) and two names can never share a ``source_uri``.
    """
    if "%" not in relative and not _has_surrogates(relative):
        return relative
    out = []
    for char in relative:
        if char == "%":
            out.append("%25")
        elif "\udc80" <= char <= "\udcff":
            out.append(f"%{ord(char) - 0xDC00:02X}")
        else:
            out.append(char)
    return "".join(out)


def source_path_for(source_uri: str) -> str:
    """The relative path (as ``os`` functions take it) that ``source_uri_for`` escaped."""
    if "%" not in source_uri:
        return source_uri
    return os.fsdecode(unquote_to_bytes(source_uri))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _uri(root: Path, path: Path) -> str:
    """The path relative to the root, ``/``-separated, as stored in ``documents.source_uri``."""
    try:
        return source_uri_for(path.relative_to(root).as_posix())
    except ValueError:
        return source_uri_for(path.as_posix())
