"""The portfolio a board reads (issue 28): a company cover, each journey priced with its own
rates and written in one locale (both said), every moment that stays human counted, the plan's
put-off moves kept out of the top moves, and what changed since the last portfolio. Read back
from the JSON, the CSV and the PDF's text as a viewer shows it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli

ORDERS = """title: Orders journey
organisation: Acme Insurance
economics: {currency: EUR, locale: de_DE, cost_per_hour: 40, build_day_rate: 800}
touchpoints:
  - name: Where is my order
    volume: 45000
    handle_minutes: 6
    inputs: {effort: small}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Bereavement call
    volume: 300
    handle_minutes: 20
    scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}
"""
RETURNS = """title: Returns and refunds
organisation: Acme Insurance
economics: {currency: EUR, locale: en_IE, cost_per_hour: 55.5, hours_per_fte: 1720}
touchpoints:
  - name: Return label
    volume: 20000
    handle_minutes: 4
    inputs: {effort: small}
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Damaged gift
    volume: 400
    handle_minutes: 15
    scores: {complexity: 4, scale: 3, emotional_stakes: 5, tech_barrier: 5}
"""
#: No economics: its hours count, its money does not; its human contacts count all the same.
CLAIMS = """title: Claims journey
touchpoints:
  - name: Claim status letter
    volume: 100
    handle_minutes: 3
    inputs: {effort: large}
    scores: {complexity: 1, scale: 3, emotional_stakes: 1, tech_barrier: 1}
  - name: Serious injury claim
    volume: 800
    handle_minutes: 30
    scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}
  - name: Funeral cover
    scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}
