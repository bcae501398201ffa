"""The performance plan and its measured data: content/kinerja/<siklus>/kinerja.yaml.

One file per cycle holds the plan hierarchy of the unit (tujuan → sasaran → program → kegiatan
→ sub kegiatan), each level's indicators with their targets, and, as the year goes on, the
realisasi. Realisasi and targets may also come from the Tim SAKIP's spreadsheet (``impor``);
the loader merges those by indicator kode. content/kinerja/kebijakan.yaml holds the site's
measurement policy, printed on every recap because real systems differ.

Numbers are Decimal (exact as written; see :mod:`sopgen.domain.capaian`). The enumerations are
plain Literals here so that models import nothing of sopgen's; the domain maps them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from .base import Bilangan, Model, NamaBerkas, Tanggal, written_twice
from .blank import blank_is_none

PolaritasNama = Literal["positif", "negatif", "rentang", "kualitatif"]
RumusNama = Literal["R/T", "(2T-R)/T", "T/R"]
AturanTriwulanNama = Literal["kumulatif", "rata_rata", "nilai_akhir"]
PeranAngka = Literal["target", "realisasi"]
"""Which figure of an indicator is printed: its decimals may differ."""


Angka = Annotated[Decimal, Field(allow_inf_nan=False), Bilangan]
Nilai = Annotated[Decimal | str | None, Field(union_mode="left_to_right"), Bilangan, BeforeValidator(blank_is_none)]
"""A realisasi: a number, a scale label (kualitatif), or nothing yet ("belum tersedia")."""


class Rentang(Model):
    """A target band: inside it the capaian is 100."""

    bawah: Angka = Field(description="Batas bawah rentang target.")
    atas: Angka = Field(description="Batas atas rentang target.")

    @model_validator(mode="after")
    def _urut(self) -> Rentang:
        if self.bawah > self.atas:
            raise ValueError(f"batas bawah ({self.bawah}) lebih besar dari batas atas ({self.atas})")
        return self


Target = Annotated[Decimal | Rentang | str, Field(union_mode="left_to_right"), Bilangan]
"""A number; {bawah, atas} for a rentang indicator; a scale label for a kualitatif one."""
TargetTahunan = Annotated[Decimal | Rentang | str | None, Field(union_mode="left_to_right"), Bilangan, BeforeValidator(blank_is_none)]
"""The year's target: optional as written, because the sheet may fill it (required after the merge)."""


class Triwulan(Model):
    """Quarterly data of an indicator and how the four quarters make the year."""

    aturan: AturanTriwulanNama = Field(
        description="Cara menggabungkan triwulan menjadi nilai tahunan: 'kumulatif' (dijumlahkan), "
        "'rata_rata' (dirata-rata) atau 'nilai_akhir' (nilai triwulan terakhir yang terisi)."
    )
    target: list[Nilai] | None = Field(None, min_length=4, max_length=4, description="Target TW I–IV (opsional); capaian tiap triwulan dihitung terhadapnya. Tulis '-' untuk triwulan tanpa target.")
    realisasi: list[Nilai] = Field(
        default_factory=lambda: list[Nilai]([None] * 4), min_length=4, max_length=4,
        description="Realisasi TW I–IV; tulis '-' untuk triwulan yang belum dilaporkan.",
    )


