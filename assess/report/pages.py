"""What a rendered page holds, as plain data: what joining and stamping need from the renderer.

Kept apart from :mod:`assess.pdf.render` so that the process that joins the parts never has to load
WeasyPrint: the worker processes that render do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: The report's stylesheet among the bundled templates. A PDF's parts name it rather than carry
#: it: each worker parses it once and applies it to every part it renders.
STYLESHEET = "report.css"

#: A box on a page: x0, y0, x1, y1 in PDF points from the top left.
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Link:
    target: str  # an anchor id
    rect: Box


@dataclass(frozen=True)
class Bookmark:
    level: int
    label: str
    top: float  # PDF points from the top of the page


@dataclass(frozen=True)
class PageInfo:
    width: float  # PDF points
    height: float
    anchors: Mapping[str, Box] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    bookmarks: tuple[Bookmark, ...] = ()


@dataclass(frozen=True)
class RenderedPart:
    pdf: bytes
    pages: tuple[PageInfo, ...]


@dataclass(frozen=True)
class Placement:
    """Pieces of the stamp sheet drawn together on one page (for example "Page", "1", "2", "of",
    "5", "0"): each is a page of the sheet, drawn moved right by so many points."""

    pieces: tuple[tuple[int, float], ...]
