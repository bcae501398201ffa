"""Writing the build result so that a failed or killed build never touches the last good output.

Everything is written into a staging folder beside ``output/`` (same file
system, so renames are atomic). Only when the whole build succeeded is the
staging folder swapped in. On Linux the swap is one ``renameat2`` call with
``RENAME_EXCHANGE``: at no instant is ``output/`` missing or half-written.
Elsewhere it falls back to two renames (a window of microseconds).

The swap deletes the previous output, so sopgen only ever replaces a folder it
made itself: every output holds a marker file (:data:`MARKER`), and a folder
that is the site, holds the site, holds ``.git`` or is non-empty without the
marker is refused (:func:`refuse_unsafe_output`). Two builds into one output
would delete each other's staging folder, so a build holds an ``flock`` on a
lock file beside the output from the clean-up to the swap; the second build is
refused. Leftover staging folders are removed only while holding that lock (no
live build can own them then) and only if they carry the marker.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .timing import Timings

STAGING_PREFIX = ".sopgen-staging-"
MARKER = ".sopgen-output"
MARKER_TEXT = "Folder ini dibuat oleh sopgen dan diganti seluruhnya pada setiap `sopgen build`.\n"
_STAGING_SUFFIX = "[a-z0-9_]{8}"  # what tempfile.mkdtemp appends: never a '-', so 'output' never matches 'output-preview'
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass
class BuildResult:
    """What a successful build wrote (paths relative to ``out_dir``), what it warned about, and how long each phase took."""

    out_dir: Path
    files: list[str]
    warnings: list[Problem]
    timings: Timings = field(default_factory=Timings)


class OutputCollision(Exception):
    """Two documents would be written to the same path."""


class OutputRefused(Exception):
    """The output folder is one sopgen must not replace (the message says why, in Bahasa Indonesia)."""


class OutputBusy(Exception):
    """Another build is writing the same output folder right now."""


def refuse_unsafe_output(out_dir: Path, site_dir: Path) -> None:
    """Raise OutputRefused unless replacing ``out_dir`` whole can only remove an earlier sopgen output.

    Why each rule: ``--out content`` or ``--out .`` once deleted the sources and ``.git``.
    """
    out, site = out_dir.resolve(), site_dir.resolve()
    if out == site or site.is_relative_to(out):
        raise OutputRefused(f"folder keluaran {out} memuat folder situs {site}; pilih folder lain, misalnya {site.parent / 'output'}")
    if out.is_relative_to(site):
        raise OutputRefused(f"folder keluaran {out} berada di dalam folder situs {site}; pilih folder di luar situs, misalnya {site.parent / 'output'}")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"{out} bukan folder; pilih folder keluaran lain")
    if (out / ".git").exists():
        raise OutputRefused(f"folder keluaran {out} memuat .git; sopgen tidak akan menimpanya")
    if not (out / MARKER).is_file() and any(out.iterdir()):
        raise OutputRefused(
            f"folder keluaran {out} berisi berkas yang tidak dibuat oleh sopgen (tidak ada {MARKER}); "
            "sopgen mengganti seluruh isi folder keluaran, jadi pilih folder kosong atau folder baru")


@contextmanager
def _build_lock(parent: Path, name: str) -> Iterator[None]:
    """Hold an exclusive flock on the output's lock file for the block; OutputBusy if another build holds it."""
    lock_path = parent / f"{STAGING_PREFIX}{name}.lock"
    with open(lock_path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            owner = lock.read().strip() or "?"
            raise OutputBusy(f"folder keluaran {parent / name} sedang dibangun oleh proses lain (pid {owner}); "
                             "tunggu sampai selesai lalu ulangi") from None
        lock.truncate(0)
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Staging:
    """A staging folder that refuses to write one path twice."""

    def __init__(self, root: Path):
        self.root = root
        self.written: dict[str, str] = {}
        """The owner of each path claimed, by the path in lower case (two names one case apart are one file on some systems)."""
        self.names: dict[str, str] = {}
        """Each claimed path as it was written, by the same key."""

    def path(self, relative: str, owner: str) -> Path:
        """Claim ``relative`` for ``owner`` (e.g. the source file) and return where to write it."""
        key = relative.replace("\\", "/").lower()
        if key in self.written and self.written[key] != owner:
            raise OutputCollision(f"{owner} dan {self.written[key]} sama-sama menghasilkan '{relative}'")
        self.written[key] = owner
        self.names[key] = relative.replace("\\", "/")
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, relative: str, owner: str, text: str) -> Path:
        target = self.path(relative, owner)
        target.write_text(text, encoding="utf-8")
        return target

    def write_bytes(self, relative: str, owner: str, data: bytes) -> Path:
        target = self.path(relative, owner)
        target.write_bytes(data)
        return target

    def discard(self, relative: str) -> None:
        """Unclaim ``relative`` and remove its file, and the folders that leaves empty (a preview's scratch)."""
        key = relative.replace("\\", "/").lower()
        self.written.pop(key, None)
        self.names.pop(key, None)
        target = self.root / relative
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == self.root or not folder.is_relative_to(self.root) or any(folder.iterdir()):
                break
            folder.rmdir()


def _new_staging(parent: Path, name: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{name}-", dir=parent))


def _clean_leftovers(parent: Path, name: str) -> None:
    """Remove staging folders of killed builds into ``name``; call only while holding its lock."""
    own = re.compile(re.escape(f"{STAGING_PREFIX}{name}-") + _STAGING_SUFFIX)
    for stale in parent.iterdir():
        if own.fullmatch(stale.name) and not stale.is_symlink() and (stale / MARKER).is_file():
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged_output(out_dir: Path, site_dir: Path, timings: Timings | None = None) -> Iterator[Staging]:
    """Yield a staging folder; swap it in for ``out_dir`` only if the block succeeds.

    Raises OutputRefused for an output sopgen must not replace and OutputBusy while
    another build writes it. The swap (and removing the old output) is timed as the
    ``write`` phase.
    """
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(parent, out_dir.name):
        refuse_unsafe_output(out_dir, site_dir)  # again under the lock: the folder may have changed since
        _clean_leftovers(parent, out_dir.name)
        stage_dir = _new_staging(parent, out_dir.name)
        try:
            (stage_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            yield Staging(stage_dir)
        except BaseException:
            shutil.rmtree(stage_dir, ignore_errors=True)
            raise
        stage_dir.chmod(0o755)
        with (timings or Timings()).phase("write"):
            swap_in(stage_dir, out_dir)


def swap_in(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, atomically where the OS allows; remove the old one."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old output
        return
    old = _new_staging(target.parent, target.name)
    os.replace(target, old)  # onto the empty folder just made: POSIX rename replaces an empty directory
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
