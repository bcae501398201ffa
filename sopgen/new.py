"""``sopgen new``: a valid, commented skeleton of a content file, ready to fill in.

The skeleton passes ``sopgen check --strict`` as written, so an administrator
starts from a file that builds and changes it one field at a time. A skeleton of a record
(the Keputusan, a monitoring or evaluation) holds what only the administrator knows as
``[isi: ...]`` placeholders: it checks, with a warning at each placeholder
(:mod:`sopgen.lint.kerangka`), so ``--strict`` refuses it until it is filled in. No skeleton
overwrites a file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .domain.periode import baca_periode, periode_terakhir
from .errors import did_you_mean
from .kinds import NEW_WORDS, by_new_word
from .kinds.himpunan import KEPUTUSAN_FILE, Himpunan
from .kinds.kinerja import KinerjaKind
from .kinds.rencana_aksi import RENCANA_AKSI_DIR, RENCANA_AKSI_FILE, RencanaAksiKind
from .kinds.sop import SOP_FILES
from .lint.kerangka import isian
from .models.base import tanggal_indonesia
from .models.monev import KRITERIA
from .scaffold import fill, yaml_text
from .schema import modeline

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
YEAR = re.compile(r"^(20\d\d)$")


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad name, file exists); the message is for the user."""


def title_from_name(name: str) -> str:
    """``pelayanan-surat-pindah`` -> ``Pelayanan Surat Pindah``."""
    return " ".join(word.capitalize() for word in name.split("-") if word)


