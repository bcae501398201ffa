"""Small sites for tests written from a dict of files (MkDocs' tests/base.py habit), and readers of what was built."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination, DictionaryObject

from sopgen.build import build_site
from sopgen.errors import ContentError, Problem
from sopgen.output import MARKER
from sopgen.render.pdf import PdfRenderer

SITE_YAML = """\
instansi:
  pemerintah: Kabupaten Contoh
  unit_kerja: Kecamatan Contoh
  alamat: Jl. Contoh 1
kertas: A4
"""

PEJABAT_YAML = """\
camat:
  jabatan: Camat Contoh
  nama: BUDI SANTOSO, S.Sos
  nip: 19800101 200501 1 001
"""


def sop_yaml(nama: str, nomor: str, steps: int = 4, pelaksana: tuple[str, ...] = ("Camat", "Staf"),
             uraian: str = "Langkah nomor {i} dari prosedur {nama}") -> str:
    """A valid SOP with ``steps`` langkah taking turns among ``pelaksana``; ``uraian`` is formatted with ``i`` and ``nama``."""
    langkah = "".join(
        f"  - uraian: {uraian.format(i=i, nama=nama)}\n"
        f"    pelaksana: {pelaksana[(i - 1) % len(pelaksana)]}\n"
        f"    mutu_baku: {{kelengkapan: Berkas, waktu: {i} jam, output: Dokumen}}\n"
        for i in range(1, steps + 1)
    )
    return (
        f"nomor: {nomor}\nnama: {nama}\n"
        "tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}\n"
        "disahkan_oleh: camat\n"
        "dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]\n"
        "kualifikasi_pelaksana: [Memahami tugas]\n"
        f"pelaksana: [{', '.join(pelaksana)}]\n"
        f"langkah:\n{langkah}"
    )


def page_of(reader: PdfReader, destination: Destination) -> int:
    """The 0-based page a bookmark or named destination points at; one pointing nowhere fails the test."""
    page = reader.get_destination_page_number(destination)
    assert page is not None, f"{destination.title} points at no page"
    return page


def write_site(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> content) under ``root`` and return ``root``."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def one_sop_site(root: Path, name: str, sop: str) -> Path:
    """A site of the one SOP ``sop/<name>.yaml`` (the small site and the camat who signs it)."""
    return write_site(root, {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, f"sop/{name}.yaml": sop})


def built_sop(base: Path, name: str, sop: str) -> Path:
    """The ``sop/`` output folder of :func:`one_sop_site` built (with its PDF and Word copy) under ``base``."""
    build_site(one_sop_site(base / "site", name, sop), base / "output")
    return base / "output" / "sop"


def rencana_kinerja(indikator: str, tahun: int | str = 2024, kepala: str = "") -> str:
    """A kinerja.yaml of one tujuan and one sasaran around ``indikator`` (its list items, indented ten spaces)."""
    return (f"tahun: {tahun}\n{kepala}\ntujuan:\n  - kode: T1\n    uraian: Meningkatnya pelayanan\n    sasaran:\n"
            f"      - kode: S1\n        uraian: Meningkatnya kepuasan masyarakat\n        indikator:\n{indikator}")


def small_site(root: Path, sops: int = 2) -> Path:
    """A valid site of ``sops`` short SOPs."""
    files: dict[str, str | bytes] = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for i in range(1, sops + 1):
        files[f"sop/prosedur-{i}.yaml"] = sop_yaml(f"Prosedur {i}", f"100/{i}/SOP/2024")
    return write_site(root, files)


def site_with_pending_changes(root: Path) -> tuple[Path, Path, dict[str, str]]:
    """A site of six SOPs built once without PDFs, then every SOP changed: the site, its output and that output's
    digest, for a build of twelve-step SOPs to be stopped half-way (the output must stay as digested)."""
    site = small_site(root / "site", sops=6)
    out = root / "output"
    build_site(site, out, pdf=False)
    before = tree_digest(out)
    for i in range(1, 7):
        (site / "sop" / f"prosedur-{i}.yaml").write_text(sop_yaml(f"Prosedur baru {i}", f"200/{i}/SOP/2024", steps=12), encoding="utf-8")
    return site, out, before


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def without_index(folder: Path) -> dict[str, str]:
    """:func:`tree_digest` but the search index (pagefind indexes on threads: its files' order may differ build to build)."""
    return {path: digest for path, digest in tree_digest(folder).items() if "pagefind/" not in path}


def sopgen_check(site: Path, *args: str, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``sopgen check`` as a person would from the site's parent folder (CI annotations only if ``ci``)."""
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "GITHUB_ACTIONS"}}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "sopgen", "check", str(site), *args],
        capture_output=True, text=True, env=env, cwd=site.parent, check=False,
    )


