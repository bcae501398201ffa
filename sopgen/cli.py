"""The ``sopgen`` command: thin click wrappers around build and check.

Exit codes: 0 success, 1 content problems (or warnings under --strict),
2 usage errors (click's own).
"""

from __future__ import annotations

import logging
import signal
import sys
import tempfile
from pathlib import Path

import click

from . import __version__, cli_text
from .build import build_site
from .cache import OutputCache, default_cache_dir
from .check import check_kabupaten_rendering, check_rendering
from .content.kabupaten import PEMDA_FILE, is_kabupaten, per_unit
from .errors import ContentError, Problem
from .kinds import NEW_WORDS
from .output import BuildResult, OutputBusy, OutputCollision, OutputRefused
from .pool import default_jobs
from .portal import UnknownUnit, build_kabupaten
from .progress import build_progress
from .reporter import report, summary
from .serve import PREVIEW_PORT
from .shard import MAX_BAGIAN, Shard

cli_text.install()

SITE_ARG = click.argument("site_dir", metavar="[FOLDER_KONTEN]", required=False, default="content", type=click.Path(file_okay=False, path_type=Path))


UNIT_OPTION = click.option("--unit", default=None, metavar="ID",
                           help="Situs banyak unit (pemda.yaml): hanya unit ini (folder unit/ID/); build menulis pratinjau unit itu saja.")


def _multi_unit(site_dir: Path, unit: str | None) -> bool:
    """Whether SITE_DIR is a multi-unit site; ``--unit`` on a single-unit site is a usage mistake."""
    if is_kabupaten(site_dir):
        return True
    if unit is not None:
        raise click.UsageError(f"--unit hanya untuk situs banyak unit: {site_dir} tidak memuat {PEMDA_FILE}")
    return False


def _fail(problems: list[Problem], strict: bool) -> None:
    report(problems, sys.stderr)
    errors = sum(1 for p in problems if p.level.name == "ERROR")
    for unit, count in per_unit(problems).items():
        click.echo(f"  unit {unit}: {count} masalah", err=True)
    click.echo(f"Gagal: {summary(errors, len(problems) - errors, strict)}.", err=True)
    sys.exit(1)


@click.group(cls=cli_text.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sopgen")
def main() -> None:
    """sopgen: SOP, pengukuran kinerja, dan Laporan Kinerja dari YAML menjadi situs HTML dan PDF.

    FOLDER_KONTEN adalah folder yang memuat site.yaml, atau pemda.yaml untuk situs banyak unit (bawaan: content).
    """


OUT_OPTION = click.option("--out", "out_dir", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="Folder hasil (bawaan: output/ di samping folder konten).")
STRICT_OPTION = click.option("--strict", is_flag=True, help="Anggap peringatan sebagai kesalahan (seperti di CI).")
CACHE_OPTION = click.option("--cache", "cache_dir", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path), default=None, envvar="SOPGEN_CACHE",
                            help="Folder cache PDF dan salinan Word (bawaan: .sopgen-cache/ di samping folder konten); berkas yang masukannya tidak berubah tidak dibuat ulang.")
JOBS_OPTION = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                           help="Jumlah proses yang menata PDF bersamaan (bawaan: jumlah inti prosesor); hasilnya sama untuk berapa pun.")


def _shard(_: click.Context, __: click.Parameter, value: str | None) -> Shard | None:
    try:
        return None if value is None else Shard.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@main.command()
@SITE_ARG
@OUT_OPTION
@STRICT_OPTION
@click.option("--no-pdf", is_flag=True, help="Tanpa PDF (pratinjau lebih cepat).")
@UNIT_OPTION
@CACHE_OPTION
@click.option("--no-cache", is_flag=True, help="Buat ulang setiap PDF, tanpa membaca atau menulis cache.")
@JOBS_OPTION
@click.option("--shard", metavar="i/n", default=None, callback=_shard,
              help="Bangun hanya bagian ke-i dari n dokumen, ke folder cache saja (untuk matriks CI); gabungkan dengan 'sopgen assemble'.")
