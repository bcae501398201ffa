"""No `javascript:` URL written in any field reaches any page: every href/src of every page, in Chromium.

`javascript:alert(...)` is written into every free-text field of the demo's YAML (uraian,
keterangan, nama, penjelasan, ...) and as Markdown and HTML links into every report part; the
site is built, every page opened, and every URL attribute the browser sees is read. The text may
show (escaped, as text), but no link, image or form may carry the scheme.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopgen.build import build_site
from sopgen.render.verifikasi import VERIFIKASI_PAGE

from .conftest import DEMO_PAGES
from .support_tools import chromium

pytestmark = pytest.mark.browser
PAYLOAD = "javascript:alert(1)"
TEXT_FIELD = re.compile(r"^(\s*(?:- )?(?:uraian|keterangan|penjelasan|definisi|cara_ukur|sumber_data|kelengkapan|output|teks): )(.+)$", re.M)
URLS = """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset'].includes(a.name))
    .map(a => a.value))"""


def _poison(site: Path) -> None:
    for file in site.rglob("*.yaml"):
        text = file.read_text(encoding="utf-8")

        def quoted(match: re.Match[str]) -> str:
            value = match[2].strip()
            if value[:1] in {"'", '"', "{", "[", "|", ">"}:
                return match[0]
            return f"{match[1]}'{value.replace(chr(39), chr(39) * 2)} {PAYLOAD}'"

        file.write_text(TEXT_FIELD.sub(quoted, text), encoding="utf-8")
    for part in site.rglob("*.md"):
        part.write_text(part.read_text(encoding="utf-8") + f"\n\n[tautan]({PAYLOAD}) <a href=\"{PAYLOAD}\">x</a> <{PAYLOAD}>\n", encoding="utf-8")


def test_no_javascript_url_from_any_field_reaches_a_page(demo_copy: Path, tmp_path: Path) -> None:
    _poison(demo_copy)
    out = tmp_path / "output"
    build_site(demo_copy, out, pdf=False)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert set(DEMO_PAGES) - {VERIFIKASI_PAGE} <= set(pages)  # no PDF, no page of PDF hashes
    assert any(PAYLOAD in (out / p).read_text(encoding="utf-8") for p in pages), "the payload reached no page at all: the test would prove nothing"
    found: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page()
        for name in pages:
            page.goto((out / name).as_uri())
            bad = [u for u in page.evaluate(URLS) if re.sub(r"[\s\x00-\x1f]", "", u).lower().startswith("javascript:")]
            if bad:
                found[name] = bad
    assert found == {}
