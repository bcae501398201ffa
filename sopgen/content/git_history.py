"""What git knows about content files: their earlier versions, read with git itself, offline.

Used to tell whether an SOP in force was changed after its last recorded revision. One
``git log`` for the folder and one ``git cat-file --batch`` for every version keep it to two
processes per site however many SOPs it has. Outside a git repository, without git, or when
git refuses (a repository owned by another user), there is no history and nothing is said.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 30
"""Seconds a git command may take before the history is treated as unknown."""
MAX_VERSIONS = 100
"""Versions read per file, newest first: enough to reach the last revision of any real SOP."""


@dataclass(frozen=True)
class Versi:
    """One committed version of a file."""

    commit: str
    tanggal: dt.date
    teks: str | None
    """None when the version could not be read as UTF-8."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def riwayat_berkas(root: Path, folder: str, files: Sequence[Path]) -> dict[Path, list[Versi]]:
    """The committed versions of each of ``files`` (all under ``root/folder``), newest first; empty outside git."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    log = _git(root, "log", "--format=@%H %cs", "--name-only", "--relative", "--no-renames", "--", folder) if prefix is not None else None
    if prefix is None or log is None:
        return {}
    wanted = {f.relative_to(root).as_posix(): f for f in files}
    commits: dict[Path, list[tuple[str, dt.date]]] = {}
    current: tuple[str, dt.date] | None = None
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            sha, committed = line[1:].split(" ")
            current = (sha, dt.date.fromisoformat(committed))
        elif line in wanted and current is not None and len(commits.setdefault(wanted[line], [])) < MAX_VERSIONS:
            commits[wanted[line]].append(current)
    base = prefix.decode().strip()
    requests = [(file, sha, day) for file, found in commits.items() for sha, day in found]
    batch = _git(root, "cat-file", "--batch", stdin="".join(f"{sha}:{base}{file.relative_to(root).as_posix()}\n" for file, sha, _ in requests).encode())
    if batch is None:
        return {}
    history: dict[Path, list[Versi]] = {}
    offset = 0
    for file, sha, day in requests:
        header_end = batch.index(b"\n", offset)
        header = batch[offset:header_end].split()
        if header[-1] == b"missing":  # deleted in this commit
            offset = header_end + 1
            continue
        size = int(header[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        try:
            teks: str | None = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            teks = None
        history.setdefault(file, []).append(Versi(sha, day, teks))
    return history


def terakhir_diubah(root: Path) -> dict[str, dt.date]:
    """The day of the last commit of every file under ``root`` (paths relative to it, posix); empty outside git.

    One ``git log`` for the whole folder, newest first, so the first date seen of a file is its last change.
    """
    log = _git(root, "log", "--format=@%cs", "--name-only", "--relative", "--no-renames", "--", ".")
    if log is None:
        return {}
    days: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            days.setdefault(line, current)
    return days
