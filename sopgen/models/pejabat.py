"""The registry of officials (pejabat.yaml) that documents name by id."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Model


class Pejabat(Model):
    """An official who signs: jabatan, name, NIP, and whether acting (Plt./Plh.)."""

    jabatan: str = Field(description="Jabatan, mis. 'Camat Candipuro'.")
    nama: str = Field(description="Nama lengkap dengan gelar, mis. 'AKHMAD KHARIRI, SH'.")
    nip: str = Field(description="NIP 18 digit; boleh ditulis berkelompok '19720818 199403 1 009'.")
    pangkat: str | None = Field(None, description="Pangkat/golongan, mis. 'Pembina (IV/a)'.")
    status: Literal["definitif", "Plt.", "Plh."] = Field(
        "definitif", description="'Plt.' (Pelaksana Tugas) atau 'Plh.' (Pelaksana Harian) bila bukan pejabat definitif."
    )

    @property
    def jabatan_tanda_tangan(self) -> str:
        """The jabatan as printed above a signature: ``Plt. CAMAT CANDIPURO`` (the status keeps its own case)."""
        prefix = "" if self.status == "definitif" else f"{self.status} "
        return f"{prefix}{self.jabatan.upper()}"
