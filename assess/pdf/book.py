"""Join rendered parts into one PDF document with pypdf.

The parts of a long report are rendered one at a time (see :mod:`assess.pdf.render`), so no
part knows the others: WeasyPrint's own page numbers, links and outline stop at a part's edge.
Here the parts become one document again: a stamped running header and "Page N of M" on every
page after the cover, internal links that reach their target wherever it is, one outline
(bookmarks) with an entry per section and per touchpoint, the document's language, its
metadata and its attached files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link as LinkAnnotation
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    Fit,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from pypdf.xmp import XmpInformation

from assess.errors import RenderError
from assess.i18n import _
from assess.pdf.info import Attachment, Metadata
from assess.report.blocks import anchor as block_anchor
from assess.report.blocks import block_index
from assess.report.pages import Box, Link, PageInfo, Placement, RenderedPart


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


#: Lines of one link are this close (points): a card's lines, a name wrapped in a table cell.
LINE_GAP = 6.0


def _touch(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] + LINE_GAP and b[1] <= a[3] + LINE_GAP


def merged(links: Sequence[Link]) -> list[Link]:
    """A page's links, each target once: a screen reader announces every link annotation.
    The renderer gives one rectangle per line of a link, so the lines of one link (same
    target, next to each other: a journey card) become one rectangle around them all; a
    second mention of a target elsewhere on the page (a touchpoint both in a shortlist and
    in a table) stays text, the first already leads there."""
    found: dict[str, Link] = {}
    for link in links:
        other = found.get(link.target)
        if other is None:
            found[link.target] = link
        elif _touch(other.rect, link.rect):
            a, b = other.rect, link.rect
            box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
            found[link.target] = Link(link.target, box)
    return list(found.values())


class Binder:
    """The parts of a document, taken in as they arrive (each read while later parts are still
    being rendered), then joined by :meth:`join`."""

    def __init__(self) -> None:
        self.writer = PdfWriter()

    def add(self, pdf: bytes) -> None:
        """The next part, in the document's order."""
        self.writer.append(io.BytesIO(pdf), import_outline=False)

    def join(
        self,
        pages: Sequence[PageInfo],
        sheet: bytes,
        stamps: Sequence[Sequence[Placement]],
        metadata: Metadata,
        attachments: Sequence[Attachment] = (),
        outline_levels: tuple[int, ...] = (2, 3),
        labels: Mapping[str, str] | None = None,
        blocks: RenderedPart | None = None,
    ) -> bytes:
        """One document from the parts added. `pages` describes every page of every part, in
        order; `sheet` is the stamp sheet (see :mod:`assess.report.stamps`) and `stamps` what
        each page draws of it; `labels` name what each anchor is, for the links' descriptions
        (read by screen readers); `blocks` is the block sheet whose blocks the parts hold
        placeholders for."""
        return _joined(
            self.writer, pages, sheet, stamps, metadata, attachments, outline_levels, labels, blocks
        )


def _joined(
    writer: PdfWriter,
    pages: Sequence[PageInfo],
    sheet: bytes,
    stamps: Sequence[Sequence[Placement]],
    metadata: Metadata,
    attachments: Sequence[Attachment],
    outline_levels: tuple[int, ...],
    labels: Mapping[str, str] | None,
    blocks: RenderedPart | None,
) -> bytes:
    assert len(writer.pages) == len(pages), (len(writer.pages), len(pages))
    _drop_links(writer)
    if blocks is not None:
        _swap_blocks(writer, blocks)
    _stamp(writer, PdfReader(io.BytesIO(sheet)), stamps)
    where = {
        name: (index, x, y)
        for index, info in enumerate(pages)
        for name, (x, y, _, _) in info.anchors.items()
    }
    for index, info in enumerate(pages):
        for link in merged(info.links):
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
                text = _("Go to %(place)s") % {"place": label}
                annotation[NameObject("/Contents")] = TextStringObject(text)
            writer.add_annotation(index, annotation)
    _outline(writer, pages, outline_levels)
    _describe(writer, metadata)
    _attach(writer, attachments)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _describe(writer: PdfWriter, metadata: Metadata) -> None:
    """The document's metadata, in its information dictionary and as XMP (which archives and
    search tools read), its language, and a viewer's title bar showing the title, not the file
    name."""
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
    xmp = XmpInformation.create()
    xmp.dc_title = {"x-default": metadata.title}
    xmp.dc_creator = [metadata.author] if metadata.author else []
    xmp.dc_description = {"x-default": metadata.subject}
    xmp.dc_subject = [k.strip() for k in metadata.keywords.split(",") if k.strip()]
    xmp.dc_language = [metadata.lang]
    xmp.dc_format = "application/pdf"
    xmp.pdf_keywords = metadata.keywords
    xmp.pdf_producer = metadata.producer
    xmp.xmp_creator_tool = metadata.producer
    created = (
        metadata.created if metadata.created.tzinfo else metadata.created.replace(tzinfo=dt.UTC)
    )
    xmp.xmp_create_date = created
    xmp.xmp_modify_date = created
    xmp.xmp_metadata_date = created
    writer.xmp_metadata = xmp
    writer.root_object[NameObject("/Lang")] = TextStringObject(metadata.lang)
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)


