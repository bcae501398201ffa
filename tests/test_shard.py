"""Shards: ``build --shard i/n`` on each of n machines, then ``assemble``, give the site one build gives.

The commands are run as a user (or a CI matrix) runs them, one after another, each shard with a
cache folder of its own, and the assembled output is compared file for file with one build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sopgen.cli import main
from sopgen.render.binder import BINDER_PATH

from .support import PEJABAT_YAML, SITE_YAML, sop_yaml, tree_digest, without_index, write_site

SOPS = 5


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def cached(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for i in range(1, SOPS + 1):
        files[f"sop/prosedur-{i}.yaml"] = sop_yaml(f"Prosedur {i}", f"100/{i}/SOP/2024")
    return write_site(tmp_path / "content", files)


def test_shards_built_one_after_another_and_assembled_equal_one_build(site: Path, tmp_path: Path) -> None:
    run("build", site, "--out", tmp_path / "one", "--no-cache", "--jobs", "1")
    shards = [tmp_path / f"bagian-{i}" for i in (1, 2)]
    for i, folder in enumerate(shards, start=1):
        said = run("build", site, "--shard", f"{i}/2", "--cache", folder, "--jobs", "1").output
        assert f"bagian {i}/2" in said
    assert not (tmp_path / "output").exists()  # a shard writes no site
    # each SOP's PDF, Word copy and page, in one shard each; the search page (it reads nothing outside a share) in both
    assert sum(map(cached, shards)) == 3 * SOPS + 2 and all(map(cached, shards))
    said = run("assemble", site, "--from", shards[0], "--from", shards[1], "--out", tmp_path / "assembled", "--cache", tmp_path / "cache",
               "--jobs", "1").output
    # made here: the binder, the home page and the verification page, which read every SOP's PDF
    assert f"{3 * SOPS + 1} dari cache dan bagian, 3 dibuat" in said
    assert (tmp_path / "assembled" / BINDER_PATH).is_file()
    assert tree_digest(tmp_path / "assembled") == tree_digest(tmp_path / "one")


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b"])
def test_a_wrong_shard_is_a_usage_mistake(site: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["build", str(site), "--shard", value])
    assert result.exit_code == 2 and "bukan bagian yang sah" in result.output


def test_a_kabupaten_in_shards_equals_one_build(tmp_path: Path) -> None:
    root = write_site(tmp_path / "kab", {
        "pemda.yaml": "pemerintah: Kabupaten Contoh\nalamat: Jl. Contoh 1\nkertas: A4\n",
        **{f"unit/{u}/site.yaml": f"instansi:\n  unit_kerja: Kecamatan {u.upper()}\n  alamat: Jl. {u}\n" for u in ("a", "b")},
        **{f"unit/{u}/pejabat.yaml": PEJABAT_YAML for u in ("a", "b")},
        **{f"unit/{u}/sop/prosedur-{i}.yaml": sop_yaml(f"Prosedur {u}{i}", f"100/{i}/SOP/2024") for u in ("a", "b") for i in (1, 2)},
    })
    run("build", root, "--out", tmp_path / "one", "--no-cache", "--jobs", "1")
    for i in (1, 2, 3):
        run("build", root, "--shard", f"{i}/3", "--cache", tmp_path / f"bagian-{i}", "--jobs", "1")
    shards = [a for i in (1, 2, 3) for a in ("--from", tmp_path / f"bagian-{i}") if (tmp_path / f"bagian-{i}").is_dir()]
    said = run("assemble", root, *shards, "--out", tmp_path / "assembled", "--cache", tmp_path / "cache", "--jobs", "1").output
    counts = re.search(r"(\d+) dari cache dan bagian, (\d+) dibuat", said)
    assert counts, said
    served, made = map(int, counts.groups())
    # per unit: two SOPs' PDF, Word copy and page, from the shards; the binder, home, search and verification pages,
    # made by a shard that has all its unit's SOPs, else by assemble
    assert served >= 12 and served + made == 20
    assert without_index(tmp_path / "assembled") == without_index(tmp_path / "one")  # the portal's search index is made on threads
