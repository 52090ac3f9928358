"""HTML to PDF with WeasyPrint: the only module that imports it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assess import resources
from assess.errors import RenderError

#: The one scheme the renderer serves: files from the bundled report_templates folder.
ASSET_SCHEME = "assess-asset:"


class BundledOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves bundled template assets and refuses every other URL: a workshop can name
    file://, http:// or any other address, and nothing is fetched."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=())
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(ASSET_SCHEME):
            name = url.removeprefix(ASSET_SCHEME)
            if "/" not in name and "\\" not in name and not name.startswith("."):
                asset = resources.template_file(name)
                if asset.is_file():
                    return URLFetcherResponse(url, asset.read_bytes())
        self.refused.append(url)
        raise ValueError(f"assess fetches nothing outside its bundled templates: {url}")


def render_pdf(html: str, fetcher: BundledOnlyFetcher | None = None) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    fetcher = fetcher or BundledOnlyFetcher()
    # WeasyPrint logs every refused URL as a warning; the refusal is deliberate, so keep it quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=fetcher).render()
        pdf = document.write_pdf()
    except Exception as exc:  # WeasyPrint raises many types; the user needs one clear message
        raise RenderError(f"the PDF could not be rendered: {exc}") from exc
    assert isinstance(pdf, bytes)
    return pdf, len(document.pages)


def render_pdf_parts(
    make_html: Callable[[int, int], str], parts: int, fetcher: BundledOnlyFetcher | None = None
) -> tuple[bytes, int]:
    """Render a long report part by part and join the parts into one PDF.

    `make_html(index, first_page)` gives each part's HTML; each part's layout is freed before
    the next is made, so memory stays flat however long the report is."""
    if parts == 1:
        return render_pdf(make_html(0, 1), fetcher)
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    pages = 0
    for index in range(parts):
        pdf, count = render_pdf(make_html(index, pages + 1), fetcher)
        writer.append(io.BytesIO(pdf))
        pages += count
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), pages
