"""Blocks laid out once and drawn on every touchpoint page that shares them: the pages must look
and read exactly as if each had been laid out on its own."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from pdftext import page_texts
from pypdf import PdfReader

from assess.files.loader import load_demo
from assess.method.scoring import Assessment, assess
from assess.pdf.book import Binder
from assess.pdf.info import Metadata
from assess.pdf.render import BundledOnlyFetcher, render_part
from assess.report import blocks
from assess.report.html import Part, Renderer, stamp_sheet
from assess.report.pages import RenderedPart


@pytest.fixture(scope="module")
def demo() -> Assessment:
    loaded = load_demo()
    return assess(loaded.questionnaire, loaded.workshop)


def _joined(part: RenderedPart, block_sheet: RenderedPart | None) -> bytes:
    _pieces, html = stamp_sheet("T", None)
    stamps = render_part(html)
    metadata = Metadata("T", "A", "S", "K", "assess", dt.datetime(2026, 1, 1))
    empty = [[] for _ in part.pages]
    binder = Binder()
    binder.add(part.pdf)
    return binder.join(part.pages, stamps.pdf, empty, metadata, blocks=block_sheet)


@pytest.fixture(scope="module")
def both(demo: Assessment) -> tuple[bytes, bytes]:
    """The same touchpoint pages, laid out in full and with shared blocks."""
    renderer = Renderer(demo)
    part = Part(touchpoints=demo.results)
    plain = render_part(renderer.html(part))
    shared = blocks.used(demo)
    sheet = render_part(renderer.block_sheet(shared))
    places = blocks.placeholders(shared, sheet.pages)
    fetcher = BundledOnlyFetcher(blocks.assets(places))
    placed = render_part(renderer.html(part, places), fetcher)
    return _joined(plain, None), _joined(placed, sheet)


def test_the_demo_shares_rows_and_guidance(demo: Assessment) -> None:
    shared = blocks.used(demo)
    kinds = {b.key[0] for b in shared}
    assert kinds == {"score", "guidance"}
    # a row per answer given, not per touchpoint
    assert len([b for b in shared if b.key[0] == "score"]) < 4 * len(demo.results)


def test_pages_read_the_same_with_shared_blocks(both: tuple[bytes, bytes]) -> None:
    plain, placed = (page_texts(PdfReader(io.BytesIO(pdf))) for pdf in both)
    assert len(plain) == len(placed) == 17
    assert plain == placed


def _pixels(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", str(folder / f"{name}.pdf"), str(folder / name)],
        check=True,
    )
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.pgm"))]


def test_pages_look_the_same_with_shared_blocks(both: tuple[bytes, bytes], tmp_path: Path) -> None:
    plain, placed = (
        _pixels(pdf, tmp_path, name) for pdf, name in zip(both, ("a", "b"), strict=False)
    )
    assert len(plain) == len(placed) == 17
    for a, b in zip(plain, placed, strict=True):
        assert len(a) == len(b)
        differ = sum(x != y for x, y in zip(a, b, strict=True))
        assert differ / len(a) < 0.002, differ  # a few anti-aliased edges at most


def test_shared_blocks_are_drawn_once_each(both: tuple[bytes, bytes], demo: Assessment) -> None:
    _, placed = both
    reader = PdfReader(io.BytesIO(placed))
    forms = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/XObject"].values():
            obj = ref.get_object()
            assert obj["/Subtype"] == "/Form"  # no placeholder image is left
            forms.add(ref.idnum)
    assert len(forms) < 17 * 5  # fewer forms than rows and guidance boxes drawn


def test_a_placeholder_left_unswapped_is_an_error(demo: Assessment) -> None:
    from assess.errors import RenderError

    renderer = Renderer(demo)
    shared = blocks.used(demo)
    sheet = render_part(renderer.block_sheet(shared))
    places = blocks.placeholders(shared, sheet.pages)
    fetcher = BundledOnlyFetcher(blocks.assets(places))
    # Only the first touchpoint's page: most blocks of the sheet are on no page.
    placed = render_part(renderer.html(Part(touchpoints=demo.results[:1]), places), fetcher)
    with pytest.raises(RenderError, match="placeholders of shared blocks"):
        _joined(placed, sheet)


def test_only_placeholder_pictures_are_taken_for_blocks() -> None:
    assert blocks.block_index(3, 1, blocks.MARKER * 3) == 2
    assert blocks.block_index(3, 2, blocks.MARKER * 6) is None  # two rows: a real picture
    assert blocks.block_index(3, 1, b"\x00\x00\x00" * 3) is None  # another colour
    png = blocks.image(4)
    assert png.startswith(b"\x89PNG") and b"IHDR" in png
