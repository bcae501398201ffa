"""What real SOPs write at a decision: a branch that ends the procedure, labels other than Ya/Tidak
(a step done by two pelaksana together is tests/test_sop_bersama.py's).

Real YAML in, ``sopgen check`` messages at file:line, and the rendered page and PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from sopgen.domain.flow import EdgeKind, build_flow
from sopgen.models.sop import SOP as Model

from .support import built_sop, one_sop_site, sopgen_check

SOP = """\
nomor: 100/7/SOP/2024
nama: Izin Cuti Pegawai
tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}
disahkan_oleh: camat
dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]
kualifikasi_pelaksana: [Memahami tugas]
pelaksana: [Camat, Sekretaris, Staf]
langkah:
  - uraian: Staf menerima permohonan cuti
    pelaksana: Staf
    mutu_baku: {kelengkapan: Formulir, waktu: 10 menit, output: Permohonan}
  - uraian: Sekretaris memeriksa jenis cuti
    pelaksana: Sekretaris
    keputusan: {ya: "3", tidak: selesai, label_ya: Dinas, label_tidak: Pribadi}
    mutu_baku: {kelengkapan: Permohonan, waktu: 1 jam, output: Jenis cuti}
  - uraian: Camat menandatangani surat tugas
    pelaksana: Camat
    mutu_baku: {kelengkapan: Konsep surat, waktu: 1 hari, output: Surat tugas}
  - uraian: Staf mengarsipkan berkas
    pelaksana: Staf
    mutu_baku: {kelengkapan: Berkas, waktu: 10 menit, output: Arsip}
"""
"""A cuti that is pribadi ends the procedure at the decision (``tidak: selesai``)."""


def _site(root: Path, sop: str) -> Path:
    return one_sop_site(root, "cuti", sop)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_sop(tmp_path_factory.mktemp("cabang"), "cuti", SOP)


@pytest.mark.slow
def test_a_branch_that_ends_the_procedure_and_its_own_labels_are_drawn(built: Path) -> None:
    page = (built / "cuti.html").read_text(encoding="utf-8")
    labels = re.findall(r'<div class="fc-band fc-branch"[^>]*><span[^>]*>([^<]*)</span>', page)
    assert sorted(labels) == ["Dinas", "Pribadi"]
    text = " ".join(PdfReader(built / "cuti.pdf").pages[2].extract_text().split())
    assert "Dinas" in text and "Pribadi" in text and "Selesai" in text
    assert "Tidak" not in text and not re.search(r"\bYa\b", text), "the written labels replace Ya/Tidak"


def test_selesai_is_the_last_step() -> None:
    flow = build_flow(Model.model_validate(yaml.safe_load(SOP)))
    assert flow.drawable, flow.findings
    branch = next(e for e in flow.edges if e.kind is EdgeKind.TIDAK)
    assert (branch.source, branch.target, branch.label) == (1, 3, "Pribadi")


@pytest.mark.parametrize(("old", "new", "line", "says"), [
    # An unknown target names the ids and says how to end a branch.
    ("tidak: selesai", "tidak: berhenti", 14, ["langkah tujuan 'berhenti' tidak ditemukan", "tulis 'selesai' bila alur ini mengakhiri prosedur"]),
    ("tidak: selesai", "tidak: selesi", 14, ["maksud Anda 'selesai'?"]),
    ("label_tidak: Pribadi", "label_tidak: Cuti alasan pribadi lainnya", 14, ["label cabang terlalu panjang (27 karakter); paling banyak 9 karakter"]),
    ("label_ya: Dinas", 'label_ya: ""', 14, ["tidak boleh kosong"]),
])
def test_a_decision_written_wrong_says_how_to_write_it(tmp_path: Path, old: str, new: str, line: int, says: list[str]) -> None:
    assert old in SOP
    done = sopgen_check(_site(tmp_path / "site", SOP.replace(old, new)))
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out and "harus berupa teks" not in out, out
    assert f"sop/cuti.yaml:{line}:" in out and all(s in out for s in says), out
