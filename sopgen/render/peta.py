"""The files a published site needs besides its pages: the 404 page and the sitemap.

Hosts (GitHub Pages, GitLab Pages, nginx's ``error_page``) serve ``404.html`` for any missing
address, at any depth, so its links resolve against the published address (``<base>``) when
the site knows it. A sitemap must list absolute addresses, so it is written only when
``alamat_situs`` is set; without one there is nothing a search engine could use.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from jinja2 import Environment

from ..output import Staging
from .alamat import published_url
from .env import render_page

NOT_FOUND_PAGE = "404.html"
SITEMAP = "sitemap.xml"


def sitemap_xml(base: str, pages: Iterable[str]) -> str:
    """The sitemap of ``pages`` (output paths) published under ``base``; index pages by their folder address."""
    urls = []
    for page in sorted(set(pages)):
        path = page[: -len("index.html")] if page == "index.html" or page.endswith("/index.html") else page
        urls.append(f"  <url><loc>{escape(published_url(base, path))}</loc></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(urls) + "\n</urlset>\n")


def write_site_files(env: Environment, stage: Staging, owner: str, base: str | None) -> None:
    """Write the 404 page, and the sitemap of every page written so far when the address is known."""
    pages = [path for path in stage.written if path.endswith(".html") and path != NOT_FOUND_PAGE]
    stage.write_text(NOT_FOUND_PAGE, owner, render_page(env, "404.html", NOT_FOUND_PAGE))
    if base:
        stage.write_text(SITEMAP, owner, sitemap_xml(base, pages))
