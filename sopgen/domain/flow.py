"""The step graph of an SOP flowchart, and the checks that make it drawable.

A flowchart can only be drawn when every langkah sits in a real pelaksana
column, every arrow points at a real step, and the flow runs from "Mulai" to
"Selesai". This module builds the graph from the model and reports what is
wrong as plain :class:`Finding` data; the loader turns findings into
:class:`sopgen.errors.Problem` with line and column (``SourceMap.at(*path)``).

**Step ids.** A langkah's id is its ``id`` when written, else its 1-based
number as a string (``"1"``, ``"2"``, …), so ``lanjut: "3"`` works without
naming every step. Field paths use 0-based list indexes, like the source map.

**Procedures.** An SOP document of several procedures (``prosedur:``) has one graph per
procedure: ids, numbers, ``Mulai`` and ``Selesai`` are each procedure's own, and an arrow to a
step of another procedure is an error that says so. The pelaksana columns are the document's.

**Edges.** A decision (``keputusan``) has two edges, ``ya`` and ``tidak``; any
other step goes to its ``lanjut`` when given, else to the next row; the last
step ends the flow and has none. A target written ``selesai`` (``tidak: selesai``,
a branch that ends the procedure) is the last step, drawn as "Selesai", unless a
step has that id.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..errors import Level, closest, did_you_mean
from ..models.sop import AKHIR, SOP, AlurSOP, Langkah, LangkahAlur, ProsedurSOP, names_of

FieldPath = tuple[str | int, ...]
Graphed = SOP | AlurSOP
"""A whole SOP, or only its flow part when the rest of the file is invalid (the checks still run)."""
Step = Langkah | LangkahAlur

CODE_KOLOM_KOSONG = "kolom-pelaksana-kosong"
"""Same code as the SOP lint, so ``abaikan_peringatan`` silences both and a caller can de-duplicate."""


class StepKind(str, Enum):
    """The symbol a step is drawn as (Permenpan RB 35/2012)."""

    MULAI = "mulai"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"
    SELESAI = "selesai"


class EdgeKind(str, Enum):
    """Why an arrow exists: the plain flow (next row or ``lanjut``), or a decision's branch."""

    LANJUT = "lanjut"
    YA = "ya"
    TIDAK = "tidak"


@dataclass(frozen=True)
class Finding:
    """One problem of the flow, where it is (field path) and how to fix it."""

    path: FieldPath
    message: str
    hint: str = ""
    level: Level = Level.ERROR
    code: str = ""


@dataclass(frozen=True)
class Edge:
    """An arrow from one row to another (0-based row indexes)."""

    source: int
    target: int
    kind: EdgeKind
    label: str = field(default="", compare=False)
    """The text printed beside a decision's branch (``label_ya`` / ``label_tidak``, "Ya" / "Tidak"
    unless written); plain arrows have none. Not part of the arrow's identity."""

    @property
    def is_back(self) -> bool:
        """Points at this row or an earlier one: drawn up a lane beside the columns."""
        return self.target <= self.source


@dataclass(frozen=True)
class Flow:
    """The graph of one SOP: what each row draws, in which column, and its arrows."""

    ids: tuple[str, ...]
    kinds: tuple[StepKind, ...]
    columns: tuple[int, ...]
    """Pelaksana column of each row (the first of a step done together); -1 when a pelaksana is not a
    column or the columns are not adjacent (an error finding says so)."""
    pelaksana: tuple[str, ...]
    edges: tuple[Edge, ...]
    findings: tuple[Finding, ...]
    spans: tuple[tuple[int, int], ...] = ()
    """First and last column of each row: one column, or the adjacent columns of a step done together
    (drawn as one symbol across them). Empty means every row sits in its one column."""

    def span(self, row: int) -> tuple[int, int]:
        """The (first, last) columns row ``row`` is drawn across."""
        return self.spans[row] if self.spans else (self.columns[row], self.columns[row])

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def drawable(self) -> bool:
        """No error finding: the layout may rely on every column and target existing."""
        return not self.errors


def step_id(index: int, langkah: Step) -> str:
    """The id other steps use to point at this one: its ``id``, else its 1-based number."""
    return langkah.id if langkah.id else str(index + 1)


def step_kind(index: int, count: int, langkah: Step) -> StepKind:
    """A decision is a diamond wherever it is; otherwise the first row starts, the last ends."""
    if langkah.keputusan is not None:
        return StepKind.KEPUTUSAN
    if index == 0:
        return StepKind.MULAI
    if index == count - 1:
        return StepKind.SELESAI
    return StepKind.PROSES


