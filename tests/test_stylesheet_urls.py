"""A stylesheet or template may load only files of the site and its theme: anything else is a problem at its line.

A remote ``@import`` in a site theme's CSS used to pass `check` and stop a build with PDFs with a
WeasyPrint traceback; a missing font or an image outside the site printed silently without it.
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sopgen.output import MARKER

from .support import small_site, tree_digest
from .test_bad_input_corpus import _sopgen

DEFAULT_THEME = Path(__file__).resolve().parents[1] / "themes/default"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """A local TCP port that records every connection made to it: a build must make none."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                seen.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", seen
    stop.set()
    thread.join()
    server.close()


def themed_site(root: Path) -> Path:
    """A small site with its own copy of the default theme (``tema: dinas``)."""
    site = small_site(root / "content")
    shutil.copytree(DEFAULT_THEME, site / "themes/dinas")
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + "tema: dinas\n", encoding="utf-8")
    return site


def override(site: Path, template: str, after: str, line: str) -> int:
    """The theme's ``template`` as a site override with ``line`` inserted after the first line holding ``after``; its line number."""
    lines = (DEFAULT_THEME / "templates" / template).read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if after in text) + 1
    lines.insert(at, line + "\n")
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / template).write_text("".join(lines), encoding="utf-8")
    return at + 1


def run_all(site: Path) -> dict[str, str]:
    """check, build --no-pdf and build (with PDFs) into an existing output; each must fail without a traceback and keep it."""
    out = site.parent / "output"
    out.mkdir()
    (out / MARKER).write_text("lama\n", encoding="utf-8")
    before = tree_digest(out)
    said = {}
    for args in (("check", "content"), ("build", "content", "--no-pdf"), ("build", "content")):
        result = _sopgen(site.parent, *args)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        said[" ".join(args[:1] + args[2:])] = result.stderr
    assert tree_digest(out) == before
    return said


def test_a_stylesheet_loading_the_network_or_outside_files_fails_at_its_lines(tmp_path: Path, listener: tuple[str, list[object]]) -> None:
    url, connections = listener
    site = themed_site(tmp_path)
    css = site / "themes/dinas/static/css/sop.css"
    css.write_text(
        f'@import url("{url}/x.css");\n'
        + css.read_text(encoding="utf-8")
        + '.a { background: url("/etc/passwd"); }\n'
        + ".b { background: url(../../../rahasia.png); }\n"
        + '.c { src: url("../fonts/Hilang.ttf"); }\n'
        + '.d { background: url("../../assets/tidak-ada.svg"); } /* url(http://komentar.invalid/x) */\n',
        encoding="utf-8",
    )
    last = len(css.read_text(encoding="utf-8").splitlines())
    for command, stderr in run_all(site).items():
        found = [line for line in stderr.splitlines() if "sop.css" in line]
        assert found == [
            f"content/themes/dinas/static/css/sop.css:1:14: alamat jaringan '{url}/x.css' tidak boleh dimuat; muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\").",
            f"content/themes/dinas/static/css/sop.css:{last - 3}:23: path absolut '/etc/passwd' tidak boleh dimuat; muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\").",
            f"content/themes/dinas/static/css/sop.css:{last - 2}:22: berkas '../../../rahasia.png' berada di luar folder static/ tema dan assets/ situs; muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\").",
            f"content/themes/dinas/static/css/sop.css:{last - 1}:16: berkas '../fonts/Hilang.ttf' tidak ditemukan; muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\").",
            f"content/themes/dinas/static/css/sop.css:{last}:23: berkas '../../assets/tidak-ada.svg' tidak ditemukan; muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\").",
        ], (command, stderr)
    assert connections == [], "no build may open a network connection"


def test_a_template_loading_the_network_is_a_problem_at_its_line(tmp_path: Path, listener: tuple[str, list[object]]) -> None:
    url, connections = listener
    site = themed_site(tmp_path)
    line = override(site, "sop_pdf.html", "<head>", f'  <link rel="stylesheet" href="{url}/huruf.css">')
    for stderr in run_all(site).values():
        assert f"content/templates/sop_pdf.html:{line}:32: alamat jaringan '{url}/huruf.css' tidak boleh dimuat" in stderr, stderr
    assert connections == []


def test_a_file_a_template_makes_up_is_checked_in_the_rendered_pdf_html(tmp_path: Path) -> None:
    """A URL made while rendering is not in any file as written: check (no layout) and the PDF fetcher refuse it alike."""
    site = themed_site(tmp_path)
    line = override(site, "binder.html", "{% block sampul %}", "  <img src=\"{{ url('assets/' ~ 'cap-dinas.png') }}\" alt=\"\">")
    said = run_all(site)
    assert f"content/templates/binder.html:{line}:1: berkas '../assets/cap-dinas.png' tidak ditemukan" in said["check"], said["check"]
    assert f"content/templates/binder.html:{line}:1: berkas '../assets/cap-dinas.png' tidak ditemukan" in said["build --no-pdf"]
    assert f"content/templates/binder.html:{line}:1: berkas 'cap-dinas.png' tidak ditemukan" in said["build"], said["build"]


def test_the_default_theme_loads_only_its_own_files(tmp_path: Path) -> None:
    site = themed_site(tmp_path)
    result = _sopgen(site.parent, "check", "content")
    assert result.returncode == 0, result.stderr


def test_an_svg_asset_loading_the_network_or_a_missing_file_fails_at_its_lines(tmp_path: Path, listener: tuple[str, list[object]]) -> None:
    """A logo drawn in Inkscape may link its bitmap by address: ``check`` reads the SVG as the PDF fetcher would."""
    url, connections = listener
    site = small_site(tmp_path / "content")
    settings = site / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  alamat: Jl. Contoh 1\n", "  alamat: Jl. Contoh 1\n  logo: assets/logo.svg\n"), encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n'
        f'  <image xlink:href="{url}/lambang.png" width="10" height="10"/>\n'
        '  <use href="#titik"/> <image href="lambang-kecil.png" width="1" height="1"/>\n'
        '  <style>rect { fill: url(#g); } .x { background: url("../../luar.png"); }</style>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    for command, stderr in run_all(site).items():
        assert f"content/assets/logo.svg:2:22: alamat jaringan '{url}/lambang.png' tidak boleh dimuat" in stderr, (command, stderr)
        assert "content/assets/logo.svg:3:37: berkas 'lambang-kecil.png' tidak ditemukan" in stderr, (command, stderr)
        assert "content/assets/logo.svg:4:56: berkas '../../luar.png' berada di luar folder static/ tema dan assets/ situs" in stderr, (command, stderr)
        assert "#titik" not in stderr and "#g" not in stderr  # a reference inside the file loads nothing
    assert connections == []