class Indikator(Model):
    """One performance indicator with its definition, targets and realisasi."""

    kode: str = Field(description="Kode unik indikator, mis. 'IKU-1.1'; dipakai untuk impor dari lembar kerja.")
    nama: str = Field(description="Nama indikator sebagaimana tertulis di Renstra dan Perjanjian Kinerja.")
    satuan: str = Field(description="Satuan, mis. '%', 'poin', 'pengaduan', 'predikat'.")
    polaritas: PolaritasNama | None = Field(
        None,
        description="'positif' (makin tinggi makin baik; bawaan), 'negatif' (makin rendah makin baik), "
        "'rentang' (target berupa rentang) atau 'kualitatif' (skala huruf, mis. AA … D).",
    )
    rumus: RumusNama | None = Field(
        None,
        description="Rumus capaian bila berbeda dari bawaan polaritasnya: 'R/T' (positif), "
        "'(2T-R)/T' (bawaan negatif) atau 'T/R' (negatif).",
    )
    skala: list[str] = Field(default_factory=list, description="Skala indikator kualitatif, dari yang terbaik, mis. [AA, A, BB, B, CC, C, D].")
    definisi: str | None = Field(None, description="Definisi operasional indikator; dicetak di bawah nama indikator pada rekap dan Laporan Kinerja.")
    cara_ukur: str | None = Field(None, description="Cara mengukur / rumus perhitungan realisasi indikator; dicetak di bawah definisinya.")
    sumber_data: str | None = Field(None, description="Sumber data realisasi, mis. 'Laporan SKM triwulanan Seksi Pelayanan'.")
    desimal: int = Field(2, ge=0, le=4, description="Jumlah desimal saat mencetak target dan realisasi (0 untuk jumlah).")
    desimal_target: int | None = Field(None, ge=0, le=4, description="Jumlah desimal target bila berbeda dari 'desimal', mis. 0 agar target 70 tercetak '70'.")
    desimal_realisasi: int | None = Field(None, ge=0, le=4, description="Jumlah desimal realisasi bila berbeda dari 'desimal'.")
    desimal_capaian: int | None = Field(None, ge=0, le=4, description="Jumlah desimal capaian indikator ini bila berbeda dari kebijakan.yaml 'desimal'.")
    bobot: Angka = Field(Decimal(1), gt=0, description="Bobot indikator dalam rata-rata capaian sasaran (bawaan 1).")
    target: TargetTahunan = Field(
        None,
        description="Target tahun ini menurut Perjanjian Kinerja; capaian dihitung terhadap target ini. "
        "Kosongkan (atau '-') bila diisi dari kolom Target lembar kerja impor; wajib ada di salah satunya.",
    )
    target_renstra: Target | None = Field(None, description="Target tahun ini menurut Renstra/RKT, bila berbeda dari Perjanjian Kinerja perlu dijelaskan.")
    target_akhir_renstra: Target | None = Field(None, description="Target akhir periode Renstra, untuk perbandingan.")
    realisasi: Nilai = Field(None, description="Realisasi tahunan; kosongkan atau '-' bila belum tersedia (bukan 0).")
    triwulan: Triwulan | None = Field(None, description="Data triwulanan, bila diukur per triwulan.")
    realisasi_lalu: dict[int, Nilai] = Field(default_factory=dict, description="Realisasi tahun-tahun sebelumnya, mis. {2022: 80.1, 2023: 81.4}.")
    capaian_tercetak: Annotated[Angka | None, BeforeValidator(blank_is_none)] = Field(
        None,
        description="Capaian (%) yang dicetak dokumen yang ada (LKjIP lama, draf yang direviu), untuk rekonsiliasi: "
        "setiap selisih dengan hasil rumus dicantumkan di tabel reviu beserta penyebabnya bila terlihat.",
    )
    penjelasan: str | None = Field(None, description="Penjelasan singkat capaian (penyebab keberhasilan/kegagalan); dicetak pada keterangan indikator di rekap dan tabel capaian Laporan Kinerja.")
    abaikan_peringatan: list[str] = Field(
        default_factory=list,
        description="Kode peringatan yang sengaja diabaikan untuk indikator ini, mis. [polaritas-terdengar-negatif]; galat tidak dapat diabaikan.",
    )

    def desimal_cetak(self, peran: PeranAngka) -> int:
        """How many decimals a target or a realisasi of this indicator is printed with."""
        own = self.desimal_target if peran == "target" else self.desimal_realisasi
        return self.desimal if own is None else own

    @field_validator("skala")
    @classmethod
    def _skala_unik(cls, value: list[str]) -> list[str]:
        twice = sorted(written_twice(value))
        if twice:
            raise ValueError(f"label skala {', '.join(twice)} tertulis dua kali")
        return value


