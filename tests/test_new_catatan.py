"""``sopgen new keputusan | monitoring SOP [PERIODE] | evaluasi SOP [PERIODE]``: skeletons of an SOP's records.

Each skeleton checks as written (exit 0), names what is left to fill in as one warning at its
first ``[isi: ...]`` with the lines of all of them, is refused by ``--strict`` until filled in,
and checks clean once the placeholders are replaced; none overwrites a file, an unknown SOP gets
a did-you-mean, a period is the half-year format and has begun.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sopgen.cli import main
from sopgen.domain.periode import periode_terakhir
from sopgen.models.base import tanggal_indonesia
from sopgen.models.monev import KRITERIA


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new content repository (``sopgen init``) with its example SOP; the current folder is the repository."""
    target = tmp_path / "repo"
    made = CliRunner().invoke(main, ["init", str(target), "--unit-kerja", "Kecamatan Candipuro", "--pemerintah", "Kabupaten Lumajang"])
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(target)
    return target / "content"


def sopgen(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def filled(file: Path) -> None:
    """Replace every placeholder as an administrator would: a real value in each."""
    text = re.sub(r'"\[isi: ([^\]]*)\]"', lambda m: f'"Diisi: {m.group(1)}"', file.read_text(encoding="utf-8"))
    file.write_text(text, encoding="utf-8")


def placeholder_lines(file: Path) -> list[int]:
    return [n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if "[isi:" in line and not line.lstrip().startswith("#")]


def assert_checks_with_placeholders_then_clean(file: Path, site: Path) -> None:
    code, out = sopgen("check", "content")
    assert code == 0, out
    lines = placeholder_lines(file)
    warnings = [line for line in out.splitlines() if "isian kerangka belum diganti" in line and not line.startswith("::")]  # not CI's annotation
    assert len(warnings) == 1 and warnings[0].startswith(f"{file.relative_to(site.parent)}:{lines[0]}:"), out
    if len(lines) > 1:
        assert f"{len(lines)} isian, baris {', '.join(map(str, lines))}" in warnings[0]
    assert sopgen("check", "content", "--strict")[0] == 1
    filled(file)
    code, out = sopgen("check", "content", "--strict")
    assert code == 0, out


def test_new_keputusan(site: Path) -> None:
    code, out = sopgen("new", "keputusan")
    assert code == 0 and "keputusan.yaml" in out, out
    data = yaml.safe_load((site / "keputusan.yaml").read_text(encoding="utf-8"))
    assert data["tanggal"] == tanggal_indonesia(dt.date.today())
    assert data["tentang"] == "Standar Operasional Prosedur di Lingkungan Kecamatan Candipuro"
    assert len(data["memutuskan"]) == 4 and any("35 Tahun 2012" in m for m in data["mengingat"])
    assert_checks_with_placeholders_then_clean(site / "keputusan.yaml", site)
    before = (site / "keputusan.yaml").read_bytes()
    code, out = sopgen("new", "keputusan")
    assert code == 1 and "sudah ada" in out and (site / "keputusan.yaml").read_bytes() == before
    assert sopgen("new", "keputusan", "lagi")[1].strip().endswith("tulis: sopgen new keputusan")


def test_new_monitoring_has_a_row_per_langkah_for_the_last_half_year(site: Path) -> None:
    periode = periode_terakhir(dt.date.today()).nama
    code, out = sopgen("new", "monitoring", "contoh-sop")
    file = site / "monitoring" / "contoh-sop" / f"{periode}.yaml"
    assert code == 0 and str(file.relative_to(site.parent)) in out, out
    sop = yaml.safe_load((site / "sop" / "contoh-sop.yaml").read_text(encoding="utf-8"))
    rows = yaml.safe_load(file.read_text(encoding="utf-8"))["penilaian"]
    assert [row["langkah"] for row in rows] == list(range(1, len(sop["langkah"]) + 1))
    assert all(row["penerapan"] == "baik" for row in rows)
    assert sop["langkah"][0]["uraian"][:30] in file.read_text(encoding="utf-8")  # each row says which prosedur it judges
    assert_checks_with_placeholders_then_clean(file, site)
    code, out = sopgen("new", "monitoring", "contoh-sop", periode)
    assert code == 1 and "sudah ada" in out


def test_new_evaluasi_for_a_named_period_asks_every_criterion(site: Path) -> None:
    periode = f"{dt.date.today().year}-1"
    code, out = sopgen("new", "evaluasi", "contoh-sop", periode)
    assert code == 0, out
    file = site / "evaluasi" / "contoh-sop" / f"{periode}.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert list(data["kriteria"]) == list(KRITERIA) and data["rekomendasi"] == "tetap"
    assert_checks_with_placeholders_then_clean(file, site)


@pytest.mark.parametrize(("args", "says"), [
    (["monitoring", "contoh-sp"], "SOP 'contoh-sp' tidak ada di content/sop; maksud Anda 'contoh-sop'?"),
    (["evaluasi", "surat-pindah"], "SOP 'surat-pindah' tidak ada di content/sop; SOP yang ada: contoh-sop"),
    (["monitoring", "contoh-sop", "2024-3"], "periode '2024-3' tidak sah; tulis TAHUN-1 (Januari–Juni) atau TAHUN-2 (Juli–Desember)"),
    (["monitoring", "contoh-sop", "semester-1"], "periode 'semester-1' tidak sah"),
    (["evaluasi", "contoh-sop", f"{dt.date.today().year + 1}-1"], f"periode {dt.date.today().year + 1}-1 belum dimulai"),
    (["monitoring"], "tulis: sopgen new monitoring SOP [PERIODE]"),
    (["sop", "a-b", "2024-1"], "tulis: sopgen new sop NAMA"),
    (["sop"], "tulis: sopgen new sop NAMA"),
])
def test_new_record_refusals(site: Path, args: list[str], says: str) -> None:
    code, out = sopgen("new", *args)
    assert code == 1 and says in out, out
    assert not (site / "monitoring").exists() and not (site / "evaluasi").exists()
