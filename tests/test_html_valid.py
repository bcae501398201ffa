"""The built demo passes the Nu Html Checker (vnu.jar on the machine's Java) with zero errors.

Every HTML page of the site is checked, and the site's screen stylesheet too.
The PDF stylesheets are not: they use WeasyPrint's paged-media properties
(``string-set``, ``bookmark-level``) that a browser-oriented CSS checker does
not know. The checker's warnings are written to ``.artifacts/vnu.txt`` for a
person to read; only errors fail.
"""

from __future__ import annotations

import json
import subprocess

from sopgen.build import BuildResult

from .support_tools import artifact, java, vnu_jar


def run_vnu(*args: str) -> list[dict]:
    """The checker's messages (``--format json``) for the given arguments."""
    done = subprocess.run([java(), "-jar", str(vnu_jar()), "--format", "json", *args], capture_output=True, text=True, check=False, timeout=600)
    return json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]


def _lines(messages: list[dict]) -> list[str]:
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}" for m in messages]


def test_every_page_is_valid_html(built_demo: BuildResult) -> None:
    pages = sorted(built_demo.out_dir.rglob("*.html"))
    assert len(pages) >= 3
    messages = run_vnu("--skip-non-html", str(built_demo.out_dir))
    artifact("vnu.txt").write_text("\n".join(_lines(messages)) + "\n", encoding="utf-8")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(_lines(errors))


def test_site_stylesheet_is_valid_css(built_demo: BuildResult) -> None:
    messages = run_vnu("--css", str(built_demo.out_dir / "static" / "css" / "site.css"))
    errors = [m for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(_lines(errors))
