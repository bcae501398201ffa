"""Build a synthetic site and report wall time and peak memory (RSS) per phase.

Phases are those of :class:`sopgen.timing.Timings`: load (read, validate,
lint), html, pdf, write (static files and the output swap is in write). Memory is
the process's resident set, sampled every 10 ms and attributed to the phase
running at that moment; "peak" is the highest sample in the phase.

    python benchmarks/build_phases.py --sops 50 [--no-pdf] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import threading
import time
from pathlib import Path

from generate_site import generate_site

from sopgen.build import build_site
from sopgen.timing import Timings

PAGE = resource.getpagesize()


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE


class PhaseSampler(threading.Thread):
    """Samples RSS and attributes each sample to ``Timings.current``."""

    def __init__(self, timings: Timings):
        super().__init__(daemon=True)
        self.timings = timings
        self.peaks: dict[str, int] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            phase = self.timings.current or "other"
            self.peaks[phase] = max(self.peaks.get(phase, 0), rss_bytes())
            time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sopgen-bench-"))
    site = generate_site(work / "site", args.sops, args.seed)
    timings = Timings()
    sampler = PhaseSampler(timings)
    sampler.start()
    start = time.perf_counter()
    build_site(site, work / "output", pdf=not args.no_pdf, timings=timings)
    total = time.perf_counter() - start
    sampler.running = False
    sampler.join()
    print(f"{args.sops} SOP, pdf={'tidak' if args.no_pdf else 'ya'}, total {total:.2f} s")
    print(f"{'fase':<8}{'detik':>10}{'puncak RSS (MB)':>18}")
    for phase, seconds in timings.items():
        peak = sampler.peaks.get(phase)
        print(f"{phase:<8}{seconds:>10.3f}" + (f"{peak / 1e6:>18.1f}" if peak else f"{'(< 10 ms)':>18}"))


if __name__ == "__main__":
    main()
