"""Checks that go beyond the schema: flow structure, plausibility, standard terms.

Each document kind has its own module; :func:`lint_site` runs them all. A
check adds problems (errors or warnings) with the position of the field it
is about and a suggested fix.
"""

from __future__ import annotations

from ..content.loader import Site
from ..errors import Problems


def lint_site(site: Site, problems: Problems) -> None:
    """Run every check of every document kind."""
    from .kinerja import lint_kinerja
    from .laporan import lint_laporan
    from .pejabat import lint_pejabat
    from .sop import lint_sops

    lint_pejabat(site, problems)
    lint_sops(site, problems)
    lint_kinerja(site, problems)
    lint_laporan(site, problems)
