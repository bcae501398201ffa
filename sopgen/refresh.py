"""The preview's pages made again only where an edit reached them; the rest taken from the last build.

A full build of the HTML takes seconds (about 4 s at 100 SOPs), nearly all of it on what one edit
does not touch: every page rendered, the HTML of every PDF checked, every SOP linted, the search
index made, every link checked. ``sopgen serve`` answers an edit with a *quick* build instead: the
content is loaded and checked up to ``resolve`` (what stops a build: the schema, the references),
and each output whose key (:func:`sopgen.cache.output_key`: the files its kind says it is made
from, and the navigation every page shows) equals the key it had in the last build is linked from
that build's folder, not rendered; the search index is taken as it was (:data:`DEFERRED_PHASES`).
The *full* build follows when the preview is idle, as ``sopgen build --no-pdf`` does it, and
records what each output wrote again; the preview announces it only when a page differs from the
quick build's (an input a kind did not declare) or the full checks found a problem.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import FileDigests, output_key, page_frame
from .content.documents import Parsed, parsed_before
from .kinds.base import RENDER_STAGES, STAGES, Job, Output, RenderContext
from .output import Staging

DEFERRED_PHASES = ("search",)
"""What a quick build takes from the last build whatever changed: pagefind's index of every page
(0.3 s at 100 SOPs, growing with the site) is made again by the full build that follows."""


UNCLAIMED_PHASES = ("write",)
"""Outputs that copy folders without claiming each file (the theme's ``static/``, the site's ``assets/``: 3.4 MB
for every unit of a kabupaten): what they wrote is found by listing the staging folder before and after."""


@dataclass(frozen=True)
class Made:
    """What one output of a build wrote: its key, the files it claimed (relative, as written), what it returned."""

    key: str
    files: tuple[str, ...]
    result: Any


@dataclass
class PageReuse:
    """One preview build's use of the last: what each output wrote there, and what this build makes.

    ``quick``: outputs whose key is unchanged are linked from ``folder`` (the last build, read and never
    written); otherwise every output is rendered, and those whose files differ from ``folder``'s are
    listed in :attr:`changed`."""

    folder: Path
    last: dict[str, Made]
    quick: bool
    made: dict[str, Made] = field(default_factory=dict)
    """This build's record, the next build's ``last``."""
    reused: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """Outputs of a full build whose files are not the last build's (the deferred search index not counted)."""
    parsed: Parsed = field(default_factory=dict)
    """The content files parsed by earlier builds (:func:`sopgen.content.documents.parsed_before`): a quick
    build parses only what changed; a full one parses everything (it is the check of the quick ones) and keeps it."""
    _keys: dict[str, str] = field(default_factory=dict)
    _digests: FileDigests = field(default_factory=FileDigests)

    @property
    def stages(self) -> tuple[str, ...]:
        """The checking stages this build runs: a quick one stops after ``resolve`` (the lint is the full build's)."""
        return RENDER_STAGES if self.quick else STAGES

    def loading(self) -> AbstractContextManager[None]:
        """The block the content is loaded in: with the files parsed before, in a quick build."""
        return parsed_before(self.parsed, reuse=self.quick)

    def prepare(self, jobs: Sequence[Job], context: RenderContext) -> None:
        """Key every output that reads no other output now, before any is rendered: the keys then describe
        the content as it was loaded, not as a save during the build left it."""
        for output in (o for job in jobs for o in job.outputs if not o.needs):
            self._keys[_where(context) + output.path] = self._key(output, context)

    def render(self, output: Output, context: RenderContext, make: Callable[[], Any]) -> Any:
        """What ``make()`` returns for ``output``, or the last build's result with its files linked when it may be reused."""
        where = _where(context)
        path = where + output.path
        key = self._keys.get(path) or self._key(output, context)
        before = self.last.get(path)
        deferred = output.phase in DEFERRED_PHASES
        if self.quick and before is not None and (before.key == key or deferred) and self._link(before, output, context, self.folder / where):
            self.reused.append(path)
            self.made[path] = before
            return before.result
        claimed, root = len(context.stage.written), context.stage.root
        unclaimed = _files_under(root) if output.phase in UNCLAIMED_PHASES else None
        result = make()
        files = tuple(context.stage.names[k] for k in itertools.islice(context.stage.written, claimed, None))
        if unclaimed is not None and not files:
            files = tuple(sorted(_files_under(root) - unclaimed))
        self.made[path] = Made(key, files, result)
        self.rendered.append(path)
        compared = not (self.quick or deferred or output.phase in UNCLAIMED_PHASES)  # copies of theme and site files: no hidden input
        if compared and (before is None or not self._same(before.files, files, self.folder / where, context.stage.root)):
            self.changed.append(path)
        return result

    def keep(self, folder: str, stage: Staging, owner: str) -> bool:
        """Link the last build's ``folder`` (relative to the output) into ``stage``, claiming each file; False if it has none.

        For what a multi-unit site writes outside any output (the portal's search index)."""
        source = self.folder / folder
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []
        for file in files:
            _link_file(file, stage.path(file.relative_to(self.folder).as_posix(), owner))
        return bool(files)

    def _key(self, output: Output, context: RenderContext) -> str:
        return output_key(output, context, self._digests.__getitem__, page_frame(context))

    def _link(self, before: Made, output: Output, context: RenderContext, folder: Path) -> bool:
        """Link the files ``before`` wrote in ``folder`` into the staging folder; False when one is missing (nothing claimed then).

        An output that wrote nothing is reused only if its files were listed (:data:`UNCLAIMED_PHASES`): another may
        have written files it did not claim."""
        sources = [folder / name for name in before.files]
        if not all(s.is_file() for s in sources) or not (sources or output.phase in UNCLAIMED_PHASES):
            return False
        for name, source in zip(before.files, sources, strict=True):
            _link_file(source, context.stage.path(name, output.owner))
        return True

    @staticmethod
    def _same(files: tuple[str, ...], now: tuple[str, ...], folder: Path, root: Path) -> bool:
        """True if ``now`` (in the staging ``root``) are the files ``files`` of the last build in ``folder``, byte for byte."""
        if files != now:
            return False
        for name in files:
            old = folder / name
            if not old.is_file() or old.read_bytes() != (root / name).read_bytes():
                return False
        return True


def _where(context: RenderContext) -> str:
    """The folder of the output a site's files go to: ``<unit>/`` for a unit of a multi-unit site built whole, else none."""
    site = context.site
    return f"{site.unit}/" if site.unit and site.kabupaten is not None and site.kabupaten.alone is None else ""


def _link_file(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (a copy where the file system has none)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _files_under(root: Path) -> set[str]:
    """Every file below ``root``, relative to it."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
