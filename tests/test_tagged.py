"""Joining tagged PDFs page by page into one tagged PDF, and WeasyPrint's page margins as artifacts.

Small documents are laid out by WeasyPrint with its tags (as every sopgen PDF is), joined with
:class:`JoinedPdf` as the binder joins its parts (one added last at the front), and the
result is read back: every page's MCIDs reached from the one tree, each through the ParentTree.
"""

from __future__ import annotations

import io

import pytest
from pikepdf import Dictionary, Name, NameTree, NumberTree, Pdf, String
from pypdf import PdfReader
from weasyprint import HTML

from sopgen.render.joined_pdf import JoinedPdf
from sopgen.render.tagged import margins_as_artifacts

from .support_tagged import structure_problems

FOOTER = "<style>@page { size: A6; @bottom-right { content: 'Halaman ' counter(page) } }</style>"


def tagged(body: str, tags: bool = True) -> Pdf:
    """A document of ``body`` as WeasyPrint writes it, with its structure tree (or without, ``tags=False``)."""
    html = f"<html lang=id><head><title>Uji</title>{FOOTER}</head><body>{body}</body></html>"
    return Pdf.open(io.BytesIO(HTML(string=html).write_pdf(pdf_tags=tags)))


def reopened(pdf: Pdf) -> Pdf:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return Pdf.open(buffer)


def closed(joined: JoinedPdf, file: io.BytesIO) -> Pdf:
    """The joined PDF, finished and read back."""
    joined.close("1.7")
    return Pdf.open(io.BytesIO(file.getvalue()))


def test_weasyprint_margin_boxes_become_artifacts_and_keep_their_text() -> None:
    pdf = tagged("<h1>Judul</h1><p>Isi.</p>")
    assert any("MCID" in problem for problem in structure_problems(pdf)), "WeasyPrint leaves its margin boxes out of the tree"
    margins_as_artifacts(pdf)
    fixed = reopened(pdf)
    assert structure_problems(fixed) == []
    assert b"/Artifact <</Type /Pagination>> BDC" in fixed.pages[0].obj.Contents.read_bytes()
    buffer = io.BytesIO()
    fixed.save(buffer)
    assert "Halaman 1" in PdfReader(buffer).pages[0].extract_text()


def test_joined_tree_holds_every_part_in_page_order_and_every_mcid() -> None:
    parts = [
        tagged("<h1>Satu</h1><p>Halaman pertama.</p><p style='break-before: page'>Halaman kedua.</p>"),
        tagged("<h1>Dua</h1><p><a href='https://contoh.example/'>Tautan keluar</a></p>"),
        tagged("<h1>Depan</h1><table><tr><th>No</th><td>1</td></tr></table>"),
    ]
    for part in parts:
        margins_as_artifacts(part)
    titles = {id(part): str(part.Root.StructTreeRoot.K[0].K[0].S) for part in parts}
    assert set(titles.values()) == {"/H1"}
    file = io.BytesIO()
    joined = JoinedPdf(file)
    for part, front in ((parts[0], False), (parts[1], False), (parts[2], True)):
        joined.add(part, front=front)
    result = closed(joined, file)
    assert len(result.pages) == 4
    assert structure_problems(result) == []
    root = result.Root.StructTreeRoot
    assert len(root.K) == 3 and all(document.P.objgen == root.objgen for document in root.K)
    first_pages = [document.K[0].Pg.objgen for document in root.K]
    page_order = [page.obj.objgen for page in result.pages]
    assert first_pages == [page_order[0], page_order[1], page_order[3]], "the part added at the front is read first"
    keys = [key for key, _ in NumberTree(root.ParentTree).items()]
    assert len(keys) == len(set(keys)) == 4 + 1 and int(root.ParentTreeNextKey) > max(keys)  # four pages, one link
    link = result.pages[3].obj.Annots[0]
    assert int(link.StructParent) in keys


def test_an_untagged_part_joins_without_structure_and_maps_merge() -> None:
    first, second = tagged("<p>Satu</p>"), tagged("<p>Dua</p>")
    first.Root.StructTreeRoot.RoleMap = Dictionary(Judul=Name.H1)
    second.Root.StructTreeRoot.RoleMap = Dictionary(Subjudul=Name.H2)
    file = io.BytesIO()
    joined = JoinedPdf(file)
    for part in (first, second, tagged("<p>Tiga</p>", tags=False)):
        margins_as_artifacts(part)
        joined.add(part)
    result = closed(joined, file)
    assert structure_problems(result) == []
    assert dict(result.Root.StructTreeRoot.RoleMap.items()) == {"/Judul": Name.H1, "/Subjudul": Name.H2}
    assert Name.StructParents not in result.pages[2].obj


def test_one_structure_id_in_two_parts_is_refused() -> None:
    joined = JoinedPdf(io.BytesIO())
    for text in ("Satu", "Dua"):
        part = tagged(f"<p>{text}</p>")
        ids = NameTree.new(part)
        ids["bagian-1"] = part.Root.StructTreeRoot.K[0]
        part.Root.StructTreeRoot.IDTree = ids.obj
        part.Root.StructTreeRoot.K[0].ID = String("bagian-1")
        if text == "Dua":
            with pytest.raises(ValueError, match="IDTree: bagian-1"):
                joined.add(part)
        else:
            joined.add(part)
