"""SOP checks report each slip at its file, line and field, with the fix; SOPs may silence a warning by code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sopgen.build import check_site
from sopgen.errors import Level, Problem

from .support import lines_with, replace_line, sopgen_check

FIXTURE = Path(__file__).parent / "fixtures" / "reference-as-written"
SOP = "sop/pengukuran-data-kinerja.yaml"
SAKIP = "sop/penyusunan-sakip.yaml"


def problems_of(site: Path) -> list[Problem]:
    _, problems = check_site(site)
    return problems.sorted()


def at(problems: list[Problem], path_end: str, line: int) -> list[Problem]:
    return [p for p in problems if p.path.endswith(path_end) and p.line == line]


# ---------- The reference as originally written ----------

@pytest.fixture(scope="module")
def as_written() -> subprocess.CompletedProcess[str]:
    """``sopgen check`` on the reference as written, as a person runs it (no CI annotations)."""
    return sopgen_check(FIXTURE)


def test_reference_as_written_fails_on_the_pt_status(as_written: subprocess.CompletedProcess[str]) -> None:
    line = lines_with(FIXTURE / "pejabat.yaml", "status: Pt.")[0]
    assert as_written.returncode == 1
    assert f"pejabat.yaml:{line}:11: camat.status: 'Pt.' bukan pilihan yang sah" in as_written.stderr
    assert "maksud Anda 'Plt.'?" in as_written.stderr
    assert "Traceback" not in as_written.stderr


def test_reference_as_written_reports_year_2106(as_written: subprocess.CompletedProcess[str]) -> None:
    line = lines_with(FIXTURE / SOP, "Tahun 2106")[0]
    assert f"{SOP}:{line}:5: peringatan: dasar_hukum[4]: tahun 2106 sesudah tanggal SOP ini (17 Januari 2024)" in as_written.stderr
    assert "maksud Anda 'Tahun 2016'?" in as_written.stderr


@pytest.mark.parametrize(("slip", "field", "fix"), [("tiaptiap", "uraian", "tiap-tiap"), ("Adminitrasi", "kualifikasi_pelaksana[1]", "Administrasi")])
def test_reference_as_written_reports_misspellings(as_written: subprocess.CompletedProcess[str], slip: str, field: str, fix: str) -> None:
    lines = lines_with(FIXTURE / SOP, slip)
    assert lines
    for line in lines:
        reported = [row for row in as_written.stderr.splitlines() if f"{SOP}:{line}:" in row and f"'{slip}' salah ketik" in row]
        assert len(reported) == 1, (line, as_written.stderr)
        assert f"peringatan: {field}" in reported[0] or f"].{field}" in reported[0]
        assert reported[0].endswith(f"tulis '{fix}'.")


def test_reference_as_written_reports_every_mutu_buku_key(as_written: subprocess.CompletedProcess[str]) -> None:
    lines = lines_with(FIXTURE / SOP, "mutu_buku:")
    assert len(lines) == 10
    for step, line in enumerate(lines, start=1):
        assert f"{SOP}:{line}:5: peringatan: langkah[{step}].mutu_buku: 'mutu_buku' salah ketik; tulis 'mutu_baku' (MUTU BAKU)." in as_written.stderr


def test_reference_as_written_reports_the_empty_columns_once(as_written: subprocess.CompletedProcess[str]) -> None:
    line = lines_with(FIXTURE / SOP, "pelaksana: [Camat")[0]
    for kolom in ("Kasi / Kasubag", "Staf"):
        assert as_written.stderr.count(f"kolom pelaksana '{kolom}' tidak dipakai") == 1
        assert f"{SOP}:{line}:" in as_written.stderr


def test_mutu_buku_text_is_a_slip_too(demo_copy: Path) -> None:
    line = replace_line(demo_copy / SOP, "keterangan: Konsep Laporan Kinerja", "keterangan: Sesuai MUTU BUKU")
    found = at(problems_of(demo_copy), SOP, line)
    assert [(p.field, p.message, p.hint, p.level) for p in found] == [
        ("langkah[8].keterangan", "'MUTU BUKU' salah ketik", "tulis 'MUTU BAKU'.", Level.WARNING)
    ]


# ---------- Each check on a copy of the demo ----------

def test_demo_has_no_sop_warnings(demo_copy: Path) -> None:
    assert [p for p in problems_of(demo_copy) if "sop/" in p.path or p.path.endswith("pejabat.yaml")] == []


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        # Two digits swapped: the one plausible swap is suggested.
        ("Nomor 96 Tahun 2019", "Nomor 96 Tahun 1919", "tahun 1919 tidak masuk akal untuk dasar hukum", "maksud Anda 'Tahun 1991'?"),
        # No swap of 2025 is a year up to 2024: no guess.
        ("Nomor 96 Tahun 2019", "Nomor 96 Tahun 2025", "tahun 2025 sesudah tanggal SOP ini (12 Januari 2024): dasar hukum harus sudah terbit", "periksa tahun terbit peraturan ini."),
    ],
)
def test_dasar_hukum_year(demo_copy: Path, old: str, new: str, message: str, hint: str) -> None:
    line = replace_line(demo_copy / SAKIP, old, new)
    found = at(problems_of(demo_copy), SAKIP, line)
    assert [(p.field, p.message, p.hint, p.code) for p in found] == [("dasar_hukum[5]", message, hint, "tahun-dasar-hukum")]


def test_pengesahan_before_pembuatan(demo_copy: Path) -> None:
    line = replace_line(demo_copy / SAKIP, "pengesahan: 12 Januari 2024", "pengesahan: 2 Januari 2024")
    found = at(problems_of(demo_copy), SAKIP, line)
    assert len(found) == 1
    assert found[0].field == "tanggal.pengesahan"
    assert found[0].message == "tanggal pengesahan (2 Januari 2024) sebelum tanggal pembuatan (8 Januari 2024)"
    assert found[0].level is Level.WARNING


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19720818 199403 1 09", "NIP harus 18 digit, tertulis 17 digit"),
        ("19720838 199403 1 009", "tanggal lahir (digit 1–8, TTTTBBHH) pada NIP bukan tanggal yang ada: 1972-08-38"),
        ("19720818 199400 1 009", "TMT CPNS (digit 9–14, TTTTBB) pada NIP bukan tanggal yang ada: 1994-00"),
    ],
)
def test_nip_in_pejabat(demo_copy: Path, nip: str, message: str) -> None:
    line = replace_line(demo_copy / "pejabat.yaml", "nip: 19720818 199403 1 009", f"nip: {nip}")
    found = at(problems_of(demo_copy), "pejabat.yaml", line)
    assert [(p.field, p.message, p.level, p.code) for p in found] == [("camat.nip", message, Level.WARNING, "nip")]
    assert "18 digit" in found[0].hint


@pytest.mark.parametrize(("waktu", "hint"), [("10 mnt", "maksud Anda '10 menit'?"), ("2 jm", "maksud Anda '2 jam'?"), ("segera", "tulis angka dan satuan, mis. '10 menit', '2 jam', '3 hari'.")])
def test_waktu_that_is_not_a_duration(demo_copy: Path, waktu: str, hint: str) -> None:
    line = replace_line(demo_copy / SOP, "waktu: 15 menit", f"waktu: {waktu}")
    found = at(problems_of(demo_copy), SOP, line)
    assert [(p.field, p.message, p.hint) for p in found] == [("langkah[10].mutu_baku.waktu", f"waktu '{waktu}' bukan lama waktu yang terukur", hint)]
    assert found[0].column == (demo_copy / SOP).read_text().splitlines()[line - 1].index(waktu) + 1


@pytest.mark.parametrize(("slip", "fix"), [("Sekertaris", "Sekretaris"), ("masing masing", "masing-masing"), ("STANDART", "STANDAR")])
def test_misspelt_terms_in_uraian(demo_copy: Path, slip: str, fix: str) -> None:
    line = replace_line(demo_copy / SOP, "uraian: Sekretaris melaporkan data", f"uraian: {slip} melaporkan data")
    found = at(problems_of(demo_copy), SOP, line)
    assert [(p.field, p.message, p.hint) for p in found] == [("langkah[9].uraian", f"'{slip}' salah ketik", f"tulis '{fix}'.")]


def test_misspelt_jabatan_in_pejabat(demo_copy: Path) -> None:
    line = replace_line(demo_copy / "pejabat.yaml", "jabatan: Camat Candipuro", "jabatan: Sekertaris Kecamatan Candipuro")
    found = at(problems_of(demo_copy), "pejabat.yaml", line)
    assert [(p.field, p.hint) for p in found] == [("camat.jabatan", "tulis 'Sekretaris'.")]


# ---------- Flow structure, from the step graph ----------

def test_flow_errors_at_their_lines(demo_copy: Path) -> None:
    pelaksana_line = replace_line(demo_copy / SAKIP, "    pelaksana: Bagian Organisasi", "    pelaksana: Bagian Organisai")
    target_line = replace_line(demo_copy / SAKIP, "tidak: susun-iku}", "tidak: susun-ikuu}")
    problems = problems_of(demo_copy)
    wrong_column = at(problems, SAKIP, pelaksana_line)
    assert [(p.field, p.level, p.hint) for p in wrong_column] == [("langkah[16].pelaksana", Level.ERROR, "maksud Anda 'Bagian Organisasi'?")]
    missing = at(problems, SAKIP, target_line)
    assert [(p.field, p.message, p.hint) for p in missing] == [("langkah[16].keputusan.tidak", "langkah tujuan 'susun-ikuu' tidak ditemukan", "maksud Anda 'susun-iku'?")]


def test_unreachable_step_is_an_error(demo_copy: Path) -> None:
    # Step 7 decides between 8 and 6; sending "ya" to 9 leaves step 8 with no way in.
    replace_line(demo_copy / SAKIP, "keputusan: {ya: tetapkan-pk, tidak: susun-pk}", "keputusan: {ya: '9', tidak: susun-pk}")
    problems = problems_of(demo_copy)
    unreachable = [p for p in problems if p.path.endswith(SAKIP) and p.level is Level.ERROR]
    assert [p.message for p in unreachable] == ["langkah 8 tidak dapat dicapai dari langkah pertama (Mulai)"]
    assert unreachable[0].line == lines_with(demo_copy / SAKIP, "id: tetapkan-pk")[0]


# ---------- Silencing warnings by code ----------

ABAIKAN = "abaikan_peringatan: [kolom-pelaksana-kosong, monitoring-terakhir, revisi-belum-dicatat]"
"""The demo SOP's line; the last two codes silence what depends on today's date and on sopgen's own git history."""

