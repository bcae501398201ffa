"""The layout-quality report: crossings, label hits, lane distances, same-page connector pairs, page fill.

Measured over the corpus of hard shapes (``flowchart_corpus.py``) on the page plan ``sopgen check``
estimates, and through ``sopgen check`` on real YAML: a crossing and a nearly empty page are
warned at the step's line, and ``abaikan_peringatan`` silences them by code.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sopgen.domain.flow import build_flow
from sopgen.domain.flowchart import Geometry, Pages, Seg, label_width
from sopgen.domain.flowchart_estimate import CLOSING, estimated_pages
from sopgen.domain.flowchart_labels import LIFT, label_box
from sopgen.domain.flowchart_quality import Quality, page_fill, quality
from sopgen.domain.flowchart_routes import layout
from sopgen.domain.flowchart_sheet import SHEETS, column_widths
from sopgen.models.sop import SOP
from sopgen.render.flowchart_svg import cell_layers

from .flowchart_corpus import CORPUS, crowded_lone_column, edge_column_exits, loop_in_own_column, make_sop, packed_lone_column
from .support import PEJABAT_YAML, SITE_YAML, lines_with, sopgen_check, write_site


def measured(sop: SOP, paper: str) -> tuple[Quality, Pages]:
    """The report of ``sop`` laid out on the plan ``sopgen check`` estimates."""
    report, pages, _ = measured_fill(sop, paper)
    return report, pages


def measured_fill(sop: SOP, paper: str) -> tuple[Quality, Pages, list[float]]:
    """The report, the estimated plan, and each page's fill (the last with its signature)."""
    flow = build_flow(sop)
    sheet = SHEETS[paper]
    columns = column_widths(sheet, len(sop.pelaksana))
    geometry = Geometry(column=columns.pelaksana)
    pages, heights, capacity = estimated_pages(flow, sop.daftar_prosedur[0].langkah, geometry, sheet, columns)
    fill = list(page_fill(pages, heights, capacity, capacity))
    fill[-1] += CLOSING / capacity
    return quality(layout(flow, geometry, pages), heights), pages, fill


BEFORE = {
    "candipuro": {"crossings_without_hop": 0, "label_collisions": 1, "same_page_pairs": 0, "lane_border_mm": 3.5},
    "two_decisions": {"crossings_without_hop": 3, "label_collisions": 2, "same_page_pairs": 0, "lane_border_mm": 3.5},
    "forward_branches": {"crossings_without_hop": 4, "label_collisions": 0, "same_page_pairs": 0, "lane_border_mm": 3.6},
    "big_40x8": {"crossings_without_hop": 10, "label_collisions": 5, "same_page_pairs": 0, "lane_border_mm": 0.9},
    "long_texts_a4": {"crossings_without_hop": 0, "label_collisions": 1, "same_page_pairs": 0, "lane_border_mm": None},
    "long_loop": {"crossings_without_hop": 0, "label_collisions": 0, "same_page_pairs": 0, "lane_border_mm": 3.5},
}
"""The corpus's figures before hops and the 2 mm lane rule (issue 11), for the record."""

@pytest.mark.parametrize("name", CORPUS)
def test_corpus_figures(name: str) -> None:
    """Every crossing bridged, no connector pair on one page, every lane at least 2 mm from a border,
    no branch label crossed by a line, a symbol, a connector or a column border, every page at least
    30 % filled (on the estimated plan)."""
    sop, paper = CORPUS[name]
    report, pages, fill = measured_fill(sop, paper)
    figures = report.figures()
    assert min(fill) >= 0.3, (pages, fill)
    assert figures["crossings_without_hop"] == 0, report.without_hop
    assert figures["same_page_pairs"] == 0
    assert report.lane_border is None or report.lane_border >= 2.0 - 1e-9, figures
    assert figures["label_collisions"] == 0, report.label_hits
    lay = layout(build_flow(sop), Geometry(column=column_widths(SHEETS[paper], len(sop.pelaksana)).pelaksana), pages)
    for row in lay.cells:  # every drawing is expressible as background layers, without calc()
        for cell in row:
            cell_layers(cell, lay.geometry)


def test_reference_shape_has_no_crossing_and_keeps_its_lanes_off_the_borders() -> None:
    report, pages = measured(*CORPUS["candipuro"])
    assert pages == ((0, 7), (8, 9)), "the reference's own break, after step 8"
    assert report.crossings == ()
    assert report.lane_border is not None and report.lane_border >= 2.0


