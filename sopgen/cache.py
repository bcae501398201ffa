"""The output cache: a PDF, Word copy or page whose inputs did not change since a build is copied, not made again.

Laying out the PDFs is nearly the whole cost of a build (about 0.6 s per SOP, two WeasyPrint
layouts each), and the Word copies most of the rest, so a rebuild after one edit should make
only what the edit touched; once those are cached, rendering every page again is most of a
rebuild with nothing changed (about 1.3 s of 3.2 s at 100 SOPs), so pages are cached too. Each
entry is keyed by the SHA-256 of everything its output is made from: the files its output
declares (:func:`sopgen.kinds.inputs.input_files`: its YAML, the pejabat and SOPs it names, the
settings, the logo, the templates it reaches, their CSS and fonts), what a unit inherits
(pemda.yaml and every unit's site.yaml, whose names another unit's keterkaitan prints), the
staged files of the outputs it needs (the binder: the SOP PDFs it joins; a Word copy: the PDF
whose page breaks it follows; an SOP page: its PDF, whose breaks it shows), what every page
shows besides its own content (:func:`page_frame`: the navigation, and whether the site has PDFs
to link), and the tool itself (sopgen's own code and the versions of the libraries that shape
its bytes). A key that matches is the same input, so the entry is the file a render would write:
pages are plain text rendered from their inputs, PDFs and Word copies are byte-reproducible
(:data:`sopgen.render.arsip.ARSIP_WAKTU`, :mod:`sopgen.render.reproducible`).

The cache lives outside ``output/`` (``.sopgen-cache/`` beside the content folder, or where
``--cache`` / ``SOPGEN_CACHE`` says), so the staged, atomic swap of the output is unchanged: a
hit is written into the staging folder like any render. An entry is written to a temporary
file and renamed into place, and carries its key, size and checksum: a partial, corrupt or
foreign entry fails the check and the file is rendered again (never served). Two builds sharing
a cache can only replace an entry with an equal one, atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .content.kabupaten import PEMDA_FILE
from .content.loader import SITE_FILE
from .kinds.base import Output, RenderContext
from .kinds.inputs import input_files
from .render.pdf import PdfPreview
from .render.sop import PrintedLayout
from .shard import Shard

CACHE_DIR = ".sopgen-cache"
FORMAT = b"sopgen-cache/2\n"
"""The first line of every entry; a new layout of the entry changes it (old entries then miss)."""
DOCUMENT_PHASES = ("pdf", "binder", "docx")
"""The documents: the outputs laid out by WeasyPrint, and the Word copies (their pictures are drawn by CairoSVG:
about 0.7 s per SOP). A shard (:mod:`sopgen.shard`) takes its share of these."""
CACHED_PHASES = (*DOCUMENT_PHASES, "html")
"""The outputs worth caching: the documents, and the pages (13 ms each at 100 SOPs, half of a rebuild with nothing
changed once the documents are cached). Exports (a few, milliseconds) and copies of theme and site files are made again."""
LIBRARIES = ("weasyprint", "pydyf", "pikepdf", "tinycss2", "cssselect2", "tinyhtml5", "fonttools", "pillow", "pyphen", "segno",
             "jinja2", "markdown", "pydantic", "pyyaml", "babel", "nh3", "python-docx", "lxml", "cairosvg")
"""The libraries whose version can change a PDF's or a Word copy's bytes (layout, fonts, writing, the content they get)."""


def default_cache_dir(site_dir: Path) -> Path:
    """Where the cache lives unless ``--cache`` / ``SOPGEN_CACHE`` says: beside the content folder, like ``output/``."""
    return site_dir.resolve().parent / CACHE_DIR


@cache
def tool_fingerprint() -> str:
    """sopgen's own code and the versions of Python and of the libraries a PDF goes through."""
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\n".encode())
    package = Path(__file__).parent
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


class FileDigests(dict[Path, str]):
    """Each file's :func:`file_digest`, read once for a build: a content file (the content does not change meanwhile)
    or a staged output (written once; the SOP PDF is read by its page, its Word copy, the binder and the home page).

    A missing file is not remembered: a staged output may be written after an output that does not need it was keyed."""

    def __missing__(self, file: Path) -> str:
        digest = file_digest(file)
        if digest != "-":
            self[file] = digest
        return digest


