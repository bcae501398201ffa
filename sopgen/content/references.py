"""Resolving references between documents, after everything is loaded.

Documents name pejabat and other SOPs by id; a dangling id is an error at the
line where it is written, with the closest existing id suggested.
"""

from __future__ import annotations

import re

from ..errors import Problems, did_you_mean
from .loader import Site

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A keterkaitan written as a bare string is an SOP id when it looks like one (no spaces, lowercase)."""


def resolve_references(site: Site, problems: Problems) -> None:
    """Check that every pejabat, SOP id and file that a document names exists."""
    _check_site_file(site, site.config.instansi.logo, ("instansi", "logo"), problems)
    for doc in site.sops.values():
        sop = doc.model
        if sop.disahkan_oleh not in site.declared["pejabat"]:
            problems.add(
                doc.source.at("disahkan_oleh"), "disahkan_oleh",
                f"pejabat '{sop.disahkan_oleh}' tidak ada di pejabat.yaml",
                did_you_mean(sop.disahkan_oleh, site.declared["pejabat"]) or f"pilihan: {', '.join(sorted(site.declared['pejabat']))}.",
            )
        for index, link in enumerate(sop.keterkaitan):
            target = linked_sop_id(link)
            if target is not None and target not in site.declared["sop"]:
                problems.add(
                    doc.source.at("keterkaitan", index), f"keterkaitan[{index + 1}]",
                    f"SOP '{target}' tidak ada di folder sop/",
                    did_you_mean(target, site.declared["sop"]) or "tulis sebagai 'teks: <nama SOP>' bila SOP itu tidak ada di situs ini.",
                )


def linked_sop_id(link: object) -> str | None:
    """The SOP id a keterkaitan entry points to, or None when it is free text."""
    if isinstance(link, str):
        return link if ID_PATTERN.match(link) else None
    return getattr(link, "sop", None)


def _check_site_file(site: Site, name: str | None, loc: tuple[str, ...], problems: Problems) -> None:
    """A file named in site.yaml must exist inside the site folder (the PDF reads nothing else)."""
    if name is None:
        return
    target = (site.root / name).resolve()
    where = site.config_source.at(*loc)
    if not target.is_relative_to(site.root):
        problems.add(where, ".".join(loc), f"berkas '{name}' berada di luar folder situs", "simpan berkas di folder assets/ situs.")
    elif not target.is_file():
        problems.add(where, ".".join(loc), f"berkas '{name}' tidak ditemukan", "periksa nama dan foldernya (relatif terhadap folder situs).")
