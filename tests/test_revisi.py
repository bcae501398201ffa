"""An SOP's revision history: printed on its page (and in its PDF when asked), checked, and kept against git.

The git tests make a real repository in a temporary folder, commit a site, change an SOP in
force the way an administrator would, and read what ``sopgen check`` says.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site

from .support import PEJABAT_YAML, SITE_YAML, page_words, replace_line, sop_yaml, sopgen_check, write_site

RIWAYAT = """\
riwayat_revisi:
  - nomor: 1
    tanggal: 5 Maret 2024
    perubahan: Langkah 2 diberi batas waktu
  - nomor: 2
    tanggal: 9 Agustus 2024
    perubahan: Pelaksana langkah 3 diganti Staf
"""


def sop_with_history() -> str:
    return sop_yaml("Prosedur Revisi", "100/1/SOP/2024") + RIWAYAT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("revisi")
    write_site(root / "content", {
        "site.yaml": SITE_YAML + "riwayat_revisi_pdf: true\nsampul_sop: false\n", "pejabat.yaml": PEJABAT_YAML, "sop/revisi.yaml": sop_with_history(),
    })
    return build_site(root / "content", root / "output", pdf=True).out_dir


def test_page_shows_the_history_and_the_identity_the_last_date(built: Path) -> None:
    words = page_words((built / "sop/revisi.html").read_text(encoding="utf-8"))
    assert "Riwayat Revisi Revisi Tanggal Perubahan 1 5 Maret 2024 Langkah 2 diberi batas waktu 2 9 Agustus 2024 Pelaksana langkah 3 diganti Staf" in words
    assert "Tanggal Revisi : 9 Agustus 2024" in words


def test_pdf_prints_the_history_after_the_signature_when_asked(built: Path) -> None:
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(built / "sop/revisi.pdf").pages]
    assert "Tanggal Revisi : 9 Agustus 2024" in pages[0]
    last = pages[-1]
    assert last.index("BUDI SANTOSO") < last.index("Riwayat Revisi") < last.index("Pelaksana langkah 3 diganti Staf")


def test_pdf_leaves_the_history_out_by_default(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/revisi.yaml": sop_with_history()})
    out = build_site(site, tmp_path / "output", pdf=True).out_dir
    text = " ".join(p.extract_text() for p in PdfReader(out / "sop/revisi.pdf").pages)
    assert "Riwayat Revisi" not in text and "9 Agustus 2024" in text


BAD = [
    ("  - nomor: 2", "  - nomor: 3", "riwayat_revisi[2].nomor", "revisi ke-2 bernomor 3"),
    ("    tanggal: 9 Agustus 2024", "    tanggal: 9 Agustus 2999", "riwayat_revisi[2].tanggal", "di masa depan"),
    ("    tanggal: 9 Agustus 2024", "    tanggal: 30 Februari 2024", "riwayat_revisi[2].tanggal", "tidak ada di kalender"),
    ("    perubahan: Langkah 2 diberi batas waktu", "    perubahan: ''", "riwayat_revisi[1].perubahan", "tidak boleh kosong"),
    ("    perubahan: Langkah 2 diberi batas waktu", "    perubahan: " + "x" * 1100, "riwayat_revisi[1].perubahan", "terlalu panjang"),
    ("  - nomor: 2", "  - nomor: dua", "riwayat_revisi[2].nomor", ""),
]


@pytest.mark.parametrize(("old", "new", "field", "says"), BAD, ids=[b[1].strip()[:25] for b in BAD])
def test_bad_history_is_an_error_at_its_line(tmp_path: Path, old: str, new: str, field: str, says: str) -> None:
    site = write_site(tmp_path / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/revisi.yaml": sop_with_history()})
    line = replace_line(site / "sop/revisi.yaml", old, new)
    result = sopgen_check(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [r for r in result.stderr.splitlines() if r.startswith(f"content/sop/revisi.yaml:{line}:") and f": {field}: " in r]
    assert found and says in found[0], result.stderr


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    ("    tanggal: 5 Maret 2024", "    tanggal: 5 Maret 2023", "riwayat_revisi[1].tanggal", "sebelum tanggal pembuatan"),
    ("    tanggal: 9 Agustus 2024", "    tanggal: 9 Februari 2024", "riwayat_revisi[2].tanggal", "sebelum revisi sebelumnya"),
    ("tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}", "tanggal: {pembuatan: 2024-01-10, revisi: 2024-03-05, pengesahan: 2024-01-12}",
     "tanggal.revisi", "berbeda dari revisi terakhir"),
])
def test_implausible_dates_are_warnings_at_their_line(tmp_path: Path, old: str, new: str, field: str, says: str) -> None:
    site = write_site(tmp_path / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/revisi.yaml": sop_with_history()})
    line = replace_line(site / "sop/revisi.yaml", old, new)
    found = [r for r in sopgen_check(site).stderr.splitlines() if r.startswith(f"content/sop/revisi.yaml:{line}:") and f"peringatan: {field}: " in r]
    assert found and says in found[0]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Admin", "-c", "user.email=admin@contoh.go.id", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repository with one SOP in force (and a konsep), committed once."""
    repo = tmp_path / "repo"
    konsep = sop_yaml("Prosedur Konsep", "100/2/SOP/2024").replace(", pengesahan: 2024-01-12", "").replace("tanggal:", "status: konsep\ntanggal:", 1)
    write_site(repo / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/prosedur.yaml": sop_yaml("Prosedur", "100/1/SOP/2024"), "sop/konsep.yaml": konsep})
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "SOP disahkan")
    return repo


