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
from pikepdf import Array, Page, Pdf
from pypdf import PdfReader
from pypdf.generic import Destination

from sopgen.build import build_site
from sopgen.render.binder import BINDER_PATH

from .support import PEJABAT_YAML, SITE_YAML, page_of, pdf_links, sop_yaml, write_site

NOMOR = {"prosedur-a": "100/10/SOP/2024", "prosedur-b": "100/2/SOP/2024", "prosedur-c": "100/9/SOP/2024"}
ORDER = ["prosedur-b", "prosedur-c", "prosedur-a"]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def content(page: Page) -> bytes:
    """The drawing operators of a page, its content streams joined."""
    streams = page.obj.Contents
    return b"\n".join(s.read_bytes() for s in (streams if isinstance(streams, Array) else [streams]))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the site built with PDFs."""
    root = tmp_path_factory.mktemp("binder")
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for name, nomor in NOMOR.items():
        files[f"sop/{name}.yaml"] = sop_yaml(f"Prosedur {name[-1].upper()}", nomor, steps=40 if name == "prosedur-c" else 4)
    write_site(root / "content", files)
    return build_site(root / "content", root / "output", pdf=True).out_dir


def test_daftar_isi_numbers_are_the_real_start_pages(built: Path) -> None:
    binder = PdfReader(built / BINDER_PATH)
    labels = binder.page_labels
    front = labels.index("1")
    assert front >= 2 and all(re.fullmatch(r"[ivxl]+", label) for label in labels[:front])
    daftar_isi = "\n".join(binder.pages[i].extract_text() for i in range(1, front))
    expected_start = 1
    for name in ORDER:
        own = PdfReader(built / "sop" / f"{name}.pdf")
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
    assert len(PdfReader(built / "sop" / "prosedur-c.pdf").pages) > 1, "the long SOP should span pages"


def test_bookmarks_and_links_point_at_each_sop(built: Path) -> None:
    binder = PdfReader(built / BINDER_PATH)
    front = binder.page_labels.index("1")
    starts = {}
    for item in binder.outline:
        assert isinstance(item, Destination), item  # one level: no SOP has children
        starts[item.title] = page_of(binder, item)
    titles = [t for t in starts if t != "Daftar Isi"]
    assert titles == [f"{NOMOR[n]} – Prosedur {n[-1].upper()}" for n in ORDER]
    links = pdf_links(built / BINDER_PATH)
    assert all(1 <= page < front for page, _ in links), "only the Daftar Isi links"
    assert {target for _, target in links} == {starts[t] for t in titles}
    assert binder.page_mode == "/UseOutlines"


def test_sop_pages_are_the_finished_pdfs_joined(built: Path) -> None:
    """Every SOP page of the binder draws exactly what the SOP's own PDF draws, then the stamp: no second layout."""
    sources = {name: Pdf.open(built / "sop" / f"{name}.pdf") for name in ORDER}
    own = [(name, number, page) for name, pdf in sources.items() for number, page in enumerate(pdf.pages, start=1)]
    with Pdf.open(built / BINDER_PATH) as binder:
        joined = binder.pages[len(binder.pages) - len(own):]
        for (name, number, page), in_binder in zip(own, joined, strict=True):
            assert list(in_binder.mediabox) == list(page.mediabox), (name, number)
            drawn_as_its_own = content(page) in content(in_binder)
            assert drawn_as_its_own, f"{name} page {number} was laid out again"
    for pdf in sources.values():
        pdf.close()


def test_stamp_font_codes_and_widths_read_both_forms_the_pdf_spec_allows() -> None:
    """WeasyPrint writes ``bfchar`` and ``c [w ...]``; another writer's ``bfrange`` and ``c_first c_last w`` read the same."""
    from pikepdf import Array as PdfArray

    from sopgen.render.binder_stempel import _to_unicode, _widths

    cmap = b"2 beginbfchar\n<0003> <0020>\n<002b> <0048>\nendbfchar\n1 beginbfrange\n<0013> <0015> <0030>\nendbfrange\n"
    assert _to_unicode(cmap) == {" ": 3, "H": 43, "0": 19, "1": 20, "2": 21}
    w = PdfArray([3, PdfArray([278]), 19, 21, 556, 43, PdfArray([722])])
    assert _widths(w, 1000, [3, 19, 20, 21, 43, 50]) == {3: 278, 19: 556, 20: 556, 21: 556, 43: 722, 50: 1000}


def test_the_binder_keeps_one_sop_pdf_open_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each SOP's PDF is closed once its pages are in the binder, before the next is opened, and none is left open.

    A binder holding every SOP's PDF until it is saved grows with the site (about 2 MB per SOP):
    the binder of a kabupaten's 1,500 SOPs would not fit in the memory of a CI runner.
    """
    opened: dict[int, Pdf] = {}
    most_at_once = 0
    real_open, real_close = Pdf.open, Pdf.close

    def recording_open(*args: object, **kwargs: object) -> Pdf:
        nonlocal most_at_once
        pdf = real_open(*args, **kwargs)  # type: ignore[arg-type]
        opened[id(pdf)] = pdf
        most_at_once = max(most_at_once, len(opened))
        return pdf

    def recording_close(pdf: Pdf) -> None:
        opened.pop(id(pdf), None)
        real_close(pdf)

    monkeypatch.setattr(Pdf, "open", staticmethod(recording_open))
    monkeypatch.setattr(Pdf, "close", recording_close)
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    count = 6
    for number in range(1, count + 1):
        files[f"sop/prosedur-{number}.yaml"] = sop_yaml(f"Prosedur {number}", f"100/{number}/SOP/2024", steps=3)
    write_site(tmp_path / "content", files)
    out = build_site(tmp_path / "content", tmp_path / "output", pdf=True).out_dir
    assert most_at_once <= 2, f"{most_at_once} PDFs open at once while the binder of {count} SOPs was joined"
    assert opened == {}, f"{len(opened)} PDFs left open by the build"
    monkeypatch.undo()
    with Pdf.open(out / BINDER_PATH) as binder:
        outline = [item.title for item in binder.open_outline().root]
    assert outline == ["Daftar Isi", *(f"100/{n}/SOP/2024 – Prosedur {n}" for n in range(1, count + 1))]
