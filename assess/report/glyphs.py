"""Text no available font can show. A name in Japanese on a machine with only DejaVu prints as
empty boxes, with no word of warning from the renderer; this module finds such characters so
the command can say which, where, and how to fix it."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from assess.method.scoring import Assessment

#: Characters that draw nothing themselves (joiners, variation selectors) need no glyph.
IGNORED_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn"}


@dataclass(frozen=True)
class Missing:
    characters: str
    #: Where they are: touchpoint names, or "the title" and the like.
    places: tuple[str, ...]


def _texts(assessment: Assessment) -> Iterator[tuple[str, str]]:
    w = assessment.workshop
    for label, value in (("the title", w.title), ("the organisation", w.organisation)):
        if value:
            yield label, value
    for person in w.participants:
        yield "the participants", person
    for r in assessment.results:
        tp = r.touchpoint
        for value in (tp.name, tp.stage, tp.channel, tp.description, tp.notes):
            if value:
                yield tp.name, value


@cache
def _installed_fonts() -> tuple[str, ...]:
    """Font files fontconfig knows, DejaVu Sans (the report's font) first."""
    if shutil.which("fc-list") is None:
        return ()
    listed = subprocess.run(
        ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False
    ).stdout.split()
    return tuple(sorted(set(listed), key=lambda f: ("DejaVuSans." not in f, f)))


def _cmap(data: bytes) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(BytesIO(data), lazy=True, fontNumber=0)
        return frozenset(font.getBestCmap() or {})
    except Exception:  # a font fontTools cannot read covers nothing
        return frozenset()


@cache
def _file_cmap(path: str) -> frozenset[int]:
    try:
        with open(path, "rb") as handle:
            return _cmap(handle.read())
    except OSError:
        return frozenset()


def uncovered(wanted: Iterable[str], brand_font: bytes | None = None) -> set[str]:
    """The characters among `wanted` that neither the brand font nor any installed font has.
    Fonts are read only while something is still uncovered."""
    left = {
        c for c in wanted if ord(c) > 0x7E and unicodedata.category(c) not in IGNORED_CATEGORIES
    }
    if not left:
        return left
    if brand_font is not None:
        left -= {chr(code) for code in _cmap(brand_font)}
    if not _installed_fonts():
        return set()  # cannot tell without fontconfig; say nothing rather than guess
    for path in _installed_fonts():
        if not left:
            break
        covered = _file_cmap(path)
        left = {c for c in left if ord(c) not in covered}
    return left


def missing(assessment: Assessment, brand_font: bytes | None = None) -> Missing | None:
    texts = list(_texts(assessment))
    gone = uncovered({c for _, text in texts for c in text}, brand_font)
    if not gone:
        return None
    places = tuple(dict.fromkeys(place for place, text in texts if gone & set(text)))
    return Missing("".join(sorted(gone)), places)


def warning(found: Missing) -> str:
    shown = " ".join(found.characters[:20]) + (" ..." if len(found.characters) > 20 else "")
    where = ", ".join(
        f"\u201c{p}\u201d" if not p.startswith("the ") else p for p in found.places[:5]
    )
    more = f" and {len(found.places) - 5} more" if len(found.places) > 5 else ""
    return (
        f"Warning: no available font can show {shown} (in {where}{more}); in the PDF they will "
        "be empty boxes. Install a font that covers them (for Chinese, Japanese or Korean: "
        "apt-get install fonts-noto-cjk), or give one in the brand file (font: ...)."
    )
