"""Monitoring and evaluation forms: records in, signed PDFs and the SOP page out; the check's warnings; bad records.

A small site is built for real: one SOP of four langkah with monitoring for two half-years and
one evaluation. The PDFs are read back as text; the prosedur column must be the SOP's own langkah.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.domain.periode import periode_terakhir
from sopgen.models.monev import KRITERIA

from .support import PEJABAT_YAML, SITE_YAML, page_words, replace_line, sop_yaml, sopgen_check, write_site

PENILAI = """\
sekretaris:
  jabatan: Sekretaris Kecamatan Contoh
  nama: SITI AMINAH, S.AP
  nip: 19790202 200312 2 002
"""

MONITORING = """\
tanggal: 28 Juni 2024
penilai: sekretaris
penilaian:
  - {langkah: 1, penerapan: baik}
  - langkah: 2
    penerapan: tidak-baik
    catatan: Berkas sering terlambat diterima
    tindakan: Batas waktu ditulis di surat permintaan
  - {langkah: 3, penerapan: baik}
  - {langkah: 4, penerapan: baik}
"""

EVALUASI = """\
tanggal: 27 Desember 2024
penilai: sekretaris
kriteria:
  mendorong_kinerja: {jawaban: ya}
  mudah_dipahami: {jawaban: ya}
  mudah_dilaksanakan: {jawaban: tidak, catatan: Langkah 2 terlalu panjang}
  peran_jelas: {jawaban: ya}
  mengatasi_masalah: {jawaban: ya}
  menjawab_kebutuhan: {jawaban: ya}
  sinergi: {jawaban: ya}
