"""A report as one PDF: its parts rendered side by side, then joined, numbered and stamped.

Rendering is most of the cost. The parts render at once in the :class:`~assess.press.Press`'s
workers, one per core. First come the documents that wait for nothing: the block sheet (the
blocks touchpoint pages share, see :mod:`assess.report.blocks`), the front matter, the appendix and
the stamp sheet (see :mod:`assess.report.stamps`). Once the block sheet is laid out, this process
builds each touchpoint part's HTML, with the blocks' places, just before a worker needs it;
then it joins the parts. The workers are forked before any progress display starts a thread.
The progress bar is told after every page any worker starts (:mod:`assess.pdf.progress`).

``--accessible`` renders the whole report in one pass instead (:func:`publish_accessible`).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assess import __version__
from assess.i18n import N_, _, current
from assess.pdf.progress import APPENDIX_PAGES, FRONT_PAGES, JOIN, Progress, Silent, Tally
from assess.pdf.whole import Attached, Whole
from assess.report import stamps
from assess.report.pages import STYLESHEET, PageInfo, RenderedPart

#: The id of the matrix's chart in the report.
MATRIX = "matrix-chart"

if TYPE_CHECKING:  # loaded when a report is made, after the workers are forked
    from assess.files.brand import Brand
    from assess.pdf.info import Attachment, Metadata
    from assess.pdf.press import Assets, Press
    from assess.report.html import Renderer
    from assess.team.portfolio import Portfolio


#: The PDF's subject and keywords, in the reader's language.
SUBJECT = N_("Automate, assist or keep human: a touchpoint-by-touchpoint assessment")
KEYWORDS = (N_("customer experience"), N_("automation"), N_("touchpoints"))


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
    from assess.report import blocks
    from assess.report.html import OUTLINE_LEVELS, plan_parts, stamp_sheet

    brand = renderer.context["brand"]
    assets = brand.assets() if brand else {}
    shared = blocks.used(renderer.assessment)
    front, *middle, appendix = plan_parts(renderer.assessment, workers=press.count)
    tally = Tally(progress or Silent(), len(renderer.assessment.results))
    pieces, sheet_html = stamp_sheet(renderer.assessment.workshop.title, brand)
    tally.expect("blocks", len(shared))
    tally.expect("front", FRONT_PAGES)
    for index, part in enumerate(middle):
        tally.expect(f"part:{index}", len(part.touchpoints), len(part.touchpoints))
    tally.expect("appendix", APPENDIX_PAGES)
    tally.expect("stamps", len(pieces))
    tally.expect("join", round(JOIN * len(renderer.assessment.results)) + 1)
    tally.tell()  # at once: the bar is drawn before the first page is laid out

    def render(
        name: str, html: str, assets: Assets, stylesheet: str | None = STYLESHEET
    ) -> Callable[[], RenderedPart]:
        """Queue a document; its stylesheet is applied by the worker, parsed once there."""
        wait = press.render(html, assets, on_step=tally.on_step(name), stylesheet=stylesheet)

        def finished() -> RenderedPart:
            part = wait()
            tally.finished(name, len(part.pages))
            return part

        return finished

    # First, everything that waits for nothing: the block sheet, which the touchpoint pages
    # wait for, and the front matter, one to each worker; then the appendix, whose HTML is built
    # (it counts over every combination of answers) once they have them; then the small stamp
    # sheet, last, so that the worker that took the appendix does not take it too.
    # The parts leave the stylesheet out: the workers apply it, parsed once (see render()).
    blocks_html = renderer.block_sheet(shared, inline_css=False) if shared else None
    block_sheet = render("blocks", blocks_html, assets) if blocks_html else None
    first = render("front", renderer.html(front, inline_css=False), assets)
    press.started()
    last = render("appendix", renderer.html(appendix, inline_css=False), assets)
    sheet = render("stamps", sheet_html, assets, stylesheet=None)  # a stylesheet of its own
    # Loaded once the workers have work: pypdf reads each part as it arrives, while they render
    # the next, so that little is left to do after the last.
    from assess.pdf.book import Binder

    binder = Binder()
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
            html = renderer.html(middle[index], places, inline_css=False)
            pending.append(render(f"part:{index}", html, with_places))

    for index in range(ahead):
        queue(index)
    pages: list[PageInfo] = []

    def bind(part: RenderedPart) -> None:
        binder.add(part.pdf)
        pages.extend(part.pages)

    bind(first())
    for index in range(len(middle)):
        bind(pending.popleft()())
        queue(index + ahead)
    bind(last())
    pages = _with_marker_links(pages, renderer)
    stamped = sheet()
    sections = stamps.sections_of(pages, OUTLINE_LEVELS[0])
    pdf = binder.join(
        pages,
        stamped.pdf,
        stamps.placements(sections, pieces, stamped.pages),
        metadata,
        attachments,
        OUTLINE_LEVELS,
        renderer.context["anchor_labels"],
        laid,
    )
    tally.finished("join")
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
    from assess.pdf.info import Metadata

    w = renderer.assessment.workshop
    brand = renderer.context["brand"]
    author = brand.name if brand else None
    keywords = [*(_(k) for k in KEYWORDS), "assess"]
    if w.organisation:
        keywords.append(w.organisation)
    return Metadata(
        title=w.title,
        author=author or w.organisation or "",
        subject=_(SUBJECT),
        keywords=", ".join(keywords),
        producer=f"assess {__version__}",
        created=dt.datetime.now(dt.UTC),
        lang=current().code,
    )


def publish_one(
    press: Press, html: str, assets: Mapping[str, tuple[bytes, str]], whole: Whole | None = None
) -> Published:
    """A short document in one piece (the portfolio): its page numbers are its own margin
    boxes, so nothing is joined or stamped. With `whole`, tagged (PDF/UA-1)."""
    part = press.render(html, assets, whole)()
    return Published(part.pdf, len(part.pages))


def whole_portfolio(board: Portfolio, brand: Brand | None) -> Whole:
    """How to write the portfolio tagged: its title (the cover's), author and language."""
    from assess.report.portfolio import metadata

    meta = metadata(board, brand)
    return Whole(
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        keywords=meta["keywords"],
        producer=f"assess {__version__}",
        created=dt.datetime.now(dt.UTC).isoformat(),
        lang=current().code,
    )


def publish_accessible(
    press: Press,
    renderer: Renderer,
    metadata: Metadata,
    attachments: Sequence[Attachment] = (),
    progress: Progress | None = None,
) -> Published:
    """The whole report in one pass, as a tagged PDF/UA-1 document (see
    :mod:`assess.pdf.whole`): slower than parts rendered side by side, and on one core, but its
    structure tree, reading order and language are WeasyPrint's own, whole."""
    brand = renderer.context["brand"]
    results = renderer.assessment.results
    tally = Tally(progress or Silent(), len(results))
    pages = FRONT_PAGES + len(results) + APPENDIX_PAGES
    tally.expect("report", pages, len(results), before=FRONT_PAGES)
    tally.tell()
    whole = Whole(
        title=metadata.title,
        author=metadata.author,
        subject=metadata.subject,
        keywords=tuple(k.strip() for k in metadata.keywords.split(",") if k.strip()),
        producer=metadata.producer,
        created=metadata.created.isoformat(),
        lang=metadata.lang,
        attachments=tuple(
            Attached(a.name, a.data, a.description, a.relationship) for a in attachments
        ),
    )
    html = renderer.html(accessible=True)
    wait = press.render(html, brand.assets() if brand else {}, whole, tally.on_step("report"))
    part = wait()
    tally.finished("report", len(part.pages))
    return Published(part.pdf, len(part.pages))
