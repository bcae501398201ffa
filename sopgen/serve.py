"""Live preview: build, serve on localhost, rebuild on every change, reload the browser.

The site is built into a temporary folder (``output/`` is never touched) and
served from there. A watcher (watchfiles) rebuilds after each change to the site
folder or the theme; every served HTML page carries a small script listening to
the server's event stream (Server-Sent Events, no dependency), which announces
each new build the moment it is swapped in: the page reloads without waiting for
a poll. An edit is answered by a quick build of the HTML (:mod:`sopgen.refresh`:
only the pages the edit reaches are rendered, in well under a second at 100 SOPs);
the full build follows when idle, and with ``--pdf`` the PDFs after it
(:class:`Preview`). When a build fails, every page shows the problems (file, line,
message) instead of the last good page, so nobody edits against a stale view; the
next good build replaces it.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, TimeoutError
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles

from .build import build_site
from .cache import OutputCache, default_cache_dir
from .content.documents import Parsed
from .content.kabupaten import is_kabupaten
from .errors import ContentError, Problem
from .output import swap_in
from .pool import worker_pool
from .portal import build_kabupaten
from .refresh import Made, PageReuse
from .render.env import THEMES_DIR

PREVIEW_PORT = 8000
"""The port the preview listens on unless told otherwise (the dev container forwards it)."""

log = logging.getLogger(__name__)

EVENTS_PATH = "/__sopgen__/peristiwa"
"""The Server-Sent Events stream: the build number now, then each new one as it is made."""
KEEPALIVE_SECONDS = 15.0
"""How long a stream stays silent before a comment line: a dead connection is then noticed and closed."""
RELOAD_SCRIPT = """<script>
(function () {{
  var versi = "{version}";
  function dengar() {{
    var sumber = new EventSource("{path}");
    sumber.onmessage = function (e) {{ if (e.data !== versi) window.location.reload(); }};
    sumber.onerror = function () {{
      if (sumber.readyState === EventSource.CLOSED) setTimeout(dengar, 1000);
    }};
  }}
  dengar();
}})();
</script>"""
"""Reloads the page when the server announces a build other than the one it shows. The browser reconnects a
dropped stream by itself (and the server then sends the current number first, so a build made meanwhile
reloads the page); a stream the browser gave up on (the server was restarted and refused it) is opened again."""
PDF_BANNER = (
    '<div role="status" id="sopgen-pdf-dibuat" style="position:fixed;bottom:1rem;right:1rem;z-index:1000;'
    'background:#fff4ce;color:#1b1b1b;border:1px solid #c8a600;padding:0.5rem 0.9rem;'
    'font:0.9rem/1.4 &quot;Liberation Sans&quot;,Arial,sans-serif">PDF sedang dibuat ulang…</div>'
)
"""Shown on every page whose HTML is newer than the PDFs: a PDF link serves the last good PDF until then."""


@dataclass
class BuildState:
    """The outcome of the latest build: its number, its problems when it failed, whether PDFs are being rebuilt."""

    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    crash: str = ""
    """A failure that is not a content problem (a bug in sopgen), shown as its traceback."""
    pdf_pending: bool = False
    """The pages come from the HTML-only build, newer than the last build with PDFs (still served for PDF links)."""
    changed: threading.Condition = field(default_factory=threading.Condition)
    """Held to read or change the fields; notified at each new version (and at stop) for the event streams."""

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.crash)

    def wait_past(self, version: int, stop: threading.Event) -> int:
        """The build number once it is not ``version`` (or ``version`` after the keep-alive time, or at stop)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or stop.is_set(), timeout=KEEPALIVE_SECONDS)
            return self.version


@dataclass(frozen=True)
class Outcome:
    """How one build ended: the content problems that stopped it, or the traceback of a failure of sopgen's own."""

    problems: list[Problem] = field(default_factory=list)
    crash: str = ""

    @property
    def ok(self) -> bool:
        return not (self.problems or self.crash)


def run_build(site_dir: Path, out_dir: Path, *, pdf: bool, kabupaten: bool, cache: OutputCache | None = None,
              reuse: PageReuse | None = None) -> Outcome:
    """Build into ``out_dir``; what stopped it, if anything."""
    try:
        if kabupaten:
            build_kabupaten(site_dir, out_dir, pdf=pdf, cache=cache, reuse=reuse)
        else:
            build_site(site_dir, out_dir, pdf=pdf, cache=cache, reuse=reuse)
    except ContentError as exc:  # content and template mistakes alike, each at its file and line
        return Outcome(exc.problems)
    except Exception:
        return Outcome(crash=traceback.format_exc())
    return Outcome()


