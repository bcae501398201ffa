"""``sopgen serve --pdf``: an edit's HTML is served first, with a banner, and its PDFs follow.

The build with PDFs is held at a gate (the real build, started and finished only when the
test opens the gate), so what the page shows while PDFs are pending is seen
without timing: the new HTML with the banner, and at a PDF link the last good
PDF, never a missing or half-written one. A broken edit shows its file and line
and keeps the last good output.
"""

from __future__ import annotations

import re
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from sopgen import serve
from sopgen.serve import Preview

from .support import small_site
from .test_serve import TIMEOUT, edit, fetch, wait_for

BANNER = "PDF sedang dibuat ulang…"


@dataclass
class Gate:
    """Where the builds with PDFs wait (HTML-only builds never do): before starting, and after building."""

    start: threading.Event = field(default_factory=threading.Event)
    finish: threading.Event = field(default_factory=threading.Event)
    built: threading.Event = field(default_factory=threading.Event)
    """Set once a build with PDFs has built, before it waits at ``finish`` (then its outcome is announced)."""

    def open(self) -> None:
        self.start.set()
        self.finish.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    """Closed at both ends until the test opens it."""
    held = Gate()
    build = serve.build_site

    def gated(*args: Any, pdf: bool, **kwargs: Any) -> Any:
        if not pdf:
            return build(*args, pdf=pdf, **kwargs)
        held.start.wait()
        result = build(*args, pdf=pdf, **kwargs)
        held.built.set()
        held.finish.wait()
        return result

    monkeypatch.setattr(serve, "build_site", gated)
    return held


@pytest.fixture
def preview(tmp_path: Path, gate: Gate) -> Iterator[Preview]:
    site = small_site(tmp_path / "content", sops=2)
    running = Preview(site, port=0, pdf=True, background=partial(ThreadPoolExecutor, 1)).start()  # the gate is in this process
    yield running
    gate.open()
    running.stop()


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
        return body


def test_html_first_then_pdf(preview: Preview, gate: Gate) -> None:
    page = preview.url + "sop/prosedur-1.html"
    status, body = fetch(page)
    assert status == 200 and "Prosedur 1" in body and BANNER in body, "the HTML is served before any PDF is made"

    gate.open()
    wait_for(lambda: BANNER not in fetch(page)[1], "the page without the banner")
    link = re.search(r'href="([^"]+\.pdf)"', fetch(page)[1])
    assert link, "the page links its PDF once it is made"
    pdf_url = preview.url + "sop/" + link.group(1)
    first_pdf = fetch_bytes(pdf_url)
    assert first_pdf.startswith(b"%PDF")

    gate.start.clear()
    edit(preview.site_dir / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Surat Keterangan Domisili")
    wait_for(lambda: "Prosedur Surat Keterangan Domisili" in fetch(page)[1], "the edit's HTML")
    assert BANNER in fetch(page)[1] and BANNER in fetch(preview.url)[1], "every page says the PDFs are being made"
    assert fetch_bytes(pdf_url) == first_pdf, "until the new PDF is in, the link serves the last good one"

    gate.start.set()
    wait_for(lambda: BANNER not in fetch(page)[1], "the banner gone once the PDFs are made")
    new_pdf = fetch_bytes(pdf_url)
    assert new_pdf.startswith(b"%PDF") and new_pdf != first_pdf


def test_broken_yaml_keeps_the_last_good_output(preview: Preview, gate: Gate) -> None:
    gate.open()
    page = preview.url + "sop/prosedur-2.html"
    wait_for(lambda: BANNER not in fetch(page)[1], "the first build with PDFs")
    pdfs = {p.relative_to(preview.out_dir): p.read_bytes() for p in preview.out_dir.rglob("*.pdf")}
    assert pdfs

    sop = preview.site_dir / "sop" / "prosedur-2.yaml"
    edit(sop, "nama: Prosedur 2", "nama: Prosedur 2: Legalisir")  # a second ':' on the line: not YAML
    wait_for(lambda: fetch(page)[0] == 500, "the error page")
    line = next(i for i, text in enumerate(sop.read_text(encoding="utf-8").splitlines(), 1) if "Legalisir" in text)
    assert re.search(rf"sop/prosedur-2\.yaml:{line}:\d+", fetch(page)[1])
    assert {p.relative_to(preview.out_dir): p.read_bytes() for p in preview.out_dir.rglob("*.pdf")} == pdfs
    assert "Prosedur 2" in (preview.out_dir / "sop" / "prosedur-2.html").read_text(encoding="utf-8")
    kept = next(iter(pdfs))
    assert fetch_bytes(preview.url + kept.as_posix()) == pdfs[kept], "a PDF link still serves the last good PDF"


def test_a_pdf_build_older_than_a_broken_edit_keeps_its_problems(preview: Preview, gate: Gate) -> None:
    gate.start.set()
    assert gate.built.wait(TIMEOUT), "the build with PDFs of the good site is done (and not yet announced)"
    page = preview.url + "sop/prosedur-2.html"
    edit(preview.site_dir / "sop" / "prosedur-2.yaml", "nama: Prosedur 2", "nama: Prosedur 2: Legalisir")
    wait_for(lambda: fetch(page)[0] == 500, "the error page")

    preview.stop_event.set()  # the PDF thread ends after this build: joining it waits for its announcement, if any
    gate.finish.set()
    preview.threads[-1].join(timeout=TIMEOUT)
    status, body = fetch(page)
    assert status == 500 and re.search(r"sop/prosedur-2\.yaml:\d+:\d+", body), "the older, good build did not clear the newer problems"
