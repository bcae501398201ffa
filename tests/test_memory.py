"""A Word copy's garbage is collected as soon as the copy is written, with the loaded site frozen
while a build renders, and nothing left frozen after it (``sopgen/memory.py``).

The collector is switched off for the build: then only the explicit collection after each copy
can free a copy's reference cycles (python-docx's parts and package), and a copy still alive when
the next one starts is what made a pool worker of a large site grow past 1 GB.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sopgen.render.docx_sop as docx_sop
from sopgen.build import build_site

from .support import small_site


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_each_word_copy_is_collected_before_the_next_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector_off: None) -> None:
    made: list[weakref.ref[Any]] = []
    alive: list[int] = []
    frozen: list[int] = []
    original = docx_sop.Document

    def tracked(*args: Any, **kwargs: Any) -> Any:
        alive.append(sum(ref() is not None for ref in made))
        frozen.append(gc.get_freeze_count())
        document = original(*args, **kwargs)
        made.append(weakref.ref(document.part))
        return document

    monkeypatch.setattr(docx_sop, "Document", tracked)
    build_site(small_site(tmp_path / "content", sops=3), tmp_path / "out", pdf=True)
    assert len(made) == 3 and sorted(p.name for p in (tmp_path / "out/sop").glob("*.docx")) == [
        "prosedur-1.docx", "prosedur-2.docx", "prosedur-3.docx"]
    assert alive == [0, 0, 0] and all(ref() is None for ref in made)
    assert all(count > 0 for count in frozen)  # the loaded site was out of the collector's walk
    assert gc.get_freeze_count() == 0  # and is back in it: a process that builds again can free it


def test_a_build_without_pdfs_collects_nothing_per_sop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check`` and ``--no-pdf`` render each Word copy's templates but make no copy: a full collection per
    SOP there, with nothing frozen, would walk the whole loaded site once per SOP."""
    collections: list[int] = []
    monkeypatch.setattr(docx_sop, "release", lambda: collections.append(gc.get_freeze_count()))
    site = small_site(tmp_path / "content", sops=3)
    build_site(site, tmp_path / "html", pdf=False)
    assert collections == []
    build_site(site, tmp_path / "pdf", pdf=True)
    assert len(collections) == 3 and all(count > 0 for count in collections)
