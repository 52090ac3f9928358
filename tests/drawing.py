"""What each page of a PDF draws: its content stream, decoded. Two renderings that draw the
same bytes on every page look the same, to the point."""

from __future__ import annotations

import io

from pypdf import PdfReader

from assess.report.pages import RenderedPart


def drawn(part: RenderedPart) -> list[bytes]:
    """Each page's content stream, decoded."""
    found = []
    for page in PdfReader(io.BytesIO(part.pdf)).pages:
        contents = page.get_contents()
        assert contents is not None
        found.append(contents.get_data())
    return found
