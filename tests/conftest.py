"""Shared fixtures: the demo built once per test session, and throw-away copies of it.

Building the demo's PDFs takes seconds per document on two cores, so every
test that reads rendered output shares one build (Lektor's ``built_demo``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopgen.build import BuildResult, build_site

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "content" / "unit" / "candipuro"
"""Kecamatan Candipuro, the real unit of the demo kabupaten (content/ is a multi-unit site: pemda.yaml + unit/)."""
DEMO_KABUPATEN = REPO / "content"
DEMO_PAGES = {
    "index.html", "404.html", "cari.html", "kinerja/2023/index.html", "kinerja/2024/index.html", "laporan/2024/index.html", "perjanjian/2024/index.html", "rencana-aksi/2024/index.html",
    "sop/monitoring-evaluasi-sop.html", "sop/pengukuran-data-kinerja.html", "sop/pengumpulan-data-kinerja.html",
    "sop/pengumpulan-data-kinerja-2023.html", "sop/penyusunan-sakip.html", "verifikasi.html",
}
"""Every HTML page the demo builds, typed by hand: tests that walk the pages fail when one goes missing."""


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo site built with PDFs into a session-wide temporary folder."""
    out = tmp_path_factory.mktemp("demo") / "output"
    return build_site(DEMO, out, pdf=True)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A private copy of the demo content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(DEMO, target)
    return target
