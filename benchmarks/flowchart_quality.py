"""Count the layout-quality faults of random drawable flowcharts (issue 11: "clean routing").

Draws random flows from the property test's own strategy (``tests/test_flowchart_layout.flows``:
decisions, skips, loops, a random page plan, F4 or A4 column widths), with a fixed seed so two
versions of the router see the same flows, until N of them are drawable (the strategy also makes
flows with errors, which are not laid out); lays each out and counts, from its quality report,
the flows (and faults) with a branch label crossed by a line or a border, a connector pair on
one page, and a crossing without a hop. ``--show`` prints the first few failing cases.

    python benchmarks/flowchart_quality.py --flows 2000 [--seed 11] [--show 5]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sopgen.domain.flow import Flow, build_flow
from sopgen.domain.flowchart import Geometry
from sopgen.domain.flowchart_quality import quality
from sopgen.domain.flowchart_routes import layout
from sopgen.models.sop import SOP
from tests.test_flowchart_layout import flows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=0, help="print this many failing cases (steps, pages, column)")
    args = parser.parse_args()
    faults: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    shown: list[str] = []
    drawn = [0]

    def run(number: int) -> None:
        @seed(number)
        @settings(max_examples=args.flows, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(flows())
        def draw(case: tuple[Any, tuple[tuple[int, int], ...], float]) -> None:
            sop, pages, column = case
            flow = build_flow(sop)
            if flow.drawable and drawn[0] < args.flows:
                measure(sop, flow, pages, column)

        draw()

    def measure(sop: SOP, flow: Flow, pages: tuple[tuple[int, int], ...], column: float) -> None:
        drawn[0] += 1
        report = quality(layout(flow, Geometry(column=column), pages))
        found = {"label_collisions": len(report.label_hits), "same_page_pairs": len(report.same_page_pairs),
                 "crossings_without_hop": len(report.without_hop)}
        for name, count in found.items():
            faults[name] += count
            failing[name] += bool(count)
        if any(found.values()) and len(shown) < args.show:
            steps = [(step.pelaksana, step.keputusan and (step.keputusan.ya, step.keputusan.tidak), step.lanjut) for step in sop.semua_langkah]
            shown.append(f"column {column:.2f} mm, {sop.pelaksana}, pages {pages}\n  {steps}\n  {report.label_hits} {report.same_page_pairs}")

    number = args.seed
    while drawn[0] < args.flows:
        run(number)
        number += 1
    print(f"{drawn[0]} drawable flows (hypothesis seeds {args.seed}-{number - 1})")
    for name in ("label_collisions", "same_page_pairs", "crossings_without_hop"):
        print(f"  {name:<24}{failing[name]:>5} flows, {faults[name]:>5} in all")
    for text in shown:
        print(text)


if __name__ == "__main__":
    main()
