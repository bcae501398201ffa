"""What a PDF/UA or PDF/A-a validator checks of a tagged PDF's structure, read with pikepdf.

No such validator (veraPDF) is obtainable here, so the tests check the structure tree themselves:
each page's ``/StructParents`` resolves in the ParentTree, every marked-content id (MCID) drawn
on a page belongs to exactly the structure element the ParentTree names for it, and the tree
reaches nothing that is not drawn.
"""

from __future__ import annotations

from collections.abc import Iterator

from pikepdf import Array, Dictionary, Name, NumberTree, Object, Pdf, parse_content_stream

Key = tuple[tuple[int, int], int]
"""A marked-content item: its page's object id and its MCID."""


def structure_problems(pdf: Pdf) -> list[str]:
    """Every way the tagged structure of ``pdf`` fails to match its pages (empty: it matches)."""
    if Name.StructTreeRoot not in pdf.Root or not bool(pdf.Root.get(Name.MarkInfo, Dictionary()).get(Name.Marked, False)):
        return ["no StructTreeRoot, or MarkInfo /Marked not true"]
    root = pdf.Root.StructTreeRoot
    owners, annotations, problems = _tree_items(root)
    parents = dict(NumberTree(root.ParentTree).items())
    pages = {page.obj.objgen for page in pdf.pages}
    problems += [f"structure element points at {page}, not a page of the PDF" for (page, _mcid) in owners if page not in pages]
    drawn: set[Key] = set()
    for number, page in enumerate(pdf.pages, start=1):
        mcids = _drawn_mcids(page.obj)
        drawn |= {(page.obj.objgen, mcid) for mcid in mcids}
        if mcids and Name.StructParents not in page.obj:
            problems.append(f"page {number}: marked content but no /StructParents")
            continue
        if not mcids:
            continue
        entry = parents.get(int(page.obj.StructParents))
        if not isinstance(entry, Array):
            problems.append(f"page {number}: /StructParents {int(page.obj.StructParents)} is not an array in the ParentTree")
            continue
        for mcid in sorted(mcids):
            owner = owners.get((page.obj.objgen, mcid))
            named = entry[mcid].objgen if mcid < len(entry) else None
            if owner is None or owner != named:
                problems.append(f"page {number}: MCID {mcid} owned by {owner} in the tree, by {named} in the ParentTree")
        for annotation in page.obj.get(Name.Annots, Array()):
            if Name.StructParent in annotation:
                owner = annotations.get(annotation.objgen)
                named_annotation = parents.get(int(annotation.StructParent))
                if owner is None or named_annotation is None or named_annotation.objgen != owner:
                    problems.append(f"page {number}: annotation {annotation.objgen} not owned by its ParentTree entry")
    problems += [f"MCID {mcid} of {page} in the tree but not drawn" for (page, mcid) in sorted(owners.keys() - drawn)]
    return problems


def _tree_items(root: Object) -> tuple[dict[Key, tuple[int, int]], dict[tuple[int, int], tuple[int, int]], list[str]]:
    """Walk the tree: the element owning each marked-content item and each annotation, and misplaced parents."""
    owners: dict[Key, tuple[int, int]] = {}
    annotations: dict[tuple[int, int], tuple[int, int]] = {}
    problems: list[str] = []
    for element, parent, page in _elements(root):
        if element.P.objgen != parent.objgen:
            problems.append(f"structure element {element.objgen}: /P is not its parent")
        for kid in _kids(element):
            if isinstance(kid, Dictionary) and kid.get(Name.Type) == Name.OBJR:
                annotations[kid.Obj.objgen] = element.objgen
                continue
            if not isinstance(kid, int) and kid.get(Name.Type) != Name.MCR:
                continue  # a child element, walked by _elements
            on = kid.get(Name.Pg, page) if isinstance(kid, Dictionary) else page
            if on is None:
                problems.append(f"structure element {element.objgen}: marked content on no page (/Pg)")
                continue
            item: Key = (on.objgen, kid if isinstance(kid, int) else int(kid.MCID))
            if item in owners:
                problems.append(f"MCID {item} owned twice")
            owners[item] = element.objgen
    return owners, annotations, problems


def _elements(root: Object) -> Iterator[tuple[Object, Object, Object | None]]:
    """Each structure element with its parent and the page its MCIDs are on (its /Pg or the nearest ancestor's)."""
    stack: list[tuple[Object, Object, Object | None]] = [(kid, root, None) for kid in reversed(_kids(root)) if isinstance(kid, Dictionary)]
    while stack:
        element, parent, page = stack.pop()
        if not isinstance(element, Dictionary) or element.get(Name.Type) in (Name.MCR, Name.OBJR):
            continue
        page = element.get(Name.Pg, page)
        yield element, parent, page
        stack.extend((kid, element, page) for kid in reversed(list(_kids(element))) if isinstance(kid, Dictionary))


def _kids(element: Object) -> list[Object | int]:
    """An element's /K as a list (PDF allows a single kid without the array)."""
    kids = element.get(Name.K)
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def _drawn_mcids(page: Object) -> set[int]:
    """The MCIDs of a page's content streams (marked content in form XObjects would need /Stm MCRs: not used)."""
    found = set()
    for instruction in parse_content_stream(page, "BDC"):
        properties = instruction.operands[1]
        if isinstance(properties, Dictionary) and Name.MCID in properties:
            found.add(int(properties.MCID))
    return found
