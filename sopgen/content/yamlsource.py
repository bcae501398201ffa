"""Reading one YAML file safely, keeping where every value came from.

PyYAML's ``compose`` gives nodes with marks; we turn them into plain data
(dicts, lists, strings) and a :class:`SourceMap` from a field path to its
line and column. Every scalar stays a string (the ``BaseLoader`` reading), so
``012``, ``8:30``, ``no`` and an 18-digit NIP are never turned into numbers or
booleans behind the administrator's back; pydantic converts them where a
field really is a number or a date.

Anchors and aliases are refused while composing, before anything is
expanded, so an alias bomb costs nothing.

The events come from libyaml's C parser when PyYAML has it (three times faster than the
pure-Python scanner, which was most of loading a large site), composed by our own composer, so
aliases, depth and positions are handled in one place. A file the C parser refuses is parsed
again by the pure-Python one, whose messages (and the positions they name) are the ones
administrators get: the C path only ever answers for files that parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Position, Problem
from . import reading

FieldPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Field path -> position of its value (and of its key, for mappings)."""

    path: str
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    flow: set[FieldPath] = field(default_factory=set)
    """Mappings written inline as ``{a: 1, b: 2}``, where an unquoted comma splits a text in two."""
    split: set[FieldPath] = field(default_factory=set)
    """Inline collections where a decimal comma split a number in two (already a problem)."""

    def at(self, *fieldpath: str | int) -> Position:
        """The position of a value, or of its nearest known parent."""
        loc: FieldPath = tuple(fieldpath)
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(self.path))

    def key_at(self, *fieldpath: str | int) -> Position:
        """The position of a mapping key (for unknown-key errors), else of its value."""
        return self.keys.get(tuple(fieldpath)) or self.at(*fieldpath)


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _Refuse(Exception):
    def __init__(self, node_mark: Any, message: str, hint: str):
        self.mark, self.message, self.hint = node_mark, message, hint


MAX_DEPTH = 64
"""Deeper nesting is refused while composing: the deepest real file (kinerja.yaml) nests about 15
levels, and 20,000 ``[`` would exhaust Python's stack (a RecursionError, not a message)."""


