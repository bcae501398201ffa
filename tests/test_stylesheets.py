"""A ``<link>``ed stylesheet is parsed once per renderer, and the PDF is what WeasyPrint's own parsing gives.

The sheets keep their place in the author cascade (a theme sheet after the document's ``<style>``
wins, before it loses), a sheet changed on disk is parsed again (``sopgen serve``), the resource
rule still refuses a sheet on every layout, and a second renderer (its own fonts) gets the fonts.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
import weasyprint.css

import sopgen.render.stylesheets as stylesheets
from sopgen.render.pdf import PdfRenderer, UrlRefused

from .support import pdf_fonts

THEME = Path(__file__).resolve().parents[1] / "themes" / "default"
A5 = (419.5, 595.3)
A6 = (297.6, 419.5)


def page(head: str) -> str:
    return f"<!doctype html><html lang='id'><head><meta charset='utf-8'>{head}</head><body><p class='isi'>Isi halaman</p></body></html>"


def size(pdf: bytes) -> tuple[float, float]:
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        box = [float(v) for v in opened.pages[0].mediabox]
    return round(box[2] - box[0], 1), round(box[3] - box[1], 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "tema.css").write_text("@page { size: A5; margin: 10mm } .isi { color: #123456; font-size: 14pt }\n", encoding="utf-8")
    (tmp_path / "lain.css").write_text("@page { margin: 20mm } .isi { color: #654321 }\n", encoding="utf-8")
    return tmp_path


def test_a_linked_sheet_keeps_its_place_in_the_author_cascade(folder):
    renderer = PdfRenderer([folder])
    after = page("<style>@page { size: A6 }</style><link rel='stylesheet' href='tema.css'><style>.isi { margin: 0 }</style>")
    before = page("<link rel='stylesheet' href='tema.css'><style>@page { size: A6 }</style>")
    for _ in range(2):  # the second time from the parsed sheet
        assert size(renderer.document(after, folder / "a.html").write_pdf()) == A5
        assert size(renderer.document(before, folder / "b.html").write_pdf()) == A6


def test_the_pdf_is_the_one_weasyprint_parsing_every_sheet_writes(folder, monkeypatch):
    html = page("<link rel='stylesheet' href='tema.css'><style>.isi { margin-left: 5mm }</style><link rel='stylesheet' href='lain.css'>")
    renderer = PdfRenderer([folder])
    reused = [renderer.document(html, folder / "a.html").write_pdf() for _ in range(3)]
    monkeypatch.setattr(weasyprint.css, "find_stylesheets", stylesheets._WEASYPRINT_FIND)
    assert reused == [PdfRenderer([folder]).document(html, folder / "a.html").write_pdf()] * 3


def test_each_linked_sheet_is_parsed_once(folder, monkeypatch):
    parsed: list[str] = []
    css = stylesheets.CSS

    def counted(*args, **kwargs):
        parsed.append(kwargs.get("base_url") or "")
        return css(*args, **kwargs)

    monkeypatch.setattr(stylesheets, "CSS", counted)
    html = page("<link rel='stylesheet' href='tema.css'><link rel='stylesheet' href='lain.css'><style>.isi { margin: 0 }</style>")
    renderer = PdfRenderer([folder])
    for _ in range(3):
        renderer.document(html, folder / "a.html")
    assert sorted(Path(url).name for url in parsed if url.endswith(".css")) == ["lain.css", "tema.css"]
    assert sum(url.endswith("a.html") for url in parsed) == 3  # the document's own <style>, each time


def test_a_changed_sheet_is_parsed_again(folder):
    renderer = PdfRenderer([folder])
    html = page("<link rel='stylesheet' href='tema.css'>")
    assert size(renderer.document(html, folder / "a.html").write_pdf()) == A5
    (folder / "tema.css").write_text("@page { size: A6 }\n", encoding="utf-8")
    assert size(renderer.document(html, folder / "a.html").write_pdf()) == A6


def test_a_parsed_sheet_is_still_refused_once_it_is_gone(folder):
    renderer = PdfRenderer([folder])
    html = page("<link rel='stylesheet' href='tema.css'>")
    renderer.document(html, folder / "a.html")
    (folder / "tema.css").unlink()
    with pytest.raises(UrlRefused, match="tidak ditemukan"):
        renderer.document(html, folder / "a.html")


def test_every_renderer_gets_the_fonts_of_a_parsed_sheet(tmp_path):
    html = page("<link rel='stylesheet' href='static/css/fonts.css'><style>body { font-family: 'Liberation Serif' }</style>")
    for n in range(2):  # a second build (sopgen serve) has its own fonts: the sheet's @font-face must reach them
        PdfRenderer([THEME]).document(html, THEME / "x.html").write_pdf(tmp_path / f"{n}.pdf", full_fonts=True)
        assert pdf_fonts(tmp_path / f"{n}.pdf") == {"Liberation-Serif"}
