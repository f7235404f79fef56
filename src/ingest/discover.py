"""Discover the files of a source tree, safely.

The source root is a trust boundary: a symlink may point anywhere, so a link whose
target lies outside the root is never followed, and a directory is never entered
twice (symlink loops). Files are later opened with ``open_source_file``, which
refuses a file swapped for a link or a pipe after discovery.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple


@dataclass(frozen=True)
class SourceFile:
    """A file to ingest: where it is, and its stable name relative to the source root."""

    path: Path
    source_uri: str


@dataclass(frozen=True)
class SkippedPath:
    """A path that discovery refused to follow, with the reason for the rejects table."""

    source_uri: str
    reason: str


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


def discover(root: Path) -> Iterator[SourceFile | SkippedPath]:
    """Yield every regular file under ``root`` in a stable order, and every path refused.

    Hidden files and directories (names starting with a dot) are skipped silently:
    they are editor and VCS state, not documents.
    """
    root = root.resolve(strict=True)
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        stat = directory.stat()
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            yield SkippedPath(_uri(root, directory), "directory already visited through a symlink loop; skipped")
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            yield SkippedPath(_uri(root, directory), f"directory could not be listed: {error.strerror}")
            continue
        prefix = "" if directory == root else _uri(root, directory) + "/"
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            found = _classify(root, entry, prefix + entry.name)
            if isinstance(found, Path):
                subdirs.append(found)
            elif found is not None:
                yield found
        stack.extend(reversed(subdirs))


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
        return SourceFile(path, uri)
    return _special_file(path, uri)


def _classify_link(root: Path, path: Path, uri: str) -> SourceFile | SkippedPath | Path | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return SkippedPath(uri, "symbolic link is broken or loops; not followed")
    if not target.is_relative_to(root):
        return SkippedPath(uri, "symbolic link points outside the source root; not followed")
    if target.is_file():
        return SourceFile(target, uri)
    if path.is_dir():
        return path
    return _special_file(path, uri)


def _special_file(path: Path, uri: str) -> SkippedPath | None:
    if path.exists():
        return SkippedPath(uri, "not a regular file (device, socket or pipe); skipped")
    return None


def open_source_file(path: Path) -> BinaryIO:
    """Open a discovered file for reading, refusing what discovery would have refused.

    Discovery resolved every link it allows, so a link found here appeared later (a
    file swapped for a link to anywhere on the machine) and is not followed; a pipe
    swapped in would block the run, so nothing blocks on opening. Raises
    ``NotReadable`` with the reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotReadable("file was replaced by a symbolic link after discovery; not followed") from error
        raise NotReadable(f"file could not be read: {(error.strerror or str(error)).lower()}") from error
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotReadable("file was replaced by something that is not a regular file after discovery; skipped")
    return os.fdopen(fd, "rb")


def _uri(root: Path, path: Path) -> str:
    """The path relative to the root, ``/``-separated, as stored in ``documents.source_uri``."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
