"""Method 1.2 beside 1.1 and 1.0: volume is payback in both directions, guidance fits each
touchpoint, and files made for earlier versions keep working and compare across versions."""

from __future__ import annotations

import collections
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assess.cli import cli
from assess.errors import InputError
from assess.files.loader import bundled_questionnaire, load_demo, load_workshop, read_questionnaire
from assess.journeys import Touchpoint
from assess.method import measures
from assess.method.decision import decide
from assess.method.scoring import Judge, assess_touchpoint
from assess.models import Questionnaire

DATA = Path(__file__).parent / "data"
SCORES = """\
  - name: Symptom checker
    scores: {complexity: 4, scale: 4, emotional_stakes: 4, tech_barrier: 3}
  - name: Loyalty enquiry
    scores: {complexity: 2, scale: 2, emotional_stakes: 1, tech_barrier: 2}
"""
DIMS = ("complexity", "scale", "emotional_stakes", "tech_barrier")


def score_json(tmp_path: Path, rows: dict[str, tuple[int, int, int, int]]) -> dict[str, Any]:
    lines = ["title: Probes", "touchpoints:"]
    for name, answers in rows.items():
        scores = ", ".join(f"{d}: {v}" for d, v in zip(DIMS, answers, strict=True))
        lines += [f"  - name: {name}", f"    scores: {{{scores}}}"]
    path = tmp_path / "probes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {t["name"]: t for t in json.loads(result.output)["touchpoints"]}


# --- volume in both directions -----------------------------------------------------------------


def test_the_issues_four_probes_hold_through_score_json(tmp_path: Path) -> None:
    found = score_json(
        tmp_path,
        {
            "expert at volume": (5, 5, 4, 3),
            "expert, rare": (5, 1, 4, 3),
            "charged rapport at volume": (3, 5, 5, 5),
            "routine, rare": (1, 1, 1, 1),
        },
    )
    at_volume = found["expert at volume"]
    assert at_volume["recommendation"] == "assist"
    assert at_volume["basis"] in ("payback", "both")
    assert at_volume["assist_kind"] == "person-led-at-scale"  # a person still leads
    assert any("volume" in r and "Guardrail" in r for r in at_volume["reasons"])
    assert found["expert, rare"]["recommendation"] == "keep-human"
    assert found["charged rapport at volume"]["recommendation"] == "keep-human"
    assert found["routine, rare"]["recommendation"] == "assist"
    assert found["routine, rare"]["basis"] == "payback"


def test_volume_never_lifts_a_moment_a_need_guardrail_keeps_human(
    questionnaire: Questionnaire,
) -> None:
    """Charged rapport (stakes and barrier 4 or more) stays keep-human at every volume."""
    for c, st, b in itertools.product(range(1, 6), (4, 5), (4, 5)):
        for scale in range(1, 6):
            answers = {"complexity": c, "scale": scale, "emotional_stakes": st, "tech_barrier": b}
            assert decide(questionnaire, answers).verdict == "keep-human", answers


def test_at_high_volume_keep_human_from_need_alone_becomes_person_led_assist(
    questionnaire: Questionnaire,
) -> None:
    """Every combination the need answers keep human, without a need guardrail keeping it
    human, is assist at scale 4 or 5, says so, and names the kind in which a person leads."""
    moved = 0
    for c, st, b in itertools.product(range(1, 6), repeat=3):
        low = {"complexity": c, "scale": 3, "emotional_stakes": st, "tech_barrier": b}
        if decide(questionnaire, low).verdict != "keep-human" or (st >= 4 and b >= 4):
            continue
        for scale in (4, 5):
            tp = Touchpoint(name="t", scores={**low, "scale": scale})
            r = assess_touchpoint(questionnaire, tp)
            assert r.recommendation == "assist", low
            assert r.basis == "payback"
            assert r.assist_kind is not None and r.assist_kind.id == "person-led-at-scale"
            assert any(x.startswith("Basis: payback") and "cannot carry" in x for x in r.reasons)
            moved += 1
    assert moved > 0


def test_the_payback_rules_decide_a_stated_share_of_the_combinations(
    questionnaire: Questionnaire,
) -> None:
    shares = measures.rule_shares(questionnaire)
    assert shares["volume-calls-for-technology"].flagged > 0
    assert shares["volume-must-pay-back"].flagged > 0
    # The shares are disjoint and add up to every verdict a guardrail decides.
    total = measures.guardrail_share(questionnaire)
    assert sum(s.flagged for s in shares.values()) == total.flagged
    judge = Judge(questionnaire)
    decided = sum(
        judge.decide(dict(zip(DIMS, a, strict=True))).decisive is not None
        for a in itertools.product(range(1, 6), repeat=4)
    )
    assert decided == total.flagged


