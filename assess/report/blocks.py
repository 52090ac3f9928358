"""Blocks that repeat from one touchpoint page to the next, laid out once per report.

Much of a touchpoint page is text that other pages repeat word for word: the row for
"complexity 4" with its anchor, design guidance that several touchpoints share. Laying each
out again on every page was nearly half the cost of a report. So in a PDF each distinct
block is laid out once, on a page of its own in a "block sheet"; a touchpoint page holds, in the
block's place, an image of exactly its size; and once the parts are joined, every such image is
swapped for its block, drawn as a form XObject (see :mod:`assess.pdf.book`). The page keeps its
layout and its reading order, since the block is drawn where the image was, and its text stays
text. A row that carries a team's votes is particular to its touchpoint and is laid out there.

A placeholder image is a single row of pixels in one marker colour; its width in pixels says
which block it stands for.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.method.scoring import Assessment
from assess.models import Dimension
from assess.report.pages import PageInfo

#: ("score", dimension id, score or "") or ("guidance", *the guidance's items)
Key = tuple[str, ...]
#: The colour of every placeholder's pixels, which no picture in a report is made of.
MARKER = bytes((1, 2, 3))


def row_key(dimension: str, score: int | None) -> Key:
    return ("score", dimension, "" if score is None else str(score))


def guidance_key(guidance: Sequence[str]) -> Key:
    return ("guidance", *guidance)


@dataclass(frozen=True)
class Block:
    """A block as the sheet lays it out: a score row, or a touchpoint's design guidance."""

    key: Key
    dimension: Dimension | None = None
    score: int | None = None
    guidance: tuple[str, ...] = ()


def used(assessment: Assessment) -> list[Block]:
    """The blocks the touchpoint pages share, in the order they first appear."""
    found: dict[Key, Block] = {}
    dimensions = assessment.questionnaire.dimensions
    for r in assessment.results:
        for d in dimensions:
            if d.id in r.consensus:  # the votes make this row the touchpoint's own
                continue
            score = r.scores.get(d.id)
            key = row_key(d.id, score)
            found.setdefault(key, Block(key, dimension=d, score=score))
        if r.guidance:
            key = guidance_key(r.guidance)
            found.setdefault(key, Block(key, guidance=r.guidance))
    return list(found.values())


def anchor(index: int) -> str:
    """The id of the sheet's block `index`, whose box gives its place and size."""
    return f"block-{index}"


@dataclass(frozen=True)
class Placeholder:
    """What a touchpoint page holds in a block's place: an image of the block's size."""

    index: int  # the block's page on the sheet; the image is index + 1 pixels wide
    width: float  # points
    height: float

    @property
    def asset(self) -> str:
        return f"block-{self.index}"


def placeholders(blocks: Sequence[Block], sheet: Sequence[PageInfo]) -> dict[Key, Placeholder]:
    """Each block's placeholder, sized from where the sheet laid it out."""
    found = {}
    for index, block in enumerate(blocks):
        x0, y0, x1, y1 = sheet[index].anchors[anchor(index)]
        found[block.key] = Placeholder(index, x1 - x0, y1 - y0)
    return found


def image(index: int) -> bytes:
    """The placeholder image for block `index`: a PNG one pixel high, index + 1 wide."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", index + 1, 1, 8, 2, 0, 0, 0)  # 8-bit RGB
    pixels = zlib.compress(b"\x00" + MARKER * (index + 1))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def assets(found: Mapping[Key, Placeholder]) -> dict[str, tuple[bytes, str]]:
    """The placeholder images, as the renderer serves them."""
    return {p.asset: (image(p.index), "image/png") for p in found.values()}


def block_index(width: int, height: int, pixels: bytes) -> int | None:
    """Which block a picture in a rendered part stands for, or None for any other picture."""
    if height == 1 and width >= 1 and pixels == MARKER * width:
        return width - 1
    return None
