"""Where CI, the dev container and a colleague can install this very sopgen from.

sopgen is not on the package index, so ``pip install sopgen`` fails in every new repository.
The running sopgen knows where it came from: pip records it in the distribution's PEP 610
``direct_url.json``. A git URL with its commit, or a wheel or archive on a web server, is
reachable from CI and pinned; a local folder or file (an editable checkout, a wheel on this
disk) is not, and then the user has to say where CI gets sopgen (``sopgen init --paket``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from . import __version__

DISTRIBUTION = "sopgen"


@dataclass(frozen=True)
class InstallSource:
    """A pip requirement for sopgen, and why CI may not be able to use it (empty when it can)."""

    requirement: str
    unreachable: str = ""


def running_source() -> InstallSource:
    """Where the running sopgen was installed from, as a pinned requirement CI can install."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    return source_from(json.loads(text) if text else None, __version__)


def source_from(direct_url: dict[str, Any] | None, version: str) -> InstallSource:
    """The requirement for one ``direct_url.json`` (``None``: installed from a package index)."""
    pinned = f"{DISTRIBUTION}=={version}"
    if direct_url is None:
        return InstallSource(pinned)
    url = str(direct_url.get("url", ""))
    if url.startswith("file:"):
        place = "folder" if "dir_info" in direct_url else "berkas"
        return InstallSource(pinned, f"sopgen ini dipasang dari {place} di komputer ini ({url}), yang tidak dapat dijangkau CI")
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict):
        folder = direct_url.get("subdirectory")
        where = f"#subdirectory={folder}" if folder else ""
        return InstallSource(f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}{where}")
    archive = direct_url.get("archive_info")
    digest = archive.get("hashes", {}).get("sha256") if isinstance(archive, dict) else None
    return InstallSource(f"{DISTRIBUTION} @ {url}" + (f"#sha256={digest}" if digest else ""))


WEASYPRINT_APT = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "libcairo2")
"""Debian/Ubuntu packages the build needs (absent from slim images): Pango for WeasyPrint's PDFs,
cairo for CairoSVG's pictures in the Word copies (Pango's packages do not pull it in)."""

_REQUIREMENT = re.compile(r"^[A-Za-z0-9./][A-Za-z0-9 ._+=<>!~@:/#?&%,\[\]-]*$")


def checked_requirement(text: str) -> str:
    """``text`` if it can be written into YAML, JSON and a shell line as it is; else ValueError for the user."""
    if len(text) > 500 or not _REQUIREMENT.match(text):
        raise ValueError(f"--paket {text[:80]!r} bukan persyaratan pip yang dapat dipakai CI "
                         "(mis. 'sopgen @ git+https://github.com/ORGANISASI/sopgen@v0.1.0')")
    return text