rekomendasi: revisi
catatan: Pecah langkah 2 menjadi dua langkah.
"""


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def site_files() -> dict[str, str | bytes]:
    return {
        "site.yaml": SITE_YAML,
        "pejabat.yaml": PEJABAT_YAML + PENILAI,
        "sop/prosedur.yaml": sop_yaml("Prosedur Contoh", "100/1/SOP/2024"),
        "monitoring/prosedur/2024-1.yaml": MONITORING,
        "monitoring/prosedur/2024-2.yaml": MONITORING.replace("28 Juni 2024", "20 Desember 2024").replace("tidak-baik", "baik"),
        "evaluasi/prosedur/2024-2.yaml": EVALUASI,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("monev")
    write_site(root / "content", site_files())
    return build_site(root / "content", root / "output", pdf=True).out_dir


def pdf_text(pdf: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_monitoring_pdf_is_the_regulation_table_with_the_sop_own_prosedur(built: Path) -> None:
    text = pdf_text(built / "sop/prosedur/monitoring-2024-1.pdf")
    assert "FORMULIR MONITORING PELAKSANAAN SOP Semester I Tahun 2024 (Januari–Juni)" in text
    assert "Nama SOP : Prosedur Contoh Nomor SOP : 100/1/SOP/2024" in text
    for header in ("No", "Prosedur", "Penilaian terhadap penerapan", "Berjalan dengan baik", "Tidak berjalan dengan baik",
                   "Catatan hasil penilaian", "Tindakan yang harus diambil", "Paraf penilai"):
        assert header.replace(" ", "") in text.replace(" ", ""), header
    for n in range(1, 5):
        assert f"{n} Langkah nomor {n} dari prosedur Prosedur Contoh" in text
    assert "Berkas sering terlambat diterima Batas waktu ditulis di surat permintaan" in text
    # signed: the assessor, and the SOP's signatory who acknowledges
    assert "Mengetahui, CAMAT CONTOH BUDI SANTOSO, S.Sos NIP. 19800101 200501 1 001" in text
    assert "28 Juni 2024 Penilai, SEKRETARIS KECAMATAN CONTOH SITI AMINAH, S.AP NIP. 19790202 200312 2 002" in text


def test_monitoring_marks_the_judgement_in_its_column(built: Path) -> None:
    layout = PdfReader(built / "sop/prosedur/monitoring-2024-1.pdf").pages[0].extract_text(extraction_mode="layout")
    rows = {int(m[1]): m[0] for m in re.finditer(r"^\s*(\d)\s+Langkah nomor.*$", layout, re.MULTILINE)}
    marks = {n: row.index("√") for n, row in rows.items()}
    assert marks[1] == marks[3] == marks[4] < marks[2]  # step 2 "tidak berjalan dengan baik": the second column


def test_evaluation_pdf_has_the_seven_criteria_and_the_recommendation(built: Path) -> None:
    text = pdf_text(built / "sop/prosedur/evaluasi-2024-2.pdf")
    assert "FORMULIR EVALUASI PENERAPAN SOP Semester II Tahun 2024 (Juli–Desember)" in text
    for n, kriteria in enumerate(KRITERIA.values(), start=1):
        assert f"{n} {kriteria}" in text, kriteria
    assert "Langkah 2 terlalu panjang" in text
    assert "[ ] SOP tetap berlaku [√] SOP direvisi [ ] SOP dicabut" in text
    assert "Catatan: Pecah langkah 2 menjadi dua langkah." in text
    assert "Penilai, SEKRETARIS KECAMATAN CONTOH SITI AMINAH, S.AP" in text


def test_sop_page_shows_every_record_and_links_its_pdf(built: Path) -> None:
    page = (built / "sop/prosedur.html").read_text(encoding="utf-8")
    words = page_words(page)
    assert "Monitoring dan Evaluasi" in words
    assert words.index("Formulir Evaluasi Penerapan SOP, Semester II Tahun 2024") < words.index("Formulir Monitoring Pelaksanaan SOP, Semester I Tahun 2024")
    for pdf in ("monitoring-2024-1.pdf", "monitoring-2024-2.pdf", "evaluasi-2024-2.pdf"):
        assert f'href="prosedur/{pdf}"' in page
        assert (built / "sop/prosedur" / pdf).is_file()
    assert "Berkas sering terlambat diterima" in words


def test_check_warns_when_the_last_half_year_is_not_monitored(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", site_files())
    last = periode_terakhir(dt.date.today())
    out = sopgen_check(site).stderr
    assert f"content/sop/prosedur.yaml:3:46: peringatan: tanggal.pengesahan: SOP ini berlaku tetapi belum dimonitor untuk periode {last.nama}" in out, out
    assert f"monitoring/prosedur/{last.nama}.yaml" in out
    (site / f"monitoring/prosedur/{last.nama}.yaml").write_text(MONITORING.replace("28 Juni 2024", last.akhir.isoformat()))
    assert "belum dimonitor" not in sopgen_check(site).stderr


def test_a_site_dated_by_tanggal_acuan_is_judged_on_that_day(tmp_path: Path) -> None:
    """A demo or an archive states the day it describes: the last half-year ended by then is the one asked for."""
    site = write_site(tmp_path / "content", site_files())
    site_yaml = site / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "tanggal_acuan: 28 Februari 2025\n", encoding="utf-8")
    result = sopgen_check(site)
    assert result.returncode == 0 and "belum dimonitor" not in result.stderr, result.stderr  # 2024-2 is on file
    line = replace_line(site_yaml, "tanggal_acuan: 28 Februari 2025", "tanggal_acuan: 2 Juli 2025")
    out = sopgen_check(site).stderr
    assert "belum dimonitor untuk periode 2025-1" in out and "sopgen new monitoring prosedur 2025-1" in out, out
    replace_line(site_yaml, "tanggal_acuan: 2 Juli 2025", "tanggal_acuan: 1 Januari 2999")
    result = sopgen_check(site)
    assert result.returncode == 1 and f"content/site.yaml:{line}:" in result.stderr and "tanggal_acuan: tanggal acuan (1 Januari 2999) di masa depan" in result.stderr, result.stderr
    replace_line(site_yaml, "tanggal_acuan: 1 Januari 2999", "tanggal_acuan: kemarin")
    result = sopgen_check(site)
    assert result.returncode == 1 and f"content/site.yaml:{line}:" in result.stderr and ": tanggal_acuan: " in result.stderr, result.stderr


def test_the_warning_can_be_silenced_and_spares_a_konsep(tmp_path: Path) -> None:
    files = site_files()
    files["sop/prosedur.yaml"] = str(files["sop/prosedur.yaml"]) + "abaikan_peringatan: [monitoring-terakhir]\n"
    files["sop/konsep.yaml"] = sop_yaml("Prosedur Konsep", "100/2/SOP/2024").replace(", pengesahan: 2024-01-12", "").replace("tanggal:", "status: konsep\ntanggal:", 1)
    site = write_site(tmp_path / "content", files)
    result = sopgen_check(site)
    assert result.returncode == 0 and "belum dimonitor" not in result.stderr, result.stderr


BAD = [
    ("monitoring/prosedur/2024-1.yaml", "  - {langkah: 3, penerapan: baik}", "  - {langkah: 7, penerapan: baik}", "penilaian[3].langkah", "hanya punya 4 langkah"),
    ("monitoring/prosedur/2024-1.yaml", "  - {langkah: 3, penerapan: baik}", "  - {langkah: 1, penerapan: baik}", "penilaian[3].langkah", "sudah dinilai"),
    ("monitoring/prosedur/2024-1.yaml", "  - {langkah: 3, penerapan: baik}", "  - {langkah: 3, penerapan: bagus}", "penilaian[3].penerapan", "'baik'"),
    ("monitoring/prosedur/2024-1.yaml", "  - {langkah: 3, penerapan: baik}", "  - {langkah: tiga, penerapan: baik}", "penilaian[3].langkah", ""),
    ("monitoring/prosedur/2024-1.yaml", "tanggal: 28 Juni 2024", "tanggal: 28 Juni 2999", "tanggal", "di masa depan"),
    ("monitoring/prosedur/2024-1.yaml", "tanggal: 28 Juni 2024", "tanggal: 28 Juni 2023", "tanggal", "sebelum periode 2024-1 dimulai"),
    ("monitoring/prosedur/2024-1.yaml", "penilai: sekretaris", "penilai: sekertaris", "penilai", "maksud Anda 'sekretaris'?"),
    ("monitoring/prosedur/2024-1.yaml", "    catatan: Berkas sering terlambat diterima", "    catatan: " + "x" * 1200, "penilaian[2].catatan", "terlalu panjang"),
    ("monitoring/prosedur/2024-1.yaml", "    catatan: Berkas sering terlambat diterima", "    catatan: ''", "penilaian[2].catatan", "tidak boleh kosong"),
    ("evaluasi/prosedur/2024-2.yaml", "  sinergi: {jawaban: ya}", "  sinergi: {jawaban: mungkin}", "kriteria.sinergi.jawaban", "'ya'"),
    ("evaluasi/prosedur/2024-2.yaml", "rekomendasi: revisi", "rekomendasi: hapus", "rekomendasi", "'cabut'"),
    ("evaluasi/prosedur/2024-2.yaml", "  sinergi: {jawaban: ya}", "  sinergis: {jawaban: ya}", "kriteria.sinergis", ""),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "says"), BAD, ids=[f"{b[0][:4]}-{b[2].strip()[:28]}" for b in BAD])
def test_bad_record_is_a_problem_at_its_line(tmp_path: Path, file: str, old: str, new: str, field: str, says: str) -> None:
    site = write_site(tmp_path / "content", site_files())
    line = replace_line(site / file, old, new)
    result = sopgen_check(site)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    found = [row for row in result.stderr.splitlines() if row.startswith(f"content/{file}:{line}:") and f": {field}: " in row]
    assert found and says in found[0], result.stderr


def test_bad_file_and_folder_names_are_problems(tmp_path: Path) -> None:
    files = site_files()
    files["monitoring/prosedur/2024-3.yaml"] = MONITORING
    files["monitoring/prosedr/2024-1.yaml"] = MONITORING
    files["evaluasi/prosedur/semester-dua.yaml"] = EVALUASI
    site = write_site(tmp_path / "content", files)
    out = sopgen_check(site).stderr
    assert "content/monitoring/prosedur/2024-3.yaml:1:1: nama berkas '2024-3.yaml' bukan periode enam bulanan; beri nama <tahun>-1.yaml" in out, out
    assert "content/evaluasi/prosedur/semester-dua.yaml:1:1: nama berkas" in out
    assert "content/monitoring/prosedr:1:1: SOP 'prosedr' tidak ada di folder sop/; maksud Anda 'prosedur'?" in out
    evaluasi = EVALUASI.replace("  sinergi: {jawaban: ya}\n", "")
    (site / "evaluasi/prosedur/2024-2.yaml").write_text(evaluasi)
    assert re.search(r"content/evaluasi/prosedur/2024-2.yaml:\d+:\d+: kriteria.sinergi: ", sopgen_check(site).stderr)
