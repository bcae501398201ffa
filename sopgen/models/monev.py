"""Monitoring and evaluation of an SOP (Permenpan RB 35/2012): the regulation's two forms as records.

An SOP in force is monitored every six months: each prosedur (langkah) is judged as running
well or not, with notes, the action to take, and the assessor's initials. It is evaluated
against seven yes/no criteria, ending in a recommendation: keep it, revise it, or withdraw it.
Records live beside the content, one file per SOP and period
(``monitoring/<sop>/<periode>.yaml``, ``evaluasi/<sop>/<periode>.yaml``); the period is the
file's name (``2024-1`` is the first half of 2024), so it is written once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Model, Tanggal

Catatan = Annotated[str, Field(max_length=1000)]
"""A note in a cell of the form: a few sentences."""

PENERAPAN = {"baik": "Berjalan dengan baik", "tidak-baik": "Tidak berjalan dengan baik"}
"""The monitoring form's two judgements, as content writes them and as the form prints them."""


class PenilaianLangkah(Model):
    """One row of the monitoring form: one prosedur of the SOP."""

    langkah: int = Field(ge=1, le=500, description="Nomor langkah (prosedur) SOP yang dinilai, mulai dari 1.")
    penerapan: Literal["baik", "tidak-baik"] = Field(description="'baik' (berjalan dengan baik) atau 'tidak-baik' (tidak berjalan dengan baik).")
    catatan: Catatan | None = Field(None, description="Catatan hasil penilaian.")
    tindakan: Catatan | None = Field(None, description="Tindakan yang harus diambil.")


class Monitoring(Model):
    """monitoring/<sop>/<periode>.yaml: the six-monthly monitoring of one SOP."""

    tanggal: Tanggal = Field(description="Tanggal penilaian, mis. '28 Juni 2024'.")
    penilai: str = Field(description="Id pejabat (dari pejabat.yaml) yang menilai dan menandatangani.")
    penilaian: list[PenilaianLangkah] = Field(min_length=1, max_length=500, description="Penilaian setiap prosedur (langkah) SOP.")
    ilustrasi: bool = Field(False, description="true bila catatan ini contoh (bukan catatan resmi); ditandai di PDF dan halaman.")


KRITERIA = {
    "mendorong_kinerja": "Mampu mendorong peningkatan kinerja",
    "mudah_dipahami": "Mudah dipahami",
    "mudah_dilaksanakan": "Mudah dilaksanakan",
    "peran_jelas": "Semua orang dapat menjalankan perannya masing-masing",
    "mengatasi_masalah": "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "menjawab_kebutuhan": "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "sinergi": "Sinergi satu dengan lainnya",
}
"""The evaluation form's criteria (Permenpan RB 35/2012), by field name, in the form's order."""

REKOMENDASI = {"tetap": "SOP tetap berlaku", "revisi": "SOP direvisi", "cabut": "SOP dicabut"}
"""What an evaluation recommends, as content writes it and as the form prints it."""


class Jawaban(Model):
    """One criterion: Ya or Tidak, with a note."""

    jawaban: Literal["ya", "tidak"] = Field(description="'ya' atau 'tidak'.")
    catatan: Catatan | None = Field(None, description="Catatan (terutama bila 'tidak').")


class Kriteria(Model):
    """The seven criteria, each answered."""

    mendorong_kinerja: Jawaban = Field(description=KRITERIA["mendorong_kinerja"] + ".")
    mudah_dipahami: Jawaban = Field(description=KRITERIA["mudah_dipahami"] + ".")
    mudah_dilaksanakan: Jawaban = Field(description=KRITERIA["mudah_dilaksanakan"] + ".")
    peran_jelas: Jawaban = Field(description=KRITERIA["peran_jelas"] + ".")
    mengatasi_masalah: Jawaban = Field(description=KRITERIA["mengatasi_masalah"] + ".")
    menjawab_kebutuhan: Jawaban = Field(description=KRITERIA["menjawab_kebutuhan"] + ".")
    sinergi: Jawaban = Field(description=KRITERIA["sinergi"] + ".")


class Evaluasi(Model):
    """evaluasi/<sop>/<periode>.yaml: the evaluation of one SOP."""

    tanggal: Tanggal = Field(description="Tanggal evaluasi, mis. '20 Desember 2024'.")
    penilai: str = Field(description="Id pejabat (dari pejabat.yaml) yang mengevaluasi dan menandatangani.")
    kriteria: Kriteria = Field(description="Tujuh kriteria evaluasi, masing-masing {jawaban: ya|tidak, catatan: ...}.")
    rekomendasi: Literal["tetap", "revisi", "cabut"] = Field(description="'tetap', 'revisi', atau 'cabut'.")
    catatan: Catatan | None = Field(None, description="Alasan rekomendasi dan catatan lain.")
    ilustrasi: bool = Field(False, description="true bila catatan ini contoh (bukan catatan resmi); ditandai di PDF dan halaman.")
