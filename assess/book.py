"""Join rendered parts into one PDF document with pypdf.

The parts of a long report are rendered one at a time (see :mod:`assess.pdf`), so no part knows
the others: WeasyPrint's own page numbers, links and outline stop at a part's edge. Here the
parts become one document again: a stamped running header and "Page N of M" on every page after
the cover, internal links that reach their target wherever it is, one outline (bookmarks) with
an entry per section and per touchpoint, the document's language, its metadata and its
attached files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link as LinkAnnotation
from pypdf.generic import ArrayObject, Fit, IndirectObject, NameObject, TextStringObject

from assess.pdf import PageInfo


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    producer: str
    created: dt.datetime
    lang: str = "en"


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def _pdf_date(moment: dt.datetime) -> str:
    stamp = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return stamp.strftime("D:%Y%m%d%H%M%S+00'00'")


def _drop_links(writer: PdfWriter) -> None:
    """Remove the link annotations WeasyPrint wrote: within a part they are right, across parts
    they are missing; all are made again from the layout, the same way, below."""
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        kept = ArrayObject(
            a for a in annots.get_object() if a.get_object().get("/Subtype") != "/Link"
        )
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page[NameObject("/Annots")]


def join(
    parts: Sequence[bytes],
    pages: Sequence[PageInfo],
    overlays: Sequence[bytes],
    metadata: Metadata,
    attachments: Sequence[Attachment] = (),
    outline_levels: tuple[int, ...] = (2, 3),
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """One document from rendered parts. `pages` describes every page of every part, in order;
    `overlays` hold, in order, one page per page to stamp on top (blank where nothing goes);
    `labels` name what each anchor is, for the links' descriptions (read by screen readers)."""
    writer = PdfWriter()
    for pdf in parts:
        writer.append(io.BytesIO(pdf), import_outline=False)
    assert len(writer.pages) == len(pages), (len(writer.pages), len(pages))
    _drop_links(writer)
    stamps = [page for pdf in overlays for page in PdfReader(io.BytesIO(pdf)).pages]
    for page, stamp in zip(writer.pages, stamps, strict=False):
        if stamp.get_contents() is not None:
            page.merge_page(stamp, over=True)
    where = {
        name: (index, x, y)
        for index, info in enumerate(pages)
        for name, (x, y) in info.anchors.items()
    }
    for index, info in enumerate(pages):
        for link in info.links:
            if link.target not in where:
                continue
            target, x, y = where[link.target]
            height = info.height
            x0, y0, x1, y1 = link.rect
            annotation = LinkAnnotation(
                rect=(x0, height - y1, x1, height - y0),
                target_page_index=target,
                fit=Fit.xyz(left=x, top=pages[target].height - y),
            )
            label = (labels or {}).get(link.target)
            if label:
                annotation[NameObject("/Contents")] = TextStringObject(f"Go to {label}")
            writer.add_annotation(index, annotation)
    _outline(writer, pages, outline_levels)
    writer.add_metadata(
        {
            "/Title": metadata.title,
            "/Author": metadata.author,
            "/Subject": metadata.subject,
            "/Keywords": metadata.keywords,
            "/Producer": metadata.producer,
            "/Creator": metadata.producer,
            "/CreationDate": _pdf_date(metadata.created),
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(metadata.lang)
    for attachment in attachments:
        writer.add_attachment(attachment.name, attachment.data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline(writer: PdfWriter, pages: Sequence[PageInfo], levels: tuple[int, ...]) -> None:
    """An outline entry per heading of the given levels (sections, then touchpoints)."""
    parents: dict[int, IndirectObject] = {}
    for index, info in enumerate(pages):
        for mark in info.bookmarks:
            if mark.level not in levels:
                continue
            depth = levels.index(mark.level)
            item = writer.add_outline_item(
                title=mark.label,
                page_number=index,
                parent=parents.get(depth - 1) if depth else None,
                fit=Fit.xyz(top=info.height - mark.top),
            )
            parents[depth] = item
            for deeper in [d for d in parents if d > depth]:
                del parents[deeper]
