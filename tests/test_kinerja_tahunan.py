"""Several years side by side: a cycle reads the earlier cycles of the site by indicator kode."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal as D
from pathlib import Path

from sopgen.build import BuildResult, build_site, check_site

from .support import lines_with, rencana_kinerja, small_site, write_site

PLAN = rencana_kinerja("""\
          - kode: IKU-1
            nama: Indeks Kepuasan Masyarakat
            satuan: poin
            sumber_data: Survei kepuasan
            target: {target1}
            realisasi: {realisasi1}
{lalu1}
          - kode: IKU-2
            nama: Jumlah pengaduan layanan
            satuan: pengaduan
            polaritas: negatif
            desimal: 0
            sumber_data: Register pengaduan
            target: {target2}
            realisasi: {realisasi2}
{extra2}
""", tahun="{tahun}", kepala="{kepala}")


def two_cycles(tmp_path: Path, lalu1: str = "", sebelum: Mapping[str, object] | None = None, **tahun_ini: object) -> Path:
    """A 2023 and a 2024 cycle; ``sebelum`` and ``tahun_ini`` override the slots of :data:`PLAN` of 2023 and 2024."""
    root = small_site(tmp_path / "content", sops=0)
    lalu = {"tahun": 2023, "kepala": "", "target1": 80, "realisasi1": 76, "lalu1": "", "target2": 25, "realisasi2": 24, "extra2": "", **(sebelum or {})}
    sekarang = {**lalu, "kepala": "", "extra2": "", "tahun": 2024, "realisasi1": 84, "lalu1": lalu1, "target2": 20, "realisasi2": 14, **tahun_ini}
    return write_site(root, {"kinerja/2023/kinerja.yaml": PLAN.format(**lalu), "kinerja/2024/kinerja.yaml": PLAN.format(**sekarang)})


def test_a_cycle_reads_the_earlier_cycles_targets_realisasi_and_capaian(tmp_path: Path) -> None:
    root = two_cycles(tmp_path, lalu1="            realisasi_lalu: {2022: 70}")
    site, problems = check_site(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    siklus = site.kinerja.siklus["2024"]
    years = {y.tahun: y for y in siklus.rekap.riwayat["IKU-1"]}
    # 2022 only typed: its realisasi, no target nor capaian
    assert (years[2022].target, years[2022].realisasi, years[2022].capaian) == (None, 70, None)
    # 2023 from its cycle: 76 / 80 × 100 = 95;  2024: 84 / 80 × 100 = 105
    assert (years[2023].target, years[2023].realisasi, years[2023].capaian.bulat, years[2023].siklus) == (80, 76, D("95.00"), "2023")
    assert (years[2024].target, years[2024].realisasi, years[2024].capaian.bulat) == (80, 84, D("105.00"))
    aduan = {y.tahun: y for y in siklus.rekap.riwayat["IKU-2"]}
    # negatif: 2023 (2 × 25 − 24) / 25 × 100 = 26 / 25 × 100 = 104;  2024 (2 × 20 − 14) / 20 × 100 = 130
    assert aduan[2023].capaian.bulat == D("104.00") and aduan[2024].capaian.bulat == D("130.00")
    # every comparison reads the same figure: the model's realisasi_lalu holds 2023 from its cycle
    assert siklus.model.tujuan[0].sasaran[0].indikator[0].realisasi_lalu == {2022: 70, 2023: 76}
    assert siklus.asal("IKU-1", "realisasi_lalu", "2023") == "siklus 2023"


def test_the_side_by_side_table_on_the_recap_page(tmp_path: Path) -> None:
    root = two_cycles(tmp_path)
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="rekap tahunan"'):]
    table = table[:table.index("</table>")]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>.*?</td>", table, re.S)]
    # Kode, nama, satuan, then T R C 2023, T R C 2024, tren (IKU-1 84 − 76 = +8, positif: membaik;
    # IKU-2 14 − 24 = −10, negatif: membaik)
    assert cells[:10] == ["IKU-1", "Indeks Kepuasan Masyarakat", "poin", "80,00", "76,00", "95,00%", "80,00", "84,00", "105,00%", "+8,00 (membaik)"]
    assert cells[10:] == ["IKU-2", "Jumlah pengaduan layanan", "pengaduan", "25", "24", "104,00%", "20", "14", "130,00%", "−10 (membaik)"]
    # the earlier cycle has no earlier year: no side-by-side section
    assert 'class="rekap tahunan"' not in (out / "kinerja/2023/index.html").read_text(encoding="utf-8")


def test_a_typed_realisasi_lalu_must_agree_with_its_years_cycle(tmp_path: Path) -> None:
    root = two_cycles(tmp_path, lalu1="            realisasi_lalu: {2023: 77}")
    line = lines_with(root / "kinerja/2024/kinerja.yaml", "realisasi_lalu: {2023: 77}")[0]
    _, problems = check_site(root)
    assert [p.format() for p in problems.errors] == [
        f"content/kinerja/2024/kinerja.yaml:{line}:36: tujuan[1].sasaran[1].indikator[1].realisasi_lalu.2023: "
        "realisasi 2023 IKU-1 tertulis 77, tetapi siklus 2023 mencatat 76; "
        "hapus tahun 2023 dari realisasi_lalu (dibaca dari siklus 2023), atau perbaiki angka yang salah."
    ]


def test_a_typed_realisasi_lalu_that_agrees_is_accepted(tmp_path: Path) -> None:
    """76.00 and 76 are the same figure."""
    root = two_cycles(tmp_path, lalu1="            realisasi_lalu: {2023: 76.00}")
    assert not check_site(root)[1].errors


def test_the_demo_reads_2023_from_its_cycle_in_the_report(built_demo: BuildResult) -> None:
    """content/kinerja/2023 is the demo's earlier cycle; the 2024 YAML no longer types 2023."""
    laporan = (built_demo.out_dir / "laporan/2024/index.html").read_text(encoding="utf-8")
    assert "Target, Realisasi dan Capaian Indikator Kinerja Sasaran per Tahun sampai 2024" in laporan
    # {{ realisasi IKU-02 2023 }} in bab 3: 94,80 from content/kinerja/2023/kinerja.yaml
    assert '<span class="nilai" title="realisasi IKU-02 2023">94,80%</span>' in laporan
    rekap_2023 = (built_demo.out_dir / "kinerja/2023/index.html").read_text(encoding="utf-8")
    assert "Data ilustrasi, bukan data resmi" in rekap_2023
