"""A printed SOP leads back to its source: the QR code on its cover, and the SHA-256 of every published PDF.

A small site with an ``alamat_situs`` is built for real; the cover is rasterised and its QR code
read back with zbarimg; the verification page's hashes are compared with the files' own.
"""

from __future__ import annotations

import hashlib
import re
from html import unescape
from pathlib import Path

import pytest

from sopgen.build import build_site
from sopgen.render.verifikasi import VERIFIKASI_PAGE

from .support import PEJABAT_YAML, SITE_YAML, lines_with, sop_yaml, sopgen_check, write_site
from .support_tools import qr_codes, rasterise

ALAMAT = "https://sop.contoh.example/kecamatan/"


def build(root: Path, site_yaml: str) -> Path:
    files = {"site.yaml": site_yaml, "pejabat.yaml": PEJABAT_YAML, "sop/prosedur-satu.yaml": sop_yaml("Prosedur Satu", "100/1/SOP/2024")}
    return build_site(write_site(root / "content", files), root / "output", pdf=True).out_dir


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("qr"), SITE_YAML + f"alamat_situs: {ALAMAT}\n")


def test_cover_qr_code_opens_the_sop_page(built: Path, tmp_path: Path) -> None:
    cover = rasterise(built / "sop/prosedur-satu.pdf", tmp_path / "png", 150)[0]
    assert qr_codes(cover) == ["https://sop.contoh.example/kecamatan/sop/prosedur-satu.html"]


def test_no_address_no_qr_code(tmp_path: Path) -> None:
    out = build(tmp_path, SITE_YAML)
    pages = rasterise(out / "sop/prosedur-satu.pdf", tmp_path / "png", 150)
    assert [code for page in pages for code in qr_codes(page)] == []


def test_verification_page_lists_every_pdf_with_its_sha256(built: Path) -> None:
    page = unescape((built / VERIFIKASI_PAGE).read_text(encoding="utf-8"))
    listed = dict(re.findall(r'<a href="([^"]+\.pdf)">[^<]+</a></td><td class="angka">[\d.]+</td><td><code class="sha256">([0-9a-f]{64})</code>', page))
    on_disk = {p.relative_to(built).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in built.rglob("*.pdf")}
    assert listed == on_disk
    assert {"sop/prosedur-satu.pdf", "unduhan/himpunan-sop.pdf"} <= set(listed)
    assert "Get-FileHash" in page and "sha256sum" in page


def test_the_verification_page_is_in_the_navigation(built: Path) -> None:
    assert f'href="../{VERIFIKASI_PAGE}"' in (built / "sop/prosedur-satu.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "says"), [
    ("ftp://sop.contoh.example/", "https://"),
    ("javascript:alert(1)", "https://"),
    ("sop.contoh.example", "https://"),
    ("''", "https://"),
    ("[https://a.example/]", ""),
])
def test_bad_alamat_situs_is_an_error_at_its_line(tmp_path: Path, value: str, says: str) -> None:
    site = write_site(tmp_path / "content", {
        "site.yaml": SITE_YAML + f"alamat_situs: {value}\n", "pejabat.yaml": PEJABAT_YAML, "sop/p.yaml": sop_yaml("P", "1/SOP/2024"),
    })
    line = lines_with(site / "site.yaml", "alamat_situs:")[0]
    result = sopgen_check(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [r for r in result.stderr.splitlines() if r.startswith(f"content/site.yaml:{line}:") and ": alamat_situs: " in r]
    assert found and says in found[0], result.stderr
