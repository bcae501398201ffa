"""Bad content is reported at its file, line, column and field, in one run, never as a traceback."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from sopgen.content.yamlsource import YamlProblem, load_yaml
from sopgen.errors import Level

from .support import replace_line, small_site, sopgen_check

SOP = "sop/pengukuran-data-kinerja.yaml"


def test_demo_copy_is_clean(demo_copy: Path) -> None:
    """The baseline: without mistakes the demo passes, so every line below comes from a mistake."""
    result = sopgen_check(demo_copy)
    assert result.returncode == 0, result.stderr


def nth_line(file: Path, prefix: str, after: str) -> int:
    """The number of the first line starting with ``prefix`` after the line containing ``after``."""
    lines = file.read_text(encoding="utf-8").splitlines()
    anchor = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i > anchor and line.startswith(prefix)) + 1


def test_a_dozen_mistakes_one_line_each(demo_copy: Path) -> None:
    """Schema mistakes in one SOP, flow and reference mistakes in another, file-level ones in new files.

    Flow checks need an SOP that passes the schema, so they are made in a second, otherwise valid file.
    """
    sop = demo_copy / SOP
    other_name = "sop/pengumpulan-data-kinerja.yaml"
    other = demo_copy / other_name
    expected: list[str] = []
    # 1. a pelaksana that is not a column (the second langkah of the other SOP)
    line = nth_line(other, "    pelaksana: Sekretaris", "langkah:")
    lines = other.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace("pelaksana: Sekretaris", "pelaksana: Sekertaris")
    other.write_text("".join(lines), encoding="utf-8")
    expected.append(f"content/{other_name}:{line}:16: langkah[2].pelaksana: 'Sekertaris' bukan salah satu kolom pelaksana (Camat, Sekretaris, Kasi, Tim SAKIP, Staf, Kepala Desa); maksud Anda 'Sekretaris'?")
    # 2. a decision branch to a step that does not exist
    line = replace_line(other, "keputusan: {ya: rekap, tidak: isi-data}", "keputusan: {ya: rekap, tidak: isi-dta}")
    expected.append(f"content/{other_name}:{line}:")
    # 3. a dangling pejabat reference
    line = replace_line(other, "disahkan_oleh: camat", "disahkan_oleh: camt")
    expected.append(f"content/{other_name}:{line}:16: disahkan_oleh: pejabat 'camt' tidak ada di pejabat.yaml; maksud Anda 'camat'?")
    # 4. an unknown key with did-you-mean
    line = replace_line(sop, "mutu_baku: {kelengkapan: Format Penyusunan Data Kinerja, waktu: 1 jam", "mutu_baky: {kelengkapan: Format Penyusunan Data Kinerja, waktu: 1 jam")
    expected.append(f"content/{SOP}:{line}:5: langkah[3].mutu_baky: kunci 'mutu_baky' tidak dikenal; maksud Anda 'mutu_baku'?")
    # 5. a wrong type: a list written as one text
    line = replace_line(sop, "pencatatan:", "pencatatan: Disimpan di lemari arsip")
    expected.append(f"content/{SOP}:{line}:13: pencatatan: harus berupa daftar")
    # 6. a required field missing
    replace_line(sop, "nama: Pengukuran Data Kinerja Kecamatan Candipuro", "# nama dihapus")
    first_key = next(i for i, line in enumerate(sop.read_text(encoding="utf-8").splitlines(), 1) if line and not line.startswith("#"))
    expected.append(f"content/{SOP}:{first_key}:1: nama: wajib diisi; tambahkan 'nama:' di sini.")
    # 7. an impossible date
    line = replace_line(sop, "pengesahan: 17 Januari 2024", "pengesahan: 32 Januari 2024")
    expected.append(f"content/{SOP}:{line}:15: tanggal.pengesahan: tanggal '32 Januari 2024' tidak ada di kalender")
    # 8. a duplicate key (in pejabat.yaml)
    pejabat = demo_copy / "pejabat.yaml"
    line = replace_line(pejabat, "  nama: AKHMAD KHARIRI, SH", "  nama: AKHMAD KHARIRI, SH\n  nama: AKHMAD KHARIRI")
    expected.append(f"content/pejabat.yaml:{line + 1}:3: camat.nama: kunci 'nama' tertulis dua kali (pertama di baris {line})")
    # 9. a value outside its choices, with did-you-mean
    line = replace_line(pejabat, "status: Plt.", "status: Pt.")
    expected.append(f"content/pejabat.yaml:{line}:11: camat.status: 'Pt.' bukan pilihan yang sah")
    # 10. tabs for indentation
    (demo_copy / "sop" / "bertab.yaml").write_text("nomor: 1\nnama: Contoh\ntanggal:\n\tpembuatan: 2024-01-01\n", encoding="utf-8")
    expected.append("content/sop/bertab.yaml:4:1: indentasi memakai karakter tab")
    # 11. a YAML syntax error
    (demo_copy / "sop" / "rusak.yaml").write_text("nomor: 1\nnama: [Contoh\nbidang: x\n", encoding="utf-8")
    expected.append("content/sop/rusak.yaml:3:7: sintaks YAML tidak valid")
    # 12. an empty file
    (demo_copy / "sop" / "kosong.yaml").write_text("# belum diisi\n", encoding="utf-8")
    expected.append("content/sop/kosong.yaml:1:1: berkas kosong")
    # 13. a file that is not UTF-8
    (demo_copy / "sop" / "latin1.yaml").write_bytes("nomor: 1\nnama: Pelayanan Kependudukan \xe9\n".encode("latin-1"))
    expected.append("content/sop/latin1.yaml:2:30: berkas bukan UTF-8")
    # 14. anchors and aliases
    (demo_copy / "sop" / "alias.yaml").write_text("nomor: &n 1\nnama: *n\n", encoding="utf-8")
    expected.append("content/sop/alias.yaml:1:8: anchor (&) dan alias (*) YAML tidak diizinkan")

    result = sopgen_check(demo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    printed = [line for line in result.stderr.splitlines() if not line.startswith("Gagal:")]
    for want in expected:
        assert any(line.startswith(want) for line in printed), f"missing: {want}\n{result.stderr}"
    # one line per mistake: nothing printed that no mistake explains
    unexplained = [line for line in printed if not any(line.startswith(want) for want in expected)]
    assert not unexplained, "\n".join(unexplained)
    assert len(printed) == len(expected)
    assert printed == sorted(printed, key=lambda line: (line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2])))


def test_ci_prints_annotations(demo_copy: Path) -> None:
    line = replace_line(demo_copy / SOP, "disahkan_oleh: camat", "disahkan_oleh: lurah")
    result = sopgen_check(demo_copy, ci=True)
    assert result.returncode == 1
    assert f"::error file=content/{SOP},line={line},col=16::disahkan_oleh: pejabat 'lurah' tidak ada" in result.stderr


def test_strict_turns_warnings_into_failure(demo_copy: Path) -> None:
    (demo_copy / "pejabat.yaml").write_bytes(b"\xef\xbb\xbf" + (demo_copy / "pejabat.yaml").read_bytes())
    relaxed = sopgen_check(demo_copy)
    assert relaxed.returncode == 0
    assert "pejabat.yaml:1:1: peringatan: berkas diawali BOM" in relaxed.stderr
    strict = sopgen_check(demo_copy, "--strict")
    assert strict.returncode == 1


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sopgen", "build", "--no-such-flag"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "'--no-such-flag'" in result.stderr and "Traceback" not in result.stderr


def test_version() -> None:
    from sopgen import __version__

    result = subprocess.run([sys.executable, "-m", "sopgen", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"sopgen, versi {__version__}"


def test_missing_site_file_is_a_message(tmp_path: Path) -> None:
    result = sopgen_check(tmp_path)
    assert result.returncode == 1
    assert "site.yaml tidak ditemukan" in result.stderr
    assert "Traceback" not in result.stderr


def test_alias_bomb_refused_without_memory(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 1100
    tracemalloc.start()
    with pytest.raises(YamlProblem) as refused:
        load_yaml(bomb, "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "anchor (&) dan alias (*)" in refused.value.problem.message
    assert (refused.value.problem.line, refused.value.problem.column) == (1, 4)
    assert peak < 2_000_000, f"peak {peak} bytes"


def test_oversized_file_refused(tmp_path: Path) -> None:
    big = tmp_path / "besar.yaml"
    big.write_text("catatan: " + "x" * (1024 * 1024 + 10) + "\n", encoding="utf-8")
    with pytest.raises(YamlProblem) as refused:
        load_yaml(big, "besar.yaml")
    assert "berkas terlalu besar" in refused.value.problem.message


def test_scalars_stay_text(tmp_path: Path) -> None:
    """012, 8:30, no and an 18-digit NIP are not turned into numbers or booleans."""
    file = tmp_path / "a.yaml"
    file.write_text("kode: 012\njam: 8:30\njawab: no\nnip: 197208181994031009\nkosong:\n", encoding="utf-8")
    data, source, notes = load_yaml(file, "a.yaml")
    assert data == {"kode": "012", "jam": "8:30", "jawab": "no", "nip": "197208181994031009", "kosong": None}
    assert (source.at("nip").line, source.at("nip").column) == (4, 6)
    assert notes == []


def test_bom_is_a_warning_and_the_file_still_loads(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_bytes(b"\xef\xbb\xbfnama: Contoh\n")
    data, _, notes = load_yaml(file, "a.yaml")
    assert data == {"nama": "Contoh"}
    assert [n.level for n in notes] == [Level.WARNING]


def test_logo_must_exist_inside_the_site(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    text = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(text.replace("  alamat: Jl. Contoh 1\n", "  alamat: Jl. Contoh 1\n  logo: ../../etc/passwd\n"), encoding="utf-8")
    result = sopgen_check(site)
    assert result.returncode == 1
    assert "site.yaml:5:9: instansi.logo: berkas '../../etc/passwd' berada di luar folder situs" in result.stderr
    (site / "site.yaml").write_text(text.replace("  alamat: Jl. Contoh 1\n", "  alamat: Jl. Contoh 1\n  logo: assets/logo.svg\n"), encoding="utf-8")
    result = sopgen_check(site)
    assert "site.yaml:5:9: instansi.logo: berkas 'assets/logo.svg' tidak ditemukan" in result.stderr


def test_unquoted_comma_in_an_inline_mapping_gets_a_quoting_hint(demo_copy: Path) -> None:
    line = replace_line(demo_copy / SOP, "mutu_baku: {kelengkapan: Disposisi Surat, waktu: 10 menit", "mutu_baku: {kelengkapan: Disposisi Surat, Agenda, waktu: 10 menit")
    result = sopgen_check(demo_copy)
    assert result.returncode == 1
    assert "kunci 'Agenda' tidak dikenal; bila ini lanjutan teks yang mengandung koma, apit teksnya dengan tanda kutip" in result.stderr
    assert f"content/{SOP}:{line}:" in result.stderr


def test_choices_are_listed_in_indonesian(demo_copy: Path) -> None:
    replace_line(demo_copy / "pejabat.yaml", "status: Plt.", "status: Pjs.")
    result = sopgen_check(demo_copy)
    assert "'Pjs.' bukan pilihan yang sah (pilihan: 'definitif', 'Plt.' atau 'Plh.')" in result.stderr
