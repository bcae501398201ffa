"""The built demo passes the Nu Html Checker (vnu.jar on the machine's Java) with zero errors.

Every HTML page of the site is checked, and the site's screen stylesheet too.
The PDF stylesheets are not: they use WeasyPrint's paged-media properties
(``string-set``, ``bookmark-level``) that a browser-oriented CSS checker does
not know. The checker's warnings are written to ``.artifacts/vnu.txt`` for a
person to read; only errors fail.

A checker that did not run must not pass as "no errors": its exit status, its
JSON report and the list of files it says it checked (``--verbose``) are all
required, and that list must be exactly the files the build wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sopgen.build import BuildResult

from .conftest import DEMO_PAGES
from .support_tools import artifact, vnu

ERRORS = ("error", "non-document-error")


def run_vnu(*args: str) -> tuple[set[Path], list[dict[str, Any]]]:
    """The files the checker says it checked and its messages; fails unless it ran to the end.

    vnu exits 0 without errors and 1 with errors; anything else (no Java, a bad
    jar, a crash) is a checker that did not check.
    """
    done = vnu("--format", "json", "--verbose", *args)
    where = f"vnu {' '.join(args)} (exit {done.returncode}):\n{done.stderr[-2000:]}"
    assert done.returncode in (0, 1), f"the checker did not run: {where}"
    try:
        report = json.loads(done.stderr)
    except json.JSONDecodeError:
        raise AssertionError(f"the checker wrote no JSON report: {where}") from None
    assert isinstance(report, dict) and "version" in report and isinstance(report.get("messages"), list), where
    messages = report["messages"]
    errors = [m for m in messages if m.get("type") in ERRORS]
    assert done.returncode == (1 if errors else 0), f"exit status disagrees with the report: {where}"
    checked = {Path(line).resolve() for line in done.stdout.splitlines() if line.strip()}
    return checked, messages


def _lines(messages: list[dict[str, Any]]) -> list[str]:
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}" for m in messages]


def test_every_page_is_valid_html(built_demo: BuildResult) -> None:
    built = {name for name in built_demo.files if name.endswith(".html")}
    assert built == DEMO_PAGES
    checked, messages = run_vnu("--skip-non-html", str(built_demo.out_dir))
    artifact("vnu.txt").write_text("\n".join(_lines(messages)) + "\n", encoding="utf-8")
    assert checked == {(built_demo.out_dir / name).resolve() for name in built}, "the checker did not check every page"
    errors = [m for m in messages if m.get("type") in ERRORS]
    assert not errors, "\n".join(_lines(errors))


def test_site_stylesheet_is_valid_css(built_demo: BuildResult) -> None:
    stylesheet = built_demo.out_dir / "static" / "css" / "site.css"
    checked, messages = run_vnu("--css", str(stylesheet))
    assert checked == {stylesheet.resolve()}, "the checker did not check the stylesheet"
    errors = [m for m in messages if m.get("type") in ERRORS]
    assert not errors, "\n".join(_lines(errors))