class SubKegiatan(Model):
    """A sub kegiatan: where the DPA puts the money."""

    kode: str = Field(description="Kode sub kegiatan (nomenklatur Kepmendagri 050-5889).")
    nama: str = Field(description="Nama sub kegiatan.")
    pagu: Angka = Field(gt=0, description="Pagu anggaran (Rp).")
    realisasi_anggaran: Annotated[Angka | None, BeforeValidator(blank_is_none)] = Field(None, description="Realisasi anggaran (Rp); kosongkan bila belum tersedia.")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator keluaran sub kegiatan.")


class Kegiatan(Model):
    """A kegiatan: its budget directly, or as the sum of its sub kegiatan."""

    kode: str = Field(description="Kode kegiatan.")
    nama: str = Field(description="Nama kegiatan.")
    pagu: Annotated[Angka, Field(gt=0)] | None = Field(None, description="Pagu anggaran (Rp); jangan diisi bila kegiatan punya sub kegiatan (dijumlahkan otomatis).")
    realisasi_anggaran: Annotated[Angka | None, BeforeValidator(blank_is_none)] = Field(None, description="Realisasi anggaran (Rp).")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator keluaran kegiatan.")
    sub_kegiatan: list[SubKegiatan] = Field(default_factory=list, description="Sub kegiatan beserta anggarannya.")

    @model_validator(mode="after")
    def _satu_sumber_anggaran(self) -> Kegiatan:
        """A budget is written once: at the kegiatan, or at each of its sub kegiatan."""
        if self.sub_kegiatan and (self.pagu is not None or self.realisasi_anggaran is not None):
            raise ValueError("anggaran ditulis pada sub kegiatan; hapus pagu/realisasi_anggaran kegiatan (dijumlahkan otomatis)")
        if not self.sub_kegiatan and self.pagu is None:
            raise ValueError("pagu kegiatan wajib diisi (atau tuliskan sub_kegiatan beserta pagunya)")
        return self


class Program(Model):
    """A program supporting a sasaran; its budget is the sum of its kegiatan."""

    kode: str = Field(description="Kode program.")
    nama: str = Field(description="Nama program.")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator program (outcome).")
    kegiatan: list[Kegiatan] = Field(min_length=1, description="Kegiatan dalam program ini.")


class Sasaran(Model):
    """A sasaran strategis: its capaian is the mean of its indicators."""

    kode: str = Field(description="Kode sasaran, mis. 'S1'.")
    uraian: str = Field(description="Uraian sasaran strategis.")
    indikator: list[Indikator] = Field(min_length=1, description="Indikator kinerja sasaran (IKU).")
    program: list[Program] = Field(default_factory=list, description="Program yang mendukung sasaran ini.")


class Tujuan(Model):
    """A tujuan of the Renstra; its capaian is the mean of its sasaran."""

    kode: str = Field(description="Kode tujuan, mis. 'T1'.")
    uraian: str = Field(description="Uraian tujuan.")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator tujuan (opsional).")
    sasaran: list[Sasaran] = Field(min_length=1, description="Sasaran strategis di bawah tujuan ini.")


class PeriodeRenstra(Model):
    """The Renstra's years, for the 'target akhir Renstra' comparison."""

    awal: int = Field(ge=2000, le=2100, description="Tahun pertama Renstra.")
    akhir: int = Field(ge=2000, le=2100, description="Tahun terakhir Renstra.")

    @model_validator(mode="after")
    def _urut(self) -> PeriodeRenstra:
        if self.akhir < self.awal:
            raise ValueError(f"periode Renstra berakhir ({self.akhir}) sebelum dimulai ({self.awal}); tukar 'awal' dan 'akhir'")
        return self


