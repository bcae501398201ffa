"""The SOP document as printed and as a site page: every field of the reference, on the right paper.

The expected values below are typed from the reference transcription
(../shared/reference/), with its slips corrected, not read from the demo YAML:
a wrong edit of the content must fail here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import BuildResult, build_site
from sopgen.render.binder import BINDER_PATH
from tests.support import PEJABAT_YAML, SITE_YAML, page_of, pdf_fonts, pdf_links, sop_yaml, write_site

F4 = (935.43, 609.45)
A4 = (841.89, 595.28)

CANDIPURO = "pengukuran-data-kinerja"
IDENTITAS = [
    "PEMERINTAH KABUPATEN LUMAJANG", "KECAMATAN CANDIPURO",
    "Nomor SOP : 700/16.1/SOP/427.83/2024",
    "Tanggal Pembuatan : 14 Januari 2024",
    "Tanggal Revisi : --",
    "Tanggal Pengesahan : 17 Januari 2024",
    "Disahkan oleh : Plt. CAMAT CANDIPURO", "AKHMAD KHARIRI, SH", "NIP. 19720818 199403 1 009",
    "Nama SOP : Pengukuran Data Kinerja Kecamatan Candipuro",
]
DASAR_HUKUM = [
    "Peraturan Presiden Republik Indonesia Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur Di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota;",
    "Keputusan Menteri Pemberdayaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2012 tentang Petunjuk Pelaksanaan Evaluasi Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Daerah Kabupaten Lumajang Nomor 15 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah (Lembaran Daerah Kabupaten Lumajang Tahun 2016 Nomor 16, Tambahan Lembaran Daerah Kabupaten Lumajang Nomor 90);",
    "Peraturan Bupati Lumajang Nomor 96 Tahun 2019 Tentang Kedudukan, Susunan Organisasi, Uraian Tugas, dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan",
]
KUALIFIKASI = [
    "Sarjana/Teknik/Pemerintahan/Sosial/Hukum/Administrasi",
    "Memiliki Kemampuan mengidentifikasi dan analisis terkait persoalan yang ada.",
    "Memiliki kemampuan terkait mekanisme pembuatan laporan",
    "Memiliki kemampuan mengoperasikan komputer",
]
KETERKAITAN = ["SOP Penyusunan SAKIP", "SOP Pengumpulan Data Kinerja"]
KETERKAITAN_PAGES = ["penyusunan-sakip.html", "pengumpulan-data-kinerja.html"]
"""The site pages the Keterkaitan items link to, in the same order."""
PERALATAN = ["Alat Tulis Kantor", "Komputer", "Printer", "Lembar Kerja dan Rencana Kerja", "Perjanjian Kinerja dan Indikator Kinerja Individu (IKI)"]
PERINGATAN = ["Jika tidak dilaksanakan sesuai SOP. Maka proses pengukuran data kinerja ini tidak berjalan lancar"]
PENCATATAN = ["Disimpan dalam bentuk file softcopy dan hardcopy"]
PELAKSANA = ["Camat", "Sekretaris", "Kasi / Kasubag", "Tim SAKIP", "Staf"]
# (uraian, kelengkapan, waktu, output, keterangan); step 10's uraian is reconstructed (see the reference notes).
LANGKAH = [
    ("Camat memerintahkan Sekretaris untuk melakukan pengukuran kinerja", "Disposisi Surat", "10 Menit", "Disposisi Surat", "-"),
    ("Sekretaris melakukan rapat dengan Tim SAKIP untuk memberikan arahan pelaksanaan kegiatan pengumpulan data kinerja", "Format Penyusunan Data Kinerja", "2 Jam", "Format Penyusunan Data Kinerja", "-"),
    ("Tim SAKIP menyusun rencana kegiatan pengukuran kinerja", "Format Penyusunan Data Kinerja", "1 Jam", "Format Penyusunan Data Kinerja", "-"),
    ("Tim SAKIP menyiapkan metodologi pengukuran capaian kinerja untuk tiap-tiap tujuan/ sasaran/ program/ kegiatan berdasarkan indikator kinerja yang SMART", "Format Penyusunan Data Kinerja", "3 Jam", "Format Penyusunan Data Kinerja", "-"),
    ("Tim SAKIP melakukan pengukuran capaian kinerja menggunakan metodologi yang telah ditetapkan", "Format Penyusunan Data Kinerja", "3 Hari", "Draft Laporan Kinerja", "-"),
    ("Tim SAKIP merekap seluruh hasil pengukuran capaian kinerja untuk tiap-tiap tujuan/ sasaran/ program/ kegiatan", "Draft Laporan Kinerja", "2 Hari", "Dokumen Laporan Kinerja", "-"),
    ("Tim SAKIP melaporkan hasil rekapitulasi pengukuran kinerja kepada Sekretaris", "Dokumen Laporan Kinerja", "1 Hari", "Dokumen Laporan Kinerja", "-"),
    ("Sekretaris menganalisa hasil rekapitulasi pengukuran kinerja, apabila setuju akan digunakan sebagai bahan untuk penyusunan Laporan kinerja dan evaluasi. Jika tidak maka dikembalikan untuk dilengkapi sesuai arahan", "Dokumen Laporan Kinerja", "1 Jam", "Dokumen Laporan Kinerja", "Konsep Laporan Kinerja"),
    ("Sekretaris melaporkan data pengukuran kinerja kepada Camat", "Dokumen Laporan Kinerja", "10 Menit", "Disposisi Persetujuan Dokumen Laporan Kinerja", "Dokumen Laporan Kinerja"),
    ("Camat menandatangani surat pengantar penyampaian Laporan Kinerja", "Konsep Surat Pengantar", "15 Menit", "Surat Pengantar", "-"),
]
TTD = ["Plt. CAMAT CANDIPURO", "AKHMAD KHARIRI, SH", "NIP. 19720818 199403 1 009"]
ILUSTRASI = "Contoh ilustrasi, bukan dokumen resmi"


def squash(text: str) -> str:
    """Text without whitespace and hyphens: line breaks and hyphenation differ between PDF and source."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)


