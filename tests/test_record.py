"""What the room decides is what a leader or a script reads (issue 25, the record): a split the
room settled is settled everywhere and counted apart from the open ones; accepted medians are
votes, never "settled"; files written by 0.2.0 still read as their room meant; actions and
parked questions go from the file to JSON and CSV; an automate verdict that lacks "a person one
step away" is decided first. Through the real commands; the PDF is in test_record_pdf.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from assess.cli import cli
from assess.files import editing
from assess.files.loader import load_workshop
from assess.files.storage import save_workshop
from assess.files.yamlio import load_round_trip
from assess.method.explain import optional_sentence
from assess.method.scoring import assess
from assess.models import Questionnaire
from assess.report.html import executive_summary, render_html
from assess.textsafety import for_csv

ASSESS = shutil.which("assess", path=str(Path(sys.executable).parent)) or "assess"

#: Three people; on "Refund" their complexity votes split (2 to 4), on "Billing" they differ
#: by one point only.
VOTES = """\
title: Settled journey
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Refund
    votes:
      Ana: {complexity: 2, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Ben: {complexity: 4, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Cy: {complexity: 2, scale: 3, emotional_stakes: 2, tech_barrier: 2}
  - name: Billing
    votes:
      Ana: {complexity: 3, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Ben: {complexity: 3, scale: 3, emotional_stakes: 2, tech_barrier: 2}
      Cy: {complexity: 4, scale: 3, emotional_stakes: 2, tech_barrier: 2}
  - name: Delivery
    votes:
      Ana: {complexity: 1, scale: 4, emotional_stakes: 1, tech_barrier: 1}
      Ben: {complexity: 1, scale: 4, emotional_stakes: 4, tech_barrier: 1}
"""


def score_json(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def with_settled(text: str, touchpoint: str, lines: str) -> str:
    """`text` with `lines` added under the touchpoint named `touchpoint`."""
    marker = f"  - name: {touchpoint}\n"
    return text.replace(marker, marker + lines)


# --- 1: a settled split is settled everywhere ----------------------------------------------------


def test_a_settled_split_is_settled_in_json_csv_and_the_table_and_counted_apart(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        with_settled(
            VOTES,
            "Refund",
            "    settled:\n      complexity: {value: 3, reason: Ben's case is rare}\n",
        ),
        encoding="utf-8",
    )
    data = score_json(path)
    refund, billing, delivery = data["touchpoints"]
    assert refund["disagreement"] == [
        {
            "dimension": "complexity",
            "min": 2,
            "max": 4,
            "votes": {"Ana": 2, "Ben": 4, "Cy": 2},
            "settled": 3,
            "reason": "Ben's case is rare",
        }
    ]
    assert refund["scores"]["complexity"] == 3  # the room's decision counts, not the median 2
    assert refund["decide_first"] is not True or refund["borderline"]  # not for the split
    assert delivery["disagreement"][0]["settled"] is None  # open
    assert billing["disagreement"] == []
    assert data["summary"]["splits"] == {"open": 1, "settled": 1}

    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(cli, ["score", str(path), "--format", "csv"]).stdout)
        )
    )
    assert rows[0]["disagreement"] == "complexity 2-4 settled 3 (Ben's case is rare)"
    assert rows[2]["disagreement"] == "emotional_stakes 1-4"

    table = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["score", str(path)]).stdout
    assert "1 split open; the room settled 1." in table
    rows = {line.split("│")[2].strip(): line for line in table.splitlines() if "│" in line}
    assert "complexity 2–4 settled 3" in rows["Refund"]
    assert "emotional stakes 1–4" in rows["Delivery"] and "settled" not in rows["Delivery"]


def test_the_summary_and_its_list_speak_of_open_splits_only(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        with_settled(VOTES, "Refund", "    settled: {complexity: 3}\n"), encoding="utf-8"
    )
    loaded = load_workshop(path)
    assessment = assess(loaded.questionnaire, loaded.workshop)
    summary = executive_summary(assessment)
    assert [r.touchpoint.name for r in summary["disagreement"]] == ["Delivery"]
    said = " ".join(summary["sentences"])
    assert "The team disagrees on 1 touchpoint:" in said
    assert "The room settled 1 split, on \u201cRefund\u201d" in said
    html = render_html(assessment)
    table = html[html.index('<table class="disagreement-table">') :].split("</table>")[0]
    assert "Delivery" in table and "Refund" not in table
    settled = html[html.index('<table class="settled-table">') :].split("</table>")[0]
    assert "Refund" in settled and "<strong>3</strong>" in settled


# --- 2: accepted votes are votes -------------------------------------------------------------------


def test_votes_the_room_accepted_are_never_called_settled(tmp_path: Path) -> None:
    """0.2.0 wrote the accepted median into `scores` beside the votes, even for a one-point
    spread, and then said "the room settled it". It is the votes' consensus, and says so."""
    path = tmp_path / "w.yaml"
    path.write_text(
        with_settled(VOTES, "Billing", "    scores: {complexity: 3}\n"), encoding="utf-8"
    )
    data = score_json(path)
    billing = data["touchpoints"][1]
    assert billing["disagreement"] == []
    assert not any("settled" in reason for reason in billing["reasons"])
    assert (
        "Complexity 3 is the team's consensus, the median of Ana 3, Ben 3, Cy 4."
        in (billing["reasons"])
    )
    assert data["summary"]["splits"] == {"open": 2, "settled": 0}
    html = CliRunner().invoke(
        cli, ["report", str(path), "--format", "html", "-o", str(tmp_path / "r.html")]
    )
    assert html.exit_code == 0, html.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8").split("Billing</h3>")[1]
    page = page.split("</article>")[0]
    assert "settled" not in page.lower()


def test_a_file_written_by_0_2_0_reads_as_its_room_meant(tmp_path: Path) -> None:
    """In 0.2.0 a `scores` value beside split votes was the room's decision: it still reads as
    settled (without a reason), and `assess run` writes such decisions as `settled`."""
    path = tmp_path / "w.yaml"
    path.write_text(
        with_settled(VOTES, "Refund", "    scores: {complexity: 4}\n"), encoding="utf-8"
    )
    refund = score_json(path)["touchpoints"][0]
    assert refund["disagreement"][0]["settled"] == 4 and refund["disagreement"][0]["reason"] is None
    assert refund["scores"]["complexity"] == 4
    # Settling it again moves the decision into `settled` and leaves no `scores: {}` behind.
    doc = load_round_trip(path.read_text(encoding="utf-8"), str(path))
    editing.set_settled(doc, 0, "complexity", 3, "Checked the cases", ["complexity"])
    save_workshop(path, doc)
    text = path.read_text(encoding="utf-8")
    assert "scores" not in text.split("  - name: Billing")[0]
    assert (
        "    settled:\n      complexity:\n        value: 3\n        reason: Checked the cases\n"
    ) in text
    refund = score_json(path)["touchpoints"][0]
    assert refund["disagreement"][0]["settled"] == 3


def test_clearing_the_last_answer_leaves_no_empty_scores_behind() -> None:
    doc = CommentedMap(title="T", touchpoints=[CommentedMap(name="A")])
    editing.set_score(doc, 0, "complexity", 2, ["complexity"])
    editing.set_score(doc, 0, "complexity", None, ["complexity"])
    assert "scores" not in doc["touchpoints"][0]
    editing.set_settled(doc, 0, "complexity", 2, None, ["complexity"])
    editing.set_settled(doc, 0, "complexity", None, None, ["complexity"])
    assert dict(doc["touchpoints"][0]) == {"name": "A"}


def test_new_votes_reopen_a_dimension_the_room_had_decided() -> None:
    doc = CommentedMap(title="T", touchpoints=[CommentedMap(name="A")])
    dims = ["complexity", "scale"]
    editing.set_score(doc, 0, "complexity", 2, dims)
    editing.set_settled(doc, 0, "scale", 3, "why", dims)
    editing.record_votes(doc, 0, "complexity", {"Ana": 1, "Ben": 4}, dims)
    editing.record_votes(doc, 0, "scale", {"Ana": 2}, dims)
    tp = doc["touchpoints"][0]
    assert "scores" not in tp and "settled" not in tp
    assert {p: dict(b) for p, b in tp["votes"].items()} == {
        "Ana": {"complexity": 1, "scale": 2},
        "Ben": {"complexity": 4},
    }


# --- 7: a person one step away ---------------------------------------------------------------------


AUTOMATE = """\
title: T
touchpoints:
  - name: Order status
    inputs: {inputs}
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
"""


@pytest.mark.parametrize(
    ("inputs", "decide"),
    [("{}", True), ("{human_fallback: reachable}", False), ("{consequence: reversible}", True)],
)
def test_an_automate_verdict_without_a_person_one_step_away_is_decided_first(
    tmp_path: Path, inputs: str, decide: bool
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(AUTOMATE.format(inputs=inputs), encoding="utf-8")
    tp = score_json(path)["touchpoints"][0]
    assert tp["recommendation"] == "automate"
    assert tp["decide_first"] is decide


def test_page_two_says_why_an_unanswered_fallback_is_decided_first(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = AUTOMATE.format(inputs="{effort: small}").replace(
        "title: T\n", "title: T\neconomics: {currency: EUR, cost_per_hour: 40}\n"
    )
    path.write_text(
        text.replace("    scores", "    volume: 1000\n    handle_minutes: 5\n    scores"),
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    decide = page[page.index("What to decide first") :].split("</td>")[0]
    assert "Order status" in decide
    assert "needs an answer to \u201cA person one step away\u201d" in decide


# --- 8: wording ----------------------------------------------------------------------------------


def test_one_best_fit_for_automation_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(AUTOMATE.format(inputs="{}"), encoding="utf-8")
    loaded = load_workshop(path)
    said = " ".join(executive_summary(assess(loaded.questionnaire, loaded.workshop))["sentences"])
    assert "The best fit for automation is \u201cOrder status\u201d" in said
    assert "fits for automation is" not in said


@pytest.mark.parametrize("count", [0, 1, 2, 6])
def test_the_optional_questions_are_counted_from_the_questionnaire(
    questionnaire: Questionnaire, count: int
) -> None:
    inputs = (questionnaire.inputs * 2)[:count]
    q = questionnaire.model_copy(update={"inputs": inputs})
    said = optional_sentence(q)
    if count == 0:
        assert said == ""
    elif count == 1:
        assert said.startswith("1 optional question sharpens the verdict")
    else:
        assert said.startswith(f"{count} optional questions sharpen the verdict")
    assert "optional" not in questionnaire.description  # counted, never written by hand


def test_validate_counts_a_questionnaires_optional_questions_with_a_real_plural(
    tmp_path: Path, questionnaire_data: dict[str, Any]
) -> None:
    from ruamel.yaml import YAML

    data = dict(questionnaire_data)
    data["inputs"] = [i for i in data["inputs"] if i["id"] == "effort"]
    data["rules"] = [
        r
        for r in data["rules"]
        if not set(r["when"]) - {"complexity", "scale", "emotional_stakes", "tech_barrier"}
    ]
    data["guidance"] = [
        g
        for g in data["guidance"]
        if not set(g.get("when", {}))
        - {"complexity", "scale", "emotional_stakes", "tech_barrier", "effort"}
        and not set(g.get("rules", [])) - {r["id"] for r in data["rules"]}
    ]
    path = tmp_path / "q.yaml"
    YAML().dump(data, path.open("w", encoding="utf-8"))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert "4 dimensions, 1 optional question," in result.output, result.output


# --- actions and parked questions: file, JSON and CSV (the PDF: test_record_pdf.py) --------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() == t and t.strip())
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1)).map(str))


@settings(
    derandomize=True,
    max_examples=int(os.environ.get("ASSESS_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    actions=st.lists(st.tuples(TEXT, TEXT, DATES), max_size=3),
    parked=st.lists(TEXT, max_size=3),
    reason=st.one_of(st.none(), TEXT),
)
def test_actions_parked_and_reasons_round_trip_through_yaml_json_and_csv(
    tmp_path: Path,
    actions: list[tuple[str, str, str | None]],
    parked: list[str],
    reason: str | None,
) -> None:
    path = tmp_path / "rt.yaml"
    path.write_text(VOTES, encoding="utf-8")
    doc = load_round_trip(path.read_text(encoding="utf-8"), str(path))
    for text, owner, due in actions:
        editing.add_action(doc, 0, text, owner, due)
    for item in parked:
        editing.add_parked(doc, 0, item)
    dims = ["complexity", "scale", "emotional_stakes", "tech_barrier"]
    editing.set_settled(doc, 0, "complexity", 3, reason, dims)
    save_workshop(path, doc)

    tp = load_workshop(path).workshop.touchpoints[0]
    assert [(a.text, a.owner, a.due.isoformat() if a.due else None) for a in tp.actions] == actions
    assert tp.parked == parked
    assert (tp.settled["complexity"].value, tp.settled["complexity"].reason) == (3, reason)

    data = score_json(path)["touchpoints"][0]
    assert data["actions"] == [{"text": t, "owner": o, "due": d} for t, o, d in actions]
    assert data["parked"] == parked
    assert data["disagreement"][0]["reason"] == reason

    out = CliRunner().invoke(cli, ["score", str(path), "--format", "csv"]).stdout
    row = next(csv.DictReader(io.StringIO(out, newline="")))
    said = "\n".join(f"{t} ({o}{f', due {d}' if d else ''})" for t, o, d in actions)
    assert row["actions"] == for_csv(said)  # one column, one line per action
    assert row["parked"] == for_csv("\n".join(parked))