"""


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def board(tmp_path: Path) -> list[Path]:
    return _write(
        tmp_path / "now",
        {"orders.yaml": ORDERS, "returns.yaml": RETURNS, "claims.yaml": CLAIMS},
    )


def _json(runner: CliRunner, files: list[Path], *options: str) -> dict[str, Any]:
    result = runner.invoke(cli, ["portfolio", *map(str, files), "--format", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _squashed(text: str) -> str:
    """Text without spaces or hyphens: a table cell's text read back wraps where its column
    ends (pdftotext also drops a hyphen it finds at a line's end: "full-/time" reads
    "fulltime")."""
    return "".join(text.split()).replace("-", "").replace("\u2011", "")


def _pdf_text(runner: CliRunner, files: list[Path], out: Path, *options: str) -> list[str]:
    result = runner.invoke(cli, ["portfolio", *map(str, files), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return page_texts(PdfReader(out))


# --- each journey priced with its own rates, written in one locale --------------------------------


def test_each_journey_is_priced_with_its_own_rates(
    runner: CliRunner, board: list[Path], questionnaire_data: dict[str, Any]
) -> None:
    data = _json(runner, board)
    journeys = {j["title"]: j for j in data["journeys"]}
    assert journeys["Orders journey"]["rates"] == {
        "currency": "EUR",
        "cost_per_hour": 40.0,
        "hours_per_fte": 1600.0,
        "locale": "de_DE",
        "build_day_rate": 800.0,
        "horizon_years": 3,
    }
    returns = journeys["Returns and refunds"]
    assert returns["rates"]["cost_per_hour"] == 55.5
    assert returns["rates"]["hours_per_fte"] == 1720.0
    assert returns["rates"]["locale"] == "en_IE"
    claims = journeys["Claims journey"]["rates"]
    assert claims["currency"] is None and claims["cost_per_hour"] is None
    assert claims["hours_per_fte"] == 1600  # what its full-time roles are counted with
    # By hand, from the file's facts and the questionnaire's share for automate: "Return label"
    # takes 20,000 x 12 x 4 / 60 = 16,000 staff hours a year; priced at ITS 55.50 an hour and
    # 1,720 hours a role, never at the first journey's 40 and 1,600.
    share = questionnaire_data["business_case"]["shares"]["automate"]
    value = returns["summary"]["value"]
    for end in ("low", "expected", "high"):
        hours = 16000 * share[end]
        assert value["hours_per_year"][end] == pytest.approx(hours)
        assert value["cost_per_year"][end] == pytest.approx(hours * 55.5)
        assert value["fte"][end] == pytest.approx(hours / 1720, abs=0.01)
    # The company's money is each journey's own, summed; nothing re-priced.
    orders = journeys["Orders journey"]["summary"]["value"]["cost_per_year"]["expected"]
    total = data["summary"]["value"]["cost_per_year"]["expected"]
    assert total == pytest.approx(orders + value["cost_per_year"]["expected"])
    assert data["currency"] == "EUR"
    assert (data["locale"], data["locale_from"]) == ("de_DE", "journey")


def test_another_locale_is_asked_for_and_said(runner: CliRunner, board: list[Path]) -> None:
    data = _json(runner, board, "--locale", "en-GB")
    assert (data["locale"], data["locale_from"]) == ("en_GB", "option")
    # The journeys keep their own locale in their rates: only the writing changes.
    assert [j["rates"]["locale"] for j in data["journeys"]] == ["de_DE", "en_IE", None]


def test_the_pdf_says_each_journey_s_rates_and_the_one_locale(
    runner: CliRunner, board: list[Path], tmp_path: Path
) -> None:
    text = " ".join(_pdf_text(runner, board, tmp_path / "board.pdf"))
    cells = _squashed(text)
    # Each journey's own rates, written in the first priced journey's locale (de_DE).
    assert _squashed("40 € an hour · 1.600 hours a full-time role · de_DE") in cells
    assert _squashed("55,50 € an hour · 1.720 hours a full-time role · en_IE") in cells
    assert _squashed("not priced · 1.600 hours a full-time role") in cells
    assert "Each journey is priced with its own rates" in text
    assert "1 journey is not priced: its hours count, its money does not." in text
    assert (
        "Numbers are written in German (Germany), de_DE, as “Orders journey” writes them." in text
    )
    assert "1 journey writes its own in another locale" in text
    # Returns' own worth a year, by hand: 16,000 hours x 30-70% x 55.50 = 266,400-621,600,
    # rounded to two figures and written as de_DE writes money.
    assert _squashed("270.000–620.000 €") in cells
    english = " ".join(
        _pdf_text(runner, board, tmp_path / "en.pdf", "--locale", "en_GB", "--force")
    )
    cells = _squashed(english)
    assert _squashed("€40 an hour · 1,600 hours a full-time role · de_DE") in cells
    assert _squashed("€55.50 an hour · 1,720 hours a full-time role · en_IE") in cells
    assert "Numbers are written in English (United Kingdom), en_GB, as asked." in english
    assert _squashed("€270–620k") in cells


def test_the_same_rates_are_said_once(runner: CliRunner, tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        {"a.yaml": ORDERS, "b.yaml": ORDERS.replace("Orders journey", "Second journey")},
    )
    text = " ".join(_pdf_text(runner, files, tmp_path / "b.pdf"))
    assert (
        "Every priced journey uses the same rates: 40 € an hour of a person's time and 1.600 "
        "hours a full-time role." in text
    )
    assert "another locale" not in text


# --- every moment that stays human; the put-off moves kept out of the top moves -------------------


def test_an_unpriced_journey_s_human_contacts_count_in_the_totals(
    runner: CliRunner, board: list[Path], tmp_path: Path
) -> None:
    data = _json(runner, board)
    # By hand: Orders' bereavement call 300, Returns' damaged gift 400, Claims' serious
    # injury claim 800 (its journey has no economics) = 1,500 contacts a month; Claims'
    # funeral cover stays human too, without a volume.
    assert data["summary"]["keep_human"] == {
        "moments": 4,
        "contacts_per_month": 1500,
        "without_volume": 1,
    }
    claims = next(j for j in data["journeys"] if j["title"] == "Claims journey")
    assert claims["keep_human"] == {"moments": 2, "contacts_per_month": 800, "without_volume": 1}
    kept = {(m["journey"], m["touchpoint"]): m["volume_per_month"] for m in data["keep_human"]}
    assert kept[("Claims journey", "Serious injury claim")] == 800
    assert kept[("Claims journey", "Funeral cover")] is None
    text = " ".join(_pdf_text(runner, board, tmp_path / "board.pdf"))
    assert "4 moments stay with people across the company." in text
    assert "Where a volume is known they take 1.500 contacts a month." in text
    assert "1 of them has no volume yet." in text
    assert "Serious injury claim (800 a month):" in text
    assert "Funeral cover:" in text


def test_a_journey_with_neither_economics_nor_facts_keeps_its_human_moments(
    runner: CliRunner, tmp_path: Path
) -> None:
    bare = CLAIMS.replace("    volume: 100\n    handle_minutes: 3\n", "").replace(
        "    volume: 800\n    handle_minutes: 30\n", ""
    )
    files = _write(tmp_path, {"orders.yaml": ORDERS, "claims.yaml": bare})
    data = _json(runner, files)
    assert data["summary"]["keep_human"] == {
        "moments": 3,
        "contacts_per_month": 300,
        "without_volume": 2,
    }


def test_a_journey_without_a_business_case_keeps_its_human_contacts_in_the_totals(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A questionnaire written for method 1.1 has no business case: its journey has no value
    totals at all, and its human contacts used to drop out of the company's."""
    old = Path(__file__).parent / "data" / "questionnaire-1.1.yaml"
    (tmp_path / "q11.yaml").write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    claims = CLAIMS.replace(
        "title: Claims journey", "title: Claims journey\nquestionnaire: q11.yaml"
    ).replace("    inputs: {effort: large}\n", "")  # 1.1 asks no effort
    files = _write(tmp_path, {"orders.yaml": ORDERS, "claims.yaml": claims})
    data = _json(runner, files)
    claims_summary = data["journeys"][1]["summary"]
    assert claims_summary["value"] is None
    # 300 (orders) + 800 (claims, whose value is null) contacts a month stay with people.
    assert data["summary"]["keep_human"]["contacts_per_month"] == 1100
    assert data["summary"]["value"]["protected_per_month"] == 300  # the value's own sum


