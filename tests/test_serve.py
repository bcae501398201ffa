"""``sopgen serve``: the served page follows the files, and a content error replaces it with its place.

The preview runs in this process on a free port over a small site. After a
change the page must show it; after a mistake every page must show the
problem with its file and line (not the last good page); after the fix the
page is back. In Chromium, an open page reloads itself after a change.
"""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from sopgen.refresh import PageReuse
from sopgen.serve import EVENTS_PATH, Preview

from .support import small_site
from .support_tools import chromium

TIMEOUT = 30.0


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = small_site(tmp_path / "content", sops=2)
    running = Preview(site, port=0).start()
    yield running
    running.stop()


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def shows_error(url: str, text: str) -> bool:
    """True if ``url`` serves the error page and it names ``text``."""
    status, body = fetch(url)
    return status == 500 and text in body


def test_change_then_error_then_fix(preview: Preview) -> None:
    sop = preview.site_dir / "sop" / "prosedur-1.yaml"
    page = preview.url + "sop/prosedur-1.html"
    status, body = fetch(page)
    assert status == 200 and "Prosedur 1" in body and EVENTS_PATH in body

    edit(sop, "nama: Prosedur 1", "nama: Prosedur Pelayanan Surat Pindah")
    wait_for(lambda: "Prosedur Pelayanan Surat Pindah" in fetch(page)[1], "the changed name on the page")

    edit(sop, "disahkan_oleh: camat", "disahkan_oleh: camat\ntanggal_salah: 2024-01-01")
    line = sop.read_text(encoding="utf-8").splitlines().index("tanggal_salah: 2024-01-01") + 1
    # the watcher may see the file half-written (truncated, then written): wait for the error of the whole edit
    wait_for(lambda: shows_error(page, "tanggal_salah"), "the error page")
    status, body = fetch(page)
    assert status == 500 and re.search(rf"sop/prosedur-1\.yaml:{line}:\d+", body), body
    assert "tanggal_salah" in body and "Prosedur Pelayanan Surat Pindah" not in body
    assert fetch(preview.url + "index.html")[0] == 500, "every page shows the error, not a stale page"

    edit(sop, "\ntanggal_salah: 2024-01-01", "")
    wait_for(lambda: fetch(page)[0] == 200, "the page after the fix")
    assert "Prosedur Pelayanan Surat Pindah" in fetch(page)[1]


def events(url: str) -> Generator[str]:
    """The data of each event the preview's stream sends (keep-alive comments skipped)."""
    with urllib.request.urlopen(url + EVENTS_PATH.lstrip("/"), timeout=TIMEOUT) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data: "):
                yield line.removeprefix("data: ")


