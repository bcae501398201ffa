"""`check` finds every template problem `build` finds, at the override's file and line.

A sandbox refusal or a runtime error inside a site's override used to pass `check` and fail
`build` (the runtime error with a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.build import build_site
from sopgen.check import check_rendering
from sopgen.errors import ContentError

from .support import failed_build, small_site, sopgen_check

OVERRIDE = '{% extends "!theme/index.html" %}{% block content %}\n\n<p>{}</p>{% endblock %}\n'


@pytest.mark.parametrize(("body", "said"), [
    ("{{ 1 / 0 }}", "division by zero"),
    ("{{ lipsum.__globals__ }}", "unsafe"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "unsafe"),
    ("{{ tidak_ada.sama_sekali }}", "tidak_ada"),
    ("{% if %}", "Expected an expression"),
])
def test_template_problem_is_found_by_check_and_build_alike(demo_copy: Path, tmp_path: Path, body: str, said: str) -> None:
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates" / "index.html").write_text(OVERRIDE.replace("{}", body), encoding="utf-8")
    checked = [f"{p.path}:{p.line}: {p.message}" for p in check_rendering(demo_copy).errors]
    assert len(checked) == 1 and checked[0].startswith("content/templates/index.html:3: galat templat:") and said in checked[0], checked
    assert [f"{p.path}:{p.line}: {p.message}" for p in failed_build(demo_copy, tmp_path / "output")] == checked


def test_unused_pdf_override_is_compiled_by_check(demo_copy: Path) -> None:
    """`check` renders no PDF, but every override is compiled: a syntax error in sop_pdf.html is found."""
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates" / "sop_pdf.html").write_text("<p>\n{% for x in %}\n", encoding="utf-8")
    result = sopgen_check(demo_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/templates/sop_pdf.html:2:1: galat templat:" in result.stderr, result.stderr


def test_check_writes_nothing_beside_the_site(demo_copy: Path) -> None:
    before = sorted(p.name for p in demo_copy.parent.iterdir())
    result = sopgen_check(demo_copy)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == before


THEME_TEMPLATES = Path(__file__).resolve().parents[1] / "themes/default/templates"


@pytest.mark.parametrize("template", ["sop_cover.html", "sop_pdf.html", "binder.html", "recap_pdf.html", "laporan_pdf.html", "perjanjian_pdf.html"])
def test_runtime_error_in_a_pdf_only_template_is_found_without_pdfs(demo_copy: Path, tmp_path: Path, template: str) -> None:
    """The PDFs' HTML is rendered by check and build --no-pdf (nothing laid out): a template used only on paper is checked too."""
    lines = (THEME_TEMPLATES / template).read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "</h1>" in line or "<body" in line or "</section>" in line) + 1
    lines.insert(at, "<p>{{ 1 / 0 }}</p>\n")
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates" / template).write_text("".join(lines), encoding="utf-8")
    result = sopgen_check(demo_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"content/templates/{template}:{at + 1}:1: galat templat: division by zero" in result.stderr, result.stderr
    out = tmp_path / "output"
    with pytest.raises(ContentError) as failed:
        build_site(demo_copy, out, pdf=False)
    assert [(p.path, p.line) for p in failed.value.problems] == [(f"content/templates/{template}", at + 1)]
    assert not out.exists()


def test_a_template_only_the_word_copy_breaks_is_found_by_check_and_both_builds(tmp_path: Path) -> None:
    """The Word copy renders the signature without a laid-out flowchart: an override that needs one
    fails only there. check and build --no-pdf make the copy too (unkept), so they say it first."""
    site = small_site(tmp_path / "content", sops=1)
    signature = (THEME_TEMPLATES / "sop_signature.html").read_text(encoding="utf-8")
    guarded = '{% if flowchart is defined %} id="{{ flowchart.closing_id }}"{% endif %}'
    assert guarded in signature
    (site / "templates").mkdir()
    (site / "templates/sop_signature.html").write_text(signature.replace(guarded, ' id="{{ flowchart.closing_id }}"'), encoding="utf-8")
    line = 1 + next(n for n, text in enumerate(signature.splitlines()) if guarded in text)
    found = [(p.path, p.line, p.message) for p in check_rendering(site).errors]
    assert found == [("content/templates/sop_signature.html", line, "galat templat: 'flowchart' is undefined")], found
    for pdf in (False, True):
        with pytest.raises(ContentError) as failed:
            build_site(site, tmp_path / f"output-{pdf}", pdf=pdf)
        assert [(p.path, p.line, p.message) for p in failed.value.problems] == found, pdf
        assert not (tmp_path / f"output-{pdf}").exists()


def test_a_preview_keeps_no_pdf_in_the_output(demo_copy: Path, tmp_path: Path) -> None:
    build_site(demo_copy, tmp_path / "output", pdf=False)
    assert list((tmp_path / "output").rglob("*.pdf")) == []
    assert list((tmp_path / "output").rglob("*.docx")) == []  # made to be checked, not kept
    assert not (tmp_path / "output/unduhan").exists()