def test_unused_column_is_reported_once_and_can_be_silenced(demo_copy: Path) -> None:
    file = demo_copy / SOP
    replace_line(file, ABAIKAN, "abaikan_peringatan: [monitoring-terakhir, revisi-belum-dicatat]")
    loud = [p for p in problems_of(demo_copy) if p.path.endswith(SOP)]
    assert [(p.field, p.code) for p in loud] == [("pelaksana[3]", "kolom-pelaksana-kosong"), ("pelaksana[5]", "kolom-pelaksana-kosong")]
    replace_line(file, "abaikan_peringatan: [monitoring-terakhir, revisi-belum-dicatat]", ABAIKAN)
    assert [p for p in problems_of(demo_copy) if p.path.endswith(SOP)] == []


def test_silencing_one_code_keeps_the_others(demo_copy: Path) -> None:
    file = demo_copy / SOP
    replace_line(file, ABAIKAN, "abaikan_peringatan: [istilah-salah-ketik, monitoring-terakhir, revisi-belum-dicatat]")
    replace_line(file, "uraian: Sekretaris melaporkan data", "uraian: Sekertaris melaporkan data")
    assert {p.code for p in problems_of(demo_copy) if p.path.endswith(SOP)} == {"kolom-pelaksana-kosong"}


def test_unknown_code_in_abaikan_peringatan(demo_copy: Path) -> None:
    line = replace_line(demo_copy / SOP, ABAIKAN, "abaikan_peringatan: [kolom-pelaksana-kosog, monitoring-terakhir, revisi-belum-dicatat]")
    found = at(problems_of(demo_copy), SOP, line)
    assert [(p.field, p.message, p.hint) for p in found] == [
        ("abaikan_peringatan[1]", "kode peringatan 'kolom-pelaksana-kosog' tidak dikenal", "maksud Anda 'kolom-pelaksana-kosong'?")
    ]


def test_strict_fails_on_warnings_and_not_on_silenced_ones(demo_copy: Path) -> None:
    def strict() -> int:
        return sopgen_check(demo_copy, "--strict").returncode

    replace_line(demo_copy / SOP, "waktu: 15 menit", "waktu: segera")
    assert strict() == 1
    replace_line(demo_copy / SOP, ABAIKAN, ABAIKAN.replace("]", ", waktu-mutu-baku]"))
    assert strict() == 0
