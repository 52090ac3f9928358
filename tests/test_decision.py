"""The report's decision pack: page 2 is the recommendation a leader reads first, read back from
the PDF as a viewer shows it; each touchpoint page has its business-case line; the appendix the
formula; and without economics the report reads as before, plus one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.method.scoring import assess
from assess.report.decision import NO_NUMBERS
from assess.report.html import render_html

JOURNEY = """
title: Orders journey
economics: {currency: EUR, locale: de_DE, cost_per_hour: 40}
touchpoints:
  - name: Where is my order
    volume: 45000
    handle_minutes: 6
    # A person one step away answered: the automate verdict needs it (issue 25).
    inputs: {human_fallback: reachable, effort: small}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Medicine advice
    volume: 3000
    handle_minutes: 10
    inputs: {effort: large}
    scores: {complexity: 4, scale: 4, emotional_stakes: 3, tech_barrier: 3}
  - name: Change delivery slot
    volume: 20000
    handle_minutes: 4
    scores: {complexity: 2, scale: 4, emotional_stakes: 2, tech_barrier: 3}
  - name: Bereavement call
    volume: 300
    handle_minutes: 20
    scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}
  - name: Billing question
    scores: {complexity: 3, scale: 3, emotional_stakes: 3, tech_barrier: 3}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("decision")
    path = folder / "orders.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 0, result.output
    return page_texts(PdfReader(path.with_suffix(".pdf")))


def test_page_two_is_the_recommendation(pages: list[str]) -> None:
    page = pages[1]
    assert "The recommendation" in page
    # The decision, with the biggest move first and when to make it.
    assert "Automate 1, assist 3 and keep 1 of 5 touchpoints human." in page
    assert "The biggest move is to automate “Where is my order”, now (wave 1)." in page
    # The money at stake as a range, written for de_DE: 1,080,000 (27,000 hours of "where is
    # my order") + 76,800 (1,920 hours of the slot change: assist at fit 69, borderline)
    # + 28,800 (720 hours of advice) expected.
    assert "Money at stake: 1.185.600 € a year (692.000 € to 1.732.000 €)" in page
    # Top moves by value with their wave.
    assert "Where is my order ● Automate 1.080.000 € quick win 1" in page
    assert "Change delivery slot ◆ Assist 76.800 € big bet, decide first 2" in page
    # Method 1.2: at hundreds a day the volume rule holds it at assist either way, so no
    # one-point change moves it and it is not borderline.
    assert "Medicine advice ◆ Assist 28.800 € not now 3" in page
    # What stays human and why; what to decide first; what is still to size.
    assert "What stays human, and why" in page
    assert "Bereavement call (300 a month): complexity 5 (novel)" in page
    assert "What to decide first" in page
    assert "Change delivery slot: Fit 69, 1 below automate" in page
    assert "Next steps" in page
    assert "Wave 1, now: start “Where is my order”." in page
    assert "Protect the 1 moment that stays human: give the people who handle it time" in page
    assert "Size 1 more touchpoint: add volume and handle time to “Billing question”." in (
        " ".join(pages[1:3])
    )


def test_every_touchpoint_page_has_its_business_case(pages: list[str]) -> None:
    text = " ".join(pages)
    assert (
        "Business case. Worth 1.080.000 € a year (648.000 € to 1.512.000 €): 27.000 hours, "
        "16,9 FTE; quick win, wave 1." in text
    )
    assert "Business case. Protect: 300 contacts a month stay with people." in text
    assert "Business case. Size this: add volume and handle time." in text


def test_the_appendix_gives_the_formula_and_the_assumptions(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "The business case: formula and assumptions" in text
    assert "contacts a month × 12 × minutes per contact ÷ 60 × share of time taken away" in text
    assert "This workshop: EUR, 40 an hour, 1600 hours a full-time person works a year" in text
    assert "Brynjolfsson, Li and Raymond (2023) measured 14% more resolutions per hour" in text
    assert "Value against effort: quick wins to big bets" in text


def test_without_economics_the_report_reads_as_before_plus_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(
        JOURNEY.replace("economics: {currency: EUR, locale: de_DE, cost_per_hour: 40}\n", "")
    )
    loaded = load_workshop(path)
    html = render_html(assess(loaded.questionnaire, loaded.workshop))
    assert 'id="decision"' not in html
    assert "Business case." not in html
    assert "The business case: formula and assumptions" not in html
    assert html.count(NO_NUMBERS.split(":")[0]) == 1
    assert html.index("Executive summary") < html.index(NO_NUMBERS.split(":")[0])


def test_workshop_text_in_the_recommendation_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(JOURNEY.replace("Where is my order", "<b>Where</b> & why"))
    loaded = load_workshop(path)
    html = render_html(assess(loaded.questionnaire, loaded.workshop))
    section = html[html.index('id="decision"') : html.index('id="summary"')]
    assert "&lt;b&gt;Where&lt;/b&gt; &amp; why" in section
    assert "<b>Where</b>" not in html