@dataclass(frozen=True)
class Background:
    """A build the preview leaves to its background process: the full HTML build (compared with ``served``) or the PDFs'."""

    site_dir: Path
    out_dir: Path
    kabupaten: bool
    pdf: bool
    served: Path
    """The HTML being served, which a full HTML build is compared with."""
    last: dict[str, Made]


@dataclass(frozen=True)
class Finished:
    """A background build's outcome and, for the full HTML build, its record and the pages that differ from the served."""

    outcome: Outcome
    made: dict[str, Made] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


def build_in_background(task: Background) -> Finished:
    """Run in the preview's background process (its own GIL: the quick builds of the next edits are not slowed)."""
    if task.pdf:
        cache = OutputCache(default_cache_dir(task.site_dir))  # an edit lays out only the PDFs it changes
        return Finished(run_build(task.site_dir, task.out_dir, pdf=True, kabupaten=task.kabupaten, cache=cache))
    reuse = PageReuse(task.served, task.last, quick=False)
    outcome = run_build(task.site_dir, task.out_dir, pdf=False, kabupaten=task.kabupaten, reuse=reuse)
    return Finished(outcome, reuse.made, reuse.changed)


class Preview:
    """A running preview of one site: the builders, the watcher thread and the HTTP server.

    An edit is answered in steps. First the quick build of the HTML into ``html_dir`` (:mod:`sopgen.refresh`:
    only the pages whose inputs changed are rendered, the rest linked from the build served), announced
    at once. Then, in the background, the full HTML build (lint, the PDFs' HTML, the links, the search
    index) into ``side_dir``, swapped in and announced only if a page differs or it found a problem.
    With PDFs, last, the build with PDFs into ``out_dir`` (through the cache: only what the edit touched is
    laid out); until it is swapped in, pages carry a banner and a PDF link serves the last good PDF of
    ``out_dir``, never a half-written one. A newer edit makes the steps of an older one moot: their
    outcome is dropped and the new edit's follow."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = PREVIEW_PORT, pdf: bool = False,
                 background: Callable[[], Executor] | None = None):
        """``background``: makes the executor of the full HTML and PDF builds (by default a process of their own;
        made again if that process dies)."""
        self.site_dir = site_dir.resolve()
        self.make_background = background or partial(worker_pool, 1)
        self.background = self.make_background()
        self.pdf = pdf
        self.work = Path(tempfile.mkdtemp(prefix="sopgen-serve-"))
        self.out_dir = self.work / "situs"
        self.html_dir = self.work / "halaman" if pdf else self.out_dir
        self.side_dir = self.work / "lengkap"
        self.state = BuildState()
        self.stop_event = threading.Event()
        self.watching = threading.Event()
        self.build_lock = threading.Lock()
        """Held by each build into ``html_dir`` and by the swap of a full build in: one at a time."""
        self.follow_up = threading.Event()
        """Set when the served build wants the full HTML build (after a quick one) or the PDFs."""
        self.edits = 0
        """The HTML builds started: a background build started before the latest one is out of date."""
        self.pages: dict[str, Made] = {}
        """What each output of the served HTML build wrote (a unit's under ``<unit>/``)."""
        self.pages_quick = False
        """The served HTML comes from a quick build: the full one has yet to check it."""
        self.parsed: Parsed = {}
        """The content files the builds here parsed, for the next quick build (the background's full builds parse their own)."""
        handler = partial(PreviewHandler, preview=self)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.threads: list[threading.Thread] = []

    @property
    def kabupaten(self) -> bool:
        """Asked at each build: a pemda.yaml saved during the preview makes the folder a multi-unit site."""
        return is_kabupaten(self.site_dir)

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> None:
        """Build the HTML: quickly when the served build says what each page was made from, else (and when the
        quick build fails, to list the lint's problems too) in full; then ask for the rest in the background."""
        with self.build_lock:
            self.edits += 1
            outcome = self._pages(self.html_dir, quick=True) if self.pages else None
            if outcome is None or not outcome.ok:
                outcome = self._pages(self.html_dir, quick=False)
            self._announce(outcome, "HTML" + ("; PDF menyusul" if self.pdf else ""), pdf_pending=self.pdf)
        if outcome.ok:
            self.follow_up.set()

    def _pages(self, out_dir: Path, *, quick: bool) -> Outcome:
        """Build the HTML into ``out_dir`` here (the quick build, or the full one when there is nothing to reuse); it becomes :attr:`pages`."""
        reuse = PageReuse(self.html_dir, self.pages, quick=quick, parsed=self.parsed)
        outcome = run_build(self.site_dir, out_dir, pdf=False, kabupaten=self.kabupaten, reuse=reuse)
        if outcome.ok:
            self.pages, self.pages_quick = reuse.made, quick
        return outcome

    def _follow(self) -> None:
        """Whenever asked: the full HTML build after a quick one, then the build with PDFs. Each outcome is announced
        only if no HTML build came after it started: a newer edit's steps follow, and its problems stay on the pages."""
        while not self.stop_event.is_set():
            if not self.follow_up.wait(timeout=0.5):
                continue
            self.follow_up.clear()
            edits = self.edits
            if self.pages_quick and not self._complete(edits):
                continue
            if self.pdf:
                finished = self._in_background(Background(self.site_dir, self.out_dir, self.kabupaten, True, self.html_dir, {}))
                self._announce(finished.outcome, "dengan PDF", pdf_pending=False, current=lambda: self.edits == edits)  # noqa: B023

    def _complete(self, edits: int) -> bool:
        """The full HTML build of what a quick one served; True if it is swapped in (no newer edit, no problem).

        Announced only when it tells something new: a page that differs (an input its kind did not declare),
        or a problem the quick build does not look for (the lint, a PDF's HTML, a broken link)."""
        finished = self._in_background(Background(self.site_dir, self.side_dir, self.kabupaten, False, self.html_dir, self.pages))
        with self.build_lock:
            if self.edits != edits:
                return False
            if finished.outcome.ok:
                swap_in(self.side_dir, self.html_dir)
                self.pages, self.pages_quick = finished.made, False
            if not finished.outcome.ok or finished.changed:
                self._announce(finished.outcome, "HTML lengkap", pdf_pending=self.pdf)
            else:
                log.debug("pembangunan lengkap sama dengan yang dilayani; indeks pencarian diperbarui")
        return finished.outcome.ok

    def _in_background(self, task: Background, tries: int = 2) -> Finished:
        """Run ``task`` in the background executor and wait (a stop drops it). A worker that dies (killed, out of
        memory) is replaced and the task tried once more; a second death is shown as a crash."""
        try:
            future = self.background.submit(build_in_background, task)
            while not self.stop_event.is_set():
                try:
                    return future.result(timeout=0.5)
                except TimeoutError:
                    continue
        except BrokenExecutor:
            self.background.shutdown(wait=False, cancel_futures=True)
            self.background = self.make_background()
            if tries > 1 and not self.stop_event.is_set():
                log.warning("proses pembangunan di latar belakang berhenti; diulang")
                return self._in_background(task, tries - 1)
            return Finished(Outcome(crash="proses pembangunan di latar belakang berhenti tiba-tiba dua kali (kehabisan memori?); "
                                          "simpan lagi untuk mengulang"))
        except Exception:  # the task or its result could not cross to the process and back: a bug of sopgen's, shown as such
            return Finished(Outcome(crash=traceback.format_exc()))
        return Finished(Outcome(crash="pratinjau dihentikan"))

    def _announce(self, outcome: Outcome, what: str, *, pdf_pending: bool, current: Callable[[], bool] = lambda: True) -> None:
        """Make ``outcome`` the state the pages show, as a new build number, unless a newer edit made it out of date."""
        with self.state.changed:
            if not current():
                return
            self.state.problems, self.state.crash = outcome.problems, outcome.crash
            self.state.pdf_pending = pdf_pending and outcome.ok
            self.state.version += 1
            self.state.changed.notify_all()
        if outcome.problems:
            log.warning("pembangunan gagal: %d masalah, lihat peramban; pertama: %s", len(outcome.problems), outcome.problems[0].format())
        elif outcome.crash:
            log.warning("pembangunan gagal: %s", outcome.crash.strip().splitlines()[-1])
        else:
            log.info("dibangun ulang (versi %d, %s)", self.state.version, what)

    def watched(self) -> list[Path]:
        """The site folder and, when it exists apart from it, the shipped themes folder."""
        paths = [self.site_dir]
        if THEMES_DIR.is_dir() and not THEMES_DIR.is_relative_to(self.site_dir):
            paths.append(THEMES_DIR)
        return paths

    def _watch(self) -> None:
        """Rebuild after each batch of changes; the first (empty) timeout says the watcher is running."""
        changes_seen = watchfiles.watch(
            *self.watched(), stop_event=self.stop_event, raise_interrupt=False, yield_on_timeout=True, rust_timeout=500,
        )
        for changes in changes_seen:
            self.watching.set()
            if changes:
                self.rebuild()

    def start(self) -> Preview:
        """Watch, build once, then serve; a change made during the first build triggers another."""
        watcher = threading.Thread(target=self._watch, daemon=True)
        watcher.start()
        self.watching.wait(timeout=10)
        self.rebuild()
        server = threading.Thread(target=self.server.serve_forever, daemon=True)
        server.start()
        follower = threading.Thread(target=self._follow, daemon=True)
        follower.start()
        self.threads += [watcher, server, follower]
        return self

    def stop(self) -> None:
        """Stop serving, streaming and watching; remove the temporary build."""
        self.stop_event.set()
        with self.state.changed:
            self.state.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        _shut_down(self.background)
        shutil.rmtree(self.work, ignore_errors=True)


def _shut_down(executor: Executor) -> None:
    """Stop ``executor`` now: nothing queued starts, and a worker process still building is ended (its build is moot)."""
    workers = list((getattr(executor, "_processes", None) or {}).values())  # a ProcessPoolExecutor's (3.14 adds terminate_workers())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the latest good build, the stream of build numbers, and the error page while a build fails."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, directory=str(preview.out_dir), **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        state = self.preview.state
        with state.changed:
            version, failed, pending = state.version, state.failed, state.pdf_pending
            problems, crash = list(state.problems), state.crash
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if pending:  # pages, styles and pictures of the newer HTML build; PDFs of the last build with them
            self.directory = _newest(self.preview.html_dir, self.preview.out_dir, self.translate_path(path))
        if path == EVENTS_PATH:
            self._stream(version)
        elif failed and _is_page(path):
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(problems, crash, version).encode(), "text/html; charset=utf-8")
        elif _is_page(path):
            self._send_page(path, version, pending)
        else:
            super().do_GET()

    def _stream(self, version: int) -> None:
        """Send the build number now and each new one until the page goes away or the preview stops."""
        state, stop = self.preview.state, self.preview.stop_event
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        try:
            self.wfile.write(f"retry: 1000\ndata: {version}\n\n".encode())
            self.wfile.flush()
            while not stop.is_set():
                now = state.wait_past(version, stop)
                self.wfile.write(f"data: {now}\n\n".encode() if now != version else b": tetap\n\n")
                self.wfile.flush()
                version = now
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def _send_page(self, path: str, version: int, pending: bool) -> None:
        """An HTML page of the build with the reload script (and, while PDFs are made, the banner) before ``</body>``."""
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "Halaman tidak ditemukan")
            return
        page = file.read_text(encoding="utf-8")
        script = (PDF_BANNER if pending else "") + RELOAD_SCRIPT.format(version=version, path=EVENTS_PATH)
        page = page.replace("</body>", script + "\n</body>", 1) if "</body>" in page else page + script
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _newest(html_dir: Path, out_dir: Path, translated: str) -> str:
    """The folder to serve a file from while PDFs are made: the HTML build's, unless only the last full build has it."""
    relative = Path(translated).relative_to(out_dir)
    return str(out_dir if not (html_dir / relative).exists() and (out_dir / relative).exists() else html_dir)


