"""The running header and the footer, stamped on every page after the cover once the parts of a
report are joined.

No part knows the whole document's page count, so these are drawn afterwards. Laying them out
page by page would cost a render of its own; instead WeasyPrint renders one small "stamp sheet"
per report, while the parts are still being laid out: a page per piece (the title, each
section's name, the footer, "Page", "of" and each digit), every piece where it belongs on a
page. Each report page then draws the pieces it needs, with the digits of "Page 12 of 50" moved
side by side, so stamping costs no layout at all however long the report is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.report.pages import PageInfo, Placement

#: The words around the page numbers. No-break spaces: a space at the end of a piece would be
#: dropped, and the digits are drawn right after it.
PAGE, OF = "Page\u00a0", "\u00a0of\u00a0"
DIGITS = "0123456789"
#: Written in the footer when no brand is given.
DEFAULT_FOOTER = "Automate · Assist · Keep human"


@dataclass(frozen=True)
class Piece:
    """One page of the stamp sheet. `slot` says where it sits on a page: top left (the title),
    top right (a section), bottom left (the footer) or bottom right (a page number's parts)."""

    slot: str  # "title" | "section" | "footer" | "number"
    text: str


def anchor(index: int) -> str:
    """The id of the sheet's piece `index`, whose box gives its width."""
    return f"piece-{index}"


def sheet_pieces(title: str, sections: Sequence[str], footer: str) -> list[Piece]:
    """Every piece any page may need, in the order the sheet renders them, one per page."""
    return [
        Piece("title", title),
        Piece("footer", footer),
        *(Piece("section", s) for s in dict.fromkeys(sections)),
        *(Piece("number", text) for text in (PAGE, OF, *DIGITS)),
    ]


def sections_of(pages: Sequence[PageInfo], level: int) -> list[str]:
    """The section each page belongs to: the last section heading (outline `level`) at or
    before the page, or "" before the first."""
    found, current = [], ""
    for info in pages:
        for mark in info.bookmarks:
            if mark.level == level:
                current = mark.label
                break
        found.append(current)
    return found


def placements(
    sections: Sequence[str], pieces: Sequence[Piece], sheet: Sequence[PageInfo]
) -> list[list[Placement]]:
    """What to draw on each page, given the section of every page and the rendered sheet: the
    cover gets nothing, every other page its title, section, footer and "Page N of M"."""
    index = {(p.slot, p.text): i for i, p in enumerate(pieces)}
    fixed = [Placement(((i, 0.0),)) for i, p in enumerate(pieces) if p.slot in ("title", "footer")]
    total = len(sections)
    found: list[list[Placement]] = []
    for number, section in enumerate(sections, 1):
        if number == 1:
            found.append([])
            continue
        stamp = list(fixed)
        if section:
            stamp.append(Placement(((index["section", section], 0.0),)))
        ids = [index["number", text] for text in (PAGE, *str(number), OF, *str(total))]
        # Every part is drawn right-aligned on its sheet page: move each left by the widths of
        # the parts that follow it.
        widths = [_width(sheet[i], anchor(i)) for i in ids]
        shifts = [-sum(widths[k + 1 :]) for k in range(len(ids))]
        stamp.append(Placement(tuple(zip(ids, shifts, strict=True))))
        found.append(stamp)
    return found


def _width(page: PageInfo, name: str) -> float:
    x0, _, x1, _ = page.anchors[name]
    return x1 - x0