def _attach(writer: PdfWriter, attachments: Sequence[Attachment]) -> None:
    """Each file with its description, its name in Unicode, its MIME type and how it relates
    to the document, listed in the catalog's /AF as PDF/A-3 does."""
    associated = ArrayObject()
    for attachment in attachments:
        embedded = writer.add_attachment(attachment.name, attachment.data)
        embedded.alternative_name = TextStringObject(attachment.name)
        embedded.description = TextStringObject(attachment.description or attachment.name)
        embedded.subtype = NameObject("/" + attachment.mime)
        embedded.associated_file_relationship = NameObject("/" + attachment.relationship)
        embedded.size = NumberObject(len(attachment.data))
        reference = embedded.pdf_object.indirect_reference
        assert reference is not None  # pypdf adds every file specification as an object
        associated.append(reference)
    if associated:
        writer.root_object[NameObject("/AF")] = associated


def _stamp(writer: PdfWriter, sheet: PdfReader, stamps: Sequence[Sequence[Placement]]) -> None:
    """Draw the sheet's pieces on every page. Each piece used becomes a form XObject once, and a
    page draws it with a few operators added to its own content: no page is laid out again."""
    forms: dict[int, tuple[NameObject, IndirectObject]] = {}

    def form(index: int) -> tuple[NameObject, IndirectObject]:
        if index not in forms:
            page = sheet.pages[index]
            reference = _page_as_form(writer, page, tuple(float(v) for v in page.mediabox))
            forms[index] = (NameObject(f"/AssessStamp{index}"), reference)
        return forms[index]

    for page, stamp in zip(writer.pages, stamps, strict=True):
        if not stamp:
            continue
        drawn: list[str] = []
        used: dict[NameObject, IndirectObject] = {}
        for placement in stamp:
            for index, shift in placement.pieces:
                name, reference = form(index)
                used[name] = reference
                drawn.append(f"q 1 0 0 1 {shift:.3f} 0 cm {name} Do Q")
        if "/Resources" not in page:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        xobjects = resources["/XObject"].get_object()
        assert isinstance(xobjects, DictionaryObject)
        xobjects.update(used)
        content = _single_stream(page)
        content.set_data(b"q\n" + content.get_data() + b"\nQ\n" + "\n".join(drawn).encode())


def _xobject_dictionaries(writer: PdfWriter) -> Iterator[DictionaryObject]:
    """Each page's dictionary of XObjects; one shared by several pages only once."""
    seen: set[int] = set()
    for page in writer.pages:
        if "/Resources" not in page:
            continue
        resources = page["/Resources"].get_object()
        if not isinstance(resources, DictionaryObject) or "/XObject" not in resources:
            continue
        xobjects = resources["/XObject"].get_object()
        if isinstance(xobjects, DictionaryObject) and id(xobjects) not in seen:
            seen.add(id(xobjects))
            yield xobjects


def _swap_blocks(writer: PdfWriter, sheet: RenderedPart) -> None:
    """Draw each block of the block sheet where a page holds its placeholder image (see
    :mod:`assess.report.blocks`): the image becomes the block, as a form XObject that maps the
    block's box onto the image's unit square, so it lands exactly in the image's place, at its size,
    and in the page's reading order."""
    reader = PdfReader(io.BytesIO(sheet.pdf))
    forms: dict[int, IndirectObject] = {}

    def form(index: int) -> IndirectObject:
        if index not in forms:
            page = reader.pages[index]
            info = sheet.pages[index]
            x0, top, x1, bottom = info.anchors[block_anchor(index)]
            low, high = info.height - bottom, info.height - top  # from the page's foot
            width, height = x1 - x0, high - low
            unit = (1 / width, 0.0, 0.0, 1 / height, -x0 / width, -low / height)
            forms[index] = _page_as_form(writer, page, (x0, low, x1, high), unit)
        return forms[index]

    for xobjects in _xobject_dictionaries(writer):
        for name, value in list(xobjects.items()):
            picture = value.get_object()
            if picture.get("/Subtype") != "/Image" or picture.get("/Height") != 1:
                continue
            index = block_index(int(picture["/Width"]), 1, picture.get_data())
            if index is not None:
                xobjects[NameObject(name)] = form(index)
    # Every block is on some page; one not found would leave its placeholder drawn instead.
    if len(forms) != len(sheet.pages):
        raise RenderError(
            "the PDF could not be put together: the renderer did not write the placeholders "
            "of shared blocks as assess expects (a WeasyPrint version it was not tested with?)"
        )


def _page_as_form(
    writer: PdfWriter,
    page: Any,
    box: tuple[float, ...],
    matrix: tuple[float, ...] | None = None,
) -> IndirectObject:
    """A page of a sheet as a form XObject in `writer`, clipped to `box` (PDF points from the
    page's foot) and drawn through `matrix`, if given."""
    stream = page["/Contents"].get_object()
    assert isinstance(stream, StreamObject)  # WeasyPrint writes one stream a page
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    stream[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in box)
    if matrix is not None:
        stream[NameObject("/Matrix")] = ArrayObject(FloatObject(v) for v in matrix)
    stream[NameObject("/Resources")] = page["/Resources"]
    reference = stream.clone(writer).indirect_reference
    assert reference is not None
    return reference


def _single_stream(page: Any) -> StreamObject:
    """The page's content as one stream (WeasyPrint writes one; pypdf may give a list)."""
    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):
        page.replace_contents(page.get_contents())
        contents = page["/Contents"].get_object()
    assert isinstance(contents, StreamObject)
    return contents


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