def build_flow(sop: Graphed, prosedur: ProsedurSOP[Any] | None = None) -> Flow:
    """The graph of one procedure of ``sop`` with every finding about its steps (errors and warnings).

    ``prosedur`` may be left out for a document of one procedure; the findings about the whole
    document (a column no procedure uses) are :func:`flow_findings`'.
    """
    if prosedur is None:
        (prosedur,) = sop.daftar_prosedur  # a document of several procedures names the one it draws
    langkah, at = prosedur.langkah, prosedur.path
    ids = tuple(step_id(i, step) for i, step in enumerate(langkah))
    elsewhere = _ids_elsewhere(sop, prosedur, ids)
    findings: list[Finding] = []
    findings += _duplicate_ids(langkah, ids, at)
    spans, found = _columns(sop, langkah, at)
    findings += found
    findings += _misplaced(langkah, at)
    edges, found = _edges(langkah, ids, at, elsewhere)
    findings += found
    findings += _reachability(len(langkah), edges + _meant_edges(langkah, ids), at)
    kinds = tuple(step_kind(i, len(langkah), step) for i, step in enumerate(langkah))
    columns = tuple(first for first, _ in spans)
    return Flow(ids, kinds, columns, tuple(sop.pelaksana), tuple(edges), tuple(findings), spans)


def _ids_elsewhere(sop: Graphed, prosedur: ProsedurSOP[Any], ids: tuple[str, ...]) -> dict[str, str]:
    """The written ids of the other procedures' steps that are not ids of this one, each with the
    name of the first procedure that has it: an arrow to one of them gets a message of its own."""
    found: dict[str, str] = {}
    for other in sop.daftar_prosedur:
        if other.path != prosedur.path:
            for step in other.langkah:
                if step.id and step.id not in ids:
                    found.setdefault(step.id, other.nama or "")
    return found


def build_flows(sop: Graphed) -> tuple[Flow, ...]:
    """The graph of every procedure of ``sop``, in document order."""
    return tuple(build_flow(sop, prosedur) for prosedur in sop.daftar_prosedur)


def flow_findings(sop: Graphed) -> list[Finding]:
    """Every finding about the flow of ``sop``: each procedure's, then a column none of them uses."""
    return [finding for flow in build_flows(sop) for finding in flow.findings] + _unused_columns(sop)


def _duplicate_ids(langkah: Sequence[Step], ids: tuple[str, ...], at: FieldPath) -> list[Finding]:
    """Two steps with one id make every arrow to that id ambiguous."""
    first: dict[str, int] = {}
    findings = []
    for index, sid in enumerate(ids):
        if sid not in first:
            first[sid] = index
            continue
        # Report at the written id (the one the author can change); an unwritten id is a row number.
        row, other = (index, first[sid]) if langkah[index].id else (first[sid], index)
        if langkah[index].id and langkah[first[sid]].id:
            hint = "setiap langkah harus memiliki id yang berbeda."
        else:
            hint = "gunakan id berupa kata (mis. 'verifikasi') agar tidak tertukar dengan nomor urut langkah."
        findings.append(Finding(at + (row, "id"), f"id langkah '{sid}' sudah dipakai oleh langkah {other + 1}", hint))
    return findings


def _columns(sop: Graphed, langkah: Sequence[Step], at: FieldPath) -> tuple[tuple[tuple[int, int], ...], list[Finding]]:
    """Each step's (first, last) pelaksana column, and an error for a pelaksana that is not a column,
    for the columns of a step done together that are not adjacent, and for such a step that decides."""
    index_of = {name: i for i, name in enumerate(sop.pelaksana)}
    spans, findings = [], []
    for index, step in enumerate(langkah):
        names = names_of(step.pelaksana)
        path: FieldPath = at + (index, "pelaksana")
        unknown = [name for name in names if name not in index_of]
        for name in unknown:
            hint = did_you_mean(name, sop.pelaksana) or "tambahkan ke daftar 'pelaksana' bila memang kolom baru."
            findings.append(Finding(path, f"'{name}' bukan salah satu kolom pelaksana ({', '.join(sop.pelaksana)})", hint))
        found = [] if unknown else _joint_findings(sop.pelaksana, names, step, path)
        findings += found
        columns = sorted(index_of[name] for name in names) if not unknown and not found else [-1]
        spans.append((columns[0], columns[-1]))
    return tuple(spans), findings


