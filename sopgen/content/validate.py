"""Validating plain YAML data into typed models, with errors at their lines.

pydantic reports an error at a ``loc`` such as ``('langkah', 2, 'pelaksana')``;
the source map turns that into a line and column, and the error type into a
message in Bahasa Indonesia. Unknown keys get a did-you-mean from the model's
own field names.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import Problem, did_you_mean
from ..models.base import FieldError
from .yamlsource import FieldPath, SourceMap, field_name

T = TypeVar("T")

_MESSAGES = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "float_parsing": "harus berupa angka (pakai titik untuk desimal di YAML, mis. 95.5)",
    "float_type": "harus berupa angka",
    "decimal_parsing": "harus berupa angka (pakai titik untuk desimal di YAML, mis. 95.5)",
    "decimal_type": "harus berupa angka (pakai titik untuk desimal di YAML, mis. 95.5)",
    "decimal_max_digits": "angkanya terlalu panjang",
    "decimal_max_places": "terlalu banyak angka di belakang titik desimal",
    "decimal_whole_digits": "angkanya terlalu panjang",
    "finite_number": "harus berupa angka yang terhingga",
    "literal_error": "bukan pilihan yang sah",
    "string_pattern_mismatch": "bentuknya tidak sesuai",
    "set_type": "harus berupa daftar (baris-baris diawali '- ')",
    "tuple_type": "harus berupa daftar (baris-baris diawali '- ')",
    "url_parsing": "harus berupa alamat web, mis. https://contoh.go.id",
    "url_scheme": "harus berupa alamat web yang diawali https:// atau http://",
    "none_required": "harus dikosongkan",
    "is_instance_of": "jenis nilainya tidak sesuai",
    "bool_parsing": "harus berupa true atau false",
    "bool_type": "harus berupa true atau false",
    "date_parsing": "harus berupa tanggal, mis. 2024-01-17 atau 17 Januari 2024",
    "date_from_datetime_parsing": "harus berupa tanggal, mis. 2024-01-17 atau 17 Januari 2024",
    "date_type": "harus berupa tanggal, mis. 2024-01-17 atau 17 Januari 2024",
    "list_type": "harus berupa daftar (baris-baris diawali '- ')",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "too_short": "terlalu sedikit isinya",
    "string_too_long": "terlalu panjang; pakai nama yang lebih pendek",
    "string_too_short": "tidak boleh kosong; isi teksnya, atau hapus barisnya bila tidak wajib",
    "too_long": "terlalu banyak isinya",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
    "greater_than": "terlalu kecil",
    "less_than": "terlalu besar",
}

UNKNOWN_KIND = "nilainya tidak sah di sini"
"""For a pydantic error type not in :data:`_MESSAGES`: Indonesian still, never pydantic's English."""


ANGKA_HINT = "tulis angka dengan titik sebagai pemisah desimal, mis. 95.5; kosongkan atau '-' bila belum tersedia."

_DECIMAL_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+|[+-]?\d+,\d+")
"""``82,5`` or ``1.234,5``: a number written the Indonesian way, which YAML reads as text."""


def validate(schema: type[T], data: Any, source: SourceMap) -> tuple[T | None, list[Problem]]:
    """Validate ``data`` against a model class or type; the model, or None and the problems."""
    adapter = TypeAdapter(schema)
    try:
        return adapter.validate_python(data), []
    except ValidationError as exc:
        found = _problems(schema, data, source, exc)
        return None, found + _decimal_commas(schema, data, source, {(p.line, p.column) for p in found})


def _decimal_commas(schema: Any, data: Any, source: SourceMap, reported: set[tuple[int, int]]) -> list[Problem]:
    """Number fields written with a decimal comma, in a file that fails validation elsewhere.

    A field that takes a number or a label (a target, a realisasi) accepts ``82,5`` as text;
    the file's own checks then report it, but they run only on a valid file. Found here on the
    plain data, it is reported in the same run as the schema errors, not after they are fixed.
    """
    found: list[Problem] = []

    def walk(node: Any, loc: FieldPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, loc + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, loc + (index,))
        elif isinstance(node, str) and _DECIMAL_COMMA.fullmatch(node.strip()) and _takes_number(schema, loc):
            where = source.at(*loc)
            if (where.line, where.column) not in reported:
                found.append(Problem(source.path, where.line, where.column, field_name(loc), f"harus berupa angka (tertulis '{node.strip()}')", ANGKA_HINT))

    walk(data, ())
    return found


def _takes_number(schema: Any, loc: FieldPath) -> bool:
    """Whether the field at ``loc`` accepts a number (alone or in a union with a label)."""
    return any(t in (Decimal, int, float) for c in _types_at(schema, loc) for t in _unwrap(c))


def _problems(schema: Any, data: Any, source: SourceMap, exc: ValidationError) -> list[Problem]:
    errors = exc.errors(include_url=False)
    found: dict[tuple[FieldPath, str], Problem] = {}
    misspelt = _misspelt_keys(schema, data, errors)
    for error in errors:
        loc = _data_path(data, error["loc"], error["type"])
        raised = error.get("ctx", {}).get("error")
        if isinstance(raised, FieldError):
            loc += raised.path  # a whole model's check about one of its fields: at that field's line
        if error["type"] == "missing" and loc in misspelt:
            continue  # already reported as the unknown key that was meant to be this one
        if any(loc[: len(split)] == split for split in source.split):
            continue  # a decimal comma split a number here: reported once, where it was written
        problem = _problem(schema, loc, error, source)
        found.setdefault((loc, problem.message), problem)
    # A union (e.g. an id or a mapping) reports once per member; keep the first.
    kept: dict[FieldPath, Problem] = {}
    for (loc, _), problem in found.items():
        kept.setdefault(loc, problem)
    return list(kept.values())


