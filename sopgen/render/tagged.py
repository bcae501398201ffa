"""Tagged PDF structure: one structure tree for PDFs joined page by page, and WeasyPrint's page margins as artifacts.

A tagged PDF's structure tree says what its pages are (headings, paragraphs, tables, figures)
and in which order they are read: what a screen reader follows and what PDF/A level A and
PDF/UA require. Each piece of page content belongs to an element through its marked-content id
(MCID) on the page; the page's ``/StructParents`` key finds, in the ParentTree, the element of
each MCID. Joining PDFs page by page (the binder) copies the pages, not their trees:
:class:`StructureJoin` copies each source's tree with its pages, so every element points at the
joined PDF's copy of its page (``copy_foreign`` maps a source's objects once), and renumbers the
``/StructParents`` keys so they stay unique in the one ParentTree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, Object, Pdf

from .stream_ends import content_stream

ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
"""The beginning of a running header's or footer's marked content: pagination, not content."""
_MARKED = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
"""The beginning of marked content as WeasyPrint (pydyf) writes it (``/Span <</MCID 3>> BDC``). WeasyPrint writes
text as glyph codes, so the pattern cannot match inside a string: no parsing of the whole stream (a Laporan of
35 pages holds 100,000 operators, parsed and written again in 0.6 s)."""


@dataclass
class _Part:
    """One source's top-level structure elements, and the joined PDF's copy of the source's first page (their place in reading order)."""

    first_page: tuple[int, int]
    elements: list[Object]


@dataclass
class StructureJoin:
    """The one structure tree of a PDF whose pages are joined from tagged PDFs (untagged ones join with no structure).

    Add the sources with :meth:`add` in any order (the binder adds its front matter last, at the
    front); :meth:`finish` writes the tree: its ``/K`` holds each source's top-level elements in
    the order of the pages, its ParentTree every source's entries under new keys, its RoleMap,
    ClassMap and IDTree the union of the sources'.
    """

    pdf: Pdf
    _parts: list[_Part] = field(default_factory=list)
    _parents: list[tuple[int, Object]] = field(default_factory=list)
    _next_key: int = 0
    _role_map: dict[str, Object] = field(default_factory=dict)
    _class_map: dict[str, Object] = field(default_factory=dict)
    _ids: dict[str, Object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))

    def add(self, source: Pdf, at: int | None = None) -> int:
        """Copy the pages of ``source`` (at page index ``at``, or after the last) with their structure; return how many.

        ``source`` is changed: its keys are renumbered before its pages are copied.
        """
        tree = source.Root.get(Name.StructTreeRoot)
        offset = self._next_key
        for page in source.pages:
            _shift_keys(page.obj, offset if tree is not None else None)
        pages = list(source.pages)
        if at is None:
            self.pdf.pages.extend(pages)
        else:
            for index, page in enumerate(pages):
                self.pdf.pages.insert(at + index, page)
        if tree is None or not pages:
            return len(pages)
        copied = self.pdf.copy_foreign(tree)  # its /Pg references are the pages just copied
        elements = _kids(copied)
        for element in elements:
            element.P = self.root
        self._parts.append(_Part(self.pdf.copy_foreign(pages[0].obj).objgen, elements))
        keys = [(key + offset, value) for key, value in NumberTree(copied.ParentTree).items()] if Name.ParentTree in copied else []
        self._parents.extend(keys)
        self._next_key = max([offset + int(copied.get(Name.ParentTreeNextKey, 0)), self._next_key, *(key + 1 for key, _ in keys)])
        _merge(self._role_map, copied.get(Name.RoleMap, Dictionary()).items(), "RoleMap")
        _merge(self._class_map, copied.get(Name.ClassMap, Dictionary()).items(), "ClassMap")
        if Name.IDTree in copied:
            _merge(self._ids, NameTree(copied.IDTree).items(), "IDTree", unique=True)
        return len(pages)

    def finish(self) -> None:
        """Write the joined tree into the PDF's catalog and mark the PDF as tagged (nothing when no source was)."""
        if not self._parts:
            return
        order = {page.obj.objgen: index for index, page in enumerate(self.pdf.pages)}
        self.root.K = Array([e for part in sorted(self._parts, key=lambda p: order[p.first_page]) for e in part.elements])
        parents = NumberTree.new(self.pdf)
        for key, value in self._parents:
            parents[key] = value
        self.root.ParentTree = parents.obj
        self.root.ParentTreeNextKey = self._next_key
        if self._role_map:
            self.root.RoleMap = Dictionary(self._role_map)
        if self._class_map:
            self.root.ClassMap = Dictionary(self._class_map)
        if self._ids:
            ids = NameTree.new(self.pdf)
            for name, element in sorted(self._ids.items()):
                ids[name] = element
            self.root.IDTree = ids.obj
        self.pdf.Root.StructTreeRoot = self.root
        self.pdf.Root.MarkInfo = Dictionary(Marked=True)


