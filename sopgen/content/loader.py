"""Loading a whole site folder into models, collecting every problem in one run.

A site folder holds ``site.yaml``, ``pejabat.yaml``, ``sop/*.yaml`` and, for
the other document kinds, their own sub-folders. Loading never stops at the
first problem: a broken file is reported and skipped so the rest is still
checked, and the build refuses to write anything if any error was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import Position, Problems, relpath
from ..models.pejabat import Pejabat
from ..models.site import SiteConfig
from ..models.sop import SOP
from .validate import validate
from .yamlsource import SourceMap, YamlProblem, load_yaml

M = TypeVar("M")

SITE_FILE = "site.yaml"
PEJABAT_FILE = "pejabat.yaml"


@dataclass(frozen=True)
class Doc(Generic[M]):
    """A validated content file: its model, where it came from, and its source map."""

    id: str
    file: Path
    model: M
    source: SourceMap

    @property
    def shown(self) -> str:
        """The path as printed in messages."""
        return self.source.path


@dataclass
class Site:
    """Everything one build knows about a site, after loading and before rendering."""

    root: Path
    config: SiteConfig
    config_source: SourceMap
    pejabat: dict[str, Pejabat]
    pejabat_source: SourceMap
    sops: dict[str, Doc[SOP]] = field(default_factory=dict)

    @property
    def templates_dir(self) -> Path:
        """Where the site's template overrides live."""
        return self.root / "templates"


def load_document(file: Path, schema: Any, root: Path, problems: Problems) -> tuple[Any, SourceMap] | None:
    """Parse and validate one YAML file; None (with problems added) if it cannot be used."""
    shown = relpath(file, root)
    try:
        data, source, notes = load_yaml(file, shown)
    except YamlProblem as exc:
        problems.extend([exc.problem])
        return None
    problems.extend(notes)
    model, found = validate(schema, data, source)
    problems.extend(found)
    return (model, source) if model is not None else None


def load_site(root: Path, problems: Problems) -> Site | None:
    """Load every content file of the site; None when the site file itself is unusable."""
    root = root.resolve()
    site_file = root / SITE_FILE
    if not site_file.is_file():
        problems.add(Position(relpath(site_file, root)), "", f"berkas {SITE_FILE} tidak ditemukan", f"apakah '{relpath(root, root)}' folder situs yang benar?")
        return None
    config = load_document(site_file, SiteConfig, root, problems)
    pejabat = _load_pejabat(root, problems)
    sops = _load_sops(root, problems)
    if config is None:
        return None
    return Site(root, config[0], config[1], pejabat[0], pejabat[1], sops)


def _load_pejabat(root: Path, problems: Problems) -> tuple[dict[str, Pejabat], SourceMap]:
    file = root / PEJABAT_FILE
    shown = relpath(file, root)
    if not file.is_file():
        problems.add(Position(shown), "", f"berkas {PEJABAT_FILE} tidak ditemukan", "buat daftar pejabat penanda tangan di berkas ini.")
        return {}, SourceMap(shown)
    loaded = load_document(file, dict[str, Pejabat], root, problems)
    return loaded if loaded else ({}, SourceMap(shown))


def _load_sops(root: Path, problems: Problems) -> dict[str, Doc[SOP]]:
    sops: dict[str, Doc[SOP]] = {}
    for file in sorted((root / "sop").glob("*.y*ml")):
        if file.stem in sops:
            problems.add(Position(relpath(file, root)), "", f"id SOP '{file.stem}' sudah dipakai oleh {sops[file.stem].shown}", "ganti nama salah satu berkas.")
            continue
        loaded = load_document(file, SOP, root, problems)
        if loaded:
            sops[file.stem] = Doc(file.stem, file, loaded[0], loaded[1])
    return sops
