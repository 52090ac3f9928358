"""What a brand's logo really is, read from its bytes before anything draws it.

A raster logo's size is read from its header alone (Pillow's format parsers, which decode no
pixels), so a PNG that claims 100,000 x 100,000 pixels is refused before anyone tries to hold
it. An SVG logo must hold everything it shows: a reference to another file or an address would
make the report depend on, or reveal, something outside the brand's folder. The renderer fetches
nothing whatever a logo says; this check says so up front, with the brand file and the field.
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
from dataclasses import dataclass

#: A raster logo is shown up to 18 mm high on the cover: below this many pixels each way it
#: prints as a blur or a speck (an SVG logo has no pixels and is sharp at any size).
MIN_PIXELS = 48
#: Far more than any logo needs; a larger claim is a mistake or a decompression bomb.
MAX_PIXELS = 10_000


class LogoError(ValueError):
    """What is wrong with a logo, in words that follow its file name."""


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width:,} x {self.height:,} pixels"


def raster_size(data: bytes, kind: str) -> Size:
    """A PNG's or JPEG's size in pixels, from its header; no pixel is decoded."""
    from PIL import JpegImagePlugin, PngImagePlugin

    opener = PngImagePlugin.PngImageFile if kind == "image/png" else JpegImagePlugin.JpegImageFile
    try:
        # The format classes read the header only; Image.open would also refuse large claims,
        # but without saying how large.
        image = opener(io.BytesIO(data))
    except Exception:  # Pillow raises SyntaxError, OSError, struct.error, ... for a bad header
        raise LogoError(f"is not a {'PNG' if kind == 'image/png' else 'JPEG'} image") from None
    width, height = image.size
    return Size(width, height)


def check_raster(data: bytes, kind: str) -> Size:
    """The logo's size, if it is one a report can show sharp and a reader can hold."""
    size = raster_size(data, kind)
    if min(size.width, size.height) < MIN_PIXELS:
        raise LogoError(
            f"is {size}; a PNG or JPEG logo needs at least {MIN_PIXELS} pixels each way "
            "to print sharp (or use an SVG)"
        )
    if max(size.width, size.height) > MAX_PIXELS:
        raise LogoError(f"claims {size}; a logo may have at most {MAX_PIXELS:,} pixels each way")
    return size


#: A CSS reference inside a style: url(...) or @import.
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]*)|@import\s*['"]?([^'";\s]*)""", re.IGNORECASE)


def _outside(reference: str) -> bool:
    """Whether a reference leads outside the SVG itself (anything but "#id")."""
    return not reference.strip().startswith("#")


def _css_reference(text: str) -> str | None:
    for match in _CSS_URL.finditer(text):
        found = match.group(1) or match.group(2) or ""
        if match.group(2) is not None or _outside(found):
            return found or text.strip()
    return None


def _attribute_reference(name: str, value: str) -> str | None:
    local = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]  # xlink:href or {namespace} href
    if local in ("href", "src") and _outside(value):
        return value
    return _css_reference(value)


class _Scan:
    """Expat handlers that stop at the first reference leading outside the SVG."""

    def __init__(self) -> None:
        self.found: str | None = None
        self.styles: list[str] = []
        self.in_style = False

    def stop(self, reference: str) -> None:
        self.found = reference
        raise LogoError("stop")

    def doctype(self, name: str, system: str | None, public: str | None, internal: bool) -> None:
        self.stop(system or public or "<!DOCTYPE>")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.in_style = name.rsplit(" ", 1)[-1] == "style"
        for key, value in attributes.items():
            reference = _attribute_reference(key, value)
            if reference is not None:
                self.stop(reference)

    def end(self, name: str) -> None:
        self.in_style = False

    def text(self, data: str) -> None:
        if self.in_style:
            self.styles.append(data)

    def instruction(self, target: str, data: str) -> None:
        if target == "xml-stylesheet":
            self.stop(data)


def external_reference(data: bytes) -> str | None:
    """The first reference an SVG makes to another file or an address, or None. A document
    type declaration counts as one: it can name files (external entities) and grow without
    end (nested entities)."""
    scan = _Scan()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.ProcessingInstructionHandler = scan.instruction
    try:
        parser.Parse(data, True)
    except LogoError:
        return scan.found
    except xml.parsers.expat.ExpatError as exc:
        raise LogoError(f"is not a valid SVG image ({exc})") from None
    return _css_reference(" ".join(scan.styles))