def revisi_warnings(repo: Path) -> list[str]:
    return [r for r in sopgen_check(repo / "content").stderr.splitlines() if "tanpa entri revisi baru" in r]


def test_a_changed_sop_in_force_without_a_revision_entry_is_warned(repo: Path) -> None:
    assert revisi_warnings(repo) == []
    sop = repo / "content/sop/prosedur.yaml"
    replace_line(sop, "uraian: Langkah nomor 2", "uraian: Langkah kedua yang diubah")
    assert revisi_warnings(repo) == [
        "content/sop/prosedur.yaml:3:10: peringatan: tanggal: isi SOP yang berlaku ini berubah sesudah pengesahan "
        "(perubahan yang belum di-commit) tanpa entri revisi baru; tambahkan entri di riwayat_revisi (nomor, tanggal, perubahan), "
        "atau kembalikan isinya bila perubahan itu tidak disengaja.",
    ]
    git(repo, "commit", "-q", "-am", "ubah langkah 2")
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    (warning,) = revisi_warnings(repo)
    assert f"(commit {sha} tanggal " in warning
    # the same change recorded as revision 1: quiet, committed or not
    sop.write_text(sop.read_text() + "riwayat_revisi:\n  - {nomor: 1, tanggal: 2024-03-05, perubahan: Langkah 2 diubah}\n")
    assert revisi_warnings(repo) == []
    git(repo, "commit", "-q", "-am", "revisi 1")
    assert revisi_warnings(repo) == []
    # a later change: the warning names revision 1, at the history's line
    replace_line(sop, "uraian: Langkah nomor 3", "uraian: Langkah ketiga yang diubah")
    (warning,) = revisi_warnings(repo)
    assert re.match(r"content/sop/prosedur.yaml:\d+:\d+: peringatan: riwayat_revisi: .* sesudah revisi 1 \(5 Maret 2024\)", warning), warning


def test_comments_konsep_and_silenced_sops_are_not_warned(repo: Path) -> None:
    sop = repo / "content/sop/prosedur.yaml"
    sop.write_text("# catatan baru, bukan isi\n" + sop.read_text())
    konsep = repo / "content/sop/konsep.yaml"
    replace_line(konsep, "uraian: Langkah nomor 2", "uraian: Rancangan boleh berubah")
    assert revisi_warnings(repo) == []
    replace_line(sop, "uraian: Langkah nomor 2", "uraian: Langkah kedua yang diubah")
    sop.write_text(sop.read_text() + "abaikan_peringatan: [revisi-belum-dicatat]\n")
    assert revisi_warnings(repo) == []


def test_outside_git_is_silent(tmp_path: Path) -> None:
    site = write_site(tmp_path / "content", {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML, "sop/prosedur.yaml": sop_yaml("Prosedur", "100/1/SOP/2024")})
    result = sopgen_check(site)
    assert result.returncode == 0 and "revisi" not in result.stderr
