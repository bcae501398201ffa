"""click's own words (usage lines, help headings, usage errors) in Bahasa Indonesia.

click marks its messages for gettext but ships no catalogues, and installing a gettext domain
would change the messages of every library in the process. Instead the ``_`` and ``ngettext``
names of click's modules are pointed at this table once, when the CLI module is imported; a
message the table lacks stays as click wrote it (it reads English, but is never lost).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

MESSAGES = {
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Positional arguments": "Argumen",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "Aborted!": "Dibatalkan.",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing command.": "Perintah belum diberikan.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "Missing argument": "Kurang argumen",
    "Missing option": "Kurang opsi",
    "Missing parameter": "Kurang parameter",
    "Missing {param_type}": "{param_type} belum diberikan",
    "Missing parameter: {param_name}": "Parameter belum diberikan: {param_name}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "Choose from:\n\t{choices}": "Pilihan:\n\t{choices}",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} tidak dalam rentang {range}.",
    "file": "Berkas",
    "directory": "Folder",
    "path": "Jalur",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
}

_CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators")


def translate(message: str) -> str:
    """``message`` in Bahasa Indonesia when the table has it."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """gettext's ``ngettext`` over the table (Indonesian nouns do not change with the count)."""
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Point click's message functions at the table (idempotent)."""
    for name in _CLICK_MODULES:
        try:
            module: Any = importlib.import_module(f"click.{name}")  # its functions are replaced by name
        except ImportError:  # click moves its modules between releases; a missing one has nothing to translate
            continue
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural


class Command(click.Command):
    """A command whose usage line reads ``[OPSI]``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class Group(click.Group):
    """The ``sopgen`` group: Indonesian usage line, and its commands built as :class:`Command`."""

    command_class = Command

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARG]...")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
