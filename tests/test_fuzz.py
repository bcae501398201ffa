"""Fuzzing the demo's files through `check` and `build --no-pdf`: no traceback, no hang, output kept.

Each example mutates one file of the demo (a flipped byte, a deleted line, a control character,
a huge or non-finite number, a value of another type, an unclosed or hostile HTML tag), or writes
a template override with a hostile line (a network URL, a path outside the site, a runtime
error, a sandbox escape) into a page or a PDF-only template, then runs the check and the build
in-process. Allowed outcomes: problems (ContentError), or a clean build. Anything else escaping
is a traceback an administrator would see; a run longer than :data:`PER_EXAMPLE` seconds is a
hang. On failure the earlier output must be byte for byte what it was.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopgen.build import build_site, check_site
from sopgen.errors import ContentError
from sopgen.output import MARKER

from .conftest import DEMO
from .support import tree_digest

FILES = sorted(p.relative_to(DEMO).as_posix() for p in DEMO.rglob("*") if p.suffix in {".yaml", ".md", ".csv"} and "schemas" not in p.parts)
PER_EXAMPLE = 30
"""Seconds one check and build may take before it counts as a hang (a normal one takes ~1 s)."""
HUGE = ["1" * 40, "1e400", "-1e400", "NaN", "inf", "-Infinity", "0.0000000001", "9" * 5000]
CONTROL = ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\u202e", "\r"]
SWAPS = ["[]", "{}", "[a, b]", "{a: 1}", "''", "~", "-", "yes", "2024-13-45", "'{{ 7*7 }}'", "javascript:alert(1)", "\"a\nb\""]
MARKUP = ["<style>", "<script>", "<textarea>", "<title>", "<!--", "<iframe src=\"https://x.invalid\">", "<img src=\"/etc/passwd\">", "<a href=\"javascript:alert(1)\">a</a>"]
THEME_TEMPLATES = Path(__file__).resolve().parents[1] / "themes/default/templates"
OVERRIDDEN = ["index.html", "sop.html", "sop_cover.html", "sop_pdf.html", "binder.html", "recap_pdf.html", "laporan_pdf.html", "perjanjian_pdf.html"]
HOSTILE_LINES = [
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', '<img src="/etc/passwd">', "<img src=\"{{ url('assets/tidak-ada.png') }}\">",
    "<style>@import url(https://x.invalid/a.css);</style>", "<p>{{ 1 / 0 }}</p>", "{{ lipsum.__globals__ }}", "{% if %}", "{{ tidak_ada.x }}",
    "<img src=\"{{ url('../../../etc/passwd') }}\">",
]
FIGURES: Counter[str] = Counter()
"""What the fuzz tried and what happened, printed at the end (the figures in docs/keamanan.md)."""


class Hang(Exception):
    """The example ran longer than PER_EXAMPLE seconds."""


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise Hang(f"lebih dari {seconds} detik")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(file, what was done, the file's new bytes)."""
    kind = draw(st.sampled_from(["flip", "delete-line", "control", "number", "swap", "truncate", "markup", "template"]))
    if kind == "template":
        template = draw(st.sampled_from(OVERRIDDEN))
        lines = (THEME_TEMPLATES / template).read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(HOSTILE_LINES)) + "\n")
        return f"templates/{template}", kind, "".join(lines).encode("utf-8")
    name = draw(st.sampled_from(FILES))
    data = (DEMO / name).read_bytes()
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if kind == "flip":
        data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
    elif kind == "truncate":
        data = data[:at]
    elif kind in ("control", "markup"):
        inserted = draw(st.sampled_from(CONTROL if kind == "control" else MARKUP)).encode("utf-8")
        data = data[:at] + inserted + data[at:]
    else:
        lines = data.decode("utf-8").splitlines(keepends=True)
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete-line":
            del lines[index]
        elif kind == "number":
            numbers = list(re.finditer(r"\d+(?:[.,]\d+)?", "".join(lines)))
            if numbers:
                m = draw(st.sampled_from(numbers))
                text = "".join(lines)
                lines = [text[:m.start()] + draw(st.sampled_from(HUGE)) + text[m.end():]]
        else:
            line = lines[index]
            if ": " in line:
                lines[index] = line[: line.index(": ") + 2] + draw(st.sampled_from(SWAPS)) + "\n"
        data = "".join(lines).encode("utf-8")
    return name, kind, data


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(DEMO, site)
    return site


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], database=None)
@given(mutation=mutations())
def test_mutated_demo_gives_problems_never_a_traceback_or_a_hang(fuzz_site: Path, tmp_path_factory: pytest.TempPathFactory, mutation: tuple[str, str, bytes]) -> None:
    name, kind, data = mutation
    target = fuzz_site / name
    original = (DEMO / name).read_bytes() if (DEMO / name).exists() else None
    target.parent.mkdir(exist_ok=True)
    out = tmp_path_factory.mktemp("out") / "output"
    out.mkdir()
    (out / MARKER).write_text("lama\n", encoding="utf-8")
    (out / "index.html").write_text("<p>keluaran lama</p>\n", encoding="utf-8")
    before = tree_digest(out)
    target.write_bytes(data)
    FIGURES["inputs"] += 1
    FIGURES[kind] += 1
    try:
        with _deadline(PER_EXAMPLE):
            check_site(fuzz_site)
            try:
                build_site(fuzz_site, out, pdf=False)
                FIGURES["built"] += 1
            except ContentError as failed:
                FIGURES["problems"] += 1
                assert failed.problems, "ContentError without a problem"
                assert tree_digest(out) == before, f"{name} ({kind}): output changed by a failed build"
    except Hang:
        FIGURES["hangs"] += 1
        raise
    except ContentError:
        raise
    except Exception:
        FIGURES["tracebacks"] += 1
        raise
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
        shutil.rmtree(out.parent, ignore_errors=True)


def teardown_module() -> None:
    print(f"\nfuzz: {dict(FIGURES)}")