class _StrictComposer(Composer):
    """Refuses anchors and aliases before they are expanded, and nesting deeper than :data:`MAX_DEPTH`."""

    peek_event: Callable[[], Event]
    """The parser's, which this composer is mixed with in :class:`_Loader`."""
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refuse(
                event.start_mark,
                "anchor (&) dan alias (*) YAML tidak diizinkan",
                "tuliskan nilainya secara lengkap di setiap tempat.",
            )
        if self._depth >= MAX_DEPTH:
            raise _Refuse(event.start_mark, f"YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                          "periksa tanda [ ] dan { } yang tidak tertutup atau indentasi yang terus bertambah.")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _StrictComposer, yaml.resolver.BaseResolver):
    """The pure-Python parser: its messages are the ones reported."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _StrictComposer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


CParser: Any
try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:
    class _FastLoader(_StrictComposer, CParser, yaml.resolver.BaseResolver):
        """libyaml's events under our composer (first in the order: its compose_node, not the C one)."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictComposer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)


_LENIENT_IN_LIBYAML = re.compile(r"\t|\?\s")


def compose(text: str, fast: bool = CParser is not None) -> Node | None:
    """The file's one node; the C parser first when ``fast``, the pure one for its messages on any refusal.

    A text with a tab or a ``?`` before a space goes to the pure parser: PyYAML refuses a tab
    inside a plain value and ``? `` inside ``[ ]``/``{ }`` where libyaml takes them, and the two
    must never disagree on whether a file is valid (``tests/test_yaml_fast.py`` looks for more).
    """
    if fast and not _LENIENT_IN_LIBYAML.search(text):
        fast_loader = _FastLoader(text)
        try:
            return fast_loader.get_single_node()
        except (yaml.YAMLError, _Refuse):
            pass  # parsed again below, for the pure parser's message and position
        finally:
            fast_loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_UNCLOSED = {"quoted scalar": "tanda kutip", "flow sequence": "kurung [", "flow mapping": "kurung {"}
"""PyYAML's context of an error -> what was opened and never closed."""


def _pos(path: str, mark: Any) -> Position:
    return Position(path, mark.line + 1, mark.column + 1)


def read_text(file: Path, shown: str, root: Path) -> tuple[str, list[Problem]]:
    """The file's text under the one reading rule (:mod:`.reading`), refusing tab indentation too."""
    try:
        text, notes = reading.read_text(file, (root,), shown)
    except reading.ReadRefused as refused:
        raise YamlProblem(refused.problem) from None
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(Problem(shown, number, indent.index("\t") + 1, "", "indentasi memakai karakter tab", "YAML hanya menerima spasi untuk indentasi; ganti tab dengan spasi."))
    return text, notes


def load_yaml(file: Path, shown: str, root: Path | None = None) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse one file into plain data and its source map; raises YamlProblem if unreadable.

    ``root`` is the site folder the file must lie in (default: the file's own folder).

    Returns the data, the map, and non-fatal notes (warnings such as a BOM,
    or errors such as duplicate keys that still let the rest be checked).
    """
    text, notes = read_text(file, shown, root or file.parent)
    data, smap = parse(text, shown, notes)
    return data, smap, notes


def parse(text: str, shown: str, notes: list[Problem], fast: bool = CParser is not None) -> tuple[Any, SourceMap]:
    """The text's data and source map (notes appended to ``notes``); raises YamlProblem. ``fast``: see :func:`compose`."""
    try:
        node = compose(text, fast)
    except _Refuse as refusal:
        raise YamlProblem(Problem(shown, refusal.mark.line + 1, refusal.mark.column + 1, "", refusal.message, refusal.hint)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "sintaks YAML tidak valid"
        opened = next((sign for context, sign in _UNCLOSED.items() if context in (exc.context or "")), None)
        if opened and exc.context_mark and (opened == "tanda kutip" or "stream end" in what or "end of stream" in what):
            # Unclosed, the quote or bracket runs to the end of the file: where it opens is the mistake.
            mark, what = exc.context_mark, f"{opened} yang dibuka di sini tidak ditutup"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(Problem(shown, line, column, "", f"sintaks YAML tidak valid: {what}", "periksa indentasi, titik dua, dan tanda kutip di sekitar baris ini.")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(shown, 1, 1, "", f"sintaks YAML tidak valid: {exc}")) from None
    if node is None:
        raise YamlProblem(Problem(shown, 1, 1, "", "berkas kosong", "isi berkas ini atau hapus berkasnya."))
    smap = SourceMap(shown)
    notes.extend(decimal_commas(node, text, smap))
    return _to_data(node, (), smap, notes), smap


def _numeral(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value.isdigit()


def _decimal_comma(first: Node, second: Node, text: str, loc: FieldPath, smap: SourceMap) -> Problem:
    smap.split.add(loc)
    written = text[first.start_mark.index : second.end_mark.index]
    return Problem(smap.path, first.start_mark.line + 1, first.start_mark.column + 1, field_name(loc),
                   f"'{written}' terbaca sebagai dua nilai, {first.value} dan {second.value}: koma memisahkan isi di dalam {{ }} dan [ ]",
                   f"pakai titik untuk desimal: {first.value}.{second.value}.")


def decimal_commas(node: Node, text: str, smap: SourceMap, loc: FieldPath = ()) -> list[Problem]:
    """Decimal commas inside ``{ }`` or ``[ ]``, the likeliest slip when copying an Indonesian table.

    ``{2019: 44,44}`` is valid YAML for ``{2019: 44, 44: null}`` and ``[1,5, 2,5, 3, 4]`` for six
    numbers, so nothing downstream would notice. A comma with a digit on both sides and no space
    is taken for a decimal comma where the reading as a separator is implausible: in a mapping
    when it leaves a number as a key with no value; in a list when other items of the same list
    are separated by a comma and a space (``[1,2,3,4]`` written tight throughout is left alone).
    The collection is recorded in ``smap.split`` so its schema errors (too many items, an
    unknown key '5') are not reported as further problems of the same slip.
    """
    found: list[Problem] = []
    if isinstance(node, MappingNode):
        pairs = [(key, value) for key, value in node.value if isinstance(key, ScalarNode)]
        for (_, value), (key, after) in pairwise(pairs):
            implicit = isinstance(after, ScalarNode) and after.value == "" and after.start_mark.index == after.end_mark.index
            if node.flow_style and implicit and _numeral(value) and _numeral(key) and text[value.end_mark.index : key.start_mark.index] == ",":
                found.append(_decimal_comma(value, key, text, loc, smap))
        for key, value in pairs:
            found += decimal_commas(value, text, smap, loc + (key.value,))
    elif isinstance(node, SequenceNode):
        items = node.value
        gaps = [text[a.end_mark.index : b.start_mark.index] for a, b in pairwise(items)]
        if node.flow_style and any(gap.strip() == "," and gap != "," for gap in gaps):
            found += [_decimal_comma(a, b, text, loc, smap) for (a, b), gap in zip(pairwise(items), gaps) if gap == "," and _numeral(a) and _numeral(b)]
        for index, item in enumerate(items):
            found += decimal_commas(item, text, smap, loc + (index,))
    return found


def _to_data(node: Node, loc: FieldPath, smap: SourceMap, notes: list[Problem]) -> Any:
    smap.values[loc] = _pos(smap.path, node.start_mark)
    if isinstance(node, ScalarNode):
        if not node.style and node.value in {"", "~", "null", "Null", "NULL"}:  # plain: style None (PyYAML) or '' (libyaml)
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_to_data(item, loc + (i,), smap, notes) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    if node.flow_style:
        smap.flow.add(loc)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            notes.append(Problem(smap.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, field_name(loc), "kunci harus berupa teks sederhana"))
            continue
        key = key_node.value
        here = loc + (key,)
        if key in result:
            first = smap.keys[here]
            notes.append(Problem(smap.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, field_name(here), f"kunci '{key}' tertulis dua kali (pertama di baris {first.line})", "hapus salah satunya."))
            continue
        smap.keys[here] = _pos(smap.path, key_node.start_mark)
        result[key] = _to_data(value_node, here, smap, notes)
    return result


def field_name(loc: FieldPath) -> str:
    """``('langkah', 2, 'pelaksana')`` -> ``langkah[3].pelaksana`` (numbers as users count: from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
