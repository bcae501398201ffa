"""An SOP's revision history (``riwayat_revisi``): numbered in order, dated plausibly, and kept.

Kept means: an SOP in force whose content changed in git after the version that recorded its
last revision (or its pengesahan) gets a warning, because the signed document and the file have
parted. Content is the parsed YAML without the bookkeeping fields (dates, history, status,
silenced warnings): a comment or a new revision entry is not a change of the procedure.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from ..content.git_history import Versi
from ..content.loader import Doc
from ..content.yamlsource import YamlProblem, parse
from ..errors import Level, Problems
from ..models.base import tanggal_indonesia
from ..models.sop import SOP

CODE_REVISI = "revisi-belum-dicatat"
PEMBUKUAN = ("riwayat_revisi", "tanggal", "status", "diganti_oleh", "abaikan_peringatan")
"""Fields that record the SOP's life rather than its procedure."""


def lint_riwayat(doc: Doc[SOP], problems: Problems, today: dt.date, code_tanggal: str) -> None:
    """Revisions numbered 1, 2, 3 … in order, dated after the SOP was made, in order, not in the future."""
    sop = doc.model
    previous: dt.date | None = None
    for index, revisi in enumerate(sop.riwayat_revisi):
        if revisi.nomor != index + 1:
            problems.add(doc.source.at("riwayat_revisi", index, "nomor"), f"riwayat_revisi[{index + 1}].nomor",
                         f"revisi ke-{index + 1} bernomor {revisi.nomor}", f"nomori revisi berurutan mulai dari 1: tulis 'nomor: {index + 1}'.")
        where, field = doc.source.at("riwayat_revisi", index, "tanggal"), f"riwayat_revisi[{index + 1}].tanggal"
        if revisi.tanggal > today:
            problems.add(where, field, f"tanggal revisi ({tanggal_indonesia(revisi.tanggal)}) di masa depan", "tulis tanggal revisi itu disahkan.")
        elif revisi.tanggal < sop.tanggal.pembuatan or (previous is not None and revisi.tanggal < previous):
            earlier = "revisi sebelumnya" if previous is not None and revisi.tanggal < previous else "tanggal pembuatan"
            problems.add(where, field, f"tanggal revisi ({tanggal_indonesia(revisi.tanggal)}) sebelum {earlier}",
                         "periksa tanggalnya: revisi ditulis berurutan dari yang terlama.", Level.WARNING, code_tanggal)
        previous = revisi.tanggal
    if sop.riwayat_revisi and sop.tanggal.revisi is not None and sop.tanggal.revisi != sop.riwayat_revisi[-1].tanggal:
        problems.add(doc.source.at("tanggal", "revisi"), "tanggal.revisi",
                     f"tanggal revisi ({tanggal_indonesia(sop.tanggal.revisi)}) berbeda dari revisi terakhir di riwayat_revisi "
                     f"({tanggal_indonesia(sop.riwayat_revisi[-1].tanggal)})",
                     "hapus baris ini: tabel identitas mencetak tanggal revisi terakhir dari riwayat_revisi.", Level.WARNING, code_tanggal)


def _parsed(teks: str | None, shown: str) -> tuple[Any, Any] | None:
    """(content, record of the SOP's life) of one version; None when it is not YAML."""
    if teks is None:
        return None
    try:
        data = parse(teks, shown, [])[0]
    except YamlProblem:
        return None
    if not isinstance(data, dict):
        return None
    isi = {k: v for k, v in data.items() if k not in PEMBUKUAN}
    return isi, (data.get("riwayat_revisi"), data.get("tanggal"))


def revisi_tanpa_catatan(doc: Doc[SOP], history: list[Versi], problems: Problems) -> None:
    """Warn when the content changed after the version where the SOP's last revision (or pengesahan) was recorded."""
    if doc.model.status != "berlaku" or not history:
        return
    now = _parsed(doc.file.read_text(encoding="utf-8-sig"), doc.shown)
    if now is None:
        return
    versions: list[tuple[Versi | None, Any]] = [(None, now), *((v, _parsed(v.teks, doc.shown)) for v in history)]
    baseline = 0
    while baseline + 1 < len(versions) and versions[baseline + 1][1] is not None and versions[baseline + 1][1][1] == now[1]:
        baseline += 1
    changed = [version for (version, parsed), (_, older) in itertools.pairwise(versions[: baseline + 1]) if parsed[0] != older[0]]
    if not changed:
        return
    first = changed[-1]
    when = "perubahan yang belum di-commit" if first is None else f"commit {first.commit[:7]} tanggal {tanggal_indonesia(first.tanggal)}"
    last = doc.model.riwayat_revisi[-1] if doc.model.riwayat_revisi else None
    recorded = f"revisi {last.nomor} ({tanggal_indonesia(last.tanggal)})" if last else "pengesahan"
    where = doc.source.at("riwayat_revisi") if last else doc.source.at("tanggal")
    problems.add(
        where, "riwayat_revisi" if last else "tanggal",
        f"isi SOP yang berlaku ini berubah sesudah {recorded} ({when}) tanpa entri revisi baru",
        "tambahkan entri di riwayat_revisi (nomor, tanggal, perubahan), atau kembalikan isinya bila perubahan itu tidak disengaja.",
        Level.WARNING, CODE_REVISI,
    )
