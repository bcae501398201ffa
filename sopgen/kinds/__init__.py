"""The registry of document kinds: the one place that lists what a site can hold and write.

The order is the order of the navigation, the home page, the editor schemas and ``sopgen new``.
The order of rendering follows from what each kind reads (:attr:`Kind.after`), see :func:`plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import RENDER_STAGES, STAGES, Job, Kind, NavItem, Output, RenderContext
from .beranda import Beranda
from .himpunan import Himpunan
from .kinerja import KinerjaKind
from .laporan import LaporanKind
from .monev import EvaluasiKind, MonitoringKind
from .pejabat import PejabatKind
from .pencarian import Pencarian
from .perjanjian import PerjanjianKind
from .rencana_aksi import RencanaAksiKind
from .situs import Situs
from .sop import SopKind
from .verifikasi import Verifikasi

if TYPE_CHECKING:
    from ..content.loader import Site

__all__ = ["KINDS", "NEW_WORDS", "RENDER_STAGES", "STAGES", "Job", "Kind", "NavItem", "Output", "RenderContext", "by_new_word", "navigation", "plan", "render_order"]

KINDS: tuple[Kind, ...] = (
    Situs(), PejabatKind(), Beranda(), SopKind(), Himpunan(), MonitoringKind(), EvaluasiKind(), KinerjaKind(), LaporanKind(), PerjanjianKind(), RencanaAksiKind(),
    Verifikasi(), Pencarian(),
)


def render_order(kinds: tuple[Kind, ...] = KINDS) -> list[Kind]:
    """Kinds in an order where each comes after the kinds it reads; those reading "*" come last."""
    ordered: list[Kind] = []
    rest = [k for k in kinds if "*" not in k.after]

    def visit(kind: Kind, seen: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind.name in seen:
            raise ValueError(f"document kinds read each other in a cycle: {' -> '.join((*seen, kind.name))}")
        for name in kind.after:
            visit(next(k for k in rest if k.name == name), (*seen, kind.name))
        ordered.append(kind)

    for kind in rest:
        visit(kind, ())
    return ordered + [k for k in kinds if "*" in k.after]


def plan(site: Site, pdf: bool, kinds: tuple[Kind, ...] = KINDS) -> list[Job]:
    """Every job of the build, in render order; each output's ``needs`` is planned before it."""
    jobs: list[Job] = []
    planned: list[Output] = []
    paths: set[str] = set()
    for kind in render_order(kinds):
        for job in kind.jobs(site, pdf, tuple(planned)):
            for output in job.outputs:
                missing = [n for n in output.needs if n not in paths]
                if missing:
                    raise ValueError(f"{output.path} needs {missing}, which no earlier output writes")
                planned.append(output)
                paths.add(output.path)
            jobs.append(job)
    return jobs


def navigation(site: Site, pdf: bool, kinds: tuple[Kind, ...] = KINDS) -> list[NavItem]:
    """The main navigation; set as a template global before any page is rendered."""
    return [item for kind in kinds for item in kind.nav(site, pdf)]


def by_new_word(word: str, kinds: tuple[Kind, ...] = KINDS) -> Kind | None:
    """The kind ``sopgen new WORD`` writes a skeleton of."""
    return next((k for k in kinds if k.new_word == word), None)


NEW_WORDS = tuple(k.new_word for k in KINDS if k.new_word)
"""The words ``sopgen new`` takes."""
