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
from sopgen.schema import MODELINE, SOURCES, kabupaten_sources, kind_of, schema_for

from .conftest import DEMO, DEMO_KABUPATEN


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


def test_a_step_done_together_names_its_pelaksana_in_a_list() -> None:
    """``pelaksana`` of a langkah is one name or a list of names (a step done together); the editor
    flags an empty list and a name that is not text, as sopgen does."""
    validator = jsonschema.Draft202012Validator(schema_for(next(k for k in SOURCES if k.name == "sop")))
    good = load((DEMO / "sop" / "pengukuran-data-kinerja.yaml").read_text(encoding="utf-8"))
    first = good["langkah"][0]
    for pelaksana, valid in ((first["pelaksana"], True), ([good["pelaksana"][0], good["pelaksana"][1]], True),
                             ([], False), ([good["pelaksana"][0], 3], False)):
        together = {**good, "langkah": [{**first, "pelaksana": pelaksana}, *good["langkah"][1:]]}
        assert (not list(validator.iter_errors(together))) is valid, pelaksana


def test_an_sop_of_several_procedures_validates_and_langkah_or_prosedur_is_required() -> None:
    """The editor says what sopgen says: exactly one of 'langkah' and 'prosedur', each procedure with its nama and langkah."""
    sop = next(k for k in SOURCES if k.name == "sop")
    validator = jsonschema.Draft202012Validator(schema_for(sop))
    several = load((Path(__file__).parent / "fixtures" / "dua-prosedur" / "sop" / "surat.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(several))
    one = load((DEMO / "sop" / "pengukuran-data-kinerja.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors({**several, "langkah": one["langkah"]})), "both"
    assert list(validator.iter_errors({k: v for k, v in several.items() if k != "prosedur"})), "neither"
    assert list(validator.iter_errors({**several, "prosedur": [{"langkah": one["langkah"]}]})), "a procedure without nama"


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


def kabupaten_files() -> list[Path]:
    return sorted(p for p in DEMO_KABUPATEN.rglob("*.y*ml") if "schemas" not in p.parts)


@pytest.mark.parametrize("file", kabupaten_files(), ids=lambda p: str(p.relative_to(DEMO_KABUPATEN)))
def test_every_file_of_the_kabupaten_validates_against_the_schema_it_names(file: Path) -> None:
    """pemda.yaml and every unit's files, each with the schema its first line names (a unit's site.yaml
    without 'pemerintah', which it inherits, is valid)."""
    kind = kind_of(file, DEMO_KABUPATEN)
    assert kind is not None, f"{file}: no kind of a kabupaten's files covers it"
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{file}: first line should be the yaml-language-server line"
    named = (file.parent / first[len(MODELINE):]).resolve()
    # a unit that also builds alone (Candipuro writes its pemerintah) may name the single site's schema
    allowed = {kind.schema_file, "site.schema.json"} if kind.name == "site-unit" else {kind.schema_file}
    assert named.is_file() and named.name in allowed, (named, kind.schema_file)
    schema = json.loads(named.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(load(file.read_text(encoding="utf-8"))))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_kabupaten_schemas_flag_what_sopgen_refuses() -> None:
    by_name = {k.name: k for k in kabupaten_sources()}
    pemda = jsonschema.Draft202012Validator(schema_for(by_name["pemda"]))
    good = load((DEMO_KABUPATEN / "pemda.yaml").read_text(encoding="utf-8"))
    assert not list(pemda.iter_errors(good))
    assert any("pemerintahan" in e.message for e in pemda.iter_errors({**good, "pemerintahan": "x"}))
    assert list(pemda.iter_errors({k: v for k, v in good.items() if k != "alamat"}))
    unit = jsonschema.Draft202012Validator(schema_for(by_name["site-unit"]))
    site = load((DEMO_KABUPATEN / "unit/pasirian/site.yaml").read_text(encoding="utf-8"))
    assert "pemerintah" not in site["instansi"] and not list(unit.iter_errors(site))
    assert list(unit.iter_errors({**site, "instansi": {"alamat": "x"}}))  # unit_kerja is still the unit's to write
    single = jsonschema.Draft202012Validator(schema_for(next(k for k in SOURCES if k.name == "site")))
    assert list(single.iter_errors(site))  # a single-unit site.yaml still needs its pemerintah


def test_kabupaten_schemas_are_current(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", str(DEMO_KABUPATEN), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {k.schema_file for k in (*SOURCES, *kabupaten_sources()[:2])}
    stale = [p.name for p in tmp_path.iterdir() if p.read_text(encoding="utf-8") != (DEMO_KABUPATEN / "schemas" / p.name).read_text(encoding="utf-8")]
    assert not stale, f"skema usang: {stale}; jalankan 'sopgen schema content' lalu commit content/schemas/"
