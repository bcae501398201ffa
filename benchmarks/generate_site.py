"""Generate a synthetic site of N SOPs of realistic size, for benchmarks.

Each SOP has 8–25 langkah and 3–7 pelaksana columns; about one in three has a
decision whose "tidak" branch goes back two to four steps, as real approval
loops do. The same seed gives the same site.

    python benchmarks/generate_site.py OUT_DIR --sops 50 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PELAKSANA = ["Camat", "Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Pelayanan", "Kasubag Umum", "Tim SAKIP", "Staf Pelaksana"]
VERBS = ["menerima", "memeriksa", "memverifikasi", "menyusun", "mengoreksi", "menandatangani", "mengarsipkan", "menyampaikan", "mendisposisikan", "merekap"]
OBJECTS = ["berkas permohonan", "surat masuk", "data kinerja", "konsep surat", "laporan bulanan", "dokumen pendukung", "register layanan", "nota dinas"]
WAKTU = ["10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "3 hari"]

SITE = """\
instansi:
  pemerintah: Kabupaten Sintetis
  unit_kerja: Kecamatan Sintetis
  alamat: Jl. Pengujian 1
kertas: F4
"""
PEJABAT = """\
camat:
  jabatan: Camat Sintetis
  nama: NAMA PEJABAT, S.Sos
  nip: 19800101 200501 1 001
"""


def sop_text(index: int, rng: random.Random) -> str:
    """One SOP's YAML."""
    columns = rng.sample(PELAKSANA, rng.randint(3, 7))
    steps = rng.randint(8, 25)
    lines = [
        f"nomor: 000/{index}/SOP/2024",
        f"nama: Prosedur Sintetis {index}",
        "tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}",
        "disahkan_oleh: camat",
        "ilustrasi: true",
        "dasar_hukum: [Peraturan Bupati Sintetis Nomor 1 Tahun 2020 tentang Contoh]",
        "kualifikasi_pelaksana: [Memahami tugas pokok dan fungsi]",
        "pelaksana: [" + ", ".join(columns) + "]",
        "abaikan_peringatan: [kolom-pelaksana-kosong]",
        "langkah:",
    ]
    decision = rng.randint(4, steps - 2) if rng.random() < 0.35 else None
    for step in range(1, steps + 1):
        who = columns[0] if step in (1, steps) else rng.choice(columns)
        words = " ".join(f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(rng.randint(1, 5)))
        lines += [
            f"  - id: l{step}",
            f"    uraian: {who} {words}",
            f"    pelaksana: {who}",
            f"    mutu_baku: {{kelengkapan: {rng.choice(OBJECTS).title()}, waktu: {rng.choice(WAKTU)}, output: {rng.choice(OBJECTS).title()}}}",
        ]
        if step == decision:
            lines.append(f"    keputusan: {{ya: l{step + 1}, tidak: l{step - rng.randint(2, 3)}}}")
    return "\n".join(lines) + "\n"


def generate_site(root: Path, sops: int, seed: int = 1) -> Path:
    """Write a site of ``sops`` SOPs under ``root``."""
    rng = random.Random(seed)
    (root / "sop").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE, encoding="utf-8")
    (root / "pejabat.yaml").write_text(PEJABAT, encoding="utf-8")
    for index in range(1, sops + 1):
        (root / "sop" / f"sintetis-{index:04d}.yaml").write_text(sop_text(index, rng), encoding="utf-8")
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sops", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate_site(args.out, args.sops, args.seed)
    print(f"{args.sops} SOP ditulis ke {args.out}")
