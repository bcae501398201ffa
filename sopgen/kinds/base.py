"""What a document kind is: the small protocol every kind module implements.

A kind (the SOP, the measurement recap, the Laporan Kinerja, the binder, ...) says in one place

- which content files it owns (:attr:`Kind.sources`, for loading and for the editor schemas),
- how its files load and are checked, one method per build stage (:data:`STAGES`): ``load``
  (YAML -> models), ``merge`` (sheets into the plan), ``score`` (capaian), ``resolve``
  (references, against the one index of declared ids), ``lint``,
- which ids it declares for other documents to name (:attr:`Kind.namespace`),
- what it writes (:meth:`Kind.jobs`): jobs of outputs, each output with the inputs it is made
  from, so that a build can later cache and parallelise on them (Lektor's build programs
  declare their artifacts and sources for the same reason),
- what it adds to the navigation, the home page and ``sopgen new``.

Every method has a do-nothing default, so a kind implements only the stages it takes part in.
The builder (:mod:`sopgen.build`) runs the stages over the registry (:mod:`sopgen.kinds`) and
names no kind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from jinja2 import Environment

from ..errors import Problems
from ..output import Staging
from ..timing import Timings

if TYPE_CHECKING:
    from ..content.loader import Site
    from ..render.pdf import PdfRenderer

STAGES = ("load", "merge", "score", "resolve", "lint")
"""The checking stages, in order; each is a method of :class:`Kind` run for every kind before
the next stage starts (a reference is resolved only once every file is loaded and scored)."""
RENDER_STAGES = STAGES[:STAGES.index("resolve") + 1]
"""The stages rendering needs: the lint only reports (warnings, and errors that stop the build before anything is
rendered), so the preview's quick build and a pool's workers, whose build has been checked whole, stop at ``resolve``."""


@dataclass(frozen=True)
class SourceFiles:
    """One kind of content file: its model, where such files live, and what it is (for the schema's hover)."""

    name: str
    model: Any
    pattern: str
    """Path pattern relative to the site folder (``*`` matches one folder or file name)."""
    description: str

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


@dataclass(frozen=True)
class Namespace:
    """Ids a kind declares for other documents to name, and how a dangling one is reported."""

    name: str
    """The index key, e.g. ``pejabat``."""
    missing: str
    """The message for an id that is not declared, with ``{}`` for the id."""
    fallback: str = "pilihan: {}."
    """The hint when no close id exists, with ``{}`` for the declared ids (or 'belum ada')."""


@dataclass(frozen=True)
class Inputs:
    """What an output is made from; :func:`sopgen.kinds.inputs.input_files` turns it into files."""

    sources: tuple[str, ...] = ()
    """Content files, relative to the site folder (YAML, Markdown, sheets, assets)."""
    templates: tuple[str, ...] = ()
    """Template names; everything they extend, include or import counts too."""
    theme: tuple[str, ...] = ()
    """Theme files or folders, relative to the theme (``static/css/sop.css``, ``static/fonts``)."""

    def __or__(self, other: Inputs) -> Inputs:
        return Inputs(
            tuple(dict.fromkeys(self.sources + other.sources)),
            tuple(dict.fromkeys(self.templates + other.templates)),
            tuple(dict.fromkeys(self.theme + other.theme)),
        )


@dataclass
class RenderContext:
    """What an output's render function may use: the site, the templates, the staging folder."""

    site: Site
    env: Environment
    stage: Staging
    renderer: PdfRenderer | None
    """None for ``--no-pdf``."""
    timings: Timings
    results: dict[str, Any] = field(default_factory=dict)
    """What each rendered output returned, by path (the SOP page reads its PDF's break plan)."""


Render = Callable[[RenderContext], Any]


@dataclass(frozen=True)
class Output:
    """One file a build writes: its path, the source it belongs to, what it is made from, how to make it."""

    path: str
    owner: str
    """The source file named when two outputs claim one path."""
    phase: str
    """The timing phase it counts in: html, pdf, export, binder, search, write."""
    inputs: Inputs
    render: Render = field(compare=False)
    needs: tuple[str, ...] = ()
    """Outputs that must be rendered first: their files or results are read by this one."""


@dataclass(frozen=True)
class Job:
    """The outputs of one document, rendered together; one step of the progress display."""

    label: str | None
    """What the progress line says (None: a step not worth a line of its own)."""
    outputs: tuple[Output, ...]


@dataclass(frozen=True)
class NavItem:
    """One entry of the main navigation: a label and an output path (relative links are made per page)."""

    label: str
    target: str


class Kind:
    """A document kind; subclasses override the stages and outputs they take part in."""

    name: ClassVar[str]
    sources: ClassVar[tuple[SourceFiles, ...]] = ()
    namespace: ClassVar[Namespace | None] = None
    after: ClassVar[tuple[str, ...]] = ()
    """Kinds whose outputs this kind's outputs read (``"*"``: every other kind but those that say "*")."""

    def load(self, site: Site, problems: Problems) -> None:
        """Read the kind's files into ``site.documents[self.name]``; declare its ids in ``site.declared``."""

    def merge(self, site: Site, problems: Problems) -> None:
        """Merge figures kept in other files (sheets) into the loaded documents."""

    def score(self, site: Site, problems: Problems) -> None:
        """Compute what the documents' figures imply (capaian), reporting what cannot be computed."""

    def resolve(self, site: Site, problems: Problems) -> None:
        """Check every id and file the documents name (``site.index``)."""

    def lint(self, site: Site, problems: Problems) -> None:
        """Checks beyond the schema: warnings and errors with a fix."""

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        """What the kind writes; ``planned`` holds the outputs of the kinds named in :attr:`after`."""
        return []

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        """Entries of the main navigation."""
        return []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        """Variables the home page template shows (lists link only to files in ``written``)."""
        return {}

    new_word: ClassVar[str | None] = None
    """The word after ``sopgen new`` that writes a skeleton of this kind (None: no skeleton)."""
    new_usage: ClassVar[str] = "NAMA"
    """What ``sopgen new <word>`` takes after the word: ``NAMA``, ``SOP [PERIODE]`` (brackets: optional), or nothing."""

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        """Write a skeleton file that checks (placeholders left are warnings); return its path (see :mod:`sopgen.new`).

        A kind whose :attr:`new_usage` names ``[PERIODE]`` takes it as a keyword argument ``periode`` too.
        """
        raise NotImplementedError(self.name)
