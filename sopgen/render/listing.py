"""The order SOPs are listed in: by nomor (numbers compared as numbers), grouped by bidang."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.loader import Doc, Site
from ..models.sop import SOP

LAINNYA = "Lainnya"
"""The group heading of SOPs whose bidang is not set."""


def nomor_key(nomor: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``700/16.2/...`` before ``700/16.10/...`` (digits compared as numbers)."""
    parts = re.findall(r"\d+|\D+", nomor)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)


def sops_by_nomor(site: Site) -> list[Doc[SOP]]:
    """Every SOP of the site in order of nomor (the binder's and the lists' order)."""
    return sorted(site.sops.values(), key=lambda d: (nomor_key(d.model.nomor), d.id))


def binder_sops(site: Site) -> list[Doc[SOP]]:
    """The SOPs the binder holds, in order of nomor: a withdrawn (dicabut) SOP leaves it."""
    return [doc for doc in sops_by_nomor(site) if doc.model.status != "dicabut"]


@dataclass(frozen=True)
class SopGroup:
    """One bidang's SOPs as listed on the home page; ``bidang`` is None when the site has no groups."""

    bidang: str | None
    sops: list[Doc[SOP]]

    @property
    def anchor(self) -> str:
        """A fragment id for the group's heading."""
        slug = re.sub(r"[^a-z0-9]+", "-", (self.bidang or "semua").lower()).strip("-")
        return f"bidang-{slug or 'lain'}"


def group_by_bidang(site: Site) -> list[SopGroup]:
    """SOPs grouped in ``site.bidang`` order, then other bidang alphabetically, then those without one."""
    ordered = sops_by_nomor(site)
    named = list(site.config.bidang)
    extra = sorted({d.model.bidang for d in ordered if d.model.bidang and d.model.bidang not in named})
    if not named and not extra:
        return [SopGroup(None, ordered)] if ordered else []
    groups = [SopGroup(b, [d for d in ordered if d.model.bidang == b]) for b in named + extra]
    loose = [d for d in ordered if not d.model.bidang]
    if loose:
        groups.append(SopGroup(LAINNYA, loose))
    return [g for g in groups if g.sops]
