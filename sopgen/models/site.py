"""The site file (site.yaml): who publishes, on what paper, with which theme."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Laman, Model, NamaBerkas, Surel, Tanggal
from .paper import PAPERS, Kertas

_F4 = PAPERS["F4"]

JENIS_UNIT = ("kecamatan", "dinas", "badan", "bagian", "lainnya")
"""The groups of a kabupaten portal's home, in its order (a unit's ``jenis``)."""


class Instansi(Model):
    """The issuing unit, printed in the kop of every document."""

    pemerintah: str = Field(description="Pemerintah daerah, mis. 'Kabupaten Lumajang'.")
    unit_kerja: str = Field(description="Unit kerja, mis. 'Kecamatan Candipuro'.")
    alamat: str = Field(description="Alamat kantor.")
    telepon: str | None = Field(None, description="Nomor telepon kantor.")
    email: Surel | None = Field(None, description="Alamat surel kantor, mis. 'kecamatan@contoh.go.id'.")
    laman: Laman | None = Field(None, description="Alamat situs web resmi, diawali https:// atau http://.")
    logo: NamaBerkas | None = Field(None, description="Berkas logo, relatif terhadap folder situs, mis. 'assets/logo.svg'.")
    logo_pengganti: bool = Field(False, description="true bila logo masih gambar pengganti, bukan lambang resmi.")
    kop: str | None = Field(
        None,
        description="Baris pertama kop dokumen, bila bukan 'Pemerintah <pemerintah>': mis. 'Kementerian Pendidikan Tinggi' "
        "untuk universitas, 'Mahkamah Agung Republik Indonesia' untuk pengadilan.",
    )
    kop_alamat: bool = Field(False, description="true untuk mencetak alamat dan telepon kantor di kop SOP (contoh Candipuro tidak mencetaknya).")

    @property
    def penerbit(self) -> str:
        """The kop's first line: 'Pemerintah Kabupaten Lumajang', once, however ``pemerintah`` is written.

        Most units write ``pemerintah: Kabupaten Lumajang``; some write the full name, and a
        university or a court is no pemerintah daerah at all, so the prefix is not forced.
        """
        if self.kop:
            return self.kop
        if self.pemerintah.casefold().startswith("pemerintah "):
            return self.pemerintah
        return f"Pemerintah {self.pemerintah}"


class SiteConfig(Model):
    """site.yaml."""

    judul: str | None = Field(None, description="Judul situs; bawaan: 'SOP dan Kinerja <unit kerja>'.")
    instansi: Instansi = Field(description="Instansi penerbit: pemerintah daerah, unit kerja, alamat, kontak, logo.")
    kertas: Kertas = Field("F4", description=f"Ukuran kertas bawaan untuk PDF: 'F4' ({_F4.width:g} × {_F4.height:g} mm) atau 'A4'.")
    sampul_sop: bool = Field(True, description="Cetak halaman sampul di depan setiap SOP.")
    riwayat_revisi_pdf: bool = Field(False, description="Cetak riwayat revisi SOP (riwayat_revisi) di halaman terakhir PDF-nya; di halaman situs selalu tampil.")
    alamat_situs: Laman | None = Field(
        None, description="Alamat situs terbitan ini (https://...), mis. 'https://sop.candipuro.example.go.id/'; "
        "bila diisi, sampul setiap SOP memuat kode QR ke halamannya di situs.",
    )
    alamat_sumber: Laman | None = Field(
        None, description="Alamat folder situs ini di repositorinya (https://...), mis. "
        "'https://github.com/pemkab-lumajang/sop/blob/main/'; bila diisi, kaki setiap halaman dokumen menautkan berkas YAML sumbernya. "
        "Unit di portal kabupaten mewarisinya dari pemda.yaml.",
    )
    tanggal_acuan: Tanggal | None = Field(
        None, description="Tanggal keadaan isi situs, untuk pemeriksaan yang bergantung pada hari ini (monitoring-terakhir: "
        "semester terakhir yang sudah selesai pada tanggal ini). Hanya untuk situs contoh atau arsip yang tidak diperbarui lagi; "
        "situs yang berjalan tidak mengisinya (bawaan: hari ini).",
    )
    tema: str = Field("default", description="Nama tema di folder themes/.")
    bidang: list[str] = Field(default_factory=list, description="Urutan kelompok (bidang/seksi) SOP di beranda.")
    ilustrasi: bool = Field(False, description="true bila unit ini contoh rekaan (mis. di situs contoh); portal dan beranda menandainya.")
    jenis: Literal[JENIS_UNIT] | None = Field(  # type: ignore[valid-type]
        None, description="Jenis unit di portal kabupaten: kecamatan, dinas, badan, bagian, atau lainnya (hanya untuk situs banyak unit).",
    )
