"""Where a plan comes from besides the file (issue 28): the import's columns (owner, after as
names separated by ';', kpi_name, kpi_unit, kpi_baseline, kpi_target), each problem naming its
row and column; and `assess run`'s plan step after a verdict, driven by scripted answers through
the whole session (owner, after, KPI; a cycle refused and asked again; Enter keeps)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from scripted import ENTER, Script, session

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.workshop.planstep import PLAN

SHEET = (
    "name,owner,after,kpi_name,kpi_unit,kpi_baseline,kpi_target,complexity,scale,"
    "emotional_stakes,tech_barrier\n"
    "Where is my order,Head of Service,Order confirmation; payment ,Contained share,%,0,45%,"
    "1,5,1,1\n"
    "Order confirmation,,,,,,,1,5,1,1\n"
    'Payment,E-commerce lead,,Days to refund,days,"9,5",4,1,4,1,1\n'
)


def test_the_import_reads_owner_after_and_kpi(tmp_path: Path) -> None:
    sheet = tmp_path / "journey.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    out = tmp_path / "journey.yaml"
    result = CliRunner().invoke(cli, ["import", str(sheet), "-o", str(out)])
    assert result.exit_code == 0, result.output
    w = load_workshop(out).workshop
    first, _, payment = w.touchpoints
    assert (first.owner, first.after) == ("Head of Service", ["Order confirmation", "payment"])
    assert first.kpi is not None
    assert (first.kpi.name, first.kpi.unit, first.kpi.baseline, first.kpi.target) == (
        "Contained share",
        "%",
        0,
        45,
    )
    assert payment.kpi is not None and (payment.kpi.baseline, payment.kpi.target) == (9.5, 4)
    text = out.read_text(encoding="utf-8")
    assert "    after: [Order confirmation, payment]\n" in text
    assert "    kpi: {name: Contained share, unit: '%', baseline: 0, target: 45}\n" in text


def test_import_problems_name_the_row_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "journey.csv"
    sheet.write_text(
        SHEET.replace("Order confirmation; payment ", "Order confrmation")
        .replace('Days to refund,days,"9,5",4', "Days to refund,days,9,")
        .replace("Order confirmation,,,", "Order confirmation,,Order confirmation,"),
        encoding="utf-8",
    )
    out = tmp_path / "journey.yaml"
    result = CliRunner().invoke(cli, ["import", str(sheet), "-o", str(out)])
    assert result.exit_code == 1
    assert (
        "row 2, column 'after': 'Order confrmation' is not a touchpoint of this sheet; did you "
        "mean 'Order confirmation'?" in result.output
    )
    assert "row 3, column 'after': a touchpoint cannot come after itself" in result.output
    assert (
        "row 4, column 'kpi_target': is empty; a KPI needs kpi_name, kpi_baseline and kpi_target"
        in (result.output)
    )
    assert not out.exists()


JOURNEY = """\
title: Orders
touchpoints:
  - name: Where is my order
    scores: {complexity: 1, scale: 5, emotional_stakes: 1}
  - name: Order confirmation
    after: [Where is my order]
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Payment
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
"""


def run(path: Path, answers: list[tuple[str, object]]) -> Script:
    script = Script(
        [
            ("stand", 1),
            ("note", ENTER),
            ("change an answer", PLAN),
            *answers,
            ("change an answer", ENTER),
            ("write the pdf report now", False),
            ("what next", "quit"),
        ]
    )
    session(path, script).run()
    return script


def test_the_run_asks_owner_after_and_kpi_after_the_verdict(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    script = run(
        path,
        [
            ("owner", "Head of Service"),
            # Order confirmation is already after this one: ticking it is a cycle, refused and
            # asked again with the ticks kept.
            ("which moves must be done first", ["Order confirmation", "Payment"]),
            ("which moves must be done first", ["Payment"]),
            ("its name", "Contained share"),
            ("unit", "%"),
            ("baseline", "none"),  # not a number: asked again, saying why
            ("baseline", "0"),
            ("target", "45%"),
        ],
    )
    asked = [m for m in script.asked if m.startswith("Baseline")]
    assert len(asked) == 2 and "must be a number" in asked[1]
    plan_choice = next(o for o in script.options[2] if o.value == PLAN)
    assert plan_choice.title == "Plan: owner, after, KPI (nothing yet)"
    tp = load_workshop(path).workshop.touchpoints[0]
    assert (tp.owner, tp.after) == ("Head of Service", ["Payment"])
    assert tp.kpi is not None and (tp.kpi.name, tp.kpi.unit, tp.kpi.target) == (
        "Contained share",
        "%",
        45,
    )
    text = path.read_text(encoding="utf-8")
    assert "    owner: Head of Service\n    after: [Payment]\n" in text
    assert "    kpi: {name: Contained share, unit: '%', baseline: 0, target: 45}\n" in text


PLANNED = JOURNEY.replace(
    "  - name: Where is my order\n",
    "  - name: Where is my order\n    owner: Ana\n    kpi: {name: Share, baseline: 0, target: 45}\n",
)


def test_enter_keeps_the_plan(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(PLANNED, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    run(
        path,
        [
            ("owner", ENTER),
            ("which moves must be done first", ENTER),
            ("its name", ENTER),
            ("unit", ENTER),
            ("baseline", ENTER),
            ("target", ENTER),
        ],
    )
    # Only the answer to the open question was written; the plan is as it was.
    after = path.read_text(encoding="utf-8")
    assert after.replace(", tech_barrier: 1}", "}", 1) == before


def test_a_dash_clears_the_owner_and_the_kpi(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(PLANNED, encoding="utf-8")
    run(path, [("owner", "-"), ("which moves must be done first", ENTER), ("its name", "-")])
    tp = load_workshop(path).workshop.touchpoints[0]
    assert tp.owner is None and tp.kpi is None


def test_a_rename_or_a_removal_carries_through_after(tmp_path: Path) -> None:
    """A room renaming or removing a touchpoint in `assess run` never leaves an `after` naming
    a touchpoint that is gone, which would stop every save."""
    from assess.files import editing
    from assess.files.loader import check_workshop
    from assess.files.yamlio import load_round_trip

    text = JOURNEY.replace(
        "    after: [Where is my order]\n", "    after: [where is my order, Payment]\n"
    )
    doc = load_round_trip(text, "w.yaml")
    editing.set_field(doc, 0, "name", "Order status")
    w = check_workshop(doc, "w.yaml", tmp_path).workshop
    assert w.touchpoints[1].after == ["Order status", "Payment"]
    editing.remove_touchpoint(doc, 2)  # Payment
    w = check_workshop(doc, "w.yaml", tmp_path).workshop
    assert w.touchpoints[1].after == ["Order status"]
    editing.remove_touchpoint(doc, 0)
    w = check_workshop(doc, "w.yaml", tmp_path).workshop
    assert w.touchpoints[0].after == [] and "after" not in doc["touchpoints"][0]
