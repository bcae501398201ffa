"""The binder opens with the Keputusan and its Lampiran, the Daftar SOP; every page on the binder's paper.

A small site on A4 is built for real: two SOPs (one of them printed on F4, one a konsep) and a
keputusan.yaml. The binder's front pages are read back as text; the F4 SOP's pages in the binder
must be A4 sheets, while its own PDF stays F4. Each bad keputusan.yaml is a problem at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.render.binder import BINDER_PATH

from .support import PEJABAT_YAML, SITE_YAML, lines_with, pdf_links, replace_line, sop_yaml, sopgen_check, write_site

KEPUTUSAN_YAML = """\
nomor: 188.45/7/427.1/2024
tentang: Standar Operasional Prosedur di Lingkungan Kecamatan Contoh
ditetapkan_oleh: camat
tempat: Contoh
tanggal: 20 Januari 2024
menimbang:
  - bahwa prosedur kerja perlu dibakukan;
  - bahwa perlu menetapkan Keputusan Camat
mengingat:
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP
memutuskan:
  - Menetapkan SOP sebagaimana tercantum dalam Lampiran.
  - Keputusan ini mulai berlaku pada tanggal ditetapkan.
"""

A4_PT = (595, 842)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def site_files() -> dict[str, str | bytes]:
    konsep = sop_yaml("Prosedur Konsep", "100/2/SOP/2024").replace(", pengesahan: 2024-01-12", "").replace("tanggal:", "status: konsep\ntanggal:", 1)
    return {
        "site.yaml": SITE_YAML,  # kertas: A4
        "pejabat.yaml": PEJABAT_YAML,
        "keputusan.yaml": KEPUTUSAN_YAML,
        "sop/folio.yaml": sop_yaml("Prosedur Folio", "100/1/SOP/2024", steps=12).replace("tanggal:", "kertas: F4\ntanggal:", 1),
        "sop/konsep.yaml": konsep,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("keputusan")
    write_site(root / "content", site_files())
    return build_site(root / "content", root / "output", pdf=True).out_dir


@pytest.fixture(scope="module")
def front(built: Path) -> list[str]:
    """The text of the binder's front pages (those labelled in Roman numerals)."""
    reader = PdfReader(built / BINDER_PATH)
    return [squash(reader.pages[i].extract_text()) for i in range(reader.page_labels.index("1"))]


def test_keputusan_page_prints_the_yaml_and_is_signed(front: list[str]) -> None:
    keputusan = front[1]
    for text in (
        "KEPUTUSAN CAMAT CONTOH NOMOR 188.45/7/427.1/2024", "TENTANG STANDAR OPERASIONAL PROSEDUR DI LINGKUNGAN KECAMATAN CONTOH",
        "CAMAT CONTOH,", "MENIMBANG : bahwa prosedur kerja perlu dibakukan; bahwa perlu menetapkan Keputusan Camat",
        "MENGINGAT : Peraturan Menteri PANRB Nomor 35 Tahun 2012", "MEMUTUSKAN:",
        "KESATU : Menetapkan SOP sebagaimana tercantum dalam Lampiran.", "KEDUA : Keputusan ini mulai berlaku",
        "Ditetapkan di Contoh pada tanggal 20 Januari 2024 CAMAT CONTOH BUDI SANTOSO, S.Sos NIP. 19800101 200501 1 001",
    ):
        assert text in keputusan, text
    assert "KETIGA" not in keputusan


def test_lampiran_is_the_daftar_sop_of_the_bound_sops(front: list[str]) -> None:
    lampiran = front[2]
    assert "LAMPIRAN : Keputusan CAMAT CONTOH NOMOR : 188.45/7/427.1/2024 TANGGAL : 20 Januari 2024" in lampiran
    assert "No. Nomor SOP Nama SOP Tanggal Pengesahan Status" in lampiran
    assert "1 100/1/SOP/2024 Prosedur Folio 12 Januari 2024 Berlaku" in lampiran
    assert "2 100/2/SOP/2024 Prosedur Konsep belum disahkan Konsep" in lampiran
    assert "BUDI SANTOSO, S.Sos" in lampiran


