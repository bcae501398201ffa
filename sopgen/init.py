"""``sopgen init``: a new content repository that builds, checks and publishes itself.

It holds the site folder (``content/``: site, pejabat, one example SOP and the
editor schemas), a CODEOWNERS example (each unit of a multi-unit site reviews its own
folder) and the CI files: a GitHub Actions workflow (check with
``--strict``, build, deploy to GitHub Pages; problems annotated on the pull
request by the reporter's ``::error`` lines) and a GitLab CI ``pages`` job. Both install
sopgen from where the running sopgen came from (:mod:`sopgen.install_source`), pinned; so does
the dev container (``.devcontainer/``), which also forwards the preview.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from pathlib import Path

from .content.kabupaten import slug
from .install_source import WEASYPRINT_APT, InstallSource, checked_requirement
from .new import new_sop
from .scaffold import fill, yaml_text
from .schema import SCHEMA_DIR, SOURCES, modeline, write_schemas
from .serve import PREVIEW_PORT

SITE_DIR = "content"


class InitError(Exception):
    """The repository cannot be created there; the message is for the user."""


def init_repository(
    target: Path, *, unit_kerja: str = "Kecamatan Contoh", pemerintah: str = "Kabupaten Contoh",
    alamat: str = "Jl. Contoh No. 1", source: InstallSource, today: dt.date | None = None, bagian: int | None = None,
) -> list[Path]:
    """Write the repository into ``target`` (missing or empty); return the files written.

    ``bagian``: the CI files build the site in that many shards side by side, then assemble it (:mod:`sopgen.shard`)."""
    if target.exists() and any(target.iterdir()):
        raise InitError(f"folder {target} tidak kosong; pilih folder baru")
    try:
        paket = checked_requirement(source.requirement)
    except ValueError as exc:
        raise InitError(str(exc)) from exc
    ci = {"paket": paket, "catatan_paket": package_note(source), "pustaka_sistem": " ".join(WEASYPRINT_APT)}
    site = target / SITE_DIR
    site.mkdir(parents=True, exist_ok=True)
    wilayah = unit_kerja.removeprefix("Kecamatan ").strip() or unit_kerja
    kinds = {k.name: k for k in SOURCES}
    files = {
        site / "site.yaml": fill(
            "site.yaml", modeline=modeline(kinds["site"], site / "site.yaml", site),
            unit_kerja=yaml_text(unit_kerja), pemerintah=yaml_text(pemerintah), alamat=yaml_text(alamat),
        ),
        site / "pejabat.yaml": fill("pejabat.yaml", modeline=modeline(kinds["pejabat"], site / "pejabat.yaml", site), wilayah=wilayah),
        **ci_files(target, ci, bagian),
        target / ".gitignore": fill("gitignore"),
        target / ".vscode" / "settings.json": vscode_settings(),
        target / ".vscode" / "extensions.json": fill("vscode-extensions.json"),
        target / ".devcontainer" / "devcontainer.json": devcontainer(unit_kerja, paket),
        target / "README.md": fill("README.md", unit_kerja=unit_kerja, paket=paket),
        target / "CODEOWNERS": fill("CODEOWNERS", unit=slug(wilayah), tim=f"@organisasi/{slug(unit_kerja)}"),
    }
    for file, text in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    written = list(files)
    written.append(new_sop(site, "contoh-sop", nama=f"Contoh SOP {unit_kerja}", today=today))
    written += write_schemas(site, site / SCHEMA_DIR)
    return written


def ci_files(target: Path, ci: dict[str, str], bagian: int | None) -> dict[Path, str]:
    """The GitHub Actions workflow and the GitLab CI file: one build job, or a matrix of ``bagian`` shards and an assemble job."""
    github, gitlab = target / ".github" / "workflows" / "situs.yml", target / ".gitlab-ci.yml"
    if bagian is None:
        return {github: fill("github-workflow.yml", **ci), gitlab: fill("gitlab-ci.yml", **ci)}
    shards = range(1, bagian + 1)
    downloaded = [f"unduhan/bagian-{i}" for i in shards]  # actions/download-artifact puts each artifact in a folder of its name
    kept = [f"bagian/{i}" for i in shards]
    return {
        github: fill("github-workflow-bagian.yml", **ci, bagian=str(bagian), matriks=json.dumps(list(shards)),
                     folder_bagian=" ".join(downloaded), dari=" ".join(f"--from {f}" for f in downloaded)),
        gitlab: fill("gitlab-ci-bagian.yml", **ci, bagian=str(bagian), folder_bagian_gitlab=" ".join(kept),
                     dari_gitlab=" ".join(f"--from {f}" for f in kept)),
    }


def package_note(source: InstallSource) -> str:
    """The YAML comment above ``SOPGEN_PAKET``: where the value came from, or why it must be changed."""
    if source.unreachable:
        lines = [f"PERHATIAN: {source.unreachable}.", "Ganti nilai di bawah dengan alamat sopgen yang dapat dijangkau CI,",
                 "mis. \"sopgen @ git+https://github.com/ORGANISASI/sopgen@v0.1.0\" (atau buat ulang dengan sopgen init --paket)."]
    else:
        lines = ["Paket sopgen yang dipasang, dikunci pada satu versi: sumber sopgen yang membuat repositori ini.",
                 "Ganti untuk memakai versi lain (atau buat ulang dengan sopgen init --paket)."]
    return "\n".join(f"  # {line}" for line in lines)


def devcontainer(unit_kerja: str, paket: str) -> str:
    """A dev container (GitHub Codespaces, VS Code) with sopgen installed and its preview forwarded.

    An administrator opens the repository in the browser, waits for the install, and sees the
    site in a preview tab: nothing to install on an office computer.
    """
    apt = f"sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends {' '.join(WEASYPRINT_APT)}"
    extensions = json.loads(fill("vscode-extensions.json"))["recommendations"]
    container = {
        "name": f"SOP {unit_kerja}",
        "image": "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm",
        "postCreateCommand": f"{apt} && python -m pip install --no-cache-dir {shlex.quote(paket)}",
        "postAttachCommand": "sopgen serve",
        "forwardPorts": [PREVIEW_PORT],
        "portsAttributes": {str(PREVIEW_PORT): {"label": "Pratinjau situs", "onAutoForward": "openPreview"}},
        "customizations": {"vscode": {"extensions": extensions}},
    }
    return json.dumps(container, indent=2, ensure_ascii=False) + "\n"


def vscode_settings() -> str:
    """VS Code settings mapping every content file kind to its schema (also without the modeline)."""
    schemas = {f"./{SITE_DIR}/{SCHEMA_DIR}/{k.schema_file}": f"{SITE_DIR}/{k.pattern}" for k in SOURCES}
    settings = {"yaml.schemas": schemas, "files.trimTrailingWhitespace": True, "files.insertFinalNewline": True}
    return json.dumps(settings, indent=2) + "\n"
