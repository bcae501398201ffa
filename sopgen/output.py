"""Writing the build result so that a failed or killed build never touches the last good output.

Everything is written into a staging folder beside ``output/`` (same file
system, so renames are atomic). Only when the whole build succeeded is the
staging folder swapped in. On Linux the swap is one ``renameat2`` call with
``RENAME_EXCHANGE``: at no instant is ``output/`` missing or half-written.
Elsewhere it falls back to two renames (a window of microseconds).
Leftover staging folders of killed builds are removed at the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .timing import Timings

STAGING_PREFIX = ".sopgen-staging-"
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


class Staging:
    """A staging folder that refuses to write one path twice."""

    def __init__(self, root: Path):
        self.root = root
        self.written: dict[str, str] = {}

    def path(self, relative: str, owner: str) -> Path:
        """Claim ``relative`` for ``owner`` (e.g. the source file) and return where to write it."""
        key = relative.replace("\\", "/").lower()
        if key in self.written and self.written[key] != owner:
            raise OutputCollision(f"{owner} dan {self.written[key]} sama-sama menghasilkan '{relative}'")
        self.written[key] = owner
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


def _clean_leftovers(parent: Path, name: str) -> None:
    for stale in parent.glob(f"{STAGING_PREFIX}{name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged_output(out_dir: Path, timings: Timings | None = None) -> Iterator[Staging]:
    """Yield a staging folder; swap it in for ``out_dir`` only if the block succeeds.

    The swap (and removing the old output) is timed as the ``write`` phase.
    """
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(parent, out_dir.name)
    stage_dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{out_dir.name}-", dir=parent))
    try:
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
    old = target.with_name(f"{STAGING_PREFIX}{target.name}-old")
    os.replace(target, old)
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
