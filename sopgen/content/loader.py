"""Loading a whole site folder into models, collecting every problem in one run.

A site folder holds ``site.yaml``, ``pejabat.yaml``, ``sop/*.yaml`` and, for
the other document kinds, their own sub-folders. Loading never stops at the
first problem: a broken file is reported and skipped so the rest is still
checked, and the build refuses to write anything if any error was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Position, Problems, relpath
from ..models.pejabat import Pejabat
from ..models.site import SiteConfig
from ..models.sop import SOP
from .documents import Doc, load_document, parse_document
from .kinerja import KinerjaContent, load_kinerja
from .laporan import LaporanDoc, load_laporan
from .validate import validate
from .yamlsource import SourceMap

SITE_FILE = "site.yaml"
PEJABAT_FILE = "pejabat.yaml"


@dataclass
class Site:
    """Everything one build knows about a site, after loading and before rendering."""

    root: Path
    config: SiteConfig
    config_source: SourceMap
    pejabat: dict[str, Pejabat]
    pejabat_source: SourceMap
    sops: dict[str, Doc[SOP]] = field(default_factory=dict)
    declared: dict[str, set[str]] = field(default_factory=dict)
    """Ids written in the content per kind ("pejabat", "sop"), valid or not: references are
    checked against these, so one broken entry is reported once, not at every use."""
    kinerja: KinerjaContent | None = None
    """content/kinerja/: the measurement policy and every cycle, scored (see :mod:`.kinerja`)."""
    laporan: dict[str, LaporanDoc] = field(default_factory=dict)
    """content/laporan/<id>/: each Laporan Kinerja with its Markdown parts (see :mod:`.laporan`)."""

    @property
    def templates_dir(self) -> Path:
        """Where the site's template overrides live."""
        return self.root / "templates"


def load_site(root: Path, problems: Problems) -> Site | None:
    """Load every content file of the site; None when the site file itself is unusable."""
    root = root.resolve()
    site_file = root / SITE_FILE
    if not site_file.is_file():
        problems.add(Position(relpath(site_file, root)), "", f"berkas {SITE_FILE} tidak ditemukan", f"apakah '{relpath(root, root)}' folder situs yang benar?")
        return None
    config = load_document(site_file, SiteConfig, root, problems)
    pejabat, pejabat_source, pejabat_ids = _load_pejabat(root, problems)
    sops = _load_sops(root, problems)
    kinerja = load_kinerja(root, problems)
    laporan = load_laporan(root, problems)
    if config is None:
        return None
    declared = {"pejabat": pejabat_ids, "sop": {f.stem for f in _sop_files(root)}, "kinerja": set(kinerja.declared)}
    return Site(root, config[0], config[1], pejabat, pejabat_source, sops, declared, kinerja, laporan)


def _load_pejabat(root: Path, problems: Problems) -> tuple[dict[str, Pejabat], SourceMap, set[str]]:
    """The valid pejabat, the file's source map, and every id written (valid or not)."""
    file = root / PEJABAT_FILE
    shown = relpath(file, root)
    if not file.is_file():
        problems.add(Position(shown), "", f"berkas {PEJABAT_FILE} tidak ditemukan", "buat daftar pejabat penanda tangan di berkas ini.")
        return {}, SourceMap(shown), set()
    loaded = parse_document(file, dict[str, Pejabat], root, problems)
    if loaded is None:
        return {}, SourceMap(shown), set()
    declared = set(loaded.data) if isinstance(loaded.data, dict) else set()
    if loaded.model is not None:
        return loaded.model, loaded.source, declared
    valid = {}
    for key, entry in (loaded.data if isinstance(loaded.data, dict) else {}).items():
        model, _ = validate(Pejabat, entry, loaded.source)  # already reported above
        if model is not None:
            valid[key] = model
    return valid, loaded.source, declared


def _sop_files(root: Path) -> list[Path]:
    return sorted((root / "sop").glob("*.y*ml"))


def _load_sops(root: Path, problems: Problems) -> dict[str, Doc[SOP]]:
    sops: dict[str, Doc[SOP]] = {}
    for file in _sop_files(root):
        if file.stem in sops:
            problems.add(Position(relpath(file, root)), "", f"id SOP '{file.stem}' sudah dipakai oleh {sops[file.stem].shown}", "ganti nama salah satu berkas.")
            continue
        loaded = load_document(file, SOP, root, problems)
        if loaded:
            sops[file.stem] = Doc(file.stem, file, loaded[0], loaded[1])
    return sops