def build(site_dir: Path, out_dir: Path | None, strict: bool, no_pdf: bool, unit: str | None, cache_dir: Path | None, no_cache: bool,
          jobs: int | None, shard: Shard | None) -> None:
    """Bangun situs (HTML dan PDF) ke folder hasil."""
    if shard is None:
        cache = None if no_cache else OutputCache(cache_dir or default_cache_dir(site_dir))
        result = _build(site_dir, out_dir or site_dir.resolve().parent / "output", strict, not no_pdf, unit, cache, jobs)
        click.echo(f"Selesai: {len(result.files)} berkas di {result.out_dir}.")
        return
    if no_cache or no_pdf or out_dir is not None:
        raise click.UsageError("--shard membangun PDF ke folder cache saja: tanpa --no-cache, --no-pdf, atau --out")
    cache = OutputCache(cache_dir or default_cache_dir(site_dir), shard=shard)
    with tempfile.TemporaryDirectory(prefix="sopgen-bagian-") as scratch:  # its pages are not a site: assemble writes that
        _build(site_dir, Path(scratch) / "output", strict, True, unit, cache, jobs)
    click.echo(f"Selesai: bagian {shard.index}/{shard.count}, {len(cache.rendered)} berkas dibuat dan {len(cache.served)} dari cache, di {cache.folder}.")