class Pengesahan(Model):
    """Who signs the printed recap: who drew it up, and the head of the unit who acknowledges it."""

    disusun_oleh: str = Field(description="Id pejabat (dari pejabat.yaml) yang menyusun rekap, mis. 'sekretaris'.")
    mengetahui: str | None = Field(None, description="Id pejabat yang mengetahui (kepala unit kerja), mis. 'camat'; dicetak di kiri dengan 'Mengetahui,'.")
    tempat: str = Field(description="Tempat penandatanganan, mis. 'Candipuro'.")
    tanggal: Tanggal = Field(description="Tanggal penandatanganan, mis. '15 Januari 2025'.")


TANDA_ILUSTRASI = "Data ilustrasi, bukan data resmi"
"""How the recap, its PDF and its sheets mark a cycle whose figures are invented."""


class Kinerja(Model):
    """kinerja.yaml: one measurement cycle."""

    tahun: int = Field(ge=2000, le=2100, description="Tahun yang diukur.")
    judul: str = Field("Pengukuran Kinerja", description="Judul rekap.")
    ilustrasi: bool = Field(False, description=f"true bila angka-angkanya rekaan (contoh); halaman dan PDF ditandai '{TANDA_ILUSTRASI}'.")
    keterangan_ilustrasi: str | None = Field(None, description="Penjelasan tambahan tentang data ilustrasi, dicetak di bawah tanda.")
    renstra: PeriodeRenstra | None = Field(None, description="Periode Renstra, mis. {awal: 2021, akhir: 2026}.")
    pengesahan: Pengesahan | None = Field(None, description="Tanda tangan pada rekap tercetak: disusun_oleh, mengetahui (pejabat id), tempat, tanggal.")
    impor: list[NamaBerkas] = Field(default_factory=list, description="Lembar kerja (XLSX/CSV) di folder ini yang mengisi target/realisasi menurut kode indikator.")
    tujuan: list[Tujuan] = Field(min_length=1, description="Tujuan, sasaran, program dan kegiatan beserta indikatornya.")

    @field_validator("impor")
    @classmethod
    def _lembar_di_folder(cls, value: list[str]) -> list[str]:
        for name in value:
            if not name.lower().endswith((".xlsx", ".csv")):
                raise ValueError(f"lembar impor harus berkas .xlsx atau .csv, bukan '{name}'")
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                raise ValueError(f"lembar impor harus berada di folder siklus ini, bukan '{name}'")
        return value


class TingkatPredikat(Model):
    """One band of the predikat scale."""

    batas: Angka = Field(description="Batas bawah (termasuk) band ini, mis. 91.")
    label: str = Field(description="Predikat, mis. 'Sangat Tinggi'.")


class Kebijakan(Model):
    """content/kinerja/kebijakan.yaml: the site's measurement policy (optional; defaults below)."""

    batas_atas: Annotated[Angka, Field(gt=0)] | None = Field(None, description="Batas atas capaian per indikator, mis. 100 atau 120; kosong = tanpa batas.")
    batas_bawah_nol: bool = Field(True, description="Capaian di bawah 0 ditampilkan 0.")
    desimal: int = Field(2, ge=0, le=4, description="Jumlah desimal capaian (pembulatan setengah ke atas, atau dipotong bila 'pembulatan: potong').")
    pembulatan: Literal["setengah_ke_atas", "potong"] = Field(
        "setengah_ke_atas", description="'setengah_ke_atas' (bawaan, seperti ROUND di Excel) atau 'potong' (dipotong tanpa pembulatan, bila aturan Pemda demikian)."
    )
    predikat: list[TingkatPredikat] | None = Field(None, description="Skala predikat dari yang tertinggi; bawaan ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah.")
    predikat_terendah: str = Field("Sangat Rendah", description="Predikat di bawah batas terendah.")
    ambang_efisiensi: Angka = Field(Decimal(5), ge=0, description="Selisih capaian − serapan (poin) yang masih 'Cukup Efisien'.")
    batas_wajar: Annotated[Angka, Field(gt=0)] = Field(
        Decimal(300), description="Capaian satu indikator (sebelum batas atas) di atas angka ini diperingatkan sebagai tidak wajar (peringatan capaian-tidak-wajar); bawaan 300."
    )