def test_stream_announces_a_change(preview: Preview) -> None:
    body = fetch(preview.url + "sop/prosedur-1.html")[1]
    assert "new EventSource(" in body and EVENTS_PATH in body
    stream = events(preview.url)
    first = next(stream)
    assert first == str(preview.state.version), "the stream starts with the build the page may show"
    edit(preview.site_dir / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Surat Keterangan Usaha")
    assert int(next(stream)) > int(first)
    assert "Prosedur Surat Keterangan Usaha" in fetch(preview.url + "sop/prosedur-1.html")[1]
    stream.close()


def test_broken_yaml_names_file_and_line(preview: Preview) -> None:
    sop = preview.site_dir / "sop" / "prosedur-2.yaml"
    edit(sop, "pelaksana: [Camat, Staf]", "pelaksana: [Camat, Staf")
    wait_for(lambda: fetch(preview.url)[0] == 500, "the error page")
    assert re.search(r"sop/prosedur-2\.yaml:\d+:\d+", fetch(preview.url)[1])


def test_open_page_reloads_itself(preview: Preview) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto(preview.url + "sop/prosedur-2.html")
        assert "Prosedur 2" in page.locator("h1").inner_text()
        edit(preview.site_dir / "sop" / "prosedur-2.yaml", "nama: Prosedur 2", "nama: Prosedur Legalisir Dokumen")
        page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.includes('Legalisir')", timeout=TIMEOUT * 1000)


def test_an_edit_is_answered_by_the_quick_build_and_reloads_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick build answers the edit (only its pages rendered), the full build follows and, agreeing, is not announced."""
    from sopgen import serve

    builds: list[tuple[str, list[str]]] = []
    real = serve.build_site

    def spy(*args: Any, reuse: PageReuse | None = None, **kwargs: Any) -> Any:
        result = real(*args, reuse=reuse, **kwargs)
        assert reuse is not None
        builds.append(("quick" if reuse.quick else "full", reuse.rendered))
        return result

    monkeypatch.setattr(serve, "build_site", spy)
    background = partial(ThreadPoolExecutor, 1)  # the full build in this process, where the spy is
    preview = Preview(small_site(tmp_path / "content", sops=3), port=0, background=background).start()
    try:
        page = preview.url + "sop/prosedur-2.html"
        before = preview.state.version
        edit(preview.site_dir / "sop" / "prosedur-2.yaml", "nama: Prosedur 2", "nama: Prosedur Surat Domisili")
        wait_for(lambda: len(builds) == 3 and not preview.pages_quick, "the quick build and the full one after it")
        assert [kind for kind, _ in builds] == ["full", "quick", "full"]
        assert {"sop/prosedur-2.html", "index.html"} <= set(builds[1][1]) and "sop/prosedur-1.html" not in builds[1][1]
        assert preview.state.version == before + 1, "one announcement, one reload: the full build agreed"
        assert "Prosedur Surat Domisili" in fetch(page)[1]
        assert "Prosedur Surat Domisili" in (preview.out_dir / "index.html").read_text(encoding="utf-8")
    finally:
        preview.stop()


def test_a_lint_error_shows_once_the_full_build_is_done(preview: Preview) -> None:
    """The quick build does not lint; the full one after it finds the error and every page shows it."""
    sop = preview.site_dir / "sop" / "prosedur-1.yaml"
    edit(sop, "nama: Prosedur 1", "nama: Prosedur 1\ndiganti_oleh: prosedur-2")
    wait_for(lambda: shows_error(preview.url + "sop/prosedur-1.html", "diganti_oleh"), "the error page")
    status, body = fetch(preview.url)
    line = sop.read_text(encoding="utf-8").splitlines().index("diganti_oleh: prosedur-2") + 1
    assert status == 500 and re.search(rf"sop/prosedur-1\.yaml:{line}:\d+", body) and "diganti_oleh" in body


def test_a_killed_background_process_is_replaced_and_its_build_run_again(tmp_path: Path) -> None:
    """kill -9 of the process the full build runs in (out of memory, say): a new one takes the build over."""
    preview = Preview(small_site(tmp_path / "content", sops=2), port=0).start()
    try:
        edit(preview.site_dir / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Surat Pindah")
        workers = lambda: list((getattr(preview.background, "_processes", None) or {}).values())  # noqa: E731
        wait_for(lambda: bool(workers()), "the background process started for the full build")
        first = workers()[0]
        os.kill(first.pid, signal.SIGKILL)
        wait_for(lambda: not preview.pages_quick, "the full build, run again in a new process")
        assert not preview.state.failed and workers() and workers()[0].pid != first.pid
        assert "Prosedur Surat Pindah" in fetch(preview.url + "sop/prosedur-1.html")[1]
    finally:
        preview.stop()


class BrokenPool(ThreadPoolExecutor):
    """An executor whose worker is always gone, as a process pool's is after its process died."""

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        raise BrokenExecutor("the worker died")


def test_a_background_process_that_keeps_dying_is_shown_as_a_failure(tmp_path: Path) -> None:
    preview = Preview(small_site(tmp_path / "content", sops=2), port=0, background=partial(BrokenPool, 1)).start()
    try:
        edit(preview.site_dir / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Surat Pindah")
        wait_for(lambda: shows_error(preview.url, "berhenti tiba-tiba dua kali"), "the error page")
        assert preview.pages_quick, "the quick build's pages stay the record: the next edit is quick again"
        assert "dua kali" in preview.state.crash and not preview.state.problems
    finally:
        preview.stop()