def _read(file: Path) -> Any:
    """A YAML file's data, or None when it is missing or broken (the skeleton then uses defaults)."""
    try:
        return yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def new_sop(site_dir: Path, name: str, nama: str | None = None, today: dt.date | None = None) -> Path:
    """Write ``sop/<name>.yaml``: a three-step SOP signed by the first pejabat, in the first bidang."""
    if not NAME.match(name):
        raise ScaffoldError(f"nama berkas '{name}' tidak sah: pakai huruf kecil, angka, dan tanda hubung, mis. 'pelayanan-surat-pindah'")
    target = site_dir / "sop" / f"{name}.yaml"
    _refuse_existing(target)
    site = _read(site_dir / "site.yaml") or {}
    bidang = (site.get("bidang") or []) if isinstance(site, dict) else []
    today = today or dt.date.today()
    existing = len(list((site_dir / "sop").glob("*.y*ml")))
    text = fill(
        "sop.yaml",
        modeline=modeline(SOP_FILES, target, site_dir),
        nomor=f"000/{existing + 1}/SOP/{today.year}",
        nama=yaml_text(nama or title_from_name(name)),
        bidang=f"bidang: {yaml_text(str(bidang[0]))}  # kelompok di beranda (lihat 'bidang' di site.yaml)" if bidang else "# bidang: Sekretariat  # kelompok di beranda (opsional)",
        hari_ini=tanggal_indonesia(today),
        pejabat=_first_pejabat(site_dir),
        pelaksana_1="Camat",
        pelaksana_2="Sekretaris",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def new_kinerja(site_dir: Path, name: str) -> Path:
    """Write ``kinerja/<tahun>/kinerja.yaml``: one tujuan, sasaran and indikator, realisasi still empty."""
    if not YEAR.match(name):
        raise ScaffoldError(f"'{name}' bukan tahun; tulis tahun pengukuran, mis. 'sopgen new kinerja 2025'")
    target = site_dir / "kinerja" / name / "kinerja.yaml"
    _refuse_existing(target)
    unit_kerja = _unit_kerja(site_dir)
    tahun = int(name)
    awal = tahun - (tahun - 2021) % 5
    text = fill(
        "kinerja.yaml",
        modeline=modeline(KinerjaKind.sources[1], target, site_dir),
        tahun=name,
        judul=yaml_text(f"Pengukuran Kinerja {unit_kerja} Tahun {tahun}"),
        renstra_awal=str(awal),
        renstra_akhir=str(awal + 5),
        unit_kerja=unit_kerja,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def new_keputusan(site_dir: Path, today: dt.date | None = None) -> Path:
    """Write ``keputusan.yaml``: the Keputusan setting the SOPs into force, dated today, its number to fill in."""
    target = site_dir / KEPUTUSAN_FILE
    _refuse_existing(target)
    unit_kerja = _unit_kerja(site_dir)
    today = today or dt.date.today()
    text = fill(
        "keputusan.yaml",
        modeline=modeline(Himpunan.sources[0], target, site_dir),
        nomor=yaml_text(isian("nomor Keputusan menurut tata naskah dinas")),
        tentang=yaml_text(f"Standar Operasional Prosedur di Lingkungan {unit_kerja}"),
        pejabat=_first_pejabat(site_dir),
        tempat=yaml_text(isian("tempat ditetapkan, mis. nama kecamatan")),
        hari_ini=tanggal_indonesia(today),
        menimbang=_items([
            f"bahwa dalam rangka meningkatkan kinerja dan akuntabilitas penyelenggaraan pemerintahan di {unit_kerja} perlu disusun Standar Operasional Prosedur;",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan tentang Standar Operasional Prosedur di Lingkungan {unit_kerja}",
        ]),
        perda=yaml_text(isian("peraturan kepala daerah tentang kedudukan, susunan organisasi, dan tata kerja unit ini")),
        memutuskan=_items([
            f"Menetapkan Standar Operasional Prosedur di Lingkungan {unit_kerja} sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
            f"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi seluruh pegawai {unit_kerja} dalam melaksanakan tugas.",
            "Standar Operasional Prosedur dimonitor setiap enam bulan dan dievaluasi secara berkala untuk ditetapkan tetap, direvisi, atau dicabut.",
            "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        ]),
    )
    target.write_text(text, encoding="utf-8")
    return target


def new_catatan(jenis: str, site_dir: Path, sop: str, periode: str | None, today: dt.date | None = None) -> Path:
    """Write ``<jenis>/<sop>/<periode>.yaml``, a monitoring (a row per langkah) or evaluasi (the seven criteria) record.

    The period defaults to the last half-year that has ended, the one ``monitoring-terakhir`` asks for.
    """
    today = today or dt.date.today()
    data = _sop_data(site_dir, sop)
    found = baca_periode(periode) if periode is not None else periode_terakhir(today)
    if found is None:
        raise ScaffoldError(f"periode '{periode}' tidak sah; tulis TAHUN-1 (Januari–Juni) atau TAHUN-2 (Juli–Desember), mis. '{periode_terakhir(today).nama}'")
    if found.mulai > today:
        raise ScaffoldError(f"periode {found.nama} belum dimulai ({tanggal_indonesia(found.mulai)}); catatan ditulis sesudah penilaian")
    target = site_dir / jenis / sop / f"{found.nama}.yaml"
    _refuse_existing(target)
    kind = by_new_word(jenis)
    assert kind is not None
    values = {
        "modeline": modeline(kind.sources[0], target, site_dir), "sop": sop, "judul": found.judul,
        "hari_ini": tanggal_indonesia(today), "pejabat": _first_pejabat(site_dir),
    }
    if jenis == "monitoring":
        values["baris"] = _rows_monitoring(data)
    else:
        values["kriteria"] = "\n".join(
            f"  {key}:  # {label}\n    jawaban: ya  # ya atau tidak\n    catatan: {yaml_text(isian('catatan'))}" for key, label in KRITERIA.items()
        )
        values["catatan"] = yaml_text(isian("alasan rekomendasi"))
    text = fill(f"{jenis}.yaml", **values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _items(texts: list[str]) -> str:
    """A YAML list of texts, indented under its key."""
    return "\n".join(f"  - {yaml_text(text)}" for text in texts)


def _rows_monitoring(sop: dict[str, Any]) -> str:
    """A monitoring row per langkah of the SOP, its uraian as a comment, judged 'baik' with a note to write.

    The steps of an SOP of several procedures are numbered on through the document, as
    ``SOP.semua_langkah`` (what the record is checked against)."""
    langkah = sop.get("langkah")
    prosedur = sop.get("prosedur")
    if langkah is None and isinstance(prosedur, list):
        langkah = [step for p in prosedur if isinstance(p, dict) and isinstance(p.get("langkah"), list) for step in p["langkah"]]
    count = len(langkah) if isinstance(langkah, list) and langkah else 1
    rows = []
    for number in range(1, count + 1):
        step = langkah[number - 1] if isinstance(langkah, list) and len(langkah) >= number else None
        uraian = " ".join(str(step.get("uraian", "")).split()) if isinstance(step, dict) else ""
        comment = f"  # {uraian[:70]}{'…' if len(uraian) > 70 else ''}" if uraian else ""
        rows.append(
            f"  - langkah: {number}{comment}\n    penerapan: baik  # baik atau tidak-baik\n"
            f"    catatan: {yaml_text(isian('catatan hasil penilaian'))}\n    # tindakan: tindakan yang harus diambil"
        )
    return "\n".join(rows)


def _sop_data(site_dir: Path, sop: str) -> dict[str, Any]:
    """The SOP's YAML (``sop/<id>.yaml``) as data; an unknown id is refused with the closest one."""
    known = sorted(p.stem for p in (site_dir / "sop").glob("*.yaml"))
    if sop not in known:
        hint = did_you_mean(sop, known) or (f"SOP yang ada: {', '.join(known)}" if known else "belum ada SOP di folder sop/")
        raise ScaffoldError(f"SOP '{sop}' tidak ada di {site_dir / 'sop'}; {hint}")
    data = _read(site_dir / "sop" / f"{sop}.yaml")
    return data if isinstance(data, dict) else {}


def _refuse_existing(target: Path) -> None:
    """A skeleton never overwrites: the file may hold records already kept."""
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} sudah ada; kerangka tidak menimpa berkas yang ada")


def _unit_kerja(site_dir: Path) -> str:
    """The unit's name from site.yaml (``Kecamatan`` when it cannot be read)."""
    site = _read(site_dir / "site.yaml")
    instansi = site.get("instansi") if isinstance(site, dict) else None
    return str(instansi.get("unit_kerja") or "Kecamatan") if isinstance(instansi, dict) else "Kecamatan"


def _first_pejabat(site_dir: Path) -> str:
    """The first pejabat id of pejabat.yaml (``camat`` when it cannot be read)."""
    pejabat = _read(site_dir / "pejabat.yaml")
    return str(next(iter(pejabat), "camat")) if isinstance(pejabat, dict) else "camat"


def new_document(word: str, site_dir: Path, name: str | None, nama: str | None = None, periode: str | None = None) -> Path:
    """Dispatch ``sopgen new WORD [NAME] [PERIODE]`` to the skeleton of the kind that takes WORD, with the arguments it takes."""
    kind = by_new_word(word)
    if kind is None:
        raise ScaffoldError(f"jenis '{word}' tidak dikenal; pilihan: {', '.join(NEW_WORDS)}")
    usage = kind.new_usage.split()
    given = [value for value in (name, periode) if value is not None]
    if not len([u for u in usage if not u.startswith("[")]) <= len(given) <= len(usage):
        raise ScaffoldError(f"tulis: sopgen new {word} {kind.new_usage}".rstrip())
    rest = {"periode": periode} if periode is not None else {}  # only a kind whose usage names [PERIODE] is given one
    return kind.new(site_dir, name or "", nama, **rest)


def new_rencana_aksi(site_dir: Path, name: str, today: dt.date | None = None) -> Path:
    """Write ``rencana-aksi/<tahun>/rencana-aksi.yaml`` for the first indicator of that year's cycle, signed by the first pejabat."""
    if not YEAR.match(name):
        raise ScaffoldError(f"'{name}' bukan tahun; tulis tahun rencana aksi, mis. 'sopgen new rencana-aksi 2025'")
    target = site_dir / RENCANA_AKSI_DIR / name / RENCANA_AKSI_FILE
    if target.exists():
        raise ScaffoldError(f"{target} sudah ada")
    kinerja = _read(site_dir / "kinerja" / name / "kinerja.yaml")
    try:
        kode = str(kinerja["tujuan"][0]["sasaran"][0]["indikator"][0]["kode"])
    except (TypeError, KeyError, IndexError):
        raise ScaffoldError(f"siklus kinerja {name} belum ada atau belum berindikator; buat dulu dengan 'sopgen new kinerja {name}'") from None
    pejabat = _read(site_dir / "pejabat.yaml") or {}
    site = _read(site_dir / "site.yaml")
    instansi = site.get("instansi") if isinstance(site, dict) else None
    unit = str(instansi.get("unit_kerja") or "") if isinstance(instansi, dict) else ""
    today = today or dt.date.today()
    text = fill(
        "rencana-aksi.yaml",
        modeline=modeline(RencanaAksiKind.sources[0], target, site_dir),
        tahun=name,
        pejabat=next(iter(pejabat), "camat") if isinstance(pejabat, dict) else "camat",
        tempat=yaml_text(unit.removeprefix("Kecamatan ").strip() or "Tempat"),
        hari_ini=tanggal_indonesia(today),
        indikator=yaml_text(kode),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
