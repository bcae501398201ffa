"""The SOP's steps as a reading view: who does what, in order, with the Mutu Baku of each step.

The paper form (identity table and flowchart table) cannot reflow; on a phone it is a sheet
scrolled sideways. The reading view says the same steps as text that fits any width. It is
made from the flow graph the flowchart is drawn from, so a branch reads "kembali ke langkah 6"
exactly where the flowchart draws its arrow up to row 6.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.flow import EdgeKind, Flow, StepKind, build_flow
from ..models.sop import SOP, Langkah, ProsedurSOP

TANPA_KETERANGAN = "-"
"""The Keterangan a step has when none is written (models.sop.Langkah); not repeated in the reading view."""


@dataclass(frozen=True)
class LangkahBaca:
    """One step as the reading view shows it."""

    nomor: int
    pelaksana: str
    uraian: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str | None
    """None when the step has none."""
    arah: tuple[str, ...]
    """Where the flow goes next when it is not the next step: each branch of a decision, a ``lanjut``."""
    jenis: StepKind


@dataclass(frozen=True)
class ProsedurBaca:
    """One procedure of the reading view: its name (None for the one procedure of ``langkah:``), where
    its steps' anchors start (``langkah-`` or ``langkah-2-``), and its steps."""

    nama: str | None
    anchor: str
    langkah: tuple[LangkahBaca, ...]


def prosedur_baca(sop: SOP) -> list[ProsedurBaca]:
    """Every procedure of ``sop`` in order, each with its steps numbered from 1 as its flowchart numbers them."""
    procedures = sop.daftar_prosedur
    return [
        ProsedurBaca(prosedur.nama, "langkah-" if len(procedures) == 1 else f"langkah-{index + 1}-", langkah_baca(sop, prosedur))
        for index, prosedur in enumerate(procedures)
    ]


def langkah_baca(sop: SOP, prosedur: ProsedurSOP[Langkah]) -> tuple[LangkahBaca, ...]:
    """Every step of one procedure in order, with its branches written as sentences."""
    flow = build_flow(sop, prosedur)
    return tuple(
        LangkahBaca(
            nomor=index + 1,
            pelaksana=together(step.semua_pelaksana),
            uraian=step.uraian,
            kelengkapan=step.mutu_baku.kelengkapan,
            waktu=step.mutu_baku.waktu,
            output=step.mutu_baku.output,
            keterangan=None if step.keterangan.strip() in ("", TANPA_KETERANGAN) else step.keterangan,
            arah=_arah(flow, index),
            jenis=flow.kinds[index],
        )
        for index, step in enumerate(prosedur.langkah)
    )


def together(names: tuple[str, ...]) -> str:
    """The pelaksana of a step as a phrase: "Kasi Pemerintahan dan Staf" for a step done together."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} dan {names[-1]}"


def _arah(flow: Flow, index: int) -> tuple[str, ...]:
    """The steps' arrows that leave ``index`` and do not simply go to the next row."""
    last = len(flow.kinds) - 1
    sentences = []
    for edge in flow.edges:
        if edge.source != index or (edge.kind is EdgeKind.LANJUT and edge.target == index + 1):
            continue
        if edge.target == last and flow.kinds[last] is StepKind.SELESAI and edge.target != index + 1:
            where = f"ke langkah {edge.target + 1} (selesai)"
        elif edge.is_back:
            where = f"kembali ke langkah {edge.target + 1}"
        else:
            where = f"lanjut ke langkah {edge.target + 1}"
        sentences.append(f"{edge.label}: {where}" if edge.label else where.capitalize())
    return tuple(sentences)
