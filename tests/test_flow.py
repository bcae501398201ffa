"""The step graph: ids, edges, and the findings that stop an undrawable flowchart."""

from __future__ import annotations

from typing import Any

from sopgen.domain.flow import CODE_KOLOM_KOSONG, Edge, EdgeKind, StepKind, build_flow, flow_findings, step_id
from sopgen.errors import Level
from sopgen.models.sop import SOP


def langkah(pelaksana: str = "Staf", **extra: Any) -> dict[str, Any]:
    return {"uraian": f"{pelaksana} bekerja", "pelaksana": pelaksana,
            "mutu_baku": {"kelengkapan": "Berkas", "waktu": "1 jam", "output": "Dokumen"}, **extra}


def sop(steps: list[dict[str, Any]], pelaksana: list[str] | None = None) -> SOP:
    return SOP.model_validate({
        "nomor": "1/SOP/2024", "nama": "Uji", "disahkan_oleh": "camat",
        "tanggal": {"pembuatan": "2024-01-10", "pengesahan": "2024-01-12"},
        "dasar_hukum": ["x"], "kualifikasi_pelaksana": ["x"],
        "pelaksana": pelaksana or ["Camat", "Sekretaris", "Staf"],
        "langkah": steps,
    })


def approval() -> SOP:
    """Camat starts, Staf drafts (id 'draf'), Sekretaris decides: ya on, tidak back to the draft."""
    return sop([
        langkah("Camat"),
        langkah("Staf", id="draf"),
        langkah("Sekretaris", keputusan={"ya": "4", "tidak": "draf"}),
        langkah("Camat"),
    ])


def errors(flow: Any) -> list[tuple[tuple[Any, ...], str, str]]:
    return [(f.path, f.message, f.hint) for f in flow.findings if f.level is Level.ERROR]


def test_step_id_is_written_id_else_row_number() -> None:
    s = approval()
    assert [step_id(i, step) for i, step in enumerate(s.daftar_prosedur[0].langkah)] == ["1", "draf", "3", "4"]
    assert build_flow(s).ids == ("1", "draf", "3", "4")


def test_edges_and_symbols_of_an_approval_loop() -> None:
    flow = build_flow(approval())
    assert flow.kinds == (StepKind.MULAI, StepKind.PROSES, StepKind.KEPUTUSAN, StepKind.SELESAI)
    assert flow.columns == (0, 2, 1, 0)
    assert set(flow.edges) == {
        Edge(0, 1, EdgeKind.LANJUT), Edge(1, 2, EdgeKind.LANJUT),
        Edge(2, 3, EdgeKind.YA), Edge(2, 1, EdgeKind.TIDAK),
    }
    back = [e for e in flow.edges if e.is_back]
    assert [(e.source, e.target, e.label) for e in back] == [(2, 1, "Tidak")]
    assert flow.drawable and flow.findings == ()


def test_lanjut_replaces_the_next_row_and_the_last_step_has_no_edge() -> None:
    flow = build_flow(sop([langkah(), langkah(lanjut="4"), langkah(), langkah(lanjut="3")]))
    # Row 3 keeps its own arrow to the next row even though nothing reaches it.
    assert set(flow.edges) == {Edge(0, 1, EdgeKind.LANJUT), Edge(1, 3, EdgeKind.LANJUT), Edge(2, 3, EdgeKind.LANJUT)}
    # Step 3 is never reached, and 'lanjut' on the last step is refused.
    paths = [p for p, _, _ in errors(flow)]
    assert ("langkah", 3, "lanjut") in paths
    assert ("langkah", 2) in paths


def test_pelaksana_not_a_column_suggests_the_closest() -> None:
    flow = build_flow(sop([langkah("Camat"), langkah("Sekertaris"), langkah("Staf")]))
    assert errors(flow) == [(("langkah", 1, "pelaksana"), "'Sekertaris' bukan salah satu kolom pelaksana (Camat, Sekretaris, Staf)", "maksud Anda 'Sekretaris'?")]
    assert flow.columns[1] == -1 and not flow.drawable