# --- guidance that fits ------------------------------------------------------------------------


def test_every_verdict_of_every_combination_gets_guidance_within_the_limit(
    questionnaire: Questionnaire,
) -> None:
    judge = Judge(questionnaire)
    for answers in measures.combinations(questionnaire):
        found = judge(answers)
        assert 1 <= len(found.guidance) <= questionnaire.guidance_limit, answers
        assert len(set(found.guidance)) == len(found.guidance)


def test_the_same_verdict_for_different_reasons_reads_differently(
    questionnaire: Questionnaire,
) -> None:
    def guidance(scores: dict[str, int], **inputs: str) -> tuple[str, ...]:
        r = assess_touchpoint(questionnaire, Touchpoint(name="t", scores=scores, inputs=inputs))
        assert r.recommendation == "assist"
        return r.guidance

    at_volume = guidance({"complexity": 5, "scale": 5, "emotional_stakes": 4, "tech_barrier": 3})
    rare_routine = guidance({"complexity": 1, "scale": 1, "emotional_stakes": 1, "tech_barrier": 1})
    complaint = guidance(
        {"complexity": 1, "scale": 3, "emotional_stakes": 2, "tech_barrier": 3},
        complaint="grievance",
    )
    assert len({at_volume, rare_routine, complaint}) == 3
    assert any("volume" in g for g in at_volume)
    assert any("pay back" in g for g in rare_routine)
    assert any("complaint" in g for g in complaint)


def test_in_the_demo_every_common_verdict_shows_at_least_two_guidance_lists() -> None:
    from assess.method.scoring import assess

    loaded = load_demo()
    lists: dict[str, set[tuple[str, ...]]] = collections.defaultdict(set)
    counts: collections.Counter[str] = collections.Counter()
    for r in assess(loaded.questionnaire, loaded.workshop).results:
        if r.scored:
            counts[r.recommendation] += 1
            lists[r.recommendation].add(r.guidance)
    common = [v for v, n in counts.items() if n >= 3]
    assert common
    for verdict in common:
        assert len(lists[verdict]) >= 2, verdict


