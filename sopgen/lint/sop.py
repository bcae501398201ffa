"""Checks of SOP documents beyond the schema: the flow, plausibility, standard terms.

The flow's structural findings (pelaksana not a column, missing targets,
unreachable steps, no way to "Selesai", unused columns) come from
:mod:`sopgen.domain.flow`, the same graph the flowchart is drawn from; this
module places them at their lines and adds the plausibility checks.

Each warning carries a ``code`` so that an SOP which deliberately departs
from a rule (the reference keeps two empty pelaksana columns, as signed) can
say ``abaikan_peringatan: [kolom-pelaksana-kosong]`` and stay quiet under
``--strict`` without hiding anything else. Errors are never silenced.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from typing import Any

from ..content.git_history import riwayat_berkas
from ..content.loader import Doc, Site
from ..content.monev import catatan_sop
from ..content.validate import validate
from ..content.yamlsource import FieldPath, SourceMap, field_name
from ..domain.durasi import SATUAN, parse_durasi, split_angka_satuan
from ..domain.flow import CODE_KOLOM_KOSONG, Graphed, flow_findings
from ..domain.periode import Periode, periode_terakhir
from ..errors import Level, Problem, Problems
from ..models.base import tanggal_indonesia
from ..models.sop import SOP, AlurSOP
from .abaikan import silenced
from .bagan import CODE_HALAMAN, CODE_SILANG, lint_bagan
from .istilah import CODE as CODE_ISTILAH
from .istilah import periksa_teks, teks_bidang
from .revisi import CODE_REVISI, lint_riwayat, revisi_tanpa_catatan

CODE_TAHUN = "tahun-dasar-hukum"
CODE_TANGGAL = "urutan-tanggal"
CODE_WAKTU = "waktu-mutu-baku"
CODE_KERTAS = "kertas-himpunan"
CODE_MONITORING = "monitoring-terakhir"
CODES_SOP = (CODE_KOLOM_KOSONG, CODE_TAHUN, CODE_TANGGAL, CODE_WAKTU, CODE_ISTILAH, CODE_KERTAS, CODE_MONITORING, CODE_REVISI, CODE_SILANG, CODE_HALAMAN)
"""The warning codes an SOP may list in ``abaikan_peringatan``."""

SOP_FOLDER = "sop"
"""Where the SOP files are, for the git history (the SOP kind's folder; lint cannot import kinds)."""

TAHUN_TERAWAL = 1945
"""A regulation older than the Republic is not a plausible dasar hukum of a kecamatan SOP."""
_TAHUN = re.compile(r"\btahun\s+(\d{4})\b", re.IGNORECASE)


def lint_sops(site: Site, problems: Problems) -> None:
    """Plausibility checks of every SOP, less the warnings each SOP chose to silence."""
    today = dt.date.today()
    history = riwayat_berkas(site.root, SOP_FOLDER, [doc.file for doc in site.sops.values() if doc.model.status == "berlaku"])
    for doc in site.sops.values():
        found = Problems()
        lint_sop(doc, found, today)
        _kertas_himpunan(doc, site.config.kertas, found)
        lint_bagan(doc, doc.model.kertas or site.config.kertas, found)
        _monitoring_terakhir(site, doc, site.config.tanggal_acuan or today, found)
        revisi_tanpa_catatan(doc, history.get(doc.file, []), found)
        problems.extend(_silenced(doc, found.items))


def lint_sop(doc: Doc[SOP], problems: Problems, today: dt.date) -> None:
    """Every check of one SOP, unsilenced."""
    _alur(doc, problems)
    _status(doc, problems, today)
    lint_riwayat(doc, problems, today, CODE_TANGGAL)
    _urutan_tanggal(doc, problems)
    _tahun_dasar_hukum(doc, problems)
    _waktu(doc, problems)
    _istilah(doc, problems)


def _silenced(doc: Doc[SOP], found: list[Problem]) -> list[Problem]:
    """Drop the SOP's own warnings whose code it lists in ``abaikan_peringatan``; flag unknown codes."""
    return silenced(found, doc.model.abaikan_peringatan, CODES_SOP, doc.source, only_path=doc.shown)


def _warn(doc: Doc[SOP], path: FieldPath, message: str, hint: str, code: str, problems: Problems) -> None:
    path = _as_written(doc, path)
    problems.add(doc.source.at(*path), field_name(path), message, hint, Level.WARNING, code)


def _as_written(doc: Doc[SOP], path: FieldPath) -> FieldPath:
    """The field path as the file spells it (``mutu_buku`` where the author wrote the slip)."""
    if "mutu_baku" in path:
        cut = path.index("mutu_baku")
        slip = path[:cut] + ("mutu_buku",)
        if slip in doc.source.keys:
            return slip + path[cut + 1 :]
    return path


def _alur(doc: Doc[SOP], problems: Problems) -> None:
    problems.extend(alur_problems(doc.model, doc.source))


def alur_problems(sop: Graphed, source: SourceMap) -> list[Problem]:
    """The flow graph's findings (errors and the unused-column warning), each at its field."""
    found = Problems()
    for finding in flow_findings(sop):
        found.add(source.at(*finding.path), field_name(finding.path), finding.message, finding.hint, finding.level, finding.code)
    return found.items


def lint_alur_of_invalid(data: Any, source: SourceMap) -> list[Problem]:
    """The flow checks of an SOP whose schema fails elsewhere, when its flow part can still be read.

    Reported with the schema errors in one run (an administrator otherwise fixes in rounds);
    when the flow part itself is invalid, its schema errors say so and nothing is added.
    """
    alur, _ = validate(AlurSOP, data, source)
    if alur is None:
        return []
    return silenced(alur_problems(alur, source), alur.abaikan_peringatan, CODES_SOP, source, only_path=source.path)


def _status(doc: Doc[SOP], problems: Problems, today: dt.date) -> None:
    """A signed SOP (berlaku or dicabut) has a pengesahan date, not a future one; only a dicabut SOP names its replacement.

    A future date would publish as signed a document nobody has signed yet: such an SOP is a konsep.
    """
    sop = doc.model
    pengesahan = sop.tanggal.pengesahan
    if sop.status != "konsep" and pengesahan is None:
        problems.add(
            doc.source.at("tanggal"), "tanggal.pengesahan", f"wajib diisi untuk SOP berstatus '{sop.status}'",
            "tambahkan 'pengesahan:' (tanggal SOP disahkan), atau tulis 'status: konsep' bila SOP ini belum disahkan.",
        )
    elif sop.status != "konsep" and pengesahan is not None and pengesahan > today:
        problems.add(
            doc.source.at("tanggal", "pengesahan"), "tanggal.pengesahan",
            f"tanggal pengesahan ({tanggal_indonesia(pengesahan)}) di masa depan, padahal SOP berstatus '{sop.status}' sudah disahkan",
            "periksa tanggalnya, atau tulis 'status: konsep' sampai SOP ini disahkan.",
        )
    if sop.diganti_oleh is not None and sop.status != "dicabut":
        problems.add(
            doc.source.at("diganti_oleh"), "diganti_oleh", f"hanya untuk SOP berstatus 'dicabut' (status SOP ini '{sop.status}')",
            "hapus 'diganti_oleh', atau tulis 'status: dicabut'.",
        )
    elif sop.diganti_oleh == doc.id:
        problems.add(doc.source.at("diganti_oleh"), "diganti_oleh", "SOP tidak dapat diganti oleh dirinya sendiri", "tulis id SOP penggantinya.")


def _kertas_himpunan(doc: Doc[SOP], kertas_situs: str, problems: Problems) -> None:
    """An SOP on another paper than the binder's (the site's) is laid out again on the binder's paper for the binder.

    The printed binder is one stack of one paper size; the SOP's own PDF keeps its paper. Said,
    because the binder's copy then differs from the SOP's PDF in page size and maybe in breaks.
    """
    kertas = doc.model.kertas
    if kertas is None or kertas == kertas_situs or doc.model.status == "dicabut":
        return
    _warn(
        doc, ("kertas",), f"SOP ini dicetak di kertas {kertas}, Himpunan SOP di kertas {kertas_situs} (site.yaml): "
        f"di Himpunan SOP, SOP ini ditata ulang di kertas {kertas_situs}",
        f"hapus baris ini agar SOP memakai kertas situs, atau tulis 'abaikan_peringatan: [{CODE_KERTAS}]' bila memang disengaja.",
        CODE_KERTAS, problems,
    )


def belum_dimonitor(site: Site, doc: Doc[SOP], acuan: dt.date) -> Periode | None:
    """The last half-year ended by ``acuan`` when an SOP in force then has no monitoring for it (every six months, Permenpan RB 35/2012).

    ``acuan`` is today, or the site's ``tanggal_acuan`` (a demo or an archive describes the state of one day).
    """
    sop = doc.model
    periode = periode_terakhir(acuan)
    mulai = sop.tanggal.efektif or sop.tanggal.pengesahan
    if sop.status != "berlaku" or mulai is None or mulai > periode.akhir:
        return None
    if any(c.periode == periode for c in catatan_sop(site, "monitoring", doc.id)):
        return None
    return periode


def _monitoring_terakhir(site: Site, doc: Doc[SOP], acuan: dt.date, problems: Problems) -> None:
    periode = belum_dimonitor(site, doc, acuan)
    if periode is None:
        return
    _warn(
        doc, ("tanggal", "pengesahan"), f"SOP ini berlaku tetapi belum dimonitor untuk periode {periode.nama}, {periode.judul}",
        f"tulis hasil monitoringnya di monitoring/{doc.id}/{periode.nama}.yaml; `sopgen new monitoring {doc.id} {periode.nama}` "
        "membuat kerangkanya.", CODE_MONITORING, problems,
    )


def _urutan_tanggal(doc: Doc[SOP], problems: Problems) -> None:
    t = doc.model.tanggal
    pairs = [
        ("pengesahan", t.pengesahan, "pembuatan", t.pembuatan, "SOP disahkan sesudah dibuat"),
        ("revisi", t.revisi, "pembuatan", t.pembuatan, "SOP direvisi sesudah dibuat"),
        ("efektif", t.efektif, "pengesahan", t.pengesahan, "SOP berlaku sesudah disahkan"),
    ]
    for later, later_date, earlier, earlier_date, rule in pairs:
        if later_date is not None and earlier_date is not None and later_date < earlier_date:
            _warn(
                doc, ("tanggal", later),
                f"tanggal {later} ({tanggal_indonesia(later_date)}) sebelum tanggal {earlier} ({tanggal_indonesia(earlier_date)})",
                f"periksa kedua tanggal: {rule}.", CODE_TANGGAL, problems,
            )


def _tahun_dasar_hukum(doc: Doc[SOP], problems: Problems) -> None:
    t = doc.model.tanggal
    batas = max(d for d in (t.pembuatan, t.revisi, t.pengesahan, t.efektif) if d is not None)
    for index, teks in enumerate(doc.model.dasar_hukum):
        for match in _TAHUN.finditer(teks):
            tahun = int(match[1])
            if TAHUN_TERAWAL <= tahun <= batas.year:
                continue
            if tahun > batas.year:
                message = f"tahun {tahun} sesudah tanggal SOP ini ({tanggal_indonesia(batas)}): dasar hukum harus sudah terbit"
            else:
                message = f"tahun {tahun} tidak masuk akal untuk dasar hukum"
            guess = _tebak_tahun(match[1], teks, batas)
            hint = f"maksud Anda 'Tahun {guess}'?" if guess else "periksa tahun terbit peraturan ini."
            _warn(doc, ("dasar_hukum", index), message, hint, CODE_TAHUN, problems)


def _tebak_tahun(digits: str, teks: str, batas: dt.date) -> int | None:
    """A plausible year one slip away (two digits swapped), preferring one the same text mentions."""
    plausible = [int(c) for c in ("".join(p) for p in itertools.permutations(digits)) if TAHUN_TERAWAL <= int(c) <= batas.year]
    swaps = [y for y in plausible if sum(a != b for a, b in zip(str(y), digits)) == 2]
    mentioned = {int(m[1]) for m in _TAHUN.finditer(teks)} | {int(y) for y in re.findall(r"\b(\d{4})\b", teks)}
    for candidates in ([y for y in swaps if y in mentioned], swaps):
        if len(set(candidates)) == 1:
            return candidates[0]
    return None


def _waktu(doc: Doc[SOP], problems: Problems) -> None:
    for prosedur in doc.model.daftar_prosedur:
        for index, langkah in enumerate(prosedur.langkah):
            waktu = langkah.mutu_baku.waktu
            if parse_durasi(waktu) is not None:
                continue
            parts = split_angka_satuan(waktu)
            satuan = difflib.get_close_matches(parts[1].lower(), sorted(SATUAN), n=1, cutoff=0.6) if parts else []
            hint = f"maksud Anda '{parts[0]} {satuan[0]}'?" if parts and satuan else "tulis angka dan satuan, mis. '10 menit', '2 jam', '3 hari'."
            _warn(doc, prosedur.path + (index, "mutu_baku", "waktu"), f"waktu '{waktu}' bukan lama waktu yang terukur", hint, CODE_WAKTU, problems)


def _istilah(doc: Doc[SOP], problems: Problems) -> None:
    for prosedur in doc.model.daftar_prosedur:
        for index in range(len(prosedur.langkah)):
            slip = prosedur.path + (index, "mutu_buku")
            if slip in doc.source.keys:
                problems.add(doc.source.key_at(*slip), field_name(slip), "'mutu_buku' salah ketik", "tulis 'mutu_baku' (MUTU BAKU).", Level.WARNING, CODE_ISTILAH)
    for path, teks in teks_bidang(doc.model.model_dump()):
        written = _as_written(doc, path)
        periksa_teks(doc.source.at(*written), field_name(written), teks, problems)