def test_pelaksana_far_from_every_column_lists_the_columns() -> None:
    flow = build_flow(sop([langkah("Camat"), langkah("Bendahara"), langkah("Staf")]))
    (_, message, hint), *_ = errors(flow)
    assert "(Camat, Sekretaris, Staf)" in message
    assert "tambahkan ke daftar 'pelaksana'" in hint


def test_unknown_target_suggests_an_existing_id() -> None:
    flow = build_flow(sop([langkah(), langkah(id="verifikasi"), langkah(keputusan={"ya": "4", "tidak": "verifkasi"}), langkah()]))
    assert errors(flow) == [(("langkah", 2, "keputusan", "tidak"), "langkah tujuan 'verifkasi' tidak ditemukan", "maksud Anda 'verifikasi'?")]


def test_step_not_reachable_from_the_start() -> None:
    flow = build_flow(sop([langkah(lanjut="3"), langkah(), langkah()]))
    assert errors(flow) == [(("langkah", 1), "langkah 2 tidak dapat dicapai dari langkah pertama (Mulai)",
                             "periksa 'lanjut' dan cabang 'keputusan' pada langkah-langkah sebelumnya.")]


def test_flow_that_cannot_reach_the_end() -> None:
    # 1 -> 2 -> 3 -> 2 forever: all three are reached, none reaches "Selesai", which nothing reaches.
    flow = build_flow(sop([langkah(), langkah(), langkah(lanjut="2"), langkah()]))
    found = errors(flow)
    assert [p for p, _, _ in found] == [("langkah", 0), ("langkah", 1), ("langkah", 2), ("langkah", 3)]
    assert found[1][1] == "alur dari langkah 2 tidak pernah sampai ke langkah terakhir (Selesai)"
    assert found[3][1] == "langkah 4 tidak dapat dicapai dari langkah pertama (Mulai)"


def test_duplicate_written_ids() -> None:
    flow = build_flow(sop([langkah(id="a"), langkah(id="a"), langkah()]))
    assert errors(flow) == [(("langkah", 1, "id"), "id langkah 'a' sudah dipakai oleh langkah 1", "setiap langkah harus memiliki id yang berbeda.")]


def test_written_id_that_is_another_rows_number() -> None:
    """Step 3 is called "2", which step 2 (no id) already is: reported at the written id."""
    flow = build_flow(sop([langkah(), langkah(), langkah(id="2"), langkah()]))
    (path, message, hint), = [e for e in errors(flow) if e[0][-1] == "id"]
    assert path == ("langkah", 2, "id")
    assert message == "id langkah '2' sudah dipakai oleh langkah 2"
    assert "nomor urut" in hint


def test_self_reference_and_misplaced_decisions() -> None:
    flow = build_flow(sop([
        langkah(keputusan={"ya": "2", "tidak": "3"}),
        langkah(lanjut="2"),
        langkah(keputusan={"ya": "1", "tidak": "2"}, lanjut="1"),
    ]))
    found = {p: m for p, m, _ in errors(flow)}
    assert "awal prosedur (Mulai)" in found[("langkah", 0, "keputusan")]
    assert "akhir prosedur (Selesai)" in found[("langkah", 2, "keputusan")]
    assert found[("langkah", 1, "lanjut")] == "langkah tidak boleh menuju dirinya sendiri"
    assert "tidak memakai 'lanjut'" in found[("langkah", 2, "lanjut")]


def test_unused_column_is_a_warning_with_the_lint_code() -> None:
    graphed = sop([langkah("Camat"), langkah("Staf")])
    (warning,) = flow_findings(graphed)
    assert warning.level is Level.WARNING and warning.code == CODE_KOLOM_KOSONG
    assert warning.path == ("pelaksana", 1)
    assert warning.message == "kolom pelaksana 'Sekretaris' tidak dipakai oleh langkah mana pun"
    assert build_flow(graphed).drawable


def test_both_branches_to_one_step_is_a_warning() -> None:
    flow = build_flow(sop([langkah(), langkah(keputusan={"ya": "3", "tidak": "3"}), langkah()], ["Staf"]))
    assert [(f.level, f.path) for f in flow.findings] == [(Level.WARNING, ("langkah", 1, "keputusan"))]