def test_a_crossing_is_found_and_bridged_where_a_lane_passes_a_row_to_row_line() -> None:
    sop, paper = CORPUS["two_decisions"]
    report, pages = measured(sop, paper)
    assert {(c.row, round(c.x, 1)) for c in report.crossings} == {(2, 74.4), (3, 74.4)}
    assert all(c.hop for c in report.crossings)
    lay = layout(build_flow(sop), Geometry(column=column_widths(SHEETS[paper], len(sop.pelaksana)).pelaksana), pages)
    hopped = [cell for cell in lay.cells[2] if cell.hops]
    assert len(hopped) == 1 and any("path" in layer.image for layer in cell_layers(hopped[0], lay.geometry))


def test_narrow_columns_keep_lanes_two_millimetres_from_a_border() -> None:
    """40 steps over 8 columns leave 17 mm columns: the symbols narrow so a lane does not read as a grid line."""
    report, pages = measured(*CORPUS["big_40x8"])
    assert len(pages) >= 4
    assert report.lane_border == pytest.approx(2.0)
    assert report.crossings and all(c.hop for c in report.crossings)


def test_a_label_a_border_cuts_moves_past_the_border_on_its_own_line() -> None:
    """In 17 mm columns "Tidak" is wider than the room beside the diamond (5 labels cut by a border
    before): it moves along its line to just past the border it crossed, above the line as every
    branch label beside a diamond (before, below a line going up and above one going down)."""
    sop, paper = CORPUS["big_40x8"]
    flow = build_flow(sop)
    geometry = Geometry(column=column_widths(SHEETS[paper], len(sop.pelaksana)).pelaksana)
    lay = layout(flow, geometry)
    moved = [(row, col, label) for row in range(len(lay.cells)) for col, cell in enumerate(lay.cells[row])
             for label in cell.labels if label.text == "Tidak" and col != flow.columns[row]]
    assert len(moved) == 5
    assert {e.target < e.source for e in flow.edges if e.label == "Tidak"} == {True}, "every line goes up"
    for row, col, label in moved:
        assert abs(col - flow.columns[row]) == 1 and label.align == "c", "just past the border"
        assert label.dy + geometry.label <= 0, "above its line"
    assert quality(lay).label_hits == ()


def test_in_a_lone_column_the_connector_beside_a_diamond_stands_out_for_its_label() -> None:
    """One pelaksana, a "Tidak" back across a page break: the connector beside the diamond sat on the
    label's place (its arrow through "Tidak"); where no lane passes it moves out by the label's width."""
    steps: list[dict[str, object]] = [{"p": "Petugas"} for _ in range(14)]
    steps[11]["keputusan"] = {"ya": "13", "tidak": "2"}
    sop = make_sop(["Petugas"], steps)
    geometry = Geometry(column=column_widths(SHEETS["F4"], 1).pelaksana)
    lay = layout(build_flow(sop), geometry, ((0, 8), (9, 13)))
    (pentagon,) = lay.cells[11][0].pentagons
    assert pentagon.dx > geometry.symbol_width / 2 + 0.5 + label_width("Tidak") + geometry.arrow
    assert quality(lay).label_hits == ()


def test_a_connector_in_the_next_narrow_column_moves_over_for_the_label() -> None:
    """In 19 mm columns "Tidak" fits neither beside the diamond nor before a connector centred in the
    next column: the connector moves off the centre, away from the border, and the label sits on the
    line just past the border, above it as it was."""
    cols = [f"P{i}" for i in range(6)]
    steps: list[dict[str, object]] = [{"p": cols[c]} for c in (0, 4, 5, 3, 3)]
    steps[2]["keputusan"] = {"ya": "4", "tidak": "2"}
    geometry = Geometry(column=column_widths(SHEETS["A4"], 6).pelaksana)
    lay = layout(build_flow(make_sop(cols, steps, kertas="A4")), geometry, ((0, 1), (2, 4)))
    (pentagon,) = lay.cells[2][4].pentagons
    assert pentagon.dx < 0, "moved away from the border with the diamond's column"
    (label,) = [lab for lab in lay.cells[2][4].labels if lab.text == "Tidak"]
    assert label.dy < 0 and label.dx > pentagon.dx
    assert quality(lay).label_hits == ()


