"""Printing problems for people (one line each) and for CI (GitHub annotations)."""

from __future__ import annotations

import os
from typing import TextIO

from .errors import Level, Problem


def in_ci() -> bool:
    """True under CI=true or GITHUB_ACTIONS=true, where annotations show inline on a pull request."""
    return any(os.environ.get(name, "").lower() == "true" for name in ("CI", "GITHUB_ACTIONS"))


def annotation(problem: Problem) -> str:
    """``::error file=...,line=...,col=...::message`` (GitHub's workflow-command form)."""
    kind = "error" if problem.level is Level.ERROR else "warning"
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    if problem.hint:
        text += f"; {problem.hint}"
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.path},line={problem.line},col={problem.column}::{text}"


def report(problems: list[Problem], stream: TextIO, annotate: bool | None = None) -> None:
    """One line per problem, sorted; with annotations as well under CI."""
    annotate = in_ci() if annotate is None else annotate
    for problem in problems:
        print(problem.format(), file=stream)
    if annotate:
        for problem in problems:
            print(annotation(problem), file=stream)


def summary(errors: int, warnings: int, strict: bool) -> str:
    """The closing line of a check or a failed build."""
    parts = [f"{errors} galat", f"{warnings} peringatan"]
    tail = " (peringatan dihitung sebagai galat karena --strict)" if strict and warnings else ""
    return ", ".join(parts) + tail
