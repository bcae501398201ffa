"""Build progress: plain lines where output is logged (CI, pipes), a live display only in a terminal."""

from __future__ import annotations

import io

import pytest

from sopgen.progress import build_progress, live


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_piped() -> None:
    out = io.StringIO()
    with build_progress(out) as step:
        step("SOP Pengukuran Data Kinerja")
        step("binder")
    assert out.getvalue() == "  SOP Pengukuran Data Kinerja\n  binder\n"


def test_plain_lines_in_ci_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not live(Terminal())


def test_live_display_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    out = Terminal()
    with build_progress(out) as step:
        step("SOP Pengukuran Data Kinerja")
    assert live(out)
    assert "\x1b[" in out.getvalue(), "rich draws with terminal control sequences"