def _joint_findings(columns: Sequence[str], names: tuple[str, ...], step: Step, path: FieldPath) -> list[Finding]:
    """Why a step done together cannot be drawn as one symbol across its columns (nothing for one pelaksana)."""
    if len(names) < 2:
        return []
    together = sorted(columns.index(name) for name in names)
    between = [columns[i] for i in range(together[0], together[-1] + 1) if columns[i] not in names]
    if between:
        first = together[0]
        reordered = [*columns[:first], *(columns[i] for i in together), *(c for c in columns[first:] if c not in names)]
        return [Finding(
            path, f"kolom {_joined_names(names, columns)} tidak berdampingan: kolom {_joined_names(between, columns)} berada di antaranya; "
            "langkah yang dikerjakan bersama digambar sebagai satu simbol melintasi kolom-kolom yang berdampingan",
            f"ubah urutan daftar 'pelaksana' agar kolom-kolom itu berdampingan, mis. pelaksana: [{', '.join(reordered)}].")]
    if step.keputusan is not None:
        return [Finding(
            path, "langkah keputusan dijalankan oleh satu pelaksana; simbol keputusan tidak digambar melintasi beberapa kolom",
            f"tulis satu nama pengambil keputusan, mis. 'pelaksana: {columns[together[0]]}', dan sebut pelaksana lainnya di uraian.")]
    return []


def _joined_names(names: Sequence[str], columns: Sequence[str]) -> str:
    """Names in column order as a phrase: 'A', 'A' dan 'B', 'A', 'B' dan 'C'."""
    quoted = [f"'{name}'" for name in sorted(names, key=columns.index)]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} dan {quoted[-1]}"


def _misplaced(langkah: Sequence[Step], at: FieldPath) -> list[Finding]:
    """The first row must be drawable as "Mulai", the last as "Selesai"; a decision takes no ``lanjut``."""
    findings = []
    last = len(langkah) - 1
    if langkah[0].keputusan is not None:
        findings.append(Finding(at + (0, "keputusan"), "langkah pertama adalah awal prosedur (Mulai) sehingga tidak dapat berupa keputusan", "tambahkan langkah awal sebelum keputusan ini."))
    if langkah[last].keputusan is not None:
        findings.append(Finding(at + (last, "keputusan"), "langkah terakhir adalah akhir prosedur (Selesai) sehingga tidak dapat berupa keputusan", "tambahkan langkah penutup sesudah keputusan ini."))
    if langkah[last].lanjut is not None:
        findings.append(Finding(at + (last, "lanjut"), "langkah terakhir adalah akhir prosedur (Selesai) sehingga tidak dapat memiliki 'lanjut'", "hapus 'lanjut', atau pindahkan langkah penutup ke baris terakhir."))
    for index, step in enumerate(langkah):
        if step.keputusan is not None and step.lanjut is not None:
            findings.append(Finding(at + (index, "lanjut"), "langkah keputusan tidak memakai 'lanjut'", "tujuan keputusan ditentukan oleh 'keputusan.ya' dan 'keputusan.tidak'; hapus 'lanjut'."))
    return findings


def _targets(index: int, step: Step, last: int, at: FieldPath) -> list[tuple[FieldPath, str | None, EdgeKind, str]]:
    """Where a step's arrows go, as written: (field path, target id or None for next row, kind, label)."""
    here: FieldPath = at + (index,)
    if step.keputusan is not None:
        k = step.keputusan
        return [(here + ("keputusan", "ya"), k.ya, EdgeKind.YA, k.label_ya), (here + ("keputusan", "tidak"), k.tidak, EdgeKind.TIDAK, k.label_tidak)]
    if index == last:
        return []
    if step.lanjut is not None:
        return [(here + ("lanjut",), step.lanjut, EdgeKind.LANJUT, "")]
    return [(here, None, EdgeKind.LANJUT, "")]


def _rows_by_id(ids: tuple[str, ...]) -> dict[str, int]:
    """The row each target id names: a step's first row with that id, and ``selesai`` the last step."""
    row_of: dict[str, int] = {}
    for index, sid in enumerate(ids):
        row_of.setdefault(sid, index)
    row_of.setdefault(AKHIR, len(ids) - 1)
    return row_of


