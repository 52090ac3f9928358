"""`assess portfolio --compare`: each journey's change since the last portfolio (journeys
matched by title, else file name; added and dropped named), and the new options' inputs: every
text a user types gives the portfolio or one clear usage error, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pdftext import page_texts
from pypdf import PdfReader
from test_board import CLAIMS, ORDERS, RETURNS, _write

from assess.cli import cli


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The last portfolio (orders, returns, claims) and this one: orders with a touchpoint
    whose verdict moved and a volume that grew, returns renamed in the same file, claims
    dropped and a new journey added; a questionnaire in the old folder is not a journey."""
    old = tmp_path / "last"
    _write(old, {"orders.yaml": ORDERS, "returns.yaml": RETURNS, "claims.yaml": CLAIMS})
    (old / "questionnaire.yaml").write_text("name: ours\ndimensions: []\n", encoding="utf-8")
    moved = ORDERS.replace("volume: 45000", "volume: 50000").replace(
        "scores: {complexity: 5, scale: 3, emotional_stakes: 5, tech_barrier: 5}",
        "scores: {complexity: 3, scale: 3, emotional_stakes: 2, tech_barrier: 2}",
    )
    now = _write(
        tmp_path / "now",
        {
            "orders.yaml": moved,
            "returns.yaml": RETURNS.replace("Returns and refunds", "Returns"),
            "billing.yaml": ORDERS.replace("Orders journey", "Billing journey"),
        },
    )
    return old, now


def _score(runner: CliRunner, path: Path) -> dict[str, Any]:
    result = runner.invoke(cli, ["score", str(path), "--format", "json"])
    return json.loads(result.stdout)["summary"]  # type: ignore[no-any-return]


