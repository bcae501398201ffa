"""CI can install the sopgen that wrote the repository, and its files are what GitHub and GitLab accept.

``sopgen init`` writes ``SOPGEN_PAKET`` from the running sopgen's PEP 610 record; here a wheel
built from this repository is installed without the package index into a fresh virtualenv by
the workflow's own install step, and that virtualenv's sopgen runs the workflow's check and
build steps. The CI files are validated against the schemas check-jsonschema bundles (offline).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sopgen import __version__
from sopgen.cli import main
from sopgen.install_source import InstallSource, source_from

REPO = Path(__file__).resolve().parents[1]
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def test_a_git_install_is_pinned_to_its_commit() -> None:
    record = {"url": "https://github.com/pemda/sopgen.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}}
    assert source_from(record, "0.1.0") == InstallSource(f"sopgen @ git+https://github.com/pemda/sopgen.git@{COMMIT}")


def test_a_wheel_on_a_web_server_is_pinned_to_its_hash() -> None:
    record = {"url": "https://unduh.example.go.id/sopgen-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab" * 32}}}
    assert source_from(record, "0.1.0").requirement == f"sopgen @ https://unduh.example.go.id/sopgen-0.1.0-py3-none-any.whl#sha256={'ab' * 32}"


def test_an_index_install_is_pinned_to_its_version() -> None:
    assert source_from(None, "0.1.0") == InstallSource("sopgen==0.1.0")


def test_a_local_checkout_is_not_reachable_from_ci() -> None:
    source = source_from({"url": "file:///home/admin/sopgen", "dir_info": {"editable": True}}, "0.1.0")
    assert source.requirement == "sopgen==0.1.0"
    assert "tidak dapat dijangkau CI" in source.unreachable


@pytest.mark.parametrize("paket", ['sopgen"\n  evil: 1', "sopgen; rm -rf /", "$(curl x)", "x" * 501, ""])
def test_a_requirement_that_would_break_the_ci_files_is_refused(tmp_path: Path, paket: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "repo"), "--paket", paket or " "])
    assert result.exit_code == 1 and "bukan persyaratan pip" in result.output
    assert not (tmp_path / "repo" / ".gitlab-ci.yml").exists()


def _init(tmp_path_factory: pytest.TempPathFactory, *options: str) -> Path:
    target = tmp_path_factory.mktemp("install") / "sop"
    result = CliRunner().invoke(main, ["init", str(target), "--paket", f"sopgen @ git+https://github.com/pemda/sopgen@{COMMIT}", *options])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _init(tmp_path_factory)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose CI builds the site in three shards, then assembles it."""
    return _init(tmp_path_factory, "--bagian", "3")