def margins_as_artifacts(pdf: Pdf) -> None:
    """Mark the content of WeasyPrint's page-margin boxes (running headers, footers, page numbers) as pagination artifacts.

    WeasyPrint gives that content MCIDs and elements but leaves the elements out of the tree
    (``weasyprint/pdf/tags.py``, ``MarginBox``): a reader following the tree never reaches them,
    and a validator finds content with no place in the structure. PDF 1.7 says "not content" with
    an ``/Artifact`` marked-content sequence; the elements, no longer referenced, are not written.
    """
    tree = pdf.Root.get(Name.StructTreeRoot)
    if tree is None or Name.ParentTree not in tree:
        return
    placed = _Placed(tree)
    parents = NumberTree(tree.ParentTree)
    for page in pdf.pages:
        entry = parents.get(int(page.obj.StructParents)) if Name.StructParents in page.obj else None
        if not isinstance(entry, Array):
            continue
        outside = {mcid for mcid, element in enumerate(entry) if isinstance(element, Dictionary) and not placed(element)}
        if not outside:
            continue
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, Array) else [contents]
        drawn = b"\n".join(stream.read_bytes() for stream in streams)
        page.obj.Contents = content_stream(pdf, _as_artifacts(drawn, outside))
        for mcid in outside:
            entry[mcid] = None


def _as_artifacts(drawn: bytes, mcids: set[int]) -> bytes:
    """The content stream ``drawn`` with the marked content of ``mcids`` marked as artifacts instead."""
    return _MARKED.sub(lambda match: ARTIFACT if int(match[1]) in mcids else match[0], drawn)


class _Placed:
    """Whether a structure element is reached from the tree's root through the parents' ``/K``, remembered per element."""

    def __init__(self, root: Object) -> None:
        self._root = root.objgen
        self._kids: dict[tuple[int, int], set[tuple[int, int]]] = {}
        self._known: dict[tuple[int, int], bool] = {}

    def __call__(self, element: Object) -> bool:
        if element.objgen not in self._known:
            parent = element.get(Name.P)
            self._known[element.objgen] = parent is not None and element.objgen in self._kids_of(parent) and (
                parent.objgen == self._root or self(parent))
        return self._known[element.objgen]

    def _kids_of(self, parent: Object) -> set[tuple[int, int]]:
        if parent.objgen not in self._kids:
            self._kids[parent.objgen] = {kid.objgen for kid in _kids(parent) if isinstance(kid, Dictionary)}
        return self._kids[parent.objgen]


def _shift_keys(page: Dictionary, offset: int | None) -> None:
    """Move a page's and its annotations' ParentTree keys by ``offset``; None: drop them (the page's PDF has no tree)."""
    holders = [(page, Name.StructParents), *((a, Name.StructParent) for a in page.get(Name.Annots, Array()) if isinstance(a, Dictionary))]
    for holder, key in holders:
        if key in holder:
            if offset is None:
                del holder[key]
            else:
                holder[key] = int(holder[key]) + offset


def _kids(element: Object) -> list[Object]:
    """An element's ``/K`` as a list (the PDF allows a single kid without an array)."""
    kids = element.get(Name.K)
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def _merge(into: dict[str, Object], items: Iterable[tuple[object, Object]], what: str, unique: bool = False) -> None:
    """Add a source's map entries: a name meaning two things in two sources (any name twice, if ``unique``) cannot be joined."""
    for key, value in items:
        name = str(key)
        if name in into and (unique or into[name] != value):
            raise ValueError(f"{what}: {name} ada di dua PDF yang digabung dengan arti berbeda")
        into.setdefault(name, value)
