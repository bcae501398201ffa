"""The Rencana Aksi as its own document: real YAML in, the PDF and page read back, bad input at its line.

Every target, realisasi and capaian it prints is the recap cycle's, so the test reads them from the
demo's cycle through the build's own recap and looks for them in the PDF text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from sopgen.build import check_site
from sopgen.domain.rencana_aksi import selisih_target, susun_rencana
from sopgen.models.rencana_aksi import Aksi, RencanaAksi
from sopgen.output import BuildResult
from sopgen.render.format import angka_indikator, persen_capaian
from sopgen.render.rencana_aksi import jadwal, realisasi_aksi

from .conftest import DEMO
from .support import replace_line, sopgen_check

RA_DIR = Path("rencana-aksi/2024")
PDF = RA_DIR / "rencana-aksi-kecamatan-candipuro-2024.pdf"


def _text(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(pdf).pages]


def test_pdf_prints_the_cycles_quarterly_figures_the_aksi_and_the_signature(built_demo: BuildResult) -> None:
    pages = _text(built_demo.out_dir / PDF)
    whole = " ".join(pages)
    assert "RENCANA AKSI TAHUN 2024" in pages[0] and "KECAMATAN CANDIPURO" in pages[0]
    assert all("Contoh ilustrasi" in page or "CONTOH ILUSTRASI" in page for page in pages), "illustrative data is marked on every page"
    site, problems = check_site(DEMO)
    assert site is not None and site.kinerja is not None and not problems.errors
    hasil = {i.kode: i for i in site.kinerja.siklus["2024"].rekap.semua_indikator()}
    iku01 = hasil["IKU-01"]
    assert iku01.indikator.triwulan is not None and iku01.indikator.triwulan.target is not None
    printed = [angka_indikator(t, iku01.indikator, peran="target") for t in iku01.indikator.triwulan.target]
    assert printed == ["80,00", "81,50", "82,50", "84,00"]
    assert " ".join(printed) in whole, "the plan's quarterly targets are the recap's"
    assert " ".join(angka_indikator(r, iku01.indikator) for r in iku01.indikator.triwulan.realisasi) in whole, "realisasi TW I-IV from the sheet"
    assert " ".join(persen_capaian(c) for c in iku01.capaian_triwulan) in whole
    for kode in ("IKU-02", "IKU-05", "IKU-09"):
        assert persen_capaian(hasil[kode].capaian) in whole, kode
    assert "Membuka loket PATEN sejak pukul 07.30" in whole and "Kasi Pelayanan" in whole
    assert "TW I–IV" in whole and "TW II, IV" in whole
    last = pages[-1]
    assert "Candipuro, 8 Januari 2024" in last and "AKHMAD KHARIRI" in last and "NIP. 19720818 199403 1 009" in last


def test_page_listed_on_home_and_in_navigation(built_demo: BuildResult) -> None:
    home = (built_demo.out_dir / "index.html").read_text(encoding="utf-8")
    page = (built_demo.out_dir / RA_DIR / "index.html").read_text(encoding="utf-8")
    assert 'href="rencana-aksi/2024/index.html"' in home and f'href="{PDF.as_posix()}" download' in home
    assert "Realisasi rencana aksi tahun 2024" in page and "Contoh ilustrasi" in page
    assert 'aria-current="page">Rencana Aksi</a>' in page


def test_quarterly_target_written_twice_must_agree() -> None:
    site, _ = check_site(DEMO)
    assert site is not None and site.kinerja is not None
    rekap = site.kinerja.siklus["2024"].rekap
    aksi = [{"uraian": "Aksi", "triwulan": ["I"], "penanggung_jawab": "Kasi"}]
    plan = RencanaAksi.model_validate({
        "tahun": 2024, "kinerja": "2024", "ditetapkan_oleh": "camat", "tempat": "Candipuro", "tanggal": "2024-01-08",
        "rencana": [
            {"indikator": "IKU-01", "target_triwulan": ["80", "81.5", "82.6", "-"], "aksi": aksi},
            {"indikator": "IKU-02", "target_triwulan": ["90", "92", "94", "95"], "aksi": aksi},
        ],
    })
    found = [(s.rencana, s.triwulan, s.tertulis, s.siklus) for s in selisih_target(rekap, plan)]
    assert found == [(0, 2, Decimal("82.6"), Decimal("82.5")), (0, 3, None, Decimal("84"))], "IKU-02: the cycle has no quarterly target, the plan's are its own"
    rows = {b.hasil.kode: b for k in susun_rencana(rekap, plan) for b in k.baris}
    assert rows["IKU-01"].dari_siklus and rows["IKU-01"].target_triwulan == (Decimal(80), Decimal("81.5"), Decimal("82.5"), Decimal(84))
    assert not rows["IKU-02"].dari_siklus and rows["IKU-02"].target_triwulan == (Decimal(90), Decimal(92), Decimal(94), Decimal(95))


def test_schedule_and_realisation_as_printed() -> None:
    aksi = Aksi.model_validate({"uraian": "Aksi", "triwulan": ["TW IV", "2", "III"], "penanggung_jawab": "Kasi", "realisasi": {"II": "Selesai"}})
    assert aksi.triwulan == [2, 3, 4] and jadwal(aksi) == "TW II–IV"
    assert jadwal(Aksi.model_validate({"uraian": "A", "triwulan": ["I", "III"], "penanggung_jawab": "K"})) == "TW I, III"
    assert [realisasi_aksi(aksi, tw) for tw in (1, 2, 3)] == ["–", "Selesai", "belum dilaporkan"]


def test_wrong_values_at_their_lines(demo_copy: Path) -> None:
    file = demo_copy / RA_DIR / "rencana-aksi.yaml"
    tw = replace_line(file, "triwulan: [II, IV]", "triwulan: [II, V]")
    koma = replace_line(file, "target_triwulan: [80, 81.5, 82.5, 84]", "target_triwulan: [80, 81,5, 82.5, 84]")
    dua = replace_line(file, "triwulan: [II, III]", "triwulan: [II, II]")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"rencana-aksi.yaml:{tw}:" in done.stderr and "triwulan 'V' tidak dikenal; tulis I, II, III atau IV" in done.stderr
    assert f"rencana-aksi.yaml:{koma}:27: rencana[1].target_triwulan: '81,5' terbaca sebagai dua nilai" in done.stderr and "pakai titik untuk desimal: 81.5" in done.stderr
    assert f"rencana-aksi.yaml:{dua}:" in done.stderr and "triwulan II tertulis dua kali" in done.stderr
    replace_line(file, "target_triwulan: [80, 81,5, 82.5, 84]", "target_triwulan: [80, 1e400, 82.5, 84]")
    done = sopgen_check(demo_copy)
    assert f"rencana-aksi.yaml:{koma}:" in done.stderr and "angka terlalu besar" in done.stderr


def test_unknown_indikator_mismatched_target_year_and_pejabat(demo_copy: Path) -> None:
    file = demo_copy / RA_DIR / "rencana-aksi.yaml"
    kode = replace_line(file, "- indikator: IKU-02", "- indikator: IKU-2")
    target = replace_line(file, "target_triwulan: [80, 81.5, 82.5, 84]", "target_triwulan: [80, 81.5, 82.6, 84]")
    pejabat = replace_line(file, "ditetapkan_oleh: camat", "ditetapkan_oleh: camatt")
    tahun = replace_line(file, "tahun: 2024", "tahun: 2025")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"rencana-aksi.yaml:{kode}:16: rencana[2].indikator: indikator 'IKU-2' tidak ada di siklus kinerja '2024'; maksud Anda 'IKU-02'?" in done.stderr
    assert (f"rencana-aksi.yaml:{target}:33: rencana[1].target_triwulan[3]: target TW III IKU-01 tertulis 82,60, sedangkan siklus kinerja '2024' mencatat 82,50"
            in done.stderr)
    assert f"rencana-aksi.yaml:{pejabat}:18: ditetapkan_oleh: pejabat 'camatt' tidak ada di pejabat.yaml; maksud Anda 'camat'?" in done.stderr
    assert f"rencana-aksi.yaml:{tahun}:8: tahun: tahun 2025 berbeda dari tahun siklus kinerja '2024' (2024)" in done.stderr


def test_empty_file_empty_plan_and_folder_without_yaml(demo_copy: Path) -> None:
    file = demo_copy / RA_DIR / "rencana-aksi.yaml"
    (demo_copy / "rencana-aksi" / "2025").mkdir()
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: text.index("rencana:")] + "rencana: []\n", encoding="utf-8")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "rencana-aksi.yaml" in done.stderr and "rencana: terlalu sedikit isinya" in done.stderr
    assert "rencana-aksi/2025:1:1: folder rencana aksi tanpa berkas rencana-aksi.yaml" in done.stderr
    file.write_text("", encoding="utf-8")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "rencana-aksi.yaml:1:1" in done.stderr and "Traceback" not in done.stderr


def test_new_rencana_aksi_checks_clean(demo_copy: Path) -> None:
    shutil.rmtree(demo_copy / "rencana-aksi")
    made = subprocess.run([sys.executable, "-m", "sopgen", "new", "rencana-aksi", "2024", "--site", str(demo_copy)], capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    assert "indikator: IKU-01" in (demo_copy / RA_DIR / "rencana-aksi.yaml").read_text(encoding="utf-8")
    done = sopgen_check(demo_copy, "--strict")
    assert done.returncode == 0, done.stderr
    missing = subprocess.run([sys.executable, "-m", "sopgen", "new", "rencana-aksi", "2031", "--site", str(demo_copy)], capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "buat dulu dengan 'sopgen new kinerja 2031'" in missing.stderr
