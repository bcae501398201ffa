"""The recap as it is read: programs in kode order, no budget section without a budget, negatif indicators marked in the chart, {{ rumus }}."""

from __future__ import annotations

from pathlib import Path

from sopgen.build import BuildResult, build_site, check_site
from sopgen.content.vocabulary import NILAI, ValueInput
from sopgen.domain.rekap import urutan_kode
from sopgen.render import format as printer

from .conftest import DEMO
from .support import rencana_kinerja, small_site, write_site


def test_programs_in_kode_order() -> None:
    """The demo writes 7.01.02 (under S1.1) before 7.01.01 (under S1.2); budget tables list 7.01.01 first."""
    site, _ = check_site(DEMO)
    assert [p.program.kode for p in site.kinerja.siklus["2024"].rekap.programs] == ["7.01.01", "7.01.02", "7.01.03", "7.01.04"]
    assert sorted(["7.01.10", "7.01.2", "7.01.02.1"], key=urutan_kode) == ["7.01.2", "7.01.02.1", "7.01.10"]


def test_no_budget_section_for_a_unit_without_budget_data(tmp_path: Path) -> None:
    root = small_site(tmp_path / "content", sops=0)
    plan = rencana_kinerja("          - kode: A\n            nama: Indeks\n            satuan: poin\n            sumber_data: Survei\n            target: 80\n            realisasi: 84\n")
    write_site(root, {"kinerja/2024/kinerja.yaml": plan})
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    assert "Capaian kinerja" in page and "105,00%" in page  # 84 / 80 × 100 = 105
    assert "Serapan anggaran" not in page and "dari Rp0" not in page and 'id="anggaran"' not in page


def test_the_bar_chart_marks_lower_is_better(built_demo: BuildResult) -> None:
    """IKU-03 (pengaduan) and IKU-09 (konflik sosial) are the demo's negatif indicators."""
    page = (built_demo.out_dir / "kinerja/2024/index.html").read_text(encoding="utf-8")
    chart = page[page.index("<svg"):page.index("</svg>")]
    assert chart.count("(makin rendah makin baik)") == 2


def test_rumus_directive_prints_the_recaps_formula() -> None:
    site, _ = check_site(DEMO)
    rekap = site.kinerja.siklus["2024"].rekap
    entri = {i.kode: i for i in rekap.semua_indikator()}

    def rumus(kode: str) -> str:
        return NILAI["rumus"].text(ValueInput(entri[kode], rekap, None, {}, printer))

    assert rumus("IKU-01") == "R / T × 100"
    assert rumus("IKU-03") == "(2 × T − R) / T × 100"
    assert rumus("IKU-09") == "T / R × 100"
    assert rumus("IKU-07") == "R / T × 100"  # realisasi belum tersedia: the formula it will be scored with
