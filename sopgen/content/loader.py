"""The site as one build knows it, and reading its settings file (site.yaml).

Everything else a site folder holds belongs to a document kind (:mod:`sopgen.kinds`): each kind
loads its own files into :attr:`Site.documents` and declares its ids in :attr:`Site.declared`.
Loading never stops at the first problem: a broken file is reported and skipped so the rest is
still checked, and the build refuses to write anything if any error was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Position, Problems, relpath
from ..models.site import SiteConfig
from .documents import Doc, Prepare, load_document
from .kabupaten import Kabupaten, check_inherited, inherited_settings
from .yamlsource import SourceMap

if TYPE_CHECKING:
    from ..models.pejabat import Pejabat
    from ..models.sop import SOP
    from .kinerja import KinerjaContent
    from .laporan import LaporanDoc

__all__ = ["SITE_FILE", "Doc", "Site", "load_settings"]

SITE_FILE = "site.yaml"


@dataclass
class Site:
    """Everything one build knows about a site, after loading and before rendering."""

    root: Path
    config: SiteConfig
    config_source: SourceMap
    documents: dict[str, Any] = field(default_factory=dict)
    """What each kind loaded, by kind name (its own type: a dict of SOPs, the kinerja content, ...)."""
    declared: dict[str, set[str]] = field(default_factory=dict)
    """The index of ids: ids written in the content per namespace ("pejabat", "sop", "kinerja"),
    valid or not. References are checked against these, so one broken entry is reported once,
    not at every use."""
    kabupaten: Kabupaten | None = None
    """The multi-unit site this unit belongs to (None for a single-unit site)."""
    unit: str | None = None
    """The unit's id (its folder name under unit/) in a multi-unit site."""
    logo_inherited: bool = False
    """The unit writes no ``instansi.logo`` and prints pemda.yaml's (see :attr:`logo_file`)."""

    @property
    def logo_file(self) -> Path | None:
        """The file the kop and covers print as ``instansi.logo``.

        A unit that inherits pemda.yaml's logo has no such file in its folder, so the file is
        read from the kabupaten's folder (and copied into the unit's output beside its own
        assets); a file the unit keeps at the same path is the unit's, and wins."""
        logo = self.config.instansi.logo
        if logo is None:
            return None
        own = self.root / logo
        if self.logo_inherited and self.kabupaten is not None and not own.is_file():
            return self.kabupaten.root / logo
        return own

    @property
    def templates_dir(self) -> Path:
        """Where the site's template overrides live."""
        return self.root / "templates"

    # Typed views of the documents the existing kinds load; a new kind reads site.documents.
    @property
    def pejabat(self) -> dict[str, Pejabat]:
        return self.documents["pejabat"].entries if "pejabat" in self.documents else {}

    @property
    def pejabat_source(self) -> SourceMap:
        return self.documents["pejabat"].source

    @property
    def sops(self) -> dict[str, Doc[SOP]]:
        return self.documents.get("sop", {})

    @property
    def kinerja(self) -> KinerjaContent | None:
        return self.documents.get("kinerja")

    @property
    def laporan(self) -> dict[str, LaporanDoc]:
        return self.documents.get("laporan", {})


def load_settings(root: Path, problems: Problems, kabupaten: Kabupaten | None = None) -> tuple[Site, bool] | None:
    """The site with its settings read, and whether they are usable; None without a site.yaml.

    With an unusable site.yaml (problems added) the site still comes back, with empty settings,
    so that the kinds' files are loaded and their problems reported in the same run; such a
    site is never resolved, linted or rendered. A unit of ``kabupaten`` takes what its site.yaml
    does not write from pemda.yaml.
    """
    root = root.resolve()
    site_file = root / SITE_FILE
    if not site_file.is_file():
        problems.add(Position(relpath(site_file, root)), "", f"berkas {SITE_FILE} tidak ditemukan", f"apakah '{relpath(root, root)}' folder situs yang benar?")
        return None
    inherited: set[str] = set()
    config = load_document(site_file, SiteConfig, root, problems, _inheriting(kabupaten, root, problems, inherited) if kabupaten else None)
    unit = kabupaten.unit_of(root) if kabupaten else None
    if config is None:
        # A placeholder without its required instansi: such a site is only loaded (see above),
        # and loading reads no setting.
        placeholder = SiteConfig.model_construct()  # type: ignore[call-arg]
        return Site(root, placeholder, SourceMap(relpath(site_file, root)), kabupaten=kabupaten, unit=unit), False
    return Site(root, config[0], config[1], kabupaten=kabupaten, unit=unit, logo_inherited="instansi.logo" in inherited), True


def _inheriting(kabupaten: Kabupaten, root: Path, problems: Problems, inherited: set[str]) -> Prepare:
    """A unit's site.yaml with pemda.yaml's settings where it writes none; a conflicting one reported.

    ``inherited`` receives the dotted names of the fields taken from pemda.yaml."""
    folder = root.relative_to(kabupaten.root.resolve()).as_posix()

    def prepare(data: Any, source: SourceMap) -> Any:
        check_inherited(kabupaten, data, source, problems)
        merged, taken = inherited_settings(kabupaten, data, folder)
        inherited.update(taken)
        return merged

    return prepare