def _is_page(path: str) -> bool:
    """True for HTML pages and folder URLs (which serve their index.html)."""
    return path.endswith((".html", "/")) or "." not in path.rsplit("/", 1)[-1]


def error_page(problems: list[Problem], crash: str, version: int) -> str:
    """A self-contained page listing what stopped the build, one problem per line with its place."""
    items = "".join(
        f'<li><code class="letak">{html.escape(f"{p.path}:{p.line}:{p.column}")}</code> '
        f'{"<strong>peringatan</strong> " if p.level.name == "WARNING" else ""}'
        f'{html.escape(f"{p.field}: " if p.field else "")}{html.escape(p.message)}'
        f'{html.escape(f"; {p.hint}") if p.hint else ""}</li>'
        for p in problems
    )
    body = f"<ol>{items}</ol>" if problems else f"<pre>{html.escape(crash)}</pre>"
    count = f"{len(problems)} masalah" if problems else "Kesalahan"
    return f"""<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>Pembangunan gagal · sopgen</title>
<style>
body {{ font: 1rem/1.5 "Liberation Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }}
h1 {{ color: #8a1c1c; font-size: 1.5rem; }}
li {{ margin: 0.6rem 0; }}
code.letak {{ font-weight: bold; background: #fbeaea; padding: 0 0.3em; }}
pre {{ background: #f4f4f4; padding: 1rem; overflow-x: auto; }}
</style></head>
<body>
<h1>Situs belum dapat dibangun: {count}</h1>
<p>Perbaiki berkas di bawah ini lalu simpan; halaman ini akan dimuat ulang sendiri.</p>
{body}
{RELOAD_SCRIPT.format(version=version, path=EVENTS_PATH)}
</body>
</html>
"""

