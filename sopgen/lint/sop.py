"""Checks of SOP documents (placeholder until the SOP checks land)."""

from __future__ import annotations

from ..content.loader import Site
from ..errors import Problems


def lint_sops(site: Site, problems: Problems) -> None:
    """Structural and plausibility checks of every SOP."""