def test_a_label_with_no_room_beside_the_vertex_stands_above_the_diamond_s_slope() -> None:
    """'Tidak' back to the step above in the decision's own 26 mm column: its line runs 2.4 mm from the
    vertex to the lane, and "Tidak" (5.75 mm) ran across the column border. It now stands above its
    line as every branch label, lifted along the diamond's upper slope so it starts further in and
    ends before the lane, inside the decision's column."""
    sop = loop_in_own_column()
    flow = build_flow(sop)
    geometry = Geometry(column=column_widths(SHEETS["F4"], len(sop.pelaksana)).pelaksana)
    lay = layout(flow, geometry)
    col = flow.columns[1]
    (tidak,) = [(c, lab) for c, cell in enumerate(lay.cells[1]) for lab in cell.labels if lab.text == "Tidak"]
    assert tidak[0] == col, "in the decision's own column"
    x1, _, x2, y2 = label_box(tidak[1], geometry.column / 2, 0.0, geometry)
    lane = geometry.column - geometry.lanes[0]
    assert y2 <= -LIFT - 1e-9 < 0, "above its line, lifted"
    assert x1 < geometry.column / 2 + geometry.symbol_width / 2, "starts left of the vertex, over the slope"
    assert x2 <= lane, "ends before the lane"
    assert quality(lay).label_hits == ()


def test_a_lone_column_whose_first_side_is_busy_takes_the_diamond_s_other_side() -> None:
    """Twelve steps in one column, on one page: every lane by the side the fourth decision's "Tidak"
    claimed was busy over its rows, and it was cut into a connector pair on one page (the segilima
    only joins pages, Permenpan RB 35/2012), though no arrow left the diamond's other side. It now
    leaves by that side, down a lane there."""
    sop = crowded_lone_column()
    geometry = Geometry(column=column_widths(SHEETS["F4"], 1).pelaksana)
    lay = layout(build_flow(sop), geometry)
    assert lay.connectors == []
    assert Seg("h", ("M", 0.0), ("L", geometry.spare_lanes[0]), ("C", 0.0)) in lay.cells[3][0].segs
    report = quality(lay)
    assert report.same_page_pairs == () and report.without_hop == () and report.label_hits == ()


def test_lanes_are_packed_by_first_row_when_shortest_first_leaves_an_arrow_without_one() -> None:
    """Twelve steps in one column, on one page, whose loops need all eight lanes: claimed shortest
    span first, the arrow from step 10 back to step 1 found no lane and became a connector pair on one
    page. Routed again with arrows taken by their first row, every arrow has a lane."""
    lay = layout(build_flow(packed_lone_column()), Geometry(column=column_widths(SHEETS["F4"], 1).pelaksana))
    assert lay.connectors == []
    report = quality(lay)
    assert report.same_page_pairs == () and report.without_hop == () and report.label_hits == ()


def test_a_connector_pair_on_one_page_is_reported() -> None:
    """The report finds a pair whose two ends share a page: a layout cut for two pages, read as one."""
    sop, paper = CORPUS["crowded_lanes"]
    lay = layout(build_flow(sop), Geometry(column=column_widths(SHEETS[paper], len(sop.pelaksana)).pelaksana), ((0, 6), (7, 8)))
    assert lay.connectors and quality(lay).same_page_pairs == ()
    one_page = quality(replace(lay, pages=((0, 8),)))
    assert one_page.same_page_pairs == tuple(sorted({p.letter for p in lay.connectors}))


def test_crowded_lanes_take_spare_lanes_instead_of_a_connector_pair() -> None:
    """Before: no lane was left for two arrows, cut into pairs A and B on one page. Now a spare lane
    (further in, still 2 mm and more from a border) carries each, and no connector is drawn at all."""
    sop, paper = CORPUS["crowded_lanes"]
    geometry = Geometry(column=column_widths(SHEETS[paper], len(sop.pelaksana)).pelaksana)
    lay = layout(build_flow(sop), geometry)
    assert lay.connectors == []
    lanes = {seg.track for row in lay.cells for cell in row for seg in cell.segs if seg.axis == "v" and seg.track[0] != "C"}
    assert {("L", geometry.spare_lanes[0]), ("R", -geometry.spare_lanes[0])} & lanes
    assert quality(lay).without_hop == ()


