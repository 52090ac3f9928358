"""The report: HTML checked for content, real PDFs read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdftext import page_texts
from pypdf import PdfReader

from assess.files.loader import load_demo, load_workshop
from assess.method.scoring import Assessment, assess
from assess.pdf.render import BundledOnlyFetcher, render_pdf
from assess.report.html import render_html

Write = Callable[[str, str], Path]
HOSTILE = '<b>Bold</b> & <img src="file:///etc/passwd"> {{ 7*7 }} {% if 1 %}x{% endif %}'


def _assessment(path: Path) -> Assessment:
    loaded = load_workshop(path)
    return assess(loaded.questionnaire, loaded.workshop)


@pytest.fixture(scope="module")
def demo() -> Assessment:
    loaded = load_demo()
    return assess(loaded.questionnaire, loaded.workshop)


@pytest.fixture(scope="module")
def demo_pdf(demo: Assessment) -> PdfReader:
    from assess.pdf.press import Press
    from assess.pdf.publish import metadata_for, publish_pdf
    from assess.report.html import Renderer

    with Press() as press:
        renderer = Renderer(demo)
        published = publish_pdf(press, renderer, metadata_for(renderer))
    reader = PdfReader(io.BytesIO(published.pdf))
    assert len(reader.pages) == published.pages
    return reader


def test_demo_has_what_the_issue_asks_for(demo: Assessment) -> None:
    assert 12 <= len(demo.results) <= 20
    assert len(demo.workshop.stages) >= 4
    assert all(demo.summary[v] > 0 for v in ("automate", "assist", "keep-human"))
    assert any(r.borderline for r in demo.results)
    assert any(r.touchpoint.notes for r in demo.results)


def test_html_cover_and_summary(demo: Assessment) -> None:
    html = render_html(demo, today=dt.date(2026, 11, 22))
    w = demo.workshop
    for text in (
        w.title,
        "The Drugstore (example)",
        "Maya Okafor",
        "Superintendent pharmacist",
        "default, version 1.3",
        "22 November 2026",  # the cover's date, as the report's locale writes it
        "Executive summary",
    ):
        assert text in html, text
    s = demo.summary
    assert (
        f"Of 17 touchpoints, {s['automate']} can be automated, {s['assist']} should be assisted "
        f"by technology and {s['keep-human']} should stay human; 1 is not yet assessed."
    ) in html


def test_html_verdicts_are_never_colour_only(demo: Assessment) -> None:
    html = render_html(demo)
    # Every badge carries a shape and a word as well as its colour.
    for mark, label in (("●", "Automate"), ("◆", "Assist"), ("▲", "Keep human")):
        assert f'<span class="mark">{mark}</span>&nbsp;{label}' in html  # kept together
    # The chart draws each verdict with its own shape: circles, diamonds and triangles.
    svg = html[html.index('<svg class="chart"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count("<circle") == demo.summary["automate"]
    assert svg.count("<polygon") == demo.summary["assist"] + demo.summary["keep-human"]


def test_html_has_a_section_per_touchpoint(demo: Assessment) -> None:
    html = render_html(demo)
    assert html.count('<article class="touchpoint') == len(demo.results)
    for r in demo.results:
        assert f">{r.touchpoint.name}</h3>".replace("'", "&#39;") in html


def test_user_text_is_shown_literally_not_as_markup(write: Write) -> None:
    path = write(
        "w.yaml",
        f"""
        title: 'Journey {HOSTILE}'
        touchpoints:
          - name: 'Chat {HOSTILE}'
            notes: '</style><script>alert(1)</script>'
            scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
        """,
    )
    html = render_html(_assessment(path))
    assert "<b>Bold</b>" not in html and "<script>" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert (
        "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;img src=&#34;file:///etc/passwd&#34;&gt; {{ 7*7 }}"
        in html
    )


def test_pdf_shows_markup_literally_and_fetches_nothing(write: Write) -> None:
    path = write(
        "w.yaml",
        f"""
        title: Hostile
        touchpoints:
          - name: 'Chat {HOSTILE}'
            scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
        """,
    )
    fetcher = BundledOnlyFetcher()
    pdf, _ = render_pdf(render_html(_assessment(path)), fetcher)
    text = " ".join(page_texts(PdfReader(io.BytesIO(pdf))))
    assert '<b>Bold</b> & <img src="file:///etc/passwd"> {{ 7*7 }}' in text
    assert fetcher.refused == []  # escaped text is not a URL: nothing was even attempted


def test_fetcher_serves_bundled_assets_and_refuses_everything_else(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the report")
    html = (
        f'<html><body><p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
        '<img src="https://example.invalid/y.png"><img src="assess-asset:../../etc/passwd">'
        '<link rel="stylesheet" href="assess-asset:report.css"></body></html>'
    )
    fetcher = BundledOnlyFetcher()
    pdf, pages = render_pdf(html, fetcher)
    assert pdf.startswith(b"%PDF-") and pages >= 1
    assert sorted(fetcher.refused) == sorted(
        [
            f"file://{secret}",
            "http://127.0.0.1:9/x.png",
            "https://example.invalid/y.png",
            "assess-asset:../../etc/passwd",
        ]
    )


def test_pdf_contains_every_touchpoint_and_the_method(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    pages = page_texts(demo_pdf)
    text = " ".join(pages)
    for r in demo.results:
        assert r.touchpoint.name in text, r.touchpoint.name
    assert "Appendix: how the verdicts are reached" in text
    assert "Giebelhausen" in text
    for rule in demo.questionnaire.rules:
        assert rule.title in text


def test_pdf_has_cover_running_header_and_page_numbers(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    pages = page_texts(demo_pdf)
    total = len(pages)
    assert "Page 1 of" not in pages[0]  # the cover is clean
    assert demo.workshop.title in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert f"Page {number} of {total}" in text
        assert demo.workshop.title in text  # running header


def test_pdf_touchpoint_pages_hold_scores_anchors_and_verdict(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    pages = page_texts(demo_pdf)
    result = next(r for r in demo.results if r.touchpoint.name == "Symptom checker")
    page = next(
        p
        for p in pages
        if "Symptom checker" in p
        and "Design guidance".upper() in p.upper()
        and "Why".upper() in p.upper()
    )
    # Method 1.2: need alone keeps it human, but at hundreds a day a person leads with
    # technology carrying the volume.
    assert result.recommendation == "assist"
    assert "◆ Assist · Person-led at scale" in page
    assert f"Automation fit {result.fit}/100" in page
    assert "Expert judgement." in page  # the anchor wording of complexity 4
    assert "Rests on payback. What the customer needs alone would give keep-human" in page
    # The page shows the touchpoint's own guidance, not a verdict's boilerplate.
    assert result.guidance and all(" ".join(g.split()[:6]) in page for g in result.guidance)
    assert (
        f"{result.margin.describe().capitalize()}; {result.stability[0]} of {result.stability[1]} one-point"
        in page
    )
    assert "Consequence of a wrong answer: Harmful or irreversible" in page
    assert "Legal duty: not answered" in page
    assert "Pharmacist insisted" in page  # notes


def test_unscored_touchpoints_are_listed_as_not_yet_assessed(demo_pdf: PdfReader) -> None:
    text = " ".join(page_texts(demo_pdf))
    assert "Not yet assessed Carer managing a relative's medicines" in text
    assert "Not yet answered." in text


def boxes_outside_the_margins(assessment: Assessment) -> list[tuple[Any, ...]]:
    """Measured from WeasyPrint's own layout, not by eye: the boxes in the flow of the pages
    after the cover that cross the left or right margin."""
    from assess.pdf.render import ASSET_SCHEME, ReportHTML
    from assess.report.html import Renderer

    document = ReportHTML(
        string=Renderer(assessment).html(), base_url=ASSET_SCHEME, url_fetcher=BundledOnlyFetcher()
    ).render()
    crossing = []
    for number, page in enumerate(document.pages[1:], 2):
        box = page._page_box
        left = box.margin_left
        right = box.margin_width() - box.margin_right
        for child in box.descendants():
            if getattr(child, "element_tag", None) in (None, "svg") or child.width is None:
                continue
            x0, x1 = child.position_x, child.position_x + child.margin_width()
            if x0 < left - 0.5 or x1 > right + 0.5:
                crossing.append((number, child.element_tag, child.element.get("class"), x1 - right))
    return crossing


def test_no_box_crosses_the_page_margins(demo: Assessment) -> None:
    assert boxes_outside_the_margins(demo) == []


def test_long_names_wrap_inside_the_margins(write: Write) -> None:
    word = "Kundenzufriedenheitsrückmeldungsbearbeitungsprozessbeschleunigung"
    path = write(
        "w.yaml",
        f"title: {word} {word}\ntouchpoints:\n"
        + "".join(
            f"  - name: {word}{n}\n    stage: {word}\n    channel: {word}\n"
            f"    scores: {{complexity: {n}, scale: 3, emotional_stakes: 2, tech_barrier: 2}}\n"
            for n in range(1, 4)
        ),
    )
    assert boxes_outside_the_margins(_assessment(path)) == []


def test_the_matrix_key_numbers_every_touchpoint_as_the_report_does(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    from assess.files.output import VERDICT_MARKS

    pages = page_texts(demo_pdf)
    # The key starts on the matrix's page and may continue up to the journey's heading.
    start = next(i for i, p in enumerate(pages) if "Where each touchpoint sits Each marker" in p)
    end = next(i for i, p in enumerate(pages) if "The journey, stage by stage Touchpoints" in p)
    matrix = " ".join(pages[start:end]) + pages[end].split("The journey, stage by stage Touch")[0]
    for number, r in enumerate(demo.results, 1):
        entry = f"{number}. {VERDICT_MARKS[r.recommendation]} {r.touchpoint.name}"
        assert entry in matrix, entry


def _links(page: Any) -> list[Any]:
    return [
        a.get_object()
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Link"
    ]


def _label(annotation: Any) -> str:
    return str(annotation["/Contents"]).removeprefix("Go to ")


def test_each_page_links_a_target_once_and_a_card_is_one_link(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    pages = page_texts(demo_pdf)
    for number, page in enumerate(demo_pdf.pages, 1):
        labels = [_label(a) for a in _links(page)]
        assert len(labels) == len(set(labels)), (number, labels)
    (journey,) = [i for i, t in enumerate(pages) if "The journey, stage by stage Touchpoints" in t]
    (details,) = [
        i
        for i, t in enumerate(pages)
        if t.startswith(f"{demo.workshop.title} Touchpoint by touchpoint")
    ][:1] or [None]
    # Every card links its touchpoint, once: a card drawn as several lines would give its
    # page the same target twice (refused above); a card on the matrix's page shares the
    # marker's link.
    linked = {_label(a) for page in demo_pdf.pages[journey:details] for a in _links(page)}
    assert len(linked) == len(demo.results)


def test_the_matrix_page_links_every_touchpoint_it_plots(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    pages = page_texts(demo_pdf)
    (matrix,) = [i for i, t in enumerate(pages) if "Where each touchpoint sits Each marker" in t]
    page = demo_pdf.pages[matrix]
    plotted = {f"{n}. {r.touchpoint.name}" for n, r in enumerate(demo.results, 1) if r.scored}
    # The markers' links: small squares on the chart (the page may also hold the end of the
    # summary, whose names link too).
    links = [a for a in _links(page) if float(a["/Rect"][2]) - float(a["/Rect"][0]) < 40]
    assert sorted(_label(a) for a in links) == sorted(plotted)
    for a in links:  # each marker's link leads to its touchpoint's page
        target = demo_pdf.get_page_number(a["/Dest"][0].get_object())
        assert _label(a).split(". ", 1)[1] in pages[target]
        x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
        assert 0 < x1 - x0 < 40 and 0 < y1 - y0 < 40


def test_the_summary_tables_and_the_unassessed_line_link_to_their_touchpoints(
    demo: Assessment, demo_pdf: PdfReader
) -> None:
    html = render_html(demo)
    # The demo's one split is settled by the room: listed as settled (issue 25).
    table = html[html.index('<table class="settled-table">') :]
    assert '<td><a href="#tp-payment-declined">Payment declined</a></td>' in table
    unassessed = html[html.index("Not yet assessed</h3>") :]
    assert '<a href="#tp-carer-managing-a-relative-s-medicines">' in unassessed[:300]
    # In the PDF, the page holding each of them links to its touchpoint (once: by the name,
    # or by the marker where the matrix shares the page).
    pages = page_texts(demo_pdf)
    for heading, label in (
        ("Settled in the room", "7. Payment declined"),
        ("Not yet assessed Carer", "17. Carer managing a relative's medicines"),
    ):
        (index,) = [i for i, t in enumerate(pages) if heading in t]
        assert label in {_label(a) for a in _links(demo_pdf.pages[index])}


def test_lines_of_one_link_become_one_and_a_second_mention_stays_text() -> None:
    from assess.pdf.book import merged
    from assess.report.pages import Link

    card = [Link("tp-a", (10, 100, 60, 110)), Link("tp-a", (10, 111, 80, 121))]
    other = Link("tp-b", (100, 100, 150, 110))
    far = Link("tp-a", (10, 400, 60, 410))
    assert merged([*card, other, far]) == [Link("tp-a", (10, 100, 80, 121)), other]


ARABIC_NOTE = "قال الصيدلي: يجب أن يتحدث شخص مع المريض!"


def test_right_to_left_text_runs_right_to_left_and_is_never_slanted(
    write: Write, tmp_path: Path
) -> None:
    import unicodedata

    import pdfplumber

    from assess.report.script import direction, italic_ok

    assert direction("(مرة) كل شهر") == "rtl" and direction("שלום") == "rtl"
    assert direction("123 Order") == "ltr" and direction("") == "ltr"
    assert italic_ok("Pharmacist insisted, ΑΒΓ, Привет") and not italic_ok("Note: " + ARABIC_NOTE)
    path = write(
        "w.yaml",
        f"""
        title: Journey
        touchpoints:
          - name: طلب الوصفة
            notes: "{ARABIC_NOTE}"
            scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
          - name: Latin
            notes: Pharmacist insisted
            scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
        """,
    )
    html = render_html(_assessment(path))
    assert f'<p dir="rtl" class="upright">{ARABIC_NOTE}</p>' in html
    assert '<h3 data-label="1. طلب الوصفة" dir="rtl">' in html
    assert "<p>Pharmacist insisted</p>" in html  # Latin notes stay italic
    pdf, _ = render_pdf(html)
    (tmp_path / "r.pdf").write_bytes(pdf)
    with pdfplumber.open(tmp_path / "r.pdf") as document:
        chars = [c for page in document.pages for c in page.chars]
    arabic = {c["fontname"] for c in chars if unicodedata.bidirectional(c["text"][0]) == "AL"}
    latin = {c["fontname"] for c in chars if c["text"] in "Pharmacist insisted"}
    assert arabic and not any("Oblique" in f for f in arabic), arabic
    assert any("Oblique" in f for f in latin), latin  # the Latin note is still italic


def _lines(reader: PdfReader, page: int) -> list[str]:
    """A page's lines as poppler lays them out (not joined)."""
    import subprocess

    reader.stream.seek(0)
    shown = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page + 1), "-l", str(page + 1), "-", "-"],
        input=reader.stream.read(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return shown.splitlines()


def test_typesetting_of_the_demo(demo: Assessment, demo_pdf: PdfReader) -> None:
    import pdfplumber

    pages = page_texts(demo_pdf)
    # No word of a heading or a card name is hyphenated: all read whole.
    summary = next(i for i, t in enumerate(pages) if "Best fits for automation" in t)
    assert "Best fits for automation" in pages[summary]
    journey = next(i for i, t in enumerate(pages) if "The journey, stage by stage Touch" in t)
    cards = " ".join(pages[journey : journey + 2])  # the journey may follow the matrix's page
    for r in demo.results:
        assert r.touchpoint.name in cards, r.touchpoint.name
    # "2 to 4" stays on one line (here, with its question).
    table = next(i for i, t in enumerate(pages) if "Settled in the room" in t)
    assert any("Emotional stakes: 2 to 4" in line for line in _lines(demo_pdf, table))
    # Each person's votes are said once on a touchpoint's page.
    page = next(t for t in pages if "A card is declined at checkout" in t)
    assert page.count("UX researcher 4") == 1
    # The payback sentence names what rests on payback.
    assert (
        "1 verdict rests on payback rather than customer need (\u201cLoyalty programme "
        "enquiry\u201d)" in pages[summary]
    )
    # The cover's tallies are one height, "Not yet assessed" included.
    demo_pdf.stream.seek(0)
    with pdfplumber.open(demo_pdf.stream) as document:
        cards = [
            r
            for r in document.pages[0].rects
            if r["non_stroking_color"] == (1.0, 1.0, 1.0) and r["width"] < 150
        ]
    assert len(cards) == 4 and len({round(r["height"], 1) for r in cards}) == 1
    # No page after the cover is left nearly empty by a section that starts a new page.
    for number, text in enumerate(pages[1:], 2):
        assert len(text) > 500, (number, text[:120])
