"""A report as one PDF: its parts rendered side by side, then joined, numbered and stamped.

Rendering is most of the cost, and WeasyPrint works on one core; on a machine with two, two
parts render at once in worker processes. Workers are forked from this process, which has
already loaded everything, before any progress display starts a thread.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing import get_context
from typing import Protocol

from assess import __version__
from assess.book import Attachment, Metadata, join
from assess.pdf import BundledOnlyFetcher, PageInfo, RenderedPart, render_part
from assess.report import OUTLINE_LEVELS, Renderer, Stamp, plan_parts


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


@dataclass(frozen=True)
class Published:
    pdf: bytes
    pages: int


def sections(pages: Sequence[PageInfo]) -> list[str]:
    """The section each page belongs to, for the running header: the last section heading
    (outline level 2) at or before the page."""
    found, current = [], ""
    for info in pages:
        for mark in info.bookmarks:
            if mark.level == OUTLINE_LEVELS[0]:
                current = mark.label
                break
        found.append(current)
    return found


def publish_pdf(
    renderer: Renderer,
    metadata: Metadata,
    attachments: Sequence[Attachment] = (),
    progress: Progress | None = None,
    parallel: int | None = None,
) -> Published:
    progress = progress or _Silent()
    count = workers() if parallel is None else parallel
    parts = plan_parts(renderer.assessment, workers=count)
    brand = renderer.context["brand"]
    assets = brand.assets() if brand else {}
    used = count if len(parts) > 1 else 1  # a short report renders in this process
    with _Renderers(used, assets) as render:
        pending = render([renderer.html(part) for part in parts])
        progress.start(len(renderer.assessment.results))
        done: list[RenderedPart] = []
        for part, rendered in zip(parts, pending, strict=True):
            done.append(rendered())
            progress.advance(len(part.touchpoints))
        pages = [info for part in done for info in part.pages]
        stamps = [Stamp(section, n, len(pages)) for n, section in enumerate(sections(pages), 1)]
        # The stamps are rendered in as many pieces as there are workers, side by side.
        size = -(-len(stamps) // used)
        pieces = [stamps[i : i + size] for i in range(0, len(stamps), size)]
        overlays = [result() for result in render([renderer.overlay(p) for p in pieces])]
    pdf = join(
        [part.pdf for part in done],
        pages,
        [overlay.pdf for overlay in overlays],
        metadata,
        attachments,
        OUTLINE_LEVELS,
        renderer.context["anchor_labels"],
    )
    return Published(pdf, len(pages))


class _Renderers:
    """Renders HTML documents to PDF, in worker processes when there are several to do at
    once; each result is waited for when it is asked for, in order."""

    def __init__(self, count: int, assets: Mapping[str, tuple[bytes, str]]) -> None:
        self.assets = assets
        self.pool = (
            ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork"))
            if count > 1
            else None
        )

    def __call__(self, documents: Sequence[str]) -> list[Callable[[], RenderedPart]]:
        if self.pool is None:
            return [partial(render_part, html, self.fetcher()) for html in documents]
        futures = [self.pool.submit(render_part, html, self.fetcher()) for html in documents]
        return [future.result for future in futures]

    def fetcher(self) -> BundledOnlyFetcher:
        return BundledOnlyFetcher(self.assets)

    def __enter__(self) -> _Renderers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def metadata_for(renderer: Renderer) -> Metadata:
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
