"""Build a synthetic site and report wall time and peak memory (RSS) per phase.

Phases are those of :class:`sopgen.timing.Timings`: load (read, validate,
lint), html, pdf, write (static files and the output swap is in write). Memory is
the process's resident set, sampled every 10 ms and attributed to the phase
running at that moment; "peak" is the highest sample in the phase.

    python benchmarks/build_phases.py --sops 50 [--no-pdf] [--keep DIR] [--gc-freeze] [--gc-threshold N]

``--gc-freeze`` and ``--gc-threshold`` try issue 17's garbage-collector lever on the build: the
objects left after loading frozen out of every later collection (``gc.freeze()``), or the
first generation's threshold raised from Python's 700 (``gc.set_threshold``).
"""

from __future__ import annotations

import argparse
import gc
import resource
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from generate_site import generate_site

import sopgen.build
from sopgen.build import build_site
from sopgen.timing import Timings

PAGE = resource.getpagesize()


def peak_rss() -> int:
    """The process's highest resident set so far (the kernel's count, not a sample)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


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
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() once the site is loaded and checked")
    parser.add_argument("--gc-threshold", type=int, help="gc.set_threshold(N) for the whole build")
    args = parser.parse_args()
    if args.gc_threshold:
        gc.set_threshold(args.gc_threshold)
    if args.gc_freeze:
        render_site = sopgen.build.render_site

        def frozen(*a: Any, **k: Any) -> Any:
            gc.freeze()
            return render_site(*a, **k)

        sopgen.build.render_site = frozen
    work = args.keep or Path(tempfile.mkdtemp(prefix="sopgen-bench-"))
    site = generate_site(work / "site", args.sops, args.seed)
    timings = Timings()
    sampler = PhaseSampler(timings)
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    build_site(site, work / "output", pdf=not args.no_pdf, timings=timings)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    sampler.running = False
    sampler.join()
    print(f"{args.sops} SOP, pdf={'tidak' if args.no_pdf else 'ya'}, total {total:.2f} s, CPU {cpu:.2f} s, peak RSS {peak_rss() / 1e6:.1f} MB")
    print(f"{'fase':<8}{'detik':>10}{'puncak RSS (MB)':>18}")
    for phase, seconds in timings.items():
        peak = sampler.peaks.get(phase)
        print(f"{phase:<8}{seconds:>10.3f}" + (f"{peak / 1e6:>18.1f}" if peak else f"{'(< 10 ms)':>18}"))


if __name__ == "__main__":
    main()
