"""A PDF's parts leave the stylesheet out and the worker applies it, parsed once: each part must
be drawn exactly as the same part carrying the stylesheet, a brand's accent and font included
(the brand's styles are the document's own and still win over the shared stylesheet)."""

from __future__ import annotations

from pathlib import Path

import pytest
from drawing import drawn

from assess.files.brand import read_brand
from assess.files.loader import load_demo
from assess.method.scoring import Assessment, assess
from assess.pdf.render import BundledOnlyFetcher, bundled_stylesheet, render_part
from assess.report.html import Part, Renderer, plan_parts
from assess.report.pages import STYLESHEET, RenderedPart

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def demo() -> Assessment:
    loaded = load_demo()
    return assess(loaded.questionnaire, loaded.workshop)


def _both(
    renderer: Renderer, part: Part, assets: dict[str, tuple[bytes, str]]
) -> tuple[RenderedPart, RenderedPart]:
    carried = render_part(renderer.html(part), BundledOnlyFetcher(assets))
    html = renderer.html(part, inline_css=False)
    named = render_part(html, BundledOnlyFetcher(assets), stylesheet=STYLESHEET)
    return carried, named


def test_a_part_leaves_the_stylesheet_out(demo: Assessment) -> None:
    renderer = Renderer(demo)
    front = plan_parts(demo)[0]
    assert renderer.css.strip()[:40] in renderer.html(front)
    assert renderer.css.strip()[:40] not in renderer.html(front, inline_css=False)


@pytest.mark.parametrize("which", [0, 1, -1], ids=["front", "touchpoints", "appendix"])
def test_each_part_is_drawn_as_if_it_carried_the_stylesheet(demo: Assessment, which: int) -> None:
    renderer = Renderer(demo)
    part = plan_parts(demo)[which]
    carried, named = _both(renderer, part, {})
    assert named.pages == carried.pages  # the same anchors, links and outline, in the same places
    assert drawn(named) == drawn(carried)


def test_a_brands_accent_and_font_still_win(demo: Assessment, tmp_path: Path) -> None:
    font = next(Path("/usr/share/fonts").rglob("DejaVuSerif.ttf"), None)
    if font is None:
        pytest.skip("DejaVu Serif is not installed")
    (tmp_path / "brand.ttf").write_bytes(font.read_bytes())
    path = tmp_path / "brand.yaml"
    path.write_text('name: Acme\naccent: "#1b6e5a"\nfont: brand.ttf\n', encoding="utf-8")
    brand = read_brand(path)
    renderer = Renderer(demo, brand=brand)
    carried, named = _both(renderer, plan_parts(demo)[0], dict(brand.assets()))
    assert drawn(named) == drawn(carried)
    plain = render_part(
        Renderer(demo).html(plan_parts(demo)[0], inline_css=False), stylesheet=STYLESHEET
    )
    assert drawn(plain) != drawn(named)  # the brand did change the page


def test_the_stylesheet_is_parsed_once_per_process() -> None:
    assert bundled_stylesheet(STYLESHEET) is bundled_stylesheet(STYLESHEET)
