"""A report as one PDF: its parts rendered side by side, then joined, numbered and stamped.

Rendering is most of the cost. The parts render at once in the :class:`~assess.press.Press`'s
workers, one per core. First come the documents that wait for nothing: the block sheet (the
blocks touchpoint pages share, see :mod:`assess.report.blocks`), the front matter, the appendix and
the stamp sheet (see :mod:`assess.report.stamps`). Once the block sheet is laid out, this process
builds each touchpoint part's HTML, with the blocks' places, just before a worker needs it;
then it joins the parts. The workers are forked before any progress display starts a thread.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from assess import __version__
from assess.report import stamps
from assess.report.pages import PageInfo, RenderedPart

#: The id of the matrix's chart in the report.
MATRIX = "matrix-chart"

if TYPE_CHECKING:  # loaded when a report is made, after the workers are forked
    from assess.pdf.book import Attachment, Metadata
    from assess.pdf.press import Press
    from assess.report.html import Renderer


class Progress(Protocol):
    """Told how much of a long report is done; the command line draws it."""

    def start(self, total: int) -> None: ...

    def advance(self, touchpoints: int) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, touchpoints: int) -> None:
        pass


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
    from assess.pdf.book import join
    from assess.report import blocks
    from assess.report.html import OUTLINE_LEVELS, plan_parts, stamp_sheet

    progress = progress or _Silent()
    brand = renderer.context["brand"]
    assets = brand.assets() if brand else {}
    shared = blocks.used(renderer.assessment)
    front, *middle, appendix = plan_parts(renderer.assessment, workers=press.count)
    # First, everything that waits for nothing: the block sheet, which the touchpoint pages
    # wait for, the front matter, the appendix and the stamp sheet.
    block_sheet = press.render(renderer.block_sheet(shared), assets) if shared else None
    first = press.render(renderer.html(front), assets)
    last = press.render(renderer.html(appendix), assets)
    pieces, sheet_html = stamp_sheet(renderer.assessment.workshop.title, brand)
    sheet = press.render(sheet_html, assets)
    progress.start(len(renderer.assessment.results))
    laid = block_sheet() if block_sheet else None
    places = blocks.placeholders(shared, laid.pages) if laid else {}
    with_places = {**assets, **blocks.assets(places)}
    # Each touchpoint part's HTML is built shortly before a worker is free for it: one more
    # than the workers can take is queued, so none waits and the HTML of a long report is
    # never all held at once.
    ahead = press.count + 1
    pending: deque[Callable[[], RenderedPart]] = deque()

    def queue(index: int) -> None:
        if index < len(middle):
            html = renderer.html(middle[index], places)
            pending.append(press.render(html, with_places))

    for index in range(ahead):
        queue(index)
    done = [first()]
    for index, part in enumerate(middle):
        done.append(pending.popleft()())
        progress.advance(len(part.touchpoints))
        queue(index + ahead)
    done.append(last())
    pages = _with_marker_links([info for part in done for info in part.pages], renderer)
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
        laid,
    )
    return Published(pdf, len(pages))


def _with_marker_links(pages: list[PageInfo], renderer: Renderer) -> list[PageInfo]:
    """The pages, the matrix's with a link on every marker: an SVG's own links are not kept
    by the renderer, so they are made from where the chart was laid out."""
    from assess.report.chart import marker_links

    context = renderer.context
    targets = {context["number"][key]: f"tp-{anchor}" for key, anchor in context["anchor"].items()}
    found = []
    for info in pages:
        box = info.anchors.get(MATRIX)
        if box is not None:
            # First, so that where the page also names a touchpoint in text (the end of the
            # summary), the marker is the one link to it.
            markers = marker_links(context["chart"], box, targets)
            info = replace(info, links=(*markers, *info.links))
        found.append(info)
    return found


def metadata_for(renderer: Renderer) -> Metadata:
    from assess.pdf.book import Metadata

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


def publish_one(press: Press, html: str, assets: Mapping[str, tuple[bytes, str]]) -> Published:
    """A short document in one piece (the portfolio): its page numbers are its own margin
    boxes, so nothing is joined or stamped."""
    part = press.render(html, assets)()
    return Published(part.pdf, len(part.pages))