@main.command()
@SITE_ARG
@click.option("--from", "shards", metavar="FOLDER", multiple=True, required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder cache sebuah bagian (build --shard); ulangi untuk setiap bagian.")
@OUT_OPTION
@STRICT_OPTION
@UNIT_OPTION
@CACHE_OPTION
@JOBS_OPTION
def assemble(site_dir: Path, shards: tuple[Path, ...], out_dir: Path | None, strict: bool, unit: str | None, cache_dir: Path | None,
             jobs: int | None) -> None:
    """Gabungkan bagian-bagian (build --shard) menjadi situs utuh: beranda, daftar, himpunan, indeks pencarian."""
    cache = OutputCache(cache_dir or default_cache_dir(site_dir), shards=shards)
    result = _build(site_dir, out_dir or site_dir.resolve().parent / "output", strict, True, unit, cache, jobs)
    click.echo(f"Selesai: {len(result.files)} berkas di {result.out_dir}; {len(cache.served)} dari cache dan bagian, {len(cache.rendered)} dibuat.")


def _build(site_dir: Path, out_dir: Path, strict: bool, pdf: bool, unit: str | None, cache: OutputCache | None, jobs: int | None) -> BuildResult:
    """One build of a single- or multi-unit site; a content, output or unit problem is told and ends the command."""
    kabupaten = _multi_unit(site_dir, unit)
    try:
        with build_progress() as progress:
            if kabupaten:
                result = build_kabupaten(site_dir, out_dir, strict=strict, pdf=pdf, only=unit, progress=progress, cache=cache, jobs=jobs or default_jobs())
            else:
                result = build_site(site_dir, out_dir, strict=strict, pdf=pdf, progress=progress, cache=cache, jobs=jobs or default_jobs())
    except ContentError as exc:
        _fail(exc.problems, strict)
    except OutputRefused as exc:  # a wrong --out is a usage mistake
        click.echo(f"Gagal: {exc}.", err=True)
        sys.exit(2)
    except UnknownUnit as exc:
        raise click.UsageError(str(exc)) from exc
    except (OutputCollision, OutputBusy) as exc:
        click.echo(f"Gagal: {exc}.", err=True)
        sys.exit(1)
    if result.warnings:
        report(result.warnings, sys.stderr)
    return result


@main.command()
@SITE_ARG
@click.option("--strict", is_flag=True, help="Anggap peringatan sebagai kesalahan (seperti di CI).")
@UNIT_OPTION
def check(site_dir: Path, strict: bool, unit: str | None) -> None:
    """Periksa seluruh konten tanpa menulis apa pun."""
    try:
        problems = check_kabupaten_rendering(site_dir, unit) if _multi_unit(site_dir, unit) else check_rendering(site_dir)
    except UnknownUnit as exc:
        raise click.UsageError(str(exc)) from exc
    if problems.fails(strict):
        _fail(problems.sorted(), strict)
    if problems.items:
        report(problems.sorted(), sys.stderr)
    click.echo(f"Konten baik: {summary(0, len(problems.warnings), strict)}.")


@main.command()
@SITE_ARG
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ALAMAT", help="Alamat yang didengarkan.")
@click.option("--port", default=PREVIEW_PORT, show_default=True, metavar="NOMOR", help="Port yang didengarkan (0: port bebas mana saja).")
@click.option("--pdf", is_flag=True, help="Bangun juga PDF setiap ada perubahan: halaman dimuat ulang lebih dahulu, PDF menyusul.")
def serve(site_dir: Path, host: str, port: int, pdf: bool) -> None:
    """Pratinjau situs di komputer ini; dibangun ulang dan dimuat ulang setiap berkas disimpan."""
    from .serve import Preview

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    try:
        preview = Preview(site_dir, host, port, pdf)
    except OSError as exc:
        raise click.ClickException(f"tidak dapat membuka {host}:{port} ({exc.strerror}); coba --port lain") from exc
    signal.signal(signal.SIGTERM, lambda *_: preview.stop_event.set())
    preview.start()
    click.echo(f"Pratinjau: {preview.url}  (Ctrl+C untuk berhenti; halaman dimuat ulang setiap kali berkas disimpan)")
    try:
        preview.stop_event.wait()
    except KeyboardInterrupt:
        click.echo("Berhenti.")
    finally:
        preview.stop()


@main.command()
@SITE_ARG
@click.option("--out", "out_dir", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder skema (bawaan: schemas/ di folder konten).")
@click.option("--modelines", is_flag=True, help="Tambahkan juga baris '# yaml-language-server: $schema=...' ke berkas konten yang belum memilikinya.")
def schema(site_dir: Path, out_dir: Path | None, modelines: bool) -> None:
    """Tulis JSON Schema setiap jenis berkas konten, untuk editor (VS Code YAML)."""
    from .schema import add_modelines, write_schemas

    for file in write_schemas(site_dir, out_dir):
        click.echo(f"Skema: {file}")
    for file in add_modelines(site_dir) if modelines else []:
        click.echo(f"Baris skema ditambahkan: {file}")


@main.command()
@click.argument("kind", metavar="JENIS", type=click.Choice(NEW_WORDS))
@click.argument("name", metavar="[NAMA]", required=False)
@click.argument("periode", metavar="[PERIODE]", required=False)
@click.option("--site", "site_dir", default="content", show_default=True, metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path), help="Folder konten.")
@click.option("--nama", default=None, metavar="JUDUL", help="Judul dokumen (bawaan: dari NAMA).")
def new(kind: str, name: str | None, periode: str | None, site_dir: Path, nama: str | None) -> None:
    """Buat kerangka dokumen yang sah dan berkomentar: `sopgen new sop surat-pindah`, `sopgen new kinerja 2025`,
    `sopgen new keputusan`, `sopgen new monitoring surat-pindah 2025-1` (periode bawaan: semester terakhir yang sudah selesai),
    `sopgen new evaluasi surat-pindah`."""
    from .new import ScaffoldError, new_document

    try:
        target = new_document(kind, site_dir, name, nama, periode)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Dibuat: {target}")


@main.command()
@click.argument("target", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path))
@click.option("--unit-kerja", default="Kecamatan Contoh", show_default=True, metavar="TEKS", help="Unit kerja, mis. 'Kecamatan Candipuro'.")
@click.option("--pemerintah", default="Kabupaten Contoh", show_default=True, metavar="TEKS", help="Pemerintah daerah, mis. 'Kabupaten Lumajang'.")
@click.option("--alamat", default="Jl. Contoh No. 1", show_default=True, metavar="TEKS", help="Alamat kantor.")
@click.option("--paket", default=None, metavar="PERSYARATAN", help="Persyaratan pip tempat CI memasang sopgen (bawaan: sumber sopgen ini).")
@click.option("--bagian", type=click.IntRange(min=2, max=MAX_BAGIAN), default=None, metavar="N",
              help="Untuk situs besar: CI membangun N bagian bersamaan (matriks build --shard) lalu menggabungkannya (assemble).")
def init(target: Path, unit_kerja: str, pemerintah: str, alamat: str, paket: str | None, bagian: int | None) -> None:
    """Buat repositori konten baru yang diterbitkan oleh GitHub Actions dan GitLab CI."""
    from .init import InitError, init_repository
    from .install_source import InstallSource, running_source

    source = InstallSource(paket) if paket else running_source()
    try:
        files = init_repository(target, unit_kerja=unit_kerja, pemerintah=pemerintah, alamat=alamat, source=source, bagian=bagian)
    except InitError as exc:
        raise click.ClickException(str(exc)) from exc
    if source.unreachable:
        click.echo(f"Peringatan: {source.unreachable}; CI akan gagal memasang {source.requirement!r}. "
                   "Buat ulang dengan --paket (mis. 'sopgen @ git+https://github.com/ORGANISASI/sopgen@v0.1.0') "
                   "atau ubah SOPGEN_PAKET di berkas CI.", err=True)
    click.echo(f"Repositori konten dibuat di {target} ({len(files)} berkas). Langkah berikutnya:")
    click.echo(f"  cd {target} && git init && sopgen serve")
