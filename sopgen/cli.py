"""The ``sopgen`` command: thin click wrappers around build and check.

Exit codes: 0 success, 1 content problems (or warnings under --strict),
2 usage errors (click's own).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build_site, check_site
from .errors import ContentError, Problem
from .output import OutputCollision
from .reporter import report, summary

SITE_ARG = click.argument("site_dir", required=False, default="content", type=click.Path(file_okay=False, path_type=Path))


def _fail(problems: list[Problem], strict: bool) -> None:
    report(problems, sys.stderr)
    errors = sum(1 for p in problems if p.level.name == "ERROR")
    click.echo(f"Gagal: {summary(errors, len(problems) - errors, strict)}.", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sopgen")
def main() -> None:
    """sopgen: SOP, pengukuran kinerja and Laporan Kinerja from YAML, as an HTML site and PDFs."""


@main.command()
@SITE_ARG
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: output/ beside the site folder).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (faster preview).")
def build(site_dir: Path, out_dir: Path | None, strict: bool, no_pdf: bool) -> None:
    """Build the site (HTML and PDFs) into the output folder."""
    out_dir = out_dir or site_dir.resolve().parent / "output"
    try:
        result = build_site(site_dir, out_dir, strict=strict, pdf=not no_pdf, progress=lambda text: click.echo(f"  {text}", err=True))
    except ContentError as exc:
        _fail(exc.problems, strict)
    except OutputCollision as exc:
        click.echo(f"Gagal: {exc}.", err=True)
        sys.exit(1)
    if result.warnings:
        report(result.warnings, sys.stderr)
    click.echo(f"Selesai: {len(result.files)} berkas di {out_dir}.")


@main.command()
@SITE_ARG
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(site_dir: Path, strict: bool) -> None:
    """Load, validate and lint the site; writes nothing."""
    _, problems = check_site(site_dir)
    if problems.fails(strict):
        _fail(problems.sorted(), strict)
    if problems.items:
        report(problems.sorted(), sys.stderr)
    click.echo(f"Konten baik: {summary(0, len(problems.warnings), strict)}.")