def test_a_branch_whose_side_lanes_are_busy_leaves_by_the_bottom_of_the_diamond() -> None:
    """In the last of six 19 mm columns a decision's second branch had only the table's edge, whose
    one lane was busy: it leaves by the diamond's free bottom and turns to a lane on the other side."""
    sop = edge_column_exits()
    flow = build_flow(sop)
    geometry = Geometry(column=column_widths(SHEETS["A4"], len(sop.pelaksana)).pelaksana)
    assert geometry.lanes == (2.0,)
    lay = layout(flow, geometry)
    assert lay.connectors == []
    decision = lay.cells[3][flow.columns[3]]
    assert Seg("v", ("C", 0.0), ("M", 0.0), ("B", -geometry.y0)) in decision.segs
    assert [label.align for label in decision.labels if label.text == "Tidak"] == ["r"], "beside the stem, off the turn to the left"
    assert quality(lay).without_hop == ()


# ---------------------------------------------------------------- sopgen check

DUA_KEPUTUSAN = """\
nomor: 100/1/SOP/2024
nama: Dua Keputusan
tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}
disahkan_oleh: camat
dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]
kualifikasi_pelaksana: [Memahami tugas]
pelaksana: [Camat, Sekretaris, Kasubag, Staf, Tim]
langkah:
""" + "".join(
    f"  - uraian: Langkah {i} dari prosedur\n    pelaksana: {p}\n    mutu_baku: {{kelengkapan: Berkas, waktu: 1 jam, output: Dokumen}}\n{extra}"
    for i, (p, extra) in enumerate([
        ("Staf", ""), ("Kasubag", ""), ("Staf", ""), ("Kasubag", "    keputusan: {ya: '5', tidak: '3'}\n"),
        ("Sekretaris", "    keputusan: {ya: '6', tidak: '2'}\n"), ("Camat", ""), ("Staf", ""), ("Camat", ""),
    ], start=1)
)


def test_check_warns_of_a_crossing_at_the_step_and_abaikan_silences_it(tmp_path: Path) -> None:
    site = write_site(tmp_path / "situs", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/dua.yaml": DUA_KEPUTUSAN})
    run = sopgen_check(site)
    line = lines_with(site / "sop/dua.yaml", "Langkah 3 dari")[0]
    assert f"sop/dua.yaml:{line}:5: peringatan: langkah[3]: garis bagan alir bersilangan (dengan lompatan garis) di baris langkah 3, 4" in run.stderr, run.stderr
    assert "abaikan_peringatan: [garis-bagan-bersilangan]" in run.stderr
    (site / "sop/dua.yaml").write_text(DUA_KEPUTUSAN + "abaikan_peringatan: [garis-bagan-bersilangan]\n", encoding="utf-8")
    assert "bersilangan" not in sopgen_check(site).stderr


def test_a_loop_is_split_rather_than_leave_a_page_two_rows_full() -> None:
    """Before: pages 1-2 | 3-10 | 11-14, page 1 a fifth full. Now the connectors carry the loop."""
    _, pages, fill = measured_fill(*CORPUS["long_loop"])
    assert pages == ((0, 8), (9, 13))
    assert min(fill) > 0.6


def test_check_warns_of_a_nearly_empty_page(tmp_path: Path) -> None:
    """A step whose uraian fills a page of its own leaves step 1 alone on page 1."""
    text = DUA_KEPUTUSAN.split("langkah:\n")[0].replace("Dua Keputusan", "Halaman Kosong") + "langkah:\n" + "".join(
        f"  - uraian: {'Langkah panjang dengan uraian rinci ' * 60 if i == 2 else f'Langkah {i} dari prosedur'}\n"
        f"    pelaksana: {'Staf' if i % 2 else 'Kasubag'}\n"
        f"    mutu_baku: {{kelengkapan: Berkas, waktu: 1 jam, output: Dokumen}}\n"
        for i in range(1, 5)
    )
    site = write_site(tmp_path / "situs", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/kosong.yaml": text})
    run = sopgen_check(site)
    line = lines_with(site / "sop/kosong.yaml", "Langkah 1 dari")[0]
    assert f"sop/kosong.yaml:{line}:5: peringatan: langkah[1]: halaman 1 bagan alir (langkah 1-1) hanya terisi sekitar" in run.stderr, run.stderr
    assert "abaikan_peringatan: [halaman-bagan-kosong]" in run.stderr
