"""Live preview: build, serve on localhost, rebuild on every change, reload the browser.

The site is built into a temporary folder (``output/`` is never touched) and
served from there. A watcher (watchfiles) rebuilds after each change to the site
folder or the theme; every served HTML page carries a small script listening to
the server's event stream (Server-Sent Events, no dependency), which announces
each new build the moment it is swapped in: the page reloads without waiting for
a poll. With ``--pdf`` the HTML is rebuilt and announced first and the PDFs follow
in the background (:class:`Preview`). When a build fails, every page shows the
problems (file, line, message) instead of the last good page, so nobody edits
against a stale view; the next good build replaces it.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles

from .build import build_site
from .cache import PdfCache, default_cache_dir
from .content.kabupaten import is_kabupaten
from .errors import ContentError, Problem
from .portal import build_kabupaten
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


class Preview:
    """A running preview of one site: the builders, the watcher thread and the HTTP server.

    Without PDFs one build (``--no-pdf``'s) serves everything. With PDFs an edit is answered in two steps:
    the HTML-only build into ``html_dir`` (seconds), served at once with a banner, then the build with PDFs
    into ``out_dir`` in the background (through the cache: only what the edit touched is laid out). Until it
    is swapped in, a PDF link serves the last good PDF of ``out_dir``, never a half-written one."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = PREVIEW_PORT, pdf: bool = False):
        self.site_dir = site_dir.resolve()
        self.pdf = pdf
        self.work = Path(tempfile.mkdtemp(prefix="sopgen-serve-"))
        self.out_dir = self.work / "situs"
        self.html_dir = self.work / "halaman" if pdf else self.out_dir
        self.state = BuildState()
        self.stop_event = threading.Event()
        self.watching = threading.Event()
        self.build_lock = threading.Lock()
        self.pdf_wanted = threading.Event()
        self.edits = 0
        """The HTML builds started: a build with PDFs started before the latest one is out of date."""
        handler = partial(PreviewHandler, preview=self)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> None:
        """Build the HTML (never two at a time: they share the staging folder); with PDFs, ask for them after."""
        with self.build_lock:
            self.edits += 1
            ok = self._build(self.html_dir, pdf=False, pdf_pending=self.pdf)
        if ok and self.pdf:
            self.pdf_wanted.set()

    def _build_pdfs(self) -> None:
        """Build with PDFs whenever asked. Its outcome is announced only if no HTML build came after it started:
        a newer edit's PDFs follow (it asks again), and a newer edit's problems stay on the pages."""
        while not self.stop_event.is_set():
            if not self.pdf_wanted.wait(timeout=0.5):
                continue
            self.pdf_wanted.clear()
            edits = self.edits
            cache = PdfCache(default_cache_dir(self.site_dir))  # an edit lays out only the PDFs it changes
            self._build(self.out_dir, pdf=True, pdf_pending=False, cache=cache, current=lambda: self.edits == edits)  # noqa: B023

    def _build(self, out_dir: Path, *, pdf: bool, pdf_pending: bool, cache: PdfCache | None = None,
               current: Callable[[], bool] = lambda: True) -> bool:
        """Build into ``out_dir`` and announce the outcome, unless a newer edit made it out of date; True if it built."""
        problems: list[Problem] = []
        crash = ""
        try:
            (build_kabupaten if is_kabupaten(self.site_dir) else build_site)(self.site_dir, out_dir, pdf=pdf, cache=cache)
        except ContentError as exc:  # content and template mistakes alike, each at its file and line
            problems = exc.problems
        except Exception:
            crash = traceback.format_exc()
        with self.state.changed:
            if not current():
                return False
            self.state.problems, self.state.crash = problems, crash
            self.state.pdf_pending = pdf_pending and not (problems or crash)
            self.state.version += 1
            self.state.changed.notify_all()
        what = "dengan PDF" if pdf and self.pdf else "HTML; PDF menyusul" if self.pdf else ""
        if problems:
            log.warning("pembangunan gagal: %d masalah, lihat peramban; pertama: %s", len(problems), problems[0].format())
        elif crash:
            log.warning("pembangunan gagal: %s", crash.strip().splitlines()[-1])
        else:
            log.info("dibangun ulang (versi %d%s)", self.state.version, f", {what}" if what else "")
        return not (problems or crash)

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
        self.threads += [watcher, server]
        if self.pdf:
            self.threads.append(threading.Thread(target=self._build_pdfs, daemon=True))
            self.threads[-1].start()
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
        shutil.rmtree(self.work, ignore_errors=True)


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

