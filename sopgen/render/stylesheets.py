"""A document's ``<link>``ed stylesheets parsed once per process, not once per layout.

Every SOP PDF links the same theme sheets (fonts.css, flowchart.css, sop.css) and is laid out
once or twice: WeasyPrint parsed every sheet again for every layout, about 8 % of a build
(docs/performance.md). Here each sheet becomes a :class:`weasyprint.CSS` once, kept by the URL
it was fetched from and the SHA-256 of its bytes (so a theme CSS edited under ``sopgen serve`` is
parsed again, never served stale) and by the :class:`FontConfiguration` it registered its
``@font-face`` fonts with (one per :class:`~sopgen.render.pdf.PdfRenderer`; another
configuration would not know those fonts). The file is still fetched on every layout, through
the document's fetcher, so the resource rule (:mod:`sopgen.render.resources`) refuses exactly
what it refused before.

Why not WeasyPrint's ``stylesheets=`` argument: it applies sheets as *user* stylesheets, which
lose to every author rule. A theme's sheet must keep its place in the author cascade, in
document order: sop.css promises that a theme's ``@page sampul-f4 { size: … }`` wins over the
size sopgen writes in the document's ``<style>`` because it comes later. So WeasyPrint's own
``find_stylesheets`` (which yields the author sheets of a document, in source order) is
replaced by :func:`_author_sheets`, the same loop reusing parsed sheets; ``<style>`` elements
and any sheet whose parse depends on the document are parsed as before. WeasyPrint's cascade
reads three things of an author sheet: its selector matcher (reused as is, read-only), its
``@page`` rules and its cascade layers. Those two are document-wide lists shared by every author
sheet, so a reused sheet's ``@page`` rules are appended to the document's list at its place, and
a sheet with layers, ``@counter-style``, ``@color-profile`` or ``@import`` (whose effect or
source lies outside the sheet's own bytes) is not reused. The PDFs are byte for byte what
WeasyPrint wrote before (tests/test_stylesheets.py compares them).
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import weasyprint.css
from weasyprint import CSS
from weasyprint.css import get_child_text, media_queries
from weasyprint.html import element_has_link_type, parse_url
from weasyprint.logger import LOGGER
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetchingError, fetch

_WEASYPRINT_FIND = weasyprint.css.find_stylesheets
_SIGNATURE = ["wrapper_element", "device_media_type", "url_fetcher", "base_url", "font_config", "counter_style",
              "color_profiles", "page_rules", "layers"]
"""The parameters of the WeasyPrint function replaced (WeasyPrint 70); another version keeps its own."""
_IMPORT = re.compile(rb"@import", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class _Reused:
    """A parsed sheet as one document sees it: its own matcher, the document's ``@page`` rules and layers (hashed by identity, as WeasyPrint keys its styles by sheet)."""

    matcher: Any
    page_rules: list[Any]
    layers: list[Any]
    base_url: str


_UNSHARED = object()
"""Cached for a sheet that cannot be reused: parsed in place for every document, as WeasyPrint does."""
_PARSED: WeakKeyDictionary[FontConfiguration, dict[tuple[str, str, str], Any]] = WeakKeyDictionary()
"""Per font configuration: each sheet parsed, by (URL fetched, SHA-256 of its bytes, media type)."""


def install() -> None:
    """Make WeasyPrint reuse parsed ``<link>`` sheets in this process (once; a WeasyPrint of another shape is left alone)."""
    if list(inspect.signature(_WEASYPRINT_FIND).parameters) == _SIGNATURE:
        weasyprint.css.find_stylesheets = _author_sheets


def _author_sheets(wrapper_element: Any, device_media_type: str, url_fetcher: Any, base_url: str | None,
                   font_config: FontConfiguration, counter_style: Any, color_profiles: Any, page_rules: list[Any],
                   layers: list[Any]) -> Iterator[Any]:
    """WeasyPrint 70's ``find_stylesheets``, with a ``<link>``ed sheet parsed once (see the module's docstring)."""
    shared = {"url_fetcher": url_fetcher, "media_type": device_media_type, "font_config": font_config,
              "counter_style": counter_style, "color_profiles": color_profiles, "page_rules": page_rules, "layers": layers}
    for wrapper in wrapper_element.query_all("style", "link"):
        element = wrapper.etree_element
        if element.get("type", "text/css").split(";", 1)[0].strip() != "text/css":
            continue
        media = [media_type.strip() for media_type in (element.get("media", "").strip() or "all").split(",")]
        if not media_queries.evaluate_media_query(media, device_media_type):
            continue
        if element.tag == "style":
            yield CSS(string=get_child_text(element), base_url=base_url, **shared)
        elif element.tag == "link" and element.get("href"):
            if not element_has_link_type(element, "stylesheet") or element_has_link_type(element, "alternate"):
                continue
            href = parse_url(element.get("href"), base_url)
            if href is not None:
                try:
                    yield _linked(href, shared)
                except URLFetchingError as exception:
                    LOGGER.error("Failed to load stylesheet at %s: %s", href, exception)
                    LOGGER.debug("Error while loading stylesheet:", exc_info=exception)


def _linked(href: str, shared: dict[str, Any]) -> Any:
    """The sheet at ``href`` for this document: reused when its bytes were parsed before with these fonts."""
    with fetch(shared["url_fetcher"], href) as response:
        if response.content_type != "text/css" or response.charset is not None:
            return CSS(url=href, _check_mime_type=True, **shared)  # WeasyPrint's own path: refused or decoded by charset
        data, url = response.read(), response.url
    sheets = _PARSED.setdefault(shared["font_config"], {})
    key = (url, hashlib.sha256(data).hexdigest(), shared["media_type"])
    if key not in sheets:
        sheets[key] = _parse_alone(data, url, shared)
    sheet = sheets[key]
    if sheet is _UNSHARED:
        return CSS(string=data, base_url=url, **shared)
    shared["page_rules"].extend(sheet.page_rules)
    return _Reused(sheet.matcher, shared["page_rules"], shared["layers"], url)


def _parse_alone(data: bytes, url: str, shared: dict[str, Any]) -> Any:
    """``data`` parsed into lists of its own; :data:`_UNSHARED` if the parse left anything a document must own."""
    counters: dict[str, Any] = {}
    profiles: dict[str, Any] = {}
    sheet = CSS(string=data, base_url=url, **{**shared, "counter_style": counters, "color_profiles": profiles,
                                             "page_rules": [], "layers": []})
    if sheet.layers or counters or profiles or _IMPORT.search(data):
        return _UNSHARED
    return sheet
