"""The Perjanjian Kinerja (Permenpan RB 53/2014) as its own signed document: perjanjian.yaml.

The targets and the budget are not typed here: they are the recap cycle's (``kinerja:``), so
the signed agreement, the recap and the Laporan Kinerja can never disagree on a target.
"""

from __future__ import annotations

from pydantic import Field

from .base import Model, Tanggal
from .laporan import PihakKedua
from .site import Kertas


class Perjanjian(Model):
    """perjanjian.yaml."""

    tahun: int = Field(ge=2000, le=2100, description="Tahun anggaran yang diperjanjikan.")
    kinerja: str = Field(description="Id siklus pengukuran kinerja yang sasaran, target dan anggarannya diperjanjikan (folder di kinerja/), mis. '2024'.")
    pihak_pertama: str = Field(description="Id pejabat (dari pejabat.yaml) yang berjanji: kepala unit kerja, mis. 'camat'.")
    pihak_kedua: PihakKedua = Field(description="Atasan yang menandatangani sebagai pihak kedua, mis. {jabatan: Bupati Lumajang}.")
    tempat: str = Field(description="Tempat penandatanganan, mis. 'Lumajang'.")
    tanggal: Tanggal = Field(description="Tanggal penandatanganan, mis. '2 Januari 2024'.")
    kertas: Kertas | None = Field(None, description="'A4' atau 'F4'; bawaan dari site.yaml.")
    ilustrasi: bool = Field(False, description="true bila perjanjian ini rekaan (contoh); ditandai di setiap halaman.")
