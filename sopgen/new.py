"""``sopgen new``: a valid, commented skeleton of a content file, ready to fill in.

The skeleton passes ``sopgen check --strict`` as written, so an administrator
starts from a file that builds and changes it one field at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .kinds import NEW_WORDS, by_new_word
from .kinds.kinerja import KinerjaKind
from .kinds.rencana_aksi import RENCANA_AKSI_DIR, RENCANA_AKSI_FILE, RencanaAksiKind
from .kinds.sop import SOP_FILES
from .models.base import tanggal_indonesia
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
    if target.exists():
        raise ScaffoldError(f"{target} sudah ada")
    site = _read(site_dir / "site.yaml") or {}
    pejabat = _read(site_dir / "pejabat.yaml") or {}
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
        pejabat=next(iter(pejabat), "camat") if isinstance(pejabat, dict) else "camat",
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
    if target.exists():
        raise ScaffoldError(f"{target} sudah ada")
    site = _read(site_dir / "site.yaml")
    instansi = site.get("instansi") if isinstance(site, dict) else None
    unit_kerja = str(instansi.get("unit_kerja") or "Kecamatan") if isinstance(instansi, dict) else "Kecamatan"
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


def new_document(word: str, site_dir: Path, name: str, nama: str | None = None) -> Path:
    """Dispatch ``sopgen new WORD NAME`` to the skeleton of the kind that takes WORD."""
    kind = by_new_word(word)
    if kind is None:
        raise ScaffoldError(f"jenis '{word}' tidak dikenal; pilihan: {', '.join(NEW_WORDS)}")
    return kind.new(site_dir, name, nama)


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
