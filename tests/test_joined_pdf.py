"""The binder's PDF written part by part: each part's objects renumbered into one file that qpdf reads back whole.

Two small PDFs are joined with :class:`JoinedPdf`; what each page points at (a dictionary, a
string that looks like a reference) must read back the same from the joined file.
"""

from __future__ import annotations

import io

from pikepdf import Dictionary, Name, Pdf, String

from sopgen.render.joined_pdf import JoinedPdf

TRICKY = "lihat 3 0 R (dan 12 0 R) \\ selesai"
"""A literal string whose text is a reference in PDF syntax: it must not be renumbered."""


def part(marker: str) -> Pdf:
    pdf = Pdf.new()
    pdf.add_blank_page(page_size=(200, 300))
    target = pdf.make_indirect(Dictionary(Marker=String(marker)))
    pdf.pages[0].obj.Catatan = pdf.make_indirect(Dictionary(Teks=String(TRICKY), Ke=target))
    return pdf


def test_references_are_renumbered_and_strings_that_look_like_them_are_kept() -> None:
    file = io.BytesIO()
    joined = JoinedPdf(file)
    for marker, front in (("kedua", False), ("ketiga", False), ("pertama", True)):
        joined.add(part(marker), front=front)
    joined.close("1.7")
    with Pdf.open(io.BytesIO(file.getvalue())) as result:
        assert result.get_warnings() == [] and result.check_pdf_syntax() == []
        assert result.pdf_version == "1.7"
        notes = [page.obj.Catatan for page in result.pages]
        assert [str(note.Teks) for note in notes] == [TRICKY] * 3
        assert [str(note.Ke.Marker) for note in notes] == ["pertama", "kedua", "ketiga"]
        assert all(page.obj.Parent.objgen == result.Root.Pages.objgen for page in result.pages)
        assert [float(v) for v in result.pages[0].mediabox] == [0, 0, 200, 300]
        assert Name.StructTreeRoot not in result.Root, "no part was tagged"
