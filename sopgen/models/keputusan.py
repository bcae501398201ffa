"""The Keputusan that sets a site's SOPs into force (Permenpan RB 35/2012): keputusan.yaml.

The regulation's SOP documentation opens with the Keputusan of the unit's head; its Lampiran is
the Daftar SOP. The list is not typed here: it is the binder's SOPs, so the signed list and the
bound SOPs cannot disagree. Only the text that is the Keputusan's own is written: its number,
date, considerations (menimbang), legal bases (mengingat) and decisions (diktum).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Model, Tanggal

KEPUTUSAN_FILE = "keputusan.yaml"
"""The Keputusan that sets a unit's SOPs into force, beside its site.yaml."""
DIKTUM = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH")
"""The names of the decisions of a Keputusan, in order (naskah dinas)."""

Paragraf = Annotated[str, Field(max_length=2000)]
"""A consideration, legal basis or decision: a paragraph, not a pasted document."""


class KeputusanSOP(Model):
    """keputusan.yaml."""

    nomor: str = Field(max_length=120, description="Nomor Keputusan, mis. '188.45/12/427.83/2024'.")
    tentang: str = Field(max_length=400, description="Judul Keputusan sesudah 'TENTANG', mis. 'Standar Operasional Prosedur di Lingkungan Kecamatan Candipuro'.")
    ditetapkan_oleh: str = Field(description="Id pejabat (dari pejabat.yaml) yang menetapkan, mis. 'camat'.")
    tempat: str = Field(max_length=80, description="Tempat ditetapkan, mis. 'Candipuro'.")
    tanggal: Tanggal = Field(description="Tanggal ditetapkan, mis. '15 Januari 2024'; tidak boleh di masa depan.")
    menimbang: list[Paragraf] = Field(min_length=1, max_length=20, description="Pertimbangan (a, b, c, ...), satu butir per baris.")
    mengingat: list[Paragraf] = Field(min_length=1, max_length=40, description="Dasar hukum (1, 2, 3, ...), satu peraturan per baris.")
    memutuskan: list[Paragraf] = Field(
        min_length=1, max_length=len(DIKTUM),
        description="Diktum KESATU, KEDUA, ...: satu butir per diktum. Daftar SOP menjadi lampiran dan dicetak otomatis.",
    )
    ilustrasi: bool = Field(False, description="true bila Keputusan ini contoh (bukan dokumen resmi); ditandai di setiap halaman.")
