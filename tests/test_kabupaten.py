"""A multi-unit site (pemda.yaml + unit/<id>/): the demo kabupaten built, its portal, recap and search,
cross-unit references, inheritance and overrides, the CLI's --unit, and every bad input at file:line."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from sopgen.build import BuildResult
from sopgen.cli import main
from sopgen.errors import ContentError
from sopgen.portal import build_kabupaten, check_kabupaten

from .conftest import DEMO_KABUPATEN
from .support_tools import artifact, chromium, served
from .test_html_valid import ERRORS, _lines, run_vnu

SOP_DINKES = "unit/dinkes/sop/rekapitulasi-data-kinerja-puskesmas.yaml"


@pytest.fixture(scope="module")
def built_kabupaten(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo kabupaten (content/) built without PDFs."""
    return build_kabupaten(DEMO_KABUPATEN, tmp_path_factory.mktemp("kabupaten") / "output", pdf=False)


@pytest.fixture
def kabupaten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo kabupaten; the current folder is its parent, so messages read 'kab/unit/...'."""
    target = tmp_path / "kab"
    shutil.copytree(DEMO_KABUPATEN, target)
    monkeypatch.chdir(tmp_path)
    return target


def errors_of(root: Path) -> list[str]:
    _, problems = check_kabupaten(root)
    return [p.format() for p in problems.sorted() if p.level.name == "ERROR"]


def line_of(file: Path, text: str) -> int:
    return next(i for i, row in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if text in row)


def test_portal_lists_units_by_jenis_with_counts(built_kabupaten: BuildResult) -> None:
    html = (built_kabupaten.out_dir / "index.html").read_text(encoding="utf-8")
    groups = re.findall(r"<h3>([^<]+)</h3>", html)
    assert groups == ["Kecamatan", "Dinas"], groups
    rows = {m[0]: [int(n) for n in re.findall(r'<td class="nomor">(\d+)</td>', m[1])]
            for m in re.findall(r'<tr data-unit="([a-z-]+)">(.*?)</tr>', html, re.S)}
    assert rows == {"candipuro": [3, 1, 1], "pasirian": [1, 1, 1], "dinkes": [1, 0, 1]}, rows  # berlaku, konsep, perlu dimonitor (silenced or not; Candipuro as of its tanggal_acuan)
    assert html.index('data-unit="candipuro"') < html.index('data-unit="pasirian"') < html.index('data-unit="dinkes"')
    assert 'href="candipuro/index.html"' in html and "(contoh ilustrasi, bukan unit dengan data resmi)" in html
    assert html.count("contoh ilustrasi, bukan unit") == 2  # Pasirian and Dinkes, not Candipuro


def test_each_unit_under_its_own_folder_links_back_to_the_portal(built_kabupaten: BuildResult) -> None:
    out = built_kabupaten.out_dir
    for unit in ("candipuro", "pasirian", "dinkes"):
        page = (out / unit / "index.html").read_text(encoding="utf-8")
        assert '<a href="../index.html">Portal Kabupaten Lumajang</a>' in page
    assert (out / "candipuro/sop/pengukuran-data-kinerja.html").is_file()
    assert (out / "candipuro/kinerja/2024/rekap-kinerja-2024.xlsx").is_file()


def test_cross_unit_keterkaitan_links_to_the_other_units_page(built_kabupaten: BuildResult) -> None:
    page = built_kabupaten.out_dir / "dinkes/sop/rekapitulasi-data-kinerja-puskesmas.html"
    link = re.search(r'<a href="([^"]+)">SOP Pengumpulan Data Kinerja \(Kecamatan Candipuro\)</a>', page.read_text(encoding="utf-8"))
    assert link, "the cross-unit keterkaitan is not a link to Candipuro's SOP"
    assert (page.parent / link[1]).resolve() == (built_kabupaten.out_dir / "candipuro/sop/pengumpulan-data-kinerja.html").resolve()


def test_one_search_index_over_every_unit_with_a_unit_filter(built_kabupaten: BuildResult) -> None:
    out = built_kabupaten.out_dir
    for unit, nama in (("candipuro", "Kecamatan Candipuro"), ("dinkes", "Dinas Kesehatan")):
        assert f'<meta name="unit-kerja" data-pagefind-filter="unit[content]" content="{nama}">' in (out / unit / "sop").glob("*.html").__next__().read_text(encoding="utf-8")
    assert list((out / "pagefind" / "filter").glob("*.pf_filter")), "the portal's index has no filter"
    assert (out / "cari.html").is_file()


def _sasaran(sheet: Any) -> list[tuple[Any, Any, Any]]:
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    return [(r.get("Tingkat"), r.get("Kode") or "", r.get("Capaian (%)")) for r in rows if r.get("Tingkat") in ("sasaran", "unit kerja")]


def test_kabupaten_recap_equals_each_units_recap(built_kabupaten: BuildResult) -> None:
    out = built_kabupaten.out_dir
    book = openpyxl.load_workbook(out / "kinerja/2024/rekap-kinerja-kabupaten-2024.xlsx")
    names = {"Kecamatan Candipuro": "candipuro", "Kecamatan Pasirian": "pasirian", "Dinas Kesehatan": "dinkes"}
    header = [c.value for c in book["Sasaran"][1]]
    by_unit: dict[str, list[tuple[Any, Any, Any]]] = {}
    for row in book["Sasaran"].iter_rows(min_row=2):
        r = dict(zip(header, (c.value for c in row)))
        by_unit.setdefault(names[str(r["Unit kerja"])], []).append((r["Tingkat"], r["Kode"] or "", r["Capaian (%)"]))
    assert set(by_unit) == set(names.values())
    for unit, rows in by_unit.items():
        own = _sasaran(openpyxl.load_workbook(out / unit / "kinerja/2024/rekap-kinerja-2024.xlsx")["Sasaran"])
        assert rows == own, unit
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    assert page.count('class="baris-jumlah"') == 3 and "rekap-kinerja-kabupaten-2024.xlsx" in page


def test_kabupaten_recap_keeps_hostile_text_as_text(kabupaten: Path, tmp_path: Path) -> None:
    plan = kabupaten / "unit/dinkes/kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("uraian: Meningkatnya mutu pelayanan kesehatan dasar", "uraian: '=HYPERLINK(\"https://x.invalid\")'"), encoding="utf-8")
    out = build_kabupaten(kabupaten, tmp_path / "out", pdf=False).out_dir
    cells = [c for row in openpyxl.load_workbook(out / "kinerja/2024/rekap-kinerja-kabupaten-2024.xlsx")["Sasaran"] for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_unit_override_of_the_predikat_scale_applies_to_that_unit_only(kabupaten: Path) -> None:
    pemda = kabupaten / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8").replace("  desimal: 2\n", "  desimal: 2\n  predikat: [{batas: 90, label: Memuaskan}, {batas: 70, label: Baik}]\n  predikat_terendah: Kurang\n"), encoding="utf-8")
    (kabupaten / "unit/dinkes/kinerja/kebijakan.yaml").write_text("predikat: [{batas: 75, label: Berhasil}]\npredikat_terendah: Belum Berhasil\n", encoding="utf-8")
    kab, problems = check_kabupaten(kabupaten)
    assert kab is not None and not problems.errors, [p.format() for p in problems.errors]
    predikat = {u: next(iter(s.kinerja.siklus.values())).rekap.capaian.predikat for u, s in kab.sites.items() if u != "candipuro"}
    # Pasirian 84.6/80 -> 100 (cap of pemda.yaml) Memuaskan; Dinkes 78.2/80 = 97.75 on its own scale: Berhasil
    assert predikat == {"pasirian": "Memuaskan", "dinkes": "Berhasil"}, predikat
    assert kab.sites["dinkes"].kinerja.kebijakan.batas_atas == 100  # the fields it does not write stay pemda's
    assert kab.sites["candipuro"].kinerja.kebijakan.batas_atas == 120  # Candipuro's own kebijakan.yaml


def test_units_inherit_pemda_settings(kabupaten: Path) -> None:
    pemda = kabupaten / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8").replace("kertas: F4", "kertas: A4\nkop: Pemerintah Kabupaten Lumajang Provinsi Jawa Timur"), encoding="utf-8")
    kab, problems = check_kabupaten(kabupaten)
    assert kab is not None and not problems.errors
    pasirian, candipuro = kab.sites["pasirian"].config, kab.sites["candipuro"].config
    assert (pasirian.instansi.pemerintah, pasirian.kertas, pasirian.instansi.penerbit) == ("Kabupaten Lumajang", "A4", "Pemerintah Kabupaten Lumajang Provinsi Jawa Timur")
    assert candipuro.kertas == "F4"  # its site.yaml writes its paper


def test_units_without_a_logo_print_pemdas(built_kabupaten: BuildResult) -> None:
    out = built_kabupaten.out_dir
    pemda_logo = (DEMO_KABUPATEN / "assets/logo-pengganti.svg").read_bytes()
    for unit in ("pasirian", "dinkes"):  # their site.yaml writes no logo
        assert (out / unit / "assets/logo-pengganti.svg").read_bytes() == pemda_logo, unit
        home = (out / unit / "index.html").read_text(encoding="utf-8")
        assert '<img class="unit-logo" src="assets/logo-pengganti.svg" alt="Logo Kabupaten Lumajang (gambar pengganti, bukan lambang resmi)"' in home, unit
    sop = (out / "dinkes/sop/rekapitulasi-data-kinerja-puskesmas.html").read_text(encoding="utf-8")
    assert 'src="../assets/logo-pengganti.svg"' in sop


def test_a_unit_logo_wins_over_pemdas_and_a_same_named_file_is_warned(kabupaten: Path) -> None:
    assets = kabupaten / "unit/dinkes/assets"
    assets.mkdir()
    (assets / "logo-pengganti.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="12"/>', encoding="utf-8")
    kab, problems = check_kabupaten(kabupaten)
    assert kab is not None and not problems.errors
    warned = [p.format() for p in problems.warnings if p.code == "logo-unit"]
    assert len(warned) == 1 and "kab/unit/dinkes/site.yaml:" in warned[0] and "mewarisi 'assets/logo-pengganti.svg'" in warned[0], warned
    assert kab.sites["dinkes"].logo_file == (assets / "logo-pengganti.svg")
    site = kabupaten / "unit/pasirian/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("instansi:\n", "instansi:\n  logo: assets/tidak-ada.svg\n", 1), encoding="utf-8")
    assert any("kab/unit/pasirian/site.yaml:" in e and "berkas 'assets/tidak-ada.svg' tidak ditemukan" in e for e in errors_of(kabupaten))


def test_a_unit_inherits_pemdas_logo_into_its_pdf(kabupaten: Path, tmp_path: Path) -> None:
    """The unit's own output holds the logo, so its PDFs (which read only the unit's output) print it."""
    pemda = kabupaten / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8").replace("logo_pengganti: true", "logo_pengganti: false"), encoding="utf-8")
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", "kab", "--unit", "dinkes", "--out", str(out)], catch_exceptions=False)
    pdf = out / "sop/rekapitulasi-data-kinerja-puskesmas.pdf"
    assert pdf.is_file()
    from pypdf import PdfReader

    cover = PdfReader(pdf).pages[0].extract_text()
    assert "LOGO\nPENGGANTI" in cover  # the text drawn inside pemda.yaml's SVG: the logo is on the cover
    assert "Logo pengganti, bukan" not in cover  # the marker follows pemda.yaml's logo_pengganti
    assert (out / "assets/logo-pengganti.svg").is_file()


def test_wrong_cross_unit_reference_at_its_line_with_did_you_mean(kabupaten: Path) -> None:
    sop = kabupaten / SOP_DINKES
    sop.write_text(sop.read_text(encoding="utf-8").replace("candipuro/pengumpulan-data-kinerja", "candipro/pengumpulan-data-kinerja"), encoding="utf-8")
    line = line_of(sop, "candipro/")
    assert f"kab/{SOP_DINKES}:{line}:5: keterkaitan[1]: unit 'candipro' tidak ada di folder unit/; maksud Anda 'candipuro'?" in errors_of(kabupaten)
    sop.write_text(sop.read_text(encoding="utf-8").replace("candipro/pengumpulan-data-kinerja", "candipuro/pengumpulan-data-kinerjaa"), encoding="utf-8")
    assert (f"kab/{SOP_DINKES}:{line}:5: keterkaitan[1]: SOP 'pengumpulan-data-kinerjaa' tidak ada di unit 'candipuro'; "
            "maksud Anda 'pengumpulan-data-kinerja'?") in errors_of(kabupaten)


def test_cross_unit_reference_in_the_sop_form(kabupaten: Path) -> None:
    sop = kabupaten / SOP_DINKES
    sop.write_text(sop.read_text(encoding="utf-8").replace("  - candipuro/pengumpulan-data-kinerja", "  - sop: pasirian/pelayanan-surat"), encoding="utf-8")
    line = line_of(sop, "sop: pasirian/")
    assert [e for e in errors_of(kabupaten) if "keterkaitan" in e] == [
        f"kab/{SOP_DINKES}:{line}:5: keterkaitan[1]: SOP 'pelayanan-surat' tidak ada di unit 'pasirian'; maksud Anda 'pelayanan-surat-keterangan'?"]


def test_bad_unit_folders(kabupaten: Path) -> None:
    (kabupaten / "unit/Dinas Sosial").mkdir()
    (kabupaten / "unit/Dinas Sosial/site.yaml").write_text("instansi: {unit_kerja: Dinas Sosial, alamat: Lumajang}\n", encoding="utf-8")
    (kabupaten / "unit/bappeda").mkdir()
    found = errors_of(kabupaten)
    assert "kab/unit/Dinas Sosial:1:1: nama folder unit 'Dinas Sosial' tidak dapat menjadi id unit; pakai huruf kecil, angka, dan '-' saja (paling banyak 63), mis. 'dinas-sosial'." in found
    assert "kab/unit/bappeda:1:1: folder unit tanpa berkas site.yaml; tambahkan site.yaml (instansi unit ini) atau hapus folder ini." in found


def test_no_units(kabupaten: Path) -> None:
    shutil.rmtree(kabupaten / "unit")
    assert errors_of(kabupaten) == [f"kab/pemda.yaml:{line_of(kabupaten / 'pemda.yaml', 'pemerintah:')}:1: belum ada unit di folder unit/; buat folder unit/<id-unit>/ berisi site.yaml, mis. unit/candipuro/site.yaml."]


@pytest.mark.parametrize(("text", "expected"), [
    ("pemerintahan: Kabupaten Lumajang\n", r"kab/pemda.yaml:\d+:1: pemerintahan: .*maksud Anda 'pemerintah'"),
    ("kertas: Letter\n", r"kab/pemda.yaml:\d+:9: kertas: "),
    ("logo: assets/tidak-ada.svg\n", r"kab/pemda.yaml:\d+:7: logo: berkas 'assets/tidak-ada.svg' tidak ditemukan"),
    ("kebijakan: {predikat: [{batas: 50, label: A}, {batas: 70, label: B}]}\n", r"kab/pemda.yaml:\d+:\d+: kebijakan.predikat: batas skala predikat harus menurun"),
])
def test_bad_pemda_yaml(kabupaten: Path, text: str, expected: str) -> None:
    (kabupaten / "pemda.yaml").write_text("pemerintah: Kabupaten Lumajang\nalamat: Lumajang\n" + text, encoding="utf-8")
    found = errors_of(kabupaten)
    assert any(re.match(expected, e) for e in found), found


def test_pemda_yaml_missing_field(kabupaten: Path) -> None:
    pemda = kabupaten / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8").replace("pemerintah: Kabupaten Lumajang\n", ""), encoding="utf-8")
    assert any(e.startswith("kab/pemda.yaml:") and "pemerintah" in e for e in errors_of(kabupaten))


def test_unit_naming_another_pemerintah_conflicts(kabupaten: Path) -> None:
    site = kabupaten / "unit/pasirian/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("instansi:\n", "instansi:\n  pemerintah: Kabupaten Jember\n"), encoding="utf-8")
    assert errors_of(kabupaten) == [
        f"kab/unit/pasirian/site.yaml:{line_of(site, 'Jember')}:15: instansi.pemerintah: 'Kabupaten Jember' berbeda dengan pemerintah di pemda.yaml ('Kabupaten Lumajang'); "
        "hapus baris ini (unit mewarisi pemerintah dari pemda.yaml) atau samakan penulisannya."]


def test_cli_check_and_build_one_unit(kabupaten: Path, tmp_path: Path) -> None:
    sop = kabupaten / "unit/pasirian/sop/pelayanan-surat-keterangan.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("disahkan_oleh: camat", "disahkan_oleh: camatt"), encoding="utf-8")
    runner = CliRunner()
    whole = runner.invoke(main, ["check", "kab"])
    assert whole.exit_code == 1 and "kab/unit/pasirian/sop/pelayanan-surat-keterangan.yaml:" in whole.stderr and "unit pasirian: 1 masalah" in whole.stderr, whole.stderr
    own = runner.invoke(main, ["check", "kab", "--unit", "dinkes"])
    assert own.exit_code == 0 and "pasirian" not in own.stderr, own.stderr
    wrong = runner.invoke(main, ["check", "kab", "--unit", "dinkess"])
    assert wrong.exit_code == 2 and "maksud Anda 'dinkes'?" in wrong.stderr, wrong.stderr
    built = runner.invoke(main, ["build", "kab", "--unit", "dinkes", "--no-pdf", "--out", str(tmp_path / "pratinjau")])
    assert built.exit_code == 0, built.stderr
    assert (tmp_path / "pratinjau/sop/rekapitulasi-data-kinerja-puskesmas.html").is_file() and not (tmp_path / "pratinjau/candipuro").exists()
    single = runner.invoke(main, ["check", "kab/unit/candipuro", "--unit", "x"])
    assert single.exit_code == 2 and "--unit hanya untuk situs banyak unit" in single.stderr


def _links_leaving(out: Path) -> list[str]:
    """Relative href/src of the pages under ``out`` that point outside ``out``."""
    leaving = []
    for page in out.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if "://" not in target and not target.startswith(("data:", "mailto:")) and not (page.parent / target).resolve().is_relative_to(out.resolve()):
                leaving.append(f"{page.relative_to(out)}: {target}")
    return leaving


def test_a_units_own_preview_links_nothing_outside_it(kabupaten: Path, tmp_path: Path) -> None:
    """build --unit X writes that unit alone: the portal and other units are not there to link to."""
    runner = CliRunner()
    alone = tmp_path / "alone"
    assert runner.invoke(main, ["build", "kab", "--unit", "dinkes", "--no-pdf", "--out", str(alone)]).exit_code == 0
    assert _links_leaving(alone) == []
    sop = (alone / "sop/rekapitulasi-data-kinerja-puskesmas.html").read_text(encoding="utf-8")
    assert sop.count("SOP Pengumpulan Data Kinerja (Kecamatan Candipuro)") >= 1  # the other unit's title, as in the full build
    assert "candipuro/pengumpulan-data-kinerja" not in sop
    pemda = kabupaten / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8") + "alamat_situs: https://sop.lumajang.example.go.id/\n", encoding="utf-8")
    published = tmp_path / "published"
    assert runner.invoke(main, ["build", "kab", "--unit", "dinkes", "--no-pdf", "--out", str(published)]).exit_code == 0
    sop = (published / "sop/rekapitulasi-data-kinerja-puskesmas.html").read_text(encoding="utf-8")
    assert 'href="https://sop.lumajang.example.go.id/candipuro/sop/pengumpulan-data-kinerja.html"' in sop
    assert 'href="https://sop.lumajang.example.go.id/index.html">Portal Kabupaten Lumajang</a>' in sop
    whole = tmp_path / "whole"
    assert runner.invoke(main, ["build", "kab", "--no-pdf", "--out", str(whole)]).exit_code == 0
    sop = (whole / "dinkes/sop/rekapitulasi-data-kinerja-puskesmas.html").read_text(encoding="utf-8")
    assert 'href="../../candipuro/sop/pengumpulan-data-kinerja.html"' in sop and 'href="../../index.html">Portal' in sop


def test_a_failed_unit_writes_nothing(kabupaten: Path, tmp_path: Path) -> None:
    (kabupaten / "unit/dinkes/pejabat.yaml").write_text("kepala_dinas: {jabatan: Kepala Dinas}\n", encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        build_kabupaten(kabupaten, tmp_path / "out", pdf=False)
    assert all(p.path.startswith("kab/unit/dinkes/") for p in failed.value.problems if p.level.name == "ERROR")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def portal_url(built_kabupaten: BuildResult) -> Iterator[str]:
    with served(built_kabupaten.out_dir) as base:
        yield base


@pytest.mark.parametrize("width", [1280, 390])
def test_portal_in_chromium(portal_url: str, width: int) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in ("index.html", "kinerja/2024/index.html", "candipuro/index.html"):
            page.goto(portal_url + path)
            page.screenshot(path=str(artifact(f"portal-{path.replace('/', '-')}-{width}.png")), full_page=True)
        page.goto(portal_url + "index.html")
        page.click("text=Kecamatan Candipuro")
        assert page.url.endswith("/candipuro/index.html")
        if width < 640:  # on a phone the navigation folds behind the header's Menu button
            page.click("text=Menu")
        page.click("text=Portal Kabupaten Lumajang")
        assert page.url.rstrip("/").endswith(("index.html", portal_url.rstrip("/").rsplit("/", 1)[-1]))
        assert errors == []



def test_every_page_of_the_kabupaten_is_valid_html(built_kabupaten: BuildResult) -> None:
    pages = {built_kabupaten.out_dir / name for name in built_kabupaten.files if name.endswith(".html")}
    assert {p.relative_to(built_kabupaten.out_dir).as_posix() for p in pages} >= {"index.html", "cari.html", "kinerja/2024/index.html", "dinkes/index.html"}
    checked, messages = run_vnu("--skip-non-html", str(built_kabupaten.out_dir))
    assert checked == {p.resolve() for p in pages}
    errors = [m for m in messages if m.get("type") in ERRORS]
    assert not errors, "\n".join(_lines(errors))


@pytest.mark.parametrize("path", ["index.html", "kinerja/2024/index.html"])
def test_portal_pages_do_not_scroll_sideways_on_a_phone(portal_url: str, path: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(portal_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_portal_search_filters_by_unit(portal_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(portal_url + "cari.html?q=kinerja")
        page.wait_for_selector(".pagefind-ui__result", timeout=30000)
        units = page.locator(".pagefind-ui__filter-value").all_inner_texts()
        assert any(u.startswith("Dinas Kesehatan") for u in units) and any(u.startswith("Kecamatan Candipuro") for u in units), units
        page.get_by_label(re.compile("^Dinas Kesehatan")).check()
        page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.startsWith('Ditemukan 2')", timeout=30000)
        page.wait_for_function("[...document.querySelectorAll('.pagefind-ui__result-title')].every(t => !t.innerText.startsWith('. .'))", timeout=30000)
        links = [a.get_attribute("href") or "" for a in page.locator(".pagefind-ui__result-link").all()]
        assert links and all("/dinkes/" in link for link in links), links
