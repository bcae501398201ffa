"""Every output declares what it is made from; the declaration must cover what rendering really reads.

Incremental builds will key their cache on these inputs, so an input left out is a stale page
waiting to happen. The demo is rendered output by output while the templates Jinja loads and the
files WeasyPrint fetches are recorded; each must be among the output's declared input files, or
be written by an output it declares it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from jinja2 import BaseLoader, Environment

from sopgen.build import check_site
from sopgen.kinds import RenderContext, navigation, plan
from sopgen.kinds.inputs import input_files
from sopgen.output import staged_output
from sopgen.render.env import make_env, theme_dir
from sopgen.render.pdf import PdfRenderer

from .conftest import DEMO


class Recording(BaseLoader):
    """The environment's loader, noting the file of every template it hands out."""

    def __init__(self, inner: BaseLoader):
        self.inner = inner
        self.seen: set[Path] = set()

    def get_source(self, environment: Environment, template: str) -> Any:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if filename:
            self.seen.add(Path(filename).resolve())
        return source, filename, uptodate


def test_declared_inputs_cover_every_template_and_file_read(tmp_path: Path) -> None:
    site, problems = check_site(DEMO)
    assert site is not None and not problems.errors
    env = make_env(site)
    env.globals["nav"] = navigation(site, True)
    recording = Recording(env.loader)  # type: ignore[arg-type]
    env.loader = recording
    theme = theme_dir(site).resolve()
    checked = 0
    with staged_output(tmp_path / "output", site.root) as stage:
        renderer = PdfRenderer([stage.root, site.root, theme])
        fetched: set[Path] = set()
        fetch = renderer.fetcher.fetch

        def recording_fetch(url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                fetched.add(Path(unquote(urlparse(url).path)).resolve())
            return fetch(url, headers)

        renderer.fetcher.fetch = recording_fetch  # type: ignore[method-assign]
        context = RenderContext(site, env, stage, renderer, timings=__import__("sopgen.timing").timing.Timings())
        for job in plan(site, True):
            for output in job.outputs:
                env.cache = None  # every output loads its templates afresh, so each load is seen
                recording.seen.clear()
                fetched.clear()
                context.results[output.path] = output.render(context)
                declared = set(input_files(output.inputs, site, env))
                needed = {(stage.root / n).resolve() for n in output.needs}
                for read in recording.seen | fetched:
                    file = read
                    if file.is_relative_to(stage.root.resolve()):
                        relative = file.relative_to(stage.root.resolve())
                        # theme and site files copied into the output are read there by the PDF
                        origin = {"static": theme, "assets": site.root}.get(relative.parts[0])
                        if origin is None:
                            assert any(file == n or file.is_relative_to(n) for n in needed), f"{output.path} reads {relative}, which it does not declare it needs"
                            continue
                        file = (origin / relative).resolve()
                    assert file in declared, f"{output.path} reads {file}, which its inputs do not declare"
                checked += 1
    assert checked >= 15, "every SOP, recap, report, agreement, binder and home output was checked"
