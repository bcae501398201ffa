"""``--jobs N``: PDFs laid out in worker processes give the same output, file for file, as one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sopgen.build import build_site
from sopgen.errors import ContentError
from sopgen.output import STAGING_PREFIX
from sopgen.portal import build_kabupaten
from sopgen.render.env import THEMES_DIR

from .support import PEJABAT_YAML, SITE_YAML, site_with_pending_changes, sop_yaml, tree_digest, without_index, write_site


def three_sops(root: Path) -> Path:
    """Three SOPs, one long enough to be measured and laid out twice, one naming another (its title is printed)."""
    return write_site(root, {
        "site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML,
        "sop/prosedur-1.yaml": sop_yaml("Prosedur 1", "100/1/SOP/2024", steps=14),
        "sop/prosedur-2.yaml": sop_yaml("Prosedur 2", "100/2/SOP/2024") + "keterkaitan: [prosedur-1]\n",
        "sop/prosedur-3.yaml": sop_yaml("Prosedur 3", "100/3/SOP/2024", pelaksana=("Camat", "Staf", "Sekretaris")),
    })


def test_two_jobs_write_the_same_files_as_one(tmp_path: Path) -> None:
    site = three_sops(tmp_path / "content")
    one = build_site(site, tmp_path / "one", pdf=True, jobs=1)
    two = build_site(site, tmp_path / "two", pdf=True, jobs=2)
    assert one.files == two.files and any(name.endswith(".docx") for name in one.files)
    assert without_index(tmp_path / "one") == without_index(tmp_path / "two")


def test_a_template_error_in_a_worker_is_reported_at_its_line(tmp_path: Path) -> None:
    site = three_sops(tmp_path / "content")
    cover = (THEMES_DIR / "default" / "templates" / "sop_cover.html").read_text(encoding="utf-8")
    write_site(site, {"templates/sop_cover.html": "<p>{{ 1 / 0 }}</p>\n" + cover})  # a template only the PDF uses
    found = []
    for jobs in (1, 2):
        with pytest.raises(ContentError) as error:
            build_site(site, tmp_path / f"out-{jobs}", pdf=True, jobs=jobs)
        found.append([p.format() for p in error.value.problems])
        assert not (tmp_path / f"out-{jobs}").exists()
    assert found[0] == found[1] and found[0][0].startswith("content/templates/sop_cover.html:1:1: galat templat: division by zero")


def test_a_content_error_on_two_jobs_is_reported_as_on_one_and_the_output_kept(tmp_path: Path) -> None:
    """A worker starts checking the site beside the build (``pool.check_in_worker``): a site that fails is still the build's to report."""
    site = three_sops(tmp_path / "content")
    build_site(site, tmp_path / "out", pdf=True, jobs=2)
    before = tree_digest(tmp_path / "out")
    write_site(site, {"sop/prosedur-2.yaml": sop_yaml("Prosedur 2", "100/2/SOP/2024") + "keterkaitan: [prosedur-9]\n"})
    found = []
    for jobs in (1, 2):
        with pytest.raises(ContentError) as error:
            build_site(site, tmp_path / "out", pdf=True, jobs=jobs)
        found.append([p.format() for p in error.value.problems])
    assert found[0] == found[1] and any(p.startswith("content/sop/prosedur-2.yaml:") and "prosedur-9" in p for p in found[0])
    assert tree_digest(tmp_path / "out") == before


def test_a_kabupaten_on_two_jobs(tmp_path: Path) -> None:
    root = write_site(tmp_path / "kab", {
        "pemda.yaml": "pemerintah: Kabupaten Contoh\nalamat: Jl. Contoh 1\nkertas: A4\n",
        **{f"unit/{u}/site.yaml": f"instansi:\n  unit_kerja: Kecamatan {u.upper()}\n  alamat: Jl. {u}\n" for u in ("a", "b")},
        **{f"unit/{u}/pejabat.yaml": PEJABAT_YAML for u in ("a", "b")},
        "unit/a/sop/prosedur-1.yaml": sop_yaml("Prosedur 1", "100/1/SOP/2024"),
        "unit/b/sop/prosedur-2.yaml": sop_yaml("Prosedur 2", "100/2/SOP/2024") + "keterkaitan: [a/prosedur-1]\n",
    })
    build_kabupaten(root, tmp_path / "one", pdf=True, jobs=1)
    build_kabupaten(root, tmp_path / "two", pdf=True, jobs=2)
    assert without_index(tmp_path / "one") == without_index(tmp_path / "two")


CTRL_C_AS_IN_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'sopgen'; runpy.run_module('sopgen', run_name='__main__')"
)
"""``python -m sopgen`` with Ctrl-C raising KeyboardInterrupt, as in a terminal, even if the suite was started with SIGINT ignored."""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_ctrl_c_or_kill_leaves_the_last_output_and_no_worker(tmp_path: Path, sig: signal.Signals) -> None:
    site, out, before = site_with_pending_changes(tmp_path)
    # A terminal's Ctrl-C reaches a process whose SIGINT is the default; a CI runner may start the suite with SIGINT
    # ignored (a background job of a shell), which a child inherits and which would make this Ctrl-C a no-op.
    process = subprocess.Popen([sys.executable, "-c", CTRL_C_AS_IN_A_TERMINAL, "build", str(site), "--out", str(out), "--jobs", "2", "--no-cache"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, staged_pdf, workers = time.monotonic() + 120, None, set()
    while time.monotonic() < deadline and process.poll() is None and staged_pdf is None:
        workers |= descendants(process.pid)
        staged_pdf = next(iter(tmp_path.glob(f"{STAGING_PREFIX}output-*/sop/*.pdf")), None)
        time.sleep(0.05)
    assert staged_pdf is not None and workers, "the build finished or failed before it could be stopped half-way"
    os.kill(process.pid, sig)
    process.wait(timeout=60)
    assert tree_digest(out) == before
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "a worker outlived its build"


def descendants(pid: int) -> set[int]:
    """The live child processes of ``pid`` and theirs (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        try:
            children = Path(f"/proc/{todo.pop()}/task").glob("*/children")
            pids = {int(c) for file in children for c in file.read_text().split()}
        except OSError:
            continue
        todo.extend(pids - found)
        found |= pids
    return found


def test_fonts_subset_by_fonttools_carry_no_build_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools, which stamps each with the time of saving:
    two builds a few seconds apart made different PDFs (and the cache, shard and --jobs comparisons failed)."""
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # the machine without the library
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a user's own value is not what the fonts get either
    site = write_site(tmp_path / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML,
                                             "sop/prosedur-1.yaml": sop_yaml("Prosedur 1", "100/1/SOP/2024")})
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    build_site(site, tmp_path / "one", pdf=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.setattr(time, "time", lambda: now + 86_400)
    build_site(site, tmp_path / "two", pdf=True)
    assert (tmp_path / "one/sop/prosedur-1.pdf").read_bytes() == (tmp_path / "two/sop/prosedur-1.pdf").read_bytes()
