"""The SOP binder: Daftar Isi page numbers are the real start pages, joined without a second layout.

Each SOP page must be the SOP's own page plus the binder number stamped on it,
the number the PDF viewer shows (page label) and the Daftar Isi prints.

A small site is built for real (per-SOP PDFs, then the binder). Its SOP numbers
sort differently as text and as numbers (2, 9, 10), and one SOP is long enough
to take several pages, so a wrong count would shift every number after it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

import sopgen.kinds.himpunan
from sopgen.build import build_site
from sopgen.render.binder import BINDER_PATH

from .support import PEJABAT_YAML, SITE_YAML, page_of, sop_yaml, write_site

NOMOR = {"prosedur-a": "100/10/SOP/2024", "prosedur-b": "100/2/SOP/2024", "prosedur-c": "100/9/SOP/2024"}
ORDER = ["prosedur-b", "prosedur-c", "prosedur-a"]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """The site built with PDFs, and how many times the binder laid out its front matter."""
    root = tmp_path_factory.mktemp("binder")
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for name, nomor in NOMOR.items():
        files[f"sop/{name}.yaml"] = sop_yaml(f"Prosedur {name[-1].upper()}", nomor, steps=40 if name == "prosedur-c" else 4)
    write_site(root / "content", files)
    layouts: list[int] = []
    original = sopgen.kinds.himpunan.build_binder

    def counting(site, env, stage, renderer):
        real = renderer.document

        def document(*args, **kwargs):
            layouts.append(1)
            return real(*args, **kwargs)

        renderer.document = document
        try:
            return original(site, env, stage, renderer)
        finally:
            renderer.document = real

    patch = pytest.MonkeyPatch()
    patch.setattr(sopgen.kinds.himpunan, "build_binder", counting)
    try:
        result = build_site(root / "content", root / "output", pdf=True)
    finally:
        patch.undo()
    return result.out_dir, layouts


def test_daftar_isi_numbers_are_the_real_start_pages(built: tuple[Path, list[int]]) -> None:
    out, _ = built
    binder = PdfReader(out / BINDER_PATH)
    labels = binder.page_labels
    front = labels.index("1")
    assert front >= 2 and all(re.fullmatch(r"[ivxl]+", label) for label in labels[:front])
    daftar_isi = "\n".join(binder.pages[i].extract_text() for i in range(1, front))
    expected_start = 1
    for name in ORDER:
        own = PdfReader(out / "sop" / f"{name}.pdf")
        match = re.search(rf"{re.escape(NOMOR[name])}\s+Prosedur {name[-1].upper()}\s+(\d+)", daftar_isi)
        assert match, f"{NOMOR[name]} not in the Daftar Isi:\n{daftar_isi}"
        printed = int(match.group(1))
        assert printed == expected_start, (name, printed, expected_start)
        first, last = front + printed - 1, front + printed - 2 + len(own.pages)
        assert labels[first] == str(printed)
        stamp = "Himpunan SOP, hlm. {}"
        assert squash(binder.pages[first].extract_text()) == squash(own.pages[0].extract_text() + " " + stamp.format(printed))
        assert squash(binder.pages[last].extract_text()) == squash(own.pages[-1].extract_text() + " " + stamp.format(labels[last]))
        expected_start += len(own.pages)
    assert len(binder.pages) == front + expected_start - 1
    assert len(PdfReader(out / "sop" / "prosedur-c.pdf").pages) > 1, "the long SOP should span pages"


def test_bookmarks_and_links_point_at_each_sop(built: tuple[Path, list[int]]) -> None:
    out, _ = built
    binder = PdfReader(out / BINDER_PATH)
    front = binder.page_labels.index("1")
    starts = {}
    for item in binder.outline:
        assert isinstance(item, Destination), item  # one level: no SOP has children
        starts[item.title] = page_of(binder, item)
    titles = [t for t in starts if t != "Daftar Isi"]
    assert titles == [f"{NOMOR[n]} – Prosedur {n[-1].upper()}" for n in ORDER]
    targets = set()
    for index in range(1, front):
        for ref in binder.pages[index].get("/Annots", []):
            annotation = ref.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                page_ref = annotation["/Dest"][0]
                targets.add(next(i for i, p in enumerate(binder.pages) if p.indirect_reference == page_ref))
    assert {starts[t] for t in titles} <= targets
    assert binder.page_mode == "/UseOutlines"


def test_front_matter_is_laid_out_once(built: tuple[Path, list[int]]) -> None:
    _, layouts = built
    assert len(layouts) == 1, "the binder must join the finished PDFs, not lay out the SOPs again"
