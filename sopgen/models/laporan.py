"""The Laporan Kinerja (LKjIP, Permenpan RB 53/2014): laporan.yaml and the parts it lists.

A report is a folder, e.g. ``content/laporan/2024/``, holding ``laporan.yaml`` and one
Markdown file per part. The YAML says which recap cycle the numbers come from, who signs,
on what paper, and the parts in order; the Markdown holds the narrative the Tim SAKIP writes.
The parts are listed explicitly (not fixed by sopgen) because a kabupaten may rename, add or
drop them; their ``jenis`` decides how each is numbered and paginated.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from .base import Bilangan, Model, NamaBerkas, Tanggal
from .paper import PILIHAN_KERTAS, Kertas

JenisBagian = Literal["depan", "bab", "lampiran"]
"""depan: front matter (roman page numbers, no chapter number), bab: a numbered chapter
(BAB I, Tabel 1.1), lampiran: an appendix after the chapters (Lampiran 1, Tabel L1.1)."""


class Bagian(Model):
    """One part of the report: its title, its Markdown file, how it is numbered."""

    judul: str = Field(description="Judul bagian, mis. 'Pendahuluan' atau 'Kata Pengantar'.")
    berkas: NamaBerkas = Field(description="Berkas Markdown bagian ini, relatif terhadap folder laporan, mis. 'bab-1-pendahuluan.md'.")
    jenis: JenisBagian = Field("bab", description="'depan' (halaman romawi), 'bab' (bab bernomor) atau 'lampiran'.")
    tanda_tangan: bool = Field(False, description="Cetak blok tanda tangan penanda tangan laporan di akhir bagian ini (mis. Kata Pengantar).")

    @field_validator("berkas")
    @classmethod
    def _markdown_inside(cls, value: str) -> str:
        if not value.endswith(".md"):
            raise ValueError(f"berkas bagian harus berkas Markdown berakhiran .md, bukan '{value}'")
        if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
            raise ValueError(f"berkas bagian harus berada di dalam folder laporan, bukan '{value}'")
        return value


class PihakKedua(Model):
    """The superior who signs the Perjanjian Kinerja with the head of the unit (e.g. the Bupati).

    Given here rather than in pejabat.yaml because a kepala daerah is elected and has no NIP.
    """

    jabatan: str = Field(description="Jabatan, mis. 'Bupati Lumajang'.")
    nama: str | None = Field(None, description="Nama; kosongkan untuk mencetak garis titik-titik.")


class PerjanjianKinerja(Model):
    """Where and when the Perjanjian Kinerja was signed, and by whom besides the head of the unit."""

    tempat: str = Field(description="Tempat penandatanganan, mis. 'Lumajang'.")
    tanggal: Tanggal = Field(description="Tanggal penandatanganan, mis. '2 Januari 2024'.")
    pihak_kedua: PihakKedua | None = Field(None, description="Atasan yang ikut menandatangani (pihak kedua), mis. Bupati.")


class StandarNasional(Model):
    """A national standard an indicator is compared with (analysis 4 of Permenpan RB 53/2014)."""

    nilai: Annotated[Decimal | str, Field(union_mode="left_to_right"), Bilangan] = Field(description="Nilai standar, dalam satuan indikatornya (label skala untuk indikator kualitatif).")
    sumber: str = Field(description="Sumber standar, mis. 'Permenpan RB 14/2017: IKM minimal kategori Baik (76,61)'.")


class Laporan(Model):
    """laporan.yaml."""

    judul: str = Field("Laporan Kinerja Instansi Pemerintah", description="Judul laporan di sampul.")
    singkatan: str = Field("LKjIP", description="Singkatan judul, dipakai di sampul dan nama berkas PDF.")
    tahun: int = Field(ge=2000, le=2100, description="Tahun anggaran yang dilaporkan.")
    unit_kerja: str | None = Field(None, description="Unit kerja; bawaan dari site.yaml (instansi.unit_kerja).")
    kinerja: str = Field(description="Id siklus pengukuran kinerja yang angkanya dipakai (folder di kinerja/), mis. '2024'.")
    penanda_tangan: str = Field(description="Id pejabat (dari pejabat.yaml) yang menandatangani laporan.")
    tempat: str = Field(description="Tempat penandatanganan, mis. 'Candipuro'.")
    tanggal: Tanggal = Field(description="Tanggal penandatanganan, mis. '28 Februari 2025'.")
    kertas: Kertas | None = Field(None, description=f"{PILIHAN_KERTAS}; bawaan dari site.yaml.")
    ilustrasi: bool = Field(False, description="true bila data dan narasi laporan ini rekaan (contoh); ditandai di sampul dan setiap halaman.")
    standar_nasional: dict[str, StandarNasional] = Field(default_factory=dict, description="Standar nasional per kode indikator, untuk analisis perbandingan dengan standar nasional.")
    perjanjian_kinerja: PerjanjianKinerja | None = Field(None, description="Data penandatanganan Perjanjian Kinerja yang dilampirkan dengan {{ perjanjian-kinerja }}.")
    bagian: list[Bagian] = Field(min_length=1, description="Bagian-bagian laporan, berurutan.")
    daftar_isi_setelah: str | None = Field(
        None,
        description="Judul bagian 'depan' yang langsung diikuti Daftar Isi (lalu Daftar Tabel dan Daftar Gambar), mis. 'Kata Pengantar' "
        "agar urutannya Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif; bawaan: sesudah semua bagian depan.",
    )

    @field_validator("daftar_isi_setelah")
    @classmethod
    def _bagian_depan(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Reported at its own line; not checked when ``bagian`` itself is invalid (reported there)."""
        bagian = info.data.get("bagian")
        if value is None or bagian is None:
            return value
        depan = [b.judul for b in bagian if b.jenis == "depan"]
        if value not in depan:
            pilihan = ", ".join(f"'{j}'" for j in depan) or "belum ada bagian 'depan'"
            raise ValueError(f"'{value}' bukan judul bagian depan (pilihan: {pilihan})")
        return value

    @field_validator("bagian")
    @classmethod
    def _order(cls, bagian: list[Bagian]) -> list[Bagian]:
        """Front matter first, appendices last: the roman and arabic page counters depend on it."""
        urutan = {"depan": 0, "bab": 1, "lampiran": 2}
        kinds = [urutan[b.jenis] for b in bagian]
        if kinds != sorted(kinds):
            raise ValueError("urutan bagian harus: semua 'depan' dahulu, lalu 'bab', lalu 'lampiran'")
        files = [b.berkas for b in bagian]
        twice = sorted({f for f in files if files.count(f) > 1})
        if twice:
            raise ValueError(f"berkas {', '.join(twice)} dipakai lebih dari satu bagian")
        return bagian
