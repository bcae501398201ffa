"""Count and time the WeasyPrint layouts of each SOP PDF of a synthetic site (issue 17: "lay out once").

Every SOP PDF is laid out at least once, on the page plan ``sopgen check``'s estimate guesses;
when the plan measured there is another, it is laid out again (``render/paginate.py``). This
builds the site in this process (no cache, one job) and tells how many SOPs took one layout, two
or more, and the seconds spent in WeasyPrint layouts.

    python benchmarks/layouts.py --sops 20 [--seed 1] [--site DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from generate_site import generate_site

import sopgen.render.sop as sop_render
from sopgen.build import build_site
from sopgen.render.paginate import Pagination
from sopgen.render.pdf import PdfRenderer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="an existing single-unit site instead of a synthetic one")
    parser.add_argument("--out", type=Path, help="keep the output here (to compare PDFs between versions)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sopgen-bench-layouts-"))
    site = args.site or generate_site(work / "site", args.sops, args.seed)
    seconds: list[float] = []
    outcomes: list[Pagination] = []
    document, paginate = PdfRenderer.document, sop_render.paginate

    def timed(self: PdfRenderer, html: str, page_file: Path) -> Any:
        start = time.perf_counter()
        try:
            return document(self, html, page_file)
        finally:
            seconds.append(time.perf_counter() - start)

    def counted(*a: Any, **k: Any) -> Pagination:
        outcome = paginate(*a, **k)
        outcomes.append(outcome)
        return outcome

    PdfRenderer.document = timed  # type: ignore[method-assign]
    sop_render.paginate = counted
    start = time.perf_counter()
    build_site(site, args.out or work / "output", pdf=True)
    total = time.perf_counter() - start
    kinds = Counter(f"{o.layouts} layout{'s' if o.layouts > 1 else ''}" + ("" if any(len(p) > 1 for p in o.plans) else ", one page") for o in outcomes)
    print(f"{len(outcomes)} SOP layouts (the binder's copies included), build {total:.1f} s, {len(seconds)} WeasyPrint layouts in {sum(seconds):.1f} s")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:<28}{count:>5}  ({count / len(outcomes):.0%})")


if __name__ == "__main__":
    main()
