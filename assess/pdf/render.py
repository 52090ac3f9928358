"""HTML to PDF with WeasyPrint: the only module that imports it.

A part of a report is rendered to PDF bytes together with what the joining step needs to know
about each page, read from WeasyPrint's own layout: where every anchor is, where every internal
link is and which anchor it names, and the headings that make the outline. With that, the parts
can be joined and numbered as one document, links can cross parts, and the layout of each part
is freed before the next is made, so memory stays flat however long the report is.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import pydyf
import pyphen
from weasyprint import CSS, HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assess import __version__
from assess.errors import RenderError
from assess.files import cache, resources
from assess.pdf import progress
from assess.pdf.whole import Whole
from assess.report.pages import Bookmark, Link, PageInfo, RenderedPart

#: The one scheme the renderer serves: files from the bundled report_templates folder, and the
#: brand's logo and font, which assess itself read and checked.
ASSET_SCHEME = "assess-asset:"
#: CSS pixels (WeasyPrint's unit) to PDF points.
PX = 0.75
#: What every PDF names as its Producer and Creator (WeasyPrint would name itself).
PRODUCER = f"assess {__version__}"
#: The Producer in the XMP metadata a tagged document carries.
_XMP_PRODUCER = re.compile(rb'pdf:Producer="[^"]*"')
#: The bundled user agent stylesheet: WeasyPrint's own rules for HTML, kept for the elements
#: the report's templates write (see :class:`ReportHTML`).
USER_AGENT = "user_agent.css"


class BundledOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves bundled template assets (and the brand's files, given as bytes) and refuses every
    other URL: a workshop can name file://, http:// or any other address, and nothing is
    fetched."""

    def __init__(self, extra: Mapping[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(allowed_protocols=())
        self.refused: list[str] = []
        #: Assets assess read and checked itself (the brand's logo and font): name -> (bytes, type)
        self.extra = dict(extra or {})

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(ASSET_SCHEME):
            name = url.removeprefix(ASSET_SCHEME)
            if name in self.extra:
                body, kind = self.extra[name]
                return URLFetcherResponse(url, body, headers={"Content-Type": kind})
            if "/" not in name and "\\" not in name and not name.startswith("."):
                asset = resources.template_file(name)
                if asset.is_file():
                    return URLFetcherResponse(url, asset.read_bytes())
        self.refused.append(url)
        raise ValueError(f"assess fetches nothing outside its bundled templates: {url}")


def _page_info(page: Any) -> PageInfo:
    # WeasyPrint gives an anchor's box and a link's rectangle as (x0, y0, x1, y1) in CSS pixels.
    anchors = {
        name: (x0 * PX, y0 * PX, x1 * PX, y1 * PX)
        for name, (x0, y0, x1, y1) in page.anchors.items()
    }
    links = tuple(
        Link(target, (x0 * PX, y0 * PX, x1 * PX, y1 * PX))
        for kind, target, (x0, y0, x1, y1), _ in page.links
        if kind == "internal"
    )
    bookmarks = tuple(
        Bookmark(level, label, target[1] * PX) for level, label, target, _ in page.bookmarks
    )
    return PageInfo(page.width * PX, page.height * PX, anchors, links, bookmarks)


#: WeasyPrint tells its progress on this logger: these messages, as it starts each step (a
#: page's with its number), are what assess.pdf.progress counts.
PROGRESS = "weasyprint.progress"
STEPS = {
    "Step 4 - Creating formatting structure": progress.BOXES,
    "Step 5 - Creating layout - Page %d": progress.PAGE,
    "Step 6 - Creating PDF": progress.WRITING,
    "Step 7 - Adding PDF metadata": progress.METADATA,
}
#: Told what WeasyPrint starts: an event of assess.pdf.progress, and a page's number.
OnStep = Callable[[str, int], None]


class _StepHandler(logging.Handler):
    """Passes each step WeasyPrint starts (a page, with its number) to `on_step`."""

    def __init__(self, on_step: OnStep) -> None:
        super().__init__(logging.INFO)
        self.on_step = on_step

    def emit(self, record: logging.LogRecord) -> None:
        event = STEPS.get(str(record.msg))
        args = record.args
        if event == progress.PAGE and isinstance(args, tuple) and args:
            self.on_step(event, int(str(args[0])))
        elif event is not None and event != progress.PAGE:
            self.on_step(event, 0)


@contextlib.contextmanager
def _steps_told(on_step: OnStep | None) -> Iterator[None]:
    """While a document is rendered, tell `on_step` each step as it starts."""
    if on_step is None:
        yield
        return
    logger = logging.getLogger(PROGRESS)
    handler, level = _StepHandler(on_step), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def warm(languages: Iterable[str], stylesheets: Iterable[str] = ()) -> None:
    """Load the hyphenation dictionaries of `languages` and parse the bundled `stylesheets` now
    (WeasyPrint's hyphenator keeps each dictionary it has read for the life of the process).
    Read from its file, the German dictionary takes most of a second of CPU: a worker that loads
    it before the others are forked from it loads it once for all of them, while this process
    still reads the workshop."""
    for code in languages:
        _hyphenation(code)
    for name in (USER_AGENT, *stylesheets):
        bundled_stylesheet(name)


def _hyphenation(code: str) -> None:
    """Load the hyphenation dictionary of language `code` into pyphen's own store, where
    WeasyPrint's hyphenator finds it: read back from assess's cache (see
    :mod:`assess.files.cache`) if it was parsed before, else parsed and kept there."""
    found = pyphen.language_fallback(code)
    store = getattr(pyphen, "hdcache", None)
    if not found or not isinstance(store, dict):
        if found:
            pyphen.Pyphen(lang=found)
        return
    path = pyphen.LANGUAGES[found]
    if path in store:
        return
    try:
        facts = os.stat(path)
    except OSError:
        pyphen.Pyphen(lang=found)
        return
    name = "hyph-" + cache.key(path, facts.st_size, facts.st_mtime_ns, pyphen.VERSION, sys.version)
    kept = cache.read(name)
    if kept is not None:
        try:
            parsed = pickle.loads(kept)
        except Exception:  # damaged, or from another pyphen: parse it again below
            parsed = None
        if isinstance(parsed, pyphen.HyphDict):
            store[path] = parsed
            return
    parsed = pyphen.HyphDict(path)
    store[path] = parsed
    cache.write(name, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))


class ReportHTML(HTML):  # type: ignore[misc]
    """WeasyPrint's HTML document, styled beneath everything else by the report's own user
    agent stylesheet instead of WeasyPrint's. WeasyPrint's covers every element of HTML (forms,
    frames, ruby, writing directions), matches many of its rules, written on attributes,
    against every element, and aligns sixteen margin boxes on every page: about a twelfth of
    the instructions of rendering a report. The report writes a few dozen elements, whose
    rules are the same in both, so its pages are the same (tests/test_user_agent.py renders
    every kind of document both ways and compares what each page draws). WeasyPrint asks a
    document for its user agent stylesheets through this method; a test fails if it stops."""

    def _ua_stylesheets(self, forms: bool | None = False) -> list[CSS]:
        return [bundled_stylesheet(USER_AGENT)]


@functools.cache
def bundled_stylesheet(name: str) -> CSS:
    """A stylesheet of the bundled templates, parsed once per process: a report's parts share
    it, and parsing it for each would cost a twentieth of a second a part. WeasyPrint applies
    it as the user's stylesheet, beneath every style the document holds itself (the brand's,
    and the few values the report works out for its language), which therefore still win."""
    text = resources.template_file(name).read_text(encoding="utf-8")
    return CSS(string=text, base_url=ASSET_SCHEME, url_fetcher=BundledOnlyFetcher())


def render_part(
    html: str,
    fetcher: BundledOnlyFetcher | None = None,
    variant: str | None = None,
    whole: Whole | None = None,
    on_step: OnStep | None = None,
    stylesheet: str | None = None,
) -> RenderedPart:
    """One part of a report, or with `whole` a document written whole (tagged, with its
    metadata and attachments): its PDF and what each of its pages holds. `on_step` is told
    each step as it starts (each page with its number). `stylesheet` names a bundled stylesheet
    the document does not carry itself (see :func:`bundled_stylesheet`)."""
    fetcher = fetcher or BundledOnlyFetcher()
    # WeasyPrint logs every refused URL as a warning; the refusal is deliberate, so keep it quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        with _steps_told(on_step):
            shared = [bundled_stylesheet(stylesheet)] if stylesheet else None
            page = ReportHTML(string=html, base_url=ASSET_SCHEME, url_fetcher=fetcher)
            document = page.render(stylesheets=shared)
            pages = tuple(_page_info(page) for page in document.pages)
            if whole is not None:
                pdf = _write_whole(document, whole)
            elif variant:
                pdf = document.write_pdf(pdf_variant=variant, finisher=_ours)
            else:
                pdf = document.write_pdf(finisher=_ours)
    except Exception as exc:  # WeasyPrint raises many types; the user needs one clear message
        raise RenderError(f"the PDF could not be rendered: {exc}") from exc
    assert isinstance(pdf, bytes)
    return RenderedPart(pdf, pages)


def _write_whole(document: Any, whole: Whole) -> bytes:
    """The document in its variant, with its metadata (information dictionary and XMP, which
    WeasyPrint writes from these) and its attachments."""
    meta = document.metadata
    meta.title = whole.title
    meta.authors = [whole.author] if whole.author else []
    meta.description = whole.subject
    meta.keywords = list(whole.keywords)
    meta.generator = whole.producer
    meta.created = meta.modified = whole.created
    meta.lang = whole.lang
    attachments = [
        Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            relationship=a.relationship,
        )
        for a in whole.attachments
    ]
    pdf = document.write_pdf(pdf_variant=whole.variant, attachments=attachments, finisher=_ours)
    assert isinstance(pdf, bytes)
    return pdf


def _ours(document: Any, pdf: Any) -> None:
    """Name assess and its version as the PDF's Producer and Creator, in its information
    dictionary and in its XMP metadata where it has some (WeasyPrint names itself there)."""
    pdf.info["Producer"] = pydyf.String(PRODUCER)
    pdf.info["Creator"] = pydyf.String(PRODUCER)
    ours = b'pdf:Producer="' + PRODUCER.encode("ascii") + b'"'
    for found in pdf.objects:
        if isinstance(found, pydyf.Stream) and found.extra.get("Type") == "/Metadata":
            found.stream = [
                _XMP_PRODUCER.sub(lambda _: ours, part) if isinstance(part, bytes) else part
                for part in found.stream
            ]


def render_pdf(html: str, fetcher: BundledOnlyFetcher | None = None) -> tuple[bytes, int]:
    """A self-contained HTML document as a PDF, and its number of pages."""
    part = render_part(html, fetcher)
    return part.pdf, len(part.pages)