@dataclass
class OutputCache:
    """The cache of one build (its file digests are remembered for the build: the content does not change meanwhile)."""

    folder: Path
    shard: Shard | None = None
    """A shard build (``--shard i/n``, :mod:`sopgen.shard`): only its share of the documents is rendered, to be kept here."""
    shards: tuple[Path, ...] = ()
    """More folders read, never written: the shards' caches ``assemble`` joins."""
    served: list[str] = field(default_factory=list)
    """Outputs copied from the cache, in build order."""
    rendered: list[str] = field(default_factory=list)
    """Outputs laid out (and stored), in build order."""
    _digests: FileDigests = field(default_factory=FileDigests)

    def render(self, output: Output, context: RenderContext) -> Any:
        """``output.render(context)``, or its cached file and result when its inputs are unchanged."""
        key = self.key(output, context) if cacheable(output, context) else None
        if key is None:
            return output.render(context)
        hit = self.serve(key, output, context)
        if hit is not None:
            return hit[0]
        before = set(context.stage.written)
        result = output.render(context)
        self.store(key, output, context, result, set(context.stage.written) - before)
        return result

    def serve(self, key: str, output: Output, context: RenderContext) -> tuple[Any] | None:
        """Write the entry's file into the staging folder and return its result (in a 1-tuple); None when there is no sound entry."""
        hit = next(filter(None, (read_entry(folder / key[:2] / key, key) for folder in (self.folder, *self.shards))), None)
        if hit is None:
            return None
        context.stage.write_bytes(output.path, output.owner, hit[0])
        self.served.append(output.path)
        return (decode_result(hit[1]),)

    def store(self, key: str, output: Output, context: RenderContext, result: Any, wrote: set[str]) -> None:
        """Keep what ``output`` rendered, if it wrote its one file only (``wrote``: the staging's keys) and its result can be stored."""
        self.rendered.append(output.path)
        encoded = encode_result(result)
        if wrote == {output.path.lower()} and encoded is not None:
            write_entry(self.folder / key[:2] / key, key, (context.stage.root / output.path).read_bytes(), encoded[0])

    def key(self, output: Output, context: RenderContext) -> str:
        """The SHA-256 of everything ``output`` is made from (see the module's docstring)."""
        return output_key(output, context, self._digests.__getitem__, page_frame(context) if output.phase == "html" else "")


def output_key(output: Output, context: RenderContext, digest_of: Callable[[Path], str], extra: str = "") -> str:
    """The SHA-256 of everything ``output`` is made from (see the module's docstring), and of ``extra``.

    ``digest_of``: a file's :func:`file_digest`, remembered for the build (:class:`FileDigests`)."""
    site = context.site
    digest = hashlib.sha256(FORMAT + tool_fingerprint().encode())
    digest.update(f"\0{site.unit or ''}\0{output.path}\0{extra}\0".encode())
    files = set(input_files(output.inputs, site, context.env))  # resolved
    if site.kabupaten is not None:
        kabupaten = site.kabupaten
        inherited = [kabupaten.root / PEMDA_FILE, *(unit.root / SITE_FILE for unit in kabupaten.units.values())]
        files.update(p.resolve() for p in inherited + ([kabupaten.root / kabupaten.config.logo] if kabupaten.config.logo else []))
    root = site.root.resolve()
    for file in sorted(files):
        digest.update(f"{_name(file, root)}\0{digest_of(file)}\n".encode())
    for need in output.needs:
        staged = context.stage.root / need
        digest.update(f"needs {need}\0{digest_of(staged)}\n".encode())
    return digest.hexdigest()


def page_frame(context: RenderContext) -> str:
    """What every page shows besides its declared inputs: the main navigation, and whether the site has PDFs to link."""
    return f"pdf={context.renderer is not None}\0{context.env.globals.get('nav')!r}"


def cacheable(output: Output, context: RenderContext) -> bool:
    """A page (with or without PDFs: :func:`page_frame` tells them apart); a PDF laid out for real, or a Word copy
    made from one (not the preview's HTML check)."""
    laid_out = context.renderer is not None and not isinstance(context.renderer, PdfPreview)
    return output.phase in CACHED_PHASES and (output.phase == "html" or laid_out)


def _name(file: Path, root: Path) -> str:
    """A resolved file's name in the key: relative to the (resolved) site when inside it (a moved checkout still hits), else absolute."""
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()


def file_digest(file: Path) -> str:
    """The SHA-256 of a file, "-" when there is none."""
    if not file.is_file():
        return "-"
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def encode_result(result: Any) -> tuple[Any] | None:
    """What an output returned, as JSON (in a 1-tuple, since None is a result too); None when it cannot be stored."""
    if result is None:
        return (None,)
    if isinstance(result, PrintedLayout):
        return ({"bagan": [{"pages": [list(p) for p in pages], "heights": list(heights)} for pages, heights in zip(result.plans, result.heights, strict=True)]},)
    return None


def decode_result(data: Any) -> Any:
    if data is None:
        return None
    bagan = data["bagan"]
    return PrintedLayout(tuple(tuple((int(a), int(b)) for a, b in one["pages"]) for one in bagan),
                         tuple(tuple(float(h) for h in one["heights"]) for one in bagan))


def read_entry(entry: Path, key: str) -> tuple[bytes, Any] | None:
    """The payload and result of a sound entry for ``key``; None when missing, partial, corrupt or another key's."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    if not data.startswith(FORMAT):
        return None
    header_end = data.find(b"\n", len(FORMAT))
    try:
        header = json.loads(data[len(FORMAT):header_end])
        payload = data[header_end + 1:]
        sound = (header_end > 0 and header["key"] == key and header["size"] == len(payload)
                 and header["sha256"] == hashlib.sha256(payload).hexdigest())
    except (ValueError, KeyError, TypeError):
        return None
    return (payload, header["result"]) if sound else None


def write_entry(entry: Path, key: str, payload: bytes, result: Any) -> None:
    """Write an entry through a temporary file renamed into place: a reader sees the old entry or the whole new one."""
    header = json.dumps({"key": key, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest(), "result": result})
    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(FORMAT + header.encode() + b"\n" + payload)
        os.replace(temporary, entry)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
