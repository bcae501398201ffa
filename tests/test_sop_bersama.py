"""A step done by two (or more) pelaksana together, as real SOPs have: one symbol across their
adjacent columns in the PDF, the site page and the Word copy; both named in the reading view;
a file:line message for every way of writing it wrong.

Real YAML in; the built HTML, PDF and DOCX read back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.domain.flow import build_flow
from sopgen.domain.flowchart import Geometry
from sopgen.domain.flowchart_routes import layout
from sopgen.models.sop import SOP as Model

from .support import PEJABAT_YAML, SITE_YAML, page_words, sopgen_check, write_site

SOP = """\
nomor: 100/9/SOP/2024
nama: Verifikasi Berkas Bersama
tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}
disahkan_oleh: camat
dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]
kualifikasi_pelaksana: [Memahami tugas]
pelaksana: [Camat, Kasi Pemerintahan, Staf]
langkah:
  - uraian: Staf menerima berkas permohonan
    pelaksana: Staf
    mutu_baku: {kelengkapan: Formulir, waktu: 10 menit, output: Berkas}
  - uraian: Kasi Pemerintahan dan Staf memeriksa berkas bersama-sama
    pelaksana: [Staf, Kasi Pemerintahan]
    mutu_baku: {kelengkapan: Berkas, waktu: 1 jam, output: Berita acara}
  - uraian: Camat menandatangani surat
    pelaksana: Camat
    mutu_baku: {kelengkapan: Konsep surat, waktu: 1 hari, output: Surat}
  - uraian: Staf mengarsipkan berkas
    pelaksana: Staf
    mutu_baku: {kelengkapan: Berkas, waktu: 10 menit, output: Arsip}
"""
"""Step 2 is done by the Kasi and the Staf together, written in the other order than the columns."""


def _site(root: Path, sop: str) -> Path:
    return write_site(root, {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/bersama.yaml": sop})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bersama")
    build_site(_site(base / "site", SOP), base / "output")
    return base / "output" / "sop"
