"""The source a page was made from, as its footer names it: the YAML file, linked to the
repository when the site says where its folder is (``alamat_sumber``), and the day git last
changed it. A reader who finds a mistake can then see which file to correct, and how current
the page is, without knowing sopgen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..content.git_history import terakhir_diubah
from ..content.loader import Site
from .alamat import published_url


@dataclass(frozen=True)
class SumberHalaman:
    """One page's source file."""

    berkas: str
    """Relative to the site's folder, as the office sees it in its repository: ``sop/pengukuran-data-kinerja.yaml``."""
    url: str | None
    diubah: dt.date | None
    """The day of the file's last commit; None outside git or for a file not yet committed."""


def sumber_halaman(site: Site) -> Callable[[str], SumberHalaman]:
    """What the footer says of a page made from ``berkas``; git is asked once per site, when a page first asks."""
    days: dict[str, dt.date] | None = None

    def sumber(berkas: str) -> SumberHalaman:
        nonlocal days
        if days is None:
            days = terakhir_diubah(site.root)
        base = site.config.alamat_sumber
        return SumberHalaman(berkas, published_url(base, berkas) if base else None, days.get(berkas))

    return sumber
