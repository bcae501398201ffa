"""Rendering each SOP as a page of the site and as its print-ready PDF."""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment

from ..content.loader import Doc, Site
from ..models.sop import SOP
from ..output import Staging
from ..timing import Timings
from .env import render_page
from .pdf import PdfRenderer


def sop_paths(doc: Doc[SOP]) -> tuple[str, str]:
    """The HTML page and the PDF of one SOP, relative to the output root."""
    return f"sop/{doc.id}.html", f"sop/{doc.id}.pdf"


def render_sops(site: Site, env: Environment, stage: Staging, renderer: PdfRenderer | None, timings: Timings, progress: Callable[[str], None]) -> None:
    """Write every SOP's PDF (when asked) and HTML page."""
    for doc in site.sops.values():
        progress(f"SOP {doc.model.nama}")
        html_path, pdf_path = sop_paths(doc)
        context = {"doc": doc, "sop": doc.model, "pejabat": site.pejabat, "sops": site.sops}
        if renderer is not None:
            with timings.phase("pdf"):
                target = stage.path(pdf_path, doc.shown)
                html = render_page(env, "sop_pdf.html", pdf_path, **context)
                renderer.write(html, target, target)
        with timings.phase("html"):
            page = render_page(env, "sop.html", html_path, pdf_url=pdf_path if renderer else None, **context)
            stage.write_text(html_path, doc.shown, page)
