"""A PDF joined part by part and written as it goes: what each part's pages use is on disk before the next part is read.

qpdf (pikepdf) holds a PDF as a graph of parsed objects, about 2 KB of memory per object, and a
binder of 1,500 SOPs has 1.3 million of them (a flowchart SOP's structure tree alone about
500). Joined into one pikepdf ``Pdf``, the binder held 3 GB however early each source was let
go: the memory was the joined PDF's own, not its sources'. :class:`JoinedPdf` keeps qpdf for
what it does well (reading a part, changing its pages, writing each object's syntax with
``unparse``) and writes the joined file itself: a part's objects are numbered and written when
the part is added, and only their numbers are kept. What spans the parts (the page tree, the
structure tree's root, the outline, the page labels, the catalog) is built at the end in a small
pikepdf PDF, the *skeleton*, whose placeholders (:class:`Refs`) stand for objects already written.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import deque
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from pikepdf import Array, Dictionary, Name, Object, Pdf, Stream

from .subset_names import SubsetNames
from .tagged import StructureJoin

ObjGen = tuple[int, int]

_REFERENCE = re.compile(rb"\((?:[^\\)]|\\.)*\)|(?<![\w.#/+\-])(\d+) (\d+) R\b", re.S)
"""An indirect reference in qpdf's ``unparse`` of an object (``12 0 R``), or a literal string, skipped whole: qpdf
escapes every parenthesis inside one, so its text cannot pass for a reference. Names hold no spaces, hex strings no R."""
XREF_CHUNK = 10_000
"""Cross-reference entries written at once: the table of 1.3 million objects in one piece took 200 MB more, briefly."""
INHERITED = (Name.Resources, Name.MediaBox, Name.CropBox, Name.Rotate)
"""The page attributes a page may take from its page-tree parents (which the joined PDF does not copy)."""


class Refs:
    """Placeholders in one PDF for objects of the joined file: a part's page pointing at the page tree, a link at another part's page."""

    def __init__(self, pdf: Pdf) -> None:
        self._pdf = pdf
        self._made: dict[int, Object] = {}
        self.numbers: dict[ObjGen, int] = {}
        """Placeholder -> the object of the joined file it stands for."""

    def __call__(self, number: int) -> Object:
        """The placeholder standing for object ``number`` of the joined file (one per number)."""
        if number not in self._made:
            placeholder = self._pdf.make_indirect(Dictionary())
            self._made[number] = placeholder
            self.numbers[placeholder.objgen] = number
        return self._made[number]


class JoinedPdf:
    """A PDF written to ``file`` part by part (:meth:`add`), finished by :meth:`close`, which writes the catalog.

    Before :meth:`close`, the binder sets what its catalog holds besides pages and structure on
    :attr:`catalog` (outline, page labels, archive entries), pointing at written objects through :attr:`ref`.
    """

    HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    """The header; :meth:`close` sets its version. The comment of bytes above 127 marks the file as binary (PDF/A)."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._digest = hashlib.md5()
        self._offsets = array("q", [0])
        """Where each object (by number) begins in the file; -1 while reserved and not written."""
        self._at = 0
        self._put(self.HEADER)
        self.skeleton = Pdf.new()
        self.ref = Refs(self.skeleton)
        self.catalog = self.skeleton.Root
        self.pages: list[int] = []
        """The joined file's page objects, in page order."""
        self.info: int | None = None
        """The document information dictionary's object, if any."""
        self.structure = StructureJoin()
        self._subsets = SubsetNames()
        self._page_tree = self._reserve()
        self._structure_root = self._reserve()

    def add(self, source: Pdf, refs: Refs | None = None, front: bool = False, extra: Iterable[Object] = ()) -> dict[ObjGen, int]:
        """Write the pages of ``source`` (after the others, or before them if ``front``), their structure and ``extra`` objects.

        Its fonts are retagged by their programs first (:mod:`.subset_names`): the parts' subsets of one font bear one name.
        ``refs``: the placeholders ``source`` already points through (a stamp's font, a link's
        target page). ``source`` is changed (its pages' parents, its structure keys) and need not
        stay open. Returns the number each written object of ``source`` has in the joined file.
        """
        refs = refs or Refs(source)
        self._subsets.retag(source)
        pages = [page.obj for page in source.pages]
        for page in pages:
            _take_inherited(page)
            page.Parent = refs(self._page_tree)
        pending = self.structure.prepare(source, pages, refs(self._structure_root))
        numbers = self._write(source, [*pages, *pending.objects, *extra], refs.numbers)
        written = [numbers[page.objgen] for page in pages]
        self.structure.add(pending, numbers, front)
        at = 0 if front else len(self.pages)
        self.pages[at:at] = written
        return numbers

    def write(self, pdf: Pdf, obj: Object) -> int:
        """Write ``obj`` of ``pdf`` with what it uses, once (the stamps' font); its number, for the parts to point at (:class:`Refs`)."""
        self._subsets.retag(pdf)
        return self._write(pdf, [obj], {})[obj.objgen]

    def close(self, version: str) -> None:
        """Write the page tree, the structure tree, the catalog, the cross-reference table and the trailer (``version``: the PDF's)."""
        pages = self.skeleton.make_indirect(Dictionary(Type=Name.Pages, Kids=Array([self.ref(n) for n in self.pages]), Count=len(self.pages)))
        self.catalog.Pages = pages
        fixed = {pages.objgen: self._page_tree}
        root = self.structure.finish(self.skeleton, self.ref)
        if root is not None:
            self.catalog.StructTreeRoot = root
            self.catalog.MarkInfo = Dictionary(Marked=True)
            fixed[root.objgen] = self._structure_root
        else:
            self._offsets[self._structure_root] = self._at  # reserved for a tree no part had
            self._put(b"%d 0 obj\nnull\nendobj\n" % self._structure_root)
        catalog = self._write(self.skeleton, [self.catalog], {**self.ref.numbers}, fixed)[self.catalog.objgen]
        missing = [n for n, at in enumerate(self._offsets) if n and at < 0]
        assert not missing, f"objects reserved but not written: {missing[:5]}"
        xref = self._at
        self._put(b"xref\n0 %d\n0000000000 65535 f \n" % len(self._offsets))
        for first in range(1, len(self._offsets), XREF_CHUNK):
            self._put(b"".join(b"%010d 00000 n \n" % at for at in self._offsets[first:first + XREF_CHUNK]))
        identity = hashlib.md5(version.encode() + self._digest.digest()).hexdigest().encode()
        info = b" /Info %d 0 R" % self.info if self.info is not None else b""
        self._put(b"trailer\n<< /Size %d /Root %d 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self._offsets), catalog, info, identity, identity, xref))
        self._file.seek(len(b"%PDF-"))
        self._file.write(version.encode("ascii"))  # "1.7" or "2.0": as long as the one written

    def _reserve(self) -> int:
        self._offsets.append(-1)
        return len(self._offsets) - 1

    def _put(self, data: bytes) -> None:
        self._file.write(data)
        self._digest.update(data)
        self._at += len(data)

    def _write(self, pdf: Pdf, roots: Iterable[Object], known: Mapping[ObjGen, int], fixed: Mapping[ObjGen, int] | None = None) -> dict[ObjGen, int]:
        """Write every object of ``pdf`` reached from ``roots`` and not ``known`` (written already), ``fixed`` ones under their reserved number."""
        numbers = {**known, **(fixed or {})}
        queue = deque(fixed or ())

        def number(objgen: ObjGen) -> int:
            if objgen not in numbers:
                numbers[objgen] = self._reserve()
                queue.append(objgen)
            return numbers[objgen]

        renumbered: dict[bytes, bytes] = {}  # "12 0 R" in the part -> "3456 0 R" in the joined file

        def renumber(match: re.Match[bytes]) -> bytes:
            if match[1] is None:
                return match[0]
            if match[0] not in renumbered:
                renumbered[match[0]] = b"%d 0 R" % number((int(match[1]), int(match[2])))
            return renumbered[match[0]]

        for root in roots:
            number(root.objgen)
        while queue:
            objgen = queue.popleft()
            obj = pdf.get_object(objgen)
            self._offsets[numbers[objgen]] = self._at
            head = b"%d 0 obj\n" % numbers[objgen]
            if isinstance(obj, Stream):
                data, held = obj.read_raw_bytes(), obj.stream_dict
                held.Length = len(data)
                self._put(head + _REFERENCE.sub(renumber, held.unparse(resolved=True)) + b"\nstream\n" + data + b"\nendstream\nendobj\n")
            else:
                self._put(head + _REFERENCE.sub(renumber, obj.unparse(resolved=True)) + b"\nendobj\n")
        return numbers


def _take_inherited(page: Object) -> None:
    """Give ``page`` the attributes it inherits from its page-tree parents: the joined file has its own page tree."""
    for key in INHERITED:
        node = page.get(Name.Parent)
        while key not in page and isinstance(node, Dictionary):
            if key in node:
                page[key] = node[key]
            node = node.get(Name.Parent)
