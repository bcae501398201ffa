"""Pages from the cache are the pages a fresh build writes, whatever content file was edited.

A page is served from the cache when its key (its declared inputs, the navigation) is unchanged;
a page that reads a file its kind did not declare would then be served stale. So every content
file of the demo kabupaten is edited in turn, the way an administrator would edit it (a name, a
sentence, a figure), and the cached build must write exactly what a build without cache writes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sopgen.cache import OutputCache
from sopgen.portal import build_kabupaten

from .conftest import DEMO_KABUPATEN
from .support import without_index

TEXT_LINE = re.compile(r"^(\s*(?:- )?(?:nama|judul|uraian|catatan|tentang|jabatan|unit_kerja): )([^\"'|>\[{#\s][^#\n]*?)(\s*#.*)?$", re.M)
"""The first free-text field of a YAML file (a plain scalar, a comment after it kept)."""
SETTING_LINE = re.compile(r"^(desimal): (\d+)", re.M)
"""kebijakan.yaml has no text: its rounding is what its pages show."""
CSV_FIGURE = re.compile(r";(\d+),(\d)(\d)$", re.M)
"""A realisation figure of a sheet (decimal comma, last on its row)."""


def edited(text: str, suffix: str) -> str:
    """``text`` with one change its pages must show: the first edit of the list that applies."""
    if suffix == ".md":
        return text + "\n\nParagraf tambahan untuk pengujian.\n"
    if suffix == ".csv":
        return CSV_FIGURE.sub(lambda m: f";{m[1]},{(int(m[2]) + 1) % 10}{m[3]}", text, count=1)
    for pattern, change in ((TEXT_LINE, lambda m: f"{m[1]}{m[2]} Diubah{m[3] or ''}"), (SETTING_LINE, lambda m: f"{m[1]}: {int(m[2]) + 1}")):
        if pattern.search(text):
            return pattern.sub(change, text, count=1)
    return text


def content_files(root: Path) -> list[Path]:
    """The files an administrator edits: YAML, Markdown and sheets, not the generated schemas or the pictures."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".yaml", ".md", ".csv"} and "schemas" not in p.parts)


def test_every_demo_file_has_an_edit() -> None:
    """The test below edits every file: a file no edit reaches would be checked for nothing."""
    unedited = [p.relative_to(DEMO_KABUPATEN).as_posix() for p in content_files(DEMO_KABUPATEN)
                if edited(p.read_text(encoding="utf-8"), p.suffix) == p.read_text(encoding="utf-8")]
    assert unedited == []


def test_cached_pages_equal_a_fresh_build_after_each_edit(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(DEMO_KABUPATEN, root)
    cache_dir = tmp_path / ".sopgen-cache"

    def build(out: Path, cache: OutputCache | None) -> None:
        build_kabupaten(root, out, pdf=False, cache=cache)

    build(tmp_path / "warm", OutputCache(cache_dir))
    served_any = False
    for number, file in enumerate(content_files(root)):
        file.write_text(edited(file.read_text(encoding="utf-8"), file.suffix), encoding="utf-8")
        cached, fresh = OutputCache(cache_dir), tmp_path / f"fresh-{number}"
        build(tmp_path / f"cached-{number}", cached)
        build(fresh, None)
        name = file.relative_to(root).as_posix()
        assert without_index(tmp_path / f"cached-{number}") == without_index(fresh), f"after editing {name}"
        assert cached.rendered, f"editing {name} changed no page"
        served_any = served_any or bool(cached.served)
        shutil.rmtree(fresh)
        shutil.rmtree(tmp_path / f"cached-{number}")
    assert served_any, "no page was served from the cache: the comparison above checked nothing"


@pytest.mark.parametrize("pdf", [True, False])
def test_a_page_built_with_and_without_pdfs_is_kept_apart(tmp_path: Path, pdf: bool) -> None:
    """The SOP page links its PDF only when the site has PDFs: the two are different entries."""
    root = tmp_path / "content"
    shutil.copytree(DEMO_KABUPATEN, root)
    cache_dir = tmp_path / ".sopgen-cache"
    build_kabupaten(root, tmp_path / "first", only="pasirian", pdf=pdf, cache=OutputCache(cache_dir))
    cached = OutputCache(cache_dir)
    build_kabupaten(root, tmp_path / "cached", only="pasirian", pdf=not pdf, cache=cached)
    build_kabupaten(root, tmp_path / "fresh", only="pasirian", pdf=not pdf)
    page = "sop/pelayanan-legalisasi.html"
    assert page in cached.rendered
    assert without_index(tmp_path / "cached") == without_index(tmp_path / "fresh")
    assert ("pelayanan-legalisasi.pdf" in (tmp_path / "cached" / page).read_text(encoding="utf-8")) is (not pdf)
