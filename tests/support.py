"""Writing small sites for tests from a dict of files (MkDocs' tests/base.py habit)."""

from __future__ import annotations

import hashlib
from pathlib import Path

SITE_YAML = """\
instansi:
  pemerintah: Kabupaten Contoh
  unit_kerja: Kecamatan Contoh
  alamat: Jl. Contoh 1
kertas: A4
"""

PEJABAT_YAML = """\
camat:
  jabatan: Camat Contoh
  nama: BUDI SANTOSO, S.Sos
  nip: 19800101 200501 1 001
"""


def sop_yaml(nama: str, nomor: str, steps: int = 4) -> str:
    """A valid SOP with ``steps`` langkah alternating between two pelaksana."""
    langkah = "".join(
        f"  - uraian: Langkah nomor {i} dari prosedur {nama}\n"
        f"    pelaksana: {'Camat' if i % 2 else 'Staf'}\n"
        f"    mutu_baku: {{kelengkapan: Berkas, waktu: {i} jam, output: Dokumen}}\n"
        for i in range(1, steps + 1)
    )
    return (
        f"nomor: {nomor}\nnama: {nama}\n"
        "tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}\n"
        "disahkan_oleh: camat\n"
        "dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]\n"
        "kualifikasi_pelaksana: [Memahami tugas]\n"
        "pelaksana: [Camat, Staf]\n"
        f"langkah:\n{langkah}"
    )


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> content) under ``root`` and return ``root``."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def small_site(root: Path, sops: int = 2) -> Path:
    """A valid site of ``sops`` short SOPs."""
    files: dict[str, str | bytes] = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for i in range(1, sops + 1):
        files[f"sop/prosedur-{i}.yaml"] = sop_yaml(f"Prosedur {i}", f"100/{i}/SOP/2024")
    return write_site(root, files)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }
