"""The narrative's qualitative sentences bound to the data: ``{{ status KODE }}`` prints 'melampaui
target', 'mencapai target' or 'belum mencapai target' from the capaian as printed, and a hand-typed
'melampaui target' beside an indicator that did not is a warning at its line.

Figures by hand from the demo's 2024 cycle: IKU-01 83,40 / 82,00 = 101,71 %; IKU-03 negatif
(2 × 20 − 14) / 20 = 130 %, capped at 120 %; IKU-04 BB against BB = 100 %; IKU-05 87,5 / 100 = 87,50 %;
IKU-09 T / R = 4 / 5 = 80,00 %; IKU-07 has no realisasi; sasaran S1.2 (100 + 87,50) / 2 = 93,75 %.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopgen.build import check_site
from sopgen.output import BuildResult
from sopgen.render.env import make_env
from sopgen.render.laporan_data import RekapSource

from .conftest import DEMO
from .support import replace_line
from .test_laporan_sumber import BAB3, SHOWN, append_lines, problems_of

KINERJA = "kinerja/2024/kinerja.yaml"


def _status(site_dir: Path, kode: str | None) -> str:
    """What ``{{ status KODE }}`` prints, through the report's own data source."""
    site, problems = check_site(site_dir)
    assert site is not None and not problems.errors, [p.format() for p in problems.errors]
    doc = site.laporan["2024"]
    source = RekapSource(site.kinerja.siklus["2024"], make_env(site), site.config, doc.model.standar_nasional)
    return source.nilai("status", kode, None)


@pytest.mark.parametrize(("kode", "words"), [
    ("IKU-01", "melampaui target"),
    ("IKU-03", "melampaui target"),
    ("IKU-04", "mencapai target"),
    ("IKU-05", "belum mencapai target"),
    ("IKU-09", "belum mencapai target"),
    ("IKU-07", "belum dapat diukur"),
    ("S1.2", "belum mencapai target"),
    ("S1.1", "melampaui target"),
    (None, "belum mencapai target"),
])
def test_status_of_the_demo_cycle(kode: str | None, words: str) -> None:
    assert _status(DEMO, kode) == words


@pytest.mark.parametrize(("realisasi", "words"), [
    ("94.9962", "mencapai target"),  # 99,996 % is printed 100,00 %: the words follow the printed figure, as the predikat does
    ("94.99", "belum mencapai target"),  # 99,989 % is printed 99,99 %
    ("95", "mencapai target"),
])
def test_status_follows_the_printed_figure(demo_copy: Path, realisasi: str, words: str) -> None:
    replace_line(demo_copy / KINERJA, "            realisasi: 97.25", f"            realisasi: {realisasi}")
    assert _status(demo_copy, "IKU-02") == words


def test_demo_narrative_prints_the_status(built_demo: BuildResult) -> None:
    page = (built_demo.out_dir / "laporan/2024/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "IKM melampaui target: realisasinya 83,40 poin dari target 82,00 poin (101,71%)" in text
    assert "sehingga indikator ini belum mencapai target dengan capaian 87,50%" in text


def test_unknown_kode_at_its_line_with_did_you_mean(demo_copy: Path) -> None:
    line = append_lines(demo_copy / BAB3, "Indikator ini {{ status IKU-5 }}.")
    assert f"{SHOWN}:{line}:15: status: kode 'IKU-5' tidak ada pada data kinerja; maksud Anda 'IKU-05'?" in problems_of(demo_copy)


def test_typed_words_that_contradict_the_data_warn_at_their_line(demo_copy: Path) -> None:
    line = append_lines(
        demo_copy / BAB3,
        "Dokumen kinerja tepat waktu ({{ capaian IKU-05 }}) melampaui target; konflik sosial IKU-09",
        "juga mencapai target. Nilai SAKIP IKU-04 mencapai target, IKM {{ realisasi IKU-01 }} melampaui target.",
    )
    _, problems = check_site(demo_copy)
    found = [p.format() for p in problems.sorted() if p.code == "status-kalimat"]
    assert found == [
        f"{SHOWN}:{line}:52: peringatan: kalimat menyebut 'melampaui target', padahal IKU-05 belum mencapai target; tulis {{{{ status IKU-05 }}}} agar kalimat mengikuti data.",
        f"{SHOWN}:{line + 1}:6: peringatan: kalimat menyebut 'mencapai target', padahal IKU-09 belum mencapai target; tulis {{{{ status IKU-09 }}}} agar kalimat mengikuti data.",
    ]
    assert not problems.errors


def test_words_said_of_no_kode_or_true_of_it_stay_silent(demo_copy: Path) -> None:
    append_lines(
        demo_copy / BAB3,
        "Penanganan gangguan melampaui target. IKU-05 belum mencapai target, sedangkan IKU-01 melampaui target.",
        "",
        "IKU-07 tidak melampaui target; IKU-03 mencapai target.",
    )
    assert [p for p in problems_of(demo_copy) if "kalimat menyebut" in p] == []
