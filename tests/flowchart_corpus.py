"""A corpus of hard flowchart shapes, as real SOP models: what real offices write and what breaks layouts.

Each case is (name, SOP, paper). The quality tests lay every case out and assert its figures;
the shapes come from the issue's report (two consecutive decisions, both branches forward
skipping rows, 40 steps × 8 columns, long texts and pelaksana names, A4).
"""

from __future__ import annotations

from typing import Any

from sopgen.models.sop import SOP


def make_sop(columns: list[str], steps: list[dict[str, Any]], **extra: Any) -> SOP:
    """An SOP with these pelaksana columns and steps (``p`` names the step's pelaksana)."""
    return SOP.model_validate({
        "nomor": "1/SOP/2024", "nama": "Uji", "disahkan_oleh": "camat",
        "tanggal": {"pembuatan": "2024-01-10", "pengesahan": "2024-01-12"},
        "dasar_hukum": ["x"], "kualifikasi_pelaksana": ["x"], "pelaksana": columns,
        "langkah": [{"uraian": s.pop("uraian", "u"), "pelaksana": s.pop("p"),
                     "mutu_baku": {"kelengkapan": "a", "waktu": "1 jam", "output": "b"}, **s} for s in steps],
        **extra,
    })


def _steps(pelaksana: list[str]) -> list[dict[str, Any]]:
    return [{"p": p} for p in pelaksana]


