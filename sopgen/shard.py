"""Shards: a site's PDFs and Word copies made by several machines, then joined by one (``--shard i/n``, ``assemble``).

A site beyond one machine's minutes is split the way CI engines split a test suite: a job
matrix runs ``sopgen build --shard i/n`` on each of n machines, and one more job runs ``sopgen
assemble`` once they are done. The engine (GitHub Actions, GitLab CI) runs the jobs and moves
the files; sopgen only decides the share and joins the results, through the output cache
(:mod:`sopgen.cache`): a shard renders the documents of its share (and the pages that read
nothing outside it) and keeps them in its own cache folder, nothing else; assemble is an ordinary build that reads the shards' folders as
well as its own, so what it copies is byte for byte what it would have rendered, and what no
shard made (the binder, which joins every SOP's PDF) it renders itself.

The share is by document (a job of the plan: an SOP's PDF, page and Word copy go together, as
the Word copy follows the PDF's page breaks), from a hash of the document's first output path:
the same document goes to the same shard whatever else the site holds, so a shard's cache stays
warm between runs as documents are added. Outputs that read another output outside the share
(the home page, the binder, the search index) are left to assemble.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .kinds.base import Job

SHARD_FORMAT = re.compile(r"(\d+)/(\d+)")
MAX_BAGIAN = 64
"""The most shards ``sopgen init --bagian`` writes a CI matrix for (GitHub allows 256 jobs a matrix)."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/4"``; ValueError (its message in Bahasa Indonesia) for anything else."""
        found = SHARD_FORMAT.fullmatch(text.strip())
        if not found or not 1 <= int(found[1]) <= int(found[2]):
            raise ValueError(f"'{text}' bukan bagian yang sah: tulis i/n, mis. 2/4 (1 ≤ i ≤ n)")
        return cls(int(found[1]), int(found[2]))

    def takes(self, job: Job) -> bool:
        """Whether ``job``'s document is in this shard's share."""
        digest = hashlib.sha256(job.outputs[0].path.encode()).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def share(self, planned: list[Job], cached: tuple[str, ...]) -> list[Job]:
        """The jobs of ``planned`` this shard renders: its documents' (those with an output of a ``cached`` phase), and
        the rest (pages, theme files) where they read nothing outside the share; each output only if all it needs is kept."""
        kept: set[str] = set()
        jobs = []
        for job in planned:
            document = any(o.phase in cached for o in job.outputs)
            if document and not self.takes(job):
                continue
            outputs = []
            for output in job.outputs:
                if all(n in kept for n in output.needs):
                    outputs.append(output)
                    kept.add(output.path)
            if outputs:
                jobs.append(Job(job.label, tuple(outputs)))
        return jobs
