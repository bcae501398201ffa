"""The home page: the unit, its SOPs (grouped by bidang) and its reports."""

from __future__ import annotations

from jinja2 import Environment

from ..content.loader import Site
from ..output import Staging
from .env import render_page


def render_home(site: Site, env: Environment, stage: Staging) -> None:
    """Write ``index.html``."""
    sops = sorted(site.sops.values(), key=lambda d: d.model.nomor)
    stage.write_text("index.html", "site.yaml", render_page(env, "index.html", "index.html", sops=sops))
