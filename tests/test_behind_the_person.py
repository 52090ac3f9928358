"""Method 1.3: keep human is never "no technology". A moment that needs a person stays
keep-human, with named help behind the person, said the same way in the verdict, the reasons,
the guidance, the business case and the PDF; the complaint question says what counts; and the
method's exhaustive checks count every combination exactly."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.files.loader import parse_questionnaire
from assess.journeys import Touchpoint
from assess.method import measures
from assess.method.decision import apply_rules, assist_kind, decide
from assess.method.guidance import applies
from assess.method.scoring import Judge, assess_touchpoint
from assess.models import Questionnaire

DATA = Path(__file__).parent / "data"
DIMS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
HELP = "Help behind the person."
JOURNEY = """\
title: Bank and railway
economics: {currency: GBP, locale: en_GB, cost_per_hour: 35}
touchpoints:
  - name: Suspected fraud call
    volume: 40000
    handle_minutes: 12
    scores: {complexity: 4, scale: 5, emotional_stakes: 5, tech_barrier: 4}
  - name: Ticket office sale
    volume: 60000
    handle_minutes: 3
    inputs: {vulnerability: many}
    scores: {complexity: 1, scale: 5, emotional_stakes: 2, tech_barrier: 4}
  - name: Where is my order
    volume: 45000
    handle_minutes: 6
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
"""


# --- one wording everywhere ---------------------------------------------------------------------


def test_every_keep_human_verdict_names_the_help_behind_the_person(
    questionnaire: Questionnaire,
) -> None:
    """Over every combination of answers, a keep-human verdict's reasons say it and its
    guidance starts with the help behind the person; no other verdict says it."""
    meaning = questionnaire.verdicts["keep-human"]
    assert meaning.tagline == HELP.rstrip(".")
    assert "out of the customer's sight" in meaning.summary
    first = next(g.text for g in questionnaire.guidance if g.id == "help-behind-the-person")
    judge = Judge(questionnaire)
    seen = 0
    for answers in measures.combinations(questionnaire):
        found = judge(answers)
        said = [r for r in found.reasons if r.startswith(HELP)]
        if found.decision.verdict == "keep-human":
            seen += 1
            assert said == [f"{HELP} {meaning.summary}"], answers
            assert found.guidance[0] == first, answers
        else:
            assert not said and first not in found.guidance, answers
    assert seen > 0


def test_keep_human_is_never_counted_as_savings(questionnaire: Questionnaire) -> None:
    case = questionnaire.business_case
    assert case is not None
    share = case.shares.keep_human
    assert (share.low, share.expected, share.high) == (0, 0, 0)
    assert "help behind them" in share.basis and "help behind them" in case.summary
    assert "Lukac et al., 2025" in share.evidence and "Tierney et al., 2024" in share.evidence


def test_the_person_behind_the_screens_sources_are_listed(questionnaire: Questionnaire) -> None:
    sources = {s.id: s.text for s in questionnaire.sources}
    assert "NEJM AI" in sources["lukac-2025"] and "Randomized Trial" in sources["lukac-2025"]
    assert "NEJM Catalyst" in sources["tierney-2024"]
    assert "JAMA Network Open" in sources["ambient-burnout-2025"]
    assert "reported by the firm" in sources["morgan-stanley-2023"]
    assert "Quarterly Journal of Economics" in sources["brynjolfsson-2023"]


def test_the_report_says_keep_human_with_help_behind_the_person(tmp_path: Path) -> None:
    """Read back from the PDF as a viewer shows it: the touchpoint page's verdict, reasons and
    guidance, the basis of a verdict kept with people, and the appendix's verdicts and business
    case all say it the same way."""
    path = tmp_path / "bank.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 0, result.output
    pages = page_texts(PdfReader(path.with_suffix(".pdf")))
    fraud = next(p for p in pages if "Suspected fraud call" in p and "DESIGN GUIDANCE" in p.upper())
    assert "▲ Keep human · Help behind the person" in fraud
    assert f"{HELP} A person handles every contact; technology helps them out of the" in fraud
    assert "Put technology behind the person, not between them and the customer." in fraud
    assert "Let an ambient scribe draft the notes of the conversation" in fraud
    # Keep human is never savings: the business case protects the contacts and says what they take.
    assert "Business case. Protect: 40,000 contacts a month stay with people (" in fraud
    assert "hours a year of staff time today)." in fraud
    ticket = next(p for p in pages if "Ticket office sale" in p and "DESIGN GUIDANCE" in p.upper())
    assert "▲ Keep human · Help behind the person" in ticket
    assert (
        "Rests on customer need. Kept with people because many customers here are vulnerable. "
        "The volume, scale 5 (thousands a day), does not change this verdict." in ticket
    )
    assert "Keep a person reachable the way these customers can come" in ticket
    order = next(p for p in pages if "Where is my order" in p and "DESIGN GUIDANCE" in p.upper())
    assert "Help behind the person" not in order
    appendix = " ".join(pages[pages.index(order) + 1 :])
    assert "Keep human (help behind the person): A person handles every contact" in appendix
    assert "every contact stays with a person, with help behind them" in appendix
    assert "where answered, changes" in appendix


def test_the_rooms_screen_says_it_beside_the_verdict(questionnaire: Questionnaire) -> None:
    from assess.workshop.screen import verdict_line

    scores = {"complexity": 4, "scale": 5, "emotional_stakes": 5, "tech_barrier": 4}
    fraud = assess_touchpoint(questionnaire, Touchpoint(name="Fraud", scores=scores))
    assert verdict_line(fraud).plain == "▲ Keep human · Help behind the person · fit 16/100"
    advice = {**scores, "tech_barrier": 3}  # at thousands a day: assist, person-led
    led = assess_touchpoint(questionnaire, Touchpoint(name="Advice", scores=advice))
    assert led.tagline is None
    assert verdict_line(led).plain.startswith("◆ Assist · Person-led at scale · fit")


def test_the_json_reasons_say_it_too(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {t["name"]: t for t in json.loads(result.output)["touchpoints"]}
    fraud = found["Suspected fraud call"]
    assert fraud["recommendation"] == "keep-human" and fraud["assist_kind"] is None
    assert any(r.startswith(HELP) for r in fraud["reasons"])
    assert "vulnerable-customers-keep-people-in-reach" in found["Ticket office sale"]["rules"]


# --- what counts as a complaint -------------------------------------------------------------------


def test_the_complaint_help_says_a_fix_the_company_starts_is_not_a_complaint(
    questionnaire: Questionnaire,
) -> None:
    item = questionnaire.optional_input("complaint")
    assert "A fix the company starts itself" in item.help
    assert "recall" in item.help and "is not\na complaint" not in item.help
    assert "is not a complaint" in " ".join(item.help.split())
    request, grievance = item.options
    assert "recall" in request.text and "company starts a fix itself" in request.text
    assert "company" not in grievance.text  # a customer's grievance, not a company's fix
    # A recall answered as the help says keeps the verdict the answers give.
    scores = {"complexity": 1, "scale": 4, "emotional_stakes": 2, "tech_barrier": 2}
    recall = Touchpoint(name="Recall notice", scores=scores, inputs={"complaint": "request"})
    assert assess_touchpoint(questionnaire, recall).recommendation == "automate"
    angry = recall.model_copy(update={"inputs": {"complaint": "grievance"}})
    assert assess_touchpoint(questionnaire, angry).recommendation == "assist"


# --- the exhaustive checks count every combination --------------------------------------------------


def _without(data: dict[str, Any], dropped: set[str]) -> dict[str, Any]:
    """The questionnaire without some optional questions and whatever names them."""
    data["inputs"] = [i for i in data["inputs"] if i["id"] not in dropped]
    data["rules"] = [r for r in data["rules"] if not dropped & set(r["when"])]
    kept = {r["id"] for r in data["rules"]}
    data["guidance"] = [
        g
        for g in data["guidance"]
        if not dropped & set(g.get("when", {})) and set(g.get("rules", [])) <= kept
    ]
    return data


def test_the_weighted_enumeration_counts_exactly_what_every_combination_does(
    q_data: dict[str, Any],
) -> None:
    q = parse_questionnaire(_without(q_data, {"legal_duty", "complaint"}), "q.yaml")
    keys = list(q.dimension_ids)
    ranges: list[list[int | None]] = [list(range(1, 6))] * 4
    for item in measures.deciding_inputs(q):
        keys.append(item.id)
        ranges.append([None, *range(1, len(item.options) + 1)])
    full = measures._Tally(
        dict.fromkeys((r.id for r in q.rules), 0),
        dict.fromkeys((r.id for r in q.rules), 0),
        dict.fromkeys((i.id for i in q.guidance), 0),
        dict.fromkeys((i.id for i in q.guidance), 0),
    )
    n = 0
    for values in itertools.product(*ranges):
        n += 1
        answers = {k: v for k, v in zip(keys, values, strict=True) if v is not None}
        d = decide(q, answers)
        for rule in d.fired:
            full.fires[rule.id] += 1
            rest = tuple(r for r in d.fired if r is not rule)
            full.changes[rule.id] += apply_rules(d.base, rest)[0] != d.verdict
        kind = assist_kind(q, answers, d) if d.verdict == "assist" else None
        fitting = [i.id for i in q.guidance if applies(i, answers, d, kind)]
        full.bare += not fitting
        for place, item_id in enumerate(fitting):
            full.applies[item_id] += 1
            full.shown[item_id] += place < q.guidance_limit
    assert n == measures.count_combinations(q) == 625 * 4 * 3 * 4
    assert measures.count_distinct(q) < n / 3
    assert measures._tally(q) == full


# --- files from method 1.2 --------------------------------------------------------------------------


def test_compare_from_1_2_moves_nothing_on_the_same_answers(tmp_path: Path) -> None:
    shutil.copy(DATA / "questionnaire-1.2.yaml", tmp_path / "old-q.yaml")
    body = JOURNEY.replace("    inputs: {vulnerability: many}\n", "")
    old = tmp_path / "before.yaml"
    old.write_text(
        body.replace("title: Bank and railway\n", "title: B\nquestionnaire: old-q.yaml\n")
    )
    new = tmp_path / "after.yaml"
    new.write_text(body)
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["moved"] == []


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_a_report_says_which_method_wrote_it(tmp_path: Path, version: str) -> None:
    shutil.copy(DATA / f"questionnaire-{version}.yaml", tmp_path / "q.yaml")
    path = tmp_path / "w.yaml"
    path.write_text(
        "title: W\nquestionnaire: q.yaml\ntouchpoints:\n  - name: a\n"
        "    scores: {complexity: 4, scale: 5, emotional_stakes: 5, tech_barrier: 4}\n"
    )
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["questionnaire"]["version"] == version
    # Earlier questionnaires have no tagline: their keep-human reasons read as they did.
    assert not any(r.startswith(HELP) for r in data["touchpoints"][0]["reasons"])
