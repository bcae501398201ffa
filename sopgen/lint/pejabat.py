"""Checks of the officials who sign (pejabat.yaml): their NIP and jabatan.

A NIP is printed under every signature; one mistyped digit puts a wrong,
checkable fact on a signed document, so each part is checked (see
:mod:`sopgen.domain.nip`).
"""

from __future__ import annotations

import datetime as dt

from ..content.loader import Site
from ..domain.nip import NipTidakSah, parse_nip
from ..errors import Level, Problems
from .istilah import periksa_teks

CODE_NIP = "nip"


def lint_pejabat(site: Site, problems: Problems, today: dt.date | None = None) -> None:
    """Warn about each NIP that cannot be right and each misspelt jabatan."""
    source = site.pejabat_source
    for pid, pejabat in site.pejabat.items():
        try:
            parse_nip(pejabat.nip, today)
        except NipTidakSah as exc:
            problems.add(
                source.at(pid, "nip"), f"{pid}.nip", str(exc),
                "salin NIP dari SK pengangkatan: 18 digit, mis. '19720818 199403 1 009'.",
                Level.WARNING, CODE_NIP,
            )
        periksa_teks(source.at(pid, "jabatan"), f"{pid}.jabatan", pejabat.jabatan, problems)
