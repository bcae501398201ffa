"""A multi-unit site: pemda.yaml at the top, one folder per unit under ``unit/``.

Each unit folder holds exactly what a single-unit site holds (site.yaml, pejabat.yaml, sop/,
kinerja/, ...) and is checked by the same stages; what the units share (the pemerintah daerah,
kop, paper, measurement policy) is written once in pemda.yaml. The units live under ``unit/``,
not beside ``assets/`` and ``templates/``, so no unit name can ever be mistaken for one of those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..domain.capaian import CapaianError
from ..errors import Position, Problem, Problems, did_you_mean, relpath
from ..models.pemda import Pemda
from .documents import load_document
from .kinerja import PETUNJUK_PREDIKAT, kebijakan_capaian
from .reading import check_tree, subfolders
from .yamlsource import SourceMap

if TYPE_CHECKING:
    from .loader import Site

PEMDA_FILE = "pemda.yaml"
UNIT_DIR = "unit"
UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
"""A unit id is its folder name and a path segment of the output: lowercase letters, digits, '-'."""

CROSS_UNIT = re.compile(r"^(?P<unit>[a-z0-9][a-z0-9-]*)/(?P<sop>[a-z0-9][a-z0-9-]*)$")
"""A keterkaitan to an SOP of another unit: ``dinkes/pelayanan-imunisasi``."""


@dataclass
class Unit:
    """One unit folder, as known before any unit is loaded."""

    id: str
    root: Path
    sop_ids: frozenset[str]
    """The unit's SOP ids (file names), so another unit's keterkaitan can be checked against them."""


@dataclass
class Kabupaten:
    """pemda.yaml and the unit folders; :attr:`sites` is filled as each unit is checked."""

    root: Path
    config: Pemda
    source: SourceMap
    units: dict[str, Unit]
    sites: dict[str, Site] = field(default_factory=dict)
    """Every unit that checked clean, by id (rendering reads another unit's SOP titles)."""
    alone: str | None = None
    """The unit checked and built by itself (``--unit``): the other units and the portal are not in its output."""
    neighbours: dict[str, Site] = field(default_factory=dict)
    """With :attr:`alone`, the other units its SOPs' keterkaitan name, loaded only for their SOP titles."""

    def unit_of(self, site_root: Path) -> str | None:
        """The id of the unit whose folder is ``site_root``."""
        return next((u.id for u in self.units.values() if u.root == site_root.resolve()), None)


    def portal_path(self, path: str) -> str | None:
        """Where a unit's page links to ``path`` of the whole output (another unit's page, the portal home),
        relative to the unit's own folder of it.

        In a unit's own preview (:attr:`alone`) that path is not in the output: the link goes to the
        published portal when pemda.yaml has ``alamat_situs``, else there is no link."""
        if self.alone is None:
            return f"../{path}"
        return f"{self.config.alamat_situs.rstrip('/')}/{path}" if self.config.alamat_situs else None


def is_kabupaten(root: Path) -> bool:
    """A folder with pemda.yaml is a multi-unit site; one with only site.yaml is a single unit."""
    return (root / PEMDA_FILE).is_file()


def load_kabupaten(root: Path, problems: Problems) -> Kabupaten | None:
    """pemda.yaml and every unit folder; None when pemda.yaml cannot be used (problems added)."""
    root = root.resolve()
    loaded = load_document(root / PEMDA_FILE, Pemda, root, problems)
    units = _units(root, problems)
    if loaded is None:
        return None
    config, source = loaded
    if config.kebijakan is not None:
        try:
            kebijakan_capaian(config.kebijakan)
        except CapaianError as exc:  # reported once here, not again in every unit that inherits it
            problems.add(source.at("kebijakan", "predikat"), "kebijakan.predikat", str(exc), PETUNJUK_PREDIKAT)
            config = config.model_copy(update={"kebijakan": config.kebijakan.model_copy(update={"predikat": None})})
    if config.logo is not None and not (root / config.logo).resolve().is_file():
        problems.add(source.at("logo"), "logo", f"berkas '{config.logo}' tidak ditemukan", "periksa nama dan foldernya (relatif terhadap folder pemda.yaml).")
    check_tree(root / "assets", root, problems)
    if not units and not problems.errors:
        problems.add(source.at(), "", f"belum ada unit di folder {UNIT_DIR}/", f"buat folder {UNIT_DIR}/<id-unit>/ berisi site.yaml, mis. {UNIT_DIR}/candipuro/site.yaml.")
    return Kabupaten(root, config, source, units)


def _units(root: Path, problems: Problems) -> dict[str, Unit]:
    """The unit folders under ``unit/`` whose name is a valid id and which hold a site.yaml."""
    units: dict[str, Unit] = {}
    for folder in subfolders(root / UNIT_DIR, root, problems) if (root / UNIT_DIR).exists() else []:
        where = Position(relpath(folder, root))
        if not UNIT_ID.match(folder.name):
            problems.add(where, "", f"nama folder unit '{folder.name}' tidak dapat menjadi id unit",
                         f"pakai huruf kecil, angka, dan '-' saja (paling banyak 63), mis. '{slug(folder.name)}'.")
        elif not (folder / "site.yaml").is_file():
            problems.add(where, "", "folder unit tanpa berkas site.yaml", "tambahkan site.yaml (instansi unit ini) atau hapus folder ini.")
        else:
            sops = folder / "sop"
            units[folder.name] = Unit(folder.name, folder.resolve(), frozenset(f.stem for f in sops.glob("*.y*ml")) if sops.is_dir() else frozenset())
    return units


def slug(name: str) -> str:
    """A valid id close to a folder name the user wrote ('Dinas Kesehatan' -> 'dinas-kesehatan')."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:63] or "unit-1"


def per_unit(problems: Iterable[Problem]) -> dict[str, int]:
    """How many problems each unit has, by the ``unit/<id>/`` in their paths (CI shows each unit its own count)."""
    counts: Counter[str] = Counter()
    for problem in problems:
        parts = PurePosixPath(problem.path).parts
        if UNIT_DIR in parts[:-2]:
            counts[parts[parts.index(UNIT_DIR) + 1]] += 1
    return dict(sorted(counts.items()))


def inherited_settings(kabupaten: Kabupaten, data: Any, folder: str) -> tuple[Any, set[str]]:
    """site.yaml's data with what it does not write taken from pemda.yaml (before validation),
    and the dotted names of the fields so taken.

    ``folder``: the unit's folder relative to pemda.yaml's (``unit/candipuro``), where the unit's
    source files sit under pemda.yaml's ``alamat_sumber``. The logo comes with its
    ``logo_pengganti``: a placeholder stays marked as one in every unit that prints it."""
    if not isinstance(data, dict):
        return data, set()
    pemda = kabupaten.config
    merged = dict(data)
    taken: set[str] = set()

    def inherit(into: dict[str, Any], name: str, value: Any, dotted: str) -> None:
        if value is not None and name not in into:
            into[name] = value
            taken.add(dotted)

    if pemda.alamat_sumber is not None:
        inherit(merged, "alamat_sumber", f"{pemda.alamat_sumber.rstrip('/')}/{folder}/", "alamat_sumber")
    inherit(merged, "kertas", pemda.kertas, "kertas")
    instansi = merged.get("instansi")
    if isinstance(instansi, dict):
        instansi = dict(instansi)
        inherit(instansi, "pemerintah", pemda.pemerintah, "instansi.pemerintah")
        inherit(instansi, "kop", pemda.kop, "instansi.kop")
        inherit(instansi, "logo", pemda.logo, "instansi.logo")
        if "instansi.logo" in taken:
            inherit(instansi, "logo_pengganti", pemda.logo_pengganti, "instansi.logo_pengganti")
        merged["instansi"] = instansi
    return merged, taken


def check_inherited(kabupaten: Kabupaten, data: Any, source: SourceMap, problems: Problems) -> None:
    """A unit may override paper or kop, but not name another pemerintah daerah than pemda.yaml's."""
    instansi = data.get("instansi") if isinstance(data, dict) else None
    written = instansi.get("pemerintah") if isinstance(instansi, dict) else None
    if isinstance(written, str) and written.strip().casefold() != kabupaten.config.pemerintah.strip().casefold():
        problems.add(source.at("instansi", "pemerintah"), "instansi.pemerintah",
                     f"'{written}' berbeda dengan pemerintah di {PEMDA_FILE} ('{kabupaten.config.pemerintah}')",
                     f"hapus baris ini (unit mewarisi pemerintah dari {PEMDA_FILE}) atau samakan penulisannya.")


def check_cross_unit(kabupaten: Kabupaten, own: str | None, unit: str, sop: str, where: Position, fieldname: str, problems: Problems) -> bool:
    """True when ``unit/sop`` names an SOP of another unit of the kabupaten; otherwise report it at ``where``."""
    target = kabupaten.units.get(unit)
    if target is None:
        others = [u for u in kabupaten.units if u != own]
        problems.add(where, fieldname, f"unit '{unit}' tidak ada di folder {UNIT_DIR}/",
                     did_you_mean(unit, others) or f"unit yang ada: {', '.join(sorted(others)) or 'belum ada'}.")
        return False
    if sop not in target.sop_ids:
        problems.add(where, fieldname, f"SOP '{sop}' tidak ada di unit '{unit}'",
                     did_you_mean(sop, target.sop_ids) or f"SOP unit {unit}: {', '.join(sorted(target.sop_ids)) or 'belum ada'}.")
        return False
    return True
