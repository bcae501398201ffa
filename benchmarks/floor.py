"""Issue 17's floor, case (b): the same HTML through bare WeasyPrint, one layout per PDF, in a loop.

Builds a synthetic site in this process (one job, no cache), as ``build_phases.py`` does, and keeps
the HTML of the last (final) WeasyPrint layout of every PDF laid out in the ``pdf`` phase (the SOPs,
and whatever else that phase lays out). Then lays each out once more with nothing of sopgen around it
(``HTML(string=…, base_url=…)``, WeasyPrint's own fetcher and fonts, ``write_pdf()``), in a loop, and
prints sopgen's ``pdf`` phase against that floor: issue 17's target (a) is sopgen ≤ 1.15 × (b).

    python benchmarks/floor.py --sops 10 [--seed 1]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from generate_site import generate_site
from weasyprint import HTML

from sopgen.build import build_site
from sopgen.output import Staging
from sopgen.render.pdf import PdfRenderer
from sopgen.timing import Timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sopgen-bench-floor-"))
    site = generate_site(work / "site", args.sops, args.seed)
    timings = Timings()
    final: dict[Path, str] = {}
    stages: list[Path] = []
    document, staging = PdfRenderer.document, Staging.__init__

    def kept(self: PdfRenderer, html: str, page_file: Path) -> Any:
        if timings.current == "pdf":
            final[page_file] = html  # the measuring layout first, then the final one: the last is kept
        return document(self, html, page_file)

    def noted(self: Staging, root: Path) -> None:
        stages.append(root)
        staging(self, root)

    PdfRenderer.document = kept  # type: ignore[method-assign]
    Staging.__init__ = noted  # type: ignore[method-assign]
    out = work / "output"
    start = time.perf_counter()
    build_site(site, out, pdf=True, timings=timings)
    total = time.perf_counter() - start
    pdf_phase = dict(timings.items())["pdf"]
    layouts = writes = 0.0
    for page_file, html in final.items():
        moved = out / page_file.relative_to(next(s for s in stages if page_file.is_relative_to(s)))  # the staging folder became out/
        start = time.perf_counter()
        laid_out = HTML(string=html, base_url=str(moved)).render()
        layouts += time.perf_counter() - start
        laid_out.write_pdf()
        writes += time.perf_counter() - start
    n = len(final)
    print(f"{args.sops} SOP, build {total:.2f} s; {n} PDFs laid out in the pdf phase")
    print(f"  (a) sopgen pdf phase          {pdf_phase:8.2f} s  {pdf_phase / n:6.3f} s per PDF")
    print(f"  (b) bare WeasyPrint layout    {layouts:8.2f} s  {layouts / n:6.3f} s per PDF")
    print(f"  (b) bare layout + write_pdf   {writes:8.2f} s  {writes / n:6.3f} s per PDF   (a)/(b) = {pdf_phase / writes:.2f}")


if __name__ == "__main__":
    main()
