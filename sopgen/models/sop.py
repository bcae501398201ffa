"""The SOP document (Permenpan RB 35/2012): identity fields and the langkah of its flowchart.

An SOP document holds one procedure (``langkah:``) or several under one nomor (``prosedur:``,
each with its ``nama`` and ``langkah``, as a court's "Prosedur Surat Masuk" and "Prosedur Surat
Keluar"). Every reader of the steps goes through ``daftar_prosedur``, where a single-``langkah``
SOP is one unnamed procedure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AliasChoices, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .base import FieldError, Model, OptionalTanggal, Tanggal, written_twice
from .paper import PILIHAN_KERTAS, Kertas


class TanggalSOP(Model):
    """The dates printed in the identity table."""

    pembuatan: Tanggal = Field(description="Tanggal SOP dibuat.")
    revisi: OptionalTanggal = Field(None, description="Tanggal revisi terakhir; kosongkan atau '--' bila belum pernah direvisi.")
    pengesahan: OptionalTanggal = Field(None, description="Tanggal SOP disahkan; wajib kecuali SOP berstatus 'konsep'.")
    efektif: OptionalTanggal = Field(None, description="Tanggal SOP mulai berlaku, bila berbeda dari pengesahan.")


StatusSOP = Literal["konsep", "berlaku", "dicabut"]
"""An SOP's life: drafted (not signed yet), in force, or withdrawn (Permenpan RB 35/2012)."""


class Revisi(Model):
    """One entry of an SOP's revision history: its number, when, and what changed."""

    nomor: int = Field(ge=1, le=999, description="Nomor revisi: 1 untuk revisi pertama, lalu 2, 3, ...")
    tanggal: Tanggal = Field(description="Tanggal revisi, mis. '3 Februari 2025'.")
    perubahan: str = Field(max_length=1000, description="Apa yang diubah, mis. 'Langkah 7 diberi batas waktu 2 hari'.")


class MutuBaku(Model):
    """The Mutu Baku columns of a langkah: what it needs, how long it takes, what it yields."""

    kelengkapan: str = Field(description="Kelengkapan dan peralatan yang dibutuhkan langkah ini.")
    waktu: str = Field(description="Lama pelaksanaan, mis. '10 menit', '2 jam', '3 hari'.")
    output: str = Field(description="Hasil (output) langkah ini.")


JUDUL_MAX = 40
"""Longest Mutu Baku column title: it is printed in a column of about 21 mm, on up to three lines."""


class JudulMutuBaku(Model):
    """The titles of the three Mutu Baku columns. Permenpan RB 35/2012's example prints Kelengkapan,
    Waktu and Output; offices print their own ("Kelengkapan dan Peralatan", "Persyaratan/Kelengkapan")."""

    kelengkapan: str = Field("Kelengkapan", max_length=JUDUL_MAX, description="Judul kolom kelengkapan, mis. 'Kelengkapan dan Peralatan'.")
    waktu: str = Field("Waktu", max_length=JUDUL_MAX, description="Judul kolom waktu, mis. 'Waktu Penyelesaian'.")
    output: str = Field("Output", max_length=JUDUL_MAX, description="Judul kolom output, mis. 'Hasil'.")


AKHIR = "selesai"
"""The branch target that ends the procedure: the flow goes to the last langkah, drawn as "Selesai"."""
LABEL_MAX = 9
"""Longest branch label. It is printed at 6.5 pt beside the diamond, where a 32 mm pelaksana column
leaves 8 mm: "Pribadi" or "Disetujui" (7-9 mm in Liberation Sans Italic) about fill it, "Belum
lengkap" (15 mm) ran across the column border."""


class Keputusan(Model):
    """A decision's two branches, each the id of a langkah (forward or back) or ``selesai``, and the
    words printed on them when the question is not answered with Ya/Tidak ("Dinas"/"Pribadi")."""

    ya: str = Field(description=f"Id langkah tujuan bila jawabannya 'Ya', atau '{AKHIR}' bila prosedur berakhir.")
    tidak: str = Field(description=f"Id langkah tujuan bila jawabannya 'Tidak', atau '{AKHIR}' bila prosedur berakhir.")
    label_ya: str = Field("Ya", description="Tulisan pada cabang 'ya' bila bukan 'Ya', mis. 'Dinas' atau 'Lengkap'.")
    label_tidak: str = Field("Tidak", description="Tulisan pada cabang 'tidak' bila bukan 'Tidak', mis. 'Pribadi'.")

    @field_validator("label_ya", "label_tidak")
    @classmethod
    def _label_fits(cls, value: str) -> str:
        if len(value.strip()) > LABEL_MAX:
            raise ValueError(f"label cabang terlalu panjang ({len(value.strip())} karakter); paling banyak {LABEL_MAX} karakter "
                             "agar muat di samping simbol keputusan, mis. 'Dinas' atau 'Lengkap'")
        return value.strip()