def lines_with(file: Path, text: str) -> list[int]:
    """1-based numbers of the lines containing ``text``."""
    return [n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1) if text in line]


def replace_line(file: Path, old: str, new: str) -> int:
    """Replace the one line containing ``old``; return its 1-based number."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if old in line]
    assert len(hits) == 1, f"{old!r} occurs {len(hits)} times in {file}"
    lines[hits[0]] = lines[hits[0]].replace(old, new)
    file.write_text("".join(lines), encoding="utf-8")
    return hits[0] + 1


def page_words(html_text: str) -> str:
    """An HTML page's text as a reader sees it: tags dropped (a <wbr> joins), entities decoded, soft
    hyphens dropped (shown only at a line end), spaces collapsed."""
    from html import unescape

    from sopgen.render.hyphenation import unhyphenated

    return " ".join(unhyphenated(unescape(re.sub(r"<[^>]+>", " ", html_text.replace("<wbr>", "")))).split())


def pdf_links(pdf: Path) -> list[tuple[int, str | int]]:
    """Every link of ``pdf``: (0-based page it sits on, its URI or the 0-based page it jumps to)."""
    reader = PdfReader(pdf)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages) if page.indirect_reference}
    links: list[tuple[int, str | int]] = []
    for index, page in enumerate(reader.pages):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A") or {}
            dest = annotation.get("/Dest", action.get("/D"))
            if "/URI" in action:
                links.append((index, str(action["/URI"])))
            elif isinstance(dest, str):  # a named destination: WeasyPrint's links to an element id
                target = reader.get_destination_page_number(reader.named_destinations[dest])
                assert target is not None, f"link on page {index + 1} of {pdf} to '{dest}', which is on no page"
                links.append((index, target))
            else:
                links.append((index, pages[dest[0].idnum]))
    return links


def pdf_fonts(pdf: Path) -> set[str]:
    """The names of the fonts ``pdf`` embeds, without the subset prefix (``ABCDEF+``)."""
    names = set()
    for page in PdfReader(pdf).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].lstrip("/"))
    return names


def failed_build(site: Path, out: Path) -> list[Problem]:
    """The problems of a ``build --no-pdf`` that must fail, after checking it left an earlier output byte for byte."""
    out.mkdir()
    (out / MARKER).write_text("", encoding="utf-8")
    before = tree_digest(out)
    try:
        build_site(site, out, pdf=False)
    except ContentError as failed:
        assert tree_digest(out) == before, "a failed build must keep the last good output"
        return failed.problems
    raise AssertionError("the build should have failed")


def record_layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file name of each PDF WeasyPrint lays out from now on, in order: every layout goes
    through ``PdfRenderer.document``, counted here, not timed."""
    laid_out: list[str] = []
    original = PdfRenderer.document

    def counted(self: PdfRenderer, html: str, page_file: Path) -> object:
        laid_out.append(page_file.name)
        return original(self, html, page_file)

    monkeypatch.setattr(PdfRenderer, "document", counted)
    return laid_out
