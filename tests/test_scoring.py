"""Properties of method 1.1 over every combination of answers (the 625 combinations of the
four dimensions, and with the optional questions answered every possible way)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from assess.errors import InputError
from assess.files.loader import parse_questionnaire
from assess.journeys import Touchpoint
from assess.method import measures
from assess.method.calibration import check_questionnaire
from assess.method.decision import automation_fit, decide
from assess.method.scoring import assess_touchpoint
from assess.models import VERDICTS, Questionnaire

DIMS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
ALL = [dict(zip(DIMS, combo, strict=True)) for combo in itertools.product(range(1, 6), repeat=4)]
RANK = {v: i for i, v in enumerate(VERDICTS)}


def verdict(q: Questionnaire, answers: dict[str, int]) -> str:
    return decide(q, answers).verdict


def result_for(q: Questionnaire, scores: dict[str, int], **inputs: str) -> Any:
    return assess_touchpoint(q, Touchpoint(name="t", scores=scores, inputs=inputs))


def expected_fit(s: dict[str, int]) -> int:
    """The fit as the appendix defines it, computed here independently: complexity 3, stakes 3
    and barrier 2 weight points, each answer turned so 100 argues for automation; scale is
    payback and not in the fit."""
    toward = {d: (5 - s[d]) / 4 for d in ("complexity", "emotional_stakes", "tech_barrier")}
    weighted = (
        3 * toward["complexity"] + 3 * toward["emotional_stakes"] + 2 * toward["tech_barrier"]
    )
    return round(100 * weighted / 8)


def test_all_625_combinations_are_covered_and_all_verdicts_occur(
    questionnaire: Questionnaire,
) -> None:
    assert len(ALL) == 625
    assert {verdict(questionnaire, s) for s in ALL} == set(VERDICTS)


def test_fit_follows_the_need_answers_only(questionnaire: Questionnaire) -> None:
    for s in ALL:
        assert automation_fit(questionnaire, s) == expected_fit(s), s
    assert expected_fit({"complexity": 1, "emotional_stakes": 1, "tech_barrier": 1}) == 100


# --- monotonic in every answer, optional ones included ----------------------------------------


@pytest.mark.parametrize("dim", ["complexity", "emotional_stakes", "tech_barrier"])
def test_more_human_answers_never_move_toward_automate(
    questionnaire: Questionnaire, dim: str
) -> None:
    for s in ALL:
        if s[dim] < 5:
            higher = {**s, dim: s[dim] + 1}
            assert RANK[verdict(questionnaire, higher)] >= RANK[verdict(questionnaire, s)], (s, dim)


def test_more_scale_never_moves_toward_keep_human(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if s["scale"] < 5:
            higher = {**s, "scale": s["scale"] + 1}
            assert RANK[verdict(questionnaire, higher)] <= RANK[verdict(questionnaire, s)], s


def test_an_optional_answer_only_ever_moves_toward_the_human(questionnaire: Questionnaire) -> None:
    """Answering an optional question, or choosing an option further down its list (which
    argues more for a person), never moves a verdict toward automation."""
    for item in questionnaire.inputs:
        for s in ALL:
            before = RANK[verdict(questionnaire, s)]
            for position in range(1, len(item.options) + 1):
                after = RANK[verdict(questionnaire, {**s, item.id: position})]
                assert after >= before, (item.id, position, s)
                before = after


# --- each guardrail does what its evidence supports ---------------------------------------------


def test_high_stakes_or_a_rapport_building_moment_never_automate(
    questionnaire: Questionnaire,
) -> None:
    for s in ALL:
        if s["emotional_stakes"] >= 4 or s["tech_barrier"] >= 4:
            assert verdict(questionnaire, s) != "automate", s


def test_charged_moments_built_on_rapport_stay_human(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if s["emotional_stakes"] >= 4 and s["tech_barrier"] >= 4:
            assert verdict(questionnaire, s) == "keep-human", s


def test_low_volume_is_never_automated_and_says_it_is_about_payback(
    questionnaire: Questionnaire,
) -> None:
    for s in ALL:
        if s["scale"] <= 2:
            result = result_for(questionnaire, s)
            assert result.recommendation != "automate", s
            if verdict(questionnaire, {**s, "scale": 5}) == "automate":
                assert result.basis == "payback", s


@pytest.mark.parametrize(
    ("input_id", "option"),
    [
        ("consequence", "harmful"),
        ("legal_duty", "human-decision"),
        ("human_fallback", "unreachable"),
        ("complaint", "grievance"),
    ],
)
def test_each_optional_rule_rules_out_automation(
    questionnaire: Questionnaire, input_id: str, option: str
) -> None:
    changed = 0
    for s in ALL:
        result = result_for(questionnaire, s, **{input_id: option})
        assert result.recommendation != "automate", s
        changed += verdict(questionnaire, s) == "automate"
    assert changed > 0  # the answer matters somewhere


def test_lesser_optional_answers_leave_the_verdict_alone(questionnaire: Questionnaire) -> None:
    for s in ALL:
        plain = verdict(questionnaire, s)
        for answers in (
            {"consequence": "reversible"},
            {"consequence": "costly"},
            {"legal_duty": "disclosure"},
            {"human_fallback": "reachable"},
            {"complaint": "request"},
        ):
            assert result_for(questionnaire, s, **answers).recommendation == plain


def test_every_guardrail_changes_a_verdict_and_validates_without_warnings(
    questionnaire: Questionnaire,
) -> None:
    assert measures.warnings(questionnaire) == []


# --- borderline, margin, stability -------------------------------------------------------------


def test_borderline_is_flagged_for_at_most_a_quarter_of_the_combinations(
    questionnaire: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    flagged = [s for s in ALL if result_for(questionnaire, s).borderline]
    share = measures.borderline_share(questionnaire)
    with capsys.disabled():
        print(f"\nborderline: {len(flagged)} of 625 combinations ({share.percent:.1f}%)")
    assert share.flagged == len(flagged)
    assert 0 < len(flagged) <= 625 // 4


def test_borderline_means_close_to_a_threshold_with_no_guardrail_deciding(
    questionnaire: Questionnaire,
) -> None:
    t = questionnaire.thresholds
    for s in ALL:
        result = result_for(questionnaire, s)
        fit = expected_fit(s)
        nearest = min((t.automate, t.assist), key=lambda x: abs(fit - x))
        assert result.margin.points == fit - nearest
        base = "automate" if fit >= 70 else "assist" if fit >= 40 else "keep-human"
        flips = any(
            verdict(questionnaire, {**s, d: s[d] + step}) != result.recommendation
            for d in DIMS
            for step in (-1, 1)
            if 1 <= s[d] + step <= 5
        )
        thin = abs(fit - nearest) <= t.margin and result.recommendation == base and flips
        assert bool(result.borderline) == (thin and result.decisive is None), s


def test_flips_and_stability_count_exactly_the_one_point_moves(
    questionnaire: Questionnaire,
) -> None:
    for s in ALL:
        result = result_for(questionnaire, s)
        moves = flips = 0
        expected = set()
        for dim in DIMS:
            for step in (-1, 1):
                moved = s[dim] + step
                if 1 <= moved <= 5:
                    moves += 1
                    other = verdict(questionnaire, {**s, dim: moved})
                    if other != result.recommendation:
                        flips += 1
                        expected.add((dim, moved, other))
        assert {(f.dimension, f.score, f.recommendation) for f in result.flips} == expected, s
        assert result.stability == (moves - flips, moves)
        if result.borderline:
            assert result.borderline == result.flips


def test_margin_reads_as_a_leader_would_say_it(questionnaire: Questionnaire) -> None:
    # complexity 2, stakes 2, barrier 1: fit round(100 * (3*.75 + 3*.75 + 2) / 8) = 81
    result = result_for(
        questionnaire, {"complexity": 2, "scale": 5, "emotional_stakes": 2, "tech_barrier": 1}
    )
    assert result.margin.describe() == "fit 81, 11 above automate"
    # complexity 2, stakes 3, barrier 1: fit round(100 * (2.25 + 1.5 + 2) / 8) = 72
    result = result_for(
        questionnaire, {"complexity": 2, "scale": 5, "emotional_stakes": 3, "tech_barrier": 1}
    )
    assert result.margin.describe() == "fit 72, 2 above automate"
    assert result.borderline


def test_votes_that_straddle_the_verdict_flag_it(questionnaire: Questionnaire) -> None:
    far = {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1}
    tp = Touchpoint(
        name="t",
        scores={k: v for k, v in far.items() if k != "emotional_stakes"},
        votes={
            "Ana": {"emotional_stakes": 1},
            "Ben": {"emotional_stakes": 1},
            "Cy": {"emotional_stakes": 4},
        },
    )
    result = assess_touchpoint(questionnaire, tp)
    assert result.recommendation == "automate" and abs(result.margin.points) > 5
    assert result.straddled == ("emotional_stakes",)
    assert [f.message for f in result.borderline] == [
        "would become assist if emotional stakes were 4"
    ]
    assert any("straddle this verdict" in r for r in result.reasons)


# --- reasons and basis ---------------------------------------------------------------------------


def test_every_verdicts_basis_matches_its_reasons(questionnaire: Questionnaire) -> None:
    words = {
        "need": "Basis: customer need.",
        "payback": "Basis: payback.",
        "both": "Basis: customer need and payback.",
    }
    seen = set()
    for s in ALL:
        result = result_for(questionnaire, s)
        seen.add(result.basis)
        stated = [r for r in result.reasons if r.startswith("Basis:")]
        assert len(stated) == 1 and stated[0].startswith(words[result.basis]), s
        # Method 1.2: payback works both ways (low volume holds automation back, high volume
        # calls for technology beside a person), and no payback rule fires at scale 3.
        need_alone = verdict(questionnaire, {**s, "scale": 3})
        # payback: volume moved the verdict off what need alone gives; need: it changes nothing.
        assert (result.basis == "payback") == (need_alone != result.recommendation), s
    assert seen == {"need", "payback", "both"}


def test_reasons_name_the_answers_and_the_deciding_rule(questionnaire: Questionnaire) -> None:
    s = dict(zip(DIMS, (1, 5, 4, 1), strict=True))  # fit says automate; stakes 4 forbids it
    result = result_for(questionnaire, s)
    assert result.recommendation == "assist"
    text = " ".join(result.reasons)
    assert "emotional stakes 4 (high)" in text
    assert "High stakes keep a person involved\u201d decides" in text
    assert "automate becomes assist" in text
    assert f"Automation fit {expected_fit(s)}/100" in text


def test_answered_optional_questions_are_named_in_the_reasons(questionnaire: Questionnaire) -> None:
    s = dict(zip(DIMS, (1, 5, 1, 1), strict=True))
    result = result_for(questionnaire, s, consequence="harmful", legal_duty="disclosure")
    assert result.recommendation == "assist"
    text = " ".join(result.reasons)
    assert (
        "Optional questions answered: consequence of a wrong answer: harmful or irreversible "
        in text
    )
    assert "A harmful mistake needs a person\u201d decides" in text


def test_assist_says_which_kind(questionnaire: Questionnaire) -> None:
    kinds = set()
    for s in ALL:
        result = result_for(questionnaire, s)
        if result.recommendation == "assist":
            need_alone = verdict(questionnaire, {**s, "scale": 3})
            if need_alone == "keep-human":  # volume made it assist: a person still leads
                expected = "person-led-at-scale"
            elif s["tech_barrier"] >= 3:
                expected = "agent-assist"
            else:
                expected = "self-service-with-handoff"
            assert result.assist_kind.id == expected
            kinds.add(result.assist_kind.id)
        else:
            assert result.assist_kind is None
    assert kinds == {"person-led-at-scale", "agent-assist", "self-service-with-handoff"}


def test_missing_score_is_unscored(questionnaire: Questionnaire) -> None:
    result = assess_touchpoint(
        questionnaire, Touchpoint(name="t", scores={"complexity": 2, "scale": None})
    )
    assert result.recommendation == "unscored"
    assert result.fit is None and result.borderline == () and result.basis is None
    assert result.missing == ("scale", "emotional_stakes", "tech_barrier")
    assert "scale, emotional stakes, technology as barrier" in result.reasons[0]


# --- the questionnaire's rules are checked when loaded -----------------------------------------


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_questionnaire(data, "q.yaml")
    return [str(p) for p in caught.value.problems]


def rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in data["rules"] if r["id"] == rule_id)


STAKES = "high-stakes-keep-a-person-involved"


def test_default_questionnaire_has_no_rule_problems(questionnaire: Questionnaire) -> None:
    assert check_questionnaire(questionnaire) == []


def test_rule_that_can_never_fire_is_reported(q_data: dict[str, Any]) -> None:
    rule(q_data, STAKES)["when"] = {"emotional_stakes": {"min": 6}}
    assert problems(q_data) == [
        f"q.yaml: rule \"{STAKES}\", field 'when.emotional_stakes': "
        "can never fire: no answer from 1 to 5 is at least 6"
    ]


def test_contradicting_rules_are_reported(q_data: dict[str, Any]) -> None:
    q_data["rules"].append(
        {
            "id": "automate-chat",
            "title": "Automate all frequent chat",
            "when": {"scale": {"min": 5}},
            "then": {"at_most": "automate"},
            "because": "x",
            "evidence": "y",
        }
    )
    found = problems(q_data)
    floors = [r["id"] for r in q_data["rules"] if "at_least" in r["then"]]
    overlapping = [f for f in floors if f != "volume-must-pay-back"]  # scale 1-2 never meets 5
    assert len(found) == len(overlapping)
    assert found[0] == (
        f'q.yaml: rules "{STAKES}" and "automate-chat", field \'when\': contradict: '
        "with scale 5, emotional stakes 4 both apply, one demands at least assist and the other at most automate"
    )


def test_rule_breaking_monotonicity_is_reported(q_data: dict[str, Any]) -> None:
    rule(q_data, STAKES)["when"] = {"emotional_stakes": {"min": 4}, "complexity": {"max": 2}}
    assert problems(q_data) == [
        f"q.yaml: rule \"{STAKES}\", field 'when.complexity': 'max' on complexity breaks "
        "monotonicity: a rule that sets a floor (assist) may only ask for high complexity, or answering "
        "higher could move the verdict the wrong way"
    ]


def test_a_rule_on_an_optional_question_is_checked_like_one_on_a_dimension(
    q_data: dict[str, Any],
) -> None:
    rule(q_data, "harm-needs-a-person")["when"] = {"consequence": {"max": "costly"}}
    assert problems(q_data) == [
        "q.yaml: rule \"harm-needs-a-person\", field 'when.consequence': 'max' on consequence of a "
        "wrong answer breaks monotonicity: a rule that sets a floor (assist) may only ask for high "
        "consequence of a wrong answer, or answering higher could move the verdict the wrong way"
    ]
    rule(q_data, "harm-needs-a-person")["when"] = {"consequence": {"min": "fatal"}}
    assert any("'fatal' is not an option of consequence" in p for p in problems(q_data))


def test_rule_without_effect_and_unknown_dimension_are_both_reported(
    q_data: dict[str, Any],
) -> None:
    rule(q_data, STAKES)["then"] = {"at_least": "automate"}
    rule(q_data, "no-screen-between-people")["when"]["empathy"] = {"min": 3}
    assert problems(q_data) == [
        f"q.yaml: rule \"{STAKES}\", field 'then': has no effect: every verdict is already at least automate",
        "q.yaml: rule \"no-screen-between-people\", field 'when.empathy': unknown dimension 'empathy' "
        "(known: complexity, scale, emotional_stakes, tech_barrier, consequence, legal_duty, "
        "human_fallback, complaint, vulnerability, effort)",
    ]


def test_a_rule_that_never_changes_a_verdict_is_a_warning(q_data: dict[str, Any]) -> None:
    q_data["rules"].append(
        {
            "id": "stakes-five",
            "title": "Very high stakes",
            "when": {"emotional_stakes": {"min": 5}},
            "then": {"at_least": "assist"},  # the stakes-4 rule already says so
            "because": "x",
            "evidence": "y",
        }
    )
    q = parse_questionnaire(q_data, "q.yaml")
    # Four dimensions; each optional input unanswered or any of its options (effort aside).
    assert 625 * 4 * 4 * 3 * 3 * 4 == 360_000
    assert measures.warnings(q) == [
        'rule "stakes-five" never changes a verdict over all 360,000 combinations of answers: '
        "other rules and the thresholds always decide the same without it"
    ]


def test_payback_dimensions_carry_no_weight(q_data: dict[str, Any]) -> None:
    scale = next(d for d in q_data["dimensions"] if d["id"] == "scale")
    scale["weight"] = 2
    assert problems(q_data) == [
        'q.yaml: dimension "scale": a payback dimension has no weight: it does not count in the fit'
    ]


def test_a_consultant_can_add_a_dimension(q_data: dict[str, Any]) -> None:
    q_data["dimensions"].append(
        {
            "id": "regulation",
            "label": "Regulation",
            "question": "How regulated is it?",
            "help": "h",
            "direction": "human",
            "weight": 1,
            "anchors": {i: {"label": f"L{i}", "text": f"T{i}"} for i in range(1, 6)},
        }
    )
    q = parse_questionnaire(q_data, "q.yaml")
    s = {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1}
    assert automation_fit(q, {**s, "regulation": 1}) == 100
    assert automation_fit(q, {**s, "regulation": 5}) == 89  # 8 of 9 weight points for automation


def test_a_judge_shared_across_workshops_judges_each_as_alone() -> None:
    """A portfolio's journeys share one judge per questionnaire: each journey's results are
    those it gets judged alone, and a judge of another questionnaire is never used."""
    from assess.files.loader import load_demo
    from assess.files.output import to_dict
    from assess.method.scoring import Judge, assess

    demo = load_demo()
    q = demo.questionnaire
    alone = to_dict(assess(q, demo.workshop))
    reversed_tps = demo.workshop.model_copy(
        update={"touchpoints": list(reversed(demo.workshop.touchpoints))}
    )
    judge = Judge(q)
    first = to_dict(assess(q, reversed_tps, judge))
    assert first == to_dict(assess(q, reversed_tps))  # as the reversed journey alone
    assert to_dict(assess(q, demo.workshop, judge)) == alone
    bar = q.thresholds.model_copy(update={"automate": q.thresholds.automate + 10})
    stricter = q.model_copy(update={"thresholds": bar})
    other = to_dict(assess(stricter, demo.workshop, judge))
    assert other == to_dict(assess(stricter, demo.workshop))
    assert other != alone  # the stricter questionnaire does decide otherwise