def pages_text(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def sizes(pdf: Path) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in PdfReader(pdf).pages}


class _Text(HTMLParser):
    """The visible text of a page and its links (href, the link's text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip = 0
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self._skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self._link = (href, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join("".join(self._link[1]).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._link is not None:
                self._link[1].append(data)


def html_text(page: Path) -> _Text:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.text = " ".join(parser.parts)  # type: ignore[attr-defined]
    return parser


@pytest.fixture(scope="module")
def candipuro(built_demo: BuildResult) -> list[str]:
    return pages_text(built_demo.out_dir / "sop" / f"{CANDIPURO}.pdf")


# ---------- The Candipuro PDF ----------

def test_every_page_is_f4_landscape(built_demo: BuildResult) -> None:
    for sop in (CANDIPURO, "penyusunan-sakip"):
        assert sizes(built_demo.out_dir / "sop" / f"{sop}.pdf") == {F4}


def test_a4_chosen_per_document(built_demo: BuildResult) -> None:
    assert sizes(built_demo.out_dir / "sop" / "pengumpulan-data-kinerja.pdf") == {A4}


def test_cover_as_the_reference_opens(candipuro: list[str]) -> None:
    cover = candipuro[0]
    lines = [line.strip() for line in cover.splitlines()]
    order = ["PEMERINTAH KABUPATEN LUMAJANG", "STANDAR OPERASIONAL PROSEDUR (SOP)", "PENGUKURAN DATA KINERJA", "KECAMATAN CANDIPURO"]
    assert [lines.index(line) for line in order] == sorted(lines.index(line) for line in order)
    assert "Halaman" not in cover
    assert "Nomor SOP" not in cover


def test_identity_page_carries_every_field(candipuro: list[str]) -> None:
    identitas = candipuro[1]
    missing = [f for f in IDENTITAS + DASAR_HUKUM + KUALIFIKASI + KETERKAITAN + PERALATAN + PERINGATAN + PENCATATAN if not contains(identitas, f)]
    assert missing == []


def test_identity_lists_numbered_and_lettered_as_the_reference(candipuro: list[str]) -> None:
    marker_lines = re.findall(r"(?m)^((?:[0-9a-z]\. ?)+)$", candipuro[1])
    markers = "".join(re.findall(r"([0-9a-z])\.", "".join(marker_lines)))
    # dasar hukum 1-5, kualifikasi 1-4, keterkaitan 1-2, peralatan a-e, peringatan 1, pencatatan 1
    assert markers == "12345" + "1234" + "12" + "abcde" + "1" + "1"


def test_flowchart_pages_carry_every_step(candipuro: list[str]) -> None:
    flow_pages = candipuro[2:]
    for nomor, (uraian, kelengkapan, waktu, output, keterangan) in enumerate(LANGKAH, start=1):
        holding = [i for i, text in enumerate(flow_pages) if contains(text, uraian)]
        assert len(holding) == 1, f"langkah {nomor} on pages {holding}"
        text = flow_pages[holding[0]]
        for value in (kelengkapan, output, keterangan):
            assert contains(text, value), (nomor, value)
        # The YAML writes durations as the issue does ("10 menit"); the reference capitalises ("10 Menit").
        assert contains(text.casefold(), waktu.casefold()), (nomor, waktu)


def test_flowchart_header_on_every_flowchart_page(candipuro: list[str]) -> None:
    flow_pages = candipuro[2:]
    assert len(flow_pages) >= 2, "the reference's flowchart runs over two pages"
    numbers = " ".join(str(n) for n in range(1, 3 + len(PELAKSANA) + 3 + 1))
    for text in flow_pages:
        for heading in ["No", "Uraian Prosedur", "PELAKSANA", "MUTU BAKU", "Kelengkapan", "Waktu", "Output", "Keterangan", *PELAKSANA, numbers]:
            assert heading in text
        assert "MUTU BUKU" not in text


def test_page_numbers_on_every_page_but_the_cover(candipuro: list[str]) -> None:
    total = len(candipuro)
    for number, text in enumerate(candipuro[1:], start=2):
        assert f"Halaman {number} dari {total}" in text
        assert "Nomor 700/16.1/SOP/427.83/2024" in text


def test_signature_after_the_last_step(candipuro: list[str]) -> None:
    last = squash(candipuro[-1])
    after_steps = last.index(squash(LANGKAH[-1][0]))
    positions = [last.index(squash(line)) for line in TTD]
    assert after_steps < positions[0] < positions[1] < positions[2]
    assert "PLT." not in candipuro[-1]


def test_fonts_are_the_bundled_liberation_sans(built_demo: BuildResult) -> None:
    fonts = pdf_fonts(built_demo.out_dir / "sop" / f"{CANDIPURO}.pdf")
    assert fonts and all(name.startswith("Liberation-Sans") for name in fonts), fonts


def test_keterkaitan_is_text_on_paper(built_demo: BuildResult, candipuro: list[str]) -> None:
    """On paper a link cannot be followed (and a file:// link would leak the build folder): the related SOPs are text."""
    assert all(contains(candipuro[1], item) for item in KETERKAITAN)
    for sop in (CANDIPURO, "penyusunan-sakip", "pengumpulan-data-kinerja"):
        assert pdf_links(built_demo.out_dir / "sop" / f"{sop}.pdf") == [], sop
    # the same reader does see links where the build writes them: the binder's Daftar Isi jumps to each SOP
    binder = pdf_links(built_demo.out_dir / BINDER_PATH)
    front = PdfReader(built_demo.out_dir / BINDER_PATH).page_labels.index("1")
    pages = {target for _, target in binder if isinstance(target, int)}
    assert len({p for p in pages if p >= front}) == 4, binder  # 3 SOPs in force and the konsep; the dicabut one left
    assert {p for p in pages if p < front} == {1, 2}, binder  # the Keputusan and its Lampiran


def test_placeholder_logo_is_noted(candipuro: list[str]) -> None:
    assert "Logo pengganti, bukan lambang resmi" in candipuro[0]
    assert "Logo pengganti, bukan lambang resmi" in candipuro[1]


def test_illustrative_sops_say_so_on_every_page(built_demo: BuildResult, candipuro: list[str]) -> None:
    for sop in ("penyusunan-sakip", "pengumpulan-data-kinerja"):
        texts = pages_text(built_demo.out_dir / "sop" / f"{sop}.pdf")
        assert all(ILUSTRASI.upper() in text for text in texts), sop
    assert not any(ILUSTRASI.upper() in text for text in candipuro)


def test_long_sop_flowchart_breaks_over_pages(built_demo: BuildResult) -> None:
    """The illustrative SAKIP SOP exercises what the reference does not: 7 columns, a back edge across a break."""
    texts = pages_text(built_demo.out_dir / "sop" / "penyusunan-sakip.pdf")
    flow_pages = [t for t in texts if "Uraian Prosedur" in t]
    assert len(flow_pages) >= 2
    kolom = ["Camat", "Sekretaris", "Kasubag Perencanaan", "Kasi", "Tim SAKIP", "Staf", "Bagian Organisasi"]
    assert all(contains(t, k) for t in flow_pages for k in kolom)

    def page_of(uraian: str) -> int:
        return next(i for i, t in enumerate(flow_pages) if contains(t, uraian))

    # Step 16 (Bagian Organisasi verifies) sends "Tidak" back to step 4 (Tim SAKIP drafts the IKU).
    assert page_of("Bagian Organisasi memverifikasi keselarasan dokumen SAKIP") > page_of("Tim SAKIP menyusun atau menelaah pohon kinerja")


def anchors(pdf: Path) -> dict[str, int]:
    """Element ids WeasyPrint kept as named destinations -> 0-based page."""
    reader = PdfReader(pdf)
    return {name: page_of(reader, dest) for name, dest in reader.named_destinations.items()}


def connector_pages(found: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Each connector letter -> (page where the flow leaves, page where it resumes)."""
    letters = {m[1] for name in found if (m := re.fullmatch(r"bagan-konektor-(\w+)-(?:keluar|masuk)", name))}
    return {x: (found[f"bagan-konektor-{x}-keluar"], found[f"bagan-konektor-{x}-masuk"]) for x in letters}


@pytest.mark.parametrize("sop", [CANDIPURO, "penyusunan-sakip", "pengumpulan-data-kinerja"])
def test_every_flowchart_page_break_has_a_connector_pair(built_demo: BuildResult, sop: str) -> None:
    found = anchors(built_demo.out_dir / "sop" / f"{sop}.pdf")
    row_pages = sorted({page for name, page in found.items() if name.startswith("bagan-langkah-")})
    pairs = connector_pages(found)
    assert len(row_pages) >= 2
    assert all(leave != resume for leave, resume in pairs.values())
    for page in row_pages[:-1]:
        assert (page, page + 1) in pairs.values(), f"no connector pair from page {page + 1} to {page + 2}"


def test_candipuro_has_one_break_and_keeps_its_loop_on_one_page(built_demo: BuildResult) -> None:
    found = anchors(built_demo.out_dir / "sop" / f"{CANDIPURO}.pdf")
    pairs = connector_pages(found)
    assert len({page for name, page in found.items() if name.startswith("bagan-langkah-")}) == 2, "two flowchart pages, as the reference"
    assert len(pairs) == 1
    (leave, resume), = pairs.values()
    last_on_first = max(n for n in range(1, 11) if found[f"bagan-langkah-{n}"] == leave)
    assert resume == found[f"bagan-langkah-{last_on_first + 1}"] == leave + 1
    # the decision's "Tidak" goes back to the recap (step 6) on the same page: no connector needed
    assert found["bagan-langkah-6"] == found["bagan-langkah-8"]


def test_sakip_back_edge_crosses_a_break_through_a_connector_pair(built_demo: BuildResult) -> None:
    found = anchors(built_demo.out_dir / "sop" / "penyusunan-sakip.pdf")
    assert (found["bagan-langkah-16"], found["bagan-langkah-4"]) in connector_pages(found).values()


class _Flowchart(HTMLParser):
    """Per flowchart row of a site page: the pelaksana column holding a symbol, and its kind."""

    def __init__(self) -> None:
        super().__init__()
        self.symbols: dict[int, list[tuple[int, str]]] = {}
        self.connectors: list[str] = []
        self._row: int | None = None
        self._column = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and (m := re.fullmatch(r"bagan-langkah-(\d+)", a.get("id") or "")):
            self._row, self._column = int(m[1]), 0
            self.symbols[self._row] = []
        elif tag == "td" and self._row is not None and "fc-pel" in (a.get("class") or "").split():
            self._column += 1
            if a.get("data-symbol"):
                self.symbols[self._row].append((self._column, a["data-symbol"] or ""))
        elif tag == "span" and (a.get("id") or "").startswith("bagan-konektor-"):
            self.connectors.append(a["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None


def test_site_page_draws_each_step_in_its_performers_column(built_demo: BuildResult) -> None:
    chart = _Flowchart()
    chart.feed((built_demo.out_dir / "sop" / f"{CANDIPURO}.html").read_text(encoding="utf-8"))
    performer = ["Camat", "Sekretaris", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Sekretaris", "Sekretaris", "Camat"]
    kinds = ["mulai"] + ["proses"] * 6 + ["keputusan", "proses", "selesai"]
    expected = {n: [(PELAKSANA.index(p) + 1, k)] for n, (p, k) in enumerate(zip(performer, kinds), start=1)}
    assert chart.symbols == expected


def test_site_page_shows_the_pdf_connector_pairs(built_demo: BuildResult) -> None:
    for sop in (CANDIPURO, "penyusunan-sakip"):
        chart = _Flowchart()
        chart.feed((built_demo.out_dir / "sop" / f"{sop}.html").read_text(encoding="utf-8"))
        in_pdf = {name for name in anchors(built_demo.out_dir / "sop" / f"{sop}.pdf") if name.startswith("bagan-konektor-")}
        assert sorted(chart.connectors) == sorted(in_pdf)


# ---------- The site page ----------

def test_site_page_carries_the_same_document(built_demo: BuildResult) -> None:
    page = html_text(built_demo.out_dir / "sop" / f"{CANDIPURO}.html")
    text = page.text  # type: ignore[attr-defined]
    kop, identitas = IDENTITAS[:2], IDENTITAS[2:]  # the kop is upper-cased by CSS, written in title case
    fields = identitas + DASAR_HUKUM + KUALIFIKASI + KETERKAITAN + PERALATAN + PERINGATAN + PENCATATAN + TTD + PELAKSANA
    fields += [value for step in LANGKAH for value in step if value != step[2]]
    assert [f for f in fields if not contains(text, f)] == []
    assert all(contains(text.casefold(), step[2].casefold()) for step in LANGKAH)
    assert all(contains(text.upper(), line) for line in kop)
    assert ILUSTRASI not in text


def test_site_page_links_related_sops_and_its_pdf(built_demo: BuildResult) -> None:
    page_file = built_demo.out_dir / "sop" / f"{CANDIPURO}.html"
    links = html_text(page_file).links
    expected = [*zip(KETERKAITAN_PAGES, KETERKAITAN), (f"{CANDIPURO}.pdf", "Unduh PDF siap cetak")]
    assert [link for link in expected if link not in links] == []
    assert all((page_file.parent / target).is_file() for target, _ in expected)


def test_site_page_of_an_illustrative_sop_says_so(built_demo: BuildResult) -> None:
    page = built_demo.out_dir / "sop" / "penyusunan-sakip.html"
    assert f'<p class="tanda-ilustrasi" role="note">{ILUSTRASI}</p>' in page.read_text(encoding="utf-8")


# ---------- Site settings: no cover, A4 per site, F4 per document ----------

@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kecil")
    write_site(root / "content", {
        "site.yaml": SITE_YAML + "sampul_sop: false\n",
        "pejabat.yaml": PEJABAT_YAML,
        "sop/satu.yaml": sop_yaml("Prosedur Satu", "100/1/SOP/2024"),
        "sop/dua.yaml": sop_yaml("Prosedur Dua", "100/2/SOP/2024") + "kertas: F4\n",
    })
    build_site(root / "content", root / "output", pdf=True)
    return root / "output"


def test_site_may_switch_the_cover_off(small_build: Path) -> None:
    first = pages_text(small_build / "sop" / "satu.pdf")[0]
    assert "STANDAR OPERASIONAL PROSEDUR" not in first
    assert "Nomor SOP : 100/1/SOP/2024" in first
    assert "Halaman 1 dari" in first


def test_paper_per_site_and_per_document(small_build: Path) -> None:
    assert sizes(small_build / "sop" / "satu.pdf") == {A4}
    assert sizes(small_build / "sop" / "dua.pdf") == {F4}


def test_definitive_signer_has_no_plt(small_build: Path) -> None:
    last = pages_text(small_build / "sop" / "satu.pdf")[-1]
    assert "CAMAT CONTOH" in last
    assert "Plt." not in last and "Plh." not in last
