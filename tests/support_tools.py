"""External tools the tests need (Debian's chromium, pdftoppm, Java with the Nu Html Checker, LibreOffice), in one place.

Tests reach these tools only through :func:`chromium`, :func:`rasterise`,
:func:`vnu`, :func:`qr_codes`, :func:`pdf_fonts`, :func:`pdf_column_text` and :func:`libreoffice_pdf`, never by a path of their own. On a developer's machine a missing
tool skips its tests with the reason; under ``CI=true`` a missing tool fails
them, so a CI image that lost a package cannot pass by skipping. ``.ci/run``
needs: apt ``poppler-utils chromium default-jre-headless libreoffice-writer-nogui zbar-tools`` (plus ``nodejs npm``)
and ``npm install -g vnu-jar`` (or ``VNU_JAR=<path>``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import pytest

from sopgen.reporter import in_ci

if TYPE_CHECKING:
    from playwright.sync_api import Browser

_CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("SOPGEN_ARTIFACTS", REPO / ".artifacts"))
"""Where tests leave screenshots and reports for a person (or CI) to look at."""


def missing(reason: str) -> NoReturn:
    """Skip the test with ``reason``; fail it instead under CI, where every tool must be present."""
    if in_ci():
        pytest.fail(f"{reason} (wajib ada di CI)", pytrace=False)
    pytest.skip(reason)


def _program(name: str, env: str, package: str) -> str:
    """The program ``name`` from ``$env`` or the PATH; skipped (failed under CI) when absent."""
    path = os.environ.get(env) or shutil.which(name)
    if not path or not Path(path).is_file():
        missing(f"{name} tidak ditemukan (apt-get install {package}, atau {env}=<path>)")
    return path


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium (or ``CHROMIUM=<path>``) launched headless through playwright, closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("paket Python 'playwright' tidak terpasang")
    executable = _program("chromium", "CHROMIUM", "chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=_CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def rasterise(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """Every page of ``pdf`` as a greyscale PNG (pdftoppm) in ``folder``, in page order."""
    program = _program("pdftoppm", "PDFTOPPM", "poppler-utils")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([program, "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "halaman")], check=True)
    pages = sorted(folder.glob("halaman-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
    assert pages, f"pdftoppm wrote no page for {pdf}"
    return pages


def qr_codes(png: Path) -> list[str]:
    """The text of every QR code zbarimg (Debian's zbar-tools) finds in ``png``; empty when there is none."""
    program = _program("zbarimg", "ZBARIMG", "zbar-tools")
    done = subprocess.run([program, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 4), done.stderr  # 4: no code found
    return done.stdout.splitlines()


def _vnu_jar() -> Path:
    """vnu.jar from ``VNU_JAR``, a local or the global npm ``vnu-jar`` package."""
    candidates = [os.environ.get("VNU_JAR", "")]
    candidates.append(str(REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    npm = shutil.which("npm")
    if npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False).stdout.strip()
        if root:
            candidates.append(str(Path(root) / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    missing("vnu.jar tidak ditemukan (npm install -g vnu-jar, atau VNU_JAR=<path>)")


def vnu(*args: str) -> subprocess.CompletedProcess[str]:
    """The Nu Html Checker run on the machine's Java with ``args``; the caller judges what it said."""
    command = [_program("java", "JAVA", "default-jre-headless"), "-jar", str(_vnu_jar()), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)


class PdfFont(NamedTuple):
    """A font as ``pdffonts`` lists it."""

    name: str
    embedded: bool
    object: int
    """The font dictionary's object number."""


def pdf_fonts(pdf: Path) -> list[PdfFont]:
    """Every font of ``pdf`` as poppler's ``pdffonts`` lists it: its name, whether it is embedded, its object."""
    program = _program("pdffonts", "PDFFONTS", "poppler-utils")
    listing = subprocess.run([program, str(pdf)], check=True, capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert listing[:2] and listing[1].startswith("---"), listing[:2]
    # name type encoding emb sub uni object-id (two numbers): 'emb' is the fifth field from the end
    return [PdfFont(line.split()[0], line.split()[-5] == "yes", int(line.split()[-2])) for line in listing[2:] if line.strip()]


def pdf_column_text(pdf: Path, left_mm: float, right_mm: float) -> str:
    """The text of every page printed between ``left_mm`` and ``right_mm`` from the sheet's left edge (pdftotext's crop box)."""
    program = _program("pdftotext", "PDFTOTEXT", "poppler-utils")
    x, width = round(left_mm / 25.4 * 72), round((right_mm - left_mm) / 25.4 * 72)
    command = [program, "-r", "72", "-x", str(x), "-y", "0", "-W", str(width), "-H", "100000", str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout


def libreoffice_pdf(documents: list[Path], folder: Path) -> list[Path]:
    """Each .docx converted to PDF by LibreOffice (``soffice --headless --convert-to pdf``, one run for all), in order.

    A private profile folder, so a LibreOffice the developer has open (or a parallel test) is not disturbed.
    """
    program = _program("soffice", "SOFFICE", "libreoffice-writer-nogui")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "profil").resolve().as_uri()
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    converted = [folder / (d.stem + ".pdf") for d in documents]
    assert all(c.is_file() for c in converted), f"LibreOffice wrote no PDF for {[d for d, c in zip(documents, converted) if not c.is_file()]}"
    return converted


def axe_script() -> str:
    """axe-core's browser script, from the npm package ``.ci/run`` installs globally (or ``AXE_CORE=<path>``)."""
    path = os.environ.get("AXE_CORE")
    if not path:
        npm = shutil.which("npm")
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False).stdout.strip() if npm else ""
        path = str(Path(root) / "axe-core" / "axe.min.js") if root else ""
    if not path or not Path(path).is_file():
        missing("axe-core tidak ditemukan (npm install -g axe-core, atau AXE_CORE=<path ke axe.min.js>)")
    return Path(path).read_text(encoding="utf-8")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over http by a plain static server (as a static host would), as its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def artifact(name: str) -> Path:
    """A path under the artifacts folder for a file a person should look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
