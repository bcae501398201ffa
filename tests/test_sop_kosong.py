"""An empty nomor, dasar_hukum or kualifikasi_pelaksana is an error at its line, even without --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import small_site, sop_yaml, sopgen_check, write_site

BASE = sop_yaml("Prosedur Kosong", "100/9/SOP/2024")


@pytest.mark.parametrize(("old", "new", "line", "says"), [
    ("nomor: 100/9/SOP/2024", 'nomor: ""', 1, "nomor: nomor SOP kosong"),
    ("dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]", "dasar_hukum: []", 5, "dasar_hukum: daftar ini kosong"),
    ("kualifikasi_pelaksana: [Memahami tugas]", "kualifikasi_pelaksana: [Memahami tugas, '']", 6, "kualifikasi_pelaksana[2]: tidak boleh kosong"),
])
def test_empty_identity_value_is_an_error_at_its_line(tmp_path: Path, old: str, new: str, line: int, says: str) -> None:
    assert old in BASE
    site = write_site(small_site(tmp_path, sops=1), {"sop/prosedur-1.yaml": BASE.replace(old, new)})
    done = sopgen_check(site)
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout + done.stderr
    assert f"sop/prosedur-1.yaml:{line}:" in out and says in out, out
    assert "Traceback" not in out
