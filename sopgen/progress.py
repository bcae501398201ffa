"""Build progress for people: a live line in a terminal, plain lines in CI logs.

A CI log (GitHub Actions, GitLab) keeps every byte written, so the cursor
tricks of a live display become garbage there; it gets one line per step
instead. A terminal gets rich's spinner with the step count, the elapsed time
and what is being rendered now.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .reporter import in_ci

ProgressCallback = Callable[[str], None]


def live(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal a person watches (not CI, not a pipe)."""
    return stream.isatty() and not in_ci()


@contextmanager
def build_progress(stream: TextIO | None = None) -> Iterator[ProgressCallback]:
    """Yield the callback the build reports each step to."""
    stream = stream or sys.stderr
    if not live(stream):
        yield lambda text: print(f"  {text}", file=stream, flush=True)
        return
    columns = (SpinnerColumn(), TextColumn("{task.completed:>4} dokumen"), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("memuat konten", total=None)

        def step(text: str) -> None:
            bar.update(task, advance=1, description=text)

        yield step
