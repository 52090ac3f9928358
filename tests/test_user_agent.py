"""The report's PDF is styled beneath everything else by its own user agent stylesheet
(report_templates/user_agent.css), a cut of WeasyPrint's that is much cheaper to match. It must
change nothing: every document the report renders (front matter, touchpoint pages, appendix,
block sheet, stamp sheet, portfolio, the tagged whole) draws exactly the same pages, with the
same anchors, links and outline, as with WeasyPrint's own, in every language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

import pytest
import weasyprint
from drawing import drawn

from assess.cli.app import assess_loaded, in_language, language_of
from assess.files.loader import load_demo
from assess.i18n import speaking
from assess.pdf import render
from assess.pdf.publish import whole_portfolio
from assess.pdf.whole import Whole
from assess.report import blocks
from assess.report.html import Renderer, plan_parts, stamp_sheet
from assess.report.pages import STYLESHEET, RenderedPart
from assess.report.portfolio import portfolio_html
from assess.team.portfolio import Cover, build


def _both_ways(
    monkeypatch: pytest.MonkeyPatch,
    html: str,
    stylesheet: str | None = STYLESHEET,
    assets: Mapping[str, tuple[bytes, str]] | None = None,
    whole: Whole | None = None,
) -> tuple[RenderedPart, RenderedPart]:
    """The document rendered as the report renders it, then with WeasyPrint's own stylesheet."""
    ours = render.render_part(
        html, render.BundledOnlyFetcher(assets), whole=whole, stylesheet=stylesheet
    )
    with monkeypatch.context() as patched:
        patched.setattr(render, "ReportHTML", weasyprint.HTML)
        theirs = render.render_part(
            html, render.BundledOnlyFetcher(assets), whole=whole, stylesheet=stylesheet
        )
    return ours, theirs


def _same(ours: RenderedPart, theirs: RenderedPart) -> None:
    assert len(ours.pages) == len(theirs.pages)
    assert ours.pages == theirs.pages  # the same anchors, links and outline, in the same places
    assert drawn(ours) == drawn(theirs)


@pytest.mark.parametrize("code", ["en", "de", "fr"])
def test_every_document_of_the_report_draws_the_same_pages(
    monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    loaded = in_language(load_demo(code), code)
    with speaking(language_of(code, loaded)):
        assessment = assess_loaded(loaded)
        renderer = Renderer(assessment)
        shared = blocks.used(assessment)
        sheet = renderer.block_sheet(shared, inline_css=False)
        laid, theirs = _both_ways(monkeypatch, sheet)
        _same(laid, theirs)
        placeholders = blocks.placeholders(shared, laid.pages)
        front, *middle, appendix = plan_parts(assessment, workers=2)
        for part in (front, *middle, appendix):
            html = renderer.html(part, placeholders, inline_css=False)
            _same(*_both_ways(monkeypatch, html, assets=blocks.assets(placeholders)))
        _, stamps = stamp_sheet(assessment.workshop.title, None)
        _same(*_both_ways(monkeypatch, stamps, stylesheet=None))


def test_the_portfolio_and_the_tagged_report_draw_the_same_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo = load_demo()
    second = replace(
        demo,
        path=demo.path.with_name("second.yaml"),
        workshop=demo.workshop.model_copy(update={"title": "A second journey"}),
    )
    board = build([demo, second], Cover("Two journeys", None, dt.date(2026, 12, 6)))
    whole = whole_portfolio(board, None)
    _same(*_both_ways(monkeypatch, portfolio_html(board), stylesheet=None, whole=whole))
    assessment = assess_loaded(demo)
    tagged = Whole(title="Demo", created="2026-12-06T00:00:00+00:00", lang="en")
    html = Renderer(assessment).html(accessible=True)
    _same(*_both_ways(monkeypatch, html, stylesheet=None, whole=tagged))


def test_the_stylesheet_is_the_reports_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part is rendered with the report's user agent stylesheet, asked for the way WeasyPrint
    still asks for it: were the method renamed, the report would quietly fall back to
    WeasyPrint's (slower) one, and the comparisons above would compare it with itself."""
    asked: list[bool] = []  # whether form fields' styles were asked for too
    original = render.ReportHTML._ua_stylesheets

    def recorded(self: render.ReportHTML, forms: bool | None = False) -> list[weasyprint.CSS]:
        asked.append(bool(forms))
        return original(self, forms)

    monkeypatch.setattr(render.ReportHTML, "_ua_stylesheets", recorded)
    part = render.render_part("<p>x</p>", stylesheet=STYLESHEET)
    assert asked == [False]
    assert len(part.pages) == 1
    page = render.ReportHTML(string="<p>x</p>")
    assert original(page) == [render.bundled_stylesheet(render.USER_AGENT)]
