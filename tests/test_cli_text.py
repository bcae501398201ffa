"""The CLI speaks Bahasa Indonesia: its help, click's headings and click's usage errors.

Read as a user meets them: ``sopgen --help``, each command's ``--help``, and the messages for
a mistyped option, a missing argument, a wrong choice and a mistyped command (exit code 2).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sopgen.cli import main
from sopgen.kinds import NEW_WORDS

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Error:", "Try '", "default:", "Missing", "[OPTIONS]")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="sopgen")
    return result.exit_code, result.output


def test_main_help() -> None:
    code, text = run("--help")
    assert code == 0
    assert text.startswith("Penggunaan: sopgen [OPSI] PERINTAH [ARG]...")
    assert "Opsi:" in text and "Perintah:" in text and "Tampilkan bantuan ini lalu keluar." in text
    assert "Bangun situs (HTML dan PDF)" in text
    assert not [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("command", sorted(main.commands))
def test_each_command_help(command: str) -> None:
    code, text = run(command, "--help")
    assert code == 0
    assert text.startswith(f"Penggunaan: sopgen {command} [OPSI]")
    assert "Opsi:" in text
    assert not [word for word in ENGLISH if word in text], text


@pytest.mark.parametrize(("args", "expected"), [
    (["build", "--no-pfd"], "Galat: Tidak ada opsi '--no-pfd'. Maksud Anda '--no-pdf'?"),  # one close option: the singular message
    (["new"], "Galat: Kurang argumen 'JENIS'. Pilihan:"),
    (["new", "surat", "x"], f"Galat: Nilai tidak sah untuk 'JENIS': 'surat' bukan salah satu dari {', '.join(repr(w) for w in NEW_WORDS)}."),
    (["bulid"], "Galat: Tidak ada perintah 'bulid'. Maksud Anda 'build'?"),
    (["check", "a", "b"], "Galat: Ada argumen lebih yang tidak dikenal (b)"),
])
def test_usage_errors(args: list[str], expected: str) -> None:
    code, text = run(*args)
    assert code == 2
    assert expected in text
    assert "Coba 'sopgen" in text and "--help' untuk bantuan." in text
    assert not [word for word in ENGLISH if word in text], text