def test_guidance_is_in_the_json_and_the_csv(tmp_path: Path) -> None:
    found = score_json(tmp_path, {"a": (1, 5, 1, 1)})
    assert found["a"]["recommendation"] == "automate"
    assert found["a"]["guidance"] and all(isinstance(g, str) for g in found["a"]["guidance"])
    result = CliRunner().invoke(cli, ["score", str(tmp_path / "probes.yaml"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert found["a"]["guidance"][0] in result.output


def test_the_report_shows_each_touchpoints_own_guidance(tmp_path: Path) -> None:
    score_json(tmp_path, {"at volume": (5, 5, 4, 3), "rare": (1, 1, 1, 1)})
    path = tmp_path / "probes.yaml"
    result = CliRunner().invoke(cli, ["report", str(path), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = path.with_suffix(".html").read_text(encoding="utf-8")
    assert "Let technology carry the volume" in html
    assert "buy tools that help a person before building end-to-end automation" in html
    # The summary tells payback's two directions apart, from what need alone would give.
    assert "1 verdict rests on payback rather than customer need (\u201crare\u201d)" in html
    assert "1 verdict rests on payback the other way (\u201cat volume\u201d)" in html


def test_a_questionnaire_before_1_2_shows_its_kind_and_verdict_guidance_as_before() -> None:
    q = read_questionnaire(DATA / "questionnaire-1.1.yaml")
    assert q.version == "1.1" and not q.guidance
    r = assess_touchpoint(
        q,
        Touchpoint(
            name="t",
            scores={"complexity": 3, "scale": 3, "emotional_stakes": 4, "tech_barrier": 3},
        ),
    )
    assert r.recommendation == "assist" and r.assist_kind is not None
    expected = [*r.assist_kind.guidance, *q.verdicts["assist"].guidance]
    assert list(r.guidance) == expected


# --- the method's own checks -------------------------------------------------------------------


def parse(data: dict[str, Any]) -> Questionnaire:
    from assess.files.loader import parse_questionnaire

    return parse_questionnaire(data, "q.yaml")


def test_guidance_that_never_applies_or_is_never_shown_is_a_warning(
    q_data: dict[str, Any],
) -> None:
    q_data["guidance"].append(
        {
            "id": "never",
            "text": "Never.",
            "verdicts": ["automate"],
            "when": {"emotional_stakes": {"min": 5}},
        }
    )
    q_data["guidance"].insert(
        0, {"id": "crowd", "text": "Always first.", "verdicts": ["keep-human"]}
    )
    warned = measures.warnings(parse(q_data))
    assert any(w.startswith('guidance "never" never applies over all') for w in warned)
    # An item ahead of it fills the one place of every keep-human verdict that reaches it.
    q_data["guidance_limit"] = 1
    warned = measures.warnings(parse(q_data))
    assert any('guidance "automate-the-paperwork" is never shown' in w for w in warned)


def test_guidance_naming_an_unknown_rule_or_kind_is_an_error(q_data: dict[str, Any]) -> None:
    ids = [g["id"] for g in q_data["guidance"]]
    q_data["guidance"][ids.index("carry-the-volume")]["kinds"] = ["person-led-at-scal"]
    q_data["guidance"][ids.index("check-before-harm")]["rules"] = ["no-such-rule"]
    with pytest.raises(InputError) as caught:
        parse(q_data)
    text = str(caught.value)
    assert (
        "guidance \"carry-the-volume\", field 'kinds.0': unknown kind 'person-led-at-scal'" in text
    )
    assert "field 'rules.0': unknown rule 'no-such-rule'" in text


def test_a_need_floor_may_outrank_a_payback_ceiling_but_not_the_other_way(
    q_data: dict[str, Any],
) -> None:
    assert parse(q_data).version == "1.3"  # charged rapport above the volume ceiling: fine
    volume = next(r for r in q_data["rules"] if r["id"] == "volume-calls-for-technology")
    volume["basis"] = "need"
    with pytest.raises(InputError, match="contradict"):
        parse(q_data)


# --- earlier versions --------------------------------------------------------------------------


def test_a_questionnaire_written_for_1_0_still_loads_with_every_dimension_as_need() -> None:
    q = read_questionnaire(DATA / "questionnaire-1.0.yaml")
    assert q.version == "1.0"
    assert [d.role for d in q.dimensions] == ["need"] * 4
    assert q.inputs == []


def old_and_new(tmp_path: Path, questionnaire: str) -> tuple[Path, Path, dict[str, Any]]:
    """The same answers under an earlier questionnaire and under today's, compared as JSON."""
    shutil.copy(DATA / questionnaire, tmp_path / "old-q.yaml")
    old = tmp_path / "before.yaml"
    old.write_text(f"title: T\nquestionnaire: old-q.yaml\ntouchpoints:\n{SCORES}", encoding="utf-8")
    new = tmp_path / "after.yaml"
    new.write_text(f"title: T\ntouchpoints:\n{SCORES}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    return old, new, json.loads(result.output)


def test_compare_works_across_questionnaire_versions(tmp_path: Path) -> None:
    old, new, data = old_and_new(tmp_path, "questionnaire-1.0.yaml")
    assert load_workshop(old).questionnaire.version == "1.0"
    moved = {c["name"]: (c["from"], c["to"]) for c in data["moved"]}
    # Same answers, new method: the symptom checker (hundreds a day) stays assist, now on
    # payback grounds with a person leading; the loyalty enquiry's low volume holds
    # automation back on payback grounds.
    assert moved == {"Loyalty enquiry": ("automate", "assist")}
    assert all(c["answers"] == [] for c in data["moved"])  # no answer changed
    result = CliRunner().invoke(
        cli, ["report", str(new), "--compare", str(old), "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    html = new.with_suffix(".html").read_text(encoding="utf-8")
    assert "Since last time" in html and "1 verdict moved" in html


def test_compare_from_1_1_names_what_method_1_2_moved(tmp_path: Path) -> None:
    old, _, data = old_and_new(tmp_path, "questionnaire-1.1.yaml")
    assert load_workshop(old).questionnaire.version == "1.1"
    moved = {c["name"]: (c["from"], c["to"]) for c in data["moved"]}
    # Under 1.1 the symptom checker (4-4-4-3) was keep-human; at hundreds a day 1.2 runs it as
    # assist with a person leading.
    assert moved == {"Symptom checker": ("keep-human", "assist")}
    assert bundled_questionnaire("default").version == "1.3"
