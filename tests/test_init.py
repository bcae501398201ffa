"""``sopgen init`` writes a content repository that checks clean, builds, and publishes from CI.

The repository is created and then used as an administrator would: ``check
--strict`` (what CI runs), a build with PDFs into ``public/`` (what the Pages
jobs upload), and ``sopgen new sop`` for a second SOP that also checks clean.
The CI files are read as YAML and must contain those very commands.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sopgen.cli import main
from sopgen.schema import SOURCES


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "sop-kecamatan"
    result = CliRunner().invoke(main, ["init", str(target), "--unit-kerja", "Kecamatan Candipuro", "--pemerintah", "Kabupaten Lumajang"])
    assert result.exit_code == 0, result.output
    return target


def test_checks_clean_and_builds(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "content", "--strict"])
    assert checked.exit_code == 0, checked.output
    built = runner.invoke(main, ["build", "content", "--strict", "--out", "public"])
    assert built.exit_code == 0, built.output
    for name in ("index.html", "sop/contoh-sop.html", "sop/contoh-sop.pdf", "unduhan/himpunan-sop.pdf", "pagefind/pagefind.js"):
        assert (repo / "public" / name).is_file(), name
    assert "Kecamatan Candipuro" in (repo / "public" / "index.html").read_text(encoding="utf-8")


def test_new_sop_checks_clean(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    runner = CliRunner()
    made = runner.invoke(main, ["new", "sop", "pelayanan-surat-pindah", "--nama", "Pelayanan Surat Pindah: Antar Kecamatan"])
    assert made.exit_code == 0, made.output
    text = (repo / "content" / "sop" / "pelayanan-surat-pindah.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/sop.schema.json\n")
    checked = runner.invoke(main, ["check", "content", "--strict"])
    assert checked.exit_code == 0, checked.output
    again = runner.invoke(main, ["new", "sop", "pelayanan-surat-pindah"])
    assert again.exit_code == 1 and "sudah ada" in again.output
    bad = runner.invoke(main, ["new", "sop", "Surat Pindah"])
    assert bad.exit_code == 1 and "tidak sah" in bad.output


def test_new_kinerja_checks_clean_and_builds_its_recap(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(repo)
    runner = CliRunner()
    made = runner.invoke(main, ["new", "kinerja", "2025"])
    assert made.exit_code == 0, made.output
    assert (repo / "content" / "kinerja" / "2025" / "kinerja.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/kinerja.schema.json\n")
    checked = runner.invoke(main, ["check", "content", "--strict"])
    assert checked.exit_code == 0, checked.output
    built = runner.invoke(main, ["build", "content", "--no-pdf", "--out", str(tmp_path / "situs")])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "situs" / "kinerja" / "2025" / "index.html").is_file()
    assert runner.invoke(main, ["new", "kinerja", "dua-ribu"]).exit_code == 1


def test_github_workflow_checks_builds_and_deploys(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "situs.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers and "push" in triggers
    build_steps = workflow["jobs"]["bangun"]["steps"]
    runs = [step.get("run", "") for step in build_steps]
    uses = [step.get("uses", "") for step in build_steps]
    assert "sopgen check content --strict" in runs
    assert "sopgen build content --strict --out public" in runs
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = workflow["jobs"]["terbitkan"]
    assert deploy["needs"] == "bangun" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pages_job_publishes_public(repo: Path) -> None:
    ci = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert "sopgen build content --strict --out public" in ci["pages"]["script"]
    assert "sopgen check content --strict" in ci["periksa"]["script"]


def test_editor_files(repo: Path) -> None:
    settings = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert sorted(Path(schema).name for schema in settings["yaml.schemas"]) == sorted(k.schema_file for k in SOURCES)
    for schema in settings["yaml.schemas"]:
        assert (repo / schema).is_file(), schema
    assert (repo / "content" / "site.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schemas/site.schema.json")


def test_refuses_a_folder_in_use(repo: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(repo)])
    assert result.exit_code == 1 and "tidak kosong" in result.output


def test_codeowners_example_per_unit(repo: Path) -> None:
    """A multi-unit site has each unit review its own folder; the example sets no owner until edited."""
    lines = (repo / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "# /content/unit/candipuro/            @organisasi/kecamatan-candipuro" in lines
    assert "# /content/pemda.yaml                @organisasi/bagian-organisasi" in lines
    assert all(line.startswith("#") for line in lines if line.strip())
