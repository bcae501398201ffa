"""The garbage collector while documents are rendered: the loaded site out of its sight, and
each Word copy's garbage collected as soon as the copy is written.

A Word copy (python-docx over lxml) leaves reference cycles behind: parts and package point at
each other, and lxml's trees behind them are native memory the collector frees only with the
cycle. Python collects its oldest generation only once the objects that survived into it grew
by a quarter, and a loaded site of many SOPs is most of those objects, so the larger the site,
the more Word copies' garbage piled up first: a pool worker making Word copies of a 300-SOP
site grew from 190 MB to 410 MB, and a worker of a 1,500-SOP site passed 1 GB
(docs/performance.md). Collecting after every copy keeps a worker flat, but a full collection
walks every object of the loaded site: 0.11 s per copy at 300 SOPs. Frozen
(:func:`gc.freeze`), the objects alive when rendering starts are left out of every
collection, and one after a copy takes about 14 ms there.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_loaded() -> None:
    """Leave every object alive now (the loaded site, the imported modules) out of later collections,
    for the rest of the process: a pool's worker, which ends with its build."""
    gc.freeze()


@contextmanager
def loaded_frozen() -> Iterator[None]:
    """:func:`freeze_loaded` for the block only: a process that builds again (``sopgen serve``, the
    tests) must still be able to free the site it loaded before."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def release() -> None:
    """Collect what a document just written left behind (a Word copy's cycles), before the next one adds to it."""
    gc.collect()