_HOW_PELAKSANA = ("tulis satu nama dari daftar 'pelaksana', mis. 'pelaksana: Kasi', atau beberapa nama yang kolomnya "
                  "berdampingan bila langkah dikerjakan bersama, mis. 'pelaksana: [Kasi, Staf]'")


def _joint_names(value: object) -> object:
    """A step's ``pelaksana`` as written: a list of one is that name; an empty list, a name written
    twice or a mapping is refused here, where no column is needed to see it (the flow checks the columns)."""
    if isinstance(value, dict):
        raise ValueError(f"pelaksana langkah bukan nama; {_HOW_PELAKSANA}")
    if not isinstance(value, list):
        return value
    if not value:
        raise ValueError(f"daftar pelaksana langkah ini kosong; {_HOW_PELAKSANA}")
    twice = written_twice([str(name).strip() for name in value])
    if twice:
        raise ValueError(f"pelaksana '{twice[0]}' tertulis dua kali di langkah ini; tulis setiap pelaksana satu kali, "
                         "mis. 'pelaksana: [Kasi, Staf]'")
    return value[0] if len(value) == 1 and isinstance(value[0], str) else value


PelaksanaLangkah = Annotated[str | Annotated[list[str], Field(min_length=1)], BeforeValidator(_joint_names)]
"""One pelaksana column, or the adjacent columns of a step done together (real SOPs draw one symbol
across them); a list of one is that one name."""


def names_of(pelaksana: str | list[str]) -> tuple[str, ...]:
    """The names of a ``pelaksana`` field: one, or several for a step done together."""
    return (pelaksana,) if isinstance(pelaksana, str) else tuple(pelaksana)


class Langkah(Model):
    """One row of the flowchart table."""

    id: str | None = Field(None, description="Id langkah (opsional), dipakai oleh 'lanjut' dan 'keputusan'.")
    uraian: str = Field(description="Uraian prosedur langkah ini.")
    pelaksana: PelaksanaLangkah = Field(
        description="Kolom pelaksana yang menjalankan langkah ini (salah satu dari daftar 'pelaksana'); untuk langkah yang "
        "dikerjakan bersama, daftar nama yang kolomnya berdampingan, mis. [Kasi Pemerintahan, Staf].",
    )
    mutu_baku: MutuBaku = Field(
        # "mutu_buku" is the reference's own slip: accepted so the lint can warn with the fix
        # (a misspelt standard term is a warning, not a reason to refuse the whole SOP).
        validation_alias=AliasChoices("mutu_baku", "mutu_buku"),
        description="Mutu baku: kelengkapan, waktu, output.",
    )
    keterangan: str = Field("-", description="Isi kolom Keterangan.")
    keputusan: Keputusan | None = Field(None, description="Bila langkah ini sebuah keputusan: tujuan cabang 'ya' dan 'tidak'.")
    lanjut: str | None = Field(None, description=f"Id langkah berikutnya bila bukan baris di bawahnya, atau '{AKHIR}'.")

    @property
    def semua_pelaksana(self) -> tuple[str, ...]:
        """Every pelaksana of the step: its one name, or the names of a step done together (in column order)."""
        return names_of(self.pelaksana)


