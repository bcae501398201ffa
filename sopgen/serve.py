"""Live preview: build, serve on localhost, rebuild on every change, reload the browser.

The site is built into a temporary folder (``output/`` is never touched) and
served from there. A watcher (watchfiles) rebuilds after each change to the site
folder or the theme; every served HTML page carries a small script that asks
the server for the build number once a second and reloads the page when it
changed. When a build fails, every page shows the problems (file, line,
message) instead of the last good page, so nobody edits against a stale view;
the next good build replaces it.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
import traceback
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

VERSION_PATH = "/__sopgen__/versi"
RELOAD_SCRIPT = """<script>
(function () {{
  var versi = "{version}";
  function periksa() {{
    fetch("{path}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (v !== versi) window.location.reload();
    }}).catch(function () {{}});
  }}
  setInterval(periksa, 1000);
}})();
</script>"""


@dataclass
class BuildState:
    """The outcome of the latest build: its number, and its problems when it failed."""

    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    crash: str = ""
    """A failure that is not a content problem (a bug in sopgen), shown as its traceback."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.crash)


class Preview:
    """A running preview of one site: the builder, the watcher thread and the HTTP server."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = PREVIEW_PORT, pdf: bool = False):
        self.site_dir = site_dir.resolve()
        self.pdf = pdf
        self.work = Path(tempfile.mkdtemp(prefix="sopgen-serve-"))
        self.out_dir = self.work / "situs"
        self.state = BuildState()
        self.stop_event = threading.Event()
        self.watching = threading.Event()
        self.build_lock = threading.Lock()
        handler = partial(PreviewHandler, preview=self)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"http://{host}:{port}/"

    def rebuild(self) -> None:
        """Build once (never two at a time: they share the staging folder); record success or the problems."""
        with self.build_lock:
            self._build()

    def _build(self) -> None:
        problems: list[Problem] = []
        crash = ""
        try:
            cache = PdfCache(default_cache_dir(self.site_dir)) if self.pdf else None  # an edit lays out only the PDFs it changes
            (build_kabupaten if is_kabupaten(self.site_dir) else build_site)(self.site_dir, self.out_dir, pdf=self.pdf, cache=cache)
        except ContentError as exc:  # content and template mistakes alike, each at its file and line
            problems = exc.problems
        except Exception:
            crash = traceback.format_exc()
        with self.state.lock:
            self.state.problems, self.state.crash = problems, crash
            self.state.version += 1
        if problems:
            log.warning("pembangunan gagal: %d masalah, lihat peramban; pertama: %s", len(problems), problems[0].format())
        elif crash:
            log.warning("pembangunan gagal: %s", crash.strip().splitlines()[-1])
        else:
            log.info("dibangun ulang (versi %d)", self.state.version)

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
        return self

    def stop(self) -> None:
        """Stop serving and watching; remove the temporary build."""
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        shutil.rmtree(self.work, ignore_errors=True)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the latest good build, the build number, and the error page while a build fails."""

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
        with state.lock:
            version, failed = state.version, state.failed
            problems, crash = list(state.problems), state.crash
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == VERSION_PATH:
            self._send(HTTPStatus.OK, str(version).encode(), "text/plain; charset=utf-8")
        elif failed and _is_page(path):
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(problems, crash, version).encode(), "text/html; charset=utf-8")
        elif _is_page(path):
            self._send_page(path, version)
        else:
            super().do_GET()

    def _send_page(self, path: str, version: int) -> None:
        """An HTML page of the build with the reload script added before ``</body>``."""
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "Halaman tidak ditemukan")
            return
        page = file.read_text(encoding="utf-8")
        script = RELOAD_SCRIPT.format(version=version, path=VERSION_PATH)
        page = page.replace("</body>", script + "\n</body>", 1) if "</body>" in page else page + script
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


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
{RELOAD_SCRIPT.format(version=version, path=VERSION_PATH)}
</body>
</html>
"""

