"""Time ``sopgen serve`` from saving one SOP to the page reloaded with the change (issue 17's (f)).

``sopgen serve`` runs as a user runs it (its own process, on a free port) over a synthetic site.
Each run changes one SOP's name (a different SOP each run, as ``incremental.py`` does) and waits
as the open page would: on the event stream when the served page listens to one, or, against a
sopgen whose page polls the build number once a second, by polling it the same way (from a
timer that was already running, so the poll's phase relative to the save is arbitrary, as in a
browser). "Reloaded" is the moment the page fetched after the announcement shows the new name.
With ``--pdf`` the time until the PDFs are announced too (the banner gone) is reported as well.

    python benchmarks/serve_reload.py --sops 100 --runs 5 [--pdf]

Run it against another checkout with ``PYTHONPATH=/path/to/checkout``. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generate_site import generate_site
from incremental import touch_sop

EVENTS_PATH = "__sopgen__/peristiwa"
POLL_PATH = "__sopgen__/versi"
"""Where the page of a sopgen from before the event stream asked for the build number, once a second."""
BANNER = "PDF sedang dibuat ulang"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")


class Announcements:
    """The build numbers the server announces, with the time each was first seen, as the open page sees them."""

    def __init__(self, url: str):
        self.seen: list[tuple[float, str]] = []
        self.lock = threading.Condition()
        listens = "EventSource" in fetch(url)
        threading.Thread(target=self._stream if listens else self._poll, args=(url,), daemon=True).start()
        self.how = "event stream" if listens else "poll every 1 s"

    def _note(self, version: str) -> None:
        with self.lock:
            if not self.seen or self.seen[-1][1] != version:
                self.seen.append((time.perf_counter(), version))
                self.lock.notify_all()

    def _stream(self, url: str) -> None:
        with urllib.request.urlopen(url + EVENTS_PATH, timeout=600) as stream:
            for raw in stream:
                line = raw.decode("utf-8").strip()
                if line.startswith("data: "):
                    self._note(line.removeprefix("data: "))

    def _poll(self, url: str) -> None:
        while True:
            try:
                self._note(fetch(url + POLL_PATH))
            except urllib.error.URLError:
                return  # the preview stopped
            time.sleep(1.0)

    def after(self, count: int, timeout: float = 900) -> float:
        """The time the announcement after the first ``count`` was seen."""
        with self.lock:
            if not self.lock.wait_for(lambda: len(self.seen) > count, timeout=timeout):
                raise TimeoutError("no build announced")
            return self.seen[count][0]

    def count(self) -> int:
        with self.lock:
            return len(self.seen)


def until(check: Callable[[], bool], announcements: Announcements, since: int) -> float:
    """Fetch the page at each announcement after the first ``since`` (the page reloads at each) until ``check``
    holds; the time it held."""
    while True:
        announcements.after(since)
        since += 1
        if check():
            return time.perf_counter()


def page_shows(page: str, text: str, present: bool = True) -> Callable[[], bool]:
    """A check: ``page``, fetched now, has ``text`` in it (or, with ``present=False``, has not)."""
    return lambda: (text in fetch(page)) == present


def start_serve(site: Path, pdf: bool) -> tuple[subprocess.Popen[str], str]:
    """``sopgen serve`` on a free port; the process and the preview's address, once it serves."""
    command = [sys.executable, "-m", "sopgen", "serve", str(site), "--port", "0", *(["--pdf"] if pdf else [])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=os.environ.copy())
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"Pratinjau: (\S+)", line)
        if found:
            return process, found.group(1)
    raise RuntimeError("sopgen serve stopped before serving")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", action="store_true", help="serve --pdf: time the PDFs announced too")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sopgen-bench-serve-"))
    site = generate_site(work / "site", args.sops, args.seed)
    process, url = start_serve(site, args.pdf)
    try:
        announcements = Announcements(url)
        if args.pdf:  # the first build's PDFs (every one laid out, the cache cold) are not timed
            until(page_shows(url, BANNER, present=False), announcements, 0)
        html, pdfs, phase = [], [], random.Random(args.seed)
        for run in range(args.runs):
            time.sleep(1.5 + phase.random())  # past the previous edit's debounce, at an arbitrary phase of a poll
            since, saved = announcements.count(), time.perf_counter()
            page = f"{url}sop/{touch_sop(site, run).stem}.html"
            html.append(until(page_shows(page, f"Revisi {run} "), announcements, since) - saved)
            if args.pdf:
                pdfs.append(until(page_shows(page, BANNER, present=False), announcements, since) - saved)
            print(f"run {run + 1}: page {html[-1]:.2f} s" + (f", PDFs {pdfs[-1]:.2f} s" if pdfs else ""), flush=True)
        load = os.getloadavg()
        print(f"{args.sops} SOP, serve{' --pdf' if args.pdf else ''}, {announcements.how}, median of {args.runs}: "
              f"page {statistics.median(html):.2f} s ({', '.join(f'{s:.2f}' for s in html)})"
              + (f"; PDFs {statistics.median(pdfs):.2f} s ({', '.join(f'{s:.2f}' for s in pdfs)})" if pdfs else "")
              + f"; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
