"""The running header and the footer, stamped on every page after the cover once the parts of a
report are joined.

No part knows the whole document's page count, so these are drawn afterwards. Laying them out
page by page would cost a render of its own; instead WeasyPrint renders one small "stamp sheet"
per report, while the parts are still being laid out: a page per piece (the title, each
section's name, the footer, the words of "Page N of M" in the reader's language and each digit),
every piece where it belongs on a page. Each report page then draws the pieces it needs, with
the digits of "Page 12 of 50" moved side by side, so stamping costs no layout at all however
long the report is. The words come from the current language (:mod:`assess.i18n`): the sheet
and the placements are made in the same one.

A title or footer too long for its line is shortened with "…" rather than clipped, so that
nothing hides under the page number and a reader copying the text gets what is shown: the
sheet also holds the text cut at each word (and within a long word), and each page draws the
longest cut that leaves room for the widest section name or page number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assess.files.brand import Brand
from assess.i18n import N_, _
from assess.report.pages import PageInfo, Placement
from assess.report.words import PAGE, PAGES, CounterPiece, page_counter, page_label, page_words

DIGITS = "0123456789"
#: Written in the footer when no brand is given (translated where it is used).
DEFAULT_FOOTER = N_("Automate · Assist · Keep human")
#: Text this short always fits its line; longer text also gets shortened versions on the sheet.
FITS = 40
#: At most this many shortened versions of one text; a word longer than LONG_WORD is also
#: cut inside, every STEP characters.
MAX_CUTS, LONG_WORD, STEP = 40, 20, 8
#: Space kept between the left and right pieces of a line, in points.
GUTTER = 12.0
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Piece:
    """One page of the stamp sheet. `slot` says where it sits on a page: top left (the title),
    top right (a section), bottom left (the footer) or bottom right (a page number's parts)."""

    slot: str  # "title" | "section" | "footer" | "number"
    text: str


def footer_of(brand: Brand | None) -> str:
    """What every page's footer says: the brand's footer or name, else the method's motto."""
    return (brand.footer or brand.name) if brand else _(DEFAULT_FOOTER)


def anchor(index: int) -> str:
    """The id of the sheet's piece `index`, whose box gives its width."""
    return f"piece-{index}"


def shortened(text: str) -> list[str]:
    """`text`, then shorter versions of it ending in "…", longest first: cut after each word,
    and every STEP characters inside a word longer than LONG_WORD; at most MAX_CUTS of them."""
    if len(text) <= FITS:
        return [text]
    cuts = set()
    for word in re.finditer(r"\S+", text):
        cuts.add(word.end())
        if len(word.group()) > LONG_WORD:
            cuts.update(range(word.start() + STEP, word.end(), STEP))
    ordered = sorted((c for c in cuts if 0 < c < len(text)), reverse=True)
    if len(ordered) > MAX_CUTS:  # evenly spread, keeping the longest and the shortest
        step = (len(ordered) - 1) / (MAX_CUTS - 1)
        ordered = [ordered[round(k * step)] for k in range(MAX_CUTS)]
    versions = [text[:c].rstrip(" ,;:·-") + ELLIPSIS for c in ordered]
    return [text, *dict.fromkeys(v for v in versions if v != ELLIPSIS)]


def sheet_pieces(title: str, sections: Sequence[str], footer: str) -> list[Piece]:
    """Every piece any page may need, in the order the sheet renders them, one per page."""
    return [
        *(Piece("title", t) for t in shortened(title)),
        *(Piece("footer", f) for f in shortened(footer)),
        *(Piece("section", s) for s in dict.fromkeys(sections)),
        *(Piece("number", w) for w in page_words() if w not in (PAGE, PAGES)),
        *(Piece("number", digit) for digit in DIGITS),
    ]


def _longest_fitting(
    slot: str, pieces: Sequence[Piece], sheet: Sequence[PageInfo], right: float
) -> int:
    """The longest version of the title or footer that ends `GUTTER` before `right`; the
    shortest if none does."""
    versions = [i for i, p in enumerate(pieces) if p.slot == slot]
    for i in versions:
        if sheet[i].anchors[anchor(i)][2] <= right - GUTTER:
            return i
    return versions[-1]


def _fixed(pieces: Sequence[Piece], sheet: Sequence[PageInfo], total: int) -> list[Placement]:
    """The title and the footer, each as long as its line allows: the title leaves room for
    the widest section name, the footer for the widest page number."""
    edge = max(
        sheet[i].anchors[anchor(i)][2]
        for i, p in enumerate(pieces)
        if p.slot in ("section", "number")  # drawn right-aligned: they end at the margin
    )
    sections = [i for i, p in enumerate(pieces) if p.slot == "section"]
    widest_section = max((_width(sheet[i], anchor(i)) for i in sections), default=0.0)
    index = {(p.slot, p.text): i for i, p in enumerate(pieces)}
    label = page_label(total, total)
    number = sum(_width(sheet[index["number", t]], anchor(index["number", t])) for t in label)
    title = _longest_fitting("title", pieces, sheet, edge - widest_section)
    footer = _longest_fitting("footer", pieces, sheet, edge - number)
    return [Placement(((title, 0.0),)), Placement(((footer, 0.0),))]


def sections_of(pages: Sequence[PageInfo], level: int) -> list[str]:
    """The section each page's header names: the first section heading (outline `level`) on
    the page, else the last one before it, or "" before the first. A page where one section
    ends and the next begins is named for the first; the pages after it for the last."""
    found, current = [], ""
    for info in pages:
        headings = [mark.label for mark in info.bookmarks if mark.level == level]
        found.append(headings[0] if headings else current)
        current = headings[-1] if headings else current
    return found


def placements(
    sections: Sequence[str], pieces: Sequence[Piece], sheet: Sequence[PageInfo]
) -> list[list[Placement]]:
    """What to draw on each page, given the section of every page and the rendered sheet: the
    cover gets nothing, every other page its title, section, footer and "Page N of M"."""
    index = {(p.slot, p.text): i for i, p in enumerate(pieces)}
    total = len(sections)
    fixed = _fixed(pieces, sheet, total)
    found: list[list[Placement]] = []
    for number, section in enumerate(sections, 1):
        if number == 1:
            found.append([])
            continue
        stamp = list(fixed)
        if section:
            stamp.append(Placement(((index["section", section], 0.0),)))
        ids = [index["number", text] for text in page_label(number, total)]
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


#: A title longer than this is shortened in the running header of a document rendered whole
#: (``--accessible``), whose margin boxes are not measured as the sheet's pieces are.
RUNNING_TITLE = 60


@dataclass(frozen=True)
class Running:
    """The running header and footer of a document rendered whole, drawn in its page margins
    rather than stamped: the title, the footer, and the page label with CSS counters."""

    title: str
    footer: str
    page: list[CounterPiece]


def running(title: str, footer: str) -> Running:
    fits = [t for t in shortened(title) if len(t) <= RUNNING_TITLE]
    return Running(fits[0] if fits else title[:RUNNING_TITLE] + ELLIPSIS, footer, page_counter())
