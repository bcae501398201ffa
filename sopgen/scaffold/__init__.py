"""Skeleton files for ``sopgen new`` and ``sopgen init``, filled in by name.

The skeletons are ordinary files in ``files/`` (YAML, workflow files) so they
can be read and reviewed as what they are; ``@@name@@`` marks a value to fill
(not ``${...}`` or ``{{ }}``, which the CI files themselves use).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
_PLAIN = re.compile(r"^[A-Za-z0-9][\w .,/()'-]*$")


def fill(name: str, **values: str) -> str:
    """The skeleton ``files/<name>`` with every ``@@key@@`` replaced; all keys must be given."""
    text = (FILES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    left = re.search(r"@@(\w+)@@", text)
    if left:
        raise KeyError(f"skeleton {name} needs a value for {left.group(1)}")
    return text


def yaml_text(value: str) -> str:
    """A YAML scalar for ``value``: plain when safe, else double-quoted (JSON strings are valid YAML)."""
    return value if _PLAIN.match(value) and not value.endswith(":") else json.dumps(value, ensure_ascii=False)
