"""Atomic versioned folders: a knowledge base's files are replaced all at once or not at all.

Layout of a knowledge-base folder::

    CURRENT          name of the live version folder (replaced atomically)
    v-<stamp>/       one complete version
    .tmp-<stamp>/    a version being written (a killed build leaves it; removed at next open)
    .lock            held by writers, so a reader never cleans up under a running build

``commit`` writes a whole new version into a temp folder, fsyncs it, renames it to ``v-*`` and
then switches ``CURRENT`` with ``os.replace`` (the commit point): a writer killed at any moment
leaves either the previous version or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

CURRENT = "CURRENT"
_TMP, _VERSION, _LOCK = ".tmp-", "v-", ".lock"


def commit(kb_dir: Path, fill: Callable[[Path], None]) -> Path:
    """Let ``fill`` write a new version into a temp folder, then make it live atomically."""
    kb_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(4)
    tmp = kb_dir / (_TMP + stamp)
    tmp.mkdir()
    try:
        fill(tmp)
        _fsync_tree(tmp)
        final = kb_dir / (_VERSION + stamp)
        os.rename(tmp, final)
        _fsync_dir(kb_dir)
        _switch(kb_dir, final.name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_other_versions(kb_dir, final.name)
    return final


def live(kb_dir: Path) -> str | None:
    """Name of the live version folder, or None before the first commit."""
    try:
        version = (kb_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return version or None


def _switch(kb_dir: Path, version: str) -> None:
    tmp = kb_dir / (_TMP + "current-" + secrets.token_hex(4))
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(version)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, kb_dir / CURRENT)  # the commit point of a build
    _fsync_dir(kb_dir)


def _remove_other_versions(kb_dir: Path, keep: str) -> None:
    for old in kb_dir.glob(_VERSION + "*"):
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def writer_lock(kb_dir: Path) -> Iterator[None]:
    """One writer per knowledge base at a time (the app and the CLI may both add documents)."""
    kb_dir.mkdir(parents=True, exist_ok=True)
    with open(kb_dir / _LOCK, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def delete(kb_dir: Path) -> None:
    """Delete a knowledge-base folder: renamed aside under the writer lock, so other processes see
    it whole or gone (a kill leaves a hidden ``.tmp-deleted-*`` folder, never half of one, and the
    next deletion clears it), then removed."""
    kb_dir = Path(kb_dir)
    for old in kb_dir.parent.glob(f"{_TMP}deleted-*"):
        shutil.rmtree(old, ignore_errors=True)
    aside = kb_dir.parent / f"{_TMP}deleted-{kb_dir.name}-{secrets.token_hex(4)}"
    with writer_lock(kb_dir):
        os.rename(kb_dir, aside)
    _fsync_dir(kb_dir.parent)
    shutil.rmtree(aside, ignore_errors=True)


def clean_leftovers(kb_dir: Path) -> list[str]:
    """Remove temp folders of killed builds and superseded versions, unless a build is running."""
    if not kb_dir.is_dir():
        return []
    with open(kb_dir / _LOCK, "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return []  # a live build owns the temp folder
        try:
            current = live(kb_dir)
            junk = [
                p
                for p in kb_dir.iterdir()
                if p.name.startswith(_TMP) or (p.name.startswith(_VERSION) and p.name != current)
            ]
            for p in junk:
                shutil.rmtree(p) if p.is_dir() else p.unlink()
            return [p.name for p in junk]
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _fsync_tree(folder: Path) -> None:
    for p in sorted(folder.rglob("*"), reverse=True):
        if p.is_file():
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())
        else:
            _fsync_dir(p)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # the temp name of a killed build's files: a knowledge base's clean_leftovers removes it
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=_TMP, suffix=path.suffix)
    os.fchmod(fd, 0o644)  # mkstemp makes it owner-only; the result is an ordinary file, like the index's
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
