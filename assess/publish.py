"""A report as one PDF: its parts rendered side by side, then joined, numbered and stamped.

Rendering is most of the cost, and WeasyPrint works on one core. On a machine with two, a
:class:`Press` forks its worker processes as soon as a report is asked for, before this process
has built any of it: while the workers load WeasyPrint and warm it up, this process builds the
report's HTML. Then the parts render at once, one per worker, with the small stamp sheet (see
:mod:`assess.stamps`) alongside. With workers, this process never loads WeasyPrint at all.
Workers are forked before any progress display starts a thread.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import active_children, get_context
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from assess import __version__, stamps
from assess.errors import RenderError
from assess.pages import RenderedPart

if TYPE_CHECKING:  # loaded when a report is made, after the workers are forked
    from assess.book import Attachment, Metadata
    from assess.report import Renderer


class Progress(Protocol):
    """Told how much of a long report is done; the command line draws it."""

    def start(self, total: int) -> None: ...

    def advance(self, touchpoints: int) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, touchpoints: int) -> None:
        pass


def workers() -> int:
    """How many parts render at once: one per core, at most two (memory stays flat)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(2, usable or 1))


def renderer_module() -> ModuleType:
    """:mod:`assess.pdf`, which loads WeasyPrint and its system libraries."""
    try:
        from assess import pdf
    except (OSError, ImportError) as exc:  # cffi cannot load Pango, or a library is missing
        raise RenderError(
            f"the PDF renderer could not start ({exc}). WeasyPrint needs Pango: on Debian or "
            "Ubuntu, apt-get install libpango-1.0-0 libpangoft2-1.0-0; or write HTML with "
            "--format html"
        ) from None
    return pdf


#: In a worker: why WeasyPrint could not be loaded, told with the first thing asked of it.
_failed: RenderError | None = None


def _warm_up() -> None:
    """A worker's start: leave Ctrl-C to the process that forked it (which stops the workers),
    load WeasyPrint and render a scrap, so fonts and the PDF writer are ready for real work."""
    global _failed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        renderer_module().warm_up()
    except Exception as exc:  # told, as a clear message, with the first task
        _failed = exc if isinstance(exc, RenderError) else RenderError(str(exc))


def _render(html: str, assets: Mapping[str, tuple[bytes, str]]) -> RenderedPart:
    if _failed is not None:
        raise _failed
    pdf = renderer_module()
    return pdf.render_part(html, pdf.BundledOnlyFetcher(assets))  # type: ignore[no-any-return]


class Press:
    """Renders HTML documents to PDF, in worker processes forked (and warming up) as soon as
    it is made; in this process on a machine with one core. Each result is waited for when
    it is asked for. Leaving it on an error or Ctrl-C stops the workers at once."""

    def __init__(self, parallel: int | None = None) -> None:
        self.count = workers() if parallel is None else parallel
        self.pool = None
        if self.count > 1:
            self.pool = ProcessPoolExecutor(
                self.count, mp_context=get_context("fork"), initializer=_warm_up
            )
            self.pool.submit(int)  # the workers start with the first task: start them now

    def render(
        self, html: str, assets: Mapping[str, tuple[bytes, str]]
    ) -> Callable[[], RenderedPart]:
        if self.pool is None:
            return lambda: _render(html, assets)
        future = self.pool.submit(_render, html, assets)

        def result() -> RenderedPart:
            try:
                return future.result()
            except BrokenProcessPool:
                raise RenderError(
                    "a process rendering the PDF stopped unexpectedly (was it out of memory?)"
                ) from None

        return result

    def __enter__(self) -> Press:
        return self

    def __exit__(self, error: type[BaseException] | None, *rest: object) -> None:
        if self.pool is None:
            return
        if error is not None:  # nothing more is wanted from the workers: stop them now
            for child in active_children():
                child.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class Published:
    pdf: bytes
    pages: int


def publish_pdf(
    press: Press,
    renderer: Renderer,
    metadata: Metadata,
    attachments: Sequence[Attachment] = (),
    progress: Progress | None = None,
) -> Published:
    from assess.book import join
    from assess.report import OUTLINE_LEVELS, plan_parts, stamp_sheet

    progress = progress or _Silent()
    brand = renderer.context["brand"]
    assets = brand.assets() if brand else {}
    pieces, sheet_html = stamp_sheet(renderer.assessment.workshop.title, brand)
    sheet = press.render(sheet_html, assets)  # small: ready long before the parts are
    parts = plan_parts(renderer.assessment, workers=press.count)
    pending = [press.render(renderer.html(part), assets) for part in parts]
    progress.start(len(renderer.assessment.results))
    done: list[RenderedPart] = []
    for part, rendered in zip(parts, pending, strict=True):
        done.append(rendered())
        progress.advance(len(part.touchpoints))
    pages = [info for part in done for info in part.pages]
    stamped = sheet()
    sections = stamps.sections_of(pages, OUTLINE_LEVELS[0])
    pdf = join(
        [part.pdf for part in done],
        pages,
        stamped.pdf,
        stamps.placements(sections, pieces, stamped.pages),
        metadata,
        attachments,
        OUTLINE_LEVELS,
        renderer.context["anchor_labels"],
    )
    return Published(pdf, len(pages))


def metadata_for(renderer: Renderer) -> Metadata:
    from assess.book import Metadata

    w = renderer.assessment.workshop
    brand = renderer.context["brand"]
    author = brand.name if brand else None
    keywords = ["customer experience", "automation", "touchpoints", "assess"]
    if w.organisation:
        keywords.append(w.organisation)
    return Metadata(
        title=w.title,
        author=author or w.organisation or "",
        subject="Automate, assist or keep human: a touchpoint-by-touchpoint assessment",
        keywords=", ".join(keywords),
        producer=f"assess {__version__}",
        created=dt.datetime.now(dt.UTC),
    )
