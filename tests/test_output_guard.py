"""`--out` never deletes what it names, and two builds into one output never corrupt each other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sopgen.build import build_site
from sopgen.output import MARKER, STAGING_PREFIX

from .support import small_site, tree_digest


def sopgen_build(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sopgen", "build", *args, "--no-pdf"], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("out", "said"), [
    ("content", "memuat folder situs"),
    (".", "memuat folder situs"),
    ("content/sop", "di dalam folder situs"),
    ("asing", "tidak dibuat oleh sopgen"),
    ("repo", "memuat .git"),
])
def test_out_that_is_not_an_old_output_is_refused_and_kept(tmp_path: Path, out: str, said: str) -> None:
    small_site(tmp_path / "content")
    (tmp_path / ".git").mkdir()
    (tmp_path / "asing").mkdir()
    (tmp_path / "asing" / "skripsi.docx").write_text("penting", encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    before = tree_digest(tmp_path)
    result = sopgen_build(tmp_path, "content", "--out", out)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(tmp_path) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*-*"))


def test_old_output_and_empty_folder_are_replaced(tmp_path: Path) -> None:
    small_site(tmp_path / "content")
    (tmp_path / "kosong").mkdir()
    assert sopgen_build(tmp_path, "content", "--out", "kosong").returncode == 0
    for _ in range(2):  # a previous sopgen output carries the marker, so it may be replaced
        result = sopgen_build(tmp_path, "content", "--out", "output")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "output" / MARKER).is_file() and (tmp_path / "output" / "index.html").is_file()


def test_second_build_into_a_locked_output_is_refused(tmp_path: Path) -> None:
    """A second process holds the lock (as a running build does); the build is refused, nothing is touched."""
    site = small_site(tmp_path / "content")
    out = tmp_path / "output"
    build_site(site, out, pdf=False)
    before = tree_digest(out)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl,sys,os\nf=open(sys.argv[1],'a+');fcntl.flock(f,fcntl.LOCK_EX);"
         "f.truncate(0);f.write(str(os.getpid()));f.flush();print('held',flush=True);sys.stdin.read()",
         str(tmp_path / f"{STAGING_PREFIX}output.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = sopgen_build(tmp_path, "content", "--out", "output")
    finally:
        holder.communicate("")
    assert result.returncode == 1
    assert f"sedang dibangun oleh proses lain (pid {holder.pid})" in result.stderr
    assert tree_digest(out) == before


def test_staging_of_another_output_or_a_live_build_is_left_alone(tmp_path: Path) -> None:
    """Only abandoned staging folders of this output are cleaned: not `output-preview`'s, not one without the marker."""
    site = small_site(tmp_path / "content")
    abandoned = tmp_path / f"{STAGING_PREFIX}output-abcd1234"
    other = tmp_path / f"{STAGING_PREFIX}output-preview-abcd1234"
    foreign = tmp_path / f"{STAGING_PREFIX}output-zzzz9999"
    for folder in (abandoned, other):
        folder.mkdir()
        (folder / MARKER).write_text("", encoding="utf-8")
    foreign.mkdir()
    build_site(site, tmp_path / "output", pdf=False)
    assert not abandoned.exists() and other.exists() and foreign.exists()


def test_two_concurrent_builds_never_swap_in_a_broken_output(tmp_path: Path) -> None:
    """Two real processes into one --out: each succeeds or is refused as busy; the result is a whole site."""
    small_site(tmp_path / "content", sops=4)
    processes = [subprocess.Popen([sys.executable, "-m", "sopgen", "build", "content", "--no-pdf", "--out", "output"],
                                  cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in processes]
    assert any(code == 0 for code, _ in outcomes), outcomes
    for code, err in outcomes:
        assert code == 0 or "sedang dibangun oleh proses lain" in err, err
    assert {f"sop/prosedur-{i}.html" for i in range(1, 5)} <= set(tree_digest(tmp_path / "output"))
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}output-*"))

