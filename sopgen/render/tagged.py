"""Tagged PDF structure: one structure tree for PDFs joined page by page, and WeasyPrint's page margins as artifacts.

A tagged PDF's structure tree says what its pages are (headings, paragraphs, tables, figures)
and in which order they are read: what a screen reader follows and what PDF/A level A and
PDF/UA require. Each piece of page content belongs to an element through its marked-content id
(MCID) on the page; the page's ``/StructParents`` key finds, in the ParentTree, the element of
each MCID. Joining PDFs page by page (the binder) copies the pages, not their trees:
:class:`StructureJoin` has each source's elements written with its pages, so every element points
at the joined PDF's copy of its page, gathers the sources' top-level elements under one root, and
renumbers the ``/StructParents`` keys so they stay unique in the one ParentTree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, Object, Pdf

from .stream_ends import content_stream

V = TypeVar("V")

ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
"""The beginning of a running header's or footer's marked content: pagination, not content."""
_MARKED = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
"""The beginning of marked content as WeasyPrint (pydyf) writes it (``/Span <</MCID 3>> BDC``). WeasyPrint writes
text as glyph codes, so the pattern cannot match inside a string: no parsing of the whole stream (a Laporan of
35 pages holds 100,000 operators, parsed and written again in 0.6 s)."""


@dataclass(frozen=True)
class Pending:
    """One part's structure, ready to be written: the objects to write and what the joined tree takes of them."""

    objects: list[Object]
    """The part's top-level elements and ParentTree values (made indirect), from which every element is reached."""
    elements: list[Object]
    parents: list[tuple[int, Object]]
    ids: list[tuple[str, Object]]
    class_map: list[tuple[str, Object]]


@dataclass
class StructureJoin:
    """The one structure tree of a PDF whose pages are joined from tagged PDFs (untagged ones join with no structure).

    The joined PDF (:class:`.joined_pdf.JoinedPdf`) writes each part as it is added, so the tree
    is kept as the joined file's object numbers: its ``/K`` holds each part's top-level elements
    in the order of the pages (a part added at the front is read first), its ParentTree every
    part's entries under new keys, its RoleMap, ClassMap and IDTree the union of the parts'.
    """

    _parts: list[list[int]] = field(default_factory=list)
    _parents: list[tuple[int, int]] = field(default_factory=list)
    _next_key: int = 0
    _role_map: dict[str, Object] = field(default_factory=dict)
    _class_map: dict[str, bytes] = field(default_factory=dict)
    _class_numbers: dict[str, int] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)

    def prepare(self, source: Pdf, pages: Sequence[Object], root: Object) -> Pending:
        """Renumber the ParentTree keys of ``source``'s ``pages`` and point its top-level elements at ``root``, the joined tree's.

        ``source`` is changed; a name meaning two things in two parts cannot be joined (ValueError).
        """
        tree = source.Root.get(Name.StructTreeRoot)
        offset = self._next_key
        for page in pages:
            _shift_keys(page, offset if tree is not None else None)
        if tree is None or not pages:
            return Pending([], [], [], [], [])
        elements = _kids(tree)
        for element in elements:
            element.P = root
        parents = [(key + offset, value if value.is_indirect else source.make_indirect(value))
                   for key, value in NumberTree(tree.ParentTree).items()] if Name.ParentTree in tree else []
        self._next_key = max([offset + int(tree.get(Name.ParentTreeNextKey, 0)), self._next_key, *(key + 1 for key, _ in parents)])
        _merge(self._role_map, ((str(k), Name(str(v))) for k, v in tree.get(Name.RoleMap, Dictionary()).items()), "RoleMap")
        classes = [(str(k), v if v.is_indirect else source.make_indirect(v)) for k, v in tree.get(Name.ClassMap, Dictionary()).items()]
        _merge(self._class_map, ((name, value.unparse(resolved=True)) for name, value in classes), "ClassMap")
        ids = [(str(k), v) for k, v in NameTree(tree.IDTree).items()] if Name.IDTree in tree else []
        taken = [name for name, _ in ids if name in self._ids]
        if taken:
            raise ValueError(f"IDTree: {taken[0]} ada di dua PDF yang digabung")
        objects = [*elements, *(value for _, value in parents), *(value for _, value in classes)]
        return Pending(objects, elements, parents, ids, classes)

    def add(self, part: Pending, numbers: Mapping[tuple[int, int], int], front: bool = False) -> None:
        """Take a prepared part into the tree, its objects written under ``numbers``; first in reading order if ``front``."""
        if not part.elements:
            return
        self._parts.insert(0 if front else len(self._parts), [numbers[element.objgen] for element in part.elements])
        self._parents += [(key, numbers[value.objgen]) for key, value in part.parents]
        self._ids.update((name, numbers[element.objgen]) for name, element in part.ids)
        for name, value in part.class_map:
            self._class_numbers.setdefault(name, numbers[value.objgen])

    def finish(self, pdf: Pdf, ref: Callable[[int], Object]) -> Object | None:
        """The joined tree's root, made in ``pdf`` with ``ref`` standing for the written objects; None when no part was tagged."""
        if not self._parts:
            return None
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([ref(n) for part in self._parts for n in part])))
        parents = NumberTree.new(pdf)
        for key, value in self._parents:
            parents[key] = ref(value)
        root.ParentTree = parents.obj
        root.ParentTreeNextKey = self._next_key
        if self._role_map:
            root.RoleMap = Dictionary(self._role_map)
        if self._class_numbers:
            root.ClassMap = Dictionary({name: ref(n) for name, n in self._class_numbers.items()})
        if self._ids:
            ids = NameTree.new(pdf)
            for name, element in sorted(self._ids.items()):
                ids[name] = ref(element)
            root.IDTree = ids.obj
        return root


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


def _shift_keys(page: Object, offset: int | None) -> None:
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


def _merge(into: dict[str, V], items: Iterable[tuple[str, V]], what: str) -> None:
    """Add a source's map entries: a name meaning two things in two sources cannot be joined."""
    for name, value in items:
        if name in into and into[name] != value:
            raise ValueError(f"{what}: {name} ada di dua PDF yang digabung dengan arti berbeda")
        into.setdefault(name, value)
