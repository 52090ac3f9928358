"""The text of a PDF as a reader shows it, page by page.

Read with poppler's pdftotext, which is what Linux PDF viewers are built on: it places text by
where it is drawn, as a person reads the page. pypdf reads text in the order it is written, so
a page number stamped digit by digit reads as one piece per line there.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from pypdf import PdfReader


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with its lines joined, so phrases can be searched."""
    assert shutil.which("pdftotext"), "install poppler-utils (apt-get install poppler-utils)"
    stream = reader.stream
    stream.seek(0)
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=stream.read(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = shown.split("\f")[: len(reader.pages)]
    assert len(pages) == len(reader.pages)
    return [re.sub(r"\s+", " ", page) for page in pages]
