"""One reading rule: what leaves the site, is not a regular file, or holds control characters is a
problem at its file:line, never a traceback, and never prints what a link points to."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sopgen.build import build_site, check_site
from sopgen.errors import ContentError

from .support import replace_line, sopgen_check, tree_digest

SECRET = "rahasia-jangan-terbit"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "rahasia.txt"
    secret.write_text(f"{SECRET}: [\n", encoding="utf-8")
    return secret


def _link(target: Path, link: Path) -> None:
    link.unlink(missing_ok=True)
    link.symlink_to(target)


HOSTILE: dict[str, tuple[Callable[[Path, Path], object], str, str]] = {
    # name: (how the site is broken, the file the problem is at, what it says)
    "yaml-link-out": (lambda site, tmp: _link(_secret(tmp), site / "sop" / "bocor.yaml"), "sop/bocor.yaml", "di luar folder situs"),
    "markdown-link-out": (lambda site, tmp: _link(_secret(tmp), site / "laporan/2024/bab-4-penutup.md"), "laporan/2024/bab-4-penutup.md", "di luar folder situs"),
    "csv-link-out": (lambda site, tmp: _link(_secret(tmp), site / "kinerja/2024/realisasi-triwulan.csv"), "kinerja/2024/realisasi-triwulan.csv", "di luar folder situs"),
    "asset-link-out": (lambda site, tmp: _link(_secret(tmp), site / "assets" / "passwd"), "assets/passwd", "di luar folder situs"),
    "asset-folder-out": (lambda site, tmp: _link(tmp, site / "assets" / "rumah"), "assets/rumah", "di luar folder situs"),
    "report-folder-out": (lambda site, tmp: _link(tmp / "luar", site / "laporan" / "2030"), "laporan/2030", "di luar folder situs"),
    "template-link-out": (lambda site, tmp: _link(_secret(tmp), site / "templates" / "index.html"), "templates/index.html", "di luar foldernya"),
    "dangling-link": (lambda site, tmp: _link(tmp / "tidak-ada", site / "sop" / "hilang.yaml"), "sop/hilang.yaml", "tautan simbolik rusak"),
    "link-loop": (lambda site, tmp: _link(site / "sop" / "putar.yaml", site / "sop" / "putar.yaml"), "sop/putar.yaml", "berputar"),
    "folder-named-yaml": (lambda site, tmp: (site / "sop" / "map.yaml").mkdir(), "sop/map.yaml", "bukan berkas biasa (folder)"),
    "fifo": (lambda site, tmp: os.mkfifo(site / "sop" / "pipa.yaml"), "sop/pipa.yaml", "bukan berkas biasa (FIFO)"),
    "dev-zero": (lambda site, tmp: _link(Path("/dev/zero"), site / "sop" / "nol.yaml"), "sop/nol.yaml", "di luar folder situs"),
    "tema-out": (lambda site, tmp: replace_line(site / "site.yaml", "kertas:", "tema: ../../..\nkertas:"), "site.yaml", "di luar folder situs"),
    "tema-unknown": (lambda site, tmp: replace_line(site / "site.yaml", "kertas:", "tema: defualt\nkertas:"), "site.yaml", "tema 'defualt' tidak ditemukan"),
}


def _templates(site: Path) -> None:
    (site / "templates").mkdir(exist_ok=True)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_a_problem_at_its_file(demo_copy: Path, tmp_path: Path, case: str) -> None:
    breaks, at, said = HOSTILE[case]
    (tmp_path / "luar").mkdir()
    _templates(demo_copy)
    breaks(demo_copy, tmp_path)
    out = tmp_path / "output"
    with pytest.raises(ContentError) as failed:
        build_site(demo_copy, out, pdf=False)
    hits = [p for p in failed.value.problems if p.path.endswith(at) and said in p.message]
    assert hits, [f"{p.path}:{p.line}: {p.message}" for p in failed.value.problems]
    assert all(SECRET not in f"{p.message} {p.hint} {p.path}" for p in failed.value.problems)
    assert not out.exists()


@pytest.mark.parametrize(("char", "name"), [("\x00", "0000"), ("\x0b", "000B"), ("\x0c", "000C"), ("\x1b", "001B"), ("\x7f", "007F"), ("\ufffe", "FFFE")])
def test_control_character_is_a_problem_at_its_line_and_column(demo_copy: Path, char: str, name: str) -> None:
    """Pasted from Word or a PDF: in YAML, Markdown and CSV alike, at line:col, not a traceback."""
    files = {
        "sop/pengumpulan-data-kinerja.yaml": "nama:",
        "laporan/2024/bab-4-penutup.md": "#",
        "kinerja/2024/realisasi-triwulan.csv": "IKU-01",
    }
    lines = {}
    for relative, anchor in files.items():
        file = demo_copy / relative
        text = file.read_text(encoding="utf-8")
        index = text.index(anchor)
        lines[relative] = text.count("\n", 0, index) + 1
        file.write_text(text[:index] + anchor[:1] + char + anchor[1:] + text[index + len(anchor):], encoding="utf-8")
    _, problems = check_site(demo_copy)
    for relative, line in lines.items():
        hits = [p for p in problems.items if p.path.endswith(relative) and f"U+{name}" in p.message]
        assert [(p.line, p.column > 0) for p in hits] == [(line, True)], [f"{p.path}:{p.line}: {p.message}" for p in problems.items]


def test_hostile_site_checked_from_the_command_line_has_no_traceback(demo_copy: Path, tmp_path: Path) -> None:
    _templates(demo_copy)
    (tmp_path / "luar").mkdir()
    for breaks, _, _ in HOSTILE.values():
        if breaks is not HOSTILE["tema-unknown"][0]:
            breaks(demo_copy, tmp_path)
    (demo_copy / "sop" / "kendali.yaml").write_text("nama: a\x0bb\n", encoding="utf-8")
    before = tree_digest(demo_copy)
    result = sopgen_check(demo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    assert "sop/kendali.yaml:1:8:" in result.stderr
    assert tree_digest(demo_copy) == before


@pytest.mark.parametrize(("field", "value"), [
    ("laman", "javascript:alert(document.cookie)"),
    ("laman", "JaVaScRiPt:alert(1)"),
    ("laman", "data:text/html,<script>alert(1)</script>"),
    ("laman", "//contoh.go.id"),
    ("email", "javascript:alert(1)"),
    ("email", "a@b.go.id?subject=x\"onmouseover=alert(1)"),
])
def test_url_field_takes_only_its_scheme(demo_copy: Path, field: str, value: str) -> None:
    """A javascript: address would be a link on every page: a validation error at its line instead."""
    line = replace_line(demo_copy / "site.yaml", "  alamat:", f"  {field}: '{value}'\n  alamat:")
    _, problems = check_site(demo_copy)
    hits = [p for p in problems.items if p.path.endswith("site.yaml") and p.field == f"instansi.{field}"]
    assert [(p.line, "bukan" in p.message) for p in hits] == [(line, True)], [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in problems.items]


def test_web_address_and_mail_are_links(demo_copy: Path, tmp_path: Path) -> None:
    replace_line(demo_copy / "site.yaml", "  alamat:", "  laman: https://candipuro.contoh.go.id/\n  email: camat@contoh.go.id\n  alamat:")
    build_site(demo_copy, tmp_path / "output", pdf=False)
    page = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://candipuro.contoh.go.id/">' in page and 'href="mailto:camat@contoh.go.id"' in page
