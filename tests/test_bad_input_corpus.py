"""The bad-input corpus: one broken file of every kind a site has, through the real command line.

Each case breaks one file of the demo as an administrator would, then runs `sopgen check` and
`sopgen build` as a person does: exit 1, the problem at the broken file and line, no traceback,
and an existing `output/` byte for byte what it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sopgen.output import MARKER

from .support import replace_line, tree_digest


def _replace(file: str, old: str, new: str) -> Callable[[Path], int]:
    return lambda site: replace_line(site / file, old, new)


def _sheet_cell(site: Path) -> int:
    sheet = site / "kinerja/2024/realisasi-triwulan.csv"
    rows = sheet.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].rsplit(";", 1)[0] + ";1e400"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 3


def _schema_and_flow(site: Path) -> int:
    """A schema error (empty nomor) must not hide the flow error reported at the returned line."""
    replace_line(site / "sop/penyusunan-sakip.yaml", "nomor: 700/16.2/SOP/427.83/2024", 'nomor: ""')
    return replace_line(site / "sop/penyusunan-sakip.yaml", "keputusan: {ya: tetapkan-pk,", "keputusan: {ya: tetapkan-pkk,")


def _comma_and_schema(site: Path) -> int:
    """A misspelt polaritas must not hide the decimal comma reported at the returned line."""
    text = (site / "kinerja/2024/kinerja.yaml").read_text(encoding="utf-8")
    (site / "kinerja/2024/kinerja.yaml").write_text(text.replace("polaritas: positif", "polaritas: positip", 1), encoding="utf-8")
    return replace_line(site / "kinerja/2024/kinerja.yaml", "            target: 82\n", "            target: 82,5\n")


def _template(site: Path) -> int:
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text('{% extends "!theme/index.html" %}\n{% block content %}\n{{ 1 / 0 }}\n{% endblock %}\n', encoding="utf-8")
    return 3


THEME = Path(__file__).resolve().parents[1] / "themes/default"


def _stylesheet(site: Path) -> int:
    """A site theme whose CSS loads a file from the network (it stopped a build with PDFs with a traceback)."""
    shutil.copytree(THEME, site / "themes/dinas")
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + "tema: dinas\n", encoding="utf-8")
    css = site / "themes/dinas/static/css/sop.css"
    css.write_text('@import url("https://contoh.invalid/huruf.css");\n' + css.read_text(encoding="utf-8"), encoding="utf-8")
    return 1


def _pdf_only_template(site: Path) -> int:
    """A runtime error in the SOP's cover, a template only the PDF uses."""
    lines = (THEME / "templates/sop_cover.html").read_text(encoding="utf-8").splitlines(keepends=True)
    (site / "templates").mkdir()
    (site / "templates/sop_cover.html").write_text("".join(lines[:3] + ["<p>{{ 1 / 0 }}</p>\n"] + lines[3:]), encoding="utf-8")
    return 4


CORPUS: dict[str, tuple[str, Callable[[Path], int]]] = {
    # case: (the file the problem is at, how it is broken -> the line it must be reported at)
    "site-kertas": ("site.yaml", _replace("site.yaml", "kertas: F4", "kertas: B5")),
    "site-empty-unit": ("site.yaml", _replace("site.yaml", "unit_kerja: Kecamatan Candipuro", "unit_kerja: ''")),
    "pejabat-nip": ("pejabat.yaml", _replace("pejabat.yaml", "status: Plt.", "status: Pt.")),
    "sop-unclosed-quote": ("sop/penyusunan-sakip.yaml", _replace("sop/penyusunan-sakip.yaml", "nama: Penyusunan SAKIP Kecamatan Candipuro", "nama: 'Penyusunan SAKIP")),
    "sop-schema-and-flow": ("sop/penyusunan-sakip.yaml", _schema_and_flow),
    "sop-control-char": ("sop/pengumpulan-data-kinerja.yaml", _replace("sop/pengumpulan-data-kinerja.yaml", "nama: Pengumpulan", "nama: Peng\x0cumpulan")),
    "kebijakan-batas": ("kinerja/kebijakan.yaml", _replace("kinerja/kebijakan.yaml", "batas_atas: 120 ", "batas_atas: seratus ")),
    "kinerja-huge": ("kinerja/2024/kinerja.yaml", _replace("kinerja/2024/kinerja.yaml", "            target: 82", "            target: 1e400")),
    "kinerja-comma-and-schema": ("kinerja/2024/kinerja.yaml", _comma_and_schema),
    "kinerja-split-decimal": ("kinerja/2024/kinerja.yaml", _replace("kinerja/2024/kinerja.yaml", "realisasi_lalu: {2021: 78.20,", "realisasi_lalu: {2021: 78,20,")),
    "kinerja-renstra": ("kinerja/2024/kinerja.yaml", _replace("kinerja/2024/kinerja.yaml", "renstra: {awal: 2021, akhir: 2026}", "renstra: {awal: 2021, akhir: 2019}")),
    "sheet-cell": ("kinerja/2024/realisasi-triwulan.csv", _sheet_cell),
    "laporan-tahun": ("laporan/2024/laporan.yaml", _replace("laporan/2024/laporan.yaml", "tahun: 2024", "tahun: 1990")),
    "laporan-markdown": ("laporan/2024/bab-4-penutup.md", _replace("laporan/2024/bab-4-penutup.md", "# A. Simpulan", "# A.\x1b Simpulan")),
    "laporan-unclosed-style": ("laporan/2024/bab-4-penutup.md", _replace("laporan/2024/bab-4-penutup.md", "# A. Simpulan", "# A. Simpulan <style>")),
    "perjanjian-key": ("perjanjian/2024/perjanjian.yaml", _replace("perjanjian/2024/perjanjian.yaml", "tempat: Lumajang", "tempta: Lumajang")),
    "template-runtime": ("templates/index.html", _template),
    "template-pdf-only": ("templates/sop_cover.html", _pdf_only_template),
    "theme-stylesheet": ("themes/dinas/static/css/sop.css", _stylesheet),
}


def _sopgen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "GITHUB_ACTIONS"}}
    return subprocess.run([sys.executable, "-m", "sopgen", *args], capture_output=True, text=True, env=env, cwd=cwd, check=False)


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_bad_input_is_a_problem_at_its_line_and_the_output_is_kept(demo_copy: Path, case: str) -> None:
    at, breaks = CORPUS[case]
    line = breaks(demo_copy)
    out = demo_copy.parent / "output"
    out.mkdir()
    (out / MARKER).write_text("lama\n", encoding="utf-8")
    (out / "index.html").write_text("<p>keluaran lama</p>\n", encoding="utf-8")
    before = tree_digest(out)
    for args in (("check", "content"), ("build", "content", "--no-pdf")):
        result = _sopgen(demo_copy.parent, *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        assert f"content/{at}:{line}:" in result.stderr, (args, line, result.stderr)
    assert tree_digest(out) == before
