"""Run one command and report its wall time and the peak memory of it and every process it starts.

``build_phases.py`` measures one process; a ``--jobs 2`` build is three (the build and its two
workers), and issue 17's memory target counts what the machine must hold. This samples every
0.2 s the resident memory of the command's process tree (from ``/proc``, Linux only) and prints
the peak of the sum and each process's own peak (the build is the first one seen). A peak shorter than the
sampling interval can be missed: the figure is a lower bound.

    python benchmarks/process_tree.py sopgen build SITE --out OUT --no-cache --jobs 2
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

INTERVAL = 0.2


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, read from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while it was read
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def resident_mb(pid: int) -> int:
    """The resident memory of ``pid`` in MB; 0 once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    start = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # its exit status tells
    peak_sum = 0
    peaks: dict[int, int] = {}
    started: dict[int, float] = {}
    while process.poll() is None:
        sizes = {pid: resident_mb(pid) for pid in descendants(process.pid)}
        peak_sum = max(peak_sum, sum(sizes.values()))
        for pid, size in sizes.items():
            peaks[pid] = max(peaks.get(pid, 0), size)
            started.setdefault(pid, time.perf_counter() - start)
        time.sleep(INTERVAL)
    print(f"exit {process.returncode}, {time.perf_counter() - start:.1f} s, peak memory of the process tree {peak_sum} MB "
          f"(sampled every {INTERVAL} s: lower bounds), {os.cpu_count()} cores; each process's peak:")
    for pid, peak in sorted(peaks.items(), key=lambda item: -item[1]):
        if peak >= 20:
            print(f"  pid {pid:>7}  seen from {started[pid]:6.1f} s  {peak:>6} MB")


if __name__ == "__main__":
    main()
