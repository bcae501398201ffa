"""Time whole `sopgen build` runs, as a user runs them: cold, on more cores, and the rebuilds the cache serves.

Cases (each a fresh ``sopgen build`` process, so start-up counts, as it does for a user):

- ``full``: cold build, every PDF laid out (``--no-cache --jobs 1``), issue 17's (a);
- ``full-jobs2``: the same on two worker processes (``--no-cache --jobs 2``), (c);
- ``nochange``: rebuild with nothing changed, the cache warm, (d);
- ``onesop``: rebuild after one SOP's ``nama`` changed (a different SOP each run), (e);
- ``shards``: ``build --shard 1/4`` … ``4/4`` one after another, each into a cache of its own, then
  ``assemble`` (the sum of the five, as one machine would spend; on a CI matrix the shards run
  side by side), (g); ``shard-max`` is the slowest shard plus assemble, the matrix's wall time.

    python benchmarks/incremental.py --sops 100 --runs 3 [--cases full,nochange,onesop]

Medians of ``--runs``; every run's time is printed too.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_site import generate_site

SOPGEN = [sys.executable, "-m", "sopgen"]
CASES = ("full", "full-jobs2", "nochange", "onesop", "shards", "shard-max")
SHARDS = 4


def build(site: Path, out: Path, cache: Path, *flags: str) -> float:
    """One ``sopgen build``; its wall time in seconds (a failed build stops the benchmark)."""
    return sopgen("build", site, "--out", out, "--cache", cache, *flags)


def sopgen(*args: str | Path) -> float:
    """One ``sopgen`` command; its wall time in seconds (a failure stops the benchmark)."""
    start = time.perf_counter()
    subprocess.run([*SOPGEN, *map(str, args)], check=True, capture_output=True)
    return time.perf_counter() - start


def shards(site: Path, out: Path, work: Path) -> tuple[float, float]:
    """Every shard, one after another, then assemble, with fresh caches: (the sum, the slowest shard plus assemble)."""
    folders = [work / f"bagian-{i}" for i in range(1, SHARDS + 1)]
    for folder in (*folders, work / "gabungan"):
        shutil.rmtree(folder, ignore_errors=True)
    times = [sopgen("build", site, "--shard", f"{i}/{SHARDS}", "--cache", folder, "--jobs", "1") for i, folder in enumerate(folders, start=1)]
    sources = [a for folder in folders if folder.is_dir() for a in ("--from", folder)]
    joined = sopgen("assemble", site, *sources, "--out", out, "--cache", work / "gabungan", "--jobs", "1")
    return sum(times) + joined, max(times) + joined


def touch_sop(site: Path, run: int) -> Path:
    """Change one SOP's name, as an edit would (a different SOP each run); the file changed."""
    files = sorted((site / "sop").glob("*.yaml"))
    file = files[(run * 7) % len(files)]
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\nnama: ", f"\nnama: Revisi {run} ", 1), encoding="utf-8")
    return file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    cases = args.cases.split(",")
    work = Path(tempfile.mkdtemp(prefix="sopgen-bench-incremental-"))
    site, out, cache = generate_site(work / "site", args.sops, args.seed), work / "output", work / "cache"
    times: dict[str, list[float]] = {case: [] for case in cases}
    for run in range(args.runs):
        if "full" in cases:
            times["full"].append(build(site, out, cache, "--no-cache", "--jobs", "1"))
        if "full-jobs2" in cases:
            times["full-jobs2"].append(build(site, out, cache, "--no-cache", "--jobs", "2"))
        if "nochange" in cases or "onesop" in cases:
            if not cache.exists():
                build(site, out, cache)  # fill the cache (not timed)
            if "nochange" in cases:
                times["nochange"].append(build(site, out, cache))
            if "onesop" in cases:
                touch_sop(site, run)
                times["onesop"].append(build(site, out, cache))
        if "shards" in cases or "shard-max" in cases:
            total, widest = shards(site, out, work)
            for case, spent in (("shards", total), ("shard-max", widest)):
                if case in cases:
                    times[case].append(spent)
        print(f"run {run + 1}: " + ", ".join(f"{c} {t[-1]:.1f} s" for c, t in times.items()), flush=True)
    print(f"{args.sops} SOP, median of {args.runs}:")
    for case, seconds in times.items():
        print(f"  {case:<11}{statistics.median(seconds):>8.1f} s   ({', '.join(f'{s:.1f}' for s in seconds)})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
