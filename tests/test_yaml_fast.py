"""libyaml's C parser under sopgen's composer gives what the pure-Python parser gives.

Loading reads YAML through libyaml when PyYAML has it (:func:`sopgen.content.yamlsource.compose`).
Administrators must not see a difference: the same data, every value and key at the same
line and column, the same notes, and for a broken file the same problem. Checked on every
YAML file of the demo and a synthetic site, and on thousands of broken variants of them.
"""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest

from sopgen.content import yamlsource
from sopgen.content.yamlsource import YamlProblem, parse

from .conftest import DEMO, REPO

pytestmark = pytest.mark.skipif(yamlsource.CParser is None, reason="PyYAML tanpa libyaml: hanya jalur Python yang ada")

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_site import sop_text  # noqa: E402

BREAKERS = ["", ":", ": x", "- ", "&a ", "*a", "!!str ", "[", "{", "]", "}", '"', "'", "|", ">", "%", "@", "`", "#", "  ", "\t", "? ", ",", "\\"]
"""What a mutation puts into a line: YAML's indicators, an anchor, an alias, a tab, nothing."""


def outcome(text: str, fast: bool) -> Any:
    """Everything an administrator can see of one parse: data, positions, notes; or the problem."""
    notes: list[Any] = []
    try:
        data, smap = parse(text, "a.yaml", notes, fast=fast)
    except YamlProblem as refused:
        return ("problem", refused.problem)
    return ("data", data, smap.values, smap.keys, smap.flow, smap.split, notes)


def corpus() -> list[str]:
    demo = [p.read_text(encoding="utf-8") for p in sorted(DEMO.rglob("*.yaml")) if "schemas" not in p.parts]
    rng = random.Random(17)
    return demo + [sop_text(i, rng) for i in range(1, 21)]


def mutated(texts: list[str], count: int) -> list[str]:
    """``count`` broken variants: a line deleted, re-indented, cut short, or given an indicator."""
    rng = random.Random(1)
    out = []
    for _ in range(count):
        lines = rng.choice(texts).splitlines(keepends=True)
        at = rng.randrange(len(lines))
        line = lines[at]
        how = rng.randrange(4)
        if how == 0:
            del lines[at]
        elif how == 1:
            lines[at] = " " * rng.randint(1, 3) + line
        elif how == 2:
            lines[at] = line[: rng.randrange(len(line) + 1)]
        else:
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(BREAKERS) + line[cut:]
        out.append("".join(lines))
    return out


def test_same_data_and_positions_on_real_files() -> None:
    texts = corpus()
    for text in texts:
        fast = outcome(text, True)
        assert fast[0] == "data"
        assert fast == outcome(text, False)
    assert len(texts) > 25


def test_same_problems_on_broken_files() -> None:
    variants = mutated(corpus(), 800)
    kinds = set()
    for text in variants:
        fast, pure = outcome(text, True), outcome(text, False)
        assert fast == pure, text
        kinds.add(fast[0])
    assert kinds == {"data", "problem"}  # the mutations did break files, and left some whole


def test_hostile_yaml_refused_alike() -> None:
    hostile = ["a: &x 1\nb: *x\n", "[" * 100 + "]" * 100, "a: 'open\n", "a: [1, 2\n", "a: 1\na: 2\n", "? [a]\n: b\n", "a:\tb\n",
               "a: é😀\nb: {2019: 44,44}\nc: [80, 81,5, 90]\n"]  # decimal commas are found from character offsets
    for text in hostile:
        assert outcome(text, True) == outcome(text, False)


def test_valid_file_is_parsed_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path really is taken: with the pure parser broken, a valid file still parses."""

    class Broken:
        def __init__(self, text: str) -> None:
            raise AssertionError("pure parser used for a valid file")

    monkeypatch.setattr(yamlsource, "_Loader", Broken)
    assert outcome("a: [1, {b: c}]\n", True)[1] == {"a": ["1", {"b": "c"}]}

