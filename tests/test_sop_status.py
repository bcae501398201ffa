"""SOP status (konsep, berlaku, dicabut): marks on paper and on the page, the binder, the home list, the checks.

A small site is built for real: one SOP in force, one konsep (no pengesahan yet, long enough
to take several pages), one dicabut replaced by the one in force. The marks are read back from
the PDFs' text, page by page; the binder's pages and bookmarks from the binder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.render.binder import BINDER_PATH

from .support import PEJABAT_YAML, SITE_YAML, lines_with, page_words, small_site, sop_yaml, sopgen_check, write_site

PENGESAHAN = "pengesahan: 2024-01-12"


def with_status(yaml: str, status: str, extra: str = "") -> str:
    """An SOP of ``sop_yaml`` with a status line (and more lines) after its nama."""
    head, rest = yaml.split("tanggal:", 1)
    return f"{head}status: {status}\n{extra}tanggal:{rest}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("status")
    konsep = with_status(sop_yaml("Prosedur Konsep", "100/2/SOP/2024", steps=30), "konsep").replace(", " + PENGESAHAN, "")
    write_site(root / "content", {
        "site.yaml": SITE_YAML,
        "pejabat.yaml": PEJABAT_YAML,
        "sop/baru.yaml": sop_yaml("Prosedur Baru", "100/1/SOP/2024"),
        "sop/konsep.yaml": konsep,
        "sop/lama.yaml": with_status(sop_yaml("Prosedur Lama", "100/3/SOP/2024"), "dicabut", "diganti_oleh: baru\n"),
    })
    return build_site(root / "content", root / "output", pdf=True).out_dir


def page_texts(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def test_konsep_pdf_has_the_watermark_on_every_page(built: Path) -> None:
    texts = page_texts(built / "sop/konsep.pdf")
    assert len(texts) >= 3
    assert [n for n, text in enumerate(texts, 1) if "KONSEP" not in text.upper() or "belum disahkan" not in text] == []


def test_dicabut_pdf_is_marked_on_every_page_and_names_its_replacement(built: Path) -> None:
    texts = page_texts(built / "sop/lama.pdf")
    assert [n for n, text in enumerate(texts, 1) if "DICABUT" not in text.upper()] == []
    assert all("diganti oleh SOP Prosedur Baru (Nomor 100/1/SOP/2024)" in text for text in texts)


def test_sop_in_force_has_no_mark(built: Path) -> None:
    texts = page_texts(built / "sop/baru.pdf")
    assert not any("KONSEP" in t.upper() or "DICABUT" in t.upper() for t in texts)
    assert "tanda-status" not in (built / "sop/baru.html").read_text(encoding="utf-8")


def test_pages_show_a_banner(built: Path) -> None:
    konsep = page_words((built / "sop/konsep.html").read_text(encoding="utf-8"))
    assert "Konsep Rancangan SOP: belum disahkan dan belum berlaku." in konsep
    assert "belum disahkan" in konsep
    lama = (built / "sop/lama.html").read_text(encoding="utf-8")
    assert "Dicabut SOP ini sudah dicabut dan tidak berlaku lagi; diganti oleh SOP Prosedur Baru" in page_words(lama)
    assert '<a href="baru.html">SOP Prosedur Baru (Nomor 100/1/SOP/2024)</a>' in lama


def test_binder_leaves_out_the_dicabut_sop(built: Path) -> None:
    binder = PdfReader(built / BINDER_PATH)
    titles = [item.title for item in binder.outline]
    assert titles == ["Daftar Isi", "100/1/SOP/2024 – Prosedur Baru", "100/2/SOP/2024 – Prosedur Konsep"]
    sop_pages = sum(len(PdfReader(built / f"sop/{name}.pdf").pages) for name in ("baru", "konsep"))
    front = binder.page_labels.index("1")
    assert len(binder.pages) - front == sop_pages
    assert not any("Prosedur Lama" in (page.extract_text() or "") for page in binder.pages)


def test_home_lists_the_status_and_the_counts(built: Path) -> None:
    home = page_words((built / "index.html").read_text(encoding="utf-8"))
    assert "3 SOP: 1 konsep, 1 berlaku, 1 dicabut." in home
    assert "Prosedur Konsep konsep belum disahkan" in home
    assert "Prosedur Lama dicabut 12 Januari 2024" in home
    assert "Prosedur Baru 12 Januari 2024" in home


def test_demo_like_site_shows_no_counts(tmp_path: Path) -> None:
    out = build_site(small_site(tmp_path / "content"), tmp_path / "output", pdf=False).out_dir
    assert "status-ringkas" not in (out / "index.html").read_text(encoding="utf-8")


def check_one(tmp_path: Path, yaml: str) -> tuple[Path, str]:
    site = small_site(tmp_path / "content", sops=1)
    file = site / "sop/prosedur-1.yaml"
    file.write_text(yaml, encoding="utf-8")
    result = sopgen_check(site)
    assert result.returncode == 1, result.stdout + result.stderr
    return file, result.stdout + result.stderr


def test_future_pengesahan_of_an_sop_in_force_is_an_error_at_its_line(tmp_path: Path) -> None:
    yaml = sop_yaml("Prosedur 1", "100/1/SOP/2024").replace(PENGESAHAN, "pengesahan: 2999-01-12")
    file, out = check_one(tmp_path, yaml)
    line = lines_with(file, "2999")[0]
    assert f"sop/prosedur-1.yaml:{line}:" in out
    assert "tanggal.pengesahan: tanggal pengesahan (12 Januari 2999) di masa depan" in out
    assert "status: konsep" in out


def test_future_pengesahan_of_a_konsep_passes(tmp_path: Path) -> None:
    site = small_site(tmp_path / "content", sops=1)
    yaml = with_status(sop_yaml("Prosedur 1", "100/1/SOP/2024").replace(PENGESAHAN, "pengesahan: 2999-01-12"), "konsep")
    (site / "sop/prosedur-1.yaml").write_text(yaml, encoding="utf-8")
    result = sopgen_check(site)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_pengesahan_of_an_sop_in_force_is_an_error_at_tanggal(tmp_path: Path) -> None:
    file, out = check_one(tmp_path, sop_yaml("Prosedur 1", "100/1/SOP/2024").replace(", " + PENGESAHAN, ""))
    line = lines_with(file, "tanggal:")[0]
    assert f"sop/prosedur-1.yaml:{line}:" in out
    assert "tanggal.pengesahan: wajib diisi untuk SOP berstatus 'berlaku'" in out


def test_bad_status_is_an_error_at_its_line_with_the_choices(tmp_path: Path) -> None:
    file, out = check_one(tmp_path, with_status(sop_yaml("Prosedur 1", "100/1/SOP/2024"), "berlak"))
    line = lines_with(file, "status:")[0]
    assert f"sop/prosedur-1.yaml:{line}:9: status: 'berlak' bukan pilihan yang sah (pilihan: 'konsep', 'berlaku' atau 'dicabut'); maksud Anda 'berlaku'?" in out


@pytest.mark.parametrize(("status", "target", "message"), [
    ("dicabut", "prosedur-3", "diganti_oleh: SOP 'prosedur-3' tidak ada di folder sop/; maksud Anda 'prosedur-2'?"),
    ("dicabut", "prosedur-1", "diganti_oleh: SOP tidak dapat diganti oleh dirinya sendiri"),
    ("berlaku", "prosedur-2", "diganti_oleh: hanya untuk SOP berstatus 'dicabut' (status SOP ini 'berlaku')"),
])
def test_diganti_oleh_is_checked_at_its_line(tmp_path: Path, status: str, target: str, message: str) -> None:
    """An unknown replacement gets a did-you-mean; a replacement of an SOP still in force makes no sense."""
    site = small_site(tmp_path / "content", sops=2)
    file = site / "sop/prosedur-1.yaml"
    file.write_text(with_status(sop_yaml("Prosedur 1", "100/1/SOP/2024"), status, f"diganti_oleh: {target}\n"), encoding="utf-8")
    result = sopgen_check(site)
    assert result.returncode == 1
    assert f"sop/prosedur-1.yaml:{lines_with(file, 'diganti_oleh:')[0]}:15: {message}" in result.stdout + result.stderr
