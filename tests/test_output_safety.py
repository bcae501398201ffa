"""A failed, interrupted or killed build leaves the last good output exactly as it was."""

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
from sopgen.output import MARKER, STAGING_PREFIX, OutputCollision, Staging, staged_output

from .support import page_words, site_with_pending_changes, small_site, sop_yaml, tree_digest, write_site


def test_failed_build_leaves_output_untouched(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "output"
    build_site(site, out, pdf=False)
    before = tree_digest(out)
    assert "sop/prosedur-1.html" in before
    (site / "sop" / "prosedur-1.yaml").write_text("nomor: [\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(site, out, pdf=False)
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}output-*"))


def test_exception_while_writing_discards_staging(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / MARKER).write_text("", encoding="utf-8")
    (out / "lama.html").write_text("lama", encoding="utf-8")
    before = tree_digest(out)
    with pytest.raises(RuntimeError), staged_output(out, tmp_path / "site") as stage:
        stage.write_text("baru.html", "a", "baru")
        raise RuntimeError("render failed half-way")
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}output-*"))


def test_successful_build_replaces_output_whole(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "output"
    build_site(site, out, pdf=False)
    (out / "sisa-lama.html").write_text("lama", encoding="utf-8")
    build_site(site, out, pdf=False)
    assert not (out / "sisa-lama.html").exists()
    assert (out / "index.html").is_file()


def test_sigkill_half_way_leaves_output_untouched(tmp_path: Path) -> None:
    site, out, before = site_with_pending_changes(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "sopgen", "build", str(site), "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staged_pdf = None
    while time.monotonic() < deadline and process.poll() is None:
        staged_pdf = next(iter(tmp_path.glob(f"{STAGING_PREFIX}output-*/sop/*.pdf")), None)
        if staged_pdf:
            break
        time.sleep(0.05)
    assert staged_pdf is not None, "the build finished or failed before it could be killed half-way"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(out) == before
    # the next build cleans the dead build's staging folder up
    build_site(site, out, pdf=False)
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}output-*"))
    assert "Prosedur baru 1" in (out / "sop" / "prosedur-1.html").read_text(encoding="utf-8")


def test_two_documents_one_output_path(tmp_path: Path) -> None:
    stage = Staging(tmp_path)
    stage.write_text("sop/a.html", "sop/a.yaml", "x")
    with pytest.raises(OutputCollision, match=r"sop/a\.yaml"):
        stage.write_text("sop/A.html", "sop/A.yml", "y")


def test_same_id_in_two_files_is_a_content_error(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    write_site(site, {"sop/prosedur-1.yml": sop_yaml("Kembar", "300/1/SOP/2024")})
    with pytest.raises(ContentError) as failed:
        build_site(site, tmp_path / "output", pdf=False)
    assert any("id SOP 'prosedur-1' sudah dipakai" in p.message for p in failed.value.problems)


def test_site_template_override_extends_the_theme(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    write_site(site, {"templates/sop.html": '{% extends "!theme/sop.html" %}{% block title %}KHUSUS {{ super() }}{% endblock %}'})
    out = tmp_path / "output"
    build_site(site, out, pdf=False)
    page = (out / "sop" / "prosedur-1.html").read_text(encoding="utf-8")
    assert "<title>KHUSUS Prosedur 1" in page
    assert "Langkah nomor 1 dari prosedur Prosedur 1" in page_words(page), "the uraian, as a reader sees it"


def test_template_mistake_is_a_problem_at_its_line(tmp_path: Path) -> None:
    """A site's own template is content: an undefined name or a syntax slip is reported at its line."""
    site = small_site(tmp_path / "site")
    out = tmp_path / "output"
    write_site(site, {"templates/index.html": '{% extends "!theme/index.html" %}\n{% block content %}\n{{ tidak_ada.apa_pun }}{% endblock %}'})
    with pytest.raises(ContentError) as failed:
        build_site(site, out, pdf=False)
    (problem,) = failed.value.problems
    assert (problem.path.endswith("templates/index.html"), problem.line) == (True, 3)
    assert "'tidak_ada' is undefined" in problem.message
    write_site(site, {"templates/index.html": "{{ sop.nama }"})
    with pytest.raises(ContentError) as failed:
        build_site(site, out, pdf=False)
    assert failed.value.problems[0].line == 1 and "galat templat" in failed.value.problems[0].message
    assert not out.exists()


@pytest.mark.parametrize("escape", [
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
])
def test_site_template_cannot_escape_the_sandbox(tmp_path: Path, escape: str) -> None:
    """Templates come with pull requests: reaching Python's internals is a problem at the template's line."""
    site = small_site(tmp_path / "site")
    write_site(site, {"templates/index.html": f'{{% extends "!theme/index.html" %}}\n{{% block content %}}\n{escape}{{% endblock %}}'})
    out = tmp_path / "output"
    with pytest.raises(ContentError) as failed:
        build_site(site, out, pdf=False)
    (problem,) = failed.value.problems
    assert (problem.path.endswith("templates/index.html"), problem.line) == (True, 3)
    assert "galat templat" in problem.message and "uid=" not in problem.message
    assert not out.exists()