class LangkahAlur(Model):
    """What the flow graph reads of a langkah; the rest of the row is :class:`Langkah`'s to check."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = None
    pelaksana: PelaksanaLangkah
    keputusan: Keputusan | None = None
    lanjut: str | None = None


LangkahList = Annotated[list[Langkah], Field(min_length=2)]
LangkahAlurList = Annotated[list[LangkahAlur], Field(min_length=2)]
CONTOH_PROSEDUR = ("'prosedur:' berisi butir '- nama: Prosedur Surat Masuk' dengan 'langkah:' di bawahnya, "
                   "lalu '- nama: Prosedur Surat Keluar' dengan 'langkah:'-nya")
"""How a document of several procedures is written, for the messages that say so (one line: a message is one line)."""

S = TypeVar("S", Langkah, LangkahAlur)


@dataclass(frozen=True)
class ProsedurSOP(Generic[S]):
    """One procedure of an SOP document: its name (None for the one procedure of a ``langkah:`` SOP),
    its steps, and where they are written, so a finding about step ``i`` is reported at ``path + (i, ...)``."""

    nama: str | None
    langkah: Sequence[S]
    path: tuple[str | int, ...]


def _prosedur_list(langkah: Sequence[S] | None, prosedur: Sequence[Any] | None) -> tuple[ProsedurSOP[S], ...]:
    """The procedures of either kind of SOP model; the validators guarantee exactly one of the two is given."""
    if prosedur:
        return tuple(ProsedurSOP(p.nama, p.langkah, ("prosedur", i, "langkah")) for i, p in enumerate(prosedur))
    return (ProsedurSOP(None, langkah or (), ("langkah",)),)


def _prosedur_item_complete(value: object) -> object:
    """A procedure without its nama or its langkah, said with how to write it (not pydantic's bare 'wajib diisi')."""
    if isinstance(value, dict) and value.get("nama") is None:
        raise ValueError("prosedur ini tidak memiliki 'nama'; tulis nama yang dicetak sebagai judul bagan alirnya, di atas "
                         "'langkah:', mis. '- nama: Prosedur Surat Keluar'")
    if isinstance(value, dict) and value.get("langkah") is None:
        raise ValueError("prosedur ini tidak memiliki 'langkah'; tulis 'langkah:' di bawah 'nama:', berisi paling sedikit dua "
                         "langkah, ditulis seperti 'langkah' SOP yang memuat satu prosedur")
    return value


def _prosedur_filled(value: object) -> object:
    """``prosedur: []``. A blank ``prosedur:`` is None, as not written (so ``model_dump`` output validates
    again): with no ``langkah`` either, the message that SOP has no steps says how to write both."""
    if value == []:
        raise ValueError("daftar prosedur kosong; tulis paling sedikit satu prosedur dengan 'nama' dan 'langkah', mis. "
                         f"{CONTOH_PROSEDUR}; atau hapus 'prosedur:' dan tulis 'langkah:' bila SOP ini hanya memuat satu prosedur")
    return value


def _one_of_langkah_prosedur(langkah: object, prosedur: object) -> None:
    """Exactly one of ``langkah`` and ``prosedur``: both would leave it unclear which steps are the SOP's."""
    if langkah is not None and prosedur is not None:
        raise FieldError("'langkah' dan 'prosedur' tertulis bersamaan; pindahkan langkah-langkah itu ke salah satu prosedur "
                         "di bawah 'prosedur' lalu hapus 'langkah' di tingkat atas, atau hapus 'prosedur' bila SOP ini hanya memuat satu prosedur",
                         "prosedur")
    if langkah is None and prosedur is None:
        raise FieldError("SOP belum memiliki langkah; tulis 'langkah:' (daftar langkah prosedur), atau, bila satu dokumen SOP "
                         "memuat beberapa prosedur, " + CONTOH_PROSEDUR, "langkah")


def _steps_written(langkah: object, prosedur: list[Any] | None) -> None:
    """The checks both models of an SOP make of its steps: ``langkah`` or ``prosedur``, each procedure named once."""
    _one_of_langkah_prosedur(langkah, prosedur)
    if prosedur:
        _unique_nama(prosedur)


def _unique_nama(prosedur: list[Any]) -> None:
    """Two procedures of one name would print two identical headings (and be cited ambiguously)."""
    names = [p.nama for p in prosedur]
    for index, nama in enumerate(names):
        if nama in names[:index]:
            raise FieldError(f"nama prosedur '{nama}' sudah dipakai oleh prosedur ke-{names.index(nama) + 1}; "
                             "setiap prosedur dalam satu SOP memiliki nama yang berbeda, mis. 'Prosedur Surat Masuk' dan "
                             "'Prosedur Surat Keluar'", "prosedur", index, "nama")


def _in_column_order(steps: list[Langkah], columns: Sequence[str]) -> list[Langkah]:
    """``steps`` with each step done together naming its pelaksana in the table's order, as it is
    printed wherever it appears ("Kasi Pemerintahan dan Staf"), in whatever order they were written."""
    order = {name: index for index, name in enumerate(columns)}
    return [step.model_copy(update={"pelaksana": sorted(step.pelaksana, key=order.__getitem__)})
            if isinstance(step.pelaksana, list) and all(name in order for name in step.pelaksana) else step
            for step in steps]


class Prosedur(Model):
    """One procedure of an SOP document that holds several: a heading and its own flowchart table."""

    nama: str = Field(description="Nama prosedur, dicetak sebagai judul bagan alirnya, mis. 'Prosedur Surat Masuk'.")
    langkah: LangkahList = Field(description="Langkah-langkah prosedur ini, berurutan; nomor langkah mulai dari 1 pada setiap prosedur.")

    @model_validator(mode="before")
    @classmethod
    def _complete(cls, value: object) -> object:
        return _prosedur_item_complete(value)


class ProsedurAlur(Model):
    """What the flow graph reads of a procedure (see :class:`AlurSOP`)."""

    model_config = ConfigDict(extra="ignore")
    nama: str
    langkah: LangkahAlurList


class AlurSOP(Model):
    """The part of an SOP its flowchart is drawn from, read alone when another part of the file is invalid.

    So the flow checks (a target that does not exist, a pelaksana that is not a column, a step
    never reached) are reported in the same run as the schema error, not in the next round.
    """

    model_config = ConfigDict(extra="ignore")
    pelaksana: list[str] = Field(min_length=1)
    langkah: LangkahAlurList | None = None
    prosedur: Annotated[list[ProsedurAlur], Field(min_length=1)] | None = None
    abaikan_peringatan: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _steps_given(self) -> AlurSOP:
        _steps_written(self.langkah, self.prosedur)
        return self

    @property
    def daftar_prosedur(self) -> tuple[ProsedurSOP[LangkahAlur], ...]:
        """The procedures, as :attr:`SOP.daftar_prosedur`."""
        return _prosedur_list(self.langkah, self.prosedur)


class Keterkaitan(Model):
    """A link to another SOP: by id when it is in the site, as text when it is not."""

    sop: str | None = Field(None, description="Id SOP lain di situs ini.")
    teks: str | None = Field(None, description="Nama SOP yang tidak ada di situs ini.")

    @model_validator(mode="after")
    def _one_of(self) -> Keterkaitan:
        if (self.sop is None) == (self.teks is None):
            raise ValueError("isi salah satu: 'sop' (id SOP di situs ini) atau 'teks' (nama SOP lain)")
        return self


TANDA_ILUSTRASI = "Contoh ilustrasi, bukan dokumen resmi"
"""How the SOP's page, cover and PDF mark an SOP that is only an example."""


class SOP(Model):
    """One SOP file (content/sop/*.yaml)."""

    # The editor's schema says what the validator does: exactly one of 'langkah' and 'prosedur'.
    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["langkah"]}, {"required": ["prosedur"]}]})

    nomor: str = Field(description="Nomor SOP, mis. '700/16.1/SOP/427.83/2024'.")
    nama: str = Field(description="Nama SOP.")
    bidang: str | None = Field(None, description="Bidang/seksi untuk pengelompokan di beranda.")
    tanggal: TanggalSOP = Field(description="Tanggal pembuatan, revisi, pengesahan, dan (bila ada) mulai berlaku.")
    disahkan_oleh: str = Field(description="Id pejabat (dari pejabat.yaml) yang mengesahkan SOP.")
    status: StatusSOP = Field("berlaku", description="'konsep' (rancangan, belum disahkan), 'berlaku', atau 'dicabut'.")
    diganti_oleh: str | None = Field(None, description="Untuk SOP yang dicabut: id SOP pengganti di situs ini, bila ada.")
    kertas: Kertas | None = Field(None, description=f"Ukuran kertas: {PILIHAN_KERTAS}; bawaan dari site.yaml.")
    ilustrasi: bool = Field(False, description="true bila isi SOP ini contoh (bukan dokumen resmi); ditandai di halaman.")
    riwayat_revisi: list[Revisi] = Field(
        default_factory=list, max_length=200,
        description="Riwayat revisi, berurutan: nomor, tanggal, perubahan. Tanggal revisi di tabel identitas diambil dari entri terakhir.",
    )
    dasar_hukum: list[str] = Field(description="Daftar dasar hukum.")
    dasar_hukum_mulai: int = Field(
        1, ge=1, le=999,
        description="Nomor butir pertama Dasar Hukum bila dokumen asli tidak mulai dari 1 (mis. 9, karena butir 1-8 "
        "tercantum di SOP induknya); bawaan 1.",
    )
    kualifikasi_pelaksana: list[str] = Field(description="Daftar kualifikasi pelaksana.")
    keterkaitan: list[Keterkaitan | str] = Field(default_factory=list, description="SOP terkait: id SOP di situs ini, atau teks.")
    peralatan: list[str] = Field(default_factory=list, description="Peralatan dan perlengkapan.")
    peringatan: list[str] = Field(default_factory=list, description="Peringatan.")
    pencatatan: list[str] = Field(default_factory=list, description="Pencatatan dan pendataan.")
    pelaksana: list[str] = Field(min_length=1, description="Kolom pelaksana, berurutan dari kiri.")
    judul_mutu_baku: JudulMutuBaku = Field(
        default_factory=JudulMutuBaku,
        description="Judul kolom Mutu Baku bila kantor memakai judul lain, mis. {kelengkapan: Kelengkapan dan Peralatan}; "
        "bawaan: Kelengkapan, Waktu, Output.",
    )
    langkah: LangkahList | None = Field(
        None, description="Langkah-langkah prosedur, berurutan. Bila satu dokumen SOP memuat beberapa prosedur, tulis 'prosedur' sebagai gantinya.",
    )
    prosedur: list[Prosedur] | None = Field(
        None,
        description="Sebagai ganti 'langkah', bila satu dokumen SOP memuat beberapa prosedur (mis. Prosedur Surat Masuk dan "
        "Prosedur Surat Keluar): setiap prosedur dengan 'nama' dan 'langkah'-nya, masing-masing dengan bagan alir sendiri.",
    )
    abaikan_peringatan: list[str] = Field(
        default_factory=list,
        description="Kode peringatan yang sengaja diabaikan untuk SOP ini, mis. 'kolom-pelaksana-kosong'.",
    )

    @field_validator("nomor", mode="before")
    @classmethod
    def _nomor_filled(cls, value: object) -> object:
        # An empty nomor printed a blank identity cell and a footer ending in "· Nomor". Before the
        # one rule for empty texts (Model's str_min_length), so this hint names what to write.
        if isinstance(value, str) and not value.strip():
            raise ValueError("nomor SOP kosong; tulis nomor yang tercetak di tabel identitas dan kaki halaman, "
                             "mis. nomor: 700/16.1/SOP/427.83/2024")
        return value

    @field_validator("dasar_hukum", "kualifikasi_pelaksana")
    @classmethod
    def _list_filled(cls, value: list[str]) -> list[str]:
        # Errors, not warnings: Permenpan RB 35/2012 requires both sections, and an empty one
        # prints a blank part of a document that is signed as complete.
        if not value:
            raise ValueError("daftar ini kosong; tulis paling sedikit satu baris, mis. '- Peraturan Bupati ... Nomor ... Tahun ...'")
        return value  # an empty line in the list is the one rule for empty texts (Model's str_min_length)

    @field_validator("pelaksana")
    @classmethod
    def _unique_pelaksana(cls, value: list[str]) -> list[str]:
        twice = written_twice(value)
        if twice:
            raise ValueError(f"kolom pelaksana '{twice[0]}' tertulis dua kali")
        return value

    @field_validator("langkah")
    @classmethod
    def _joint_in_column_order(cls, value: list[Langkah] | None, info: ValidationInfo) -> list[Langkah] | None:
        return None if value is None else _in_column_order(value, info.data.get("pelaksana", []))

    @field_validator("prosedur")
    @classmethod
    def _joint_in_column_order_per_prosedur(cls, value: list[Prosedur] | None, info: ValidationInfo) -> list[Prosedur] | None:
        columns = info.data.get("pelaksana", [])
        return None if value is None else [p.model_copy(update={"langkah": _in_column_order(p.langkah, columns)}) for p in value]

    @field_validator("prosedur", mode="before")
    @classmethod
    def _prosedur_written(cls, value: object) -> object:
        return _prosedur_filled(value)

    @model_validator(mode="after")
    def _steps_given(self) -> SOP:
        _steps_written(self.langkah, self.prosedur)
        return self

    @property
    def daftar_prosedur(self) -> tuple[ProsedurSOP[Langkah], ...]:
        """The procedures of this document, in order: the ``prosedur`` written, or the one unnamed procedure of ``langkah``."""
        return _prosedur_list(self.langkah, self.prosedur)

    @property
    def semua_langkah(self) -> tuple[Langkah, ...]:
        """Every step of every procedure, in document order: what a monitoring record numbers 1, 2, ... across the document."""
        return tuple(step for prosedur in self.daftar_prosedur for step in prosedur.langkah)

    @property
    def tanggal_revisi(self) -> dt.date | None:
        """The last revision's date: the history's last entry, else ``tanggal.revisi`` (SOPs written before the history)."""
        return self.riwayat_revisi[-1].tanggal if self.riwayat_revisi else self.tanggal.revisi
