"""What a document rendered whole needs beyond its HTML: the PDF variant, its metadata and its
attachments, as plain data a worker process can be sent (no WeasyPrint here).

The default report is rendered in parts and joined (:mod:`assess.pdf.book`), which is fast and
keeps memory flat; but a structure tree does not survive joining. ``--accessible`` renders the
whole report in one pass instead, as a tagged PDF/UA-1 document: headings, lists, tables and
figures in reading order, the document's language, the charts' alternative text, and the
running header and page numbers as artifacts outside the structure.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The tagged variant WeasyPrint writes: PDF 1.7 with a structure tree, /MarkInfo, /Lang and
#: the PDF/UA identification in its XMP metadata.
ACCESSIBLE = "pdf/ua-1"


@dataclass(frozen=True)
class Attached:
    """A file carried inside the PDF: its name, bytes, description and relationship to the
    document (Source, Data, ...)."""

    name: str
    data: bytes
    description: str
    relationship: str = "Unspecified"


@dataclass(frozen=True)
class Whole:
    """How to write a document rendered in one pass."""

    variant: str = ACCESSIBLE
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    producer: str = ""
    created: str = ""  # ISO 8601
    lang: str = "en"
    attachments: tuple[Attached, ...] = ()