def test_moves_the_plan_puts_off_are_never_top_moves(
    runner: CliRunner, board: list[Path], tmp_path: Path
) -> None:
    data = _json(runner, board)
    # "Claim status letter": 100 x 12 x 3 / 60 = 60 hours a year, a large change: not now.
    assert all(m["priority"] != "not-now" for m in data["top_moves"])
    assert "Claim status letter" not in {m["touchpoint"] for m in data["top_moves"]}
    # It is still in the plan: the third wave, across the company.
    waves = {w["wave"]: w for w in data["waves"]}
    assert waves[3]["moves"] == 1 and waves[3]["cost_per_year"] is None
    assert waves[3]["hours_per_year"]["expected"] == pytest.approx(60 * 0.5)
    # Every move left is priced: ranked by what each is worth a year at its own rates.
    assert data["top_moves_ranked_by"] == "worth"
    assert [m["touchpoint"] for m in data["top_moves"]] == ["Where is my order", "Return label"]
    pages = _pdf_text(runner, board, tmp_path / "board.pdf")
    table = next(p for p in pages if "Top moves across the company" in p)
    top = table.split("Top moves across the company")[1].split("Ranked by")[0]
    assert "Where is my order" in top and "Claim status letter" not in top


def test_with_an_unpriced_move_among_them_top_moves_are_ranked_by_hours(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Unpriced, "Claim status letter" frees 200,000 x 12 x 3 / 60 x 50% = 60,000 hours a year:
    # more than "Where is my order" (27,000), though it has no money to show.
    big = CLAIMS.replace("volume: 100\n", "volume: 200000\n").replace(
        "effort: large", "effort: small"
    )
    files = _write(tmp_path, {"orders.yaml": ORDERS, "claims.yaml": big})
    data = _json(runner, files)
    assert data["top_moves_ranked_by"] == "hours"
    assert [(m["touchpoint"], m["cost_per_year"]) for m in data["top_moves"]][:1] == [
        ("Claim status letter", None)
    ]
    text = " ".join(_pdf_text(runner, files, tmp_path / "b.pdf"))
    assert "Ranked by the hours each move frees a year" in text


def test_owners_are_shown_where_a_touchpoint_names_one() -> None:
    """Issue 28a adds `owner` to a touchpoint; the portfolio reads it where it is there."""
    from types import SimpleNamespace

    from assess.team.portfolio_files import owner_of

    def move(**fields: Any) -> Any:
        return SimpleNamespace(result=SimpleNamespace(touchpoint=SimpleNamespace(**fields)))

    assert owner_of(move(name="A", owner="Head of Service")) == "Head of Service"
    assert owner_of(move(name="A")) is None
    assert owner_of(move(name="A", owner="")) is None


def test_the_csv_carries_rates_locale_and_human_moments(
    runner: CliRunner, board: list[Path]
) -> None:
    result = runner.invoke(cli, ["portfolio", *map(str, board), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    returns, claims = rows["Returns and refunds"], rows["Claims journey"]
    assert (returns["cost_per_hour"], returns["hours_per_fte"]) == ("55.5", "1720.0")
    assert (returns["locale"], returns["locale_used"]) == ("en_IE", "de_DE")
    assert claims["cost_per_hour"] == "" and claims["locale"] == ""
    assert claims["keep_human_moments"] == "2"
    assert claims["keep_human_contacts_per_month"] == "800"
    assert claims["keep_human_without_volume"] == "1"


# --- the cover ------------------------------------------------------------------------------------


def test_the_cover_names_the_company_the_date_and_each_journey_by_its_title(
    runner: CliRunner, board: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "board.pdf"
    options = ["--title", "Customer journeys 2027", "--date", "2027-03-01"]
    pages = _pdf_text(runner, board, out, *options)
    cover = pages[0]
    assert "Customer journeys 2027" in cover
    # Every journey that names an organisation names the same one: the cover takes it.
    assert "Acme Insurance" in cover
    assert "1 March 2027" in cover
    for n, title in enumerate(("Orders journey", "Returns and refunds", "Claims journey"), 1):
        assert f"{n}. {title}" in cover
    assert "3 customer journeys · 7 touchpoints" in cover
    # Journeys are named by their titles, never their files, on any page.
    text = " ".join(pages)
    for path in board:
        assert path.name not in text and path.stem + ".y" not in text
    info = PdfReader(out).metadata
    assert info is not None and info.title == "Customer journeys 2027"
    assert info.author == "Acme Insurance"
    data = _json(runner, board, *options, "--organisation", "Acme Group")
    assert (data["title"], data["organisation"], data["date"]) == (
        "Customer journeys 2027",
        "Acme Group",
        "2027-03-01",
    )


def test_the_cover_in_german(runner: CliRunner, board: list[Path], tmp_path: Path) -> None:
    pages = _pdf_text(
        runner,
        board,
        tmp_path / "board.pdf",
        "--lang",
        "de",
        "--date",
        "2027-03-01",
        "--organisation",
        "Acme Versicherung",
    )
    cover = pages[0]
    assert "Portfolio: 3 Journeys" in cover
    assert "Acme Versicherung" in cover
    assert "1. März 2027" in cover
    assert "Datum" in cover and "Journeys" in cover
    assert "Das Unternehmen auf einen Blick" in pages[1]


def test_a_portfolio_of_many_journeys_names_the_rest_by_count_on_its_cover(
    runner: CliRunner, tmp_path: Path
) -> None:
    files = _write(
        tmp_path,
        {f"j{n:02d}.yaml": ORDERS.replace("Orders journey", f"Journey {n:02d}") for n in range(15)},
    )
    pages = _pdf_text(runner, files, tmp_path / "board.pdf")
    assert "12. Journey 11" in pages[0] and "Journey 12" not in pages[0]
    assert "and 3 more" in pages[0]
    assert "Journey 14" in " ".join(pages[1:])


def test_a_right_to_left_title_runs_its_own_way(tmp_path: Path) -> None:
    import datetime as dt

    from assess.files.loader import load_workshop
    from assess.report.portfolio import portfolio_html
    from assess.team.portfolio import Cover, build

    files = _write(tmp_path, {"orders.yaml": ORDERS})
    cover = Cover("رحلات العملاء <2027>", None, dt.date(2027, 3, 1))
    html = portfolio_html(build([load_workshop(files[0])], cover))
    assert '<h1 class="doc-title" dir="rtl">رحلات العملاء &lt;2027&gt;</h1>' in html
    assert "<li>Orders journey</li>" in html
