"""Time the SOP binder for N SOPs: opening the per-SOP PDFs, laying out the front matter, the join.

Rendering 1,500 SOP PDFs would take most of an hour on two cores and is not
what this measures, so ``--sample`` distinct SOPs (default 20) of a synthetic
site are built for real (with their PDFs), and their PDFs stand in, in turn,
for all N SOPs of a second synthetic site. The binder is then built exactly as
the build does (the steps of :func:`sopgen.render.binder.build_binder`), each step
timed, with the process's peak memory.

    python benchmarks/binder_join.py --sops 1500 [--sample 20] [--keep DIR]

With ``--keep DIR`` the sample PDFs of an earlier run in DIR are used again.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_site import generate_site

from sopgen.build import check_site
from sopgen.kinds import navigation
from sopgen.output import Staging
from sopgen.render.arsip import PDF_VARIANT, Arsip
from sopgen.render.binder import BINDER_PATH, append_sops, binder_entries, finish, front_matter
from sopgen.render.binder_stempel import CHARACTERS, stamp_font
from sopgen.render.env import make_env, render_page, theme_dir
from sopgen.render.joined_pdf import JoinedPdf
from sopgen.render.listing import sops_by_nomor
from sopgen.render.pdf import PdfRenderer
from sopgen.render.sop import sop_paths


def peak_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_pdfs(work: Path, count: int) -> list[Path]:
    """Build ``count`` synthetic SOPs with their PDFs (in a child process, so the memory figure is the binder's)."""
    out = work / "contoh-out"
    if len(list((out / "sop").glob("*.pdf"))) == count:
        return sorted((out / "sop").glob("*.pdf"))  # built by an earlier run with --keep
    start = time.perf_counter()
    site = generate_site(work / "contoh", count, seed=7)
    subprocess.run([sys.executable, "-m", "sopgen", "build", str(site), "--out", str(out)], check=True, capture_output=True)
    pdfs = sorted((out / "sop").glob("*.pdf"))
    print(f"contoh: {len(pdfs)} PDF SOP dibuat dalam {time.perf_counter() - start:.1f} s")
    return pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="work here instead of a temporary folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sopgen-binder-"))
    pdfs = sample_pdfs(work, args.sample)

    shutil.rmtree(work / "situs", ignore_errors=True)  # a kept folder may hold the site of another --sops
    site, problems = check_site(generate_site(work / "situs", args.sops, seed=1))
    assert site is not None and not problems.errors, problems.sorted()[:3]
    env = make_env(site)
    env.globals["nav"] = navigation(site, True)
    stage_dir = work / "stage"
    shutil.rmtree(stage_dir, ignore_errors=True)
    stage = Staging(stage_dir)
    shutil.copytree(theme_dir(site) / "static", stage_dir / "static")
    docs = sops_by_nomor(site)
    for index, doc in enumerate(docs):
        os.link(pdfs[index % len(pdfs)], stage.path(sop_paths(doc)[1], doc.shown))
    renderer = PdfRenderer([stage_dir, site.root, theme_dir(site)])
    target = stage.path(BINDER_PATH, "site.yaml")

    times: dict[str, float] = {}
    peaks: dict[str, float] = {}
    before = peak_mb()
    sources = [stage_dir / sop_paths(doc)[1] for doc in docs]
    start = time.perf_counter()
    entries = binder_entries(docs, sources)
    pages = sum(e.pages for e in entries)
    times["hitung halaman SOP"] = time.perf_counter() - start
    peaks["hitung halaman SOP"] = peak_mb()
    start = time.perf_counter()
    front = front_matter(site, env, renderer, target, entries, None, Arsip(site.root, [doc.file for doc in docs]))
    times[f"sampul + daftar isi, PDF/A ({front.pages} hlm)"] = time.perf_counter() - start
    peaks[f"sampul + daftar isi, PDF/A ({front.pages} hlm)"] = peak_mb()
    with target.open("wb") as file:
        binder = JoinedPdf(file)
        start = time.perf_counter()
        stamp = renderer.document(render_page(env, "binder_stempel.html", BINDER_PATH, huruf=CHARACTERS), target).write_pdf(pdf_variant=PDF_VARIANT)
        append_sops(binder, entries, sources, stamp_font(binder, stamp))
        times["stempel; baca, stempel, tulis halaman SOP"] = time.perf_counter() - start
        peaks["stempel; baca, stempel, tulis halaman SOP"] = peak_mb()
        start = time.perf_counter()
        finish(binder, front, entries)
        times["sisipkan depan, penanda, tautan, katalog"] = time.perf_counter() - start
        peaks["sisipkan depan, penanda, tautan, katalog"] = peak_mb()

    size = target.stat().st_size / 1e6
    print(f"{args.sops} SOP, {pages + front.pages} halaman, {size:.1f} MB, memori puncak proses {peak_mb():.0f} MB")
    print(f"  {'situs dimuat, sebelum himpunan':<45} {'':9} puncak {before:6.0f} MB")
    for name, seconds in times.items():
        print(f"  {name:<45} {seconds:7.2f} s puncak {peaks[name]:6.0f} MB")
    print(f"  {'jumlah':<45} {sum(times.values()):7.2f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