def test_compare_shows_each_journey_s_change_since_the_last_portfolio(
    runner: CliRunner, folders: tuple[Path, list[Path]]
) -> None:
    old, now = folders
    args = ["portfolio", *map(str, now), "--compare", str(old), "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Note: --compare leaves out what is not a workshop: questionnaire.yaml." in (
        result.stderr
    )
    c = json.loads(result.stdout)["compare"]
    assert c["files"] == [str(old / n) for n in ("claims.yaml", "orders.yaml", "returns.yaml")]
    by_title = {j["title"]: j for j in c["journeys"]}
    orders, returns = by_title["Orders journey"], by_title["Returns"]
    assert (orders["matched_by"], returns["matched_by"]) == ("title", "file")
    assert returns["old_title"] == "Returns and refunds"
    assert [(m["name"], m["from"], m["to"]) for m in orders["changes"]["moved"]] == [
        ("Bereavement call", "keep-human", "assist")
    ]
    # The value then and now is each file's own `score` summary, expected.
    then = _score(runner, old / "orders.yaml")["value"]["cost_per_year"]["expected"]
    later = _score(runner, now[0])["value"]["cost_per_year"]["expected"]
    assert (orders["changes"]["value"]["from"], orders["changes"]["value"]["to"]) == (
        then,
        later,
    )
    assert orders["verdicts"]["from"]["keep-human"] == 1
    assert orders["verdicts"]["to"]["keep-human"] == 0
    assert returns["changes"]["moved"] == [] and returns["changes"]["unchanged"] == 2
    assert c["added"] == [{"title": "Billing journey", "file": str(now[2])}]
    assert c["dropped"] == [{"title": "Claims journey", "file": str(old / "claims.yaml")}]
    assert c["verdicts"]["from"]["keep-human"] == 4 and c["verdicts"]["to"]["keep-human"] == 2


def test_the_since_page_reads_as_a_board_reads_it(
    runner: CliRunner, folders: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    old, now = folders
    out = tmp_path / "board.pdf"
    args = ["portfolio", *map(str, now), "--compare", str(old), "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(PdfReader(out)))
    assert "Since the last portfolio" in text
    assert "The last portfolio had 3 journeys. Since then 1 verdict has moved." in text
    assert "“Bereavement call”: keep human to assist" in text
    assert "was Returns and refunds" in text
    assert "Added since: Billing journey." in text
    assert "Dropped since: Claims journey." in text


def test_compare_takes_the_last_portfolio_s_files_too(
    runner: CliRunner, folders: tuple[Path, list[Path]]
) -> None:
    old, now = folders
    args = ["portfolio", str(now[0]), "--compare", str(old / "orders.yaml"), "--format", "csv"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert columns["compare_file"] == str(old / "orders.yaml")
    assert (columns["compare_matched_by"], columns["compare_moved"]) == ("title", "1")


def test_compare_refuses_what_it_cannot_compare(
    runner: CliRunner, folders: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    old, now = folders
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["portfolio", str(now[0]), "--compare", str(empty)])
    assert result.exit_code == 2
    assert f"--compare {empty}: the folder holds no workshop file" in result.output
    pounds = _write(tmp_path / "gbp", {"orders.yaml": ORDERS.replace("EUR", "GBP")})
    out = tmp_path / "board.pdf"
    result = runner.invoke(
        cli, ["portfolio", str(now[0]), "--compare", str(pounds[0]), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.output == (
        "Error: the last portfolio is priced in GBP and this one in EUR; assess converts no "
        "money: compare portfolios in the same currency\n"
    )
    assert not out.exists()
    # An output that is one of the last portfolio's files is refused, and left as it was.
    before = (old / "orders.yaml").read_bytes()
    args = ["portfolio", str(now[0]), "--compare", str(old), "-o", str(old / "orders.yaml")]
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 2
    assert (old / "orders.yaml").read_bytes() == before


# --- every text a user types ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("one"), {"orders.yaml": ORDERS})[0]


def _run(path: Path, *options: str) -> Any:
    return CliRunner().invoke(cli, ["portfolio", str(path), "--format", "json", *options])


def _clean_usage_error(result: Any, option: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"Invalid value for '{option}'" in result.output
    assert "\x1b" not in result.output and "Traceback" not in result.output


@given(st.text(max_size=250))
def test_any_title_or_organisation_is_the_cover_s_or_one_clear_error(one: Path, text: str) -> None:
    for option, key in (("--title", "title"), ("--organisation", "organisation")):
        result = _run(one, option, text)
        if result.exit_code == 0:
            shown = json.loads(result.stdout)[key]
            assert shown == " ".join(text.split())
            assert 0 < len(shown) <= 200
        else:
            _clean_usage_error(result, option)


@given(st.one_of(st.text(max_size=30), st.dates().map(dt.date.isoformat)))
def test_any_date_is_the_cover_s_or_one_clear_error(one: Path, text: str) -> None:
    result = _run(one, "--date", text)
    if result.exit_code == 0:
        assert json.loads(result.stdout)["date"] == dt.date.fromisoformat(text.strip()).isoformat()
    else:
        _clean_usage_error(result, "--date")


LOCALES = ["en_GB", "de_DE", "fr_FR", "en-US", "de_CH", "ja_JP", "ar_EG", "hi_IN", "pt_BR"]


@given(st.one_of(st.text(max_size=20), st.sampled_from(LOCALES)))
def test_any_locale_is_used_or_one_clear_error(one: Path, text: str) -> None:
    result = _run(one, "--locale", text)
    if result.exit_code == 0:
        from babel import Locale

        used = json.loads(result.stdout)["locale"]
        assert used == str(Locale.parse(text.strip().replace("-", "_")))
    else:
        _clean_usage_error(result, "--locale")


@pytest.mark.parametrize("locale", ["ja_JP", "ar_EG", "hi_IN", "de_CH", "en_US"])
def test_the_board_renders_in_any_locale(one: Path, tmp_path: Path, locale: str) -> None:
    out = tmp_path / "board.pdf"
    result = CliRunner().invoke(cli, ["portfolio", str(one), "--locale", locale, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(PdfReader(out)))
    assert f", {locale}, as asked." in text
