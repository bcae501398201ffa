"""The Rencana Aksi: the quarterly action plan of a recap cycle and its realisation, as its own document.

``rencana-aksi/<tahun>/rencana-aksi.yaml`` names the cycle whose indicators it plans for, who sets
it (a pejabat id), and per indicator the aksi: uraian, quarters, penanggung jawab, what was done.
Targets, realisasi and capaian, per quarter and for the year, are the cycle's (one fact in one
place); a quarterly target the plan also writes must agree with the cycle at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.documents import Doc
from ..content.kinerja import Siklus
from ..content.loader import Site
from ..content.references import check_reference
from ..domain.rencana_aksi import selisih_target, susun_rencana
from ..errors import Problems, did_you_mean
from ..models.rencana_aksi import ROMAWI, RencanaAksi
from ..render import rencana_aksi as ra_view
from ..render.format import angka_indikator
from .base import SourceFiles
from .kinerja import KINERJA_IDS
from .pejabat import PEJABAT_IDS
from .tahunan import YearlyDocument, cycle_of

RENCANA_AKSI_DIR = "rencana-aksi"
RENCANA_AKSI_FILE = "rencana-aksi.yaml"


class RencanaAksiKind(YearlyDocument):
    name = "rencana_aksi"
    sources = (SourceFiles(
        "rencana_aksi", RencanaAksi, f"{RENCANA_AKSI_DIR}/*/{RENCANA_AKSI_FILE}",
        "Rencana Aksi satu tahun: rencana aksi per indikator siklus kinerja, triwulan pelaksanaan, penanggung jawab dan realisasinya.",
    ),)
    new_word = "rencana-aksi"
    new_usage = "TAHUN"
    folder, file, title = RENCANA_AKSI_DIR, RENCANA_AKSI_FILE, "Rencana Aksi"
    templates = ("rencana_aksi.html", "rencana_aksi_pdf.html")
    landscape = True
    same_year_hint = "rencana aksi menjabarkan target tahun yang sama dengan siklusnya."
    home_key = "rencana_aksi"

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in self.docs(site):
            check_reference(site, PEJABAT_IDS, doc.model.ditetapkan_oleh, doc.source.at("ditetapkan_oleh"), "ditetapkan_oleh", problems)
            if not check_reference(site, KINERJA_IDS, doc.model.kinerja, doc.source.at("kinerja"), "kinerja", problems):
                continue
            siklus = cycle_of(site, doc)
            if siklus is None:  # the cycle itself is invalid: reported there
                continue
            seen: set[str] = set()
            for index, entry in enumerate(doc.model.rencana):
                where, field = doc.source.at("rencana", index, "indikator"), f"rencana[{index + 1}].indikator"
                if entry.indikator not in siklus.letak:
                    hint = did_you_mean(entry.indikator, siklus.letak) or f"kode yang ada: {', '.join(siklus.letak)}."
                    problems.add(where, field, f"indikator '{entry.indikator}' tidak ada di siklus kinerja '{doc.model.kinerja}'", hint)
                elif entry.indikator in seen:
                    problems.add(where, field, f"indikator '{entry.indikator}' sudah direncanakan di atas", "gabungkan aksinya di satu entri.")
                seen.add(entry.indikator)

    def lint(self, site: Site, problems: Problems) -> None:
        super().lint(site, problems)
        for doc in self.docs(site):
            siklus = cycle_of(site, doc)
            if siklus is None:
                continue
            for beda in selisih_target(siklus.rekap, doc.model):
                entry = doc.model.rencana[beda.rencana]
                indikator = siklus.letak[entry.indikator].indikator
                tw = ROMAWI[beda.triwulan]
                tertulis = angka_indikator(beda.tertulis, indikator, "'-'", "target")
                di_siklus = angka_indikator(beda.siklus, indikator, "'-'", "target")
                problems.add(doc.source.at("rencana", beda.rencana, "target_triwulan", beda.triwulan), f"rencana[{beda.rencana + 1}].target_triwulan[{beda.triwulan + 1}]",
                             f"target TW {tw} {entry.indikator} tertulis {tertulis}, sedangkan siklus kinerja '{doc.model.kinerja}' mencatat {di_siklus} ({siklus.asal(entry.indikator, 'triwulan', 'target', beda.triwulan)})",
                             "target triwulan dicatat satu kali: samakan dengan kinerja.yaml, atau hapus target_triwulan di sini (dibaca dari siklusnya).")

    def context(self, site: Site, doc: Doc[RencanaAksi], siklus: Siklus) -> dict[str, Any]:
        return {"ra": doc.model, "pejabat": site.pejabat[doc.model.ditetapkan_oleh], "kelompok": susun_rencana(siklus.rekap, doc.model),
                "view": ra_view, "romawi": ROMAWI}

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        from ..new import new_rencana_aksi

        return new_rencana_aksi(site_dir, name)

