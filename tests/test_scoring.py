"""Properties of the scoring model over every combination of answers."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from assess.errors import InputError
from assess.loader import parse_questionnaire
from assess.models import VERDICTS, Questionnaire, Touchpoint
from assess.scoring import assess_touchpoint, automation_fit, check_questionnaire, decide

DIMS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
ALL = [dict(zip(DIMS, combo, strict=True)) for combo in itertools.product(range(1, 6), repeat=4)]
RANK = {v: i for i, v in enumerate(VERDICTS)}


def verdict(q: Questionnaire, scores: dict[str, int]) -> str:
    return decide(q, scores).verdict


def test_all_625_combinations_are_covered_and_all_verdicts_occur(
    questionnaire: Questionnaire,
) -> None:
    assert len(ALL) == 625
    seen = {verdict(questionnaire, s) for s in ALL}
    assert seen == set(VERDICTS)


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


def test_fit_is_monotonic_and_spans_0_to_100(questionnaire: Questionnaire) -> None:
    fits = {tuple(s.values()): automation_fit(questionnaire, s) for s in ALL}
    assert fits[(1, 5, 1, 1)] == 100
    assert fits[(5, 1, 5, 5)] == 0
    for s in ALL:
        for dim, sign in (
            ("complexity", -1),
            ("scale", 1),
            ("emotional_stakes", -1),
            ("tech_barrier", -1),
        ):
            if s[dim] < 5:
                moved = automation_fit(questionnaire, {**s, dim: s[dim] + 1})
                assert (moved - fits[tuple(s.values())]) * sign > 0


def test_high_emotional_stakes_never_automate(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if s["emotional_stakes"] >= 4:
            assert verdict(questionnaire, s) != "automate", s


def test_charged_moment_with_tech_barrier_stays_human(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if s["emotional_stakes"] >= 4 and s["tech_barrier"] >= 4:
            assert verdict(questionnaire, s) == "keep-human", s


def test_routine_high_volume_work_is_automated(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if (
            s["complexity"] <= 2
            and s["scale"] >= 4
            and s["emotional_stakes"] <= 2
            and s["tech_barrier"] <= 2
        ):
            assert verdict(questionnaire, s) == "automate", s


def test_complex_rare_charged_work_is_not_automated(questionnaire: Questionnaire) -> None:
    for s in ALL:
        if s["complexity"] >= 4 and s["scale"] <= 2 and s["emotional_stakes"] >= 3:
            assert verdict(questionnaire, s) == "keep-human", s


def test_borderline_lists_exactly_the_one_point_moves_that_flip(
    questionnaire: Questionnaire,
) -> None:
    flagged = 0
    for s in ALL:
        tp = Touchpoint(name="t", scores=s)
        result = assess_touchpoint(questionnaire, tp)
        expected = set()
        for dim in DIMS:
            for step in (-1, 1):
                moved = s[dim] + step
                if 1 <= moved <= 5:
                    other = verdict(questionnaire, {**s, dim: moved})
                    if other != result.recommendation:
                        expected.add((dim, moved, other))
        assert {(f.dimension, f.score, f.recommendation) for f in result.borderline} == expected, s
        flagged += bool(expected)
    assert 0 < flagged < 625


def test_borderline_message_names_the_answer(questionnaire: Questionnaire) -> None:
    # 1-4-3-1 is automated, but stakes of 4 trips the emotion guardrail.
    result = assess_touchpoint(
        questionnaire, Touchpoint(name="t", scores=dict(zip(DIMS, (1, 4, 3, 1), strict=True)))
    )
    assert result.recommendation == "automate"
    assert [f.message for f in result.borderline] == [
        "would become assist if emotional stakes were 4"
    ]


def test_assist_says_which_kind(questionnaire: Questionnaire) -> None:
    kinds = set()
    for s in ALL:
        result = assess_touchpoint(questionnaire, Touchpoint(name="t", scores=s))
        if result.recommendation == "assist":
            assert result.assist_kind is not None
            expected = "agent-assist" if s["tech_barrier"] >= 3 else "self-service-with-handoff"
            assert result.assist_kind.id == expected
            kinds.add(result.assist_kind.id)
        else:
            assert result.assist_kind is None
    assert kinds == {"agent-assist", "self-service-with-handoff"}


def test_reasons_name_the_answers_and_the_deciding_rule(questionnaire: Questionnaire) -> None:
    s = dict(zip(DIMS, (1, 5, 4, 1), strict=True))  # fit says automate; stakes 4 forbids it
    result = assess_touchpoint(questionnaire, Touchpoint(name="t", scores=s))
    assert result.recommendation == "assist"
    text = " ".join(result.reasons)
    assert "emotional stakes 4 (high)" in text
    assert "Emotion is the human's domain\u201d decides" in text
    assert "automate becomes assist" in text
    assert f"Automation fit {result.fit}/100" in text


def test_missing_score_is_unscored(questionnaire: Questionnaire) -> None:
    result = assess_touchpoint(
        questionnaire, Touchpoint(name="t", scores={"complexity": 2, "scale": None})
    )
    assert result.recommendation == "unscored"
    assert result.fit is None and result.borderline == ()
    assert result.missing == ("scale", "emotional_stakes", "tech_barrier")
    assert "scale, emotional stakes, technology as barrier" in result.reasons[0]


# --- the questionnaire's rules are checked when loaded -----------------------------------------


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_questionnaire(data, "q.yaml")
    return [str(p) for p in caught.value.problems]


def test_default_questionnaire_has_no_rule_problems(questionnaire: Questionnaire) -> None:
    assert check_questionnaire(questionnaire) == []


def test_rule_that_can_never_fire_is_reported(q_data: dict[str, Any]) -> None:
    q_data["rules"][1]["when"] = {"emotional_stakes": {"min": 6}}
    assert problems(q_data) == [
        "q.yaml: rule \"emotion-needs-a-person\", field 'when.emotional_stakes': "
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
    assert len(found) == 3  # three floors overlap the new ceiling
    assert found[0] == (
        'q.yaml: rules "emotion-needs-a-person" and "automate-chat", field \'when\': contradict: '
        "with scale 5, emotional stakes 4 both apply, one demands at least assist and the other at most automate"
    )


def test_rule_breaking_monotonicity_is_reported(q_data: dict[str, Any]) -> None:
    q_data["rules"][1]["when"] = {"emotional_stakes": {"min": 4}, "complexity": {"max": 2}}
    assert problems(q_data) == [
        "q.yaml: rule \"emotion-needs-a-person\", field 'when.complexity': 'max' on complexity breaks "
        "monotonicity: a rule that sets a floor (assist) may only ask for high complexity, or answering "
        "higher could move the verdict the wrong way"
    ]


def test_rule_without_effect_and_unknown_dimension_are_both_reported(
    q_data: dict[str, Any],
) -> None:
    q_data["rules"][1]["then"] = {"at_least": "automate"}
    q_data["rules"][2]["when"]["empathy"] = {"min": 3}
    assert problems(q_data) == [
        "q.yaml: rule \"emotion-needs-a-person\", field 'then': has no effect: every verdict is already at least automate",
        "q.yaml: rule \"technology-as-barrier\", field 'when.empathy': unknown dimension 'empathy' "
        "(known: complexity, scale, emotional_stakes, tech_barrier)",
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
    assert (
        automation_fit(q, {**s, "regulation": 5}) == 91
    )  # 10 of 11 weight points still argue for automation