def _misspelt_keys(schema: Any, data: Any, errors: list[Any]) -> set[FieldPath]:
    """Paths of missing fields for which an unknown key beside them is the likely misspelling."""
    meant: set[FieldPath] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = _data_path(data, error["loc"], error["type"])
        if not loc:
            continue
        suggestion = difflib.get_close_matches(str(loc[-1]).lower(), allowed_keys(schema, loc[:-1]), n=1, cutoff=0.6)
        if suggestion:
            meant.add(loc[:-1] + (suggestion[0],))
    return meant


def _data_path(data: Any, loc: tuple[Any, ...], kind: str) -> FieldPath:
    """Drop pydantic's union tags from ``loc``: keep only steps that exist in the data."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str) and (part in node or (last and kind == "missing")):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
    return tuple(path)


def _problem(schema: Any, loc: FieldPath, error: Any, source: SourceMap) -> Problem:
    kind = error["type"]
    name = field_name(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        allowed = allowed_keys(schema, loc[:-1])
        hint = did_you_mean(key, allowed) or (f"kunci yang dikenal: {', '.join(allowed)}." if allowed else "")
        if loc[:-1] in source.flow and error.get("input") is None:
            hint = "bila ini lanjutan teks yang mengandung koma, apit teksnya dengan tanda kutip, mis. \"Berkas A, B\"."
        where = source.key_at(*loc)
        return Problem(source.path, where.line, where.column, name, f"kunci '{key}' tidak dikenal", hint)
    if kind == "missing":
        where = source.at(*loc[:-1])
        return Problem(source.path, where.line, where.column, name, "wajib diisi", f"tambahkan '{loc[-1]}:' di sini." if loc else "")
    where = source.at(*loc)
    if kind in {"value_error", "assertion_error"}:
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    elif kind in {"literal_error", "enum"}:
        expected = error.get("ctx", {}).get("expected", "")
        got = error.get("input")
        choices = [c.strip().strip("'") for c in str(expected).replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(got), choices) if isinstance(got, str) else ""
        listed = ", ".join(f"'{c}'" for c in choices[:-1]) + f" atau '{choices[-1]}'" if len(choices) > 1 else f"'{choices[0]}'"
        if got is None:  # 'aturan:' written with nothing after it
            return Problem(source.path, where.line, where.column, name, f"kosong (pilihan: {listed})", "tulis salah satu pilihan, atau hapus barisnya bila tidak wajib.")
        return Problem(source.path, where.line, where.column, name, f"'{got}' bukan pilihan yang sah (pilihan: {listed})", hint)
    elif error.get("input") is None and kind != "missing":
        # Written as 'target:' with nothing after it: the field is there but empty.
        return Problem(source.path, where.line, where.column, name, "kosong", "isi nilainya di sini, atau hapus barisnya bila tidak wajib.")
    elif kind == "string_too_long" and isinstance(error.get("input"), str):
        limit = error.get("ctx", {}).get("max_length")
        message = f"terlalu panjang ({len(error['input'])} karakter, paling banyak {limit}); pakai teks yang lebih pendek"
    else:
        message = _MESSAGES.get(kind, UNKNOWN_KIND)
    got = error.get("input")
    if kind not in {"missing", "value_error", "string_too_short", "string_too_long"} and isinstance(got, str) and got:
        message += f" (tertulis '{got}')"
    return Problem(source.path, where.line, where.column, name, message)


def allowed_keys(schema: Any, loc: FieldPath) -> list[str]:
    """Field names of the model found by walking ``loc`` through the schema's types."""
    for model in _models_at(schema, loc):
        return list(model.model_fields)
    return []


def _models_at(schema: Any, loc: FieldPath) -> list[type[BaseModel]]:
    return [m for c in _types_at(schema, loc) for m in _unwrap(c) if isinstance(m, type) and issubclass(m, BaseModel)]


def _types_at(schema: Any, loc: FieldPath) -> list[Any]:
    """The annotations the schema may have at ``loc`` (several through unions)."""
    candidates = [schema]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            for model_or_container in _unwrap(candidate):
                if isinstance(model_or_container, type) and issubclass(model_or_container, BaseModel):
                    if isinstance(part, str) and part in model_or_container.model_fields:
                        following.append(model_or_container.model_fields[part].annotation)
                else:
                    origin = typing.get_origin(model_or_container)
                    args = typing.get_args(model_or_container)
                    if origin in (list, tuple) and isinstance(part, int) and args:
                        following.append(args[0])
                    elif origin is dict and isinstance(part, str) and len(args) == 2:
                        following.append(args[1])
        candidates = following
    return candidates


def _unwrap(annotation: Any) -> list[Any]:
    """``X | None``, ``Annotated[X, ...]`` and unions -> their members."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation]
