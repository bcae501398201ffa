"""Words in the SOP flowchart: names, codes and URLs are never hyphenated; the PDF and the page break alike."""

from __future__ import annotations

import re
import subprocess

import pytest

from sopgen.build import build_site
from sopgen.render.hyphenation import SOFT_HYPHEN, suku_kata

from .support import PEJABAT_YAML, SITE_YAML, write_site

pytestmark = pytest.mark.slow

PANJANG = "Kepala Seksi Ketenteraman dan Ketertiban Umum"
URL = "https://sakip.lumajangkab.go.id/laporan/unggah-dokumen-kinerja"
SOP_YAML = f"""\
nomor: 100/1/SOP/2024
nama: Prosedur Nama Panjang
tanggal: {{pembuatan: 2024-01-10, pengesahan: 2024-01-12}}
disahkan_oleh: camat
dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]
kualifikasi_pelaksana: [Memahami tugas]
pelaksana: [Camat, Sekretaris Camat, {PANJANG}, Kasi Trantib, Kepala Seksi Pemerintahan, Staf]
langkah:
  - uraian: Camat menugaskan penyusunan laporan pertanggungjawaban kekurangannya
    pelaksana: Camat
    mutu_baku: {{kelengkapan: Surat pertanggungjawaban, waktu: 1 hari, output: Disposisi}}
    keterangan: Dilengkapi kekurangannya
  - uraian: Kepala seksi mengunggah laporan ke {URL} sebelum tanggal lima
    pelaksana: {PANJANG}
    mutu_baku: {{kelengkapan: Laporan, waktu: 1 hari, output: Laporan terunggah}}
  - uraian: Sekretaris Camat memeriksa laporan
    pelaksana: Sekretaris Camat
    mutu_baku: {{kelengkapan: Laporan, waktu: 1 jam, output: Paraf}}
  - uraian: Kasi Trantib dan Kepala Seksi Pemerintahan mengarsipkan laporan
    pelaksana: Kasi Trantib
    mutu_baku: {{kelengkapan: Laporan, waktu: 1 jam, output: Arsip}}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    base = tmp_path_factory.mktemp("teks")
    root = write_site(base / "site", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/nama-panjang.yaml": SOP_YAML})
    build_site(root, base / "output", pdf=True)
    pdf = base / "output" / "sop" / "nama-panjang.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text, (base / "output" / "sop" / "nama-panjang.html").read_text(encoding="utf-8")


def hyphenated(text: str) -> set[str]:
    """The words the PDF printed broken with a hyphen at a line end, joined back ("Se-" + "ksi")."""
    return {a + b for a, b in re.findall(r"(\w+)[\u2010\-]\n(\w+)", text)}


def test_pelaksana_names_are_never_hyphenated(built: tuple[str, str]) -> None:
    text, html = built
    words = {w for name in (PANJANG, "Sekretaris Camat", "Kasi Trantib", "Kepala Seksi Pemerintahan") for w in name.split()}
    assert not hyphenated(text) & words, hyphenated(text)
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert PANJANG in headers and all(SOFT_HYPHEN not in h for h in headers)
    uraian = " ".join(re.findall(r'<td class="fc-uraian">([^<]*)</td>', html))
    assert "Kepala Seksi Pemerintahan" in uraian and "Sekretaris Camat meme" in uraian, "a pelaksana's words in an uraian stay whole"


def test_a_url_breaks_only_after_a_slash(built: tuple[str, str]) -> None:
    text, html = built
    assert URL in re.sub(r"/\n", "/", text), "the URL is printed whole (broken only after a slash)"
    assert '<span class="url">https://<wbr>sakip.lumajangkab.go.id/<wbr>laporan/<wbr>unggah-dokumen-kinerja</span>' in html


def test_long_words_break_at_the_same_soft_hyphens_in_pdf_and_html(built: tuple[str, str]) -> None:
    text, html = built
    assert f"keku{SOFT_HYPHEN}rang{SOFT_HYPHEN}an{SOFT_HYPHEN}nya" in html
    for word in hyphenated(text):
        assert word in html.replace(SOFT_HYPHEN, ""), f"{word}: the PDF broke a word the page does not have"
    assert not re.search(r"\w\n(?:a|ya|s)\b", text), "a word broken with no hyphen"


def test_codes_short_words_and_markup_are_left_alone() -> None:
    assert suku_kata("SAKIP LKjIP e-SAKIP Camat Seksi") == "SAKIP LKjIP e-SAKIP Camat Seksi"
    assert suku_kata("<b>penyusunan</b>") == f"&lt;b&gt;penyu{SOFT_HYPHEN}sunan&lt;/b&gt;"
