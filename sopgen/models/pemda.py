"""The kabupaten's settings file (pemda.yaml): what every unit of a multi-unit site shares.

A unit inherits these unless its own ``site.yaml`` (or ``kinerja/kebijakan.yaml``) writes the
field: one place for the name of the pemerintah daerah, its kop, paper and measurement policy,
so twenty units do not each retype (and mistype) them.
"""

from __future__ import annotations

from pydantic import Field

from .base import Laman, Model, NamaBerkas
from .kinerja import Kebijakan
from .paper import Kertas


class Pemda(Model):
    """pemda.yaml."""

    pemerintah: str = Field(description="Pemerintah daerah, mis. 'Kabupaten Lumajang'; setiap unit mewarisinya.")
    judul: str | None = Field(None, description="Judul portal; bawaan: 'SOP dan Kinerja Pemerintah <pemerintah>'.")
    alamat: str = Field(description="Alamat Sekretariat Daerah (Bagian Organisasi), dicetak di kaki portal.")
    logo: NamaBerkas | None = Field(None, description="Logo portal, relatif terhadap folder ini, mis. 'assets/lambang.svg'.")
    logo_pengganti: bool = Field(False, description="true bila logo masih gambar pengganti, bukan lambang resmi.")
    kop: str | None = Field(None, description="Baris pertama kop dokumen setiap unit, bila bukan 'Pemerintah <pemerintah>'.")
    kertas: Kertas | None = Field(None, description="Ukuran kertas bawaan setiap unit: 'F4' atau 'A4'.")
    alamat_sumber: Laman | None = Field(
        None, description="Alamat folder ini (yang memuat pemda.yaml) di repositorinya (https://...), mis. "
        "'https://github.com/pemkab-lumajang/sop/blob/main/'; setiap unit menautkan berkas sumbernya di unit/<id>/.",
    )
    alamat_situs: Laman | None = Field(
        None, description="Alamat portal yang diterbitkan (https://...), mis. 'https://sop.lumajangkab.example.go.id/'; "
        "bila diisi, portal mendapat sitemap.xml dan tautan Open Graph yang lengkap.",
    )
    kebijakan: Kebijakan | None = Field(
        None, description="Kebijakan pengukuran kinerja (batas atas, skala predikat, ...) bagi setiap unit; "
        "unit yang memiliki kinerja/kebijakan.yaml mengganti butir yang ditulisnya saja.",
    )
