"""External tools the site tests need (Debian's chromium, Java, the Nu Html Checker), found in one place.

On a developer's machine a missing tool skips its tests with the reason; under
``CI=true`` a missing tool fails them, so a CI image that lost a package cannot
pass by skipping. ``.ci/run`` needs: apt ``chromium default-jre-headless``
(plus ``nodejs npm``) and ``npm install -g vnu-jar`` (or ``VNU_JAR=<path>``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from sopgen.reporter import in_ci

CHROMIUM_ARGS = [
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


def chromium() -> str:
    """Debian's chromium (or ``CHROMIUM=<path>``), and playwright to drive it."""
    try:
        import playwright.sync_api  # noqa: F401 - only checking that it is installed
    except ImportError:
        missing("paket Python 'playwright' tidak terpasang")
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        missing("chromium tidak ditemukan (apt-get install chromium)")
    return path


def java() -> str:
    """The machine's Java, which runs the Nu Html Checker."""
    path = shutil.which("java")
    if path is None:
        missing("java tidak ditemukan (apt-get install default-jre-headless)")
    return str(path)


def vnu_jar() -> Path:
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


def artifact(name: str) -> Path:
    """A path under the artifacts folder for a file a person should look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
