"""The join address as a QR code: drawn in the terminal (dark on light whatever the terminal's
colours, so a phone camera reads it off a projector) and as a PNG for a slide. The only module
that imports segno; the PNG is written by the files part."""

from __future__ import annotations

import io
from itertools import groupby
from pathlib import Path

import segno
from rich.style import Style
from rich.text import Text

from assess.errors import OutputError
from assess.files.storage import atomic_write, file_kind

DARK, LIGHT = "#000000", "#ffffff"
#: Each terminal cell shows two modules, the upper one as the character's colour, the lower as
#: its background.
_HALVES = "▀"


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_rows(url: str, border: int = 2) -> list[list[bool]]:
    """The code's modules, True for dark, with a light quiet zone `border` modules wide."""
    return [[bool(bit) for bit in row] for row in _code(url).matrix_iter(border=border)]


def qr_text(url: str, border: int = 2) -> Text:
    """The code as terminal text, two rows of modules to a line."""
    rows = qr_rows(url, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    text = Text(no_wrap=True, overflow="crop")
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        for (upper, lower), run in groupby(zip(top, bottom, strict=True)):
            style = Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT)
            text.append(_HALVES * len(list(run)), style)
        text.append("\n")
    text.rstrip()
    return text


def qr_png(url: str, scale: int = 12, border: int = 4) -> bytes:
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=scale, border=border, dark=DARK, light=LIGHT)
    return buffer.getvalue()


def join_png_path(workshop: Path) -> Path:
    """``claims-join.png`` beside ``claims.yaml``."""
    return workshop.with_name(f"{workshop.stem}-join.png")


def write_join_png(workshop: Path, url: str) -> Path:
    """Write the join code beside the workshop, for a slide; replaces only an earlier code."""
    path = join_png_path(workshop)
    if (path.exists() or path.is_symlink()) and file_kind(path) != "png":
        raise OutputError(
            f"{path} already exists and is not a PNG image; move it away, the join code for "
            "the phones is written there"
        )
    atomic_write(path, qr_png(url))
    return path
