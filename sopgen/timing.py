"""Wall time per build phase (load, html, pdf, write), reported by the benchmark."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Timings(dict[str, float]):
    """Seconds spent per phase; a phase may be entered many times and accumulates.

    ``current`` names the phase running now, so a memory sampler in another
    thread can attribute what it sees.
    """

    current: str | None = None

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        previous, self.current = self.current, name
        start = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - start
            self.current = previous