@pytest.mark.parametrize("made", ["repo", "sharded"])
@pytest.mark.parametrize(("path", "schema"), [(".github/workflows/situs.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")])
def test_ci_files_validate_against_their_schemas(made: str, path: str, schema: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(made)
    checked = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(folder / path)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_sharded_ci_builds_every_shard_and_assembles_them_all(sharded: Path) -> None:
    workflow = yaml.safe_load((sharded / ".github/workflows/situs.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["bagian"]["strategy"]["matrix"]["bagian"] == [1, 2, 3] and jobs["bagian"]["needs"] == "periksa"
    steps = jobs["bagian"]["steps"]
    assert any("--shard ${{ matrix.bagian }}/3 --cache bagian/${{ matrix.bagian }}" in s.get("run", "") for s in steps)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "bagian/${{ matrix.bagian }}"  # the shard's cache, kept between runs
    assemble = next(s["run"] for s in jobs["gabung"]["steps"] if "assemble" in s.get("run", ""))
    assert all(f"--from unduhan/bagian-{i}" in assemble for i in (1, 2, 3)) and jobs["terbitkan"]["needs"] == "gabung"
    gitlab = yaml.safe_load((sharded / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["bagian"]["parallel"] == 3 and "--shard $CI_NODE_INDEX/$CI_NODE_TOTAL" in gitlab["bagian"]["script"][0]
    assert gitlab["pages"]["extends"] == ".gabung" and all(f"--from bagian/{i}" in gitlab[".gabung"]["script"][1] for i in (1, 2, 3))


def test_ci_files_install_the_given_requirement_and_cache_pip(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github/workflows/situs.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    for env in (workflow["env"], gitlab["variables"]):
        assert env["SOPGEN_PAKET"] == f"sopgen @ git+https://github.com/pemda/sopgen@{COMMIT}"
    setup = next(s for s in workflow["jobs"]["bangun"]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    assert (repo / setup["with"]["cache-dependency-path"]).is_file()
    assert {".cache/pip", ".cache/apt"} <= set(gitlab["default"]["cache"]["paths"])
    assert any("libpango-1.0-0" in line for line in gitlab["default"]["before_script"])


def _fresh_venv(folder: Path) -> Path:
    """A new virtualenv whose site-packages sees this test run's dependencies but no sopgen (no network needed)."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    site = Path(subprocess.run([folder / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    ours = Path(sysconfig.get_path("purelib"))
    for entry in ours.iterdir():
        skip = entry.name.startswith(("sopgen", "__editable__", "pip", "_distutils_hack", "__pycache__")) or entry.suffix == ".pth"
        if not skip and not (site / entry.name).exists():
            (site / entry.name).symlink_to(entry)
    return folder / "bin"


@pytest.mark.slow
def test_the_workflow_installs_a_wheel_offline_and_builds(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(wheels), str(REPO)],
                   check=True, timeout=300)
    wheel = next(wheels.glob("sopgen-*.whl"))
    target = tmp_path / "repo"
    made = CliRunner().invoke(main, ["init", str(target), "--paket", str(wheel)])
    assert made.exit_code == 0, made.output
    bin_dir = _fresh_venv(tmp_path / "venv")
    workflow = yaml.safe_load((target / ".github/workflows/situs.yml").read_text(encoding="utf-8"))
    env = {**os.environ, **workflow["env"], "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PIP_NO_INDEX": "1"}
    env.pop("PYTHONPATH", None)
    steps = [s for s in workflow["jobs"]["bangun"]["steps"] if "run" in s and "apt-get" not in s["run"]]
    assert [s["name"] for s in steps] == ["Pasang sopgen", "Periksa konten", "Bangun situs"]
    for step in steps:
        ran = subprocess.run(["bash", "-ec", step["run"]], cwd=target, env=env, capture_output=True, text=True, timeout=600)
        assert ran.returncode == 0, f"{step['name']}: {ran.stdout}{ran.stderr}"
    where = subprocess.run([bin_dir / "python", "-c", "import sopgen; print(sopgen.__file__)"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout
    for name in ("index.html", "sop/contoh-sop.pdf", "unduhan/himpunan-sop.pdf"):
        assert (target / "public" / name).is_file(), name
    # The wheel's sopgen, asked to start another repository, knows it came from a file on this disk.
    again = subprocess.run([bin_dir / "sopgen", "init", str(tmp_path / "lagi")], capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "tidak dapat dijangkau CI" in again.stderr and "--paket" in again.stderr
    written = (tmp_path / "lagi" / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "# PERHATIAN: sopgen ini dipasang dari berkas" in written and f'SOPGEN_PAKET: "sopgen=={__version__}"' in written


def test_dev_container_installs_the_same_sopgen_and_forwards_the_preview(repo: Path) -> None:
    import json
    import shlex

    from sopgen.serve import PREVIEW_PORT

    container = json.loads((repo / ".devcontainer/devcontainer.json").read_text(encoding="utf-8"))
    workflow = yaml.safe_load((repo / ".github/workflows/situs.yml").read_text(encoding="utf-8"))
    words = shlex.split(container["postCreateCommand"])
    assert words[-1] == workflow["env"]["SOPGEN_PAKET"] and "libpango-1.0-0" in words
    assert container["postAttachCommand"] == "sopgen serve"
    assert container["forwardPorts"] == [PREVIEW_PORT]
    assert container["portsAttributes"][str(PREVIEW_PORT)]["onAutoForward"] == "openPreview"
    assert "redhat.vscode-yaml" in container["customizations"]["vscode"]["extensions"]
