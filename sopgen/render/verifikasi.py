"""The verification page: the SHA-256 of every PDF the build published, so a reader can tell a
genuine file or printout's source from an altered one.

The hashes are computed from the staged files after every PDF is final (the page's output
needs them all), and nothing writes a PDF after this page: a hash published here is the file's.
An electronic signature (TTE) applied later changes the file and so its hash; this page lists
the documents as sopgen published them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment

from ..output import Staging
from .env import render_page

VERIFIKASI_PAGE = "verifikasi.html"


@dataclass(frozen=True)
class Sidik:
    """One published PDF: its path, size in bytes, and SHA-256."""

    path: str
    ukuran: int
    sha256: str


def sidik(stage: Staging, paths: Sequence[str]) -> list[Sidik]:
    """The SHA-256 of each staged file, read in blocks (a binder of 1,500 SOPs is hundreds of MB)."""
    found = []
    for path in sorted(paths):
        digest = hashlib.sha256()
        file = stage.root / path
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found.append(Sidik(path, file.stat().st_size, digest.hexdigest()))
    return found


def write_verifikasi(env: Environment, stage: Staging, paths: Sequence[str]) -> None:
    """Write the page listing every PDF with its SHA-256."""
    html = render_page(env, "verifikasi.html", VERIFIKASI_PAGE, berkas=sidik(stage, paths))
    stage.write_text(VERIFIKASI_PAGE, VERIFIKASI_PAGE, html)
