"""A relative link written by hand (a template override, a Markdown part) must reach a file the build writes.

It used to give a 404 in the browser and nothing at build time: a relative link means
something else from each page, so it is checked on the rendered pages, at the line it is written.
"""

from __future__ import annotations

from pathlib import Path

from sopgen.build import build_site
from sopgen.check import check_rendering

from .support import failed_build

INDEX = '{% extends "!theme/index.html" %}{% block content %}\n<p><img src="assets/foto-kantor.png" alt="Kantor"></p>\n<p><a href="sop/pengukuran-data-kinerja.html#bagan">SOP</a></p>\n{{ super() }}{% endblock %}\n'


def _found(site: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.column, p.message) for p in check_rendering(site).errors]


def test_a_missing_file_linked_from_an_override_is_a_problem_at_its_line(demo_copy: Path, tmp_path: Path) -> None:
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates/index.html").write_text(INDEX, encoding="utf-8")
    found = _found(demo_copy)
    assert found == [("content/templates/index.html", 2, 14, "tautan 'assets/foto-kantor.png' di halaman index.html menuju berkas yang tidak ada di hasil build")], found
    assert [(p.path, p.line, p.column, p.message) for p in failed_build(demo_copy, tmp_path / "output")] == found


def test_the_same_links_pass_once_the_file_is_there(demo_copy: Path, tmp_path: Path) -> None:
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates/index.html").write_text(INDEX, encoding="utf-8")
    (demo_copy / "assets/foto-kantor.png").write_bytes((demo_copy / "assets/logo-pengganti.svg").read_bytes())
    assert _found(demo_copy) == []
    build_site(demo_copy, tmp_path / "output", pdf=False)
    assert 'src="assets/foto-kantor.png"' in (tmp_path / "output/index.html").read_text(encoding="utf-8")


def test_a_link_right_on_one_page_and_wrong_on_another_is_found(demo_copy: Path) -> None:
    """A literal link in a template every page shares means another file from each folder."""
    (demo_copy / "templates").mkdir()
    base = (Path(__file__).resolve().parents[1] / "themes/default/templates/base.html").read_text(encoding="utf-8")
    line = base.count("\n", 0, base.index("</body>")) + 1
    (demo_copy / "templates/base.html").write_text(base.replace("</body>", '<a href="cari.html">Cari</a>\n</body>'), encoding="utf-8")
    [(path, at, _, message)] = _found(demo_copy)
    assert (path, at) == ("content/templates/base.html", line)
    assert message.startswith("tautan 'cari.html' di halaman ") and "/" in message.split("halaman ")[1], message  # a page in a folder


def test_a_broken_link_in_a_markdown_part_is_a_problem_at_its_line(demo_copy: Path) -> None:
    part = demo_copy / "laporan/2024/bab-4-penutup.md"
    lines = part.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2:2] = ["Lihat [SOP pengukuran](../../sop/pengukuran-data-kinerja.html) dan [SOP lama](../../sop/tidak-ada.html).\n"]
    part.write_text("".join(lines), encoding="utf-8")
    found = _found(demo_copy)
    assert len(found) == 1, found
    path, line, column, message = found[0]
    assert (path, line, column) == ("content/laporan/2024/bab-4-penutup.md", 3, 79)
    assert message.startswith("tautan '../../sop/tidak-ada.html' di halaman laporan/2024/") and message.endswith("menuju berkas yang tidak ada di hasil build")
