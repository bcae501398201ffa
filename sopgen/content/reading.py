"""The one rule for reading a content file: inside the site, a regular file, bounded, clean text.

Every file a build reads from a site goes through here (YAML, Markdown parts, sheets), so one
rule decides what is refused, and each refusal is a problem at the file, never a traceback:

- a path that resolves outside the site (a symlink to ``/etc/passwd``, ``../``): refused, and
  the target's content is never read, so it cannot reach an error message or a CI log;
- anything but a regular file (a folder named ``x.yaml``, a FIFO that would block for ever,
  ``/dev/zero`` that never ends), a dangling link, a link loop, an unreadable file;
- more bytes than the kind allows (read at most one byte past the limit);
- text that is not UTF-8, or holds control characters (NUL, VT, FF, ESC, DEL, U+FFFE...),
  which arrive when text is pasted from Word or a PDF and which no document means.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from ..errors import Level, Position, Problem, Problems, relpath

MAX_BYTES = 1024 * 1024
"""Larger content files are refused: no real SOP, plan or report part comes near 1 MiB."""

CONTROL = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters no content means: C0/C1 controls but tab and newlines, DEL, U+FFFE/U+FFFF.
The same set YAML itself refuses, so a YAML file never fails later inside the parser."""

OUTSIDE_HINT = "simpan berkasnya di dalam folder situs; sopgen tidak membaca berkas di luar situs agar isinya tidak ikut diterbitkan."


class ReadRefused(Exception):
    """The file cannot be used; ``problem`` says why, at the file."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether ``path``, all links followed, lies in one of ``roots`` (False for a link loop)."""
    try:
        target = path.resolve()
    except (RuntimeError, OSError):
        return False
    return any(target.is_relative_to(root.resolve()) for root in roots)


def read_bytes(file: Path, roots: Sequence[Path], shown: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``file`` if it is a regular file inside ``roots`` of at most ``limit`` bytes."""
    def refuse(message: str, hint: str = "") -> ReadRefused:
        return ReadRefused(Problem(shown, 1, 1, "", message, hint))

    try:
        target = file.resolve(strict=True)
    except FileNotFoundError:
        raise refuse("berkas tidak ditemukan (tautan simbolik rusak?)", "periksa nama berkas atau ke mana tautannya menunjuk.") from None
    except (RuntimeError, OSError):
        raise refuse("tautan simbolik berputar (menunjuk ke dirinya sendiri)", "ganti tautan dengan berkas biasa.") from None
    if not any(target.is_relative_to(root.resolve()) for root in roots):
        raise refuse("berkas berada di luar folder situs (tautan simbolik ke luar situs)", OUTSIDE_HINT)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the build
    except PermissionError:
        raise refuse("berkas tidak dapat dibaca (izin ditolak)", "periksa izin berkas (chmod).") from None
    except OSError as exc:
        raise refuse(f"berkas tidak dapat dibuka ({errno.errorcode.get(exc.errno or 0, exc.strerror)})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "folder" if stat.S_ISDIR(mode) else "FIFO" if stat.S_ISFIFO(mode) else "perangkat atau berkas khusus"
        raise refuse(f"bukan berkas biasa ({what})", "ganti dengan berkas biasa atau pindahkan dari folder ini.")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise refuse(f"berkas tidak dapat dibaca ({exc.strerror})") from None
    if len(data) > limit:
        raise refuse(f"berkas terlalu besar (lebih dari {limit // 1024} KiB)", "pecah isinya menjadi beberapa berkas.")
    return data


def read_text(file: Path, roots: Sequence[Path], shown: str, limit: int = MAX_BYTES) -> tuple[str, list[Problem]]:
    """The file's UTF-8 text (a BOM dropped, with a warning) under :func:`read_bytes`' rule, free of control characters."""
    raw = read_bytes(file, roots, shown, limit)
    notes: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append(Problem(shown, 1, 1, "", "berkas diawali BOM (byte order mark)", "simpan ulang sebagai UTF-8 tanpa BOM.", Level.WARNING))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw, exc.start, b"\n")
        raise ReadRefused(Problem(shown, line, column, "", f"berkas bukan UTF-8 (byte 0x{raw[exc.start]:02x})", "simpan ulang berkas dengan pengodean UTF-8.")) from None
    bad = CONTROL.search(text)
    if bad:
        line, column = _line_column(text, bad.start(), "\n")
        raise ReadRefused(Problem(shown, line, column, "", f"karakter kendali tak terlihat U+{ord(bad.group()):04X}",
                                  "hapus karakter ini (sering terbawa saat menyalin dari Word atau PDF); ketik ulang bagian itu bila perlu."))
    return text, notes


def _line_column(data: str | bytes, index: int, newline: str | bytes) -> tuple[int, int]:
    line = data.count(newline, 0, index) + 1  # type: ignore[arg-type]
    return line, index - (data.rfind(newline, 0, index) + 1) + 1  # type: ignore[arg-type]


def is_folder(base: Path, root: Path, problems: Problems) -> bool:
    """Whether the content folder ``base`` (``sop/``, ``laporan/``...) is there as a folder.

    A file of that name is reported: skipped silently, the site would build without its SOPs.
    """
    if base.is_dir():
        return True
    if base.exists() or base.is_symlink():
        problems.add(Position(relpath(base, root)), "", f"'{base.name}' harus berupa folder, bukan berkas",
                     f"hapus atau ganti nama berkas ini, lalu buat folder {base.name}/ berisi berkas-berkasnya.")
    return False


def subfolders(base: Path, root: Path, problems: Problems) -> list[Path]:
    """The folders directly in ``base`` (sorted); one that leads outside the site is reported and skipped."""
    found = []
    for path in sorted(base.iterdir()) if is_folder(base, root, problems) else []:
        if not path.is_dir():
            continue
        if inside(path, (root,)):
            found.append(path)
        else:
            problems.add(Position(relpath(path, root)), "", "folder berada di luar folder situs (tautan simbolik ke luar situs)", OUTSIDE_HINT)
    return found


def check_tree(folder: Path, root: Path, problems: Problems) -> None:
    """Every entry below ``folder`` (copied as is into the output) must be a regular file or folder inside the site."""
    if not is_folder(folder, root, problems):
        return
    for path in sorted(folder.rglob("*")):  # rglob does not descend into linked folders
        try:
            mode = path.stat().st_mode
        except (OSError, RuntimeError):
            problems.add(Position(relpath(path, root)), "", "tautan simbolik rusak atau berputar", "hapus tautan ini atau ganti dengan berkas biasa.")
            continue
        if not inside(path, (root,)):
            problems.add(Position(relpath(path, root)), "", "berkas berada di luar folder situs (tautan simbolik ke luar situs)", OUTSIDE_HINT)
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            problems.add(Position(relpath(path, root)), "", "bukan berkas biasa (FIFO atau perangkat)", "hapus berkas ini dari folder situs.")
