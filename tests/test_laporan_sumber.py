"""Mistakes and hostile input in the report's Markdown are reported at their file and line.

An unknown indicator fails the build with a did-you-mean; a script, an event attribute or a
javascript: link is removed from the page and reported; an image outside the site folder (or on
the network) is an error at its line and is never fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.build import build_site, check_site
from sopgen.content.directives import Directive, Katalog, check, scan
from sopgen.content.markdown_safety import scan as scan_html
from sopgen.errors import ContentError, Level, Problems
from sopgen.render.markdown_data import clean

from .support import sopgen_check

BAB3 = "laporan/2024/bab-3-akuntabilitas-kinerja.md"
SHOWN = f"content/{BAB3}"


def append_lines(file: Path, *lines: str) -> int:
    """Append lines to a Markdown part; return the 1-based number of the first one."""
    text = file.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    first = text.count("\n") + 2
    file.write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return first


def problems_of(site: Path) -> list[str]:
    _, problems = check_site(site)
    return [p.format() for p in problems.sorted()]


def test_demo_report_is_clean(demo_copy: Path) -> None:
    assert problems_of(demo_copy) == []


def test_unknown_indicator_fails_at_its_line_with_did_you_mean(demo_copy: Path) -> None:
    line = append_lines(demo_copy / BAB3, "Capaian indikator ini {{ capaian IKU-O1 }} dan tabel {{ ref tabel renstra S1.3 }}.", "", "{{ tabel capain S1.1 }}")
    found = problems_of(demo_copy)
    assert f"{SHOWN}:{line}:23: capaian: kode 'IKU-O1' tidak ada pada data kinerja; maksud Anda 'IKU-01'?" in found
    assert any(p.startswith(f"{SHOWN}:{line}:") and "ref: tidak ada tabel atau gambar 'tabel renstra S1.3' dalam laporan ini; maksud Anda 'tabel renstra S1.2'?" in p for p in found)
    assert any(p.startswith(f"{SHOWN}:{line + 2}:1: tabel: jenis tabel 'capain' tidak dikenal; maksud Anda 'capaian'?") for p in found)
    with pytest.raises(ContentError):
        build_site(demo_copy, demo_copy.parent / "out", pdf=False)
    assert not (demo_copy.parent / "out").exists(), "nothing is written when the narrative names a missing indicator"


def test_cli_check_exits_1_with_the_location(demo_copy: Path) -> None:
    line = append_lines(demo_copy / BAB3, "Nilai {{ predikat S9.9 }}.")
    run = sopgen_check(demo_copy)
    assert run.returncode == 1
    assert f"{SHOWN}:{line}:7: predikat: kode 'S9.9' tidak ada pada data kinerja" in run.stderr


def test_script_event_attribute_and_javascript_link_are_removed_and_reported(demo_copy: Path, tmp_path: Path) -> None:
    line = append_lines(
        demo_copy / BAB3,
        "<script>alert('x')</script>",
        "Paragraf dengan <b onclick=\"alert(1)\">tebal</b> dan [tautan](javascript:alert(1)).",
        "<a href=\"jav&#x61;script:alert(2)\">lagi</a>",
    )
    found = problems_of(demo_copy)
    assert f"{SHOWN}:{line}:1: peringatan: tag <script> dibuang beserta isinya; narasi laporan tidak boleh memuat skrip atau konten tersemat." in found
    assert any(p.startswith(f"{SHOWN}:{line + 1}:17: peringatan: atribut onclick pada <b> dibuang") for p in found)
    assert any(p.startswith(f"{SHOWN}:{line + 1}:") and "tautan 'javascript:alert(1)' dibuang" in p for p in found)
    assert any(p.startswith(f"{SHOWN}:{line + 2}:1:") and "tautan 'javascript:alert(2)' dibuang" in p for p in found)
    result = build_site(demo_copy, tmp_path / "out", pdf=False)
    page = (tmp_path / "out/laporan/2024/index.html").read_text(encoding="utf-8")
    body = page.split('class="laporan-halaman"')[1]
    assert "alert" not in body and "onclick" not in body and "javascript:" not in body.lower()
    assert "<b>tebal</b>" in body, "the harmless part of the HTML is kept"
    assert all(w.level is Level.WARNING for w in result.warnings if w.path == SHOWN)


@pytest.mark.parametrize("image", ["/etc/passwd", "../../../etc/passwd", "http://contoh.go.id/logo.png", "file:///etc/passwd", "assets/tidak-ada.png"])
def test_image_outside_the_site_is_an_error_at_its_line(demo_copy: Path, image: str) -> None:
    line = append_lines(demo_copy / BAB3, f"Teks ![gambar]({image})", "", f"{{{{ gambar {image} | Judul }}}}", "", f"<img src=\"{image}\">")
    found = [p for p in problems_of(demo_copy) if "gambar" in p and ": peringatan:" not in p]
    assert [p.split(": ")[0] for p in found] == [f"{SHOWN}:{line}:6", f"{SHOWN}:{line + 2}:1", f"{SHOWN}:{line + 4}:1"], found


def test_a_site_image_is_numbered_and_copied(demo_copy: Path, tmp_path: Path) -> None:
    (demo_copy / "laporan/2024/denah.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    append_lines(demo_copy / BAB3, "Lihat {{ ref gambar laporan/2024/denah.svg }}.", "", "{{ gambar laporan/2024/denah.svg | Denah Kantor }}")
    build_site(demo_copy, tmp_path / "out", pdf=False)
    page = (tmp_path / "out/laporan/2024/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out/laporan/2024/denah.svg").is_file()
    assert '<img src="denah.svg" alt="Denah Kantor">' in page
    assert "Gambar 3.5</span> Denah Kantor" in page and '<a class="ref" href="#gambar-3-5">Gambar 3.5</a>' in page


# --- the pieces, without a build -----------------------------------------------------------

KATALOG = Katalog({"IKU-01": "indikator", "S1.1": "sasaran", "7.01.02": "program"}, frozenset({2023, 2024}))


def messages(text: str, blocks: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    problems = Problems()
    for item in scan(text, "x.md"):
        if isinstance(item, Directive):
            check(item, KATALOG, problems, set(blocks))
        else:
            problems.add(item, "", "tidak ditutup")
    return [p.format() for p in problems.items]


def test_directive_syntax_checks() -> None:
    assert messages("Capaian {{ capaian IKU-01 }} dan {{ realisasi IKU-01 2023 }}.") == []
    assert messages("{{ tabel capaian S1.1 }}\n{{ grafik tren IKU-01 | Tren IKM }}") == []
    assert messages("Teks {{ tabel capaian S1.1 }}") == ["x.md:1:6: tabel: 'tabel' harus berdiri sendiri pada satu baris; pindahkan isian ini ke baris kosong tersendiri."]
    assert messages("{{ realisasi IKU-01 2019 }}") == ["x.md:1:1: realisasi: tidak ada data tahun 2019; tahun yang tersedia: 2023, 2024."]
    assert messages("{{ capaian 7.01.02 }}")[0].startswith("x.md:1:1: capaian: '7.01.02' adalah program; 'capaian' memerlukan indikator atau sasaran atau tujuan")
    assert messages("{{ capaain IKU-01 }}") == ["x.md:1:1: isian 'capaain' tidak dikenal; maksud Anda 'capaian'?"]
    assert messages("a {{ capaian IKU-01") == ["x.md:1:3: tidak ditutup"]
    assert messages("{{ ref tabel capaian S1.1 }}", {"tabel capaian S1.1"}) == []


def test_every_word_of_the_vocabulary_is_documented_and_drawn_by_a_macro_that_exists() -> None:
    """A word is one entry in content/vocabulary.py; its table macro and its line in docs/laporan.md must exist."""
    import re

    from sopgen.content.vocabulary import GRAFIK, NILAI, TABEL

    repo = Path(__file__).resolve().parents[1]
    doc = (repo / "docs/laporan.md").read_text(encoding="utf-8")
    templates = repo / "themes/default/templates"
    macros = {name: set(re.findall(r"\{% macro (\w+)\(", (templates / name).read_text(encoding="utf-8"))) for name in ("laporan_tabel.html", "recap_tables.html")}
    assert [w for w in NILAI if "{{ " + w not in doc] == []
    assert [w for w in TABEL if "{{ tabel " + w not in doc] == [] and [w for w in GRAFIK if "{{ grafik " + w not in doc] == []
    for word, table in TABEL.items():
        wanted = ("recap_tables.html", table.rekap_macro) if table.rekap_macro else ("laporan_tabel.html", "tabel_" + word.replace("-", "_"))
        assert wanted[1] in macros[wanted[0]], f"tabel {word}: no macro {wanted[1]} in {wanted[0]}"


def test_cleaner_keeps_text_and_drops_script() -> None:
    html = '<p>a<script>alert(1)</script><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">b</a></p>'
    cleaned = clean(html, lambda src: "../../" + src)
    assert cleaned == '<p>a<img src="../../x.png"><a rel="noopener noreferrer">b</a></p>'
    assert clean('<img src="/etc/passwd">', lambda src: None) == "<img>"


def test_raw_html_scan_positions() -> None:
    found = scan_html('ok\n  <iframe src="https://x"></iframe>\n<https://contoh.go.id>', "x.md", Path("."))
    assert [(p.line, p.column, p.message) for p in found] == [(2, 3, "tag <iframe> dibuang beserta isinya")]


@pytest.mark.parametrize("opener", ["<style>", "<script>", "<textarea>", "<title>", "<iframe src=\"x\">"])
def test_an_unclosed_swallowing_tag_is_an_error_where_it_opens(opener: str) -> None:
    """Left open, the tag swallows the rest of the part: the page would silently lose it."""
    tag = opener[1:].split(">")[0].split()[0]
    found = scan_html(f"Satu.\n\nDua {opener}\n\nTiga tidak boleh hilang.\n", "x.md", Path("."))
    assert [p.format() for p in found if p.level is Level.ERROR] == [
        f"x.md:3:5: tag <{tag}> tidak ditutup: semua teks sesudahnya sampai akhir bagian akan hilang; tutup dengan </{tag}> atau hapus tag ini."
    ]


def test_an_unclosed_comment_is_an_error_and_code_is_not_html() -> None:
    found = scan_html("<!-- catatan -->\nSatu `<style>` dan\n\n```\n<script>\n```\n\nDua <!-- lupa ditutup\n", "x.md", Path("."))
    assert [p.format() for p in found] == ["x.md:8:5: komentar HTML '<!--' tidak ditutup; tutup komentar dengan --> atau hapus '<!--'."]


def test_an_unclosed_style_fails_check_and_build_at_its_line(demo_copy: Path) -> None:
    line = append_lines(demo_copy / BAB3, "Paragraf <style> yang lupa ditutup.", "", "Paragraf berikutnya.")
    run = sopgen_check(demo_copy)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{SHOWN}:{line}:10: tag <style> tidak ditutup" in run.stderr
    assert "peringatan: tag <style> dibuang" not in run.stderr, "one mistake, one line"
    with pytest.raises(ContentError):
        build_site(demo_copy, demo_copy.parent / "out", pdf=False)


def test_skipped_heading_level_is_a_warning_at_its_line(demo_copy: Path) -> None:
    line = append_lines(demo_copy / "laporan/2024/bab-4-penutup.md", "### Terlalu dalam")
    assert problems_of(demo_copy) == [
        f"content/laporan/2024/bab-4-penutup.md:{line}:1: peringatan: judul '###' melompati tingkat (sebelumnya #); pakai '##' di sini."
    ]


def test_laporan_yaml_mistakes_are_reported_at_their_lines(demo_copy: Path) -> None:
    yaml_file = demo_copy / "laporan/2024/laporan.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    text = text.replace("berkas: bab-4-penutup.md", "berkas: bab-4-penutupan.md").replace("penanda_tangan: camat", "penanda_tangan: camatt")
    yaml_file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    missing = next(i for i, line in enumerate(lines, 1) if "bab-4-penutupan.md" in line)
    signer = next(i for i, line in enumerate(lines, 1) if "camatt" in line)
    found = problems_of(demo_copy)
    assert f"content/laporan/2024/laporan.yaml:{missing}:13: berkas: berkas Markdown 'content/laporan/2024/bab-4-penutupan.md' tidak ditemukan; periksa nama berkas atau buat berkasnya." in found
    assert f"content/laporan/2024/laporan.yaml:{signer}:17: penanda_tangan: pejabat 'camatt' tidak ada di pejabat.yaml; maksud Anda 'camat'?" in found


def test_a_part_saved_in_the_windows_code_page_is_an_error_at_its_byte(demo_copy: Path) -> None:
    """A BOM is dropped; a byte that is not UTF-8 is reported at its line and column, as in the YAML."""
    part = demo_copy / BAB3
    part.write_bytes(b"\xef\xbb\xbf" + part.read_bytes())
    assert problems_of(demo_copy) == []
    line = append_lines(part, "Kinerja pelayanan caf\u00e9.")
    part.write_bytes(part.read_bytes().replace("caf\u00e9".encode("utf-8"), b"caf\xe9"))
    errors = [p for p in problems_of(demo_copy) if ": peringatan:" not in p]
    assert errors == [f"{SHOWN}:{line}:22: berkas bukan UTF-8 (byte 0xe9); simpan ulang berkas dengan pengodean UTF-8."]


def test_paper_follows_laporan_yaml(demo_copy: Path) -> None:
    """A4 instead of F4: only the @page size of the PDF document changes."""
    from sopgen.models.paper import PAPERS
    from sopgen.render.env import make_env, render_page
    from sopgen.render.laporan import laporan_paths, susun_laporan
    from sopgen.render.laporan_data import RekapSource

    yaml_file = demo_copy / "laporan/2024/laporan.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("kertas: F4", "kertas: A4"), encoding="utf-8")
    site, problems = check_site(demo_copy)
    assert site is not None and not problems.errors
    doc = site.laporan["2024"]
    env = make_env(site)
    env.globals["nav"] = []
    source = RekapSource(site.kinerja.siklus["2024"], env, site.config, doc.model.standar_nasional)
    html_path, pdf_path = laporan_paths(doc, site)
    lap = susun_laporan(doc, site, source, env, html_path)
    html = render_page(env, "laporan_pdf.html", pdf_path, lap=lap, ukuran_kertas=PAPERS[lap.kertas].size())
    assert "@page { size: 210mm 297mm; }" in html and lap.kertas == "A4"


def test_a_standard_that_does_not_fit_its_indicator_is_an_error(demo_copy: Path) -> None:
    yaml_file = demo_copy / "laporan/2024/laporan.yaml"
    text = yaml_file.read_text(encoding="utf-8").replace("nilai: 76.61", "nilai: Baik")
    yaml_file.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "nilai: Baik" in row)
    assert problems_of(demo_copy) == [
        f"content/laporan/2024/laporan.yaml:{line}:12: standar_nasional.IKU-01.nilai: standar tidak dapat dibandingkan dengan realisasi IKU-01: target 'Baik' bukan angka; tulis standar dalam satuan atau skala indikatornya."
    ]


def test_spaces_ending_a_line_do_not_split_its_paragraph(demo_copy: Path, tmp_path: Path) -> None:
    """Two spaces after a word (Markdown's hard break, invisible in an editor) keep the paragraph whole."""
    append_lines(demo_copy / BAB3, "Capaian sasaran ini sebesar {{ capaian S1.1 }}  ", "dan predikatnya {{ predikat S1.1 }}.   ", "Kalimat berikutnya.")
    out = tmp_path / "out"
    build_site(demo_copy, out, pdf=False)
    page = (out / "laporan/2024/index.html").read_text(encoding="utf-8")
    paragraph = next(p for p in page.split("<p>") if "dan predikatnya" in p)
    assert "<br" not in paragraph.split("</p>")[0] and "Kalimat berikutnya." in paragraph.split("</p>")[0]
