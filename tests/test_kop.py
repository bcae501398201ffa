"""The kop's first line: 'Pemerintah <pemerintah>' once, never forced on a unit that is no pemerintah daerah.

A university printed "PEMERINTAH UNIVERSITAS LAMPUNG" and a site that wrote the full name got
"Pemerintah Pemerintah Kabupaten …"; the address and telephone site.yaml holds could not be printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site

from .support import SITE_YAML, small_site

IDENTITY_PAGE = 1
"""The cover is page 0; the identity table with the kop opens page 1."""


def _build(tmp_path: Path, instansi_lines: str, pdf: bool = True) -> Path:
    site = small_site(tmp_path / "site", sops=1)
    (site / "site.yaml").write_text(SITE_YAML.replace("  alamat: Jl. Contoh 1\n", "  alamat: Jl. Contoh 1\n" + instansi_lines), encoding="utf-8")
    out = tmp_path / "output"
    build_site(site, out, pdf=pdf)
    return out


def _kop_text(out: Path) -> str:
    pdf = next((out / "sop").glob("*.pdf"))
    return " ".join(PdfReader(pdf).pages[IDENTITY_PAGE].extract_text().split())


@pytest.mark.slow
@pytest.mark.parametrize(("pemerintah", "kop", "printed"), [
    ("Kabupaten Contoh", "", "PEMERINTAH KABUPATEN CONTOH"),
    ("Pemerintah Kabupaten Contoh", "", "PEMERINTAH KABUPATEN CONTOH"),
    ("Universitas Lampung", "  kop: Kementerian Pendidikan Tinggi\n", "KEMENTERIAN PENDIDIKAN TINGGI"),
])
def test_the_kop_names_the_issuer_once(tmp_path: Path, pemerintah: str, kop: str, printed: str) -> None:
    site_yaml = SITE_YAML.replace("pemerintah: Kabupaten Contoh", f"pemerintah: {pemerintah}")
    site = small_site(tmp_path / "site", sops=1)
    (site / "site.yaml").write_text(site_yaml.replace("  alamat: Jl. Contoh 1\n", "  alamat: Jl. Contoh 1\n" + kop), encoding="utf-8")
    build_site(site, tmp_path / "output")
    text = _kop_text(tmp_path / "output")
    assert printed in text
    assert "PEMERINTAH PEMERINTAH" not in text and ("PEMERINTAH UNIVERSITAS" not in text)
    home = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert "Pemerintah Pemerintah" not in home and "Pemerintah Universitas" not in home


@pytest.mark.slow
def test_the_address_and_telephone_are_printed_in_the_kop_when_asked(tmp_path: Path) -> None:
    out = _build(tmp_path, "  telepon: (0334) 123456\n  kop_alamat: true\n")
    assert "Jl. Contoh 1 Telepon (0334) 123456" in _kop_text(out)


def test_by_default_the_kop_prints_no_address_as_the_candipuro_reference(tmp_path: Path) -> None:
    out = _build(tmp_path, "  telepon: (0334) 123456\n", pdf=False)
    page = next((out / "sop").glob("*.html")).read_text(encoding="utf-8")
    assert "kop-alamat" not in page and "Jl. Contoh 1" not in page.split('class="kop"')[1].split("</td>")[0]
