"""A consultancy's brand for the report: its name, logo, accent colour, footer and font.

A brand file is YAML; the logo and font it names are read here, checked for what they claim to
be, and handed to the renderer as bytes, so the renderer still fetches nothing itself. Paths in
a brand file are relative to it and may not leave its folder: a brand file received from
someone else must not make a report carry a local file. Verdict colours and shapes never
change: they carry meaning and stay readable for colour-blind readers, whatever the brand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assess.errors import InputError, NotFoundError
from assess.files.logo import LogoError, check_raster, external_reference
from assess.files.problems import Context, as_mapping, message_for
from assess.files.reading import inside, read_text
from assess.files.yamlio import load_data
from assess.textsafety import clip

#: The longest name and footer: the report shortens a footer that does not fit its line.
MAX_NAME, MAX_FOOTER = 120, 160
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_FONT_BYTES = 20 * 1024 * 1024
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
#: The accent is the colour of headings on white and the ground of white text on the cover:
#: WCAG 2's level AA asks normal text for a contrast of at least 4.5:1.
MIN_CONTRAST = 4.5
#: The logo's kinds, by file name ending, and their content types.
IMAGE_KINDS = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
FONT_KINDS = (".ttf", ".otf")


class BrandFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
    logo: Annotated[str, Field(min_length=1)] | None = None
    accent: Annotated[str, Field(min_length=1)] | None = None
    footer: Annotated[str, Field(min_length=1, max_length=MAX_FOOTER)] | None = None
    font: Annotated[str, Field(min_length=1)] | None = None


@dataclass(frozen=True)
class Brand:
    """A checked brand, with its files' contents."""

    name: str
    accent: str | None = None
    footer: str | None = None
    logo: bytes | None = None
    logo_type: str | None = None
    font: bytes | None = None

    def assets(self) -> dict[str, tuple[bytes, str]]:
        """What the renderer may serve, by asset name, with its content type."""
        found = {}
        if self.logo is not None and self.logo_type:
            found["brand-logo"] = (self.logo, self.logo_type)
        if self.font is not None:
            found["brand-font"] = (self.font, "font/ttf")
        return found


def looks_like_brand(data: Any) -> bool:
    """A brand file has a brand's keys and none of a workshop's or questionnaire's."""
    return (
        isinstance(data, dict)
        and not {"title", "dimensions", "touchpoints"} & set(data)
        and bool({"logo", "accent", "footer", "font"} & set(data))
    )


def read_brand(path: Path) -> Brand:
    file = str(path)
    return parse_brand(load_data(read_text(path), file), file, path.parent)


def parse_brand(data: Any, file: str, folder: Path) -> Brand:
    """A checked brand; every problem in the file is reported at once."""
    ctx = Context(file, as_mapping(data, file, "a brand (name, logo, accent, footer, font)"))
    problems = []
    try:
        spec = BrandFile.model_validate(ctx.data)
    except ValidationError as exc:
        allowed = list(BrandFile.model_fields)
        problems += [ctx.problem(tuple(e["loc"]), message_for(e, allowed)) for e in exc.errors()]
        given: dict[str, Any] = {
            str(k): v.strip() for k, v in ctx.data.items() if k in allowed and isinstance(v, str)
        }
        spec = BrandFile.model_construct(**given)
    if spec.accent:
        try:
            _check_accent(ctx, spec.accent)
        except InputError as exc:
            problems += exc.problems
    logo = logo_type = font = None
    try:
        if spec.logo:
            logo, logo_type = _logo(ctx, folder, spec.logo)
    except InputError as exc:
        problems += exc.problems
    try:
        if spec.font:
            font = _font(ctx, folder, spec.font)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return Brand(spec.name, spec.accent, spec.footer, logo, logo_type, font)


