"""Brand files: what a consultancy puts on the report, and every way a brand file can be
wrong (one line naming the field, exit 1, no report written)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from assess.cli import cli
from assess.files import resources

EXAMPLES = Path(__file__).resolve().parent.parent / "questionnaires" / "examples"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def png(width: int, height: int) -> bytes:
    """A PNG header claiming a size: what a reader sees before any pixel."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def jpeg(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "JPEG")
    return out.getvalue()


def svg(body: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 10 10">{body}</svg>'
    ).encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "harbour-finch-logo.svg", tmp_path)
    (tmp_path / "w.yaml").write_text(
        "title: Branded journey\ntouchpoints:\n  - name: A\n"
        "    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}\n",
        encoding="utf-8",
    )
    return tmp_path


def brand(folder: Path, text: str) -> Path:
    path = folder / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
name: Harbour & Finch Consulting
logo: harbour-finch-logo.svg
accent: "#1b6e5a"
footer: "Confidential: prepared for Acme Ltd"
"""


def test_a_brand_puts_the_firm_on_the_report(folder: Path) -> None:
    b = brand(folder, GOOD)
    result = CliRunner().invoke(cli, ["report", str(folder / "w.yaml"), "--brand", str(b)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(folder / "w.pdf")
    assert reader.metadata.author == "Harbour & Finch Consulting"
    cover = reader.pages[0].extract_text()
    assert "Prepared by" in cover and "Harbour & Finch Consulting" in cover
    assert "Confidential: prepared for Acme Ltd" in reader.pages[1].extract_text()
    # The logo is embedded (as a form drawn from the SVG) on the cover and in the header.
    for page in (reader.pages[0], reader.pages[1]):
        objects = page["/Resources"].get("/XObject", {})
        assert objects, "no logo drawn"


def test_the_workshop_can_name_its_brand(folder: Path) -> None:
    brand(folder, GOOD)
    w = folder / "w.yaml"
    w.write_text(
        w.read_text().replace("title: Branded journey", "title: Branded journey\nbrand: brand.yaml")
    )
    result = CliRunner().invoke(cli, ["report", str(w)])
    assert result.exit_code == 0, result.output
    assert PdfReader(folder / "w.pdf").metadata.author == "Harbour & Finch Consulting"
    assert CliRunner().invoke(cli, ["validate", str(w)]).exit_code == 0


def test_without_a_brand_the_report_is_as_before(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(folder / "w.yaml")])
    assert result.exit_code == 0
    reader = PdfReader(folder / "w.pdf")
    assert "Prepared by" not in reader.pages[0].extract_text()
    assert "Automate · Assist · Keep human" in reader.pages[1].extract_text()


@pytest.mark.parametrize(
    ("text", "files", "expected"),
    [
        (None, {}, "brand.yaml: no such file"),
        ("name: [unclosed\n", {}, "not valid YAML"),
        ("- a list\n", {}, "expected a brand (name, logo, accent, footer, font), got a list"),
        ("logo: x.png\n", {}, "field 'name': is required"),
        (
            "name: F\nlogo: missing.png\n",
            {},
            "field 'logo': no file 'missing.png' beside the brand file",
        ),
        (
            "name: F\nlogo: logo.gif\n",
            {"logo.gif": b"GIF89a"},
            "field 'logo': logo.gif: the logo must be a PNG, JPEG or SVG file",
        ),
        (
            "name: F\nlogo: logo.png\n",
            {"logo.png": b"not a png"},
            "field 'logo': logo.png is not a PNG image",
        ),
        (
            "name: F\nlogo: logo.svg\n",
            {"logo.svg": b"hello"},
            "field 'logo': logo.svg is not a SVG image",
        ),
        (
            "name: F\nlogo: big.png\n",
            {"big.png": PNG + bytes(6 * 2**20)},
            "field 'logo': big.png is 6.0 MB; at most 5 MB",
        ),
        (
            "name: F\nlogo: ../outside.png\n",
            {},
            "field 'logo': '../outside.png' must be a file in the brand file's folder",
        ),
        ("name: F\naccent: teal\n", {}, "field 'accent': 'teal' is not a colour like #1b6e5a"),
        (
            "name: F\naccent: '#12345'\n",
            {},
            "field 'accent': '#12345' is not a colour like #1b6e5a",
        ),
        (
            "name: F\nfont: f.ttf\n",
            {"f.ttf": b"\x00\x01\x00\x00 not really"},
            "field 'font': f.ttf is not a TrueType or OpenType font",
        ),
        (
            "name: F\nfont: f.woff\n",
            {"f.woff": b"wOFF"},
            "field 'font': f.woff: the font must be a TTF or OTF file",
        ),
        ("name: F\ncolour: '#fff'\n", {}, "unknown key 'colour'"),
        (
            "name: F\naccent: '#ffffff'\n",
            {},
            "field 'accent': #ffffff has a contrast of 1.00:1 against white; headings and the "
            "cover need at least 4.5:1 (WCAG AA for text): choose a darker colour",
        ),
        (
            "name: F\naccent: '#fff'\n",
            {},
            "field 'accent': #fff has a contrast of 1.00:1 against white",
        ),
        (
            "name: F\naccent: '#ffeb3b'\n",
            {},
            "field 'accent': #ffeb3b has a contrast of 1.22:1 against white",
        ),
        (  # just under the line: 4.48:1
            "name: F\naccent: '#777777'\n",
            {},
            "field 'accent': #777777 has a contrast of 4.47:1 against white",
        ),
        (
            "name: F\nlogo: speck.png\n",
            {"speck.png": png(1, 1)},
            "field 'logo': speck.png is 1 x 1 pixels; a PNG or JPEG logo needs at least 48 "
            "pixels each way to print sharp (or use an SVG)",
        ),
        (
            "name: F\nlogo: bomb.png\n",
            {"bomb.png": png(100_000, 100_000)},
            "field 'logo': bomb.png claims 100,000 x 100,000 pixels; a logo may have at most "
            "10,000 pixels each way",
        ),
        (
            "name: F\nlogo: small.jpg\n",
            {"small.jpg": jpeg(120, 20)},
            "field 'logo': small.jpg is 120 x 20 pixels; a PNG or JPEG logo needs at least 48",
        ),
        (
            "name: F\nlogo: broken.png\n",
            {"broken.png": PNG},
            "field 'logo': broken.png is not a PNG image",
        ),
        (
            "name: F\nlogo: local.svg\n",
            {"local.svg": svg('<image href="file:///etc/passwd" width="10" height="10"/>')},
            "field 'logo': local.svg refers to 'file:///etc/passwd'; an SVG logo must hold "
            "everything it shows (no links to other files or addresses; nothing is fetched)",
        ),
        (
            "name: F\nlogo: beside.svg\n",
            {"beside.svg": svg('<use xlink:href="other.svg#mark"/>')},
            "field 'logo': beside.svg refers to 'other.svg#mark'",
        ),
        (
            "name: F\nlogo: web.svg\n",
            {
                "web.svg": svg(
                    '<rect width="5" height="5" style="fill: url(https://example.invalid/p)"/>'
                )
            },
            "field 'logo': web.svg refers to 'https://example.invalid/p'",
        ),
        (
            "name: F\nlogo: styled.svg\n",
            {"styled.svg": svg('<style>@import "http://127.0.0.1:9/s.css";</style>')},
            "field 'logo': styled.svg refers to 'http://127.0.0.1:9/s.css'",
        ),
        (
            "name: F\nlogo: entity.svg\n",
            {
                "entity.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
                b'"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
            },
            "field 'logo': entity.svg refers to '<!DOCTYPE>'",
        ),
    ],
)
def test_a_bad_brand_file_is_one_clear_line_and_no_report(
    folder: Path, text: str | None, files: dict[str, bytes], expected: str
) -> None:
    (folder.parent / "outside.png").write_bytes(PNG)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    b = folder / "brand.yaml"
    if text is not None:
        b.write_text(text, encoding="utf-8")
    for args in (
        ["report", str(folder / "w.yaml"), "--brand", str(b)],
        ["demo", "-o", str(folder / "demo.pdf"), "--brand", str(b)],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (1, 2), result.output
        assert expected in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (folder / "w.pdf").exists() and not (folder / "demo.pdf").exists()
    if text is not None and not text.startswith("- "):  # a list could be any kind of file
        result = CliRunner().invoke(cli, ["validate", str(b)])
        assert result.exit_code == 1 and expected in result.output


def test_a_logo_that_refers_elsewhere_fetches_nothing(folder: Path) -> None:
    """Nothing is even attempted: a server that logs every connection sees none."""
    import contextlib
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    reached: list[object] = []

    def watch() -> None:
        with contextlib.suppress(OSError):
            reached.append(server.accept())

    thread = threading.Thread(target=watch)
    thread.start()
    (folder / "logo.svg").write_bytes(svg(f'<image href="http://127.0.0.1:{port}/x.png"/>'))
    b = brand(folder, "name: F\nlogo: logo.svg\n")
    result = CliRunner().invoke(cli, ["report", str(folder / "w.yaml"), "--brand", str(b)])
    thread.join()
    server.close()
    assert result.exit_code == 1
    assert f"refers to 'http://127.0.0.1:{port}/x.png'" in result.output
    assert reached == [] and not (folder / "w.pdf").exists()


def test_accents_and_logos_that_read_well_pass(folder: Path) -> None:
    from assess.files.brand import contrast_with_white

    assert round(contrast_with_white("#767676"), 2) == 4.54  # WCAG's own example of AA grey
    assert round(contrast_with_white("#000"), 1) == 21.0
    (folder / "wide.png").write_bytes(png(400, 48))
    (folder / "photo.jpeg").write_bytes(jpeg(300, 100))
    (folder / "inner.svg").write_bytes(
        svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/>')
    )
    for logo in ("wide.png", "photo.jpeg", "inner.svg"):
        b = brand(folder, f"name: F\nlogo: {logo}\naccent: '#767676'\n")
        result = CliRunner().invoke(cli, ["validate", str(b)])
        assert result.exit_code == 0, result.output


def test_the_example_brand_validates() -> None:
    result = CliRunner().invoke(cli, ["validate", str(EXAMPLES / "brand-example.yaml")])
    assert result.exit_code == 0, result.output
    assert "brand Harbour & Finch Consulting: logo, accent, footer" in result.output
    assert resources.data_dir("questionnaires") is not None


JAPANESE = "注文の確認"


def cjk_font(path: Path, characters: str) -> None:
    """A small TrueType font whose glyphs (plain boxes) cover `characters` and ASCII."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    codes = sorted({ord(c) for c in characters} | set(range(0x20, 0x7F)))
    names = [".notdef"] + [f"uni{code:04X}" for code in codes]

    def box() -> object:
        pen = TTGlyphPen(None)
        for x0, y0, x1, y1 in ((50, 0, 450, 700),):
            pen.moveTo((x0, y0))
            pen.lineTo((x0, y1))
            pen.lineTo((x1, y1))
            pen.lineTo((x1, y0))
            pen.closePath()
        return pen.glyph()

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({code: f"uni{code:04X}" for code in codes})
    fb.setupGlyf({name: box() for name in names})
    fb.setupHorizontalMetrics({name: (500, 50) for name in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "AssessTestCJK", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.save(str(path))


def test_text_no_font_can_show_is_named_once_with_how_to_fix_it(folder: Path) -> None:
    w = folder / "jp.yaml"
    w.write_text(
        f"title: Journey\ntouchpoints:\n  - name: {JAPANESE}\n"
        "    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["report", str(w)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    for character in JAPANESE:
        assert character in warnings[0]
    assert f"\u201c{JAPANESE}\u201d" in warnings[0] and "font:" in warnings[0]
    # With a brand font that covers the characters: no warning, and the font is in the PDF.
    cjk_font(folder / "cjk.ttf", JAPANESE)
    b = brand(folder, GOOD + "font: cjk.ttf\n")
    result = CliRunner().invoke(
        cli, ["report", str(w), "--brand", str(b), "-o", str(folder / "b.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(folder / "b.pdf").pages[:3]
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(name.endswith("+Brand") for name in fonts), fonts  # the @font-face family


REFERENCE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\"'<>&()#;"),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and t == t.strip() and not any(c.isspace() for c in t))


@given(
    reference=st.one_of(
        REFERENCE, st.sampled_from(["http://127.0.0.1/x", "file:///etc/passwd", "//host/a"])
    ),
    place=st.sampled_from(
        [
            '<image href="{}"/>',
            '<use xlink:href="{}"/>',
            '<rect style="fill: url({})"/>',
            "<rect fill=\"url('{}')\"/>",
            "<style>rect {{ fill: url({}) }}</style>",
            "<style>@import '{}';</style>",
        ]
    ),
)
def test_any_reference_outside_the_svg_is_found(reference: str, place: str) -> None:
    from assess.files.logo import external_reference

    assert external_reference(svg(place.format(reference))) == reference


@given(fragment=st.from_regex(r"#[a-z][a-z0-9-]{0,10}", fullmatch=True))
def test_references_inside_the_svg_are_fine(fragment: str) -> None:
    from assess.files.logo import external_reference

    body = f'<use href="{fragment}"/><rect fill="url({fragment})"/><style>a {{ fill: url({fragment}) }}</style>'
    assert external_reference(svg(body)) is None


def test_the_logo_in_the_running_header_is_large_enough_to_read() -> None:
    """Measured from WeasyPrint's layout of the stamp sheet: at least 6 mm high (4 mm was a
    smudge), and never taller than the space above the page's text."""
    from assess.files.brand import read_brand
    from assess.pdf.render import ASSET_SCHEME, BundledOnlyFetcher, ReportHTML
    from assess.report.html import stamp_sheet

    brand_file = read_brand(EXAMPLES / "brand-example.yaml")
    _, html = stamp_sheet("Journey", brand_file)
    fetcher = BundledOnlyFetcher(brand_file.assets())
    page = ReportHTML(string=html, base_url=ASSET_SCHEME, url_fetcher=fetcher).render().pages[0]

    def boxes(box: object) -> Iterator[Any]:
        box = getattr(box, "_box", box)  # an absolutely placed box sits behind a placeholder
        yield box
        for child in getattr(box, "children", ()):
            yield from boxes(child)

    (logo,) = [b for b in boxes(page._page_box) if getattr(b, "element_tag", None) == "img"]
    mm = 96 / 25.4  # CSS pixels
    assert 6 * mm - 0.5 <= logo.height <= 8 * mm
    assert logo.position_y + logo.margin_height() < 22 * mm  # above the top margin's edge