def test_daftar_isi_is_for_paper_and_lists_the_front_matter(built: Path, front: list[str]) -> None:
    daftar_isi = front[-1]
    assert "DAFTAR ISI" in daftar_isi
    assert "Keputusan Camat Contoh Nomor 188.45/7/427.1/2024 ii" in daftar_isi
    assert "Lampiran: Daftar Standar Operasional Prosedur iii" in daftar_isi
    assert "1 100/1/SOP/2024 Prosedur Folio 1" in daftar_isi
    assert "pojok kanan atas" in daftar_isi
    assert not re.search(r"klik|penampil PDF|viewer", daftar_isi, re.IGNORECASE)
    # its rows still jump on screen: the Keputusan row to page ii (index 1), the Lampiran row to iii
    targets = {target for page, target in pdf_links(built / BINDER_PATH) if page == len(front) - 1}
    assert {1, 2, len(front)} <= targets


def test_every_binder_page_is_on_the_binder_paper(built: Path) -> None:
    sizes = {tuple(sorted(round(float(v)) for v in page.mediabox[2:])) for page in PdfReader(built / BINDER_PATH).pages}
    assert sizes == {A4_PT}
    own = {tuple(sorted(round(float(v)) for v in page.mediabox[2:])) for page in PdfReader(built / "sop/folio.pdf").pages}
    assert own == {(609, 935)}  # the SOP's own PDF keeps its F4


def test_check_warns_at_the_kertas_line_and_can_be_silenced(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", site_files())
    line = lines_with(site / "sop/folio.yaml", "kertas: F4")[0]
    result = sopgen_check(site)
    assert f"content/sop/folio.yaml:{line}:9: peringatan: kertas: SOP ini dicetak di kertas F4, Himpunan SOP di kertas A4" in result.stderr
    (site / "sop/folio.yaml").write_text((site / "sop/folio.yaml").read_text() + "abaikan_peringatan: [kertas-himpunan]\n")
    assert "kertas-himpunan" not in sopgen_check(site).stderr


BAD = [
    ("ditetapkan_oleh: camat", "ditetapkan_oleh: camt", "ditetapkan_oleh", "maksud Anda 'camat'?"),
    ("tanggal: 20 Januari 2024", "tanggal: 20 Januari 2999", "tanggal", "di masa depan"),
    ("tanggal: 20 Januari 2024", "tanggal: 31 Februari 2024", "tanggal", "tidak ada di kalender"),
    ("nomor: 188.45/7/427.1/2024", "nomor: ''", "nomor", "tidak boleh kosong"),
    ("nomor: 188.45/7/427.1/2024", "nomor: " + "9" * 200, "nomor", "terlalu panjang"),
    ("tempat: Contoh", "tempat: [Contoh]", "tempat", ""),
    ("menimbang:", "menimbang: []\nlama:", "menimbang", ""),
    ("  - bahwa prosedur kerja perlu dibakukan;", "  - " + "x" * 2100, "menimbang[1]", "terlalu panjang"),
]


@pytest.mark.parametrize(("old", "new", "field", "says"), BAD, ids=[b[1][:30] for b in BAD])
def test_bad_keputusan_is_a_problem_at_its_line(tmp_path: Path, old: str, new: str, field: str, says: str) -> None:
    site = write_site(tmp_path / "content", site_files())
    line = replace_line(site / "keputusan.yaml", old, new)
    result = sopgen_check(site)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    found = [row for row in result.stderr.splitlines() if row.startswith(f"content/keputusan.yaml:{line}:") and f": {field}: " in row]
    assert found and says in found[0], result.stderr


def test_too_many_diktum_and_missing_fields_are_problems(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", site_files())
    diktum = "".join(f"  - Diktum {i}.\n" for i in range(11))
    (site / "keputusan.yaml").write_text(KEPUTUSAN_YAML.split("memutuskan:")[0].replace("tempat: Contoh\n", "") + "memutuskan:\n" + diktum)
    out = sopgen_check(site).stderr
    assert re.search(r"content/keputusan.yaml:1:1: tempat: ", out), out
    assert re.search(r"content/keputusan.yaml:\d+:\d+: memutuskan: terlalu banyak", out), out


def test_a_keputusan_older_than_a_listed_pengesahan_is_warned(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", site_files())
    line = replace_line(site / "keputusan.yaml", "tanggal: 20 Januari 2024", "tanggal: 2 Januari 2024")
    assert (f"content/keputusan.yaml:{line}:10: peringatan: tanggal: Keputusan (2 Januari 2024) menetapkan SOP yang baru disahkan "
            "sesudahnya: 100/1/SOP/2024") in sopgen_check(site).stderr