def _edges(langkah: Sequence[Step], ids: tuple[str, ...], at: FieldPath, elsewhere: dict[str, str]) -> tuple[list[Edge], list[Finding]]:
    """Every arrow whose target exists; an error for each target that does not, or that is a step of
    another procedure (``elsewhere``: its ids, each with its procedure's name)."""
    row_of = _rows_by_id(ids)
    edges: list[Edge] = []
    findings: list[Finding] = []
    last = len(langkah) - 1
    for index, step in enumerate(langkah):
        for path, target_id, kind, label in _targets(index, step, last, at):
            target = index + 1 if target_id is None else row_of.get(target_id)
            if target is None and target_id in elsewhere:
                findings.append(Finding(path, f"langkah '{target_id}' adalah langkah prosedur '{elsewhere[target_id]}', bukan prosedur ini",
                                        f"setiap prosedur punya alurnya sendiri; arahkan ke langkah prosedur ini ({', '.join(ids)}), "
                                        f"atau tulis '{AKHIR}' bila alur ini mengakhiri prosedur."))
            elif target is None:
                hint = did_you_mean(target_id or "", (*ids, AKHIR)) or (
                    f"id langkah yang ada: {', '.join(ids)}; tulis '{AKHIR}' bila alur ini mengakhiri prosedur.")
                findings.append(Finding(path, f"langkah tujuan '{target_id}' tidak ditemukan", hint))
            elif target == index:
                findings.append(Finding(path, "langkah tidak boleh menuju dirinya sendiri", "arahkan ke langkah lain."))
            else:
                edges.append(Edge(index, target, kind, label))
        if step.keputusan is not None and step.keputusan.ya == step.keputusan.tidak:
            findings.append(Finding(at + (index, "keputusan"), f"cabang 'ya' dan 'tidak' menuju langkah yang sama ('{step.keputusan.ya}')", "keputusan perlu dua tujuan yang berbeda.", Level.WARNING))
    return edges, findings


def _meant_edges(langkah: Sequence[Step], ids: tuple[str, ...]) -> list[Edge]:
    """The arrows a misspelt target was meant to be (its did-you-mean), for reachability only.

    Without them one typo in ``lanjut`` also reported every later step as unreachable: a
    cascade the administrator fixes by fixing the typo, so it is not a problem of its own.
    """
    row_of = _rows_by_id(ids)
    meant = []
    for index, step in enumerate(langkah):
        for _, target_id, kind, _label in _targets(index, step, len(langkah) - 1, ()):
            if target_id is not None and target_id not in row_of:
                match = closest(target_id, (*ids, AKHIR))
                if match is not None and row_of[match] != index:
                    meant.append(Edge(index, row_of[match], kind))
    return meant


def _reachable(start: int, links: dict[int, list[int]]) -> set[int]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in links.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _reachability(count: int, edges: list[Edge], at: FieldPath) -> list[Finding]:
    """Steps the flow never reaches, and reached steps from which "Selesai" cannot be reached."""
    forward: dict[int, list[int]] = {}
    backward: dict[int, list[int]] = {}
    for edge in edges:
        forward.setdefault(edge.source, []).append(edge.target)
        backward.setdefault(edge.target, []).append(edge.source)
    from_start = _reachable(0, forward)
    to_end = _reachable(count - 1, backward)
    findings = []
    for index in range(count):
        if index not in from_start:
            findings.append(Finding(at + (index,), f"langkah {index + 1} tidak dapat dicapai dari langkah pertama (Mulai)", "periksa 'lanjut' dan cabang 'keputusan' pada langkah-langkah sebelumnya."))
        elif index not in to_end:
            findings.append(Finding(at + (index,), f"alur dari langkah {index + 1} tidak pernah sampai ke langkah terakhir (Selesai)", "periksa apakah 'lanjut' atau cabang 'keputusan' membentuk putaran tanpa jalan keluar."))
    return findings


def _unused_columns(sop: Graphed) -> list[Finding]:
    """A column nobody works in is allowed (the signed reference has two) but worth a warning."""
    # A misspelt pelaksana already has its error; the column it was meant for counts as used.
    steps = [step for prosedur in sop.daftar_prosedur for step in prosedur.langkah]
    used = {name if name in sop.pelaksana else closest(name, sop.pelaksana) for step in steps for name in names_of(step.pelaksana)}
    return [
        Finding(("pelaksana", index), f"kolom pelaksana '{name}' tidak dipakai oleh langkah mana pun",
                f"hapus kolom ini, atau tulis 'abaikan_peringatan: [{CODE_KOLOM_KOSONG}]' bila sengaja dipertahankan.",
                Level.WARNING, CODE_KOLOM_KOSONG)
        for index, name in enumerate(sop.pelaksana) if name not in used
    ]