def candipuro() -> SOP:
    """The reference's shape: steps 1-7 down the columns, step 8 decides, 'tidak' back to step 6."""
    cols = ["Camat", "Sekretaris", "Kasi", "Tim SAKIP", "Staf"]
    steps = _steps(["Camat", "Sekretaris", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Tim SAKIP", "Sekretaris", "Sekretaris", "Camat"])
    steps[5]["id"] = "rekap"
    steps[7]["keputusan"] = {"ya": "9", "tidak": "rekap"}
    return make_sop(cols, steps)


def two_decisions() -> SOP:
    """Two decisions in a row, each sending 'tidak' back to an earlier step in another column."""
    cols = ["Kepala", "Sekretaris", "Kasubag", "Staf", "Tim"]
    steps = _steps(["Staf", "Kasubag", "Staf", "Kasubag", "Sekretaris", "Kepala", "Staf", "Kepala"])
    steps[3]["keputusan"] = {"ya": "5", "tidak": "3"}
    steps[4]["keputusan"] = {"ya": "6", "tidak": "2"}
    return make_sop(cols, steps)


def forward_branches() -> SOP:
    """A decision whose two branches both skip the next row; that row is reached by a later decision's loop."""
    cols = ["Camat", "Sekcam", "Kasi", "Staf"]
    steps = _steps(["Staf", "Kasi", "Kasi", "Staf", "Sekcam", "Kasi", "Camat", "Staf"])
    steps[1]["keputusan"] = {"ya": "4", "tidak": "6"}
    steps[5]["keputusan"] = {"ya": "7", "tidak": "3"}
    return make_sop(cols, steps)


def big() -> SOP:
    """40 steps over 8 columns, a decision every seventh row looping back over five rows."""
    cols = [f"Pelaksana {i + 1}" for i in range(8)]
    steps = _steps([cols[(i * 3) % 8] for i in range(40)])
    for i in range(6, 38, 7):
        steps[i]["keputusan"] = {"ya": str(i + 2), "tidak": str(i - 4)}
    return make_sop(cols, steps)


def long_texts() -> SOP:
    """Long pelaksana names and long uraian, a decision looping back, on A4."""
    cols = ["Kepala Bagian Organisasi Sekretariat Daerah", "Kepala Subbagian Kelembagaan dan Analisis Jabatan",
            "Analis Kebijakan Ahli Muda", "Pengelola Data dan Informasi Kelembagaan", "Pengadministrasi Umum"]
    text = "Menyusun konsep naskah dinas berdasarkan disposisi pimpinan dan data dukung yang diterima dari perangkat daerah terkait " * 2
    steps: list[dict[str, Any]] = [{"p": cols[i % 5], "uraian": text} for i in range(12)]
    steps[7]["keputusan"] = {"ya": "9", "tidak": "4"}
    return make_sop(cols, steps, kertas="A4")


def long_loop() -> SOP:
    """14 short rows, step 10 deciding back to step 3: keeping that loop on one page left page 1 with two rows."""
    steps = _steps(["Staf" if i % 2 else "Kasubag" for i in range(1, 15)])
    steps[9]["keputusan"] = {"ya": "11", "tidak": "3"}
    return make_sop(["Camat", "Sekretaris", "Kasubag", "Staf"], steps)


def crowded_lanes() -> SOP:
    """Decisions looping over each other in three columns until the two lanes of every column are
    busy: before spare lanes, the router cut two arrows into connector pairs on one page."""
    cols = ["P0", "P1", "P2"]
    steps = _steps(["P0", "P0", "P2", "P1", "P2", "P0", "P2", "P0", "P0"])
    for row, (ya, tidak) in {1: ("6", "5"), 3: ("2", "3"), 4: ("3", "7"), 5: ("9", "7"), 7: ("6", "4")}.items():
        steps[row]["keputusan"] = {"ya": ya, "tidak": tidak}
    return make_sop(cols, steps)


def edge_column_exits() -> SOP:
    """Six 19 mm columns on A4 (one lane each), a decision in the last column whose second branch
    must leave by the table's edge, where the one lane is busy (laid out on one page)."""
    cols = [f"P{i}" for i in range(6)]
    steps = _steps([cols[c] for c in (4, 2, 3, 5, 4, 4, 4, 4)])
    steps[1]["lanjut"] = "3"
    for row, (ya, tidak) in {2: ("6", "7"), 3: ("2", "8"), 4: ("6", "4"), 6: ("5", "3")}.items():
        steps[row]["keputusan"] = {"ya": ya, "tidak": tidak}
    return make_sop(cols, steps, kertas="A4")


def _decisions(steps: list[dict[str, Any]], decisions: dict[int, tuple[str, str]]) -> list[dict[str, Any]]:
    """``steps`` with a decision at each row (0-based) of ``decisions``: (ya, tidak) step numbers."""
    for row, (ya, tidak) in decisions.items():
        steps[row]["keputusan"] = {"ya": ya, "tidak": tidak}
    return steps


def loop_in_own_column() -> SOP:
    """'Tidak' back to the step just above, in the decision's own 26 mm column (the commonest approval
    loop): the lane turns 2.4 mm from the diamond's vertex and "Tidak" (5.75 mm) ran across the
    column border (a random flow of the property test, minimised)."""
    cols = ["P0", "P1", "P2", "P3", "P4"]
    return make_sop(cols, _decisions(_steps(["P2", "P2", "P4"]), {1: ("3", "1")}))


def skip_in_edge_column_a4() -> SOP:
    """'Tidak' skipping a row down the last of six 19 mm columns on A4, its lane inside that column:
    3 mm of line beside the diamond for "Tidak" (minimised from a random flow)."""
    cols = [f"P{i}" for i in range(6)]
    return make_sop(cols, _decisions(_steps(["P4", "P5", "P4", "P5"]), {1: ("3", "4")}), kertas="A4")


def lane_through_ya() -> SOP:
    """Three decisions over six 22 mm columns: a lane of another arrow runs down through the "Ya" of
    the first, beside its vertex (minimised from a random flow)."""
    cols = [f"P{i}" for i in range(6)]
    steps = _steps(["P5", "P0", "P3", "P1", "P1", "P3"])
    return make_sop(cols, _decisions(steps, {1: ("5", "4"), 3: ("6", "2"), 4: ("2", "3")}))


def three_decisions_over_a_break() -> SOP:
    """Three decisions over six 22 mm columns and two pages: a "Tidak" whose line turns inside its
    own column, under a line entering the row's top (minimised from a random flow)."""
    cols = [f"P{i}" for i in range(6)]
    steps = _steps(["P4", "P3", "P4", "P3", "P0", "P5", "P1", "P4"])
    return make_sop(cols, _decisions(steps, {2: ("6", "1"), 4: ("2", "4"), 6: ("5", "8")}))


def crowded_lone_column() -> SOP:
    """Twelve steps in one pelaksana column, six decisions and two skips: on one page, every lane by
    the side the fourth decision's "Tidak" had claimed was busy, and it was cut into a connector pair
    on one page, though no arrow used the diamond's other side; on the estimated plan a connector
    beside a diamond ran through a "Tidak" (minimised from a random flow)."""
    steps = _steps(["P0"] * 12)
    steps[2]["lanjut"], steps[7]["lanjut"] = "10", "2"
    return make_sop(["P0"], _decisions(steps, {1: ("4", "6"), 3: ("5", "12"), 5: ("12", "7"), 6: ("3", "5"), 10: ("9", "8")}))


def packed_lone_column() -> SOP:
    """Twelve steps in one pelaksana column, six decisions whose loops overlap so that, on one page,
    the eight lanes hold every arrow only when packed by first row: claimed shortest first, the last
    arrow (10 -> 1) found none and was cut into a connector pair on one page (minimised from a
    random flow)."""
    steps = _steps(["P0"] * 12)
    decisions = {1: ("7", "5"), 3: ("8", "6"), 4: ("6", "10"), 5: ("12", "3"), 7: ("11", "9"), 9: ("1", "4")}
    return make_sop(["P0"], _decisions(steps, decisions))


def joint_steps() -> SOP:
    """Steps done together (issue 11): one across two columns that a decision loops back into from the
    right, one across three columns that a later loop must pass outside (no lane by a border inside
    a symbol), and the last step across two columns."""
    cols = ["Camat", "Sekcam", "Kasi", "Staf", "Tim"]
    steps = _steps(["Staf", "Kasi", "Sekcam", "Tim", "Camat", "Kasi", "Staf"])
    steps[1].update(p=["Staf", "Kasi"], id="periksa")
    steps[3]["keputusan"] = {"ya": "5", "tidak": "periksa"}
    steps[4]["p"] = ["Camat", "Sekcam", "Kasi"]
    steps[5]["keputusan"] = {"ya": "7", "tidak": "3"}
    steps[6]["p"] = ["Staf", "Tim"]
    return make_sop(cols, steps)


CORPUS: dict[str, tuple[SOP, str]] = {
    "candipuro": (candipuro(), "F4"),
    "two_decisions": (two_decisions(), "F4"),
    "forward_branches": (forward_branches(), "F4"),
    "big_40x8": (big(), "F4"),
    "long_texts_a4": (long_texts(), "A4"),
    "long_loop": (long_loop(), "F4"),
    "crowded_lanes": (crowded_lanes(), "F4"),
    "loop_in_own_column": (loop_in_own_column(), "F4"),
    "skip_in_edge_column_a4": (skip_in_edge_column_a4(), "A4"),
    "lane_through_ya": (lane_through_ya(), "F4"),
    "three_decisions_over_a_break": (three_decisions_over_a_break(), "F4"),
    "crowded_lone_column": (crowded_lone_column(), "F4"),
    "packed_lone_column": (packed_lone_column(), "F4"),
    "joint_steps": (joint_steps(), "F4"),
}
"""Every case by name, with its paper."""
