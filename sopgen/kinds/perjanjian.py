"""The Perjanjian Kinerja (Permenpan RB 53/2014) as its own signed document.

``perjanjian/<tahun>/perjanjian.yaml`` names the recap cycle whose sasaran, indikator, targets and
program budgets are agreed, who promises (pihak pertama, from pejabat.yaml) and who supervises
(pihak kedua, e.g. the Bupati); it renders as a page and a PDF: the statement, then the Lampiran.
"""

from __future__ import annotations

from typing import Any

from ..content.documents import Doc
from ..content.kinerja import Siklus
from ..content.loader import Site
from ..content.references import check_reference
from ..errors import Problems
from ..models.perjanjian import Perjanjian
from .base import SourceFiles
from .kinerja import KINERJA_IDS
from .pejabat import PEJABAT_IDS
from .tahunan import YearlyDocument

PERJANJIAN_DIR = "perjanjian"
PERJANJIAN_FILE = "perjanjian.yaml"


class PerjanjianKind(YearlyDocument):
    name = "perjanjian"
    sources = (SourceFiles(
        "perjanjian", Perjanjian, f"{PERJANJIAN_DIR}/*/{PERJANJIAN_FILE}",
        "Satu Perjanjian Kinerja: tahun, siklus kinerja yang targetnya diperjanjikan, pihak pertama dan pihak kedua.",
    ),)
    folder, file, title = PERJANJIAN_DIR, PERJANJIAN_FILE, "Perjanjian Kinerja"
    templates = ("perjanjian.html", "perjanjian_pdf.html")
    same_year_hint = "perjanjian kinerja memuat target tahun yang sama dengan siklusnya."
    home_key = "perjanjian"

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in self.docs(site):
            check_reference(site, PEJABAT_IDS, doc.model.pihak_pertama, doc.source.at("pihak_pertama"), "pihak_pertama", problems)
            check_reference(site, KINERJA_IDS, doc.model.kinerja, doc.source.at("kinerja"), "kinerja", problems)

    def context(self, site: Site, doc: Doc[Perjanjian], siklus: Siklus) -> dict[str, Any]:
        return {"pk": doc.model, "pihak_pertama": site.pejabat[doc.model.pihak_pertama], "sasaran": [s for t in siklus.rekap.tujuan for s in t.sasaran]}