def contrast_with_white(colour: str) -> float:
    """WCAG 2's contrast ratio of a #rgb or #rrggbb colour against white, 1 to 21."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def _check_accent(ctx: Context, accent: str) -> None:
    if not COLOUR.fullmatch(accent):
        raise InputError(
            [ctx.problem(("accent",), f"'{clip(accent)}' is not a colour like #1b6e5a")]
        )
    ratio = contrast_with_white(accent)
    # Rounded down, so a ratio shown as 4.5:1 has passed.
    if ratio < MIN_CONTRAST:
        raise InputError(
            [
                ctx.problem(
                    ("accent",),
                    f"{accent} has a contrast of {int(ratio * 100) / 100:.2f}:1 against white; "
                    f"headings and the cover need at least {MIN_CONTRAST}:1 "
                    "(WCAG AA for text): choose a darker colour",
                )
            ]
        )


def _inside(ctx: Context, folder: Path, ref: str, field: str) -> Path:
    target = inside(folder, ref)
    if target is None:
        raise InputError(
            [ctx.problem((field,), f"'{clip(ref)}' must be a file in the brand file's folder")]
        )
    if not target.is_file():
        raise InputError([ctx.problem((field,), f"no file '{clip(ref)}' beside the brand file")])
    return target


def _read(ctx: Context, path: Path, field: str, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            [
                ctx.problem(
                    (field,), f"{path.name} is {size / 2**20:.1f} MB; at most {limit // 2**20} MB"
                )
            ]
        )
    return path.read_bytes()


def _logo(ctx: Context, folder: Path, ref: str) -> tuple[bytes, str]:
    path = _inside(ctx, folder, ref, "logo")
    kind = IMAGE_KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            [ctx.problem(("logo",), f"{path.name}: the logo must be a PNG, JPEG or SVG file")]
        )
    data = _read(ctx, path, "logo", MAX_LOGO_BYTES)
    head = data[:1024].lstrip()
    valid = {
        "image/png": data.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": data.startswith(b"\xff\xd8\xff"),
        "image/svg+xml": b"<svg" in head and (head.startswith((b"<?xml", b"<svg", b"<!--"))),
    }[kind]
    if not valid:
        raise InputError(
            [ctx.problem(("logo",), f"{path.name} is not a {path.suffix[1:].upper()} image")]
        )
    try:
        if kind == "image/svg+xml":
            reference = external_reference(data)
            if reference is not None:
                raise LogoError(
                    f"refers to '{clip(reference)}'; an SVG logo must hold everything it "
                    "shows (no links to other files or addresses; nothing is fetched)"
                )
        else:
            check_raster(data, kind)
    except LogoError as exc:
        raise InputError([ctx.problem(("logo",), f"{path.name} {exc}")]) from None
    return data, kind


def _font(ctx: Context, folder: Path, ref: str) -> bytes:
    path = _inside(ctx, folder, ref, "font")
    if path.suffix.lower() not in FONT_KINDS:
        raise InputError(
            [ctx.problem(("font",), f"{path.name}: the font must be a TTF or OTF file")]
        )
    data = _read(ctx, path, "font", MAX_FONT_BYTES)
    try:
        from io import BytesIO

        from fontTools.ttLib import TTFont

        TTFont(BytesIO(data), lazy=True)["cmap"]
    except Exception:  # fontTools raises many types for a file that is not a font
        raise InputError(
            [ctx.problem(("font",), f"{path.name} is not a TrueType or OpenType font")]
        ) from None
    return data


def brand_path(ref: str, workshop_folder: Path) -> Path:
    """A workshop's `brand:` path: relative to the workshop, inside its folder."""
    target = inside(workshop_folder, ref)
    if target is None:
        raise NotFoundError(
            f"brand '{clip(ref)}' leads outside the workshop's folder; name a brand file in the "
            "workshop's folder, or pass --brand on the command line"
        )
    return target


def brand_for(
    override: Path | None, workshop_brand: str | None, workshop_folder: Path
) -> Brand | None:
    """The brand a report uses: the one given on the command line, else the workshop's."""
    if override is not None:
        return read_brand(override)
    if workshop_brand:
        return read_brand(brand_path(workshop_brand, workshop_folder))
    return None
