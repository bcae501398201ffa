"""Resolving references between documents, after everything is loaded: one index, one message.

Every kind declares the ids it owns in :attr:`Site.declared` while loading (valid or not, so one
broken entry is reported once, not at every use); in the resolve stage every kind checks the ids
its documents name with :func:`check_reference`. A dangling id is an error at the line where it
is written, with the closest existing id suggested.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import Position, Problems, did_you_mean
from .kabupaten import CROSS_UNIT
from .loader import Site

if TYPE_CHECKING:
    from ..kinds.base import Namespace
    from ..models.sop import SOP
    from .documents import Doc

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A keterkaitan written as a bare string is an SOP id when it looks like one (no spaces, lowercase)."""


def check_reference(site: Site, namespace: Namespace, value: str, where: Position, field: str, problems: Problems, fallback: str | None = None) -> bool:
    """True when ``value`` is a declared id of ``namespace``; otherwise report it at ``where``."""
    declared = site.declared.get(namespace.name, set())
    if value in declared:
        return True
    hint = did_you_mean(value, declared) or fallback or namespace.fallback.format(", ".join(sorted(declared)) or "belum ada")
    problems.add(where, field, namespace.missing.format(value), hint)
    return False


def linked_sop_id(link: object) -> str | None:
    """The SOP id a keterkaitan entry points to, or None when it is free text."""
    if isinstance(link, str):
        return link if ID_PATTERN.match(link) else None
    return getattr(link, "sop", None)


def cross_unit_link(site: Site, link: object) -> tuple[str, str] | None:
    """(unit, SOP id) when a keterkaitan names an SOP of another unit (``dinkes/imunisasi``) in a multi-unit site.

    In a single-unit site such a text stays free text, as it always was.
    """
    value = link if isinstance(link, str) else getattr(link, "sop", None)
    found = CROSS_UNIT.match(value) if site.kabupaten is not None and value else None
    return (found["unit"], found["sop"]) if found else None


def cross_unit_sop(site: Site, link: object) -> tuple[Site, Doc[SOP]] | None:
    """The other unit and its SOP a keterkaitan names, once that unit is loaded (None otherwise)."""
    cross = cross_unit_link(site, link)
    kabupaten = site.kabupaten
    other = (kabupaten.sites.get(cross[0]) or kabupaten.neighbours.get(cross[0])) if cross and kabupaten else None
    doc = other.sops.get(cross[1]) if other and cross else None
    return (other, doc) if other and doc else None


def check_site_file(site: Site, name: str | None, where: Position, field: str, problems: Problems) -> None:
    """A file a document names must exist inside the site folder (the PDF reads nothing else)."""
    if name is None:
        return
    target = (site.root / name).resolve()
    if not target.is_relative_to(site.root):
        problems.add(where, field, f"berkas '{name}' berada di luar folder situs", "simpan berkas di folder assets/ situs.")
    elif not target.is_file():
        problems.add(where, field, f"berkas '{name}' tidak ditemukan", "periksa nama dan foldernya (relatif terhadap folder situs).")
