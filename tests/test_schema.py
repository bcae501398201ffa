"""JSON Schemas from the models: every field described in Indonesian, and valid content validates.

The demo's files and the ``init`` skeletons are checked against the generated
schemas with a real JSON Schema validator, loading YAML as the editor's YAML
extension does (a date stays text), so the editor never flags what sopgen
accepts. A wrong key and a misspelt month are flagged, as they are by sopgen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sopgen.cli import main
from sopgen.schema import MODELINE, SOURCES, kind_of, schema_for

from .conftest import DEMO


class EditorLoader(yaml.SafeLoader):
    """YAML as VS Code's YAML extension reads it: ``2024-01-17`` stays a string."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)


def undescribed(node: Any, path: str = "") -> list[str]:
    """Property paths without a description."""
    found = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if "description" not in prop:
                found.append(f"{path}.{name}")
        for key, value in node.items():
            found += undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            found += undescribed(item, path)
    return found


@pytest.mark.parametrize("kind", SOURCES, ids=lambda k: k.name)
def test_every_field_is_described(kind) -> None:
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert not undescribed(schema)
    assert schema["description"] and "$defs" not in json.dumps(schema.get("$defs", {})).replace("#/$defs", "")


def demo_files() -> list[Path]:
    return sorted(p for p in DEMO.rglob("*.y*ml") if kind_of(p, DEMO))


def test_every_demo_file_and_kind_is_checked() -> None:
    """The parametrised checks below run on every YAML file of the demo, and each kind has one."""
    files = demo_files()
    assert files == sorted(DEMO.rglob("*.y*ml")), "a demo file no schema covers"
    assert {kind_of(p, DEMO).name for p in files} == {k.name for k in SOURCES}


@pytest.mark.parametrize("file", demo_files(), ids=lambda p: str(p.relative_to(DEMO)))
def test_demo_files_validate(file: Path) -> None:
    kind = kind_of(file, DEMO)
    assert kind is not None
    errors = list(jsonschema.Draft202012Validator(schema_for(kind)).iter_errors(load(file.read_text(encoding="utf-8"))))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("file", demo_files(), ids=lambda p: str(p.relative_to(DEMO)))
def test_demo_files_name_their_schema(file: Path) -> None:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{file}: first line should be the yaml-language-server line"
    schema = (file.parent / first[len(MODELINE):]).resolve()
    assert schema.is_file() and schema.name == f"{kind_of(file, DEMO).name}.schema.json"


def test_mistakes_are_flagged() -> None:
    sop = next(k for k in SOURCES if k.name == "sop")
    validator = jsonschema.Draft202012Validator(schema_for(sop))
    good = load((DEMO / "sop" / "pengukuran-data-kinerja.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(good))
    wrong_key = {**good, "nomer": "1"}
    assert any("nomer" in e.message for e in validator.iter_errors(wrong_key))
    for text in ("17 Januari 2024", "2024-01-17"):
        assert not list(validator.iter_errors({**good, "tanggal": {"pembuatan": text, "pengesahan": text, "revisi": "--"}}))
    assert list(validator.iter_errors({**good, "tanggal": {"pembuatan": "17/01/2024", "pengesahan": "2024-01-17"}}))


def test_command_writes_schemas_unchanged_when_current(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", str(DEMO), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(k.schema_file for k in SOURCES)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again = CliRunner().invoke(main, ["schema", str(DEMO), "--out", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert before == {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}


def test_demo_schemas_are_current(tmp_path: Path) -> None:
    """The committed content/schemas/ equal what the models generate now."""
    result = CliRunner().invoke(main, ["schema", str(DEMO), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (DEMO / "schemas").iterdir())
    stale = [p.name for p in tmp_path.iterdir() if p.read_text(encoding="utf-8") != (DEMO / "schemas" / p.name).read_text(encoding="utf-8")]
    assert not stale, f"skema usang: {stale}; jalankan 'sopgen schema content' lalu commit content/schemas/"
